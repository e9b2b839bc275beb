"""The cached name and entity-key buckets of ``hashed_features`` (``_NameBuckets``, ``_KeyBuckets``) equal
``bucket`` of the features ``doc_features`` makes (``_name_feature``, ``entity_feature``): they are now
computed from the per-character comparison words and the CRC directly, past the other caches."""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.link import stories_features as sf
from biennien.vi.normalise import analysis_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"

RUNS = [
    "Hoa Kỳ",
    "Bộ GD-ĐT",
    "TP HCM",
    "UBND",
    "Covid-19",
    "Hà Nội",
    "Nguyễn Văn A",
    "ĐẠI HỌC QUỐC GIA",
    "A",
    "Mỹ",
    "Sài Gòn",
    "Peña Nieto",
    "ΟΔΟΣ Σ",
    "İstanbul Kent",
    "Năm_Mới",
]
KEYS = ["PER:Tô Lâm", "ORG:Bộ Y tế", "LOC:Hà Nội", "GPE:Hoa Kỳ", "per:nguyễn văn a", "ORG:İş Bank", "misc:Σ"]


def _expected_name(run: str) -> int:
    if " " in run or "-" in run or (len(run) >= 2 and run.isupper()):
        return sf.bucket(sf._name_feature(run))
    return -1


def test_names_and_keys_match_the_features() -> None:
    names, keys = sf._NameBuckets(), sf._KeyBuckets()
    for run in RUNS:
        assert names[run] == _expected_name(run), run
    for key in KEYS:
        feature = sf.entity_feature(key)
        assert keys[key] == (sf.bucket(feature), sf.is_actor(feature)), key
    assert keys["PER:Tô Lâm"][1] and not keys["LOC:Hà Nội"][1]


def test_unc_dev_runs_match_the_features() -> None:
    files = sorted(CORPUS.glob("*.txt"))[::4] if CORPUS.exists() else []
    if not files:
        pytest.skip("unc-dev corpus not present")
    names = sf._NameBuckets()
    for path in files:
        for run in sf._NAME_RUN.findall(analysis_text(path.read_text(encoding="utf-8"))):
            assert names[run] == _expected_name(run), run
