"""One timeline: the same event told by several outlets (or twice in one article) becomes one event.

Two reports are taken to be one event when

* their types are compatible (``tiếp`` in one outlet is ``gặp`` or ``hội đàm``
  in another; a ``ký`` is also reported as the ``thỏa thuận`` it sealed; an
  arrival is not merged into the visit it starts),
* their dates agree at the precision both give (``2023-09`` and
  ``2023-09-10`` agree; ``XXXX-02-18`` agrees with ``2026-02-18``; the part of
  day is not compared, as outlets quote Hanoi or local time), and
* their participants agree: the people of one are all among the people of the
  other (compared by entity key).  Three officials who each receive the same
  visitor on one afternoon differ in who received him, so they stay three
  events.  When one side names nobody, the summaries must share most of their
  words instead (``hai nước đã nâng cấp quan hệ lên Đối tác ...`` repeated as
  background in five articles).

Undated reports join a dated event of the same document (a headline or lead
that repeats the body).  Across documents an undated report joins a dated
event only when the documents' reference dates are known (``doc_dates``) and
its article was written on the event's first day or at most a few days after
its last one, with a compatible type and exactly the same people (``Tổng Bí
thư Tô Lâm đã đến Mỹ, bắt đầu ... chuyến công tác`` in an article of 18/2
joins another outlet's trip of 18-20/2); the same two people meet many times,
so a report that would fit two such events stays on its own.

Clustering is greedy but independent of input order: reports are sorted by a
content key, the most precisely dated first, so that a month-level mention
attaches to the day-level event rather than chaining two different days
together.  Ids are hashes of the merged content.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as _Day
from datetime import timedelta
from functools import lru_cache

from biennien.model import Event, EventType, Evidence, Participant
from biennien.vi.normalise import fold

# Types an outlet may use for the same happening.  A type not listed is only compatible with itself.
_TYPE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"meeting", "reception", "dialogue"}),
    frozenset({"signing", "agreement"}),
    frozenset({"announcement", "statement"}),
)
# When members of a cluster disagree on the type, the more specific wins a tie.
_TYPE_ORDER: tuple[EventType, ...] = (
    "phone_call",
    "signing",
    "reception",
    "dialogue",
    "meeting",
    "visit",
    "arrival",
    "agreement",
    "speech",
    "announcement",
    "statement",
    "other",
)
_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|Q\d|W\d{2}))?(?:-(\d{2}))?(T.*)?$")
_WORD = re.compile(r"\w+")
_MIN_CROSS_DOC_OVERLAP = 0.8  # across documents, when one side names nobody
_MIN_CROSS_DOC_WORDS = 3
_MIN_SUMMARY_OVERLAP = 0.5
_OTHER = frozenset({"other"})
# an undated report joins another outlet's dated event when its article was written between the event's
# first day and this many days after its last day ("đã đến Mỹ" in the next day's paper)
_UNDATED_WINDOW_DAYS = 3
# function words left out when comparing summaries
_STOP = frozenset("va cua voi cac nhung tai da se dang cung la o cho trong ve hai nuoc lan thu".split())


def _types_compatible(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _TYPE_GROUPS)


# every type with the types it may merge with (itself included), for a set comparison per cluster
_COMPATIBLE: dict[str, frozenset[str]] = {
    t: frozenset(u for u in _TYPE_ORDER if _types_compatible(t, u)) for t in _TYPE_ORDER
}


def _type_class(t: str) -> frozenset[str]:
    """The types ``t`` may merge with (itself included; a type outside the list: itself only)."""
    return _COMPATIBLE.get(t) or frozenset({t})


@dataclass(frozen=True, slots=True)
class _Date:
    year: str
    month: str | None
    day: str | None

    @property
    def precision(self) -> int:
        return 1 + (self.month is not None) + (self.day is not None) - (self.year == "XXXX")


# pure functions of a string, asked several times per report (sorting, clustering, merging, the link
# state) for the same few thousand dates and summaries; their results are immutable
@lru_cache(maxsize=1 << 14)
def _parse_date(value: str | None) -> _Date | None:
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    return _Date(m.group(1), m.group(2), m.group(3))


def _dates_compatible(a: _Date, b: _Date) -> bool:
    if a.year != b.year and "XXXX" not in (a.year, b.year):
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    return not (a.day is not None and b.day is not None and a.day != b.day)


def _person_key(p: Participant) -> str:
    return p.entity or fold(p.name)


@lru_cache(maxsize=1 << 14)
def _summary_words(summary: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(summary)) if w not in _STOP)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(slots=True)
class _Cluster:
    members: list[Event] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    date: _Date | None = None
    people: set[str] = field(default_factory=set)
    words: frozenset[str] = frozenset()
    docs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    dates: list[_Date] = field(default_factory=list)  # the members' dates, parsed once

    def add(self, ev: Event) -> None:
        self.members.append(ev)
        self.types.add(ev.type)
        d = _parse_date(ev.date)
        if d is not None:
            self.dates.append(d)
        if d is not None and (self.date is None or d.precision > self.date.precision):
            self.date = d
        self.people |= {_person_key(p) for p in ev.participants}
        if not self.words:
            self.words = _summary_words(ev.summary)
        self.docs |= {e.doc for e in ev.evidence}
        if ev.place:
            self.places.add(fold(ev.place))


def _iso_day(value: str | None) -> _Day | None:
    """A calendar day from an ISO date (a reference date, or a TIMEX3 value dated to the day)."""
    if not value or len(value) < 10:
        return None
    try:
        return _Day.fromisoformat(value[:10])
    except ValueError:
        return None


def _written_during(
    undated: Iterable[Event], dated: Iterable[Event], doc_dates: Mapping[str, str | None]
) -> bool:
    """Were all the undated reports' articles written while the dated event ran, or a few days after?"""
    start: _Day | None = None
    end: _Day | None = None
    for m in dated:
        first = _iso_day(m.date)
        if first is None:
            continue
        last = max(first, _iso_day(m.date_end) or first)
        start = first if start is None else min(start, first)
        end = last if end is None else max(end, last)
    if start is None or end is None:
        return False
    docs = {e.doc for ev in undated for e in ev.evidence}
    if not docs:
        return False
    for doc in docs:
        ref = _iso_day(doc_dates.get(doc))
        if ref is None or not (start <= ref <= end + timedelta(days=_UNDATED_WINDOW_DAYS)):
            return False
    return True


