"""The timeline as Markdown, with every source as a footnote.

Each timeline line cites the sentences behind it as footnotes
(``[^3]``); a footnote names the outlet, the article's date, its title or
source, and quotes the sentence, so a reader can check every line without the
tool.  Footnotes are numbered in order of first citation, and one sentence
cited by several lines is one footnote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from biennien.export.timeline import date_label, sources_label
from biennien.model import Event

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Escape Markdown syntax (and HTML) in text taken from articles."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def timeline_markdown(
    events: Sequence[Event],
    documents: Mapping[str, Mapping[str, Any]],
    *,
    title: str = "Biên niên",
) -> str:
    """Markdown for ``events`` (already selected and ordered); ``documents`` are store rows by id."""
    dup = {d: row.get("duplicate_of") for d, row in documents.items()}
    lines = [f"# {md_escape(title)}", ""]
    notes: dict[tuple[str, int, int], int] = {}
    note_text: list[str] = []
    year = None
    for ev in events:
        this_year = (ev.date or "")[:4] or None
        if this_year != year:
            year = this_year
            heading = year if year and year != "XXXX" else ("Năm không rõ" if year else "Không có ngày")
            lines += ["", f"## {heading}", ""]
        refs = []
        for e in ev.evidence:
            key = (e.doc, e.start, e.end)
            if key not in notes:
                notes[key] = len(notes) + 1
                note_text.append(_footnote(notes[key], e.doc, e.sentence, documents.get(e.doc, {})))
            refs.append(f"[^{notes[key]}]")
        who = ", ".join(md_escape(p.name) for p in ev.participants)
        src = f"{sources_label(ev, dup)} nguồn độc lập"
        line = f"- **{md_escape(date_label(ev.date, ev.date_mod, ev.date_end))}** · {ev.type} · "
        line += md_escape(ev.summary)
        if who:
            line += f" ({who})"
        line += f" — {src} {''.join(dict.fromkeys(refs))}"
        lines.append(line)
    if note_text:
        lines += ["", "---", "", *note_text]
    return "\n".join(lines).rstrip() + "\n"


def _footnote(n: int, doc: str, sentence: str, row: Mapping[str, Any]) -> str:
    outlet = row.get("outlet") or "không rõ nguồn"
    when = row.get("published") or row.get("reference_date") or "không rõ ngày"
    # an article without a title is named by its address, else by its file's name (not a long path)
    where = row.get("title") or row.get("url") or Path(str(row.get("source") or doc)).name
    return f"[^{n}]: {md_escape(str(outlet))}, {md_escape(str(when))[:10]}, *{md_escape(str(where))}* ({doc}): “{md_escape(sentence)}”"
