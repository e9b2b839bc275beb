"""Turning a ``Spec`` into a TIMEX3 value.

Year-less dates (``2/7``, ``tháng 7``, ``quý II``) take the year that puts
them nearest the reference date, with a future date counting double (news
mostly reports the past), and a tense cue in the clause (``vừa qua``,
``sẽ``, ``tới``) restricting the choice to the past or the future side.  A
year written earlier in the same sentence wins over the reference date.
Lunar dates are converted with ``lunar-vn``.  Relative expressions count
from the reference date (``hôm qua``) or from the last date the text gave
(``cùng ngày``, ``hôm sau``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Final

from lunar_vn import convert_lunar_to_solar, convert_solar_to_lunar

from biennien.analyse.timex_lexicon import alternation, lexicon
from biennien.analyse.timex_spec import Spec
from biennien.model import TimexType

FUTURE_WEIGHT: Final = 2.0


@dataclass(slots=True)
class Context:
    """What resolution knows at a point of the text (rebuilt for every call of ``tag``)."""

    dct: date | None
    last_day: date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    last_precision: str | None = None  # of the last date resolved: "D", "M" or "Y"
    sentence_year: int | None = None  # a year written earlier in the current sentence
    sentence_year_end: int = -1
    sentence_year_absolute: bool = False  # written as digits ("năm 2020"), not "năm ngoái"
    paragraph_year: int | None = None  # the last year written as digits, for a historical paragraph
    paragraph_year_end: int = -1


@dataclass(slots=True)
class Resolved:
    type: TimexType
    value: str
    anchor: str | None
    day: date | None = None
    month: tuple[int, int] | None = None
    year: int | None = None


# --------------------------------------------------------------------------- tense


@cache
def _tense_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    before = alternation([c for c, _, w in lx.tense if w == "before"])
    after = alternation([c for c, _, w in lx.tense if w == "after"])
    return (
        re.compile(r"(?<!\w)(" + before + r")(?!\w)", re.IGNORECASE),
        re.compile(r"[\s,)]*(" + after + r")(?!\w)", re.IGNORECASE),  # used with match(text, pos): no "^"
    )


@cache
def _tense_of() -> dict[tuple[str, str], str]:
    return {(c, w): t for c, t, w in lexicon().tense}


def tense(text: str, start: int, end: int) -> str | None:
    """``past``, ``future`` or None from the nearest cue in the clause around [start, end)."""
    before_re, after_re = _tense_patterns()
    m = after_re.match(text, end, min(len(text), end + 25))
    if m:
        return _tense_of().get((re.sub(r"\s+", " ", m[1].lower()), "after"))
    window = text[max(0, start - 60) : start]
    # A cue acts in its own clause only: a comma ends it ("Theo lịch đã được AFC công bố, đội tuyển gặp
    # Indonesia ngày 7/6": the "đã" of the relative clause says nothing of the fixture's year).
    cut = max(window.rfind("."), window.rfind(";"), window.rfind("\n"), window.rfind(","))
    if cut >= 0:
        window = window[cut + 1 :]
    hits = list(before_re.finditer(window))
    if hits:
        return _tense_of().get((re.sub(r"\s+", " ", hits[-1][1].lower()), "before"))
    return None


def cue_after(text: str, end: int) -> bool:
    """Whether a tense cue follows the date itself (``2/7 vừa qua``, ``5/6 tới``), not just its clause."""
    return _tense_patterns()[1].match(text, end, min(len(text), end + 25)) is not None


def clause_tense(text: str, start: int, end: int) -> str | None:
    """:func:`tense`, else the first tense word later in the clause (``tới cuối tuần, họ sẽ ...``)."""
    t = tense(text, start, end)
    if t is not None:
        return t
    window = text[end : end + 60]
    cut = min((i for i in (window.find("."), window.find(";"), window.find("\n")) if i >= 0), default=-1)
    if cut >= 0:
        window = window[:cut]
    m = _tense_patterns()[0].search(window)
    return _tense_of().get((re.sub(r"\s+", " ", m[1].lower()), "before")) if m else None


def pick_year(
    candidates: list[tuple[int, float]], t: str | None, slack: float = 2, past_slack: float = 2
) -> int:
    """Choose a year from (year, signed distance in days or months to the reference) pairs.

    ``slack`` lets a future cue keep a date just before the reference: news repeats what
    "sẽ diễn ra vào ngày 17/4" for some days after the 17th (a week for days, two months for months).
    ``past_slack`` lets a past cue keep a date just after it (a decision taken about a coming holiday).
    """
    if t == "past":
        past = [c for c in candidates if c[1] <= past_slack]
        if past:
            return max(past, key=lambda c: c[1])[0]
    if t == "future":
        fut = [c for c in candidates if c[1] >= -slack]
        if fut:
            return min(fut, key=lambda c: c[1])[0]
    return min(candidates, key=lambda c: c[1] * FUTURE_WEIGHT if c[1] > 0 else -c[1])[0]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def lunar_to_solar(y: int, m: int, d: int) -> date | None:
    """A lunar date as a Gregorian one; day 0 is the last day of the month before (Tết's eve)."""
    try:
        if d == 0:
            return convert_lunar_to_solar(1, m, y) - timedelta(days=1)
        return convert_lunar_to_solar(d, m, y)
    except (ValueError, OverflowError):
        return None


def year_for_day(spec: Spec, ref: date, t: str | None, past_slack: float = 2) -> tuple[int, date] | None:
    """The year of a year-less day-month, solar or lunar, nearest ``ref`` given the tense.

    ``past_slack``: how many days after ``ref`` a past cue still accepts (a week when the cue is only
    the clause's verb: "đã quyết định dừng bắn pháo hoa vào dịp lễ 30/4 và 1/5" on 28 April is this
    year's holiday, the decision is what is past)."""
    assert spec.month is not None and spec.day is not None
    base = convert_solar_to_lunar(ref.day, ref.month, ref.year).year if spec.lunar else ref.year
    options: list[tuple[int, float]] = []
    dates: dict[int, date] = {}
    for y in (base - 1, base, base + 1):
        if spec.lunar:
            dd = lunar_to_solar(y, spec.month, spec.day)
        else:
            dd = _safe_date(y, spec.month, spec.day)
        if dd is not None:
            options.append((y, (dd - ref).days))
            dates[y] = dd
    if not options:
        return None
    y = pick_year(options, t, slack=7, past_slack=past_slack)
    return y, dates[y]


def year_for_month(month: int, ref: date, t: str | None) -> int:
    options = [
        (y, float((y - ref.year) * 12 + month - ref.month)) for y in (ref.year - 1, ref.year, ref.year + 1)
    ]
    return pick_year(options, t)


# --------------------------------------------------------------------------- formatting


def fmt_day(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(d: date, unit: str, n: int) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "CE": 1200}.get(unit, 0) * n
    y, m = add_months(d.year, d.month, months)
    return date(y, m, 1)


def rel_value(d: date | None, unit: str) -> str:
    """The value of a date at the precision of ``unit`` (X-filled without a reference)."""
    if d is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(
            unit, "XXXX" if unit != "CE" else "XX"
        )
    if unit == "D":
        return fmt_day(d)
    if unit == "W":
        return week_value(d)
    if unit == "WE":
        return week_value(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "CE":
        return f"{(d.year - 1) // 100:02d}"
    return f"{d.year:04d}"


def clock_value(value: str, hour: int, minute: int | None) -> str:
    """``value`` (a day) with a clock time.  ``T24:00`` stays (midnight ending that day, "12 giờ đêm");
    past it ("12h30 đêm", hour 24 and minutes) the time is that of the next day, ``T00:30``."""
    if hour == 24 and minute:
        m = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", value)
        if m:
            leap = 2000  # any leap year: the day after XXXX-02-28 may be the 29th
            nxt = date(leap if m[1] == "XXXX" else int(m[1]), int(m[2]), int(m[3])) + timedelta(days=1)
            year = "XXXX" if m[1] == "XXXX" else f"{nxt.year:04d}"
            return f"{year}-{nxt.month:02d}-{nxt.day:02d}T00:{minute:02d}"
    return f"{value}T{hour:02d}:{minute or 0:02d}"


def with_time(value: str, spec: Spec) -> tuple[str, bool]:
    """Append a clock time or a part of the day; says whether the result is a TIME."""
    if spec.hour is not None:
        return clock_value(value, spec.hour, spec.minute), True
    if spec.daypart:
        return f"{value}{spec.daypart}", True
    return value, False
