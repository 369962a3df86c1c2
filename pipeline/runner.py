"""Whole-pipeline execution for ``python -m pipeline run``: documents stream
through normalise → segment → extract → classify, on one or more worker
processes, and the tables are written batch by batch. On a Dask cluster the
workers process partitions of the corpus and write part files, which the client
assembles into the same tables (see :mod:`pipeline.distributed`).

Guarantees:

- **Same output whatever runs it.** Results are consumed in corpus path order,
  and documents and claims are written as parts of stable runs of documents
  (:mod:`pipeline.incremental`), each in row groups of ``run.batch_size`` documents,
  so ``--workers 1``, ``--workers N``, ``--dask``, a run that takes some documents
  from the cache and a rerun into the same folder write byte-identical files.
- **Bounded memory.** At most a window of documents is in flight between the
  workers and the writer; a part is written when its last document arrives, and
  the summary tables are merged from the parts' partial counts, so no table is ever held whole.
- **Incremental.** With a cache (:mod:`pipeline.cache`) a document whose bytes,
  path, models, params and code are unchanged is not processed again; with the
  output folder's state (:mod:`pipeline.incremental`) only changed files are hashed,
  only changed parts rewritten, and nothing at all when nothing changed.

Each worker builds the spaCy pipeline and loads the lexicons once (they are
cached per process by :func:`pipeline.segment.pipeline_nlp` and
:func:`pipeline.lexicons.load_lexicons`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pipeline.analysis import DocumentResult, Task, run_task, warm_up
from pipeline.collect import (
    Collector,
    Planned,
    RunSummary,
    from_cache,
    needs_work,
    ordered_results,
    plan_run,
    task_of,
    with_progress,
)
from pipeline.config import Config
from pipeline.dedup import Deduper
from pipeline.incremental import (
    SINGLE_TABLES,
    PartWriter,
    State,
    file_stat,
    file_table,
    fingerprint,
    kept_outcome,
    rejection_row,
    remove_manifest,
    remove_staging,
    state_summary,
    summary_from_state,
    unchanged,
    write_state,
)
from pipeline.ingest import discover
from pipeline.outdir import STAGING_PREFIX
from pipeline.parquet_io import write_rows

# --------------------------------------------------------------------------- executors


def resolve_workers(workers: int | None) -> int:
    if workers is None or workers <= 0:
        return max(1, os.cpu_count() or 1)
    return workers


# An executor maps tasks to results lazily and in order.
Executor = Callable[[Iterable[Task]], Iterator[DocumentResult]]

_pool_config: Config | None = None


def _pool_init(config: Config, extraction: bool) -> None:
    global _pool_config
    _pool_config = config
    try:
        warm_up(config, extraction)
    except Exception:  # each document will record the error, as in a serial run
        pass


def _pool_task(task: Task) -> DocumentResult:
    assert _pool_config is not None
    return run_task(task, _pool_config)


@contextmanager
def local_executor(config: Config, workers: int, extraction: bool = True, fork_always: bool = False) -> Iterator[Executor]:
    """In this process (workers == 1, unless fork_always) or on forked worker processes.

    A worker that dies (killed, out of memory) fails the run with BrokenProcessPool
    instead of leaving it waiting for ever.
    """
    if workers <= 1 and not fork_always:
        try:
            warm_up(config, extraction)
        except Exception:  # each document will record the error
            pass
        yield lambda tasks: (run_task(t, config) for t in tasks)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    if ctx.get_start_method() == "fork":
        # load the models once, here: forked workers inherit them instead of each
        # loading its own copy (on a 2-core machine that CPU time is wall time)
        try:
            warm_up(config, extraction)
        except Exception:  # each document will record the error
            pass
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_pool_init, initargs=(config, extraction))
    pool.submit(int)  # forks every worker now, before this process starts writer threads
    try:
        yield lambda tasks: ordered_results(lambda t: pool.submit(_pool_task, t), tasks, window=8 * workers)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# --------------------------------------------------------------------------- the run


def run_corpus(
    corpus_dir: Path,
    out_dir: Path,
    config: Config,
    workers: int | None = None,
    progress: bool = False,
    cache_dir: Path | None = None,
    prune_cache: bool = False,
    dask=None,
    wait: bool = False,
) -> RunSummary:
    """Run every stage over a folder and write the five tables to out_dir.

    One run at a time per out_dir (:mod:`pipeline.outdir`): another run holding it
    raises OutputBusy, or is waited for (wait). The five tables are put in place
    together at the end: a failure leaves the previous ones untouched.

    cache_dir: keep per-document results there and reuse them (None: no cache).
    prune_cache: afterwards delete the cache entries this run did not use (for a
    cache that belongs to this output folder only).
    dask: run the per-document work on Dask: "local", "local:N", a scheduler address
    or a ``distributed.Client`` (see :mod:`pipeline.distributed`; with a cache, the
    cache folder must be on a filesystem the workers share, as OUT).
    """
    from pipeline.outdir import output_lock

    with output_lock(Path(out_dir), wait=wait):
        return _run_corpus(corpus_dir, Path(out_dir), config, workers, progress, cache_dir, prune_cache, dask)


def _run_corpus(corpus_dir, out_dir: Path, config: Config, workers, progress, cache_dir, prune_cache, dask) -> RunSummary:
    from pipeline.cache import DocumentCache, KeyMaker
    from pipeline.outdir import remove_debris

    t0 = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    # what killed runs into this folder left behind (the lock says none is running)
    remove_debris(out_dir, own_cache=cache_dir is not None and Path(cache_dir) == out_dir / ".cache")
    paths, rejected = discover(corpus_dir, config.ingest)
    workers = resolve_workers(workers if workers is not None else config.run.workers)
    cache = DocumentCache(cache_dir) if cache_dir is not None else None
    summary = RunSummary(n_files=len(paths) + len(rejected), cache_dir=str(cache_dir) if cache_dir is not None else None)
    keys = fp = state = None
    files: dict[str, list] = {}
    discovered: list[list[str]] = []
    shas: dict[str, str | None] | None = None
    if cache is not None:
        # the incremental state goes with the cache: file metadata first, hashing only what changed
        keys = KeyMaker.for_config(config)
        fp = fingerprint(config, keys)
        state = State.load(out_dir, fp)
        files = file_table(paths, corpus_dir, config, state)
        shas = {rel: f[3] for rel, f in files.items()}
        discovered = [rejection_row(r) for r in rejected]
        if state is not None and unchanged(state, files, discovered):
            if files != state.files:  # touched, moved within the disk: same bytes, new metadata
                state.files = files
                write_state(out_dir, state, None)
            return summary_from_state(summary, state, out_dir, t0)
        if state is not None and not state.load_signatures(out_dir):
            state = None
        cache.remove_dead_writers_files()  # a shared cache: only what killed runs of this host left
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    col = Collector(summary, rejected, Deduper(config.dedup))
    try:
        writer = PartWriter(out_dir, staging, config, fp or "", summary, col.dedup, state)
        plan = plan_run(paths, corpus_dir, config, cache, keys, shas, kept_outcome(state, writer))
        writer.begin(plan)
        n_work = sum(needs_work(item) for item in plan)
        needs_nlp = any(item.state == "run" for item in plan)
        if dask and n_work:
            from pipeline.distributed import dask_partitions
            from pipeline.partitions import run_partitioned

            cluster = dask_partitions(dask, config, workers, extraction=needs_nlp)
            run_partitioned(cluster, plan, corpus_dir, out_dir, config, cache, keys, col, writer, progress)
        else:
            _run_local(plan, corpus_dir, config, workers, n_work, needs_nlp, cache, keys, col, writer, progress)
        writer.finish()
        stance_rows, date_rows, summary.n_speakers, summary.n_statements = writer.summary_tables()
        rejected.sort(key=lambda r: r.source_path)
        write_rows(out_dir / "rejected.parquet", "rejected", [r.to_row() for r in rejected], col.staged)
        write_rows(out_dir / "speaker_topic_stance.parquet", "speaker_topic_stance", stance_rows, col.staged)
        write_rows(out_dir / "speaker_topic_date.parquet", "speaker_topic_date", date_rows, col.staged)
        remove_manifest(out_dir)  # gone while the outputs change: a run killed now leaves a folder to rebuild
        writer.put_in_place()
        col.staged.commit()
    finally:
        col.staged.discard()  # after a failure: the finished tables that were never put in place
        remove_staging(staging)
    if cache is not None:
        summary.n_cache_rejected += cache.n_rejected
    # an entry falls out of use only when its file goes or changes (or models, params or code do:
    # then there is no state): otherwise the last run's pruning holds, and listing the cache is skipped
    stale = state is None or any(files.get(rel, [None] * 4)[3] != f[3] for rel, f in state.files.items())
    if cache is not None and prune_cache and stale:
        cache.prune(col.used)
    summary.n_rejected = len(rejected)
    summary.out_dir = str(out_dir)
    summary.rejected_examples = [(r.source_path, r.reason, r.detail) for r in rejected[: summary.MAX_REJECTED_LISTED]]
    if cache is not None:
        new_state = State(
            fp, files, {rel: o for rel, o in col.outcomes.items() if rel in files}, discovered, writer.parts,
            {t: file_stat(out_dir / f"{t}.parquet") for t in SINGLE_TABLES}, state_summary(summary),
        )
        write_state(out_dir, new_state, writer.signatures, writer.partials)
    summary.seconds = time.perf_counter() - t0
    return summary


def _run_local(
    plan: list[Planned],
    corpus_dir: Path,
    config: Config,
    workers: int,
    n_work: int,
    needs_nlp: bool,
    cache,
    keys,
    col: Collector,
    writer: PartWriter,
    progress: bool,
) -> None:
    """documents.parquet and claims.parquet from results streamed by this process or a local pool."""
    if not n_work:  # everything comes from the cache or the last run (also in a Dask run)
        executor_cm = _no_executor()
    elif n_work >= 2 * workers or n_work == len(plan):
        # a pool is worth its start-up only with a couple of documents per worker
        executor_cm = local_executor(config, workers if n_work >= 2 * workers else 1, extraction=needs_nlp)
    else:
        # a few new documents among cached ones: worker processes load the models
        # while this process streams the cached documents out
        executor_cm = local_executor(config, min(workers, n_work), extraction=needs_nlp, fork_always=True)

    with executor_cm as execute:
        work = execute(task_of(item, corpus_dir, cache) for item in plan if needs_work(item))
        for item in with_progress(plan, progress):
            if item.state == "kept":
                col.keep(item, writer)
                continue
            if needs_work(item):
                res = next(work)
            else:
                res = from_cache(item, cache)
                if res is None:  # removed or damaged since planning: do it here
                    res = run_task(("run", str(item.path), str(corpus_dir)), config)
            if col.accept(res, cache, keys):
                claims = res.claims if res.claims_table is None else res.claims_table  # (the same rows)
                writer.add(res.document, claims, signature=res.signature)


@contextmanager
def _no_executor() -> Iterator[Executor]:
    """Everything comes from the cache: no process to start."""
    yield lambda tasks: iter(())
