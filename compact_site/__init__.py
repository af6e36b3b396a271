"""compact-site: publish UK local compacts as linkable, accessible websites."""

__version__ = "0.1.0"
