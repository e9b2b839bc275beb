"""The timeline view: which events to show, in what order, and how to say their dates.

Shared by the ``timeline`` command and the Markdown export, so that both show
the same lines.  Everything here is a pure function of rows already read from
the store.

TIMEX3 values come at many precisions (``1995``, ``2025-07``, ``2026-Q1``,
``2026-02-13TAF``, ``2021-04-21T20:30``, ``XXXX-02-18``).  To put them on one
line they are ordered by the first day they can mean, then by precision
(a whole month before the days in it), then by time of day.  Values whose
year is unknown (``XXXX``) cannot be placed and are listed after the dated
ones.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from biennien.model import Entity, Event, Fact
from biennien.store.base import independent_docs
from biennien.vi.normalise import fold
from biennien.vi.resources import table

_DATE = re.compile(
    r"^(?P<year>\d{4}|XXXX)"
    r"(?:-(?:(?P<quarter>Q[1-4])|(?P<half>H[12])|(?P<week>W\d{2})|(?P<season>SP|SU|FA|WI)|(?P<month>\d{2}|XX))"
    r"(?:-(?P<day>\d{2}|XX))?)?"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2})?|MO|MD|AF|EV|NI|DT))?$"
)
_DECADE = re.compile(r"^(?P<prefix>\d{2,3})$")
_TIME_ORDER = {"MO": "06", "MD": "12", "AF": "15", "DT": "12", "EV": "19", "NI": "22"}


@dataclass(frozen=True, slots=True)
class Span:
    """The days a TIMEX3 value can mean, and a key to sort values of mixed precision."""

    first: date
    last: date
    precision: int  # 0 century/decade, 1 year, 2 quarter/half/season, 3 month, 4 week, 5 day, 6 time
    time: str


def parse_value(value: str | None) -> Span | None:
    """The span of a TIMEX3 date value, or None when it has no known year (or is not a date)."""
    if not value:
        return None
    dec = _DECADE.match(value)
    if dec:
        prefix = dec["prefix"]
        width = 10 ** (4 - len(prefix))
        start = int(prefix) * width
        return Span(date(max(start, 1), 1, 1), date(min(start + width - 1, 9999), 12, 31), 0, "")
    m = _DATE.match(value)
    if not m or m["year"] == "XXXX":
        return None
    year = int(m["year"])
    if year < 1:
        return None
    time = m["time"] or ""
    time = _TIME_ORDER.get(time, time)
    if m["quarter"]:
        q = int(m["quarter"][1])
        return Span(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), 2, time)
    if m["half"]:
        h = int(m["half"][1])
        return Span(date(year, 6 * h - 5, 1), _month_end(year, 6 * h), 2, time)
    if m["season"]:
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m["season"]]
        end = _month_end(year + (start_month == 12), (start_month + 2 - 1) % 12 + 1)
        return Span(date(year, start_month, 1), end, 2, time)
    if m["week"]:
        week = int(m["week"][1:])
        try:
            first = date.fromisocalendar(year, week, 1)
            last = date.fromisocalendar(year, week, 7)
        except ValueError:
            return Span(date(year, 1, 1), date(year, 12, 31), 1, time)
        return Span(first, last, 4, time)
    month = m["month"]
    if not month or month == "XX":
        return Span(date(year, 1, 1), date(year, 12, 31), 1, time)
    mo = int(month)
    if not 1 <= mo <= 12:
        return None
    day = m["day"]
    if not day or day == "XX":
        return Span(date(year, mo, 1), _month_end(year, mo), 3, time)
    try:
        d = date(year, mo, int(day))
    except ValueError:
        return None
    return Span(d, d, 6 if time else 5, time)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def sort_key(value: str | None) -> tuple[int, str, int, str, str]:
    """Events in time order: dated first (by first day, coarse before fine), then year-less, then none."""
    span = parse_value(value)
    if span is not None:
        return (0, span.first.isoformat(), span.precision, span.time, value or "")
    if value:
        return (1, "", 0, "", value)
    return (2, "", 0, "", "")


@cache
def period_labels() -> dict[str, tuple[str, str]]:
    """Season and half-year codes (``WI``, ``H1``) -> (Vietnamese, English) labels."""
    return {code: (vi, en) for code, vi, en, *_ in table("period_labels.tsv")}


@cache
def _part_of_day_labels() -> dict[str, str]:
    return {code: label for code, label, *_ in table("part_of_day_labels.tsv")}


def date_label(value: str | None, mod: str | None = None, value_end: str | None = None) -> str:
    """A reader's date at the value's own precision: ``chiều 13/02/2026``, ``07/1995``, ``quý 1/2026``."""
    if not value:
        return "—"
    text = _label_one(value)
    if value_end and value_end != value:
        text = _range_label(value, value_end, text)
    if mod:
        label = mod_labels().get(mod)
        text = f"{label[0]} {text}" if label else f"{text} ({mod.lower()})"
    return text


@cache
def mod_labels() -> dict[str, tuple[str, str]]:
    """TIMEX3 mods (``START``, ``APPROX``) -> (Vietnamese, English) words said before the date."""
    return {code: (vi, en) for code, vi, en, *_ in table("date_mod_labels.tsv")}


def _range_label(value: str, value_end: str, start_label: str) -> str:
    """``18–20/02/2026`` when both ends are plain days of one month (as Vietnamese papers write it),
    ``13/02/2026 – 02/03/2026`` otherwise."""
    a, b = _DATE.match(value), _DATE.match(value_end)
    if a is not None and b is not None and not a["time"] and not b["time"]:
        days = a["day"] and b["day"] and "XX" not in (a["day"], a["month"], a["year"])
        if days and (a["year"], a["month"]) == (b["year"], b["month"]):
            return f"{a['day']}–{_label_one(value_end)}"
    return f"{start_label} – {_label_one(value_end)}"


def _label_one(value: str) -> str:
    dec = _DECADE.match(value)
    if dec:
        prefix = dec["prefix"]
        return f"thập niên {prefix}0" if len(prefix) == 3 else f"thế kỷ {int(prefix) + 1}"
    m = _DATE.match(value)
    if not m:
        return value
    year = "?" if m["year"] == "XXXX" else m["year"]
    if m["quarter"]:
        base = f"quý {m['quarter'][1]}/{year}"
    elif m["half"]:
        base = f"{period_labels()[m['half']][0]} {year}"
    elif m["week"]:
        base = f"tuần {int(m['week'][1:])}/{year}"
    elif m["season"]:
        base = f"{period_labels()[m['season']][0]} {year}"
    elif not m["month"] or m["month"] == "XX":
        base = year
    elif not m["day"] or m["day"] == "XX":
        base = f"{m['month']}/{year}"
    else:
        base = f"{m['day']}/{m['month']}/{year}"
    time = m["time"]
    if time:
        label = _part_of_day_labels().get(time)
        base = f"{label} {base}" if label else f"{time} {base}"
    return base


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """What a reader asked to see. Dates are TIMEX3-like prefixes: ``2025``, ``2025-07``, ``2026-02-20``."""

    start: str | None = None
    end: str | None = None
    entity: str | None = None
    type: str | None = None
    story: str | None = None
    include_undated: bool = False


def _bound(value: str | None, *, last: bool) -> date | None:
    if not value:
        return None
    span = parse_value(value)
    if span is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return span.last if last else span.first


def entity_names(entity: Entity) -> set[str]:
    """Folded name and aliases, to match an event participant to an entity."""
    return {fold(entity.name), *(fold(a) for a in entity.aliases)}


def select_events(
    events: Iterable[Event],
    flt: TimelineFilter,
    *,
    entities: Sequence[Entity] = (),
    stories: Sequence[dict[str, object]] = (),
) -> list[Event]:
    """The events a timeline shows for ``flt``, in time order.

    An event is in a date range when any day it can mean lies in the range.
    ``entities`` are the entities ``flt.entity`` matched (by the caller);
    an event qualifies when a participant is one of them.  Events with no date
    are left off unless ``include_undated``; year-less dates (``XXXX-02-18``)
    are kept only when no date range is asked for.
    """
    lo = _bound(flt.start, last=False)
    hi = _bound(flt.end, last=True)
    ids: set[str] = set()
    names: set[str] = set()
    for ent in entities:
        ids.add(ent.id)
        names |= entity_names(ent)
    story_docs: set[str] | None = None
    if flt.story:
        story_docs = set()
        for s in stories:
            if s.get("id") == flt.story:
                docs = s.get("documents") or []
                story_docs |= {str(d) for d in docs} if isinstance(docs, list) else set()
    wanted_type = flt.type.lower() if flt.type else None
    out = []
    for ev in events:
        if wanted_type and ev.type != wanted_type:
            continue
        if ev.date is None and not flt.include_undated:
            continue
        span = parse_value(ev.date)
        if lo or hi:
            if span is None:
                continue
            end_span = parse_value(ev.date_end) or span
            if (lo and end_span.last < lo) or (hi and span.first > hi):
                continue
        if flt.entity is not None and not any(
            p.entity in ids or fold(p.name) in names for p in ev.participants
        ):
            continue
        if story_docs is not None and not any(e.doc in story_docs for e in ev.evidence):
            continue
        out.append(ev)
    out.sort(key=lambda e: (sort_key(e.date), e.id))
    return out


def sources_label(item: Event | Fact, duplicate_of: Mapping[str, str | None]) -> str:
    """``2`` when two independent articles report an event or a figure; ``1 (2 bài)`` when the second
    is a reprint of the first."""
    independent = independent_docs(item.evidence, duplicate_of)
    total = len({e.doc for e in item.evidence})
    return str(independent) if total == independent else f"{independent} ({total} bài)"
