"""Facts: a quantity, what it measures, whose it is, and the period it covers.

For each quantity the sentence around it is read right to left:

* the *measure* is the article's own words before the figure, back to the
  clause start or the previous figure, with link words (``là``, ``đạt``,
  ``có``), qualifiers and change verbs removed: in ``xuất khẩu đạt 13,9 tỷ
  USD, nhập khẩu 1,9 tỷ USD`` each figure gets its own measure;
* a change (``tăng 28,6%``) with no words of its own is a fact about the
  measure of the figure before it, with its direction;
* the *subject* is the nearest entity mention (or capitalised name) before
  the figure in the sentence;
* the *period* is the nearest DATE timex of the same clause, else of the same
  sentence, skipping comparison bases (``so với cùng kỳ năm trước``); a
  recurring time (``hằng năm``, a SET) nearest the figure means no period.

Ids hash the document id and the figure's offsets, so they are stable.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import Final

from mypy_extensions import mypyc_attr

from biennien.analyse.fact_keys import normalise_measure, normalise_subject
from biennien.model import Evidence, Fact, Mention, Quantity, Sentence, Timex
from biennien.vi.resources import table, word_list

# every branch opens with a character (look-behinds after it: ``x(?<!A.)`` is ``(?<!A)x``) so the
# engine skips to candidate characters
_CLAUSE: Final = re.compile(
    r",(?<!\d,)|,(?!\d)|[;:()\[\]“”\"]|\s[-–]\s|t(?<!\w.)rong đó\b|t(?<!\w.)rong số đó\b"
)
_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*%?")
_SUBJECT_TYPES: Final = ("GPE", "ORG", "PER", "LOC")
_COMPARE: Final = re.compile(r"\b(?:so với|so|hơn)\b")


def _compared(text: str, clauses: _ClauseStarts, sent_start: int, pos: int) -> bool:
    """Is the timex at ``pos`` a comparison base (``so với cùng thời điểm năm 2020``)?"""
    clause = text[clauses.at(sent_start, pos) : pos]
    return _COMPARE.search(clause[-30:]) is not None


_MAX_MEASURE_WORDS: Final = 8
_FOCUS: Final = frozenset(
    {"chỉ", "mới", "đã", "cũng", "ngay", "liền"}
)  # "kim ngạch ... chỉ ở mức khiêm tốn 500 triệu USD"
_HEAD_ENDS: Final = frozenset({"cho", "của", "tại", "ở", "trong", "với", "đối với", "thuộc"})
_PREPOSITIONS: Final = frozenset(
    {"vào", "của", "tại", "ở", "với", "cho", "từ", "sang", "đến", "tới", "thăm", "như", "cách"}
)


@cache
def _vocab(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


_LONGEST: Final[dict[frozenset[str], int]] = {}


def _longest(vocab: frozenset[str]) -> int:
    """Longest phrase of a vocabulary, in words, memoised by vocabulary (as ``_edge_words``: a
    frozenset keeps its hash and the cached vocabularies are found by identity first).  Not by
    ``id``: an id is reused once its object is freed (a vocabulary two threads built at once, one
    of them dropped), and another vocabulary would then read its length."""
    n = _LONGEST.get(vocab)
    if n is None:
        n = _LONGEST[vocab] = max(len(p.split()) for p in vocab)
    return n


@cache
def _trailing() -> frozenset[str]:
    """What may trail a measure before its figure: link words, qualifiers, change verbs, rank words."""
    from biennien.analyse.quantity_tables import tables

    t = tables()
    trailing = _vocab("fact_links.txt") | frozenset(t.qualifiers) | frozenset(t.changes) | t.change_adverbs
    return trailing | t.context["rank_adj"] | frozenset({"thứ"})


# The vocabularies below are unions used on every figure: made once, so that ``_strip`` and
# ``_longest`` see one lasting object each (a set built per call costs a copy of the tables).


@cache
def _trailing_focus() -> frozenset[str]:
    return _trailing() | _FOCUS


@cache
def _qualifiers() -> frozenset[str]:
    from biennien.analyse.quantity_tables import tables

    return frozenset(tables().qualifiers)


@cache
def _qualifiers_focus() -> frozenset[str]:
    return _qualifiers() | _FOCUS


@cache
def _qualifiers_bounds() -> frozenset[str]:
    """Qualifiers and the bound words that may stand between a dimension word and its figure."""
    return _qualifiers() | {"từ", "tới", "đến", "hơn", "lên"}


@cache
def _links_and() -> frozenset[str]:
    return _vocab("fact_links.txt") | frozenset({"và"})


@cache
def _right_stops() -> frozenset[str]:
    """Words that cannot open a measure named after its figure."""
    return _trailing() | _PREPOSITIONS | _vocab("fact_links.txt") | frozenset({"so", "trong", "và"})


def extract(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
) -> list[Fact]:
    """One fact per quantity that sits in a sentence."""
    if not quantities:
        return []  # nothing to read (``merge_repeats([])``): skip the per-document lists below
    starts = [s.start for s in sentences]
    facts: list[Fact] = []
    prev_in_sentence: dict[int, tuple[Quantity, Fact]] = {}
    # a timex that covers a figure is no period ("lên tới 1000 triệu nhân dân tệ" tagged as the year 1000)
    qstarts = [q.start for q in quantities]
    dates = (
        [tx for tx in timexes if not _covers_figure(tx, quantities, qstarts)] if quantities else list(timexes)
    )
    named = _named(text, mentions)  # once per document, not per figure
    longest = max((mt.end - mt.start for mt in named), default=0)
    by_start = sorted(mentions, key=lambda m: m.start)  # for ``_owner_after``, sorted once
    measures = _Measures()  # a figure's chunk is often measured twice (after a timex, then whole)
    spans = _Spans(timexes, quantities)
    timex_spans = _Spans(timexes)
    # the timexes (all; dates) inside each sentence with a figure, in their order: per figure only these
    # can count (``_after_timex``, ``_period``), so the other sentences' are not tested again and again
    per_sentence: dict[int, tuple[list[Timex], list[Timex], _SentenceDates | None]] = {}
    clauses = _ClauseStarts(text)
    for q in quantities:
        i = bisect.bisect_right(starts, q.start) - 1
        if i < 0 or q.start >= sentences[i].end:
            continue
        sent = sentences[i]
        prev = prev_in_sentence.get(i)
        if (own := per_sentence.get(i)) is None:
            own = per_sentence[i] = (
                [tx for tx in timexes if sent.start <= tx.start and tx.end <= sent.end],
                (ds := [tx for tx in dates if sent.start <= tx.start and tx.end <= sent.end]),
                _SentenceDates(text, clauses, sent, ds) if len(ds) > _INDEXED_DATES else None,
            )
        in_sentence, sentence_dates, dates_index = own
        clause_start = clauses.at(sent.start, q.start)
        left_start = max(clause_start, prev[0].end if prev else sent.start)
        if prev is not None and q.kind == prev[0].kind and _CONVERSION.fullmatch(text, prev[0].end, q.start):
            # "trốn 14,583 triệu nhân dân tệ (khoảng 51 tỷ đồng)": the same figure converted
            conv = prev[1]
            facts.append(
                _fact(doc_id, text, sent, q, conv.measure, conv.subject, conv.period, conv.period_mod)
            )
            prev_in_sentence[i] = (q, facts[-1])
            continue
        masked = spans.mask(text, left_start, q.start)
        # "giá bán ... ở thời điểm hiện tại chỉ thấp hơn khoảng 3-4 triệu": only links after the timex
        measure = (
            measures[_after_timex(masked, left_start, q.start, in_sentence, measures)] or measures[masked]
        )
        # the clause's blanked words are ``masked`` when no earlier figure of the clause cut them
        chunk = masked if left_start == clause_start else None
        subject = _subject(text, clause_start, q, mentions, spans, named, chunk, longest)
        if subject is None and _continues(text, clause_start, q.start):
            # "Hoa Kỳ là ..., với khoảng 1.409 dự án": a clause that goes on the sentence's subject
            subject = (
                prev[1].subject
                if prev
                else _subject(text, sent.start, q, mentions, timex_spans, named, None, longest)
            )
        if subject is None:
            subject = _apposition(text, clauses, sent, clause_start, mentions, prev) or _mid_apposition(
                text, sent, clause_start, q, mentions
            )
        holder = _holder(text, sentences, i, clause_start, subject, mentions)
        if holder is None and subject is None:
            # "Người đẹp 36 tuổi chia sẻ", "Sở hữu chiều cao 1,65 mét": the person told before
            holder = _role_holder(text, sentences, i, clause_start, q, mentions)
        if holder is not None:
            subject = holder  # "Hãng được cho là đã chi 2 triệu tệ": the company of the sentences before
        if q.kind == "rank" and (named_after := _rank_holder(text, q, mentions)) is not None:
            subject = named_after  # "đội đang đứng thứ 4 West Ham", "CLB xếp thứ 6 là Lazio"
        if subject is None and prev is not None and _BASE.search(masked):
            subject = prev[1].subject  # "tăng mạnh so với mức 780 triệu USD": the previous figure's owner
        if subject is None:
            subject = _owner_after(text, sent, q, mentions, by_start)
        if subject is not None and _group_count(text, sent, q):
            subject = None  # "nhóm 4 đội mạnh nhất", "12 CLB tuyên bố ...": the group is its own subject
        bare_subject = " ".join(_WORD.findall(subject)) if subject else ""  # "Việt Nam - Hoa Kỳ" sans dash
        if bare_subject and bare_subject in measure:
            head, _, tail = measure.partition(bare_subject)
            measure = measures[head.removesuffix(" của ") + " " + tail]
        measure, verb_only = _drop_verbs(measure)
        # "hỗ trợ cho 200 gia đình": the figure is the object of the preposition, it measures its noun
        verb_only = verb_only or measure.rsplit(" ", 1)[-1].lower() in _PREPOSITIONS
        if q.kind == "rank":
            measure = _rank_measure(masked, text[q.start : q.end]) or measure
        if q.kind == "count" and q.counted and (not measure or verb_only or not _after_copula(masked)):
            # what is counted is the counted noun, unless "X là/đạt N ..." names X
            measure = _counted_phrase(text, _whole_words(text, q.counted, q.end), q.end)
        elif _occurrences(text, q, masked) and (not measure or verb_only or not _after_copula(masked)):
            # "Sau hơn 30 lần lặp lại thí nghiệm", "từng 5 lần đoạt giải": the occurrences counted
            measure = _counted_phrase(text, "lần", q.end)
        elif q.kind == "physical" and q.unit.split("/")[0] in _DIMENSION_UNITS:
            measure = _dimension(masked, measure)
        if q.unit == "%" and (not measure or verb_only or _THAT.search(masked) or _SHARE_OF.search(masked)):
            measure = _right_measure(text, sent, q, spans) or measure
        if not measure and _opens_bracket(text, sent, clause_start, masked):
            # "các khoản thu sử dụng thư viện (159 triệu đồng)": the figure of the words before the bracket
            before = clauses.at(sent.start, clause_start - 1)
            measure = measures[spans.mask(text, before, clause_start - 1)]
        if not measure and prev is not None and _COMPARED_TO.search(masked):
            measure = prev[1].measure  # "173% vào năm 2017, so với 119% vào năm 1980": the same measure
        if q.direction is not None and (
            measure.lower() in _vocab("fact_aspects.txt") or (not measure and prev is None)
        ):
            # "khách hàng sẽ tiếp tục được giảm thêm 1 triệu đồng": the change itself is what is measured
            measure = _change_word(masked) or measure
        if not measure:
            measure = _fallback_measure(text, sent, q, prev[1] if prev else None)
        period, mod = _period(
            text, clauses, sent, clause_start, q, sentence_dates, prev[0] if prev else None, dates_index
        )
        fact = _fact(doc_id, text, sent, q, measure, subject, period, mod)
        facts.append(fact)
        prev_in_sentence[i] = (q, fact)
    return merge_repeats(facts)


def _repeat_key(f: Fact, measure_key: str | None = None) -> tuple[object, ...]:
    """What makes two statements of one article the same figure, subject and period aside
    (``measure_key``: ``normalise_measure(f.measure)`` when the caller has it)."""

    return (
        f.value,
        f.value_end,
        f.rank_of,
        f.unit,
        f.kind,
        f.direction,
        normalise_measure(f.measure) if measure_key is None else measure_key,
    )


def merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One fact, with every evidence, for a figure an article states in several sentences.

    Articles repeat their key figures (lead, body, conclusion: ``533 triệu người dùng`` twice);
    statements with the same value, unit, kind, direction, measure key, subject and period become
    one fact that keeps the first statement's id and words.  Within the article a statement without
    a subject or period is the same figure said again more briefly (``20 triệu người`` after
    ``Vào ngày 22/4/1970, 20 triệu người ...``), so it joins the one statement of that figure that
    names them, when exactly one does.  Two equal figures of one sentence are parallel figures
    (``lần lượt là 10% và 10%``), never merged.
    """

    groups: dict[tuple[object, ...], list[int]] = {}
    keys: dict[str, str] = {}  # measure -> its key: an article repeats its measures
    for k, f in enumerate(facts):
        mkey = keys.get(f.measure)
        if mkey is None:
            mkey = keys[f.measure] = normalise_measure(f.measure)
        groups.setdefault(_repeat_key(f, mkey), []).append(k)
    into: dict[int, int] = {}  # statement index -> index of the fact it joins
    for members in groups.values():
        if len(members) < 2:
            continue
        subjects = {normalise_subject(facts[k].subject) for k in members} - {""}
        periods = {(facts[k].period, facts[k].period_mod) for k in members if facts[k].period}
        heads: dict[tuple[str, str | None, str | None], int] = {}
        for k in members:
            f = facts[k]
            skey = normalise_subject(f.subject) or (next(iter(subjects)) if len(subjects) == 1 else "")
            period, mod = (
                (f.period, f.period_mod)
                if f.period
                else (next(iter(periods)) if len(periods) == 1 else (None, None))
            )
            key = (skey, period, mod)
            head = heads.setdefault(key, k)
            if head != k and not any(e.start == facts[k].evidence[0].start for e in facts[head].evidence):
                into[k] = head
                facts[head] = _join(facts[head], f)
    return [f for k, f in enumerate(facts) if k not in into]


