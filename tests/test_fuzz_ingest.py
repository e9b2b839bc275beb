"""A short fuzz of ingest (hypothesis), and the crashes the long fuzz runs found, as regression tests.

The long, coverage-guided run is ``python bench/fuzz_ingest.py --seconds N``
(atheris); this one mutates one small well-formed file per format for a few
hundred examples on every test run.  Either way an input goes through
``iter_bytes`` (no exception guard) and every item must keep the ingest
contract (``bench/fuzz_ingest.check_item``).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biennien.ingest import iter_bytes
from biennien.ingest.html import html_to_text
from biennien.model import Document, Failure

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from fuzz_ingest import NAMES, check_item, run_one, seeds  # noqa: E402

SEEDS = seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(1, len(data)))
        op = draw(st.integers(0, 3))
        if op == 0:
            data[pos:pos] = draw(st.binary(max_size=12))
        elif op == 1:
            del data[pos : pos + draw(st.integers(1, 40))]
        elif op == 2:
            data[pos:pos] = draw(st.text(max_size=12)).encode("utf-8", "surrogatepass")
        else:
            data[pos:pos] = draw(st.sampled_from(SEEDS))[1 : 1 + draw(st.integers(0, 120))]
    return bytes(data)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_inputs_of_every_format(data: bytes) -> None:
    run_one(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_bytes_under_every_name(name: str, data: bytes) -> None:
    for item in iter_bytes(data, name):
        check_item(item, name)


def test_every_seed_gives_documents() -> None:
    """The seeds are well-formed: every format yields at least one Document (else the fuzz is shallow)."""
    for s in SEEDS:
        name = NAMES[s[0]]
        items = list(iter_bytes(s[1:], name))
        assert any(isinstance(x, Document) for x in items), (name, items)


# -- regressions: inputs the fuzz runs crashed on ----------------------------------


def test_control_character_reference_in_feed_html() -> None:
    """atheris: ``&#11;`` inside an item's HTML made lxml refuse to set element text (ValueError)."""
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<entry><title>Tin</title><content type="html">&lt;p&gt;Hà Nội&amp;#11;mưa to&lt;/p&gt;'
        "&lt;div&gt;Chiều 18/2 trời mưa to ở Hà Nội.&lt;/div&gt;</content></entry></feed>"
    )
    (doc,) = list(iter_bytes(feed.encode(), "a.atom"))
    assert isinstance(doc, Document) and "mưa to" in doc.text
    assert html_to_text("<p>a&#11;b</p><div>c&#1;</div>") == "a\x0bb\nc\x01"


def test_feedparser_crash_on_broken_markup_is_a_failure() -> None:
    """atheris: feedparser's loose parser raised ``KeyError: 'links'`` (its ``links`` list is made
    lazily; cf. kurtmckee/feedparser#340) on this minimised input; now a Failure naming the file."""
    data = b"<rss><channel<item<link</item</link<"
    (f,) = list(iter_bytes(data, "tin.rss"))
    assert isinstance(f, Failure) and f.source == "tin.rss" and "not a readable RSS/Atom feed" in f.reason


def test_huge_day_number_in_a_feed_date_is_ignored() -> None:
    """atheris: a 50-digit day in an RFC 2822 ``pubDate`` made ``email.utils`` raise OverflowError."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Dân trí</title><item><title>Tin</title>'
        "<pubDate>Wed, 333333333333333333333333333333333333333333333 Feb 2026 08:00:00 GMT</pubDate>"
        "<description>Chiều 18/2, Hà Nội mưa to kéo dài.</description></item></channel></rss>"
    )
    (doc,) = list(iter_bytes(feed.encode(), "a.rss"))
    assert isinstance(doc, Document) and doc.published is None
    assert any("unreadable metadata date" in w for w in doc.warnings)


def test_lone_surrogate_escapes_in_json_become_replacement_characters() -> None:
    """atheris: ``"\\udee7"`` in a JSON text made the document id (UTF-8 of the body) raise."""
    rec = b'{"title": "Tin \\ud800", "text": "Th\\udee7 t\\u01b0\\u1edbng ph\\u00e1t bi\\u1ec3u.", "\\udc00k": "v"}'
    (doc,) = list(iter_bytes(rec, "a.json"))
    assert isinstance(doc, Document) and "Th\ufffd t\u01b0ớng" in doc.text
    assert doc.title == "Tin \ufffd" and doc.meta.get("\ufffdk") == "v"
    check_item(doc, "a.json")


def test_html_to_text_keeps_text_around_comments_and_scripts() -> None:
    html = "<p>Một <b>hai</b> ba<script>x=1</script> bốn</p><div>năm<br>sáu<!-- c --> bảy</div>cuối"
    assert html_to_text(html) == "Một hai ba bốn\nnăm\nsáu bảy\ncuối"


@pytest.mark.parametrize(
    "name,data",
    [
        ("a.json", b'{"text": ' + b"[" * 3000 + b"]" * 3000 + b"}"),
        ("a.jsonl", b'{"text": "x"}\n' + b"[" * 3000 + b"]" * 3000 + b"\n"),
        ("a.txt.gz", gzip.compress(b"x")[:-3]),
        ("a.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss><channel></channel></rss>'),
        ("a", json.dumps({"articles": [1, None, "x", {"text": ""}]}).encode()),
    ],
)
def test_hostile_inputs_are_failures_not_exceptions(name: str, data: bytes) -> None:
    items = list(iter_bytes(data, name))
    assert items and all(isinstance(x, Document | Failure) for x in items)
    assert any(isinstance(x, Failure) for x in items)
    for x in items:
        check_item(x, name)
