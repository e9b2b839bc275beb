"""CLI command: stories (articles grouped by the story they tell)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from biennien.cli.app import app
from biennien.cli.build import DB_OPTION, open_or_exit
from biennien.cli.output import make_console

console = make_console()


@app.command(name="stories")
def stories_cmd(
    db: str = DB_OPTION,
    min_docs: int = typer.Option(1, "--min-docs", "-m", min=1, help="Only stories with this many articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the stories as JSON (as in the export)."),
) -> None:
    """List the stories: id, first and last date, number of articles, title.

    Show one story's timeline with ``biennien timeline --story ID``.

    Examples:

      biennien stories --db chronicle.db

      biennien stories --db chronicle.db --min-docs 3
    """
    store = open_or_exit(db)
    try:
        stories = [s for s in store.stories() if len(s.get("documents", [])) >= min_docs]
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(stories, ensure_ascii=False, indent=2))
        return
    if not stories:
        console.print("no stories (build the chronicle first, or lower --min-docs)")
        return
    table = Table(show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("title")
    for s in stories:
        table.add_row(
            s["id"],
            s.get("first") or "",
            s.get("last") or "",
            str(len(s.get("documents", []))),
            s.get("title") or "",
        )
    console.print(table)
