"""Another component."""


def shared():
    pass


def sibling():
    pass


def cousin():
    pass


def far():
    pass
