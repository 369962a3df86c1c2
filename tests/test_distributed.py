"""``run --dask``: the per-document stages on a Dask LocalCluster (2 workers)
write exactly the tables of a local run."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from pipeline.runner import run_corpus
from tests.conftest import CORPUS

pytest.importorskip("distributed")

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


@pytest.fixture(scope="module")
def client():
    """One LocalCluster for the module: 2 single-threaded worker processes, no dashboard."""
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
        silence_logs=logging.WARNING,
    ) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("corpus")
    for i in range(2):
        for f in sorted(CORPUS.iterdir()):
            shutil.copyfile(f, dest / f"c{i}_{f.name}")
    (dest / "notes.pdf").write_bytes(b"%PDF-1.4")
    return dest


def test_dask_local_cluster_output_equals_the_local_run(tmp_path, corpus, config, client):
    local = run_corpus(corpus, tmp_path / "local", config, workers=1)
    dask = run_corpus(corpus, tmp_path / "dask", config, dask=client)
    assert dask.n_documents == local.n_documents == 10 and dask.n_rejected == local.n_rejected == 1
    assert dask.n_claims == local.n_claims
    for t in TABLES:
        assert filecmp.cmp(tmp_path / "local" / f"{t}.parquet", tmp_path / "dask" / f"{t}.parquet", shallow=False), t


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
        assert filecmp.cmp(tmp_path / "out" / f"{t}.parquet", tmp_path / "scratch" / f"{t}.parquet", shallow=False), t


def test_run_starts_and_stops_its_own_local_cluster(tmp_path, config):
    small = tmp_path / "small"
    small.mkdir()
    shutil.copyfile(sorted(CORPUS.iterdir())[1], small / "one.txt")
    summary = run_corpus(small, tmp_path / "out", config, dask="local:1")
    local = run_corpus(small, tmp_path / "local", config, workers=1)
    assert summary.n_claims == local.n_claims and summary.n_documents == 1
    for t in TABLES:
        assert filecmp.cmp(tmp_path / "out" / f"{t}.parquet", tmp_path / "local" / f"{t}.parquet", shallow=False), t
