"""The store: every SQL statement of khabar lives in this package (SQLite now; PostgreSQL later)."""

from khabar.store.db import connect

__all__ = ["connect"]
