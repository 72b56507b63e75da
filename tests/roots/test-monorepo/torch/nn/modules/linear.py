"""Fully connected layers."""


class Linear:
    """y = xA^T + b."""

    def forward(self, x):
        """Apply the layer."""
        return x
