"""What counts as an attributed statement: the scope setting.

Both engines find attributions in PolNeAR's broad sense: speech, but also belief and
intention ("plans to", "decided to") and cues whose content is any noun phrase ("cited
privacy rules", "denied visas"). A fact-checker wants statements: something said,
thought or shown, by a source, about a proposition. The scope decides which candidates
become statements:

- ``statements`` (the default): a cue of intention is left out unless it carries a
  quotation; content that is a noun phrase (no verb heads it, no quotation of three
  words or more; "visas to enter", '"Hope"') stays only when the cue judges or asks
  for its object or makes it known ("criticised a policy", "announced the sites") or
  the noun is itself something said or decided ("denied the allegations", not "denied
  visas"); a participle framing another cue ("Discussing his concern, X said") and a
  content of bare pronouns or numbers ("both") are not statements; who draws or faces
  criticism is its target, not its speaker (:func:`keeps`). A statement's edges: a
  naming verb's content runs through what its object is named (:func:`edges`), a
  reported content ends with its sentence and never opens a later one than its cue's
  (:func:`within_sentence`), and a cue inside
  another statement's quotation with nobody to name, or a statement with neither cue
  nor speaker, is no statement (:func:`quoted_unknowns`).
- ``broad``: PolNeAR's definition (its guidelines count beliefs, intentions and
  noun-phrase contents); ``claimgraph eval polnear`` scores this scope.

As statements, a cue with no source at all (an agentless passive: "were granted", "was
awarded") stays only when it is a reporting word ("is expected", "reportedly") and its
content is a clause or a quotation.

Set with ``CLAIMGRAPH_SCOPE``; :func:`using` forces one inside a block.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ..errors import ModelError
from ..model import Kind, Span, Speaker, SpeakerType, Stance, Statement
from .lexicon import lx
from .quotes import blank_lines, paragraphs
from .spans import children, doc_text, sentences, subtree_end, trim
from .speakers import strip_title
from .stance import content_stance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .candidate import Candidate, Pieces
    from .spans import QuoteIndex

SCOPES = ("statements", "broad")
_forced: ContextVar[str | None] = ContextVar("claimgraph_scope", default=None)


@contextmanager
def using(scope: str) -> Iterator[None]:
    """Build statements with ``scope`` inside the block, whatever the settings say."""
    check(scope)
    token = _forced.set(scope)
    try:
        yield
    finally:
        _forced.reset(token)


def check(scope: str) -> str:
    if scope not in SCOPES:
        raise ModelError(f"CLAIMGRAPH_SCOPE: scope {scope!r}: expected one of {', '.join(SCOPES)}")
    return scope


def current() -> str:
    """The scope in force: the one :func:`using` forces, else ``CLAIMGRAPH_SCOPE``."""
    from ..config import get_settings

    forced = _forced.get()
    return check(forced or (get_settings().scope or "statements").lower())


def keeps(doc: Doc, c: Candidate, qi: QuoteIndex, scope: str) -> bool:
    """Whether candidate ``c`` is a statement in ``scope``."""
    if scope == "broad" or (c.quote_based and c.source is not None):
        return True
    if _targeted(c):
        return False
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in c.content]
    clause = _clause_or_quote(doc, c, spans, qi)
    if c.source is None and not (clause and _reporting(c)):
        return False
    if c.quote_based:
        return True
    if c.lemma in lx.INTENT_VERBS or (not clause and _framing(c)):
        return False
    return clause or _proposition(c, spans)


#: How spaCy attaches what a naming verb names its object ("oprd": "called it a
#: mistake"; the rest when it misreads a quoted adjective; "as" is read apart).
_NAMED = frozenset({"oprd", "xcomp", "ccomp", "acomp", "attr"})


def edges(doc: Doc, c: Candidate, scope: str) -> Pieces:
    """Candidate ``c``'s content pieces with the edges of a statement: the content of a
    naming verb runs through what its object is named ('called the plan "reckless" and
    "unfair"', not "the plan"). Unchanged in ``broad`` (PolNeAR's edges) and
    for a quotation, whose marks are its edges."""
    if scope == "broad" or not c.content or c.quote_based:
        return c.content
    verb = next((t for t in c.cue if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_.lower() not in lx.NAMING_VERBS:
        return c.content
    text = doc_text(doc)
    pieces = list(c.content)
    start, end = pieces[0][0], pieces[-1][1]
    kids = children(verb)
    objs = [t for t in kids if t.dep_ == "dobj" and start <= t.idx < end]
    named = [
        t
        for t in kids
        if objs
        and t.i > objs[0].i
        and (t.dep_ in _NAMED or (t.dep_ == "prep" and t.lower_ == "as"))
    ]
    if named:
        stop = max(subtree_end(t) for t in named)
        new_end = trim(text, end, doc[stop].idx + len(doc[stop].text))[1]
        if new_end > end:
            pieces[-1] = (pieces[-1][0], new_end)
    return pieces


def within_sentence(statements: Sequence[Statement], doc: Doc, qi: QuoteIndex) -> list[Statement]:
    """``statements`` with each reported (not quoted) content ending where its sentence
    ends, in the ``statements`` scope (unchanged in ``broad``): 'issued a statement
    regarding the closure of the quay. "Like many ..."' reports the closure, and the
    quotation after it is a statement of its own, by the same speaker. A content that
    runs on from a sentence before its cue's, or that opens a sentence after its cue's
    (with no colon between: "had been refused permits until May. The mayor later
    stepped in to let ..."), is a misreading (the content of another cue, or of none, taken by
    this one) and is left out. Ids are renumbered in order when one is
    added or left out."""
    if current() == "broad":
        return list(statements)
    text = doc_text(doc)
    ends = [s.end_char for s in sentences(doc)]
    out: list[Statement] = []
    added = False
    for st in statements:
        start = st.content.start
        stop = ends[bisect_left(ends, start + 1)] if start < ends[-1] else len(text)
        # "X said: A. B." goes on past its first sentence
        after_colon = text[max(0, start - 8) : start].rstrip().endswith(":")
        reported = st.kind is not Kind.DIRECT and qi.at(start) is None and not after_colon
        if (
            reported
            and st.cue is not None
            and st.cue.end <= start
            and bisect_left(ends, st.cue.end) < bisect_left(ends, start + 1)
        ):
            continue  # the content is a later sentence than its cue's: another cue's
        if not reported or st.content.end <= stop:
            out.append(st)
            continue
        if st.cue is not None and st.cue.start >= stop:
            # the cue is in a later sentence: its content is not a sentence before it
            continue
        end = stop
        while end > start and text[end - 1] in ".!? \n":
            end -= 1  # the sentence's full stop is not the statement's
        head = _spans(text, [(p.start, min(p.end, end)) for p in st.content_pieces])
        if not head:
            out.append(st)
            continue
        out.append(replace(st, content=_whole(text, head), content_pieces=head))
        quote = qi.first_from(stop)
        if quote is not None and quote.start < st.content.end:
            tail = _spans(text, [(max(p.start, quote.start), p.end) for p in st.content_pieces])
            if tail:
                added = True
                out.append(
                    replace(
                        st,
                        kind=Kind.DIRECT,
                        content=_whole(text, tail),
                        content_pieces=tail,
                        cue=None,
                        cue_pieces=(),
                    )
                )
    return out if not added and len(out) == len(statements) else _renumbered(out)


def finish(statements: Sequence[Statement], doc: Doc, qi: QuoteIndex) -> list[Statement]:
    """The last step of both engines: a printed transcript's turns are their speakers'
    statements (:func:`transcript_turns`), a quotation split by its cue into sentences
    is two statements (:func:`split_quotes`), quotations that go on with nobody named
    take their speaker (:func:`continued_quotes`), so do paragraphs a speaker signs
    (:func:`signed_paragraphs`); then the statements scope's edges of what they found
    (:func:`within_sentence`, then :func:`quoted_unknowns`)."""
    text = doc_text(doc)
    paras = paragraphs(text)
    found = split_quotes(transcript_turns(statements, text, paras, doc), text)
    found = signed_paragraphs(continued_quotes(found, text, qi), text, paras)
    return quoted_unknowns(within_sentence(found, doc, qi), qi)


# a turn of a transcript: a paragraph opening (after a quote mark, maybe) with a name in
# capitals and a colon ("WALLACE: Let's start ...", "MR. OKAFOR: We did.")
_TURN = re.compile(r"(?P<mark>[\"“]?)(?P<label>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}):[ \t]+\S")
_STAGE = re.compile(r"[\"“]?\s*[(\[][^)\]]*[)\]][.\s\"”]*")  # "(CROSSTALK.)", "[LAUGHTER]"


def transcript_turns(
    statements: Sequence[Statement], text: str, paras: list[tuple[int, int]], doc: Doc
) -> list[Statement]:
    """``statements`` where an article that prints a transcript ("WALLACE: ...",
    "PENCE: ...") has each turn as a direct statement: the speaker the capitals name,
    the colon as cue, the words after it as content. A turn quoted with an opening mark
    and no closing one goes on through the paragraphs that open with a mark, up to the
    next turn or a stage direction ("(CROSSTALK.)"). Only a dialogue counts (three
    turns or more, by two speakers or more), so a lone "UPDATE:" is no speaker.
    Statements reading a turn's label as their content (a quotation taken whole, "the
    transcript as follows") give way to it; those inside a turn stay. ``paras`` are
    the text's paragraphs (:func:`.quotes.paragraphs`)."""
    turns: list[tuple[int, re.Match[str]]] = []
    for k, (s, e) in enumerate(paras):
        m = _TURN.match(text, s, e)
        if m is not None and len(m.group("label").replace(".", "")) >= 2:
            turns.append((k, m))
    if len(turns) < 3 or len({m.group("label") for _, m in turns}) < 2:
        return list(statements)
    named = [st.speaker for st in statements if st.speaker is not None and st.speaker.resolved]
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    starts = {k for k, _ in turns}
    added: list[Statement] = []
    for k, m in turns:
        body_start = m.end() - 1
        end = paras[k][1]
        if m.group("mark"):  # a quotation left open goes on in paragraphs opening a mark
            j = k + 1
            while j < len(paras) and j not in starts:
                s, e = paras[j]
                if text[s] not in '"“' or _STAGE.fullmatch(text, s, e):
                    break
                if text[s:e].rstrip()[-1:] in '"”':
                    # the quotation closes: the turn's last paragraph, if another turn
                    # follows (the last turn's closing paragraph may be a sign-off)
                    end = e if j + 1 in starts else end
                    break
                end = e
                j += 1
        content = _spans(text, [(body_start, end)])
        if not content:
            continue
        label_start = m.start("label")
        mention = Span.of(text, label_start, m.end("label"))
        added.append(
            Statement(
                id="",
                kind=Kind.DIRECT,
                content=content[0],
                speaker=_turn_speaker(m.group("label"), mention, named, persons),
                cue=Span.of(text, m.end("label"), m.end("label") + 1),
                stance=content_stance(content[0].text),
                confidence=0.7,
            )
        )
    labels = _Ranges([(m.start("label"), m.end("label") + 1) for _, m in turns])
    bodies = {t.content.start for t in added}

    def same_turn(st: Statement) -> bool:
        """``st`` reads a turn's label, or the turn itself."""
        if st.content.start in bodies or labels.overlaps(st.content.start, st.content.end):
            return True
        mention = st.speaker.mention if st.speaker is not None else None
        return mention is not None and labels.overlaps(mention.start, mention.end)

    read = _Ranges([(t.content.start, t.content.end) for t in added])
    kept = [
        st
        for st in statements
        if not same_turn(st)
        and not (st.cue is None and read.overlaps(st.content.start, st.content.end))
    ]
    return _renumbered(sorted([*kept, *added], key=lambda st: (st.content.start, st.content.end)))


