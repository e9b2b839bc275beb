"""Named entity mentions: people, organisations, places, from titles, head words and tables.

Why rules and tables rather than underthesea's CRF: on news the CRF tags
``Tổng Bí thư Tô Lâm`` as a location, glues ``Hoa Kỳ Donald Trump`` into one
person, misses ``Bộ Ngoại giao`` and runs at ~70 sentences/s.  News writing is
formulaic: a person is introduced by a title (``Tổng thống Hoa Kỳ Donald
Trump``, ``HLV Park Hang-seo``, ``ông Nguyễn Văn An``) or by a Vietnamese
family name, an organisation by a head word (``Bộ``, ``Tập đoàn``,
``Trường Đại học``) or a known short name, a place by a closed list.  The
tables live in ``vi/data/entity_*.tsv`` (see ``vi/gazetteer.py``).

Each sentence is read left to right; at each token the longest of these
wins: a title with its complement and the name after it, an organisation or
place head with its capitalised body, a table entry, a Vietnamese name (a
family name and one to three capitalised syllables), a foreign capitalised run.
Afterwards :mod:`biennien.analyse.entities_resolve` gives every mention a
document-independent key and resolves short and bare references (``Trump``,
``ông DeSombre``, a bare ``Tổng Bí thư``) to the full name introduced earlier.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import Any, Final, NamedTuple

from biennien.analyse.entities_resolve import Found, Light, resolve
from biennien.model import Mention, Sentence
from biennien.vi.casing import lower as _lower
from biennien.vi.gazetteer import TOKEN, Gazetteer, Known, Title, gazetteer, low_key
from biennien.vi.normalise import tone_normalise
from biennien.vi.resources import table, word_list

# a syllable that can be Vietnamese: onset, vowel nucleus, optional coda (used to tell a
# foreign name, "DeSombre", from a Vietnamese one, "Tô Lâm")
_VOWELS: Final = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_VI_SYLLABLE: Final = re.compile(
    rf"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_VOWELS}]{{1,3}}"
    r"(?:ng|nh|ch|[cmnpt])?$"
)


_GROUP0: Final = itemgetter(0)
_OPENERS: Final = frozenset('“"‘:–—-…([')
_INITIALS: Final = re.compile(r"^(?:\w\.)+\w?$")
_DIGIT: Final = re.compile(r"\d")
# what may follow an item of a list ("A, B và C", "A, B hoặc C")
_LIST_NEXT: Final = frozenset(("và", "hoặc", "hay", "cùng"))
_QUOTES: Final = frozenset('“"‘«')


@lru_cache(maxsize=65536)
def is_vi_syllable(word: str) -> bool:
    return bool(_VI_SYLLABLE.match(word.lower()))


# a word trie of a table: each node maps the next lower-cased word to its node; "" (no token is
# empty) maps to the key of the entry that ends there
_Trie = dict[str, Any]


def _trie(keys: Iterable[tuple[str, ...]]) -> _Trie:
    root: _Trie = {}
    for key in keys:
        node = root
        for w in key:
            node = node.setdefault(w, {})
        node[""] = key
    return root


# the title, head and table tries of the shared gazetteer, made with it (see _tables_ready)
_TRIES: Final[list[_Trie]] = []
# first words of the table's place names that are also companies (``amazon``)
_TABLE_FIRST: Final[list[frozenset[str]]] = []
# a lower-case word that opens a title, head or table entry -> the words that can follow it in
# one of them, or None when the word alone is an entry (the sentence loop reads a lower-case word
# only where an entry can start)
_LOW_NEXT: Final[dict[str, frozenset[str] | None]] = {}
# the same per table (titles, heads, table names): a first word -> the words that can follow it
# in an entry, or None when the word alone is one; a word that starts no entry is not a key
_NEXT: Final[list[dict[str, frozenset[str] | None]]] = []
_NO_WORDS: Final[frozenset[str]] = frozenset()
# the lower-case starters that are lower-case head or table words (openers after a title)
_OPEN_STARTERS: Final[list[frozenset[str]]] = []


_TABLES_LOCK: Final = threading.Lock()


def _tables_ready(g: Gazetteer) -> None:
    """Build the tries once, from the one shared ``gazetteer()`` (the tables never change).

    ``_TRIES`` is what callers test (``if not _TRIES``) before reading any of these tables, so it is
    filled last, once the others are complete: a thread that finds it filled (a Dask worker runs
    several analyses at once) never reads a half-built ``_NEXT`` or ``_LOW_NEXT``.  The lock keeps two
    threads from building them together.
    """
    with _TABLES_LOCK:
        if _TRIES:
            return
        tries = (_trie(g.titles), _trie(g.heads), _trie(g.known))
        low_next: dict[str, frozenset[str] | None] = {}
        next_by_table: list[dict[str, frozenset[str] | None]] = []
        for trie in tries:
            nexts: dict[str, frozenset[str] | None] = {}
            for w, node in trie.items():
                nexts[w] = None if "" in node else frozenset(node)
                prev = low_next.get(w, _NO_WORDS)
                low_next[w] = None if prev is None or "" in node else prev | frozenset(node)
            next_by_table.append(nexts)
        _TABLE_FIRST[:] = [frozenset(k[0] for k in g.company_alt)]
        _LOW_NEXT.clear()
        _LOW_NEXT.update(low_next)
        _NEXT[:] = next_by_table
        _OPEN_STARTERS[:] = [g.lower_open & g.lower_starters]
        _TRIES.extend(tries)  # last: the sign that every table above is ready


class _Reader:
    """Reads one sentence's tokens; each ``*_at`` method returns the end index of a match.

    Tokens are kept as parallel lists (text, lower-cased text, start offset in ``text``; a
    token ends at its start plus its length) rather than one object per token: building
    objects for every word of every sentence was the largest single cost, and most tokens are
    only looked at once.  No regex match object is kept per token either (``load``).
    """

    __slots__ = (
        "text",
        "st",
        "tx",
        "lw",
        "caps",
        "lowc",
        "g",
        "n",
        "last_type",
        "last_end",
        "light",
        "nhu",
        "lone_light",
    )

    def __init__(
        self,
        ms: list[re.Match[str]],
        g: Gazetteer,
        light: list[Light],
        maybe_nhu: bool = True,
        lone_light: bool = False,
    ) -> None:
        # ``ms``: the tokens as ``TOKEN`` matches over one text (the tests' way in; the sentence
        # loop gives each sentence with ``load``)
        self.text = ms[0].string if ms else ""
        self.st = [m.start() for m in ms]
        self.tx = tx = list(map(_GROUP0, ms))
        # lower-cased tokens, made once per sentence: most lookups need them, and one map call
        # costs less than lowering the same tokens again in every lookup
        self.lw = list(map(str.lower, tx))
        # the capitalised tokens, and the lower-case ones that may open a title, head or table
        # entry (``load`` makes these in its loop over the tokens)
        self.caps = list(compress(count(), map(str.isupper, map(_GROUP0, tx))))
        self.lowc = list(compress(count(), map(g.lower_starters.__contains__, tx)))
        self.g = g
        self.n = len(tx)
        self.last_type = ""  # type of the last mention found, for "xã A, B" lists
        self.last_end = -1  # token index where the last mention ended
        self.light = light  # lone capitalised Vietnamese words, for the whole article
        # a list of examples ("các phim như X, Y") can follow (``maybe_nhu`` False: the caller
        # knows the text holds no "như", and the token list is not scanned)
        self.nhu = maybe_nhu and "như" in tx
        # a lone capitalised Vietnamese word that ``_named_at`` reads as an unsure name may go to
        # the light records instead of ``out`` (see ``_lone_light``); not in a team-sports
        # report, whose clubs are read from the mentions (``_clubs``)
        self.lone_light = lone_light

    def load(self, text: str, sa: int, sb: int) -> None:
        r"""Read the tokens of ``text[sa:sb]``: exactly ``TOKEN.finditer(text, sa, sb)``'s, with
        their lower-cased texts, without a regex scan of most of them.

        ``TOKEN`` matches a run of letters and digits (with inner ``. & ' ’`` joining parts) or
        one character that is neither a word character nor white space; what it skips is white
        space and ``_``.  So no token spans white space, and a white-space-separated chunk that
        is all letters and digits (``str.isalnum``: the same test as the regex's ``[^\W_]``;
        ``str.split``'s white space is the regex's ``\s``) is one token (nine chunks in ten);
        only the others are scanned by ``TOKEN``.  A chunk starts at the first character after
        the previous one that is not white space, which is where ``find`` finds it (no earlier
        occurrence can start on white space).  The lower-cased chunks come from one ``lower``
        of the whole sentence, split the same way (lowering maps white space to itself and
        nothing else to white space; each character is lowered alone except a capital sigma,
        whose form depends on its neighbours: a sentence holding one lowers each token alone).
        """
        self.text = text
        sent = text[sa:sb]
        chunks = sent.split()
        lows = _lower(sent).split() if "Σ" not in sent else []
        lowered = len(lows) == len(chunks)
        tx: list[str] = []
        lw: list[str] = []
        st: list[int] = []
        self.tx, self.lw, self.st = tx, lw, st
        # which tokens start with a capital (a word all lower-case, ``islower``, has no upper-case
        # letter: the first letter is not looked at), and which are lower-case starters (a
        # capitalised token is none: ``lower_starters`` holds no word with a capital first)
        caps: list[int] = []
        lowc: list[int] = []
        self.caps, self.lowc = caps, lowc
        starters = self.g.lower_starters
        p = sa
        k = 0
        for w in chunks:
            p = text.find(w, p)
            if w.isalnum():
                if not w.islower() and w[0].isupper():
                    caps.append(len(tx))
                elif w in starters:
                    lowc.append(len(tx))
                tx.append(w)
                lw.append(lows[k] if lowered else _lower(w))
                st.append(p)
            else:
                for m in TOKEN.finditer(text, p, p + len(w)):
                    x = m.group()
                    if x[0].isupper():
                        caps.append(len(tx))
                    elif x in starters:
                        lowc.append(len(tx))
                    tx.append(x)
                    lw.append(_lower(x))
                    st.append(m.start())
            p += len(w)
            k += 1
        self.n = len(tx)

    def end(self, i: int) -> int:
        """Where token ``i`` ends in ``text``."""
        return self.st[i] + len(self.tx[i])

    def text_of(self, i: int, j: int) -> str:
        """The text from token ``i`` to token ``j`` (exclusive), as written."""
        return self.text[self.st[i] : self.st[j - 1] + len(self.tx[j - 1])]

    def cap(self, i: int) -> bool:
        """Token ``i`` starts with an upper-case letter."""
        return self.tx[i][0].isupper()

    def word(self, i: int) -> bool:
        """Token ``i`` is letters or digits (not punctuation)."""
        return self.tx[i][0].isalnum()

    def key(self, i: int, j: int) -> tuple[str, ...]:
        """The lookup key of tokens ``i:j``: their lower-cased texts."""
        return tuple(self.lw[i:j])

    def low(self, i: int) -> str:
        return self.lw[i]

    def _longest(self, i: int, trie: _Trie) -> tuple[int, tuple[str, ...]]:
        """End and key of the longest entry starting at ``i`` (``i`` and () when none).

        The walk follows the table's word trie (``_tries``): one dict lookup per word, no key
        tuple built for every length."""
        if i >= self.n:
            return i, ()
        lw = self.lw
        node = trie.get(lw[i])
        if node is None:
            return i, ()
        best_key: tuple[str, ...] = node.get("", ())
        best = i + 1 if best_key else i
        k = i + 1
        n = self.n
        while k < n:
            node = node.get(lw[k])
            if node is None:
                break
            k += 1
            key = node.get("")
            if key is not None:
                best, best_key = k, key
        return best, best_key

    def title_at(self, i: int) -> tuple[int, Title | None]:
        lw, n = self.lw, self.n
        if i >= n:
            return i, None
        nx = _NEXT[0].get(lw[i], _NO_WORDS)
        if nx is not None and (i + 1 == n or lw[i + 1] not in nx):
            return i, None  # no title can start here: the walk is not made
        j, key = self._longest(i, _TRIES[0])
        if j == i:
            return i, None
        return j, self.g.titles[key]

    def known_at(self, i: int) -> tuple[int, Known | None]:
        """A table entity starting at ``i``, written with its capital letters."""
        lw, n = self.lw, self.n
        if i >= n:
            return i, None
        nx = _NEXT[2].get(lw[i], _NO_WORDS)
        if nx is not None and (i + 1 == n or lw[i + 1] not in nx):
            return i, None  # no table name can start here: the walk is not made
        g = self.g
        j, key = self._longest(i, _TRIES[2])
        if j == i:
            return i, None
        tx = self.tx
        cap = tx[i][0].isupper()
        while j > i:
            k = g.known[key]
            if k.text[0].isupper() == cap:
                # capitalised table words must be capitalised in the text (``Nga`` yes, ``nga`` no)
                for c in g.known_cap_at[key]:
                    if not tx[i + c][0].isupper():
                        break
                else:
                    return j, k
            j = self._longest_below(i, j)
            key = self.key(i, j)
        return i, None

    def _longest_below(self, i: int, j: int) -> int:
        for ln in range(j - i - 1, 0, -1):
            if self.key(i, i + ln) in self.g.known:
                return i + ln
        return i

    def head_at(self, i: int) -> int:
        lw, n = self.lw, self.n
        if i >= n:
            return i
        nx = _NEXT[1].get(lw[i], _NO_WORDS)
        if nx is not None and (i + 1 == n or lw[i + 1] not in nx):
            return i  # no head can start here: the walk is not made
        return self._longest(i, _TRIES[1])[0]

    def sentence_start(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence or a quotation (its capital says nothing)."""
        return i == 0 or self.tx[i - 1] in _OPENERS

    def after_place_cue(self, i: int) -> bool:
        """Whether a place cue word (ở, tại, đến, người dân) comes right before token ``i``."""
        if i == 0 or self.lw[i - 1] not in self.g.place_cue_last:
            return False
        for ln in (2, 1):
            if i - ln >= 0 and self.key(i - ln, i) in self.g.place_cues:
                return True
        return False

    def after_work_cue(self, i: int) -> bool:
        """Whether a work or product word (bộ phim, ứng dụng, podcast) comes right before ``i``
        (an opening quote may stand between: ``bộ phim "Titanic"``)."""
        if i > 0 and self.tx[i - 1] in _QUOTES:
            i -= 1
        if i == 0 or self.lw[i - 1] not in self.g.work_last:
            return False
        for ln in (3, 2, 1):
            if i - ln >= 0 and self.work_cue(i - ln, i):
                return True
        return False

    def work_cue(self, a: int, b: int) -> bool:
        """Whether tokens ``a:b`` are a work or product noun, and not the end of a title that
        holds it: ``mẫu`` (a model) but not ``siêu mẫu``, ``người mẫu`` (a model, the person)."""
        if self.lw[b - 1] not in self.g.work_last or self.key(a, b) not in self.g.work_cues:
            return False
        return not (a > 0 and self.key(a - 1, b) in self.g.titles)

    def adjacent_hyphen(self, j: int) -> bool:
        """``-`` glued to the words on both sides (Hang-seo, Al-Swaisat, GD-ĐT)."""
        if self.tx[j] != "-" or not 0 < j < self.n - 1:
            return False
        st = self.st
        # the hyphen is one character: glued when the word before ends at its start and the
        # word after starts right after it
        return st[j - 1] + len(self.tx[j - 1]) == st[j] and st[j] + 1 == st[j + 1] and self.word(j + 1)

    def name_run(self, i: int, titled: bool = False) -> int:
        """Capitalised words from ``i`` that can be a person's name (initials allowed).

        ``titled``: a title introduces the run, so a one-word table name between two
        Vietnamese syllables is part of the name even when the family name is not in the
        table ("Hoa hậu Trình Mỹ Duyên")."""
        tx = self.tx
        if i >= self.n or not (tx[i][0].isalnum() and tx[i][0].isupper()) or tx[i] in self.g.not_names:
            return i
        if "." in tx[i] and _INITIALS.match(tx[i]):
            return i
        j = i
        n, lw, known_next = self.n, self.lw, _NEXT[2]
        while j < n:
            c = tx[j][0]
            if c.isupper():  # upper-case implies a word character
                nx = known_next.get(lw[j], _NO_WORDS)  # known_at's first test, inline (no call)
                if nx is None or (j + 1 < n and lw[j + 1] in nx):
                    k = self.known_at(j)[1]
                    if (
                        k is not None
                        and not k.ambiguous
                        and not self._middle_name(i, j, titled)
                        and not self._foreign_country_name(i, j, k)
                        and not (titled and self.country_given_name(i, j, k))
                    ):
                        # a table place or organisation is not part of a name
                        break
                j += 1
            elif j > i and tx[j] == "." and len(tx[j - 1]) == 1 and tx[j - 1][0].isupper():
                j += 1  # an initial: "Michael G. DeSombre"
            elif j > i and tx[j] == "-" and self.adjacent_hyphen(j):  # its first test, inline
                j += 2
            else:
                break
            if j - i >= 6:
                break
        if j > i and tx[j - 1] == ".":
            j -= 1
        return j

    def _foreign_country_name(self, i: int, j: int, k: Known) -> bool:
        """A one-word country glued to one foreign given name ends a person's name (``Hara
        Kenya``, a designer): a country right after a lone foreign word, ending the run, is
        more often a family name than an apposition (which would read ``Hara người Kenya``)."""
        tx, n = self.tx, self.n
        return (
            j == i + 1
            and k.type == "GPE"
            and " " not in k.text
            and k.canonical in self.g.countries
            and not tx[i].isupper()
            and not is_vi_syllable(tx[i])
            and self.lw[i] not in self.g.known_len
            and not (j + 1 < n and tx[j + 1][0].isupper())
        )

    def country_given_name(self, i: int, j: int, k: Known) -> bool:
        """A one-word country opening a Vietnamese given name (``ca sĩ Mỹ Tâm``, ``Nga My``):
        a person title stands before it and a capitalised given-name syllable follows that does
        not make a two-word table name with it (``Mỹ Đình``); the country reading would give a
        title with no person."""
        tx, n = self.tx, self.n
        if j != i or k.type != "GPE" or " " in k.text or j + 1 >= n:
            return False
        nxt = tx[j + 1]
        return (
            nxt[0].isupper()
            and nxt in self.g.given_names
            and is_vi_syllable(nxt)
            and (self.lw[j], self.lw[j + 1]) not in self.g.known
        )

    def _middle_name(self, i: int, j: int, titled: bool = False) -> bool:
        """A one-word table name inside a Vietnamese name ("Trình Mỹ Duyên", "Lê Thị Mỹ"):
        a family name opened the run and a given-name syllable follows, or the run is a
        family name and one more syllable and ends with it."""
        tx, n = self.tx, self.n
        opener = tx[i] in self.g.surnames or (titled and is_vi_syllable(tx[i]))
        if not opener or not 1 <= j - i <= 2 or not is_vi_syllable(tx[j]):
            return False
        if j + 1 < n and (self.lw[j], self.lw[j + 1]) in self.g.known:
            return False  # "Nguyễn ... Hoa Kỳ": a two-word table name starts here
        nxt = tx[j + 1] if j + 1 < n else ""
        return (
            bool(nxt)
            and nxt[0].isupper()
            and is_vi_syllable(nxt)
            and (nxt in self.g.given_names or self.lw[j + 1] not in self.g.known_len)
        )

    def full_name_at(self, j: int) -> bool:
        """A Vietnamese full name (family name and one to three capitalised syllables) at ``j``."""
        if j >= self.n or self.tx[j] not in self.g.surnames:
            return False
        e = self.name_run(j)
        return 2 <= e - j <= 4 and all(is_vi_syllable(x) for x in self.tx[j:e])

    def org_words_at(self, j: int) -> int:
        """End of a lower-case word sequence that may continue a name (quốc tế, nhân dân)."""
        if j >= self.n or self.lw[j] not in self.g.org_words_first:
            return j
        for ln in (3, 2, 1):
            if j + ln <= self.n and self.key(j, j + ln) in self.g.org_words:
                return j + ln
        return j

    def compound_end(self, j: int) -> int:
        """End of the lower-case rest of a compound opened by the capitalised word before ``j``
        (``Tự do``, ``Thành phố``, ``Nhân chủng học``), or ``j`` when there is none."""
        if self.lw[j - 1] not in self.g.compound_first:
            return j
        for ln in (3, 2, 1):
            if j + ln <= self.n and self.key(j - 1, j + ln) in self.g.name_compounds:
                if all(self.tx[k][0].islower() for k in range(j, j + ln)):
                    return j + ln
        return j

    def org_body(self, i: int, place: bool = False) -> int:
        """The capitalised body of an organisation (or place) name starting at ``i``."""
        tx, g, n, lw = self.tx, self.g, self.n, self.lw
        known_next, head_next = _NEXT[2], _NEXT[1]
        j = i
        if i >= n or not tx[i][0].isalnum():
            return i
        lower_run = 0
        prev_known_end = -1
        kind = False  # the body opened with a lower-case kind word ("đa khoa")
        compound_end = -1  # where the last sentence-case compound ended ("Thành phố")
        if not place and not tx[i][0].isupper():
            ow = self.org_words_at(i)
            if i < ow < n and tx[ow][0].isupper():
                j = ow  # "Bệnh viện đa khoa Hồng Ngọc": the kind, then the name
                kind = True  # and no lower-case compound after the name ("... Hồng Ngọc tiếp")
        while j < n:
            c = tx[j][0]
            word = c.isalnum()
            cap = c.isupper()
            number = c.isdigit() and j > i and (j + 1 == n or not tx[j + 1][0].isalnum())
            if word and (cap or number):
                # known_at's first test, inline: no call where no table name can start
                nx = known_next.get(lw[j], _NO_WORDS)
                kj, k = self.known_at(j) if nx is None or (j + 1 < n and lw[j + 1] in nx) else (j, None)
                if k is not None:
                    j = kj
                    prev_known_end = j
                    if not tx[j - 1][0].isalnum():
                        break  # "Washington D.C." ends the name
                else:
                    j += 1
                lower_run = 0
                continue
            if j > i and tx[j] == "-" and self.adjacent_hyphen(j):  # its first test, inline
                j += 2
                continue
            low = self.lw[j]
            nxt_cap = j + 1 < n and tx[j + 1][0].isupper()
            if not place and j > i and (low in ("và", "&", "về") or tx[j] in ("-", "&")):
                if (
                    nxt_cap
                    and self.head_at(j + 1) == j + 1
                    and (low == "về" or self.known_at(j + 1)[1] is None)
                ):
                    j += 1
                    continue
                break
            if word and not cap and j > i and tx[j - 1][0].isupper():
                cj = self.compound_end(j)
                if cj > j:
                    j = cj  # "Liên đoàn Tự do", "UBND Thành phố": a sentence-case compound
                    lower_run = 1
                    compound_end = j
                    continue
            if place and word and not cap and j > i and self.key(j - 1, j + 1) in g.org_words:
                j += 1  # "Sân bay Quốc tế Bắc Kinh": a capitalised compound in sentence case
                continue
            if word and not place and not cap:
                # a lower-case place head inside a name: "UBND tỉnh Quảng Ninh" (no call where
                # no head starts)
                hj = self.head_at(j) if low in head_next else j
                if hj > j and hj < n and tx[hj][0].isupper():
                    h = g.heads[self.key(j, hj)]
                    if h.type == "LOC":
                        j = hj
                        continue
                if j > i and low != "về":
                    ow = self.org_words_at(j)
                    if ow > j:
                        if lower_run and self.full_name_at(ow):
                            j = ow  # "trường ĐH Kinh tế quốc dân Phạm Minh Ngọc": the name is not
                            break  # part of the school's
                        j = ow
                        lower_run = 1
                        continue
                if (
                    lower_run == 0
                    and low not in g.function_words
                    and prev_known_end != j
                    and j > i
                    # not after a person's full name that follows a table name: "... Đảng Cộng
                    # sản Việt Nam Tô Lâm phát biểu" (the title's name, split off later)
                    and not (prev_known_end >= 0 and self.full_name_at(prev_known_end))
                    and not kind
                    and is_vi_syllable(tx[j - 1])
                    and is_vi_syllable(tx[j])
                ):
                    j += 1
                    lower_run = 1
                    continue
            break
        # a name does not end on a connector (but "Washington D.C." keeps its dot)
        while j > i and not tx[j - 1][0].isalnum() and j != prev_known_end:
            j -= 1
        # nor on a place head with no name after it ("Sở GD-ĐT TP mở ...")
        if (
            j > i + 1
            and j not in (prev_known_end, compound_end)
            and lw[j - 1] in head_next
            and self.head_at(j - 1) == j
        ):
            h = g.heads[(self.lw[j - 1],)]
            if h.type == "LOC" and "drop" in h.flags:
                j -= 1
        return j


def _doc_mentions(
    text: str, sentences: Iterable[Sentence], g: Gazetteer, light: list[Light], lone_light: bool = False
) -> list[Found]:
    """The mentions of every sentence, in order; lone capitalised Vietnamese words go to ``light``.

    Each sentence is read on its own (its tokens, its reader, its own list of mentions); the
    loop over sentences is here so that the tables the reading uses are looked up once per
    article, not once per sentence (27 sentences and one call each per article)."""
    if not _TRIES:
        _tables_ready(g)
    found: list[Found] = []
    lower_open = g.lower_open
    title_len, office_first = g.title_len, g.office_first
    always, follow = g.lower_always, g.lower_follow
    low_next = _LOW_NEXT
    open_starters = _OPEN_STARTERS[0]
    head_len, lower_known, place_len = g.head_len, g.lower_known, g.place_head_max
    species_last = g.species_last
    token_class = _TOKEN_CLASS
    light_out = light
    # one reader for the article, given each sentence's tokens in turn (what _Reader.__init__
    # sets, set here: no reader object made and freed per sentence)
    r = _Reader([], g, light, lone_light=lone_light)
    for sent in sentences:
        sa, sb = sent.start, sent.end
        r.load(text, sa, sb)
        tx, lw, n = r.tx, r.lw, r.n
        r.last_type = ""
        r.last_end = -1
        # most sentences hold neither "như" nor "nhưng": the token list is not scanned
        r.nhu = text.find("như", sa, sb) >= 0 and "như" in tx
        out: list[Found] = []
        # only a capitalised token or a lower-case title, head or table word can open a mention;
        # every other token is skipped without a lookup.  The capitalised tokens and the
        # lower-case starters were listed by ``load``.
        caps = r.caps
        # a lower-case title or head word is followed by the rest of its title or head, or by
        # what it introduces (a capital, a lower-case head); office titles stand alone (``always``,
        # ``follow``); and some title, head or table entry can start there: the word alone is one,
        # or the next word continues one (``_LOW_NEXT``; "người dân", "chỉ đạo" start none and
        # are not read)
        lows = [
            k
            for k in r.lowc
            if ((nx := low_next.get(tx[k])) is None or (k + 1 < n and lw[k + 1] in nx))
            and (tx[k] in always or (k + 1 < n and (tx[k + 1][0].isupper() or tx[k + 1] in follow)))
        ]
        # Most lower-case title and head words ("học sinh", "người", "công") introduce nothing.
        # Exact shortcuts, from what the full path needs: after a title, a capitalised or
        # head word; after a lower-case head, a capital (maybe behind a place head, "UBND tỉnh
        # Quảng Ninh"); only an office title stands alone (a bare reference to its holder).
        # the openers a title may need after it (``opens``) are made when a title word first
        # needs them (half the sentences with a lower-case candidate have no title word)
        opens: list[int] | None = None
        if lows:
            cands = sorted(caps + lows)
            caps = [*caps, n]
        else:
            cands = caps  # capitalised tokens only: the lower-case path (opens, caps) is not taken
        p = q = 0
        i = 0
        # an acronym in brackets can name the run before it ("(" is always a token of its own)
        paren = text.find("(", sa, sb) >= 0
        for c in cands:
            if c < i:
                continue
            i = c
            x = tx[i]
            if x[0].isupper():
                # what the token's spelling says (table words, function word, Vietnamese syllable),
                # read once per spelling
                fl = token_class.get(x)
                if fl is None:
                    fl = _token_class(x, g)
                if fl & _T_SPECIES or (i and lw[i - 1] in species_last):
                    e = _species_end(r, i)
                    if e > i:
                        i = e  # "Hổ Java", "hổ Sumatra", "Cá ếch": a species, no name
                        continue
                if paren and (not out or out[-1].end <= r.st[i]):
                    a = _acronym_org_end(r, i)
                    if a > i:
                        f = _found(r, i, a, "ORG")
                        f.tok_start = i
                        out.append(f)
                        r.last_type, r.last_end = "ORG", a
                        i = a
                        continue
                if i > 1 and tx[i - 1] in _QUOTES and r.after_work_cue(i):
                    j = i
                    while j < n and r.word(j) and r.cap(j):
                        j += 1
                    if j < n and tx[j] in '”"’':
                        i = j  # 'chủ đề "Biển Gọi"': a quoted title after a work noun
                        continue
                if fl & _T_WORK and (i == 0 or tx[i - 1] in _OPENERS):
                    w = _work_title_end(r, i)
                    if w > i:
                        i = w  # "Bộ phim Friday Night Lights ...": a work's title, not a name
                        continue
                if not fl & _T_FIRST:
                    # no title or table entry starts here: only a name can (most capitalised words)
                    if fl & _T_LONE_VI and (
                        i + 1 == n or not (tx[i + 1][0].isupper() or tx[i + 1] == "." or tx[i + 1] == "-")
                    ):
                        # _name_at's commonest answer, taken here: a capitalised Vietnamese word
                        # alone (a sentence's first word, mostly) is kept aside as a light record
                        s0 = r.st[i]
                        light_out.append((s0, s0 + len(x), x, i == 0 or tx[i - 1] in _OPENERS))
                        r.last_type = "PER"
                        i += 1
                        r.last_end = i
                        continue
                    if fl & _T_SKIP:
                        i += 1  # _name_at's answer for a function word ("Theo", "Trong"): no name
                        continue
                    nxt = _name_at(r, i, out)
                    i = nxt if nxt > i else i + 1
                    continue
                if fl & _T_TITLE:
                    nxt = _title_mention(r, i, out)
                    if nxt > i:
                        i = nxt
                        continue
            else:
                if x not in lower_known:
                    # the next opener and the next capital after ``i`` (both lists end with
                    # ``n``), looked up only for a word that can open a title (``title_len``:
                    # no title word, no title here) or a head (``lower_open``)
                    title_ok = x in office_first
                    if not title_ok and x in title_len:
                        if opens is None:
                            # every lower-case head or table word that passes the lower-case
                            # test on what follows it, whether or not an entry starts there, and
                            # the capitals (``caps`` ends with ``n``, and so does ``opens``)
                            opens = caps + [
                                k
                                for k in r.lowc
                                if tx[k] in open_starters
                                and (
                                    tx[k] in always
                                    or (k + 1 < n and (tx[k + 1][0].isupper() or tx[k + 1] in follow))
                                )
                            ]
                            opens.sort()
                        p = bisect_right(opens, i, p)
                        title_ok = opens[p] - i <= title_len[x]
                    if title_ok:
                        j, title = r.title_at(i)
                        title_ok = title is not None and (
                            title.kind == "office" or (j < n and (tx[j][0].isupper() or tx[j] in lower_open))
                        )
                    head_ok = False
                    if x in lower_open:
                        q = bisect_right(caps, i, q)
                        head_ok = caps[q] - i <= head_len.get(x, 0) + place_len
                    if head_ok:
                        j = r.head_at(i)
                        head_ok = i < j < n and (tx[j][0].isupper() or tx[j] in lower_open)
                    if not title_ok and not head_ok:
                        i += 1
                        continue
                if lw[i] in title_len:
                    nxt = _title_mention(r, i, out)
                    if nxt > i:
                        i = nxt
                        continue
                if x not in lower_open:
                    i += 1  # a lower-case title word with no name after it
                    continue
            nlight = len(light_out)
            nxt = _named_at(r, i, out, sentence_start=i == 0 or tx[i - 1] in _OPENERS)
            if len(light_out) > nlight:
                r.last_type = "PER"  # a lone word kept aside (_lone_light): what its Found said
                r.last_end = nxt
            elif out and nxt > i:
                r.last_type = out[-1].type
                r.last_end = nxt
            i = nxt if nxt > i else i + 1
        if out:
            found.extend(out)
    return found


# what a capitalised token's spelling says, for the sentence loop (bits of _token_class)
_T_SPECIES, _T_WORK, _T_FIRST, _T_TITLE, _T_SKIP, _T_LONE_VI = 1, 2, 4, 8, 16, 32
_TOKEN_CLASS: Final[dict[str, int]] = {}
_TOKEN_CLASS_MAX: Final = 1 << 16  # spellings kept


def _token_class(x: str, g: Gazetteer) -> int:
    """The sentence loop's tests on a capitalised token that depend on its spelling only, made
    once per spelling: a species head, a work noun, the first word of a title, head or table
    entry, a title's first word, a function word that opens no name (not a family name: "Từ"),
    a Vietnamese syllable that may be a name alone.  Cached by spelling only: ``g`` is always the
    one shared ``gazetteer()`` (loaded once from the packaged tables), so the answer is a pure
    function of ``x``."""
    low = x.lower()
    fl = (
        (_T_SPECIES if low in g.species_first else 0)
        | (_T_WORK if low in g.work_first else 0)
        | (_T_FIRST if low in g.first_words else 0)
        | (_T_TITLE if low in g.title_len else 0)
        | (_T_SKIP if x in g.not_names and x not in g.surnames else 0)
        | (_T_LONE_VI if len(x) > 1 and x not in g.not_names and is_vi_syllable(x) else 0)
    )
    if len(_TOKEN_CLASS) >= _TOKEN_CLASS_MAX:
        _TOKEN_CLASS.clear()
    _TOKEN_CLASS[x] = fl
    return fl


_SPECIES_MAX: Final = 3  # tokens in the longest species head
_SPECIES_CUE_MAX: Final = 4  # tokens in the longest scientific-name cue


def _cap_run(r: _Reader, i: int) -> int:
    j = i
    while j < r.n and r.word(j) and r.cap(j):
        j += 1
    return j


def _species_end(r: _Reader, i: int) -> int:
    """Where a species name at token ``i`` ends, or ``i`` when there is none.

    A capitalised species head (``Hổ``, ``Cá voi``) is a common noun opening a sentence: it
    is no name, and no later ``Hổ`` may resolve to a person.  The capitalised run right
    after a head, in any case, or after a scientific-name cue (``tên khoa học là``) is the
    species' name (``Hổ Java``, ``hổ Sumatra``, ``Panthera``), not a person or a place; a
    country after the head stays a country (``cá Việt Nam``).
    """
    g = r.g
    if r.lw[i] in g.species_first:
        for k in range(min(_SPECIES_MAX, r.n - i), 0, -1):
            if r.key(i, i + k) in g.species_heads and all(not r.cap(t) for t in range(i + 1, i + k)):
                j = i + k
                return j if _country_at(r, j) else _cap_run(r, j)
    for k in range(1, _SPECIES_CUE_MAX + 1):
        if k > i:
            break
        key = r.key(i - k, i)
        if key in g.species_heads or key in g.species_cues:
            if r.cap(i - k) and key in g.species_heads:
                return i  # "Cá Hermaphrodite": the head was read with its run already
            return i if _country_at(r, i) else _cap_run(r, i)
    return i


def _country_at(r: _Reader, i: int) -> bool:
    """A country's name starts at token ``i``."""
    if i >= r.n or not r.cap(i):
        return False
    j, known = r.known_at(i)
    return known is not None and known.canonical in r.g.countries


def _name_at(r: _Reader, i: int, out: list[Found]) -> int:
    """A person's name at ``i`` when no title or table entry starts there (``_named_at``'s
    last choice, taken directly)."""
    tx = r.tx
    x = tx[i]
    if x in r.g.not_names:
        if x in r.g.surnames:
            return _function_surname(r, i, out)
        return i
    nx = tx[i + 1] if i + 1 < r.n else ""
    if nx and (nx[0].isupper() or nx == "." or nx == "-"):
        nj = r.name_run(i)
    elif "." in x and _INITIALS.match(x):
        return i
    else:
        nj = i + 1  # a one-word run (name_run's answer, without its loop)
    if nj == i + 1 and len(x) > 1 and is_vi_syllable(x):
        # a capitalised Vietnamese word alone (often a sentence's first word): it is a name
        # only if the article resolves it, so it is kept aside as a light record
        s0 = r.st[i]
        r.light.append((s0, s0 + len(x), x, i == 0 or tx[i - 1] in _OPENERS))
        r.last_type = "PER"
        r.last_end = nj
        return nj
    if nj > i:
        f = _bare_name(r, i, nj)
        if f is not None:
            f.tok_start = i
            out.append(f)
            r.last_type = f.type
            r.last_end = nj
            return nj
        if _work_title_rest(r, i, nj):
            return nj  # a work's whole title is skipped, not read again from its second word
        if nj == i + 2 and not is_vi_syllable(tx[i + 1]):
            return nj  # a rejected pair is not read again from its second word ("CH Play")
    return i


def _acronym_org_end(r: _Reader, i: int) -> int:
    """End of a capitalised run named by the acronym in brackets right after it: ``Paris Saint
    Germain (PSG)``, ``World Health Organization (WHO)`` -- the whole run is one organisation,
    whatever its words would be alone (a city, a person).  The acronym's letters must be the
    run's initials in order, the first one included; ``i`` when there is none."""
    tx, n = r.tx, r.n
    j = i
    while j < n and (tx[j][0].isupper() or (j > i and tx[j] == "-" and r.adjacent_hyphen(j))):
        j += 2 if tx[j] == "-" else 1
        if j - i > 8:
            return i
    if j - i < 2 or j + 2 >= n or tx[j] != "(" or tx[j + 2] != ")" or r.end(j + 1) != r.st[j + 2]:
        return i
    if r.known_at(i)[0] == j:
        return i  # a table name keeps its type ("Thành phố Hồ Chí Minh (TPHCM)")
    h = r.head_at(i)
    if h > i and r.g.heads[r.key(i, h)].type != "ORG":
        return i  # a place by its head word
    if any(r.g.foreign_cues.get(w) in ("EVENT", "OTHER") for w in tx[i:j]):
        return i  # a competition or a product ("European Super League (ESL)")
    acro = tx[j + 1]
    if not 2 <= len(acro) <= 8 or not acro.isupper() or not acro.isalpha():
        return i
    initials = [fold_initial(w) for w in tx[i:j] if w[0].isalnum()]
    letters = [fold_initial(c) for c in acro]
    if letters[0] != initials[0] or len(letters) > len(initials) + 2:
        return i
    k = 0
    for c in letters:  # a subsequence of the initials (MU, PSG; not HCM for "Hồ Chí Minh")
        while k < len(initials) and initials[k] != c:
            k += 1
        if k == len(initials):
            return i
        k += 1
    return j


def fold_initial(word: str) -> str:
    """The first letter of ``word`` without diacritics, upper-cased (``Đ`` stays ``Đ``)."""
    c = word[0].upper()
    return _INITIAL_FOLD.get(c, c)


_INITIAL_FOLD: Final = (
    {c: "A" for c in "ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ"}
    | {c: "E" for c in "ÉÈẺẼẸÊẾỀỂỄỆ"}
    | {c: "I" for c in "ÍÌỈĨỊ"}
    | {c: "O" for c in "ÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ"}
    | {c: "U" for c in "ÚÙỦŨỤƯỨỪỬỮỰ"}
    | {c: "Y" for c in "ÝỲỶỸỴ"}
)


def _function_surname(r: _Reader, i: int, out: list[Found]) -> int:
    """A family name that is also a function word (``Từ``: "from") before a given-name run.

    Mid-sentence the capital settles it: the preposition is written ``từ``, so ``của Từ Nhược
    Tuyên`` is a person (unless the capital belongs to a title-case run: ``Em Từ Cái Nhìn``).
    Opening a sentence it may be the preposition (``Từ Nam Du, tàu chạy ...``; on unc-dev
    about one sentence-initial ``Từ X Y`` in three): the run after it is read as usual and
    marked, and the resolver makes it the person only if the article names that person in full
    elsewhere.  Returns ``i`` when no given-name run follows (the word stays a function word).
    """
    tx, n = r.tx, r.n
    s = i + 1
    if s >= n or not tx[s][0].isupper() or r.known_at(s)[1] is not None:
        return i
    nj = r.name_run(s)
    if not 1 <= nj - s <= 3 or not all(is_vi_syllable(w) for w in tx[s:nj]):
        return i
    if nj < n and tx[nj][0].isupper():
        return i  # a longer title-case run ("Từ Cái Nhìn Đầu Tiên")
    if not r.sentence_start(i):
        if r.cap(i - 1) and r.word(i - 1):
            return i  # inside a title-case run
        f = _found(r, i, nj, "PER")
        f.tok_start = i
        out.append(f)
        r.last_type, r.last_end = "PER", nj
        return nj
    # sentence start: the usual reading of the run, with the person as the alternative
    before = len(out)
    light_before = len(r.light)
    end = _name_at(r, s, out)
    if len(out) > before and out[-1].start == r.st[s]:
        out[-1].alt_start = r.st[i]
    elif len(r.light) > light_before:
        # a lone given name went to the light records: make it a mention with the alternative
        st, en, name, _ = r.light.pop()
        out.append(Found(st, en, "PER", name, single=True, unsure=True, alt_start=r.st[i]))
    return end if end > s else s


def _span(r: _Reader, i: int, j: int) -> tuple[int, int]:
    return r.st[i], r.end(j - 1)


_ODD_SPACE: Final = re.compile(r"\s\s|[^\S ]|_")  # what _text's test finds: two spaces, another space, "_"


def _text(r: _Reader, i: int, j: int) -> str:
    """The tokens ``i:j`` as written, with one space wherever the text had space."""
    if j == i + 1:
        return r.tx[i]
    st, tx = r.st, r.tx
    written = r.text[st[i] : st[j - 1] + len(tx[j - 1])]  # text_of, inline
    # single spaces already (nearly always): what lies between tokens is white space or "_"
    # (nothing else escapes TOKEN), so the gaps are single spaces exactly when the spaces and
    # the tokens' letters make up the whole text and no two spaces touch (_ODD_SPACE finds
    # none; these C-level tests cost less than its search)
    if "  " not in written and written.count(" ") + sum(map(len, tx[i:j])) == len(written):
        return written
    parts = [tx[i]]
    prev = st[i] + len(tx[i])
    for k in range(i + 1, j):
        if st[k] > prev:
            parts.append(" ")
        parts.append(tx[k])
        prev = st[k] + len(tx[k])
    return "".join(parts)


def _found(
    r: _Reader,
    i: int,
    j: int,
    typ: str,
    role: str | None = None,
    canonical: str | None = None,
    single: bool = False,
    unsure: bool = False,
    title: str | None = None,
    title_kind: str | None = None,
) -> Found:
    """The mention of tokens ``i:j``.  Its fields are named here and passed to ``Found`` by
    position (a ``**kw`` pass-through built two dicts per call; 40 calls per article)."""
    if j == i + 1:
        name = r.tx[i]
        foreign = typ == "PER" and name[0].isalnum() and not is_vi_syllable(name)
        s = r.st[i]
        e = s + len(name)
    else:
        s, e = _span(r, i, j)
        name = _text(r, i, j)
        foreign = typ == "PER" and not all(is_vi_syllable(x) for x in r.tx[i:j] if x[0].isalnum())
    # fields in Found's order: start, end, type, name, role, canonical, single, unsure, bare,
    # title, title_kind, tok_start, split_at, foreign
    return Found(s, e, typ, name, role, canonical, single, unsure, False, title, title_kind, 0, None, foreign)


def _title_mention(r: _Reader, i: int, out: list[Found]) -> int:
    """A title, its complement (organisation or country) and the name it introduces."""
    tx = r.tx
    j, title = r.title_at(i)
    if title is None:
        return i
    if title.kind != "office" and (j >= r.n or (not tx[j][0].isupper() and tx[j] not in r.g.starters)):
        return i  # no name, organisation or place can follow ("học sinh làm bài")
    if title.kind == "honorific" and r.cap(i) and not r.sentence_start(i):
        return i  # "Bà Rịa", "Anh Đức": a capital mid-sentence is part of a name
    # (known_at and title_at called only where a table name or title can start: _NEXT's keys)
    if r.lw[i] in _NEXT[2] and r.known_at(i)[0] > j:
        return i  # a table name that begins with a title word
    if (
        j < r.n
        and r.cap(j)
        and r.lw[j] in _NEXT[0]
        and (nxt := r.title_at(j)[1]) is not None
        and nxt.takes == "contest"
    ):
        return i  # "giám khảo Hoa hậu Thế giới": the contest title is read on its own
    # a capitalised title word must be capitalised as a title (or be lower-case in the text)
    if title.kind == "honorific" and r.cap(i) and i == 0:
        # "Ông Nguyễn Văn An" at the start of a sentence is fine; "Anh" alone is not a title
        pass
    if title.takes == "name" and (j >= r.n or r.title_at(j)[1] is not None or not r.cap(j)):
        return i  # "đã bầu PGS.TS X": the verb (elect), not the club-owner title
    comp: list[Found] = []
    k = j
    if title.takes == "name":
        pass
    elif title.takes == "contest":
        # "Hoa hậu Hoàn vũ", "Hoa hậu Thế giới": the contest's name in sentence case (a capital
        # and a lower-case syllable) belongs to the title; a person's name is all capitals
        while (
            k + 1 < r.n
            and tx[k][0].isupper()
            and is_vi_syllable(tx[k])
            and tx[k + 1][0].islower()
            and is_vi_syllable(tx[k + 1])
            and tx[k + 1] not in r.g.function_words
        ):
            k += 2
        if k > j and (k >= r.n or not tx[k][0].isupper()):
            return k  # the contest alone: no person
    elif title.takes:
        # complement: an organisation or a country (possibly "X tại Y")
        sub: list[Found] = []
        k2 = _named_at(r, j, sub, sentence_start=False, in_title=True)
        if k2 > j and sub and sub[-1].type in ("ORG", "GPE", "LOC"):
            comp = sub
            k = k2
            if k + 1 < r.n and r.lw[k] == "tại":
                sub2: list[Found] = []
                k3 = _named_at(r, k + 1, sub2, sentence_start=False, in_title=True)
                if k3 > k + 1 and sub2 and sub2[-1].type in ("GPE", "LOC"):
                    comp += sub2
                    k = k3
        # the complement may have swallowed the name: "Ban Chấp hành ... Việt Nam Tô Lâm"
        split = comp[-1].split_at if comp and comp[-1].type == "ORG" else None
        if split is not None:
            comp[-1] = _found(r, comp[-1].tok_start, split, "ORG", canonical=comp[-1].canonical)
            k = split
    kn = r.known_at(k)[1] if not comp and k < r.n and r.cap(k) and r.lw[k] in _NEXT[2] else None
    if not comp and k < r.n and not (kn is not None and r.country_given_name(k, k, kn)):
        # "học sinh Trường THPT ...", "hoa hậu Mỹ": an organisation or place, not a name
        # (but "ca sĩ Mỹ Tâm": a country opening a given name is the person's name)
        sub3: list[Found] = []
        k4 = _named_at(r, k, sub3, sentence_start=False, in_title=True)
        if k4 > k and sub3 and sub3[-1].type in ("ORG", "GPE", "LOC"):
            out.extend(sub3)
            return k4
    role_end = k
    nj = r.name_run(k, titled=True)
    if nj > k and k < r.n and tx[k] in r.g.not_names:
        nj = k
    name_ok = nj > k
    if name_ok:
        single = nj - k == 1
        vi_single = single and is_vi_syllable(tx[k])
        if title.kind in ("office", "rank", "occupation") and vi_single:
            # "Thủ tướng Chính" is only a name when it refers back to a known person; a capital
            # that opens a lower-case compound and is no given name ("Giám đốc Kỹ thuật") is
            # kept only if it resolves
            compound = (
                nj < r.n
                and tx[nj][0].islower()
                and is_vi_syllable(tx[nj])
                and tx[nj] not in r.g.function_words
                and tx[k] not in r.g.given_names
            )
            out.extend(comp)
            out.append(
                _found(r, k, nj, "PER", role=_role(r, i, j, role_end, title), single=True, unsure=compound)
            )
            return nj
    prev = _apposed_person(r, i, out)
    out.extend(comp)
    role = _role(r, i, j, role_end, title)
    if name_ok and prev is not None and title.kind == "office" and not comp and _apposed_body(r, k, nj):
        # "Ông X, Tổng giám đốc Vietravel, cho biết": the word after the office is its body (an
        # organisation), the office is X's role
        out.append(_found(r, k, nj, "ORG"))
        prev.role = _text(r, i, nj)
        return nj
    if not name_ok and prev is not None and title.kind == "office" and comp and prev.role is None:
        prev.role = role  # "Ông X, Phó Tổng giám đốc Viettel Telecom": X's role
    if name_ok:
        out.append(
            _found(r, k, nj, "PER", role=role, single=nj - k == 1, title_kind=title.kind, title=title.text)
        )
        return nj
    if title.kind == "office" and r.word(i):
        s, e = _span(r, i, role_end)
        out.append(
            Found(
                start=s,
                end=e,
                type="PER",
                name="",
                role=role,
                bare=True,
                title=title.text,
                title_kind=title.kind,
            )
        )
        return role_end if role_end > i else j
    if comp:
        return role_end
    # an honorific or description with no name after it ("anh", "Anh" the country): not a title
    return i


def _work_title_end(r: _Reader, i: int) -> int:
    """End of ``<work noun> <Title Run>`` opening a sentence ("Bộ phim Friday Night Lights",
    "Chương trình Access Hollywood Live"): the capitalised noun would otherwise be read as an
    organisation head or a name.  ``i`` when there is none."""
    if r.lw[i] not in r.g.work_first:
        return i
    for ln in (3, 2, 1):
        e = i + ln
        if e < r.n and r.key(i, e) in r.g.work_cues and all(not r.cap(k) for k in range(i + 1, e)):
            s = e + 1 if r.tx[e] in _QUOTES else e
            if s < r.n and r.cap(s) and r.known_at(s)[1] is None:
                j = s
                while j < r.n and r.word(j) and r.cap(j):
                    j += 1  # the whole capitalised title, table words included ("Access Hollywood Live")
                return j
    return i


def _apposed_person(r: _Reader, i: int, out: list[Found]) -> Found | None:
    """The person named right before ``, <title>`` (an apposition), if any."""
    if i < 2 or r.tx[i - 1] != "," or not out:
        return None
    prev = out[-1]
    return prev if prev.type == "PER" and not prev.bare and prev.end == r.st[i - 1] else None


def _apposed_body(r: _Reader, k: int, nj: int) -> bool:
    """A run after an office in apposition that cannot be the holder's name: one foreign word
    (no Vietnamese syllable, no family name) closed by punctuation (``Vietravel,``)."""
    if nj - k != 1 or is_vi_syllable(r.tx[k]) or r.tx[k] in r.g.surnames:
        return False
    return nj >= r.n or not r.word(nj)


def _role(r: _Reader, i: int, j: int, role_end: int, title: Title) -> str | None:
    if title.kind == "honorific":
        return None
    return _text(r, i, role_end)


def _named_at(r: _Reader, i: int, out: list[Found], sentence_start: bool, in_title: bool = False) -> int:
    """An organisation, place, table entity or name starting at token ``i``."""
    tx, g, n = r.tx, r.g, r.n
    if i >= n:
        return i
    tok = tx[i]
    tok_cap = tok[0].isupper()
    # the candidate kept: the longest, and of equal ends the higher priority (a table entity 3,
    # a head 2, a bare name 1); they are made in the order head, table entity, name
    best: Found | None = None
    end = prio = 0
    low = r.lw[i]
    # organisation / place by head word (no call when no head starts with this word)
    hj = r.head_at(i) if low in g.head_len else i
    if hj > i:
        head = g.heads[r.key(i, hj)]
        if in_title and head.type == "LOC" and tok_cap and tok in g.surnames:
            hj = i  # "Phó Thủ tướng Hồ Đức Phớc": after a title, a family name, not a lake
    if hj > i:
        capital = tok_cap
        if capital or "lower" in head.flags or "drop" in head.flags:
            bj = r.org_body(hj, place=head.type == "LOC")
            if bj > hj and not tok_cap and _number_after(r, bj) and not all(map(is_vi_syllable, tx[hj:bj])):
                bj = hj  # "bản Android 11": a version, not a village
            if bj > hj:
                keep_head = "drop" not in head.flags
                # a lower-case head is not part of the name, its capitalised words are:
                # "trường ĐH Bách khoa" -> "ĐH Bách khoa"
                si = i
                while si < hj and (
                    not tx[si][0].isupper()
                    or (si == i and head.type == "LOC" and "lower" in head.flags and r.sentence_start(i))
                ):
                    si += 1
                if not keep_head:
                    si = hj
                keep_head = si < hj
                f = _found(r, si, bj, head.type)
                f.tok_start = si
                # inner known name: "tỉnh Quảng Ninh" keys as Quảng Ninh
                kj, known = r.known_at(hj) if r.lw[hj] in _NEXT[2] else (hj, None)
                if known is not None and kj == bj and (not keep_head or known.type == head.type == "ORG"):
                    f.type = known.type
                    f.canonical = known.canonical
                f.split_at = _name_tail(r, si, bj, hj) if in_title and head.type == "ORG" else None
                if head.type == "LOC" and tok_cap and tok in g.surnames and bj - hj <= 3:
                    # "Hồ Đức Phớc cho biết": a lake or a person; the resolver decides by the
                    # people the article names in full
                    f.alt_start = r.st[i]
                best, end, prio = f, bj, 2
            elif capital and "alone" in head.flags:
                f = _found(r, i, hj, head.type)
                f.tok_start = i
                best, end, prio = f, hj, 2
    # a table entity
    nx = _NEXT[2].get(low, _NO_WORDS)  # known_at's first test, inline (no call)
    kj, known = r.known_at(i) if nx is None or (i + 1 < r.n and r.lw[i + 1] in nx) else (i, None)
    if known is not None and not (known.ambiguous and _glued(r, i, kj, sentence_start)):
        if (
            known.type in ("LOC", "GPE")
            and low in _TABLE_FIRST[0]  # the first word of a place that is also a company
            and ((in_title and r.key(i, kj) in g.company_alt) or _company_here(r, i, kj))
        ):
            known = g.company_alt[r.key(i, kj)]  # "doanh thu của Amazon": the company
        f = _found(r, i, kj, known.type, canonical=known.canonical)
        if known.type == "ORG":
            # known name followed by capitalised foreign words: "Viettel Telecom"
            ej = kj
            while ej < n and g.foreign_cues.get(tx[ej]) == "ORG" and tx[ej][0].isalnum():
                ej += 1
            if ej > kj:
                f, kj = _found(r, i, ej, "ORG"), ej
        elif known.type in ("LOC", "GPE"):
            # a table place followed by place words: "Hollywood Hills", "Palm Springs", "Bến
            # Thành Tower" is a place of its own (not the city and a person "Hills")
            ej = kj
            while ej < n and g.foreign_cues.get(tx[ej]) == "LOC" and tx[ej][0].isalnum():
                ej += 1
            if ej > kj and not (
                ej < n and tx[ej][0].isalnum() and tx[ej][0].isupper()
            ):  # not "Vietnam Mountain Marathon"
                f, kj = _found(r, i, ej, "LOC"), ej
        f.tok_start = i
        if best is None or kj >= end:
            best, end, prio = f, kj, 3
    # a person's name without a title (a table name at i stops a name run at once)
    rejected = i
    if tok_cap and not in_title and tok not in g.not_names and (known is None or known.ambiguous):
        nj = r.name_run(i)
        # a name no longer than the head or table entity found loses to it: not read (its
        # reading has no effect but its Found; ``rejected`` counts only when nothing was found)
        if nj > i and (best is None or nj > end):
            f2 = _bare_name(r, i, nj)
            if f2 is not None:
                f2.tok_start = i
                best, end, prio = f2, nj, 1
            elif best is not None:
                pass
            elif _work_title_rest(r, i, nj):
                rejected = nj  # "bộ phim Tây Du Ký": the whole title is skipped, not read from "Du"
            elif nj == i + 2 and not is_vi_syllable(tx[i + 1]):
                rejected = nj  # "CH Play": not read again from its second word
    if best is None:
        return rejected
    if prio == 1 and r.lone_light and end == i + 1 and _lone_light(r, best, end):
        r.light.append((best.start, best.end, best.name, best.initial))
        return end
    out.append(best)
    return end


def _lone_light(r: _Reader, f: Found, j: int) -> bool:
    """Whether the bare name ``f`` of the one token before ``j`` is a lone Vietnamese word that
    every later step treats as a light record (so it is kept aside as one, not built and
    carried as a mention; about 12 per article).

    Such a ``Found`` (``_bare_name``'s ``_VI_ONE``: an unsure, single, non-foreign person with
    no role or title) is never a term source (``_term_shaped`` is False for a Vietnamese
    syllable) and ``resolve`` reads it as it reads a light record (acronym, named place or
    organisation unless it opens a sentence, a full name ending with it, or dropped).  What
    differs, and is tested here: ``_unglue`` may cut a word with a capital after its first
    letter; ``_drop_terms`` drops a role abbreviation or a table term (``_term_name``); a title
    in apposition right after it (``X, Giám đốc ...``) gives it a role (the comma is tested);
    ``_clubs`` reads mentions (the reader's ``lone_light`` is False in a team-sports report)."""
    if not (f.single and f.unsure and f.type == "PER") or f.foreign or f.weak:
        return False
    x = f.name
    if j < r.n and r.tx[j] == ",":
        return False
    return (len(x) < 3 or x[1:].islower()) and _term_name(x) is _NO_TERM


def _company_here(r: _Reader, i: int, j: int) -> bool:
    """Whether a name that is both a place and a company (``Amazon``) is the company here: its
    sentence holds a company cue (``hãng``, ``doanh thu``, ``CEO``) and no place noun stands
    right before it (``rừng Amazon``)."""
    g = r.g
    if r.key(i, j) not in g.company_alt or _noun_before(r, i) == "LOC" or r.after_place_cue(i):
        return False
    return any(r.key(k, k + ln) in g.company_cues for k in range(r.n) for ln in (1, 2, 3) if k + ln <= r.n)


def _glued(r: _Reader, i: int, j: int, sentence_start: bool) -> bool:
    """An ambiguous table name (Anh, Đức, Nga) that is really part of another name or a word."""
    if sentence_start:
        return True  # "Anh cho biết"
    tx = r.tx
    if i > 0:
        low = r.lw[i - 1]
        if low == "tiếng":
            return True  # "tiếng Anh"
        c = tx[i - 1][0]
        if c.isalnum() and (c.isupper() or (low,) in r.g.titles):
            return True
    return j < r.n and tx[j][0].isupper()


def _name_tail(r: _Reader, i: int, j: int, head_end: int) -> int | None:
    """Where a person's name starts at the end of an organisation body, if it does."""
    # the last point inside the body after a lower-case word or a table name
    cut = None
    p = i
    while p < j:
        kj, k = r.known_at(p)
        if k is not None and kj <= j:
            p = kj
            cut = p
            continue
        if not r.cap(p) and p >= head_end:
            cut = p + 1  # not inside the head: "Công ty TNHH Gia Phát" has no name after "ty"
        p += 1
    # a cut right after a bare head leaves no body: "Chủ tịch Tập đoàn Phú Thái" keeps its
    # whole name (but "Bộ GD&ĐT Hoàng Minh Sơn" is cut after the table name "Bộ GD&ĐT")
    if cut == head_end and r.known_at(i)[0] != cut:
        return None
    if cut is None or cut <= i or cut >= j or j - cut > 4:
        return None
    if all(x[0].isupper() for x in r.tx[cut:j]):
        return cut
    return None


def _bare_name(r: _Reader, i: int, j: int) -> Found | None:
    """A capitalised run with no title: a Vietnamese full name or a foreign one.

    A run of given names with no family name ("Trọng Hoàng", "Xuân Trường") or a single
    foreign word ("Cavani") is most often a person in news; it is kept as ``unsure`` and the
    resolver may turn it into the place or organisation the article named that way.

    What the run's spelling alone decides is read from its plan (``_run_plan``, made once per
    spelling); only the few context tests are made here, in the order the rules take them.
    """
    tx = r.tx
    if i > 0:
        k = i - 1 if tx[i - 1] in _QUOTES else i  # after_work_cue's first test, inline
        if k > 0 and r.lw[k - 1] in r.g.work_last and r.after_work_cue(i):
            return None  # a work, product or award ("bộ phim Titanic", "podcast Skeptoid")
    if r.nhu and _in_work_list(r, i):
        return None
    key = tuple(tx[i:j])
    p = _PLANS.get(key)
    if p is None:
        p = _run_plan(key)
    kind = p.kind
    if kind == _VI_ONE:
        # the most common case, a capitalised Vietnamese word alone (often a sentence's first)
        return _run_found(
            r, i, j, "PER", False, single=True, unsure=True, initial=i == 0 or tx[i - 1] in _OPENERS
        )
    if kind == _NONE:
        return None
    sentence_start = i == 0 or tx[i - 1] in _OPENERS
    if kind == _VI_FULL:
        if _address_at(r, i, j) or _in_place_list(r, i, j) and _place_after_comma(r, j):
            # "số 12 Trần Duy Hưng, quận Cầu Giấy", "thị trấn Vĩnh Trụ, Lý Nhân, Hà Nam"
            return _run_found(r, i, j, "LOC", False, unsure=True)
        if not sentence_start and (_at_place(r, i) or _province_after(r, j)):
            # "nhà nào ở Hà Gia Bá", "cầu Mai Lĩnh, Hà Đông (Hà Nội)": a place
            return _run_found(r, i, j, "LOC", False, unsure=True)
        return _run_found(r, i, j, "PER", False)
    if kind == _VI_SINGLE:
        return _run_found(r, i, j, "PER", False, single=True, unsure=True, initial=sentence_start)
    if kind == _VI_SHORT:
        if not sentence_start and _after_place(r, i, j):
            return _run_found(r, i, j, "LOC", False, unsure=True)
        if p.given:
            # given names only: a person ("Trọng Hoàng", "(Văn Thanh)")
            return _run_found(r, i, j, "PER", False, unsure=True)
        if not sentence_start:
            # another capitalised compound ("Tây Du Ký"): only if the article resolves it
            return _run_found(r, i, j, "PER", False, unsure=True, weak=True)
        return None
    # a foreign run
    if kind == _ACRONYM_ONE:
        # acronyms (THPT, HCĐ) are names only when the article introduced them:
        # "Hiệp hội ... (VINASA)"
        return _run_found(r, i, j, "PER", True, single=True, unsure=True)
    if kind == _ENGLISH_COUNTRY:
        return _run_found(r, i, j, "ORG", True)  # "tổ chức bảo tồn Historic England"
    single = p.single
    if kind == _CAMEL_ONE:
        # "ScreenPad", "GeForce", "NanoEdge": a product or brand; an organisation only after an
        # organisation noun ("hãng OnePlus"), a person only as short for a name the article gives
        cue = _noun_before(r, i)
        if cue == "ORG" or _in_org_list(r, i, j):
            return _run_found(r, i, j, "ORG", True)  # "hãng OnePlus", "các hãng Pfizer, Moderna"
        return None if cue == "WORK" else _run_found(r, i, j, "PER", True, single=True, unsure=True)
    if kind == _CUE_ORG:
        return _run_found(r, i, j, "ORG", True)
    if kind == _CUE_LOC:
        return _run_found(r, i, j, "LOC", True)
    if (i > 0 and tx[i - 1] == "/") or (j < r.n and tx[j] == "/"):
        return _run_found(r, i, j, "ORG", True)  # a source credit, "Theo Insider/ Jugyeom": outlets
    if r.last_type == "ORG" and r.last_end == i:
        return None  # a model after its brand: "MediaTek Dimensity", "LG Renoir"
    if p.digit or _number_after(r, j) or _hyphen_tail(r, i):
        return None  # a model or a competition ("Android 11", "Ligue 1", "J-Tech Inverter")
    if single and _in_org_list(r, i, j):
        return _run_found(r, i, j, "ORG", True)  # "Foxconn và Wistron,", "Visa hoặc Mastercard"
    cue = _noun_before(r, i)
    if cue == "WORK":
        return None  # "ứng dụng miễn phí X"
    if cue in ("ORG", "LOC"):
        return _run_found(r, i, j, cue, True)  # "tập đoàn công nghệ toàn cầu Harvey Nash"
    if _after_place(r, i, j) and not (p.given_first or _person_cue(r, i, j)):
        return _run_found(r, i, j, "LOC", True, unsure=True)
    if p.english:
        # common English words with no person cue: a title or brand ("Feel Pretty"); a lone one
        # is kept only if it is short for a person the article names ("Bar" of "Bar Refaeli")
        # (a run is kept aside as weak: a match report may still find it a club, "Crystal Palace")
        if single:
            return _run_found(r, i, j, "PER", True, single=True, unsure=True)
        return _run_found(r, i, j, "PER", True, unsure=True, weak=True)
    if single:
        return _run_found(r, i, j, "PER", True, single=True, unsure=sentence_start)
    return _run_found(r, i, j, "PER", True)


def _run_found(
    r: _Reader,
    i: int,
    j: int,
    typ: str,
    foreign: bool,
    single: bool = False,
    unsure: bool = False,
    initial: bool = False,
    weak: bool = False,
) -> Found:
    """``_found`` for a run whose plan already says whether it is foreign (a PER only)."""
    name = r.tx[i] if j == i + 1 else _text(r, i, j)
    # fields in Found's order (see _found), then foreign, initial, weak
    return Found(
        r.st[i],
        r.end(j - 1),
        typ,
        name,
        None,
        None,
        single,
        unsure,
        False,
        None,
        None,
        0,
        None,
        foreign and typ == "PER",
        initial,
        weak,
    )


# what a capitalised run's spelling alone says (see _run_plan); the order is _bare_name's
_VI_ONE, _NONE, _VI_FULL, _VI_SINGLE, _VI_SHORT = range(5)
_ACRONYM_ONE, _ENGLISH_COUNTRY, _CAMEL_ONE, _CUE_ORG, _CUE_LOC, _FOREIGN = range(5, 11)


class _Plan(NamedTuple):
    kind: int
    single: bool  # one word
    given: bool  # all Vietnamese given names
    english: bool  # all common English words
    digit: bool  # a digit in some token
    given_first: bool  # two words or more, the first a common foreign given name


_PLANS: Final[dict[tuple[str, ...], _Plan]] = {}
_PLANS_MAX: Final = 1 << 16  # spellings kept (names recur within and across articles)


def _run_plan(tokens: tuple[str, ...]) -> _Plan:
    """Decide once per spelling what ``_bare_name`` decides from a run's tokens alone: the
    branch it takes before any context test, and the spelling facts its context tests need.
    The cache is bounded; the answer depends on the tables only, so analysis stays a pure
    function of the text."""
    g = gazetteer()
    words = [x for x in tokens if x[0].isalnum()]
    vi, initials, acronym, english, given = _run_profile(words)
    n = len(words)
    single = n == 1
    kind = _FOREIGN
    if len(tokens) == 1 and len(tokens[0]) > 1 and is_vi_syllable(tokens[0]):
        kind = _VI_ONE
    elif initials:
        kind = _NONE  # initials: "N. và M."
    elif vi:
        if 2 <= n <= 4 and words[0] in g.surnames:
            kind = _VI_FULL
        elif single:
            kind = _VI_SINGLE
        elif n <= 3:
            kind = _VI_SHORT
        else:
            kind = _NONE
    elif acronym:
        kind = _ACRONYM_ONE if single else _NONE
    elif (
        len(tokens) == 2
        and tokens[0].lower() in g.english_words
        and (k := g.known.get((tokens[1].lower(),))) is not None
        and k.canonical in g.countries
    ):
        kind = _ENGLISH_COUNTRY  # "Historic England", "Visit Britain": an organisation
    elif single and _camel_product(words[0], g.camel_name_prefixes):
        kind = _CAMEL_ONE
    else:
        cues = [g.foreign_cues[w] for w in words if w in g.foreign_cues]
        if cues:
            if "ORG" in cues:
                kind = _CUE_ORG
            elif "LOC" in cues and "EVENT" not in cues and "OTHER" not in cues:
                kind = _CUE_LOC
            else:
                kind = _NONE  # an event (World Cup) or a product (Galaxy S21)
    plan = _Plan(
        kind,
        single,
        given,
        english,
        _DIGIT.search("".join(tokens)) is not None,  # one search (a digit is one character)
        n >= 2 and words[0] in g.foreign_given,
    )
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[tokens] = plan
    return plan


def _after_place(r: _Reader, i: int, j: int) -> bool:
    return _in_place_list(r, i, j) or r.after_place_cue(i)


def _in_place_list(r: _Reader, i: int, j: int) -> bool:
    """``ở Hà Nội, Bắc Ninh và ...``: the run ``i:j`` is an item of a list of places; not ``Tại
    Việt Nam, Jensen Huang gặp ...``, where the name is the clause's subject (a verb follows it)."""
    tx = r.tx
    if not (i >= 2 and tx[i - 1] == "," and r.last_type in ("LOC", "GPE") and r.last_end == i - 1):
        return False
    return j >= r.n or tx[j] in _LIST_NEXT or not tx[j][0].isalnum()


def _run_profile(words: Sequence[str]) -> tuple[bool, bool, bool, bool, bool]:
    """What a capitalised run's words are, whatever their context: all Vietnamese syllables,
    all initials, some acronym, all common English words, all Vietnamese given names.  Called
    only by ``_run_plan``, whose cache makes it once per run (no cache of its own); the tests
    are C-level iterators (a first pass over unc-dev makes ~9,600 plans: their cost is the
    cold pass's)."""
    g = gazetteer()
    return (
        all(map(is_vi_syllable, words)),
        max(map(len, words), default=1) == 1,
        any(len(w) > 1 and w.isupper() for w in words),
        g.english_words.issuperset(map(str.lower, words)),
        g.given_names.issuperset(words),
    )


def _work_title_rest(r: _Reader, i: int, j: int) -> bool:
    """Whether a capitalised run ``i:j`` rejected after a work noun is a title as a whole, so
    that it is not read again from its second word (``bộ phim Tây Du Ký``, ``phim Promising
    Young Woman``): its other words are Vietnamese syllables or common English words.  Not
    ``giải Oscar Brie Larson``, where a person follows the award's name."""
    if j <= i + 1 or not r.after_work_cue(i):
        return False
    rest = [w for w in r.tx[i + 1 : j] if w[0].isalnum()]
    g = r.g
    return all(is_vi_syllable(w) for w in rest) or all(w.lower() in g.english_words for w in rest)


def _in_org_list(r: _Reader, i: int, j: int) -> bool:
    """Whether ``i:j`` is the next item of a list whose previous item is an organisation."""
    tx = r.tx
    return (
        i >= 2
        and r.last_type == "ORG"
        and r.last_end == i - 1
        and tx[i - 1] in (",", "và", "hoặc")
        and (j >= r.n or tx[j] in _LIST_NEXT or not tx[j][0].isalnum())
    )


_CAMEL: Final = re.compile(r"^([A-Z][a-z]+)[A-Z]")


def _camel_product(word: str, name_prefixes: frozenset[str]) -> bool:
    """A camel-case word that no surname particle opens: ``ScreenPad``, ``GeForce`` (but not
    ``DeSombre``, ``McDonald``)."""
    m = _CAMEL.match(word)
    return m is not None and m.group(1) not in name_prefixes


def _person_cue(r: _Reader, i: int, j: int) -> bool:
    """Whether a foreign run ``i:j`` shows itself a person by what follows it where a place cue
    before it would make it a place: a verb persons take (``... Dybala ghi bàn``), or an office
    or occupation in brackets (``Billy Hogan (giám đốc điều hành của Liverpool)``).  A run
    opening with a common foreign given name (``tới Billy Hogan``) is one too: its plan says so
    (``_Plan.given_first``)."""
    g, tx, n = r.g, r.tx, r.n
    for ln in (2, 1):
        if j + ln <= n and r.lw[j] in g.person_after_first and r.key(j, j + ln) in g.person_after:
            return True
    if j + 1 < n and tx[j] == "(":
        _, title = r.title_at(j + 1)
        return title is not None and title.kind in ("office", "occupation")
    return False


_LIST_WORDS: Final = frozenset((",", "và", "hoặc", "&"))
_CLAUSE_END: Final = frozenset((".", ";", ":", "!", "?", "(", ")"))
_WORK_LIST_BACK: Final = 8  # words allowed between a work noun and the "như" of its list


def _in_work_list(r: _Reader, i: int) -> bool:
    """Whether ``i`` stands in a list of examples of works: ``các phim như I Feel Pretty,
    Paradise City, Reprisal``, ``nhiều bộ phim gắn mác 18+ của cô như Devil Angel và Angel
    Heart``.  The work noun must follow a plural word (các, những, nhiều, một số: the list gives
    examples of it) within a few words before ``như``; a Vietnamese full name in such a list
    stays a person ("xuất thân từ cuộc thi như Nguyễn Châu Khang")."""
    if not r.nhu:
        return False
    tx, g = r.tx, r.g
    k = i - 1
    while k >= 0 and (r.cap(k) or tx[k] in _LIST_WORDS or tx[k] in _QUOTES or tx[k] in '”"’'):
        k -= 1
    if k < 2 or tx[k] != "như":
        return False
    for b in range(k, max(1, k - _WORK_LIST_BACK), -1):
        if tx[b - 1] in _CLAUSE_END:
            return False
        for ln in (3, 2, 1):
            a = b - ln
            if a < 1 or not r.work_cue(a, b):
                continue
            if any(r.key(a - p, a) in g.plurals for p in (1, 2) if a - p >= 0):
                return not _vi_full_name(r, i)
    return False


def _vi_full_name(r: _Reader, i: int) -> bool:
    """A Vietnamese full name at ``i``: a family name and one to three more syllables."""
    tx = r.tx
    j = i
    while j < r.n and r.cap(j) and is_vi_syllable(tx[j]):
        j += 1
    return 2 <= j - i <= 4 and tx[i] in r.g.surnames


_AT_PLACE: Final = frozenset(("ở", "tại"))


def _at_place(r: _Reader, i: int) -> bool:
    """``ở``/``tại`` right before ``i``: a name there with no title is a place."""
    return i > 0 and r.tx[i - 1] in _AT_PLACE


_HOUSE_NUMBER: Final = re.compile(r"^\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*$")


def _address_at(r: _Reader, i: int, j: int) -> bool:
    """The run ``i:j`` is the street of an address: ``số 12 X``, ``ngõ 68/2 X``, ``X, quận Y``."""
    tx, g = r.tx, r.g
    if i >= 2 and _HOUSE_NUMBER.match(tx[i - 1]) and r.lw[i - 2] in g.address_before:
        return True
    if j + 1 < r.n and tx[j] == "," and r.lw[j + 1] in g.address_after_first:
        for k in (1, 2):
            if j + 1 + k <= r.n and r.key(j + 1, j + 1 + k) in g.address_after:
                return True
    return False


def _place_after_comma(r: _Reader, j: int) -> bool:
    """A comma, then a place or country from the tables: the run is an item of an address."""
    if j + 1 >= r.n or r.tx[j] != ",":
        return False
    _, k = r.known_at(j + 1)
    return k is not None and k.type in ("LOC", "GPE")


def _province_after(r: _Reader, j: int) -> bool:
    """A province or country in brackets right after the run: "Hà Đông (Hà Nội)"."""
    if j + 2 >= r.n or r.tx[j] != "(":
        return False
    kj, k = r.known_at(j + 1)
    return k is not None and k.type == "GPE" and kj < r.n and r.tx[kj] == ")"


def _number_after(r: _Reader, j: int) -> bool:
    """A version number right after a foreign run: "Android 11 Go", "Windows 10." (not a score,
    "Leeds 2-1", nor a count, "Nadal 35 chức")."""
    if j >= r.n or not r.tx[j][0].isdigit():
        return False
    if j + 1 >= r.n:
        return True
    nxt = r.tx[j + 1]
    # not a score ("Leeds 2-1") nor a count ("kém Nadal 35 chức vô địch")
    return nxt not in ("-", ":", "–") and not nxt[0].islower()


def _hyphen_tail(r: _Reader, i: int) -> bool:
    """The run continues a word through a glued hyphen ("J-Tech Inverter"): a product's name."""
    return i >= 2 and r.tx[i - 1] == "-" and r.adjacent_hyphen(i - 1) and r.word(i - 2)


_LOOKBACK: Final = 4  # lower-case words allowed between a generic noun and the name it introduces


def _noun_before(r: _Reader, i: int) -> str | None:
    """The kind of generic noun a few lower-case words before ``i`` (``tạp chí nổi tiếng Time``,
    ``khu bảo tồn thiên nhiên X``, ``ứng dụng miễn phí X``): ORG, LOC, WORK or None.  An
    organisation noun further back wins over a work noun ("tập đoàn công nghệ toàn cầu X").

    Only lower-case words may stand between (adjectives and modifiers); punctuation, a capital
    or a function word other than ``như`` ends the look back."""
    tx, g = r.tx, r.g
    k = i
    work: str | None = None  # a work noun nearer than an organisation noun is its modifier
    while k > 0 and i - k < _LOOKBACK + 2:
        x = tx[k - 1]
        if not x[0].isalpha() or x[0].isupper():
            break
        for ln in (3, 2, 1) if r.lw[k - 1] in g.noun_before_last else ():
            if k - ln < 0:
                continue
            key = r.key(k - ln, k)
            if key in g.person_before:
                return work  # "vào sân thay thế Dybala": a verb between, the noun is not its kind
            if r.work_cue(k - ln, k):
                work = "WORK"
            h = g.heads.get(key)
            if h is not None and h.flags & {"lower", "drop"} and not tx[k - ln][0].isupper():
                return h.type if k < i else None  # adjacent heads are read as heads already
        if x in g.function_words and x != "như":
            break
        k -= 1
    return work


def extract(text: str, sentences: Sequence[Sentence]) -> list[Mention]:
    """Every named mention in ``text``, with in-document alias resolution (``key``)."""
    return _extract(text, sentences, True)


def _extract(text: str, sentences: Sequence[Sentence], lone_light: bool) -> list[Mention]:
    """``extract``; ``lone_light`` False carries every lone Vietnamese word ``_named_at`` reads as
    a mention to the end (the plain path ``_lone_light`` shortens; the tests compare the two)."""
    g = gazetteer()
    light: list[Light] = []
    sport = _team_sports(text, g)
    found = _doc_mentions(text, sentences, g, light, lone_light=lone_light and not sport)
    if sport:
        _clubs(found, text, g)
    found, light = _country_given_names(found, light, text, g)
    for f in found:
        # _unglue's tests inline (one call per mention saved): only names of 4 characters or more
        if f.end - f.start >= 4 and f.type in _UNGLUE_TYPES and f.name:
            cut = _unglued(text[f.start : f.end], f.type)
            if cut is not None:
                f.end = f.start + cut[0]
                f.name, f.type = cut[1], cut[2]
    found = _drop_terms(found, text, g)
    return resolve(found, text, light)


@lru_cache(maxsize=1)
def _term_tables() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]]]:
    """Genre, style and technique names; tail heads of style names (``Quyền``); the
    lower-case cues after which a foreign run names a technique, product or genre."""
    names = {tone_normalise(row[0]) for row in table("entity_terms.tsv") if row[-1] != "tail"}
    tails = {tone_normalise(row[0]) for row in table("entity_terms.tsv") if row[-1] == "tail"}
    cues = {low_key(w) for w in word_list("entity_term_cues.txt")}
    return frozenset(names), frozenset(tails), frozenset(cues)


