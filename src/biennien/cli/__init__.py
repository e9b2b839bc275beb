"""The ``biennien`` command line: one module per group of commands.

Each module registers its commands on ``biennien.cli.app.app`` when imported.
"""

from __future__ import annotations

from biennien.cli import build, entities, facts, series, serve, stories, timeline, timex  # noqa: F401  (registers commands)
from biennien.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
