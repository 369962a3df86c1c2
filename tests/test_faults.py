"""Faults around a run: killed runs, two runs into one folder, a full disk or an
unwritable output folder.

- A run killed at random points (SIGKILL to its whole process group, workers
  included): the next run removes the debris and writes exactly the tables of a
  clean run.
- One writer per output folder: a second run fails at once with a one-line
  message (or waits, with --wait); the lock of a dead process is taken over.
- A full disk while writing: a one-line error, a non-zero exit, and every table
  of the previous run unchanged (not a mix of old and new ones).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import parquet_io
from pipeline.cli import app
from pipeline.config import ROOT
from pipeline.outdir import LOCK_NAME, OutputBusy, output_lock
from pipeline.parquet_io import TableWriter
from pipeline.runner import run_corpus
from tests.conftest import CORPUS, output_bytes

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


def _copies(dest: Path, n: int) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        for f in sorted(CORPUS.glob("*.txt")):
            shutil.copyfile(f, dest / f"c{i:02d}_{f.name}")
    (dest / "notes.pdf").write_bytes(b"%PDF-1.4")
    return dest


def _same_tables(a: Path, b: Path) -> None:
    for t in TABLES:
        assert output_bytes(a, [t]) == output_bytes(b, [t]), f"{t}.parquet differs"


def _debris(out: Path) -> list[str]:
    """Temporary files and staging folders anywhere under out (its own cache included)."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".parts-"))


def _small_batches_params(tmp_path: Path) -> Path:
    """params.yaml with batches of 2 documents: a killed run is likely caught between batches."""
    text = (ROOT / "params.yaml").read_text(encoding="utf-8")
    assert "batch_size: 32" in text
    params = tmp_path / "params.yaml"
    params.write_text(text.replace("batch_size: 32", "batch_size: 2"), encoding="utf-8")
    return params


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill reaches its workers too
        **kwargs,
    )