_WORDS: Final = re.compile(r"\w+")
_CUE_GAP: Final = frozenset(("(", "“", '"', "‘", "-", "–", ":"))
_THING_AFTER: Final = re.compile(r"\s*,?\s*(?:là\s+)?(?:một\s+)?chiếc\s")  # "Eyecam, một chiếc webcam"
_CUE_MAX: Final = 3  # words in the longest term cue
_MODALS: Final = frozenset(("không", "có", "chưa"))  # "không thể loại X" (cannot eliminate X)


def _cue_void(toks: list[str], a: int, g: Gazetteer) -> bool:
    """Whether the cue opening at ``toks[a]`` is the end of a title (``cố vấn kỹ thuật X``,
    ``giám đốc công nghệ X``: a person follows) or ``thể`` of a modal (``không thể loại X``)."""
    if a > 0 and toks[a - 1] in _MODALS:
        return True
    return any(a >= ln and tuple(toks[a - ln : a]) in g.titles for ln in (1, 2, 3))


@lru_cache(maxsize=1 << 16)
def _term_shaped(name: str) -> bool:
    """Whether a name's words alone allow it to be a term: not a Vietnamese name, no acronym
    the article may introduce (``(KH&CN)``), not a common foreign given name and a family
    name (``công nghệ Jensen Huang``: a person after all)."""
    words = name.split()
    if all(map(is_vi_syllable, words)) or any(len(w) > 1 and w.isupper() for w in words):
        return False
    return not (len(words) >= 2 and words[0] in gazetteer().foreign_given)


