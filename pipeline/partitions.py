"""Partition tasks of a Dask run (``python -m pipeline run --dask`` / ``--scheduler``).

Worker side, :func:`run_partition`: a task takes a contiguous run of files in
corpus order, runs :func:`pipeline.analysis.run_task` on each, stores its cache
entries itself and writes the documents and claims it produced as part files
(``STAGING/documents/part-00012.parquet``, ``STAGING/claims/part-00012.parquet``)
with the tables' schemas. It returns only a :class:`DocEntry` (or the
:class:`~pipeline.ingest.Rejection`) per file.

Client side, :func:`run_partitioned`: the entries are consumed in corpus order,
interleaved with the documents the client takes from the cache; duplicate
doc_ids are rejected as in the local run, and the accepted rows are copied from
the part files, one partition at a time, into the parts of ``documents.parquet`` and
``claims.parquet`` (:class:`pipeline.incremental.PartWriter`), so the files are
byte-identical to a local run. Files kept from the last run (incremental) stay on the
client, as cached ones do.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.analysis import run_task
from pipeline.cache import DocumentCache, KeyMaker
from pipeline.collect import Collector, Planned, from_cache, needs_work, store, task_of, with_progress
from pipeline.config import Config
from pipeline.ingest import Rejection
from pipeline.parquet_io import write_rows
from pipeline.schemas import TABLES, schema

PART_TABLES = ("documents", "claims")


@dataclass(frozen=True)
class DocEntry:
    """What a partition task tells the client about one document it wrote."""

    doc_id: str
    source_path: str
    n_claims: int
    source: str  # run | classify
    cache_keys: tuple[str, str] | None  # (extraction, classification) keys it was cached under


@dataclass(frozen=True)
class PartitionJob:
    index: int
    items: list[Planned]  # paths absolute, so that a worker anywhere finds them
    corpus_dir: str
    staging: str
    cache_dir: str | None
    keys: KeyMaker | None


@dataclass
class PartitionResult:
    index: int
    entries: list[DocEntry | Rejection]  # one per file of the job, in its order
    n_cache_rejected: int = 0  # cache entries the worker refused and recomputed


def part_path(staging: Path, table: str, index: int) -> Path:
    return Path(staging) / table / f"part-{index:05d}.parquet"


def split(items: list[Planned], max_files: int, slots: int) -> list[list[Planned]]:
    """Contiguous runs of at most max_files items; smaller on a small corpus, so that
    every task slot gets about two partitions instead of one slot getting them all."""
    if not items:
        return []
    fair = -(-len(items) // (2 * max(1, slots)))  # ceiling division
    size = max(1, min(max_files, fair))
    return [items[i : i + size] for i in range(0, len(items), size)]


# --------------------------------------------------------------------------- on a worker


def run_partition(job: PartitionJob, config: Config) -> PartitionResult:
    """Process the files of one partition and write its part files (runs on a Dask worker)."""
    cache = DocumentCache(job.cache_dir) if job.cache_dir is not None else None
    corpus_dir = Path(job.corpus_dir)
    documents: list[dict] = []
    claims: list[dict] = []
    entries: list[DocEntry | Rejection] = []
    for item in job.items:
        res = run_task(task_of(item, corpus_dir, cache), config)
        if res.rejection is not None:
            entries.append(res.rejection)
            continue
        doc = res.document
        # stored even if the client later rejects it as a duplicate id: a valid entry for
        # these bytes and path, which a pruning run deletes as unused
        stored = store(cache, job.keys, res) if cache is not None else None
        documents.append(doc)
        claims.extend(res.claims)
        entries.append(DocEntry(doc["doc_id"], doc["source_path"], len(res.claims), res.source, stored))
    for table, rows in (("documents", documents), ("claims", claims)):
        path = part_path(Path(job.staging), table, job.index)
        # the client creates these folders and deletes them when the run ends or fails:
        # a task still running after that must not bring them back
        if not path.parent.is_dir():
            raise RuntimeError(f"{path.parent} is gone: the run this partition belonged to has ended")
        write_rows(path, table, rows, make_folder=False)  # nor bring them back between the check and the write
    return PartitionResult(job.index, entries, cache.n_rejected if cache is not None else 0)


# --------------------------------------------------------------------------- on the client


def _read_part(path: Path, table: str) -> pa.Table:
    sch = schema(TABLES[table])
    data = pq.read_table(path)
    if data.schema.names != sch.names or data.schema.types != sch.types:
        raise ValueError(f"{path}: not a {table} part file")
    # the writer wants the exact schema (field descriptions, nullability)
    return pa.Table.from_arrays(data.columns, schema=sch)


class _Part:
    """The part files of one partition, read when a row of it is first needed."""

    def __init__(self, staging: Path, index: int) -> None:
        self.paths = {t: part_path(staging, t, index) for t in PART_TABLES}
        self._tables: dict[str, pa.Table] | None = None

    def table(self, name: str) -> pa.Table:
        if self._tables is None:
            # both at once: the files may be removed before the rows are copied out
            self._tables = {t: _read_part(p, t) for t, p in self.paths.items()}
        return self._tables[name]

    def add_row(self, writer, row: int, claim_start: int, n_claims: int) -> None:
        """One document of this part and its claims, as zero-copy slices (copied when its part is written)."""
        writer.add(self.table("documents").slice(row, 1), self.table("claims").slice(claim_start, n_claims))

    def remove(self) -> None:
        """Consumed (its rows are in memory if any was taken): free the disk early."""
        for path in self.paths.values():
            path.unlink(missing_ok=True)


def _entries(
    results: Iterable[PartitionResult], staging: Path, summary=None
) -> Iterator[tuple[DocEntry | Rejection, _Part, int, int]]:
    """Each file's entry in corpus order, with its part and its row and first claim row there."""
    for result in results:
        if summary is not None:
            summary.n_cache_rejected += result.n_cache_rejected
        part = _Part(staging, result.index)
        row = claim_start = 0
        for entry in result.entries:
            yield entry, part, row, claim_start
            if isinstance(entry, DocEntry):
                row += 1
                claim_start += entry.n_claims
        part.remove()