def _is_turn(st: Statement, text: str) -> bool:
    """``st`` is a transcript's turn: its cue a colon right after a speaker's name in
    capitals that opens its paragraph (maybe after a quote mark)."""
    m = st.speaker.mention if st.speaker is not None else None
    if st.cue is None or st.cue.text != ":" or m is None or st.cue.start != m.end:
        return False
    at = m.start - (m.start > 0 and text[m.start - 1] in '"“')
    return m.text.isupper() and _opens_line(text, at)


def _turn_speaker(label: str, mention: Span, named: list[Speaker], persons: list[str]) -> Speaker:
    """Who a transcript's label names: a speaker of the article whose name ends with it
    ("PENCE" is Mike Pence), else the name of a person the text names that ends with it
    (the most frequent: "Chris Wallace"), else the label itself, as a name is written."""
    surname = " ".join(strip_title([w.capitalize() for w in label.split()]))
    for sp in named:
        if sp.name is not None and (sp.name == surname or sp.name.endswith(" " + surname)):
            return replace(sp, mention=mention)
    full = [p for p in persons if p == surname or p.endswith(" " + surname)]
    name = max(full, key=full.count) if full else surname
    return Speaker(mention=mention, name=name, type=SpeakerType.PERSON, confidence=0.6)


_SIGNATURE = re.compile(r"(?P<name>[A-Z][\w.’'-]*(?:[ \xa0][A-Z][\w.’'-]*){1,3})(?:,[^\n]{2,60})?")


