"""Deep module."""

from ..core import Engine


class Deep(Engine):
    """A deep engine."""
