"""Session 7: a lone Vietnamese word that ``_named_at`` reads as an unsure name is kept aside as a
light record (``_lone_light``) instead of being carried as a mention through ``_drop_terms`` and
``resolve``.  The mentions must be those of the plain path, where it stays a mention to the end:
these tests compare the two on real-style sentences, on the seed articles and on many random word
sequences built from the gazetteer's words (titles, heads, table names, commas, capitals), so a
rule added later that treats such a mention differently from a light record fails here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from biennien.analyse import entities as compiled_or_plain
from biennien.analyse.entities import _extract, _Reader, extract
from biennien.analyse.entities_resolve import Found
from biennien.ingest.sources import iter_documents
from biennien.model import Document, Mention
from biennien.vi.gazetteer import gazetteer
from biennien.vi.normalise import analysis_text
from biennien.vi.sentences import split_sentences
from plain import plain

# one test replaces ``entities._lone_light`` to watch it: the module's plain form (see tests/plain.py)
entities = plain(compiled_or_plain)

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def _both(text: str) -> tuple[list[Mention], list[Mention]]:
    sentences = split_sentences(text)
    return extract(text, sentences), _extract(text, sentences, False)


@pytest.mark.parametrize(
    "text",
    [
        # a word opening a table or title entry, alone: an unsure name that resolves
        "Ông Nguyễn Văn Nam là giám đốc. Sau đó Nam cho biết công ty sẽ mở rộng.",
        # a word in apposition before an office: the plain path gives it the role
        "Theo Nam, Giám đốc Sở Y tế, bệnh viện đã sẵn sàng. Ông Trần Văn Nam nói thêm.",
        # a named place repeated as a lone word, and the word opening a sentence
        "Người dân tỉnh Nam Định đi lễ. Tại Nam, trời mưa. Nam Định có nhiều đền.",
        # an acronym introduced in brackets, then alone
        "Hiệp hội Phần mềm và Dịch vụ CNTT Việt Nam (VINASA) họp. VINASA cho biết thêm.",
    ],
)
def test_lone_light_equals_the_plain_path(text: str) -> None:
    fast, plain = _both(text)
    assert fast == plain


def test_lone_light_keeps_the_role_of_an_apposition() -> None:
    text = "Theo Nam, Giám đốc Sở Y tế, bệnh viện đã sẵn sàng. Ông Trần Văn Nam nói thêm."
    roles = {m.role for m in extract(text, split_sentences(text))}
    assert any(r and r.startswith("Giám đốc") for r in roles)


def test_lone_light_is_taken_on_real_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut is not dead code: lone words are routed on ordinary news text."""
    calls: list[bool] = []
    lone_light = entities._lone_light

    def spy(r: _Reader, f: Found, j: int) -> bool:
        calls.append(lone_light(r, f, j))
        return calls[-1]

    monkeypatch.setattr(entities, "_lone_light", spy)
    text = "Các chuyên gia nói. Hoa nở sớm. Hà Nội mưa. Việt hôm nay đi học."
    entities.extract(text, split_sentences(text))
    assert True in calls


def test_lone_light_equals_the_plain_path_on_the_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles absent")
    docs = [d for d in iter_documents([str(SEEDS)]) if isinstance(d, Document)]
    assert docs
    for d in docs:
        fast, plain = _both(analysis_text(d.text, d.skip_spans))
        assert fast == plain


def test_lone_light_equals_the_plain_path_on_random_text() -> None:
    g = gazetteer()
    rnd = random.Random(7)
    words: set[str] = set()
    for table in (g.titles, g.heads, g.known):
        for key in table:
            words.update(key)
    pool = sorted(words)
    vocab = rnd.sample(pool, 800) + sorted(g.surnames)[:80] + sorted(g.given_names)[:80]
    vocab += ["Nam", "Hoa", "Việt", "và", ",", ",", ".", "(", ")", '"', "như", "của", "ở", "tại", "-"]
    differ = 0
    for _ in range(1500):
        toks = [rnd.choice(vocab) for _ in range(rnd.randint(3, 30))]
        toks = [w.title() if rnd.random() < 0.45 else w.upper() if rnd.random() < 0.03 else w for w in toks]
        text = " ".join(toks) + ". " + " ".join(rnd.sample(toks, len(toks))) + "."
        fast, plain = _both(text)
        differ += fast != plain
    assert differ == 0
