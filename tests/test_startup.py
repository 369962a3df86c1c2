"""Start-up: a run imports what it needs and nothing else; deferred imports still work when used.

Each check runs in a fresh interpreter (this test process has imported everything already)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import CORPUS, ROOT

# what a local run never needs: the Dask cluster, plotting, and spaCy's command line
# (typer commands, weasel, httpx, jinja2), which `import spacy` pulls in for spacy.info
NOT_IMPORTED_BY_A_RUN = ("dask", "distributed", "matplotlib", "weasel", "httpx", "jinja2", "spacy.cli._util")


def _python(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_one_file_run_imports_neither_dask_nor_plotting_nor_spacys_command_line(tmp_path):
    one = tmp_path / "corpus"
    one.mkdir()
    article = sorted(CORPUS.iterdir())[0]
    (one / article.name).write_bytes(article.read_bytes())
    out = tmp_path / "out"
    code = f"""
import json, runpy, sys
sys.argv = ["pipeline", "run", {str(one)!r}, "--out", {str(out)!r}, "--workers", "1", "--no-cache"]
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(sys.modules)))
"""
    modules = set(_python(code))
    assert "spacy" in modules and "pipeline.segment" in modules  # it did run the pipeline
    assert (out / "claims.parquet").exists()  # a dataset folder of that name
    loaded = [m for m in NOT_IMPORTED_BY_A_RUN if m in modules or any(x.startswith(m + ".") for x in modules)]
    assert loaded == []


def test_spacys_command_line_works_when_used_after_the_pipeline_is_imported():
    code = """
import json, sys
import pipeline.segment
import spacy
deferred = "spacy.cli._util" not in sys.modules
info = spacy.info()  # spaCy's own function, imported now
from spacy.cli import train_cli
from spacy.cli.info import info_spacy
print(json.dumps({"deferred": deferred, "info": sorted(info), "spacy": info_spacy()["spaCy version"] == spacy.__version__,
                  "train": callable(train_cli), "genuine": getattr(sys.modules["spacy.cli.info"], "__file__", "")}))
"""
    got = _python(code)
    assert got["deferred"]
    assert "spacy_version" in got["info"] and "pipelines" in got["info"]
    assert got["spacy"] and got["train"]
    assert Path(got["genuine"]).name == "info.py"  # the stand-in gave way to spaCy's module
