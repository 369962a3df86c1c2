"""`python -m pipeline run` on bad arguments: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from .conftest import CORPUS


def _run(*args: str):
    result = CliRunner().invoke(app, ["run", *args])
    return result, result.output  # stdout and stderr, as a terminal shows them


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(sorted(CORPUS.iterdir())[1], folder / "a.txt")
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp, corpus: [str(corpus), "--out", str((tmp / "file.txt").resolve())], "is a file, not a folder"),
        (lambda tmp, corpus: [str(corpus), "--out", str(tmp / "file.txt" / "sub")], "cannot create the output folder"),
        (lambda tmp, corpus: [str(tmp / "missing"), "--out", str(tmp / "o")], "is not a folder"),
        (lambda tmp, corpus: [str(corpus), "--out", str(tmp / "o"), "--params", str(tmp / "nope.yaml")], "parameters"),
        (lambda tmp, corpus: [str(corpus), "--out", str(tmp / "o"), "--params", str(tmp / "bad.yaml")], "parameters"),
        (lambda tmp, corpus: [str(corpus), "--out", str(tmp / "o"), "--params", str(tmp / "list.yaml")], "mapping"),
    ],
)
def test_bad_arguments_give_one_line_and_a_nonzero_exit(tmp_path, corpus, make, message):
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("run: [1\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("run: 5\n", encoding="utf-8")
    result, out = _run(*make(tmp_path, corpus))
    assert result.exit_code != 0
    assert "Traceback" not in out and result.exc_info[0] is SystemExit
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0]


def test_summary_lists_rejected_files_and_the_output_folder(tmp_path, corpus):
    for i in range(12):
        (corpus / f"bad{i:02d}.pdf").write_bytes(b"%PDF")
    out_dir = tmp_path / "o"
    result, out = _run(str(corpus), "--out", str(out_dir), "--no-cache", "--workers", "1")
    assert result.exit_code == 0, out
    listed = [line for line in out.splitlines() if line.startswith("rejected ")]
    assert len(listed) == 10 and all("unsupported_type" in line for line in listed)
    assert "2 more rejected" in out
    assert str(out_dir) in out.splitlines()[-1]
