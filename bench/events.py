"""Event extraction benchmark: precision and recall on the annotated gold set, and speed.

    python bench/events.py [--gold tests/data/events_gold.tsv] [--seeds ../shared/seeds]
                           [--corpus ../shared/corpora/unc-dev] [--speed-docs 400] [--show]

The gold set (tests/data/EVENTS_GOLD.md) annotates sentences: each row names a
sentence by a cue (text at its start) and gives an event it reports (type and
TIMEX3 date), or ``-`` when the sentence reports no dated event.  Documents go
through the real ingest and the whole analysis pipeline, so the figures
include the timex tagger and the entity recogniser as they are today.

* recall: gold events matched by a predicted event whose evidence is that
  sentence, with the same type and date;
* precision: predicted events whose evidence is an annotated sentence that
  match a gold event of that sentence (each gold event matched once); undated
  predictions (kept in the export, left off the timeline) are scored only in a
  sentence whose annotation has an undated event.

Dates are compared at day level (part of day and clock time ignored) and, in
the "strict" line, exactly.  Speed is that of ``events.extract`` alone, on
documents whose sentences, timexes and mentions were computed beforehand.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from biennien.analyse import entities, timex
from biennien.analyse import events as events_mod
from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.model import DocAnalysis, Document, Event, Timex
from biennien.vi.normalise import analysis_text
from biennien.vi.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
_TIME_SUFFIX = re.compile(r"T.*$")

# A deliberately small stand-in for the timex tagger, used only with --standin-timex while the real
# tagger (analyse/timex.py, another issue) returns nothing: day/month/year forms and parts of day.
_PARTS = {"sáng": "TMO", "trưa": "TMD", "chiều": "TAF", "chiều tối": "TEV", "tối": "TEV", "đêm": "TNI"}
_STANDIN = re.compile(
    r"(?i)\b(?:(?P<part>chiều tối|sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+|nay\s+\()?|ngày\s+)?"
    r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?:[/-](?P<y>\d{4}))?\b"
    r"|\b(?:tháng\s+)(?P<m2>\d{1,2})(?:[/-]|\s+năm\s+)(?P<y2>\d{4})\b"
    r"|(?<=\()(?P<m3>\d{1,2})[/-](?P<y3>\d{4})(?=\))"
    r"|\bnăm\s+(?P<y4>(?:19|20)\d{2})\b"
)


def _standin_tag(text: str, reference_date: str | None) -> list[Timex]:
    ref_year = reference_date[:4] if reference_date else "XXXX"
    out = []
    for m in _STANDIN.finditer(text):
        if m.group("d"):
            day, month = int(m.group("d")), int(m.group("m"))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            value = f"{m.group('y') or ref_year}-{month:02d}-{day:02d}"
            part = (m.group("part") or "").lower()
            value += "T" + _PARTS[part][1:] if part else ""
        elif m.group("m2"):
            value = f"{m.group('y2')}-{int(m.group('m2')):02d}"
        elif m.group("m3"):
            value = f"{m.group('y3')}-{int(m.group('m3')):02d}"
        else:
            value = m.group("y4")
        out.append(Timex(m.group(), m.start(), m.end(), "DATE", value, anchor="absolute"))
    return out


def _load_gold(path: Path) -> list[tuple[str, str, str, str | None]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        date = cells[3] if len(cells) > 3 and cells[3] != "-" else None
        rows.append((cells[0], cells[1], cells[2], date))
    return rows


def _document(path: Path) -> Document:
    for item in iter_documents([str(path)]):
        if isinstance(item, Document):
            return item
    raise SystemExit(f"cannot ingest {path}")


def _day(value: str | None) -> str | None:
    return _TIME_SUFFIX.sub("", value) if value else value


def _evaluate(
    gold: list[tuple[str, str, str, str | None]], docs: dict[str, Document], strict: bool, show: bool
) -> tuple[int, int, int, int]:
    """(gold events, matched gold, predicted in annotated sentences, correct predictions)."""
    norm = (lambda v: v) if strict else _day
    by_sentence: dict[tuple[str, int], list[tuple[str, str | None]]] = defaultdict(list)
    predicted: dict[tuple[str, int], list[Event]] = defaultdict(list)
    analyses = {}
    for name, doc in docs.items():
        try:
            analyses[name] = analyse(doc)
        except Exception as exc:  # a crash elsewhere in the pipeline: count the document's events as missed
            print(f"  analysis failed for {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            analyses[name] = DocAnalysis(
                doc.id, sentences=split_sentences(analysis_text(doc.text, doc.skip_spans))
            )
    for name, cue, etype, date in gold:
        doc, an = docs[name], analyses[name]
        pos = doc.text.find(cue)
        if pos < 0:
            raise SystemExit(f"cue not found in {name}: {cue!r}")
        sent = next((s for s in an.sentences if s.start <= pos < s.end), None)
        if sent is None:  # a caption or credit line the ingest marks as not body text
            if show:
                print(f"  skipped (not body text) {name}: {cue!r}")
            continue
        key = (name, sent.start)
        if etype != "-":
            by_sentence[key].append((etype, norm(date)))
        elif key not in by_sentence:
            by_sentence[key] = []
    for name, an in analyses.items():
        for ev in an.events:
            for e in ev.evidence:
                key = (name, e.start)
                # the gold set annotates dated events (the timeline's lines): an undated prediction is
                # scored only where the annotator marked an undated event
                if key in by_sentence and (ev.date or any(d is None for _, d in by_sentence[key])):
                    predicted[key].append(ev)
    n_gold = sum(len(v) for v in by_sentence.values())
    n_pred = sum(len(v) for v in predicted.values())
    matched = 0
    for key, golds in by_sentence.items():
        left = list(golds)
        for ev in predicted.get(key, []):
            want = (ev.type, norm(ev.date))
            if want in left:
                left.remove(want)
                matched += 1
            elif show:
                print(f"  wrong  {key[0]}: {ev.type} {ev.date} | {ev.summary}")
        if show:
            for etype, date in left:
                print(f"  missed {key[0]}: {etype} {date} | {docs[key[0]].text[key[1] : key[1] + 70]!r}")
    return n_gold, matched, n_pred, matched


def _speed(corpus: Path, limit: int) -> tuple[int, int, float]:
    files = sorted(p for p in corpus.glob("*.txt") if p.name != "README.md")[:limit]
    prepared = []
    for p in files:
        doc = _document(p)
        text = analysis_text(doc.text, doc.skip_spans)
        sents = split_sentences(text)
        try:
            ms = entities.extract(text, sents)
        except Exception:  # reported by the evaluation above; speed is measured without mentions here
            ms = []
        prepared.append((doc, text, sents, timex.tag(text, doc.reference_date), ms))
    n_sent = sum(len(x[2]) for x in prepared)
    t0 = time.perf_counter()
    for doc, text, sents, tx, ms in prepared:
        events_mod.extract(doc.id, text, sents, tx, ms, doc.reference_date)
    return len(prepared), n_sent, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "tests/data/events_gold.tsv"))
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared/seeds"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpora/unc-dev"))
    ap.add_argument("--speed-docs", type=int, default=400)
    ap.add_argument("--show", action="store_true", help="print every miss and every wrong event")
    ap.add_argument(
        "--standin-timex",
        action="store_true",
        help="when the real timex tagger finds nothing, use the small stand-in in this script (development only)",
    )
    args = ap.parse_args()
    if args.standin_timex and not timex.tag("ngày 18/2/2026", None):
        timex.tag = _standin_tag
        print("NOTE: stand-in timex tagger in use (the real one returns nothing yet)")
    gold = _load_gold(Path(args.gold))
    docs: dict[str, Document] = {}
    for name in sorted({g[0] for g in gold}):
        path = Path(args.seeds if name[:1].isdigit() else args.corpus) / name
        if not path.exists():
            print(f"skipping: {path} not found", file=sys.stderr)
            return
        docs[name] = _document(path)
    print(f"gold: {len(gold)} rows, {len(docs)} documents")
    for strict in (False, True):
        n_gold, matched, n_pred, correct = _evaluate(gold, docs, strict, args.show and not strict)
        p = correct / n_pred if n_pred else 0.0
        r = matched / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        label = "strict (exact TIMEX3)" if strict else "type + day"
        print(
            f"{label:22s} precision {p:6.1%} ({correct}/{n_pred})  recall {r:6.1%} ({matched}/{n_gold})  F1 {f:6.1%}"
        )
    n_docs, n_sent, secs = _speed(Path(args.corpus), args.speed_docs)
    print(
        f"speed: events.extract on {n_docs} unc-dev documents ({n_sent} sentences): {secs:.2f} s, "
        f"{n_sent / secs:,.0f} sentences/s, {n_docs / secs:,.0f} documents/s"
    )


if __name__ == "__main__":
    main()