def _drop_terms(found: list[Found], text: str, g: Gazetteer) -> list[Found]:
    """Drop what is no name though written with capitals: a role abbreviation alone (``MC``,
    ``CEO``: no title with a name after it), a genre, style or technique (``Bolero``, ``Thái
    Cực Quyền``, ``Computer Vision``) and a product shown so by a cue (``ví điện tử VinID Pay``,
    ``Eyecam, một chiếc webcam``).  A spelling read as such once is no person anywhere in the
    article (``Eyecam`` opening a later sentence)."""
    cues = _term_tables()[2]
    # this article's terms, besides the table's names
    terms = {
        f.name
        for f in found
        if f.type == "PER"
        and f.title is None
        and f.role is None
        and _term_shaped(f.name)  # most names: not shaped as a term, no context read
        and _term_by_cue(f, text, g, cues)
    }
    # most names: no role, genre or style (``_term_name``'s cached answer is ``_NO_TERM`` itself)
    # and no term of the article; the others are decided by ``_term_kept``
    return [
        f
        for f in found
        if f.bare or (_term_name(f.name) is _NO_TERM and f.name not in terms) or _term_kept(f, terms)
    ]


def _term_kept(f: Found, terms: set[str]) -> bool:
    """``_drop_terms``'s answer for a mention that is no bare title: kept unless it is a role
    abbreviation, a genre, style or technique, or a term of the article read as a person."""
    tn = _term_name(f.name)
    if tn is _NO_TERM:
        return not (f.type == "PER" and f.name in terms)
    role, named, style = tn
    if role and f.end - f.start > 1:
        return False  # "nhiều MC", "con đường MC": the role, no name
    if named or (f.name in terms and f.type == "PER"):
        return False
    # "Thái Cực Quyền", "Hồng Gia Quyền" (not "Nguyễn Văn Quyền")
    return not (style and f.type == "PER")


