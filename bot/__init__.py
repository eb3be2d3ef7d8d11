"""filmclub: a film-club bot core that never imports a chat platform."""

__version__ = "0.1.0"
