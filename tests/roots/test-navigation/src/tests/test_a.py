"""Tests of pkg.a."""

from pkg.a import Thing, run


def test_thing():
    assert Thing() is not None  # Thing in a comment is not a use
    run()
