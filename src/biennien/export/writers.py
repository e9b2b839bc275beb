"""Writers for the export formats: one JSON object, JSON Lines, or a folder of CSV files."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from biennien.export.contract import TABLES


def _atomic_text(path: Path, write: Any) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a crash leaves the old file or the new one, never half)."""
    _atomic_text(path, lambda fh: fh.write(text))


def write_json(data: dict[str, Any], out: Path | None, stream: TextIO | None = None) -> None:
    def w(fh: TextIO) -> None:
        json.dump(data, fh, ensure_ascii=False, indent=2, sort_keys=False)
        fh.write("\n")

    if out is None:
        assert stream is not None
        w(stream)
    else:
        _atomic_text(out, w)


def write_jsonl(data: dict[str, Any], out: Path | None, stream: TextIO | None = None) -> None:
    """One record per line, each with a ``"table"`` field naming its list in the contract."""

    def w(fh: TextIO) -> None:
        fh.write(json.dumps({"table": "meta", "format_version": data["format_version"]}) + "\n")
        for table in TABLES:
            for rec in data.get(table, []):
                fh.write(json.dumps({"table": table, **rec}, ensure_ascii=False) + "\n")

    if out is None:
        assert stream is not None
        w(stream)
    else:
        _atomic_text(out, w)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(data: dict[str, Any], folder: Path) -> list[Path]:
    """One CSV file per table (``documents.csv``, ``events.csv``, ``facts.csv``...).

    Nested fields (evidence, participants) are written as JSON in their cell;
    evidence also gets its own flat tables (``event_evidence.csv``,
    ``fact_evidence.csv``) so spreadsheets can join on ids.
    """
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = {t: list(data.get(t, [])) for t in TABLES}
    tables["event_evidence"] = [
        {"event": ev["id"], **e} for ev in data.get("events", []) for e in ev.get("evidence", [])
    ]
    tables["fact_evidence"] = [
        {"fact": f["id"], **e} for f in data.get("facts", []) for e in f.get("evidence", [])
    ]
    written = []
    for name, rows in tables.items():
        columns: list[str] = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
        path = folder / f"{name}.csv"

        def w(fh: TextIO, rows: list[dict[str, Any]] = rows, columns: list[str] = columns) -> None:
            writer = csv.DictWriter(fh, fieldnames=columns or ["id"])
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})

        _atomic_text(path, w)
        written.append(path)
    return written