def signed_paragraphs(
    statements: Sequence[Statement], text: str, paras: list[tuple[int, int]]
) -> list[Statement]:
    """``statements`` and the paragraphs signed by a line of their own that names a
    speaker of the article ("...\n\nCharles Bolden, NASA Administrator"): a quotation
    set apart from the story, with or without quote marks. Only a paragraph that no
    statement with a resolved speaker reads, of five words or more ending a sentence,
    and only a name (two to four capitalised words, then a title after a comma) that a
    statement's speaker already bears, so a byline or a caption names nobody. A
    statement inside the paragraph whose speaker is unresolved ("I'm disappointed
    with ...") is the signer's own words, read with the paragraph: it goes."""
    resolved = [st for st in statements if st.speaker is not None and st.speaker.resolved]
    if not resolved:
        return list(statements)
    named = [st.speaker for st in resolved if st.speaker is not None]
    read = _Ranges([(st.content.start, st.content.end) for st in resolved])
    added: list[Statement] = []
    for (s, e), (ns, ne) in pairwise(paras):
        line = text[ns:ne]
        m = _SIGNATURE.fullmatch(line.strip())
        body = text[s:e].rstrip()
        if m is None or body.rstrip('"”’')[-1:] not in (".", "!", "?"):
            continue
        if len(body.split()) < 5 or read.overlaps(s, e):
            continue
        name = m.group("name").replace("\xa0", " ")
        who = next(
            (
                sp
                for sp in named
                if sp.name is not None and (sp.name == name or sp.name.endswith(" " + name))
            ),
            None,
        )
        if who is None:
            continue
        at = ns + len(line) - len(line.lstrip())
        mention = Span.of(text, at, at + len(m.group("name")))
        content = Span.of(text, s, s + len(body))
        speaker = replace(who, mention=mention)
        added.append(_uncued(content, speaker, content_stance(body)))
    if not added:
        return list(statements)
    signed = [(a.content.start, a.content.end) for a in added]
    speaking = {id(st) for st in resolved}
    kept = [
        st
        for st in statements
        if id(st) in speaking
        or not any(s <= st.content.start and st.content.end <= e for s, e in signed)
    ]
    return _renumbered([*kept, *added])


