"""What in an article's text is not article body: headers, datelines, bylines, captions.

Two jobs:

* ``strip_header`` removes the metadata a file carries *before* the article
  (a first-line marker `` date 2026-02-17`` followed by the text on the same
  line; ``# key = value`` header lines) and returns it as a dict.  Those
  characters are not stored.
* ``layout`` reads the stored text and finds the lines (or parts of lines)
  that belong to the page rather than to the article: a section label above
  the headline (``Chính trị``), a publication timestamp (``14/02/2026 07:22``,
  alone or ending the title line), an outlet lead (``(VTC News) -``,
  ``(PLO)-``, ``TTO -``), a credit line (``Theo Trần Thường/ Vietnamnet``),
  photo captions (``... Ảnh: TTXVN``, ``(Ảnh: Lệ Thu)``, an image file name
  line and the caption under it), end marks (``(Hết)``).  They stay in the
  stored text and are returned as skip spans, so analysis ignores them but
  quotes and offsets still match the stored article.

Vocabulary (outlets, section labels, caption cues, dateline words, end marks)
lives in ``vi/data/ingest_*``; the rules that use it are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import urlsplit

from biennien.ingest.dates import parse_date_value
from biennien.ingest.fastfold import fast_fold as fold
from biennien.vi.normalise import collapse_ws
from biennien.vi.resources import table, word_list

# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Outlets:
    by_alias: dict[str, str]
    by_domain: dict[str, str]


@cache
def outlets() -> Outlets:
    by_alias: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for row in table("ingest_outlets.tsv"):
        name = row[0]
        domains = row[1].split(",") if len(row) > 1 else []
        aliases = row[2].split("|") if len(row) > 2 else []
        for alias in [name, *aliases]:
            by_alias.setdefault(_key(alias), name)
        for dom in domains:
            if dom.strip():
                by_domain[dom.strip().lower()] = name
    return Outlets(by_alias, by_domain)


def _key(s: str) -> str:
    return collapse_ws(fold(s)).strip(" .")


def outlet_by_alias(name: str) -> str | None:
    """The canonical outlet name for an alias as written (``PLO`` -> ``Pháp Luật TP.HCM``).

    A leading ``Báo``/``Tạp chí`` (``Báo Tuổi Trẻ``) is ignored.
    """
    key = _key(name)
    found = outlets().by_alias.get(key)
    if found is None:
        for prefix in ("bao dien tu ", "bao ", "tap chi "):
            if key.startswith(prefix):
                found = outlets().by_alias.get(key[len(prefix) :])
                break
    return found


def outlet_by_url(url: str) -> str | None:
    """The canonical outlet for a URL's host (``https://dantri.com.vn/...`` -> ``Dân trí``)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):  # longest suffix first: infonet.vietnamnet.vn before vietnamnet.vn
        name = outlets().by_domain.get(".".join(parts[i:]))
        if name:
            return name
    return None


@cache
def _sections() -> frozenset[str]:
    return frozenset(_key(s) for s in word_list("ingest_sections.txt"))


@cache
def _end_marks() -> frozenset[str]:
    return frozenset(_key(s) for s in word_list("ingest_end_marks.txt"))


@cache
def _caption_cue_pattern() -> str:
    cues = sorted(word_list("ingest_caption_cues.txt"), key=len, reverse=True)
    return "|".join(re.escape(c) for c in cues)


@cache
def _caption_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cue = _caption_cue_pattern()
    # "Ảnh: Giáp Tống", "Ảnh chụp màn hình." at the start of a line
    start = re.compile(rf"^\(?(?:{cue})\s*(?::|\.?\)?\.?$)", re.IGNORECASE)
    # "... phát biểu. Ảnh: TTXVN", "... (Ảnh: Lệ Thu).", "... (Ảnh minh họa)"
    end_colon = re.compile(
        rf"(?:^|[\s(])\(?(?:{cue})\s*:\s*[^():]{{0,60}}?\)?\s*\.?$",
        re.IGNORECASE,
    )
    # "... Ảnh VGP/Đình Nam", "(Ảnh Duy Thành)": no colon, so the cue must open a
    # parenthesis or follow a full stop and be capitalised, with a short credit after it
    end_bare = re.compile(
        rf"(?:\(|[.!?…]\s+)(?:{cue})(?:\s+[A-ZĐÀ-Ỹ][^\s():]*){{0,5}}\s*\)?\s*\.?$",
    )
    # "... (ảnh minh họa)", "(ảnh cắt từ clip nguồn Facebook)": a whole bracket that ends the
    # line, in any case, unless the cue word is part of another word ("ảnh hưởng")
    not_cue = "|".join(re.escape(w) for w in word_list("ingest_caption_not_cue.txt"))
    end_paren = re.compile(rf"\((?:{cue})(?!\s+(?:{not_cue})\b)(?:\s[^()]{{0,80}})?\)\s*\.?$", re.IGNORECASE)
    return start, end_colon, end_bare, end_paren


