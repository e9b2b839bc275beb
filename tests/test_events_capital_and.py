"""A list of dates joined by a capitalised "Và" (upper-cased text, a typo) reads like one joined by "và".

``events._listed`` found the joining word by ``str.index("và")`` on the text while it compared the
lower-cased words, so "... 06/04/2021 Và kết thúc ..." raised ``ValueError`` inside ``analyse``.
"""

from __future__ import annotations

from biennien.analyse import analyse
from biennien.model import Document

SENTENCE = "Vòng sơ loại bắt đầu từ ngày 06/04/2021 {and} kết thúc trong tháng 5/2021."


def _events(text: str) -> list[tuple[str, str | None, list[tuple[int, int]]]]:
    doc = Document("d", "s.txt", text, "Tin", published="2021-03-01")
    return [(e.type, e.date, [(ev.start, ev.end) for ev in e.evidence]) for e in analyse(doc).events]


def test_capitalised_and_between_dates_gives_the_same_events() -> None:
    plain = _events(SENTENCE.format(**{"and": "và"}))
    assert [date for _, date, _ in plain] == ["2021-04-06", "2021-05"]
    for written in ("Và", "VÀ"):
        assert _events(SENTENCE.format(**{"and": written})) == plain
