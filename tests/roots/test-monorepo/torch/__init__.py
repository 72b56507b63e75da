"""Tensors and neural networks."""

from . import nn
