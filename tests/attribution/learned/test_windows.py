"""Windows, BIO labels and decoding, and the grouping of spans into attributions:
plain numpy, no model needed."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from claimgraph.attribution.learned import windows as W
from claimgraph.attribution.learned.extract import _Group, group
from claimgraph.attribution.spans import QuoteIndex


@pytest.mark.parametrize("n", [1, 10, 254, 255, 600, 1000])
def test_windows_cover_every_piece_within_the_limit(n: int) -> None:
    wins = W.windows(n)
    assert wins[0][0] == 0 and wins[-1][1] == n
    assert all(0 < e - s <= W.MAX_PIECES for s, e in wins)
    covered = np.zeros(n, dtype=bool)
    for s, e in wins:
        covered[s:e] = True
    assert covered.all()
    own = W.owner(n, wins)
    assert (own >= 0).all()


def _encoded(words: list[str]) -> tuple[str, W.Encoded]:
    text = " ".join(words)
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    n = len(words)
    return text, W.Encoded(np.arange(n, dtype=np.int64), offsets, np.ones(n, dtype=bool))


def test_labels_and_decode_round_trip() -> None:
    text, enc = _encoded("The mayor said on Monday that the bridge will reopen soon .".split())
    spans = {
        "source": [(0, 9)],
        "cue": [(10, 14)],
        "content": [(text.index("the bridge"), text.index(" ."))],
    }
    tags = W.labels(enc, spans)
    assert W.decode(enc, tags) == spans


def test_a_piece_inside_a_word_follows_the_word() -> None:
    _, enc = _encoded(["un", "##believable", "claims"])
    enc = W.Encoded(enc.ids, [(0, 2), (2, 12), (13, 19)], np.array([True, False, True]))
    tags = np.zeros((3, 3), dtype=np.int64)
    tags[0, 2] = W.B
    tags[1, 2] = W.O  # the model's tag for a continuation piece is ignored
    assert W.decode(enc, tags)["content"] == [(0, 12)]


def test_gather_takes_each_piece_from_its_most_central_window() -> None:
    n = 600
    wins = W.windows(n)
    logits = []
    for w, (s, e) in enumerate(wins):
        lg = np.zeros((e - s + 2, 9), dtype=np.float32)
        lg[:, 0] = w  # window id in the first score
        logits.append(lg)
    scores = W.gather(logits, n, wins)
    assert np.array_equal(scores[:, 0, 0].astype(int), W.owner(n, wins))


def test_group_pairs_each_cue_with_its_own_source_and_content() -> None:
    text = "Ann Lee said taxes rise. Bo Park denied it."
    spans = {
        "source": [(0, 7), (25, 32)],
        "cue": [(8, 12), (33, 39)],
        "content": [(13, 23), (40, 42)],
    }
    groups, lone = group(spans, [0, 25], text, QuoteIndex([]))
    assert not lone
    assert [(g.source, g.cue, g.content) for g in groups] == [
        ([(0, 7)], [(8, 12)], [(13, 23)]),
        ([(25, 32)], [(33, 39)], [(40, 42)]),
    ]
    assert text[0:7] == "Ann Lee"


def test_according_to_borrows_content_only_from_its_own_sentence() -> None:
    # the content of "according to AP" went to a statement the merge kept; the next
    # sentence's content belongs to its own cue, not to AP
    text = "Prices rose, according to AP. Fears grew, officials said."
    s2 = text.index("Fears")
    spans = {
        "source": [(26, 28), (text.index("officials"), text.index(" said"))],
        "cue": [(13, 25), (text.index("said"), text.index("said") + 4)],
        "content": [(s2, s2 + 10)],
    }
    assert text[13:25] == "according to" and text[26:28] == "AP"
    groups, _ = group(spans, [0, s2], text, QuoteIndex([]))
    assert [(text[g.cue[0][0] : g.cue[0][1]], g.content) for g in groups] == [
        ("said", [(s2, s2 + 10)])
    ]
    # another cue still borrows from the next sentence, as before
    said = "Prices rose, he said. Fears grew."
    spans = {"source": [(13, 15)], "cue": [(16, 20)], "content": [(22, 32)]}
    groups, _ = group(spans, [0, 22], said, QuoteIndex([]))
    assert [g.content for g in groups] == [[(22, 32)]]


def test_content_without_any_cue_stands_alone() -> None:
    groups, lone = group(
        {"source": [], "cue": [], "content": [(0, 5)]}, [0], "Taxes", QuoteIndex([])
    )
    assert groups == [] and lone == [(0, 5)]


def test_rule_tags_keep_the_outer_span_when_spans_nest() -> None:
    text, enc = _encoded("Ann said Bo said taxes rise today .".split())
    outer = (text.index("Bo"), text.index(" ."))
    inner = (text.index("taxes"), text.index(" ."))
    assert W.outermost({"content": [inner, outer, outer]}) == {"content": [outer]}
    tags = W.rule_tags(enc, {"source": [], "cue": [], "content": [outer, inner]})
    # one span: the inner one's B does not cut the outer one in two
    assert W.decode(enc, tags)["content"] == [outer]
    assert W.rule_tags(enc, None).sum() == 0


def test_batch_features_line_up_with_batch_inputs() -> None:
    _, enc = _encoded(["w"] * 9)
    feats = np.zeros((9, 3), dtype=np.int64)
    feats[:, 2] = np.arange(9) % 3
    wins = [(0, 5), (3, 9)]
    ids, _mask = W.batch_inputs(enc, wins, 101, 102)
    out = W.batch_features(feats, wins, ids.shape[1])
    assert out.shape == (2, ids.shape[1], 3)
    for k, (s, e) in enumerate(wins):
        assert np.array_equal(out[k, 1 : e - s + 1], feats[s:e])
        assert not out[k, 0].any() and not out[k, e - s + 1 :].any()  # specials, padding
        assert np.array_equal(ids[k, 1 : e - s + 1], enc.ids[s:e])


def test_o_bias_and_floor_are_picked_on_held_out_gold() -> None:
    from claimgraph.training import tune

    text, enc = _encoded("Ann says taxes rise .".split())
    scores = np.zeros((5, 3, 3), dtype=np.float32)
    scores[:, :, W.O] = 1.0
    # content "taxes rise": the model leans towards it, but O still wins by 0.4
    scores[2, 2, W.B] = 0.6
    scores[3, 2, W.I] = 0.6
    gold = [(text, {"source": [], "cue": [], "content": [(9, 19)]})]
    assert W.decode_scores(enc, scores)["content"] == []
    assert W.decode_scores(enc, scores, o_bias={"content": 0.5})["content"] == [(9, 19)]
    o_bias, min_conf, f1 = tune.choose(gold, [(enc, scores)])
    assert o_bias["content"] == 0.5 and f1["content"] == 1.0
    assert o_bias["source"] == 0.0 and min_conf["source"] == 0.0  # ties: the plain setting
    # a floor above the span's confidence drops it
    dropped = W.decode_scores(enc, scores, o_bias={"content": 0.5}, min_conf={"content": 0.9})
    assert dropped["content"] == []


def test_merge_keeps_the_rules_statements_the_model_confirms() -> None:
    from claimgraph.attribution.learned.extract import merge

    text = "Ann Lee said that Bo Park denied that taxes rise. Cy Orr warned of floods."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    host = {"source": [span("Ann Lee")], "cue": [span("said")]}
    host["content"] = [span("that Bo Park denied that taxes rise")]
    nested = {"source": [span("Bo Park")], "cue": [span("denied")]}
    nested["content"] = [span("that taxes rise")]
    warned = {"source": [span("Cy Orr")], "cue": [span("warned")], "content": [span("floods")]}
    model = {
        "source": [span("Ann Lee"), span("Cy Orr")],
        "cue": [span("said"), span("warned of")],
        "content": [span("that Bo Park denied that taxes rise"), span("of floods")],
    }
    keep, left = merge(text, [host, nested, warned], model, [False, True, False])
    # the host is confirmed; the nested statement is invisible to the model and follows
    # its host; "warned" has another cue and content in the model's reading
    assert keep == [0, 1]
    assert left == {
        "source": [span("Cy Orr")],
        "cue": [span("warned of")],
        "content": [span("of floods")],
    }
    keep, _ = merge(text, [host, nested, warned], model, [False, False, False])
    assert keep == [0]


def test_merge_keeps_an_attribution_whose_content_the_model_leaves_unmarked() -> None:
    from claimgraph.attribution.learned.extract import MergePolicy, merge

    text = "These claims were backed by two charities."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    rule = {"source": [span("two charities")], "cue": [span("were backed")]}
    rule["content"] = [span("These claims")]
    model = {"source": [span("two charities")], "cue": [span("were backed")], "content": []}
    keep, left = merge(text, [rule], model)
    assert keep == [0] and left == {"source": [], "cue": [], "content": []}
    # the policy is a value passed in: without "uncontested" the statement goes
    strict = MergePolicy(uncontested=False)
    assert merge(text, [rule], model, policy=strict)[0] == []
    assert merge(text, [rule], model)[0] == [0]  # the shipped policy is untouched
    # a model content span over the same words is another reading: the rules' one goes
    model["content"] = [span("These claims were")]
    keep, left = merge(text, [rule], model)
    assert keep == [] and left["content"] == [span("These claims were")]


def test_merge_keeps_a_relayed_statement_inside_the_according_to_content() -> None:
    from claimgraph.attribution.learned.extract import merge

    text = "Ann Lee said the pier will close, according to the Harbour Wire."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    said = {"source": [span("Ann Lee")], "cue": [span("said")]}
    said["content"] = [span("the pier will close")]
    model = {
        "source": [span("the Harbour Wire")],
        "cue": [span("according to")],
        "content": [span("Ann Lee said the pier will close")],
    }
    assert merge(text, [said], model, protected=[False])[0] == []
    keep, left = merge(text, [said], model, protected=[True])
    # the span around the kept statement's content is its reading, not a second one
    assert keep == [0] and left == {**model, "content": []}


def test_merge_reads_containment_past_the_closing_marks() -> None:
    """A relayed statement whose content ends with a quotation's closing mark and a full
    stop is inside a model span that stops before them: the model has no other reading
    of it. A lone direct quotation is not: the model's span reads more than it."""
    from claimgraph.attribution.learned.extract import merge

    text = 'According to the Wire, quoting the police, the pier is "closed". Ed Ray said "No".'
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    relayed = {"source": [span("the police")], "cue": [span("According to"), span("quoting")]}
    relayed["content"] = [span('the pier is "closed".')]
    model = {
        "source": [span("the Wire")],
        "cue": [span("According to"), span("quoting")],
        "content": [span('the police, the pier is "closed')],
    }
    keep, left = merge(text, [relayed], model, protected=[True])
    assert keep == [0] and left["content"] == []
    quote = {"source": [span("Ed Ray")], "cue": [span("said")], "content": [span('"No".')]}
    model = {"source": [], "cue": [], "content": [span('Ed Ray said "No')]}
    assert merge(text, [quote], model, protected=[True])[0] == []


