"""What the local and the Dask run share (:mod:`pipeline.runner`, :mod:`pipeline.partitions`):
the plan of a corpus (each file run, reclassified, taken from the cache or kept from the last
run), the collector of results in corpus order, and the in-order, bounded stream of results
from a pool or a cluster. (The parts of documents.parquet and claims.parquet are written by
:class:`pipeline.incremental.PartWriter`.)

Kept apart from the runner so that the runner, the partitions and the Dask driver import it
and not each other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.analysis import DocumentResult, Task
from pipeline.cache import document_ipc
from pipeline.config import Config
from pipeline.dedup import Deduper
from pipeline.ingest import Rejection
from pipeline.parquet_io import Staged, to_table


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
    state: str  # run | classify | cache | kept (its rows, or its rejection, stay from the last run)
    xkey: str | None = None
    ckey: str | None = None
    sha: str | None = None  # sha256 of the bytes, when known (a cache or a state in use)
    doc_id: str | None = None  # kept: the document's id
    rejection: Rejection | None = None  # kept: the file's rejection


def needs_work(item: Planned) -> bool:
    """The file is run or reclassified by a worker (not read from the cache or kept)."""
    return item.state in ("run", "classify")


def plan_run(
    paths: list[Path], corpus_dir: Path, config: Config, cache, keys, shas: dict[str, str | None] | None = None,
    kept=None,
) -> list[Planned]:
    """Each file's plan. shas: the sha256 of each file when known already (from the state's file
    metadata); kept(rel, sha): the doc_id or Rejection the last run made of these bytes, when its
    rows stay in the output (:mod:`pipeline.incremental`), else None."""
    from pipeline.cache import file_sha256

    plan = []
    for p in paths:
        rel = p.relative_to(corpus_dir).as_posix()
        item = Planned(p, rel, "run")
        if cache is not None:
            sha = shas[rel] if shas is not None and rel in shas else file_sha256(p, config.ingest.max_bytes)
            item.sha = sha
            if sha is not None:
                item.xkey = keys.extract_key(rel, sha)
                item.ckey = keys.classify_key(item.xkey)
                previous = kept(rel, sha) if kept is not None else None
                if isinstance(previous, Rejection):
                    item.state, item.rejection = "kept", previous
                elif previous is not None:
                    item.state, item.doc_id = "kept", previous
                elif cache.has("x", item.xkey):
                    item.state = "cache" if cache.has("c", item.ckey) else "classify"
        plan.append(item)
    return plan


def with_progress(plan: list[Planned], progress: bool) -> Iterable[Planned]:
    """The plan in order, with a progress bar on the terminal when asked for."""
    if not progress:
        return plan
    from tqdm import tqdm  # only when shown

    return tqdm(plan, total=len(plan), unit="doc", desc="pipeline")


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


# rejections that may not happen again with the same bytes: the file is tried again next run
TRANSIENT_REJECTIONS = frozenset({"unreadable", "worker_died", "internal_error"})


@dataclass
class Collector:
    """What a run keeps across documents, in corpus order (shared by the local and the
    Dask path): rejections, the doc_ids taken, the counts, the cache keys used, and what
    became of each file (for the incremental state)."""

    summary: RunSummary
    rejected: list[Rejection]
    dedup: Deduper | None = None
    seen_ids: dict[str, str] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=lambda: {"x": set(), "c": set()})
    staged: Staged = field(default_factory=Staged)  # the finished tables, put in place together at the end
    outcomes: dict[str, list] = field(default_factory=dict)  # rel -> ["doc", doc_id] | ["rejected", ...]

    def admit(self, doc_id: str, source_path: str, source: str) -> bool:
        """Count a document in, unless its id is taken: as ingest_corpus, the first in path order keeps it."""
        self.outcomes[source_path] = ["doc", doc_id]
        if doc_id in self.seen_ids:
            detail = f"doc_id {doc_id} is already taken by {self.seen_ids[doc_id]}"
            self.rejected.append(Rejection(source_path, "duplicate_id", detail))
            return False
        self.seen_ids[doc_id] = source_path
        self.summary.n_cached += source in ("cache", "kept")
        self.summary.n_reclassified += source == "classify"
        self.summary.n_processed += source == "run"
        return True

    def reject(self, rejection: Rejection) -> None:
        self.rejected.append(rejection)
        if rejection.reason not in TRANSIENT_REJECTIONS:
            self.outcomes[rejection.source_path] = ["rejected", rejection.stage, rejection.reason, rejection.detail]

    def use(self, cache_keys: tuple[str, str]) -> None:
        self.used["x"].add(cache_keys[0])
        self.used["c"].add(cache_keys[1])

    def accept(self, res: DocumentResult, cache, keys) -> bool:
        """Record a result (and cache it); True when its document goes into the tables."""
        if res.rejection is not None:
            self.reject(res.rejection)
            return False
        doc = res.document
        if not self.admit(doc["doc_id"], doc["source_path"], res.source):
            return False
        if cache is not None:
            self.use(store(cache, keys, res))
        return True

    def keep(self, item: Planned, writer) -> None:
        """A file whose outcome stays as the last run left it: its rejection, or its rows in an old part."""
        if item.rejection is not None:
            self.reject(item.rejection)
            return
        if self.admit(item.doc_id, item.rel, "kept"):
            if item.xkey is not None:
                self.use((item.xkey, item.ckey))  # its cache entries stay (a pruning run must not drop them)
            writer.add_kept(item.rel, item.doc_id, item.sha)
        else:
            writer.not_admitted(item.rel)


def store(cache, keys, res: DocumentResult) -> tuple[str, str]:
    """Record a result in the cache under the keys of the bytes it was made from; returns the keys."""
    doc = res.document
    xkey = keys.extract_key(doc["source_path"], doc["sha256"])
    ckey = keys.classify_key(xkey)
    # the document's section, encoded once for both entries
    doc_bytes = document_ipc(doc) if res.extracted is not None or res.source != "cache" else None
    if res.extracted is not None:
        cache.put("x", xkey, {"document": doc, "claims": res.extracted}, doc_bytes)
    if res.source != "cache":
        # the claims as the Arrow table they are written as: a rerun reads them without converting
        # (and this run's writer takes the same table instead of converting the rows again)
        res.claims_table = to_table("claims", res.claims)
        cache.put("c", ckey, {"document": doc, "claims": res.claims_table}, doc_bytes)
    return xkey, ckey
