"""The per-document work of ``python -m pipeline run`` on Dask distributed.

``--dask local`` starts a LocalCluster on this machine (one single-threaded
worker process per core, or ``--workers N``; no dashboard); ``--scheduler
tcp://host:8786`` (or ``--dask tcp://host:8786``) uses a running cluster.

The flow (:mod:`pipeline.partitions`):

1. The client lists and plans the files as a local run does (discovery, cache
   look-ups) and cuts the files that need work into **partitions**: contiguous
   runs of at most ``run.partition_files`` files in corpus order.
2. One task per partition runs the per-document stages (ingest → normalise →
   segment → extract → classify) through the same
   :func:`pipeline.analysis.run_task` as the local pool, stores the cache entries
   itself, and writes its documents and claims as parquet part files into a
   staging folder ``OUT/.parts-<random>/``. Only small metadata goes back to
   the client: per file its doc_id, source_path, number of claims, or its
   rejection. Each worker process builds the spaCy pipeline, the lexicons and
   the classifier once (they are cached per process; :func:`_warm` loads them
   on every worker up front) and keeps them for every later task.
3. The client streams the part files in partition order, one at a time, applies
   the local run's rules (a duplicate doc_id: the first in path order keeps it)
   and writes ``documents.parquet`` and ``claims.parquet`` in the local run's
   batches, so the output files are byte-identical to ``--workers 1``. The
   aggregates are built from the few claim columns they read. Documents taken
   whole from the cache are read on the client, as in a local run. The staging
   folder is deleted at the end, also when the run fails.

On a real cluster every worker must see, at the same absolute paths as the
client, the corpus folder, ``models/``, the output folder (the staging folder
is written by the workers and read by the client) and the cache folder if one
is used (shared filesystem), and have this package installed. Use one thread
per worker process: the work is pure Python.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pipeline.analysis import warm_up
from pipeline.collect import ordered_results
from pipeline.config import Config
from pipeline.partitions import PartitionJob, PartitionResult, run_partition


def _client(spec: str, n_workers: int | None):
    from distributed import Client, LocalCluster

    if spec == "local" or spec.startswith("local:"):
        n = int(spec.split(":", 1)[1]) if ":" in spec else (n_workers or os.cpu_count() or 1)
        cluster = LocalCluster(
            n_workers=max(1, n),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # the scheduler's HTTP routes (health, metrics) would take port 8787: any free port instead
            scheduler_kwargs={"dashboard_address": ":0"},
            silence_logs=logging.WARNING,
        )
        return Client(cluster), cluster
    return Client(spec), None


def _warm(config: Config, extraction: bool) -> bool:
    try:
        warm_up(config, extraction)
    except Exception:  # the documents record the error, as in a local run
        return False
    return True


class PartitionRunner:
    """Runs partition jobs on a cluster and yields their results in job order."""

    def __init__(self, client, config_future, slots: int) -> None:
        self.client = client
        self.config_future = config_future
        self.slots = slots  # task slots of the cluster
        self._run_id = uuid.uuid4().hex[:12]

    def run(self, jobs: Iterable[PartitionJob]) -> Iterator[PartitionResult]:
        """Lazily: jobs are submitted as results are consumed, a couple per slot ahead, and
        closing the iterator cancels the jobs not yet consumed."""

        def submit(job: PartitionJob):
            # a readable key on the dashboard, unique per run
            key = f"pipeline-partition-{self._run_id}-{job.index:05d}"
            return self.client.submit(run_partition, job, self.config_future, key=key)

        return ordered_results(submit, jobs, window=2 * self.slots, cancel=self.client.cancel)


@contextmanager
def dask_partitions(spec, config: Config, n_workers: int | None = None, extraction: bool = True) -> Iterator[PartitionRunner]:
    """A :class:`PartitionRunner` on a Dask cluster, its workers' models loaded.

    spec: "local", "local:N", a scheduler address, or a ``distributed.Client`` to use
    (it is left open).
    """
    if not isinstance(spec, str):
        yield from _on_client(spec, config, extraction)
        return
    client, cluster = _client(spec, n_workers)
    try:
        yield from _on_client(client, config, extraction)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _on_client(client, config: Config, extraction: bool) -> Iterator[PartitionRunner]:
    slots = max(1, sum(client.nthreads().values()))
    client.run(_warm, config, extraction)  # every worker loads its models now, in parallel
    [config_future] = client.scatter([config], broadcast=True)
    try:
        yield PartitionRunner(client, config_future, slots)
    finally:
        client.cancel([config_future])
