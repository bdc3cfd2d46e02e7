"""The package's shape: runtime packages import neither evaluation, training nor the CLI,
and no module of ``src/claimgraph`` imports itself through others (no import cycle).

Imports are read with :mod:`ast`, not run: every ``import`` and ``from ... import``
counts, inside functions too; only those under ``if TYPE_CHECKING:`` (never executed)
do not. Importing ``a.b.c`` also runs the ``__init__`` of ``a`` and ``a.b``, so those
count as well, unless they are packages the importing module already lives in.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "claimgraph"
RUNTIME = ("attribution", "claims", "ingest", "store", "serve", "batch", "corpus")
OFFLINE = ("eval", "training", "cli")


def modules(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((src / ROOT).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            yield from (n for stmt in node.orelse for n in _imports_of(stmt))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _imports(node)


def graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module -> the package modules its imports run."""
    mods = modules(src)
    out: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: list[str] = []
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                where = ".".join(base + ([node.module] if node.module else []))
            else:
                where = node.module or ""
            subs = [f"{where}.{a.name}" for a in node.names]
            found = [s for s in subs if s in mods]
            targets += found
            # names that are not submodules come from the package's __init__
            if len(found) < len(subs) or not (name == where or name.startswith(where + ".")):
                targets.append(where)
        deps: set[str] = set()
        for target in targets:
            parts = target.split(".")
            for k in range(1, len(parts) + 1):
                t = ".".join(parts[:k])
                if t in mods and t != name and not name.startswith(t + "."):
                    deps.add(t)
        out[name] = deps
    return out


def cycles(g: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for root in sorted(g):
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(g.get(w, ())))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = set()
                while True:
                    x = stack.pop()
                    on_stack.discard(x)
                    comp.add(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    found.append(comp)
    return found


def _in(module: str, package: str) -> bool:
    full = f"{ROOT}.{package}"
    return module == full or module.startswith(full + ".")


def test_runtime_packages_import_neither_eval_training_nor_cli() -> None:
    bad = sorted(
        f"{mod} imports {dep}"
        for mod, deps in graph().items()
        if any(_in(mod, p) for p in RUNTIME)
        for dep in deps
        if any(_in(dep, p) for p in OFFLINE)
    )
    assert not bad, "runtime code depends on eval/training/cli:\n" + "\n".join(bad)


def test_only_the_cli_imports_training() -> None:
    bad = sorted(
        f"{mod} imports {dep}"
        for mod, deps in graph().items()
        if not (_in(mod, "training") or _in(mod, "cli"))
        for dep in deps
        if _in(dep, "training")
    )
    assert not bad, "training code imported outside training/ and cli/:\n" + "\n".join(bad)


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles:\n" + "\n".join(", ".join(sorted(c)) for c in found)


# Private names imported across modules: none may be (make them public instead).
KNOWN_PRIVATE: set[tuple[str, str]] = set()


def private_imports(src: Path = SRC) -> set[tuple[str, str]]:
    """``(module, name)`` for every ``from X import _name`` of a package module."""
    mods = modules(src)
    out = set()
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or node.module in mods):
                out |= {
                    (name, a.name)
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                }
    return out


def test_private_names_stay_in_their_module() -> None:
    found = private_imports() - KNOWN_PRIVATE
    assert not found, "private names imported from another module (make them public): " + str(
        sorted(found)
    )


# -- the checker itself, on a small package written here --------------------------------


def _package(tmp: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp / ROOT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp


def test_the_checker_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    src = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def f():\n    from .c import g\n    return g\n",
            "c.py": "import claimgraph.a\n",
            "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n",
        },
    )
    g = graph(src)
    assert g["claimgraph.d"] == set()  # TYPE_CHECKING imports do not run
    assert cycles(g) == [{"claimgraph.a", "claimgraph.b", "claimgraph.c"}]


def test_the_checker_sees_an_eval_import_in_a_runtime_package(tmp_path: Path) -> None:
    src = _package(
        tmp_path,
        {
            "__init__.py": "",
            "eval/__init__.py": "",
            "eval/polnear.py": "def trim():\n    pass\n",
            "store/__init__.py": "from .sqlite import Store\n",
            "store/sqlite.py": "class Store:\n    def f(self):\n"
            "        from ..eval.polnear import trim\n",
        },
    )
    g = graph(src)
    assert g["claimgraph.store.sqlite"] == {"claimgraph.eval", "claimgraph.eval.polnear"}
    assert g["claimgraph.store"] == {"claimgraph.store.sqlite"}
    assert cycles(g) == []


@pytest.mark.parametrize("package", RUNTIME + OFFLINE)
def test_every_named_package_exists(package: str) -> None:
    assert (SRC / ROOT / package / "__init__.py").is_file()
