"""Entity recognition benchmark: P/R/F1 per type on the hand-annotated gold set, and speed.

Run:  .venv/bin/python bench/entities.py [--no-underthesea] [--no-before] [-v]

The gold set is ``tests/data/entities_gold.txt`` (see ``tests/data/ENTITIES_GOLD.md``):
sentences from real articles (``../shared/corpora/unc-dev`` and ``../shared/seeds``) with
``[TYPE span]`` marks.  Our extractor reads the whole article (it needs the context to
resolve ``ông Hiển`` or ``Cavani`` to a name introduced earlier) and is scored on the
mentions inside each gold sentence; underthesea's NER reads the sentence alone (it is a
sentence tagger).  A span counts when its offsets and its class match exactly; LOC and GPE
are one class.  Mentions that are only a title standing for a person ("Tổng Bí thư" with
the name resolved from earlier) are not names and are not scored.

Speed is measured on all unc-dev articles as the pipeline feeds them (``iter_documents``,
``analysis_text``, ``split_sentences`` done beforehand; ``extract`` timed alone, CPU time of
one process), beside the extractor as it was before the speed work (loaded from git).
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
GOLD = REPO / "tests" / "data" / "entities_gold.txt"
HELDOUT = REPO / "tests" / "data" / "entities_gold_heldout.txt"
HELDOUT2 = REPO / "tests" / "data" / "entities_gold_heldout2.txt"
HELDOUT3 = REPO / "tests" / "data" / "entities_gold_heldout3.txt"
HELDOUT4 = REPO / "tests" / "data" / "entities_gold_heldout4.txt"
_MARK = re.compile(r"\[(PER|ORG|LOC|GPE) ([^\]]+)\]")
CLASSES = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]  # absolute start, end, class


def cls(t: str) -> str:
    return "LOC" if t in ("LOC", "GPE") else t


@dataclass(slots=True)
class GoldSentence:
    file: str
    sentence: str
    start: int  # offset of the sentence in the article text
    spans: list[Span]


def article_path(name: str) -> Path:
    if name.startswith("seeds/"):
        return SHARED / name
    return SHARED / "corpora" / "unc-dev" / name


@cache
def article_text(name: str) -> str:
    """The article as the extractor reads it: header lines dropped, NFC."""
    raw = article_path(name).read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if not ln.startswith("# ")]
    return unicodedata.normalize("NFC", "\n".join(lines))


def parse_marked(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Strip ``[TYPE span]`` marks: the plain sentence and spans relative to it."""
    out: list[str] = []
    spans = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(2)), m.group(1)))
        out.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def load_gold(path: Path = GOLD) -> list[GoldSentence]:
    """The gold sentences located in their articles (raises if a sentence is not found)."""
    gold = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, marked = line.split("\t", 1)
        plain, rel = parse_marked(unicodedata.normalize("NFC", marked))
        text = article_text(name)
        at = text.find(plain)
        if at < 0:
            raise ValueError(f"{name}: sentence not found: {plain[:60]}")
        gold.append(GoldSentence(name, plain, at, [(at + s, at + e, cls(t)) for s, e, t in rel]))
    return gold


def is_name_mention(text: str, name: str, role: str | None) -> bool:
    """False for a title standing alone for a person (its name is not in its text)."""
    return not (role is not None and name and name not in text)


def ours(gold: list[GoldSentence]) -> dict[str, set[Span]]:
    """Our spans, per article, from extracting whole articles."""
    from biennien.analyse.entities import extract
    from biennien.vi.normalise import tone_normalise
    from biennien.vi.sentences import split_sentences

    out: dict[str, set[Span]] = {}
    for name in sorted({g.file for g in gold}):
        text = tone_normalise(article_text(name))
        spans = set()
        for m in extract(text, split_sentences(text)):
            if m.type in ("PER", "ORG", "LOC", "GPE") and is_name_mention(m.text, m.name, m.role):
                spans.add((m.start, m.end, cls(m.type)))
        out[name] = spans
    return out


def in_sentences(gold: list[GoldSentence], found: dict[str, set[Span]]) -> set[tuple[str, Span]]:
    pred = set()
    for g in gold:
        for s in found.get(g.file, set()):
            if g.start <= s[0] and s[1] <= g.start + len(g.sentence):
                pred.add((g.file, s))
    return pred


def score(
    gold_spans: set[tuple[str, Span]], pred: set[tuple[str, Span]]
) -> dict[str, tuple[float, float, float]]:
    """Precision, recall, F1 per class and over all."""
    res = {}
    for c in (*CLASSES, "ALL"):
        g = {x for x in gold_spans if c == "ALL" or x[1][2] == c}
        p = {x for x in pred if c == "ALL" or x[1][2] == c}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        res[c] = (prec, rec, f1)
    return res


