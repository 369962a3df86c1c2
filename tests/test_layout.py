"""The code's layout: no import circles among the package's modules, and every DVC stage
depends on exactly the code and models/ files its command uses.

The stage check runs each stage's command of dvc.yaml, in order, on the bundled corpus in a
temporary folder, with an audit hook that records the project modules imported and the
models/ files opened; each must be covered by one of the stage's deps (a folder covers what
is under it), and each code or models dep must be used.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
MODELS = ROOT / "models"


# --------------------------------------------------------------------------- the static import graph


def module_files() -> dict[str, Path]:
    """pipeline.x.y -> its file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that a file imports at run time, at module level or inside functions
    (``if TYPE_CHECKING:`` blocks are for type checkers only and left out)."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking_block(node):
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "pipeline")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "pipeline":
            for a in node.names:  # `from pipeline import analysis` imports the module pipeline.analysis
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in modules else node.module)  # type: ignore[arg-type]
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return out


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return cycles


def test_import_cycle_finder_sees_a_circle_through_a_function_level_import():
    # the finder itself: a lazy import closing a circle counts, a TYPE_CHECKING one does not
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    tree_source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pipeline.runner import X\ndef f():\n    from pipeline.cli import app\n"
    path = ROOT / "tests" / "__pycache__" / "layout_probe.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(tree_source, encoding="utf-8")
    try:
        assert imports_of(path, module_files()) == {"pipeline.cli"}
    finally:
        path.unlink()


def test_the_package_has_no_import_circles():
    modules = module_files()
    graph = {name: imports_of(path, modules) for name, path in modules.items()}
    assert import_cycles(graph) == []


# --------------------------------------------------------------------------- DVC stage deps

_PROBE = r"""
import atexit, json, os, runpy, sys
record, argv = sys.argv[1], sys.argv[2:]
opened = set()

def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.add(os.path.realpath(os.fsdecode(args[0])))

def dump():
    mods = sorted(getattr(m, "__file__", None) or "" for n, m in list(sys.modules.items()) if n.split(".")[0] == "pipeline")
    with open(record, "w", encoding="utf-8") as fh:
        json.dump({"modules": [os.path.realpath(m) for m in mods if m], "opened": sorted(opened)}, fh)

atexit.register(dump)
sys.addaudithook(hook)
sys.argv = ["pipeline", *argv]
runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
"""


def _stages() -> dict[str, dict]:
    spec = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))
    variables = {k: v for d in spec.get("vars", []) for k, v in d.items()}
    stages = {}
    for name, stage in spec["stages"].items():
        cmd = stage["cmd"]
        deps = [d if isinstance(d, str) else next(iter(d)) for d in stage.get("deps", [])]
        for k, v in variables.items():
            cmd = cmd.replace("${" + k + "}", v)
            deps = [d.replace("${" + k + "}", v) for d in deps]
        stages[name] = {"cmd": cmd, "deps": deps}
    return stages


@pytest.fixture(scope="module")
def stage_usage(tmp_path_factory) -> dict[str, dict[str, list[str]]]:
    """Each stage's command run in dvc.yaml's order in a scratch folder (corpus/ linked in):
    the project files it imported and opened."""
    work = tmp_path_factory.mktemp("stages")
    (work / "corpus").symlink_to(ROOT / "corpus", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DVC_NO_ANALYTICS": "1"}
    usage = {}
    for name, stage in _stages().items():
        argv = shlex.split(stage["cmd"])
        assert argv[:3] == ["python", "-m", "pipeline"], f"stage {name}: not a `python -m pipeline` command"
        record = work / f"{name}.json"
        proc = subprocess.run(
            [sys.executable, "-c", _PROBE, str(record), *argv[3:]], cwd=work, env=env, capture_output=True, text=True, timeout=600
        )
        assert proc.returncode == 0, f"stage {name} failed: {proc.stderr[-2000:]}"
        usage[name] = json.loads(record.read_text(encoding="utf-8"))
    return usage


def _project_paths(paths: list[str]) -> set[Path]:
    """The files among paths that are the package's code or models/ (read through the real path).
    A module read from its cached bytecode (__pycache__/x.cpython-311.pyc) counts as its source."""
    out = set()
    for p in map(Path, paths):
        if p.parent.name == "__pycache__" and p.suffix == ".pyc":
            p = p.parent.parent / (p.name.split(".", 1)[0] + ".py")
        for base in (PACKAGE, MODELS.resolve()):
            if p.is_relative_to(base) and p.is_file():
                out.add(p)
    return out


def _covered(path: Path, deps: list[Path]) -> bool:
    return any(path == d or path.is_relative_to(d) for d in deps)


@pytest.mark.parametrize("stage", list(_stages()))
def test_every_stage_depends_on_exactly_the_code_and_models_it_uses(stage, stage_usage):
    deps = [(ROOT / d).resolve() for d in _stages()[stage]["deps"]]
    used = _project_paths(stage_usage[stage]["modules"]) | _project_paths(stage_usage[stage]["opened"])
    missing = sorted(str(p.relative_to(ROOT)) for p in used if not _covered(p, deps))
    assert not missing, f"stage {stage}: add to its deps in dvc.yaml: {missing}"
    code_or_models = [d for d in deps if d.is_relative_to(PACKAGE) or d.is_relative_to(MODELS.resolve())]
    unused = sorted(str(d.relative_to(ROOT)) for d in code_or_models if not any(_covered(p, [d]) for p in used))
    assert not unused, f"stage {stage}: deps in dvc.yaml it never reads: {unused}"


HAN = re.compile(r"[\u3400-\u9fff]")
MAX_HAN_LITERALS = 10  # knowledge lives in models/; what is left is patterns of dates, encodings, the baseline's verbs


def _han_literals(path: Path) -> list[int]:
    """Line numbers of string literals holding Han characters, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings and HAN.search(node.value)
    ]


def test_chinese_knowledge_lives_in_models_not_in_code():
    found = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "pipeline").rglob("*.py")) if (lines := _han_literals(p))}
    assert sum(map(len, found.values())) <= MAX_HAN_LITERALS, found