def _join(head: Fact, other: Fact) -> Fact:
    """``head`` with ``other``'s evidence, and the subject, period and qualifier it lacked."""
    head.evidence = [*head.evidence, *(e for e in other.evidence if e not in head.evidence)]
    if not head.subject:
        head.subject = other.subject
    if not head.period:
        head.period, head.period_mod = other.period, other.period_mod
    if not head.qualifier:
        head.qualifier = other.qualifier
    return head


_THAT: Final = re.compile(r"\brằng\s*$")
_BASE: Final = re.compile(r"\bso với(?: mức| con số| mức giá)?\s*$")
# "hệ thống chiếm hơn 30% thị phần", "đều có 60% câu hỏi": a share followed by its whole names the whole
_SHARE_OF: Final = re.compile(
    r"\b(?:chiếm|có)\s+(?:\S+\s+)?$"
)  # "phát hiện ra rằng 79% số lượng chó ...": a new clause starts
_COMPARED_TO: Final = re.compile(r"\b(?:so với|so|hay|hoặc)\s*$")


def _opens_bracket(text: str, sent: Sentence, clause_start: int, masked: str) -> bool:
    """Does the figure open a bracket (``(159 triệu đồng)``, ``(khoảng 51 tỷ)``), with no words of its own?"""

    if clause_start <= sent.start or text[clause_start - 1] != "(":
        return False
    return not _strip(_WORD.findall(masked), _qualifiers(), leading=False)


def _rank_measure(masked: str, figure: str) -> str:
    """What a rank ranks: the rank word before it (``xếp thứ 6`` -> ``xếp``, ``xếp hạng 6``, ``hạt giống số 8``)."""

    words = _strip(_WORD.findall(masked), _qualifiers_focus(), leading=False)
    own = _WORD.findall(figure)[:1]
    if own and not own[0][0].isdigit() and own[0].lower() not in ("thứ", "số"):
        words = [*words, own[0]]  # "xếp hạng 6": the figure's own rank noun
    vocab = _vocab("fact_rank_words.txt")
    for k in range(min(_longest(vocab), len(words)), 0, -1):
        if " ".join(words[-k:]).lower() in vocab:
            return " ".join(words[-k:])
    return ""


def _occurrences(text: str, q: Quantity, masked: str) -> bool:
    """Is the figure a number of occurrences (``30 lần``), not a ratio (``gấp 10 lần``, ``tăng 3 lần``)?"""
    if q.unit != "times" or not text[q.start : q.end].endswith("lần") or q.direction is not None:
        return False
    words = _WORD.findall(text[q.start : q.end]) + _WORD.findall(masked)[-2:]
    return not any(w.lower() in ("gấp", "tăng", "giảm", "hơn", "bằng") for w in words)


def _counted_phrase(text: str, counted: str, end: int) -> str:
    """A one-word counted noun with its modifiers: ``911 triệu cuộc tấn công mạng so với`` -> ``cuộc tấn công``.

    At most two lower-case words follow it, up to a stop word (``fact_modifier_stops.txt``, links,
    prepositions, verbs); a closed noun (``tuổi``) takes none.
    """
    if " " in counted or counted.lower() in _vocab("fact_closed_counted.txt"):
        return counted
    stops = _modifier_stops()
    words: list[str] = []
    pos = end
    while len(words) < 2:
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            break
        w = m.group(1)
        if not w.islower() or w in stops or (words and f"{words[-1]} {w}" in stops):
            break
        if not words and f"{w} {_peek(text, m.end())}" in stops:
            break
        words.append(w)
        pos = m.end()
    if words and f"{words[-1]} {_peek(text, pos)}".lower() in _vocab("fact_compounds.txt"):
        words.append(_peek(text, pos))  # never end inside a two-syllable word
    return " ".join([counted, *words])


_NEXT_WORD: Final = re.compile(r" ([^\W\d_]+)")


def _peek(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


@cache
def _modifier_stops() -> frozenset[str]:
    return (
        _vocab("fact_modifier_stops.txt")
        | _vocab("fact_links.txt")
        | _vocab("fact_leading.txt")
        | _trailing()
        | _PREPOSITIONS
        | _HEAD_ENDS
        | _FOCUS
    )


def _after_copula(masked: str) -> bool:
    """Does the figure follow a copula (``là``, ``đạt``), so that the words before it are its measure?"""

    words = _strip(_WORD.findall(masked), _qualifiers_focus(), leading=False)
    copulas = _vocab("fact_copulas.txt")
    return any(" ".join(words[-k:]).lower() in copulas for k in (1, 2, 3) if len(words) >= k)


def _whole_words(text: str, counted: str, end: int) -> str:
    """The counted noun, completed when it stops inside a word (``thanh thiếu`` + ``niên``)."""
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    last = counted.rsplit(" ", 1)[-1]
    if nxt is not None and f"{last} {nxt.group()}".lower() in _vocab("fact_compounds.txt"):
        return f"{counted} {nxt.group()}"
    return counted


_DIMENSION_UNITS: Final = frozenset({"m", "km", "cm", "mm", "dm", "kg", "g", "tấn", "lb", "ft", "inch"})


def _dimension(masked: str, measure: str) -> str:
    """A length or weight measures its dimension word: ``hổ đực dài từ 2,6 đến 3,3m`` -> ``dài``.

    The word is read on the raw words before the figure (it is also a trailing adjective there, so
    the trimmed measure has lost it); ``độ``/``chiều`` before it belong to it (``độ sâu 20 m``).
    """

    dims = _vocab("fact_dimensions.txt")
    # "cao hơn 1,8m": the dimension word before a comparative
    raw = _strip(
        _WORD.findall(masked),
        _qualifiers_bounds(),
        leading=False,
    )
    if raw and raw[-1].lower() in dims:
        return " ".join(raw[-2:]) if len(raw) > 1 and raw[-2].lower() in ("độ", "chiều") else raw[-1]
    words = measure.split()
    for k in range(len(words) - 1, -1, -1):
        if f"{words[k].lower()} any" in dims:
            return " ".join(words[k:])
    return measure


def _right_measure(text: str, sent: Sentence, q: Quantity, spans: _Spans) -> str:
    """``100% hồ sơ, ...``, ``79% số lượng chó đã ăn cỏ``: a share names its whole after it."""
    m = _CLAUSE.search(text, q.end, sent.end)
    end = m.start() if m else sent.end
    words = _WORD.findall(spans.mask(text, q.end, end))
    if not words or not words[0].islower():
        return ""
    stop = _right_stops()
    if words[0] in stop or words[0][0].isdigit():
        return ""
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _HEAD_ENDS), len(words))
    return " ".join(words[: min(cut, _MAX_MEASURE_WORDS)])


