"""The notebooks run top to bottom against fresh outputs, are stored without outputs,
and draw Chinese labels with a real CJK font (no "missing from font" warnings)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import GOLD, ROOT
from tests.test_report import bundled_outputs

NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01-explore", "02-quality"]


@pytest.mark.parametrize("name", NAMES)
def test_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code), "clear the outputs before committing"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom(name, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ZH_CLAIMS_DATA", str(bundled_outputs(tmp_path_factory)))
    monkeypatch.setenv("ZH_CLAIMS_GOLD", str(GOLD))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # inline figures, even if Agg is set
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    # raises CellExecutionError, with the cell and traceback, if any cell fails
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "the notebook's plots were not drawn"
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "missing from font" not in stderr, "Chinese labels drawn as empty boxes: no CJK font"


def test_notebooks_read_only_outputs():
    """They read the parquet tables (and the gold), never the corpus or the intermediate stages."""
    for name in NAMES:
        source = "\n".join(c.source for c in nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4).cells)
        assert 'os.environ.get("ZH_CLAIMS_DATA", "../data")' in source
        for forbidden in ("corpus/raw", "normalized.parquet", "segmented.parquet", "claims_extracted"):
            assert forbidden not in source, forbidden
    assert Path(NOTEBOOKS / "README.md").exists()
