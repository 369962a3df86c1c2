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

import dataclasses
import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pipeline.analysis import warm_up
from pipeline.collect import Planned, ordered_results
from pipeline.config import Config
from pipeline.ingest import Rejection
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


SINGLE_FILE_INDEX = 1_000_000  # part-file indices of the one-file jobs of a partition's second chance


def _killed_worker(exc: BaseException) -> bool:
    """Dask gave up on a task: every worker that ran it died (allowed-failures times)."""
    return type(exc).__name__ == "KilledWorker"


class _Partition:
    """A submitted partition; its result is the partition's, or, when Dask gave up on it
    because its workers kept dying, the results of its files run one by one."""

    def __init__(self, runner: PartitionRunner, job: PartitionJob, future) -> None:
        self.runner = runner
        self.job = job
        self.future = future

    def result(self) -> list[PartitionResult]:
        try:
            return [self.future.result()]
        except Exception as exc:
            if not _killed_worker(exc):
                raise
            return self.runner.one_by_one(self.job)


class PartitionRunner:
    """Runs partition jobs on a cluster and yields their results in job order.

    A worker that dies (killed, out of memory) is Dask's business: the scheduler runs its
    partitions again elsewhere. When the workers die on a partition every time (a document
    that kills the process), the partition's files are run one per task, and a file whose
    task still kills its workers is recorded as a rejection (``worker_died``) instead of
    failing the run.
    """

    def __init__(self, client, config: Config, slots: int) -> None:
        self.client = client
        # sent with every task (a few hundred bytes), not scattered: a scattered value dies
        # with the workers holding it, and a partition run again would wait for it for ever
        self.config = config
        self.slots = slots  # task slots of the cluster
        self._run_id = uuid.uuid4().hex[:12]
        self._next_single = SINGLE_FILE_INDEX

    def _submit(self, job: PartitionJob):
        # a readable key on the dashboard, unique per run
        key = f"pipeline-partition-{self._run_id}-{job.index:05d}"
        return self.client.submit(run_partition, job, self.config, key=key)

    def run(self, jobs: Iterable[PartitionJob]) -> Iterator[PartitionResult]:
        """Lazily: jobs are submitted as results are consumed, a couple per slot ahead, and
        closing the iterator cancels the jobs not yet consumed."""

        def cancel(partitions: list[_Partition]) -> None:
            self.client.cancel([p.future for p in partitions])

        def submit(job: PartitionJob) -> _Partition:  # has .result(), as ordered_results wants
            return _Partition(self, job, self._submit(job))

        for results in ordered_results(submit, jobs, window=2 * self.slots, cancel=cancel):
            yield from results

    def one_by_one(self, job: PartitionJob) -> list[PartitionResult]:
        """The files of a partition whose workers kept dying, each in its own task.

        A file whose task dies is run once more alone: the tasks queued on a worker die with
        it, so a file that only shared a dying worker with the culprit succeeds then, and only
        a file that kills its worker on its own is recorded as ``worker_died``."""
        singles = [self._single(job, item) for item in job.items]
        futures = [self._submit(single) for single in singles]
        results: list[PartitionResult | None] = []
        for future in futures:
            try:
                results.append(future.result())
            except Exception as exc:
                if not _killed_worker(exc):
                    raise
                results.append(None)
        for i, single in enumerate(singles):
            if results[i] is not None:
                continue
            alone = self._single(job, single.items[0])
            try:
                results[i] = self._submit(alone).result()
            except Exception as exc:
                if not _killed_worker(exc):
                    raise
                detail = f"the worker processes running it died every time (killed, or out of memory): {exc}"
                rejection = Rejection(single.items[0].rel, "worker_died", detail, stage="extract")
                results[i] = PartitionResult(single.index, [rejection])
        return [r for r in results if r is not None]

    def _single(self, job: PartitionJob, item: Planned) -> PartitionJob:
        """A job of one file of ``job``, under an index (and so a task key) of its own."""
        single = dataclasses.replace(job, index=self._next_single, items=[item])
        self._next_single += 1
        return single


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
    yield PartitionRunner(client, config, slots)