_CONVERSION: Final = re.compile(
    r"\s*\(\s*(?:(?:khoảng|tương đương|tức|hay|hơn|gần|trên|chừng|xấp xỉ|~|=)\s*)*"
)


def _fact(
    doc_id: str,
    text: str,
    sent: Sentence,
    q: Quantity,
    measure: str,
    subject: str | None,
    period: str | None,
    mod: str | None,
) -> Fact:
    fid = "fa" + hashlib.sha1(f"{doc_id}|{q.start}|{q.end}".encode()).hexdigest()[:12]
    return Fact(
        id=fid,
        value=q.value,
        unit=q.unit,
        measure=measure,
        evidence=[Evidence(doc_id, sent.start, sent.end, text[sent.start : sent.end])],
        qualifier=q.qualifier,
        counted=q.counted,
        subject=subject,
        period=period,
        period_mod=mod,
        kind=q.kind,
        value_end=q.value_end,
        rank_of=q.rank_of,
        direction=q.direction,
    )


def _covers_figure(tx: Timex, quantities: Sequence[Quantity], qstarts: Sequence[int] | None = None) -> bool:
    """Does ``tx`` overlap a figure?  ``qstarts``: the figures' starts, listed once by the caller."""
    i = bisect.bisect_left(qstarts if qstarts is not None else [q.start for q in quantities], tx.end)
    return any(quantities[j].end > tx.start for j in range(max(0, i - 2), i))


def _after_timex(
    masked: str, start: int, end: int, timexes: Sequence[Timex], measures: _Measures | None = None
) -> str:
    """The words after the last timex inside a measure, when that leaves a measure.

    ``làm giả số liệu từ năm 1996 và trốn 14,583 triệu`` measures what follows the date (``trốn``);
    ``doanh thu năm 2020 đạt ...`` has nothing but a link after it and keeps ``doanh thu``.
    """
    inner = [tx.end for tx in timexes if start < tx.start and tx.end < end]
    if not inner:
        return masked
    tail = masked[max(inner) - start :]
    first = _WORD.findall(tail)[:1]
    if first and first[0].lower() in _HEAD_ENDS | _PREPOSITIONS:
        return masked  # "lượng khách hủy phòng trong dịp lễ 30/4 tại Sầm Sơn": a modifier of the words before
    words = _strip(_WORD.findall(tail), _links_and(), leading=True)
    return (
        tail if (measures[" ".join(words)] if measures is not None else _measure(" ".join(words))) else masked
    )


def _ends_with_with(chunk: str) -> bool:
    """``với 230 dự án``, ``có 6 cơ sở``: the count itself names what is counted."""

    words = _strip(_WORD.findall(chunk), _qualifiers(), leading=False)
    return bool(words) and words[-1].lower() in ("với", "có", "gồm", "cùng", "thêm", "và", "hơn")


def _breaks(text: str, m: re.Match[str]) -> bool:
    """Whether a match of ``_CLAUSE`` ends a clause (it depends on the text around it only)."""
    if m.group() == ",":  # most breaks: neither a quote mark nor a dash
        return True
    if m.group() in _QUOTES and _short_quote(text, m.start()):
        return False  # 'chiều cao "khủng" 1,88m': a quoted word is no clause break
    if m.group().strip() in "-–" and (
        _name_pair(text, m.start(), m.end()) or _digit_pair(text, m.start(), m.end())
    ):
        return False  # "Việt Nam - Hoa Kỳ", "giai đoạn 2011 - 2020": a pair, not a clause break
    return True


class _ClauseStarts:
    """Where the clause holding a position starts, for many positions of one document's sentences: after
    the last clause break (``_breaks``) of ``_CLAUSE``'s matches in the text from the sentence's start cut
    at the position, or the sentence's start when there is none.  Each break is read once.

    ``_period`` asks for the clause of every timex of a sentence for every figure in it, and each
    answer rescanned the sentence from its start: on one long sentence of figures and dates with no full
    stop (a table flattened into a line) that was cubic (26,000 characters: 31 s).  Here each sentence's
    breaks are read once, lazily, left to right (``_CLAUSE`` as over the rest of the text); a position's
    answer is the last break among the matches ending at least one character before it (their lookahead
    and ``\\b`` see only text before the position, so a scan cut at the position finds them alike) and a
    scan of the few characters after them up to the position, cut there.
    The matches are read in windows only as far as the positions asked for (a match is decided by at
    most ``_CLAUSE_REACH`` characters from its start, so a window read with that much more text finds
    the matches starting inside it as a scan of the whole text does): reading on to the next match
    wherever it was made a document whose sentences have no comma quadratic (every sentence read the
    rest of the text).  Owned by one ``extract`` call (no state shared between documents or threads).
    """

    __slots__ = ("text", "scans", "searched")

    def __init__(self, text: str) -> None:
        self.text = text
        # per sentence start: the last ``end_after`` search (where it started, what it found)
        self.searched: dict[int, tuple[int, int]] = {}
        # per sentence start: [where the next read resumes, the end of the part read (every match
        # starting before it is known)], the starts and ends of the matches read, and the clause start
        # after each of them (the last break so far)
        self.scans: dict[int, tuple[list[int], list[int], list[int], list[int]]] = {}

    def _read(self, sent_start: int, upto: int) -> tuple[list[int], list[int], list[int], list[int]]:
        """The sentence's scan, read at least as far as ``upto``."""
        text = self.text
        scan = self.scans.get(sent_start)
        if scan is None:
            scan = self.scans[sent_start] = ([sent_start, sent_start], [], [], [])
        state, starts, ends, lasts = scan
        resume, known = state
        if known < upto:
            stop = max(upto, known + _CLAUSE_WINDOW)
            for m in _CLAUSE.finditer(text, resume, min(len(text), stop + _CLAUSE_REACH)):
                if m.start() >= stop:
                    break
                starts.append(m.start())
                ends.append(m.end())
                lasts.append(m.end() if _breaks(text, m) else (lasts[-1] if lasts else sent_start))
                resume = m.end()
            state[0], state[1] = max(resume, stop), stop
        return scan

    def at(self, sent_start: int, pos: int) -> int:
        text = self.text
        state, starts, ends, lasts = self._read(sent_start, pos)
        k = bisect.bisect_right(ends, pos - 1) - 1
        if k < 0:
            last, tail = sent_start, sent_start
        else:
            last, tail = lasts[k], ends[k]
        # no match starts between the last one read ending before ``pos`` and the next one read; a
        # scan cut at ``pos`` decides the places far enough before it alike: it needs to start only
        # ``_CLAUSE_REACH`` before ``pos`` (a line with no break rescanned it from its start)
        nxt = starts[k + 1] if k + 1 < len(starts) else state[1]
        if nxt >= pos and pos > 0:
            # no match read starts before ``pos`` past the ``k``-th, so the scan cut at ``pos`` can add
            # only a match ending at ``pos`` (one ending before it sees what the uncut scan saw): none
            # unless the character before ``pos`` can end one (most figures follow a plain space)
            c = text[pos - 1]
            if c not in _CLAUSE_LAST if not c.isspace() else text[pos - 2 : pos - 1] not in _DASHES:
                return last
        for m in _CLAUSE.finditer(text, max(tail, min(nxt, pos - _CLAUSE_REACH)), pos):
            if _breaks(text, m):
                last = m.end()
        return last

    def end_after(self, sent: Sentence, pos: int) -> int:
        """Where the first ``_CLAUSE`` match at or after ``pos`` in the sentence starts (the sentence's
        end when there is none): ``_CLAUSE.search(text, pos, sent.end)``.  The last search of each
        sentence is kept: it found no match between where it started and where it stopped, so a later
        position in between has the same answer (the figures of a comma-free line each searched on to
        the line's end)."""
        last = self.searched.get(sent.start)
        if last is not None and last[0] <= pos <= last[1]:
            return last[1]
        m = _CLAUSE.search(self.text, pos, sent.end)
        end = m.start() if m else sent.end
        self.searched[sent.start] = (pos, end)
        return end


# the characters a ``_CLAUSE`` match can end with, white space aside (``\s[-–]\s``: after a dash)
_CLAUSE_LAST: Final = frozenset(',;:()[]“”"') | {"trong đó"[-1]}
_DASHES: Final = ("-", "–")
# how far past its start ``_CLAUSE`` reads to decide a match (``trong số đó\b``: 11 characters and the
# one after), with room to spare; and how much text a read of the breaks takes at least
_CLAUSE_REACH: Final = 16
_CLAUSE_WINDOW: Final = 64


_QUOTES: Final = frozenset('"“”')
_SHORT_QUOTE: Final = re.compile(r'["“][^\W\d_]+(?: [^\W\d_]+)?["”]')


def _short_quote(text: str, pos: int) -> bool:
    """Is the quote mark at ``pos`` one end of a quoted word or two (``"khủng"``), set in a clause?"""
    if _SHORT_QUOTE.match(text, pos) is not None:
        return True
    left = max(text.rfind(c, max(0, pos - 25), pos) for c in '"“')
    return left >= 0 and _SHORT_QUOTE.fullmatch(text, left, pos + 1) is not None


def _digit_pair(text: str, dash_start: int, dash_end: int) -> bool:
    return text[dash_start - 1 : dash_start].isdigit() and text[dash_end : dash_end + 1].isdigit()


def _name_pair(text: str, dash_start: int, dash_end: int) -> bool:
    before = text[max(0, dash_start - 20) : dash_start].split()
    after = text[dash_end : dash_end + 20].split()
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


