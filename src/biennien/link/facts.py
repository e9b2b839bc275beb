"""Cross-document facts: one fact per statement, conflicts between outlets, series over periods.

Facts from several documents are compared on a *normalised key*:

* the measure folded (no accents, lower case) with filler words dropped
  (``tổng``, ``giá trị``, ``hai chiều``: ``vi/data/fact_measure_drop.txt``),
  so ``tổng kim ngạch thương mại hai chiều`` meets ``kim ngạch thương mại``;
* the subject through the alias table (``Mỹ`` = ``Hoa Kỳ``:
  ``vi/data/fact_aliases.tsv``); a fact without a subject joins one with a
  subject when all else agrees (the outlet simply did not repeat it);
* the period as TIMEX3 (the tagger already turned ``tháng 1-2026`` and
  ``tháng 1/2026`` into ``2026-01``), the unit, the kind and the direction.

Same key and same value: one fact with every source's evidence.  Same key
and a different value: a conflict, marked on both facts, but only when the
period is known and the facts come from different documents (two figures
with no period may simply be from different years, and two values in one
article are more often two things than a contradiction).  Different
periods are a series and never conflict.

Ids hash the normalised key and the value, so they do not depend on the
order facts arrive in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache

from biennien.analyse.fact_keys import normalise_measure, normalise_subject
from biennien.link.duplicates import compare_words
from biennien.model import Evidence, Fact


def _value_key(f: Fact) -> str:
    end = "" if f.value_end is None else f"-{f.value_end:.6g}"
    of = "" if f.rank_of is None else f"/{f.rank_of}"
    return f"{f.value:.6g}{end}{of}"


# pure functions of a string, asked again and again for the same measure words or sentence (every
# statement of a measure, every figure of a sentence; ``_frame`` by the merge and by the link state)
_measure_key = lru_cache(maxsize=1 << 16)(normalise_measure)
_sentence_words = lru_cache(maxsize=1 << 12)(compare_words)


def _frame(f: Fact) -> tuple[str, str, str, str, str]:
    """What a figure is about, without its value or subject."""
    return (_measure_key(f.measure), f.period or "", f.unit, f.kind, f.direction or "")


_GENERIC = "~"


def _generic_key(f: Fact) -> str:
    """A figure that says neither whose nor when (``5 trận đấu``, ``ngoài 40 tuổi``) is the same figure
    in two articles only when they print the same sentence (a reprint): ``5 trận`` in one match report
    and in another are two different things.  Figures with a period keep the outlet-did-not-repeat-the
    subject rule (``""``)."""
    if f.period:
        return ""
    sentence = f.evidence[0].sentence if f.evidence else ""
    return _GENERIC + " ".join(_sentence_words(sentence))


def _fid(parts: tuple[str, ...]) -> str:
    return "fa" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """Merge statements of the same fact and mark conflicts; output sorted by id."""
    return [f for f, _ in merge_facts_members(facts)]


def merge_facts_members(facts: list[Fact]) -> list[tuple[Fact, list[str]]]:
    """``merge_facts`` with the ids of the statements each fact was made of (for incremental linking)."""
    # 1. group by frame + value; subjects join when equal or when one side has none
    groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for f in facts:
        groups[(*_frame(f), _value_key(f))].append(f)
    merged: list[_Merged] = []
    for key, members in sorted(groups.items()):
        members = sorted(members, key=_order)
        by_subject: dict[str, list[Fact]] = defaultdict(list)
        for f in members:
            by_subject[normalise_subject(f.subject) or _generic_key(f)].append(f)
        named = sorted(s for s in by_subject if s and not s.startswith(_GENERIC))
        if "" in by_subject and len(named) == 1:
            by_subject[named[0]].extend(by_subject.pop(""))
        for skey, fs in sorted(by_subject.items()):
            merged.append((key, skey, _combine(fs, _fid((*key, skey))), [f.id for f in fs]))
    merged = _absorb_rewordings(merged)
    # 2. conflicts: same frame and subject, different values, known period, different documents
    by_frame: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for key, skey, f, _ in merged:
        if key[1]:  # period known
            by_frame[(*key[:-1], skey)].append(f)
    for fs in by_frame.values():
        if len(fs) < 2:
            continue
        for a in fs:
            for b in fs:
                if a is not b and {e.doc for e in a.evidence} != {e.doc for e in b.evidence}:
                    if b.id not in a.conflicts_with:
                        a.conflicts_with.append(b.id)
        for a in fs:
            a.conflicts_with.sort()
    return sorted(((f, ids) for _, _, f, ids in merged), key=lambda p: p[0].id)


# (frame + value, subject key, fact, ids of its statements)
_Merged = tuple[tuple[str, ...], str, Fact, list[str]]


def _absorb_rewordings(merged: list[_Merged]) -> list[_Merged]:
    """Join statements whose measure words are a subset of another's, all else equal.

    ``1.409 dự án`` and ``1.409 dự án đầu tư`` for the same subject, period and
    value are one figure said in fewer words; the longer wording is kept.
    """
    by_rest: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (key, skey, _, _) in enumerate(merged):
        by_rest[(*key[1:], skey)].append(i)
    gone: set[int] = set()
    for idxs in by_rest.values():
        if len(idxs) < 2:
            continue
        idxs = sorted(idxs, key=lambda i: (-len(merged[i][0][0].split()), merged[i][0][0]))
        for pos, i in enumerate(idxs):
            if i in gone:
                continue
            words_i = set(merged[i][0][0].split())
            for j in idxs[pos + 1 :]:
                if j not in gone and merged[j][0][0] and set(merged[j][0][0].split()) <= words_i:
                    big, small = merged[i][2], merged[j][2]
                    members = merged[i][3] + merged[j][3]
                    merged[i] = (merged[i][0], merged[i][1], _combine([big, small], big.id), members)
                    gone.add(j)
    return [m for k, m in enumerate(merged) if k not in gone]


def _order(f: Fact) -> tuple[str, int, int]:
    ev = f.evidence[0] if f.evidence else Evidence("", 0, 0, "")
    return (ev.doc, ev.start, ev.end)


def _combine(fs: list[Fact], fid: str) -> Fact:
    """One fact from several statements: the first statement's words, every statement's evidence."""
    first = fs[0]
    evidence: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    for f in fs:
        for e in f.evidence:
            if (e.doc, e.start, e.end) not in seen:
                seen.add((e.doc, e.start, e.end))
                evidence.append(e)
    evidence.sort(key=lambda e: (e.doc, e.start, e.end))
    subject = next((f.subject for f in fs if f.subject), None)
    qualifier = next((f.qualifier for f in fs if f.qualifier), None)
    return Fact(
        id=fid,
        value=first.value,
        unit=first.unit,
        measure=first.measure,
        evidence=evidence,
        qualifier=qualifier,
        counted=first.counted,
        subject=subject,
        period=first.period,
        period_mod=first.period_mod,
        kind=first.kind,
        value_end=first.value_end,
        rank_of=first.rank_of,
        direction=first.direction,
        conflicts_with=[],
    )