_NO_TERM: Final = (False, False, False)


@lru_cache(maxsize=1 << 16)
def _term_name(name: str) -> tuple[bool, bool, bool]:
    """``_drop_terms``'s tests on a name's spelling alone, made once per spelling: a role
    abbreviation written in capitals (``MC``), a genre, style or technique of the table, a
    style's name (``Thái Cực Quyền``).  None of them: ``_NO_TERM`` itself, which the caller
    tests by identity."""
    found = (
        name.isupper() and (name.lower(),) in gazetteer().titles,
        name in _term_tables()[0],
        _style_name(name),
    )
    return _NO_TERM if found == _NO_TERM else found


def _style_name(name: str) -> bool:
    """A run of three words or more ending with a style's tail head (``Quyền``) that is not a
    Vietnamese name (a middle word that is no given name).  Called only by ``_term_name``,
    whose cache makes it once per spelling (no cache of its own)."""
    words = name.split()
    tails = _term_tables()[1]
    return (
        len(words) >= 3 and words[-1] in tails and any(w not in gazetteer().given_names for w in words[1:-1])
    )


def _term_by_cue(f: Found, text: str, g: Gazetteer, cues: frozenset[tuple[str, ...]]) -> bool:
    """Whether a foreign run names a technique, product or genre by its context: a term cue
    right before it (``dòng nhạc Bolero``), a cue earlier in its clause when it is all common
    English words (``Công nghệ thị giác máy tính (Computer Vision)``), or ``một chiếc`` after it.
    The caller has tested ``_term_shaped`` (the name's words allow a term)."""
    words = f.name.split()
    if _THING_AFTER.match(text, f.end):
        return True
    back = text[max(0, f.start - 200) : f.start]
    # the clause: after the last of ". ! ? ; newline" (five rfind calls cost less than listing
    # every match of a character class)
    cut = max(back.rfind("."), back.rfind("!"), back.rfind("?"), back.rfind(";"), back.rfind("\n"))
    if cut >= 0:
        back = back[cut + 1 :]
    toks = back.lower().split()
    while toks and toks[-1] in _CUE_GAP:
        toks.pop()
    if toks and toks[-1][-1] in '(“"‘':
        toks[-1] = toks[-1].rstrip('(“"‘')  # 'công nghệ (X)', 'ví "X"'
    for ln in range(_CUE_MAX, 0, -1):
        if len(toks) >= ln and tuple(toks[-ln:]) in cues and not _cue_void(toks, len(toks) - ln, g):
            return True
    if len(words) >= 2 and all(w.lower() in g.english_words for w in words):
        toks = [t.strip('(“"‘:,') for t in toks]
        low = [tuple(toks[k : k + ln]) for ln in range(1, _CUE_MAX + 1) for k in range(len(toks) - ln + 1)]
        return any(k in cues for k in low)
    return False


