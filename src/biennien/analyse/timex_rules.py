"""The rule families of the temporal tagger: small patterns composed from the tables.

Each rule is one short regular expression built from ``timex_lexicon``
alternations plus a handler that checks context (cue words before a bare
``2/7``, blockers after it) and returns a ``Cand`` holding a ``Spec``.
Rules may overlap; ``timex.tag`` keeps the longest candidates and glues
neighbours (part of day + date, clock + date, ``từ`` A ``đến`` B).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Final

from biennien.analyse.timex_lexicon import alternation, cue_pattern, lexicon
from biennien.analyse.timex_spec import Cand, Spec
from biennien.vi.numbers import parse_numeral, parse_words
from biennien.vi.resources import table

Handler = Callable[[re.Match[str], str], Cand | None]

DAY: Final = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH: Final = r"(?:0?[1-9]|1[0-2])"
YEAR: Final = r"(?:1[0-9]\d\d|20\d\d|21\d\d)"
LB: Final = r"(?<![\w/.,:\-–])"  # a number not glued to another number or a code
RB: Final = r"(?![\w/]|[.,:\-–]\d)"
ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
ROMAN.update({"x" + k: 10 + v for k, v in ROMAN.items() if v < 10})
ROMAN.update({"xx": 20, "xxi": 21, "xxii": 22})


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _key(phrase: str) -> str:
    """A matched phrase as its table key: lower case, single spaces."""
    return " ".join(phrase.lower().split())


def _before(text: str, start: int, width: int = 30) -> str:
    return text[max(0, start - width) : start]


def _has_cue(kind: str, text: str, start: int, end: int | None = None) -> bool:
    if cue_pattern(kind + "_before", "before").search(_before(text, start)):
        return True
    if end is not None and kind + "_after" in lexicon().cues:
        return bool(cue_pattern(kind + "_after", "after").match(text[end : end + 30]))
    return False


_QUY: Final = re.compile(r"(?<!\w)quý(?!\w)", re.IGNORECASE)


def quy_compound(text: str, start: int, end: int) -> bool:
    """Whether a ``quý`` inside [start, end) is part of a word (``cao quý``, ``quý giá``, ``quý khách``,
    ``quý vị``: cue kinds ``quy_word_before``/``quy_word_after``), the adjective "noble, precious" or
    a polite form, so "danh hiệu cao quý này" holds no "this quarter"."""
    for m in _QUY.finditer(text, start, end):
        if cue_pattern("quy_word_before", "before").search(_before(text, m.start(), 12)):
            return True
        if cue_pattern("quy_word_after", "after").match(text[m.end() : m.end() + 16]):
            return True
    return False


@cache
def _blocker_after() -> re.Pattern[str]:
    return _c(r"^\s*" + alternation(list(lexicon().blockers)) + r"(?!\w)")


_DIGIT_AFTER_BLOCKER: Final = re.compile(r"^\s*[\d%]")
# the handlers' fixed patterns, compiled once (``re.match(str, ...)`` looks its pattern up in re's cache on
# every call)
_YEAR_OR_REL_AFTER: Final = re.compile(
    r"^\s*(?:năm|tháng)\s+(?:\d{4}|nay|ngoái|trước|tới|sau)", re.IGNORECASE
)
_ENDS_CLAUSE: Final = re.compile(r"\s*(?:[,.;:!?)\"”]|$|\n)")
_DIGIT_END: Final = re.compile(r"\d\s*$")
_YEARS_OF: Final = re.compile(r"(.+\S)\s+năm", re.IGNORECASE)
_NETWORK: Final = re.compile(r"\dG")
_PART_GOES_ON: Final = re.compile(r"\s*(?:\d|học|tài|nay|ngoái|trước|tới|sau|này|qua|đó|kia|[A-ZĐ])")
_DAY_AFTER: Final = re.compile(r"\s*[/\-]?\s*\d")
_THIS_OR_LAST_YEAR: Final = re.compile(r"\s*(?:nay|ngoái)(?!\w)")
_DAY_WORD_BEFORE: Final = re.compile(r"(?<!\w)(?:ngày|mùng|mồng)\s+(?:từ\s+)?$", re.IGNORECASE)


@cache
def _vague_whole() -> re.Pattern[str]:
    return re.compile(frag()["vague"], re.IGNORECASE)


@cache
def _daypart_after() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + frag()["dp"] + r")(?!\w)", re.IGNORECASE)


def _blocked_after(text: str, end: int) -> bool:
    tail = text[end : end + 20]
    if _blocker_after().match(tail) and not cue_pattern("not_blocker_after", "after").match(tail):
        # "ngày 2/9 năm 2025" is fine: a blocker word followed by a year or a relative word is not counting
        return not _YEAR_OR_REL_AFTER.match(tail)
    return False


def _month_of(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    hit = lexicon().months.get(_key(w))
    return hit[0] if hit else None


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _number(word: str) -> float | None:
    """Digits (``10``, ``1,5``) or number words (``ba``, ``hai mươi``)."""
    if word[0].isdigit():
        return parse_numeral(word)
    return parse_words(word)


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration_value(n: float | None, unit: str) -> str:
    count = "X" if n is None else None
    if unit == "Q":
        unit, n = "M", (None if n is None else n * 3)
    if unit == "DE":
        unit, n = "Y", (None if n is None else n * 10)
    if unit == "CE":
        unit, n = "Y", (None if n is None else n * 100)
    amount = count or _fmt(n or 0)
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


# --------------------------------------------------------------------------- fragments


@cache
def frag() -> dict[str, str]:
    lx = lexicon()
    numw = alternation(list(lx.number_words))
    return {
        "monw": alternation(list(lx.months)),
        "dp": alternation(list(lx.dayparts)),
        "unit": alternation(list(lx.units)),
        "mod": alternation(list(lx.modifiers)),
        "part": alternation(list(lx.parts)),
        "rel": alternation(list(lx.relative)),
        "dayrel": alternation(list(lx.dayrel)),
        "set": alternation(list(lx.sets)),
        "fest": alternation(list(lx.festivals)),
        "vague": alternation(list(lx.vague)),
        "numw": rf"(?:{numw}(?:\s+{numw}){{0,4}})",
        "num": r"(?:\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)",
        "wd": alternation([w for w in lx.weekdays if w not in ("chủ nhật", "cn")]),
        "ry": r"(?:nay|ngoái|trước|tới|sau)",
        "season": alternation(list(lx.seasons)),
        "can": alternation(list(lx.stems)),
        "chi": alternation(list(lx.branches)),
    }


_REL_YEAR: Final = {"nay": 0, "ngoái": -1, "trước": -1, "tới": 1, "sau": 1}


def _ry(word: str | None) -> int | None:
    return None if word is None else _REL_YEAR.get(word.lower())


# --------------------------------------------------------------------------- handlers


def _full_date(m: re.Match[str], text: str) -> Cand | None:
    day, month = int(m["d"]), _month_of(m["m"])
    if month is None or not 1 <= month <= 12:
        return None
    return Cand(m.start(), m.end(), Spec("date", int(m["y"]), month, day), priority=5)


def _daymonth(m: re.Match[str], text: str) -> Cand | None:
    """A year-less ``2/7``: a date only with a cue, never a ratio, score or count."""
    day, month = int(m["d"]), _month_of(m["m"])
    if month is None:
        return None
    start = m.start()
    if _ratio_before(text, start):
        return None
    strong = (
        m["pre"] is not None or _has_cue("daymonth_strong", text, start) or _weekday_before(text, start)
    ) and not _PER_COUNT.search(_before(text, m.start("d"), 16))
    if not strong and _blocked_after(text, m.end()):
        return None  # "có đến 8/12 đội bóng"; but "Chiều 2/9 người dân ..." is a date
    if m["pre"] is None and _bracketed_count(text, start, m.end()):
        return None
    if not strong and _name_before(text, start):
        return None  # "Quảng trường 30/4", "Olympic 30/4 năm nay", "đường 3/2 vừa qua": a name
    if m["s"] in ("-", "–") and m["pre"] is None and _in_score_brackets(text, start, m.end()):
        return None
    if (
        m["s"] in ("-", "–")
        and m["pre"] is None
        and not strong
        and _count_range(text, start, m.end(), day, month)
    ):
        return None  # "mang thai từ 1-5 hổ con": a rising count range before its noun
    if m["pre"] is None:
        sep = m["s"] if "s" in m.groupdict() else None
        if sep == ".":
            return None
        if not (_has_cue("daymonth", text, start, m.end()) or _weekday_before(text, start)):
            return None
    return Cand(start, m.end(), Spec("date", None, month, day), priority=4)


@cache
def _name_heads() -> re.Pattern[str]:
    """Name heads a year-less day-month can follow as part of a name (cue kinds ``dm_name_before``,
    any case: ``đường 3/2``; ``dm_name_cap_before``, capitalised only: ``Trường THPT 19/5``, ``Cúp 30/4``).
    """
    cues = lexicon().cues
    anycase = alternation(list(cues.get("dm_name_before", ())))
    caps = [w[0].upper() + w[1:] for w in cues.get("dm_name_cap_before", ())]
    return re.compile(r"(?:(?<!\w)(?i:" + anycase + r")|(?<!\w)" + alternation(caps) + r")\s*$")


def _name_before(text: str, start: int) -> bool:
    return bool(_name_heads().search(_before(text, start, 24)))


# "Một ngày 3-4 lần", "mỗi ngày 2/3 số suất": "ngày" after a count is a unit of a rate, not a date cue
_PER_COUNT: Final = re.compile(r"(?<!\w)(?:một|mỗi|hàng|hằng|\d+)\s+ngày\s*$", re.IGNORECASE)
_SCORE_BEFORE: Final = re.compile(r"\d\s*[-–]\s*\d{1,2}\s*\(\s*$")
_SCORE_AFTER: Final = re.compile(r"\s*,\s*\d{1,2}\s*[-–]\s*\d{1,2}(?!\d)")


def _in_score_brackets(text: str, start: int, end: int) -> bool:
    """``2-1 (7-6, 3-6, 9-7)``: set scores in brackets after a score, not dates."""
    before = _before(text, start, 12)
    if not before.rstrip().endswith("("):
        return False
    return bool(_SCORE_BEFORE.search(before) or _SCORE_AFTER.match(text, end))


def _daymonth_words(m: re.Match[str], text: str) -> Cand | None:
    month = _month_of(m["m"])
    if month is None or (m["m"] == "năm" and not m["y"]):
        return None
    if "can" in m.groupdict() and m["can"]:  # "mùng 3 tháng 3 năm Tân Sửu": a lunar date
        cycle = _cycle(m["can"], m["chi"])
        if cycle is None:
            return None
        return Cand(m.start(), m.end(), Spec("date", None, month, int(m["d"]), lunar=True, number=cycle), 5)
    return Cand(m.start(), m.end(), Spec("date", _int(m["y"]), month, int(m["d"])), priority=5)


@cache
def _weekday_re() -> re.Pattern[str]:
    return _c(r"(?:thứ\s+" + frag()["wd"] + r"|chủ\s+nhật)\s*,?\s*\(?\s*$")


def _weekday_before(text: str, start: int) -> bool:
    return bool(_weekday_re().search(_before(text, start, 16)))


def _day_range(m: re.Match[str], text: str) -> Cand | None:
    d1, d2, month = int(m["d1"]), int(m["d2"]), int(m["m"])
    if d1 >= d2:
        return None
    start = m.start()
    if m["y"] is None:
        if _ratio_before(text, start) or _blocked_after(text, m.end()):
            return None
        if not (m["pre"] or m["from"] or _has_cue("daymonth", text, start, m.end())):
            return None
        if not (m["pre"] or m["from"]) and _name_before(text, start):
            return None
    y = _int(m["y"])
    return Cand(start, m.end(), Spec("date", y, month, d1), priority=6, end_spec=Spec("date", y, month, d2))


def _day_list(m: re.Match[str], text: str) -> Cand | None:
    days = [int(x) for x in re.findall(r"\d+", m["days"])] + [int(m["d"])]
    month, y = int(m["m"]), _int(m["y"])
    if any(not 1 <= d <= 31 for d in days) or days != sorted(days):
        return None
    return Cand(
        m.start(),
        m.end(),
        Spec("date", y, month, days[0]),
        priority=6,
        end_spec=Spec("date", y, month, days[-1]),
    )


def _month_year(m: re.Match[str], text: str) -> Cand | None:
    month = _month_of(m["m"])
    if month is None or cue_pattern("name_before", "before").search(_before(text, m.start())):
        return None
    lunar = _lunar_month(m["m"], text, m.start(), m.end())
    return Cand(m.start(), m.end(), Spec("month", int(m["y"]), month, lunar=lunar), priority=5)


@cache
def _lunar_context() -> re.Pattern[str]:
    return _c(r"(?<!\w)" + alternation(list(lexicon().cues.get("lunar_context", ()))) + r"(?!\w)")


def _lunar_month(word: str, text: str, start: int, end: int) -> bool:
    """A lunar month name (``tháng Giêng``) counts as lunar only with a lunar word in its sentence;
    Vietnamese news on foreign affairs uses it for January."""
    if lexicon().months.get(word.lower(), (0, "solar"))[1] != "lunar":
        return False
    lo = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 80)
    hi = min(x for x in (text.find(".", end), text.find("\n", end), end + 80, len(text)) if x >= 0)
    return bool(_lunar_context().search(text, lo + 1, hi))


_OPEN_BRACKET: Final = re.compile(r"\(\s*$")
_CLOSE_BRACKET: Final = re.compile(r"\s*\)")


# "(12/2025 - 2/2026)": the two ends of a bracketed month range
_BRACKET_RANGE_BEFORE: Final = re.compile(rf"\(\s*{MONTH}[/\-–.]{YEAR}\s*[-–]\s*$")
_BRACKET_RANGE_AFTER: Final = re.compile(rf"\s*[-–]\s*{MONTH}[/\-–.]{YEAR}\s*\)")


def _month_year_digits(m: re.Match[str], text: str) -> Cand | None:
    """``(9/2024)``, ``(12-2025)`` right after a noun phrase, or ``từ 9/2024``: a month of a year.

    Without ``tháng`` a ``9/2024`` could be a fraction or a map scale (``tỷ lệ 1/2000``,
    ``3/2000 hồ sơ``), so it needs either a bracket closed right after it or a cue word
    before it, and no counted noun after it; the month is 1-12 (the pattern) and the year
    a plausible 1800-2100.
    """
    start, end = m.start(), m.end()
    if not 1800 <= int(m["y"]) <= 2100 or _ratio_before(text, start):
        return None
    opened = bool(
        _OPEN_BRACKET.search(_before(text, start, 4))
        or _BRACKET_RANGE_BEFORE.search(_before(text, start, 16))
    )
    closed = bool(_CLOSE_BRACKET.match(text, end) or _BRACKET_RANGE_AFTER.match(text, end))
    bracketed = opened and closed
    if not bracketed:
        if m["s"] == "." or not cue_pattern("monthyear_before", "before").search(_before(text, start)):
            return None
        if _blocked_after(text, end):
            return None
    return Cand(start, end, Spec("month", int(m["y"]), int(m["m"])), priority=5)


def _ratio_before(text: str, start: int) -> bool:
    """A ratio or score cue right before a number, or before the bracket that opens it (``tỷ số (2-1)``)."""
    before = _OPEN_BRACKET.sub("", _before(text, start, 32))
    return bool(cue_pattern("ratio_before", "before").search(before))


def _bracketed_count(text: str, start: int, end: int) -> bool:
    """``thắng (3/4) trận``: a pair in brackets followed by a counted noun is a fraction, unless a day
    word opens the bracket (``Hôm qua (3/4) người dân ...``)."""
    before = _before(text, start, 30)
    if not _OPEN_BRACKET.search(before):
        return False
    close = _CLOSE_BRACKET.match(text, end)
    if close is None or not _blocked_after(text, close.end()):
        return False
    return not cue_pattern("daymonth_before", "before").search(_OPEN_BRACKET.sub("", before))


def _month_only(m: re.Match[str], text: str) -> Cand | None:
    word = m["m"]
    month = _month_of(word)
    if month is None:
        return None
    if word.lower() == "năm" and not (word[0].isupper() or m["ry"]):
        return None
    if cue_pattern("name_before", "before").search(_before(text, m.start())):
        return None  # "đường Cách mạng Tháng 8": a name
    if _DIGIT_END.search(_before(text, m.start(), 4)):
        return None  # "3 tháng 2 ngày": a duration, not February
    if not m["ry"] and _blocked_after(text, m.end()):
        return None
    lunar = _lunar_month(word, text, m.start(), m.end())
    return Cand(
        m.start(), m.end(), Spec("month", None, month, lunar=lunar, rel_year=_ry(m["ry"])), priority=4
    )


def _year(m: re.Match[str], text: str) -> Cand | None:
    y = int(m["y"])
    if m["pre"] and m["pre"].lower().startswith("năm") and _per_year_count(text, m):
        return None  # "mỗi năm 2000 người", "năm 2000 km": "năm" is the period, the number a count
    if m["y2"]:
        y2 = int(m["y2"])
        if len(m["y2"]) == 2:
            if not m["pre"] or m["pre"].lower() == "năm":
                return None  # "2020-21" needs a season word: "mùa giải 2024-25", "năm học 2021-22"
            y2 += y - y % 100
        if not 0 < y2 - y <= 100:
            return None
        if not m["pre"] and not (1900 <= y <= 2100 and 1900 <= y2 <= 2100):
            return None
        if not m["pre"] and not _has_cue("year", text, m.start()) and _blocked_after(text, m.end()):
            return None  # "khoảng 1900-2000 người": a range of counts; "giai đoạn 2016-2020 người dân" stays
        if not m["pre"] and _has_cue("amount", text, m.start()):
            return None  # "lên tới 1000-2000 nits": a range of figures
        return Cand(m.start(), m.end(), Spec("year", y), priority=5, end_spec=Spec("year", y2))
    if not m["pre"] and not (
        _has_cue("year", text, m.start()) or _YEAR_LIST.search(_before(text, m.start(), 80))
    ):
        return None
    if not m["pre"] and (_blocked_after(text, m.end()) or _has_cue("amount", text, m.start())):
        return None  # "từ 1000 người", "năm 2020, 2000 người", "đạt tới 1000 nits": a count or an amount
    if (
        not m["pre"]
        and _before(text, m.start(), 2).rstrip().endswith("(")
        and text[m.end() : m.end() + 1] != ")"
    ):
        return None  # "(1200 x 1200 dpi)": a bracket opens a figure, "(1997)" a year
    return Cand(m.start(), m.end(), Spec("year", y), priority=4)


@cache
def _measure_after() -> re.Pattern[str]:
    return _c(r"\s*" + alternation(list(lexicon().cues.get("measure_after", ()))) + r"(?!\w)")


# "mỗi"/"hàng" before "năm": a rate per year, the number after it a count ("mỗi năm 2000 người";
# not "một năm 2020 rất khó khăn", a year)
_PER_YEAR: Final = re.compile(r"(?<!\w)(?:mỗi|hàng|hằng)\s+$", re.IGNORECASE)


def _per_year_count(text: str, m: re.Match[str]) -> bool:
    """``năm NNNN`` followed by a unit of measure (``năm 2000 km``) or after a rate word (``mỗi năm 2000
    người``) counts something per year; the number is no year. A counted noun alone does not tell
    (``Năm 2020 người dân ...`` starts a sentence about 2020)."""
    if m["y2"]:
        return False
    if _PER_YEAR.search(_before(text, m.start(), 10)):
        return True
    return bool(_measure_after().match(text, m.end()))


# "năm 1994 và 2010", "các năm 2017, 2018 và 2019": the later years of a list need no cue of their own
_YEAR_LIST: Final = re.compile(
    rf"(?<!\w)năm\s+{YEAR}(?:\s*,\s*{YEAR})*\s*(?:,|và|hoặc|hay)\s*$", re.IGNORECASE
)


def _decade_number(digits: str) -> int | None:
    if len(digits) == 4:
        return int(digits[:3]) if digits.endswith("0") else None
    n = int(digits)
    return 190 + n // 10 if n >= 30 else 200 + n // 10


def _decade(m: re.Match[str], text: str) -> Cand | None:
    number = _decade_number(m["dec"])
    if number is None:
        return None
    last = _decade_number(m["dec2"]) if m["dec2"] else None
    if last is not None and last > number:  # "những năm 1960-1970"
        return Cand(
            m.start(),
            m.end(),
            Spec("decade", number=number),
            priority=5,
            end_spec=Spec("decade", number=last),
        )
    end = m.end() if last is None else m.end("dec") + (1 if m["dec"].endswith("s") else 0)
    return Cand(m.start(), end, Spec("decade", number=number), priority=5)


def _century(m: re.Match[str], text: str) -> Cand | None:
    raw = m["c"].lower()
    n = int(raw) if raw.isdigit() else ROMAN.get(raw)
    if not n or n > 22:
        return None
    return Cand(m.start(), m.end(), Spec("century", number=n - 1), priority=5)


def _quarter(m: re.Match[str], text: str) -> Cand | None:
    raw = m["q"].lower()
    q = int(raw) if raw.isdigit() else ROMAN.get(raw)
    if not q or q > 4:
        return None
    y = _int(m["y"]) or _int(m["y2"])
    return Cand(m.start(), m.end(), Spec("quarter", y, number=q, rel_year=_ry(m["ry"])), priority=5)


def _half(m: re.Match[str], text: str) -> Cand | None:
    which = m["which"].lower()
    n = 6 if m["n"] is None else _number(m["n"])
    if n is None or not 1 <= n <= 11 or n != int(n):
        return None
    y, ry = _int(m["y"]), _ry(m["ry"])
    if n == 6:
        return Cand(m.start(), m.end(), Spec("half", y, number=1 if which == "đầu" else 2, rel_year=ry), 6)
    first, last = (1, int(n)) if which == "đầu" else (13 - int(n), 12)
    return Cand(
        m.start(),
        m.end(),
        Spec("month", y, first, rel_year=ry),
        priority=6,
        end_spec=Spec("month", y, last, rel_year=ry),
    )


def _relative(m: re.Match[str], text: str) -> Cand | None:
    unit, offset, anchor = lexicon().relative[_key(m[0])]
    before = _before(text, m.start(), 16)
    if m[0].lower().endswith("trước") and _HERE.match(text, m.end()):
        return None  # "các năm trước đây": "previously", not last year
    if cue_pattern("plural_before", "before").search(before):
        return None  # "các năm trước", "những tuần qua": no single period
    if _QUOTED_NAME.search(before) and text[m.end() : m.end() + 1] in '"”':
        return None  # "Đảo ngày mai": a name in quotes
    if _count_before().search(before):
        return None  # "1 tuần trước trận chung kết": a count of weeks, not last week
    return Cand(m.start(), m.end(), Spec("rel", unit=unit, offset=offset, anchor=anchor), priority=4)


_HERE: Final = re.compile(r"\s+đây(?!\w)", re.IGNORECASE)
_QUOTED_NAME: Final = re.compile(r"[\"“]\s*[A-ZĐÂĂÊÔƠƯ]\w*\s+$")


@cache
def _count_before() -> re.Pattern[str]:
    """A count right before a relative word: "1 tuần trước trận", "Vài năm nay", "bao năm qua"."""
    f = frag()
    return _c(r"(?:\d|nửa|bao|bao\s+nhiêu|" + f["numw"] + "|" + f["vague"] + r")\s+$")


def _years_before_unit(m: re.Match[str], text: str) -> Cand | None:
    """``một năm ngày cưới``: the number words took ``năm`` (read as five); it is their unit, years."""
    words = m["n"].rsplit(None, 1)[0]
    n = _number(words)
    if n is None or n == 0:
        return None
    mod = lexicon().modifiers.get(_key(m["mod"])) if m["mod"] else None
    return Cand(m.start(), m.end("n"), Spec("dur", value=_duration_value(n, "Y"), mod=mod), priority=3)


@cache
def _number_word_before() -> re.Pattern[str]:
    """A number word ending the text before a match (``một`` in ``một năm ngày cưới``)."""
    return _c(r"(?<!\w)(?:" + frag()["numw"] + r")\s+$")


def _daypart_rel(m: re.Match[str], text: str) -> Cand | None:
    lx = lexicon()
    part = lx.dayparts[_key(m["dp"])][0]
    offset = lx.dayrel[_key(m["rel"])]
    return Cand(
        m.start(), m.end(), Spec("rel", unit="D", offset=offset, anchor="dct", daypart=part), priority=5
    )


def _n_ago(m: re.Match[str], text: str) -> Cand | None:
    n = _number(m["n"])
    if n is None or n != int(n) or n == 0 or n > 3000:
        return None
    unit = lexicon().units[_key(m["u"])]
    if unit in ("H", "MIN", "S", "DE", "CE"):
        return None
    if not _ENDS_CLAUSE.match(text[m.end() : m.end() + 3]) and not _has_cue(
        "ago", text, m.start(), m.end() if _key(m["dir"]) == "trước" else None
    ):
        return None  # "1 tuần trước trận chung kết": a duration before an event, not "a week ago"
    if _has_cue("span", text, m.start()):
        return None  # "trong suốt 14 năm sau đó": a duration
    direction = _key(m["dir"])
    sign = -1 if direction.startswith("trước") or direction == "về trước" else 1
    anchor = "previous" if direction.endswith("đó") or sign > 0 else "dct"
    return Cand(m.start(), m.end(), Spec("rel", unit=unit, offset=sign * int(n), anchor=anchor), priority=5)


def _ago(m: re.Match[str], text: str) -> Cand | None:
    """``cách đây 30 năm``: so long before the reference date."""
    n = _number(m["n"])
    if n is None or n != int(n) or n == 0 or n > 3000:
        return None
    unit = lexicon().units[_key(m["u"])]
    if unit in ("H", "MIN", "S", "DE", "CE"):
        return None
    mod = lexicon().modifiers.get(_key(m["mod"])) if m["mod"] else None
    spec = Spec("rel", unit=unit, offset=-int(n), anchor="dct", mod=mod)
    return Cand(m.start(), m.end(), spec, priority=5)


def _dm_range(m: re.Match[str], text: str) -> Cand | None:
    """``30/4-1/5``: two day-months joined by a dash."""
    if cue_pattern("ratio_before", "before").search(_before(text, m.start())) or _blocked_after(
        text, m.end()
    ):
        return None
    if m["y"] is None and _name_before(text, m.start()):
        return None  # "Quảng trường 30/4 - 1/5"
    y = _int(m["y"])
    first = Spec("date", y, int(m["m1"]), int(m["d1"]))
    last = Spec("date", y, int(m["m2"]), int(m["d2"]))
    if (first.month or 0, first.day or 0) >= (last.month or 0, last.day or 0) and first.month != 12:
        return None
    return Cand(m.start(), m.end(), first, priority=6, end_spec=last)


_THU_BEFORE: Final = re.compile(r"(?<!\w)thứ\s*$", re.IGNORECASE)
_DIGIT_BEFORE: Final = re.compile(r"\d\s+$")
_MONTH_BEFORE: Final = re.compile(r"(\d\s+)?(?<!\w)tháng\s+$", re.IGNORECASE)


def _duration(m: re.Match[str], text: str) -> Cand | None:
    lx = lexicon()
    unit = lx.units[_key(m["u"])]
    raw = m["n"]
    if raw.lower() in ("thứ",):
        return None
    if _THU_BEFORE.search(_before(text, m.start(), 6)):
        return None  # "thứ hai tuần tới" is a weekday
    n: float | None
    if _vague_whole().fullmatch(raw):
        n = None
    else:
        n = _number(raw)
        if n is None and _YEARS_OF.fullmatch(raw):
            return _years_before_unit(m, text)
        if n is None or n == 0:
            return None
        if not raw[0].isdigit() and _DIGIT_BEFORE.search(_before(text, m.start(), 4)):
            return None  # "19 năm ngày Gia đình": "năm" is the unit of 19, not five
        if raw.lower() == "năm" and _number_word_before().search(_before(text, m.start(), 12)):
            return None  # "Kỷ niệm một năm ngày cưới": "năm" is the unit of "một", not five
        month_before = _MONTH_BEFORE.search(_before(text, m.start(), 12))
        if raw[0].isdigit() and not m["mod"] and month_before and not month_before[1]:
            return None  # "tính đến tháng 9 năm dự tuyển": a month, not nine years ("9 tháng 10 ngày" is)
        if raw.lower() == "năm" and unit == "M":
            return None  # "năm tháng": an idiom for "time", rarely "five months"
    if unit == "H" and m["u"].lower() == "giờ" and n is not None:
        verdict = _hours_are_clock(text, m.start("n"), m.end())
        if (
            verdict
            or _clock_after().match(text, m.end())
            or (verdict is None and _has_cue("clock", text, m.start()))
        ):
            return None  # "lúc 20 giờ", "8 giờ sáng": a clock time; "3 giờ 11 phút": the clock rule's
    mod = lx.modifiers.get(_key(m["mod"])) if m["mod"] else None
    spec = Spec("dur", value=_duration_value(n, unit), mod=mod)
    return Cand(m.start(), m.end(), spec, priority=3)


def _clock(m: _ClockMatch, text: str) -> Cand | None:
    if _NETWORK.search(m[0]):
        return None  # "5G", "4G 10 GB": networks, not 5 o'clock
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else 0
    if h > 24 or mi > 59:
        return None
    start = m.start()
    if cue_pattern("ratio_before", "before").search(_before(text, start)) and ":" in m[0]:
        return None
    verdict = None if (m["mi"] or ":" in m[0]) else _hours_are_clock(text, start, m.end())
    if "giờ" in m[0].lower() and not m["mi"] and verdict is None:
        after = text[m.end() : m.end() + 20]
        if not (_has_cue("clock", text, start) or _clock_context_after().match(after)):
            return None  # "8 giờ" alone is a duration (the duration rule takes it)
    if ":" not in m[0] and (
        verdict is False
        or (verdict is None and cue_pattern("duration_before", "before").search(_before(text, start)))
    ):
        end, value = m.end(), f"PT{h}H"
        if not m["mi"] and (mins := _MINUTES.match(text, end)):  # "4 giờ 3 phút 29 giây"
            end, value = mins.end(), f"PT{h}H{int(mins[1])}M"
        elif m["mi"]:
            if "giờ" not in m[0].lower():
                end = -1  # "sau 8h30": a clock time
            value = f"PT{h}H{mi}M"
        if end >= 0:  # "sau 3 giờ 11 phút", "với thời gian 5 giờ 54 phút 25 giây"
            if value.endswith("M") and (sec := _SECONDS.match(text, end)):
                end, value = sec.end(), f"{value}{int(sec[1])}S"
            return Cand(start, end, Spec("dur", value=value), priority=3)
    if h == 24:
        h = 0
    return Cand(start, m.end(), Spec("clock", hour=h, minute=mi), priority=5)


@cache
def _modifiers_tail() -> re.Pattern[str]:
    """Modifier words (``khoảng``, ``hơn``, ``gần``...) ending a text, to look past them at the cue before."""
    return _c(r"(?:(?<!\w)" + alternation(list(lexicon().modifiers)) + r"\s+)+$")


@cache
def _day_context_after() -> re.Pattern[str]:
    return _c(r"\s*,?\s*(?:" + frag()["dp"] + r"|ngày|hôm|cùng\s+ngày)(?!\w)")


def _hours_are_clock(text: str, start: int, end: int) -> bool | None:
    """Whether ``N giờ``/``Nh`` (no minutes; the number at ``start``) is a clock time or a number of hours.

    A part of the day or a day after makes it a clock time whatever stands before (``sau 3 giờ
    chiều``, ``khoảng 3 giờ sáng``); ``sau khi``/``đồng hồ`` after (cue kind ``hours_after``) or a
    duration word before, looked for past a chain of modifiers (``Sau khoảng 3 giờ thử nghiệm``,
    ``mất khoảng 2 giờ``, ``hơn 5 giờ``), makes it hours; a clock word before the modifiers (``lúc
    khoảng 10 giờ``) a clock time. None when nothing tells (the callers' older cues decide).
    """
    if _day_context_after().match(text, end):
        return True
    if cue_pattern("hours_after", "after").match(text[end : end + 20]):
        return False
    before = _before(text, start, 40)
    durations = cue_pattern("duration_before", "before")
    if durations.search(before):
        return False
    mods = _modifiers_tail().search(before)
    if mods is None:
        return None
    head = before[: mods.start()]
    if durations.search(head):
        return False
    if cue_pattern("clock_strong_before", "before").search(head):
        return True
    return None


_MINUTES: Final = re.compile(r"\s*([0-5]?\d)\s*phút(?!\w)", re.IGNORECASE)
_SECONDS: Final = re.compile(r"\s*([0-5]?\d)\s*giây(?!\w)", re.IGNORECASE)


@cache
def _clock_after() -> re.Pattern[str]:
    """``8 giờ sáng``, ``20 giờ 30``: what makes ``N giờ`` a clock time rather than hours."""
    return re.compile(r"\s*(?:\d|" + frag()["dp"] + ")")


@cache
def _clock_context_after() -> re.Pattern[str]:
    return _c(r"\s*,?\s*(?:" + frag()["dp"] + r"|ngày|hôm|cùng\s+ngày|\d)")


_CN_DATE_AFTER: Final = re.compile(r"\s*,?\s*\(?\s*(?:ngày\s+)?\d", re.IGNORECASE)
_DATE_AFTER: Final = re.compile(r"\s*,?\s*\(?\s*(?:ngày\s+)?\d{1,2}\s*[/\-.]\s*\d", re.IGNORECASE)


def _daypart(m: re.Match[str], text: str) -> Cand | None:
    part = lexicon().dayparts[_key(m[0])]
    return Cand(m.start(), m.end(), Spec("daypart", daypart=part[0], number=part[1]), priority=1)


def _part(m: re.Match[str], text: str) -> Cand | None:
    mod = lexicon().parts[_key(m["p"])]
    return Cand(m.start(), m.end(), Spec("part", mod=mod), priority=1)


_PART_UNIT: Final = {"năm": "Y", "tháng": "M", "tuần": "W", "quý": "Q", "ngày": "D"}


def _part_standalone(m: re.Match[str], text: str) -> Cand | None:
    after = text[m.end() : m.end() + 16]
    if _PART_GOES_ON.match(after):
        return None  # "cuối năm 2024", "cuối năm nay", "đầu năm học": other rules or not a date
    mod = lexicon().parts[_key(m["p"])]
    unit = _PART_UNIT[m["u"].lower()]
    if unit == "W" and mod == "END":
        return Cand(m.start(), m.end(), Spec("rel", unit="WE", offset=0, anchor="dct"), priority=3)
    anchor = "sentence" if unit == "Y" else "dct"  # "(tháng 7/2015), hoặc trễ nhất là cuối năm": 2015
    return Cand(m.start(), m.end(), Spec("rel", unit=unit, offset=0, anchor=anchor, mod=mod), priority=3)


_LOWER_WORD_AFTER: Final = re.compile(r"\s+[a-zà-ỹđ]")


def _count_range(text: str, start: int, end: int, low: int, high: int) -> bool:
    """Whether a dashed pair after ``từ`` is a count range: it rises (``1-5``) and a lowercase word that
    does not carry the date on (``đến``, ``năm nay``: cue kind ``count_range_not_after``) follows."""
    if low >= high or not cue_pattern("count_range_before", "before").search(_before(text, start, 12)):
        return False
    if not _LOWER_WORD_AFTER.match(text, end):
        return False
    return not cue_pattern("count_range_not_after", "after").match(text[end : end + 20])


_WEEKDAY_ITEM: Final = r"(?:thứ\s+\w+|chủ\s+nhật|cn)"
_WEEKDAY_LIST_BEFORE: Final = re.compile(r"(?:" + _WEEKDAY_ITEM + r"\s*(?:,|và|hoặc|-)\s*)*$", re.IGNORECASE)
_LIST_ITEM_BEFORE: Final = re.compile(_WEEKDAY_ITEM + r"\s*(?:,|và|hoặc)\s*$", re.IGNORECASE)
_CLAUSE_CUT: Final = re.compile(r"[.;:!?\n]")
_VAO_END: Final = re.compile(r"\s*(?<!\w)(?:vào|trong)\s*$", re.IGNORECASE)


@cache
def _habitual_words() -> re.Pattern[str]:
    return _c(r"(?<!\w)" + alternation(list(lexicon().cues.get("habitual_before", ()))) + r"(?!\w)")


def _habitual_weekday(text: str, start: int) -> bool:
    """``Hàng tuần, chợ mở vào thứ Bảy và Chủ nhật``, ``vào những ngày thứ 7, Chủ nhật``: weekdays that
    recur (a habitual cue earlier in the clause, or a plural right before the weekday or its list)."""
    before = _before(text, start, 80)
    cuts = list(_CLAUSE_CUT.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    lst = _WEEKDAY_LIST_BEFORE.search(before)
    head = before[: lst.start()] if lst else before
    if cue_pattern("habitual_plural_before", "before").search(head):
        return True
    return _habitual_words().search(head) is not None


def _weekday(m: re.Match[str], text: str) -> Cand | None:
    lx = lexicon()
    start = m.start()
    after_phrase = m["after"]
    if m["cn"]:
        wd = 7
        if m["cn"] == "CN" and not _CN_DATE_AFTER.match(text, m.end()):
            return None
    else:
        word = m["wd"]
        wd = lx.weekdays[word.lower()]
        if word.isdigit() and after_phrase and after_phrase.lower() == "này":
            after_phrase = None  # "môn thi thứ 4 này": an ordinal
        date_after = _DATE_AFTER.match(text, m.end())
        capital = word[0].isupper() and not word.isdigit()
        if not date_after and cue_pattern("ordinal_before", "before").search(_before(text, start, 20)):
            return None  # "mùa thứ hai này", "phiên tòa thứ 3": an ordinal
        cue = cue_pattern("weekday_before", "before").search(_before(text, start, 20)) or (
            # "vào các ngày thứ 3, thứ 5, thứ 7": the later items of a habitual list
            not after_phrase
            and _LIST_ITEM_BEFORE.search(_before(text, start, 20))
            and _habitual_weekday(text, start)
        )
        if not (after_phrase or date_after or cue or (capital and m["th"][0].islower())):
            return None
        if word.isdigit() and not (after_phrase or date_after or cue):
            return None
    week = 0
    direction = None
    if after_phrase:
        a = _key(after_phrase)
        if a in ("tuần trước", "tuần qua"):
            week = -1
        elif a in ("tuần tới", "tuần sau"):
            week = 1
        elif a in ("vừa qua", "vừa rồi", "trước"):
            direction = "past"
        elif a in ("tới",):
            direction = "future"
        elif a in ("này", "tuần này"):
            direction = "this"
    if after_phrase is None and (every := _every_week().match(text, m.end())):
        return Cand(start, every.end(), Spec("set", value=f"XXXX-WXX-{wd}"), priority=5)
    if after_phrase is None and not _DATE_AFTER.match(text, m.end()) and _habitual_weekday(text, start):
        return Cand(start, m.end(), Spec("set", value=f"XXXX-WXX-{wd}"), priority=4)
    spec = Spec("weekday", number=wd, offset=week, anchor="dct", value=direction)
    return Cand(start, m.end(), spec, priority=4)


@cache
def _every_week() -> re.Pattern[str]:
    """``thứ 7 mỗi tuần``: the weekly sets of ``timex_sets.tsv`` after a weekday make it recur."""
    weekly = [w for w, v in lexicon().sets.items() if v == "P1W"]
    return _c(r"\s+" + alternation(weekly) + r"(?!\w)")


def _set(m: re.Match[str], text: str) -> Cand | None:
    value = lexicon().sets[_key(m[0])]
    return Cand(m.start(), m.end(), Spec("set", value=value), priority=4)


_PREVIOUS_WORD: Final = re.compile(r"(\w+)\s+$")


def _festival(m: re.Match[str], text: str) -> Cand | None:
    prev = _PREVIOUS_WORD.search(_before(text, m.start(), 20))
    if (
        m[0][0].isupper()
        and prev
        and prev[1][0].isupper()
        and prev[1].lower() not in lexicon().cues.get("daymonth_before", ())
    ):
        return None  # "Bác sĩ Nguyễn Quốc Khánh": a person's name, not National Day
    fest = lexicon().festivals[_key(m["f"])]
    spec = Spec(
        "date",
        _int(m["y"]),
        fest.month,
        fest.day,
        daypart=fest.daypart,
        lunar=fest.calendar == "lunar",
    )
    return Cand(m.start(), m.end(), spec, priority=5)


def _tet_day(m: re.Match[str], text: str) -> Cand | None:
    d = int(m["d"])
    if d in (29, 30):
        spec = Spec("date", _int(m["y"]), 1, 0, lunar=True)
    elif 1 <= d <= 10:
        spec = Spec("date", _int(m["y"]), 1, d, lunar=True)
    else:
        return None
    return Cand(m.start(), m.end(), spec, priority=5)


def _tet_year(m: re.Match[str], text: str) -> Cand | None:
    return Cand(m.start(), m.end(), Spec("date", int(m["y"]), 1, 1, lunar=True), priority=5)


def _full_moon(m: re.Match[str], text: str) -> Cand | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    return Cand(m.start(), m.end(), Spec("date", _int(m["y"]), month, 15, lunar=True), priority=5)


def _dur_range(m: re.Match[str], text: str) -> Cand | None:
    """``6-8 tuần``, ``khoảng từ 3 - 6 tháng``: a duration between two counts (``value_end`` the longer)."""
    n1, n2 = int(m["n1"]), int(m["n2"])
    if not 0 < n1 < n2:
        return None
    unit = lexicon().units[_key(m["u"])]
    after = text[m.end() : m.end() + 8]
    if unit in ("M", "Y") and _DAY_AFTER.match(after):
        return None  # "10-12 tháng 3", "1-2 năm 2025": days of a month, not a count of months
    if unit == "Y" and _THIS_OR_LAST_YEAR.match(after):
        return None  # "từ 30-4 đến 3-5 năm nay": a day-month of this year
    if unit == "H" and _daypart_after().match(text[m.end() : m.end() + 12]):
        return None  # "từ 4 - 5 giờ chiều": clock times, not hours
    if _DAY_WORD_BEFORE.search(_before(text, m.start(), 12)):
        return None
    mod = lexicon().modifiers.get(_key(m["mod"])) if m["mod"] else None
    first = Spec("dur", value=_duration_value(n1, unit), mod=mod)
    last = Spec("dur", value=_duration_value(n2, unit))
    return Cand(m.start(), m.end(), first, priority=4, end_spec=last)


_HALF_OF: Final = {"Y": "P6M", "M": "P15D", "D": "PT12H", "H": "PT30M", "DE": "P5Y", "CE": "P50Y"}


def _half_unit(m: re.Match[str], text: str) -> Cand | None:
    """``nửa năm``, ``nửa tháng``: half a unit, written in the next smaller unit."""
    value = _HALF_OF.get(lexicon().units[_key(m["u"])])
    if value is None:
        return None
    mod = lexicon().modifiers.get(_key(m["mod"])) if m["mod"] else None
    return Cand(m.start(), m.end(), Spec("dur", value=value, mod=mod), priority=5)


def _season(m: re.Match[str], text: str) -> Cand | None:
    code = lexicon().seasons[_key(m["s"])]
    return Cand(m.start(), m.end(), Spec("season", _int(m["y"]), value=code, rel_year=_ry(m["ry"])), 5)


def _cycle(can: str, chi: str) -> int | None:
    """The place (0..59) of a stem-branch pair in the sexagenary cycle, None for an impossible pair."""
    lx = lexicon()
    stem, branch = lx.stems[can.lower()], lx.branches[chi.lower()]
    return next((k for k in range(60) if k % 10 == stem and k % 12 == branch), None)


def _canchi(m: re.Match[str], text: str) -> Cand | None:
    """``Tết Canh Tý``, ``năm Tân Sửu``: a year of the sexagenary cycle (resolved near the reference)."""
    if not m["can"][0].isupper():
        return None
    cycle = _cycle(m["can"], m["chi"])
    if cycle is None:
        return None  # not a real pair (a stem and a branch of different parity)
    tet = m["pre"].lower() == "tết"
    if m["y"]:  # "năm Tân Sửu (1601)": the Gregorian year the text gives
        y = int(m["y"])
        spec = Spec("date", y, 1, 1, lunar=True) if tet else Spec("year", y)
        return Cand(m.start(), m.end(), spec, priority=5)
    return Cand(m.start(), m.end(), Spec("canchi", number=cycle, lunar=tet), priority=5)


def _bareday(m: re.Match[str], text: str) -> Cand | None:
    return Cand(m.start(), m.end(), Spec("bareday", day=int(m["d"])), priority=1)


# --------------------------------------------------------------------------- the rule list


@cache
def rules() -> tuple[Rule, ...]:
    f = frag()
    pre = r"(?:(?P<pre>ngày|mùng|mồng|hôm)\s*)?"  # "ngày13/7": a missing space happens
    mw = rf"(?P<m>{MONTH}(?!\d)|{f['monw']})"
    return (
        Rule(
            "full_date",
            _c(
                rf"{LB}(?:(?:ngày|mùng|mồng)\s+)?(?P<d>{DAY})(?P<s>[/\-–.])(?P<m>{MONTH})(?P=s)(?P<y>{YEAR}){RB}"
            ),
            _full_date,
        ),
        Rule(
            "full_date_spaced",
            _c(rf"{LB}(?:ngày\s+)?(?P<d>{DAY})\s+/\s+(?P<m>{MONTH})\s+/\s+(?P<y>{YEAR}){RB}"),
            _full_date,
        ),
        Rule(
            "date_words",
            _c(
                rf"(?<!\w)(?:(?:ngày|mùng|mồng)\s+)(?P<d>{DAY})\s+tháng\s+{mw}(?:\s*,?\s*năm\s+(?:(?P<y>{YEAR})|(?P<can>{f['can']})\s+(?P<chi>{f['chi']}))|\s*[/\-–.]\s*(?P<y2>{YEAR}))?(?!\w)"
            ),
            lambda m, t: _daymonth_words(m, t) if not m["y2"] else _full_date_y2(m),
        ),
        Rule(
            "date_words_year",
            _c(rf"{LB}(?P<d>{DAY})\s+tháng\s+{mw}\s*,?\s*năm\s+(?P<y>{YEAR})(?!\w)"),
            _daymonth_words,
        ),
        Rule("daymonth", _c(rf"{LB}{pre}(?P<d>{DAY})(?P<s>[/\-–.])(?P<m>{MONTH}){RB}"), _daymonth),
        Rule(
            "day_range",
            _c(
                rf"{LB}(?:(?P<from>từ)\s+)?(?:(?P<pre>ngày|các\s+ngày|mùng)\s+)?(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})[/.](?P<m>{MONTH})(?:[/.](?P<y>{YEAR}))?{RB}"
            ),
            _day_range,
        ),
        Rule(
            "dm_range",
            _c(
                rf"{LB}(?:(?:ngày|từ)\s+)?(?P<d1>{DAY})/(?P<m1>{MONTH})\s*[-–]\s*(?P<d2>{DAY})/(?P<m2>{MONTH})(?:/(?P<y>{YEAR}))?{RB}"
            ),
            _dm_range,
        ),
        Rule(
            "ago",
            _c(
                rf"(?<!\w)cách\s+đây\s+(?:(?P<mod>{f['mod']})\s+)?(?P<n>{f['num']}|{f['numw']})\s+(?P<u>{f['unit']})(?!\w)"
            ),
            _ago,
        ),
        Rule(
            "day_list",
            _c(
                rf"(?<!\w)(?:các\s+ngày|ngày|hai\s+ngày)\s+(?P<days>{DAY}(?:\s*,\s*{DAY})*)\s*(?:,|và)\s*(?P<d>{DAY})[/\-.](?P<m>{MONTH})(?:[/\-.](?P<y>{YEAR}))?{RB}"
            ),
            _day_list,
        ),
        Rule(
            "month_year",
            _c(rf"(?<!\w)tháng\s+{mw}(?:\s*[/\-–.]\s*|\s*,?\s+năm\s+)(?P<y>{YEAR}){RB}"),
            _month_year,
        ),
        Rule(
            "month_year_digits",
            _c(rf"{LB}(?P<m>{MONTH})(?P<s>[/\-–.])(?P<y>\d{{4}}){RB}"),
            _month_year_digits,
        ),
        Rule(
            "month_only",
            _c(rf"(?<!\w)tháng\s+{mw}(?:\s+năm\s+(?P<ry>{f['ry']}))?(?!\w)(?!\s*[/\-–.]\s*\d)"),
            _month_only,
        ),
        Rule(
            "year",
            _c(
                rf"{LB}(?:(?P<pre>năm|năm\s+học|niên\s+khóa|mùa\s+giải)\s+)?(?P<y>{YEAR})(?:\s*[-–/]\s*(?P<y2>{YEAR}|\d\d))?{RB}"
            ),
            _year,
        ),
        Rule(
            "decade",
            _c(
                r"(?<!\w)(?:thập\s+niên|thập\s+kỷ|thập\s+kỉ|những\s+năm)\s+(?P<dec>\d{4}|\d0)(?:s)?(?!\w)"
                r"(?:\s*[-–]\s*(?P<dec2>\d{4}|\d0)(?![\w/]|[.,]\d))?"
            ),
            _decade,
        ),
        Rule("century", _c(r"(?<!\w)thế\s+k[ỷỉ]\s+(?:thứ\s+)?(?P<c>\d{1,2}|[IVX]{1,5})(?!\w)"), _century),
        Rule(
            "quarter",
            _c(
                rf"(?<!\w)quý\s+(?P<q>0?[1-4]|IV|I{{1,3}})(?:\s*[/\-–.]\s*(?P<y>{YEAR})|\s*,?\s+năm\s+(?P<y2>{YEAR})|\s+năm\s+(?P<ry>{f['ry']}))?(?!\w)"
            ),
            _quarter,
        ),
        Rule(
            "half",
            _c(
                rf"(?<!\w)(?:(?P<n>\d{{1,2}}|{f['numw']})\s+tháng|nửa)\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>{YEAR})|\s*[/\-]\s*(?P<y3>{YEAR})|\s+(?P<ry>{f['ry']}))?(?!\w)"
            ),
            lambda m, t: _half(m, t) if not m["y3"] else _half_y3(m, t),
        ),
        Rule("relative", _c(rf"(?<!\w){f['rel']}(?!\w)"), _relative),
        Rule("daypart_rel", _c(rf"(?<!\w)(?P<dp>{f['dp']})\s+(?P<rel>{f['dayrel']})(?!\w)"), _daypart_rel),
        Rule(
            "n_ago",
            _c(
                rf"{LB}(?P<n>{f['num']}|{f['numw']})\s+(?P<u>{f['unit']})\s+(?P<dir>trước\s+đó|sau\s+đó|trước\s+đây|về\s+trước|trước|sau)(?!\w)(?!\s+khi)"
            ),
            _n_ago,
        ),
        Rule(
            "duration",
            _c(
                rf"(?:(?<!\w)(?P<mod>{f['mod']})\s+)?{LB}(?P<n>{f['num']}|{f['vague']}|{f['numw']})\s+(?P<u>{f['unit']})(?!\w)(?:\s+(?:vừa\s+qua|qua|tới|nữa|gần\s+đây|liên\s+tiếp|liên\s+tục|trở\s+lại\s+đây)(?!\w))?"
            ),
            _duration,
        ),
        Rule(
            "clock",
            _c(
                rf"{LB}(?:(?P<h>[01]?\d|2[0-4])\s?(?:h|giờ|g)\s?(?:(?P<mi>[0-5]\d)(?:\s?(?:phút|p|'))?)?(?!\w)|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?::[0-5]\d)?{RB})"
            ),
            lambda m, t: _clock(_ClockMatch(m), t),
        ),
        Rule("daypart", _c(rf"(?<!\w){f['dp']}(?!\w)"), _daypart),
        Rule(
            "part", _c(rf"(?<!\w)(?P<p>{f['part']})(?=\s+(?:năm|tháng|quý|tuần|thập|thế|những|ngày))"), _part
        ),
        Rule(
            "part_alone",
            _c(rf"(?<!\w)(?P<p>{f['part']})\s+(?P<u>năm|tháng|tuần|quý)(?!\w)"),
            _part_standalone,
        ),
        Rule(
            "weekday",
            _c(
                rf"(?<!\w)(?:(?P<th>thứ)\s+(?P<wd>{f['wd']})|(?P<cn>chủ\s+nhật|CN))(?!\w)(?:\s+(?P<after>vừa\s+qua|vừa\s+rồi|tuần\s+trước|tuần\s+qua|tuần\s+này|tuần\s+tới|tuần\s+sau|tới|này))?(?!\w)"
            ),
            _weekday,
        ),
        Rule("set", _c(rf"(?<!\w){f['set']}(?!\w)"), _set),
        Rule("festival", _c(rf"(?<!\w)(?P<f>{f['fest']})(?:\s+(?:năm\s+)?(?P<y>{YEAR}))?(?!\w)"), _festival),
        Rule(
            "tet_day",
            _c(
                rf"(?<!\w)(?:(?:mùng|mồng|ngày)\s+)?(?P<d>\d{{1,2}})\s+Tết(?:\s+Nguyên\s+đán)?(?:\s+(?P<y>{YEAR}))?(?!\w)"
            ),
            _tet_day,
        ),
        Rule(
            "tet_year",
            _c(rf"(?<!\w)Tết(?:\s+(?:Nguyên\s+đán|âm\s+lịch|cổ\s+truyền))?\s+(?P<y>{YEAR})(?!\w)"),
            _tet_year,
        ),
        Rule("full_moon", _c(rf"(?<!\w)rằm\s+tháng\s+{mw}(?:\s+năm\s+(?P<y>{YEAR}))?(?!\w)"), _full_moon),
        Rule(
            "dur_range",
            _c(
                rf"(?:(?<!\w)(?P<mod>{f['mod']})\s+)?(?:từ\s+)?{LB}(?P<n1>\d{{1,4}})\s*[-–]\s*(?P<n2>\d{{1,4}})\s+(?P<u>{f['unit']})(?!\w)(?:\s+(?:vừa\s+qua|qua|tới|nữa|gần\s+đây|rồi)(?!\w))?"
            ),
            _dur_range,
        ),
        Rule(
            "half_unit",
            _c(rf"(?:(?<!\w)(?P<mod>{f['mod']})\s+)?(?<!\w)nửa\s+(?P<u>{f['unit']})(?!\w)"),
            _half_unit,
        ),
        Rule(
            "season",
            _c(rf"(?<!\w)(?P<s>{f['season']})\s+(?:năm\s+(?P<ry>{f['ry']})|(?:năm\s+)?(?P<y>{YEAR}))(?!\w)"),
            _season,
        ),
        Rule(
            "canchi",
            _c(
                rf"(?<!\w)(?P<pre>tết|năm|xuân)\s+(?P<can>{f['can']})\s+(?P<chi>{f['chi']})(?!\w)"
                rf"(?:\s*\(\s*(?:năm\s+)?(?P<y>{YEAR})\s*\))?"
            ),
            _canchi,
        ),
        Rule("bareday", _c(rf"(?<!\w)(?:ngày|mùng|mồng)\s+(?P<d>{DAY})(?![\w/.\-–])"), _bareday),
    )


class _ClockMatch:
    """Present the two clock alternatives (``21h15``, ``07:22``) under one set of group names."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str | int) -> str:
        if key in ("h", "mi"):
            return self._m[key] or self._m[f"{key}2"] or ""
        return self._m[key] or ""

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


def _full_date_y2(m: re.Match[str]) -> Cand | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    return Cand(m.start(), m.end(), Spec("date", int(m["y2"]), month, int(m["d"])), priority=5)


def _half_y3(m: re.Match[str], text: str) -> Cand | None:
    cand = _half(m, text)
    if cand is not None:
        cand.spec.year = int(m["y3"])
        if cand.end_spec is not None:
            cand.end_spec.year = int(m["y3"])
    return cand


# --------------------------------------------------------------------------- triggers

DIGIT: Final = "#digit"


def _firsts(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({w.split()[0] for w in words if w.strip()}))


# Number words that never open a count ("không" zero, "mốt" in "hai mốt", "lăm" in "mười lăm"):
# trying the count rules at them only costs time.
_NOT_FIRST: Final = frozenset({"không", "mốt", "lăm", "nhăm"})


def _count_starts() -> tuple[str, ...]:
    rows = table("number_words.tsv")
    return tuple(
        sorted({w for w, _, kind in rows if kind not in ("zero", "tens", "half") and w not in _NOT_FIRST})
    )


# Which rules can match at a number depends on what follows its digits, so the tagger tries
# only those (most numbers in news are counts and figures that no rule takes):
#   "20/2" slash, "2-1" dash, "1.409"/"18.2" dot, "07:22" colon, "1,5 năm" comma;
#   after a space: a dash ("2016 -2020", "4 - 5 giờ"), a slash ("18 / 2 / 2026"), a calendar
#   word ("10 ngày", "8 giờ", "18 tháng 2", "1 Tết"), or anything else (only a year: "2021 người");
#   a letter right after ("21h15", "8h"): a clock; other punctuation ("2020)"): a year.
_DIGIT_BUCKETS: Final[dict[str, frozenset[str]]] = {
    "/": frozenset({"full_date", "daymonth", "dm_range", "month_year_digits", "year"}),
    "-": frozenset({"full_date", "daymonth", "day_range", "dur_range", "month_year_digits", "year"}),
    ".": frozenset({"full_date", "daymonth", "duration", "n_ago", "month_year_digits", "year"}),
    ":": frozenset({"clock", "year"}),
    ",": frozenset({"duration", "n_ago", "year"}),
    " -": frozenset({"day_range", "dur_range", "year"}),
    " /": frozenset({"full_date_spaced", "year"}),
    " unit": frozenset({"date_words_year", "year", "half", "n_ago", "duration", "clock", "tet_day"}),
    " other": frozenset({"year"}),
    "letter": frozenset({"clock"}),
    "other": frozenset({"year"}),
}
_SEPARATOR_KEY: Final = {"/": "/", "-": "-", "–": "-", ".": ".", ":": ":", ",": ","}
_AFTER_SPACE: Final = re.compile(r"\s+(?:([-–])|(/)|([^\W\d_]+))")


@cache
def _digit_rule_sets() -> dict[str, tuple[Rule, ...]]:
    every = trigger_index()[DIGIT]
    return {key: tuple(r for r in every if r.name in names) for key, names in _DIGIT_BUCKETS.items()}


@cache
def _unit_words() -> frozenset[str]:
    """Words that may follow a number in a rule that goes on after a space."""
    return frozenset(_firsts(list(lexicon().units))) | {"h", "g", "giờ", "tết"}


# How many digits a rule's opening number may have (the scan gives the whole run of digits, and every
# digit rule opens on a number that must end where the run ends: ``RB``, ``\s``, a separator):
# a day, month, hour or ``\d{1,2}`` has at most 2, ``\d{1,4}`` at most 4, a year (``YEAR``) exactly 4
# opening with 1 or 2; counts (``num``) any number.
_SHORT: Final = frozenset(
    {"full_date", "full_date_spaced", "date_words_year", "daymonth", "day_range", "dm_range"}
    | {"month_year_digits", "tet_day", "clock", "half"}
)


def _run_fits(name: str, run: str) -> bool:
    if name in _SHORT:
        return len(run) <= 2
    if name == "dur_range":
        return len(run) <= 4
    if name == "year":
        return len(run) == 4 and run[0] in "12"
    return True  # n_ago, duration: any count


@cache
def _digit_rule_sets_by_run() -> dict[tuple[str, int, bool], tuple[Rule, ...]]:
    """``_digit_rule_sets`` narrowed by the length of the run of digits (1-5, 5 meaning 5 or more)
    and whether it opens with 1 or 2."""
    out: dict[tuple[str, int, bool], tuple[Rule, ...]] = {}
    for key, rules_ in _digit_rule_sets().items():
        for n in range(1, 6):
            for first in ("1", "3"):
                run = first + "0" * (n - 1)
                out[key, n, first == "1"] = tuple(r for r in rules_ if _run_fits(r.name, run))
    return out


def digit_rules_at(text: str, pos: int, end: int) -> tuple[Rule, ...]:
    """The rules worth trying at the run of digits ``text[pos:end]`` (what follows it, and its length)."""
    n = end - pos
    return _digit_rule_sets_by_run()[_digit_key(text, end), n if n < 5 else 5, text[pos] in "12"]


def digit_rules(text: str, end: int) -> tuple[Rule, ...]:
    """The rules worth trying at a number whose digits end at ``end``."""
    return _digit_rule_sets()[_digit_key(text, end)]


def _digit_key(text: str, end: int) -> str:
    """The ``_DIGIT_BUCKETS`` key of what follows a run of digits ending at ``end``."""
    if end >= len(text):
        return "other"
    nxt = text[end]
    key = _SEPARATOR_KEY.get(nxt)
    if key is not None:
        return key
    if nxt.isspace():
        m = _AFTER_SPACE.match(text, end)
        if m is None:
            return " other"
        if m[1]:
            return " -"
        if m[2]:
            return " /"
        return " unit" if m[3].lower() in _unit_words() else " other"
    return "letter" if nxt.isalpha() else "other"


@cache
def rule_starts() -> dict[str, tuple[str, ...]]:
    """The words a match of each rule can begin with (``#digit`` for a number).

    The tagger tries a rule only where one of these words starts, which keeps
    it from scanning the whole text once per rule.
    """
    lx = lexicon()
    nums = _count_starts()
    dps = _firsts(list(lx.dayparts))
    pre = ("ngày", "mùng", "mồng")
    return {
        "full_date": (DIGIT, *pre),
        "full_date_spaced": (DIGIT, "ngày"),
        "date_words": pre,
        "date_words_year": (DIGIT,),
        "daymonth": (DIGIT, *pre, "hôm"),
        "day_range": (DIGIT, "từ", "các", *pre),
        "day_list": ("các", "ngày", "hai"),
        "dm_range": (DIGIT, "ngày", "từ"),
        "ago": ("cách",),
        "month_year": ("tháng",),
        "month_only": ("tháng",),
        "month_year_digits": (DIGIT,),
        "year": (DIGIT, "năm", "niên", "mùa"),
        "decade": ("thập", "những"),
        "century": ("thế",),
        "quarter": ("quý",),
        "half": (DIGIT, "nửa", *nums),
        "relative": _firsts(list(lx.relative)),
        "daypart_rel": dps,
        "n_ago": (DIGIT, *nums),
        "duration": (DIGIT, *nums, *_firsts(list(lx.modifiers)), *_firsts(lx.vague)),
        "clock": (DIGIT,),
        "daypart": dps,
        "part": _firsts(list(lx.parts)),
        "part_alone": _firsts(list(lx.parts)),
        "weekday": ("thứ", "chủ", "cn"),
        "set": _firsts(list(lx.sets)),
        "festival": _firsts(list(lx.festivals)),
        "tet_day": (DIGIT, *pre),
        "tet_year": ("tết",),
        "full_moon": ("rằm",),
        "bareday": pre,
        "dur_range": (DIGIT, "từ", *_firsts(list(lx.modifiers))),
        "season": ("mùa",),
        "half_unit": ("nửa", *_firsts(list(lx.modifiers))),
        "canchi": ("tết", "năm", "xuân"),
    }


class Follow:
    """What must come right after a rule's first word: white space (at least one character of it when
    ``spaced``), then a digit or one of ``words`` (letters only): the whole next word when ``whole``,
    else its beginning.

    Kept as data, not as a pattern, so the trigger scan can decide it by set lookups
    (``timex_scan``); ``pattern`` is the same condition as a regular expression.
    """

    __slots__ = ("spaced", "words", "whole")

    def __init__(self, spaced: bool, words: frozenset[str], whole: bool) -> None:
        self.spaced = spaced
        self.words = words
        self.whole = whole

    def pattern(self) -> str:
        """The condition as a pattern to match right after the word."""
        edge = r"(?![^\W\d_])" if self.whole else ""
        return (r"\s+" if self.spaced else r"\s*") + r"(?:\d|" + alternation(sorted(self.words)) + edge + ")"


@cache
def rule_follows() -> dict[str, Follow]:
    """What must come right after a rule's first word when the rule starts at a word, not a number.

    The trigger scan only stops at such a word when one of its rules can go on there
    (``các`` before ``ngày``, ``trên`` before a count), which spares trying the rules at the
    many ``các``, ``một``, ``trên``, ``từ`` of a text that start nothing.  A rule not listed
    may be followed by anything.  These are loose supersets of the rules' own patterns.
    """
    lx = lexicon()
    words = {w for phrase in (*lx.number_words, *lx.vague, *lx.units, *lx.modifiers) for w in phrase.split()}
    count = Follow(True, frozenset(words | {"nửa", "từ", "đầu", "cuối"}), True)
    days = Follow(False, frozenset({"ngày"}), False)
    return {
        "duration": count,
        "n_ago": count,
        "half": count,
        "half_unit": count,
        "dur_range": count,
        "day_range": Follow(False, frozenset({"ngày", "mùng", "mồng", "các"}), False),
        "day_list": days,
        "dm_range": days,
        "decade": Follow(True, frozenset({"năm", "niên", "kỷ", "kỉ"}), False),
    }


@cache
def trigger_index() -> dict[str, tuple[Rule, ...]]:
    """Token (lower, Title and UPPER case, or ``#digit``) -> the rules that may start there, in rule order."""
    starts = rule_starts()
    index: dict[str, list[Rule]] = {}
    for rule in rules():
        for word in starts[rule.name]:
            forms = {word} if word == DIGIT else {word, word.capitalize(), word.upper()}
            for form in forms:
                bucket = index.setdefault(form, [])
                if rule not in bucket:
                    bucket.append(rule)
    return {k: tuple(v) for k, v in index.items()}