def test_merge_keeps_quotations_the_model_reads_as_one_content() -> None:
    from claimgraph.attribution.learned.extract import merge

    text = "They held signs saying “Open the mill” and “Pay the crews,” all day."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    first = {
        "source": [span("They")],
        "cue": [span("saying")],
        "content": [span("“Open the mill”")],
    }
    second = {"source": [span("They")], "cue": [span("saying")]}
    second["content"] = [span("“Pay the crews,”")]
    # the model's one content runs from inside the first quotation to inside the second
    joined = span("Open the mill” and “Pay the crews")
    model = {"source": [span("They")], "cue": [span("saying")], "content": [joined]}
    keep, left = merge(text, [first, second], model, protected=[True, True])
    assert keep == [0, 1] and left["content"] == []
    # one quotation alone inside a longer model span is another reading of it
    longer = span("Open the mill” and")
    model["content"] = [longer]
    keep, left = merge(text, [first], model, protected=[True])
    assert keep == [] and left["content"] == [longer]


def test_content_never_joins_a_cue_in_another_paragraph() -> None:
    # the tagger marked a narrative sentence two paragraphs down as content: it must
    # not become part of what the union said (it once made one content of three
    # paragraphs); it is left for the caller, which keeps it only if it is a clause
    text = (
        "The union said the strike was over.\n\n"
        "Cranes stood idle.\n\n"
        "Lorries queued to the motorway."
    )
    late = (text.index("Lorries"), len(text) - 1)
    spans = {
        "source": [(0, 9)],
        "cue": [(10, 14)],
        "content": [(15, 35), late],
    }
    starts = [0, text.index("Cranes"), text.index("Lorries")]
    groups, lone = group(spans, starts, text, QuoteIndex([]))
    assert [g.content for g in groups] == [[(15, 35)]]
    assert lone == [late]


