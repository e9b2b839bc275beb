"""The typer application every command module registers on."""

from __future__ import annotations

import typer

from biennien import __version__

app = typer.Typer(
    help="biennien: a sourced chronicle from Vietnamese news articles.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"biennien {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """biennien: a sourced chronicle from Vietnamese news articles."""
