"""Vietnamese temporal tagger: every time expression of a text, normalised to TIMEX3.

Three steps, each small:

1. the rules of ``timex_rules`` (patterns composed from ``vi/data/timex_*.tsv``)
   propose candidates; where they overlap the longest wins;
2. neighbours are glued: a part of the day or a clock time to its date
   (``chiều 13-2``, ``6h45 ngày 3/9/2023``), ``đầu``/``cuối`` to a period,
   a weekday to its date, then ``từ`` A ``đến`` B into a range;
3. candidates are resolved in text order (``timex_resolve``) so that
   ``cùng ngày`` and ``hôm sau`` count from the last date the text gave.

Why our own tagger: HeidelTime's Vietnamese rules, Duckling and dateparser all
misread common news dates (see docs/timex.md and bench/timex.py), and
HeidelTime runs at a few articles per second.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from functools import cache
from typing import Final

from biennien.analyse.timex_lexicon import alternation, cue_pattern, lexicon
from biennien.analyse.timex_lower import lowered
from biennien.analyse.timex_next import word_rules
from biennien.analyse.timex_resolve import (
    Context,
    Resolved,
    clause_tense,
    clock_value,
    cue_after,
    lunar_to_solar,
    pick_year,
    rel_value,
    shift,
    tense,
    week_value,
    with_time,
    year_for_day,
    year_for_month,
)
from biennien.analyse.timex_rules import Rule, digit_rules_at, quy_compound
from biennien.analyse.timex_scan import goes_on, trigger_scan, trigger_slow
from biennien.analyse.timex_spec import HELPER_KINDS, Cand, Spec
from biennien.model import Timex

_SENTENCE_BREAK: Final = re.compile(r"[.!?]\s|\n")
_DAYPART_HOURS: Final = {"TAF": 12, "TEV": 12, "TNI": 12}


def tag(text: str, reference_date: str | date | None = None) -> list[Timex]:
    """Return the time expressions in ``text`` normalised to TIMEX3, sorted by start.

    ``reference_date`` (the article's date) anchors ``hôm qua``, ``tuần tới`` and
    year-less dates; without it they stay underspecified (``XXXX-02-18``)
    unless the article itself gives the year.
    """
    dct = _as_date(reference_date)
    cands = _select(_candidates(text))
    cands = _attach(text, cands)
    cands = _ranges(text, cands)
    cands = [c for c in cands if c.kind not in HELPER_KINDS or c.end_spec is not None]
    for c in cands:
        _lunar_suffix(text, c)
    ctx = Context(dct=dct)
    out: list[Timex] = []
    for c in cands:
        t = _resolve_cand(text, c, ctx)
        if t is not None:
            out.append(t)
    return out


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- 1. candidates


def _candidates(text: str) -> list[Cand]:
    """Try each rule only where a word it can start with stands (``trigger_index``)."""
    lower = lowered(text)
    fast = len(lower) == len(text)
    pattern, afters = trigger_scan()
    scan = pattern.finditer(lower) if fast else trigger_slow().finditer(text)
    found: list[Cand] = []
    for tok in scan:
        pos, end = tok.span()
        todo: tuple[Rule, ...] | None
        if text[pos].isdigit():
            todo = digit_rules_at(text, pos, end)
        else:
            if pos and text[pos - 1].isalpha():
                continue  # the end of a longer word
            if fast and (after := afters[lower[pos:end]]) is not None and not goes_on(after, tok):
                continue  # no rule of the word can go on after it
            todo = word_rules(text, text[pos:end], end)
            if todo is None:
                continue
        for rule in todo:
            m = rule.pattern.match(text, pos)
            if m is not None:
                cand = rule.handler(m, text)
                if cand is None or cand.end <= cand.start or "\n" in text[cand.start : cand.end]:
                    continue  # never across paragraphs: "Hết hiệp 1\nPhút 44" is no duration
                if "uý" in text[cand.start : cand.end] and quy_compound(text, cand.start, cand.end):
                    continue  # "danh hiệu cao quý này", "hai quý vị": not a quarter
                found.append(cand)
    return found


def _select(cands: list[Cand]) -> list[Cand]:
    """Keep the longest of overlapping candidates (then the higher priority, then the earlier)."""
    cands.sort(key=lambda c: (c.start - c.end, -c.priority, c.start))
    # the kept spans do not overlap and are not empty (``_candidates`` drops empty ones), so ordered by
    # start they are ordered by end too: a candidate overlaps one of them exactly when the last span
    # starting before its end ends after its start (one bisection instead of a walk over all kept)
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Cand] = []
    for c in cands:
        k = bisect_left(starts, c.end)
        if k and ends[k - 1] > c.start:
            continue
        starts.insert(k, c.start)
        ends.insert(k, c.end)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


# --------------------------------------------------------------------------- 2. glue


@cache
def _gap_patterns() -> dict[str, re.Pattern[str]]:
    dp = alternation(list(lexicon().dayparts))
    return {
        "daypart_date": re.compile(r"\s+(?:(?:ngày|hôm)\s+)?", re.IGNORECASE),
        "clock_daypart": re.compile(r"\s*"),
        "clock_date": re.compile(
            rf"\s*(?:\([^()\n]{{1,24}}\)\s*)?,?\s*(?:(?P<dp>{dp})\s+)?(?:(?:ngày|hôm)\s+)?", re.IGNORECASE
        ),
        "date_clock": re.compile(r"\s*,?\s*(?:lúc|vào\s+lúc)?\s*", re.IGNORECASE),
        "part": re.compile(r"\s+"),
        "weekday_date": re.compile(
            r"\s*,\s*(?:ngày\s+)?|\s+(?:ngày\s+)?|\s*\(\s*(?:ngày\s+)?", re.IGNORECASE
        ),
        "range": re.compile(
            r"\s*(?:-|–|đến|tới|cho\s+đến|đến\s+hết|đến\s+trước)\s*(?:(?:ngày|hết\s+ngày)\s+)?", re.IGNORECASE
        ),
        "list": re.compile(r"\s*(?:,|và)\s*", re.IGNORECASE),
        "from": re.compile(r"(?<!\w)(?:từ|kể\s+từ)\s+(?:ngày\s+)?$", re.IGNORECASE),
    }


def _is_day(c: Cand) -> bool:
    s = c.spec
    return (
        (s.kind == "date" and s.day is not None) or (s.kind == "rel" and s.unit == "D") or s.kind == "weekday"
    )


def _add_hours(spec: Spec, part: str | None) -> None:
    if spec.hour is None or part is None:
        return
    add = _DAYPART_HOURS.get(part, 0)
    if add and spec.hour < 12 and (part != "TNI" or spec.hour >= 6):
        spec.hour += add
    elif part == "TNI" and spec.hour == 12:
        # "12 giờ đêm" is midnight at the end of that day (ISO T24:00), not noon; "12h30 đêm" is
        # half an hour later, 00:30 of the next day (``timex_resolve.with_time`` rolls the day over)
        spec.hour = 24


def _attach(text: str, cands: list[Cand]) -> list[Cand]:
    gp = _gap_patterns()
    out: list[Cand] = []
    for cur in cands:
        prev = out[-1] if out else None
        if prev is None:
            out.append(cur)
            continue
        gap = text[prev.end : cur.start]
        if "\n" in gap:  # "Thứ Hai ngày 19 tháng 4\n8 giờ sáng: ...": a heading and the next paragraph
            out.append(cur)
            continue
        ps, cs = prev.spec, cur.spec
        if ps.kind == "daypart" and _is_day(cur) and not cs.daypart and gp["daypart_date"].fullmatch(gap):
            cs.daypart = ps.daypart
            if cur.end_spec is not None and cur.end_spec.day is not None and cur.end_spec.hour is None:
                cur.end_spec.daypart = ps.daypart  # "hai đêm 30/4 - 1/5": both nights
            cur.start = prev.start
            out[-1] = cur
        elif ps.kind == "clock" and cs.kind == "daypart" and gp["clock_daypart"].fullmatch(gap):
            _add_hours(ps, cs.daypart)
            ps.daypart = cs.daypart
            prev.end = cur.end
        elif (
            ps.kind == "clock" and _is_day(cur) and cs.hour is None and (g := gp["clock_date"].fullmatch(gap))
        ):
            cs.hour, cs.minute = ps.hour, ps.minute
            if g["dp"]:
                part = lexicon().dayparts[re.sub(r"\s+", " ", g["dp"].lower())][0]
                _add_hours(cs, part)
            elif cs.daypart:
                _add_hours(cs, cs.daypart)
            elif ps.daypart:
                cs.hour = ps.hour
            cur.start = prev.start
            out[-1] = cur
        elif (
            _is_day(prev)
            and cs.kind == "clock"
            and ps.hour is None
            and prev.end_spec is None
            and gp["date_clock"].fullmatch(gap)
            and "," not in gap
        ):
            ps.hour, ps.minute = cs.hour, cs.minute
            prev.end = cur.end
        elif (
            ps.kind == "part"
            and cs.kind in ("month", "year", "quarter", "decade", "century", "rel")
            and (gp["part"].fullmatch(gap))
        ):
            if cs.kind == "rel" and cs.unit == "D":
                out.append(cur)
                continue
            cs.mod = ps.mod
            cur.start = prev.start
            out[-1] = cur
        elif (
            ps.kind == "weekday"
            and cs.kind == "date"
            and cs.day is not None
            and gp["weekday_date"].fullmatch(gap)
        ):
            if ps.daypart and not cs.daypart:
                cs.daypart = ps.daypart
            cur.start = prev.start
            if "(" in gap and cur.end < len(text) and text[cur.end] == ")":
                cur.end += 1
            out[-1] = cur
        elif (
            ps.kind == "rel"
            and ps.unit == "D"
            and cs.kind == "date"
            and cs.day is not None
            and (gp["part"].fullmatch(gap))
        ):
            cs.daypart = cs.daypart or ps.daypart  # "trưa mai 12/8": the written date wins
            cur.start = prev.start
            out[-1] = cur
        elif ps.kind == "daypart" and cs.kind == "weekday" and gp["part"].fullmatch(gap):
            cs.daypart = ps.daypart
            cur.start = prev.start
            out[-1] = cur
        else:
            out.append(cur)
    return out


_RANGE_KINDS: Final = {
    ("bareday", "date"),
    ("date", "date"),
    ("month", "month"),
    ("year", "year"),
    ("clock", "clock"),
    ("clock", "date"),
    ("quarter", "quarter"),
}


def _ranges(text: str, cands: list[Cand]) -> list[Cand]:
    gp = _gap_patterns()
    out: list[Cand] = []
    for cur in cands:
        prev = out[-1] if out else None
        if prev is None or prev.end_spec is not None or cur.end_spec is not None:
            out.append(cur)
            continue
        gap = text[prev.end : cur.start]
        pair = (prev.kind, cur.kind)
        ok = "\n" not in gap and pair in _RANGE_KINDS and gp["range"].fullmatch(gap) is not None
        if pair == ("clock", "date") and cur.spec.hour is None:
            ok = False
        if pair == ("date", "date") and (prev.spec.hour is None) != (cur.spec.hour is None):
            ok = False
        if not ok and pair == ("bareday", "date") and gp["list"].fullmatch(gap):
            ok = True
        if not ok and pair == ("date", "date") and gp["list"].fullmatch(gap):
            ok = _day_list_pair(prev.spec, cur.spec)
        if not ok:
            out.append(cur)
            continue
        before = gp["from"].search(text, max(0, prev.start - 12), prev.start)
        merged = Cand(before.start() if before else prev.start, cur.end, prev.spec, 6, end_spec=cur.spec)
        out[-1] = merged
    return out


def _day_list_pair(a: Spec, b: Spec) -> bool:
    """``dịp nghỉ lễ 30/4 và 1/5``: two year-less days at most a week apart form one list."""
    if a.year is not None or b.year is not None or a.hour is not None or b.hour is not None:
        return False
    if a.daypart or b.daypart:
        return False  # "đêm 29/4, sáng 30/4": two moments
    if a.day is None or b.day is None or a.month is None or b.month is None or a.lunar != b.lunar:
        return False
    if b.month == a.month:
        return 0 < b.day - a.day <= 7
    return (b.month - a.month) % 12 == 1 and b.day + 31 - a.day <= 7


_LUNAR: Final = re.compile(r"\s*(?:\(\s*âm\s+lịch\s*\)|,?\s*âm\s+lịch|\(\s*ÂL\s*\))", re.IGNORECASE)


def _lunar_suffix(text: str, c: Cand) -> None:
    if c.kind not in ("date", "month"):
        return
    m = _LUNAR.match(text, c.end)
    if m:
        c.end = m.end()
        c.spec.lunar = True
        if c.end_spec is not None:
            c.end_spec.lunar = True


# --------------------------------------------------------------------------- 3. resolution


def _resolve_cand(text: str, c: Cand, ctx: Context) -> Timex | None:
    if c.end_spec is not None:
        whole = _range_years(text, c, ctx)
        end_r = _resolve(text, c.end_spec, c.start, c.end, ctx)
        _inherit(c.spec, c.end_spec, end_r)
        start_r = _resolve(text, c.spec, c.start, c.end, ctx)
        if start_r is None or end_r is None:
            return None
        _remember(ctx, end_r, c, text)
        return Timex(
            text[c.start : c.end],
            c.start,
            c.end,
            start_r.type,
            start_r.value,
            c.spec.mod,
            end_r.value,
            "dct" if whole else start_r.anchor if start_r.anchor != "absolute" else end_r.anchor,
        )
    r = _resolve(text, c.spec, c.start, c.end, ctx)
    if r is None:
        return None
    _remember(ctx, r, c, text)
    return Timex(text[c.start : c.end], c.start, c.end, r.type, r.value, c.spec.mod, None, r.anchor)


def _range_years(text: str, c: Cand, ctx: Context) -> bool:
    """Place a year-less range of two full day-months (``từ ngày 27/4 đến ngày 31/12``) as a whole.

    Resolving its end alone would put a far end in the past (31/12 in an April article is nearer last
    December), dragging a window that opens on the article's day back a year.  So the candidate years
    are judged by the whole range: one containing the reference date is at distance 0, else its
    nearest end counts, with the usual tense cues and future weight (:func:`pick_year`).  Sets the
    years on both specs; says whether it did."""
    a, b = c.spec, c.end_spec
    if (
        b is None
        or a.kind != "date"
        or b.kind != "date"
        or a.year is not None
        or b.year is not None
        or a.lunar
        or b.lunar
        or a.rel_year is not None
        or b.rel_year is not None
        or a.month is None
        or a.day is None
        or b.month is None
        or b.day is None
        or ctx.dct is None
    ):
        return False
    if _same_sentence_year(text, c.start, ctx, c.end) is not None:
        return False
    if _paragraph_year(text, c.start, c.end, ctx) is not None or _recurring(text, c.start, c.end):
        return False
    ref = ctx.dct
    wrap = (b.month, b.day) < (a.month, a.day)
    options: list[tuple[int, float]] = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        first, last = _safe(y, a.month, a.day), _safe(y + wrap, b.month, b.day)
        if first is None or last is None:
            continue
        if first <= ref <= last:
            dist = 0.0
        elif first > ref:
            dist = float((first - ref).days)
        else:
            dist = float((last - ref).days)
        options.append((y, dist))
    if not options:
        return False
    strong = text[c.start : c.start + 3].lower() == "hôm"
    t = "past" if strong else tense(text, c.start, c.end)
    weak = t == "past" and not strong and not cue_after(text, c.end)  # as in a single day: a past verb
    y = pick_year(options, t, slack=7, past_slack=7 if weak else 2)
    a.year, b.year = y, y + wrap
    return True


def _inherit(start: Spec, end: Spec, end_r: Resolved | None) -> None:
    """Fill what a range's start leaves out from its end: ``18 đến 20-2`` is 18 February."""
    if end_r is None:
        return
    if start.kind == "bareday":
        start.kind = "date"
        if end_r.day is not None:
            start.month, start.year = end_r.day.month, end_r.day.year
            if start.day is not None and start.day > end_r.day.day:
                start.year, start.month = _prev_month(end_r.day.year, end_r.day.month)
        else:
            start.month = end.month
        return
    if start.kind == "clock" and end_r.day is not None:
        start.kind = "date"
        start.year, start.month, start.day = end_r.day.year, end_r.day.month, end_r.day.day
        return
    if start.kind in ("date", "month", "quarter") and start.year is None and end_r.year is not None:
        start.year = end_r.year
        if start.rel_year is not None:
            return
        later = (
            (start.month or 0, start.day or 0) > (end.month or 0, end.day or 0)
            if start.kind != "quarter"
            else (start.number or 0) > (end.number or 0)
        )
        if later and not start.lunar:
            start.year -= 1


def _prev_month(y: int, m: int) -> tuple[int, int]:
    return (y - 1, 12) if m == 1 else (y, m - 1)


def _remember(ctx: Context, r: Resolved, c: Cand, text: str) -> None:
    if r.day is not None or r.month is not None or r.year is not None:
        ctx.last_precision = "D" if r.day is not None else "M" if r.month is not None else "Y"
    if r.day is not None:
        ctx.last_day = r.day
    if r.month is not None:
        ctx.last_month = r.month
    if r.year is not None:
        ctx.last_year = r.year
    if (
        (r.anchor == "absolute" or _names_year(c.spec))
        and r.year is not None
        and not cue_pattern("birth_before", "before").search(text, max(0, c.start - 12), c.start)
    ):
        ctx.sentence_year = r.year
        ctx.sentence_year_end = c.end
        ctx.sentence_year_absolute = r.anchor == "absolute"
        if r.anchor == "absolute" and not cue_pattern("base_before", "before").search(
            text, max(0, c.start - 24), c.start
        ):
            ctx.paragraph_year, ctx.paragraph_year_end = r.year, c.end
    elif r.anchor == "dct" and r.year is not None:
        ctx.paragraph_year = None  # back to the present: "hôm qua", "tháng trước"


def _names_year(s: Spec) -> bool:
    """``tháng 4 năm nay``, ``năm ngoái``: a year named relative to the article date fixes the sentence's
    year as an absolute one does (``Tháng 4 năm nay ... đến tháng 9``); ``cùng kỳ năm trước`` does not."""
    return s.rel_year is not None or (s.kind == "rel" and s.unit == "Y" and s.anchor == "dct" and not s.mod)


def _same_sentence_year(text: str, start: int, ctx: Context, end: int | None = None) -> int | None:
    if ctx.sentence_year is None or ctx.sentence_year_end > start:
        return None
    if end is not None and cue_pattern("to_now_after", "after").match(text[end : end + 16]):
        # "phóng ngày 30/7/2020, nhưng chỉ mới đổ bộ ngày 18/2 vừa qua": counts from the article date
        return None
    if _SENTENCE_BREAK.search(text, ctx.sentence_year_end, start):
        return None
    return ctx.sentence_year


def _paragraph_year(text: str, start: int, end: int, ctx: Context) -> int | None:
    """The year of a historical paragraph: a year-less ``sáng ngày 3 tháng 7`` after ``năm 1945`` earlier
    in the same paragraph (not the same sentence: that is :func:`_same_sentence_year`) is 3 July 1945,
    when that year is before the article's and no tense cue of the date's clause points to the future.
    A cue that counts from the article date (``vừa qua``, ``tới``) keeps the article's year."""
    y = ctx.paragraph_year
    if y is None or ctx.dct is None or y >= ctx.dct.year or ctx.paragraph_year_end > start:
        return None
    if "\n" in text[ctx.paragraph_year_end : start] or _recurring(text, start, end):
        return None  # the next paragraph mostly returns to the news (tried: 15 of 17 changes wrong)
    if cue_pattern("to_now_after", "after").match(text[end : end + 16]) or cue_after(text, end):
        return None
    if tense(text, start, end) == "future":
        return None
    return y


def _resolve(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    k = s.kind
    if k == "date":
        return _resolve_date(text, s, start, end, ctx)
    if k == "month":
        return _resolve_month(text, s, start, end, ctx)
    if k == "year":
        assert s.year is not None
        return Resolved("DATE", f"{s.year:04d}", "absolute", year=s.year)
    if k == "decade":
        return Resolved("DATE", f"{s.number:03d}", "absolute")
    if k == "century":
        return Resolved("DATE", f"{s.number:02d}", "absolute")
    if k in ("quarter", "half"):
        return _resolve_period(text, s, start, end, ctx)
    if k == "rel":
        return _resolve_rel(text, s, start, end, ctx)
    if k == "season":
        return _resolve_season(s, ctx)
    if k == "canchi":
        return _resolve_canchi(s, ctx)
    if k == "weekday":
        return _resolve_weekday(text, s, start, end, ctx)
    if k == "clock":
        base, anchor = (ctx.last_day, "previous") if ctx.last_day else (ctx.dct, "dct")
        value = base.isoformat() if base else "XXXX-XX-XX"
        assert s.hour is not None
        return Resolved("TIME", clock_value(value, s.hour, s.minute), anchor)
    if k == "dur":
        return Resolved("DURATION", s.value or "PX", None)
    if k == "set":
        return Resolved("SET", s.value or "PX", None)
    return None


def _resolve_date(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    assert s.month is not None and s.day is not None
    anchor = "absolute"
    d: date | None
    if s.year is None and s.lunar and s.number is not None:  # "mùng 3 tháng 3 năm Tân Sửu"
        cy = _resolve_canchi(Spec("canchi", number=s.number), ctx)
        if cy is None or cy.year is None:
            return None
        s.year = cy.year
    if s.year is not None:
        d = lunar_to_solar(s.year, s.month, s.day) if s.lunar else _safe(s.year, s.month, s.day)
        if d is None:
            return None
    elif (
        fixed := _same_sentence_year(text, start, ctx, end) or _paragraph_year(text, start, end, ctx)
    ) is not None:
        anchor = "previous"
        d = lunar_to_solar(fixed, s.month, s.day) if s.lunar else _safe(fixed, s.month, s.day)
        if d is None:
            return None
    else:
        ref, anchor = _reference(text, start, ctx, end)
        if ref is None or (not s.lunar and _recurring(text, start, end)):
            value, is_time = with_time(f"XXXX-{s.month:02d}-{s.day:02d}", s)
            return Resolved("TIME" if is_time else "DATE", value, None)
        # "hôm 23-8": "hôm" before a date speaks of a day gone by
        strong = text[start : start + 3].lower() == "hôm" and anchor == "dct"
        t = "past" if strong else tense(text, start, end)
        # a past verb of the clause ("đã quyết định ... vào dịp lễ 30/4") is what is past, not a date a
        # few days ahead; a cue on the date itself ("hôm", "vừa qua") keeps it in the past
        weak = t == "past" and not strong and not cue_after(text, end)
        hit = year_for_day(s, ref, t, past_slack=7 if weak else 2)
        if hit is None:
            return None
        d = hit[1]
    value, is_time = with_time(d.isoformat(), s)
    return Resolved("TIME" if is_time else "DATE", value, anchor, d, (d.year, d.month), d.year)


@cache
def _yearly() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = alternation([w for w, v in lexicon().sets.items() if v == "P1Y"])
    return (
        re.compile(r"[\s,]*(?:âm\s+lịch\s*)?" + words + r"(?!\w)", re.IGNORECASE),
        re.compile(r"(?<!\w)" + words + r"(?!\w)[^.;\n]*$", re.IGNORECASE),
    )


def _recurring(text: str, start: int, end: int) -> bool:
    """``từ tháng 4 đến tháng 9 hàng năm``, ``Hàng năm, vào ngày 10/3``: a date that comes back every
    year has no year of its own (``XXXX-04``), so it does not land on the timeline."""
    after, before = _yearly()
    return bool(
        after.match(text, end, min(len(text), end + 20)) or before.search(text, max(0, start - 50), start)
    )


def _reference(text: str, start: int, ctx: Context, end: int | None = None) -> tuple[date | None, str]:
    """The date a year-less expression is placed near, and the anchor it implies."""
    y = _same_sentence_year(text, start, ctx, end)
    if y is not None:
        base = ctx.last_day if ctx.last_day and ctx.last_day.year == y else date(y, 7, 1)
        return base, "previous"
    if ctx.dct is not None:
        return ctx.dct, "dct"
    if ctx.last_day is not None:
        return ctx.last_day, "previous"
    if ctx.last_year is not None:
        return date(ctx.last_year, 7, 1), "previous"
    return None, "dct"


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve_month(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    assert s.month is not None
    anchor = "absolute"
    y = s.year
    if y is None and s.rel_year is not None and ctx.dct is not None:
        y, anchor = ctx.dct.year + s.rel_year, "dct"
    if y is None and not s.lunar and _same_sentence_year(text, start, ctx, end) is None:
        py = _paragraph_year(text, start, end, ctx)
        if py is not None and not _recurring(text, start, end):
            y, anchor = py, "previous"
    if y is None:
        ref, anchor = _reference(text, start, ctx, end)
        if ref is None or (not s.lunar and _recurring(text, start, end)):
            return Resolved("DATE", f"XXXX-{s.month:02d}", None)
        if s.lunar:
            hit = year_for_day(Spec("date", None, s.month, 1, lunar=True), ref, tense(text, start, end))
            if hit is None:
                return None
            y = hit[0]
        else:
            # with a year fixed earlier in the sentence the clause's tense speaks of the article date, not
            # of that year ("trong năm 2020 vừa qua, ... vào tháng 5 và tháng 10" is October 2020)
            t = None if anchor == "previous" and ctx.sentence_year is not None else tense(text, start, end)
            y = year_for_month(s.month, ref, t)
    if s.lunar:
        first = lunar_to_solar(y, s.month, 1)
        if first is None:
            return None
        return Resolved("DATE", first.isoformat(), anchor, None, (first.year, first.month), first.year)
    return Resolved("DATE", f"{y:04d}-{s.month:02d}", anchor, None, (y, s.month), y)


def _resolve_period(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    letter = "Q" if s.kind == "quarter" else "H"
    n = s.number or 1
    anchor = "absolute"
    y = s.year
    if y is None and s.rel_year is not None and ctx.dct is not None:
        y, anchor = ctx.dct.year + s.rel_year, "dct"
    if y is None:
        sy = _same_sentence_year(text, start, ctx)
        if sy is not None:
            y, anchor = sy, "previous"
        elif ctx.dct is not None:
            y, anchor = ctx.dct.year, "dct"
            current = (ctx.dct.month - 1) // (3 if letter == "Q" else 6) + 1
            t = tense(text, start, end)
            if t == "past" and n > current:
                y -= 1
            elif t == "future" and n < current:
                y += 1
        elif ctx.last_year is not None:
            y, anchor = ctx.last_year, "previous"
        else:
            return Resolved("DATE", f"XXXX-{letter}{n}", None)
    return Resolved("DATE", f"{y:04d}-{letter}{n}", anchor, year=y)


def _resolve_rel(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    unit = s.unit or "D"
    base: date | None
    anchor = s.anchor or "dct"
    if anchor == "sentence":
        # "cùng kỳ năm ngoái" after "năm 2020" in the same sentence is 2019; "cuối năm" after
        # "tháng 7/2015" is the end of 2015; with no year before them, they count from the article date
        y = _same_sentence_year(text, start, ctx)
        if s.offset and not ctx.sentence_year_absolute:
            y = None  # "mùa hè năm ngoái ... cùng kỳ năm ngoái": both count from the article date
        base, anchor = (date(y, 7, 1), "previous") if y is not None else (ctx.dct, "dct")
    elif anchor == "previous":
        # count from the last date the text gave, at the unit's precision: "Năm 1996 ... Cùng năm"
        # is 1996 even if a day of 2021 came before; "Tháng 2/2021 ... Hai tháng sau" is April
        base = ctx.last_day
        if unit == "Y" and ctx.last_year is not None:
            base = date(ctx.last_year, 1, 1)
        elif unit in ("M", "Q") and ctx.last_precision == "Y" and ctx.last_year is not None:
            y = ctx.last_year + (s.offset * (3 if unit == "Q" else 1)) // 12
            return Resolved("DATE", f"{y:04d}", anchor, year=y)  # "Năm 2019 ... 3 tháng sau": 2019
        elif unit in ("M", "Q") and ctx.last_month is not None:
            base = date(ctx.last_month[0], ctx.last_month[1], 1)
        if base is None:
            base, anchor = ctx.dct, "dct"
    else:
        base = ctx.dct
    if base is None:
        value, is_time = with_time(rel_value(None, unit), s)
        return Resolved("TIME" if is_time else "DATE", value, anchor)
    offset = s.offset
    if (
        unit == "WE"
        and not offset
        and anchor == "dct"
        and base.weekday() == 6
        and clause_tense(text, start, end) == "future"
    ):
        offset = 1  # "họ sẽ ... cuối tuần" in a Sunday article: this weekend is ending, the next one
    try:
        d = shift(base, "W" if unit == "WE" else unit, offset)
    except (ValueError, OverflowError):
        return None  # "hàng triệu năm trước": beyond the calendar
    value, is_time = with_time(rel_value(d, unit), s)
    day = d if unit == "D" else None
    month = (d.year, d.month) if unit in ("D", "M") else None
    return Resolved(
        "TIME" if is_time else "DATE", value, anchor, day, month, d.year if unit != "CE" else None
    )


def _resolve_season(s: Spec, ctx: Context) -> Resolved:
    if s.year is not None:
        return Resolved("DATE", f"{s.year:04d}-{s.value}", "absolute", year=s.year)
    if s.rel_year is not None and ctx.dct is not None:
        y = ctx.dct.year + s.rel_year
        return Resolved("DATE", f"{y:04d}-{s.value}", "dct", year=y)
    return Resolved("DATE", f"XXXX-{s.value}", None)


def _resolve_canchi(s: Spec, ctx: Context) -> Resolved | None:
    """The year of a can-chi name nearest the reference date (or the last year the text gave)."""
    base, anchor = (ctx.dct.year, "dct") if ctx.dct else (ctx.last_year, "previous")
    if base is None:
        return None
    cycle = s.number or 0
    y = base - (base - 4 - cycle) % 60  # the latest such year not after base
    if y + 60 - base < base - y:
        y += 60
    if not s.lunar:
        return Resolved("DATE", f"{y:04d}", anchor, year=y)
    d = lunar_to_solar(y, 1, 1)
    if d is None:
        return None
    return Resolved("DATE", d.isoformat(), anchor, d, (d.year, d.month), d.year)


def _resolve_weekday(text: str, s: Spec, start: int, end: int, ctx: Context) -> Resolved | None:
    wd = s.number or 1
    dct = ctx.dct
    if dct is None:
        value, is_time = with_time(f"XXXX-WXX-{wd}", s)
        return Resolved("TIME" if is_time else "DATE", value, "dct")
    today = dct.isoweekday()
    # "thứ Ba vừa qua"/"thứ Ba tới" (s.value) never mean today; a tense cue of the clause
    # ("đã", "sẽ") only says which side, so today counts; with no cue, the last such day
    # up to today (news mostly reports what happened).
    direction = s.value or (None if s.offset else tense(text, start, end))
    if s.offset or direction == "this":
        d = dct - timedelta(days=today - 1) + timedelta(weeks=s.offset, days=wd - 1)
    elif direction == "future":
        d = dct + timedelta(days=(wd - today) % 7 or (7 if s.value else 0))
    elif direction == "past" and s.value:
        d = dct - timedelta(days=(today - wd) % 7 or 7)
    else:
        d = dct - timedelta(days=(today - wd) % 7)
    value, is_time = with_time(d.isoformat(), s)
    return Resolved("TIME" if is_time else "DATE", value, "dct", d, (d.year, d.month), d.year)


__all__ = ["tag", "week_value"]
