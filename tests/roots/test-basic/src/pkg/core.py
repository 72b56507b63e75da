"""Core engine.

The engine starts and stops things.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import requests

from . import util
from .util import helper

if TYPE_CHECKING:
    from .sub.deep import Deep

LIMIT = 10


class Engine:
    """Runs jobs.

    Args:
        name: The engine's name.
        size: How many jobs at once.
    """

    kind = "engine"

    def __init__(self, name: str, size: int = 1) -> None:
        self.name = name

    def start(self) -> bool:
        """Start the engine."""
        return helper(self.name)

    @property
    def size(self) -> int:
        """How big it is."""
        return 1

    @size.setter
    def size(self, value: int) -> None:
        pass

    class Part:
        """A part of the engine."""

        def spin(self):
            """Spin the part."""


def run(engine: Engine, *, fast: bool = False) -> None:
    """Run an engine, see :class:`Engine` and :func:`nothing_here`."""
    os.getcwd()
