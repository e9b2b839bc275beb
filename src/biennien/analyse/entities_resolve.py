"""In-document alias resolution: keys for mentions, short and bare references to full names.

Why a separate step: a name is often complete only once per article
(``Tổng thống Hoa Kỳ Donald Trump``) and shortened afterwards (``ông Trump``,
``Tổng thống``).  The key of every mention must not depend on the article
(``PER:donald trump``, ``GPE:hoa ky`` for ``Mỹ`` too), so that linking across
documents is a matter of equal keys; the short forms get the key of the full
name they refer to here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Final

from biennien.model import EntityType, Mention
from biennien.vi.gazetteer import gazetteer
from biennien.vi.normalise import fold as _fold
from biennien.vi.resources import table, word_list

# names repeat within and across articles: fold each spelling once
fold = lru_cache(maxsize=1 << 16)(_fold)

_ACRONYM: Final = re.compile(r"\s*\(([A-ZĐ][A-ZĐ0-9&\-]{1,9})\)")


@dataclass(slots=True)
class Found:
    """A mention as the sentence reader found it, before keys are assigned."""

    start: int
    end: int
    type: str
    name: str
    role: str | None = None
    canonical: str | None = None
    single: bool = False  # a one-word name: may be short for a full name
    unsure: bool = False  # a one-word capitalised name with no title: kept only if it resolves
    bare: bool = False  # a title with no name ("Tổng Bí thư"): refers to an earlier holder
    title: str | None = None
    title_kind: str | None = None
    tok_start: int = 0
    split_at: int | None = None
    foreign: bool = False  # a name that is not Vietnamese syllables (DeSombre, Park Hang-seo)
    initial: bool = False  # an unsure one-word name opening a sentence ("Anh cho biết")
    weak: bool = False  # a capitalised compound that is not plainly a name: kept only if it resolves
    alt_start: int = -1  # a place named by a family-name head ("Hồ ..."): where the person reading starts


_START: Final = attrgetter("start")

# a lone capitalised Vietnamese word: start, end, text, whether it opens a sentence
Light = tuple[int, int, str, bool]


@dataclass(slots=True)
class _Person:
    name: str
    key: str
    words: tuple[str, ...]
    start: int
    foreign: bool = False


class _People:
    """The article's full names, indexed by last and first word (a short name is looked up
    among the few full names sharing its last word, not against every name)."""

    def __init__(self, persons: Sequence[_Person]) -> None:
        self.by_last: dict[str, list[_Person]] = {}
        self.by_first: dict[str, list[_Person]] = {}
        for p in persons:
            if p.words:
                self.by_last.setdefault(p.words[-1], []).append(p)
                if p.foreign and len(p.words) > 1:
                    self.by_first.setdefault(p.words[0], []).append(p)

    def match(self, words: tuple[str, ...], at: int) -> _Person | None:
        """The person a short name refers to: the most recent earlier full name ending with it
        (Vietnamese given names, "Trump", "DeSombre") or, for a foreign name, starting with it
        ("Park"); failing that, the first later one."""
        if not words:
            return None
        n = len(words)
        same_last = self.by_last.get(words[-1])
        hits = [p for p in same_last if len(p.words) > n and p.words[-n:] == words] if same_last else []
        if not hits and n == 1:
            hits = self.by_first.get(words[0], [])
        if not hits:
            return None  # most short names match nobody
        before = [p for p in hits if p.start < at]
        if before:
            return before[-1]
        return hits[0] if hits else None


def resolve(found: Sequence[Found], text: str, light: Sequence[Light] = ()) -> list[Mention]:
    """Keys for every mention; drop unresolved bare titles and unsure one-word names.

    ``light`` holds lone capitalised Vietnamese words (start, end, name, opens a sentence):
    most are ordinary words ("Điều", "Phút") and are dropped; they are resolved after the
    others, which they cannot change.
    """
    # names the article gave to places and organisations: an unsure name equal to one of them
    # is that place or organisation ("biển Sầm Sơn ... Sầm Sơn đông khách")
    named: dict[tuple[str, ...], tuple[str, str]] = {}
    streets: dict[tuple[str, ...], tuple[str, str]] = {}
    surnames = gazetteer().surnames
    full: list[Found] = []  # people named in full (no single, bare or unsure name)
    # first words of foreign organisation names (see _org_first_word), read in the same pass
    org_first: dict[str, tuple[int, str]] = {}
    shared: set[str] = set()
    for f in found:
        typ = f.type
        if typ == "PER":
            if not (f.single or f.bare or f.unsure) and f.name:
                full.append(f)
            continue
        if typ in _NAMED_TYPES and not f.unsure:
            w = _words(f.name)
            if w not in named:  # the first name given wins (no key built for repeats)
                named[w] = (typ, f"{typ}:{fold(f.canonical or f.name)}")
            if typ == "ORG":
                _org_first_word(f, w, org_first, shared)
        if typ == "LOC" and " " in f.name and f.name.split()[0] in surnames:
            # "đường Phạm Hùng", "số 12 Trần Duy Hưng": a Vietnamese full name as a street
            streets.setdefault(_words(f.name), ("LOC", f"LOC:{fold(f.canonical or f.name)}"))
    for word in shared:
        del org_first[word]
    # a full name with no title that the article also gives a street ("đường Phạm Hùng ...
    # Khu vực Phạm Hùng ngập") is that street, unless a title introduces the person somewhere
    if streets:  # most articles name no street after a person
        titled = {_words(f.name) for f in found if f.type == "PER" and f.title}
        streets = {w: v for w, v in streets.items() if w not in titled}
        full = [f for f in full if _words(f.name) not in streets]
    persons = [_Person(f.name, "PER:" + fold(f.name), _words(f.name), f.start, f.foreign) for f in full]
    acronyms: dict[str, tuple[str, str]] = {}
    acronym_at: dict[str, int] = {}  # where the organisation named by an acronym starts
    holders: dict[str, _Person] = {}
    out: list[Mention] = []
    by_key = {p.key: p for p in persons}
    people = _People(persons)
    by_last, by_first = people.by_last, people.by_first
    taken: set[int] = set()  # starts of acronyms already given as mentions
    for f in sorted(found, key=_START):
        if f.start in taken:
            continue
        key: str | None
        name = f.name
        typ = f.type
        if f.alt_start >= 0 and "PER:" + fold(text[f.alt_start : f.end]) in by_key:
            # "Hồ Đức Phớc cho biết" after "Phó Thủ tướng Hồ Đức Phớc": the person, not a lake;
            # "Từ Nhược Tuyên ..." opening a sentence after "của Từ Nhược Tuyên": not "from"
            alt = by_key["PER:" + fold(text[f.alt_start : f.end])]
            s = f.alt_start
            out.append(Mention(text[s : f.end], s, f.end, "PER", alt.name, None, alt.key))
            continue
        if f.type == "PER":
            words = _words(f.name)
            if f.bare:
                # "Chủ tịch UEFA" refers to the person introduced as "Chủ tịch UEFA", not to
                # the last "Chủ tịch" of any body ("Chủ tịch Real Madrid Florentino Perez")
                role = fold(f.role or "")
                title = fold(f.title or "")
                holder = holders.get(role if role and role != title else title)
                if holder is None:
                    continue
                key, name = holder.key, holder.name
            elif f.name in acronyms:
                typ, key = acronyms[f.name]
            elif f.unsure and words in named and not f.initial:
                typ, key = named[words]
            elif f.single or f.unsure:
                # People.match's answer for words no full name ends with (nor, for one word,
                # starts with) is None: no call then (most short names)
                p = (
                    people.match(words, f.start)
                    if words and (words[-1] in by_last or (len(words) == 1 and words[0] in by_first))
                    else None
                )
                first = org_first.get(words[0]) if len(words) == 1 and f.foreign and not f.title else None
                if p is not None:
                    key = p.key
                elif first is not None and first[0] < f.start:
                    # "Centricus Asset Management ... Đại diện của Centricus": the organisation
                    typ, key = "ORG", first[1]
                elif f.unsure and (f.single or f.weak):
                    continue
                else:
                    key = "PER:" + fold(f.name)
            elif words in streets and not f.title:
                typ, key = streets[words]
            else:
                key = "PER:" + fold(f.name)
            if f.title and f.title_kind in ("office", "rank", "occupation") and key in by_key:
                holders[fold(f.title)] = by_key[key]
                if f.role:
                    holders[fold(f.role)] = by_key[key]
        else:
            if f.unsure and _words(f.name) in named:
                typ, key = named[_words(f.name)]
            else:
                key = _plain_key(f.type, f.canonical or f.name)
            if f.name in acronyms and f.type == "ORG":
                key = acronyms[f.name][1]
            m = _ACRONYM.match(text, f.end) if f.type == "ORG" else None  # only organisations take one
            if m and m.group(1) not in acronyms:
                # "Hiệp hội Phần mềm ... (VINASA)": the acronym is the same organisation
                acronyms[m.group(1)] = (f.type, key)
                acronym_at[m.group(1)] = f.start
                out.append(
                    Mention(
                        text[f.start : f.end], f.start, f.end, _ETYPE.get(typ, "OTHER"), name, f.role, key
                    )
                )
                s, e = m.start(1), m.end(1)
                taken.add(s)
                out.append(Mention(text[s:e], s, e, "ORG", m.group(1), None, key))
                continue
        out.append(
            Mention(text[f.start : f.end], f.start, f.end, _ETYPE.get(typ, "OTHER"), name, f.role, key)
        )
    if light:
        extra = _resolve_light(
            [x for x in light if x[0] not in taken] if taken else light,
            text,
            acronyms,
            acronym_at,
            named,
            people,
        )
        if extra:
            out.extend(extra)
            out.sort(key=lambda m: m.start)
    return out


_NAMED_TYPES: Final = frozenset(("LOC", "GPE", "ORG"))


def _org_first_word(
    f: Found, words: tuple[str, ...], out: dict[str, tuple[int, str]], shared: set[str]
) -> None:
    """Record the first word of a foreign multi-word organisation name (``Centricus`` of
    ``Centricus Asset Management``, ``words`` its lower-cased words) -> (where the name starts,
    its key): a later lone word equal to one of them is that organisation, when no person's
    name resolves it.  A word opening two different organisations (``Manchester United``,
    ``Manchester City``) goes to ``shared`` and refers to neither (the caller removes it)."""
    if len(words) < 2:
        return  # one word (or none: a blank name, as an older extractor in bench/entities.py gives)
    first = f.name.split()[0]
    if len(first) < 3 or not first.isalpha() or first.isupper() or _vi_word(words[0]):
        return  # not an acronym or a head ("CLB", "FC") nor a Vietnamese word
    if words[0] in _ARTICLES:
        return  # "The New York Times" does not name "The"
    key = _plain_key("ORG", f.canonical or f.name)
    prev = out.get(words[0])
    if prev is not None and prev[1] != key:
        shared.add(words[0])
    elif prev is None:
        out[words[0]] = (f.start, key)


_ARTICLES: Final = frozenset(("the", "les", "los", "las", "der", "die", "das", "del"))
_VI_MARKS: Final = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


def _vi_word(word: str) -> bool:
    """A word with Vietnamese letters or tone marks (``công``, ``đại``): not a foreign brand."""
    return bool(_VI_MARKS.search(word))


def _resolve_light(
    light: Sequence[Light],
    text: str,
    acronyms: dict[str, tuple[str, str]],
    acronym_at: dict[str, int],
    named: dict[tuple[str, ...], tuple[str, str]],
    people: _People,
) -> list[Mention]:
    """Lone capitalised words that are names: an acronym introduced earlier, a place or
    organisation the article named so (not when opening a sentence), or a person's short name."""
    out = []
    by_last, by_first = people.by_last, people.by_first
    for start, end, name, initial in light:
        low = name.lower()
        words = (low,)
        if name in acronyms and acronym_at[name] < start:
            typ, key = acronyms[name]
        elif not initial and words in named:
            typ, key = named[words]
        else:
            if low not in by_last and low not in by_first:
                continue  # People.match's answer for a word no full name holds at either end
            p = people.match(words, start)
            if p is None:
                continue
            typ, key = "PER", p.key
        out.append(Mention(text[start:end], start, end, _ETYPE.get(typ, "OTHER"), name, None, key))
    return out


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    return tuple(name.lower().replace("-", " - ").split())


