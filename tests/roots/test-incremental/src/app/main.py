"""Entry point."""

from lib.shapes import Widget


def main():
    """Run."""
    return Widget()
