"""Shapes."""

from .base import Base


class Widget(Base):
    """A widget."""