# mention types as they are; any other found type is OTHER (a dict lookup per mention, no call)
_ETYPE: Final[dict[str, EntityType]] = {
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "GPE",
    "EVENT": "EVENT",
}


@lru_cache(maxsize=1)
def _club_prefixes() -> tuple[str, ...]:
    return tuple(p + " " for p in word_list("entity_club_prefixes.txt"))


@lru_cache(maxsize=1)
def _club_suffixes() -> tuple[str, ...]:
    return tuple(" " + fold(x) for x in word_list("entity_club_suffixes.txt"))


@lru_cache(maxsize=1)
def _place_canon() -> dict[str, str]:
    """Folded place and country names -> their folded canonical names (``tp.hcm`` ->
    ``thanh pho ho chi minh``), for clubs named after their city."""
    return {fold(k.text): fold(k.canonical) for k in gazetteer().known.values() if k.type in ("LOC", "GPE")}


def _club_body(body: str) -> str:
    """A club's name without ``CLB``/``FC``: the city's canonical name when it is one, so
    ``CLB TPHCM``, ``TP.HCM FC`` and the club ``TPHCM`` of a match report share a key."""
    return _place_canon().get(body, body)


@lru_cache(maxsize=1)
def _org_key_heads() -> tuple[tuple[tuple[str, bool], ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(optional heads with whether a school word must follow, school words, abbreviations)
    from ``entity_org_key_heads.tsv``."""
    drop, school, abbrev = [], [], []
    for row in table("entity_org_key_heads.tsv"):
        if row[0] == "drop":
            drop.append((row[1] + " ", len(row) > 2 and row[2] == "school"))
        elif row[0] == "school":
            school.append(row[1] + " ")
        elif row[0] == "abbrev":
            abbrev.append((row[1] + " ", row[2] + " "))
    return tuple(drop), tuple(school), tuple(abbrev)


def org_key_body(folded: str) -> str:
    """A folded organisation name without its optional generic head and with the usual
    abbreviation of its kind: ``truong cao dang lao cai`` and ``cao dang lao cai`` -> ``cd lao
    cai``; ``truong dai hoc y ha noi`` and ``dh y ha noi`` -> ``dh y ha noi``; ``cong ty
    vinamilk`` -> ``vinamilk``.  Articles write the same organisation with and without these."""
    for p in _club_prefixes():
        if folded.startswith(p) and len(folded) > len(p):
            return _club_body(folded[len(p) :])
    for x in _club_suffixes():
        if folded.endswith(x) and len(folded) > len(x):
            return _club_body(folded[: -len(x)])
    drop, school, abbrev = _org_key_heads()
    for head, needs_school in drop:
        if folded.startswith(head) and len(folded) > len(head):
            rest = folded[len(head) :]
            if not needs_school or rest.startswith(school) or any(rest.startswith(a) for a, _ in abbrev):
                folded = rest
            break
    for long, short in abbrev:
        if folded.startswith(long) and len(folded) > len(long):
            return short + folded[len(long) :]
    return folded


@lru_cache(maxsize=1 << 16)
def _plain_key(typ: str, name: str) -> str:
    """``TYPE:`` + the folded name; an organisation's key leaves out optional heads (a club's
    ``CLB``: ``CLB Hà Nội`` and, in a match report, the club ``Hà Nội`` are one organisation;
    a school's ``Trường``; ``Công ty``) and abbreviates its kind (``Đại học`` -> ``ĐH``)."""
    folded = fold(name)
    if typ == "ORG":
        return f"ORG:{org_key_body(folded)}"
    return f"{typ}:{folded}"
