"""From article text plus whatever metadata a format gave to one ``Document``.

Every format module (text, HTML, JSON, feeds) ends here, so the rules that
decide title, outlet, author, publication date, reference date and id are
the same whatever the input looked like:

* ``title``: the format's own (header, ``<title>``, JSON field, feed item),
  else the first line when it looks like a headline;
* ``outlet``: the format's own (header, JSON field, feed title, site name),
  else the URL's domain (``ingest_outlets.tsv``), else the outlet lead
  (``(PLO)-``), else a credit line (``Theo .../ Vietnamnet``);
* ``published``: the metadata date (refined by the dateline's time when the
  dateline has the same date), else the dateline, else null; never inferred;
* ``reference_date``: metadata -> dateline -> inferred (``refdate``) -> none;
* ``id``: ``"d"`` + 16 hex of sha256 over the folded, white-space-collapsed
  *body* (stored text without skip spans), so the same article ingested
  again, re-encoded, with other tone placement or other captions, gets the
  same id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from biennien.ingest.dates import local_date, parse_date_value
from biennien.ingest.fastfold import fast_fold as fold
from biennien.ingest.limits import DEFAULT_MAX_CHARS
from biennien.ingest.metadata import layout, outlet_by_alias, outlet_by_url
from biennien.ingest.refdate import infer_reference_date
from biennien.model import Document, Failure, ReferenceBasis
from biennien.vi.normalise import collapse_ws, mask_spans, nfc

_EOL = re.compile(r"\r\n?|\u2028|\u2029")
_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """Lone surrogates (from JSON ``\\udxxx`` escapes) -> U+FFFD: they cannot be encoded or stored."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no outer white space, no NUL/zero-width BOM: the stored form."""
    text = nfc(_EOL.sub("\n", no_surrogates(text))).replace("\ufeff", "").replace("\x00", "")
    return text.strip()


def document_id(text: str, skip_spans: list[tuple[int, int]]) -> str:
    body = collapse_ws(fold(mask_spans(text, skip_spans)))
    return "d" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _first(meta: Mapping[str, str | None], *keys: str) -> str | None:
    for k in keys:
        v = meta.get(k)
        if v is not None and str(v).strip():
            return collapse_ws(nfc(str(v)))
    return None


def make_document(
    text: str,
    source: str,
    *,
    meta: Mapping[str, str | None] | None = None,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    line: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document | Failure:
    """Build the ``Document`` (or a ``Failure`` for an empty article) from cleaned text and metadata.

    An article longer than ``max_chars`` is a ``Failure`` (see ``ingest.limits``).

    ``meta`` keys understood: ``title``, ``outlet``/``source``/``site``,
    ``author``, ``url``/``link``, ``date``/``published``; everything else is
    kept in ``Document.meta`` as strings.
    """
    meta = {no_surrogates(k): None if v is None else no_surrogates(str(v)) for k, v in (meta or {}).items()}
    text = clean_text(text)
    if not text:
        return Failure(source, "empty article: no text", line)
    if len(text) > max_chars:
        return Failure(
            source, f"article text is {len(text):,} characters, over the limit of {max_chars:,}", line
        )
    lay = layout(text)
    if not mask_spans(text, lay.skip_spans).strip():  # nothing but white space once they are blanked
        return Failure(source, "no article body: only captions, labels or bylines", line)

    url = _first(meta, "url", "link")
    title = _first(meta, "title") or lay.title
    given_outlet = _first(meta, "outlet", "site", "sitename", "source")
    url_outlet = outlet_by_url(url) if url else None
    outlet_written: str | None = None
    outlet: str | None
    if given_outlet:
        outlet = outlet_by_alias(given_outlet) or url_outlet or given_outlet
        outlet_written = given_outlet
    elif url_outlet:
        outlet = url_outlet
    else:
        outlet = lay.outlet
        outlet_written = lay.outlet_as_written
    author = _first(meta, "author", "authors", "byline") or lay.author

    warn = list(warnings or [])
    raw_date = _first(meta, "published", "date", "pubdate", "published_at", "datepublished")
    meta_date = parse_date_value(raw_date) if raw_date else None
    if raw_date and not meta_date:
        warn.append(f"unreadable metadata date {raw_date!r}; ignored")
    published: str | None = None
    reference: str | None = None
    basis: ReferenceBasis = "none"
    extra: dict[str, str] = {}
    if meta_date:
        published = meta_date
        if (
            lay.dateline
            and len(meta_date) == 10
            and len(lay.dateline) > 10
            and lay.dateline[:10] == meta_date
        ):
            published = lay.dateline  # same day, and the dateline also gives the time
        elif lay.dateline and local_date(lay.dateline) != local_date(meta_date):
            warn.append(f"dateline {lay.dateline} differs from metadata date {meta_date}; metadata kept")
        reference, basis = local_date(meta_date), "metadata"
    elif lay.dateline:
        published = lay.dateline
        reference, basis = local_date(lay.dateline), "dateline"
    else:
        inf = infer_reference_date(mask_spans(text, lay.skip_spans))
        if inf is not None:
            reference, basis = inf.date, "inferred"
            extra["reference_date_precision"] = inf.precision
            extra["reference_date_evidence"] = " | ".join(inf.evidence)

    known = {"url", "link", "title", "outlet", "site", "sitename", "source", "author", "authors", "byline"}
    kept = {k: str(v) for k, v in meta.items() if v is not None and k not in known}
    if lay.dateline:
        kept["dateline"] = lay.dateline
    if lay.credit:
        kept["credit"] = lay.credit
    if outlet_written and outlet_written != outlet:
        kept["outlet_as_written"] = outlet_written
    kept.update(extra)
    return Document(
        id=document_id(text, lay.skip_spans),
        source=source,
        text=text,
        title=title,
        outlet=outlet,
        author=author,
        url=url,
        published=published,
        reference_date=reference,
        reference_date_basis=basis,
        encoding=encoding,
        meta=kept,
        skip_spans=lay.skip_spans,
        warnings=warn,
    )
