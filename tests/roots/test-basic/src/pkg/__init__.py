"""The pkg package: engines and helpers."""

from .core import Engine

__all__ = ["Engine"]
