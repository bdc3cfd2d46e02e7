"""Ingest readers: every format to Articles, bad records as errors naming the record."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.dedup import REPRINT_THRESHOLD, signature, similarity, wire_of
from claimgraph.ingest.feeds import read_feed
from claimgraph.ingest.html import article_from_html
from claimgraph.ingest.jsonl import read_jsonl
from claimgraph.ingest.markup import html_to_text
from claimgraph.ingest.sources import read_bytes, read_sources, sniff
from claimgraph.ingest.warc import read_warc
from claimgraph.model import Article

PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Harbour to close | Tallow Times</title>
<meta property="og:site_name" content="Tallow Times">
<meta name="author" content="Jo Lind">
<meta property="article:published_time" content="2026-03-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour to close</h1>
<p>The mayor said on Monday that the harbour would close for repairs in May, a decision
that surprised many of the fishermen who work from the old quay.</p>
<p>"We cannot wait another year," she said. Pilots said the closure was not needed and
would cost the town dearly over the summer season.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Tallow Post</title>
<item><title>Ferry fares rise</title><link>https://post.example/1</link>
<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry company said that fares &lt;b&gt;would rise&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Unions objected.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://post.example/2</link><description></description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Tallow Wire</title><entry><title>Bridge opens</title>
<link href="https://wire.example/b"/><updated>2026-03-05T12:00:00Z</updated>
<author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;The new bridge opened on Thursday, officials said.&lt;/p&gt;</content>
</entry></feed>"""


def test_html_main_text_and_metadata() -> None:
    a = article_from_html(PAGE, where="page.html")
    assert "harbour would close for repairs" in a.text
    assert "Subscribe" not in a.text and "Home" not in a.text.split("\n")[0]
    assert "\n\n" in a.text
    assert a.title == "Harbour to close"
    assert a.outlet == "Tallow Times"
    assert a.author == "Jo Lind"
    assert a.published == "2026-03-02"
    assert a.source == "page.html"


def test_html_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match=r"empty\.html.*no article text"):
        article_from_html(b"<html><body><script>x()</script></body></html>", where="empty.html")


def test_rss_items_and_bad_item() -> None:
    out = list(read_feed(RSS, where="post.rss"))
    assert isinstance(out[0], Article)
    assert out[0].text == "The ferry company said that fares would rise .\n\nUnions objected.\n"
    assert out[0].outlet == "Tallow Post" and out[0].title == "Ferry fares rise"
    assert out[0].published == "2026-03-02T09:00:00Z"
    assert out[0].source == "post.rss:item 1"
    assert isinstance(out[1], InputError) and "post.rss:item 2" in str(out[1])


def test_atom_entry() -> None:
    (a,) = read_feed(ATOM, where="wire.atom")
    assert isinstance(a, Article)
    assert a.text.startswith("The new bridge opened on Thursday")
    assert a.author == "Ana Ruiz" and a.url == "https://wire.example/b"


def test_not_a_feed() -> None:
    (err,) = read_feed(b"<rss><channel>", where="broken.rss")
    assert isinstance(err, InputError)


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for url, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        w.write_record(rec)
    return buf.getvalue()


def test_warc_html_responses_only(tmp_path: Path) -> None:
    data = _warc(
        [
            ("https://times.example/a", PAGE, "text/html; charset=utf-8"),
            ("https://times.example/logo.png", b"\x89PNG...", "image/png"),
            ("https://times.example/empty", b"<html><body></body></html>", "text/html"),
        ]
    )
    out = list(read_warc(io.BytesIO(data), where="crawl.warc.gz"))
    assert len(out) == 2
    assert isinstance(out[0], Article) and out[0].url == "https://times.example/a"
    assert isinstance(out[1], InputError) and "https://times.example/empty" in str(out[1])
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(data)
    assert sum(isinstance(r, Article) for r in read_sources([str(p)])) == 1


def test_jsonl_fields_and_errors() -> None:
    lines = [
        json.dumps({"text": "A said B.", "title": "T", "outlet": "O", "published": "2026-01-02",
                    "id": "x-1"}),
        "",
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": "ok", "outlet": 5}),
    ]  # fmt: skip
    out = list(read_jsonl(lines, where="f.jsonl"))
    a = out[0]
    assert isinstance(a, Article)
    assert (a.title, a.outlet, a.published, a.source) == ("T", "O", "2026-01-02", "f.jsonl:1#x-1")
    errs = [str(e) for e in out[1:]]
    assert len(errs) == 4
    assert "f.jsonl:3" in errs[0] and "not valid JSON" in errs[0]
    assert "f.jsonl:4" in errs[1] and '"text"' in errs[1]
    assert "f.jsonl:5" in errs[2] and "object" in errs[2]
    assert "f.jsonl:6" in errs[3] and '"outlet"' in errs[3]


