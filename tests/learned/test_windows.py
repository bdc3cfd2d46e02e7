"""Windows, BIO labels and decoding, and the grouping of spans into attributions:
plain numpy, no model needed."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.attribution.learned import windows as W
from claimgraph.attribution.learned.extract import group


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
    groups, lone = group(spans, [0, 25])
    assert not lone
    assert [(g.source, g.cue, g.content) for g in groups] == [
        ([(0, 7)], [(8, 12)], [(13, 23)]),
        ([(25, 32)], [(33, 39)], [(40, 42)]),
    ]
    assert text[0:7] == "Ann Lee"


def test_content_without_any_cue_stands_alone() -> None:
    groups, lone = group({"source": [], "cue": [], "content": [(0, 5)]}, [0])
    assert groups == [] and lone == [(0, 5)]