def _uncued(content: Span, speaker: Speaker | None, stance: Stance = Stance.ASSERTS) -> Statement:
    """A direct statement with no cue of its own (numbered by :func:`_renumbered`)."""
    return Statement(
        id="",
        kind=Kind.DIRECT,
        content=content,
        speaker=speaker,
        cue=None,
        stance=stance,
        confidence=0.5,
    )


def split_quotes(statements: Sequence[Statement], text: str) -> list[Statement]:
    """``statements`` where a quotation split by its cue into sentences of their own
    ('"A," Lena Kovacs said. "B."') is two statements, one on each side of the sentence
    that holds the cue, with the same speaker, cue and stance (a reader, and the
    golden files, count two quotations). A piece after the cue that another statement
    reads already ('"C," it added') is left to that one. A quotation split inside one
    sentence ('"A," she said, "b."') stays one statement."""
    out: list[Statement] = []
    changed = False
    read = _Ranges([(st.content.start, st.content.end) for st in statements])
    for st in statements:
        pieces, cue = st.content_pieces, st.cue
        if cue is None or len(pieces) < 2 or st.kind not in (Kind.DIRECT, Kind.MIXED):
            out.append(st)
            continue
        k = next(
            (
                k
                for k in range(1, len(pieces))
                if pieces[k - 1].end <= cue.start
                and cue.end <= pieces[k].start
                and text[cue.end : pieces[k].start].rstrip()[-1:] in (".", "!", "?")
            ),
            None,
        )
        if k is None:
            out.append(st)
            continue
        before, after = pieces[:k], pieces[k:]
        out.append(replace(st, content=_whole(text, before), content_pieces=before))
        rest = _whole(text, after)
        if read.count(rest.start, rest.end) == 1:  # only ``st`` itself reads it
            out.append(replace(st, content=rest, content_pieces=after))
        changed = True
    return _renumbered(out) if changed else out


