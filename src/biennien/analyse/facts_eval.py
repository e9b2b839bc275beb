"""Scoring quantities and facts against the hand-annotated gold sets (``tests/data/facts_gold*.tsv``).

Used by the pytest thresholds and by ``bench/facts.py``.  Each gold sentence
is analysed on its own, with the timexes the annotator marked (so the period
score measures how facts pick their period, whatever the timex tagger does)
or, when ``tagger`` is given, with the tagger's own timexes (end to end).  The
tagger gets the article's date (the ``S`` row's date column, copied from the
article's ``# date`` header), as the pipeline gives it the document's
reference date: without it ``năm nay`` or ``tháng 3`` cannot be resolved.

Gold rows with two more columns (``facts_gold_measures.tsv``) also score the
fact's measure and subject.  Those depend on the entity tagger, so
``score(..., mentions=True)`` runs it on the sentence as the pipeline does.
A measure is right when its words equal an accepted answer or begin with one
(Vietnamese noun phrases are head first: ``dân số thuộc cộng đồng dân tộc
Thái`` still names ``dân số``); ``các``/``những`` and punctuation are ignored.
A subject is right when it names an accepted entity (through the alias table,
``Mỹ`` = ``Hoa Kỳ``), or is empty when ``-`` is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from biennien.analyse import entities, quantity
from biennien.analyse import facts as facts_mod
from biennien.analyse.fact_keys import normalise_subject
from biennien.model import Fact, Quantity, Sentence, Timex
from biennien.vi.sentences import split_sentences


@dataclass(slots=True)
class GoldFigure:
    surface: str
    value: float
    unit: str
    qualifier: str | None
    value_end: float | None
    period: str | None
    measures: list[str] | None = None  # accepted measures, None when the set does not score them
    subjects: list[str] | None = None  # accepted subjects, "-" = none


@dataclass(slots=True)
class GoldSentence:
    n: int
    file: str
    date: str | None
    text: str
    figures: list[GoldFigure] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    context: str = ""  # the sentences before it in the article (``C`` rows): analysed, never scored


@dataclass(slots=True)
class Score:
    figures: int = 0
    value_unit: int = 0
    qualifier: int = 0
    period: int = 0
    inside_never: int = 0  # quantities overlapping a date, code or name
    spurious: int = 0  # quantities with digits that match no gold figure
    scored_ms: int = 0  # figures whose measure and subject are annotated
    measure: int = 0
    subject: int = 0
    errors: list[str] = field(default_factory=list)

    def rate(self, n: int) -> float:
        return n / self.figures if self.figures else 0.0

    def ms_rate(self, n: int) -> float:
        return n / self.scored_ms if self.scored_ms else 0.0


def _cell(s: str) -> str | None:
    return None if s == "-" else s


def load_gold(path: Path) -> list[GoldSentence]:
    sentences: dict[int, GoldSentence] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, n, *rest = line.split("\t")
        i = int(n)
        if kind == "S":
            sentences[i] = GoldSentence(i, rest[0], _cell(rest[1]), rest[2])
            continue
        gs = sentences[i]
        if kind == "F":
            surface, value, unit, qual, end, period = rest[:6]
            v_end = _cell(end)
            fig = GoldFigure(
                surface, float(value), unit, _cell(qual), float(v_end) if v_end else None, _cell(period)
            )
            if len(rest) >= 8:
                fig.measures = [m.strip() for m in rest[6].split("|")]
                fig.subjects = [m.strip() for m in rest[7].split("|")]
            gs.figures.append(fig)
        elif kind == "T":
            text, type_, value, mod = rest
            start = gs.text.index(text)
            gs.timexes.append(Timex(text, start, start + len(text), type_, value, mod=_cell(mod)))  # type: ignore[arg-type]
        elif kind == "N":
            gs.never.append(rest[0])
        elif kind == "C":
            gs.context = rest[0]
    return list(sentences.values())


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def analyse_sentence(
    text: str, timexes: list[Timex], mentions: bool = False, context: int = 0
) -> tuple[list[Quantity], list[Fact]]:
    """Quantities and facts of ``text``; its first ``context`` characters are earlier sentences."""
    qs = quantity.extract(text, timexes)
    sents = split_sentences(text) if context else [Sentence(0, len(text))]
    ms = entities.extract(text, sents) if mentions else []
    fs = facts_mod.extract("gold", text, sents, qs, timexes, ms)
    return qs, fs


_IGNORED = frozenset({"các", "những"})
_WORDS = re.compile(r"\w+(?:-\w+)*")


def _measure_words(s: str) -> list[str]:
    return [w for w in _WORDS.findall(s.lower()) if w not in _IGNORED]


def measure_ok(measure: str, accepted: list[str]) -> bool:
    """Does ``measure`` equal an accepted measure, or begin with one (the head, then its modifiers)?"""
    got = _measure_words(measure)
    for a in accepted:
        want = _measure_words(a)
        if want and got[: len(want)] == want:
            return True
    return False


def subject_ok(subject: str | None, accepted: list[str]) -> bool:
    """Is ``subject`` one of the accepted names (aliases folded), or rightly empty?"""
    if not subject:
        return "-" in accepted
    got = normalise_subject(subject)
    return any(a != "-" and normalise_subject(a) == got for a in accepted)


def _same_figure(q: Quantity, f: Fact) -> bool:
    return (
        _close(q.value, f.value)
        and q.unit == f.unit
        and q.kind == f.kind
        and _close(q.value_end, f.value_end)
        and q.rank_of == f.rank_of
        and q.direction == f.direction
    )


def fact_of_quantity(qs: list[Quantity], fs: list[Fact]) -> dict[tuple[int, int], Fact]:
    """The fact that states each quantity: same figure, with that quantity's sentence in its evidence.

    ``facts.extract`` merges a figure an article repeats into one fact with several evidences, so
    facts are no longer one per quantity.  Equal figures of one sentence stay separate facts, in
    text order: the k-th such quantity of a sentence is the k-th such fact whose evidence holds it.
    """
    out: dict[tuple[int, int], Fact] = {}
    taken: dict[tuple[int, str], int] = {}
    for q in qs:
        cands = [f for f in fs if _same_figure(q, f) and any(e.start <= q.start < e.end for e in f.evidence)]
        if not cands:
            raise ValueError(f"no fact states the quantity {q.text!r} at {q.start}")
        sent = next(e.start for e in cands[0].evidence if e.start <= q.start < e.end)
        k = taken.get((sent, repr((q.value, q.unit, q.kind))), 0)
        taken[(sent, repr((q.value, q.unit, q.kind)))] = k + 1
        out[(q.start, q.end)] = cands[min(k, len(cands) - 1)]
    return out


Tagger = Callable[[str, str | None], list[Timex]]


def _find_surface(text: str, surface: str, start: int) -> int:
    """First occurrence of ``surface`` from ``start`` that does not begin inside another number.

    ``7 triệu đồng`` must not be found inside ``4,7 triệu đồng`` earlier in the sentence.
    """
    at = text.find(surface, start)
    while (
        at > 0
        and surface[:1].isdigit()
        and (text[at - 1].isdigit() or text[at - 1] in ".," and at >= 2 and text[at - 2].isdigit())
    ):
        at = text.find(surface, at + 1)
    return at


def score(gold: list[GoldSentence], tagger: Tagger | None = None, mentions: bool = False) -> Score:
    """Score every gold sentence; ``tagger(text, reference_date)`` replaces the annotated timexes.

    With ``mentions`` the entity tagger runs on each sentence (subjects come from its mentions).
    """
    sc = Score()
    for gs in gold:
        off = len(gs.context) + 1 if gs.context else 0
        text = f"{gs.context} {gs.text}" if gs.context else gs.text
        if tagger:
            timexes = tagger(text, gs.date)
        else:
            timexes = [
                Timex(t.text, t.start + off, t.end + off, t.type, t.value, mod=t.mod) for t in gs.timexes
            ]
        qs, fs = analyse_sentence(text, timexes, mentions, off)
        by_span = fact_of_quantity(qs, fs)
        qs = [q for q in qs if q.start >= off]
        used: set[tuple[int, int]] = set()
        cursor = 0
        for fig in gs.figures:
            sc.figures += 1
            at = _find_surface(gs.text, fig.surface, cursor)
            at = _find_surface(gs.text, fig.surface, 0) if at < 0 else at
            cursor = at + 1
            at += off
            digit = next((at + k for k, c in enumerate(fig.surface) if c.isdigit()), at)
            over = [q for q in qs if q.start < at + len(fig.surface) and at < q.end]
            q = next((q for q in over if q.start <= digit < q.end), over[0] if over else None)
            if fig.measures is not None:
                sc.scored_ms += 1
            if q is None:
                sc.errors.append(f"{gs.file} #{gs.n}: missed {fig.surface!r}")
                continue
            used.add((q.start, q.end))
            f = by_span[(q.start, q.end)]
            ok = _close(q.value, fig.value) and q.unit == fig.unit and _close(q.value_end, fig.value_end)
            sc.value_unit += ok
            if not ok:
                sc.errors.append(
                    f"{gs.file} #{gs.n}: {fig.surface!r} gold {fig.value:g} {fig.unit} end={fig.value_end}"
                    f" got {q.value:g} {q.unit} end={q.value_end}"
                )
            sc.qualifier += q.qualifier == fig.qualifier
            if q.qualifier != fig.qualifier:
                sc.errors.append(
                    f"{gs.file} #{gs.n}: {fig.surface!r} qualifier {fig.qualifier} got {q.qualifier}"
                )
            sc.period += f.period == fig.period
            if f.period != fig.period:
                sc.errors.append(f"{gs.file} #{gs.n}: {fig.surface!r} period {fig.period} got {f.period}")
            if fig.measures is not None and fig.subjects is not None:
                m_ok, s_ok = measure_ok(f.measure, fig.measures), subject_ok(f.subject, fig.subjects)
                sc.measure += m_ok
                sc.subject += s_ok
                if not m_ok:
                    sc.errors.append(
                        f"{gs.file} #{gs.n}: {fig.surface!r} measure {fig.measures} got {f.measure!r}"
                    )
                if not s_ok:
                    sc.errors.append(
                        f"{gs.file} #{gs.n}: {fig.surface!r} subject {fig.subjects} got {f.subject!r}"
                    )
        for span in gs.never:
            at = gs.text.index(span) + off
            bad = [q for q in qs if q.start < at + len(span) and at < q.end]
            sc.inside_never += len(bad)
            for q in bad:
                sc.errors.append(f"{gs.file} #{gs.n}: quantity {q.text!r} inside {span!r}")
        for q in qs:
            if (q.start, q.end) not in used and any(c.isdigit() for c in q.text):
                sc.spurious += 1
                sc.errors.append(f"{gs.file} #{gs.n}: spurious {q.text!r}")
    return sc
