"""The README as a newcomer runs it: on a fresh copy of the repository with no
``../shared`` beside it, every ``sh`` block, in order and as written, in one shell
(so ``. .venv/bin/activate`` carries on), with every command exiting 0.

Only ``scripts/test`` is left out: it runs the test suite, this test included. To keep
the test short, the copy's ``.venv`` is made first, seeing this environment's installed
packages through a ``.pth`` file; ``scripts/bootstrap`` then runs as written and installs
the copy itself into it (pip finds every pinned dependency already there).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SKIPPED = {"scripts/test"}  # runs this test: it would recurse

pytestmark = pytest.mark.slow


def shell_blocks(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^```sh\n(.*?)^```", text, re.M | re.S)]


def test_readme_has_runnable_blocks() -> None:
    blocks = shell_blocks(README.read_text(encoding="utf-8"))
    joined = "\n".join(blocks)
    assert any(b.strip() == "scripts/test" for b in blocks)
    for command in ("scripts/bootstrap", ". .venv/bin/activate", "claimgraph demo",
                    "claimgraph analyze", "claimgraph ingest", "claimgraph who",
                    "claimgraph claims", "claimgraph track", "claimgraph export"):  # fmt: skip
        assert command in joined, command


def _fresh_copy(dest: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot tell which files a fresh clone has")
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def _venv_seeing_ours(clone: Path) -> None:
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(clone / ".venv")], check=True, timeout=300)
    [site] = (clone / ".venv" / "lib").glob("python3*/site-packages")
    (site / "_claimgraph_readme_test.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )


def test_readme_shell_blocks_run_as_written(tmp_path: Path) -> None:
    clone = tmp_path / "claimgraph"  # tmp_path/shared does not exist: like a fresh clone
    clone.mkdir()
    _fresh_copy(clone)
    _venv_seeing_ours(clone)
    blocks = [b for b in shell_blocks(README.read_text(encoding="utf-8"))
              if b.strip() not in SKIPPED]  # fmt: skip
    script = "set -e -o pipefail\n"
    script += "trap 'echo \"README command failed (exit $?): $BASH_COMMAND\" >&2' ERR\n"
    script += "\n".join(blocks)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CLAIMGRAPH_", "VIRTUAL_ENV", "PYTHON"))}  # fmt: skip
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),  # the default store: a new one
        PATH="/usr/local/bin:/usr/bin:/bin",  # claimgraph is not on it until activated
        PYTHON=getattr(sys, "_base_executable", sys.executable),
    )
    r = subprocess.run(
        ["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True,
        timeout=1200,
    )  # fmt: skip
    assert r.returncode == 0, f"{r.stderr[-3000:]}\n--- stdout ---\n{r.stdout[-2000:]}"
    assert "Try next" in r.stdout
    for made in ("statements.csv", "claims.graphml", "claim.jsonld", "annotations.jsonld"):
        assert (clone / made).stat().st_size > 0, made
    review = json.loads((clone / "claim.jsonld").read_text(encoding="utf-8"))
    assert review["reviewRating"]["ratingValue"] == 2
    assert not (tmp_path / "shared").exists()
