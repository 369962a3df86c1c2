"""Partition tasks of a Dask run (``python -m pipeline run --dask`` / ``--scheduler``).

Worker side, :func:`run_partition`: a task takes a contiguous run of files in
corpus order, runs :func:`pipeline.runner.run_task` on each, stores its cache
entries itself and writes the documents and claims it produced as part files
(``STAGING/documents/part-00012.parquet``, ``STAGING/claims/part-00012.parquet``)
with the tables' schemas. It returns only a :class:`DocEntry` (or the
:class:`~pipeline.ingest.Rejection`) per file.

Client side, :func:`run_partitioned`: the entries are consumed in corpus order,
interleaved with the documents the client takes from the cache; duplicate
doc_ids are rejected as in the local run, and the accepted rows are copied from
the part files, one partition at a time, into ``documents.parquet`` and
``claims.parquet`` in batches of ``run.batch_size`` documents (:class:`_Batches`),
so the files are byte-identical to a local run. The aggregates read only the
claim columns :class:`~pipeline.aggregate.Aggregator` needs.
"""

from __future__ import annotations

import array
import dataclasses
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.cache import DocumentCache, KeyMaker
from pipeline.config import Config
from pipeline.ingest import Rejection
from pipeline.parquet_io import ROW_GROUP_SIZE, TableWriter, to_table, write_rows
from pipeline.runner import _Collector, _from_cache, _Planned, _store, _task, run_task
from pipeline.schemas import TABLES, schema

PART_TABLES = ("documents", "claims")
# the claim columns Aggregator reads
AGG_COLUMNS = ["claim_id", "doc_id", "speaker", "topics", "stance", "date", "attribution_confidence"]


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
    items: list[_Planned]  # paths absolute, so that a worker anywhere finds them
    corpus_dir: str
    staging: str
    cache_dir: str | None
    keys: KeyMaker | None


@dataclass
class PartitionResult:
    index: int
    entries: list[DocEntry | Rejection]  # one per file of the job, in its order


def _as_float32(claims: list[dict]) -> list[dict]:
    """Claims with attribution_confidence as the parts (float32) hold it.

    The aggregates rank examples by confidence, ties by claim_id. Claims from the
    parts and from the cache must compare alike, or a tie would become an order. The
    confidences are rounded to 3 decimals, so float32 keeps the order of distinct ones:
    the ranking is the local run's.
    """
    out = []
    for c in claims:
        conf = c.get("attribution_confidence")
        out.append(c if conf is None else {**c, "attribution_confidence": array.array("f", [conf])[0]})
    return out


def part_path(staging: Path, table: str, index: int) -> Path:
    return Path(staging) / table / f"part-{index:05d}.parquet"


def split(items: list[_Planned], max_files: int, slots: int) -> list[list[_Planned]]:
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
        res = run_task(_task(item, corpus_dir, cache), config)
        if res.rejection is not None:
            entries.append(res.rejection)
            continue
        doc = res.document
        # stored even if the client later rejects it as a duplicate id: a valid entry for
        # these bytes and path, which a pruning run deletes as unused
        stored = _store(cache, job.keys, res) if cache is not None else None
        documents.append(doc)
        claims.extend(res.claims)
        entries.append(DocEntry(doc["doc_id"], doc["source_path"], len(res.claims), res.source, stored))
    for table, rows in (("documents", documents), ("claims", claims)):
        path = part_path(Path(job.staging), table, job.index)
        # the client creates these folders and deletes them when the run ends or fails:
        # a task still running after that must not bring them back
        if not path.parent.is_dir():
            raise RuntimeError(f"{path.parent} is gone: the run this partition belonged to has ended")
        write_rows(path, table, rows)
    return PartitionResult(job.index, entries)


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
        self._agg_rows: list[dict] | None = None

    def table(self, name: str) -> pa.Table:
        if self._tables is None:
            # both at once: the files may be removed before the rows are copied out
            self._tables = {t: _read_part(p, t) for t, p in self.paths.items()}
        return self._tables[name]

    def agg_rows(self) -> list[dict]:
        if self._agg_rows is None:
            self._agg_rows = self.table("claims").select(AGG_COLUMNS).to_pylist()
        return self._agg_rows

    def remove(self) -> None:
        """Consumed (its rows are in memory if any was taken): free the disk early."""
        for path in self.paths.values():
            path.unlink(missing_ok=True)


class _ArrowWriter(TableWriter):
    def write_table(self, data: pa.Table) -> None:
        # the call TableWriter.write makes after converting its rows: same bytes
        if data.num_rows:
            self._writer.write_table(data, row_group_size=ROW_GROUP_SIZE)
            self.n_rows += data.num_rows


