"""Base classes."""


class Base:
    """The base of everything."""
