"""Things, with a *reST* docstring."""


class Thing:
    """A thing."""

    def go(self):
        """Go."""