def test_a_quotation_or_a_colon_carries_content_into_the_next_paragraph() -> None:
    text = "The minister said:\n\nTaxes will fall next year.\n\nNothing else was said."
    nxt = (text.index("Taxes"), text.index(" next year") + 10)
    spans = {"source": [(0, 12)], "cue": [(13, 17)], "content": [nxt]}
    groups, lone = group(spans, [0, nxt[0], text.index("Nothing")], text, QuoteIndex([]))
    assert [g.content for g in groups] == [[nxt]] and not lone


def _words_encoded(text: str) -> W.Encoded:
    import re

    offsets = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    n = len(offsets)
    return W.Encoded(np.arange(n, dtype=np.int64), offsets, np.ones(n, dtype=bool))


def test_chunks_follow_paragraphs_and_ignore_the_text_around_them() -> None:
    paras = ["Headline here", "one two three four five", "six seven", "eight nine ten"]
    text = "\n\n".join(paras) + "\n"
    enc = _words_encoded(text)
    assert W.chunks(text, enc) == [(0, 2), (2, 7), (7, 9), (9, 12)]
    # a paragraph put before shifts the ranges, and changes nothing else
    more = "an unrelated paragraph first\n\n" + text
    shifted = W.chunks(more, _words_encoded(more))
    assert shifted[1:] == [(s + 4, e + 4) for s, e in W.chunks(text, enc)]
    # a paragraph longer than a window gets windows laid from its own first piece
    long_text = "Short one\n\n" + " ".join(f"w{i}" for i in range(30))
    wins = W.chunks(long_text, _words_encoded(long_text), size=12, stride=10)
    assert wins[0] == (0, 2)
    assert wins[1:] == [(2 + s, 2 + e) for s, e in W.windows(30, 12, 10)]
    assert W.chunks("", _words_encoded("")) == []