_NEXT_WORD: Final = re.compile(r" (\w+)")


def _country_given_names(
    found: list[Found], light: list[Light], text: str, g: Gazetteer
) -> tuple[list[Found], list[Light]]:
    """``Mỹ Tâm``, ``Nga My``: a one-word country followed by a capitalised given-name syllable
    (no two-word table name: not ``Mỹ Đình``) is a person's name when a title introduced it in
    the article (``ca sĩ Mỹ Tâm``) or the pair recurs three times or more with no place or
    organisation reading of it.  An article about the singer Mỹ Tâm otherwise made the United
    States its second entity (QA audit 4)."""
    pairs: dict[int, str] = {}
    count: dict[str, int] = {}
    for idx, f in enumerate(found):
        if f.type != "GPE" or f.role or " " in text[f.start : f.end]:
            continue
        m = _NEXT_WORD.match(text, f.end)
        if m is None:
            continue
        w = m.group(1)
        if not (w[0].isupper() and w in g.given_names and is_vi_syllable(w)):
            continue
        if (text[f.start : f.end].lower(), w.lower()) in g.known:
            continue
        name = text[f.start : m.end()]
        pairs[idx] = name
        count[name] = count.get(name, 0) + 1
    if not pairs:
        return found, light
    titled = {f.name for f in found if f.type == "PER" and f.title}
    other = {f.name for f in found if f.type in ("LOC", "GPE", "ORG") and " " in f.name}
    for idx, name in pairs.items():  # "đến Mỹ Sơn", "tại Mỹ Sơn": a place
        before = text[max(0, found[idx].start - 12) : found[idx].start].split()
        if before and (before[-1].lower(),) in g.place_cues:
            other.add(name)
    people = {n for n, c in count.items() if n not in other and (n in titled or c >= 3)}
    if not people:
        return found, light
    spans: list[tuple[int, int]] = []
    out: list[Found] = []
    for idx, f in enumerate(found):
        pair = pairs.get(idx)
        if pair is not None and pair in people:
            end = f.start + len(pair)
            spans.append((f.start, end))
            out.append(Found(f.start, end, "PER", pair, tok_start=f.tok_start))
        else:
            out.append(f)

    def inside(a: int) -> bool:
        return any(s <= a < e for s, e in spans)

    out = [f for f in out if f.name in people or not inside(f.start)]
    return out, [x for x in light if not inside(x[0])]