class _Spans:
    """The timex and figure spans of one document, sorted once, for blanking and overlap tests.

    ``mask`` and ``overlaps`` see only the spans that start before the stretch's end (a bisection) and
    walk back from there while the running maximum of their ends passes its start: a few spans per
    call instead of every timex and figure of the document.
    """

    __slots__ = ("spans", "starts", "max_end")

    def __init__(self, *groups: Sequence[Timex | Quantity]) -> None:
        self.spans = sorted((x.start, x.end) for group in groups for x in group)
        self.starts = [a for a, _ in self.spans]
        self.max_end: list[int] = []
        top = -1
        for _, b in self.spans:
            top = max(top, b)
            self.max_end.append(top)

    def mask(self, text: str, start: int, end: int) -> str:
        """The text between ``start`` and ``end`` with timexes and figures blanked out."""
        chunk: list[str] | None = None
        j = bisect.bisect_left(self.starts, end) - 1  # spans[: j + 1] start before ``end``
        while j >= 0 and self.max_end[j] > start:
            a, b = self.spans[j]
            if start < b:
                if chunk is None:
                    chunk = list(text[start:end])
                a, b = max(a, start) - start, min(b, end) - start
                chunk[a:b] = " " * (b - a)
            j -= 1
        return text[start:end] if chunk is None else "".join(chunk)

    def overlaps(self, start: int, end: int) -> bool:
        """Does a span overlap ``start``-``end``?"""
        j = bisect.bisect_left(self.starts, end) - 1
        while j >= 0 and self.max_end[j] > start:
            if start < self.spans[j][1]:
                return True
            j -= 1
        return False


def _splits_word(words: list[str], k: int, *, leading: bool) -> bool:
    """Would removing ``k`` words from one end cut a two-syllable word (``gia tăng``, ``chi phí``) in two?"""
    if k >= len(words):
        return False
    pair = f"{words[k - 1]} {words[k]}" if leading else f"{words[-k - 1]} {words[-k]}"
    return pair.lower() in _vocab("fact_compounds.txt")


def _strip(words: list[str], vocab: frozenset[str], *, leading: bool) -> list[str]:
    """Remove phrases of ``vocab`` from one end of ``words`` until none is left there.

    A phrase can end (or open) the list only if the list's last (first) word ends (opens) one of
    the phrases: one set lookup rules out most lists before any phrase is joined.
    """
    if not words:
        return words
    edge = _edge_words(vocab, leading)
    if (words[0] if leading else words[-1]).lower() not in edge:
        return words  # most lists: nothing to strip, known from one word
    n = _longest(vocab)
    changed = True
    while changed and words:
        changed = False
        if (words[0] if leading else words[-1]).lower() not in edge:
            break
        for k in range(min(n, len(words)), 0, -1):
            part = words[:k] if leading else words[-k:]
            if " ".join(part).lower() in vocab and not _splits_word(words, k, leading=leading):
                words = words[k:] if leading else words[:-k]
                changed = True
                break
    return words


_FIRST_WORDS: Final[dict[frozenset[str], frozenset[str]]] = {}
_LAST_WORDS: Final[dict[frozenset[str], frozenset[str]]] = {}


def _edge_words(vocab: frozenset[str], leading: bool) -> frozenset[str]:
    """The first (``leading``) or last words of the phrases of ``vocab``, memoised by vocabulary (a
    frozenset keeps its hash, and the cached vocabularies are found by identity before any comparison)."""
    memo = _FIRST_WORDS if leading else _LAST_WORDS
    hit = memo.get(vocab)
    if hit is None:
        hit = memo[vocab] = frozenset(p.split(" ")[0] if leading else p.rsplit(" ", 1)[-1] for p in vocab)
    return hit


def _measure(chunk: str) -> str:
    """The measure in the words before a figure: link words, qualifiers and verbs removed."""
    words = [w for w in _WORD.findall(chunk) if not w[0].isdigit()]
    trailing = _trailing()
    words = _strip(words, trailing, leading=False)
    links = _vocab("fact_links.txt")
    compounds = _vocab("fact_compounds.txt")
    # each word lowered once; a pair lowered whole is its words lowered (the space between them is
    # neither a cased nor a case-ignorable character, so no letter's lower case depends on the other word)
    low = [w.lower() for w in words]
    # a pair can be a link or compound only if its second word ends one (``_edge_words``): most
    # words end none, and their pairs are not joined
    link_ends = _edge_words(links, False)
    compound_firsts = _edge_words(compounds, True)
    compound_ends = _edge_words(compounds, False)
    for k in range(len(low) - 1, -1, -1):
        w = low[k]
        pair = f"{low[k - 1]} {w}" if k and (w in link_ends or w in compound_ends) else ""
        if pair and pair in links:  # "... cho thấy tỷ lệ ...", "có thể"
            words = words[k + 1 :]
            break
        if k + 1 < len(low) and w in compound_firsts and f"{w} {low[k + 1]}" in compounds:
            continue  # "có" of "có thể", "chi" of "chi phí"
        if pair and pair in compounds:
            continue  # "tại" of "hiện tại" ("now") is no preposition
        if low[k] in links and low[k] not in ("của", "khi", "tới", "đến", "mức", "từ"):
            words = words[k + 1 :]
            break
    words = _before_comparison(words)
    words = _strip(words, _vocab("fact_leading.txt"), leading=True)
    words = _drop_topic(words)
    words = _strip(words, _trailing_focus(), leading=False)
    words = _after_last_verb(words)
    words = _final_verb(words)
    # Vietnamese noun phrases are head first: "mức lương khởi điểm cho các sinh viên giỏi ngoại ngữ"
    # measures "mức lương khởi điểm", so a measure keeps its head, up to a preposition
    # (only the first ``_MAX_MEASURE_WORDS`` are kept: a preposition further on cuts nothing more)
    for k in range(1, min(len(words), _MAX_MEASURE_WORDS)):
        if words[k].lower() in _HEAD_ENDS:
            return " ".join(words[:k])
    return " ".join(words[:_MAX_MEASURE_WORDS])


# ``_measure``, ``_drop_verbs`` and ``_capital_runs`` are pure functions of one string, and many of
# their strings come back across articles (unc-dev: 8,483 chunks measured, 6,842 distinct; 8,390
# measures, 3,989 distinct; 6,878 clauses read for names, 4,986 distinct): bounded caches of the
# process keep the recent ones (the cached values are immutable; analysis stays a pure function)
_CACHE_SIZE: Final = 8192
_measure_cached = lru_cache(maxsize=_CACHE_SIZE)(_measure)


@mypyc_attr(native_class=False)
class _Measures(dict[str, str]):
    """``_measure`` of each chunk of one document, made once: the same chunk comes back for a figure
    (its words after a timex are often all its words) and for figures of one list."""

    def __missing__(self, chunk: str) -> str:
        value = self[chunk] = _measure_cached(chunk)
        return value


def _before_comparison(words: list[str]) -> list[str]:
    """``mức học phí ... tăng nhẹ so với năm trước là 40 triệu``: the measure is before the comparison."""
    lower = [w.lower() for w in words]
    if "so" not in lower[1:]:
        return words
    k = len(lower) - 1 - lower[::-1].index("so")
    head = _strip(words[:k], _trailing_focus(), leading=False)
    return head or words


def _drop_topic(words: list[str]) -> list[str]:
    """``(ở) Nhật Bản tỉ lệ học sinh ... chiếm 60%``: a name of two or more words opening a measure is its topic."""
    k = 0
    while k < len(words) and words[k][:1].isupper():
        k += 1
    return words[k:] if k >= 2 and k < len(words) else words


def _final_verb(words: list[str]) -> list[str]:
    """``các VĐV trên chỉ nhận 100 triệu đồng``: a figure that is the object of a final verb measures the verb."""
    verbs = _vocab("fact_verbs.txt")
    if len(words) < 2 or words[-1].lower() not in _edge_words(verbs, False):
        return words  # no verb phrase ends with the last word (words hold no space: see ``_measure``)
    for k in range(min(_longest(verbs), len(words) - 1), 0, -1):
        if " ".join(words[-k:]).lower() in verbs and not _in_compound(words, len(words) - k, len(words)):
            return words[-k:]
    return words


def _after_last_verb(words: list[str]) -> list[str]:
    """The object of the last governing verb inside a measure (``ngôi sao ... sở hữu khối tài sản``).

    Only a verb with words after it and words before it counts: a leading verb is dropped later
    (``_drop_verbs``), and a trailing one leaves nothing to measure.
    """
    verbs = _vocab("fact_verbs.txt")
    n = _longest(verbs)
    ends = _edge_words(verbs, False)
    for k in range(len(words) - 2, 0, -1):
        if words[k].lower() not in ends:
            continue  # no verb phrase ends with this word (one lookup instead of a join per length)
        for w in range(min(n, k + 1), 0, -1):
            phrase = " ".join(words[k - w + 1 : k + 1]).lower()
            if phrase in verbs and not _in_compound(words, k - w + 1, k + 1):
                return words[k + 1 :]
    return words


def _in_compound(words: list[str], start: int, end: int) -> bool:
    """Is ``words[start:end]`` glued to a neighbour in a two-syllable word (``tặng`` of ``quà tặng``)?"""
    compounds = _vocab("fact_compounds.txt")
    left = start > 0 and f"{words[start - 1]} {words[start]}".lower() in compounds
    right = end < len(words) and f"{words[end - 1]} {words[end]}".lower() in compounds
    return left or right


@lru_cache(maxsize=_CACHE_SIZE)
def _drop_verbs(measure: str) -> tuple[str, bool]:
    """Drop leading action verbs (``trao học bổng`` -> ``học bổng``); say if only verbs were left."""
    words = measure.split()
    verbs = _vocab("fact_verbs.txt")
    n = _longest(verbs)
    while words:
        k = next(
            (
                k
                for k in range(min(n, len(words)), 0, -1)
                if " ".join(words[:k]).lower() in verbs and not _splits_word(words, k, leading=True)
            ),
            0,
        )
        if not k:
            return " ".join(words), False
        if k == len(words):
            return " ".join(words), True
        words = words[k:]
    return "", False