def test_a_cue_the_model_finds_no_content_for_keeps_the_rules_statement() -> None:
    from claimgraph.attribution.learned.extract import _bare_cues, _unread_cues, merge

    text = "Ann Lee says Bo Park promised to stay and said she would stand firm."
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    host = {"source": [span("Ann Lee")], "cue": [span("says")]}
    host["content"] = [span("Bo Park promised to stay and said she would stand firm")]
    inner = {"source": [span("Bo Park")], "cue": [span("said")]}
    inner["content"] = [span("she would stand firm")]
    # the model tags one layer of content: the inner one; the host keeps speaker and cue
    model = {
        "source": [span("Ann Lee"), span("Bo Park")],
        "cue": [span("says"), span("said")],
        "content": [span("she would stand firm")],
    }
    keep, left = merge(text, [host, inner], model)
    assert keep == [1] and left["cue"] == [span("says")] and left["content"] == []
    groups, _ = group(left, [0], text, QuoteIndex([]))
    assert groups == []  # a cue with no content forms no statement of its own
    pairs = [("host", None), ("inner", None)]

    def unread(spans: Any, groups: Any) -> Any:
        bare = _bare_cues(text, spans, groups)
        return _unread_cues(text, bare, spans, pairs, [host, inner], keep)  # type: ignore[arg-type]

    assert unread(left, groups) == ["host"]
    # a model speaker that reads the source otherwise ("Lee") leaves the cue unread
    other = {**left, "source": [span("Lee")]}
    assert unread(other, groups) == []
    # a cue the model gives content to is no cue left unread
    read = {**left, "content": [span("Bo Park promised to stay")]}
    groups, _ = group(read, [0], text, QuoteIndex([]))
    assert unread(read, groups) == []


def test_an_according_to_left_without_content_reads_its_sentence(nlp: Any) -> None:
    from claimgraph.attribution.learned.extract import _bare_according, _bare_cues

    text = (
        "According to the Harbour Wire, Ann Lee said on Friday that the pier will close. "
        "The ferry will run late, according to two skippers. Fares rise, Bo Park said."
    )
    doc = nlp(text)
    span = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    # what merge leaves when the rules' "said" statements took their content
    left = {
        "source": [span("the Harbour Wire")],
        "cue": [span("According to"), span("according to")],
        "content": [],
    }
    groups, _ = group(left, [s.start_char for s in doc.sents], text, QuoteIndex([]))
    assert groups == []
    found = _bare_according(doc, text, _bare_cues(text, left, groups), left)
    assert [(g.source, g.content) for g in found] == [
        ([span("the Harbour Wire")], [span("Ann Lee said on Friday that the pier will close")]),
        ([span("two skippers")], [span("The ferry will run late")]),
    ]
    # an "according to" the model gave content to is read as the model has it
    held = [_Group(cue=[span("According to")])]
    assert _bare_according(doc, text, _bare_cues(text, left, held), left) == found[1:]