_UNGLUE_TYPES: Final = frozenset(("PER", "ORG", "LOC", "GPE"))
_GLUED_CAP: Final = re.compile(r"(?<=[^\W\d_])(\.?)(?=([^\W\d_][^\W\d_]+))")
_WORD: Final = re.compile(r"\S+")


def _unglue(f: Found, text: str, g: Gazetteer) -> None:
    """Cut text the source glued to a name: ``Vũ Mộng Lântrong`` (``Lân`` + the function word
    ``trong``), ``T.ThủyTheo The Verge`` (``Theo``), ``Lenin.Năm`` (a sentence run on after a
    dot).  A Vietnamese name's last word that is no syllable but a syllable and a function word
    is cut before the function word; a word that runs on from a lower-case letter into a
    capitalised word is cut there (with the rest of the span) when a dot stands between or the
    capitalised word is a function word (not ``DeSombre``, ``McDonald``)."""
    if not f.name or f.type not in _UNGLUE_TYPES or f.end - f.start < 4:
        return
    cut = _unglued(text[f.start : f.end], f.type)
    if cut is not None:
        f.end = f.start + cut[0]
        f.name, f.type = cut[1], cut[2]


@lru_cache(maxsize=1 << 16)
def _unglued(span: str, typ: str) -> tuple[int, str, str] | None:
    """``_unglue`` on a mention's text alone (it needs no context, and names recur): the kept
    length, name and type, or None when nothing is cut."""
    g = gazetteer()
    words = span.split()  # str.split and \S+ (_WORD) share one definition of white space
    cut = -1
    if not all(len(w) < 3 or w[1:].islower() for w in words):
        # an upper-case letter after some word's first (rare; else no glued capital can be cut)
        for m0 in _WORD.finditer(span):
            at, w = m0.start(), m0.group(0)
            for m in _GLUED_CAP.finditer(w):
                prev, word = w[m.start() - 1], m.group(2)
                if not (prev.islower() and word[0].isupper() and word[1:].islower()):
                    continue
                if m.group(1) or word.lower() in g.function_words:
                    cut = at + m.start()
                    break
            if cut >= 0:
                break
    if cut < 0:
        last = words[-1]
        if (
            len(words) >= 2  # a Vietnamese name's syllables first: not "Chatra"
            and len(last) > 3
            and last.isalpha()
            and not last.isascii()  # a Vietnamese letter: "Lântrong", "Đứcđã"; not "Sara" (Sa + ra)
            and not is_vi_syllable(last)
            and all(is_vi_syllable(w) for w in words[:-1])
        ):
            at = len(span.rstrip()) - len(last)  # where the last \S+ run starts
            low = last.lower()
            for k in range(2, len(last) - 1):
                if low[k:] in g.function_words and is_vi_syllable(last[:k]):
                    cut = at + k
                    break
    if cut <= 0:
        return None
    kept = span[:cut].rstrip()
    if not kept:
        return None
    if (
        typ == "ORG"
        and " " not in kept
        and all(len(w) == 1 or is_vi_syllable(w) for w in kept.split(".") if w)
    ):
        # "T.ThủyTheo The Verge/NYT": the outlets were cut off, the byline left is a person
        typ = "PER"
    return len(kept), " ".join(kept.split()), typ


