"""The web interface: ``biennien serve`` (FastAPI, server-rendered pages) and the static HTML export."""

from __future__ import annotations

from biennien.web.app import create_app

__all__ = ["create_app"]
