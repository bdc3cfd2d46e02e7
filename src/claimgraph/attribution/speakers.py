"""Speaker resolution within one article.

A source phrase is resolved to an entity when it names one ("Dmitry Peskov, Putin's
Press Secretary"), refers back to one (pronouns, relative "who", surnames, definite
descriptions such as "the newspaper" matched against how entities were introduced),
or speaks for one ("a spokesman for the president" resolves to a named spokesperson of
that person when the article names one, and otherwise stays anonymous, affiliated).
Groups ("human rights groups") and documents keep their own words as name; what
cannot be resolved is typed (unresolved pronoun, unresolved description).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Entity, Span, Speaker, SpeakerType
from .lexicon import lx
from .spans import QuoteIndex, children, doc_text, sent_of, sentences, trim

# Tokens a pronoun looks back over for its antecedent (besides the 3 sentences before
# its own): bounds the search in one endless sentence, far beyond any news sentence.
MAX_LOOKBACK = 400

_TITLE_WORDS = frozenset(t.rstrip(".") for t in lx.TITLES)
ENT_TYPES = {
    "PERSON": SpeakerType.PERSON,
    "ORG": SpeakerType.ORGANIZATION,
    "GPE": SpeakerType.PLACE,
    "NORP": SpeakerType.GROUP,
    "FAC": SpeakerType.ORGANIZATION,
    "WORK_OF_ART": SpeakerType.ORGANIZATION,
}


@dataclass
class _Ent:
    id: str
    type: SpeakerType
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    descriptors: dict[str, int] = field(default_factory=dict)  # head noun -> first offset
    affiliation: str | None = None  # entity id this one speaks for

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))


def _speaking_plural(t: Token) -> bool:
    """A plural noun "they" can stand for as a speaker: a proper one ("the Democrats"),
    or a group or body that speaks ("officials", "scientists", "councils"), not any
    plural subject ("scenarios")."""
    if t.tag_ == "NNPS":
        return True
    low = t.lower_
    if low in lx.QUANTIFIERS:
        # "Hundreds of LGBT activists": what they are hundreds of
        of = next((c for c in children(t) if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in children(of) if c.dep_ == "pobj"), None) if of else None
        return obj is not None and _speaking_plural(obj)
    return t.tag_ == "NNS" and (
        low in lx.GROUP_HEADS or low in lx.ANON_HEADS or low in lx.SPEAKING_BODIES
    )


def strip_title(words: list[str]) -> list[str]:
    """``words`` without the titles they open with (one word is always kept)."""
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    return words


def _other_given_name(a: str, b: str) -> bool:
    """Two full names whose given names differ ("Thomas Sam", "Manju Sam"): two people
    of one family, not one person. An initial stands for any name it begins."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    ga, gb = wa[0].rstrip(".").lower(), wb[0].rstrip(".").lower()
    if len(ga) == 1 or len(gb) == 1:
        return ga[0] != gb[0]
    return ga != gb


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    return " ".join(strip_title(text.split()))


