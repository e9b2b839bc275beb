"""Pronoun subjects of events point back to a person of the pronoun's gender.

Hand-built mentions and timexes (the recogniser and tagger are tested on their own): these tests check
only whom ``ông``/``cô`` resolve to.
"""

from __future__ import annotations

from biennien.analyse.events import extract
from biennien.analyse.events_pronouns import Referents, pronoun_gender
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _per(text: str, s: str, name: str, occ: int = 0) -> Mention:
    i = -1
    for _ in range(occ + 1):
        i = text.index(s, i + 1)
    return Mention(s, i, i + len(s), "PER", name, None, "PER:" + name.lower())


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-30")


def _agent(ev: Event) -> list[str]:
    return [p.name for p in ev.participants if p.role == "agent"]


def test_ong_does_not_resolve_to_the_most_named_woman() -> None:
    text = tone_normalise(
        "Nữ diễn viên Trịnh Sảng vướng bê bối. Trịnh Sảng xin lỗi khán giả. Trịnh Sảng ở ẩn. "
        "Ông Trịnh Thành Hoa là bố của cô. Tới tháng 4/2021, ông đã bị sa thải."
    )
    ms = [_per(text, "Trịnh Sảng", "Trịnh Sảng", k) for k in range(3)]
    ms.append(_per(text, "Trịnh Thành Hoa", "Trịnh Thành Hoa"))
    ms.sort(key=lambda m: m.start)
    i = text.index("tháng 4/2021")
    evs = [e for e in _run(text, [Timex("tháng 4/2021", i, i + 12, "DATE", "2021-04")], ms) if e.date]
    assert len(evs) == 1
    assert _agent(evs[0]) == ["Trịnh Thành Hoa"]


def test_co_still_takes_the_most_named_person_when_she_is_a_woman() -> None:
    text = tone_normalise(
        "Cô Lê Thị Mai dạy học. Ông Trần Văn Nam là hiệu trưởng. Lê Thị Mai được khen. "
        "Lê Thị Mai về hưu. Tới tháng 4/2021, cô đã bị sa thải."
    )
    ms = sorted(
        [_per(text, "Lê Thị Mai", "Lê Thị Mai", k) for k in range(3)]
        + [_per(text, "Trần Văn Nam", "Trần Văn Nam")],
        key=lambda m: m.start,
    )
    i = text.index("tháng 4/2021")
    evs = [e for e in _run(text, [Timex("tháng 4/2021", i, i + 12, "DATE", "2021-04")], ms) if e.date]
    assert [_agent(e) for e in evs] == [["Lê Thị Mai"]]


def test_gender_from_a_later_pronoun_in_the_sentence_and_from_titles() -> None:
    text = "Trịnh Sảng xin lỗi người hâm mộ của cô. Trịnh Sảng ở Mỹ. Ông Trương Hằng bỏ đi."
    ms = sorted(
        [_per(text, "Trịnh Sảng", "Trịnh Sảng", k) for k in range(2)]
        + [_per(text, "Trương Hằng", "Trương Hằng")],
        key=lambda m: m.start,
    )
    refs = Referents(text, ms)
    assert pronoun_gender(["nữ", "diễn", "viên"]) == "f"
    assert refs.resolve(["cô"]) is not None and refs.resolve(["cô"]).name == "Trịnh Sảng"  # type: ignore[union-attr]
    assert refs.resolve(["ông"]) is not None and refs.resolve(["ông"]).name == "Trương Hằng"  # type: ignore[union-attr]
    # a neutral subject keeps the most-named person
    assert refs.resolve([]) is not None and refs.resolve([]).name == "Trịnh Sảng"  # type: ignore[union-attr]
