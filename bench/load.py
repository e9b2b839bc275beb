"""Load test: requests per second on the timeline and search pages (target: at least 200/s, no errors).

    python bench/load.py [--db /tmp/biennien-web-10k.db] [--seconds 10] [--concurrency 16]

Starts ``biennien serve``'s app with uvicorn in a subprocess bound to
127.0.0.1 (loopback only), waits for it, then for a fixed time per page keeps
``--concurrency`` keep-alive connections busy with GET requests and counts
responses.  Use the store made by ``bench/web.py`` (10,000 articles).  The
load generator runs on the same machine, so it takes CPU from the server: the
figures are a lower bound of what the server alone could do.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

SEARCHES = ("viet nam", "hoc sinh", "bong da", "cong nghe", "tran dau", "giao duc", "du lich", "to lam")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        f"import sys, uvicorn; sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from biennien.web.app import create_app\n"
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, log_level='error', access_log=False)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code])


async def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as c:
        while time.monotonic() < deadline:
            try:
                if (await c.get(base + "/")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not start")


async def hammer(
    base: str, urls: list[str], seconds: float, concurrency: int
) -> tuple[int, int, list[float]]:
    ok = 0
    errors = 0
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def worker(i: int) -> None:
        nonlocal ok, errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            j = i
            while time.monotonic() < stop:
                url = urls[j % len(urls)]
                j += 1
                t0 = time.perf_counter()
                try:
                    r = await c.get(url)
                    if r.status_code == 200:
                        ok += 1
                    else:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - t0) * 1000)

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return ok, errors, latencies


async def run(args: argparse.Namespace) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.db, port)
    try:
        await wait_ready(base)
        # warm the indexes and the pages once
        async with httpx.AsyncClient(base_url=base, timeout=60) as c:
            await c.get("/")
            await c.get("/search?q=viet+nam")
        plans = {
            "timeline /": ["/"],
            "timeline, filtered": ["/?type=meeting", "/?from=2020&to=2020", "/?page=2"],
            "search": [f"/search?q={q.replace(' ', '+')}" for q in SEARCHES],
        }
        print(
            f"server: uvicorn, 1 process, 127.0.0.1:{port}; {args.concurrency} connections; {args.seconds:.0f} s each"
        )
        print(f"{'page':22} {'req/s':>8} {'ok':>7} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7}")
        worst = float("inf")
        failed = 0
        for name, urls in plans.items():
            t0 = time.perf_counter()
            ok, errors, lat = await hammer(base, urls, args.seconds, args.concurrency)
            rate = ok / (time.perf_counter() - t0)
            lat.sort()
            p50 = lat[len(lat) // 2] if lat else 0.0
            p95 = lat[int(len(lat) * 0.95)] if lat else 0.0
            print(f"{name:22} {rate:8.0f} {ok:7d} {errors:7d} {p50:7.1f} {p95:7.1f}")
            worst = min(worst, rate)
            failed += errors
        verdict = "OK" if worst >= 200 and failed == 0 else "BELOW TARGET"
        print(f"lowest: {worst:.0f} req/s, errors: {failed} (target >= 200 req/s, 0 errors) -> {verdict}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "biennien-web-10k.db")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no store; run bench/web.py first (it builds the 10,000-article store)")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
