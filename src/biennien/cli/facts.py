"""CLI commands: facts (the fact table, conflicts)."""

from __future__ import annotations

import typer
from rich.table import Table

from biennien.cli.app import app
from biennien.cli.build import DB_OPTION, open_or_exit
from biennien.cli.output import make_console, outlet_or_file
from biennien.export.timeline import sources_label
from biennien.model import Fact
from biennien.vi.normalise import fold

console = make_console()

_SCALES = ((1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu"), (1e3, "nghìn"))


def format_value(f: Fact) -> str:
    """A figure as a Vietnamese reader writes it: ``15,8 tỷ USD``, ``28,6%``, ``thứ 11/108``."""

    def num(v: float) -> str:
        if abs(v) >= 1e6:
            for scale, word in _SCALES:
                if abs(v) >= scale:
                    return f"{_vi_number(v / scale)} {word}"
        return _vi_number(v)

    if f.unit == "rank":
        return f"thứ {int(f.value)}" + (f"/{f.rank_of}" if f.rank_of else "")
    text = num(f.value)
    if f.value_end is not None:
        text += f"–{num(f.value_end)}"
    unit = {"%": "%", "count": f" {f.counted or ''}".rstrip(), "times": " lần"}.get(f.unit, f" {f.unit}")
    return text + unit


def _vi_number(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    return f"{v:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")


def _articles(f: Fact, outlets: dict[str, str], limit: int = 3) -> str:
    """Where a figure was read: outlet (or file name) and document id, so it can be looked up
    (``biennien documents``, the web's ``/doc/ID``)."""
    docs = sorted({e.doc for e in f.evidence})
    shown = [f"{outlets.get(d, d)} ({d})" for d in docs[:limit]]
    return "; ".join(shown) + (f"; +{len(docs) - limit}" if len(docs) > limit else "")


def matches(text: str | None, query: str | None) -> bool:
    return query is None or (text is not None and fold(query) in fold(text))


@app.command(name="facts")
def facts_cmd(
    db: str = DB_OPTION,
    measure: str | None = typer.Option(None, "--measure", "-m", help="Only measures containing this text."),
    subject: str | None = typer.Option(None, "--subject", "-s", help="Only subjects containing this text."),
    conflicts: bool = typer.Option(False, "--conflicts", help="Only facts that disagree, side by side."),
) -> None:
    """Print the facts: value, unit, qualifier, measure, subject, period, number of sources.

    Examples:

      biennien facts --db chronicle.db

      biennien facts --db chronicle.db --measure "kim ngạch" --subject "Hoa Kỳ"

      biennien facts --db chronicle.db --conflicts
    """
    store = open_or_exit(db)
    try:
        facts = [f for f in store.facts() if matches(f.measure, measure) and matches(f.subject, subject)]
        rows = store.document_rows()
        outlets = {d["id"]: outlet_or_file(d, d["id"]) for d in rows}
        duplicate_of = {d["id"]: d.get("duplicate_of") for d in rows}
    finally:
        store.close()
    if conflicts:
        by_id = {f.id: f for f in facts}
        shown: set[tuple[str, str]] = set()
        table = Table(title="conflicting figures")
        for col in ("measure", "subject", "period", "value", "sources", "other value", "other sources"):
            table.add_column(col, overflow="fold")
        for f in facts:
            for other_id in f.conflicts_with:
                other = by_id.get(other_id)
                pair = tuple(sorted((f.id, other_id)))
                if other is None or pair in shown:
                    continue
                shown.add((pair[0], pair[1]))
                table.add_row(
                    f.measure,
                    f.subject or "",
                    f.period or "",
                    format_value(f),
                    ", ".join(sorted({outlets.get(e.doc, e.doc) for e in f.evidence})),
                    format_value(other),
                    ", ".join(sorted({outlets.get(e.doc, e.doc) for e in other.evidence})),
                )
        console.print(table if shown else "no conflicting figures")
        return
    table = Table(title=f"{len(facts)} facts")
    for col in ("measure", "subject", "period", "value", "qualifier", "sources", "articles", "conflict"):
        table.add_column(col, overflow="fold")
    for f in facts:
        table.add_row(
            f.measure,
            f.subject or "",
            (f.period or "") + (f" ({f.period_mod})" if f.period_mod else ""),
            format_value(f),
            f.qualifier or "",
            sources_label(f, duplicate_of),
            _articles(f, outlets),
            "⚠" if f.conflicts_with else "",
        )
    console.print(table)
