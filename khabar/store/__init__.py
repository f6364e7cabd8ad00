"""The store: every SQL statement of khabar lives in this package, run on SQLite (a file) or
PostgreSQL (a `postgresql://` URL, `store.pg`) alike."""

from khabar.store.db import connect

__all__ = ["connect"]