@cache
def _cue_anywhere() -> re.Pattern[str]:
    """Any caption cue exactly as written: ``end_bare`` (case-sensitive) cannot match without one.

    A literal alternation, so the engine skips straight to the cues' first letters; a line tail
    without any cue skips ``end_bare`` (the other two patterns need a ``:`` or a ``)``).
    """
    return re.compile(_caption_cue_pattern())


@cache
def _dateline_words() -> tuple[str, ...]:
    return tuple(sorted((_key(w) for w in word_list("ingest_datelines.txt")), key=len, reverse=True))


# ---------------------------------------------------------------- header


_MARKER = re.compile(
    r"^[ \t]*date[ \t]*[:=]?[ \t]+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)[ \t]*",
)
_HEADER_LINE = re.compile(r"^#[ \t]*([A-Za-z][\w.-]*)[ \t]*[=:][ \t]?(.*?)[ \t]*$")


@dataclass(slots=True)
class Header:
    """Metadata read from before the article, and the text left after removing it."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def strip_header(text: str) -> Header:
    """Remove a `` date YYYY-MM-DD`` first-line marker and ``# key = value`` header lines.

    The marker is followed by the article on the same line, so only the marker
    and the blanks after it are removed.  Header lines are read while they
    last at the top of the file (blank lines between them allowed); keys are
    lower-cased.
    """
    meta: dict[str, str] = {}
    m = _MARKER.match(text)
    if m:
        meta["date"] = m[1]
        text = text[m.end() :]
    pos = 0
    consumed = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        hm = _HEADER_LINE.match(line)
        if hm:
            meta.setdefault(hm[1].lower(), hm[2])
            consumed = end + 1
        elif line.strip():
            break
        pos = end + 1
    if consumed:
        text = text[consumed:]
    return Header(text, meta)


# ---------------------------------------------------------------- dateline


_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_TIME = r"(\d{1,2})[:hg](\d{2})(?::\d{2})?"
_TS_DATE_TIME = re.compile(rf"^{_DATE}(?:[\s,|-]*{_TIME})?$")
_TS_TIME_DATE = re.compile(rf"^{_TIME}[\s,|-]*{_DATE}$")
_TITLE_TAIL = re.compile(rf"\s+{_DATE}[\s,|-]*{_TIME}\s*(?:\(?\s*GMT\s*\+\s*0?7\s*\)?)?\s*$", re.IGNORECASE)


def parse_timestamp_line(line: str) -> str | None:
    """ISO date/datetime when ``line`` is nothing but a publication timestamp.

    Allowed around the date and time: weekday names, ``Cập nhật``, ``GMT+7``
    and separators (table ``ingest_datelines.txt``); any other word means the
    line is ordinary text that happens to contain a date.
    """
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return None
    s = _key(line)
    for w in _dateline_words():
        s = re.sub(rf"(?<![\w+]){re.escape(w)}(?![\w+])", " ", s)
    s = re.sub(r"[()\s,|:]+$", "", re.sub(r"^[()\s,|:-]+", "", s))
    s = re.sub(r"\(\s*\)", " ", s)
    s = collapse_ws(s.replace(",", " ").replace("|", " "))
    m = _TS_DATE_TIME.match(s)
    if m:
        return parse_date_value(f"{m[1]}/{m[2]}/{m[3]}" + (f" {m[4]}:{m[5]}" if m[4] else ""))
    m = _TS_TIME_DATE.match(s)
    if m:
        return parse_date_value(f"{m[3]}/{m[4]}/{m[5]} {m[1]}:{m[2]}")
    return None


# ---------------------------------------------------------------- layout


@dataclass(slots=True)
class Line:
    start: int  # offsets of the stripped line content in the text
    end: int
    text: str


@dataclass(slots=True)
class Layout:
    """What ``layout`` found: title, page furniture as skip spans, and metadata read from it."""

    title: str | None = None
    outlet: str | None = None
    outlet_as_written: str | None = None
    author: str | None = None
    credit: str | None = None
    dateline: str | None = None
    skip_spans: list[tuple[int, int]] = field(default_factory=list)
    labels: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, kind) for each span

    def skip(self, start: int, end: int, kind: str) -> None:
        if end > start:
            self.skip_spans.append((start, end))
            self.labels.append((start, end, kind))


def lines_of(text: str) -> list[Line]:
    """Non-empty lines with the offsets of their stripped content."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def is_section_label(line: str) -> bool:
    """``Chính trị``, ``Thời sự > Chính trị``: a line made only of section labels."""
    if len(line) > 60:
        return False
    parts = [p for p in re.split(r"\s*(?:>|»|\||/|\s-\s|›)\s*", line) if p.strip()]
    return bool(parts) and all(_key(p) in _sections() for p in parts)


