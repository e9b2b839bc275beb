"""Story grouping quality and link speed.

Quality: pairwise precision/recall/F1 of story grouping against
``tests/data/stories_gold.tsv`` (the linker runs over all of unc-dev; pairs are
counted among gold documents only).

Speed: duplicates + stories over 10,000 documents made by replicating unc-dev
with light perturbation (every copy drops one paragraph, swaps ``Hoa Kỳ``/``Mỹ``
spellings and shifts its date by whole weeks, so copies are distinct texts),
then adding 100 more to that state through a pickled round trip.

    .venv/bin/python bench/stories.py
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _uncdev import unc_documents  # noqa: E402
from biennien.analyse import analyse  # noqa: E402
from biennien.link.duplicates import DuplicateState, update_duplicates  # noqa: E402
from biennien.link.stories import StoryState, update_stories  # noqa: E402
from biennien.link.stories_features import BACKGROUND_TABLE, background_rows, doc_features  # noqa: E402
from biennien.model import Document, Event  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "stories_gold.tsv"
BACKGROUND = ROOT / "src" / "biennien" / "vi" / "data" / BACKGROUND_TABLE
BACKGROUND_MIN_DOCS = 16

Analyses = tuple[dict[str, list[str]], dict[str, list[Event]]]


def analyses(docs: list[Document]) -> Analyses:
    """Entity keys and events per document, as ``link_store`` passes them (analysis is not timed)."""
    keys: dict[str, list[str]] = {}
    events: dict[str, list[Event]] = {}
    for d in docs:
        a = analyse(d)
        keys[d.id] = sorted({m.key or m.name for m in a.mentions})
        events[d.id] = list(a.events)
    return keys, events


def write_background(docs: list[Document], keys: dict[str, list[str]]) -> None:
    """Rewrite the background document-frequency table from unc-dev (features in >= 1 % of articles)."""
    n, rows = background_rows((doc_features(d, keys.get(d.id, ())).keys() for d in docs), BACKGROUND_MIN_DOCS)
    head = [
        "# Background document frequencies for story similarity (biennien.link.stories_features).",
        "# Written by `python bench/stories.py --write-background` from ../shared/corpora/unc-dev",
        f"# (Dân Trí news, all sections): every feature carried by at least {BACKGROUND_MIN_DOCS} of the",
        "# articles, with that count.  Features: word pairs of the comparison text (aliases mapped,",
        "# diacritics folded), n:capitalised name runs, e:entity keys (type:folded name).",
        "# The IDF of a feature adds count/#documents x (the table's #documents) to its store count,",
        "# so a small chronicle still knows that 'cho biet' is common and a leader's name is not.",
        "#",
        "# feature\tdocuments",
        f"@documents\t{n}",
    ]
    BACKGROUND.write_text("\n".join([*head, *(f"{f}\t{c}" for f, c in rows)]) + "\n", encoding="utf-8")
    print(f"wrote {BACKGROUND} ({len(rows)} features over {n} documents)")


def quality(docs: list[Document], an: Analyses) -> None:
    by_stem = {Path(d.source).stem: d.id for d in docs}
    gold: dict[str, str] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, files = line.split("\t")
        for f in files.split():
            gold[by_stem[f]] = name
    by_id = {d.id: d for d in docs}
    dup = update_duplicates(docs, DuplicateState(), by_id.get)
    st = update_stories(docs, StoryState(), an[0], an[1], dup.duplicate_of()).story_of()
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = st[a] == st[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    f1 = 2 * p * r / max(1e-9, p + r)
    groups = len(set(gold.values()))
    print(f"gold: {groups} groups, {len(gold)} articles; pairwise P={p:.3f} R={r:.3f} F1={f1:.3f}")
    # B-cubed (per article, so the 41-article Super League group does not outweigh 46 small ones)
    bp = br = 0.0
    for d in gold:
        pred = {x for x in gold if st[x] == st[d]}
        true = {x for x in gold if gold[x] == gold[d]}
        bp += len(pred & true) / len(pred)
        br += len(pred & true) / len(true)
    bp, br = bp / len(gold), br / len(gold)
    print(f"  B-cubed P={bp:.3f} R={br:.3f} F1={2 * bp * br / max(1e-9, bp + br):.3f}")
    if "--verbose" in sys.argv:
        stem = {d.id: Path(d.source).stem for d in docs}
        for name in sorted(set(gold.values())):
            members = [d for d in gold if gold[d] == name]
            parts: dict[str, list[str]] = {}
            for d in members:
                parts.setdefault(st[d], []).append(stem[d])
            if len(parts) > 1:
                print(f"  split {name}: {sorted(parts.values())}")
        for story in sorted({st[d] for d in gold}):
            names = sorted({gold[d] for d in gold if st[d] == story})
            if len(names) > 1:
                print(f"  merged {story}: {names}")


def perturbed(docs: list[Document], n: int) -> list[Document]:
    out = []
    for i in range(n):
        d = docs[i % len(docs)]
        k = i // len(docs)
        if k == 0:
            out.append(d)
            continue
        paras = d.text.split("\n")
        if len(paras) > 2:
            del paras[1 + (k % (len(paras) - 1))]
        text = "\n".join(paras).replace("Mỹ", "Hoa Kỳ") + f"\n(bản {k})"
        day = d.reference_date and (date.fromisoformat(d.reference_date) + timedelta(weeks=5 * k)).isoformat()
        out.append(
            dataclasses.replace(
                d,
                id="d" + hashlib.sha1(text.encode()).hexdigest()[:16],
                text=text,
                reference_date=day,
                published=day,
                source=f"{d.source}#{k}",
            )
        )
    return out


def speed(docs: list[Document], an: Analyses) -> None:
    big = perturbed(docs, 10_100)
    base, extra = big[:10_000], big[10_000:]
    by_id = {d.id: d for d in big}
    # each copy carries its original's entity keys (events are dated, so copies do not share them)
    original = {d.source: d.id for d in docs}
    keys = {d.id: an[0][original[d.source.split("#")[0]]] for d in big}
    t0 = time.perf_counter()
    dup = update_duplicates(base, DuplicateState(), by_id.get)
    t1 = time.perf_counter()
    st = update_stories(base, StoryState(), keys, duplicate_of=dup.duplicate_of())
    t2 = time.perf_counter()
    blob_d, blob_s = dup.dumps(), st.dumps()
    print(
        f"10,000 documents: duplicates {t1 - t0:.1f} s, stories {t2 - t1:.1f} s, total {t2 - t0:.1f} s;"
        f" state {len(blob_d) / 1e6:.1f} + {len(blob_s) / 1e6:.1f} MB; {len(st.stories())} stories"
    )
    t3 = time.perf_counter()
    dup2 = DuplicateState.loads(blob_d)
    st2 = StoryState.loads(blob_s)
    update_duplicates(extra, dup2, by_id.get)
    update_stories(extra, st2, keys, duplicate_of=dup2.duplicate_of())
    dup2.dumps()
    st2.dumps()
    print(f"adding 100 more (state load + update + save): {time.perf_counter() - t3:.2f} s")


def main() -> None:
    docs = unc_documents()
    t = time.perf_counter()
    an = analyses(docs)
    print(f"analysed {len(docs)} unc-dev documents in {time.perf_counter() - t:.1f} s (not part of linking)")
    if "--write-background" in sys.argv:
        write_background(docs, an[0])
        return
    quality(docs, an)
    if "--quality" not in sys.argv:
        speed(docs, an)


if __name__ == "__main__":
    main()