def _wait_for(predicate, timeout: float = 120.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


# --------------------------------------------------------------------------- killed runs


def test_a_run_killed_at_random_points_leaves_nothing_the_next_run_does_not_clean(tmp_path, config):
    import dataclasses

    corpus = _copies(tmp_path / "corpus", 12)
    params = _small_batches_params(tmp_path)
    out = tmp_path / "out"
    rng = random.Random(17)
    left_behind: list[list[str]] = []
    for attempt in range(3):
        proc = _cli(str(corpus), "--out", str(out), "--workers", "2", "--params", str(params))
        if attempt < 2:  # killed while writing: once its temporary tables exist, at a random moment
            # (the parts of documents.parquet are written in a staging folder until the run ends)
            assert _wait_for(lambda p=proc: bool(list(out.glob(".parts-*/documents/*"))) or p.poll() is not None)
            # within the writing phase, which takes a fraction of a second once the parts appear
            time.sleep(rng.uniform(0.0, 0.2))
        else:  # killed at any moment (loading models, planning, writing)
            time.sleep(rng.uniform(0.5, 4.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
        left_behind.append(_debris(out) if out.exists() else [])
    assert any(left_behind), "no kill caught a run while it was writing: the test tested nothing"

    small = dataclasses.replace(config, run=dataclasses.replace(config.run, batch_size=2))
    after = run_corpus(corpus, out, small, workers=2, cache_dir=out / ".cache", prune_cache=True)
    assert _debris(out) == []
    clean = tmp_path / "clean"
    run_corpus(corpus, clean, small, workers=1)
    _same_tables(out, clean)
    assert after.n_documents == 60 and after.n_cache_rejected == 0


def test_debris_of_other_names_is_left_alone(tmp_path, config):
    """Only the temporary files of the run's own tables are the run's to delete."""
    corpus = _copies(tmp_path / "corpus", 1)
    out = tmp_path / "out"
    out.mkdir()
    ours = [out / ".claims.parquet.k2j3h4.tmp", out / ".rejected.parquet.zz.tmp"]
    staging = out / ".parts-abc123" / "documents"
    staging.mkdir(parents=True)
    (staging / "part-00000.parquet").write_bytes(b"x")
    theirs = [out / ".notes.txt.tmp", out / "claims.parquet.bak", out / "my.tmp"]
    for p in ours + theirs:
        p.write_bytes(b"half")
    run_corpus(corpus, out, config, workers=1)
    assert [p for p in ours if p.exists()] == [] and not (out / ".parts-abc123").exists()
    assert all(p.exists() for p in theirs)


# --------------------------------------------------------------------------- one writer at a time


def _lock_holder(out: Path) -> subprocess.Popen:
    """Another process that takes the output folder's lock and keeps it."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from pipeline.outdir import output_lock\n"
        "with output_lock(Path(sys.argv[1])):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(out)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_second_run_into_the_same_folder_fails_at_once_or_waits(tmp_path):
    corpus = _copies(tmp_path / "corpus", 1)
    out = tmp_path / "out"
    holder = _lock_holder(out)
    try:
        t0 = time.monotonic()
        refused = _cli(str(corpus), "--out", str(out), "--workers", "1")
        _, err = refused.communicate(timeout=120)
        assert refused.returncode == 3
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and "another run" in lines[0] and f"pid {holder.pid}" in lines[0], err
        assert "--wait" in lines[0]
        assert time.monotonic() - t0 < 60
        assert not (out / "documents.parquet").exists()

        waiting = _cli(str(corpus), "--out", str(out), "--workers", "1", "--wait")
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the holder
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    out_text, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    assert "5 documents read" in out_text and (out / "documents.parquet" / "part-00000.parquet").is_file()


def test_two_runs_started_together_one_writes_the_other_is_refused(tmp_path, config):
    corpus = _copies(tmp_path / "corpus", 2)
    out = tmp_path / "out"
    first = _cli(str(corpus), "--out", str(out), "--workers", "1")
    assert _wait_for(lambda: (out / LOCK_NAME).exists() and f"pid {first.pid}" in (out / LOCK_NAME).read_text())
    second = _cli(str(corpus), "--out", str(out), "--workers", "1")
    _, err2 = second.communicate(timeout=120)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 3 and "another run" in err2
    clean = tmp_path / "clean"
    run_corpus(corpus, clean, config, workers=1)
    _same_tables(out, clean)


def test_the_lock_of_a_dead_process_is_taken_over(tmp_path, config):
    corpus = _copies(tmp_path / "corpus", 1)
    out = tmp_path / "out"
    holder = _lock_holder(out)
    with pytest.raises(OutputBusy, match="another run"):
        run_corpus(corpus, out, config, workers=1)
    holder.send_signal(signal.SIGKILL)  # dies holding it: no clean-up of its own
    holder.wait()
    holder.stdout.close()
    assert f"pid {holder.pid}" in (out / LOCK_NAME).read_text()
    summary = run_corpus(corpus, out, config, workers=1)
    assert summary.n_documents == 5
    assert f"pid {os.getpid()}" in (out / LOCK_NAME).read_text()


def test_one_process_cannot_run_twice_into_one_folder(tmp_path):
    with output_lock(tmp_path / "out"):
        with pytest.raises(OutputBusy):
            with output_lock(tmp_path / "out"):
                pass
    with output_lock(tmp_path / "out"):  # released
        pass


# --------------------------------------------------------------------------- a full disk, an unwritable folder


@pytest.mark.parametrize("fail_at", ["first_batch", "last_table"])
def test_a_full_disk_is_one_line_a_nonzero_exit_and_the_previous_tables_intact(tmp_path, monkeypatch, config, fail_at):
    corpus = _copies(tmp_path / "corpus", 1)
    out = tmp_path / "out"
    run_corpus(corpus, out, config, workers=1)
    before = output_bytes(out)
    (corpus / "c00_extra.txt").write_bytes(sorted(CORPUS.glob("*.txt"))[0].read_bytes())  # the next run differs

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if fail_at == "first_batch":
        monkeypatch.setattr(TableWriter, "write_table", no_space)
    else:  # documents and claims are complete; the disk fills on the last summary table
        real = parquet_io.write_table

        def fail_on_last(path, data, *args, **kwargs):
            if Path(path).name == "speaker_topic_date.parquet":
                no_space()
            return real(path, data, *args, **kwargs)

        monkeypatch.setattr(parquet_io, "write_table", fail_on_last)
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--workers", "1", "--no-cache"])
    assert result.exit_code == 4, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "No space left on device" in lines[0] and "unchanged" in lines[0], result.output
    assert output_bytes(out) == before
    assert _debris(out) == []


def test_an_output_path_that_cannot_be_a_folder_is_one_line_and_nonzero(tmp_path):
    corpus = _copies(tmp_path / "corpus", 1)
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")
    proc = _cli(str(corpus), "--out", str(blocked / "out"), "--workers", "1")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in err, err


def test_a_local_worker_killed_mid_run_is_one_line_and_the_next_run_is_clean(tmp_path, config):
    """The OOM killer takes a worker of the local pool: the run stops with a one-line error
    (exit 5) and the previous tables; the next run writes a clean run's tables."""
    import dataclasses

    corpus = _copies(tmp_path / "corpus", 12)
    params = _small_batches_params(tmp_path)
    out = tmp_path / "out"
    proc = _cli(str(corpus), "--out", str(out), "--workers", "2", "--params", str(params))
    def workers() -> list[str]:
        return subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()

    # the run has started writing (its staging folder) and its pool is up
    assert _wait_for(lambda: bool(list(out.glob(".parts-*/documents")) and workers()) or proc.poll() is not None)
    children = workers()
    assert children and proc.poll() is None
    for child in children:  # the pool's workers (killing only one could hit a helper process instead)
        os.kill(int(child), signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 5, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "worker process died" in lines[0] and "Traceback" not in err, err
    assert not (out / "documents.parquet").exists() and _debris(out) == []
    small = dataclasses.replace(config, run=dataclasses.replace(config.run, batch_size=2))
    run_corpus(corpus, out, small, workers=2, cache_dir=out / ".cache", prune_cache=True)
    run_corpus(corpus, tmp_path / "clean", small, workers=1)
    _same_tables(out, tmp_path / "clean")
