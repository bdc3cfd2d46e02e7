"""The rules engine: from a parsed spaCy ``Doc`` to statements and entities.

It works in three passes. :func:`find_candidates` walks the dependency parse for cues
(reporting verbs, belief verbs, "according to", "in the words of", cue nouns such as
"denial that") and direct quotations, and reads off each one's source phrase and
content. Speakers are then resolved within the article (:mod:`.speakers`), relays
recorded, and each statement's stance read from its cue and content (:mod:`.stance`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Entity, Kind, Span, Statement
from ..stopping import checkpoint
from .candidate import Candidate, confidence, cut_out, kind_of, np_head
from .lexicon import lx
from .quotes import Quote
from .spans import (
    QuoteIndex,
    children,
    doc_text,
    quote_index,
    sent_of,
    subtree_end,
    subtree_indices,
    subtree_range,
    trim,
    verb_in,
)

if TYPE_CHECKING:
    from .speakers import SpeakerResolver

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLAUSE = ("ccomp", "xcomp", "parataxis")


def verb_lemma(tok: Token) -> str:
    """The verb lemma, also for participles the tagger took for adjectives ("decried")."""
    lem = tok.lemma_.lower()
    if lem in lx.CUE_VERBS:
        return lem
    w = tok.text.lower()
    for suffix, repl in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in lx.CUE_VERBS:
            return w[: -len(suffix)] + repl
    return lem


def _np_range(tok: Token, cut_relcl: bool = False) -> tuple[int, int]:
    """The full noun phrase of ``tok`` (appositions and relative clauses included)."""
    exclude = [
        c
        for c in children(tok)
        if c.dep_ in ("advmod", "cc", "preconj") and c.i < tok.i and c.lower_ in lx.FOCUS_WORDS
    ]
    if cut_relcl:
        exclude += [c for c in children(tok) if c.dep_ in ("relcl", "acl")]
    s, e = subtree_range(tok, exclude)
    return trim(doc_text(tok.doc), s, e)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, inherited through xcomp, conj, advcl and acl chains.
    Of two subjects ("Malaysia's Prime Minister, Najib Razak said", parsed as two), the
    proper name nearest the verb."""
    subjects = [c for c in children(verb) if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_]
        return (named or subjects)[-1]
    for c in children(verb):
        if c.dep_ == "agent":
            for p in children(c):
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ == "nsubjpass" for c in children(verb)):
        # "..., and the parents were advised to": a passive with a subject of its own
        # and no agent names no speaker (not the first clause's subject)
        return None
    if verb.head.i == verb.i:
        return _name_before(verb)
    if depth > 4:
        return None
    head = verb.head
    if verb.dep_ == "xcomp":
        # object control: "urged X to say", "led to X to call"
        for c in children(head):
            if c.dep_ == "dobj":
                return c
        for c in children(head):
            if c.dep_ == "prep" and c.lower_ == "to":
                for p in children(c):
                    if p.dep_ == "pobj":
                        return p
        return _subject(head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        return _subject(head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "placards saying ...": the one who carries them speaks
        if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX"):
            return _subject(head.head, depth + 1)
        if head.dep_ in ("nsubj",):
            return head
        carrier = _carrier(head) if head.lemma_.lower() in lx.INSCRIPTIONS else None
        if carrier is not None:
            return _subject(carrier, depth + 1)
    if verb.dep_ == "relcl":
        return head
    return None


def _carrier(noun: Token) -> Token | None:
    """The verb whose subject carries a sign, placard or banner ("They carried placards
    ... as well as a drum with a sign demanding ..."): the nearest verb up the noun's
    heads that stands outside any quotation (the parser may hang "with a sign" on a verb
    inside the quoted slogan before it)."""
    t = noun
    for _ in range(8):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX") and quote_index(t.doc).inside(t) is None:
            return t
    return None


def _name_before(verb: Token) -> Token | None:
    """A name standing just before a main verb the parser gave no subject ("Speaking in
    their defense, Tom Molomby, SC, said", where the name hangs off the participle): the
    name, past its commas and appositions, speaks."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_punct and doc[i].text != '"':
        i -= 1
    if i < 0 or sent_of(doc[i]).start != sent_of(verb).start:
        return None
    t = doc[i]
    while t.dep_ == "appos" and t.head.i < t.i:
        t = t.head
    if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG") and t.dep_ not in ("pobj", "poss"):
        return t
    return None


def _cue_tokens(verb: Token) -> list[Token]:
    """The cue with adjacent auxiliaries, negation, adverbs and particles ("did not say")."""
    toks = [verb]
    for c in children(verb):
        if (
            (c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)
            or (c.dep_ == "advmod" and c.i < verb.i and verb.i - c.i <= 2 and c.lower_ != "when")
            or c.dep_ == "prt"
        ):
            toks.append(c)
    # "continued to express", "went on to say": the linking verb joins the cue
    if verb.dep_ == "xcomp" and verb_lemma(verb.head) in lx.LINK_VERBS:
        toks.append(verb.head)
        toks.extend(c for c in children(verb) if c.dep_ == "aux" and c.lower_ == "to")
        toks.extend(
            c for c in children(verb.head) if c.dep_ in ("aux", "neg", "prt") and c.i < verb.i
        )
    toks = sorted(set(toks), key=lambda t: t.i)
    # keep one contiguous run ending at the verb (or its particle)
    run = [verb]
    i = verb.i - 1
    idx = {t.i for t in toks}
    while i in idx:
        run.insert(0, verb.doc[i])
        i -= 1
    for t in toks:
        if t.i > verb.i and t.dep_ == "prt" and t.i == run[-1].i + 1:
            run.append(t)
    # "said Tuesday", "said in a statement", "said in an interview on Monday"
    nxt = run[-1].i + 1
    doc = verb.doc
    if nxt < len(doc):
        t = doc[nxt]
        if t.head.i == verb.i and t.dep_ == "npadvmod" and t.lower_ in lx.WHEN_WORDS:
            run.append(t)
        elif t.head.i == verb.i and t.dep_ == "prep" and t.lower_ == "in":
            pobj = next((p for p in children(t) if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lx.INSTRUMENT_NOUNS:
                run.extend(doc[t.i : t.right_edge.i + 1])
    return run


def _quote_after(doc: Doc, tok: Token, qi: QuoteIndex, max_gap: int = 3) -> Quote | None:
    """A quote opening within a few characters after ``tok`` (", :" allowed between)."""
    return _quote_from(doc, tok.idx + len(tok.text), qi, max_gap)


def _quote_from(doc: Doc, end: int, qi: QuoteIndex, max_gap: int = 3) -> Quote | None:
    """A quote opening within a few characters after offset ``end``."""
    q = qi.first_from(end)
    if q is None or q.start - end > max_gap:
        return None
    return q if all(ch in " ,:\t\n—–-" for ch in doc_text(doc)[end : q.start]) else None


def _quote_before(doc: Doc, start: int, qi: QuoteIndex) -> Quote | None:
    """A quote ending just before ``start`` ("...,” she said)."""
    best = qi.last_before(start)
    if best is None or start - best.end > 3:
        return None
    return best if all(ch in " ,\t—–-" for ch in doc_text(doc)[best.end : start]) else None


def _following_quote(doc: Doc, sent_end: int, qi: QuoteIndex) -> Quote | None:
    """The quote that goes on right after the cue's sentence ("...,” he said. “More.”):
    in the same paragraph (a sentence ends after its trailing line breaks), and not one
    that ends with a comma, which waits for a cue of its own ("“More,” she added")."""
    text = doc_text(doc)
    while sent_end > 0 and text[sent_end - 1].isspace():
        sent_end -= 1
    nxt = qi.first_from(sent_end)
    if nxt is None:
        return None
    gap = text[sent_end : nxt.start]
    if gap.strip() or "\n" in gap:
        return None
    if (
        text[nxt.inner_start : nxt.inner_end].rstrip().endswith(",")
        or text[nxt.end : nxt.end + 1] == ","
    ):
        return None
    return nxt


def _content_from_clause(clause: Token, drop: list[Token]) -> tuple[int, int]:
    s, e = subtree_range(clause, drop)
    return trim(doc_text(clause.doc), s, e)


def _according_to(tok: Token) -> Token | None:
    """For the "according" of "according to X", the X."""
    if tok.lower_ != "according":
        return None
    for c in children(tok):
        if c.lower_ == "to":
            for p in children(c):
                if p.dep_ == "pobj":
                    return p
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for p in children(nxt):
            if p.dep_ == "pobj":
                return p
    return None


def _in_words_of(tok: Token) -> tuple[list[Token], Token] | None:
    """For the "words" of "in the words of X", the cue ("in the words of") and the X."""
    if tok.lower_ != "words" or tok.i < 2 or tok.dep_ != "pobj":
        return None
    det, prep = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if det.lower_ != "the" or prep.lower_ != "in" or tok.head.i != prep.i:
        return None
    of = next((c for c in children(tok) if c.lower_ == "of"), None)
    src = next((p for p in children(of) if p.dep_ == "pobj"), None) if of is not None else None
    return ([prep, det, tok, of], src) if of is not None and src is not None else None


def _attributed_to(
    src: Token, cue: list[Token], pieces: list[tuple[int, int]], lemma: str, relay: list[Token]
) -> Candidate:
    """The candidate of a phrase that gives its sentence's words to ``src`` ("according
    to X", "in the words of X")."""
    return Candidate(
        cue=cue,
        content=pieces,
        source=src,
        source_range=_np_range(src),
        kind=Kind.ACCORDING_TO,
        lemma=lemma,
        relay=relay,
    )


def _quoting_after(doc: Doc, end: int) -> tuple[Token, Token] | None:
    """After an "according to X" ending at token ``end``: a ", quoting Y" or ", citing Y"
    participle, as (the participle, Y)."""
    i = end + 1
    while i < len(doc) and doc[i].is_punct:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in ("quoting", "citing"):
        return None
    verb = doc[i]
    quoted = next((c for c in children(verb) if c.dep_ == "dobj"), None)
    return (verb, quoted) if quoted is not None else None


def _relays_in(sent: SpacySpan) -> list[Token]:
    """The "according" of each "according to X" in ``sent``, found once per sentence
    (every cue of a sentence asks; a sentence of thousands of cues made it quadratic)."""
    doc = sent.doc
    cache = doc.user_data.setdefault("claimgraph_relays", {})
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = [t.i for t in sent if _according_to(t) is not None]
    return [doc[i] for i in found]


def _is_verbal_cue(tok: Token, qi: QuoteIndex) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (
        tok.tag_ in ("JJ", "VBN", "VBD") and tok.dep_ == "amod"
    ):
        return False
    lemma = verb_lemma(tok)
    if lemma not in lx.CUE_VERBS or qi.inside(tok) is not None:
        return False
    if tok.i > 0 and tok.nbor(-1).text.endswith("<"):
        return False  # markup left in the text: <tweet id=...>
    if tok.dep_ == "amod":
        # "decried reports of X" yes; "the alleged purge" no
        return tok.i == tok.head.left_edge.i and tok.i < tok.head.i
    if tok.dep_ in ("acl", "relcl") and any(c.lower_ == "to" for c in children(tok)):
        return False  # "no reason to believe", "no evidence to support"
    # "told X not to believe": the outer cue already took this clause as its content
    return not (
        tok.dep_ == "xcomp"
        and verb_lemma(tok.head) in lx.CUE_VERBS
        and verb_lemma(tok.head) not in lx.LINK_VERBS
    )


def _object_content(verb: Token, lemma: str) -> tuple[list[Token], Token | None, list[Token]]:
    """Content heads from objects and cue prepositions; the addressee; extra cue words."""
    heads: list[Token] = []
    addressee: Token | None = None
    extra_cue: list[Token] = []
    dobj = next((c for c in children(verb) if c.dep_ in ("dobj", "dative")), None)
    clause = next((c for c in children(verb) if c.dep_ in ("ccomp", "xcomp")), None)
    if lemma in ("tell", "ask", "urge", "inform", "assure", "warn", "remind", "advise", "order"):
        if dobj is not None and (clause is not None or lemma in ("tell", "assure", "inform")):
            addressee = dobj
            dobj = None
    if lemma == "accuse" and dobj is not None:
        of = next((c for c in children(verb) if c.dep_ == "prep" and c.lower_ == "of"), None)
        heads.append(dobj)
        if of is not None:
            heads.append(of)
        return heads, addressee, extra_cue
    for prep_word in lx.CUE_PREPS.get(lemma, ()):
        for c in children(verb):
            if c.lower_ == prep_word and c.dep_ in ("prep", "mark", "dative") and c.i > verb.i:
                if c.dep_ == "mark":
                    continue
                objs = [p for p in children(c) if p.dep_ in ("pobj", "pcomp")]
                if objs:
                    extra_cue.append(c)
                    heads.extend(objs)
        # "call for the Kremlin to investigate": for is the mark of a clause
        for c in children(verb):
            if c.dep_ == "advcl":
                mark = next((m for m in children(c) if m.dep_ == "mark"), None)
                if mark is not None and mark.lower_ == prep_word and mark.i == verb.i + 1:
                    extra_cue.append(mark)
                    heads.append(c)
    if heads:
        return heads, addressee, extra_cue
    if dobj is not None:
        heads.append(dobj)
    return heads, addressee, extra_cue


def _quote_cue_candidates(doc: Doc, qi: QuoteIndex, used_quotes: set[int]) -> list[Candidate]:
    """“...,” NAME said / “...,” said NAME: read off the surface, not the parse, which
    often attaches the quote to the speaker's name."""
    text = doc_text(doc)
    out = []
    for q in qi.quotes:
        inner = text[q.inner_start : q.inner_end].rstrip()
        after = text[q.end : q.end + 2]
        if not (inner.endswith((",", "?", "!", "—", "-")) or after.startswith(",")):
            continue
        span = doc.char_span(q.end, min(len(text), q.end + 200), alignment_mode="expand")
        if span is None:
            continue
        toks: list[Token] = []
        for t in span:
            if t.text in (".", ";") or "\n" in t.text or (t.is_sent_start and toks):
                break
            toks.append(t)
            if len(toks) > 25:
                break
        verb = next(
            (
                t
                for t in toks
                if t.pos_ in ("VERB", "AUX")
                and verb_lemma(t) in lx.SPEECH_VERBS
                and t.tag_ != "VBG"
            ),
            None,
        )
        if verb is None:
            continue
        before = [t for t in toks if t.i < verb.i and not t.is_punct]
        if len(before) > 12:
            continue
        if before and before[0].pos_ == "AUX":
            continue
        cue = _cue_tokens(verb)
        cue_idx = {t.i for t in cue}
        before = [t for t in before if t.i not in cue_idx]
        if before:
            src_toks = [t for t in toks if t.i < cue[0].i]
            head = np_head([t for t in src_toks if not t.is_punct])
            rng = trim(text, src_toks[0].idx, src_toks[-1].idx + len(src_toks[-1].text))

        else:
            head = next(
                (c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i),
                None,
            )
            if head is None:
                nxt = [t for t in toks if t.i > cue[-1].i]
                run: list[Token] = []
                for t in nxt:
                    if t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON") or (
                        t.text in (",", "’s", "'s") and run
                    ):
                        run.append(t)
                    else:
                        break
                head = np_head(run) if run else None
            if head is None:
                continue
            rng = _np_range(head, cut_relcl=False)
        if head is None:
            continue
        pieces = [(q.start, q.end)]
        used_quotes.add(id(q))
        sent_end = sent_of(verb).end_char
        # the quotation goes on in the same sentence: “...,” she said, “and ...”
        end = max(verb.idx + len(verb.text), rng[1])
        on = _quote_from(doc, end, qi)
        if on is not None and id(on) not in used_quotes and "\n" not in text[end : on.start]:
            pieces.append((on.start, on.end))
            used_quotes.add(id(on))
        # no verb after the source in the rest of the sentence (a token's index is at
        # most its offset, so "t.i > rng[1]" also puts it past the source)
        elif not verb_in(doc, max(verb.i, rng[1]) + 1, sent_of(verb).end):
            nxt_q = _following_quote(doc, sent_end, qi)
            if nxt_q is not None and id(nxt_q) not in used_quotes:
                pieces.append((nxt_q.start, nxt_q.end))
                used_quotes.add(id(nxt_q))
        out.append(
            Candidate(
                cue=cue,
                content=pieces,
                source=head,
                source_range=rng,
                kind=Kind.DIRECT,
                lemma=verb_lemma(verb),
                quote_based=True,
                negated=any(c.dep_ == "neg" for c in children(verb)),
            )
        )
    return out


_AND_GAP = re.compile(r"^\s*,?\s*(and|or|as well as)\s*$")
_DASH_SOURCE = re.compile(r"[ \t\xa0]*([―—–-])[ \t\xa0]*([^\n“”\"]{2,80}?)[ \t\xa0.]*(?=\n|$)")
_COLON_LINE = re.compile(
    r"^(?P<src>(?:[A-Z][\w.’'-]*[ \t]?){1,4}):[ \t]+(?P<content>\S[^\n]{8,})$", re.M
)


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _dash_candidates(doc: Doc, qi: QuoteIndex, used_quotes: set[int]) -> list[Candidate]:
    """“...” ― Name: a quote signed by a dash and a name at the end of its line."""
    text = doc_text(doc)
    out = []
    for q in qi.quotes:
        if id(q) in used_quotes:
            continue
        m = _DASH_SOURCE.match(text, q.end)
        if m is None or not m.group(2)[:1].isupper():
            continue
        s, e = trim(text, m.start(2), m.end(2))
        head = _token_at(doc, s)
        dash = _token_at(doc, m.start(1))
        if head is None or dash is None:
            continue
        used_quotes.add(id(q))
        out.append(
            Candidate(
                cue=[dash],
                content=[(q.start, q.end)],
                source=head,
                source_range=(s, e),
                kind=Kind.DIRECT,
                lemma="say",
                quote_based=True,
            )
        )
    return out


def _colon_candidates(doc: Doc) -> list[Candidate]:
    """Headlines and transcripts: "Name: what they said" on a line of its own."""
    text = doc_text(doc)
    out = []
    for m in _COLON_LINE.finditer(text):
        src = m.group("src").strip()
        if src.split()[0].lower() in lx.LABEL_WORDS:
            continue
        s, e = m.start("src"), m.start("src") + len(src)
        head = _token_at(doc, e - 1)
        colon = _token_at(doc, m.end("src"))
        if head is None or colon is None or colon.text != ":":
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in doc.char_span(s, e, "expand") or []):
            continue
        cs, ce = trim(text, m.start("content"), m.end("content"))
        out.append(
            Candidate(
                cue=[colon],
                content=[(cs, ce)],
                source=np_head(list(doc.char_span(s, e, "expand") or [])) or head,
                source_range=(s, e),
                kind=Kind.DIRECT if _all_quoted(text, cs, ce) else Kind.INDIRECT,
                lemma="say",
            )
        )
    return out


def _all_quoted(text: str, s: int, e: int) -> bool:
    return text[s:e].startswith(("“", '"')) and text[s:e].rstrip(".").endswith(("”", '"'))


def find_candidates(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    text = doc_text(doc)
    used_quotes: set[int] = set()
    cands: list[Candidate] = _quote_cue_candidates(doc, qi, used_quotes)
    cands += _dash_candidates(doc, qi, used_quotes)
    cands += _colon_candidates(doc)
    quote_cues = {t.i for c in cands for t in c.cue}

    for tok in doc:
        if tok.i % 256 == 0:
            checkpoint()  # a server's analysis past its budget stops here
        # -- according to X -------------------------------------------------------
        src = _according_to(tok)
        if src is not None and qi.inside(tok) is None:
            sent = sent_of(tok)
            to_tok = next((c for c in children(tok) if c.lower_ == "to"), tok.nbor(1))
            phrase = [tok, *list(to_tok.subtree)]
            p_lo = min(t.i for t in phrase)
            p_hi = max(t.i for t in phrase)
            cue = [tok, to_tok]
            relay: list[Token] = []
            quoting = _quoting_after(doc, p_hi)
            if quoting is not None:
                # "According to Yonhap, quoting KCNA, ...": KCNA speaks, Yonhap relays
                verb, quoted = quoting
                relay, src = [src], quoted
                cue.append(verb)
                quote_cues.add(verb.i)
                # the quoted name ends at its subtree's end or the first comma after it
                # (the parser may hang the clause that follows on it)
                p_hi, last = quoted.i, subtree_end(quoted)
                while p_hi < last and doc[p_hi + 1].text not in (",", ";", ":"):
                    p_hi += 1
            # content: the sentence outside the phrase
            pieces = []
            if p_lo > sent.start:
                pieces.append(trim(text, sent.start_char, doc[p_lo].idx))
            if p_hi + 1 < sent.end:
                pieces.append(trim(text, doc[p_hi].idx + len(doc[p_hi].text), sent.end_char))
            pieces = [p for p in pieces if p[1] - p[0] > 1]
            if pieces:
                cands.append(_attributed_to(src, cue, pieces, "according to", relay))
            continue

        # -- in the words of X: X's words are the clause the phrase sits in ------------
        words = _in_words_of(tok)
        if words is not None and qi.inside(tok) is None:
            cue, src = words
            clause = cue[0].head
            phrase = list(cue[0].subtree)
            end = clause.right_edge.idx + len(clause.right_edge)
            pieces = cut_out(
                [(clause.left_edge.idx, end)], (phrase[0].idx, phrase[-1].idx + len(phrase[-1]))
            )
            pieces = [p for p in (trim(text, a, b) for a, b in pieces) if p[1] - p[0] > 1]
            # a quotation the clause opens is whole (the parse may leave its end outside)
            pieces = [
                (a, q.end) if (q := qi.at(a)) is not None and q.start == a and q.end > b else (a, b)
                for a, b in pieces
            ]
            if pieces and clause.pos_ in ("VERB", "AUX"):
                cands.append(_attributed_to(src, cue, pieces, "in the words of", []))
            continue

        # -- verbal cues -----------------------------------------------------------
        if tok.i in quote_cues:
            continue
        if _is_verbal_cue(tok, qi):
            c = _verbal_candidate(doc, tok, qi, used_quotes)
            if c is not None:
                cands.append(c)
                cands.extend(replace(c, content=[sib], siblings=[]) for sib in c.siblings)
            continue

        # -- nominal cues: "X's denial that ...", "claims of Y, which originated in X"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.CUE_NOUNS and qi.inside(tok) is None:
            c = _nominal_candidate(doc, tok)
            if c is not None:
                cands.append(c)

    return cands


def _relative_object(verb: Token) -> Token | None:
    """The noun a relative clause's cue takes as its object through the relative pronoun
    ("a policy which the UN has criticised", "the claims that he denied"), if any."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    kids = children(verb)
    rel = next((c for c in kids if c.dep_ in ("dobj", "pobj")), None)
    if rel is None:
        # "which, according to AFP, the UN has criticised": parsed as two subjects, the
        # relative pronoun first
        subjects = [c for c in kids if c.dep_ == "nsubj"]
        rel = subjects[0] if len(subjects) > 1 else None
    if rel is None or rel.tag_ not in ("WDT", "WP") or rel.i > verb.i:
        return None
    # the parse hangs the clause on the nearest noun; what is criticised or denied is the
    # noun phrase it ends ("a policy of turning away boats, which the UN criticised")
    noun = verb.head
    while noun.dep_ in ("dobj", "pobj"):
        up = noun.head
        if up.dep_ == "prep" and up.head.dep_ == "pcomp":  # "of closing it to boats"
            up = up.head
        if up.dep_ == "pcomp":  # "of closing the harbour"
            up = up.head
        if up.dep_ != "prep" or up.lower_ != "of" or up.head.pos_ not in ("NOUN", "PROPN"):
            break
        noun = up.head
    return noun


def _verbal_candidate(
    doc: Doc, verb: Token, qi: QuoteIndex, used_quotes: set[int]
) -> Candidate | None:
    text = doc_text(doc)
    lemma = verb_lemma(verb)
    is_amod = verb.dep_ == "amod"
    cue = [verb] if is_amod else _cue_tokens(verb)
    pieces: list[tuple[int, int]] = []
    quote_based = False
    addressee: Token | None = None
    siblings: list[tuple[int, int]] = []
    sent = sent_of(verb)
    subj = _subject(verb)
    passive = any(c.dep_ == "auxpass" for c in children(verb)) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in children(verb))
    )
    if is_amod:
        # "decried reports of ...": a participle the tagger read as an adjective
        obj = verb.head
        pieces.append(_content_from_clause(obj, [verb]))
        s, e = pieces[0]
        if s < verb.idx + len(verb.text) <= e:
            pieces[0] = trim(text, verb.idx + len(verb.text), e)
        h = obj
        while h.dep_ == "conj" and h.head.i != h.i:
            h = h.head
        if h.dep_ in ("dobj", "pobj"):
            gov = h.head.head if h.dep_ == "pobj" else h.head
            subj = _subject(gov)
        else:
            return None
    else:
        clauses = [
            c
            for c in children(verb)
            if c.dep_ in ("ccomp", "csubj") or (c.dep_ == "xcomp" and lemma not in lx.LINK_VERBS)
        ]
        drop = _relays_in(sent)
        heads, addressee, extra = _object_content(verb, lemma)
        if clauses:
            for cl in clauses:
                if subj is not None and cl.i <= subj.i <= subtree_end(cl):
                    continue
                pieces.append(_content_from_clause(cl, drop))
        # "..., X said, ...": the cue hangs off the content's verb
        if not pieces and verb.dep_ == "parataxis":
            head = verb.head
            s, e = subtree_range(head, [verb, *drop])
            pieces.append(trim(text, s, e))
        antecedent = _relative_object(verb)
        if not pieces and antecedent is not None:
            # "a policy which the UN has criticised": what is criticised is the policy
            pieces.append(_np_range(antecedent, cut_relcl=True))
        if not pieces:
            if heads:
                cue = sorted({*cue, *extra}, key=lambda t: t.i)
                lo = min(subtree_range(h, drop)[0] for h in heads)
                hi = max(subtree_range(h, drop)[1] for h in heads)
                pieces.append(trim(text, lo, hi))
            elif passive and lemma in lx.SPEECH_VERBS:
                sp = next((c for c in children(verb) if c.dep_ == "nsubjpass"), None)
                if sp is not None and any(c.dep_ == "agent" for c in children(verb)):
                    pieces.append(_np_range(sp))
                    subj = _subject(verb)
        # Quotes: a quote right after the cue, or one ending right before the source.
        q_after = _quote_after(doc, cue[-1], qi)
        first = min([t.idx for t in cue] + ([subj.left_edge.idx] if subj is not None else []))
        q_before = _quote_before(doc, first, qi)
        if q_before is not None and q_before.start > sent.start_char + 2:
            q_before = None  # the quote must open the sentence: “...,” she said.
        quote_pieces: list[tuple[int, int]] = []
        if q_before is not None and id(q_before) not in used_quotes:
            quote_pieces.append((q_before.start, q_before.end))
            used_quotes.add(id(q_before))
            nxt = q_after
            if nxt is None:
                # a short tail with no verb: the quote goes on in the next sentence
                subj_toks = set(subtree_indices(subj)) if subj is not None else set()
                tail = list(
                    islice(
                        (
                            t
                            for t in doc[cue[-1].i + 1 : sent.end]
                            if not t.is_punct and t.i not in subj_toks
                        ),
                        9,  # more than 8 is too long: no need to count them all
                    )
                )
                if len(tail) <= 8 and not any(t.pos_ == "VERB" for t in tail):
                    nxt = _following_quote(doc, sent.end_char, qi)
            if nxt is not None and id(nxt) not in used_quotes:
                quote_pieces.append((nxt.start, nxt.end))
                used_quotes.add(id(nxt))
        elif (
            q_after is not None
            and id(q_after) not in used_quotes
            and (
                not pieces or any(q_after.start <= p[0] + 2 and p[0] < q_after.end for p in pieces)
            )
        ):
            quote_pieces.append((q_after.start, q_after.end))
            used_quotes.add(id(q_after))
            # "saying “A” and “B”": each quote joined by "and" is a statement of its own
            q = q_after
            while (nxt_q := _joined_quote(doc, q, qi)) is not None and id(nxt_q) not in used_quotes:
                siblings.append((nxt_q.start, nxt_q.end))
                used_quotes.add(id(nxt_q))
                q = nxt_q
        if quote_pieces:
            # the quote replaces clause content that lies within or around it
            pieces = quote_pieces
            quote_based = True
        # a clause that is all inside a quote is a direct quote
    if not pieces:
        return None
    if subj is None and not quote_based:
        # belief and bare reporting verbs with no source are too often not attributions
        if lemma in lx.NEEDS_CLAUSE or lemma in lx.BELIEF_VERBS:
            return None
    if lemma in lx.NEEDS_CLAUSE and not quote_based:
        if not any(c.dep_ in ("ccomp", "xcomp") for c in children(verb)) and lemma not in (
            "call",
            "question",
            "attack",
            "back",
            "support",
            "charge",
        ):
            return None
    if lemma in lx.BELIEF_VERBS and subj is not None and subj.lower_ in ("i", "you", "we"):
        if qi.inside(subj) is not None:
            return None
    pieces = [p for p in pieces if p[1] - p[0] > 1]
    if not pieces:
        return None
    # The source may not overlap the content.
    src_range = _np_range(subj, cut_relcl=subj.lower_ != "who") if subj is not None else None
    if subj is not None and subj.lower_ in ("who", "that", "which") and subj.head.dep_ == "relcl":
        # the relative pronoun is the source phrase; the resolver finds whom it names
        src_range = (subj.idx, subj.idx + len(subj.text))
    if src_range is not None:
        pieces = cut_out(pieces, src_range)
    cue_range = (min(t.idx for t in cue), max(t.idx + len(t.text) for t in cue))
    pieces = cut_out(pieces, cue_range)
    pieces = [trim(text, *p) for p in pieces if p[1] - p[0] > 1]
    pieces = [p for p in pieces if p[1] - p[0] > 1]
    if not pieces:
        return None
    pieces = _whole_quotes(pieces, qi)
    kind = kind_of(pieces, qi, quote_based)
    return Candidate(
        cue=cue,
        content=sorted(pieces),
        source=subj,
        source_range=src_range,
        kind=kind,
        lemma=lemma,
        addressee=addressee,
        quote_based=quote_based,
        negated=any(c.dep_ == "neg" for c in children(verb)),
        siblings=siblings,
    )


def _joined_quote(doc: Doc, q: Quote, qi: QuoteIndex) -> Quote | None:
    nxt = qi.first_from(q.end)
    if nxt is None:
        return None
    gap = doc_text(doc)[q.end : nxt.start]
    return nxt if _AND_GAP.match(gap) else None


def _whole_quotes(pieces: list[tuple[int, int]], qi: QuoteIndex) -> list[tuple[int, int]]:
    """A piece that ends or starts inside a quote takes in the whole quote."""
    out = []
    for s, e in pieces:
        for q in qi.edge_quotes(s, e):
            if q.start < s < q.end or q.start < e < q.end:
                s, e = min(s, q.start), max(e, q.end)
        out.append((s, e))
    return out


def _nominal_candidate(doc: Doc, noun: Token) -> Candidate | None:
    text = doc_text(doc)
    source: Token | None = None
    content_heads: list[Token] = []
    drop: list[Token] = []
    for c in children(noun):
        if c.dep_ == "poss":
            source = c
        elif c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in children(c)):
            content_heads.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("by", "from") and source is None:
            source = next((p for p in children(c) if p.dep_ == "pobj"), None)
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ in ("of", "about", "that", "over") and not content_heads:
            pobj = next((p for p in children(c) if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            content_heads.append(pobj)
            # "claims of the purge, which originated in X": X is the source
            for r in children(pobj):
                if r.dep_ == "relcl" and r.lemma_ in ("originate", "appear", "come", "surface"):
                    drop.append(r)
                    for p in children(r):
                        if p.dep_ == "prep" and p.lower_ in ("in", "from", "with"):
                            source = source or next(
                                (o for o in children(p) if o.dep_ == "pobj"), None
                            )
    if source is None or not content_heads:
        return None
    lo = min(_content_from_clause(h, drop)[0] for h in content_heads)
    hi = max(_content_from_clause(h, drop)[1] for h in content_heads)
    s, e = trim(text, lo, hi)
    if e - s < 2:
        return None
    return Candidate(
        cue=[noun],
        content=[(s, e)],
        source=source,
        source_range=_np_range(source, cut_relcl=True),
        kind=Kind.NOMINAL,
        lemma=noun.lemma_.lower(),
    )


def extract(doc: Doc) -> tuple[tuple[Statement, ...], tuple[Entity, ...]]:
    """Every attributed statement in ``doc``, and the entities its speakers resolve to."""
    from .scope import finish

    qi = quote_index(doc)
    pairs, resolver = build_statements(doc, rule_candidates(doc, qi), qi)
    return tuple(finish([s for _, s in pairs], doc, qi)), resolver.entities()


def rule_candidates(doc: Doc, qi: QuoteIndex) -> list[Candidate]:
    """The rules' attributions in ``doc``: found, relays attached, duplicates and beliefs
    nested in other statements dropped."""
    from .relays import apply_relays

    cands = find_candidates(doc, qi)
    cands = apply_relays(doc, cands)
    return _drop_nested_beliefs(_dedupe(cands))


def build_statements(
    doc: Doc, cands: list[Candidate], qi: QuoteIndex, *, features: bool = False
) -> tuple[list[tuple[Candidate, Statement]], SpeakerResolver]:
    """Each candidate (in text order, those with content) and its :class:`Statement`:
    speaker resolved, relays named, stance read; and the resolver, which holds the
    entities the speakers resolved to. ``features``: the statements are the learned
    tagger's input, whose contents keep the edges it was trained on (not the scope's)."""
    from .scope import current as current_scope
    from .scope import edges, keeps
    from .speakers import SpeakerResolver
    from .stance import StanceBudget

    text = doc_text(doc)
    resolver = SpeakerResolver(doc, qi)
    budget = StanceBudget(text)
    # the statements of one sentence share its span (its text is not copied for each:
    # a sentence of thousands of clauses would hold its square)
    sentence_spans: dict[tuple[int, int], Span] = {}

    def sentence_span(start: int, end: int) -> Span:
        span = sentence_spans.get((start, end))
        if span is None:
            span = sentence_spans[start, end] = Span.of(text, start, end)
        return span

    out: list[tuple[Candidate, Statement]] = []
    scope = current_scope()
    kept = [c for c in cands if c.content and keeps(doc, c, qi, scope)]
    ordered = sorted(kept, key=lambda c: (min(p[0] for p in c.content), c.cue_start))
    for n, c in enumerate(ordered):
        if n % 64 == 0:
            checkpoint()  # a server's analysis past its budget stops here
        speaker = resolver.resolve(c.source, c.source_range, c.cue[0])
        bounds = c.content if features else edges(doc, c, scope)
        pieces = tuple(Span.of(text, s, e) for s, e in bounds)
        # one piece: the content is that span (not a second copy of its text)
        content = pieces[0] if len(pieces) == 1 else Span.of(text, pieces[0].start, pieces[-1].end)
        cue_pieces = _cue_pieces(text, c.cue)
        cue_span = Span.of(text, cue_pieces[0].start, cue_pieces[-1].end)
        relay = tuple(resolver.name_of(t) for t in c.relay)
        addressee = resolver.name_of(c.addressee) if c.addressee is not None else None
        stance = budget.stance(c, text)
        sent = sent_of(c.cue[0])
        conf = confidence(c, speaker.confidence)
        statement = Statement(
            id=f"S{n + 1}",
            kind=c.kind,
            content=content,
            content_pieces=pieces,
            speaker=speaker,
            cue=cue_span,
            cue_pieces=cue_pieces,
            stance=stance,
            confidence=conf,
            relay=relay,
            addressee=addressee,
            sentence=sentence_span(sent.start_char, sent.end_char),
        )
        out.append((c, statement))
    return out, resolver


def _cue_pieces(text: str, cue: list[Token]) -> tuple[Span, ...]:
    toks = sorted(cue, key=lambda t: t.i)
    runs: list[list[Token]] = [[toks[0]]]
    for t in toks[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return tuple(Span.of(text, r[0].idx, r[-1].idx + len(r[-1].text)) for r in runs)


def _drop_nested_beliefs(cands: list[Candidate]) -> list[Candidate]:
    """A belief or intention verb inside another statement's content ("said she plans
    to ...") is part of what was said, not a statement of its own."""
    spans = [(p, c) for c in cands for p in c.content]
    out = []
    for c in cands:
        if c.lemma in lx.BELIEF_VERBS and c.kind is not Kind.DIRECT:
            at = c.cue_start
            if any(s <= at < e and other is not c for (s, e), other in spans):
                continue
        out.append(c)
    return out


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop a candidate whose content equals another's with the same cue position."""
    seen: set[tuple[tuple[tuple[int, int], ...], int]] = set()
    out = []
    for c in cands:
        key = (tuple(c.content), c.cue_start)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
