"""What the local and the Dask run share (:mod:`pipeline.runner`, :mod:`pipeline.partitions`):
the plan of a corpus (each file run, reclassified or taken from the cache), the collector of
results in corpus order, the batch writer of documents.parquet and claims.parquet, and the
in-order, bounded stream of results from a pool or a cluster.

Kept apart from the runner so that the runner, the partitions and the Dask driver import it
and not each other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from pipeline.aggregate import Aggregator
from pipeline.analysis import DocumentResult, Task
from pipeline.config import Config
from pipeline.dedup import Deduper
from pipeline.ingest import Rejection
from pipeline.parquet_io import Staged, TableWriter, to_table


def ordered_results(
    submit: Callable[[Task], Future], tasks: Iterable[Task], window: int, cancel: Callable[[list], object] | None = None
) -> Iterator:
    """Results of ``submit(task)`` for each task, in task order, with at most ``window``
    tasks submitted and not yet consumed: the task iterator is read lazily and results
    cannot pile up, so memory stays flat whatever the corpus size.

    cancel: called with the futures not consumed when the iterator is closed early or
    a task fails (a cluster would otherwise run them for nothing).
    """
    pending: deque = deque()
    try:
        for task in tasks:
            pending.append(submit(task))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if cancel is not None and pending:
            cancel(list(pending))


@dataclass
class RunSummary:
    n_files: int = 0
    n_documents: int = 0
    n_rejected: int = 0
    n_claims: int = 0
    n_speakers: int = 0
    seconds: float = 0.0
    n_cached: int = 0  # documents taken whole from the cache
    n_reclassified: int = 0  # documents whose cached extraction was only reclassified
    n_processed: int = 0  # files ingested and analysed in this run
    cache_dir: str | None = None
    n_partitions: int = 0  # partition tasks of a Dask run
    n_duplicates: int = 0  # documents that are a copy of an earlier one (documents.duplicate_of)
    n_statements: int = 0  # distinct statement ids among the claims
    n_undated: int = 0  # documents with no date (their claims get said_on from their text only)
    n_cache_rejected: int = 0  # cache entries refused (damaged, tampered, other version) and recomputed
    out_dir: str | None = None
    rejected_examples: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason, detail), first 10

    MAX_REJECTED_LISTED = 10

    def text(self) -> str:
        out = (
            f"{self.n_documents} documents read ({self.n_duplicates} copies of another), {self.n_rejected} rejected, "
            f"{self.n_claims} claims ({self.n_statements} statements) from {self.n_speakers} speakers "
            f"in {self.seconds:.1f}s"
        )
        if self.cache_dir is not None:
            out += (
                f" ({self.n_processed} processed, {self.n_reclassified} reclassified, {self.n_cached} from the cache, "
                f"{self.n_cache_rejected} cache entries rejected)"
            )
        if self.n_undated:
            out += (
                f"\nwarning: {self.n_undated} documents have no date (metadata, page or URL): "
                "their claims are dated from their text only"
            )
        for path, reason, detail in self.rejected_examples:
            out += f"\nrejected {path}: {reason} ({detail.splitlines()[0][:120] if detail else ''})"
        if self.n_rejected > len(self.rejected_examples):
            out += f"\n... and {self.n_rejected - len(self.rejected_examples)} more rejected files"
        if self.out_dir is not None:
            rejected_hint = " (rejected files with reasons in rejected.parquet)" if self.n_rejected else ""
            out += f"\ntables written to {self.out_dir}{rejected_hint}"
        return out


@dataclass
class Planned:
    path: Path
    rel: str
    state: str  # run | classify | cache
    xkey: str | None = None
    ckey: str | None = None


def plan_run(paths: list[Path], corpus_dir: Path, config: Config, cache, keys) -> list[Planned]:
    from pipeline.cache import file_sha256

    plan = []
    for p in paths:
        rel = p.relative_to(corpus_dir).as_posix()
        item = Planned(p, rel, "run")
        if cache is not None:
            sha = file_sha256(p, config.ingest.max_bytes)
            if sha is not None:
                item.xkey = keys.extract_key(rel, sha)
                item.ckey = keys.classify_key(item.xkey)
                if cache.has("x", item.xkey):
                    item.state = "cache" if cache.has("c", item.ckey) else "classify"
        plan.append(item)
    return plan


def task_of(item: Planned, corpus_dir: Path, cache) -> Task:
    if item.state == "classify":
        entry = cache.get("x", item.xkey)
        if entry is not None:
            return ("classify", entry["document"], entry["claims"])
        item.state = "run"  # the entry vanished or is damaged: start over
    return ("run", str(item.path), str(corpus_dir))


def from_cache(item: Planned, cache) -> DocumentResult | None:
    entry = cache.get("c", item.ckey)  # the document and its classified claims
    if entry is None:
        return None
    return DocumentResult(entry["document"], entry["claims"], source="cache")


@dataclass
class Collector:
    """What a run keeps across documents, in corpus order (shared by the local and the
    Dask path): rejections, the doc_ids taken, the counts, the aggregates, the cache keys used."""

    summary: RunSummary
    rejected: list[Rejection]
    agg: Aggregator
    dedup: Deduper | None = None
    seen_ids: dict[str, str] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=lambda: {"x": set(), "c": set()})
    staged: Staged = field(default_factory=Staged)  # the finished tables, put in place together at the end

    def admit(self, doc_id: str, source_path: str, source: str) -> bool:
        """Count a document in, unless its id is taken: as ingest_corpus, the first in path order keeps it."""
        if doc_id in self.seen_ids:
            detail = f"doc_id {doc_id} is already taken by {self.seen_ids[doc_id]}"
            self.rejected.append(Rejection(source_path, "duplicate_id", detail))
            return False
        self.seen_ids[doc_id] = source_path
        self.summary.n_cached += source == "cache"
        self.summary.n_reclassified += source == "classify"
        self.summary.n_processed += source == "run"
        return True

    def use(self, cache_keys: tuple[str, str]) -> None:
        self.used["x"].add(cache_keys[0])
        self.used["c"].add(cache_keys[1])

    def accept(self, res: DocumentResult, cache, keys) -> bool:
        """Record a result (and cache it); True when its document goes into the tables."""
        if res.rejection is not None:
            self.rejected.append(res.rejection)
            return False
        doc = res.document
        if not self.admit(doc["doc_id"], doc["source_path"], res.source):
            return False
        if cache is not None:
            self.use(store(cache, keys, res))
        return True


def store(cache, keys, res: DocumentResult) -> tuple[str, str]:
    """Record a result in the cache under the keys of the bytes it was made from; returns the keys."""
    doc = res.document
    xkey = keys.extract_key(doc["source_path"], doc["sha256"])
    ckey = keys.classify_key(xkey)
    if res.extracted is not None:
        cache.put("x", xkey, {"document": doc, "claims": res.extracted})
    if res.source != "cache":
        # the claims as the Arrow table they are written as: a rerun reads them without converting
        cache.put("c", ckey, {"document": doc, "claims": to_table("claims", res.claims)})
    return xkey, ckey


class BatchWriter:
    """documents.parquet and claims.parquet, written one batch of ``batch_size``
    accepted documents at a time, and the aggregates fed as documents pass.

    A document's row and claims come as dicts (just processed) or as Arrow tables
    (from the cache, or from a Dask part file). Runs of dicts are converted together;
    a batch is then written as one table with one chunk per column, so the bytes do
    not depend on where its rows came from: a cached rerun equals a run from scratch.
    """

    TABLES = ("documents", "claims")

    def __init__(
        self,
        out_dir: Path,
        batch_size: int,
        agg: Aggregator,
        summary: RunSummary,
        dedup: Deduper | None = None,
        staged: Staged | None = None,
    ) -> None:
        self.batch_size = max(1, batch_size)
        self.agg = agg
        self.summary = summary
        self.dedup = dedup
        self.writers = {t: TableWriter(out_dir / f"{t}.parquet", t, staged) for t in self.TABLES}
        self.rows: dict[str, list[dict]] = {t: [] for t in self.TABLES}  # dicts not yet converted
        self.pieces: dict[str, list[pa.Table]] = {t: [] for t in self.TABLES}  # converted, in corpus order
        self.n = 0

    def add(
        self,
        document: dict | pa.Table,
        claims: list[dict] | pa.Table,
        agg_claims: list[dict] | None = None,
        signature: np.ndarray | bool | None = False,
    ) -> None:
        """One accepted document; agg_claims: its claims as the aggregates read them, if at hand;
        signature: its copy-detection signature, when a worker computed it."""
        document = self._mark_copy(document, signature)
        self._put("documents", document if isinstance(document, pa.Table) else [document])
        self._put("claims", claims)
        if agg_claims is None:
            agg_claims = claims.select(list(Aggregator.COLUMNS)).to_pylist() if isinstance(claims, pa.Table) else claims
        self.agg.add(agg_claims)
        self.n += 1
        if self.n >= self.batch_size:
            self.flush()

    def _mark_copy(self, document: dict | pa.Table, signature: np.ndarray | bool | None = False) -> dict | pa.Table:
        """The document with duplicate_of set (documents arrive in corpus order, so the first copy is known),
        and the run's counts of copies and undated documents."""
        if isinstance(document, pa.Table):
            doc_id, text, date = (document.column(c)[0].as_py() for c in ("doc_id", "text", "date"))
        else:
            doc_id, text, date = document["doc_id"], document["text"], document.get("date")
        self.summary.n_undated += not date
        first = self.dedup.check(doc_id, text, signature) if self.dedup is not None else ""
        self.summary.n_duplicates += bool(first)
        if isinstance(document, pa.Table):
            i = document.schema.get_field_index("duplicate_of")
            return document.set_column(i, document.schema.field(i), pa.array([first], pa.string()))
        return {**document, "duplicate_of": first}  # a copy: the cached row stays as ingest made it

    def _put(self, table: str, data: list[dict] | pa.Table) -> None:
        if isinstance(data, pa.Table):
            self._seal(table)
            self.pieces[table].append(data)
        else:
            self.rows[table].extend(data)

    def _seal(self, table: str) -> None:
        if self.rows[table]:
            self.pieces[table].append(to_table(table, self.rows[table]))
            self.rows[table] = []

    def flush(self) -> None:
        if not self.n:
            return
        for t in self.TABLES:
            self._seal(t)
            pieces = self.pieces[t]
            if not pieces:
                continue
            data = pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces).combine_chunks()
            self.writers[t].write_table(data)
            self.pieces[t] = []
            if t == "documents":
                self.summary.n_documents += data.num_rows
            else:
                self.summary.n_claims += data.num_rows
        self.n = 0

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.flush()
                for w in self.writers.values():
                    w.close()  # closed writers hand their file to the Staged (or put it in place)
                return
            except BaseException:
                self._abort()
                raise
        self._abort()

    def _abort(self) -> None:
        for w in self.writers.values():
            if not w.closed:
                w.abort()
