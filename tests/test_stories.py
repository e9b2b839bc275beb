"""Stories: articles about one event grouped, incrementally, with stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.analyse import analyse
from biennien.link.chronicle import link_store
from biennien.link.duplicates import DuplicateState, update_duplicates
from biennien.link.stories import ACTOR_FULL, StoryState, time_factor, update_stories
from biennien.link.stories_features import bucket, doc_features, hashed_features
from biennien.model import Document
from biennien.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
UNC_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"

MATCH_A = (
    "Tối 18/4, 12 CLB hàng đầu châu Âu gồm Man Utd, Man City, Chelsea, Liverpool, Arsenal, Tottenham,"
    " Real Madrid, Barcelona, Atletico Madrid, Juventus, Inter Milan và AC Milan tuyên bố thành lập giải"
    " European Super League.\nUEFA lập tức phản đối và đe dọa cấm các cầu thủ tham dự World Cup."
    "\nNgười hâm mộ ở Anh biểu tình phản đối siêu giải đấu European Super League trước sân Stamford Bridge."
)
MATCH_B = (
    "Chỉ 2 ngày sau khi tuyên bố thành lập, European Super League đứng trước nguy cơ tan rã khi 6 CLB Anh"
    " là Man Utd, Man City, Chelsea, Liverpool, Arsenal và Tottenham rút lui.\nChủ tịch Real Madrid"
    " Florentino Perez vẫn khẳng định siêu giải đấu sẽ tiếp tục, bất chấp sức ép của UEFA và người hâm mộ."
)
MATCH_C = (
    "Sau khi 9 CLB rút khỏi European Super League, UEFA công bố mức phạt với các đội bóng sáng lập.\n"
    "Real Madrid, Barcelona và Juventus vẫn chưa rút lui khỏi siêu giải đấu và có thể bị UEFA trừng phạt."
)
EXAM = (
    "Bộ Giáo dục và Đào tạo công bố lịch thi tốt nghiệp THPT năm 2021 diễn ra vào ngày 7 và 8/7.\n"
    "Thí sinh đăng ký dự thi từ ngày 27/4 đến 11/5, các trường đại học xét tuyển dựa trên kết quả kỳ thi."
)
SINGER = (
    "Ca sĩ Mỹ Tâm vừa phát hành album mới sau ba năm vắng bóng, gồm 10 ca khúc do chính cô sáng tác.\n"
    "Album được khán giả đón nhận nồng nhiệt, lọt vào top thịnh hành chỉ sau một ngày ra mắt."
)


def _doc(doc_id: str, text: str, date: str, title: str | None = None) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, reference_date=date, title=title)


def _story_map(state: StoryState) -> dict[str, str]:
    return state.story_of()


def test_same_event_grouped_unrelated_apart() -> None:
    docs = [
        _doc("d1", MATCH_A, "2021-04-19"),
        _doc("d2", EXAM, "2021-04-20"),
        _doc("d3", MATCH_B, "2021-04-21"),
        _doc("d4", SINGER, "2021-04-21"),
    ]
    st = _story_map(update_stories(docs, StoryState()))
    assert st["d1"] == st["d3"]
    assert len({st["d1"], st["d2"], st["d4"]}) == 3


def test_new_article_joins_existing_story_without_renaming_it() -> None:
    first = update_stories(
        [_doc("d1", MATCH_A, "2021-04-19", "Siêu giải đấu ra đời"), _doc("d2", EXAM, "2021-04-20")],
        StoryState(),
    )
    before = first.stories()
    state = StoryState.loads(first.dumps())
    update_stories([_doc("d3", MATCH_B, "2021-04-21"), _doc("d4", SINGER, "2021-04-22")], state)
    after = {s["id"]: s for s in state.stories()}
    for s in before:
        assert s["id"] in after
        assert after[s["id"]]["title"] == s["title"]
    super_league = next(s for s in after.values() if "d1" in s["documents"])
    assert super_league["documents"] == ["d1", "d3"]
    assert super_league["title"] == "Siêu giải đấu ra đời"
    assert (super_league["first"], super_league["last"]) == ("2021-04-19", "2021-04-21")
    assert len(after) == 3


def test_hashed_features_equal_hashing_the_named_features() -> None:
    doc = _doc("d1", MATCH_A + "\n" + EXAM, "2021-04-19", "Siêu giải đấu European Super League ra đời")
    keys = ["ORG:uefa", "PER:florentino perez", "GPE:anh"]
    feats, counts, actors = hashed_features(doc, keys)
    expected: dict[int, float] = {}
    for name, count in doc_features(doc, keys).items():
        expected[bucket(name)] = expected.get(bucket(name), 0.0) + count
    assert dict(zip(feats.tolist(), counts.tolist(), strict=True)) == pytest.approx(expected)
    assert sorted(actors.tolist()) == sorted({bucket("e:org:uefa"), bucket("e:per:florentino perez")})
    assert "n:european super league" in doc_features(doc, keys)


def test_story_named_by_a_real_title_when_its_founder_has_none() -> None:
    docs = [
        _doc("d1", MATCH_A, "2021-04-19"),
        _doc("d3", MATCH_B, "2021-04-21", "Siêu giải đấu European Super League có nguy cơ tan rã"),
    ]
    (story,) = update_stories(docs, StoryState()).stories()
    assert story["id"] == update_stories(docs[:1], StoryState()).stories()[0]["id"]
    assert story["title"] == "Siêu giải đấu European Super League có nguy cơ tan rã"


def test_one_batch_is_independent_of_input_order() -> None:
    docs = [
        _doc("d1", MATCH_A, "2021-04-19"),
        _doc("d2", EXAM, "2021-04-20"),
        _doc("d3", MATCH_B, "2021-04-21"),
        _doc("d5", MATCH_C, "2021-04-23"),
    ]
    a = update_stories(docs, StoryState()).stories()
    b = update_stories(list(reversed(docs)), StoryState()).stories()
    assert a == b


def test_time_factor_prefers_close_dates_but_never_vetoes() -> None:
    assert time_factor("2021-04-19", "2021-04-22") == 1.0
    far = time_factor("2021-04-19", "2021-10-19")
    assert 0.0 < far < time_factor("2021-04-19", "2021-05-19") < 1.0


def test_shared_actors_soften_the_time_decay() -> None:
    far = time_factor("2021-04-19", "2021-10-19")
    some = time_factor("2021-04-19", "2021-10-19", actors=ACTOR_FULL / 4)
    assert far < some < time_factor("2021-04-19", "2021-10-19", actors=ACTOR_FULL / 2) < 1.0
    assert time_factor("2021-04-19", "2021-10-19", actors=ACTOR_FULL) == 1.0


def test_link_store_writes_stories_and_reprints(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    for d in [_doc("d1", MATCH_A, "2021-04-19"), _doc("d2", EXAM, "2021-04-20")]:
        store.add_document(d, analyse(d))
    report = link_store(store)
    assert report.stories == 2
    d3 = _doc("d3", MATCH_B, "2021-04-21")
    store.add_document(d3, analyse(d3))
    link_store(store)
    stories = store.stories()
    assert sorted(len(s["documents"]) for s in stories) == [1, 2]
    assert store.link_state("stories") and store.link_state("duplicates")


def _seed_docs() -> list[Document]:
    if not SEEDS.is_dir() or len(list(SEEDS.glob("*.txt"))) < 5:
        pytest.skip("seed articles not available")
    from biennien.ingest import iter_documents

    docs = [d for d in iter_documents([str(SEEDS)]) if isinstance(d, Document)]
    if len(docs) < 5:
        pytest.skip("seed articles could not be ingested")
    return docs


def _unc_docs(step: int, limit: int) -> list[Document]:
    """Every ``step``-th unc-dev article (all sections), read as the corpus format lays it out."""
    files = sorted(UNC_DEV.glob("*.txt"))[::step][:limit]
    if len(files) < limit:
        pytest.skip("unc-dev corpus not available")
    out = []
    for path in files:
        meta: dict[str, str] = {}
        lines: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# ") and " = " in line and not lines:
                key, _, value = line[2:].partition(" = ")
                meta[key.strip()] = value.strip()
            elif line.strip():
                lines.append(line.strip())
        day = meta.get("date", "")
        iso = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else None
        out.append(_doc(path.stem, "\n".join(lines), iso or "", lines[0] if lines else None))
    return out


def _link(docs: list[Document]) -> dict[str, str]:
    """Stories as link_store makes them: analysis entity keys and events, reprints first."""
    analyses = {d.id: analyse(d) for d in docs}
    keys = {d: sorted({m.key or m.name for m in a.mentions}) for d, a in analyses.items()}
    events = {d: list(a.events) for d, a in analyses.items()}
    by_id = {d.id: d for d in docs}
    dup = update_duplicates(docs, DuplicateState(), by_id.get)
    return update_stories(docs, StoryState(), keys, events, dup.duplicate_of()).story_of()


def test_seed_articles_form_one_story() -> None:
    """Five outlets on one leader's trip (one article seven months earlier, on the calls before it)."""
    seeds = _seed_docs()
    st = _link(seeds)
    assert len({st[d.id] for d in seeds}) == 1


def test_seed_story_takes_no_unrelated_article() -> None:
    seeds = _seed_docs()
    others = _unc_docs(step=7, limit=200)
    st = _link(seeds + others)
    story = st[seeds[0].id]
    assert all(st[d.id] == story for d in seeds)
    assert [d.id for d in others if st[d.id] == story] == []


def test_seed_story_holds_when_articles_arrive_one_by_one_newest_first() -> None:
    """The seven-month-older background article arriving last still joins the trip's story."""
    seeds = sorted(_seed_docs(), key=lambda d: d.reference_date or "", reverse=True)
    analyses = {d.id: analyse(d) for d in seeds}
    keys = {d: sorted({m.key or m.name for m in a.mentions}) for d, a in analyses.items()}
    events = {d: list(a.events) for d, a in analyses.items()}
    state = StoryState()
    for doc in seeds:
        state = update_stories([doc], StoryState.loads(state.dumps()), keys, events)
    st = state.story_of()
    assert len({st[d.id] for d in seeds}) == 1