class SpeakerResolver:
    def __init__(self, doc: Doc, qi: QuoteIndex) -> None:
        self.doc = doc
        self.qi = qi
        self.ents: list[_Ent] = []
        self.tok_ent: dict[int, _Ent] = {}
        self._build()
        self._memo: dict[int, Speaker] = {}
        # (pronoun token, depth) -> what _pronoun found for it: a pronoun chain looks
        # back at every earlier pronoun subject, so without this each one is resolved
        # again for every later one (exponential in depth on quote-heavy text)
        self._pronoun_memo: dict[tuple[int, int], Speaker] = {}
        # what a pronoun looks back at, in token order: subjects outside quotes, and
        # tokens of people (found once, not by walking every token of every window)
        self._subjects: list[int] | None = None
        self._subject_kinds: list[int] | None = None
        self._people: list[int] | None = None
        self._genders: dict[str, int] | None = None

    # -- entity clusters --------------------------------------------------------------
    def _build(self) -> None:
        doc = self.doc
        spans = [e for e in doc.ents if e.label_ in ENT_TYPES]
        spans = [e for e in spans if not (e.label_ == "NORP" and e.root.tag_ not in ("NNPS",))]
        # people first and longest first, so surnames attach to full names
        order = sorted(
            spans, key=lambda e: (e.label_ != "PERSON", -len(_clean_name(e.text).split()))
        )
        by_key: dict[str, _Ent] = {}
        for e in order:
            name = _clean_name(e.text)
            if not name or not name[0].isalnum():
                continue
            etype = ENT_TYPES[e.label_]
            key = name.lower()
            ent = by_key.get(key)
            if ent is None and (etype is SpeakerType.PERSON or len(name.split()) == 1):
                # a surname (which the tagger may label ORG or GPE) joins the person
                last = name.split()[-1].lower()
                for other in self.ents:
                    if (
                        other.type is SpeakerType.PERSON
                        and any(n.split()[-1].lower() == last for n in other.names)
                        and not any(_other_given_name(name, n) for n in other.names)
                    ):
                        ent = other
                        break
            if ent is None and etype is SpeakerType.ORGANIZATION:
                acro = "".join(w[0] for w in name.split() if w[0].isupper())
                for other in self.ents:
                    if other.type is not SpeakerType.ORGANIZATION:
                        continue
                    for n in other.names:
                        o_acro = "".join(w[0] for w in n.split() if w[0].isupper())
                        if (
                            n.lower() == key
                            or (len(name) <= 5 and name == o_acro)
                            or (len(n) <= 5 and n == acro)
                        ):
                            ent = other
                            break
                    if ent is not None:
                        break
            if ent is None:
                ent = _Ent(id=f"E{len(self.ents) + 1}", type=etype)
                self.ents.append(ent)
            by_key[key] = ent
            if name not in ent.names:
                ent.names.append(name)
            ent.mentions.append((e.start_char, e.end_char))
            for t in e:
                self.tok_ent[t.i] = ent
        for ent in self.ents:
            ent.mentions.sort()
        for e in spans:
            ent = self.tok_ent.get(e.root.i)
            if ent is not None:
                self._descriptors(ent, e.root, e.start, e.end)

    def _descriptors(self, ent: _Ent, root: Token, start: int, end: int) -> None:
        """Role nouns that introduce an entity: "newspaper Novaya Gazeta", "X, Y's aide"."""
        found: list[Token] = []
        for c in children(root):
            if c.dep_ in ("compound", "amod", "nmod") and c.i < start and c.pos_ == "NOUN":
                found.append(c)
            if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and c.i >= end:
                found.append(c)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            found.append(root.head)
        # "Chechnya's leader Ramzan Kadyrov" is parsed with the role as a compound head;
        # "local newspaper the Harbour Gazette" not at all
        for t in self.doc[max(0, start - 3) : start]:
            if t.pos_ == "NOUN" and t.head.i in range(start, end):
                found.append(t)
        j = start - 1
        while j >= 0 and self.doc[j].pos_ == "DET":
            j -= 1
        if j >= 0 and self.doc[j].pos_ == "NOUN":
            found.append(self.doc[j])
        for d in found:
            head = d.lemma_.lower()
            ent.descriptors.setdefault(head, d.idx)
            for c in children(d):
                if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN"):
                    ent.descriptors.setdefault(c.lemma_.lower() + " " + head, d.idx)
                if c.dep_ == "poss":
                    other = self.tok_ent.get(c.i)
                    if other is not None and other is not ent and head in lx.SPOKES | {"press"}:
                        ent.affiliation = other.id
            if head in lx.SPOKES or head == "secretary":
                for c in children(d):
                    if c.dep_ == "prep" and c.lower_ in ("for", "to", "of"):
                        pobj = next((p for p in children(c) if p.dep_ == "pobj"), None)
                        other = self.tok_ent.get(pobj.i) if pobj is not None else None
                        if other is not None and other is not ent:
                            ent.affiliation = other.id

    def entities(self) -> tuple[Entity, ...]:
        text = doc_text(self.doc)
        out = []
        for e in self.ents:
            aliases = tuple(sorted({n for n in e.names if n != e.name}))
            mentions = tuple(Span.of(text, s, t) for s, t in e.mentions)
            out.append(
                Entity(id=e.id, name=e.name, type=e.type, aliases=aliases, mentions=mentions)
            )
        return tuple(out)

    def _ent_by_id(self, eid: str | None) -> _Ent | None:
        return next((e for e in self.ents if e.id == eid), None)

    # -- resolution ---------------------------------------------------------------------
    def name_of(self, tok: Token | None) -> str:
        if tok is None:
            return ""
        sp = self.resolve(tok, None, tok)
        if sp.name:
            return sp.name
        return sp.mention.text if sp.mention else tok.text

    def _speaker_for(self, ent: _Ent, mention: Span | None, conf: float) -> Speaker:
        aff = self._ent_by_id(ent.affiliation)
        return Speaker(
            mention=mention,
            name=ent.name,
            type=ent.type if ent.type is not SpeakerType.PLACE else SpeakerType.ORGANIZATION,
            entity=ent.id,
            affiliation=aff.name if aff else None,
            confidence=conf,
        )

    def resolve(
        self, tok: Token | None, rng: tuple[int, int] | None, cue: Token, depth: int = 0
    ) -> Speaker:
        text = doc_text(self.doc)
        if tok is None:
            return Speaker(mention=None, name=None, type=SpeakerType.UNRESOLVED, confidence=0.1)
        if rng is None:
            rng = trim(text, tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text))
        mention = Span.of(text, *rng)
        low = tok.lower_
        # relative pronoun: the noun the clause hangs on
        if low in ("who", "that", "which") and tok.head.dep_ in ("relcl", "acl") and depth < 4:
            sp = self.resolve(tok.head.head, None, cue, depth + 1)
            return _with_mention(sp, mention, 0.9)
        if tok.pos_ == "PRON" or low in lx.PRONOUNS:
            return self._pronoun(tok, mention, depth)
        ent = self._entity_in_np(tok)
        if ent is not None:
            sp = self._speaker_for(ent, mention, 0.95)
        else:
            sp = self._description(tok, mention, depth)
        return self._with_conjuncts(tok, sp, cue, depth)

    def _with_conjuncts(self, tok: Token, sp: Speaker, cue: Token, depth: int) -> Speaker:
        """ "Ilse Varga and Ana Roth said": one statement, both speakers named."""
        if tok.dep_ == "conj" or sp.name is None:
            return sp  # a conjunct is resolved on its own; its head gathers the rest
        conj = []
        todo = [tok]
        while todo:
            t = todo.pop()
            for c in children(t):
                if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"):
                    conj.append(c)
                    todo.append(c)
        if not conj:
            return sp
        names = [sp.name]
        for c in sorted(conj, key=lambda t: t.i):
            other = self.resolve(c, None, cue, depth + 1)
            if other.name and other.name not in names:
                names.append(other.name)
        if len(names) == 1:
            return sp
        return Speaker(
            mention=sp.mention,
            name=" and ".join([", ".join(names[:-1]), names[-1]]),
            type=SpeakerType.GROUP,
            confidence=min(sp.confidence, 0.8),
        )

    def _entity_in_np(self, tok: Token) -> _Ent | None:
        if tok.i in self.tok_ent:
            return self.tok_ent[tok.i]
        for c in children(tok):
            if c.dep_ == "appos" and c.i in self.tok_ent:
                return self.tok_ent[c.i]
        # "Mr. Sanders" when NER missed it: a proper noun head matching a known surname
        if tok.pos_ == "PROPN":
            for e in self.ents:
                if e.type is SpeakerType.PERSON and any(n.split()[-1] == tok.text for n in e.names):
                    return e
        return None

    def _pronoun(self, tok: Token, mention: Span, depth: int) -> Speaker:
        low = tok.lower_
        if low in ("i", "we", "you", "me", "us") or depth > 3:
            return Speaker(
                mention=mention, name=None, type=SpeakerType.UNRESOLVED_PRONOUN, confidence=0.2
            )
        plural = low in ("they", "them")
        if low == "it":
            return self._it(tok, mention)
        # nearest subject before the pronoun, in this sentence or up to 3 before
        window_start = self._lookback(tok)
        subjects, kinds = self._subject_index()
        wanted = _THEY if plural else (_gender_word(tok) or _HE_OR_SHE)
        lo = bisect_left(subjects, window_start)
        sent_start = sent_of(tok).start
        in_sentence = True
        for k in range(bisect_left(subjects, tok.i) - 1, lo - 1, -1):
            if in_sentence and subjects[k] < sent_start:
                # no subject of its own sentence: a person named in it before the
                # subjects of earlier ones ("X's sister pleaded with him ..., but he
                # replied": X)
                in_sentence = False
                if not plural:
                    near = self._nearest_person(tok.i, sent_start, wanted)
                    if near is not None:
                        return self._speaker_for(near, mention, 0.6)
            kind = kinds[k]
            if kind != _NOT_PRONOUN:
                if kind == wanted or (wanted == _HE_OR_SHE and kind in (_HE, _SHE)):
                    key = (subjects[k], depth + 1)
                    sp = self._pronoun_memo.get(key)
                    if sp is None:
                        # the mention is replaced below, so one result serves every caller
                        t = self.doc[subjects[k]]
                        sp = self._pronoun_memo[key] = self._pronoun(t, mention, depth + 1)
                    if sp.resolved:
                        return _with_mention(sp, mention, 0.7)
                continue
            t = self.doc[subjects[k]]
            if plural:
                if _speaking_plural(t) or (
                    self.tok_ent.get(t.i, None) is not None
                    and (self.tok_ent[t.i].type is SpeakerType.ORGANIZATION)
                ):
                    sp = self.resolve(t, None, t, depth + 1)
                    return _with_mention(sp, mention, 0.65)
                continue
            ent = self._entity_in_np(t)
            if ent is not None and ent.type is SpeakerType.PERSON and self._fits(ent, wanted):
                return self._speaker_for(ent, mention, 0.75)
        # fall back to the nearest person mentioned at all (of the pronoun's gender, when
        # the article shows it)
        near = None if plural else self._nearest_person(tok.i, window_start, wanted)
        if near is not None:
            return self._speaker_for(near, mention, 0.5)
        return Speaker(
            mention=mention, name=None, type=SpeakerType.UNRESOLVED_PRONOUN, confidence=0.2
        )

    def _subject_index(self) -> tuple[list[int], list[int]]:
        """The subjects a pronoun may refer back to (every nsubj and nsubjpass outside a
        quotation): their indices, and what each is (he or she, they, another pronoun,
        not a pronoun)."""
        if self._subjects is None or self._subject_kinds is None:
            self._subjects, self._subject_kinds = [], []
            for t in self.doc:
                if t.dep_ in ("nsubj", "nsubjpass") and self.qi.inside(t) is None:
                    self._subjects.append(t.i)
                    self._subject_kinds.append(_pronoun_kind(t))
        return self._subjects, self._subject_kinds

    def _nearest_person(self, before: int, start: int, wanted: int) -> _Ent | None:
        """The person mentioned last between token ``start`` and ``before`` whom the
        pronoun ``wanted`` can name."""
        people = self._person_tokens()
        for k in range(bisect_left(people, before) - 1, -1, -1):
            if people[k] < start:
                break
            if self._fits(self.tok_ent[people[k]], wanted):
                return self.tok_ent[people[k]]
        return None

    def _fits(self, ent: _Ent, wanted: int) -> bool:
        """Whether a person can be "he" or "she" as ``wanted`` asks: yes unless the
        article shows the other gender (see :meth:`_gender_of`)."""
        if wanted not in (_HE, _SHE):
            return True
        return self._gender_of(ent) in (wanted, None)

    def _gender_of(self, ent: _Ent) -> int | None:
        """What the article shows of a person's gender, when it shows one: a title
        ("Mr.", "Mrs.") before a mention, and the first "he" or "she" subject outside
        quotations after a mention of this person, in its sentence or the next ("Gloria.
        She died" makes Gloria "she"). The majority wins; a tie shows nothing."""
        if self._genders is None:
            votes: dict[str, list[int]] = {}
            people = self._person_tokens()
            last_pronoun = -1
            for t in self.doc:
                kind = _gender_word(t)
                if kind is None or self.qi.inside(t) is not None:
                    continue
                if t.pos_ == "PRON":
                    if t.dep_ not in ("nsubj", "nsubjpass"):
                        continue  # "his", "her": often the subject's, not the nearest's
                    k = bisect_left(people, t.i) - 1
                    seen, last_pronoun = last_pronoun, t.i
                    if k < 0 or people[k] < seen:
                        continue  # only the first pronoun after a mention reads it
                    here = sent_of(t).start
                    if people[k] < here and (
                        here == 0 or people[k] < sent_of(self.doc[here - 1]).start
                    ):
                        continue  # named before the sentence before the pronoun's
                    who = self.tok_ent[people[k]]
                elif t.pos_ in ("PROPN", "NOUN"):  # a title ("miss" the verb is none)
                    nxt = t.i + 1 + (t.i + 1 < len(self.doc) and self.doc[t.i + 1].text == ".")
                    e = self.tok_ent.get(nxt) if nxt < len(self.doc) else None
                    if e is None or e.type is not SpeakerType.PERSON:
                        continue
                    who = e
                else:
                    continue
                votes.setdefault(who.id, [0, 0])[kind == _SHE] += 1
            self._genders = {
                k: (_HE if he > she else _SHE) for k, (he, she) in votes.items() if he != she
            }
        return self._genders.get(ent.id)

    def _person_tokens(self) -> list[int]:
        """Indices of the tokens of people's mentions."""
        if self._people is None:
            self._people = sorted(
                i for i, ent in self.tok_ent.items() if ent.type is SpeakerType.PERSON
            )
        return self._people

    def _lookback(self, tok: Token) -> int:
        """Where a pronoun's search for what it refers to starts: this sentence and up
        to 3 before, at most MAX_LOOKBACK tokens back."""
        sents = sentences(self.doc)
        si = _sentence_number(self.doc, sents).get(sent_of(tok).start, 0)
        return max(sents[max(0, si - 3)].start, tok.i - MAX_LOOKBACK)

    def _it(self, tok: Token, mention: Span) -> Speaker:
        """ "it added": the nearest subject before it that is an organisation, else the
        organisation named last before it, outside quotations, in its lookback window
        (an agency, a ministry, a court), never a person. "The union has launched a
        petition ... of the Supreme Court. It is also encouraging": the union."""
        start = self._lookback(tok)
        subjects, kinds = self._subject_index()
        for k in range(bisect_left(subjects, tok.i) - 1, bisect_left(subjects, start) - 1, -1):
            if kinds[k] != _NOT_PRONOUN:
                continue
            ent = self._entity_in_np(self.doc[subjects[k]])
            if ent is not None and ent.type is SpeakerType.ORGANIZATION:
                return self._speaker_for(ent, mention, 0.65)
        for t in reversed(self.doc[start : tok.i]):
            if self.qi.inside(t) is not None:
                continue
            ent = self.tok_ent.get(t.i)
            if ent is not None and ent.type is SpeakerType.ORGANIZATION:
                return self._speaker_for(ent, mention, 0.6)
        return Speaker(
            mention=mention, name=None, type=SpeakerType.UNRESOLVED_PRONOUN, confidence=0.2
        )

    def _description(self, tok: Token, mention: Span, depth: int) -> Speaker:
        head = tok.lemma_.lower()
        det = next((c.lower_ for c in children(tok) if c.dep_ == "det"), "")
        # "Hundreds of LGBT activists" -> the activists
        if head in lx.QUANTIFIERS:
            of = next((c for c in children(tok) if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((p for p in children(of) if p.dep_ == "pobj"), None) if of else None
            if pobj is not None and depth < 4:
                sp = self._description(pobj, mention, depth + 1)
                return sp
        affiliation = self._affiliation(tok, depth)
        if head in lx.SPOKES_NOUNS or head in lx.ANON_HEADS:
            if head in lx.SPOKES or head == "press":
                named = self._named_spokesperson(affiliation)
                if named is not None:
                    return self._speaker_for(named, mention, 0.6)
            words = head if tok.text.lower() == head else tok.text.lower()
            if affiliation is not None:
                name = f"{words} for {affiliation.name}"
            else:
                name = _np_words(tok)
            return Speaker(
                mention=mention,
                name=name,
                type=SpeakerType.ANONYMOUS,
                anonymous=True,
                affiliation=affiliation.name if affiliation else None,
                confidence=0.6,
            )
        # a definite description naming a role the article introduced ("the newspaper")
        if det in ("the", "this", "that") or tok.dep_ == "poss" or det == "":
            ent = self._by_descriptor(tok)
            if ent is not None:
                return self._speaker_for(ent, mention, 0.6)
        if tok.tag_ in ("NNS", "NNPS") or head in lx.GROUP_HEADS:
            return Speaker(
                mention=mention, name=_np_words(tok), type=SpeakerType.GROUP, confidence=0.6
            )
        if head in lx.DOCUMENT_NOUNS:
            # "Cornyn's statement": the one whose statement it is speaks
            owner = next((c for c in children(tok) if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in lx.PRONOUNS and depth < 4:
                sp = self.resolve(owner, None, owner, depth + 1)
                if sp.resolved:
                    return _with_mention(sp, mention, 0.7)
            return Speaker(
                mention=mention, name=_np_words(tok), type=SpeakerType.DOCUMENT, confidence=0.5
            )
        if det in ("the",) and head in lx.PERSON_ROLES:
            ent = self._recent_person(tok)
            if ent is not None:
                return self._speaker_for(ent, mention, 0.45)
        if any(c.pos_ == "PROPN" for c in tok.subtree) or tok.pos_ == "PROPN":
            return Speaker(
                mention=mention,
                name=_np_words(tok),
                type=SpeakerType.ORGANIZATION if tok.pos_ != "PROPN" else SpeakerType.PERSON,
                confidence=0.5,
            )
        return Speaker(
            mention=mention,
            name=None,
            type=SpeakerType.UNRESOLVED,
            affiliation=affiliation.name if affiliation else None,
            confidence=0.25,
        )

    def _affiliation(self, tok: Token, depth: int) -> _Ent | None:
        """Whom a role noun speaks for: "a spokesman for X", "X's spokesman"."""
        for c in children(tok):
            if c.dep_ == "poss":
                ent = self._entity_in_np(c) or self._resolve_ent(c, depth)
                if ent is not None:
                    return ent
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "to", "at", "from", "with"):
                pobj = next((p for p in children(c) if p.dep_ == "pobj"), None)
                if pobj is not None:
                    ent = self._entity_in_np(pobj) or self._resolve_ent(pobj, depth)
                    if ent is not None:
                        return ent
            if c.dep_ == "compound" and c.i in self.tok_ent:
                return self.tok_ent[c.i]
        return None

    def _resolve_ent(self, tok: Token, depth: int) -> _Ent | None:
        if depth > 3:
            return None
        sp = self.resolve(tok, None, tok, depth + 1)
        return self._ent_by_id(sp.entity)

    def _named_spokesperson(self, affiliation: _Ent | None) -> _Ent | None:
        people = [
            e
            for e in self.ents
            if e.type is SpeakerType.PERSON
            and any(d in lx.SPOKES or d.endswith("secretary") for d in e.descriptors)
        ]
        if affiliation is not None:
            people = [e for e in people if e.affiliation == affiliation.id]
        elif len(people) != 1:
            return None
        return people[0] if len(people) == 1 else None

    def _by_descriptor(self, tok: Token) -> _Ent | None:
        head = tok.lemma_.lower()
        mods = [c.lemma_.lower() for c in children(tok) if c.dep_ in ("compound", "amod")]
        best: tuple[int, _Ent] | None = None
        for e in self.ents:
            if head not in e.descriptors:
                continue
            score = 0
            if any(f"{m} {head}" in e.descriptors for m in mods):
                score += 2
            off = e.descriptors[head]
            score += 1 if off < tok.idx else 0
            if best is None or score > best[0]:
                best = (score, e)
        return best[1] if best else None

    def _recent_person(self, tok: Token) -> _Ent | None:
        # the clause's own subject is not the one it describes
        clause_subj = {c.i for c in children(tok.head) if c.dep_ in ("nsubj", "nsubjpass")}
        for t in reversed(self.doc[max(0, tok.i - 80) : tok.i]):
            ent = self.tok_ent.get(t.i)
            if ent is not None and ent.type is SpeakerType.PERSON and t.i not in clause_subj:
                return ent
        return None


# What a subject is, for the pronouns looking back at it (and _HE_OR_SHE: what a
# singular pronoun of no gender, "one", "who", may name).
_NOT_PRONOUN, _HE, _SHE, _THEY, _OTHER_PRONOUN, _HE_OR_SHE = range(6)
_GENDER_WORDS = {
    **dict.fromkeys(("he", "him", "his", "himself", "mr", "mr."), _HE),
    **dict.fromkeys(("she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss"), _SHE),
}


def _pronoun_kind(t: Token) -> int:
    if t.pos_ != "PRON":
        return _NOT_PRONOUN
    low = t.lower_
    if low in ("he", "she"):
        return _HE if low == "he" else _SHE
    return _THEY if low == "they" else _OTHER_PRONOUN


def _gender_word(t: Token) -> int | None:
    """He or she for a gendered pronoun or title, else None."""
    return _GENDER_WORDS.get(t.lower_)


def _np_words(tok: Token) -> str:
    """The phrase's words without its determiner and trailing clauses."""
    toks = [
        t
        for t in tok.subtree
        if not any(
            a.dep_ in ("relcl", "acl", "appos") and a.head.i == tok.i for a in [*t.ancestors, t]
        )
    ]
    toks = [t for t in toks if not (t.dep_ == "det" and t.head.i == tok.i)]
    toks = [t for t in toks if not t.is_punct or t.text in ("’", "'", "-")]
    if not toks:
        return tok.text
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t.text) for t in toks)
    return " ".join(doc_text(tok.doc)[s:e].split())


def _sentence_number(doc: Doc, sents: list[SpacySpan]) -> dict[int, int]:
    """Sentence start token -> the sentence's position, computed once per doc."""
    index = doc.user_data.get("claimgraph_sent_number")
    if index is None:
        index = {s.start: i for i, s in enumerate(sents)}
        doc.user_data["claimgraph_sent_number"] = index
    assert isinstance(index, dict)
    return index


def _with_mention(sp: Speaker, mention: Span, conf: float) -> Speaker:
    return Speaker(
        mention=mention,
        name=sp.name,
        type=sp.type,
        entity=sp.entity,
        anonymous=sp.anonymous,
        affiliation=sp.affiliation,
        confidence=min(conf, sp.confidence),
    )
