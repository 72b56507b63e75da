"""Colours."""

RED = 1
