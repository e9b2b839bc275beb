"""A throw-away PostgreSQL server on loopback for the PostgreSQL store tests.

``pg_url`` gives each test a fresh, empty database on one server started per
test session (initdb into a temporary folder, a free port, ``pg_ctl stop`` at
the end).  As root, the server runs as the ``postgres`` user (PostgreSQL
refuses to run as root).  Tests using it are skipped, with the reason, only
when no PostgreSQL server binaries are installed (``.ci/run`` installs
Debian's ``postgresql`` package).

Import the fixtures into a test module: ``from pg_server import pg_server, pg_url``.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (Debian layout, or initdb on PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="biennien-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self._names = itertools.count()

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8", "--no-sync")
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root}"
            " -c fsync=off -c full_page_writes=off -c max_connections=50"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", opts, "-w", "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


_SERVER: list[PgServer] = []  # the one server of this test process, started on first use


def _stop_server() -> None:
    while _SERVER:
        _SERVER.pop().stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's server (shared by every module that imports this fixture)."""
    if not _SERVER:
        bindir = pg_bindir()
        if bindir is None:
            pytest.skip("no PostgreSQL server binaries (initdb) installed: apt-get install postgresql")
        server = PgServer(bindir)
        server.start()
        _SERVER.append(server)
        atexit.register(_stop_server)
    yield _SERVER[0]


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.new_database()
