"""The chronicle store (SQLite; schema in ``schema.sql``)."""

from biennien.store.sqlite import SCHEMA_VERSION, Store, StoreError, open_store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "open_store"]
