"""Tests of the core engine."""

from pkg.core import Engine


def test_engine_starts():
    assert Engine("x").start()


class TestEngine:
    def test_name(self):
        assert Engine("y").name == "y"
