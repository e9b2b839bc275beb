"""Read the unc-dev corpus straight into ``Document`` objects (no ingest, no analysis).

The story and duplicate benchmarks measure the link stage only, so they read
the corpus format themselves (``# key = value`` headers, a title line, one
paragraph per line) instead of depending on the ingest stage.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from biennien.model import Document

UNC_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def read_unc(path: Path) -> Document:
    meta: dict[str, str] = {}
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and " = " in line and not lines:
            key, _, value = line[2:].partition(" = ")
            meta[key.strip()] = value.strip()
        elif line.strip():
            lines.append(line.strip())
    text = "\n".join(lines)
    date = meta.get("date", "")
    iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
    return Document(
        id="d" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16],
        source=str(path),
        text=text,
        title=lines[0] if lines else None,
        url=meta.get("url"),
        published=iso,
        reference_date=iso,
        reference_date_basis="metadata" if iso else "none",
        meta=meta,
    )


def unc_documents(folder: Path = UNC_DEV) -> list[Document]:
    return [read_unc(p) for p in sorted(folder.glob("*.txt"))]
