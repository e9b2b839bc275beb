"""Quantity and fact extraction: accuracy on the gold set and speed on a corpus folder.

    python bench/facts.py [CORPUS_DIR]    (default ../shared/corpora/unc-dev)

Prints value+unit, qualifier and period accuracy on tests/data/facts_gold.tsv (the
development set) and tests/data/facts_gold_heldout.tsv (held out: never tuned on), each
with the annotator's timexes and end to end with the timex tagger, the
number of quantities found inside a date, code or name; then, separately,
tests/data/facts_gold_measures.tsv (held out for measure and subject: value+unit,
qualifier, period, measure, subject, with the entity tagger run as in the
pipeline), tests/data/facts_gold_measures2.tsv, facts_gold_measures3.tsv and
facts_gold_measures4.tsv, facts_gold_measures5.tsv and facts_gold_measures6.tsv (a second to sixth such set,
each blind until its first run; the fifth and sixth give each sentence the one or two before it); and articles per
second for quantity + fact extraction on one core.  Sentence splitting and
timex tagging run before the clock starts: they are other stages' work.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from biennien.analyse import facts, quantity, timex  # noqa: E402
from biennien.analyse.facts_eval import load_gold, score  # noqa: E402
from biennien.vi.normalise import analysis_text, nfc  # noqa: E402
from biennien.vi.sentences import split_sentences  # noqa: E402


def _article(path: Path) -> tuple[str, str | None]:
    """Body text and reference date of a '# key = value' article."""
    date = None
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition("=")
            if key.strip() == "date" and len(value.strip()) == 8:
                v = value.strip()
                date = f"{v[:4]}-{v[4:6]}-{v[6:]}"
            continue
        body.append(line)
    return analysis_text(nfc("\n".join(body))), date


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpora" / "unc-dev"
    for name in ("facts_gold.tsv", "facts_gold_heldout.tsv"):
        _accuracy(name)
    _measures("facts_gold_measures.tsv")
    _measures("facts_gold_measures2.tsv")
    _measures("facts_gold_measures3.tsv")
    _measures("facts_gold_measures4.tsv")
    _measures("facts_gold_measures5.tsv")
    _measures("facts_gold_measures6.tsv")
    if "--no-speed" not in sys.argv:
        _speed(corpus)


def _measures(name: str) -> None:
    """The measure/subject set: every field, with the entity tagger supplying subjects."""
    gold = load_gold(ROOT / "tests" / "data" / name)
    for label, tagger in (("annotated timexes", None), ("timex tagger", timex.tag)):
        sc = score(gold, tagger, mentions=True)
        what = {
            "2.tsv": "second set, ",
            "3.tsv": "third set, ",
            "4.tsv": "fourth set, ",
            "5.tsv": "fifth set, with context sentences, ",
            "6.tsv": "sixth set, role nouns, with context sentences, ",
        }.get(name[-5:], "")
        print(
            f"{name} ({what}held out for measure and subject; {label}, entity tagger): {sc.figures} figures"
        )
        print(
            f"  value+unit {sc.rate(sc.value_unit):.1%}  qualifier {sc.rate(sc.qualifier):.1%}"
            f"  period {sc.rate(sc.period):.1%}  measure {sc.ms_rate(sc.measure):.1%}"
            f"  subject {sc.ms_rate(sc.subject):.1%}"
        )
        print(f"  quantities inside a date/code/name: {sc.inside_never}  spurious figures: {sc.spurious}")
        if "-v" in sys.argv:
            print("\n".join("    " + e for e in sc.errors))


def _accuracy(name: str) -> None:
    """Accuracy on one gold file, with annotated timexes and with the tagger (article date as reference)."""
    gold = load_gold(ROOT / "tests" / "data" / name)
    kind = "held-out, never tuned on" if "heldout" in name else "development"
    for label, tagger in (("annotated timexes", None), ("timex tagger", timex.tag)):
        sc = score(gold, tagger)
        print(f"{name} ({kind}; {label}): {sc.figures} figures in {len(gold)} sentences")
        print(
            f"  value+unit accuracy {sc.rate(sc.value_unit):.1%}  qualifier {sc.rate(sc.qualifier):.1%}"
            f"  period {sc.rate(sc.period):.1%}"
        )
        print(f"  quantities inside a date/code/name: {sc.inside_never}  spurious figures: {sc.spurious}")


def _speed(corpus: Path) -> None:
    files = sorted(p for p in corpus.glob("*.txt") if p.name != "README.md")
    if not files:
        print(f"no articles in {corpus}")
        return
    prepared = []
    for p in files:
        text, date = _article(p)
        prepared.append((p.stem, text, split_sentences(text), timex.tag(text, date)))
    n_q = n_f = 0
    best = best_cpu = float("inf")
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        n_q = n_f = 0
        for doc_id, text, sents, txs in prepared:
            qs = quantity.extract(text, txs)
            fs = facts.extract(doc_id, text, sents, qs, txs, [])
            n_q += len(qs)
            n_f += len(fs)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"speed on {corpus.name}: {len(prepared)} articles, {n_q} quantities, {n_f} facts")
    print(
        f"  quantity + fact extraction: {len(prepared) / best:,.0f} articles/s wall,"
        f" {len(prepared) / best_cpu:,.0f} articles/s CPU time, one core (best of 3;"
        " timexes and sentences computed beforehand)"
    )


if __name__ == "__main__":
    main()
