"""Property-based tests: any text in, no exception out, and the output keeps its promises.

Two kinds of input are drawn: arbitrary Unicode (control characters,
surrogate-free astral symbols, combining marks, RTL text) and "news-like"
strings stitched from Vietnamese tokens that reach the taggers' deep paths
(dates, clock times, parts of day, numbers in digits and words, units,
titles and names, punctuation and line breaks).  Whatever comes in:

* no exception;
* every offset lies inside the text, ``start < end`` (``<=`` for none);
* sentences, timexes and quantities do not overlap, and no quantity lies
  inside a timex;
* every TIMEX3 value (timexes, event dates, fact periods) is well-formed
  TimeML: ``2026-02-18``, ``XXXX-02-18``, ``2026-02-13TAF``, ``2021-Q1``,
  ``2025-W15``, ``P30Y``, ``PT2H`` ...; every number is finite.

The taggers are written against their interfaces only, so these tests hold
for whatever implementation is committed.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import unicodedata
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from biennien.analyse import entities, quantity, timex
from biennien.analyse.pipeline import analyse
from biennien.model import Document, Sentence, plain
from biennien.vi.normalise import fold, tone_normalise
from biennien.vi.numbers import number_words, parse_numeral, parse_words
from biennien.vi.sentences import sentence_at, split_sentences

# -- the TimeML value grammar (TIMEX3 @value) ---------------------------------

_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX|\d{2,3})"  # 2026, 199X (decade), 19XX, XXXX, 19 (century)
# parts of day: TimeML's MO, MI, AF, EV, NI, DT, and MD for "trưa" (noon), which the export contract
# (ARCHITECTURE.md) gives as ``TMD``
_TIME = (
    r"T(?:MO|MI|MD|AF|EV|NI|DT"
    r"|(?:\d{2}|XX)(?::(?:\d{2}|XX)(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)"
)
_DATE = (
    rf"{_YEAR}"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?"  # month, day
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI)"  # quarter, half, season
    r"|-W(?:\d{2}|XX)(?:-(?:[1-7X]|WE))?"  # week, weekday, weekend
    r")?"
    rf"(?:{_TIME})?"
)
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:(?:{_AMOUNT}(?:Y|M|W|D|Q|H|DE|CE|ML))+(?:T(?:{_AMOUNT}[HMS])+)?"
    rf"|T(?:{_AMOUNT}[HMS])+)"
)
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
TIMEX_VALUE = re.compile(rf"(?:{_DATE}|{_TIME}|{_DURATION}|{_REF})")
TIMEX_MODS = frozenset(
    {
        "BEFORE",
        "AFTER",
        "ON_OR_BEFORE",
        "ON_OR_AFTER",
        "LESS_THAN",
        "MORE_THAN",
        "EQUAL_OR_LESS",
        "EQUAL_OR_MORE",
        "START",
        "MID",
        "END",
        "APPROX",
    }
)


def well_formed(value: str) -> bool:
    return TIMEX_VALUE.fullmatch(value) is not None


def test_value_grammar_accepts_timeml_and_rejects_junk() -> None:
    """The regex itself: it must tell TIMEX3 from near misses, or the properties below prove nothing."""
    good = ["2026-02-18", "2025-07", "1995", "2021-Q1", "2025-W15", "2026-02-13TAF", "2021-04-21T20:30"]
    good += ["XXXX-02-18", "P3M", "P30Y", "P14D", "PT2H", "P1DT12H", "199X", "PRESENT_REF", "2025-W15-3"]
    good += ["XXXX-WXX-1", "2024-SU", "2024-H2", "T20:30", "2026-02-18T07:22+07:00", "XXXX-02-18TMD"]
    bad = ["", "2026-2-18", "18/02/2026", "2026-13", "P", "PT", "P3", "2026-02-18T", "ngày 18", "2026-Q5"]
    bad += ["20260218", "P-3D", "2026-W1", " 2026", "2026-02-18 ", "2026-02-18TXY"]
    assert [v for v in good if not well_formed(v)] == []
    # 2026-13 is grammatical in TimeML (only the calendar rejects it); checked separately below
    assert [v for v in bad if well_formed(v) and v != "2026-13"] == []


def _calendar_ok(value: str) -> bool:
    """Month 01-12 and day 01-31 where the value gives them as digits."""
    m = re.match(r"^(?:\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?", value)
    if not m:
        return True
    if not 1 <= int(m[1]) <= 12:
        return False
    return m[2] is None or 1 <= int(m[2]) <= 31


# -- input strategies ------------------------------------------------------------

_TOKENS = [
    *"ngày tháng năm sáng chiều tối đêm trưa nay qua tới sau trước hôm mai kia quý tuần thứ".split(),
    *"đầu giữa cuối từ đến khoảng gần hơn trên dưới lúc vào trong chủ nhật hai ba tư".split(),
    *"tăng giảm đạt tỷ tỉ triệu nghìn ngàn trăm USD đồng % phần trăm người ha km tấn lượng".split(),
    *"Ông Bà Thủ tướng Chủ tịch Bộ trưởng Nguyễn Văn An Phạm Minh Chính Hà Nội TP.HCM".split(),
    *"Bộ Ngoại giao Việt Nam Hoa Kỳ Mỹ UBND tỉnh Quảng Ninh hội đàm điện đàm thăm ký kết".split(),
    *"một mươi mười lăm rưỡi linh lẻ hoà thuý khoẻ Đ Ư".split(),
    "2026", "1995", "18/2", "18-2", "20/3/2019", "18-20/2", "1.409", "15,8", "32.517,4", "2.305.117.560",
    "20h30", "7h", "8:30", "30", "0", "31", "12", "13", "99", "2/9", "29/2", "31/4", "10.000", "1,5",
    ".", ",", ";", ":", "!", "?", "…", "(", ")", "-", "–", "/", '"', "“", "”", "\n", "\n\n", "  ", "\t",
]  # fmt: skip

news_like = st.lists(st.sampled_from(_TOKENS) | st.integers(0, 10**13).map(str), max_size=60).map(
    lambda toks: " ".join(toks)
)
any_text = st.text(max_size=300)
texts = news_like | any_text | st.tuples(news_like, any_text).map("".join)
reference_dates = st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat)

# BIENNIEN_PROPERTY_SCALE=20 multiplies the examples for a long hunt (the default keeps the suite quick)
SCALE = max(1, int(os.environ.get("BIENNIEN_PROPERTY_SCALE", "1")))
FAST = settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=120 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _inside(text: str, start: int, end: int, *, empty_ok: bool = False) -> bool:
    return 0 <= start <= end <= len(text) and (empty_ok or start < end)


def _disjoint(spans: list[tuple[int, int]]) -> bool:
    ordered = sorted(spans)
    return all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))


# -- number parsers ----------------------------------------------------------------


@FAST
@given(any_text | news_like)
def test_parse_numeral_any_text_is_none_or_finite(s: str) -> None:
    v = parse_numeral(s)
    assert v is None or (math.isfinite(v) and v >= 0)


def _vi_format(n: int, decimals: str) -> str:
    grouped = f"{n:,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "")


@FAST
@given(st.integers(0, 10**15), st.text("0123456789", max_size=3))
def test_parse_numeral_reads_vietnamese_grouping(n: int, decimals: str) -> None:
    assert parse_numeral(_vi_format(n, decimals)) == float(f"{n}.{decimals or 0}")


@FAST
@given(any_text | news_like)
def test_parse_words_any_text_is_none_or_finite(s: str) -> None:
    v = parse_words(s)
    assert v is None or math.isfinite(v)


@FAST
@given(st.lists(st.sampled_from(sorted(number_words())), min_size=1, max_size=12))
def test_parse_words_any_sequence_of_number_words(words: list[str]) -> None:
    v = parse_words(" ".join(words))
    assert v is None or (math.isfinite(v) and v >= 0)


# -- normalisation ------------------------------------------------------------------

_VI_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
vi_words = st.text(_VI_LOWER + _VI_LOWER.upper() + " ", max_size=80)


@FAST
@given(texts)
def test_tone_normalise_keeps_length_and_is_idempotent(s: str) -> None:
    out = tone_normalise(s)
    assert len(out) == len(s)
    assert tone_normalise(out) == out


@FAST
@given(texts)
def test_fold_never_raises_and_is_idempotent_on_nfc(s: str) -> None:
    f = fold(s)
    assert isinstance(f, str)
    assert fold(f) == fold(unicodedata.normalize("NFC", f))


@FAST
@given(vi_words)
def test_fold_ignores_case_and_tone_placement(s: str) -> None:
    assert fold(s) == fold(s.upper()) == fold(tone_normalise(s))
    assert fold(s).isascii()


# -- sentences ------------------------------------------------------------------------


@FAST
@given(texts)
def test_split_sentences_spans_are_ordered_trimmed_and_findable(s: str) -> None:
    sents = split_sentences(s)
    for a, b in zip(sents, sents[1:], strict=False):
        assert a.end <= b.start and a.paragraph <= b.paragraph
    for sent in sents:
        assert _inside(s, sent.start, sent.end)
        body = s[sent.start : sent.end]
        assert not body[0].isspace() and not body[-1].isspace()
        assert "\n" not in body  # a sentence never crosses a paragraph (line)
        assert sentence_at(sents, sent.start) is sent


# -- taggers -----------------------------------------------------------------------------


@SLOW
@given(texts, reference_dates)
def test_timex_tag_offsets_and_values(s: str, ref: str | None) -> None:
    found = timex.tag(s, ref)
    for t in found:
        assert _inside(s, t.start, t.end), t
        assert t.type in ("DATE", "TIME", "DURATION", "SET"), t
        assert well_formed(t.value) and _calendar_ok(t.value), t
        assert t.value_end is None or well_formed(t.value_end), t
        assert t.mod is None or t.mod in TIMEX_MODS, t
        if t.type == "DURATION":
            assert t.value.startswith("P"), t
    assert _disjoint([(t.start, t.end) for t in found])


@SLOW
@given(texts, reference_dates)
def test_timex_tag_accepts_a_date_object(s: str, ref: str | None) -> None:
    a = timex.tag(s, ref)
    b = timex.tag(s, date.fromisoformat(ref) if ref else None)
    assert [(t.start, t.end, t.value) for t in a] == [(t.start, t.end, t.value) for t in b]


@SLOW
@given(texts, reference_dates)
@example("30 thứ 2/9", None)  # a rank reading reached back into "30 thứ": two quantities overlapped
def test_quantity_extract_offsets_values_and_no_quantity_in_a_date(s: str, ref: str | None) -> None:
    times = timex.tag(s, ref)
    found = quantity.extract(s, times)
    for q in found:
        assert _inside(s, q.start, q.end), q
        assert math.isfinite(q.value), q
        assert q.value_end is None or math.isfinite(q.value_end), q
        assert isinstance(q.unit, str) and q.unit, q
    assert _disjoint([(q.start, q.end) for q in found])
    for q in found:
        for t in times:
            assert q.end <= t.start or t.end <= q.start, (q, t)


@SLOW
@given(texts)
def test_entities_extract_offsets(s: str) -> None:
    found = entities.extract(s, split_sentences(s))
    for m in found:
        assert _inside(s, m.start, m.end), m
        assert m.type in ("PER", "ORG", "LOC", "GPE", "EVENT", "OTHER"), m


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(texts)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=3))
    skip = sorted((min(a, b), max(a, b)) for a, b in spans)
    ref = draw(reference_dates)
    return Document(id="d0000000000000000", source="prop.txt", text=text, reference_date=ref, skip_spans=skip)


def _spans_ok(text: str, sentences: list[Sentence]) -> None:
    for s in sentences:
        assert _inside(text, s.start, s.end)


@SLOW
@given(documents())
def test_pipeline_analyse_any_document(doc: Document) -> None:
    a = analyse(doc)
    n = len(doc.text)
    _spans_ok(doc.text, a.sentences)
    for span in [*a.timexes, *a.quantities, *a.mentions]:
        assert _inside(doc.text, span.start, span.end), span
        assert span.text == doc.text[span.start : span.end], span  # quoted from the stored text
    for ev in [e for x in a.events for e in x.evidence] + [e for x in a.facts for e in x.evidence]:
        assert 0 <= ev.start <= ev.end <= n and ev.sentence == doc.text[ev.start : ev.end], ev
    for e in a.events:
        for v in (e.date, e.date_end):
            assert v is None or well_formed(v), e
    for f in a.facts:
        assert math.isfinite(f.value), f
        assert f.value_end is None or math.isfinite(f.value_end), f
        assert f.period is None or well_formed(f.period), f
    # deterministic: the same document gives the same analysis
    assert analyse(doc) == a


@SLOW
@given(documents())
def test_plain_is_asdict(doc: Document) -> None:
    """``model.plain`` (the fast serialiser of the store) gives exactly ``dataclasses.asdict``."""
    a = analyse(doc)
    for obj in [doc, *a.timexes, *a.quantities, *a.mentions, *a.events, *a.facts]:
        assert plain(obj) == dataclasses.asdict(obj)
