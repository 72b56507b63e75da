"""Scope probe.

Same file :func:`shared`, same folder :func:`sibling`, same component :func:`cousin`,
elsewhere :func:`far`.
"""


def shared():
    """Defined in every file."""


class Alpha:
    def run(self):
        """Alpha's run."""


class Beta:
    def run(self):
        """Beta's run."""
