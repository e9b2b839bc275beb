"""The entity gazetteer: titles, organisation heads, known organisations and places.

Why tables and not a trained model: news names people through their titles
(``Tổng Bí thư Tô Lâm``), organisations through head words (``Bộ``, ``Tập
đoàn``) and places through a closed list (countries, provinces), so a few
readable tables recognise them faster and more predictably than a CRF, and a
linguist can extend them without touching code.  Country names come from
pycountry (its Vietnamese gettext catalogue and English names) under the
canonical Vietnamese names of ``entity_countries.tsv``.

Every table entry is tokenised with :func:`tokens`, the same tokeniser the
extractor uses, and stored under the tuple of its lower-cased tokens, so a
lookup is one dict access per candidate length.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from biennien.vi.normalise import fold, tone_normalise
from biennien.vi.resources import table, word_list

# a word (letters/digits, with inner . & ' joining parts: TP.HCM, GD&ĐT) or one punctuation
# character; a hyphen is its own token (Hang-seo, Việt Nam-Hoa Kỳ) and readers rejoin it.
# Possessive quantifiers: nothing follows them in the pattern, so they match the same tokens
# as greedy ones, without the regex engine saving backtracking points (~10% faster)
TOKEN: Final = re.compile(r"[^\W_]++(?:[.&'’][^\W_]++)*+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in TOKEN.finditer(text)]


def low_key(text: str) -> tuple[str, ...]:
    """The lookup key of a table entry: its lower-cased, tone-normalised tokens."""
    return tuple(t.lower() for t in tokens(tone_normalise(text)))


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    kind: str  # office | rank | honorific | occupation
    takes: str  # "" | org | gpe | both | contest | name


@dataclass(frozen=True, slots=True)
class Head:
    text: str
    type: str  # ORG | LOC
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class Known:
    """A named entity from a table: a country, place or organisation."""

    text: str
    type: str  # GPE | LOC | ORG
    canonical: str
    ambiguous: bool = False

    @property
    def key(self) -> str:
        return f"{self.type}:{fold(self.canonical)}"


@dataclass(slots=True)
class Gazetteer:
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    heads: dict[tuple[str, ...], Head] = field(default_factory=dict)
    known: dict[tuple[str, ...], Known] = field(default_factory=dict)
    surnames: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    org_words: frozenset[tuple[str, ...]] = frozenset()
    place_cues: frozenset[tuple[str, ...]] = frozenset()
    foreign_cues: dict[str, str] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()
    work_cues: frozenset[tuple[str, ...]] = frozenset()
    # common English words that are no names (a run made only of them is a title or brand)
    english_words: frozenset[str] = frozenset()
    # plural and quantity words before a noun whose examples a list gives ("các phim như ...")
    plurals: frozenset[tuple[str, ...]] = frozenset()
    # words around a team's name in a match report ("thắng", "gỡ hòa", "làm khách trên sân")
    match_before: frozenset[tuple[str, ...]] = frozenset()
    match_after: frozenset[tuple[str, ...]] = frozenset()
    # verbs that take a person as object (before the name) or subject (after it)
    person_before: frozenset[tuple[str, ...]] = frozenset()
    person_after: frozenset[tuple[str, ...]] = frozenset()
    # common foreign given names ("Billy Hogan" is a person even after "tới")
    foreign_given: frozenset[str] = frozenset()
    # team-sports articles: their cue words (as written), and the words that keep a city a
    # place there; canonical names of countries (national teams stay countries)
    sport_cues: tuple[str, ...] = ()
    club_place_words: frozenset[tuple[str, ...]] = frozenset()
    countries: frozenset[str] = frozenset()
    # species heads ("hổ", "cá voi") and scientific-name cues ("tên khoa học"), lower-case keys;
    # the first words of the heads, for a quick test on every capitalised token
    species_heads: frozenset[tuple[str, ...]] = frozenset()
    # particles that open a person's camel-case surname ("DeSombre", "McDonald", "LeBron"):
    # any other camel-case word ("ScreenPad", "GeForce") is a product or brand, not a person
    camel_name_prefixes: frozenset[str] = frozenset()
    # names both a place and a company ("Amazon"): the company's entry, and the words of a
    # sentence that make such a name the company ("hãng", "doanh thu", "cổ phiếu")
    company_alt: dict[tuple[str, ...], Known] = field(default_factory=dict)
    company_cues: frozenset[tuple[str, ...]] = frozenset()
    # sentence-case compounds whose lower-case syllables stay in a name ("Liên đoàn Tự do",
    # "Cúp Quốc gia", "UBND Thành phố"), lower-case keys
    name_compounds: frozenset[tuple[str, ...]] = frozenset()
    species_first: frozenset[str] = frozenset()
    species_cues: frozenset[tuple[str, ...]] = frozenset()
    species_last: frozenset[str] = frozenset()  # last words of heads and cues
    # address words before a house number, and after a street's comma ("số 12 X, quận Y")
    address_before: frozenset[str] = frozenset()
    address_after: frozenset[tuple[str, ...]] = frozenset()
    # longest entry length per first token, for each dictionary
    title_len: dict[str, int] = field(default_factory=dict)
    head_len: dict[str, int] = field(default_factory=dict)
    known_len: dict[str, int] = field(default_factory=dict)
    # per table entry: which of its tokens are capitalised (they must be in the text too)
    known_caps: dict[tuple[str, ...], tuple[bool, ...]] = field(default_factory=dict)
    # the same as positions: the token offsets that must be capitalised
    known_cap_at: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    # every prefix of two tokens or more of each entry (the entries included), so a reader
    # extends a key only while some entry can still match
    title_prefixes: frozenset[tuple[str, ...]] = frozenset()
    head_prefixes: frozenset[tuple[str, ...]] = frozenset()
    known_prefixes: frozenset[tuple[str, ...]] = frozenset()
    # lower-case tokens that can open a mention (a title, a lower-case head, a lower-case table
    # name): the reader looks closer only at these and at capitalised tokens
    starters: frozenset[str] = frozenset()
    lower_starters: frozenset[str] = frozenset()  # the starters not written with a capital
    # lower-case tokens that can open an organisation or place (a lower-case head or table name)
    lower_open: frozenset[str] = frozenset()
    # first tokens of every title, head and table entry
    first_words: frozenset[str] = frozenset()
    # first tokens of office titles (a bare office title refers back to its holder)
    office_first: frozenset[str] = frozenset()
    lower_known: frozenset[str] = frozenset()
    place_head_max: int = 0  # longest place head, in tokens
    # lower-case words that can open a mention with nothing after them (office titles, table
    # names), and words that can follow a lower-case opener (second words of titles and
    # heads, lower-case heads)
    lower_always: frozenset[str] = frozenset()
    lower_follow: frozenset[str] = frozenset()
    # first or last words of multi-word tables: a window of tokens is looked up only when its
    # edge word can be in the table (one set test instead of building a key per length)
    work_first: frozenset[str] = frozenset()
    work_last: frozenset[str] = frozenset()
    place_cue_last: frozenset[str] = frozenset()
    org_words_first: frozenset[str] = frozenset()
    compound_first: frozenset[str] = frozenset()
    person_after_first: frozenset[str] = frozenset()
    address_after_first: frozenset[str] = frozenset()
    # last words of person-before verbs, work cues and lower-case heads (``_noun_before``)
    noun_before_last: frozenset[str] = frozenset()


def _index(keys: list[tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in keys:
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return out


def _prefixes(keys: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(k[:n] for k in keys for n in range(2, len(k) + 1))


def _pycountry_names() -> dict[str, list[str]]:
    """ISO alpha-2 code -> its Vietnamese and English names from pycountry."""
    import pycountry

    try:
        vi = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
        tr = vi.gettext
    except OSError:  # no Vietnamese catalogue: English names only

        def tr(message: str) -> str:
            return message

    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = [tr(c.name), c.name]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.append(v)
        out[c.alpha_2] = [n for n in names if "," not in n and "(" not in n]
    return out


def _countries() -> list[Known]:
    removed: set[str] = set()
    ambiguous: set[str] = set()
    canonical: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for row in table("entity_countries.tsv"):
        code, rest = row[0], [c for c in row[1:] if c]
        if code == "-":
            removed.update(rest)
        elif code == "?":
            ambiguous.update(rest)
        else:
            canonical[code] = rest[0]
            names[code] = rest
    out: list[Known] = []
    for code, extra in _pycountry_names().items():
        if not extra and code not in canonical:
            continue
        canon = canonical.get(code) or extra[0]
        for name in [*names.get(code, []), *extra]:
            if name in removed:
                continue
            out.append(Known(tone_normalise(name), "GPE", tone_normalise(canon), name in ambiguous))
    return out


@cache
def gazetteer() -> Gazetteer:
    """Load every entity table once per process."""
    g = Gazetteer()
    for row in table("entity_titles.tsv"):
        t = Title(tone_normalise(row[0]), row[1], row[2] if len(row) > 2 else "")
        g.titles.setdefault(low_key(t.text), t)
    for row in table("entity_org_heads.tsv"):
        flags = frozenset(row[2].split(",")) if len(row) > 2 and row[2] else frozenset()
        h = Head(tone_normalise(row[0]), row[1], flags)
        prev = g.heads.get(low_key(h.text))
        if prev is not None:  # "Báo" and "báo": one head with both lines' flags
            h = Head(prev.text, prev.type, prev.flags | flags)
        g.heads[low_key(h.text)] = h
    known: list[Known] = _countries()
    g.countries = frozenset(k.canonical for k in known)
    for row in table("entity_places.tsv"):
        canon = row[2] if len(row) > 2 and row[2] else row[0]
        amb = len(row) > 3 and row[3] == "?"
        known.append(Known(tone_normalise(row[0]), row[1], tone_normalise(canon), amb))
    for row in table("entity_orgs.tsv"):
        canon = row[1] if len(row) > 1 and row[1] else row[0]
        typ = row[2] if len(row) > 2 and row[2] and row[2] != "?" else "ORG"
        amb = len(row) > 2 and row[-1] == "?"
        known.append(Known(tone_normalise(row[0]), typ, tone_normalise(canon), amb))
    for k in known:
        # the first entry wins: the hand-written tables come before pycountry's names
        key = low_key(k.text)
        if key and key not in g.known:
            g.known[key] = k
        elif key and k.type == "ORG" and g.known[key].type in ("LOC", "GPE"):
            g.company_alt[key] = k
    # hand-written country and place lines override pycountry (placed first in _countries)
    g.surnames = frozenset(tone_normalise(s) for s in word_list("entity_surnames.txt"))
    g.not_names = frozenset(
        tone_normalise(s) for f in ("entity_not_names.txt", "entity_loanwords.txt") for s in word_list(f)
    )
    g.english_words = frozenset(w.lower() for w in word_list("entity_english_words.txt"))
    g.plurals = frozenset(low_key(w) for w in word_list("entity_plurals.txt"))
    match = table("entity_match_words.tsv")
    g.match_before = frozenset(low_key(r[0]) for r in match if r[1] in ("before", "both"))
    g.match_after = frozenset(low_key(r[0]) for r in match if r[1] in ("after", "both"))
    verbs = table("entity_person_verbs.tsv")
    g.person_before = frozenset(low_key(r[0]) for r in verbs if r[1] == "before")
    g.person_after = frozenset(low_key(r[0]) for r in verbs if r[1] == "after")
    g.foreign_given = frozenset(word_list("entity_foreign_given_names.txt"))
    g.function_words = frozenset(tone_normalise(s) for s in word_list("entity_function_words.txt"))
    g.org_words = frozenset(low_key(w) for w in word_list("entity_org_words.txt"))
    g.place_cues = frozenset(low_key(w) for w in word_list("entity_place_cues.txt"))
    g.given_names = frozenset(tone_normalise(s) for s in word_list("entity_given_names.txt"))
    g.work_cues = frozenset(low_key(w) for w in word_list("entity_work_cues.txt"))
    g.sport_cues = tuple(tone_normalise(w) for w in word_list("entity_sport_cues.txt"))
    g.club_place_words = frozenset(low_key(w) for w in word_list("entity_club_place_words.txt"))
    g.camel_name_prefixes = frozenset(word_list("entity_camel_name_prefixes.txt"))
    g.company_cues = frozenset(low_key(w) for w in word_list("entity_company_cues.txt"))
    g.name_compounds = frozenset(low_key(w) for w in word_list("entity_name_compounds.txt"))
    species = table("entity_species.tsv")
    g.species_heads = frozenset(low_key(r[1]) for r in species if r[0] == "head")
    g.species_first = frozenset(k[0] for k in g.species_heads)
    g.species_cues = frozenset(low_key(r[1]) for r in species if r[0] == "cue")
    g.species_last = frozenset(k[-1] for k in g.species_heads | g.species_cues)
    address = table("entity_address_words.tsv")
    g.address_before = frozenset(r[0].lower() for r in address if r[1] == "before")
    g.address_after = frozenset(low_key(r[0]) for r in address if r[1] == "after")
    g.foreign_cues = {tone_normalise(r[0]): r[1] for r in table("entity_foreign_cues.tsv")}
    g.title_len = _index(list(g.titles))
    g.head_len = _index(list(g.heads))
    g.known_len = _index(list(g.known))
    g.known_caps = {key: tuple(t[0].isupper() for t in tokens(k.text)) for key, k in g.known.items()}
    g.known_cap_at = {key: tuple(n for n, c in enumerate(caps) if c) for key, caps in g.known_caps.items()}
    g.title_prefixes = _prefixes(g.titles)
    g.head_prefixes = _prefixes(g.heads)
    g.known_prefixes = _prefixes(g.known)
    lower_heads = {key[0] for key, h in g.heads.items() if h.flags & {"lower", "drop"}}
    lower_known = {key[0] for key, k in g.known.items() if not k.text[0].isupper()}
    g.lower_open = frozenset(lower_heads | lower_known)
    g.lower_known = frozenset(lower_known)
    g.place_head_max = max((len(k) for k, h in g.heads.items() if h.type == "LOC"), default=0)
    g.starters = frozenset(g.title_len) | g.lower_open
    g.lower_starters = frozenset(w for w in g.starters if not w[0].isupper())
    g.office_first = frozenset(k[0] for k, t in g.titles.items() if t.kind == "office")
    g.lower_always = g.office_first | g.lower_known
    place_heads = {k[0] for k, h in g.heads.items() if h.type == "LOC"}
    g.lower_follow = g.lower_open | place_heads | {k[1] for k in [*g.titles, *g.heads] if len(k) > 1}
    g.first_words = frozenset(g.title_len) | frozenset(g.head_len) | frozenset(g.known_len)
    g.work_first = frozenset(k[0] for k in g.work_cues)
    g.work_last = frozenset(k[-1] for k in g.work_cues)
    g.place_cue_last = frozenset(k[-1] for k in g.place_cues)
    g.org_words_first = frozenset(k[0] for k in g.org_words)
    g.compound_first = frozenset(k[0] for k in g.name_compounds)
    g.person_after_first = frozenset(k[0] for k in g.person_after)
    g.address_after_first = frozenset(k[0] for k in g.address_after)
    lower_head_last = {k[-1] for k, h in g.heads.items() if h.flags & {"lower", "drop"}}
    g.noun_before_last = frozenset({k[-1] for k in g.person_before} | g.work_last | lower_head_last)
    return g
