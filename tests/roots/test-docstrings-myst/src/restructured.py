"""A reST docstring that calls :func:`tool` and :repo:func:`tool`.

Example::

    tool()
"""


def tool():
    """Tool."""
