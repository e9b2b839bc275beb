"""The per-document pipeline: sentences, timexes, quantities, mentions, events, facts.

``analyse`` is a pure function of its ``Document``: it reads no store, no
global mutable state and no network, so ``build`` can run it in a process
pool (or on a cluster) and get the same result.
"""

from __future__ import annotations

from biennien.analyse import entities, events, facts, quantity, timex
from biennien.model import DocAnalysis, Document, Mention, Quantity, Timex
from biennien.vi.normalise import analysis_text
from biennien.vi.sentences import split_sentences


def analyse(doc: Document) -> DocAnalysis:
    text = analysis_text(doc.text, doc.skip_spans)
    sentences = split_sentences(text)
    timexes = timex.tag(text, doc.reference_date)
    quantities = quantity.extract(text, timexes)
    mentions = entities.extract(text, sentences)
    evs = events.extract(doc.id, text, sentences, timexes, mentions, doc.reference_date)
    fs = facts.extract(doc.id, text, sentences, quantities, timexes, mentions)
    # quoted text is the stored text, not the normalised analysis text
    spans: list[Timex | Quantity | Mention] = [*timexes, *quantities, *mentions]
    for span in spans:
        span.text = doc.text[span.start : span.end]
    evidence = [ev for e in evs for ev in e.evidence] + [ev for f in fs for ev in f.evidence]
    for ev in evidence:
        ev.sentence = doc.text[ev.start : ev.end]
    return DocAnalysis(
        doc_id=doc.id,
        sentences=sentences,
        timexes=timexes,
        quantities=quantities,
        mentions=mentions,
        events=evs,
        facts=fs,
        reference_date=doc.reference_date,
        reference_date_basis=doc.reference_date_basis,
    )
