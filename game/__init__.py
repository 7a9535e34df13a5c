"""Safe City: an educational game and scenario engine about urban surveillance."""

__version__ = "0.1.0"
