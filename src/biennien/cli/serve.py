"""CLI commands: serve (the web interface over a store)."""

from __future__ import annotations

import ipaddress
import os

import typer

from biennien.cli.app import app
from biennien.cli.output import make_console

err_console = make_console(stderr=True)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command(name="serve")
def serve_cmd(
    db: str = typer.Option(
        "chronicle.db", "--db", parser=str, help="SQLite file or postgresql:// URL (opened read-only)."
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; anything but loopback is public."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    read_only_token: str | None = typer.Option(
        None,
        "--read-only-token",
        envvar="BIENNIEN_TOKEN",
        help="Require this token (Authorization: Bearer T, or basic auth with T as the password).",
    ),
) -> None:
    """Serve the chronicle in a browser: timeline, events, entities, facts, articles, search, /api/.

    The store is opened read-only, so a `build` may keep writing to it; pages
    follow its changes.

    Examples:

      biennien serve --db chronicle.db

      biennien serve --db chronicle.db --host 0.0.0.0 --read-only-token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from biennien.store.sqlite import Store, StoreError
    from biennien.web.app import create_app

    try:
        probe = Store(db, readonly=True)
        shown_db = probe.path  # a PostgreSQL URL without its password
        probe.close()
    except StoreError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if not is_loopback(host):
        err_console.print(
            f"[yellow]warning:[/yellow] binding to {host}: the chronicle is reachable from other machines"
            + ("" if read_only_token else "; consider --read-only-token")
        )
    if read_only_token is not None and len(read_only_token) < 8:
        err_console.print("[red]error:[/red] --read-only-token must be at least 8 characters")
        raise typer.Exit(2)
    err_console.print(f"biennien: serving {shown_db} on http://{host}:{port}/ (Ctrl+C to stop)")
    application = create_app(db, token=read_only_token)
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=os.environ.get("BIENNIEN_LOG", "warning"),
        server_header=False,
        h11_max_incomplete_event_size=16 * 1024,
        limit_concurrency=256,
        timeout_keep_alive=5,
    )
