"""Highlight segmentation, timeline layout, bind and token rules, the serve command."""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.cli import main
from claimgraph.errors import ServeError
from claimgraph.model import Kind, Span, Speaker, SpeakerType, Stance, Statement
from claimgraph.serve.highlight import segments
from claimgraph.serve.present import Page, safe_url
from claimgraph.serve.security import check_bind, is_loopback, token_ok
from claimgraph.serve.timeline import layout, parse_date
from claimgraph.store.views import ArticleRef, ClaimEntry, StatementRecord

TEXT = 'Officials said the bridge, which Kim called "unsafe", would reopen.'


@st.composite
def statements(draw: st.DrawFn) -> list[Statement]:
    n = len(TEXT)
    out = []
    for i in range(draw(st.integers(0, 5))):
        pairs = [sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n)))) for _ in range(3)]
        (c0, c1), (q0, q1), (s0, s1) = pairs
        if c0 == c1:
            c1 = min(n, c0 + 1)
            c0 = c1 - 1
        out.append(
            Statement(
                id=f"S{i + 1}",
                kind=Kind.INDIRECT,
                content=Span.of(TEXT, c0, c1),
                cue=Span.of(TEXT, q0, q1),
                speaker=Speaker(Span.of(TEXT, s0, s1), "X", SpeakerType.PERSON),
            )
        )
    return out


@given(statements())
def test_segments_cover_the_text_once_with_the_right_marks(stmts: list[Statement]) -> None:
    segs = segments(TEXT, stmts)
    assert "".join(s.text for s in segs) == TEXT
    pos = 0
    for seg in segs:
        assert seg.start == pos and seg.end > seg.start
        pos = seg.end
        for s in stmts:  # a segment carries a mark exactly when the span covers it
            content = s.content.start <= seg.start and seg.end <= s.content.end
            assert content == any(m.statement == s.id and m.role == "content" for m in seg.marks)
    assert pos == len(TEXT)


def test_overlapping_spans_split_and_keep_priority() -> None:
    quote = Span.of(TEXT, TEXT.index("the bridge"), TEXT.index(" would") + len(" would reopen"))
    inner = Span.of(TEXT, TEXT.index("unsafe"), TEXT.index("unsafe") + 6)
    kim = Span.of(TEXT, TEXT.index("Kim"), TEXT.index("Kim") + 3)
    s1 = Statement("S1", Kind.INDIRECT, quote, None, Span.of(TEXT, 10, 14))
    s2 = Statement(
        "S2", Kind.DIRECT, inner, Speaker(kim, "Kim Lee", SpeakerType.PERSON),
        Span.of(TEXT, TEXT.index("called"), TEXT.index("called") + 6),
    )  # fmt: skip
    segs = {s.text: s for s in segments(TEXT, [s1, s2])}
    assert segs["said"].role == "cue" and segs["said"].statements == ("S1",)
    assert segs["Kim"].role == "speaker" and segs["Kim"].roles == ("speaker", "content")
    assert segs["unsafe"].depth == 2 and set(segs["unsafe"].statements) == {"S1", "S2"}
    assert segs["Officials "].marks == ()


def test_spans_outside_the_text_are_clipped() -> None:
    s = Statement("S1", Kind.DIRECT, Span(5, 500, "x" * 495), None, None)
    segs = segments("short text", [s])
    assert "".join(x.text for x in segs) == "short text"
    assert segs[-1].text == " text" and segs[-1].role == "content"


def entry(speaker: str, date: str | None, stance: Stance, sid: str = "S1") -> ClaimEntry:
    t = "It is so."
    st_ = Statement(sid, Kind.DIRECT, Span.of(t, 0, 8), None, None, stance=stance)
    ref = ArticleRef(id="a" * 64, title="T", outlet="Outlet", published=date)
    return ClaimEntry(StatementRecord(ref, st_, speaker, 7), stance, "support")


