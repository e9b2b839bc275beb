"""Cross-document entity linking: one entity per canonical key, short names joined to full ones.

Mentions arrive with document-independent keys (``analyse.entities``: ``PER:to lam``,
``GPE:hoa ky`` for both ``Mỹ`` and ``Hoa Kỳ``), so most linking is grouping by key.  What
the keys cannot settle alone is a short name that no article spelled out in full where it
was used (``Trump`` in a headline-only article): a person key of one or two words is joined
to the single longer person key that ends with (or, for one word, starts with) the same
words, and left alone when several full names would fit (two different ``Dũng``).

The canonical name is the form that spells the key (``Hoa Kỳ`` for ``GPE:hoa ky``) or else
the fullest frequent form; ids are a hash of the final key, so they do not depend on the
order documents arrive in.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from biennien.model import Entity, Mention, MentionRef
from biennien.vi.normalise import fold

# A mention as linking reads it: (doc, text, start, end, type, name, role, key), the columns of the store's
# ``mentions`` table (``Store.mention_rows``).  Linking works on these tuples, not on ``Mention`` objects:
# a full link reads 44,000 of them on unc-dev, and making an object of each, then turning it back into a
# tuple for the link state, was a fifth of the entity part.
MentionRow = tuple[str, str, int, int, str, str, "str | None", "str | None"]
DOC: Final = 0
TEXT: Final = 1
START: Final = 2
END: Final = 3
TYPE: Final = 4
NAME: Final = 5
ROLE: Final = 6
KEY: Final = 7
Groups = dict[str, list[MentionRow]]


def mention_row(doc: str, m: Mention) -> MentionRow:
    return (doc, m.text, m.start, m.end, m.type, m.name, m.role, m.key)


def _key(r: MentionRow) -> str:
    return r[KEY] or f"{r[TYPE]}:{fold(r[NAME] or r[TEXT])}"


row_key = _key  # the group a mention row falls in (``group_rows``)


def _words(key: str) -> tuple[str, ...]:
    return tuple(key.split(":", 1)[1].split())


def _person_targets(keys: Iterable[str]) -> dict[str, str]:
    """Short person keys -> the unique full person key they abbreviate.

    Indexed by the last one or two words (and the first word) of every longer
    key, so the cost grows with the number of keys, not with its square.
    """
    people = sorted(k for k in keys if k.startswith("PER:"))
    words = {k: _words(k) for k in people}
    by_suffix: dict[tuple[str, ...], list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for k in people:
        w = words[k]
        for n in (1, 2):
            if len(w) > n:
                by_suffix[w[-n:]].append(k)
        if len(w) > 1:
            by_first[w[0]].append(k)
    out: dict[str, str] = {}
    for k in people:
        w = words[k]
        if not w or len(w) > 2:
            continue
        ends = by_suffix.get(w, [])
        if not ends and len(w) == 1:
            ends = by_first.get(w[0], [])
        if len(ends) == 1:
            out[k] = ends[0]
    return out


def _confirmed(targets: dict[str, str], groups: Groups) -> dict[str, str]:
    """Keep a short-name join only when the two names keep company somewhere.

    A bare ``Hoàn`` in one article and ``Trần Văn Hoàn`` in another are joined
    only if some document of each also mentions the same third, not too
    common, entity (``Trump`` with ``Nhà Trắng``); otherwise a beauty contest's
    ``Hoàn`` would borrow a football official's name.  Within one article the
    analyser has already resolved short names to the full one.  Also kept: the same role
    on both sides (``HLV Tuchel``, ``HLV Thomas Tuchel``) and a distinctive foreign surname.
    """
    if not targets:
        return targets
    # each key's documents, then each document's keys from those (one step per distinct pair)
    key_docs = {key: {r[DOC] for r in items} for key, items in groups.items()}
    doc_keys: dict[str, set[str]] = defaultdict(set)
    for key, docs in key_docs.items():
        for doc in docs:
            doc_keys[doc].add(key)
    common_at = max(3, len(doc_keys) // 20)
    common = {k for k, docs in key_docs.items() if len(docs) > common_at}

    def company(key: str) -> set[str]:
        out: set[str] = set()
        for doc in key_docs.get(key, ()):
            out |= doc_keys[doc]
        return out - common - {key}

    def roles(key: str) -> set[str]:
        return {r[ROLE].lower() for r in groups[key] if r[ROLE]}

    return {
        short: full
        for short, full in targets.items()
        if company(short) & company(full) or _distinctive(short) or roles(short) & roles(full)
    }


_VI_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
_DISTINCTIVE_LEN = 6  # letters in a one-word foreign surname that rarely belongs to two people


def _distinctive(key: str) -> bool:
    """A one-word foreign surname (``Tuchel``, ``Nagelsmann``) rarely names two people.

    Whether a short name keeps company with its full name depends on which other articles
    are in the build: ``HLV Tuchel`` shares only the club with ``Thomas Tuchel``, and a club
    that many articles mention is too common to count.  A long single word with no
    Vietnamese letter is a foreign surname, and the caller has already checked that only
    one full name ends with it.
    """
    words = _words(key)
    return len(words) == 1 and len(words[0]) >= _DISTINCTIVE_LEN and not _VI_MARKED.search(words[0])


def _type_targets(groups: Groups) -> dict[str, str]:
    """Keys that differ only by type, when one side is a weak guess -> the majority type's key.

    A lone capitalised word with no title (``Dispatch``, ``Maxim``) is typed by the words near
    it, and those differ between articles: one article's ``theo Dispatch`` reads as a person,
    another's ``trang Dispatch`` as an organisation.  Such one-word keys join the same word's
    key of the type with the most mentions (ties to a non-person type, since a person is the
    default guess for a lone word).  A one-word person with a role in some mention was
    introduced by a title and is not a guess; longer names keep their types."""
    by_body: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        typ, _, body = key.partition(":")
        if body and " " not in body and typ in ("PER", "ORG", "LOC", "GPE"):
            by_body[body].append(key)
    out: dict[str, str] = {}
    for keys in by_body.values():
        if len(keys) < 2:
            continue
        titled = {k for k in keys if k.startswith("PER:") and any(r[ROLE] for r in groups[k])}
        if titled:
            continue
        best = max(keys, key=lambda k: (len(groups[k]), not k.startswith("PER:"), k))
        for k in keys:
            if k != best:
                out[k] = best
    return out


def _canonical(key: str, names: Mapping[str, int]) -> str:
    body = key.split(":", 1)[1]
    spelled = [n for n in names if fold(n) == body]
    pool = spelled or list(names)
    return max(pool, key=lambda n: (len(n.split()) if not spelled else 0, names[n], n))


def group_mentions(
    mentions_by_doc: Iterable[tuple[str, Sequence[Mention]]], groups: Groups | None = None
) -> Groups:
    """Mentions by key, keys in order of first appearance, each key's mentions in input order.

    ``groups`` (from an earlier call) is extended in place: documents added
    after the ones it holds append to it exactly as one call over all would.
    """
    return group_rows((mention_row(doc, m) for doc, mentions in mentions_by_doc for m in mentions), groups)


def group_rows(rows: Iterable[MentionRow], groups: Groups | None = None) -> Groups:
    """``group_mentions`` of mentions given as rows (``Store.mention_rows``), kept as they are."""
    groups = {} if groups is None else groups
    get = groups.get
    for r in rows:
        key = r[KEY] or _key(r)
        items = get(key)
        if items is None:
            groups[key] = items = []
        items.append(r)
    return groups


def link_targets(groups: Groups) -> dict[str, str]:
    """Key -> the key it is joined to (short person names, weakly typed lone words); others absent."""
    targets = _confirmed(_person_targets(groups), groups)
    targets.update((k, v) for k, v in _type_targets(groups).items() if k not in targets)
    return targets


def link_entities(mentions_by_doc: Iterable[tuple[str, Sequence[Mention]]]) -> list[Entity]:
    """Entities over all documents, each with aliases, roles and where it was mentioned.

    The whole entity link in one call (tests and scripts use it); ``link_store`` calls its three
    steps itself so the incremental state can keep the groups and joins."""
    groups = group_mentions(mentions_by_doc)
    return linked_entities(groups, link_targets(groups))


def linked_entities(groups: Groups, targets: Mapping[str, str]) -> list[Entity]:
    """The entities of ``groups`` joined by ``targets`` (``link_targets(groups)``), sorted by id."""
    return sorted((entity(key, items) for key, items in joined(groups, targets).items()), key=lambda e: e.id)


def joined(groups: Groups, targets: Mapping[str, str]) -> dict[str, list[MentionRow]]:
    """Final key -> its mentions: the joined keys' mentions, key by key in order of first appearance."""
    merged: dict[str, list[MentionRow]] = defaultdict(list)
    for key, items in groups.items():
        merged[targets.get(key, key)].extend(items)
    return merged


