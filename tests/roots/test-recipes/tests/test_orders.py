"""Tests of shop.orders."""

from shop.orders import Order


def test_total():
    assert Order([1.0, 2.5]).total() == 3.5
