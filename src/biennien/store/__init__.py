"""The chronicle store: SQLite (a file) or PostgreSQL (a ``postgresql://`` URL).

``open_store(target)`` (or ``Store(target)``) picks the backend from the
target; both have the same schema (``schema.sql``, ``schema_pg.sql``), the
same migrations mechanism and the same methods (``base.Store``).
"""

from biennien.store.base import SCHEMA_VERSION, Store, StoreError, is_postgres_url, iter_chunks, open_store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "is_postgres_url", "iter_chunks", "open_store"]
