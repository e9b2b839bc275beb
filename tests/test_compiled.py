"""The analysers compiled with mypyc (``setup.py``) give what their Python sources give.

An install compiles the modules of ``src/biennien/compiled.txt`` when it can;
``BIENNIEN_PURE=1`` runs the ``.py`` sources instead (``biennien/purepython.py``).
The two forms must analyse every text alike, and prepare the same link input:
compiled code may differ where a
primitive of the compiler does not copy CPython exactly.  One such difference
was found and is held here: mypyc's ``str.lower`` has no final sigma, so entity
keys of Greek names differed (``vi/casing.py``).  Each form runs in its own
process, on odd texts and on real articles.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from biennien.analyse import entities
from biennien.analyse.timex_lower import lowered
from biennien.purepython import is_compiled
from biennien.vi.normalise import fold

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# texts where a compiled string primitive could part from CPython: case changes that depend on
# context or change the length, upper-case Vietnamese, old tone marks, combining marks, odd characters
ODD_TEXTS = [
    "Ông ΣΊΣΥΦΟΣ, Chủ tịch công ty ΟΔΥΣΣΕΥΣ, cho biết ngày 3/4 doanh thu đạt 15,8 tỷ USD.",
    "HÀ NỘI - SÁNG 12-3, THỦ TƯỚNG GẶP ÔNG ΝΙΚΟΣ ΠΑΠΑΣ TẠI ATHENS. KIM NGẠCH ĐẠT 2,5 TỶ USD, TĂNG 12%.",
    "Bà İnan Straße và ông ΑΣ gặp nhau tối 2/7 vừa qua tại Hà Nội, ký khoảng 1.409 dự án.",
    "Công ty ΣΑΣ đứng thứ 11/108. Từ ngày 18 đến 20-2, đoàn ΔΗΜΟΣ thăm Hoa Kỳ.",
    "Hoà bình, thuỷ lợi và khoẻ mạnh: Bộ trưởng Nguyễn Văn Hoà nói chiều 13-2 tại Thanh Hoá.",
    "Tháng 7-1995, hai nước ﬁnally bình thường hoá quan hệ; ǅemal và ǈubljana ở Ǳ.",
    "Ngày 1\u0301 tháng 5, ông Lê Văn A\u0300n (Giám đốc Sở Tài chính) công bố 3,2 triệu đồng.\x00",
    "",
]

# each document's analysis, and a digest of its link input (the paragraphs' words and signatures, the
# story features), which the compiled link preparation makes
_SCRIPT = """
import hashlib, json, pickle, sys
from biennien.analyse import analyse, entities
from biennien.ingest.sources import iter_documents
from biennien.link.chronicle import packed_input, prepare_link
from biennien.model import Document
from biennien.purepython import is_compiled
spec = json.load(open(sys.argv[1], encoding="utf-8"))
docs = [Document(id=f"t{i}", source=f"text {i}", text=t, reference_date="2024-03-05")
        for i, t in enumerate(spec["texts"])]
docs += [d for d in iter_documents(spec["paths"]) if isinstance(d, Document)]
out = []
for d in docs:
    a = analyse(d)
    link = pickle.dumps(packed_input(prepare_link(d, a)).__getstate__())
    out.append([repr(a), hashlib.sha256(link).hexdigest()])
print(json.dumps({"compiled": is_compiled(entities), "analyses": out}))
"""


def _run(spec: Path, pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "BIENNIEN_PURE"}
    if pure:
        env["BIENNIEN_PURE"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(spec)], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def _inputs() -> list[str]:
    """The seed articles and the first 150 unc-dev articles, where ``../shared`` is there."""
    paths: list[str] = []
    if (SHARED / "seeds").is_dir():
        paths.append(str(SHARED / "seeds"))
    corpus = SHARED / "corpora" / "unc-dev"
    if corpus.is_dir():
        paths += [str(p) for p in sorted(corpus.iterdir())[:150]]
    return paths


def test_the_compiled_and_the_plain_analysers_give_the_same_analyses(tmp_path: Path) -> None:
    if not is_compiled(entities):
        pytest.skip("the analysers are not compiled in this install (BIENNIEN_PURE, or no C compiler)")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"texts": ODD_TEXTS, "paths": _inputs()}), encoding="utf-8")
    compiled, pure = _run(spec, pure=False), _run(spec, pure=True)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert isinstance(compiled["analyses"], list) and len(compiled["analyses"]) >= len(ODD_TEXTS)
    for i, (a, b) in enumerate(zip(compiled["analyses"], pure["analyses"], strict=True)):  # type: ignore[call-overload]
        assert a == b, f"document {i} differs"


def test_biennien_pure_runs_the_python_sources(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"texts": ["Ông Tô Lâm đến Hà Nội chiều 13-2."], "paths": []}), encoding="utf-8")
    assert _run(spec, pure=True)["compiled"] is False


@pytest.mark.parametrize(("text", "folded"), [("ΟΔΥΣΣΕΥΣ", "οδυσσευς"), ("ΣΊΣΥΦΟΣ ΑΣ", "σισυφος ας")])
def test_fold_keeps_the_final_sigma(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_lowered_keeps_the_final_sigma() -> None:
    assert lowered("ÔNG ΝΙΚΟΣ ΠΑΠΑΣ") == "ông νικος παπας"
