"""A weight-averaged model ("model soup", Wortsman et al., ICML 2022) from float32
ONNX exports of the same tagger trained twice.

Two fine-tunings of the same base weights with the same recipe stay close enough in
weight space that their average is a model of its own, usually better than either,
and it costs nothing at run time: one ``model.onnx`` of the same size and speed. The
shipped model averages a run trained with held-out articles (which picked the
decoding and fitted the content scorer) and a run on every article that took that
decoding (``--decoding-from``): see the model card.

Training only: needs the ``onnx`` package (``pip install 'claimgraph[train]'``).

    python -m claimgraph.training.soup A.fp32.onnx B.fp32.onnx --out OUT.fp32.onnx
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import TrainingError


class SoupError(TrainingError):
    """The exports cannot be averaged (not the same graph)."""

    code = "CG810"


def _load(path: Path) -> Any:
    import onnx
    from google.protobuf.message import DecodeError  # onnx's own dependency

    try:
        return onnx.load(str(path))
    except (OSError, ValueError, RuntimeError, DecodeError) as exc:
        raise SoupError(f"{path}: not a readable ONNX file ({exc})") from exc


def check(path: Path, inputs: Sequence[str] | None = None) -> None:
    """Raise :class:`SoupError` when ``path`` cannot take part in a soup: called before
    a training run that would end by averaging with it. With ``inputs``, the export
    must take those inputs (the run's own: with or without the rules' tags)."""
    import importlib.util

    if importlib.util.find_spec("onnx") is None:
        raise SoupError("averaging models needs the onnx package: pip install 'claimgraph[train]'")
    if not path.is_file():
        raise SoupError(f"{path}: no such float32 ONNX export (train with --keep-fp32 FILE)")
    model = _load(path)
    if inputs is not None:
        has = [i.name for i in model.graph.input]
        if has != list(inputs):
            raise SoupError(f"{path}: takes inputs {has}, this run exports {list(inputs)}")


def average(paths: Sequence[Path], dest: Path, weights: Sequence[float] | None = None) -> int:
    """Write to ``dest`` the graph of ``paths[0]`` with every float initializer replaced
    by the weighted mean of that initializer across ``paths`` (equal weights by
    default). Integer initializers (shapes, indices) must be equal. Returns how many
    tensors were averaged; raises :class:`SoupError` naming the file and tensor that
    do not match."""
    import onnx
    from onnx import numpy_helper

    if len(paths) < 2:
        raise SoupError("a soup needs at least two models")
    w = [1.0 / len(paths)] * len(paths) if weights is None else [float(x) for x in weights]
    if len(w) != len(paths) or any(x < 0 for x in w) or abs(sum(w) - 1.0) > 1e-6:
        raise SoupError(f"weights {list(w)}: need one per model, none negative, summing to 1")
    models = [_load(Path(p)) for p in paths]
    base = models[0]
    tables = [{t.name: t for t in m.graph.initializer} for m in models]
    names = set(tables[0])
    for p, table in zip(paths[1:], tables[1:], strict=True):
        if set(table) != names:
            odd = sorted(names ^ set(table))[:3]
            raise SoupError(f"{p}: not the same graph as {paths[0]} (tensors {odd})")
    done = 0
    for tensor in base.graph.initializer:
        arrays = [numpy_helper.to_array(t[tensor.name]) for t in tables]
        for p, a in zip(paths[1:], arrays[1:], strict=True):
            if a.shape != arrays[0].shape or a.dtype != arrays[0].dtype:
                raise SoupError(
                    f"{p}: tensor {tensor.name} is {a.dtype}{list(a.shape)}, "
                    f"{paths[0]} has {arrays[0].dtype}{list(arrays[0].shape)}"
                )
        if arrays[0].dtype.kind != "f":
            for p, a in zip(paths[1:], arrays[1:], strict=True):
                if not np.array_equal(a, arrays[0]):
                    raise SoupError(f"{p}: integer tensor {tensor.name} differs from {paths[0]}")
            continue
        mean = sum(x * a.astype(np.float64) for x, a in zip(w, arrays, strict=True))
        averaged = np.asarray(mean, dtype=arrays[0].dtype)
        tensor.CopyFrom(numpy_helper.from_array(averaged, tensor.name))
        done += 1
    onnx.save(base, str(dest))
    return done


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(
        prog="python -m claimgraph.training.soup",
        description="Average float32 ONNX exports of one tagger (--keep-fp32 files).",
    )
    ap.add_argument("models", type=Path, nargs="+", help="float32 .onnx exports")
    ap.add_argument("--out", type=Path, required=True, help="float32 .onnx to write")
    ap.add_argument("--weights", type=float, nargs="+", help="one per model [equal]")
    a = ap.parse_args(argv)
    try:
        n = average(a.models, a.out, a.weights)
    except SoupError as exc:
        raise SystemExit(f"soup: {exc.message}") from exc
    print(f"averaged {n} tensors of {len(a.models)} models -> {a.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
