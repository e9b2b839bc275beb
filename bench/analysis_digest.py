"""Fingerprint of everything ``analyse`` and ``prepare_link`` produce, to prove a speed change kept the output.

Run: ``.venv/bin/python bench/analysis_digest.py [FOLDER ...] [--dump FILE] [--against FILE]``
(default folders: ``../shared/corpora/unc-dev`` and ``../shared/seeds``).

Speed work on the analysers must not change a single offset.  This script
runs the real ingest and ``build.analyse_for_link`` over every document and
writes one canonical JSON line per document and per part (sentences, timexes,
quantities, mentions, events, facts, link input).  ``--dump`` keeps the lines so
a later run can be compared with ``--against``: the parts that differ are
counted by name and the first few documents are shown, so whoever changed
entities sees at once whether events moved too.  It prints one digest over all
lines, which is what two trees must share.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from biennien.build import analyse_for_link
from biennien.ingest.sources import iter_documents
from biennien.model import Document, plain

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = [ROOT.parent / "shared" / "corpora" / "unc-dev", ROOT.parent / "shared" / "seeds"]


def _jsonable(value: Any) -> Any:
    """numpy arrays as (dtype, list); dataclasses as plain dicts; containers walked."""
    if isinstance(value, np.ndarray):
        return {"dtype": str(value.dtype), "shape": list(value.shape), "data": value.tolist()}
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "__dataclass_fields__"):
        return {name: _jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_jsonable(v) for v in value)
    return value


def lines(folders: list[str]) -> Iterator[tuple[str, str, str]]:
    """(document id, part name, canonical JSON) for every part of every document."""
    for doc in iter_documents(folders):
        if not isinstance(doc, Document):
            continue
        analysis, link_input = analyse_for_link(doc)
        parts = plain(analysis)
        for name in sorted(parts):
            yield doc.id, name, json.dumps(parts[name], ensure_ascii=False, sort_keys=True)
        yield doc.id, "link_input", json.dumps(_jsonable(link_input), ensure_ascii=False, sort_keys=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", default=[str(p) for p in DEFAULTS if p.exists()])
    ap.add_argument("--dump", help="write the canonical lines to this file")
    ap.add_argument("--against", help="compare with lines written earlier by --dump")
    args = ap.parse_args()
    before: dict[tuple[str, str], str] = {}
    if args.against:
        with open(args.against, encoding="utf-8") as fh:
            for row in fh:
                doc_id, name, body = row.rstrip("\n").split("\t", 2)
                before[(doc_id, name)] = body
    digest = hashlib.sha256()
    differ: Counter[str] = Counter()
    shown = 0
    docs: set[str] = set()
    out = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    try:
        for doc_id, name, body in lines(args.folders):
            docs.add(doc_id)
            row = f"{doc_id}\t{name}\t{body}"
            digest.update(row.encode("utf-8") + b"\n")
            if out:
                out.write(row + "\n")
            if args.against and before.get((doc_id, name)) != body:
                differ[name] += 1
                if shown < 5:
                    shown += 1
                    print(f"differs: {doc_id} {name}")
    finally:
        if out:
            out.close()
    print(f"{len(docs)} documents from {', '.join(args.folders)}")
    print(f"digest: {digest.hexdigest()}")
    if args.against:
        missing = {k for k in before if k[0] not in docs}
        print(
            "identical to " + args.against
            if not differ and not missing
            else f"parts that differ: {dict(differ)}"
        )


if __name__ == "__main__":
    main()
