"""CLI command ``series``: one measure over its periods, in time order, optionally as a PNG chart.

A measure reported for several periods (mid-2024, January 2026) is a time
series, not a conflict; this command lines those facts up.  Facts without a
period cannot be placed in time and are left out (the count is printed).
"""

from __future__ import annotations

import re
from pathlib import Path

import typer
from rich.table import Table

from biennien.cli.app import app
from biennien.cli.build import DB_OPTION, open_or_exit
from biennien.cli.facts import format_value, matches
from biennien.cli.output import make_console
from biennien.export.timeline import sources_label
from biennien.model import Fact

console = make_console()

_PERIOD = re.compile(r"(\d{4})(?:-(?:(\d{2})|Q(\d)|H(\d)|W(\d{2})))?(?:-(\d{2}))?")
_MOD_OFFSET = {"START": 0.1, "MID": 0.5, "END": 0.9}


def period_position(period: str, mod: str | None = None) -> float | None:
    """A TIMEX3 date as a fractional year, for ordering and plotting: ``2026-01`` -> 2026.04."""
    m = _PERIOD.match(period)
    if m is None:
        return None
    year, month, quarter, half, week, day = m.groups()
    pos = float(year)
    if month:
        pos += (int(month) - 1) / 12 + (int(day) - 1) / 365 if day else (int(month) - 0.5) / 12
    elif quarter:
        pos += (int(quarter) - 0.5) / 4
    elif half:
        pos += (int(half) - 0.5) / 2
    elif week:
        pos += (int(week) - 0.5) / 52
    else:
        pos += _MOD_OFFSET.get(mod or "", 0.5)
    return pos


def series_of(facts: list[Fact], measure: str, subject: str | None) -> tuple[list[Fact], int]:
    """The dated facts for a measure in time order, and how many matching facts had no period."""
    chosen = [f for f in facts if matches(f.measure, measure) and matches(f.subject, subject)]
    dated = [(period_position(f.period, f.period_mod), f) for f in chosen if f.period]
    placed = sorted(((p, f) for p, f in dated if p is not None), key=lambda x: (x[0], x[1].unit, x[1].id))
    return [f for _, f in placed], len(chosen) - len(placed)


def plot_series(facts: list[Fact], path: Path, title: str) -> None:
    """A line chart per unit (one axis each), written as a PNG with the Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    units = sorted({f.unit for f in facts})
    fig, axes = plt.subplots(len(units), 1, figsize=(8, 3 * len(units)), squeeze=False)
    for ax, unit in zip(axes[:, 0], units, strict=True):
        pts = [(period_position(f.period or "", f.period_mod), f) for f in facts if f.unit == unit]
        xs = [p for p, _ in pts if p is not None]
        ys = [f.value for p, f in pts if p is not None]
        ax.plot(xs, ys, marker="o")
        for x, (_, f) in zip(xs, pts, strict=False):
            ax.annotate(f.period or "", (x, f.value), textcoords="offset points", xytext=(0, 6), fontsize=8)
        ax.set_ylabel(unit)
        ax.grid(True, alpha=0.3)
    axes[0, 0].set_title(title)
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)


@app.command(name="series")
def series_cmd(
    measure: str = typer.Option(..., "--measure", "-m", help="Measures containing this text."),
    subject: str | None = typer.Option(None, "--subject", "-s", help="Only subjects containing this text."),
    db: str = DB_OPTION,
    plot: Path | None = typer.Option(None, "--plot", help="Write a PNG chart of the series to this file."),
) -> None:
    """Print a measure over its periods in time order; --plot FILE draws it.

    Examples:

      biennien series --db chronicle.db --measure "kim ngạch thương mại"

      biennien series --db chronicle.db --measure "xuất khẩu" --subject "Việt Nam" --plot xk.png
    """
    store = open_or_exit(db)
    try:
        facts, undated = series_of(store.facts(), measure, subject)
        duplicate_of = {d["id"]: d.get("duplicate_of") for d in store.document_rows()}
    finally:
        store.close()
    if not facts:
        console.print(
            f"no dated facts for measure '{measure}'" + (f" ({undated} without a period)" if undated else "")
        )
        raise typer.Exit(1)
    table = Table(title=f"{measure}: {len(facts)} dated facts")
    for col in ("period", "value", "qualifier", "measure", "subject", "sources", "conflict"):
        table.add_column(col, overflow="fold")
    for f in facts:
        table.add_row(
            (f.period or "") + (f" ({f.period_mod})" if f.period_mod else ""),
            format_value(f) + (" ↑" if f.direction == "up" else " ↓" if f.direction == "down" else ""),
            f.qualifier or "",
            f.measure,
            f.subject or "",
            sources_label(f, duplicate_of),
            "⚠" if f.conflicts_with else "",
        )
    console.print(table)
    if undated:
        console.print(f"({undated} matching facts have no period and are not in the series)")
    if plot is not None:
        plot_series(facts, plot, measure)
        console.print(f"chart written to {plot}")
