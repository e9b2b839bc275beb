"""The ``biennien`` command line."""

from __future__ import annotations

import typer

from biennien import __version__

app = typer.Typer(help="biennien: a sourced chronicle from Vietnamese news.", no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"biennien {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """biennien: a sourced chronicle from Vietnamese news."""


def main() -> None:
    app()
