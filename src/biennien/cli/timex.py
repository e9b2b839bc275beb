"""CLI command: timex (tag time expressions in any text)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from biennien.cli.app import app
from biennien.ingest import iter_documents
from biennien.model import Failure, Timex
from biennien.vi.normalise import analysis_text, nfc

console = Console()
err_console = Console(stderr=True)


class TimexFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _parse_dct(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--dct") from exc


def _emit(source: str, text: str, timexes: list[Timex], fmt: TimexFormat, dct: str | None) -> None:
    if fmt is TimexFormat.jsonl:
        for t in timexes:
            rec = {"source": source, "dct": dct, **t.to_dict(), "text": text[t.start : t.end]}
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{source}  (reference date: {dct or 'none'})")
    for col in ("start", "end", "text", "type", "value", "mod", "end value"):
        table.add_column(col)
    for t in timexes:
        table.add_row(
            str(t.start), str(t.end), text[t.start : t.end], t.type, t.value, t.mod or "", t.value_end or ""
        )
    console.print(table)


@app.command(name="timex")
def timex_cmd(
    target: str = typer.Argument("-", help="A file, a folder of articles, or - for stdin."),
    dct: str | None = typer.Option(
        None, "--dct", help="Reference date YYYY-MM-DD (default: each document's own, as ingest finds it)."
    ),
    format: TimexFormat = typer.Option(TimexFormat.table, "--format", "-f", help="jsonl or table."),
) -> None:
    """Tag the time expressions in a text and print their TIMEX3 values.

    Examples:

      echo "Chiều 13-2, Tổng Bí thư tiếp..." | biennien timex - --dct 2026-02-14

      biennien timex ../shared/seeds --format jsonl
    """
    from biennien.analyse.timex import tag  # loaded by this command only (the analysers' tables)

    ref = _parse_dct(dct)
    if target == "-":
        text = nfc(sys.stdin.read())
        _emit("-", text, tag(analysis_text(text), ref), format, ref)
        return
    path = Path(target)
    if not path.exists():
        err_console.print(f"[red]error:[/red] {target}: no such file or folder")
        raise typer.Exit(2)
    failed = 0
    for item in iter_documents([target]):
        if isinstance(item, Failure):
            err_console.print(f"[yellow]skipped[/yellow] {item}")
            failed += 1
            continue
        doc_ref = ref or item.reference_date
        text = item.text
        _emit(item.source, text, tag(analysis_text(text, item.skip_spans), doc_ref), format, doc_ref)
    if failed:
        raise typer.Exit(1)
