"""A reST docstring that calls :func:`tool`.

Example::

    tool()
"""


def tool():
    """Tool."""
