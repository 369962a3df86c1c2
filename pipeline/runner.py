"""Whole-pipeline execution for ``python -m pipeline run``: documents stream
through normalise → segment → extract → classify, on one or more worker
processes, and the tables are written batch by batch. On a Dask cluster the
workers process partitions of the corpus and write part files, which the client
assembles into the same tables (see :mod:`pipeline.distributed`).

Guarantees:

- **Same output whatever runs it.** Results are consumed in corpus path order,
  and the parquet files are written in batches of ``run.batch_size`` documents,
  so ``--workers 1``, ``--workers N``, ``--dask`` and a run that takes some
  documents from the cache write byte-identical files.
- **Bounded memory.** At most a window of documents is in flight between the
  workers and the writer; claims are written as they come and aggregated
  incrementally (:class:`~pipeline.aggregate.Aggregator`), so no table is ever held whole.
- **Incremental.** With a cache (:mod:`pipeline.cache`) a document whose bytes,
  path, models, params and code are unchanged is not processed again.

Each worker builds the spaCy pipeline and loads the lexicons once (they are
cached per process by :func:`pipeline.segment.pipeline_nlp` and
:func:`pipeline.lexicons.load_lexicons`).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pipeline.aggregate import Aggregator
from pipeline.config import Config
from pipeline.dedup import Deduper
from pipeline.ingest import Rejection, discover, ingest_file
from pipeline.lexicons import load_lexicons
from pipeline.normalize import Normalized, fold_regional_forms, normalize_document
from pipeline.parquet_io import Staged, TableWriter, to_table, write_rows

# A task for a worker: ("run", path, corpus_dir) analyses a file from scratch;
# ("classify", document, extracted_claims) only reclassifies a cached extraction.
Task = tuple


@dataclass
class DocumentResult:
    document: dict | None
    claims: list[dict] | pa.Table = field(default_factory=list)  # a table when taken from the cache
    rejection: Rejection | None = None
    extracted: list[dict] | None = None  # the claims before classification (to cache), when computed here
    source: str = "run"  # run | classify (reclassified from a cached extraction) | cache


def headline_of(norm: Normalized) -> str:
    for s, e, kind in norm.zones:
        if kind == "headline":
            return norm.text_simplified[s:e].strip()
    return ""


# --------------------------------------------------------------------------- one document


def _extract(document: dict, config: Config):
    """normalise → segment → extract: (norm, spaCy doc, claim rows before classification)."""
    from pipeline.extract import extract_claims
    from pipeline.segment import pipeline_nlp

    lex = load_lexicons(config.models_dir)
    nlp = pipeline_nlp(config)
    norm = normalize_document(document["doc_id"], document["text"], document["script"], config.normalize, lex)
    doc = nlp.make_doc(norm.body_text())
    claims = extract_claims(nlp, document, norm, doc)
    return norm, doc, claims


def _classify(document: dict, norm: Normalized, claims: list[dict], config: Config) -> list[dict]:
    from pipeline.classify import classify_document, load_classifier
    from pipeline.statements import annotate_claims

    clf = load_classifier(config.models_dir, config.classify.beat)
    classified = classify_document(claims, document, norm.text_simplified, headline_of(norm), clf, config.classify)
    # statement id, said_on, outlet: per document, so cached, parallel and Dask runs agree
    return annotate_claims(classified, document, norm.text_simplified, norm.sentences, config.models_dir)


def analyse_document(document: dict, config: Config) -> tuple[Normalized, list[int], list[int], list[dict]]:
    """normalise → segment → extract → classify for one document (pure)."""
    from pipeline.segment import token_offsets

    norm, doc, claims = _extract(document, config)
    starts, ends = token_offsets(doc)
    return norm, starts, ends, _classify(document, norm, claims, config)


def _failed(document: dict, exc: Exception) -> DocumentResult:
    detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
    return DocumentResult(None, rejection=Rejection(document["source_path"], "extraction_failed", detail, stage="extract"))


def process_path(args: tuple[Path, Path, Config]) -> DocumentResult:
    """Ingest and analyse one file; any failure becomes a recorded rejection."""
    path, corpus_dir, config = args
    got = ingest_file(Path(path), Path(corpus_dir), config.ingest, config.models_dir)
    if isinstance(got, Rejection):
        return DocumentResult(None, rejection=got)
    try:
        norm, _, extracted = _extract(got, config)
        claims = _classify(got, norm, extracted, config)
    except Exception as exc:  # one bad document must not stop the run
        return _failed(got, exc)
    return DocumentResult(got, claims, extracted=extracted)


def reclassify(document: dict, extracted: list[dict], config: Config) -> DocumentResult:
    """Classification only, from a cached document row and its extracted claims."""
    try:
        lex = load_lexicons(config.models_dir)
        norm = normalize_document(document["doc_id"], document["text"], document["script"], config.normalize, lex)
        claims = _classify(document, norm, extracted, config)
    except Exception as exc:
        return _failed(document, exc)
    return DocumentResult(document, claims, source="classify")


def run_task(task: Task, config: Config) -> DocumentResult:
    """What a worker (process, or Dask worker) does with one task."""
    if task[0] == "run":
        return process_path((task[1], task[2], config))
    if task[0] == "classify":
        return reclassify(task[1], task[2], config)
    raise ValueError(f"unknown task {task[0]!r}")


def warm_up(config: Config, extraction: bool = True) -> None:
    """Load the spaCy pipeline, lexicons and classifier of this process now, not on the first document."""
    from pipeline.classify import load_classifier

    if extraction:
        from pipeline.segment import pipeline_nlp

        pipeline_nlp(config)
    load_lexicons(config.models_dir)
    load_classifier(config.models_dir, config.classify.beat)
    fold_regional_forms("", config.normalize)  # builds the regional-forms table once, before workers fork
    # the models live as long as the process: the collector need not scan them again,
    # and forked workers then share their pages instead of copying them when scanned
    gc.freeze()


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
class _Planned:
    path: Path
    rel: str
    state: str  # run | classify | cache
    xkey: str | None = None
    ckey: str | None = None


def _plan(paths: list[Path], corpus_dir: Path, config: Config, cache, keys) -> list[_Planned]:
    from pipeline.cache import file_sha256

    plan = []
    for p in paths:
        rel = p.relative_to(corpus_dir).as_posix()
        item = _Planned(p, rel, "run")
        if cache is not None:
            sha = file_sha256(p, config.ingest.max_bytes)
            if sha is not None:
                item.xkey = keys.extract_key(rel, sha)
                item.ckey = keys.classify_key(item.xkey)
                if cache.has("x", item.xkey):
                    item.state = "cache" if cache.has("c", item.ckey) else "classify"
        plan.append(item)
    return plan


def _task(item: _Planned, corpus_dir: Path, cache) -> Task:
    if item.state == "classify":
        entry = cache.get("x", item.xkey)
        if entry is not None:
            return ("classify", entry["document"], entry["claims"])
        item.state = "run"  # the entry vanished or is damaged: start over
    return ("run", str(item.path), str(corpus_dir))


def _from_cache(item: _Planned, cache) -> DocumentResult | None:
    entry = cache.get("c", item.ckey)  # the document and its classified claims
    if entry is None:
        return None
    return DocumentResult(entry["document"], entry["claims"], source="cache")


@dataclass
class _Collector:
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
            self.use(_store(cache, keys, res))
        return True


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
    if cache is not None:
        cache.remove_dead_writers_files()  # a shared cache: only what killed runs of this host left
    keys = KeyMaker.for_config(config) if cache is not None else None
    plan = _plan(paths, corpus_dir, config, cache, keys)
    summary = RunSummary(n_files=len(paths) + len(rejected), cache_dir=str(cache_dir) if cache_dir is not None else None)
    n_work = sum(item.state != "cache" for item in plan)
    needs_nlp = any(item.state == "run" for item in plan)
    col = _Collector(summary, rejected, Aggregator(config.aggregate.n_examples), Deduper(config.dedup))
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        if dask and n_work:
            from pipeline.partitions import run_partitioned

            run_partitioned(dask, plan, corpus_dir, out_dir, config, workers, needs_nlp, cache, keys, col, progress)
        else:
            _run_local(plan, corpus_dir, out_dir, config, workers, n_work, needs_nlp, cache, keys, col, progress)
        agg = col.agg
        rejected.sort(key=lambda r: r.source_path)
        write_rows(out_dir / "rejected.parquet", "rejected", [r.to_row() for r in rejected], col.staged)
        write_rows(out_dir / "speaker_topic_stance.parquet", "speaker_topic_stance", agg.speaker_topic_stance(), col.staged)
        write_rows(out_dir / "speaker_topic_date.parquet", "speaker_topic_date", agg.speaker_topic_date(), col.staged)
        col.staged.commit()
    finally:
        col.staged.discard()  # after a failure: the finished tables that were never put in place
    if cache is not None:
        summary.n_cache_rejected += cache.n_rejected
    if cache is not None and prune_cache:
        cache.prune(col.used)
    summary.n_rejected = len(rejected)
    summary.n_speakers = len(agg.speakers)
    summary.n_statements = len(agg.first_said)
    summary.out_dir = str(out_dir)
    summary.rejected_examples = [(r.source_path, r.reason, r.detail) for r in rejected[: summary.MAX_REJECTED_LISTED]]
    summary.seconds = time.perf_counter() - t0
    return summary


def _run_local(
    plan: list[_Planned],
    corpus_dir: Path,
    out_dir: Path,
    config: Config,
    workers: int,
    n_work: int,
    needs_nlp: bool,
    cache,
    keys,
    col: _Collector,
    progress: bool,
) -> None:
    """documents.parquet and claims.parquet from results streamed by this process or a local pool."""
    if not n_work:  # everything comes from the cache (also in a Dask run)
        executor_cm = _no_executor()
    elif n_work >= 2 * workers or n_work == len(plan):
        # a pool is worth its start-up only with a couple of documents per worker
        executor_cm = local_executor(config, workers if n_work >= 2 * workers else 1, extraction=needs_nlp)
    else:
        # a few new documents among cached ones: worker processes load the models
        # while this process streams the cached documents out
        executor_cm = local_executor(config, min(workers, n_work), extraction=needs_nlp, fork_always=True)

    with executor_cm as execute:
        work = execute(_task(item, corpus_dir, cache) for item in plan if item.state != "cache")

        def results() -> Iterator[DocumentResult]:
            for item in plan:
                if item.state != "cache":
                    yield next(work)
                    continue
                res = _from_cache(item, cache)
                if res is None:  # removed or damaged since planning: do it here
                    res = run_task(("run", str(item.path), str(corpus_dir)), config)
                yield res

        stream: Iterable[DocumentResult] = results()
        if progress:
            from tqdm import tqdm

            stream = tqdm(stream, total=len(plan), unit="doc", desc="pipeline")
        with BatchWriter(out_dir, config.run.batch_size, col.agg, col.summary, col.dedup, col.staged) as batches:
            for res in stream:
                if col.accept(res, cache, keys):
                    batches.add(res.document, res.claims)


@contextmanager
def _no_executor() -> Iterator[Executor]:
    """Everything comes from the cache: no process to start."""
    yield lambda tasks: iter(())


def _store(cache, keys, res: DocumentResult) -> tuple[str, str]:
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

    def add(self, document: dict | pa.Table, claims: list[dict] | pa.Table, agg_claims: list[dict] | None = None) -> None:
        """One accepted document; agg_claims: its claims as the aggregates read them, if at hand."""
        document = self._mark_copy(document)
        self._put("documents", document if isinstance(document, pa.Table) else [document])
        self._put("claims", claims)
        if agg_claims is None:
            agg_claims = claims.select(list(Aggregator.COLUMNS)).to_pylist() if isinstance(claims, pa.Table) else claims
        self.agg.add(agg_claims)
        self.n += 1
        if self.n >= self.batch_size:
            self.flush()

    def _mark_copy(self, document: dict | pa.Table) -> dict | pa.Table:
        """The document with duplicate_of set (documents arrive in corpus order, so the first copy is known),
        and the run's counts of copies and undated documents."""
        if isinstance(document, pa.Table):
            doc_id, text, date = (document.column(c)[0].as_py() for c in ("doc_id", "text", "date"))
        else:
            doc_id, text, date = document["doc_id"], document["text"], document.get("date")
        self.summary.n_undated += not date
        first = self.dedup.check(doc_id, text) if self.dedup is not None else ""
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
