"""Growth of every analysis stage on long or odd real-world lines (is anything superlinear?).

Run: ``.venv/bin/python bench/patho.py [CASE ...] [--sizes 3200,6400,13000,26000] [--limit SECONDS]``

Scraped news holds lines no sentence splitter cuts: tables flattened into one
line (scores, prices, election results, exam marks), lists of names, bullet
lists without full stops, long quotes, text in capitals, lines of numbers or
dates only, trigger words over and over, very long "words" (URLs, hashtags,
base64), thousands of brackets or quote marks.  One such article whose
analysis grows with the square of its length stalls a whole build.

Each case is a generated article (a title line, then the case's body, one
line unless the case is about lines) at every size; every stage of
``analyse`` and the worker's ``prepare_link`` and ``store.rows.doc_rows`` is
timed on its own (CPU time, best of a few runs for the fast ones) with the
inputs the pipeline would give it.  Printed per case and stage: the CPU
seconds at each size and the growth factor of the last doubling; ``!`` marks
a doubling that took more than 2.5 times the time (a stage under 20 ms at the
largest size is not marked: noise).  A case whose ``analyse`` passes
``--limit`` seconds is not run at the larger sizes.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable
from typing import Any

from biennien.analyse import entities, events, facts, quantity, timex
from biennien.analyse.pipeline import analyse
from biennien.link.chronicle import prepare_link
from biennien.model import DocAnalysis, Document
from biennien.store.rows import doc_rows
from biennien.vi.normalise import analysis_text
from biennien.vi.sentences import split_sentences

REF = "2021-03-15"
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Ngọc Quốc Xuân Thu".split()
GIVEN = "An Bình Cường Dũng Hà Hải Hùng Lan Linh Long Mai Nam Phong Quân Sơn Thảo Trang Tuấn Việt Yến".split()
CLUBS = ["Hà Nội FC", "Viettel", "SLNA", "HAGL", "Bình Dương", "Thanh Hóa", "Nam Định", "Hải Phòng", "TP.HCM"]
PLACES = ["Hà Nội", "TP.HCM", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Thanh Hóa", "Huế", "Hải Phòng"]
ORGS = ["Bộ Y tế", "Bộ Ngoại giao", "UBND TP Hà Nội", "Ngân hàng Nhà nước", "Bộ Giáo dục và Đào tạo"]
TITLES = ["Thủ tướng", "Bộ trưởng", "Chủ tịch", "Đại sứ", "Tổng thống", "Phó Thủ tướng", "Giám đốc"]
TRIGGERS = ["gặp", "tiếp", "hội đàm", "ký kết", "tuyên bố", "thăm", "điện đàm", "phát biểu", "cho biết"]
SUBJECTS = ["Toán", "Ngữ văn", "Tiếng Anh", "Vật lý", "Hóa học", "Sinh học", "Lịch sử", "Địa lý"]
GOODS = ["xăng RON95", "xăng E5", "dầu diesel", "vàng SJC", "gạo", "thịt lợn", "đô la Mỹ"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2015, 2021)}"


def _figure(rng: random.Random) -> str:
    return f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}"


# every case: a function giving the next piece of the body; pieces are joined until the size is reached
Piece = Callable[[random.Random], str]


def _scores(rng: random.Random) -> str:
    a, b = rng.sample(CLUBS, 2)
    return f"{a} {rng.randint(0, 5)}-{rng.randint(0, 5)} {b} (vòng {rng.randint(1, 26)}, ngày {_date(rng)}), "


def _prices(rng: random.Random) -> str:
    return (
        f"{rng.choice(GOODS)} giá {_figure(rng)} đồng/lít, tăng {rng.randint(100, 2000)} đồng "
        f"so với ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}; "
    )


def _election(rng: random.Random) -> str:
    return f"ông {_name(rng)} đạt {_figure(rng)} phiếu (chiếm {rng.randint(50, 99)},{rng.randint(0, 9)}%), "


def _marks(rng: random.Random) -> str:
    return (
        f"{_name(rng)} {rng.choice(SUBJECTS)} {rng.randint(5, 9)},{rng.choice(['0', '25', '5', '75'])} điểm "
    )


def _names(rng: random.Random) -> str:
    return _name(rng) + ", "


def _titled_names(rng: random.Random) -> str:
    return f"{rng.choice(TITLES)} {rng.choice(ORGS)} {_name(rng)}, "


def _bullets_one_line(rng: random.Random) -> str:
    return (
        f"- {rng.choice(TITLES)} {_name(rng)} {rng.choice(TRIGGERS)} {rng.choice(TITLES)} {_name(rng)} "
        f"tại {rng.choice(PLACES)} ngày {_date(rng)} "
    )


def _bullet_lines(rng: random.Random) -> str:
    return _bullets_one_line(rng).rstrip() + "\n"


def _long_quote(rng: random.Random) -> str:
    return (
        f"chúng tôi sẽ {rng.choice(TRIGGERS)} với {rng.choice(ORGS)} tại {rng.choice(PLACES)} "
        f"và hỗ trợ {rng.randint(2, 90)} tỷ đồng cho {rng.randint(10, 900)} hộ dân, "
    )


def _capitals(rng: random.Random) -> str:
    return _bullets_one_line(rng).upper()


def _numbers(rng: random.Random) -> str:
    return f"{rng.randint(0, 99999)} "


def _dates(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{_date(rng)} ",
            f"ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2000, 2021)} ",
            f"{rng.randint(1, 23)}h{rng.randint(10, 59)} ",
            f"tháng {rng.randint(1, 12)}/{rng.randint(2000, 2021)} ",
        ]
    )


def _triggers(rng: random.Random) -> str:
    return f"{rng.choice(TRIGGERS)} "


def _trigger_names(rng: random.Random) -> str:
    return f"{rng.choice(TITLES)} {_name(rng)} {rng.choice(TRIGGERS)} "


def _url(rng: random.Random) -> str:
    return rng.choice(string.ascii_lowercase + "/-._?=&" + string.digits)


def _base64(rng: random.Random) -> str:
    return rng.choice(string.ascii_letters + string.digits + "+/")


def _hashtags(rng: random.Random) -> str:
    return "#" + rng.choice(GIVEN) + rng.choice(PLACES).replace(" ", "") + " "


def _open_brackets(rng: random.Random) -> str:
    return rng.choice(["(", "[", "( ", "(Hà Nội "])


def _quote_marks(rng: random.Random) -> str:
    return rng.choice(['"', "“", "”", '" ', "'", '"Hà Nội" '])


def _paired_brackets(rng: random.Random) -> str:
    return f"({rng.choice(PLACES)}) [{rng.randint(1, 99)}] "


def _dashes_commas(rng: random.Random) -> str:
    return rng.choice([" - ", ", ", " – ", ",", "-", "; ", ": "])


def _figures_dates(rng: random.Random) -> str:
    return f"năm {rng.randint(2000, 2021)} đạt {rng.randint(1, 99)},{rng.randint(1, 9)} tỷ USD, tăng {rng.randint(1, 30)}%, "


def _sentences(rng: random.Random) -> str:
    """Normal short sentences, for a very long article (many sentences, many mentions)."""
    return (
        f"{rng.choice(TITLES)} {_name(rng)} {rng.choice(TRIGGERS)} {rng.choice(TITLES)} {_name(rng)} "
        f"tại {rng.choice(PLACES)} ngày {_date(rng)}. Ông cho biết {rng.choice(ORGS)} sẽ hỗ trợ "
        f"{rng.randint(2, 90)} tỷ đồng. "
    )


def _sentence_lines(rng: random.Random) -> str:
    return _sentences(rng).rstrip() + "\n"


def _one_word(rng: random.Random) -> str:
    return rng.choice(["gặp ", "ông ", "và ", "Hà ", "Nội ", "A ", "tỷ ", "ngày "])


def _mixed(rng: random.Random) -> str:
    return rng.choice([p for name, p in CASES.items() if name != "mixed"])(rng)


CASES: dict[str, Piece] = {
    "scores": _scores,
    "prices": _prices,
    "election": _election,
    "marks": _marks,
    "names": _names,
    "titled_names": _titled_names,
    "bullets_one_line": _bullets_one_line,
    "bullet_lines": _bullet_lines,
    "long_quote": _long_quote,
    "capitals": _capitals,
    "numbers": _numbers,
    "dates": _dates,
    "triggers": _triggers,
    "trigger_names": _trigger_names,
    "url": _url,
    "base64": _base64,
    "hashtags": _hashtags,
    "open_brackets": _open_brackets,
    "quote_marks": _quote_marks,
    "paired_brackets": _paired_brackets,
    "dashes_commas": _dashes_commas,
    "figures_dates": _figures_dates,
    "sentences": _sentences,
    "sentence_lines": _sentence_lines,
    "one_word": _one_word,
    "mixed": _mixed,
}
# bodies that open with a quote mark, for the long quote
OPENERS = {"long_quote": '"'}


def article(case: str, size: int, seed: int = 1) -> Document:
    """A title line and ``size`` characters of the case's body (deterministic for a seed)."""
    rng = random.Random(f"{case}/{seed}")
    piece = CASES[case]
    parts = [OPENERS.get(case, "")]
    n = len(parts[0])
    while n < size:
        p = piece(rng)
        parts.append(p)
        n += len(p)
    body = "".join(parts)[:size]
    text = f"Bảng tin {case}\n{body}"
    return Document(
        id=f"patho-{case}-{size}",
        source="patho",
        text=text,
        reference_date=REF,
        reference_date_basis="metadata",
    )


