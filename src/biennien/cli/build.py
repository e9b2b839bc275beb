"""CLI commands: build, export, documents."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from biennien.cli.app import app
from biennien.cli.output import make_console
from biennien.engines import Engine, EngineError
from biennien.export.contract import chronicle_dict
from biennien.export.writers import write_csv, write_json, write_jsonl
from biennien.ingest.limits import DEFAULT_LIMITS
from biennien.lock import StoreLockedError
from biennien.model import Document, Failure
from biennien.store import Store, StoreError, open_store

console = make_console()
err_console = make_console(stderr=True)

DB_OPTION = typer.Option("chronicle.db", "--db", parser=str, help="SQLite file or postgresql:// URL.")


def open_or_exit(db: str | Path, *, readonly: bool = True) -> Store:
    """Open a store for a command, turning store errors into one clear line and exit 2."""
    try:
        return open_store(db, readonly=readonly)
    except StoreError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} files/s" if speed else "– files/s", style="cyan")


@app.command(name="build")
def build_cmd(
    paths: list[str] = typer.Argument(
        ..., help="Files or folders of articles (searched recursively), or - for stdin."
    ),
    db: str = DB_OPTION,
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-w", min=1, help="Processes for analysis (default: all cores)."
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine", help="Where analysis runs: local processes, or a Dask cluster."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://HOST:PORT); default: a local Dask cluster."
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="An input that cannot be read stops the build before anything is written; "
        "any failed input (one whose analysis fails included) makes the exit status 1.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; only the summary."),
    wait_lock: float = typer.Option(
        0.0,
        "--wait-lock",
        min=0.0,
        help="If another build is writing this store, wait up to this many seconds.",
    ),
    max_file_size: int = typer.Option(
        DEFAULT_LIMITS.max_bytes,
        "--max-file-size",
        min=1,
        help="Refuse input files larger than this (bytes).",
    ),
    max_article_chars: int = typer.Option(
        DEFAULT_LIMITS.max_chars, "--max-article-chars", min=1, help="Refuse articles longer than this."
    ),
    max_feed_items: int = typer.Option(
        DEFAULT_LIMITS.max_items,
        "--max-feed-items",
        min=1,
        help="Read at most this many items per feed or JSON file.",
    ),
) -> None:
    """Ingest, analyse and store articles, then link them into one chronicle.

    Documents are identified by a hash of their normalised text, so running the
    same build again adds nothing and adding files adds only those.

    Examples:

      biennien build ../shared/seeds --db chronicle.db

      cat article.txt | biennien build - --db chronicle.db

      biennien build news/ more.jsonl feed.xml --db news.db --strict

      biennien build archive/ --db archive.db --engine dask --scheduler tcp://10.0.0.5:8786
    """
    # the pipeline (analysers, link, numpy, scipy) is loaded only by the commands that build: the readers
    # of a store (timeline, export, search, serve) start without it
    from biennien.build import build as run_build

    try:
        store = open_store(db)
    except StoreError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    shown_db = store.path  # a PostgreSQL URL without its password
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} files"),
        _RateColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=False,
    )

    with progress:
        task = progress.add_task("building", total=None)

        def on_item(status: str, item: Document | Failure) -> None:
            progress.advance(task)
            if status == "failed" and not quiet:
                progress.console.print(f"[yellow]failed[/yellow] {item}")

        try:
            report = run_build(
                paths,
                store,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                strict=strict,
                progress=on_item,
                lock_wait=wait_lock,
                limits=replace(
                    DEFAULT_LIMITS,
                    max_bytes=max_file_size,
                    max_chars=max_article_chars,
                    max_items=max_feed_items,
                ),
            )
        except (EngineError, StoreLockedError) as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        finally:
            store.close()
        progress.update(task, description="done", total=report.seen, completed=report.seen)

    summary = Table(title=f"biennien build → {shown_db}", show_header=False)
    summary.add_row("documents added", str(len(report.added)))
    summary.add_row("skipped (already stored)", str(len(report.skipped)))
    summary.add_row("failed", str(len(report.failed)))
    if report.link:
        summary.add_row("entities", str(report.link.entities))
        summary.add_row("events", str(report.link.events))
        summary.add_row("facts", str(report.link.facts))
    console.print(summary)
    for w in report.warnings:
        console.print(f"[yellow]note[/yellow] {w}")
    for f in report.failed:
        console.print(f"[red]failed[/red] {f}")
    if strict and report.failed:
        # inputs that cannot be read stop a strict build before anything is written; an article whose
        # analysis fails is found while the others are being stored, and they stay stored
        if report.added:
            console.print(
                f"[red]--strict: {len(report.failed)} failed; the other articles were written[/red]"
            )
        else:
            console.print("[red]--strict: nothing was written[/red]")
        raise typer.Exit(1)
    if report.seen == 0:
        console.print(
            f"[red]no articles found[/red] under {', '.join(paths)} (.txt, .html, .json, .jsonl, feeds)"
        )
        raise typer.Exit(1)
    raise typer.Exit(report.exit_code())


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


@app.command(name="export")
def export_cmd(
    db: str = DB_OPTION,
    format: ExportFormat = typer.Option(
        ExportFormat.json, "--format", "-f", help="json, jsonl, csv (a folder), or html (a site folder)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Output file (a folder for csv); default stdout."
    ),
) -> None:
    """Write the chronicle in the export contract (docs/export.md).

    Examples:

      biennien export --db chronicle.db --format json -o chronicle.json

      biennien export --db chronicle.db --format csv -o chronicle-csv/

      biennien export --db chronicle.db --format html -o site/
    """
    if format is ExportFormat.html:
        from biennien.export.html import write_html

        if output is None:
            err_console.print("[red]error:[/red] --format html needs --output FOLDER")
            raise typer.Exit(2)
        html_store = open_or_exit(db)
        try:
            written = write_html(html_store, output)
        finally:
            html_store.close()
        err_console.print(f"wrote {len(written)} files to {output} (open {output / 'index.html'})")
        return
    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output, as for input
    store = open_or_exit(db)
    try:
        data = chronicle_dict(store)
    finally:
        store.close()
    if format is ExportFormat.csv:
        if output is None:
            err_console.print("[red]error:[/red] --format csv needs --output FOLDER")
            raise typer.Exit(2)
        for path in write_csv(data, output):
            err_console.print(f"wrote {path}")
    elif format is ExportFormat.jsonl:
        write_jsonl(data, output, sys.stdout)
    else:
        write_json(data, output, sys.stdout)
    if output is not None and format is not ExportFormat.csv:
        err_console.print(f"wrote {output}")


@app.command(name="documents")
def documents_cmd(db: str = DB_OPTION) -> None:
    """List stored documents: id, outlet, published, reference date and its basis, title.

    Example:

      biennien documents --db chronicle.db
    """
    store = open_or_exit(db)
    try:
        rows = store.document_rows()
    finally:
        store.close()
    table = Table(title=f"{len(rows)} documents")
    table.add_column("id", no_wrap=True, min_width=17)
    table.add_column("outlet", max_width=16)
    table.add_column("published", min_width=10)
    table.add_column("reference date", no_wrap=True, min_width=10)
    table.add_column("basis", no_wrap=True, min_width=8)
    table.add_column("title", overflow="fold", ratio=1)
    for r in rows:
        table.add_row(
            r["id"],
            r["outlet"] or "",
            r["published"] or "",
            r["reference_date"] or "",
            r["reference_date_basis"],
            (r["title"] or "")[:90],
        )
    console.print(table)
