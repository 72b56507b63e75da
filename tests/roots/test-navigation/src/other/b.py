"""Module b."""


def run():
    """Run there."""
