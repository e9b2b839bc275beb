"""CLI commands: entities (list with aliases and mention counts), entity (one entity's events)."""

from __future__ import annotations

from collections import Counter

import typer
from rich.table import Table

from biennien.cli.app import app
from biennien.cli.build import DB_OPTION, open_or_exit
from biennien.cli.output import make_console, outlet_or_file
from biennien.export.timeline import date_label, sources_label
from biennien.model import Entity, Event
from biennien.vi.normalise import fold

console = make_console()


def find_entities(entities: list[Entity], name: str) -> list[Entity]:
    """Entities whose name or an alias matches ``name`` (accent-insensitive); exact matches first."""
    key = fold(name)
    exact = [e for e in entities if key in {fold(e.name), *(fold(a) for a in e.aliases)}]
    if exact:
        return exact
    return [e for e in entities if key in fold(e.name) or any(key in fold(a) for a in e.aliases)]


def events_of(entity: Entity, events: list[Event]) -> list[Event]:
    """The events the entity takes part in, in time order (undated last)."""
    names = {fold(entity.name), *(fold(a) for a in entity.aliases)}
    mine = [
        ev for ev in events if any(p.entity == entity.id or fold(p.name) in names for p in ev.participants)
    ]
    return sorted(mine, key=lambda e: (e.date is None, e.date or "", e.id))


@app.command(name="entities")
def entities_cmd(
    db: str = DB_OPTION,
    type: str | None = typer.Option(None, "--type", "-t", help="Only this type: PER, ORG, LOC, GPE."),
    limit: int = typer.Option(100, "--limit", "-n", help="At most this many rows."),
) -> None:
    """List entities with their aliases, roles and mention counts (most mentioned first).

    Examples:

      biennien entities --db chronicle.db

      biennien entities --db chronicle.db --type PER
    """
    store = open_or_exit(db)
    try:
        entities = store.entities(type.upper() if type else None)
    finally:
        store.close()
    table = Table(title=f"{len(entities)} entities" + (f" of type {type.upper()}" if type else ""))
    for col in ("name", "type", "mentions", "aliases", "roles"):
        table.add_column(col, overflow="fold")
    for e in entities[:limit]:
        aliases = ", ".join(a for a in e.aliases if a != e.name)
        table.add_row(e.name, e.type, str(len(e.mentions)), aliases, ", ".join(e.roles))
    console.print(table)


@app.command(name="entity")
def entity_cmd(
    name: str = typer.Argument(..., help="A name or alias (accents optional: 'to lam' finds 'Tô Lâm')."),
    db: str = DB_OPTION,
) -> None:
    """Show one entity: its aliases and roles, and its events in time order.

    Example:

      biennien entity "Tô Lâm" --db chronicle.db
    """
    store = open_or_exit(db)
    try:
        matches = find_entities(store.entities(), name)
        events = store.events()
        docs = {d["id"]: d for d in store.document_rows()}
    finally:
        store.close()
    duplicate_of = {d: row.get("duplicate_of") for d, row in docs.items()}
    if not matches:
        console.print(f"no entity named {name!r}")
        raise typer.Exit(1)
    for ent in matches[:5]:
        console.print(f"[bold]{ent.name}[/bold] ({ent.type}, {len(ent.mentions)} mentions)")
        if len(ent.aliases) > 1:
            console.print("  aliases: " + ", ".join(ent.aliases))
        if ent.roles:
            console.print("  roles: " + ", ".join(ent.roles))
        own = events_of(ent, events)
        if own:
            table = Table(show_header=True)
            for col in ("date", "type", "summary", "sources"):
                table.add_column(col, overflow="fold")
            for ev in own:
                table.add_row(
                    date_label(ev.date, ev.date_mod, ev.date_end),
                    ev.type,
                    ev.summary,
                    sources_label(ev, duplicate_of),
                )
            console.print(table)
        else:
            console.print("  no events name it")
        # where it is mentioned, so a name without events can still be traced to its articles
        counts = Counter(m.doc for m in ent.mentions)
        table = Table(title=f"mentioned in {len(counts)} articles", title_justify="left")
        for col in ("mentions", "article", "outlet", "reference date", "title"):
            table.add_column(col, overflow="fold")
        for doc, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:10]:
            row = docs.get(doc, {})
            outlet = outlet_or_file(row, doc)
            table.add_row(str(n), doc, outlet, row.get("reference_date") or "", row.get("title") or "")
        console.print(table)
