"""Analysis: everything that needs more than one file."""
