"""The SQLite store: connection, migrations and SQL, one module per aggregate."""

from bot.store.sqlite import SqliteStore

__all__ = ["SqliteStore"]