_SPORT_MIN: Final = 3  # cue occurrences that make an article a team-sports report
# the two words right before a mention (joined by spaces only: "quê ở", "thành phố")
_WORDS_BEFORE: Final = re.compile(r"(?:(\w+) +)?(\w+) *$")
# the same words read backwards: the window reversed, matched from its start.  A search for a
# pattern anchored at the end (``_WORDS_BEFORE``, ``_WORDS_BEFORE3``) tries every start in the
# window (about 7 us for 32 characters); this one match finds the same words (the leftmost
# match of those is the longest chain of up to three words and spaces ending the window, ``$``
# also before a final newline) in about 1 us
_WORDS_BEFORE_REV: Final = re.compile(r"\n? *(\w+)(?: +(\w+)(?: +(\w+))?)?")


def _words_before(text: str, a: int, b: int) -> tuple[str | None, str | None, str] | None:
    """The groups of ``_WORDS_BEFORE3.search(text, a, b)``: the last three words before ``b``
    (first to last; None where the window holds fewer), or None when no word ends it.  The
    last two are those of ``_WORDS_BEFORE``."""
    m = _WORDS_BEFORE_REV.match(text[a:b][::-1])
    if m is None:
        return None
    r1, r2, r3 = m.groups()
    return (r3[::-1] if r3 else None, r2[::-1] if r2 else None, r1[::-1])