def test_timeline_layout() -> None:
    chart = layout(
        [
            entry("Ann", "2026-01-10", Stance.ASSERTS),
            entry("Bo", "2026-01-20T10:00:00Z", Stance.DENIES),
            entry("Ann", "2026-01-20", Stance.SUPPORTS, "S2"),
            entry("Cy", None, Stance.QUESTIONS),
        ]
    )
    assert [r.label for r in chart.rows] == ["Ann", "Bo", "Cy"]
    assert chart.rows[0].href == "/speakers/7"
    pts = chart.points
    assert pts[0].x < pts[1].x and pts[1].x == pts[2].x  # same day, same x
    assert pts[0].y == pts[2].y != pts[1].y  # one row per speaker
    assert chart.undated_x is not None and pts[3].x == chart.undated_x > pts[1].x
    assert {t.label for t in chart.ticks} >= {"2026-01-10", "2026-01-20"}
    assert [c for c, _ in chart.legend] == ["asserts", "supports", "denies", "questions"]
    assert "Bo denies (2026-01-20, Outlet)" in pts[1].title


def test_timeline_single_day_and_bad_dates() -> None:
    chart = layout([entry("Ann", "2026-02-01", Stance.ASSERTS), entry("Bo", "junk", Stance.DENIES)])
    assert len(chart.ticks) == 1 and chart.undated_x is not None
    assert parse_date("2026-02-01T09:00:00+02:00").isoformat() == "2026-02-01"  # type: ignore[union-attr]
    assert parse_date("") is None and parse_date("yesterday") is None


def test_loopback_and_bind_rules() -> None:
    for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.8.9.10"):
        assert is_loopback(h), h
    for h in ("0.0.0.0", "::", "192.168.1.4", "example.org"):
        assert not is_loopback(h), h
    check_bind("127.0.0.1", allow_write=True, token=None)
    check_bind("0.0.0.0", allow_write=False, token=None)
    check_bind("0.0.0.0", allow_write=True, token="t")
    try:
        check_bind("0.0.0.0", allow_write=True, token=None)
    except ServeError as exc:
        assert "--token" in exc.message
    else:
        raise AssertionError("non-loopback writes without a token must be refused")


def test_token_check() -> None:
    assert token_ok("Bearer abc", "abc") and token_ok("bearer abc", "abc")
    assert not token_ok("Bearer abd", "abc") and not token_ok("Basic abc", "abc")
    assert not token_ok(None, "abc") and not token_ok("Bearer", "abc")


def test_safe_url() -> None:
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "//a.example", "x"):
        assert safe_url(bad) is None, bad


def test_page_links() -> None:
    p = Page.of(list(range(11)), limit=10, offset=20, path="/api/x", params={"q": "a b"})
    assert p.count == 10 and p.total is None
    assert p.next_url == "/api/x?q=a+b&limit=10&offset=30"
    assert p.prev_url == "/api/x?q=a+b&limit=10&offset=10"
    last = Page.of([1, 2], limit=10, offset=20, path="/api/x")
    assert last.total == 22 and last.next_url is None


def test_serve_command_help_and_refusal(tmp_path: object) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["serve", "--help"])
    assert out.exit_code == 0 and "--token" in out.output and "--allow-write" in out.output
    refused = runner.invoke(
        main, ["serve", "--db", f"{tmp_path}/x.db", "--host", "0.0.0.0", "--allow-write"]
    )
    assert refused.exit_code != 0
    assert "CG403" in refused.output and "token" in refused.output


def test_speaker_labels() -> None:
    from claimgraph.serve.highlight import speaker_label

    t = "A spokesperson for the Port Authority said so; she said more."

    def stmt(sp: Speaker | None) -> Statement:
        return Statement("S1", Kind.INDIRECT, Span.of(t, 0, 1), sp, None)

    anon = Speaker(
        Span.of(t, 0, 36), "spokesperson for the Port Authority", SpeakerType.ANONYMOUS,
        anonymous=True, affiliation="Port Authority",
    )  # fmt: skip
    assert speaker_label(stmt(anon)) == "spokesperson for the Port Authority"
    aff = Speaker(None, "an aide", SpeakerType.ANONYMOUS, anonymous=True, affiliation="the mayor")
    assert speaker_label(stmt(aff)) == "an aide (the mayor)"
    she = Speaker(Span.of(t, 47, 50), None, SpeakerType.UNRESOLVED_PRONOUN)
    assert speaker_label(stmt(she)) == "she (unresolved)"
    assert speaker_label(stmt(Speaker(None, None, SpeakerType.UNRESOLVED))) == "unknown speaker"
    assert speaker_label(stmt(None)) == "unknown speaker"
