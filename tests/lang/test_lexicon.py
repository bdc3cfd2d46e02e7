"""Word lists behind one language key."""

from __future__ import annotations

import pytest

from claimgraph import lang
from claimgraph.attribution.lexicon import lx
from claimgraph.errors import LanguageError
from claimgraph.lang.en import lexicon as english
from claimgraph.store import entities


def test_the_attribution_stage_reads_english_by_its_key() -> None:
    assert lang.lexicon("en") is english and lx is english
    assert "say" in lx.CUE_VERBS and "mayor" in lx.TITLES and "she" in lx.PRONOUNS


def test_another_key_names_the_supported_languages() -> None:
    with pytest.raises(LanguageError, match=r"'de'.*supported: en") as exc:
        lang.lexicon("de")
    assert exc.value.code == "CG210"


def test_the_store_strips_the_titles_of_the_same_language() -> None:
    assert entities.display_name("Colonel Ann Lee") == "Ann Lee"
    assert "colonel" in english.NAME_TITLES and "colonel" not in english.TITLES
