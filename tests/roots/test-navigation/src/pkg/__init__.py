"""A package re-exporting its classes."""

from .a import Thing
