"""Quote-heavy text costs work in proportion to its length (counted, never timed)."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.attribution import speakers


def _pronoun_calls(analyze: Any, monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls = 0
    real = speakers.SpeakerResolver._pronoun

    def counted(self: speakers.SpeakerResolver, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(speakers.SpeakerResolver, "_pronoun", counted)
        analyze(text)
    return calls


def test_nested_she_said_resolves_each_pronoun_a_bounded_number_of_times(
    analyze: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every "She" looks back at the "She"s before it; each one is resolved once per
    # depth, not again for every later pronoun (that was exponential: 2 million calls
    # for 100 repetitions)
    small = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 30)
    large = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 60)
    assert small > 0
    assert large <= 2.5 * small
    assert large <= 5 * 60