def run_partitioned(
    partition_runner: AbstractContextManager,
    plan: list[Planned],
    corpus_dir: Path,
    out_dir: Path,
    config: Config,
    cache: DocumentCache | None,
    keys: KeyMaker | None,
    collector: Collector,
    writer,
    progress: bool = False,
) -> None:
    """Write documents.parquet and claims.parquet of ``plan`` with partition tasks on Dask
    (the rest of :func:`pipeline.runner.run_corpus` is shared with the local run).

    partition_runner: :func:`pipeline.distributed.dask_partitions` for the run's cluster (passed in,
    so that this module and the Dask driver do not import each other)."""

    corpus_abs = Path(corpus_dir).absolute()
    work = [dataclasses.replace(item, path=Path(item.path).absolute()) for item in plan if needs_work(item)]
    staging = Path(tempfile.mkdtemp(prefix=".parts-", dir=out_dir)).absolute()
    try:
        for t in PART_TABLES:
            (staging / t).mkdir()
        with partition_runner as runner:
            chunks = split(work, config.run.partition_files, runner.slots)
            collector.summary.n_partitions = len(chunks)
            cache_dir = str(cache.root.absolute()) if cache is not None else None
            jobs = (PartitionJob(i, chunk, str(corpus_abs), str(staging), cache_dir, keys) for i, chunk in enumerate(chunks))
            results = runner.run(jobs)
            try:
                entries = _entries(results, staging, collector.summary)
                _assemble(plan, entries, corpus_dir, config, cache, keys, collector, writer, progress)
            finally:
                results.close()  # on failure: cancel the partitions still queued
    finally:
        for _ in range(3):  # a task of a dead worker's partition may still be writing into it: try again
            shutil.rmtree(staging, ignore_errors=True)
            if not staging.exists():
                break
            time.sleep(0.2)


def _assemble(
    plan: list[Planned],
    entries: Iterator[tuple[DocEntry | Rejection, _Part, int, int]],
    corpus_dir: Path,
    config: Config,
    cache: DocumentCache | None,
    keys: KeyMaker | None,
    col: Collector,
    writer,
    progress: bool,
) -> None:
    for item in with_progress(plan, progress):
        if item.state == "kept":
            col.keep(item, writer)
            continue
        if item.state == "cache":
            res = from_cache(item, cache)
            if res is None:  # removed or damaged since planning: do it here
                res = run_task(("run", str(item.path), str(corpus_dir)), config)
            if col.accept(res, cache, keys):
                writer.add(res.document, res.claims, signature=res.signature)
            continue
        entry, part, row, claim_start = next(entries)
        if isinstance(entry, Rejection):
            col.reject(entry)
        elif col.admit(entry.doc_id, entry.source_path, entry.source):
            if entry.cache_keys is not None:
                col.use(entry.cache_keys)
            part.add_row(writer, row, claim_start, entry.n_claims)
