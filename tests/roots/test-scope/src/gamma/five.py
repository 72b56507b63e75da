"""A third component."""


def far():
    pass


def unique_name():
    pass
