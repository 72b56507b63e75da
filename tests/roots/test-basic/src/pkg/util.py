"""Helpers for the engine."""


def helper(name: str) -> bool:
    """Help with ``name``."""
    return bool(name)


def start() -> None:
    """A second ``start``, at module level."""
