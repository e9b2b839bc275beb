"""CLI command: timeline (the chronicle's events in time order, as a table or Markdown)."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from biennien.cli.app import app
from biennien.cli.build import DB_OPTION, open_or_exit
from biennien.cli.entities import find_entities
from biennien.cli.output import make_console
from biennien.export.markdown import timeline_markdown
from biennien.export.timeline import TimelineFilter, date_label, select_events, sources_label
from biennien.export.writers import atomic_write_text

console = make_console()
err_console = make_console(stderr=True)


class TimelineFormat(StrEnum):
    table = "table"
    md = "md"


@app.command(name="timeline")
def timeline_cmd(
    db: str = DB_OPTION,
    start: str | None = typer.Option(None, "--from", help="First date shown: YYYY, YYYY-MM or YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Last date shown: YYYY, YYYY-MM or YYYY-MM-DD."),
    entity: str | None = typer.Option(
        None, "--entity", "-e", help="Only events with this participant (name or alias, accents optional)."
    ),
    type: str | None = typer.Option(None, "--type", "-t", help="Only this event type (meeting, visit...)."),
    story: str | None = typer.Option(None, "--story", "-s", help="Only events of this story id."),
    undated: bool = typer.Option(False, "--undated", help="Also list events with no date (at the end)."),
    format: TimelineFormat = typer.Option(
        TimelineFormat.table,
        "--format",
        "-f",
        help="table (terminal) or md (Markdown with footnoted sources).",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Show the timeline: every dated event once, with how many independent sources report it.

    Examples:

      biennien timeline --db chronicle.db

      biennien timeline --db chronicle.db --from 2025-07 --to 2026-02 --entity "to lam"

      biennien timeline --db chronicle.db --format md -o timeline.md
    """
    store = open_or_exit(db)
    try:
        events = store.events()
        entities = find_entities(store.entities(), entity) if entity else []
        stories = store.stories() if story else []
        documents = {r["id"]: r for r in store.document_rows()}
    finally:
        store.close()
    if entity and not entities:
        err_console.print(f"[yellow]no entity named {entity!r}[/yellow]")
    if story and not any(s.get("id") == story for s in stories):
        err_console.print(f"[red]error:[/red] no story {story!r} (see `biennien stories`)")
        raise typer.Exit(2)
    flt = TimelineFilter(start=start, end=end, entity=entity, type=type, story=story, include_undated=undated)
    try:
        shown = select_events(events, flt, entities=entities, stories=stories)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if format is TimelineFormat.md:
        text = timeline_markdown(shown, documents)
        if output is None:
            typer.echo(text, nl=False)
        else:
            atomic_write_text(output, text)
            err_console.print(f"wrote {output} ({len(shown)} events)")
        return
    dup = {d: row.get("duplicate_of") for d, row in documents.items()}
    table = Table(title=f"{len(shown)} events", show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("summary", overflow="fold", ratio=3)
    table.add_column("who", overflow="fold", ratio=1)
    table.add_column("sources", justify="right")
    year = None
    for ev in shown:
        this_year = (ev.date or "")[:4]
        if year is not None and this_year != year:
            table.add_section()
        year = this_year
        who = ", ".join(dict.fromkeys(p.name for p in ev.participants))
        table.add_row(
            date_label(ev.date, ev.date_mod, ev.date_end),
            ev.type,
            ev.summary,
            who,
            sources_label(ev, dup),
        )
    if output is not None:
        buffer = Console(width=160, record=True, file=io.StringIO())
        buffer.print(table)
        atomic_write_text(output, buffer.export_text())
        err_console.print(f"wrote {output}")
    else:
        console.print(table)
    if not shown:
        hidden = sum(1 for ev in events if ev.date is None)
        if hidden and not undated:
            err_console.print(f"{hidden} events have no date; --undated lists them")
