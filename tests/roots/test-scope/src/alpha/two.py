"""Same folder as one.py."""


def shared():
    pass


def sibling():
    pass
