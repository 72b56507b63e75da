"""Same component as one.py."""


def shared():
    pass


def sibling():
    pass


def cousin():
    pass