def _fits(
    cluster: _Cluster,
    ev: Event,
    date: _Date | None,
    people: set[str],
    doc_dates: Mapping[str, str | None] | None = None,
    words: frozenset[str] | None = None,
) -> float | None:
    """How well ``ev`` fits ``cluster`` (higher is better), or None when it is another event.

    ``words``: ``_summary_words(ev.summary)`` when the caller has it already.
    """
    compatible = _COMPATIBLE.get(ev.type)
    if compatible is None:  # a type outside the list: compatible with itself only
        compatible = frozenset({ev.type})
    if not cluster.types <= compatible:
        return None
    if words is None:
        words = _summary_words(ev.summary)
    if date is None or cluster.date is None:
        if date is not None or cluster.date is not None:
            if not people or people != cluster.people:
                return None
        if not ({e.doc for e in ev.evidence} & cluster.docs):
            # across outlets an undated report joins only a dated event its article was written during or
            # just after, naming exactly the same people
            if doc_dates is None or (date is None) == (cluster.date is None):
                return None
            undated = [ev] if date is None else cluster.members
            dated = cluster.members if date is None else [ev]
            if not _written_during(undated, dated, doc_dates):
                return None
            return 1.0 + len(people) + _overlap(words, cluster.words)
    elif not all(_dates_compatible(d, date) for d in cluster.dates):
        return None
    if people and cluster.people:
        if not (people <= cluster.people or cluster.people <= people):
            return None
        sim = _overlap(words, cluster.words)
        if ev.type == "other" and cluster.types == _OTHER and sim < _MIN_SUMMARY_OVERLAP:
            # "other" says nothing of what happened: the same person's two happenings of one year
            # ("Năm 1925, Fawcett đi vào rừng", "Tháng 4 năm 1925, Fawcett cố gắng lần cuối") are two
            return None
        return 2.0 + len(people & cluster.people) + sim
    sim = _overlap(words, cluster.words)
    if sim < _MIN_SUMMARY_OVERLAP:
        return None
    if not ({e.doc for e in ev.evidence} & cluster.docs):
        # across outlets, with nobody named on one side, only a strong summary match at the same place
        # joins: "Sở ... chiều cùng ngày cũng cho biết" in one article is not another province's statement
        if sim < _MIN_CROSS_DOC_OVERLAP or len(words & cluster.words) < _MIN_CROSS_DOC_WORDS:
            return None
        if ev.place and cluster.places and fold(ev.place) not in cluster.places:
            return None
    return sim