_LEAD_PAREN = re.compile(r"^\(([^()\n]{2,40})\)\s*[-–—:]\s*")
_LEAD_BARE = re.compile(r"^([^\s()\-–—]{2,20}(?:\s[^\s()\-–—]{1,15})?)\s*[-–—]\s*")


def outlet_lead(line: str) -> tuple[int, str] | None:
    """Length and outlet name of a lead such as ``(VTC News) -``, ``(PLO)-``, ``TTO -``.

    A parenthesised lead may name any outlet; a bare one must be a known alias
    (``Hà Nội - ...`` is not a lead).
    """
    m = _LEAD_PAREN.match(line)
    if m and m[1][0].isupper():
        return m.end(), m[1].strip()
    m = _LEAD_BARE.match(line)
    if m and outlet_by_alias(m[1]):
        return m.end(), m[1].strip()
    return None


_CREDIT_PAIR = re.compile(r"^Theo\s+([^,;:/()]{2,60}?)\s*/\s*([^,;:/()]{2,40}?)\s*\.?$")
_CREDIT_ONE = re.compile(r"^(?:Theo|Nguồn\s*:)\s+([^,;:/()]{2,40}?)\s*\.?$")


def credit_line(line: str, edge: bool) -> tuple[str | None, str] | None:
    """(author, outlet) of ``Theo <author>/ <outlet>``; (None, source) of ``Theo <source>``.

    ``Theo Bộ Ngoại giao, ...`` opens a sentence, so a credit line has no
    comma and at most six words a side.  The one-name form is accepted only
    at the edges of the article (``edge``), where credit lines sit.
    """
    m = _CREDIT_PAIR.match(line)
    if m and len(m[1].split()) <= 6 and len(m[2].split()) <= 6:
        return m[1].strip(), m[2].strip()
    if edge:
        m = _CREDIT_ONE.match(line)
        if m and len(m[1].split()) <= 6 and m[1][0].isupper():
            return None, m[1].strip()
    return None


# how far from the end of a line a caption credit can start (cue, colon, a 60-80 character credit)
_CREDIT_TAIL = 200


@lru_cache(maxsize=4096)
def caption_credit(line: str) -> int | None:
    """Where the photo credit starts in a caption line (0 when the line opens with the cue), or None.

    Cached: the layout asks this of the same lines several times (is it a caption, which part).
    """
    if len(line) > 600:
        return None
    start, end_colon, end_bare, end_paren = _caption_res()
    if start.match(line):
        return 0
    # a credit ends the line and is short: searching only its tail gives the same match, and the
    # end-anchored patterns are otherwise tried at every position of every line
    tail = max(0, len(line) - _CREDIT_TAIL)
    # each pattern needs a literal in its match (which starts at or after ``tail``): end_colon a
    # ``:``, end_paren a ``)``, end_bare a cue as written; a pattern whose literal is absent cannot
    # match, so skipping it leaves the first match of the three unchanged
    m = None
    if line.find(":", tail) >= 0:
        m = end_colon.search(line, tail)
    if m is None and _cue_anywhere().search(line, tail):
        m = end_bare.search(line, tail)
    if m is None and line.find(")", tail) >= 0:
        m = end_paren.search(line, tail)
    if m is None:
        return None
    pos = m.start()
    while pos < len(line) and (line[pos].isspace() or line[pos] in ".!?…"):
        pos += 1
    return pos


_INNER_SENTENCE = re.compile(r"[.!?…][\"”’)]*\s+[\"“‘(]?[A-ZĐÀ-Ỹ]")


def caption_span(line: str) -> tuple[int, int] | None:
    """The part of ``line`` that is caption: the whole line, or only the credit.

    A caption is one sentence (``Tổng Bí thư Tô Lâm. Ảnh: TTXVN``); a paragraph
    of several sentences that ends in a credit (photo essays) keeps its
    sentences as body and loses only ``(Ảnh: Toàn Vũ).``.
    """
    pos = caption_credit(line)
    if pos is None:
        return None
    before = line[:pos].rstrip()
    if pos == 0 or (len(before) <= 300 and not _INNER_SENTENCE.search(before)):
        return 0, len(line)
    return pos, len(line)


def is_caption(line: str) -> bool:
    """A photo/video caption or credit line (``... Ảnh: TTXVN``, ``(Ảnh minh họa)``)."""
    return caption_credit(line) is not None


_IMAGE_FILE = re.compile(r"^[\w.\-/%~+]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|avif|heic)$", re.IGNORECASE)


def is_image_file_line(line: str) -> bool:
    return bool(_IMAGE_FILE.match(line))


_FINAL = ".,;:"


