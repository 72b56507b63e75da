"""Nothing to watch out for here."""


def add(a, b):
    # eval(a) is only mentioned in a comment
    return a + b