def _sort_key(ev: Event) -> tuple[int, str, str, str, int, str]:
    d = _parse_date(ev.date)
    first = min(((e.doc, e.start) for e in ev.evidence), default=("", 0))
    return (-(d.precision if d else -1), ev.date or "", ev.type, first[0], first[1], ev.summary)


def _merge_participants(events: Iterable[Event]) -> list[Participant]:
    by_key: dict[str, Participant] = {}
    for ev in events:
        for p in ev.participants:
            key = _person_key(p)
            old = by_key.get(key)
            if old is None:
                by_key[key] = Participant(p.name, p.role, p.entity, p.title)
                continue
            if old.role != "agent" and p.role == "agent":
                old.role = "agent"
            if old.title is None and p.title:
                old.title = p.title
            if len(p.name) > len(old.name):
                old.name = p.name
    agents = [p for p in by_key.values() if p.role == "agent"]
    others = [p for p in by_key.values() if p.role != "agent"]
    return agents + others


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value (ties: the smallest), or None.  Counted in a plain dict: a
    ``Counter`` per field and event was a fifth of ``_merged``, whose clusters mostly hold one report."""
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _merged(cluster: _Cluster) -> Event:
    members = cluster.members
    type_counts: dict[EventType, int] = {}
    for member in members:
        type_counts[member.type] = type_counts.get(member.type, 0) + 1
    etype = min(type_counts, key=lambda t: (-type_counts[t], _TYPE_ORDER.index(t)))
    # the date: the most precise one given, the most often given among those
    best_prec = max(((_parse_date(e.date) or _Date("", None, None)).precision for e in members), default=0)
    precise = [
        e for e in members if e.date and (_parse_date(e.date) or _Date("", None, None)).precision == best_prec
    ]
    date = _most_common(e.date for e in precise)
    # prefer a full year over XXXX when another member gives it
    if date and date.startswith("XXXX"):
        years = sorted({d.year for e in members if (d := _parse_date(e.date)) and d.year != "XXXX"})
        if len(years) == 1:
            date = years[0] + date[4:]
    # the summary of the best-informed report: most participants, then most precise date, then text order
    rep = min(
        members,
        key=lambda e: (
            -len(e.participants),
            -((_parse_date(e.date) or _Date("", None, None)).precision),
            _sort_key(e)[3:],
        ),
    )
    seen: set[tuple[str, int, int]] = set()
    evidence: list[Evidence] = []
    for e in sorted((ev for m in members for ev in m.evidence), key=lambda x: (x.doc, x.start, x.end)):
        if (e.doc, e.start, e.end) not in seen:
            seen.add((e.doc, e.start, e.end))
            evidence.append(Evidence(e.doc, e.start, e.end, e.sentence))
    participants = _merge_participants(sorted(members, key=_sort_key))
    first = evidence[0] if evidence else Evidence("", 0, 0, "")
    key = "|".join(
        [etype, date or "", *sorted(_person_key(p) for p in participants), first.doc, str(first.start)]
    )
    return Event(
        id="ev" + hashlib.sha1(key.encode()).hexdigest()[:12],
        type=etype,
        date=date,
        summary=rep.summary,
        trigger=rep.trigger,
        date_end=_most_common(e.date_end for e in members),
        date_mod=_most_common(e.date_mod for e in members),
        participants=participants,
        place=_most_common(e.place for e in members),
        evidence=evidence,
    )


_NONE: frozenset[int] = frozenset()


class _ClusterIndex:
    """Which clusters a report could join, without comparing it with every cluster.

    ``fitting`` leaves out only clusters ``_fits`` rejects, by set operations
    on indexes instead of one call per cluster (most reports would be tried
    against hundreds of clusters of their year and rejected):

    * types: a cluster holds types of one class of compatible types (a member
      joins only when its type is compatible with all of them, and
      compatibility is an equivalence), and ``_fits`` asks for the report's;
    * people and words: when both sides name people, one side's must be among
      the other's, so they share a person; when one side names nobody, the
      summaries must overlap, so they share a word;
    * dates: a dated report joins only a cluster whose every dated member is
      compatible with its date, so it can only join a cluster with a member
      of its year or ``XXXX`` and, when it gives a month, of its month or
      none; or an undated cluster sharing one of its documents and naming
      exactly its people.  An undated report joins only a cluster sharing a
      document (a dated one naming exactly its people) or, across outlets, a
      dated one of the years its articles were written in naming exactly its
      people.

    Every member's year, month, people and words are indexed as it joins;
    entries are only added, so a candidate list can hold a cluster that no
    longer fits: ``_fits`` decides.  Candidates come in creation order, which
    keeps ties resolved as a full scan would.
    """

    def __init__(self) -> None:
        self.by_year: dict[str, set[int]] = {}
        self.by_year_month: dict[tuple[str, str | None], set[int]] = {}
        self.by_month: dict[str | None, set[int]] = {}  # for reports with an unknown year
        self.by_doc: dict[str, set[int]] = {}
        self.undated_by_doc: dict[str, set[int]] = {}
        self.by_person: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        self.by_word_nobody: dict[str, set[int]] = {}  # words of clusters that name nobody
        self.by_class: dict[frozenset[str], set[int]] = {}  # by the class of their types
        self.by_people: dict[frozenset[str], set[int]] = {}  # by every exact set of people they had

    def add(self, n: int, cl: _Cluster, date: _Date | None) -> None:
        """Index cluster ``n`` after a member dated ``date`` joined it."""
        for t in cl.types:
            self.by_class.setdefault(_type_class(t), set()).add(n)
        if cl.people:
            self.by_people.setdefault(frozenset(cl.people), set()).add(n)
        for person in cl.people:
            self.by_person.setdefault(person, set()).add(n)
        for word in cl.words:
            self.by_word.setdefault(word, set()).add(n)
            if not cl.people:
                self.by_word_nobody.setdefault(word, set()).add(n)
        for doc in cl.docs:
            self.by_doc.setdefault(doc, set()).add(n)
            if cl.date is None:
                self.undated_by_doc.setdefault(doc, set()).add(n)
        if date is not None:
            self.by_year.setdefault(date.year, set()).add(n)
            self.by_year_month.setdefault((date.year, date.month), set()).add(n)
            self.by_month.setdefault(date.month, set()).add(n)

    def fitting(
        self,
        etype: str,
        date: _Date | None,
        people: set[str],
        words: frozenset[str],
        docs: set[str],
        ref_years: Iterable[str] = (),
    ) -> list[int]:
        """The clusters a report may join (every one ``_fits`` may accept), in creation order.

        ``ref_years``: for an undated report, the years its articles were written in (and the year
        before), whose dated clusters it may join across documents.
        """
        kind = self.by_class.get(_type_class(etype))
        if not kind:
            return []
        related: set[int] = set()
        for person in people:
            related |= self.by_person.get(person, _NONE)
        by_word = self.by_word_nobody if people else self.by_word
        for word in words:
            related |= by_word.get(word, _NONE)
        related &= kind
        if not related:
            return []
        same = related & self.by_people.get(frozenset(people), _NONE) if people else set()
        out: set[int] = set()
        if date is None:
            for doc in docs:
                out |= related & self.undated_by_doc.get(doc, _NONE)
                if same:
                    out |= same & self.by_doc.get(doc, _NONE)
            if same:
                for year in ref_years:
                    out |= same & self.by_year.get(year, _NONE)
            return sorted(out)
        if same:
            for doc in docs:
                out |= same & self.undated_by_doc.get(doc, _NONE)
        if date.year == "XXXX":
            if date.month is None:
                for ids in self.by_year.values():
                    out |= related & ids
            else:
                out |= related & self.by_month.get(date.month, _NONE)
                out |= related & self.by_month.get(None, _NONE)
        elif date.month is None:
            out |= related & self.by_year.get(date.year, _NONE)
            out |= related & self.by_year.get("XXXX", _NONE)
        else:
            for year in (date.year, "XXXX"):
                for month in (date.month, None):
                    out |= related & self.by_year_month.get((year, month), _NONE)
        return sorted(out)


def _ref_years(docs: Iterable[str], doc_dates: Mapping[str, str | None] | None) -> list[str]:
    years: set[str] = set()
    for doc in docs:
        ref = _iso_day((doc_dates or {}).get(doc))
        if ref is not None:
            years |= {f"{ref.year:04d}", f"{ref.year - 1:04d}"}
    return sorted(years)


def merge_events(events: list[Event], *, doc_dates: Mapping[str, str | None] | None = None) -> list[Event]:
    """Merge the per-document events into one list where each happening appears once.

    ``doc_dates`` (document id -> reference date, ISO) lets an undated report join another outlet's
    dated event its article was written during or just after; without it undated reports only join
    events of their own document.  The result is sorted by id and does not depend on the order of
    ``events``.
    """
    return [ev for ev, _ in merge_events_members(events, doc_dates=doc_dates)]


def merge_events_members(
    events: list[Event], *, doc_dates: Mapping[str, str | None] | None = None
) -> list[tuple[Event, list[str]]]:
    """``merge_events`` with the ids of the reports each merged event was made of (for incremental linking)."""
    clusters: list[_Cluster] = []
    index = _ClusterIndex()
    for ev in sorted(events, key=_sort_key):
        date = _parse_date(ev.date)
        people = {_person_key(p) for p in ev.participants}
        docs = {e.doc for e in ev.evidence}
        ref_years = _ref_years(docs, doc_dates) if date is None and people else []
        words = _summary_words(ev.summary)
        candidates = index.fitting(ev.type, date, people, words, docs, ref_years)
        fits = [(n, _fits(clusters[n], ev, date, people, doc_dates, words)) for n in candidates]
        if date is None and any(score is not None and clusters[n].docs & docs for n, score in fits):
            # its own document's events come first: a lead repeating the body is not another outlet's
            fits = [(n, score) for n, score in fits if clusters[n].docs & docs]
        dated_fits = sum(1 for n, score in fits if score is not None and clusters[n].date is not None)
        best: tuple[float, int] | None = None
        for n, score in fits:
            if date is None and dated_fits > 1 and clusters[n].date is not None:
                # an undated report that fits two dated events of its document (two calls between the
                # same two leaders) cannot say which one it tells
                continue
            if score is not None and (best is None or score > best[0]):
                best = (score, n)
        if best is None:
            cl = _Cluster()
            cl.add(ev)
            clusters.append(cl)
            index.add(len(clusters) - 1, cl, date)
        else:
            cl = clusters[best[1]]
            cl.add(ev)
            index.add(best[1], cl, date)
    merged = [_merged(cl) for cl in clusters]
    ids = Counter(e.id for e in merged)
    if any(n > 1 for n in ids.values()):  # same content twice: number them in content order
        seen: Counter[str] = Counter()
        for e in sorted(merged, key=_sort_key):
            if ids[e.id] > 1:
                seen[e.id] += 1
                e.id = f"{e.id}-{seen[e.id]}"
    pairs = [(ev, [m.id for m in cl.members]) for ev, cl in zip(merged, clusters, strict=True)]
    return sorted(pairs, key=lambda p: p[0].id)
