"""``_found`` and ``_run_found`` pass ``Found``'s fields by position (a ``**kw`` pass-through
cost two dicts per mention); these tests build the same mentions with keywords, so a field
added to ``Found`` or moved shows up here instead of as a mention with a shifted field."""

from __future__ import annotations

from biennien.analyse.entities import _found, _Reader, _run_found, _tables_ready
from biennien.analyse.entities_resolve import Found
from biennien.vi.gazetteer import TOKEN, gazetteer
from biennien.vi.normalise import tone_normalise

TEXT = tone_normalise("Chiều qua, Tổng thống Hoa Kỳ Donald Trump gặp ông Nguyễn Văn An tại Hà Nội.")


def _reader() -> _Reader:
    g = gazetteer()
    _tables_ready(g)
    return _Reader(list(TOKEN.finditer(TEXT)), g, [])


def _at(r: _Reader, words: str) -> tuple[int, int]:
    w = words.split()
    for i in range(r.n):
        if r.tx[i : i + len(w)] == w:
            return i, i + len(w)
    raise AssertionError(words)


def test_found_sets_each_named_field() -> None:
    r = _reader()
    i, j = _at(r, "Donald Trump")
    s, e = TEXT.index("Donald Trump"), TEXT.index("Donald Trump") + len("Donald Trump")
    got = _found(
        r, i, j, "PER", role="Tổng thống", canonical="c", single=False, unsure=True, title="t", title_kind="k"
    )
    want = Found(
        s,
        e,
        "PER",
        "Donald Trump",
        role="Tổng thống",
        canonical="c",
        unsure=True,
        title="t",
        title_kind="k",
        foreign=True,
    )
    assert got == want
    i, j = _at(r, "Hà Nội")
    assert _found(r, i, j, "LOC", canonical="Hà Nội") == Found(
        TEXT.index("Hà Nội"), TEXT.index("Hà Nội") + 6, "LOC", "Hà Nội", canonical="Hà Nội"
    )
    i, _ = _at(r, "An")
    one = _found(r, i, i + 1, "PER", single=True)
    assert (one.name, one.single, one.foreign, one.unsure) == ("An", True, False, False)


def test_run_found_sets_each_named_field() -> None:
    r = _reader()
    i, j = _at(r, "Nguyễn Văn An")
    s = TEXT.index("Nguyễn Văn An")
    got = _run_found(r, i, j, "PER", True, single=True, unsure=False, initial=False, weak=True)
    want = Found(
        s,
        s + len("Nguyễn Văn An"),
        "PER",
        "Nguyễn Văn An",
        single=True,
        foreign=True,
        weak=True,
    )
    assert got == want
    # foreign only for a person
    assert _run_found(r, i, j, "LOC", True, unsure=True, initial=True) == Found(
        s, s + len("Nguyễn Văn An"), "LOC", "Nguyễn Văn An", unsure=True, initial=True
    )
