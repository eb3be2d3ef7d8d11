"""The SQLite store: connection, migrations and SQL, one module per aggregate."""

from bot.store.db import DatabaseGone
from bot.store.sqlite import SqliteStore

__all__ = ["DatabaseGone", "SqliteStore"]
