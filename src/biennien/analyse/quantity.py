"""Vietnamese quantities: numbers with their unit, qualifier, range and direction.

No maintained library reads Vietnamese figures (Recognizers-Text and
quantulum3 have no Vietnamese, Duckling has no Vietnamese money), so this is
our own: a numeral is found, then the words around it decide what it is.

* Numerals use ``.`` for thousands and ``,`` for decimals (``32.517,4``);
  scale words multiply (``1,5 tỷ``, ``nghìn tỷ``) and compound
  (``2 tỷ 300 triệu``); number words count when a unit or a counted noun
  follows (``hai mươi lăm tấn``, ``gấp đôi``).
* Units come from ``quantity_units.tsv`` (ISO 4217 codes for money), rates
  from a ``/`` after the unit (``đồng/lượng``), ranks from ``thứ 11/108`` or
  ``lớn thứ 8``, counts from the noun after the number.
* A number is dropped when it lies inside a timex span, is a date or a clock
  time even if the tagger missed it, is glued to letters (``VN250``,
  ``Covid-19``), is a phone number, or is a name or index (``quận 1``,
  ``Đại hội 14``): a figure nobody reported is worse than a missed one.

Offsets index the given text.  The function is pure and deterministic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from biennien.analyse.quantity_tables import LETTER, Tables, tables
from biennien.analyse.timex_lower import lowered
from biennien.model import Quantity, Timex
from biennien.vi.numbers import parse_numeral, parse_words

# One scan for the numerals of an article and the digits glued to a letter (``còn29``, ``VN250``).
# Opening with a consumed digit lets the engine skip to digits in C (a look-ahead opening tries every
# position); the checks on what stands before the numeral's first digit look behind that digit
# (``(?<![\w.,]\d)`` is ``(?<![\w.,])`` at the digit), and the numeral's alternatives go on after it
# (``\d{0,2}`` for ``\d{1,3}``, ``\d*`` for ``\d+``).  A digit right after a letter matches the
# ``glued`` branch (empty group) alone; every other match is a free-standing numeral, the same spans
# as the former two scans (``(?=\d)(?<![\w.,])...`` and ``\d(?<=[^\W\d_]\d)``).
_NUM: Final = re.compile(
    r"\d(?:(?<=[^\W\d_]\d)(?P<glued>)"
    r"|(?<![\w.,]\d)(?<!\d/\d)(?<!\s/\d)(?<!^/\d)(?<!\d:\d)(?!\d*:\d)"
    r"(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*\.\d{1,2}(?![\d.])|\d*(?:,\d+)?)(?![\d]))"
)
_NUM_AT: Final = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?(?!\d)")
_DATE_AT: Final = re.compile(
    r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}(?!\d)|\d{1,2}\.\d{1,2}\.\d{4}(?!\d)|\d{1,2}[/-]\d{4}(?!\d)"
    r"|\d{1,2}[/-]\d{1,2}(?![\d/])|\d{1,2}\s?[:hg]\s?\d{2}(?!\d)|\d{1,2}h(?![^\W\d_])"
)
_PHONE: Final = re.compile(
    r"(?<![\w.])(?:\+84|0)\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}(?![\w.])|(?<!\w)1[89]00[\s.]?\d{3,4}(?!\w)"
    r"|\(\d{2,3}\)\s?\d{3,4}[\s.]?\d{3,4}"
)
_SLASH_LIST: Final = re.compile(r"\d+(?:,\d+)?(?:/\d+(?:,\d+)?)+(?![\d/.,])")
_NAME_DASH: Final = re.compile(r"[A-ZĐ][\w]*\s[-–]\s$")
_RANK_OF: Final = re.compile(r"/\s?(\d+)(?!\d)")
_RANGE: Final = re.compile(r"\s*(?:-|–|—|(?:cho\s+)?(?:đến|tới))\s*(?=\d)")
# not "2,5" nor "1.000"; every branch opens with a character (``[,.](?<!\d.)`` is ``(?<!\d)[,.]``) so
# the engine skips to candidates instead of trying the look-behind at every position
_CLAUSE_END: Final = re.compile(r"[,.](?<!\d.)|[,.](?!\d)|[;:()\[\]\n!?\"“”]")
_WORD: Final = re.compile(rf"{LETTER}+(?:-{LETTER}+)*")
# matched at a position of the whole text (a slice per call would copy the rest of the article)
_LIST_NUMBER: Final = re.compile(r"\d+(?:,\d+)?")
_COMPOUND_TAIL: Final = re.compile(r"\s+(\d{1,3})(?!\d|[.,]\d)")  # "2 tỷ| 300 triệu"
_AND_A_HALF: Final = re.compile(r"\s+rưỡi(?![^\W\d_])")
_NEXT_WORD: Final = re.compile(rf"( )({LETTER}+)(?![^\W_])")
_RANK_NUMBER: Final = re.compile(r"\d+(?![\d.,]\d)")
_LAST_WORD: Final = re.compile(rf"({LETTER}+)\s+$")
_VAGUE_END: Final = re.compile(r"\s*(?:đến|tới)\s+(\w+)")
_RATIO_WORDS: Final = re.compile(r"gấp\s+(đôi|rưỡi|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?![^\W\d_])")
_RANK_WORDS: Final = re.compile(r"thứ\s+(hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười)(?![^\W\d_])")


@dataclass(slots=True)
class _Core:
    """A numeral with its scale words: where it starts and ends and its value."""

    start: int
    end: int
    value: float
    scaled: bool


def extract(text: str, timexes: Sequence[Timex] = ()) -> list[Quantity]:
    """Return the quantities in ``text``, skipping anything inside a timex span."""
    t = tables()
    low = lowered(text)
    if len(low) != len(text):  # a letter whose lower case is longer: lower letter by letter
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    blocked = sorted(
        (x.start, x.end)
        for x in timexes
        if (x.type != "DURATION" or not _counted_duration(low, x, t)) and not _figure_not_year(low, x, t)
    )
    starts = [b[0] for b in blocked]
    out: list[Quantity] = []
    consumed = 0
    for m in _numbers(low, t):
        if m.start() < consumed or _inside(blocked, starts, m.start(), m.end()):
            continue
        if (phone := _phone_at(low, m.start())) is not None:
            consumed = phone
            continue
        # a list of options needs a slash right after the numeral (most have none): a plain numeral
        # (``12``, ``1,5``) ends where the list's first number ``\d+(?:,\d+)?`` does, and one with a
        # point (``1.000``, ``2.5``) stops that number at the point, where the list needs "," or "/"
        if (
            low.startswith("/", m.end())
            and (sl := _SLASH_LIST.match(low, m.start()))
            and (listed := _slash_list(text, low, sl, t))
        ):
            out.extend(listed)
            consumed = listed[-1].end
            continue
        q = _read(text, low, m.start(), t)
        if q is None:
            continue
        _per_period(text, low, q, t)
        _age_gap(low, q, t)
        if _overlaps(blocked, starts, q.start, q.end):
            continue
        out.append(q)
        consumed = q.end
    out.extend(_word_quantities(text, low, t, blocked, starts, out))
    out.extend(_bare_bases(text, low, out, blocked, starts))
    out.sort(key=lambda q: (q.start, q.end))
    _sentence_context(text, low, out, t)
    return out


def _numbers(low: str, t: Tables) -> list[re.Match[str]]:
    """The numerals of ``low``: free-standing ones, and those glued to a word that only introduces a
    figure (``xuống còn29 triệu``: cue kind ``glued_before``; ``BN1234`` stays a code)."""
    found: list[re.Match[str]] = []
    glued: list[int] = []
    for m in _NUM.finditer(low):
        if m.lastindex is None:  # the empty ``glued`` group (the only group) did not take part
            found.append(m)
        else:
            glued.append(m.start())
    if t.glued_re is not None and glued:
        have = {m.start() for m in found}
        # only where a letter touches a digit; the glue words are short, so a window before it suffices
        for digit in glued:
            for g in t.glued_re.finditer(low, max(0, digit - _GLUE_WINDOW), digit + 1):
                if (
                    g.end() == digit
                    and (n := _NUM_AT.match(low, digit)) is not None
                    and n.start() not in have
                ):
                    found.append(n)
                    have.add(n.start())
        found.sort(key=lambda m: m.start())
    return found


_GLUE_WINDOW: Final = 24  # longer than any ``glued_before`` phrase


def _per_period(text: str, low: str, q: Quantity, t: Tables) -> None:
    """A count or an amount per period is a rate.

    ``40.000 người mỗi ngày``, ``2.000-2.500 khách/ngày`` -> unit ``count/ngày``; ``800.000 baht mỗi
    tháng``, ``200.000 đô la Mỹ một năm`` -> ``THB/tháng``, ``USD/năm``.  ``/ngày`` joins the span;
    ``mỗi ngày`` stays outside (it is the timex's).  After a count the period may follow one more
    word of its noun (``300 chiếc bánh mỗi ngày``, ``700 tấm mặt nạ hàng năm``); two or more words
    between are usually a verb phrase whose period is the event's; ``một năm qua`` is a span of
    time, not "per year".
    """
    if q.kind not in ("count", "amount"):
        return
    ctx = t.context
    base = "count" if q.kind == "count" else q.unit
    if (m := _PER_SLASH.match(low, q.end)) and m.group(1) in ctx["per_unit"]:
        if q.kind == "count":
            q.unit, q.kind = f"{base}/{m.group(1)}", "rate"
            q.end = m.end()
            q.text = text[q.start : q.end]
        return
    pos = q.end
    for _ in range(2 if q.kind == "count" else 1):
        m = _PER_WORDS.match(low, pos)
        if m is None:
            return
        if m.group(1) in ctx["per_period"] and m.group(2) in ctx["per_unit"]:
            after = _WORD.findall(low, m.end(), m.end() + 20)[:2]
            if (
                m.group(1) == "một"
                and after
                and (after[0] in ctx["per_not_after"] or " ".join(after) in ctx["per_not_after"])
            ):
                return  # "một năm qua": a span of time
            q.unit, q.kind = f"{base}/{m.group(2)}", "rate"
            return
        # one more word of the counted noun ("chiếc bánh", "tấm mặt nạ"), never a function word
        gap = m.group(1)
        if (
            not gap.isalpha()
            or not text[m.start(1)].islower()
            or gap in t.stopwords
            or gap in ctx["per_period"]
        ):
            return
        pos = m.start(1) + len(gap)


_PER_SLASH: Final = re.compile(r"\s?/\s?(\w+)(?!\w)")
_PER_WORDS: Final = re.compile(r"\s+(\w+)\s+(\w+)(?!\w)")


def _age_gap(low: str, q: Quantity, t: Tables) -> None:
    """``kém anh 11 tuổi``: an age after a comparative (its object between) is a difference of ages."""
    if q.kind != "count" or q.counted not in t.context.get("age_word", ()):
        return
    words = _words_before(low, q.start, 4)
    gap = t.context.get("age_gap", frozenset())
    if any(
        w in gap or " ".join(words[i : i + 2]) in gap
        for i, w in enumerate(words[-4:-1] if len(words) > 1 else [])
    ):
        q.kind = "difference"


_BARE_BASE: Final = re.compile(r"\s+so với\s+(\d+(?:,\d+)?)(?=\s*[)\].,;]|$)")


def _bare_bases(
    text: str, low: str, qs: list[Quantity], blocked: list[tuple[int, int]], starts: list[int]
) -> list[Quantity]:
    """``(30 lần so với 31)``: a bare number compared with a figure is a figure of the same unit."""
    out = []
    for q in qs:
        m = _BARE_BASE.match(low, q.end)
        if m is None or q.value_end is not None or _overlaps(blocked, starts, m.start(1), m.end(1)):
            continue
        value = parse_numeral(m.group(1))
        if value is None or (len(m.group(1)) == 4 and 1800 <= value <= 2100):
            continue  # "so với 2019" is a year
        s, e = m.span(1)
        out.append(Quantity(text[s:e], s, e, value, q.unit, q.kind, counted=q.counted))
    return out


_SENTENCE_END: Final = re.compile(r"[.!?\n](?!\d)")


def _sentence_context(text: str, low: str, qs: list[Quantity], t: Tables) -> None:
    """Readings that need the figures before in the sentence.

    * A bare scaled number (``1,89 triệu``, no unit, no counted noun) is Vietnamese đồng when a
      price word or a đồng figure comes before it in its sentence (``giá 2,39 triệu đồng, nhưng sẽ
      giảm còn 1,89 triệu``).
    * ``có giá lần lượt từ 4,7 triệu đồng và 7 triệu đồng``: the second figure of a respective list
      shares the first one's starting-price reading.
    """
    prev: Quantity | None = None
    for q in qs:
        cut = -1  # where the sentence of ``q`` starts, read only for the figures that need it (few)
        if q.unit == "count" and q.value_end is None and (core := _core(low, q.start, t)) and core.scaled:
            cut = _sentence_cut(low, q.start)
            words = _WORD.findall(low, max(cut, q.start - 80), q.start)
            money = (prev is not None and prev.end > cut and prev.unit == "VND") or _has_phrase(
                words, t.context["price_word"]
            )
            if money and (q.counted is None or t.counted_re.match(low, core.end) is None):
                # a bare amount; guessed "counted" words after it ("1,89 triệu nếu đặt") were no noun
                q.unit, q.kind, q.counted = "VND", "amount", None
                q.end, q.text = core.end, text[q.start : core.end]
        if (
            prev is not None
            and prev.qualifier == "at least"
            and q.qualifier is None
            and prev.unit == q.unit
            and low[prev.end : q.start].strip() == "và"
        ):
            if cut < 0:
                cut = _sentence_cut(low, q.start)
            if prev.end > cut and "lần lượt" in low[max(cut, prev.start - 40) : prev.start]:
                q.qualifier = "at least"
        prev = q


def _sentence_cut(low: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts, as far as the 120 characters before it tell (0 when
    no sentence end is there)."""
    return max((m.end() for m in _SENTENCE_END.finditer(low, max(0, pos - 120), pos)), default=0)


def _phone_at(low: str, pos: int) -> int | None:
    """End of a phone number starting at the numeral at ``pos`` (or at its ``+``/``(``), else None.

    Checked only where a phone number can start (``0``, ``+84``, ``(0..)``, ``1800``/``1900``),
    which is much cheaper than scanning every article for phone numbers.
    """
    prev = low[pos - 1] if pos else ""
    if prev in "+(":
        pos -= 1
    elif low[pos] != "0" and not low.startswith(("1800", "1900"), pos):
        return None
    pm = _PHONE.match(low, pos)
    return pm.end() if pm else None


def _figure_not_year(low: str, tx: Timex, t: Tables) -> bool:
    """A bare number tagged as a year but followed by a scale word or a unit is a figure.

    ``lên tới 1000 triệu nhân dân tệ``, ``độ sáng đạt tới 1000 nits``: with no ``năm`` before it,
    a four-digit number that a scale word or a unit follows is an amount, whatever the tagger said.
    """
    if tx.type != "DATE" or not tx.text.isdigit():
        return False
    return t.scale_re.match(low, tx.end) is not None or _unit_at(low, tx.end, t) is not None


def _counted_duration(low: str, tx: Timex, t: Tables) -> bool:
    """A "duration" that is the start of a counted noun: ``9.850.000 ngày khách`` (guest-days)."""
    core = _core(low, tx.start, t)
    if core is None:
        return False
    cm = t.counted_re.match(low, core.end)
    return cm is not None and cm.end() > tx.end


def _slash_list(text: str, low: str, m: re.Match[str], t: Tables) -> list[Quantity]:
    """``RAM 12/16/18GB``: options sharing the unit after the last one, one figure each.

    Only with a unit right after the last number, and never a date (``12/5/2021`` has none).
    """
    unit = _unit_at(low, m.end(), t)
    if unit is None or unit[1] not in ("physical", "amount", "percent"):
        return []
    out = []
    for nm in _LIST_NUMBER.finditer(low[m.start() : m.end()]):
        s = m.start() + nm.start()
        e = m.start() + nm.end()
        value = parse_numeral(nm.group())
        if value is None:
            return []
        end = unit[2] if e == m.end() else e
        out.append(Quantity(text[s:end], s, end, value, unit[0], unit[1]))
    return out


def _inside(blocked: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, s) - 1
    return i >= 0 and blocked[i][0] <= s and e <= blocked[i][1] or _overlaps(blocked, starts, s, e)


def _overlaps(blocked: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(starts, e)
    for j in range(max(0, i - 3), i):
        bs, be = blocked[j]
        if bs < e and s < be:
            return True
    return False


def _words_before(low: str, pos: int, n: int) -> list[str]:
    """The last ``n`` words before ``pos`` in the same clause, lower case.

    The clause cut is the last match of ``_CLAUSE_END`` in the 80-character window; that pattern
    reads the same backwards, so its first match in the reversed window is that last one (no scan of
    every cut).
    """
    start = max(0, pos - 80)
    cut = _CLAUSE_END.search(low[start:pos][::-1])
    if cut is not None:
        start = pos - cut.start()
    # ``_WORD`` has no look-around: its words from ``start`` to ``pos`` are those of that slice
    return _WORD.findall(low, start, pos)[-n:]


def _phrase_end(words: list[str], vocab: dict[str, str] | frozenset[str], upto: int) -> tuple[str, int]:
    """The longest phrase of ``vocab`` that ends the word list; ("", 0) if none.

    Most word lists end with a word that ends no phrase of ``vocab``: that is one set lookup
    (``last_words`` of the tables) instead of joining every tail.
    """
    if not words or words[-1] not in tables().last_words[id(vocab)]:
        return "", 0
    for k in range(min(upto, len(words)), 0, -1):
        phrase = " ".join(words[-k:])
        if phrase in vocab:
            return phrase, k
    return "", 0


def _core(low: str, pos: int, t: Tables) -> _Core | None:
    """A numeral at ``pos`` with its scale words and compound tails (``2 tỷ 300 triệu``)."""
    m = _NUM_AT.match(low, pos)
    if m is None:
        return None
    value = parse_numeral(m.group())
    if value is None:
        return None
    end = m.end()
    scale, scaled, last = 1.0, False, 0.0
    while sm := t.scale_re.match(low, end):
        scale *= t.scales[sm.group(1)]
        end, scaled = sm.end(), True
    if scaled:
        value *= scale
        last = scale
        while True:  # "2 tỷ 300 triệu", "1 triệu 200 nghìn"
            nm = _COMPOUND_TAIL.match(low, end)
            if not nm:
                break
            sm = t.scale_re.match(low, nm.end())
            if not sm or t.scales[sm.group(1)] >= last:
                break
            sub = t.scales[sm.group(1)]
            value += float(nm.group(1)) * sub
            end, last = sm.end(), sub
        if hm := _AND_A_HALF.match(low, end):
            value += 0.5 * last
            end = hm.end()
    return _Core(pos, end, value, scaled)


def _unit_at(low: str, pos: int, t: Tables) -> tuple[str, str, int] | None:
    """(unit, kind, end) of a unit right after ``pos``; rates ``đồng/lượng`` included."""
    um = t.unit_re.match(low, pos)
    if um is None:
        return None
    surface = " ".join(um.group(1).split())
    nxt = _WORD.match(low, um.end() + 1) if low[um.end() : um.end() + 1] == " " else None
    if nxt and (surface, nxt.group()) in t.unit_exceptions:
        return None
    unit, kind = t.units[surface]
    end = um.end()
    if rm := t.rate_re.match(low, end):
        den = " ".join(rm.group(1).split())
        den = t.units[den][0] if den in t.units and t.units[den][1] == "amount" else den
        return f"{unit}/{den}", "rate", rm.end()
    return unit, kind, end


def _is_year(text: str, core: _Core) -> bool:
    if core.scaled or core.end - core.start != 4:
        return False  # most numbers: the length tells at once
    raw = text[core.start : core.end]
    return raw.isdigit() and 1800 <= int(raw) <= 2100


def _read(text: str, low: str, pos: int, t: Tables) -> Quantity | None:
    """Read the quantity whose numeral starts at ``pos``, or None when it is not a figure."""
    ctx = t.context
    prev = text[pos - 1] if pos else " "
    if prev == "-" and pos >= 2 and (text[pos - 2].isalpha() or text[pos - 2].isdigit()):
        return None  # Covid-19, F-35, 2020-2021 (the second year)
    if prev in "#№+":
        return None
    if prev == "/" and not _after_slash_ok(low, pos, t):
        return None
    # the words before, read only for a numeral the character before has not ruled out (a pure read)
    before = _words_before(low, pos, t.max_phrase + 2)
    # ranks: "thứ 11/108", "lớn thứ 8", "hạng 3"
    rank = _rank(text, low, pos, before, t)
    if rank is not None:
        return rank
    dm = _DATE_AT.match(low, pos)
    core = _core(low, pos, t)
    if core is None:
        return None
    if dm is not None and dm.end() > core.end:
        # a date or clock time unless a unit follows the second number (a range "2-3%")
        rng = _range(text, low, core, t, ua=_unit_at(low, core.end, t))
        if rng is None:
            return None
        return _finish(text, low, pos, before, rng, t)
    glued = low[core.end : core.end + 1]
    # ``[^\W\d_]`` on one character: alphanumeric (``\w`` less ``_``) and no decimal digit (``\d``)
    if glued and glued.isalnum() and not glued.isdecimal() and t.unit_re.match(low, core.end) is None:
        return None  # 5G, 4K, 12A: a code
    sign = _negative_start(text, low, pos, before, t)
    if sign is not None and before and before[-1] in ctx["negative_word"]:
        before = before[:-1]  # "khoảng âm 30 độ": the qualifier stands before "âm"
    unit = _unit_at(low, core.end, t)  # read once: the range's first bound has the same unit
    rng = _range(text, low, core, t, sign is not None, unit)
    if rng is not None:
        return _finish(text, low, pos, before, _signed(text, rng, sign, t), t)
    if unit is not None:
        if _is_year(text, core) and unit[1] in ("physical", "ratio"):
            return None
        if unit[0] == "g" and (
            "G" in text[core.end : unit[2]]
            or " ".join(_WORD.findall(low, unit[2], unit[2] + 8)[:1]) in ctx["clock_after"]
        ):
            return None  # 5G, 4G: a network generation; "7g sáng": a clock time
        q = Quantity(text[pos : unit[2]], pos, unit[2], core.value, unit[0], unit[1])
        return _finish(text, low, pos, before, _signed(text, q, sign, t), t)
    # no unit: a duration, a date, a name, or a count
    if (rm := _RANGE.match(low, core.end)) and (b := _core(low, rm.end(), t)):
        core_end = b.end  # "3,5 tỷ đến 4,5 tỷ năm trước": what follows the range decides
    else:
        core_end = core.end
    nxt = _WORD.match(low, core_end + 1) if low[core_end : core_end + 1] == " " else None
    # the two words after are joined only when the next word alone is no time word
    time_word = nxt and (
        nxt.group() in ctx["time_after"]
        or " ".join(_WORD.findall(low, core_end, core_end + 30)[:2]) in ctx["time_after"]
    )
    if time_word and t.counted_re.match(low, core_end) is None:  # "ngày khách" is counted, "3 ngày" is not
        return None
    if _is_year(text, core):
        return None
    if _phrase_end(before, ctx["date_before"], t.max_phrase)[1] and not _age_after(low, core.end, t):
        return None  # "lúc 10 tuổi", "năm 15 tuổi": an age, not a time
    named = _phrase_end(before, t.name_or_count, t.max_phrase)[0]
    if named and named not in ctx["count_before"] and t.counted_re.match(low, core.end) is None:
        return None
    if _NAME_DASH.search(text, max(0, pos - 40), pos) or (
        _after_name(text, pos) and t.counted_re.match(low, core.end) is None
    ):
        # "Đại hội 14", "tàu KRI Nanggala - 402": a number that is part of a name; but a listed
        # counted noun after it makes it a figure about the name ("kém Atletico 5 điểm")
        return None
    if not core.scaled and (om := _ODDS.match(low, core.end)) and om.group(1) in ctx["odds_word"]:
        against = parse_numeral(om.group(2)) or 1.0  # "80 ăn 1": odds of 80 to 1
        return Quantity(text[pos : om.end()], pos, om.end(), core.value / against, "odds", "ratio")
    counted_end, counted = _counted(text, low, core.end, t)
    if counted is None:
        if not core.scaled:
            return None
        counted_end = core.end
    q = Quantity(text[pos:counted_end], pos, counted_end, core.value, "count", "count", counted=counted)
    if core.value == 1 and not core.scaled and _negated(before, ctx):
        q.value = 0.0  # "không thể tạo ra nổi 1 cú sút": not even one
    return _finish(text, low, pos, before, q, t)


_MINUS: Final = "-−–"
_RANGE_SIGN: Final = re.compile(r"\s*(?:-|–|—|(?:cho\s+)?(?:đến|tới))\s*(?:[-−]|âm\s+)(?=\d)")


def _negative_start(text: str, low: str, pos: int, before: list[str], t: Tables) -> int | None:
    """Where a minus sign or ``âm`` before the numeral at ``pos`` starts, else None.

    ``-30 độ``, ``(-5°C)``, ``âm 30 độ C``; not a dash glued to a word (``Covid-19``, handled before)
    nor a dash after a number (``20 -30 độ`` is a range).
    """
    if pos and text[pos - 1] in _MINUS:
        i = pos - 2
        while i >= 0 and text[i] == " ":
            i -= 1
        return pos - 1 if i < 0 or not text[i].isalnum() or text[i].isalpha() else None
    if before and before[-1] in t.context["negative_word"]:
        return low.rfind(before[-1], 0, pos)
    return None


def _signed(text: str, q: Quantity, sign: int | None, t: Tables) -> Quantity:
    """Make a temperature negative when a sign stood before it (``signed_unit``); the sign joins the span.

    Ranges get their signs in ``_range``; here only the start of the span moves to the sign.
    """
    if sign is None or q.unit not in t.context["signed_unit"]:
        return q
    if q.value_end is None:
        q.value = -q.value
    q.start, q.text = sign, text[sign : q.end]
    return q


_ODDS: Final = re.compile(rf"\s+({LETTER}+)\s+(\d+)(?![\d.,]\d)")


def _negated(before: list[str], ctx: dict[str, frozenset[str]]) -> bool:
    """Is a count of one said not to happen (``không thể tạo ra nổi 1 cú sút``, ``chưa có 1 ca``)?

    Not when the word before the figure turns the negation into a bound or a restriction
    (``không chỉ 1 lần`` = more than once, ``không quá 1``, ``không phải 1 mà 2``).
    """
    if not before or before[-1] in ctx["one_not_negated"]:
        return False
    return any(w in ctx["negation"] for w in before[-6:])


def _age_after(low: str, end: int, t: Tables) -> bool:
    """Is the number followed by an age word (``tuổi``), which no date or time is?"""
    cm = t.counted_re.match(low, end)
    return cm is not None and cm.group(1) in t.context.get("age_word", ())


def _after_slash_ok(low: str, pos: int, t: Tables) -> bool:
    """``3GB RAM/32GB ROM``: a number after ``word/`` is a figure when its unit follows and the word
    before the slash is not itself a unit (``đồng/1kg`` is a rate's denominator)."""
    word = _words_before(low, pos - 1, 1)
    if not word or low[pos - 2 : pos - 1].isspace():
        return False
    core = _core(low, pos, t)
    unit = _unit_at(low, core.end, t) if core is not None else None
    if unit is None:
        return False
    # "12GB/256GB": the same unit on both sides of the slash is a list of options, not a rate
    return word[0] not in t.units or t.units[word[0]][0] == unit[0]


def _after_name(text: str, pos: int) -> bool:
    """A number right after a capitalised word inside a sentence is part of a name (``Đại hội 14``)."""
    if not pos or text[pos - 1] != " ":
        return False  # most number words and numerals: glued to what is before, or at the start
    i = pos - 2
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0:
        return False
    # the word before mostly follows a space: found with ``rfind`` and checked whole, not walked
    # letter by letter (the walk below stops at the first character that is neither alphanumeric nor -)
    j = text.rfind(" ", 0, i)
    word = text[j + 1 : i + 1]
    if not word.replace("-", "").isalnum():
        j = i
        while j >= 0 and (text[j].isalnum() or text[j] == "-"):
            j -= 1
        word = text[j + 1 : i + 1]
    # a lower-case word (most) has no capital: ``islower`` says so without a loop over its letters
    if not word or word.islower() or not any(c.isupper() for c in word):
        return False
    k = j
    while k >= 0 and text[k] == " ":
        k -= 1
    sentence_start = k < 0 or text[k] in '.!?\n:"“(-–'
    return not sentence_start or sum(c.isupper() for c in word) > 1


def _counted(text: str, low: str, pos: int, t: Tables) -> tuple[int, str | None]:
    """The noun counted after a number: a table entry, else the next one or two lower-case content words."""
    cm = t.counted_re.match(low, pos)
    if cm is not None:
        return cm.end(), " ".join(cm.group(1).split())
    words: list[str] = []
    end = pos
    for _ in range(2):
        wm = _NEXT_WORD.match(text, end)
        if wm is None or not wm.group(2).islower() or wm.group(2) in t.stopwords:
            break
        words.append(wm.group(2))
        end = wm.end()
    if not words:
        return pos, None
    return end, " ".join(words)


def _rank(text: str, low: str, pos: int, before: list[str], t: Tables) -> Quantity | None:
    ctx = t.context
    # a rank needs "thứ", "số" or a rank word right before the number: most numbers have none, known
    # from one lookup (``_phrase_end`` of ``rank_before`` finds nothing unless the last word ends a phrase)
    last = before[-1] if before else ""
    if last != "thứ" and last != "số" and last not in t.last_words[id(ctx["rank_before"])]:
        return None
    nm = _RANK_NUMBER.match(low, pos)
    if nm is None:
        return None
    value = float(nm.group())
    end = nm.end()
    of = _RANK_OF.match(low, end)
    rank_of = int(of.group(1)) if of else None
    start = None
    if before and before[-1] == "thứ":
        adj, _ = _phrase_end(before[:-1], ctx["rank_adj"], 2)
        if adj or rank_of is not None:
            start = low.rfind("thứ", 0, pos)
    elif (phrase := _phrase_end(before, ctx["rank_before"], 3))[1] and not _DATE_AT.match(low, pos):
        start = low.rfind(phrase[0], 0, pos)
        if phrase[0] == "top":
            return _top(text, low, start, pos, end, value, before[:-1], t)
    elif before and before[-1] == "số" and value == 1 and _number_one(text, low, pos, end, before, t):
        start = low.rfind("số", 0, pos)
    if start is None or start < 0:
        return None
    if of is not None:
        end = of.end()
    elif (om := _RANK_OF_WORDS.match(low, end)) is not None:
        end, rank_of = om.end(), int(om.group(1))  # "vị trí 45 trong danh sách 50 người"
    return Quantity(text[start:end], start, end, value, "rank", "rank", rank_of=rank_of)


def _number_one(text: str, low: str, pos: int, end: int, before: list[str], t: Tables) -> bool:
    """``tốc độ tăng trưởng số 1 trên thị trường``: "number one" after a lower-case noun, not an address
    (``Gio Hải số 1, huyện``), an index (``hệ số 1``, ``nhà số 1``) or a count (``tổng số 1.131``)."""
    ctx = t.context
    if len(before) < 2:
        return False
    names = t.name_or_count
    if before[-2] in names or " ".join(before[-2:]) in names or " ".join(before[-3:]) in names:
        return False
    prev = _LAST_WORD.search(text[max(0, pos - 40) : low.rfind("số", 0, pos)])
    if prev is None or not prev.group(1).islower():
        return False
    nxt = _WORD.findall(text, end, end + 30)[:2]
    if not nxt or low[end : end + 1] != " ":
        return False
    return nxt[0][0].isupper() or _has_phrase([w.lower() for w in nxt][:2], ctx["number_one_after"])


_RANK_OF_WORDS: Final = re.compile(r"\s+(?:trong|trên)\s+(?:danh sách|tổng số|số)\s+(\d+)(?![\d.,]\d)")


def _top(
    text: str, low: str, start: int, pos: int, end: int, value: float, before: list[str], t: Tables
) -> Quantity | None:
    """``lọt Top 100 người ...`` and ``top 100 món ăn`` are membership: rank at most 100; only after a
    verb of selecting (``top_count``) before or after it (``chọn Top 70 thí sinh``, ``Top 70 thí sinh được
    lựa chọn``) does it count 70."""
    if _phrase_end(before, t.context["top_member"], 2)[1]:
        return Quantity(text[start:end], start, end, value, "rank", "rank", qualifier="at most")
    counted_end, counted = _counted(text, low, end, t)
    if counted is None:
        return Quantity(text[start:end], start, end, value, "rank", "rank")
    after = _WORD.findall(low, counted_end, counted_end + 30)[:3]
    selected = len(after) > 1 and after[0] == "được" and _has_phrase(after[1:], t.context["top_count"])
    if not selected and not _phrase_end(before, t.context["top_count"], 2)[1]:
        # "kỷ lục top 100 món ăn đặc sản": one of a ranked list, not a hundred dishes
        return Quantity(text[start:end], start, end, value, "rank", "rank", qualifier="at most")
    return Quantity(text[start:counted_end], start, counted_end, value, "count", "count", counted=counted)


def _range(
    text: str,
    low: str,
    a: _Core,
    t: Tables,
    neg_a: bool = False,
    ua: tuple[str, str, int] | None = None,
) -> Quantity | None:
    """``2-3%``, ``từ 25% đến 30%``, ``5 đến 7 triệu đồng``: a range needs a unit.

    A temperature's bounds may be signed (``-30 độ đến -40 độ``, ``âm 5 đến 5 độ C``): the range then
    runs from the lower to the higher value, whichever the text names first.  ``ua`` is the unit
    after ``a`` (``_unit_at(low, a.end, t)``), which the caller has read already.
    """
    after_a = ua[2] if ua else a.end
    rm = _RANGE.match(low, after_a)
    neg_b = False
    if rm is None:
        if (ua is not None and ua[0] not in t.context["signed_unit"]) or (
            rm := _RANGE_SIGN.match(low, after_a)
        ) is None:
            return None
        neg_b = True
    b = _core(low, rm.end(), t)
    if b is None:
        return None
    ub = _unit_at(low, b.end, t)
    counted = None
    if ub is None and ua is None and (cm := t.counted_re.match(low, b.end)) is not None:
        counted = " ".join(cm.group(1).split())
        ub = ("count", "count", cm.end())  # "70-80 nghìn lượt khách"
    if ub is None or (ua is not None and ua[0] != ub[0] and not ub[0].startswith(ua[0] + "/")):
        return None  # "300.000 đồng - 500.000 đồng/kg": the rate named once, at the end, is both bounds'
    if ub[0] in t.context["signed_unit"] and (neg_a or neg_b):
        lo, hi = sorted((-a.value if neg_a else a.value, -b.value if neg_b else b.value))
        return Quantity(text[a.start : ub[2]], a.start, ub[2], lo, ub[0], ub[1], value_end=hi)
    if neg_b:
        return None
    lo = a.value
    raw_b = _NUM_AT.match(low, b.start).group()  # type: ignore[union-attr]
    if not a.scaled and b.scaled and ua is None:
        lo = a.value * (b.value / (parse_numeral(raw_b) or b.value))
    elif not a.scaled and not b.scaled and "." not in low[a.start : a.end] and lo < 1000 <= b.value:
        if lo * 1000 < b.value:  # "10-15.000 đồng", "10 - 20000 đồng": the first bound drops its thousands
            lo *= 1000
    if lo >= b.value:
        return None  # "2-1" is a score, not a range
    q = Quantity(text[a.start : ub[2]], a.start, ub[2], lo, ub[0], ub[1], value_end=b.value, counted=counted)
    return q


def _finish(text: str, low: str, pos: int, before: list[str], q: Quantity, t: Tables) -> Quantity:
    """Add the qualifier, change direction and ratio reading from the words around the figure."""
    words = list(before)
    if q.value_end is not None and words and words[-1] == "từ":
        words = words[:-1]
    if (comp := _phrase_end(words, t.comparatives, 2)[0]) and (
        q.kind in ("percent", "ratio") and comp not in t.comparatives_counts_only or _difference(text, low, q)
    ):
        q.direction = t.comparatives[comp]  # "cao hơn 70%": 70% higher, not "over 70%"
        return q
    ctx = t.context
    if q.value_end is None and words and words[-1] == "từ" and _starting_at(low, q, before, ctx):
        q.qualifier = "at least"  # "giá từ 799 USD", "từ 0,1 mm đến vài mm"
        words = words[:-1]
    level, lk = _phrase_end(words, ctx["level_word"], 2)
    qual, k = _phrase_end(words[:-lk] if level else words, t.qualifiers, 3)
    if not qual and not level and len(words) > 1 and words[-1] in ctx["qual_gap"]:
        qual, k = _phrase_end(words[:-1], t.qualifiers, 3)  # "ít nhất là 1m", "ít nhất thêm 2 lần"
        k += 1 if qual else 0
    if qual and q.qualifier is None:
        q.qualifier = t.qualifiers[qual]
        words = words[: -(k + lk)] if level else words[:-k]
    if (
        q.qualifier is None
        and words
        and words[-1] in ctx.get("age_qualifier", ())
        and q.counted in ctx.get("age_word", ())
    ):
        q.qualifier = "over"  # "ngoài 60 tuổi"; "ngoài 2 bàn thắng" is "besides"
        words = words[:-1]
    if am := t.after_re.match(low, q.end):
        q.qualifier = q.qualifier or t.qualifiers_after[" ".join(am.group(1).split())]
    ratio, rk = _phrase_end(words, t.context["ratio_before"], 2)
    if ratio and q.kind == "count":
        q.unit, q.kind, q.counted = "times", "ratio", None
        q.end = pos + len(_NUM_AT.match(low, pos).group())  # type: ignore[union-attr]
        q.text = text[pos : q.end]
    if ratio:
        words = words[:-rk]
        qual, k = _phrase_end(words, t.qualifiers, 3)  # "gần gấp 9 lần"
        if qual and q.qualifier is None:
            q.qualifier = t.qualifiers[qual]
            words = words[:-k]
        q.direction = "up" if words and words[-1] == "tăng" else q.direction
    if words and words[-1] in t.change_adverbs and len(words) > 1:
        adverb_free = words[:-1]
    else:
        adverb_free = words
    for cand in (words, adverb_free):
        verb, _ = _phrase_end(cand, t.changes, 3)
        if verb:
            direction = t.changes[verb]
            if direction != "level":
                q.direction = direction
            break
    return q


def _starting_at(low: str, q: Quantity, before: list[str], ctx: dict[str, frozenset[str]]) -> bool:
    """Is ``từ X`` a lower bound: a price (``có giá từ``) or a range with a vague end (``đến vài``)?"""
    if (m := _VAGUE_END.match(low[q.end : q.end + 20])) and m.group(1) in ctx["vague_end"]:
        return True
    return _has_phrase(before[-6:-1], ctx["price_word"])


def _has_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    """Does a word or a two-word phrase of ``phrases`` occur in ``words``?"""
    return any(w in phrases or " ".join(words[i : i + 2]) in phrases for i, w in enumerate(words))


def _difference(text: str, low: str, q: Quantity) -> bool:
    """After a comparative, is the figure a difference rather than a bound?

    ``thấp hơn 10 triệu đồng so với giá ...`` (the base follows in the clause) and ``thi đấu nhiều
    hơn 1 trận`` (a bound of one whole thing says nothing; a difference of one does) are differences;
    ``doanh thu ít hơn 300 triệu euro`` is a bound (under).
    """
    cut = _CLAUSE_END.search(low, q.end)
    if "so với" in low[q.end : cut.start() if cut else len(low)]:
        return True
    return q.kind == "count" and text[q.start : q.start + 2] in ("1 ", "1")


def _word_quantities(
    text: str,
    low: str,
    t: Tables,
    blocked: list[tuple[int, int]],
    starts: list[int],
    found: list[Quantity],
) -> list[Quantity]:
    """Figures in words: ``hai mươi lăm tấn``, ``ba triệu đồng``, ``gấp đôi``."""
    out: list[Quantity] = []
    taken = [(q.start, q.end) for q in found]
    for m in _RATIO_WORDS.finditer(low):
        value = {"đôi": 2.0, "rưỡi": 1.5}.get(m.group(1)) or parse_words(m.group(1))
        if value is None or _overlaps(blocked, starts, m.start(), m.end()):
            continue
        s = m.start(1)
        q = Quantity(text[s : m.end()], s, m.end(), value, "times", "ratio")
        out.append(_finish(text, low, s, _words_before(low, m.start(), 4), q, t))
        taken.append((m.start(), m.end()))
    for m in _RANK_WORDS.finditer(low):
        before = _words_before(low, m.start(), 3)
        if not _phrase_end(before, t.context["rank_adj"], 2)[1] or _overlaps(
            blocked, starts, m.start(), m.end()
        ):
            continue
        value = parse_words(m.group(1))
        if value is not None:
            out.append(Quantity(text[m.start() : m.end()], m.start(), m.end(), value, "rank", "rank"))
            taken.append(m.span())
    for m in _word_numbers(low, t):
        words = m.group().split()
        s, e = m.span()
        # most other number words ("một", "hai") have neither a unit nor a scale
        unit = _unit_at(low, e, t)
        scaled = not t.scales.keys().isdisjoint(words)
        if (unit is None or unit[0] == "times") and not scaled and not _after_name(text, s):
            continue
        if t.idiom_re is not None and t.idiom_re.match(low, s):
            continue  # "dạy cho X một bài học", "một lần nữa": an idiom, not the number one
        if any(a < e and s < b for a, b in taken) or _overlaps(blocked, starts, s, e):
            continue
        value = parse_words(" ".join(words))
        if value is None or value == 0:
            continue
        if (
            unit is not None
            and low[e : unit[2]].strip() in t.context.get("vague_unit", ())
            and words == ["một"]
        ):
            continue  # "thu hút được một lượng người": "an amount of", no figure
        if unit is not None and unit[0] != "times":
            q = Quantity(text[s : unit[2]], s, unit[2], value, unit[0], unit[1])
        else:
            cm = t.counted_re.match(low, e)
            if cm is None or not (scaled or _after_name(text, s)):
                # "hai nước", "ba cuộc": a reference to things, not a reported figure; but right after
                # a name it is a figure about the name ("kém Chelsea một điểm")
                continue
            counted = " ".join(cm.group(1).split())
            q = Quantity(text[s : cm.end()], s, cm.end(), value, "count", "count", counted=counted)
        out.append(_finish(text, low, s, _words_before(low, s, t.max_phrase + 2), q, t))
    return out


def _word_numbers(low: str, t: Tables) -> Iterator[re.Match[str]]:
    """The matches of ``word_number_re`` whose first word may open a figure (not ``word_no_start``).

    More than half of that scan's matches open with ``không``, ``năm``, ``tư``, ... and are dropped,
    but each hides the number words after it (``năm mươi``, ``không một``).  ``word_start_re`` scans
    for the other openers only (the engine stops at fewer letters) and drops a match that a dropped
    one would have hidden (``_hidden``): the same matches, each ending where the full scan's does (a
    match ends at the last place the chain of number words may end, wherever in the chain it starts).
    """
    if t.word_start_re is None:
        no_start = t.context["word_no_start"]
        for m in t.word_number_re.finditer(low):
            if m.group().split()[0] not in no_start:
                yield m
        return
    firsts, every = t.first_number_words, t.number_word_set
    for m in t.word_start_re.finditer(low):
        pos = m.start()
        if pos and low[pos - 1].isspace() and _hidden(low, pos, firsts, every):
            continue
        yield m


def _hidden(low: str, pos: int, firsts: frozenset[str], every: frozenset[str]) -> bool:
    """Is the number word at ``pos`` inside a match of the full number-word scan that starts before it?

    It is when a chain of whole number words, each followed by white space, runs up to it and one of
    them may open a match (a non-scale number word: ``năm``, ``không``; a maximal letter run has no
    letter before it); a scale word (``triệu``) only continues the chain to the left, and only after
    white space (a tail word follows ``\\s+``).  Letters are ``[^\\W\\d_]`` as in the scan:
    alphanumeric and not a decimal digit; white space is ``\\s``: ``str.isspace``.
    """
    i = pos
    while i > 0 and low[i - 1].isspace():
        j = i - 1
        while j > 0 and low[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and low[k - 1].isalnum() and not low[k - 1].isdecimal():
            k -= 1
        word = low[k:j]
        if word not in every:
            return False
        if word in firsts:
            return True
        i = k
    return False
