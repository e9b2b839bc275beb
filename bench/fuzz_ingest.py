"""Bounded fuzzing of ingest over every format: text, HTML, JSON, JSON Lines, RSS, Atom, legacy encodings, gzip.

    python bench/fuzz_ingest.py --seconds 300            # atheris (coverage-guided) when installed
    python bench/fuzz_ingest.py --engine hypothesis --runs 20000

Each input's first byte picks a file name (and so a format: ``a.html``,
``a.jsonl``, ``a.rss``, ``a`` with no extension for content sniffing,
``a.html.gz`` ...), the rest is the file content, and it goes through
``biennien.ingest.iter_bytes``, the same path ``build`` uses minus the guard
that turns exceptions into failures.  A crash is any exception, or an item
that breaks the ingest contract (a ``Document`` with empty text, skip spans
outside the text, a malformed id or date; a ``Failure`` without a reason).
Crashes are deduplicated by exception type and place, each saved with its
input under ``--crash-dir``; the run never stops at the first one.

Prints executions, executions/s, distinct crashes and where they happened.
The seed corpus (one small well-formed file per format, Windows-1258 and
UTF-16 variants) is built in code; no article is copied from anywhere.
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

NAMES = (
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.rss",
    "a.atom",
    "a.xml",
    "a",
    "a.txt.gz",
    "a.html.gz",
    "a.jsonl.gz",
)

ARTICLE = (
    "Thủ tướng tiếp Đại sứ Hoa Kỳ\n"
    "Hà Nội, ngày 18/2/2026 - Chiều 18/2, tại trụ sở Chính phủ, Thủ tướng đã tiếp Đại sứ.\n"
    "Kim ngạch thương mại hai chiều đạt 15,8 tỷ USD, tăng 28,6% so với cùng kỳ.\n"
    "Ảnh: TTXVN\n"
)


def seeds() -> list[bytes]:
    """One small well-formed input per format; the first byte is the index into ``NAMES``."""
    art = ARTICLE
    html = (
        '<html><head><meta charset="utf-8"><title>Thủ tướng tiếp Đại sứ</title>'
        '<meta property="article:published_time" content="2026-02-18T15:00:00+07:00">'
        '<script type="application/ld+json">{"@graph": [{"datePublished": "2026-02-18"}]}</script>'
        f"</head><body><article><h1>Thủ tướng tiếp Đại sứ</h1><p>{art}</p></article></body></html>"
    )
    rec = {
        "title": "Thủ tướng tiếp Đại sứ",
        "text": art,
        "date": "2026-02-18",
        "source": {"name": "VnExpress"},
    }
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Dân trí</title>'
        "<item><title>Thủ tướng tiếp Đại sứ</title><link>https://dantri.com.vn/a.htm</link>"
        f"<pubDate>Wed, 18 Feb 2026 08:00:00 GMT</pubDate><description><![CDATA[<p>{art}</p>]]></description>"
        "</item></channel></rss>"
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>VnExpress</title>'
        "<entry><title>Thủ tướng tiếp Đại sứ</title><updated>2026-02-18T08:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{art}&lt;/p&gt;</content></entry></feed>'
    )
    text = f"# date = 20260218\n# outlet = Tuổi Trẻ\n{art}"
    by_name = {
        "a.txt": [
            text.encode(),
            art.encode("cp1258", "replace"),
            codecs.BOM_UTF16_LE + art.encode("utf-16-le"),
        ],
        "a.html": [html.encode(), html.replace("utf-8", "windows-1258").encode("cp1258", "replace")],
        "a.json": [json.dumps([rec, rec | {"text": art + "!"}], ensure_ascii=False).encode()],
        "a.jsonl": [(json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(rec) + "\n").encode()],
        "a.rss": [rss.encode()],
        "a.atom": [atom.encode()],
        "a.xml": [rss.encode()],
        "a": [html.encode(), rss.encode(), json.dumps(rec).encode(), text.encode()],
        "a.txt.gz": [gzip.compress(text.encode())],
        "a.html.gz": [gzip.compress(html.encode())],
        "a.jsonl.gz": [gzip.compress((json.dumps(rec) + "\n").encode())],
    }
    return [bytes([NAMES.index(n)]) + data for n, datas in by_name.items() for data in datas]


_ID = re.compile(r"d[0-9a-f]{16}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?")


class ContractError(AssertionError):
    """An item that came out of ingest but breaks the ingest contract."""


def check_item(item: object, name: str) -> None:
    from biennien.model import Document, Failure

    if isinstance(item, Failure):
        if not item.reason or not item.source.startswith(name):
            raise ContractError(f"bad failure {item!r}")
        return
    if not isinstance(item, Document):
        raise ContractError(f"not a Document or Failure: {type(item).__name__}")
    if not item.text or item.text != item.text.strip():
        raise ContractError("document text empty or not trimmed")
    for s, e in item.skip_spans:
        if not 0 <= s <= e <= len(item.text):
            raise ContractError(f"skip span {(s, e)} outside text of {len(item.text)}")
    if not _ID.fullmatch(item.id):
        raise ContractError(f"bad id {item.id!r}")
    if item.reference_date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.reference_date):
        raise ContractError(f"bad reference date {item.reference_date!r}")
    if item.published is not None and not _ISO.fullmatch(item.published):
        raise ContractError(f"bad published {item.published!r}")
    # everything must be storable: UTF-8-encodable (no lone surrogates), JSON-serialisable
    json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")


def run_one(data: bytes) -> None:
    """Ingest one fuzz input; raises on a crash or a contract break."""
    from biennien.ingest import iter_bytes

    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    for item in iter_bytes(data[1:], name):
        check_item(item, name)


class Recorder:
    """Counts executions and distinct crashes (by exception type and innermost place); saves inputs."""

    def __init__(self, crash_dir: Path) -> None:
        self.crash_dir = crash_dir
        self.executions = 0
        self.crashes: dict[str, tuple[str, Path]] = {}
        self.started = time.perf_counter()

    deadline: float | None = None  # atheris: stop here (libFuzzer's own exit skips Python's atexit)

    def __call__(self, data: bytes) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.summary()
            os._exit(0)
        self.executions += 1
        try:
            run_one(data)
        except Exception as exc:  # every exception is a finding
            self.record(exc, data)

    def record(self, exc: Exception, data: bytes) -> None:
        tb = traceback.extract_tb(exc.__traceback__)
        place = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else "?"
        key = f"{type(exc).__name__} at {place}"
        if key in self.crashes:
            return
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        path = self.crash_dir / f"crash-{hashlib.sha1(data).hexdigest()[:12]}"
        path.write_bytes(data)
        msg = f"{type(exc).__name__}: {str(exc)[:200]}"
        self.crashes[key] = (msg, path)
        print(f"\nCRASH {key}\n  {msg}\n  input saved to {path}", file=sys.stderr, flush=True)

    def summary(self) -> None:
        secs = time.perf_counter() - self.started
        print(f"executions: {self.executions}")
        print(f"seconds: {secs:.1f}  executions/s: {self.executions / max(secs, 1e-9):.1f}")
        print(f"distinct crashes: {len(self.crashes)}")
        for key, (msg, path) in self.crashes.items():
            print(f"  {key}: {msg} [{path}]")
        sys.stdout.flush()


def fuzz_atheris(rec: Recorder, seconds: int, runs: int) -> None:
    import atheris

    with atheris.instrument_imports():
        import biennien.ingest  # noqa: F401
        import biennien.ingest.sources  # noqa: F401

    corpus = Path(tempfile.mkdtemp(prefix="biennien-fuzz-corpus-"))
    for i, s in enumerate(seeds()):
        (corpus / f"seed-{i}").write_bytes(s)
    args = [sys.argv[0], f"-max_total_time={seconds + 30}", "-rss_limit_mb=4096", "-max_len=65536"]
    if runs:
        args.append(f"-runs={runs}")
    args.append(str(corpus))
    rec.deadline = time.monotonic() + seconds
    atexit.register(rec.summary)  # for -runs: libFuzzer returns normally then
    atheris.Setup(args, rec)
    atheris.Fuzz()


def fuzz_hypothesis(rec: Recorder, seconds: int, runs: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = seeds()
    deadline = time.monotonic() + seconds

    @st.composite
    def mutated(draw: st.DrawFn) -> bytes:
        data = bytearray(draw(st.sampled_from(base)))
        for _ in range(draw(st.integers(0, 8))):
            op = draw(st.integers(0, 3))
            pos = draw(st.integers(1, max(1, len(data))))
            if op == 0:
                data[pos:pos] = draw(st.binary(max_size=16))
            elif op == 1:
                del data[pos : pos + draw(st.integers(1, 64))]
            elif op == 2:
                data[pos:pos] = draw(st.text(max_size=16)).encode("utf-8", "surrogatepass")
            else:
                chunk = draw(st.sampled_from(base))
                data[pos:pos] = chunk[1 : 1 + draw(st.integers(0, 200))]
        data[0] = draw(st.integers(0, 255)) if draw(st.booleans()) else data[0]
        return bytes(data)

    @settings(
        max_examples=runs or 10**9,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated())
    def one(data: bytes) -> None:
        if time.monotonic() > deadline:
            raise _TimeUp
        rec(data)

    try:
        one()
    except _TimeUp:
        pass
    finally:
        rec.summary()


class _TimeUp(BaseException):
    """Ends a hypothesis run at its time budget (a BaseException: hypothesis lets it through unshrunk)."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    ap.add_argument("--seconds", type=int, default=60, help="time budget (default 60)")
    ap.add_argument("--runs", type=int, default=0, help="execution budget (default: none, time only)")
    ap.add_argument("--crash-dir", type=Path, default=Path(tempfile.gettempdir()) / "biennien-fuzz-crashes")
    ap.add_argument("--replay", type=Path, nargs="*", help="run saved inputs once each and report")
    a = ap.parse_args()
    rec = Recorder(a.crash_dir)
    if a.replay:
        for p in a.replay:
            rec(p.read_bytes())
        rec.summary()
        return
    engine = a.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(f"engine: {engine}, budget: {a.seconds} s" + (f", {a.runs} runs" if a.runs else ""), flush=True)
    runner: Callable[[Recorder, int, int], None] = fuzz_atheris if engine == "atheris" else fuzz_hypothesis
    os.environ.setdefault("PYTHONHASHSEED", "0")
    runner(rec, a.seconds, a.runs)


if __name__ == "__main__":
    main()