def continued_quotes(statements: Sequence[Statement], text: str, qi: QuoteIndex) -> list[Statement]:
    """``statements`` where a statement with no cue and no speaker whose content is a
    quotation opening its paragraph takes the speaker of the quotation just before it:
    the statement before it in the text is a direct or mixed one with a named speaker,
    at most one paragraph (a photo caption, say) lies between them, and no quotation
    opens in that paragraph; a transcript's turn lends none, it has its own ends. A
    reader takes such a paragraph as the same speaker going on ('Ferrante said, "..."',
    a caption, then '"We will not leave them..."').

    A closed quotation of three words or more opening its paragraph that no statement
    reads is offered too (a quotation that goes on into a paragraph with no opening mark
    of its own, which the tagger reads alone): it becomes a statement only when it takes
    a speaker so."""
    out = list(statements)
    read = _Ranges([(st.content.start, st.content.end) for st in out])
    offered = [
        _uncued(Span.of(text, q.start, q.end), None)
        for q in qi.quotes
        if q.closed
        and _opens_line(text, q.start)
        and len(text[q.inner_start : q.inner_end].split()) >= 3
        and not read.overlaps(q.start, q.end)
    ]
    n_given = len(out)
    out.extend(offered)
    ends = sorted((st.content.end, k) for k, st in enumerate(out))
    for k, st in enumerate(out):
        if st.cue is not None or (
            st.speaker is not None and (st.speaker.name or st.speaker.mention)
        ):
            continue
        q = qi.at(st.content.start)
        if q is None or not _opens_line(text, q.start):
            continue  # not a quotation opening its paragraph
        # the statement whose content ends last before the quotation (never ``st``,
        # whose content is the quotation)
        i = bisect_right(ends, (q.start, len(out))) - 1
        prev = out[ends[i][1]] if i >= 0 else None
        if (
            prev is not None
            and prev.kind in (Kind.DIRECT, Kind.MIXED)
            and prev.speaker is not None
            and prev.speaker.name
            and not _is_turn(prev, text)  # a transcript's turn has its own ends
            and blank_lines(text, prev.content.end, q.start) <= 2
            and not any(
                prev.content.end < o.start for o in qi.overlapping(prev.content.end, q.start)
            )
        ):
            out[k] = replace(st, speaker=prev.speaker, kind=Kind.DIRECT, relay=prev.relay)
    # an offered quotation that takes a speaker reads its stance from its words (only
    # then: most are offered for nothing)
    taken = [
        replace(st, stance=content_stance(st.content.text))
        for st in out[n_given:]
        if st.speaker is not None
    ]
    return _renumbered(out[:n_given] + taken) if taken else out[:n_given]


class _Ranges:
    """How many of some non-empty ``(start, end)`` ranges overlap a given one, by
    bisection: those starting before its end, less those ending by its start (which
    start before its end too)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._starts = sorted(a for a, _ in ranges)
        self._ends = sorted(b for _, b in ranges)

    def count(self, start: int, end: int) -> int:
        return bisect_left(self._starts, end) - bisect_right(self._ends, start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.count(start, end) > 0


def _opens_line(text: str, i: int) -> bool:
    """Only spaces or tabs lie between the line's start and ``i``."""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def _renumbered(statements: list[Statement]) -> list[Statement]:
    """Ids S1, S2, ... in order, after statements were added or left out."""
    return [replace(st, id=f"S{n + 1}") for n, st in enumerate(statements)]


def _spans(text: str, ranges: list[tuple[int, int]]) -> tuple[Span, ...]:
    """The ranges trimmed, as spans, the empty ones left out."""
    trimmed = [trim(text, a, b) for a, b in ranges if b > a]
    return tuple(Span.of(text, a, b) for a, b in trimmed if b > a)


def _whole(text: str, spans: tuple[Span, ...]) -> Span:
    return spans[0] if len(spans) == 1 else Span.of(text, spans[0].start, spans[-1].end)


def quoted_unknowns(statements: Sequence[Statement], qi: QuoteIndex) -> list[Statement]:
    """``statements`` without those whose speaker is unknown and that nobody can be said
    to have said, in the ``statements`` scope (unchanged in ``broad``):

    - a cue in a quotation that another statement quotes from before the cue: the quoted
      speaker's own words ('"... and they say the fares pay for the quay"') belong to
      that quotation;
    - no cue and no speaker mention at all (a quotation nobody is said to have spoken,
      a fragment of one): there is nothing that attributes it;
    - the very words of a statement whose speaker is named ("launched a petition ...,
      asking the government to ...": the petition asks, and its launcher speaks).

    Ids are renumbered in order when one is left out."""
    if current() == "broad":
        return list(statements)
    named = {
        (st.content.start, st.content.end)
        for st in statements
        if st.speaker is not None and st.speaker.name
    }
    out: list[Statement] = []
    for st in statements:
        cue = st.cue
        q = qi.at(cue.start) if cue is not None else None
        unknown = st.speaker is None or not st.speaker.name
        if unknown and cue is None and (st.speaker is None or st.speaker.mention is None):
            continue
        if unknown and (st.content.start, st.content.end) in named:
            continue
        if (
            cue is not None
            and q is not None
            and unknown
            and any(o is not st and q.start <= o.content.start < cue.start for o in statements)
        ):
            continue
        out.append(st)
    return out if len(out) == len(statements) else _renumbered(out)


