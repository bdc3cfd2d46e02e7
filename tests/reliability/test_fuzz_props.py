"""Property tests (hypothesis, bounded): any text through ``analyze`` gives spans that
index the text exactly; any bytes through the HTML, feed, WARC and JSON Lines readers
give articles or ingest errors with a reason, never another exception.

The long runs are the atheris harnesses under ``fuzz/`` (``scripts/fuzz TARGET SECONDS``);
the inputs that crashed them are the regression tests at the end of this file.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import read_feed
from claimgraph.ingest.html import article_from_html
from claimgraph.ingest.jsonl import read_jsonl
from claimgraph.ingest.sources import read_bytes
from claimgraph.ingest.warc import read_warc
from claimgraph.model import Analysis, Article, Span

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    '"', "“", "”", "'", ",", ".", ":", "—", "-", "(", ")", "\n", "\n\n", "said", "says",
    "told", "according to", "denied", "that", "he", "she", "they", "it", "the", "a",
    "spokesman", "for", "minister", "Marta Velasco", "Velasco", "AP", "Reuters", "not",
    "did", "say", "'s", "denial", "of", "claimed", "officials", "the dam is leaking", "who",
    "added", "in a statement", "MOSCOW (AP) —", "By Lea Varga", "Dr.", "asked", "whether",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map("".join),
)


def spans_of(a: Analysis) -> Iterable[tuple[str, Span]]:
    for s in a.statements:
        yield f"{s.id} content", s.content
        yield from ((f"{s.id} content piece", p) for p in s.content_pieces)
        if s.cue is not None:
            yield f"{s.id} cue", s.cue
        yield from ((f"{s.id} cue piece", p) for p in s.cue_pieces)
        if s.speaker is not None and s.speaker.mention is not None:
            yield f"{s.id} speaker", s.speaker.mention
        if s.sentence is not None:
            yield f"{s.id} sentence", s.sentence
    for e in a.entities:
        yield from ((f"{e.id} mention", m) for m in e.mentions)


def assert_spans(text: str, a: Analysis) -> None:
    for name, sp in spans_of(a):
        assert text[sp.start : sp.end] == sp.text, f"{name} {sp} in {text!r}"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from claimgraph import nlp as nlp_mod

    return nlp_mod.load()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_analyze_any_text(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.pipeline import analyze

    if not text.strip():
        with pytest.raises(InputError):
            analyze(text, nlp=nlp)
        return
    assert_spans(text, analyze(text, nlp=nlp))


def drain(records: Iterable[object]) -> list[object]:
    out = list(records)
    for r in out:
        if isinstance(r, InputError):
            assert r.message and r.where
        else:
            assert isinstance(r, Article) and r.text.strip()
    return out


markup = st.lists(
    st.sampled_from(
        ["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "</script>", "<!--",
         "-->", "<![CDATA[", "]]>", "<title>", "&amp;", "&#0;", "&#xD800;", "<meta charset='",
         "x-unknown'>", "\x00", "said the mayor.", '"Quote," she said. ', "<", ">", "\xff"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@QUICK
@given(data=st.one_of(st.binary(max_size=400), markup.map(lambda s: s.encode("utf-8", "replace"))))
def test_html_reader(data: bytes) -> None:
    try:
        art = article_from_html(data, where="t.html")
    except InputError as exc:
        assert exc.message and exc.where == "t.html"
    else:
        assert art.text.strip()


FEED_HEAD = [b"<rss><channel>", b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<?xml "]
feed_bytes = st.builds(
    lambda head, body: head + body,
    st.sampled_from(FEED_HEAD),
    st.one_of(st.binary(max_size=300), markup.map(lambda s: s.encode("utf-8", "replace"))),
)


@QUICK
@given(data=st.one_of(feed_bytes, st.binary(max_size=200)))
def test_feed_reader(data: bytes) -> None:
    drain(read_feed(data, where="t.xml"))


with open(__file__.rsplit("/", 3)[0] + "/fuzz/seeds/warc/records.warc.gz", "rb") as _f:
    WARC_GZ = _f.read()
WARC = gzip.decompress(WARC_GZ)


def mutate(seed: bytes) -> st.SearchStrategy[bytes]:
    return st.tuples(st.integers(0, len(seed)), st.integers(0, 64), st.binary(max_size=32)).map(
        lambda t: seed[: t[0]] + t[2] + seed[t[0] + t[1] :]
    )


@QUICK
@given(data=st.one_of(mutate(WARC), mutate(WARC_GZ), st.binary(max_size=300)))
def test_warc_reader(data: bytes) -> None:
    drain(read_warc(io.BytesIO(data), where="t.warc"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {}, optional={k: json_values | st.text() for k in ("text", "title", "url", "published", "id")}
)


@QUICK
@given(
    lines=st.lists(
        st.one_of(
            records.map(lambda r: json.dumps(r).encode()),
            json_values.map(lambda v: json.dumps(v).encode()),
            st.binary(max_size=80),
        ),
        max_size=8,
    )
)
def test_jsonl_reader(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    drain(read_jsonl(data.splitlines(), where="t.jsonl"))
    drain(read_bytes(data, where="t.jsonl", kind="jsonl"))


# -- regressions: inputs the atheris harnesses crashed on ------------------------------


def test_warc_record_without_target_uri() -> None:
    """fuzz/warc: warcio raised AttributeError on an HTTP record with no WARC-Target-URI."""
    data = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response"
        b"\r\nContent-Length: 40\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>\r\n\r\n"
    )
    out = drain(read_warc(io.BytesIO(data), where="t.warc"))
    assert out and isinstance(out[0], InputError) and "record 1" in str(out[0].where)


def test_feed_with_undecodable_encoding_name() -> None:
    """fuzz/feed: feedparser raised UnicodeDecodeError on a non-UTF-8 encoding name."""
    data = b'<?xml version="1.0" encoding="ut\xa9\xa9\xa9"?><rss><channel></channel></rss>'
    out = drain(read_feed(data, where="t.xml"))
    assert len(out) == 1 and isinstance(out[0], InputError)
    assert "not a readable RSS or Atom feed" in out[0].message


def test_jsonl_nested_too_deeply() -> None:
    """json.loads raises RecursionError on deep nesting: one error, the next line read."""
    lines = [b"[" * 100_000 + b"]" * 100_000, json.dumps({"text": "The mayor spoke."}).encode()]
    out = drain(read_jsonl(lines, where="t.jsonl"))
    assert isinstance(out[0], InputError) and "nested too deeply" in out[0].message
    assert isinstance(out[1], Article)
