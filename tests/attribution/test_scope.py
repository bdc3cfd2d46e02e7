"""What counts as a statement: speech acts with a source about a proposition, and
contents that stay in their paragraph (issue 14). Fixtures written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.attribution import learned, scope
from claimgraph.attribution.quotes import find_quotes, paragraphs
from claimgraph.errors import ModelError

ENGINES = ["rules", "learned"]

NOT_SPEECH = (
    "The robotics team from Lisbon had been denied visas twice before the contest. "
    "The club was awarded a grant to cover the cost of the trip. "
    "The coach plans to hold a training camp in the mountains next spring. "
    "Citing privacy rules, the ministry kept the list of names closed. "
    "Photos taken on the quay showed twisted rails and scattered debris."
)

SPEECH = (
    "The mayor denied the allegations on Tuesday. "
    "Council members criticised the new parking policy. "
    "Maria Vella, the council leader, said that the budget would be balanced by June. "
    '"We will not raise taxes," she added.'
)


NOT_PROPOSITIONS = (
    "The harbour board was twice denied permits to extend the quay. "
    "The ferry company is also offering free tickets to pupils who want to visit the island. "
    'The sailing club listed its home port as "Nowhere" on the entry form. '
    "Discussing his worries in a radio interview, the harbour master, Ivo Maras, said "
    "that the breakwater would not survive another winter."
)


def _cues(statements: Any) -> set[str]:
    return {st.cue.text.lower() for st in statements if st.cue is not None}


@pytest.mark.parametrize("engine", ENGINES)
def test_acts_that_are_not_speech_are_not_statements(analyze: Any, engine: str) -> None:
    with learned.using(engine):
        found = _cues(analyze(NOT_SPEECH).statements)
    for cue in ("had been denied", "was awarded", "plans", "citing", "showed"):
        assert cue not in found, f"{engine}: {cue!r} taken as a cue: {found}"


@pytest.mark.parametrize("engine", ENGINES)
def test_speech_with_a_noun_phrase_or_clause_stays(analyze: Any, engine: str) -> None:
    with learned.using(engine):
        statements = analyze(SPEECH).statements
    found = _cues(statements)
    assert "denied" in found  # a noun that is itself something said
    assert "criticised" in found  # a cue that judges its object
    assert "said" in found
    speakers = {st.speaker.name for st in statements if st.speaker and st.speaker.resolved}
    assert "Maria Vella" in speakers


def test_the_broad_scope_keeps_polnears_intentions(analyze: Any) -> None:
    text = "The minister plans to visit the flooded villages. She said the army would help."
    with learned.using("rules"):
        narrow = _cues(analyze(text).statements)
        with scope.using("broad"):
            broad = _cues(analyze(text).statements)
    assert "plans" not in narrow
    assert "plans" in broad
    assert "said" in narrow and "said" in broad


def test_an_unknown_scope_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_SCOPE", "everything")
    with pytest.raises(ModelError, match="expected one of statements, broad"):
        scope.current()


ARTICLE = (
    "Harbour strike ends after nine days\n\n"
    "Dock workers in Valletta returned to work on Monday, the union said, after a "
    "nine-day strike over night shifts.\n\n"
    "The port handled 40 ships last week. Cranes stood idle and queues of lorries "
    "reached the motorway, and several ferries were diverted to other ports.\n\n"
    '"We got what we asked for," said Joe Camilleri, the union\'s secretary. "Night '
    'shifts will be paid at double rate from March."\n\n'
    "According to the port authority, the backlog will be cleared by Friday.\n\n"
    "Filed as story number 10."
)


@pytest.mark.parametrize("engine", ENGINES)
def test_contents_stay_in_their_paragraph_unless_quoted(analyze: Any, engine: str) -> None:
    with learned.using(engine):
        statements = analyze(ARTICLE).statements
    paras = paragraphs(ARTICLE)
    quotes = find_quotes(ARTICLE)
    for st in statements:
        for piece in st.content_pieces:
            inside = [(s, e) for s, e in paras if s <= piece.start and piece.end <= e]
            quoted = any(q.start <= piece.start and piece.end <= q.end for q in quotes)
            assert inside or quoted, f"{engine}: {piece.text!r} crosses a paragraph"
    narrative = "The port handled 40 ships"
    assert not any(narrative in st.content.text for st in statements), engine


@pytest.mark.parametrize("engine", ENGINES)
def test_noun_phrases_with_a_verb_inside_are_not_statements(analyze: Any, engine: str) -> None:
    """A noun heads "permits to extend the quay" and "free tickets to pupils who want to
    visit": a verb inside a noun phrase does not make it a clause; a quoted single word
    ('"Nowhere"') is not a quotation; a participle framing another cue ("Discussing his
    worries, X said") is the occasion of a statement, not one."""
    with learned.using(engine):
        statements = analyze(NOT_PROPOSITIONS).statements
    found = _cues(statements)
    for cue in ("denied", "offering", "listed", "discussing"):
        assert not any(cue in f for f in found), f"{engine}: {cue!r} taken as a cue: {found}"
    said = [st for st in statements if st.cue is not None and st.cue.text == "said"]
    assert said and "breakwater" in said[0].content.text


NAMING = (
    "Ferry fares rise in spring\n\n"
    'The chair of the rowing club, Lena Barić, has called the plan "reckless" and '
    '"unfair". The harbour board described the rise as modest.'
)


def _holding(statements: Any, words: str) -> list[Any]:
    """The statements whose content holds ``words``."""
    return [st for st in statements if words in st.content.text]


def _by_cue(statements: Any, word: str) -> Any:
    found = [st for st in statements if st.cue is not None and word in st.cue.text]
    assert found, [(st.cue.text if st.cue else None, st.content.text) for st in statements]
    return found[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_naming_verb_names_its_object(analyze: Any, engine: str) -> None:
    """'called the plan "reckless" and "unfair"': what the object is called is what was
    said of it, so it is in the content (not "the plan" alone). In the broad scope the
    rules keep PolNeAR's edges (the object alone)."""
    with learned.using(engine):
        statements = analyze(NAMING).statements
    called = _by_cue(statements, "called")
    assert called.content.text.startswith("the plan")
    assert "reckless" in called.content.text and "unfair" in called.content.text
    assert "as modest" in _by_cue(statements, "described").content.text
    if engine == "rules":
        with scope.using("broad"), learned.using(engine):
            broad = analyze(NAMING).statements
        assert _by_cue(broad, "called").content.text == "the plan"


def test_quoted_unknowns_leave_the_quotation_whole() -> None:
    """A cue inside a quotation that another statement quotes from before it, with
    nobody to name as its speaker, is the quoted speaker's own words: no statement of
    its own. With a speaker it stays (a relayed claim)."""
    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    text = '"We were never asked, and they say the fares pay for the quay," Lena said.'
    qi = QuoteIndex(find_quotes(text))

    def st(sid: str, content: str, cue: str, speaker: str | None) -> Statement:
        c, k = text.index(content), text.index(cue)
        who = Speaker(None, speaker, SpeakerType.PERSON) if speaker else None
        return Statement(sid, Kind.DIRECT, Span.of(text, c, c + len(content)), who,
                         Span.of(text, k, k + len(cue)))  # fmt: skip

    outer = st("S1", "We were never asked", "said", "Lena")
    inner = st("S2", "the fares pay for the quay", "say", None)
    assert scope.quoted_unknowns([outer, inner], qi) == [outer]
    named = st("S2", "the fares pay for the quay", "say", "Ivo Maras")
    assert scope.quoted_unknowns([outer, named], qi) == [outer, named]
    assert [s.id for s in scope.quoted_unknowns([inner, outer], qi)] == ["S1"]
    with scope.using("broad"):
        assert scope.quoted_unknowns([outer, inner], qi) == [outer, inner]


def test_the_words_of_a_named_speaker_are_no_statement_of_nobody() -> None:
    """Two cues reading the same words ("launched a petition ..., asking the council to
    ..."): the one with a named speaker is the statement; the other, with nobody to
    name, repeats it and goes. Two named speakers of the same words both stay."""
    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    text = "The Ferry Users Group launched a petition, asking the council to cut fares."
    c, words = text.index("the council"), "the council to cut fares"

    def st(sid: str, cue: str, speaker: str | None) -> Statement:
        k = text.index(cue)
        who = Speaker(None, speaker, SpeakerType.ORGANIZATION) if speaker else None
        return Statement(sid, Kind.INDIRECT, Span.of(text, c, c + len(words)), who,
                         Span.of(text, k, k + len(cue)))  # fmt: skip

    group = st("S1", "launched a petition", "Ferry Users Group")
    asking = st("S2", "asking", None)
    assert scope.quoted_unknowns([group, asking], QuoteIndex([])) == [group]
    assert scope.quoted_unknowns([asking], QuoteIndex([])) == [asking]
    other = st("S2", "asking", "Harbour Trust")
    assert scope.quoted_unknowns([group, other], QuoteIndex([])) == [group, other]
    with scope.using("broad"):
        assert scope.quoted_unknowns([group, asking], QuoteIndex([])) == [group, asking]


def test_a_quotation_is_not_the_content_of_a_cue_inside_it() -> None:
    """The learned grouping gave a quotation to a cue inside it ('"A. B, they say C."'):
    the quotation up to the cue becomes a quotation of its own, the cue keeps C."""
    from claimgraph.attribution.learned.extract import _Group, _quoted_cues
    from claimgraph.attribution.spans import QuoteIndex

    text = '"We were never asked. Honestly, they say the fares pay for the quay."'
    qi = QuoteIndex(find_quotes(text))
    cue = text.index("say")
    a = (1, text.index(" Honestly"))
    c = (cue + 4, len(text) - 2)
    g = _Group(cue=[(cue, cue + 3)], content=[a, c])
    lone: list[tuple[int, int]] = []
    _quoted_cues([g], lone, qi)
    assert g.content == [c] and lone == [a]
    # a cue outside any quotation, or a quoted phrase it reads, keeps its content
    text2 = 'She said the board "never asked" anyone.'
    g2 = _Group(cue=[(4, 8)], content=[(9, len(text2) - 1)])
    _quoted_cues([g2], lone, QuoteIndex(find_quotes(text2)))
    assert g2.content == [(9, len(text2) - 1)] and lone == [a]


def test_who_draws_criticism_is_not_who_criticises(nlp: Any) -> None:
    """'The director has drawn both praise for ... and criticism for his fees': the
    subject of "draw", "face", "win" ... is what was said about, not who said it. A
    candidate reading the subject as the source is no statement; one whose source is
    named ("from the union") is not read so."""
    from claimgraph.attribution.candidate import Candidate
    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind

    text = (
        "The port director has drawn both praise for the new quay and criticism for his "
        "fees. The mayor faced criticism from the ferry union for the closures."
    )
    doc = nlp(text)
    qi = QuoteIndex(find_quotes(text))

    def cand(cue: str, content: str, source: str) -> Candidate:
        c0, s0 = text.index(cue), text.index(source)
        toks = [t for t in doc if c0 <= t.idx < c0 + len(cue)]
        src = next(t for t in doc if t.idx == s0)
        k = text.index(content)
        return Candidate(cue=toks, content=[(k, k + len(content))], source=src,
                         source_range=(s0, s0 + len(source)), kind=Kind.INDIRECT,
                         lemma=toks[0].lemma_)  # fmt: skip

    drawn = cand("has drawn both praise for", "his fees", "director")
    assert not scope.keeps(doc, drawn, qi, "statements")
    assert scope.keeps(doc, drawn, qi, "broad")
    union = cand("faced criticism from", "the closures", "union")
    assert scope._targeted(drawn) and not scope._targeted(union)


def test_a_reported_content_ends_with_its_sentence(nlp: Any) -> None:
    """A reported content that runs on into the next sentence's quotation ends with its
    sentence, and the quotation is a statement of its own by the same speaker; one that
    runs on from a sentence before its cue's is a misreading and is left out. Quoted
    contents and the broad scope are left as they are."""
    from dataclasses import replace

    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    text = (
        "Ana Roth issued a statement regarding the closure of the quay. "
        '"Like many sailors, I am angry," she wrote. The port was also accused of delays.'
    )
    doc = nlp(text)
    qi = QuoteIndex(find_quotes(text))

    def span(words: str, end: str | None = None) -> Span:
        a = text.index(words)
        b = text.index(end) + len(end) if end else a + len(words)
        return Span.of(text, a, b)

    roth = Speaker(span("Ana Roth"), "Ana Roth", SpeakerType.PERSON)
    over = Statement("S1", Kind.MIXED, span("the closure", 'angry,"'), roth,
                     span("issued a statement regarding"))  # fmt: skip
    out = scope.within_sentence([over], doc, qi)
    assert [s.content.text for s in out] == [
        "the closure of the quay",
        '"Like many sailors, I am angry,"',
    ]
    assert out[1].kind is Kind.DIRECT and out[1].speaker == roth and out[1].cue is None
    assert [s.id for s in out] == ["S1", "S2"]
    early = replace(over, cue=span("accused of"))  # the same content, a later cue
    assert scope.within_sentence([early], doc, qi) == []
    quoted = Statement("S1", Kind.DIRECT, span('"Like', 'angry,"'), roth, span("wrote"))
    assert scope.within_sentence([quoted], doc, qi) == [quoted]
    with scope.using("broad"):
        assert scope.within_sentence([over], doc, qi) == [over]
    # after a colon a reported content may run over several sentences
    text2 = "The report said: the quay is unsafe. Repairs will take a year."
    doc2 = nlp(text2)
    a = text2.index("the quay")
    colon = Statement("S1", Kind.INDIRECT, Span.of(text2, a, len(text2) - 1), None,
                      Span.of(text2, 11, 15))  # fmt: skip
    assert scope.within_sentence([colon], doc2, QuoteIndex([])) == [colon]


def test_a_reported_content_in_a_later_sentence_than_its_cue_is_no_statement(nlp: Any) -> None:
    """A cue whose reported content is a whole sentence after its own ("had been
    refused permits until May. The mayor later stepped in to let the crews work") took
    another sentence's words: no statement, in the statements scope only."""
    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    text = (
        "The crews of Mayor Ida Kern had been refused permits until May. "
        "The mayor later stepped in to let the crews work."
    )
    doc = nlp(text)
    a, c = text.index("to let"), text.index("had been refused")
    kern = Speaker(Span.of(text, 14, 22), "Ida Kern", SpeakerType.PERSON)
    later = Statement("S1", Kind.INDIRECT, Span.of(text, a, len(text) - 1), kern,
                      Span.of(text, c, c + len("had been refused")))  # fmt: skip
    assert scope.within_sentence([later], doc, QuoteIndex([])) == []
    with scope.using("broad"):
        assert scope.within_sentence([later], doc, QuoteIndex([])) == [later]
    # a quotation, or a content after a colon, may open a later sentence
    quoted = Statement("S1", Kind.DIRECT, later.content, kern, later.cue)
    assert scope.within_sentence([quoted], doc, QuoteIndex([])) == [quoted]


def test_a_signed_paragraph_takes_in_its_unresolved_first_person() -> None:
    """A statement inside a signed paragraph whose speaker is unresolved ("I am
    disappointed with ...") is the signer's own words: the signed paragraph reads it,
    and it goes; one with a resolved speaker keeps the paragraph from being signed."""
    from claimgraph.attribution.quotes import paragraphs
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    text = SIGNED.replace("This was a hard choice", "I am disappointed with the delay")
    borg = Speaker(Span.of(text, text.index("Anna Borg"), text.index("Anna Borg") + 9),
                   "Anna Borg", SpeakerType.PERSON)  # fmt: skip
    s = text.index("The island")
    first = Statement("S1", Kind.INDIRECT, Span.of(text, s, s + 45), borg, None)
    i = text.index("I am")
    me = Speaker(Span.of(text, i, i + 1), None, SpeakerType.UNRESOLVED_PRONOUN)
    d = text.index("the delay")
    nested = Statement("S2", Kind.INDIRECT, Span.of(text, d, d + 9), me,
                       Span.of(text, i + 2, d - 1))  # fmt: skip
    out = scope.signed_paragraphs([first, nested], text, paragraphs(text))
    assert out[0] == first
    assert len(out) == 2 and out[1].content.text.startswith("I am disappointed")
    assert out[1].speaker is not None and out[1].speaker.name == "Anna Borg"
    named = Statement("S2", Kind.INDIRECT, nested.content, borg, nested.cue)
    assert scope.signed_paragraphs([first, named], text, paragraphs(text)) == [first, named]


def test_a_quotation_going_on_after_a_caption_keeps_its_speaker() -> None:
    """A paragraph that is a quotation with no cue and nobody named, one paragraph (a
    photo caption) after a direct quotation, is that speaker going on. With another
    quotation in between, after an indirect statement, or further away, it names
    nobody, and the statements scope leaves a statement with neither cue nor speaker
    out (nothing attributes it); the broad scope keeps it."""
    from claimgraph.attribution.spans import QuoteIndex
    from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

    first = 'Aldo Ferrante said, "Islanders depend on this ferry for school and work."'
    caption = "The Korsholm quay in winter. Image: the council."
    later = '"We will not leave them without a link."'

    def statements(text: str, kind: Kind = Kind.DIRECT) -> list[Statement]:
        a, b = text.index("Islanders"), text.index("work") + 4
        c, d = text.index("We will"), text.index("link") + 4
        who = Speaker(Span.of(text, 0, 12), "Aldo Ferrante", SpeakerType.PERSON)
        cue = Span.of(text, text.index("said"), text.index("said") + 4)
        return [
            Statement("S1", kind, Span.of(text, a, b), who, cue),
            Statement("S2", Kind.DIRECT, Span.of(text, c, d), None, None),
        ]

    def finished(text: str, kind: Kind = Kind.DIRECT) -> list[Statement]:
        qi = QuoteIndex(find_quotes(text))
        return scope.quoted_unknowns(scope.continued_quotes(statements(text, kind), text, qi), qi)

    going_on = finished(f"{first}\n\n{caption}\n\n{later}\n")
    assert [s.speaker.name if s.speaker else None for s in going_on] == ["Aldo Ferrante"] * 2
    other_quote = f'{first}\n\nThe mayor called it "a lifeline".\n\n{later}\n'
    far = f"{first}\n\n{caption}\n\nSchools open on Monday.\n\n{later}\n"
    for text in (other_quote, far):
        assert [s.id for s in finished(text)] == ["S1"]
    assert [s.id for s in finished(f"{first}\n\n{later}\n", Kind.INDIRECT)] == ["S1"]
    with scope.using("broad"):
        assert len(finished(far)) == 2


GOES_ON = (
    "The regatta ended in a draw. After the race, the Gozo skipper, Maria Lopez, said, "
    '"We learned a lot from this race.\n\n'
    'It was a hard day for the crew. We will come back stronger next season."\n\n'
    "The boats sail home on Monday."
)


def test_a_quotation_going_on_with_no_opening_mark_is_a_quotation() -> None:
    """The second paragraph of a quotation that opens no mark of its own is a quotation
    up to its closing mark; a paragraph with a quotation of its own is not taken."""
    second = GOES_ON.index("It was")
    quotes = find_quotes(GOES_ON)
    assert [(q.start, q.closed) for q in quotes][1] == (second, True)
    assert GOES_ON[quotes[1].inner_start : quotes[1].inner_end].endswith("next season.")
    own = GOES_ON.replace("It was a hard day", 'The "hard day" was')
    assert all(q.start != second for q in find_quotes(own))


@pytest.mark.parametrize("engine", ENGINES)
def test_its_paragraph_is_the_same_speaker_going_on(analyze: Any, engine: str) -> None:
    with learned.using(engine):
        statements = analyze(GOES_ON).statements
    going_on = [st for st in statements if "come back stronger" in st.content.text]
    assert len(going_on) == 1, engine
    st = going_on[0]
    assert st.speaker is not None and st.speaker.name == "Maria Lopez", engine
    assert st.kind.value == "direct" and "learned a lot" not in st.content.text
    assert not any("boats sail" in s.content.text for s in statements)


SPLIT = (
    '"The new quay will open in May," Lena Kovacs, the harbour master, said on Friday. '
    '"Ferries will dock there from the first week."\n\n'
    '"We asked for a bigger budget," she said, "and the council agreed to it."\n\n'
    '"The work is on time," said the builder, Marko Sandor. '
    '"Nothing has gone wrong," he added.'
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_quotation_split_into_sentences_by_its_cue_is_two_statements(
    analyze: Any, engine: str
) -> None:
    """'"A," X said. "B."' is two statements, same speaker and cue; a quotation split
    inside one sentence stays one; a piece another cue reads is not read twice."""
    with learned.using(engine):
        statements = analyze(SPLIT).statements

    def holding(words: str) -> list[Any]:
        return _holding(statements, words)

    (first,), (second,) = holding("open in May"), holding("Ferries will dock")
    assert first is not second, engine
    for st in (first, second):
        assert st.speaker is not None and st.speaker.name == "Lena Kovacs", engine
        assert st.cue is not None and st.cue.text == "said", engine
    (budget,) = holding("bigger budget")
    assert "council agreed" in " ".join(p.text for p in budget.content_pieces), engine
    assert len(holding("Nothing has gone wrong")) == 1, engine


SIGNED = (
    "The island council chose Marsaxlokk for the new ferry terminal on Tuesday, its leader, "
    "Anna Borg, said at a briefing.\n\n"
    "This was a hard choice, but the harbour there is deep enough for the new ships.\n\n"
    "Anna Borg, council leader\n\n"
    "The terminal opens in two years.\n\n"
    "Tickets will cost the same as they do now on every route.\n\n"
    "Mark Vella, reporter"
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_paragraph_signed_by_a_speaker_is_theirs(analyze: Any, engine: str) -> None:
    """A paragraph set apart and signed on a line of its own by a speaker of the
    article is that speaker's quotation; a name nobody speaks as signs nothing."""
    with learned.using(engine):
        statements = analyze(SIGNED).statements
    (signed,) = [st for st in statements if "hard choice" in st.content.text]
    assert signed.speaker is not None and signed.speaker.name == "Anna Borg", engine
    assert signed.speaker.mention is not None
    assert SIGNED[signed.speaker.mention.start :].startswith("Anna Borg, council leader")
    assert not any("Tickets will cost" in st.content.text for st in statements), engine


def test_range_counts_match_a_scan() -> None:
    import random

    from claimgraph.attribution.scope import _Ranges

    rng = random.Random(7)
    ranges = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 200) for _ in range(80))]
    index = _Ranges(ranges)
    for _ in range(300):
        s = rng.randint(0, 240)
        e = s + rng.randint(1, 40)
        assert index.count(s, e) == sum(a < e and s < b for a, b in ranges)


TRANSCRIPT = (
    "Harbour Master Ivo Maras spoke to the radio host Clara Dingli about the storm on "
    "Sunday. A partial transcript follows:\n\n"
    '"DINGLI: Will the breakwater hold through another winter?\n\n'
    '"MARAS: It will not, and the board has known that for three years. We asked for the '
    "money twice.\n\n"
    '"The second time, the minister told us the budget was closed.\n\n'
    '"(CROSSTALK.)\n\n'
    '"DINGLI: So who pays for the repairs?\n\n'
    '"MARAS: The ferry company has offered half the cost."\n\n'
    '"Follow Clara Dingli on the station\'s website."'
)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_transcript_turn_is_its_speakers_statement(analyze: Any, engine: str) -> None:
    """'"MARAS: ..."' in a printed dialogue is a direct statement by the person the
    capitals name (found in the text), the colon its cue, its stance read from its
    words; a turn quoted open goes on
    through the paragraphs that open a mark, up to a stage direction; a sign-off after
    the last turn is nobody's."""
    with learned.using(engine):
        statements = analyze(TRANSCRIPT).statements

    def holding(words: str) -> Any:
        (st,) = _holding(statements, words)
        return st

    first = holding("has known that")
    assert first.content.text.startswith("It will not"), engine
    assert "the budget was closed" in first.content.text, engine
    assert "CROSSTALK" not in first.content.text, engine
    for words, name in (("breakwater hold", "Clara Dingli"), ("offered half", "Ivo Maras")):
        st = holding(words)
        assert st.speaker is not None and st.speaker.name == name, (engine, words)
        assert st.cue is not None and st.cue.text == ":", (engine, words)
        assert st.kind.value == "direct", (engine, words)
    assert first.speaker is not None and first.speaker.name == "Ivo Maras", engine
    assert holding("breakwater hold").stance.value == "questions", engine  # no cue word
    assert not any("Follow Clara" in st.content.text for st in statements), engine
    assert not any("DINGLI" in st.content.text or "MARAS" in st.content.text for st in statements)


def test_a_lone_capitalised_label_is_no_speaker(analyze: Any) -> None:
    """ "UPDATE:" opening one paragraph is no transcript: it names nobody."""
    text = (
        "UPDATE: The ferry service resumed on Monday morning after the storm passed.\n\n"
        "The harbour board said the breakwater had held."
    )
    statements = analyze(text).statements
    assert not any(st.cue is not None and st.cue.text == ":" for st in statements)


@pytest.mark.parametrize(
    ("content", "stance"),
    [
        ("Will the breakwater hold through the winter?", "questions"),
        ('"We urge the board to find the money now."', "calls_for_action"),
        ("We call for an inquiry into the contracts.", "calls_for_investigation"),
        ("The story about the leak is a hoax.", "denies"),
        ("The breakwater held.", "asserts"),
    ],
)
def test_a_statement_with_no_cue_word_takes_its_stance_from_its_words(
    content: str, stance: str
) -> None:
    from claimgraph.attribution.stance import content_stance

    assert content_stance(content).value == stance


def test_a_quote_a_colon_introduces_still_goes_on(analyze: Any) -> None:
    """Only a transcript's turn keeps its speaker from the quotation after it: a quote
    introduced by 'Title Name:' lends its speaker to the quotation that goes on (the
    learned engine; the rules engine reads no 'Title Name: "..."' at all)."""
    engine = "learned"
    text = (
        "The council met on Tuesday to vote on the budget.\n\n"
        'Council leader Maria Vella: "We will not raise taxes this year, whatever the '
        'board says."\n\n'
        '"We will sell the mayor\'s car instead and keep the ferries running."\n\n'
        "The vote is on Friday."
    )
    with learned.using(engine):
        statements = analyze(text).statements
    (going_on,) = [st for st in statements if "mayor's car" in st.content.text]
    assert going_on.speaker is not None and going_on.speaker.name == "Maria Vella", engine
