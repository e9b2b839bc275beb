"""Server render time per page on a 10,000-article store (target: under 100 ms each).

    python bench/web.py [--corpus ../shared/corpora/unc-dev] [--n 10000] [--db /tmp/biennien-web-10k.db]

unc-dev has about 1,600 articles, so the store is made of the corpus plus
perturbed copies until it holds ``--n`` documents: copy k of an article has
its paragraphs rotated by k and its ``# date`` header moved k years back, so
every copy is a distinct document (a different id) with its own dates, and the
copies share paragraphs with the original (which the document page shows).
The store is built once and reused on later runs.

Times are measured through the ASGI app in-process (middleware, routing,
index lookups, store reads, template rendering; no network), after one warm-up
request, as the median and 95th percentile over several different URLs of each
kind of page.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fastapi.testclient import TestClient  # noqa: E402

from biennien.store import Store  # noqa: E402

DATE = re.compile(r"^(# date = )(\d{4})(\d{4})\s*$")


def perturbed_corpus(corpus: Path, n: int, out: Path) -> int:
    """Write the corpus and perturbed copies of it (``n`` files in all) into ``out``."""
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    written = 0
    k = 0
    while written < n:
        for f in files:
            if written >= n:
                break
            lines = f.read_text(encoding="utf-8").splitlines()
            header = [ln for ln in lines if ln.startswith("# ")]
            body = [ln for ln in lines if not ln.startswith("# ")]
            if k:
                header = [
                    DATE.sub(lambda m, k=k: f"{m.group(1)}{int(m.group(2)) - k}{m.group(3)}", h)
                    for h in header
                ]
                if len(body) > 2:
                    title, paras = body[0], body[1:]
                    r = k % len(paras)
                    body = [title, *paras[r:], *paras[:r]]
                body.append(f"Bản lưu số {k}.")
            (out / f"c{k:02d}_{f.name}").write_text("\n".join(header + body) + "\n", encoding="utf-8")
            written += 1
        k += 1
    return written


def ensure_store(db: Path, corpus: Path, n: int) -> None:
    if db.exists():
        with Store(db, readonly=True) as s:
            if s.count("documents") >= n * 0.95 and not s.needs_link():
                return
    from biennien.build import build

    with tempfile.TemporaryDirectory(prefix="biennien-web-bench-") as tmp:
        made = perturbed_corpus(corpus, n, Path(tmp))
        print(f"building {db} from {made} files ({corpus.name} plus perturbed copies) ...", flush=True)
        t0 = time.perf_counter()
        store = Store(db)
        try:
            build([tmp], store, workers=os.cpu_count() or 1)
        finally:
            store.close()
        print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)


def timed(client: TestClient, urls: list[str], rounds: int) -> list[float]:
    out = []
    for url in urls:
        client.get(url)  # warm-up (first use of a document, a template)
        for _ in range(rounds):
            t0 = time.perf_counter()
            r = client.get(url)
            out.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}")
    return out


def page_urls(client: TestClient, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    app = client.app.app  # type: ignore[attr-defined]
    ch = app.state.cache.get()
    by_events = sorted(ch.entity_events, key=lambda e: -len(ch.entity_events[e]))
    events = list(ch.event_by_id)
    dated = [r for r in ch.events if r.bounds]
    years = sorted({r.bounds[0][:4] for r in dated})
    docs = ch.doc_order
    return {
        "timeline": ["/", "/?page=2"],
        "timeline, zoomed to a year": [f"/?from={y}&to={y}" for y in rng.sample(years, min(3, len(years)))],
        "timeline, by entity": [f"/?entity={e}" for e in by_events[:3]],
        "event": [f"/event/{e}" for e in rng.sample(events, min(10, len(events)))],
        "entity (busiest)": [f"/entity/{e}" for e in by_events[:3]],
        "entities": ["/entities", "/entities?page=3"],
        "facts": ["/facts", "/facts?sort=value&dir=desc"],
        "document": [f"/doc/{d}" for d in rng.sample(docs, min(10, len(docs)))],
        "documents": ["/documents", "/documents?page=20"],
        "search": [f"/search?q={q}" for q in ("viet nam", "hoc sinh", "bong da", "cong nghe", "tran dau")],
        "api events": ["/api/events?limit=100"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "unc-dev")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "biennien-web-10k.db")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: corpus not found")
    ensure_store(args.db, args.corpus, args.n)

    from biennien.web.app import create_app

    t0 = time.perf_counter()
    client = TestClient(
        create_app(args.db, warm=False, page_cache=0)
    )  # measure rendering, not the page cache
    app = client.app.app  # type: ignore[attr-defined]
    app.state.cache.get()
    t_index = time.perf_counter() - t0
    t0 = time.perf_counter()
    app.state.cache.shared_paragraphs()
    t_shared = time.perf_counter() - t0
    with Store(args.db, readonly=True) as s:
        counts = {t: s.count(t) for t in ("documents", "sentences", "events", "entities", "facts")}
    print(f"store {args.db}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(
        f"index build at startup: {t_index * 1000:.0f} ms; shared-paragraph map: {t_shared * 1000:.0f} ms (once)"
    )
    print(f"{'page':30} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}  n")
    worst = 0.0
    for name, urls in page_urls(client).items():
        if not urls:
            continue
        ms = sorted(timed(client, urls, args.rounds))
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        worst = max(worst, p95)
        print(f"{name:30} {statistics.median(ms):10.1f} {p95:8.1f} {ms[-1]:8.1f}  {len(ms)}")
    print(f"worst p95: {worst:.1f} ms (target < 100 ms) -> {'OK' if worst < 100 else 'OVER'}")


if __name__ == "__main__":
    main()
