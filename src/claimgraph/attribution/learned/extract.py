"""From the tagger's spans to statements, over a parsed spaCy ``Doc``.

The tagger marks source, cue and content fragments; this module groups them into
attributions and hands them to the same machinery the rules engine uses: speaker
resolution (:class:`~claimgraph.attribution.speakers.SpeakerResolver`), relays
(:func:`~claimgraph.attribution.relays.apply_relays`) and stance
(:func:`~claimgraph.attribution.stance.stance_of`).

Grouping: every cue (fragments of one cue a few characters apart merge) opens an
attribution; each content and each source fragment joins the nearest cue, counting a
sentence boundary as far. Content never joins a cue in another paragraph, unless a
quotation carries it there or the cue's paragraph ends with a colon. A cue left without
content or source borrows the nearest one it can reach in its sentence (or, for content,
the next two; "according to" only in its own sentence). Content no cue reaches is a
quotation going on from the statement before it (same speaker, no cue of its own) when
it is quoted, stands alone (no cue, no speaker) when it is a clause, and is dropped when
it is a bare phrase. A cue left with no content at all, where the rules engine reads a
statement (the model tagged the content's inner attribution instead), keeps the rules
statement; in PolNeAR's broad scope, an "according to X" left with no content reads
the rest of its sentence, as PolNeAR counts it.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ...model import Entity, Kind, Span, Statement
from ..candidate import Candidate, kind_of, np_head
from ..engine import verb_lemma
from ..fragments import statement_spans, trim
from ..lexicon import lx
from ..quotes import paragraphs
from ..scope import current as current_scope
from ..spans import QuoteIndex, doc_text, quote_index, sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .tagger import Spans, Tagger

SENT_COST = 10_000  # a sentence boundary counts as this many characters
OPENING = "\"“‘«'"  # a content fragment that opens with one of these is a quotation
CUE_JOIN = 12  # cue fragments at most this far apart (no other role between) join


@dataclass
class _Group:
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


def _according(text: str, cue: list[tuple[int, int]]) -> bool:
    """The cue (its fragments, in order) is "according to": a relay phrase, not a verb."""
    return text[cue[0][0] : cue[-1][1]].lower().startswith("according")


def _dist(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def group(
    spans: Spans,
    sent_starts: list[int],
    text: str,
    quotes: QuoteIndex,
    paras: list[tuple[int, int]] | None = None,
) -> tuple[list[_Group], list[tuple[int, int]]]:
    """Attributions from role spans; also the content fragments with no cue at all.
    ``paras`` are the text's :func:`~claimgraph.attribution.quotes.paragraphs`, when the
    caller has them already."""

    def sent(pos: int) -> int:
        return bisect_right(sent_starts, pos) - 1

    others = sorted(spans["source"] + spans["content"])
    cues: list[list[tuple[int, int]]] = []
    for c in sorted(spans["cue"]):
        if cues:
            last = cues[-1][-1]
            between = any(last[1] <= s < c[0] for s, _ in others)
            if 0 <= c[0] - last[1] <= CUE_JOIN and not between and sent(last[0]) == sent(c[0]):
                cues[-1].append(c)
                continue
        cues.append([c])
    groups = [_Group(cue=c) for c in cues]
    if not groups:
        return [], sorted(spans["content"])

    if paras is None:
        paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    ends_colon = [text[s:e].rstrip().endswith(":") for s, e in paras]

    def para(pos: int) -> int:
        return bisect_right(para_starts, pos) - 1

    def reaches(frag: tuple[int, int], g: _Group, opens: bool = False) -> bool:
        """Content stays in its cue's paragraph, unless a quotation carries it on or
        the cue's paragraph ends with a colon (or, with ``opens``, ends at all) and the
        content opens the next one."""
        here, there = para(g.cue[0][0]), para(frag[0])
        if here == there:
            return True
        q = quotes.at(frag[0])
        if q is not None and para(q.start) == here:
            return True
        if there != here + 1 or text[paras[there][0] : frag[0]].strip(OPENING + " "):
            return False
        return opens or ends_colon[here]

    def cost(frag: tuple[int, int], g: _Group) -> int:
        span = (g.cue[0][0], g.cue[-1][1])
        return _dist(frag, span) + SENT_COST * abs(sent(frag[0]) - sent(span[0]))

    lone: list[tuple[int, int]] = []
    for frag in sorted(spans["content"]):
        near = [g for g in groups if reaches(frag, g)]
        if near:
            min(near, key=lambda g: cost(frag, g)).content.append(frag)
        else:
            lone.append(frag)
    # sources: nearest pairs first, one source per cue, then the rest to the nearest cue
    pairs = sorted(
        (cost(f, g), k, j) for k, f in enumerate(spans["source"]) for j, g in enumerate(groups)
    )
    taken: set[int] = set()
    for dist, k, j in pairs:
        if k in taken or groups[j].source or dist >= SENT_COST:
            continue
        groups[j].source.append(spans["source"][k])
        taken.add(k)
    for k, frag in enumerate(spans["source"]):
        if k not in taken:
            min(groups, key=lambda g: cost(frag, g)).source.append(frag)
    # a cue with no content borrows the nearest fragment in its sentence or the next
    # two; "according to X" only one in its own sentence (the clause it qualifies),
    # never the next sentence's
    for g in groups:
        if g.content:
            continue
        near_content = [f for f in spans["content"] if reaches(f, g, opens=True)]
        if near_content:
            frag = min(near_content, key=lambda f: cost(f, g))
            reach = SENT_COST if _according(text, g.cue) else 3 * SENT_COST
            if cost(frag, g) < reach:
                g.content.append(frag)
    return [g for g in groups if g.content], lone


def _tokens(doc: Doc, s: int, e: int) -> list[Token]:
    span = doc.char_span(s, e, alignment_mode="expand")
    return list(span) if span is not None else []


def _candidate(doc: Doc, g: _Group, qi: QuoteIndex) -> Candidate | None:
    cue_toks = [t for s, e in g.cue for t in _tokens(doc, s, e)]
    if not cue_toks:
        return None
    verbs = [t for t in cue_toks if t.pos_ in ("VERB", "AUX")]
    # "have started asking", "reacted by proposing": the reporting verb is the cue's head
    main = next((t for t in reversed(verbs) if verb_lemma(t) in lx.CUE_VERBS), None)
    main = main or next(iter(verbs), None)
    main = main or next((t for t in cue_toks if t.pos_ == "NOUN"), cue_toks[-1])
    source = source_range = None
    if g.source:
        # the source nearest the cue speaks; the others are spans the scorer still sees
        s, e = min(g.source, key=lambda f: _dist(f, (g.cue[0][0], g.cue[-1][1])))
        toks = [t for t in _tokens(doc, s, e) if not t.is_punct]
        if toks:
            source = np_head(toks)
            source_range = (s, e)
    content = sorted(g.content)
    if _according(doc_text(doc), g.cue):  # doc.text joins every token on each call
        kind = Kind.ACCORDING_TO
    elif main.pos_ == "NOUN":
        kind = Kind.NOMINAL
    else:
        kind = kind_of(content, qi, False)
    return Candidate(
        cue=sorted(set(cue_toks), key=lambda t: t.i),
        content=content,
        source=source,
        source_range=source_range,
        kind=kind,
        lemma=verb_lemma(main) if main.pos_ in ("VERB", "AUX") else main.lemma_.lower(),
        quote_based=kind is Kind.DIRECT,
        negated=any(t.dep_ == "neg" for t in cue_toks),
    )


def _quoted_cues(groups: list[_Group], lone: list[tuple[int, int]], qi: QuoteIndex) -> None:
    """A quotation is not the content of a cue inside it: the cue is the quoted
    speaker's own words ('"We were never asked. Honestly, they say the fares ..."'). The
    content the cue took from the quotation's start up to itself becomes a quotation of
    its own (``lone``: it goes on from the statement before it, or stands alone); the
    cue keeps what follows it."""
    for g in groups:
        q = qi.at(g.cue[0][0])
        if q is None or not g.content:
            continue
        before = [f for f in g.content if q.start <= f[0] and f[1] <= g.cue[0][0]]
        if not before or min(f[0] for f in before) > q.inner_start:
            continue  # not the quotation from its start: a phrase the cue reads
        for f in before:
            g.content.remove(f)
        lone.append((min(f[0] for f in before), max(f[1] for f in before)))
    lone.sort()


def _add_relays(cands: list[Candidate]) -> None:
    from ..relays import attached_to

    according = [c for c in cands if c.kind is Kind.ACCORDING_TO and c.source is not None]
    for acc in according:
        assert acc.source is not None
        for host in cands:
            if (
                host.kind is not Kind.ACCORDING_TO
                and host.cue[0].sent == acc.cue[0].sent
                and (host.source is None or host.source.i != acc.source.i)
                and attached_to(acc, host)
            ):
                host.relay.append(acc.source)


def _continued(
    spoken: list[tuple[int, int, Statement]], start: int, paras: list[int]
) -> Statement | None:
    """The statement a quotation with no cue of its own goes on from: the nearest one
    before it, in its paragraph or the one before (the news convention: '"...," she
    said. "..."', or a paragraph of quotation after one). ``spoken`` holds the
    statements with a speaker as ``(content end, order, statement)``, sorted."""
    i = bisect_right(spoken, (start, float("inf"))) - 1
    if i < 0:
        return None
    host = spoken[i][2]
    here = bisect_right(paras, start) - 1
    return host if bisect_right(paras, host.content.start) - 1 >= here - 1 else None


def _clause(doc: Doc, s: int, e: int) -> bool:
    """The span holds a finite verb: a statement can stand on it."""
    return any("Fin" in t.morph.get("VerbForm", []) for t in _tokens(doc, s, e))


def rule_spans(doc: Doc) -> Spans:
    """The rules engine's source, cue and content fragments in ``doc``, read from its
    statements (what the training features read from its saved output)."""
    from ..engine import extract as rules_extract

    statements, _ = rules_extract(doc)
    return statement_spans(statements)


def _key(text: str, span: tuple[int, int]) -> tuple[int, int]:
    return trim(text, *span)


PROTECTED_KINDS = (Kind.NOMINAL, Kind.DIRECT)
Nested = Literal["all", "nominal", "none"]


@dataclass(frozen=True)
class MergePolicy:
    """How :func:`extract` merges a hybrid model's spans with the rules statements.

    ``uncontested`` keeps a statement the model marks in two roles and leaves unmarked in
    the third; ``nested`` is which statements inside a kept one's content stay ("all",
    "nominal" or "none"); ``protect`` keeps nominal statements, direct quotes and those
    with a relay unless the model reads their content differently (the product's
    constructions beyond PolNeAR's, and quotes, which the rules delimit by their marks).

    What each rule is worth with the shipped model, exact F1 source/cue/content points
    on PolNeAR dev (``python -m claimgraph.training.ablate ../shared/data/polnear/dev``):
    uncontested +1.2 / +0.7 / -0.2; nested "all" -1.7 / -1.4 / -1.2 against "nominal"
    (PolNeAR rarely annotates nested statements), "nominal" the same as "none" on dev
    (it keeps the founding article's "the Chechen leader's denial that ..."); protect
    0.0 / 0.0 / -0.1 on dev, and on the founding article it keeps the placards and the
    passive "These allegations have been supported by ..." (0.867 -> 0.938 statement F1
    with the session-2 decoding).
    """

    uncontested: bool = True
    nested: Nested = "nominal"
    protect: bool = True


SHIPPED = MergePolicy()  # the policy the product runs


def merge(
    text: str,
    rules: list[Spans],
    model: Spans,
    nestable: list[bool] | None = None,
    protected: list[bool] | None = None,
    policy: MergePolicy = SHIPPED,
) -> tuple[list[int], Spans]:
    """Which rules statements (each given as its fragments per role) a hybrid model's
    spans keep, and the model's fragments left over for statements of their own.

    A rules statement is kept when the model marks every one of its fragments, or all
    but one role of them (of speaker, cue, content) and nothing where the last one is
    (the model found the attribution and has no other reading of it). A ``protected``
    one (a nominal statement, one with a relay) needs only that the model has no other
    reading of its content (or one that contains it). One whose
    content lies inside another rules statement's content ("denied *that ...*") is
    invisible to the model, which tags one layer of content: it is kept when the
    statement around it is. The fragments of kept statements are not used again.
    """
    marked = {r: {_key(text, f) for f in frags} for r, frags in model.items()}
    quotes = [_key(text, f) for sp in rules for f in sp["content"] if text[f[0]] in OPENING]

    def quoted(a: int, b: int) -> int:
        return sum(a <= x and y <= b for x, y in quotes)

    def around(model_span: tuple[int, int], inner: tuple[int, int]) -> bool:
        """``model_span`` contains ``inner``: as they are, or trimmed of the spaces,
        punctuation and quote marks at their ends (the model's span may stop before the
        closing '".' that the rules' content takes in)."""
        (a, b), (s, e) = model_span, inner
        if a <= s and e <= b:
            return True
        (a, b), (s, e) = _key(text, model_span), _key(text, inner)
        return a <= s and e <= b and (text[inner[0]] not in OPENING or quoted(a, b) >= 2)

    def confirmed(sp: Spans, r: str) -> bool:
        return all(_key(text, f) in marked[r] for f in sp[r])

    def in_part(sp: Spans, r: str) -> bool:
        """A content in pieces (a quotation split by its cue, or going on into the next
        paragraph) that the model marks in part, as it is, with no other reading of the
        rest: the model reads each paragraph on its own and may not see the rest."""
        marked_here = [_key(text, f) in marked[r] for f in sp[r]]
        return (
            r == "content"
            and len(sp[r]) > 1
            and any(marked_here)
            and all(
                ok or not any(m[0] < f[1] and f[0] < m[1] for m in model[r])
                for ok, f in zip(marked_here, sp[r], strict=True)
            )
        )

    def uncontested(sp: Spans, role: str, around_ok: bool) -> bool:
        """No model span of ``role`` overlaps this statement's fragments of that role;
        with ``around_ok``, a model content span that contains its content is no
        contradiction either (BIO tags cannot nest: "X said Y, according to Z" is one
        span of content for "according to")."""
        return all(
            around_ok and role == "content" and around(m, f)
            for f in sp[role]
            for m in model[role]
            if m[0] < f[1] and f[0] < m[1]
        )

    def special(k: int) -> bool:
        return protected is not None and protected[k]

    def kept(k: int, sp: Spans) -> bool:
        roles = [r for r in ("source", "cue", "content") if sp[r]]
        sure = [r for r in roles if confirmed(sp, r) or in_part(sp, r)]
        open_ = [r for r in roles if r not in sure and uncontested(sp, r, special(k))]
        if len(sure) == len(roles):
            return True
        if not policy.uncontested:
            return False
        if special(k):  # nominal, relayed: only a competing reading of the content counts
            return "content" in sure + open_
        # two roles marked as the rules have them, the third left unmarked
        return len(sure) >= len(roles) - 1 and len(sure) + len(open_) == len(roles)

    keep = {k for k, sp in enumerate(rules) if kept(k, sp)}

    def inside(k: int, host: int) -> bool:
        return any(
            a <= s and e <= b and (a, b) != (s, e)
            for s, e in rules[k]["content"]
            for a, b in rules[host]["content"]
        )

    for _ in range(2):  # two deep: it follows its host's host
        keep |= {
            k
            for k in range(len(rules))
            if k not in keep
            and (nestable is None or nestable[k])
            and any(inside(k, h) for h in keep if h != k)
        }
    used: dict[str, set[tuple[int, int]]] = {r: set() for r in marked}
    for k in keep:
        for r, frags in rules[k].items():
            used[r].update(_key(text, f) for f in frags)
        if special(k) and not confirmed(rules[k], "content"):
            # the model's span around a kept statement's content is that statement's
            # reading, not another one: it is not used again
            for m in model["content"]:
                if any(around(m, f) for f in rules[k]["content"]):
                    used["content"].add(_key(text, m))
    left = {r: [f for f in fr if _key(text, f) not in used[r]] for r, fr in model.items()}
    return sorted(keep), left


def _bare_cues(text: str, spans: Spans, groups: list[_Group]) -> list[tuple[int, int]]:
    """The model's cues that no group holds: :func:`group` found them no content."""
    grouped = {_key(text, c) for g in groups for c in g.cue}
    return [c for c in spans["cue"] if _key(text, c) not in grouped]


def _unread_cues(
    text: str,
    bare: list[tuple[int, int]],
    spans: Spans,
    rule_pairs: list[tuple[Candidate, Statement]],
    as_spans: list[Spans],
    keep: list[int],
) -> list[Candidate]:
    """The rules statements at the cues the model marks and finds no content for.

    The model tags one layer of content, so a cue whose content holds another
    attribution ("Ann Lee says Bo Park promised ... and said she would ...") may keep
    its source and cue and lose its content to the inner one. When the rules engine
    reads a statement at exactly that cue, and the model marks no other speaker for it,
    the rules statement stands. ``bare`` are those cues (:func:`_bare_cues`).
    """
    unread = {_key(text, c) for c in bare}
    taken = set(keep)
    out = []
    for k, sp in enumerate(as_spans):
        if k in taken or not sp["cue"] or not all(_key(text, c) in unread for c in sp["cue"]):
            continue
        other_speaker = any(
            m[0] < f[1] and f[0] < m[1] and _key(text, m) != _key(text, f)
            for f in sp["source"]
            for m in spans["source"]
        )
        if not other_speaker:
            out.append(rule_pairs[k][0])
    return out


def _bare_according(doc: Doc, text: str, bare: list[tuple[int, int]], spans: Spans) -> list[_Group]:
    """In PolNeAR's broad scope, an "according to X" the model marks and gives no
    content (another cue took it: "According to X, Y said Z") is an attribution of its
    own, as PolNeAR counts it: its content is the rest of its sentence ("According to
    X, CONTENT.") or the sentence before it ("CONTENT, according to X."). Its source is
    the model's source right after it, else the words up to the comma or full stop.
    ``bare`` are the model's cues no group holds (:func:`_bare_cues`)."""
    sents = sentences(doc)
    starts = [x.start_char for x in sents]
    out = []
    for c in bare:
        if not _according(text, [c]):
            continue
        sent = sents[bisect_right(starts, c[0]) - 1]
        ss, se = sent.start_char, sent.end_char
        before = text[ss : c[0]].rstrip()
        source = next(
            (f for f in spans["source"] if c[1] <= f[0] < se and not text[c[1] : f[0]].strip()),
            None,
        )
        if not before.strip(OPENING):
            comma = text.find(",", c[1], se)
            if comma < 0:
                continue
            content = trim(text, comma + 1, se)
            source = source or trim(text, c[1], comma)
        elif before.endswith(","):
            content = trim(text, ss, ss + len(before) - 1)
            source = source or trim(text, c[1], se)
        else:
            continue
        if content[1] > content[0] and source[1] > source[0]:
            out.append(_Group(cue=[c], content=[content], source=[source]))
    return out


def extract(
    doc: Doc, tagger: Tagger | None = None, policy: MergePolicy = SHIPPED
) -> tuple[tuple[Statement, ...], tuple[Entity, ...]]:
    """Statements and entities as :func:`claimgraph.attribution.engine.extract` returns
    them, from the learned model's spans instead of the rules.

    With a hybrid model (it reads the rules' tags), the rules statements :func:`merge`
    keeps stay whole, as the rules built them (speaker, relays, stance); the model's
    other fragments are grouped into statements of their own. ``policy`` is how they
    merge (:class:`MergePolicy`; the product runs :data:`SHIPPED`).
    """
    from ..engine import build_statements, rule_candidates
    from ..scope import finish
    from . import get_tagger
    from .windows import ROLES

    tagger = tagger or get_tagger()
    text = doc_text(doc)
    qi = quote_index(doc)
    kept: list[Candidate] = []
    if tagger.uses_rules:
        rule_pairs, _ = build_statements(doc, rule_candidates(doc, qi), qi, features=True)
        as_spans = [statement_spans([st]) for _, st in rule_pairs]
        rules: Spans = {r: [f for sp in as_spans for f in sp[r]] for r in ROLES}
        nestable = [
            policy.nested == "all" or (policy.nested == "nominal" and c.kind is Kind.NOMINAL)
            for c, _ in rule_pairs
        ]
        protected = [
            policy.protect and (c.kind in PROTECTED_KINDS or bool(c.relay)) for c, _ in rule_pairs
        ]
        model = tagger.spans(text, rules)
        keep, spans = merge(text, as_spans, model, nestable, protected, policy)
        kept = [rule_pairs[k][0] for k in keep]
    else:
        spans = tagger.spans(text)
    para_spans = paragraphs(text)
    groups, lone = group(spans, [s.start_char for s in doc.sents], text, qi, para_spans)
    bare = _bare_cues(text, spans, groups)
    if tagger.uses_rules and bare:
        kept += _unread_cues(text, bare, spans, rule_pairs, as_spans, keep)
    if current_scope() == "broad" and bare:
        groups += _bare_according(doc, text, bare, spans)
    _quoted_cues(groups, lone, qi)
    cands = [c for c in (_candidate(doc, g, qi) for g in groups) if c is not None]
    # "according to X" beside another cue is also that statement's relay (as the rules
    # engine records it); PolNeAR counts it as an attribution of its own, so it stays
    _add_relays(cands)
    pairs, resolver = build_statements(doc, kept + cands, qi)
    statements: list[Statement] = [st for _, st in pairs]
    paras = [p for p, _ in para_spans]
    spoken = sorted(
        (st.content.end, n, st) for n, st in enumerate(statements) if st.speaker is not None
    )
    for s, e in lone:
        piece = Span.of(text, s, e)
        quoted = qi.at(s) is not None or text[s] in OPENING
        host = _continued(spoken, s, paras) if quoted else None
        if not quoted and not _clause(doc, s, e):
            continue  # a phrase the model marked, with no cue to read it
        st = Statement(
            id=f"S{len(statements) + 1}",
            kind=Kind.DIRECT if host is not None else kind_of([(s, e)], qi, False),
            content=piece,
            content_pieces=(piece,),
            speaker=host.speaker if host is not None else None,
            cue=None,
            confidence=0.5 if host is not None else 0.3,
            relay=host.relay if host is not None else (),
        )
        if host is not None:
            insort(spoken, (e, len(statements), st))
        statements.append(st)
    return tuple(finish(statements, doc, qi)), resolver.entities()
