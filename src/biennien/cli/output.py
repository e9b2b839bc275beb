"""Consoles for the commands' output, and how their tables name an article's source.

Rich draws tables as wide as the terminal, and 80 columns when the output goes to a pipe or a
file, where a ``documents`` title would wrap one word per line.  Piped or saved output gets a
width that fits the tables instead (``COLUMNS`` still wins when set).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console

PIPED_WIDTH = 160


def make_console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    if os.environ.get("COLUMNS") or _is_terminal(stream):
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPED_WIDTH)


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def outlet_or_file(row: Mapping[str, Any], doc_id: str) -> str:
    """How a table names an article's source: its outlet, else the name of the file it came from."""
    return row.get("outlet") or Path(row.get("source") or doc_id).name
