"""Parsing of date values found in metadata: headers, JSON fields, feed entries, HTML meta.

Metadata dates come in many spellings: ``2026-02-17``, ``20260217``,
``2026-02-17T07:22:00+07:00``, ``17/02/2026 07:22``, RFC 2822 feed dates
(``Tue, 17 Feb 2026 07:22:00 +0700``) or a Unix timestamp.  ``parse_date_value``
turns any of them into an ISO string at the precision given (date, or date and
time with the offset as written), and ``local_date`` gives the calendar date
in Vietnam (UTC+7) for use as a reference date: a feed that stamps an article
``Mon, 16 Feb 2026 23:30:00 GMT`` published it on the morning of the 17th in
Hanoi, and that article's ``sáng nay`` means the 17th.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

VIETNAM = timezone(timedelta(hours=7))

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?$")
_DMY = re.compile(
    r"^(?:[^\d]*?,\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[\s,|T-]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*(?:\(?(?:GMT|UTC)\s*\+\s*0?7(?::?00)?\)?)?$",
    re.IGNORECASE,
)
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[\s T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _valid(y: int, m: int, d: int) -> bool:
    if not 1800 <= y <= 2200:
        return False
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _iso(y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> str | None:
    if not _valid(y, m, d):
        return None
    if hh is None or mm is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    h, mi = int(hh), int(mm)
    if h > 23 or mi > 59:
        return f"{y:04d}-{m:02d}-{d:02d}"
    out = f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}"
    if ss is not None and int(ss) != 0:
        out += f":{int(ss):02d}"
    return out


def parse_date_value(value: object) -> str | None:
    """An ISO date or datetime for a metadata date value, or None when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value > 1e11:  # milliseconds
            value = value / 1000
        try:
            return datetime.fromtimestamp(float(value), tz=UTC).isoformat(timespec="seconds")
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    m = _COMPACT.match(s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6])
    iso = s.replace("Z", "+00:00") if s.endswith("Z") else s
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            d = date.fromisoformat(iso)
            return d.isoformat() if _valid(d.year, d.month, d.day) else None
        dt = datetime.fromisoformat(iso)
    except ValueError:
        pass
    else:
        if not _valid(dt.year, dt.month, dt.day):
            return None
        return dt.isoformat(timespec="minutes" if dt.second == 0 else "seconds")
    m = _DMY.match(s)
    if m:
        return _iso(int(m[3]), int(m[2]), int(m[1]), m[4], m[5], m[6])
    m = _YMD_SLASH.match(s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]), m[4], m[5], m[6])
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError):  # a 50-digit day overflows (fuzzing)
        return None
    if dt is None or not _valid(dt.year, dt.month, dt.day):
        return None
    return dt.isoformat(timespec="minutes" if dt.second == 0 else "seconds")


def local_date(iso: str) -> str:
    """The calendar date of an ISO date/datetime; a datetime with an offset is read in Vietnam time."""
    if len(iso) == 10:
        return iso
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    if dt.tzinfo is not None:
        dt = dt.astimezone(VIETNAM)
    return dt.date().isoformat()