def _change_word(masked: str) -> str:
    """The change verb just before a figure (``giảm thêm``), as the article wrote it, or ''."""
    from biennien.analyse.quantity_tables import tables

    t = tables()
    words = _strip(_WORD.findall(masked), _qualifiers(), leading=False)
    for skip in (0, 1):  # "giảm thêm", "giảm mạnh": an adverb may follow the verb
        if skip and (not words or words[-1].lower() not in t.change_adverbs | {"thêm"}):
            break
        end = len(words) - skip
        for k in (3, 2, 1):
            if end >= k and " ".join(words[end - k : end]).lower() in t.changes:
                return " ".join(words[end - k :])
    return ""


def _apposition(
    text: str,
    clauses: _ClauseStarts,
    sent: Sentence,
    clause_start: int,
    mentions: Sequence[Mention],
    prev: tuple[Quantity, Fact] | None,
) -> str | None:
    """``Kara Del Toro, 28 tuổi, cao 1,74m``: a name standing alone before the comma owns the clause.

    The sentence opens with a person's name alone before the comma (an apposition; a place there is
    mostly a location, ``Trường đại học Yale, Mỹ, cho biết``),
    or is the previous figure's own clause in a list of attributes (``28 tuổi, cao 1,74m``).
    """
    if clause_start <= sent.start or text[clause_start - 1] != ",":
        return None
    if prev is not None and prev[1].subject and not text[prev[0].end : clause_start].strip(" ,"):
        own = clauses.at(sent.start, prev[0].start)
        if not _WORD.findall(text[own : prev[0].start]):  # the previous figure stands alone: a list
            return prev[1].subject
    before = clauses.at(sent.start, clause_start - 1)
    span = text[before : clause_start - 1].strip()
    lead = len(text[before : clause_start - 1]) - len(text[before : clause_start - 1].lstrip())
    for mt in mentions:
        if (
            mt.type == "PER"
            and before == sent.start
            and mt.start == before + lead
            and text[mt.start : mt.end] == span
        ):
            return mt.name
    return None


def _mid_apposition(
    text: str, sent: Sentence, clause_start: int, q: Quantity, mentions: Sequence[Mention]
) -> str | None:
    """``..., cô Nguyễn Thị Lan, 28 tuổi, đang ...``: a figure alone between commas after a person's name.

    Anywhere in the sentence, a clause that holds only the figure (or a dimension word and the
    figure: ``, cao 1,7m,``) right after a person's name and a comma is an apposition to that name.
    """
    if clause_start <= sent.start or text[clause_start - 1] != ",":
        return None
    words = _WORD.findall(text[clause_start : q.start])
    if any(
        w.lower() not in _APPOSITION_WORDS and w.lower() not in _vocab("fact_dimensions.txt") for w in words
    ):
        return None
    after = text[q.end : _clause_end(text, q.end, sent.end)]
    if _WORD.findall(after):
        return None
    for mt in mentions:
        if mt.type == "PER" and sent.start <= mt.start and not text[mt.end : clause_start - 1].strip():
            return mt.name
    return None


_APPOSITION_WORDS: Final = frozenset({"khoảng", "gần", "hơn", "ngoài", "chừng", "tròn", "năm nay"})


@cache
def _group_nouns() -> frozenset[str]:
    return _vocab("fact_group_nouns.txt")


@cache
def _membership() -> re.Pattern[str]:
    """A membership word right before a figure, a qualifier or two between (``có tới 32 đội``)."""
    from biennien.analyse.quantity_tables import tables

    quals = sorted(
        {*tables().qualifiers, "tới", "lên tới", "tổng cộng", "tất cả", "cả"}, key=len, reverse=True
    )
    words = sorted(_vocab("fact_membership.txt"), key=len, reverse=True)
    q = "|".join(map(re.escape, quals))
    return re.compile(rf"(?:^|\s)(?:{'|'.join(map(re.escape, words))})(?:\s+(?:{q}))*\s*$", re.IGNORECASE)


def _group_count(text: str, sent: Sentence, q: Quantity) -> bool:
    """Is the figure a count of a group of holders (``4 đội``, ``120 quốc gia``) that no membership
    word (``V-League có 14 CLB``) gives to the name before it?"""
    if q.kind != "count" or not q.counted or q.counted.lower() not in _group_nouns():
        return False
    return _membership().search(text[max(sent.start, q.start - 60) : q.start]) is None


@cache
def _name_heads() -> dict[str, bool]:
    """Heads of names (``fact_name_heads.tsv``) -> whether they count only capitalised."""
    return {row[0]: len(row) > 1 and row[1] == "cap" for row in table("fact_name_heads.tsv")}


def _is_head(words: Sequence[str]) -> bool:
    """Are ``words`` a name head (``Hiệp định``, ``Hội nghị Thượng đỉnh``, capitalised ``Ngày``)?"""
    cap_only = _name_heads().get(" ".join(words).lower()) if words else None
    return cap_only is not None and (not cap_only or words[0][:1].isupper())


def _opens_name(words: Sequence[str]) -> bool:
    """Do ``words`` open with a name head (``Ngày Trái đất``)?"""
    return any(_is_head(words[:k]) for k in (3, 2, 1) if len(words) >= k)


def _inside_name(text: str, start: int, pos: int) -> bool:
    """Is the name at ``pos`` part of a longer name opened by a head (``Hiệp định Paris``,
    ``Hội nghị Thượng đỉnh Hà Nội``): an agreement, a meeting or an event, not a holder."""
    words = text[max(start, pos - 80) : pos].split()
    for skip in range(6):  # up to five capitalised words or dashes between ("Việt Nam - Hoa Kỳ")
        end = len(words) - skip
        if end < 1 or (skip and not (words[end][:1].isupper() or words[end] in "-–")):
            return False
        if any(_is_head(words[end - k : end]) for k in (3, 2, 1) if end - k >= 0):
            return True
    return False


def _fallback_measure(text: str, sent: Sentence, q: Quantity, prev: Fact | None) -> str:
    """A figure with no words of its own: a change is about the figure before; a count measures its noun."""
    if q.direction is not None and prev is not None:
        return prev.measure
    if q.kind == "count" and q.counted:
        return q.counted
    m = _CLAUSE.search(text, q.end, sent.end)
    right = text[q.end : m.start() if m else sent.end]
    words = _strip(_WORD.findall(right), _vocab("fact_leading.txt"), leading=True)
    return " ".join(words[:_MAX_MEASURE_WORDS]) if words else (prev.measure if prev else "")


@mypyc_attr(native_class=False)
class _Named(list[Mention]):
    """``_named``'s list, with the negated starts of its mentions (ascending, as the list is by
    descending start) for the bisections of ``_subject`` and ``_bracket_owner``: no key call per step."""

    __slots__ = ("neg_starts",)

    def __init__(self, mentions: list[Mention]) -> None:
        super().__init__(mentions)
        self.neg_starts = [-mt.start for mt in mentions]


