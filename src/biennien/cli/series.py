"""CLI commands: series."""

from __future__ import annotations

from biennien.cli.app import app  # noqa: F401
