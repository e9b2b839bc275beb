"""Measure reference-date inference on articles whose real date is known.

``python -m biennien.ingest.refdate_eval ../shared/corpora/unc-dev``

Each text file's metadata date (marker or ``# date`` header) is hidden, the
inference runs on the rest, and the inferred date is compared with the real
one.  Prints how many articles got an inferred date and how many of those are
exact, within 7 / 31 days, and in the right year.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from biennien.ingest.assemble import clean_text
from biennien.ingest.dates import local_date, parse_date_value
from biennien.ingest.metadata import layout, strip_header
from biennien.ingest.refdate import infer_reference_date
from biennien.ingest.sources import walk
from biennien.vi.normalise import mask_spans


def evaluate(folder: str) -> Counter[str]:
    c: Counter[str] = Counter()
    for path in walk(folder):
        try:
            header = strip_header(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        iso = parse_date_value(header.meta.get("date"))
        if not iso:
            continue
        gold = date.fromisoformat(local_date(iso))
        text = clean_text(header.text)
        c["articles"] += 1
        inf = infer_reference_date(mask_spans(text, layout(text).skip_spans))
        if inf is None:
            c["none"] += 1
            continue
        c["inferred"] += 1
        diff = abs((gold - date.fromisoformat(inf.date)).days)
        c["exact"] += diff == 0
        c["within 7 days"] += diff <= 7
        c["within 31 days"] += diff <= 31
        c["right year"] += gold.year == int(inf.date[:4])
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    c = evaluate(ap.parse_args().folder)
    n = c["inferred"] or 1
    print(f"articles with a known date: {c['articles']}")
    print(f"inferred: {c['inferred']}  none: {c['none']}")
    for key in ("exact", "within 7 days", "within 31 days", "right year"):
        print(f"  {key:15s} {c[key]:5d}  {c[key] / n:6.1%}")


if __name__ == "__main__":
    main()