def _named(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that may name a subject, last first (``_subject`` takes them from one document)."""
    kept = [mt for mt in mentions if mt.type in _SUBJECT_TYPES and mt.name in text[mt.start : mt.end]]
    # filtered first: a stable sort keeps the same order (``reverse`` keeps equal starts in list order
    # too, as the key ``-start`` did)
    return _Named(sorted(kept, key=_start, reverse=True))


def _first_not_after(named: Sequence[Mention], pos: int, lo: int = 0) -> int:
    """``bisect_left(named, -pos, lo, key=_neg_start)``: the first of ``named`` (last first) starting at
    or before ``pos``."""
    neg = getattr(named, "neg_starts", None)
    if neg is None:
        return bisect.bisect_left(named, -pos, lo, key=_neg_start)
    return bisect.bisect_left(neg, -pos, lo)


def _first_before(named: Sequence[Mention], pos: int, lo: int = 0) -> int:
    """``bisect_right(named, -pos, lo, key=_neg_start)``: the first of ``named`` starting before ``pos``."""
    neg = getattr(named, "neg_starts", None)
    if neg is None:
        return bisect.bisect_right(named, -pos, lo, key=_neg_start)
    return bisect.bisect_right(neg, -pos, lo)


def _bracket_owner(text: str, at: int, named: Sequence[Mention], longest: int | None) -> Mention | None:
    """The first of ``named`` (last first) that ends by ``at`` with only white space up to it.

    With ``longest`` (the longest mention's length) only the mentions that can end in the white space
    before ``at`` are read: a list of results each with its bracket (``X đạt 12.345 phiếu (chiếm
    67,8%)``) read every earlier name again (and the text between) for each figure."""
    if longest is None:
        return next((mt for mt in named if mt.end <= at and not text[mt.end : at].strip()), None)
    space = at  # where the white space before ``at`` starts: ``text[e:at]`` is blank for e >= space
    while space > 0 and text[space - 1].isspace():
        space -= 1
    for k in range(_first_not_after(named, at), len(named)):
        mt = named[k]
        if mt.start < space - longest:
            break  # (it ends before the white space, as all after it do)
        if space <= mt.end <= at:
            return mt
    return None


def _neg_start(mt: Mention) -> int:
    return -mt.start


def _start(mt: Mention) -> int:
    return mt.start


def _subject(
    text: str,
    clause_start: int,
    q: Quantity,
    mentions: Sequence[Mention],
    spans: _Spans,
    named: Sequence[Mention] | None = None,
    chunk: str | None = None,
    longest: int | None = None,
) -> str | None:
    """The nearest named subject before the figure in its own clause, or None.

    An entity mention (PER/ORG/GPE) of the clause comes first; capitalised runs are a fallback
    that accepts only several capitalised words or an acronym: a lone capitalised word there is
    mostly a sentence's first word, a capitalised common word (``Điều tra ...``) or a product.
    An earlier clause has its own subject (``ông Nam cho rằng ..., xem có 2 con ốc``), and a
    word that compounds with the next one (``Mỹ nhân``) is no name.  No subject beats a wrong one.
    ``longest``: the length of the longest of ``named``, when the caller has it.
    """
    if named is None:
        named = _named(text, mentions)
    if clause_start > 0 and text[clause_start - 1] == "(":
        # "cô Hoàng Thị Thao (62 tuổi, ...)": a bracket opened right after a name is about that name
        owner = _bracket_owner(text, clause_start - 1, named, longest)
        if owner is not None:
            return owner.name
    possessor: str | None = None
    # ``named`` runs by descending start: the mentions starting inside the clause are one slice of it
    lo = _first_not_after(named, q.start)
    hi = _first_before(named, clause_start, lo)
    for mt in named[lo:hi]:
        if not (clause_start <= mt.start and mt.end <= q.start):
            continue
        if _compound_after(text, mt.end, q.start) or _in_aside(text, clause_start, mt.start, q.start):
            continue  # "Mỹ nhân", or a name inside a bracketed aside ("Tiến Linh (B.Bình Dương)")
        before = _word_before(text, clause_start, mt.start)
        if _after_marker(text, clause_start, mt.start):
            continue  # "kém Atletico 5 điểm", "dẫn đầu V-League với 28 điểm": the compared party
        if _inside_name(text, clause_start, mt.start):
            continue  # "Thỏa thuận Paris", "Hội nghị Thượng đỉnh Hà Nội": part of an event's name
        if not (before and before[0].lower() in _PREPOSITIONS) and not _object_of_phrase(
            text, clause_start, mt.start
        ):
            return _full_name(text, mt.start, mt.end, mt.name, q.start, named, spans)
        between = text[mt.end : q.start].lower()
        near = len(_WORD.findall(between)) <= 3  # "vắc xin của Sputnik có giá 600 USD", not a far possessor
        if (
            before
            and before[0].lower() == "của"
            and possessor is None
            and near
            and not any(r in between for r in _REPORTING)
        ):
            possessor = mt.name  # "hộ chiếu vắc xin của Sputnik có giá 600 USD"
    if possessor is not None:
        return possessor
    if chunk is None:  # the caller's blanked clause, when it has it
        chunk = spans.mask(text, clause_start, q.start)
    not_subjects = _vocab("fact_not_subjects.txt")
    runs = list(_capital_runs_cached(chunk))
    while runs:
        start, run = runs.pop()
        before = _word_before(chunk, 0, start)
        if (
            (before and before[0].lower() in _PREPOSITIONS)
            or _object_of_phrase(chunk, 0, start)
            or _after_marker(chunk, 0, start)
        ):
            continue  # "đầu tư vào Việt Nam", "của Hoa Kỳ", "cách trung tâm Tây Ninh": an object
        words = run.split()
        if _opens_name(words) or _inside_name(chunk, 0, start):
            continue  # "Ngày Trái đất", "Hiệp định Paris": an event's or agreement's name
        if words[0].lower() in _vocab("fact_leading.txt"):
            words = words[1:]
        words = [w for w in words if w not in not_subjects]
        if not words or not words[0][0].isupper():
            continue
        if _compound_after(chunk, start + len(run), len(chunk)) or _in_aside(chunk, 0, start, len(chunk)):
            continue
        if start == 0 or _sentence_initial(chunk, start):
            # the clause's first word is capitalised anyway: "Cô", "Khi", "Ngày" are no names
            # (a real name there comes through the entity mentions)
            if len(words) > 1 and f" {words[0].lower()} " in text and not words[1][0].isupper():
                continue
        name = " ".join(words)
        at = clause_start + start + run.index(words[0])
        name = _full_name(text, at, at + len(name), name, q.start, named, spans)
        name_words = [w for w in name.split() if w not in "-–"]
        if len(name_words) == 1 and sum(c.isupper() for c in name_words[0]) < 2:
            continue  # one capitalised word: a common word or a product far more often than a name
        return name
    return None


_RANK_HOLDER: Final = re.compile(r"\s+(?:là\s+)?")


def _rank_holder(text: str, q: Quantity, mentions: Sequence[Mention]) -> str | None:
    """The name right after a rank, or after ``là``, is the rank's holder: it beats a holder noun
    or a name earlier in the sentence (``kém ... và đội đang đứng thứ 4 West Ham hai điểm``)."""
    m = _RANK_HOLDER.match(text, q.end)
    if m is None:
        return None
    for mt in mentions:
        if mt.start == m.end() and mt.type in _SUBJECT_TYPES:
            return mt.name
    return None


def _word_before(text: str, start: int, pos: int) -> list[str]:
    """The word before ``pos`` (at most one, in a list); ``tại`` of the adverb ``hiện tại`` ("now")
    is no preposition (``Hiện tại Atletico dẫn đầu với 73 điểm``)."""
    words = text[max(start, pos - 20) : pos].split()[-2:]
    if [w.lower() for w in words] == ["hiện", "tại"]:
        return []
    return words[-1:]


_REPORTING: Final = (
    "cho thấy",
    "cho biết",
    "chỉ ra",
    "công bố",
    "khẳng định",
)  # "kết quả ... của WHO cho thấy"
_CONTINUING: Final = frozenset(
    {
        "với",
        "trong",
        "có",
        "gồm",
        "chiếm",
        "đạt",
        "tăng",
        "giảm",
        "và",
        "còn",
        "riêng",
        "cách",
        "nằm",
        "kém",
        "hơn",
    }
)


_MAX_MARKER_GAP: Final = 4  # lower-case words between an object marker and the name ("kém người đứng đầu X")


def _after_marker(text: str, clause_start: int, pos: int) -> bool:
    """Is the name at ``pos`` the object or compared party of a marker (``kém``, ``dẫn đầu``)?

    Looks back within the clause over names, figures, ``và`` and at most a few lower-case words
    (``kém Atletico 5 điểm và Real Madrid 2 điểm``: both names are compared parties).  The clause is
    read backwards from ``pos`` in growing pieces until that is decided (``_marker_back``): splitting
    the whole clause for every name made a comma-free line of names and figures quadratic.
    """
    span = _BACK_SPAN
    while True:
        lo = max(clause_start, pos - span)
        verdict = _marker_back(text[lo:pos].split(), whole=lo == clause_start)
        if verdict is not None:
            return verdict
        span *= 4


def _marker_back(words: list[str], whole: bool) -> bool | None:
    """``_after_marker`` over the clause's last ``words``; with ``whole`` false the first of them may
    be cut (the piece read starts inside a word) and the clause goes on before it: None when the
    answer needs that word or those before it."""
    markers = _vocab("fact_object_markers.txt")
    lower = 0
    stop = 0 if whole else 2  # (the step at word k reads words k - 1 and k)
    for k in range(len(words) - 1, stop - 1, -1):
        w = words[k]
        for n in (2, 1):
            if k - n + 1 >= 0 and " ".join(words[k - n + 1 : k + 1]).lower() in markers and w.islower():
                return True
        if w == "và" or not w.islower() or any(c.isdigit() for c in w):
            continue
        lower += 1
        if lower > _MAX_MARKER_GAP:
            return False
    return False if whole else None


_BACK_SPAN: Final = 160  # characters read back from a position at first (``_after_marker``, ``_last_words``)


def _last_words(text: str, start: int, pos: int, n: int) -> list[str]:
    """``text[start:pos].split()[-n:]``, reading back from ``pos`` only as far as needed: a piece
    holding more than ``n`` words has its last ``n`` whole (only its first may be cut)."""
    span = _BACK_SPAN
    while True:
        lo = max(start, pos - span)
        words = text[lo:pos].split()
        if lo == start or len(words) > n:
            return words[-n:] if n else []
        span *= 4


_MODEL: Final = re.compile(r" ((?:[A-Z0-9Đ]|i[A-Z])[\w-]*)")


def _full_name(
    text: str,
    start: int,
    end: int,
    name: str,
    limit: int,
    named: Sequence[Mention],
    spans: _Spans,
) -> str:
    """A product name the tagger cut: ``Redmi Note`` + ``10``, ``Apple`` + ``TV 4K``, ``Xiaomi Mi`` + ``Mix Fold``.

    Goes on over capitalised or alphanumeric words (never into a figure or a timex), and back over
    capitalised words when they open with a brand (an ORG mention: ``Samsung Galaxy Z Fold``).
    """
    if name != text[start:end]:
        return name
    while (m := _MODEL.match(text, end)) and m.end() <= limit:
        if spans.overlaps(m.start(1), m.end()):
            break
        end = m.end()
    back = start
    while back > 1 and text[back - 1] == " ":
        j = text.rfind(" ", 0, back - 1) + 1
        w = text[j : back - 1]
        if not w or not w[0].isupper() or not w.replace("-", "").isalnum():
            break
        back = j
    if back < start and any(mt.type == "ORG" and mt.start == back for mt in named):
        start = back
    return " ".join(text[start:end].split())


@cache
def _holders() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split(",")) for row in table("fact_holders.tsv")}


@cache
def _holders_by_first_word() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """The holder nouns grouped by their first word, in table order: a lead can open with a holder
    noun only if its first word is that noun's."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for noun, types in _holders().items():
        out.setdefault(noun.split(" ", 1)[0], []).append((noun, types))
    return out


def _holder(
    text: str,
    sentences: Sequence[Sentence],
    i: int,
    clause_start: int,
    subject: str | None,
    mentions: Sequence[Mention],
) -> str | None:
    """The organisation a holder noun opening the sentence or clause refers back to, or None.

    ``Hãng được cho là đã phải chi ra 2 triệu tệ`` (Xiaomi, named before), ``Đội bóng của Klopp
    đang có 53 điểm`` (Liverpool): the last mention of the holder's entity types in the two
    sentences before.  Only when the holder has no name of its own (``Hãng Xiaomi``) and the clause
    found no subject or only the holder's possessor.
    """
    sent = sentences[i]
    by_first = _holders_by_first_word()
    for start in dict.fromkeys((clause_start, sent.start)):
        lead = text[start : start + 40].lstrip(" ,")
        # the first word lowered alone is the lowered lead's first word (no lower case is or makes a
        # space, and the space ends a final sigma's context): most leads open with no holder noun
        nouns = by_first.get(lead.split(" ", 1)[0].lower())
        if nouns is None:
            continue
        low = lead.lower()
        off = start + len(text[start : start + 40]) - len(lead)
        for noun, types in nouns:
            if not low.startswith(noun + " "):
                continue
            rest = lead[len(noun) + 1 :]
            nxt = rest.split(" ", 1)[0]
            if not nxt or nxt[0].isupper() or nxt[0].isdigit():
                continue  # "Hãng Xiaomi", "Trường THPT FPT": named here
            if subject is not None and not rest.startswith(("của " + subject, "này")):
                continue
            if subject is not None and rest.startswith("này"):
                continue
            first = sentences[max(0, i - 2)].start
            prior = [mt for mt in mentions if first <= mt.start and mt.end <= off and mt.type in types]
            if prior:
                return max(prior, key=lambda mt: mt.start).name
    return None


def _role_opening(lead: str) -> str | None:
    """The role noun (``fact_roles.txt``) or subject-less opener that ``lead`` opens with, longest first."""
    low = lead.lower()
    openings = _ROLE_OPENINGS()
    if not low.startswith(openings):  # most leads: no role word, known from one C-level test
        return None
    for word, opening in zip(_ROLE_WORDS(), openings, strict=True):
        if low.startswith(opening):
            return word
    return None


@cache
def _ROLE_OPENINGS() -> tuple[str, ...]:  # noqa: N802 - a cached constant
    """``_ROLE_WORDS`` each with the space after it, in the same order."""
    return tuple(word + " " for word in _ROLE_WORDS())


@cache
def _ROLE_WORDS() -> tuple[str, ...]:  # noqa: N802 - a cached constant
    words = set(word_list("fact_roles.txt")) | set(word_list("fact_subjectless_openers.txt"))
    return tuple(sorted(words, key=len, reverse=True))


def _role_holder(
    text: str,
    sentences: Sequence[Sentence],
    i: int,
    clause_start: int,
    q: Quantity,
    mentions: Sequence[Mention],
) -> str | None:
    """The person a role noun or a subject-less opening refers to, or None.

    ``Người đẹp 36 tuổi chia sẻ``, ``Nam ca sĩ ...``, ``Cầu thủ này ...``, ``Sở hữu chiều cao 1,65
    mét``: the sentence names no one and means the person told just before, i.e. the last PER mention
    of the two sentences before (gender-agnostic).  A person named right after the figure wins
    (``Mỹ nhân 40 tuổi - Lưu Đào``, ``Siêu mẫu cao 1,78m Hề Mộng Dao``); a role followed by a name
    (``Nam diễn viên Jang Ki Yong``) is named here and left to the other rules.
    """
    sent = sentences[i]
    if clause_start != sent.start:
        return None  # only the sentence's opening clause is about the role
    lead = text[sent.start : q.start].lstrip(" \"“'‘(")
    off = q.start - len(lead)
    role = _role_opening(lead)
    if role is None:
        return None
    nxt = lead[len(role) + 1 :].split(" ", 1)[0]
    if nxt[:1].isupper():
        return None  # "Nam diễn viên Jang Ki Yong": named here
    if any(mt.type in _SUBJECT_TYPES and off + len(role) <= mt.start < q.start for mt in mentions):
        return None  # a name of the clause itself (not "Mỹ" inside "Mỹ nhân")
    end = _clause_end(text, q.end, sent.end)
    dash = re.match(r"\s*[-–]\s*", text[q.end : sent.end])
    if dash is not None:
        end = _clause_end(text, q.end + dash.end(), sent.end)  # "Mỹ nhân 40 tuổi - Lưu Đào": an apposition
    for mt in sorted(mentions, key=lambda m: m.start):
        if mt.start >= q.end and mt.start < end and mt.type == "PER":
            if re.fullmatch(r"[\s\-–,]*(?:[^\W\d_]+\s+){0,2}", text[q.end : mt.start]) and (
                text[q.end : mt.start].strip(" ,-–") == "" or mt.start - q.end < 12
            ):
                return mt.name  # "Mỹ nhân 40 tuổi - Lưu Đào"
            break
    after = re.match(r"[ \-–]*((?:[A-ZĐÀ-Ỹ][^\W\d_]*\s+){1,3}[A-ZĐÀ-Ỹ][^\W\d_]*)\b", text[q.end : end])
    if after is not None and not any(mt.start < q.end + after.end(1) <= mt.end for mt in mentions):
        return after.group(1)  # "Siêu mẫu cao 1,78m Hề Mộng Dao là ...": a name the tagger missed
    first = sentences[max(0, i - 2)].start
    prior = [mt for mt in mentions if first <= mt.start and mt.end <= off and mt.type == "PER"]
    return max(prior, key=lambda mt: mt.start).name if prior else None


_OWNER_GAP: Final = 3  # lower-case words between a share and its owner ("90% dân số xã Mỹ Lý")


def _owner_after(
    text: str,
    sent: Sentence,
    q: Quantity,
    mentions: Sequence[Mention],
    by_start: Sequence[Mention] | None = None,
) -> str | None:
    """An owner named after the figure: ``90% dân số xã Mỹ Lý``, ``30% thị phần của Samsung``, and a
    fronted clause's subject (``Năm nay chỉ mới 22 tuổi nhưng Lance Stroll ...``)."""
    end = _clause_end(text, q.end, sent.end)
    if by_start is None:
        by_start = sorted(mentions, key=lambda m: m.start)
    for mt in by_start[bisect.bisect_left(by_start, q.end, key=lambda m: m.start) :]:
        if mt.start >= sent.end:
            break  # sorted: every later mention is past the sentence too
        if mt.type not in _SUBJECT_TYPES:
            continue
        gap = text[q.end : mt.start]
        words = [w for w in gap.split() if w != "của"]
        if (
            q.unit == "%"
            and mt.start < end
            and len(words) <= _OWNER_GAP
            and all(w.islower() and w not in _PREPOSITIONS for w in words)
        ):
            return mt.name
        if (
            mt.type in ("PER", "ORG")
            and re.search(r"(?:,|\bnhưng)\s*$", text[max(q.end, mt.start - 10) : mt.start])
            and not any(  # no name before the figure in the sentence (asked only here: rarely needed)
                o.type in _SUBJECT_TYPES and sent.start <= o.start and o.end <= q.start for o in mentions
            )
        ):
            return mt.name
        return None
    return None


def _clause_end(text: str, pos: int, end: int) -> int:
    m = _SEPARATOR.search(text, pos, end)
    return m.start() if m else end


def _in_aside(text: str, start: int, pos: int, end: int) -> bool:
    """Is ``pos`` inside a bracket that closes before ``end`` (``Tiến Linh (B.Bình Dương) và 2 ...``)?"""
    return text.rfind("(", start, pos) > text.rfind(")", start, pos) and ")" in text[pos:end]


def _object_of_phrase(text: str, clause_start: int, pos: int) -> bool:
    """Is the name at ``pos`` inside a prepositional phrase (``cách trung tâm Tây Ninh``)?

    Looks back over at most three lower-case words (the noun the name qualifies) for a preposition.
    """
    words = _last_words(text, clause_start, pos, 4)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if not w.islower():
            return False
        if w in _PREPOSITIONS and not (w == "tại" and i > 0 and words[i - 1].lower() == "hiện"):
            return True  # "hiện tại" is "now", not "at"
    return False


def _continues(text: str, clause_start: int, pos: int) -> bool:
    """Does the clause before ``pos`` start by going on the sentence (``với``, ``trong đó``, ``chiếm``)?"""
    if text[max(0, clause_start - 12) : clause_start].rstrip().endswith(("trong đó", "trong số đó")):
        return True
    first = _WORD.search(text, clause_start, pos)
    return first is not None and first.group().lower() in _CONTINUING


def _compound_after(text: str, end: int, limit: int) -> bool:
    """Does the word ending at ``end`` form a common word with the next one (``Mỹ nhân``)?"""
    j = end
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " and end + 1 < limit else None
    return nxt is not None and f"{text[j:end].lower()} {nxt.group().lower()}" in _vocab(
        "fact_not_subject_compounds.txt"
    )


_TOKEN: Final = re.compile(r"[\w.]+|[-–]")


def _capital_runs(chunk: str) -> list[tuple[int, str]]:
    """Runs of capitalised words (``Việt Nam - Hoa Kỳ``, ``Eximbank``) with their offsets in ``chunk``."""
    if chunk.islower():
        return []  # no capital letter at all (most clauses): no capitalised word, no ``iPad``
    out: list[tuple[int, str]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and not _capitalised(run[-1].group()):
            run.pop()
        if run:
            name = chunk[run[0].start() : run[-1].end()].rstrip(".")
            out.append((run[0].start(), " ".join(name.split())))
        run.clear()

    for m in _TOKEN.finditer(chunk):
        w = m.group()
        gap = chunk[run[-1].end() : m.start()] if run else ""
        if run and gap.strip():
            close()
        if _capitalised(w):
            run.append(m)
        elif w in "-–" and run:
            run.append(m)
        else:
            close()
    close()
    return out


@lru_cache(maxsize=_CACHE_SIZE)
def _capital_runs_cached(chunk: str) -> tuple[tuple[int, str], ...]:
    """``_capital_runs`` kept for the recent clauses (a tuple: the callers copy it)."""
    return tuple(_capital_runs(chunk))


def _capitalised(w: str) -> bool:
    """A name's word: capitalised, or a product's ``iPad``/``iPhone``."""
    return w[0].isupper() or (w[0] == "i" and w[1:2].isupper())


def _sentence_initial(chunk: str, start: int) -> bool:
    return not chunk[:start].strip()


def _period(
    text: str,
    clauses: _ClauseStarts,
    sent: Sentence,
    clause_start: int,
    q: Quantity,
    timexes: Sequence[Timex],
    prev: Quantity | None = None,
    index: _SentenceDates | None = None,
) -> tuple[str | None, str | None]:
    """The nearest dated timex of the clause, else before the figure in the sentence.

    Vietnamese news puts a figure's period before it (``Năm 2021, ...``) or in its
    own clause (``đạt 2% trong năm 2020``).  A time expression after the figure in
    a later clause is about something else (``giảm 10-30%, áp dụng đến hết 22/4``),
    unless only a bracketed aside separates them; one far along the clause is too
    (``30 giáo viên ... thi trực tuyến từ ngày ...``).  A moment (part of day, clock
    time) is a period only inside the figure's clause: ``sáng nay, ... 42km`` dates
    the event, not the distance.  A timex that follows an earlier figure of the clause
    is that figure's when one follows this figure too (``từ 50,06% vào năm 2016 lên 65%
    vào cuối năm 2020``).  A biographical date (``sinh năm 1981``) is a period only in
    its own clause.  Comparison bases never count.

    The chosen timex is the first that counts in the order of (kind of place, distance) below, ties
    in list order.  ``index``: ``timexes`` indexed (``_SentenceDates``), which lists them in that order
    from the figure outwards, so a sentence with many dates is not read whole for every figure.
    """
    if q.direction is None and q.unit.split("/")[0] in _vocab("fact_property_units.txt"):
        return None, None  # a size, a weight, a height: the sentence's date is a launch or an event
    clause_end = clauses.end_after(sent, q.end)
    chosen: Timex | None = None
    if index is not None:
        for tx, in_clause, before in index.in_order(q, clause_start, clause_end, prev):
            if _counts(text, clauses, sent, q, tx, in_clause, before, index):
                chosen = tx
                break
    else:
        best: tuple[int, int] | None = None
        for tx in timexes:
            if tx.start < sent.start or tx.end > sent.end or tx.type not in ("DATE", "TIME", "SET"):
                continue
            in_clause = clause_start <= tx.start and tx.end <= clause_end
            before = tx.end <= q.start
            if before:
                order, gap = (0 if in_clause else 3), q.start - tx.end
                if in_clause and prev is not None and prev.end <= tx.start and prev.start >= clause_start:
                    order = 2  # after the previous figure of the clause: most likely that figure's
            else:
                gap = tx.start - q.end
                if in_clause:
                    if gap > _MAX_AFTER_IN_CLAUSE:
                        continue
                    order = 1
                elif gap <= _MAX_AFTER_ASIDE:
                    order = 4  # "14.009 công trình ISI (loại article) trong năm 2020"
                else:
                    continue
            key = (order, gap)
            if best is not None and key >= best:
                continue
            if _counts(text, clauses, sent, q, tx, in_clause, before):
                best, chosen = key, tx
    if chosen is None or chosen.type == "SET":
        return None, None  # "hằng năm có 350 học sinh": a recurring figure has no single period
    return chosen.value, chosen.mod


def _counts(
    text: str,
    clauses: _ClauseStarts,
    sent: Sentence,
    q: Quantity,
    tx: Timex,
    in_clause: bool,
    before: bool,
    index: _SentenceDates | None = None,
) -> bool:
    """Whether ``tx``, in its place (in the figure's clause or not, before it or not), may be the
    figure's period: a life event's date outside the clause, a timex past a separator outside it, a
    moment outside it and a comparison base are not.  ``index`` remembers the answers that depend on
    the timex alone."""
    if not in_clause:
        if before and (index.life_event(tx) if index else _event_date(text, sent.start, tx.start)):
            return False
        if not before and _SEPARATOR.search(text, q.end, tx.start):
            return False  # (only a bracketed aside may stand between)
        if tx.type == "TIME":
            return False
    own_base = (tx.start >= q.end and in_clause and _compared(text, clauses, sent.start, q.start)) or (
        in_clause and _STATED_FOR.fullmatch(text, tx.end, q.start) is not None
    )  # "tăng so với năm trước là 40 triệu đồng": the base figure is that year's own
    # a comparison base, unless the figure is that base ("so với 119% vào năm 1980")
    return own_base or not (index.base(tx) if index else _base(text, clauses, sent, tx))


def _base(text: str, clauses: _ClauseStarts, sent: Sentence, tx: Timex) -> bool:
    """Is ``tx`` a comparison base (``so với năm 2019``, ``cùng kỳ năm trước``)?"""
    return _compared(text, clauses, sent.start, tx.start) or text[tx.start : tx.end].lower().startswith(
        "cùng kỳ"
    )


class _SentenceDates:
    """A sentence's timexes sorted by end and by start, so that ``_period`` can list them in its order
    of preference from the figure outwards and stop at the first that counts.

    Why: ``_period`` weighed every timex of the sentence for every figure in it; a table flattened
    into one line with no full stop (prices, results with their dates) has hundreds of each, and the
    facts of such a line took time growing with the square of its length (26,000 characters: 1.3 s).
    The order is the plain loop's key: (0) in the clause before the figure, nearest first; (1) in the
    clause after it, within ``_MAX_AFTER_IN_CLAUSE``; (2) in the clause after the clause's previous
    figure; (3) before the clause, nearest first; (4) after the clause within ``_MAX_AFTER_ASIDE``;
    equal distances in list order.  Only the timexes that can be in each group are visited: a timex
    ending ``longest`` or more after the clause start starts inside the clause, one starting
    ``longest`` or more before the figure ends before it."""

    __slots__ = (
        "text",
        "clauses",
        "sent",
        "by_end",
        "ends",
        "by_start",
        "starts",
        "longest",
        "memo",
        "outside",
    )

    def __init__(self, text: str, clauses: _ClauseStarts, sent: Sentence, timexes: Sequence[Timex]) -> None:
        self.text, self.clauses, self.sent = text, clauses, sent
        # (what is asked, start, end) -> the answer, for the answers that depend on the timex alone
        self.memo: dict[tuple[str, int, int], bool] = {}
        # the timexes that may be a period from outside the figure's clause before it, by end, and
        # their ends (made when first needed)
        self.outside: tuple[list[Timex], list[int]] | None = None
        items = [
            (n, tx)
            for n, tx in enumerate(timexes)
            if sent.start <= tx.start and tx.end <= sent.end and tx.type in ("DATE", "TIME", "SET")
        ]
        self.by_end = [tx for _n, tx in sorted(items, key=lambda it: (it[1].end, -it[0]))]
        self.ends = [tx.end for tx in self.by_end]
        self.by_start = [tx for _n, tx in sorted(items, key=lambda it: (it[1].start, it[0]))]
        self.starts = [tx.start for tx in self.by_start]
        self.longest = max((tx.end - tx.start for _n, tx in items), default=0)

    def base(self, tx: Timex) -> bool:
        """``_base`` of ``tx``, read once."""
        key = ("base", tx.start, tx.end)
        if (got := self.memo.get(key)) is None:
            got = self.memo[key] = _base(self.text, self.clauses, self.sent, tx)
        return got

    def life_event(self, tx: Timex) -> bool:
        """``_event_date`` of ``tx``, read once."""
        key = ("life", tx.start, 0)
        if (got := self.memo.get(key)) is None:
            got = self.memo[key] = _event_date(self.text, self.sent.start, tx.start)
        return got

    def _outside(self) -> tuple[list[Timex], list[int]]:
        """The timexes (by end) that ``_counts`` accepts before the figure out of its clause (that
        answer depends on the timex alone): a line whose earlier dates are all comparison bases
        (``giá ... so với ngày 15/3; ...``) no longer weighs every one of them for every figure."""
        if self.outside is None:
            kept = [
                tx
                for tx in self.by_end
                if tx.type != "TIME" and not self.life_event(tx) and not self.base(tx)
            ]
            self.outside = (kept, [tx.end for tx in kept])
        return self.outside

    def in_order(
        self, q: Quantity, clause_start: int, clause_end: int, prev: Quantity | None
    ) -> Iterator[tuple[Timex, bool, bool]]:
        """The timexes that may be ``q``'s period, each with (in the clause, before the figure), in
        ``_period``'s order (the timexes a group cannot hold are not yielded)."""
        by_end, ends, by_start, starts = self.by_end, self.ends, self.by_start, self.starts
        last_before = bisect.bisect_right(ends, q.start) - 1  # timexes ending by the figure's start
        after_from = bisect.bisect_left(starts, q.start - self.longest + 1)  # the first that can end after it
        follows = prev is not None and prev.start >= clause_start
        prev_end = prev.end if prev is not None else 0
        # (0) in the clause, before the figure (not after the clause's previous figure); a timex ending
        # before the clause start starts before it
        k = last_before
        while k >= 0 and ends[k] >= clause_start:
            tx = by_end[k]
            if tx.start >= clause_start and not (follows and prev_end <= tx.start):
                yield tx, True, True
            k -= 1
        # (1) in the clause, after the figure's start
        j = max(after_from, bisect.bisect_left(starts, clause_start))
        while j < len(starts) and starts[j] <= q.end + _MAX_AFTER_IN_CLAUSE:
            tx = by_start[j]
            if tx.end > q.start and tx.end <= clause_end:
                yield tx, True, False
            j += 1
        # (2) in the clause, after its previous figure (a timex ending before that figure's end
        # starts before it)
        if follows:
            k = last_before
            while k >= 0 and ends[k] >= max(clause_start, prev_end):
                tx = by_end[k]
                if tx.start >= clause_start and prev_end <= tx.start:
                    yield tx, True, True
                k -= 1
        # (3) before the clause: only those that may count from there (``_outside``)
        outside, out_ends = self._outside()
        k = (
            min(
                bisect.bisect_right(out_ends, q.start),
                bisect.bisect_left(out_ends, clause_start + self.longest),
            )
            - 1
        )
        while k >= 0:
            tx = outside[k]
            if tx.start < clause_start:
                yield tx, False, True
            k -= 1
        # (4) after the figure's start, out of the clause
        j = after_from
        while j < len(starts) and starts[j] <= q.end + _MAX_AFTER_ASIDE:
            tx = by_start[j]
            if tx.end > q.start and not (clause_start <= tx.start and tx.end <= clause_end):
                yield tx, False, False
            j += 1


# a sentence with more dates than this has them indexed for ``_period`` (fewer: the plain loop is as quick)
_INDEXED_DATES: Final = 12


def _event_date(text: str, sent_start: int, pos: int) -> bool:
    """Is the timex at ``pos`` the date of a life event (``sinh năm 1981``), not a figure's period?"""
    words = text[max(sent_start, pos - 20) : pos].lower().split()
    vocab = _vocab("fact_event_dates.txt")
    return any(" ".join(words[-k:]) in vocab for k in (1, 2) if len(words) >= k)


_STATED_FOR: Final = re.compile(r"\s*(?:là|ở mức|đạt|:)\s*(?:(?:khoảng|hơn|gần|trên|dưới|chỉ|chừng)\s+)?")
_MAX_AFTER_IN_CLAUSE: Final = 90  # characters between a figure and a later timex of its clause
_MAX_AFTER_ASIDE: Final = 60  # ... and a timex just past a bracketed aside
# every branch opens with a character (``,(?<!\d,)`` is ``(?<!\d),``) so the engine skips to candidates
_SEPARATOR: Final = re.compile(r",(?<!\d,)|,(?!\d)|[;:“”\"]|\s[-–]\s")
