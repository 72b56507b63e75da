"""Module a."""


class Thing:
    """A thing."""


def run():
    """Run here."""