def _cpu(fn: Callable[[], object], limit: float) -> float:
    """CPU seconds of ``fn``: best of 3 when a run is under 0.2 s, else one run."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
        if best > 0.2 or best > limit:
            break
    return best


STAGES = [
    "split_sentences",
    "timex.tag",
    "quantity.extract",
    "entities.extract",
    "events.extract",
    "facts.extract",
    "prepare_link",
    "doc_rows",
    "analyse",
]


def stage_times(doc: Document, limit: float) -> dict[str, float]:
    """CPU seconds of every stage on ``doc``, each given the inputs ``analyse`` would give it."""
    text = analysis_text(doc.text, doc.skip_spans)
    ref = doc.reference_date
    out: dict[str, float] = {}
    box: dict[str, Any] = {}

    def run(name: str, fn: Callable[[], object]) -> None:
        out[name] = _cpu(lambda: box.__setitem__(name, fn()), limit)

    run("split_sentences", lambda: split_sentences(text))
    sents = box["split_sentences"]
    run("timex.tag", lambda: timex.tag(text, ref))
    txs = box["timex.tag"]
    run("quantity.extract", lambda: quantity.extract(text, txs))
    qs = box["quantity.extract"]
    run("entities.extract", lambda: entities.extract(text, sents))
    ms = box["entities.extract"]
    run("events.extract", lambda: events.extract(doc.id, text, sents, txs, ms, ref))
    run("facts.extract", lambda: facts.extract(doc.id, text, sents, qs, txs, ms))
    run("analyse", lambda: analyse(doc))
    a: DocAnalysis = box["analyse"]
    run("prepare_link", lambda: prepare_link(doc, a))
    run("doc_rows", lambda: doc_rows(doc, a))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", default=list(CASES))
    ap.add_argument("--sizes", default="3200,6400,13000,26000")
    ap.add_argument("--limit", type=float, default=20.0, help="stop a case once analyse takes longer")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    # warm the caches (tables, compiled patterns) before timing
    analyse(article("sentences", 2000))
    flagged: list[str] = []
    print("CPU seconds per stage at each body size; x = growth of the last doubling; ! = more than 2.5x")
    for case in args.cases:
        rows: dict[str, list[float]] = {s: [] for s in STAGES}
        for size in sizes:
            t = stage_times(article(case, size), args.limit)
            for s in STAGES:
                rows[s].append(t[s])
            if t["analyse"] > args.limit:
                break
        print(f"\n{case}  (sizes {', '.join(str(s) for s in sizes[: len(rows['analyse'])])})")
        for s in STAGES:
            ts = rows[s]
            growth = ts[-1] / ts[-2] if len(ts) > 1 and ts[-2] > 0 else float("nan")
            mark = "!" if growth > 2.5 and ts[-1] > 0.02 else " "
            if mark == "!":
                flagged.append(f"{case}/{s}")
            cells = " ".join(f"{x:8.3f}" for x in ts)
            print(f"  {s:17} {cells}  x{growth:5.2f} {mark}")
    print("\nsuperlinear:", ", ".join(flagged) if flagged else "none")


if __name__ == "__main__":
    main()