class _Batches:
    """documents.parquet and claims.parquet written as the local run writes them.

    The local run makes one write per ``batch_size`` accepted documents, each a table
    built from rows (one chunk per column). Here a batch is put together from runs of
    rows of one part file (copied out with ``take``) and runs of documents from the
    cache (converted with ``to_table``), in corpus order, then combined into one chunk
    per column: the same table, hence the same bytes. At most one batch and the part
    being read are in memory.
    """

    def __init__(self, out_dir: Path, batch_size: int, collector: _Collector) -> None:
        self.batch_size = max(1, batch_size)
        self.col = collector
        self.writers = {t: _ArrowWriter(out_dir / f"{t}.parquet", t) for t in PART_TABLES}
        self.pieces: dict[str, list[pa.Table]] = {t: [] for t in PART_TABLES}
        self.n = 0
        # the open run (only one at a time, so that the pieces stay in corpus order)
        self.row_run: dict[str, list[dict]] = {t: [] for t in PART_TABLES}
        self.part: _Part | None = None
        self.part_run: dict[str, list[int]] = {t: [] for t in PART_TABLES}

    def add_rows(self, document: dict, claims: list[dict]) -> None:
        self._seal_part_run()
        self.row_run["documents"].append(document)
        self.row_run["claims"].extend(claims)
        self.col.agg.add(_as_float32(claims))
        self._counted()

    def add_part_row(self, part: _Part, row: int, claim_start: int, n_claims: int) -> None:
        self._seal_row_run()
        if part is not self.part:
            self._seal_part_run()
            self.part = part
        self.part_run["documents"].append(row)
        self.part_run["claims"].extend(range(claim_start, claim_start + n_claims))
        self.col.agg.add(part.agg_rows()[claim_start : claim_start + n_claims])
        self._counted()

    def _counted(self) -> None:
        self.n += 1
        if self.n >= self.batch_size:
            self.flush()

    def _seal_row_run(self) -> None:
        if self.row_run["documents"]:
            for t in PART_TABLES:
                self.pieces[t].append(to_table(t, self.row_run[t]))
                self.row_run[t] = []

    def _seal_part_run(self) -> None:
        if self.part is not None and self.part_run["documents"]:
            for t in PART_TABLES:
                # take copies: the batch does not keep the whole part alive
                self.pieces[t].append(self.part.table(t).take(pa.array(self.part_run[t], type=pa.int64())))
                self.part_run[t] = []
        self.part = None

    def flush(self) -> None:
        self._seal_row_run()
        self._seal_part_run()
        if not self.n:
            return
        for t in PART_TABLES:
            data = pa.concat_tables(self.pieces[t]).combine_chunks()
            self.writers[t].write_table(data)
            self.pieces[t] = []
            if t == "documents":
                self.col.summary.n_documents += data.num_rows
            else:
                self.col.summary.n_claims += data.num_rows
        self.n = 0

    def __enter__(self) -> _Batches:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.flush()
            for w in self.writers.values():
                w.close()
        else:
            for w in self.writers.values():
                w.abort()


def _entries(results: Iterable[PartitionResult], staging: Path) -> Iterator[tuple[DocEntry | Rejection, _Part, int, int]]:
    """Each file's entry in corpus order, with its part and its row and first claim row there."""
    for result in results:
        part = _Part(staging, result.index)
        row = claim_start = 0
        for entry in result.entries:
            yield entry, part, row, claim_start
            if isinstance(entry, DocEntry):
                row += 1
                claim_start += entry.n_claims
        part.remove()


def run_partitioned(
    dask,
    plan: list[_Planned],
    corpus_dir: Path,
    out_dir: Path,
    config: Config,
    workers: int,
    extraction: bool,
    cache: DocumentCache | None,
    keys: KeyMaker | None,
    collector: _Collector,
    progress: bool = False,
) -> None:
    """Write documents.parquet and claims.parquet of ``plan`` with partition tasks on Dask
    (the rest of :func:`pipeline.runner.run_corpus` is shared with the local run)."""
    from pipeline.distributed import dask_partitions

    corpus_abs = Path(corpus_dir).absolute()
    work = [dataclasses.replace(item, path=Path(item.path).absolute()) for item in plan if item.state != "cache"]
    staging = Path(tempfile.mkdtemp(prefix=".parts-", dir=out_dir)).absolute()
    try:
        for t in PART_TABLES:
            (staging / t).mkdir()
        with dask_partitions(dask, config, workers, extraction=extraction) as runner:
            chunks = split(work, config.run.partition_files, runner.slots)
            collector.summary.n_partitions = len(chunks)
            cache_dir = str(cache.root.absolute()) if cache is not None else None
            jobs = (PartitionJob(i, chunk, str(corpus_abs), str(staging), cache_dir, keys) for i, chunk in enumerate(chunks))
            results = runner.run(jobs)
            try:
                _assemble(plan, _entries(results, staging), corpus_dir, out_dir, config, cache, keys, collector, progress)
            finally:
                results.close()  # on failure: cancel the partitions still queued
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _assemble(
    plan: list[_Planned],
    entries: Iterator[tuple[DocEntry | Rejection, _Part, int, int]],
    corpus_dir: Path,
    out_dir: Path,
    config: Config,
    cache: DocumentCache | None,
    keys: KeyMaker | None,
    col: _Collector,
    progress: bool,
) -> None:
    items: Iterable[_Planned] = plan
    if progress:
        from tqdm import tqdm

        items = tqdm(plan, total=len(plan), unit="doc", desc="pipeline")
    with _Batches(out_dir, config.run.batch_size, col) as batches:
        for item in items:
            if item.state == "cache":
                res = _from_cache(item, cache)
                if res is None:  # removed or damaged since planning: do it here
                    res = run_task(("run", str(item.path), str(corpus_dir)), config)
                if col.accept(res, cache, keys):
                    batches.add_rows(res.document, res.claims)
                continue
            entry, part, row, claim_start = next(entries)
            if isinstance(entry, Rejection):
                col.rejected.append(entry)
            elif col.admit(entry.doc_id, entry.source_path, entry.source):
                if entry.cache_keys is not None:
                    col.use(entry.cache_keys)
                batches.add_part_row(part, row, claim_start, entry.n_claims)
