"""``claimgraph eval``: score against PolNeAR, golden files and Emergent."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import main


@main.group(name="eval")
def eval_group() -> None:
    """Score claimgraph against annotated corpora."""


@eval_group.command("polnear")
@click.argument("split", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write each article's analysis as OUT/<doc>.json (the scorer's input).",
)
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option(
    "--every",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Score every Nth article from the first: with the train split and N as in "
    "'train polnear --holdout N', the articles that training held out.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
@click.option(
    "--scope",
    type=click.Choice(["broad", "statements"]),
    default="broad",
    show_default=True,
    help="What counts as an attribution: PolNeAR's broad sense (beliefs, intentions, "
    "noun-phrase contents), or the statements claimgraph reports by default.",
)
def eval_polnear(
    split: Path,
    out: Path | None,
    limit: int | None,
    every: int,
    as_json: bool,
    pipeline: str | None,
    scope: str,
) -> None:
    """Score source, cue and content against a PolNeAR split (a folder with text/ and
    attributions/): exact-match and token-overlap precision, recall and F1."""
    from .. import nlp as nlp_mod
    from ..attribution import scope as scopes
    from ..eval.polnear import analyzer, score

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    with scopes.using(scope):
        result = score(split, analyzer(nlp_mod.load(pipeline), out=out), limit=limit, every=every)
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else result.report())
    for f in result.failed:
        click.echo(f"failed: {f}", err=True)
    if result.failed:
        sys.exit(1)


@eval_group.command("gold")
@click.argument("golds", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--text",
    "text_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The article, with one golden file (default: its 'document' or NAME.txt beside it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--min-f1", type=float, default=0.0, help="Exit 1 below this statement F1 (summed).")
@click.option(
    "--min-speaker", type=float, default=0.0, help="Exit 1 below this speaker accuracy (summed)."
)
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
def eval_gold(
    golds: tuple[Path, ...],
    text_file: Path | None,
    as_json: bool,
    min_f1: float,
    min_speaker: float,
    pipeline: str | None,
) -> None:
    """Score golden files or folders of them (NAME.gold.json beside NAME.txt): statement
    P/R/F1 by content overlap, and how often the speaker of a matched statement is
    resolved right. One file prints its verdicts and figures; several print a line per
    file and the figures summed over them (P/R/F1 from the summed counts, as
    score_attribution.py --json counts them), which --min-f1 and --min-speaker check."""
    from .. import nlp as nlp_mod
    from ..errors import EvalError
    from ..eval.gold import GoldTotals, gold_name, load_gold, score_gold, score_gold_files
    from ..ingest.text import read_text_file
    from ..pipeline import analyze, analyze_many

    nlp = nlp_mod.load(pipeline)
    if text_file is not None:
        if len(golds) != 1 or golds[0].is_dir():
            raise EvalError("--text goes with one golden file", where=str(text_file))
        result = score_gold(load_gold(golds[0]), analyze(read_text_file(text_file), nlp=nlp))
        totals = GoldTotals([(gold_name(golds[0]), result)])
    else:
        totals = score_gold_files(list(golds), lambda arts: list(analyze_many(arts, nlp=nlp)))
    click.echo(json.dumps(totals.to_dict(), indent=1) if as_json else totals.report())
    if totals.statements.f1 < min_f1 or totals.speaker_accuracy < min_speaker:
        sys.exit(1)


@eval_group.command("claims")
@click.argument("golds", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
def eval_claims(golds: tuple[Path, ...], as_json: bool, pipeline: str | None) -> None:
    """Score claims on golden files or folders of them (NAME.gold.json beside NAME.txt):
    the articles go into one fresh in-memory store, then grouping B-cubed P/R/F1 and the
    accuracy of each statement's stance toward its claim, as score_claims.py computes."""
    from .. import nlp as nlp_mod
    from ..eval.claims import score_claims
    from ..pipeline import analyze_many

    nlp = nlp_mod.load(pipeline)
    result = score_claims(list(golds), lambda arts: list(analyze_many(arts, nlp=nlp)))
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else result.report())


@eval_group.command("gate")
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="The folder holding data/polnear and golden/.",
)
@click.option(
    "--floors",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("eval_floors.json"),
    show_default=True,
    help="The pinned floors.",
)
@click.option(
    "--raise",
    "raise_",
    is_flag=True,
    help="Raise the floors to what was measured (never lowers them).",
)
def eval_gate(shared: Path, floors: Path, raise_: bool) -> None:
    """Measure the attribution benchmarks and check them against the pinned floors."""
    from ..errors import EvalError
    from ..eval.gate import check, load_floors, measure, raise_floors, save_floors

    if not shared.is_dir():
        raise EvalError("the evaluation corpora are not here; pass --shared DIR", where=str(shared))
    current = load_floors(floors) if floors.exists() else {}
    measured = measure(shared)
    for bench, figs in sorted(measured.items()):
        for name, value in sorted(figs.items()):
            floor = current.get(bench, {}).get(name)
            pinned = f"(floor {floor:.3f})" if floor is not None else "(no floor)"
            click.echo(f"{bench:24s} {name:20s} {value:.4f} {pinned}")
    if raise_:
        save_floors(floors, raise_floors(current, measured))
        click.echo(f"floors raised where measured higher: {floors}")
        return
    failures = check(current, measured)
    for f in failures:
        click.echo(f"below floor: {f}", err=True)
    if failures:
        sys.exit(1)