def entity_id(key: str) -> str:
    return "en" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


EntityFields = tuple[str, str, str, list[str], list[str], list[tuple[str, int, int]]]


def entity(key: str, items: Sequence[MentionRow]) -> Entity:
    """The entity of final key ``key`` from its mentions (the joined keys' mentions, key by key)."""
    eid, name, etype, aliases, roles, refs = entity_fields(key, items)
    return Entity(
        id=eid,
        name=name,
        type=etype,  # type: ignore[arg-type]
        aliases=aliases,
        roles=roles,
        mentions=[MentionRef(d, s, e) for d, s, e in refs],
    )


def entity_fields(key: str, items: Sequence[MentionRow]) -> EntityFields:
    """``entity(key, items)``'s fields (id, name, type, aliases, roles, mentions as (doc, start, end)
    tuples): a full link writes them as rows without making the objects."""
    if len(items) == 1:  # what the general case gives for one mention (half the entities of unc-dev)
        r = items[0]
        name, text, role = r[NAME] or r[TEXT], r[TEXT], r[ROLE]
        one = [name, text] if text != name and text.strip() and not role else [name]
        return (entity_id(key), name, r[TYPE], one, [role] if role else [], [(r[DOC], r[START], r[END])])
    # plain dicts, counted in first-seen order like a Counter: building three Counters per entity
    # was a third of this function (9,000 entities on unc-dev, most with a few mentions)
    names: dict[str, int] = {}
    types: dict[str, int] = {}
    roles: dict[str, int] = {}
    for r in items:
        name = r[NAME] or r[TEXT]
        names[name] = names.get(name, 0) + 1
        types[r[TYPE]] = types.get(r[TYPE], 0) + 1
        if r[ROLE]:
            roles[r[ROLE]] = roles.get(r[ROLE], 0) + 1
    aliases = sorted(names, key=lambda n: (-names[n], n))
    seen = set(aliases)
    for r in items:  # surface forms that differ from the name ("Mỹ" is a name already)
        text = r[TEXT]
        if text not in seen and text.strip() and not r[ROLE]:
            seen.add(text)
            aliases.append(text)
    # (doc, start, end) in tuple order: equal keys are equal tuples, so this is the stable sort by key
    refs = sorted([(r[DOC], r[START], r[END]) for r in items])
    return (
        entity_id(key),
        _canonical(key, names),
        max(types, key=lambda t: (types[t], t)),
        aliases,
        sorted(roles, key=lambda r: (-roles[r], r)),
        refs,
    )
