"""Weight averaging of float32 ONNX exports (``training.soup``), on small graphs built
here and run with onnxruntime."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

onnx = pytest.importorskip("onnx", reason="onnx is a dev/train extra: pip install -e '.[dev]'")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from claimgraph.training import soup  # noqa: E402


def _graph(path: Path, w: np.ndarray, b: np.ndarray, shape: tuple[int, ...] = (1, 3)) -> Path:
    """y = reshape(x @ w + b, shape): float initializers w, b and an int64 one."""
    nodes = [
        helper.make_node("MatMul", ["x", "w"], ["xw"]),
        helper.make_node("Add", ["xw", "b"], ["z"]),
        helper.make_node("Reshape", ["z", "shape"], ["y"]),
    ]
    inits = [
        numpy_helper.from_array(w.astype(np.float32), "w"),
        numpy_helper.from_array(b.astype(np.float32), "b"),
        numpy_helper.from_array(np.array(shape, dtype=np.int64), "shape"),
    ]
    graph = helper.make_graph(
        nodes,
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def _run(path: Path, x: np.ndarray) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out: np.ndarray = sess.run(None, {"x": x})[0]
    return out


RNG = np.random.default_rng(3)
W1, W2 = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3))
B1, B2 = RNG.normal(size=3), RNG.normal(size=3)
X = np.array([[0.5, -1.5]], dtype=np.float32)


def test_the_soup_runs_the_averaged_weights(tmp_path: Path) -> None:
    a = _graph(tmp_path / "a.onnx", W1, B1)
    b = _graph(tmp_path / "b.onnx", W2, B2)
    n = soup.average([a, b], tmp_path / "ab.onnx")
    assert n == 2  # w and b; the int64 shape is left as it is
    want = X @ ((W1 + W2) / 2) + (B1 + B2) / 2
    np.testing.assert_allclose(_run(tmp_path / "ab.onnx", X), want, rtol=1e-5)
    # the parents are untouched
    np.testing.assert_allclose(_run(a, X), X @ W1 + B1, rtol=1e-5)


def test_weights_are_honoured_and_checked(tmp_path: Path) -> None:
    a = _graph(tmp_path / "a.onnx", W1, B1)
    b = _graph(tmp_path / "b.onnx", W2, B2)
    soup.average([a, b], tmp_path / "ab.onnx", [0.25, 0.75])
    want = X @ (0.25 * W1 + 0.75 * W2) + 0.25 * B1 + 0.75 * B2
    np.testing.assert_allclose(_run(tmp_path / "ab.onnx", X), want, rtol=1e-5)
    for bad in ([0.5], [0.7, 0.7], [1.5, -0.5]):
        with pytest.raises(soup.SoupError, match="weights"):
            soup.average([a, b], tmp_path / "x.onnx", bad)
    with pytest.raises(soup.SoupError, match="at least two"):
        soup.average([a], tmp_path / "x.onnx")


def test_other_graphs_are_refused_by_name(tmp_path: Path) -> None:
    a = _graph(tmp_path / "a.onnx", W1, B1)
    wide = _graph(tmp_path / "wide.onnx", np.ones((2, 4)), np.ones(4), (1, 4))
    with pytest.raises(soup.SoupError, match=r"wide\.onnx: tensor w is float32\[2, 4\]"):
        soup.average([a, wide], tmp_path / "x.onnx")
    shaped = _graph(tmp_path / "shaped.onnx", W2, B2, (3, 1))
    with pytest.raises(soup.SoupError, match=r"shaped\.onnx: integer tensor shape differs"):
        soup.average([a, shaped], tmp_path / "x.onnx")
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model")
    with pytest.raises(soup.SoupError, match=r"junk\.onnx: not a readable ONNX file"):
        soup.average([a, junk], tmp_path / "x.onnx")
    assert not (tmp_path / "x.onnx").exists()


def test_check_names_a_missing_export_before_training(tmp_path: Path) -> None:
    with pytest.raises(soup.SoupError, match=r"nothere\.onnx: no such float32 ONNX export"):
        soup.check(tmp_path / "nothere.onnx")
    a = _graph(tmp_path / "a.onnx", W1, B1)
    soup.check(a)  # a readable one passes
    soup.check(a, ["x"])  # ... and one taking the run's inputs
    with pytest.raises(soup.SoupError, match=r"a\.onnx: takes inputs \['x'\], this run exports"):
        soup.check(a, ["input_ids", "attention_mask"])


def test_the_shipped_model_takes_the_inputs_training_exports() -> None:
    from claimgraph.attribution import learned
    from claimgraph.training.train import input_names

    src = learned.default_model_dir()
    if not learned.installed(src):
        pytest.skip("no learned attribution model installed (claimgraph/models/attribution-minilm)")
    sess = ort.InferenceSession(str(src / "model.onnx"), providers=["CPUExecutionProvider"])
    assert [i.name for i in sess.get_inputs()] == input_names(rule_features=True)


def test_cli_writes_the_soup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _graph(tmp_path / "a.onnx", W1, B1)
    b = _graph(tmp_path / "b.onnx", W2, B2)
    soup.main([str(a), str(b), "--out", str(tmp_path / "ab.onnx")])
    assert "averaged 2 tensors of 2 models" in capsys.readouterr().out
    wide = _graph(tmp_path / "wide.onnx", np.ones((2, 4)), np.ones(4), (1, 4))
    with pytest.raises(SystemExit, match=r"^soup: .*wide\.onnx: tensor w"):
        soup.main([str(a), str(wide), "--out", str(tmp_path / "x.onnx")])
