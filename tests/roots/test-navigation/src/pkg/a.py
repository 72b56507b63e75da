"""Module a."""


class Thing:
    """A thing."""


def run():
    """Run here."""


class Box:
    """A box."""

    def open(self):
        """Open it."""
        return run()
