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
import datetime
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from biennien.analyse import entities, timex
from biennien.analyse import events as events_mod
from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.link.events import merge_events
from biennien.model import DocAnalysis, Document, Event, Timex
from biennien.vi.normalise import analysis_text, fold
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


def _standin_tag(text: str, reference_date: str | datetime.date | None = None) -> list[Timex]:
    ref_year = str(reference_date)[:4] if reference_date else "XXXX"
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


_HeldoutRow = tuple[str, str, str, str | None, str, str]


def _load_heldout(path: Path) -> list[_HeldoutRow]:
    """Rows of a held-out article-level gold set: file, cue, type, date, agent, status (req/opt)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        c = line.split("\t")
        rows.append((c[0], c[1], c[2], None if c[3] == "-" else c[3], c[4], c[5]))
    return rows


def _agent_of(ev: Event) -> str | None:
    agents = [p.name for p in ev.participants if p.role == "agent"]
    return agents[0] if agents else None


def _same_person(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    a, b = fold(pred).lower(), fold(gold).lower()
    return a in b or b in a


def _heldout(path: Path, corpus: Path, show: bool) -> None:
    """Timeline-level scores on a held-out set annotated article by article (every dated event of
    each article, before the system was run): the documents go through ``analyse`` and
    ``merge_events`` as in ``biennien build``, and every dated line of the resulting timeline is judged.

    * precision: dated lines whose evidence sentence holds an annotated event with the same date
      (day level), over all dated lines except those matching an optional (``opt``) row;
    * recall: required dated events found on a line with the right date;
    * participants: matched required events with a named agent whose line names that agent.
    """
    gold = _load_heldout(path)
    names = sorted({g[0] for g in gold} | set(path.with_suffix(".files").read_text().split()))
    docs = {n: _document(corpus / n) for n in names if (corpus / n).exists()}
    if len(docs) < len(names):
        print(f"held-out: corpus files missing under {corpus}, skipped", file=sys.stderr)
        return
    analyses = {n: analyse(d) for n, d in docs.items()}
    by_id = {d.id: n for n, d in docs.items()}
    sent_of: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (name, cue, _t, _d, _a, _s) in enumerate(gold):
        pos = docs[name].text.find(cue)
        if pos < 0:
            raise SystemExit(f"cue not found in {name}: {cue!r}")
        sent = next((s for s in analyses[name].sentences if s.start <= pos < s.end), None)
        if sent is not None:
            sent_of[(name, sent.start)].append(i)
    lines = [
        e
        for e in merge_events(
            [e for a in analyses.values() for e in a.events],
            doc_dates={d.id: d.reference_date for d in docs.values()},
        )
        if e.date
    ]
    used: set[int] = set()
    shown = right = typed = 0
    agent_total = agent_right = 0
    for ev in lines:
        # a merged line cites several sentences: each one holding an annotated event of the line's date
        # counts as found (one row per evidence sentence); the line itself is judged once
        hits: list[int] = []
        for e in ev.evidence:
            cands = [i for i in sent_of.get((by_id.get(e.doc, ""), e.start), []) if gold[i][2] != "-"]
            cands = [i for i in cands if i not in used and i not in hits]
            hit = next(
                (
                    i
                    for i in sorted(cands, key=lambda i: gold[i][2] != ev.type)
                    if _day(gold[i][3]) == _day(ev.date)
                ),
                None,
            )
            if hit is not None:
                hits.append(hit)
        if hits:
            used.update(hits)
            hit = next((i for i in hits if gold[i][5] == "req"), None)
            if hit is None:
                continue  # only optional rows: neither right nor false
            shown += 1
            right += 1
            typed += gold[hit][2] == ev.type
            if gold[hit][4] != "-":
                agent_total += 1
                ok = _same_person(_agent_of(ev), gold[hit][4])
                agent_right += ok
                if show and not ok:
                    print(
                        f"  agent  {gold[hit][0]}: want {gold[hit][4]!r}, got {_agent_of(ev)!r} | {ev.summary}"
                    )
            continue
        shown += 1
        if show:
            where = by_id.get(ev.evidence[0].doc, "?") if ev.evidence else "?"
            print(f"  false  {where}: {ev.type} {ev.date} | {ev.summary}")
    req = [i for i, g in enumerate(gold) if g[2] != "-" and g[5] == "req"]
    found = [i for i in req if i in used]
    if show:
        for i in req:
            if i not in used:
                print(f"  missed {gold[i][0]}: {gold[i][2]} {gold[i][3]} | {gold[i][1]!r}")
    p = right / shown if shown else 0.0
    r = len(found) / len(req) if req else 0.0
    print(
        f"{path.stem.replace('events_gold_', '')} ({len(docs)} unseen articles, timeline level): precision {p:6.1%} ({right}/{shown})  "
        f"recall {r:6.1%} ({len(found)}/{len(req)})  type right {typed}/{right}  "
        f"participants (agent) right {agent_right}/{agent_total}"
    )


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
    ap.add_argument(
        "--heldout",
        nargs="*",
        default=[
            *(str(ROOT / f"tests/data/events_gold_heldout{n}.tsv") for n in (2, 3, 4, 5, 6, 7, 8)),
            str(ROOT / "tests/data/events_gold_qa3.tsv"),
        ],
        help="article-level held-out gold sets, each scored on its own line",
    )
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
    for heldout in args.heldout:
        _heldout(Path(heldout), Path(args.corpus), args.show)
    n_docs, n_sent, secs = _speed(Path(args.corpus), args.speed_docs)
    print(
        f"speed: events.extract on {n_docs} unc-dev documents ({n_sent} sentences): {secs:.2f} s, "
        f"{n_sent / secs:,.0f} sentences/s, {n_docs / secs:,.0f} documents/s"
    )


if __name__ == "__main__":
    main()
