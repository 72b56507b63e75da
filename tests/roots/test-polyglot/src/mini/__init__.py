"""The Python front of mini."""

from .ops import add

__all__ = ["add"]