def gold_set(gold: list[GoldSentence]) -> set[tuple[str, Span]]:
    return {(g.file, s) for g in gold for s in g.spans}


def underthesea_spans(gold: list[GoldSentence]) -> tuple[set[tuple[str, Span]], float] | str:
    """underthesea's NER on each gold sentence: spans and sentences/s, or why it cannot run."""
    try:
        from underthesea import ner
    except ImportError:
        return "underthesea not installed (.venv/bin/pip install underthesea)"
    pred = set()
    t0 = time.perf_counter()
    try:
        tagged = [ner(g.sentence) for g in gold]
    except Exception as exc:  # e.g. it would need to download a model
        return f"underthesea NER cannot run offline: {exc}"
    dt = time.perf_counter() - t0
    for g, words in zip(gold, tagged, strict=True):
        pos = 0
        cur: list[int] | None = None
        for w in words:
            word, tag = w[0], w[-1]
            at = g.sentence.find(word, pos)
            if at < 0:
                continue
            pos = at + len(word)
            if tag.startswith("B-") or (tag.startswith("I-") and cur is None):
                if cur:
                    pred.add((g.file, (g.start + cur[0], g.start + cur[1], cls(tag_type(cur)))))
                cur = [at, pos, _TYPES.index(tag[2:]) if tag[2:] in _TYPES else 0]
            elif tag.startswith("I-") and cur is not None:
                cur[1] = pos
            else:
                if cur:
                    pred.add((g.file, (g.start + cur[0], g.start + cur[1], cls(tag_type(cur)))))
                cur = None
        if cur:
            pred.add((g.file, (g.start + cur[0], g.start + cur[1], cls(tag_type(cur)))))
    pred = {p for p in pred if p[1][2] in CLASSES}
    return pred, len(gold) / dt


_TYPES = ["MISC", "PER", "ORG", "LOC"]


def tag_type(cur: list[int]) -> str:
    return _TYPES[cur[2]]


BEFORE_REV = "0d40c97"  # the last commit before the speed work (extractor at ~480 articles/s)


def unc_dev_texts() -> list[tuple[str, list]]:
    """Every unc-dev article as the pipeline gives it to ``extract``: analysis text and sentences."""
    from biennien.ingest.sources import iter_documents
    from biennien.model import Document
    from biennien.vi.normalise import analysis_text
    from biennien.vi.sentences import split_sentences

    out = []
    for d in iter_documents([str(SHARED / "corpora" / "unc-dev")]):
        if isinstance(d, Document):
            text = analysis_text(d.text, d.skip_spans)
            out.append((text, split_sentences(text)))
    return out


def old_extract(rev: str = BEFORE_REV) -> Callable[..., list] | None:
    """``extract`` as it was at ``rev`` (loaded from git), or None when git cannot give it."""
    import importlib.util
    import subprocess
    import tempfile

    try:
        src = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{rev}:src/biennien/analyse/entities.py"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(src)
    spec = importlib.util.spec_from_file_location("entities_before", f.name)
    if spec is None or spec.loader is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["entities_before"] = mod  # dataclasses look their module up
    try:
        spec.loader.exec_module(mod)
    except Exception:  # the old module no longer fits today's tables or resolver
        return None
    return mod.extract


def speed(extract: Callable[..., list], docs: list[tuple[str, list]], rounds: int = 3) -> tuple[float, float]:
    """Articles/s and sentences/s of ``extract`` over ``docs`` (CPU time of one process, best of
    ``rounds``: the machine is shared, the best round is the least disturbed)."""
    extract(*docs[0])  # load tables
    n = sum(len(s) for _, s in docs)
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for text, sents in docs:
            extract(text, sents)
        best = min(best, time.process_time() - t0)
    return len(docs) / best, n / best


