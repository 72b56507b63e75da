"""The lib package."""
