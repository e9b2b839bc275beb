"""A date inside a ``kể từ (sau)`` phrase is a reference point a length of time is counted from, not
the date of the main clause (docs/events.md, audit 4 follow-up)."""

from __future__ import annotations

from biennien.analyse.pipeline import analyse
from biennien.model import Document, Event
from biennien.vi.normalise import tone_normalise


def _events(text: str, ref: str = "2022-05-01") -> list[Event]:
    return analyse(Document(id="d", source="test", text=tone_normalise(text), reference_date=ref)).events


def test_a_trigger_before_a_since_phrase_takes_no_date_from_it() -> None:
    evs = _events("Ca sĩ Mỹ Linh đã phát hành 10 album kể từ sau đám cưới vào năm 2004.")
    assert not [e for e in evs if e.date == "2004" and "phát hành" in e.summary.lower()]


def test_the_fallback_takes_no_date_from_a_since_phrase() -> None:
    evs = _events("Công ty Hòa Phát đã tăng vốn gấp ba lần kể từ sau khi niêm yết vào năm 2004.")
    assert not [e for e in evs if e.date == "2004"]


def test_a_fronted_since_phrase_dates_only_what_it_names() -> None:
    evs = _events("Kể từ sau trận động đất vào năm 2004, ông Tuấn đã xây dựng lại ngôi làng.")
    assert not [e for e in evs if e.date == "2004" and "xây dựng" in e.summary.lower()]
    assert all(not e.summary.lower().startswith("kể từ") for e in evs)


def test_the_main_clause_keeps_its_own_date() -> None:
    evs = _events("Ngày 3/5, ca sĩ Mỹ Linh đã phát hành album mới, 10 năm kể từ sau đám cưới vào năm 2012.")
    assert [e.date for e in evs if "phát hành" in e.summary.lower()] == ["2022-05-03"]