def seed_checks() -> Iterable[tuple[str, bool]]:
    """Whether the seed articles' key names come out right."""
    from biennien.analyse.entities import extract
    from biennien.vi.normalise import tone_normalise
    from biennien.vi.sentences import split_sentences

    seeds = sorted((SHARED / "seeds").glob("0*.txt"))
    ms = []
    for p in seeds:
        text = tone_normalise(article_text("seeds/" + p.name))
        ms.extend(extract(text, split_sentences(text)))
    per = [m for m in ms if m.type == "PER"]
    yield (
        "Tổng Bí thư Tô Lâm -> PER 'Tô Lâm', role 'Tổng Bí thư', key PER:to lam",
        any(m.text == "Tô Lâm" and m.role == "Tổng Bí thư" and m.key == "PER:to lam" for m in per)
        and not any(m.type != "PER" and "Tô Lâm" in m.text for m in ms),
    )
    yield (
        "Bộ Ngoại giao -> ORG",
        any(m.text == "Bộ Ngoại giao" and m.type == "ORG" for m in ms),
    )
    us = {m.key for m in ms if m.text in ("Hoa Kỳ", "Mỹ")}
    yield ("Hoa Kỳ and Mỹ -> GPE, one key (GPE:hoa ky)", us == {"GPE:hoa ky"})
    yield (
        "Donald Trump -> PER (not glued to Hoa Kỳ); Trump -> same key",
        any(m.text == "Donald Trump" and m.type == "PER" for m in ms)
        and all(m.key == "PER:donald trump" for m in per if m.text in ("Trump", "Donald Trump"))
        and not any("Kỳ Donald" in m.text for m in ms),
    )


def print_heldout(path: Path, label: str, verbose: bool = False) -> None:
    """P/R/F1 on a held-out set (annotated before the extractor was run on its articles)."""
    held = load_gold(path)
    hg = gold_set(held)
    pred_h = in_sentences(held, ours(held))
    hres = score(hg, pred_h)
    hc = Counter(s[2] for _, s in hg)
    print(
        f"{label}: {len(held)} sentences, {len(hg)} mentions "
        + ", ".join(f"{c} {hc[c]}" for c in CLASSES)
        + " (annotated before running; see ENTITIES_GOLD.md)"
    )
    for c in (*CLASSES, "ALL"):
        p, r, f = hres[c]
        print(f"{c:5} {p:7.3f} {r:6.3f} {f:6.3f}")
    if verbose:
        for file, s in sorted(hg - pred_h):
            print(f"  {label} missed", file, s, article_text(file)[s[0] : s[1]])
        for file, s in sorted(pred_h - hg):
            print(f"  {label} spurious", file, s, article_text(file)[s[0] : s[1]])


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(REPO / "src"))
    gold = load_gold()
    g = gold_set(gold)
    counts = Counter(s[2] for _, s in g)
    print(f"gold: {len(gold)} sentences, {len(g)} mentions " + ", ".join(f"{c} {counts[c]}" for c in CLASSES))
    t0 = time.perf_counter()
    pred = in_sentences(gold, ours(gold))
    dt = time.perf_counter() - t0
    ut = None if "--no-underthesea" in argv else underthesea_spans(gold)
    res = score(g, pred)
    ures = score(g, ut[0]) if isinstance(ut, tuple) else None
    print(f"{'type':5} {'ours P':>7} {'R':>6} {'F1':>6}   {'underthesea P':>13} {'R':>6} {'F1':>6}")
    for c in (*CLASSES, "ALL"):
        p, r, f = res[c]
        line = f"{c:5} {p:7.3f} {r:6.3f} {f:6.3f}"
        if ures:
            up, ur, uf = ures[c]
            line += f"   {up:13.3f} {ur:6.3f} {uf:6.3f}"
        print(line)
    if isinstance(ut, str):
        print(ut)
    for path, label in (
        (HELDOUT, "held-out"),
        (HELDOUT2, "held-out 2"),
        (HELDOUT3, "held-out 3"),
        (HELDOUT4, "held-out 4"),
    ):
        print_heldout(path, label, verbose="-v" in argv)
    from biennien.analyse.entities import extract

    docs = unc_dev_texts()
    n_sents = sum(len(s) for _, s in docs)
    aps, sps = speed(extract, docs)
    print(f"speed (ours): {aps:,.0f} articles/s, {sps:,.0f} sentences/s over {len(docs):,} unc-dev articles")
    print(f"  ({n_sents:,} sentences; CPU time of one process, best of 3)")
    if "--no-before" not in argv:
        before = old_extract()
        if before is None:
            print(f"  before ({BEFORE_REV}): not available from git")
        else:
            baps, bsps = speed(before, docs, rounds=1)
            print(f"  before ({BEFORE_REV}): {baps:,.0f} articles/s, {bsps:,.0f} sentences/s")
    print(f"  (gold articles, incl. table loading: {dt:.2f}s)")
    if isinstance(ut, tuple):
        print(f"speed (underthesea ner): {ut[1]:,.0f} sentences/s on the gold sentences")
    print("seed checks:")
    for what, ok in seed_checks():
        print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if "-v" in argv:
        for file, s in sorted(g - pred):
            print("  missed", file, s, article_text(file)[s[0] : s[1]])
        for file, s in sorted(pred - g):
            print("  spurious", file, s, article_text(file)[s[0] : s[1]])


if __name__ == "__main__":
    main(sys.argv[1:])
