"""A small shop: orders and their totals."""

from .orders import Order

__all__ = ["Order"]
