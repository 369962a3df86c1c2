"""The per-document work of ``python -m pipeline run`` on Dask distributed.

``--dask local`` starts a LocalCluster on this machine (one single-threaded
worker process per core, or ``--workers N``; no dashboard); ``--scheduler
tcp://host:8786`` (or ``--dask tcp://host:8786``) uses a running cluster.

Only the per-document stages (ingest → normalise → segment → extract →
classify) run on the workers, one task per document, through the same
:func:`pipeline.runner.run_task` as the local pool. Each worker process builds
the spaCy pipeline, the lexicons and the classifier once (they are cached per
process) and keeps them for every later task. The client gathers the results
in corpus order, with a bounded number of tasks in flight, and writes the
tables exactly as a local run does: the output files are byte-identical to
``--workers 1``. The cache, when used, stays on the client's side.

On a real cluster every worker must see the corpus folder and models/ at the
same paths as the client (a shared filesystem) and have this package installed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.config import Config
from pipeline.runner import Executor, ordered_results, run_task, warm_up


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


@contextmanager
def dask_executor(spec, config: Config, n_workers: int | None = None, extraction: bool = True) -> Iterator[Executor]:
    """An executor (see :mod:`pipeline.runner`) on a Dask cluster.

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


def _on_client(client, config: Config, extraction: bool) -> Iterator[Executor]:
    n = max(1, sum(client.nthreads().values()))  # task slots of the cluster
    client.run(_warm, config, extraction)  # every worker loads its models now, in parallel
    [config_future] = client.scatter([config], broadcast=True)
    try:
        def submit(task):
            return client.submit(run_task, task, config_future, pure=False)

        yield lambda tasks: ordered_results(submit, tasks, window=8 * n)
    finally:
        client.cancel([config_future])