def _targeted(c: Candidate) -> bool:
    """A cue noun that is the object of a verb like "draw" or "face" ("The President
    has drawn both praise for ... and criticism for his travel ban", the verb in the cue
    or not), with the verb's subject as its source: the subject is what the praise or
    criticism is about, and who gave it is not said."""
    noun = next((t for t in c.cue if t.pos_ == "NOUN"), None)
    if noun is None:
        return False
    obj = noun
    while obj.dep_ == "conj" and obj.head.i != obj.i:
        obj = obj.head  # "praise ... and criticism": the first conjunct is the object
    if obj.dep_ != "dobj" or obj.head.lemma_.lower() not in lx.TARGET_VERBS:
        return False
    subjects = [k for k in children(obj.head) if k.dep_ in ("nsubj", "nsubjpass")]
    return c.source is None or any(s.left_edge.i <= c.source.i <= s.right_edge.i for s in subjects)


def _framing(c: Candidate) -> bool:
    """A participle that frames another cue's statement ("Discussing his concern, X
    said", "Responding to the report, X said"): with a noun phrase for content it is
    the occasion of a statement, not one."""
    verb = next((t for t in c.cue if t.tag_ == "VBG"), None)
    return (
        verb is not None
        and verb.dep_ == "advcl"
        and verb.head.i > verb.i
        and verb.head.lemma_.lower() in lx.CUE_VERBS
    )


def _clause_or_quote(doc: Doc, c: Candidate, spans: list[SpacySpan | None], qi: QuoteIndex) -> bool:
    """A content piece is a quotation (of three words or more: a quoted word or name
    such as '"Hope"' is not one) or a clause: a verb heads it ("that the water was
    safe", "to send the child"); a noun with a verb inside ("tiles to schools that want
    them", "visas to enter") is a noun phrase."""
    text = doc_text(doc)
    for (s, e), span in zip(c.content, spans, strict=True):
        if any(len(text[q.inner_start : q.inner_end].split()) >= 3 for q in qi.overlapping(s, e)):
            return True
        if span is None or any(_verbal(t) for t in _roots(span)):
            return True
    return False


def _roots(span: SpacySpan) -> list[Token]:
    """The tokens of ``span`` whose head lies outside it (or that head themselves)."""
    return [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]


def _verbal(t: Token) -> bool:
    """A verb that makes a clause: finite, an infinitive, a gerund, or a participle with
    its auxiliary ("have found", "were detained"); a participle used as an adjective
    ("scattered debris", "bloodied bodies") does not."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    return t.morph.get("VerbForm", []) != ["Part"] or any(
        c.dep_ in ("aux", "auxpass") for c in children(t)
    )


def _reporting(c: Candidate) -> bool:
    """A reporting word, which may stand with no source ("is expected", "reportedly")."""
    return (
        c.lemma in lx.CUE_VERBS
        or c.lemma in lx.CUE_NOUNS
        or any(t.lower_ in lx.REPORT_ADVERBS for t in c.cue)
    )


def _proposition(c: Candidate, spans: list[SpacySpan | None]) -> bool:
    """A content that is neither a clause nor a quotation (its pieces as ``spans``) is
    still a proposition as the object a judging cue judges, or as a noun phrase whose
    head is something said or decided."""
    if all(
        sp is not None and all(t.pos_ in ("PRON", "DET", "NUM", "PUNCT") for t in sp)
        for sp in spans
    ):
        return False  # "both", "it", "two": nothing stated
    if c.kind in (Kind.NOMINAL, Kind.ACCORDING_TO) or c.lemma in lx.OBJECT_CUES:
        return True
    for span in spans:
        if span is None:
            return True
        heads = _roots(span)
        if any(
            t.lemma_.lower() in lx.PROPOSITION_NOUNS or t.lemma_.lower() in lx.CUE_NOUNS
            for t in heads
        ):
            return True
    return False
