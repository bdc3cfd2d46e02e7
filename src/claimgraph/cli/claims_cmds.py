"""``claimgraph eval emergent`` and ``claimgraph train stance``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import main
from .evaluate import eval_group


@main.group(name="train")
def train_group() -> None:
    """Train or refit the learned models that ship with claimgraph."""


@eval_group.command("emergent")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--folds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Cross-validate stance over this folder of *-train-fold-N.csv / *-test-fold-N.csv "
    "(each fold's model trained on its training file only). Without it the shipped model "
    "is used, which was trained on Emergent train: use it on other data.",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write OUT.csv with the columns articleId, stance (for/against/observing) "
    "and cluster: one row per input row.",
)
@click.option("--no-embeddings", is_flag=True, help="Group with TF-IDF alone (no MiniLM).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--min-accuracy", type=float, default=0.0, help="Exit 1 below this stance accuracy.")
@click.option("--min-bcubed", type=float, default=0.0, help="Exit 1 below this B-cubed F1.")
def eval_emergent(
    file: Path,
    folds: Path | None,
    predictions: Path | None,
    no_embeddings: bool,
    as_json: bool,
    min_accuracy: float,
    min_bcubed: float,
) -> None:
    """Score stance and grouping on FILE.csv in the Emergent layout.

    Stance reads claimHeadline and articleHeadline (accuracy, per-class F1). Grouping
    clusters the article headlines alone, all at once, and scores B-cubed precision,
    recall and F1 against claimId.
    """
    from ..eval.emergent import evaluate_emergent, load_emergent, read_folds, write_predictions

    rows = load_emergent(file)
    pairs = read_folds(folds) if folds is not None else None
    result = evaluate_emergent(rows, folds=pairs, embeddings=False if no_embeddings else None)
    if predictions is not None:
        write_predictions(predictions, rows, result)
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else result.report())
    if result.accuracy < min_accuracy or result.bcubed_f1 < min_bcubed:
        sys.exit(1)


@train_group.command("stance")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (JSON). Default: the shipped model in the source tree.",
)
@click.option("--C", "c", type=float, default=0.5, show_default=True, help="Inverse L2 strength.")
def train_stance_cmd(file: Path, out: Path | None, c: float) -> None:
    """Fit the stance model on FILE.csv (Emergent layout, e.g. Emergent train).

    Writes plain JSON weights (no pickle); the package reads
    claimgraph/models/claims/stance.json.
    """
    from ..claims.stance import MODEL_RESOURCE, train_stance
    from ..eval.emergent import load_emergent

    rows = load_emergent(file)
    model = train_stance(
        [(r.claim, r.headline, r.stance) for r in rows],
        C=c,
        meta={"data": file.name, "claims": len({r.claim_id for r in rows})},
    )
    if out is None:
        out = Path(__file__).resolve().parent.parent.joinpath(*MODEL_RESOURCE)
    model.save(out)
    click.echo(
        f"stance model: {len(rows)} examples, {len(model.weights)} weighted features -> {out}"
    )