def _team_sports(text: str, g: Gazetteer) -> bool:
    """Whether the article reports team sports (``CLB``, ``ghi bàn``, ``V-League`` ...): the
    cues occur ``_SPORT_MIN`` times or more in all.  Cues sharing a word are counted only when
    the text holds the word (most articles hold no cue: one ``in`` test instead of a count per
    cue of the group)."""
    hits = 0
    for shared, cues in _sport_groups(g.sport_cues):
        if shared and shared not in text:
            continue  # every cue of the group holds the word: none of them occurs
        for cue in cues:
            hits += text.count(cue)
        if hits >= _SPORT_MIN:
            return True
    return False


@lru_cache(maxsize=4)
def _sport_groups(cues: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The sport cues grouped under a word that several of them hold (``hiệp`` for ``hiệp 1``,
    ``hiệp hai``; ``League`` for ``V-League``, ``Champions League``), largest group first;
    a cue that shares no word is a group of its own with no shared word ("")."""
    left = list(cues)  # a cue listed twice counts twice, as in a count per cue
    groups: list[tuple[str, tuple[str, ...]]] = []
    while left:
        holders: dict[str, list[str]] = {}
        for cue in left:
            for w in dict.fromkeys(_WORDS.findall(cue)):
                if len(w) >= 2:
                    holders.setdefault(w, []).append(cue)
        best = max(holders.items(), key=lambda kv: len(kv[1]), default=None)
        if best is None or len(best[1]) < 2:
            break
        groups.append((best[0], tuple(best[1])))
        left = [c for c in left if c not in best[1]]
    groups.extend(("", (c,)) for c in left)
    return tuple(groups)


def _clubs(found: list[Found], text: str, g: Gazetteer) -> None:
    """In a team-sports article a city or province is the club named after it ("Thanh Hóa
    nhận được quả phạt đền", "gỡ hòa cho Barcelona"), unless a place word comes right before
    it ("sân Thiên Trường", "quê ở Thanh Hóa", "thành phố Thanh Hóa").  Countries stay
    countries (a national team is written "đội tuyển Thái Lan", and the country reading is
    the usual annotation)."""
    # words of the people the article introduces with a title ("thủ môn Kepa Arrizabalaga"); a
    # run of common English words after an occupation that takes a club is the club ("cầu thủ
    # Crystal Palace"), not a person
    titled = {
        w
        for f in found
        if f.type == "PER" and (f.title or f.role) and not _club_after_title(f, g)
        for w in f.name.split()
    }
    # two-word foreign names shown as players by a verb a person takes ("Kepa Arrizabalaga đã
    # phạm lỗi") or by a common given name ("Billy Hogan")
    players = {
        f.name for f in found if f.type == "PER" and _player_shaped(f, g) and _person_verb_after(f, text, g)
    }
    players |= {
        f.name
        for f in found
        if f.type == "PER" and len(f.name.split()) > 1 and f.name.split()[0] in g.foreign_given
    }
    teams = {
        f.name
        for f in found
        if f.type == "PER"
        and f.name not in players
        and not titled.intersection(f.name.split())
        and _match_team(f, text, g)
    }
    _club_lists(found, teams, text, g)
    for f in found:
        if (
            f.type == "PER"
            and f.name in teams
            and (f.role is None and f.title is None or _club_after_title(f, g))
        ):
            f.type = "ORG"  # "Barcelona để Granada gỡ hòa 1-1": a club, here and elsewhere
            f.single = f.unsure = f.weak = False
            f.role = f.title = f.title_kind = None
            continue
        if f.type != "GPE" or f.unsure or (f.canonical or f.name) in g.countries:
            continue
        wb = _words_before(text, max(0, f.start - 24), f.start)
        if wb is not None:
            w1, w2 = (wb[1] or "").lower(), wb[2].lower()
            if _place_word((w2,), g) or _place_word((w1, w2), g):
                continue
        f.type = "ORG"


# the words right after a mention, and a score right after it ("Leeds 2-1")
_WORDS_AFTER: Final = re.compile(r" *(\w+)(?: +(\w+))?(?: +(\w+))?")
_SCORE_AFTER: Final = re.compile(r" *(?:\d{1,2} *[-–] *\d{1,2}\b|\(\d-\d-\d(?:-\d)?\))")
_WORDS_BEFORE3: Final = re.compile(r"(?:(?:(\w+) +)?(\w+) +)?(\w+) *$")


def _club_after_title(f: Found, g: Gazetteer) -> bool:
    """``cầu thủ Crystal Palace``, ``hậu vệ Crystal Palace``: an occupation that takes a club
    before a run of common English words (no person's name) names the club."""
    if f.title is None or f.title_kind != "occupation":
        return False
    t = g.titles.get(tuple(f.title.lower().split()))
    words = f.name.split()
    return (
        t is not None
        and t.takes == "org"
        and len(words) >= 2
        and all(w.lower() in g.english_words for w in words)
    )


def _player_shaped(f: Found, g: Gazetteer) -> bool:
    """A foreign name of two or more words that reads as a person's (``Kepa Arrizabalaga``,
    ``Billy Hogan``): it opens with a common foreign given name, or none of its words is a
    common English word, a table name or a club cue (clubs are mostly a city with ``United``,
    ``City``, ``FC`` or English words: ``Crystal Palace``, ``West Ham``)."""
    words = f.name.split()
    if len(words) < 2:
        return False
    if words[0] in g.foreign_given:
        return True
    return not any(
        w.lower() in g.english_words or w in g.foreign_cues or (w.lower(),) in g.known for w in words
    )


_LIST_GAP: Final = re.compile(r" *(?:,|và|\(|\)) *")


# adverbs allowed between a name and its verb ("Kepa đã phạm lỗi", "X cũng đã ghi bàn")
_ADVERBS: Final = r"(?:(?:đã|cũng|lại|từng|vừa|mới|phải|liên tục|không|chưa) +)*"


@lru_cache(maxsize=1)
def _person_verb_re(verbs: frozenset[tuple[str, ...]]) -> re.Pattern[str]:
    alts = "|".join(sorted((re.escape(" ".join(v)) for v in verbs), key=len, reverse=True))
    return re.compile(rf" +{_ADVERBS}(?:{alts})\b", re.IGNORECASE)


def _person_verb_after(f: Found, text: str, g: Gazetteer) -> bool:
    """A verb persons take right after the mention (``Kepa Arrizabalaga đã phạm lỗi``)."""
    return bool(g.person_after) and _person_verb_re(g.person_after).match(text, f.end) is not None


def _club_lists(found: list[Found], teams: set[str], text: str, g: Gazetteer) -> None:
    """A name listed among clubs (``(Crystal Palace, Sevilla, Man Utd, Krasnodar và Burnley)``)
    is a club too, when it is a run of common English words kept aside as weak (a club name,
    not a person's): the list's other items show what it names."""
    for k, f in enumerate(found):
        if not (f.type == "PER" and f.weak and f.title is None):
            continue
        if not all(w.lower() in g.english_words for w in f.name.split()):
            continue
        for nb in (found[k - 1] if k else None, found[k + 1] if k + 1 < len(found) else None):
            if nb is None or not (nb.type == "ORG" or nb.name in teams):
                continue
            a, b = (nb.end, f.start) if nb.end <= f.start else (f.end, nb.start)
            if _LIST_GAP.fullmatch(text, a, b):
                teams.add(f.name)
                break


def _match_team(f: Found, text: str, g: Gazetteer) -> bool:
    """A foreign name with no title next to a result or fixture word (``thắng``, ``gỡ hòa``,
    ``tiếp đón``, ``trận đấu với``: ``entity_match_words.tsv``) or followed by a score: a team."""
    if f.role is not None or f.title is not None or f.bare or all(map(is_vi_syllable, f.name.split())):
        return False
    if not f.name.replace(" ", "").replace("-", "").isalpha() or f.name.isupper():
        return False  # not "U23 Bahrain" (an age group) nor an acronym
    if _SCORE_AFTER.match(text, f.end):
        return True
    m = _WORDS_AFTER.match(text, f.end)
    if m is not None:
        after = [w.lower() for w in m.groups() if w]
        for ln in (3, 2, 1):
            if len(after) >= ln and tuple(after[:ln]) in g.match_after:
                return True
    wb = _words_before(text, max(0, f.start - 32), f.start)
    if wb is not None:
        before = [w.lower() for w in wb if w]
        for ln in (3, 2, 1):
            if len(before) >= ln and tuple(before[-ln:]) in g.match_before:
                return True
    return False


def _place_word(key: tuple[str, ...], g: Gazetteer) -> bool:
    if key in g.place_cues or key in g.club_place_words:
        return True
    h = g.heads.get(key)
    return h is not None and h.type == "LOC"
