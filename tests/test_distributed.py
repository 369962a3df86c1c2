"""``run --dask``: partition tasks on a Dask LocalCluster (2 workers) write part
files that the client assembles into exactly the tables of a local run."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.parquet_io import read_rows
from pipeline.runner import run_corpus
from tests.conftest import CORPUS, output_bytes

pytest.importorskip("distributed")

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


@contextmanager
def local_cluster(log_level: int) -> Iterator:
    """A client of a LocalCluster with 2 single-threaded worker processes and no dashboard."""
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
        silence_logs=log_level,
    ) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def client():
    """One LocalCluster for the module: 2 single-threaded worker processes, no dashboard."""
    import logging


    with local_cluster(logging.WARNING) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("corpus")
    for i in range(2):
        for f in sorted(CORPUS.iterdir()):
            shutil.copyfile(f, dest / f"c{i}_{f.name}")
    (dest / "notes.pdf").write_bytes(b"%PDF-1.4")
    return dest


def same_tables(a: Path, b: Path) -> None:
    for t in TABLES:
        assert output_bytes(a, [t]) == output_bytes(b, [t]), f"{t}.parquet differs"


def no_staging(out: Path) -> None:
    assert not list(out.glob(".parts-*")), "the staging folder of the part files is left behind"


def with_run(config: Config, **changes) -> Config:
    return dataclasses.replace(config, run=dataclasses.replace(config.run, **changes))


def test_dask_local_cluster_output_equals_the_local_run(tmp_path, corpus, config, client):
    local = run_corpus(corpus, tmp_path / "local", config, workers=1)
    dask = run_corpus(corpus, tmp_path / "dask", config, dask=client)
    assert dask.n_documents == local.n_documents == 10 and dask.n_rejected == local.n_rejected == 1
    assert dask.n_claims == local.n_claims and dask.n_processed == 10 and dask.n_partitions >= 1
    same_tables(tmp_path / "local", tmp_path / "dask")
    no_staging(tmp_path / "dask")


def test_many_partitions_and_batches_across_them_equal_the_local_run(tmp_path, corpus, config, client):
    # 2 files per partition, 3 documents per batch: batches straddle partitions
    small = with_run(config, partition_files=2, batch_size=3)
    run_corpus(corpus, tmp_path / "local", small, workers=1)
    dask = run_corpus(corpus, tmp_path / "dask", small, dask=client, progress=True)
    assert dask.n_partitions == 5 and dask.n_documents == 10
    same_tables(tmp_path / "local", tmp_path / "dask")
    no_staging(tmp_path / "dask")


def test_bad_files_and_duplicate_ids_are_rejected_as_in_the_local_run(tmp_path, config, client):
    work = tmp_path / "corpus"
    files = sorted(CORPUS.iterdir())
    for sub in ("a", "b"):  # the same file name in two folders: the same doc_id
        (work / sub).mkdir(parents=True)
        shutil.copyfile(files[0], work / sub / "same.txt")
    shutil.copyfile(files[1], work / "b" / "other.txt")
    (work / "empty.txt").write_text("  \n", encoding="utf-8")  # rejected by ingest, on a worker
    (work / "notes.pdf").write_bytes(b"%PDF-1.4")  # rejected by discovery, on the client
    one = with_run(config, partition_files=1)  # the two same.txt in different partitions
    local = run_corpus(work, tmp_path / "local", one, workers=1)
    dask = run_corpus(work, tmp_path / "dask", one, dask=client)
    assert (dask.n_documents, dask.n_rejected) == (local.n_documents, local.n_rejected) == (2, 3)
    rejected = read_rows(tmp_path / "dask" / "rejected.parquet")
    assert [r["source_path"] for r in rejected] == ["b/same.txt", "empty.txt", "notes.pdf"]
    assert rejected[0]["reason"] == "duplicate_id" and "a/same.txt" in rejected[0]["detail"]
    assert rejected[2]["reason"] == "unsupported_type"
    same_tables(tmp_path / "local", tmp_path / "dask")
    no_staging(tmp_path / "dask")


def test_the_staging_folder_is_removed_when_the_run_fails(tmp_path, corpus, config, client, monkeypatch):
    import pipeline.partitions

    def broken(path, table):
        raise OSError(f"cannot read {path}")

    monkeypatch.setattr(pipeline.partitions, "_read_part", broken)
    with pytest.raises(OSError, match="cannot read"):
        run_corpus(corpus, tmp_path / "out", config, dask=client)
    no_staging(tmp_path / "out")
    assert not (tmp_path / "out" / "documents.parquet").exists()


def test_a_second_dask_run_with_the_cache_processes_nothing(tmp_path, corpus, config, client):
    first = run_corpus(corpus, tmp_path / "first", config, dask=client, cache_dir=tmp_path / "cache")
    assert (first.n_processed, first.n_cached) == (10, 0)
    second = run_corpus(corpus, tmp_path / "second", config, dask=client, cache_dir=tmp_path / "cache")
    assert (second.n_processed, second.n_reclassified, second.n_cached) == (0, 0, 10)
    same_tables(tmp_path / "first", tmp_path / "second")


def test_dask_workers_reclassify_from_the_shared_cache(tmp_path, corpus, config, client):
    run_corpus(corpus, tmp_path / "first", config, dask=client, cache_dir=tmp_path / "cache")
    # other classify params: the workers read the cached extractions instead of re-extracting
    other = dataclasses.replace(config, classify=dataclasses.replace(config.classify, neutral_margin=0.0))
    again = run_corpus(corpus, tmp_path / "again", other, dask=client, cache_dir=tmp_path / "cache")
    assert (again.n_processed, again.n_reclassified, again.n_cached) == (0, 10, 0)
    run_corpus(corpus, tmp_path / "scratch", other, workers=1)
    same_tables(tmp_path / "again", tmp_path / "scratch")


def test_dask_with_the_cache_processes_only_new_files(tmp_path, corpus, config, client):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    first = run_corpus(work, tmp_path / "out", config, dask=client, cache_dir=tmp_path / "cache")
    assert first.n_processed == 10
    shutil.copyfile(sorted(CORPUS.iterdir())[0], work / "zz_new.txt")
    # one new file: only it is sent to the cluster
    again = run_corpus(work, tmp_path / "out", config, dask=client, cache_dir=tmp_path / "cache")
    assert (again.n_processed, again.n_cached) == (1, 10)
    run_corpus(work, tmp_path / "scratch", config, workers=1)
    for t in TABLES:
        assert output_bytes(tmp_path / "out", [t]) == output_bytes(tmp_path / "scratch", [t]), t


def test_run_starts_and_stops_its_own_local_cluster(tmp_path, config):
    small = tmp_path / "small"
    small.mkdir()
    shutil.copyfile(sorted(CORPUS.iterdir())[1], small / "one.txt")
    summary = run_corpus(small, tmp_path / "out", config, dask="local:1")
    local = run_corpus(small, tmp_path / "local", config, workers=1)
    assert summary.n_claims == local.n_claims and summary.n_documents == 1
    for t in TABLES:
        assert output_bytes(tmp_path / "out", [t]) == output_bytes(tmp_path / "local", [t]), t


def test_a_worker_killed_mid_run_the_run_completes_and_equals_the_local_run(tmp_path, config):
    """SIGKILL to a worker process while it runs a partition: the scheduler runs the partition
    again (on the other worker, or on the nanny's new one) and the output is the local run's."""
    import logging
    import os
    import signal
    import threading
    import time


    work = tmp_path / "corpus"
    work.mkdir()
    for i in range(6):
        for f in sorted(CORPUS.glob("*.txt")):
            shutil.copyfile(f, work / f"k{i}_{f.name}")
    small = with_run(config, partition_files=2, batch_size=4)
    local = run_corpus(work, tmp_path / "local", small, workers=1)
    out = tmp_path / "dask"
    with local_cluster(logging.CRITICAL) as c:
        outcome: dict = {}

        def run() -> None:
            try:
                outcome["summary"] = run_corpus(work, out, small, dask=c, cache_dir=tmp_path / "cache")
            except BaseException as exc:  # reported below
                outcome["error"] = exc

        thread = threading.Thread(target=run)
        thread.start()
        killed = None
        deadline = time.monotonic() + 240
        while killed is None and time.monotonic() < deadline and thread.is_alive():
            parts = list(out.glob(".parts-*/documents/part-*.parquet"))
            busy = [addr for addr, keys in c.processing().items() if any("pipeline-partition" in str(k) for k in keys)]
            if parts and busy:  # some partitions done, one running: kill the worker running it
                pid = c.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed = pid
            time.sleep(0.05)
        thread.join(timeout=600)
    assert killed is not None, "no worker was caught running a partition: the test tested nothing"
    assert "error" not in outcome, repr(outcome.get("error"))
    summary = outcome["summary"]
    assert summary.n_documents == local.n_documents == 30 and summary.n_partitions == 15
    same_tables(tmp_path / "local", out)
    no_staging(out)


class _PoisonPlugin:
    """Installed on every worker, also on those the nanny restarts: processing a file whose
    name holds "poison" kills the worker process (as a document that crashes it would)."""

    name = "pipeline-test-poison"

    def setup(self, worker) -> None:
        import os as _os

        import pipeline.analysis as analysis

        real = analysis.process_path

        def process_path(args):
            if "poison" in Path(args[0]).name:
                _os._exit(1)
            return real(args)

        analysis.process_path = process_path


def test_a_document_that_kills_every_worker_is_a_rejection_not_a_failed_run(tmp_path, config):
    import logging

    import dask
    from distributed.diagnostics.plugin import WorkerPlugin

    plugin = type("PoisonPlugin", (_PoisonPlugin, WorkerPlugin), {})
    work = tmp_path / "corpus"
    work.mkdir()
    for i in range(2):
        for f in sorted(CORPUS.glob("*.txt")):
            shutil.copyfile(f, work / f"p{i}_{f.name}")
    clean = tmp_path / "clean_corpus"
    shutil.copytree(work, clean)
    shutil.copyfile(sorted(CORPUS.glob("*.txt"))[0], work / "p0_poison.txt")
    small = with_run(config, partition_files=3)
    local = run_corpus(clean, tmp_path / "local", small, workers=1)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), local_cluster(logging.CRITICAL) as c:
        c.register_plugin(plugin())
        summary = run_corpus(work, tmp_path / "dask", small, dask=c)
    assert summary.n_documents == local.n_documents == 10
    rejected = read_rows(tmp_path / "dask" / "rejected.parquet")
    assert [(r["source_path"], r["reason"], r["stage"]) for r in rejected] == [("p0_poison.txt", "worker_died", "extract")]
    for t in ("documents", "claims", "speaker_topic_stance", "speaker_topic_date"):
        assert output_bytes(tmp_path / "local", [t]) == output_bytes(tmp_path / "dask", [t]), t
    no_staging(tmp_path / "dask")


def test_incremental_reruns_on_dask_rewrite_only_what_changed(tmp_path, corpus, config, client):
    """The output folder's state works on Dask too: only new or edited files go to the cluster,
    unchanged parts stay, and the tables are a local run's from scratch."""
    small = dataclasses.replace(config, run=dataclasses.replace(config.run, part_documents=3))
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    out = tmp_path / "out"

    def parts() -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in (out / "claims.parquet").glob("part-*.parquet")}

    run_corpus(work, out, small, dask=client, cache_dir=out / ".cache")
    before = parts()
    assert len(before) > 2
    unchanged = run_corpus(work, out, small, dask=client, cache_dir=out / ".cache")
    assert (unchanged.n_processed, unchanged.n_cached) == (0, 10) and parts() == before
    shutil.copyfile(sorted(CORPUS.iterdir())[0], work / "c0_zz_new.txt")
    victim = sorted(work.glob("c1_*.txt"))[0]
    victim.write_bytes(victim.read_bytes().replace("。".encode(), "！".encode(), 1))
    again = run_corpus(work, out, small, dask=client, cache_dir=out / ".cache")
    assert (again.n_processed, again.n_cached) == (2, 9)
    assert set(parts().values()) & set(before.values())  # some parts were kept as they were
    run_corpus(work, tmp_path / "scratch", small, workers=1)
    same_tables(out, tmp_path / "scratch")