def test_directories_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_bytes(PAGE)
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "Third."}\n', encoding="utf-8")
    (tmp_path / "sub" / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    arts = list(read_sources([str(tmp_path)]))
    assert all(isinstance(a, Article) for a in arts)
    assert [Path(a.source or "").name for a in arts] == ["a.txt", "b.html", "c.jsonl:1"]  # type: ignore[union-attr]
    globbed = list(read_sources([str(tmp_path / "**" / "*.html")]))
    assert len(globbed) == 1 and isinstance(globbed[0], Article)
    missing = list(read_sources([str(tmp_path / "nope.txt"), str(tmp_path / "*.xyz")]))
    assert all(isinstance(m, InputError) for m in missing) and len(missing) == 2


def test_bad_text_file_is_an_error_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait said the waiter")
    (tmp_path / "good.txt").write_text("The waiter said coffee was free.", encoding="utf-8")
    out = list(read_sources([str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")]))
    assert isinstance(out[0], InputError) and "bad.txt" in str(out[0])
    assert isinstance(out[1], Article)


@pytest.mark.parametrize(
    ("data", "ctype", "kind"),
    [
        (b"WARC/1.0\r\n", "", "warc"),
        (RSS, "", "feed"),
        (PAGE, "", "html"),
        (b'{"text": "x"}\n', "", "jsonl"),
        (b"Plain words.", "", "text"),
        (b"Plain words.", "text/html", "html"),
        (b"<x/>", "application/atom+xml", "feed"),
    ],
)
def test_sniff(data: bytes, ctype: str, kind: str) -> None:
    assert sniff(data, ctype) == kind


def test_stdin_bytes_sniffed() -> None:
    out = list(read_bytes(b'{"text": "one"}\n{"text": "two"}\n', where="<stdin>"))
    assert [a.text for a in out if isinstance(a, Article)] == ["one", "two"]


def test_html_to_text() -> None:
    assert html_to_text("<p>a &amp; b</p><script>x()</script><p>c<br>d</p>") == "a & b\n\nc\n\nd\n"


def test_reprint_signatures() -> None:
    base = " ".join(f"word{i} said the minister about topic{i % 7}" for i in range(80))
    edited = base.replace("word3 ", "wordX ") + " Reprinted with permission."
    other = " ".join(f"other{i} claimed a rival about thing{i % 5}" for i in range(80))
    assert similarity(signature(base), signature(edited)) >= REPRINT_THRESHOLD
    assert similarity(signature(base), signature(other)) < 0.2


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("MOSCOW (AP) — The Kremlin said on Monday ...", "AP"),
        ("LONDON, March 3 (Reuters) - Britain said ...", "Reuters"),
        ("PORT AVERNE (Meridian Wire) — Engineers ...", "Meridian Wire"),
        ("The minister (who spoke) — said nothing.", None),
        ("A story.\n\nAssociated Press\n", "Associated Press"),
    ],
)
def test_wire_of(text: str, wire: str | None) -> None:
    assert wire_of(text) == wire


def test_an_arc_archive_is_named_not_misread() -> None:
    """An old ARC crawl (``.arc.gz``) is not WARC: one error says so and names the
    file, instead of one 'not a WARC record header' per record or text read as an
    article."""
    import gzip

    from claimgraph.errors import IngestError

    arc = (
        b"filedesc://harbour.arc 0.0.0.0 20260101000000 text/plain 70\n1 0 Harbour\n"
        b"URL IP-address Archive-date Content-type Archive-length\n\n"
        b"http://example.org/a 10.0.0.1 20260101000000 text/html 12\n<p>quay</p>\n"
    )
    out = list(read_warc(io.BytesIO(gzip.compress(arc)), where="harbour.arc.gz"))
    assert len(out) == 1 and isinstance(out[0], IngestError)
    assert "ARC archive" in str(out[0]) and "harbour.arc.gz" in str(out[0])
