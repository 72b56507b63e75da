"""A module."""


def work():
    """Work."""