def looks_like_headline(line: str) -> bool:
    """Short, one sentence, no final full stop: what a headline looks like."""
    if len(line) > 200 or len(line.split()) > 35 or len(line.split()) < 2:
        return False
    if line[-1] in _FINAL or line.endswith("…") and not line.endswith("..."):
        return False
    first = line.lstrip("\"“‘'(«[")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


_MARKUP_SPACE = re.compile(r"&(?:nbsp|#160|#xa0);?", re.IGNORECASE)


def layout(text: str) -> Layout:
    """Find title, page furniture and the metadata it carries in a stored article text."""
    out = Layout()
    lines = lines_of(text)
    if not lines:
        return out
    n = len(lines)
    taken: set[int] = set()
    lead_outlet: str | None = None
    credit_outlet: str | None = None

    # top of the article: section labels, timestamps, title, credit, lead
    title_done = False
    lead_done = False
    for i, ln in enumerate(lines[:8]):
        s = ln.text
        if is_section_label(s) and not lead_done:
            out.skip(ln.start, ln.end, "section")
            taken.add(i)
            continue
        ts = parse_timestamp_line(s)
        if ts:
            out.skip(ln.start, ln.end, "dateline")
            out.dateline = out.dateline or ts
            taken.add(i)
            continue
        cr = credit_line(s, edge=True)
        if cr and title_done:
            out.author = out.author or cr[0]
            credit_outlet = credit_outlet or cr[1]
            out.credit = out.credit or s
            out.skip(ln.start, ln.end, "credit")
            taken.add(i)
            continue
        if is_caption(s) or is_image_file_line(s):
            continue  # handled below
        if not lead_done:
            lead = outlet_lead(s)
            if lead:
                length, name = lead
                lead_outlet = name
                out.skip(ln.start, ln.start + length if length < len(s) else ln.end, "lead")
                if length >= len(s):
                    taken.add(i)
                lead_done = title_done = True
                continue
        if not title_done:
            title_done = True
            head, tail_ts = s, None
            m = _TITLE_TAIL.search(s)
            if m and m.start() > 0:
                tail_ts = parse_date_value(f"{m[1]}/{m[2]}/{m[3]} {m[4]}:{m[5]}")
                if tail_ts:
                    head = s[: m.start()].rstrip()
                    out.skip(ln.start + m.start() + (len(m[0]) - len(m[0].lstrip())), ln.end, "dateline")
                    out.dateline = out.dateline or tail_ts
            if i + 1 < n and looks_like_headline(head):
                out.title = head
            continue
        lead_done = True  # the first body paragraph had no lead

    # the whole article: captions, image lines, credit lines, end marks
    i = 0
    while i < n:
        ln = lines[i]
        s = ln.text
        if i in taken:
            i += 1
            continue
        if is_image_file_line(s):
            out.skip(ln.start, ln.end, "image")
            nxt = i + 1
            if nxt < n and len(lines[nxt].text) <= 300 and _adjacent(text, ln, lines[nxt]):
                out.skip(lines[nxt].start, lines[nxt].end, "caption")
                taken.add(nxt)
                i += 1
            i += 1
            continue
        cap = caption_span(s) if s != out.title else None
        if cap is not None:
            out.skip(ln.start + cap[0], ln.start + cap[1], "caption" if cap[0] == 0 else "credit")
            i += 1
            continue
        at_end = i >= n - 3
        if at_end and _key(s) in _end_marks():
            out.skip(ln.start, ln.end, "end")
        elif at_end or i < 8:
            cr = credit_line(s, edge=at_end)
            if cr:
                out.author = out.author or cr[0]
                credit_outlet = credit_outlet or cr[1]
                out.credit = out.credit or s
                out.skip(ln.start, ln.end, "credit")
            elif at_end and i > 0:
                ts = parse_timestamp_line(s)
                if ts:
                    out.skip(ln.start, ln.end, "dateline")
                    out.dateline = out.dateline or ts
        i += 1

    written = lead_outlet or credit_outlet
    if written:
        out.outlet_as_written = written
        out.outlet = outlet_by_alias(written) or written
    if out.author and outlet_by_alias(out.author):  # "Theo Sina/QQ": two sources, no author
        out.author = None
    # HTML spaces left in copied text ("Đặc biệt,&nbsptrong"): blanked for analysis, kept in the text
    furniture = list(out.skip_spans)
    for m in _MARKUP_SPACE.finditer(text):
        if not any(a <= m.start() < b for a, b in furniture):
            out.skip(m.start(), m.end(), "markup")
    out.skip_spans.sort()
    out.labels.sort()
    return out


def _adjacent(text: str, a: Line, b: Line) -> bool:
    """``b`` follows ``a`` with at most one blank line between them."""
    return text.count("\n", a.end, b.start) <= 2
