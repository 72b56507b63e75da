"""Orders, saved and loaded with pickle."""

import pickle
from dataclasses import dataclass


@dataclass
class Order:
    """One customer order."""

    prices: list[float]

    def total(self) -> float:
        """The sum of the prices."""
        return sum(self.prices)


def load_orders(path: str) -> list[Order]:
    """Orders saved by an earlier run."""
    with open(path, "rb") as f:
        return pickle.load(f)
