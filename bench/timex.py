"""Benchmark the temporal tagger: gold accuracy, negatives, dateparser side by side, speed.

Run: ``.venv/bin/python bench/timex.py [CORPUS_DIR]`` (default ``../shared/corpora/unc-dev``).
dateparser comes with the ``bench`` extra (``.venv/bin/pip install dateparser``); it is read with
``search_dates(languages=['vi'], settings={'RELATIVE_BASE': reference date})`` and its datetimes
are cut to the precision of the gold value, which favours it.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import datetime
from pathlib import Path

from biennien.analyse.timex import tag
from biennien.analyse.timex_eval import false_dates, load_gold, load_negatives, score_gold
from biennien.model import Timex
from biennien.vi.normalise import analysis_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _dateparser_tagger():  # type: ignore[no-untyped-def]
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(text: str, dct: str | None) -> list[Timex]:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(dct)} if dct else {}
        try:
            found = search_dates(text, languages=["vi"], settings=settings) or []
        except Exception:  # dateparser raises on some inputs; count as nothing found
            found = []
        out: list[Timex] = []
        pos = 0
        for span, dt in found:
            start = text.find(span, pos)
            if start < 0:
                continue
            pos = start + len(span)
            out.append(Timex(span, start, pos, "DATE", dt.date().isoformat()))
        return out

    return run


def _cut(value: str, like: str) -> str:
    """dateparser always gives a full date: cut it to the gold value's precision (YYYY, YYYY-MM)."""
    if re.fullmatch(r"\d{4}", like):
        return value[:4]
    if re.fullmatch(r"\d{4}-\d{2}", like):
        return value[:7]
    return value


HELDOUT = (
    ("held-out", "timex_gold_heldout.tsv", "timex_gold_heldout_negatives.tsv"),
    ("held-out 2", "timex_gold_heldout2.tsv", "timex_gold_heldout2_negatives.tsv"),
)


def _print_heldout() -> None:
    """The held-out sets (whole unseen articles, TIMEX_GOLD.md rounds 8 and 9), each printed apart."""
    for name, gold_file, neg_file in HELDOUT:
        path, neg_path = DATA / gold_file, DATA / neg_file
        if not path.is_file():
            continue
        rows = score_gold(load_gold(path), tag)
        negs = load_negatives(neg_path) if neg_path.is_file() else []
        fps = false_dates(negs, tag)
        acc = sum(r.correct for r in rows) / len(rows)
        print(
            f"{name:10} value accuracy {acc:.3f} ({sum(r.correct for r in rows)}/{len(rows)})"
            f"   false dates on negatives {len(fps)}/{len(negs)}"
        )
        for r in rows:
            if not r.correct:
                got = (
                    f"{r.got.value}..{r.got.value_end}"
                    if r.got and r.got.value_end
                    else (r.got.value if r.got else "-")
                )
                print(
                    f"  {name} miss: {r.row.expression!r} gold {r.row.value} {r.row.value_end or ''} got {got}"
                )
        for row, t in fps:
            print(f"  {name} false date: {t.text!r} -> {t.value} in {row.sentence[:60]!r}")


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpora" / "unc-dev"
    gold = load_gold(DATA / "timex_gold.tsv")
    negs = load_negatives(DATA / "timex_gold_negatives.tsv")
    ours = score_gold(gold, tag)
    acc = sum(r.correct for r in ours) / len(ours)
    fps = false_dates(negs, tag)
    print(f"gold expressions: {len(gold)}   negatives: {len(negs)}")
    print(f"biennien   value accuracy {acc:.3f}   false dates on negatives {len(fps)}/{len(negs)}")
    _print_heldout()

    dp = _dateparser_tagger()
    if dp is None:
        print("dateparser not installed: .venv/bin/pip install dateparser")
    else:
        t0 = time.perf_counter()
        theirs = []
        for row in gold:
            text = analysis_text(row.sentence)
            start = row.sentence.find(row.expression)
            end = start + len(row.expression)
            hits = [t for t in dp(text, row.dct) if t.start < end and start < t.end]
            ok = any(_cut(t.value, row.value) == row.value for t in hits)
            theirs.append((hits[0].value if hits else None, ok))
        dp_fps = false_dates(negs, dp)
        dp_time = time.perf_counter() - t0
        dp_acc = sum(ok for _, ok in theirs) / len(theirs)
        print(
            f"dateparser value accuracy {dp_acc:.3f}   false dates on negatives {len(dp_fps)}/{len(negs)}"
            f"   ({len(gold) + len(negs)} sentences in {dp_time:.1f}s)"
        )
        print()
        print(f"{'expression':38} {'ref':10} {'gold':18} {'biennien':18} {'dateparser':12}")
        for r, (dv, dok) in zip(ours, theirs, strict=True):
            got = r.got.value if r.got else "-"
            print(
                f"{r.row.expression[:38]:38} {r.row.dct or '-':10} {r.row.value:18} "
                f"{got + ('' if r.correct else ' ✗'):18} {(dv or '-') + ('' if dok else ' ✗')}"
            )
        print()
        for row, t in dp_fps[:15]:
            print(f"dateparser false date: {t.text!r} -> {t.value}   in {row.sentence[:60]!r}")

    if not corpus.is_dir():
        print(f"speed: corpus {corpus} not found")
        return
    docs = []
    for path in sorted(corpus.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        m = re.search(r"# date = (\d{4})(\d{2})(\d{2})", raw)
        dct = f"{m[1]}-{m[2]}-{m[3]}" if m else None
        body = "\n".join(line for line in raw.splitlines() if not line.startswith("# "))
        docs.append((analysis_text(body), dct))
    tag(docs[0][0], docs[0][1])  # load tables and compile patterns outside the timing
    best = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(len(tag(text, dct)) for text, dct in docs)
        best = max(best, len(docs) / (time.perf_counter() - t0))
    print(
        f"speed: {best:,.0f} articles/s on {len(docs)} articles of {corpus.name} "
        f"({n} timexes; one core, tagging only, best of 3)"
    )


if __name__ == "__main__":
    main()
