"""Whole-pipeline execution for ``python -m pipeline run``: documents stream
through normalise → segment → extract → classify in batches, on one or more
worker processes, and the tables are written batch by batch (bounded memory).

Each worker builds the spaCy pipeline and loads the lexicons once. Results
are written in document order whatever the number of workers, so the output
is identical to a single-process run.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import aggregate
from pipeline.config import Config
from pipeline.ingest import Rejection, discover, ingest_file
from pipeline.lexicons import load_lexicons
from pipeline.normalize import Normalized, normalize_document
from pipeline.parquet_io import TableWriter, write_rows


@dataclass
class DocumentResult:
    document: dict | None
    claims: list[dict] = field(default_factory=list)
    rejection: Rejection | None = None


def headline_of(norm: Normalized) -> str:
    for s, e, kind in norm.zones:
        if kind == "headline":
            return norm.text_simplified[s:e].strip()
    return ""


def analyse_document(document: dict, config: Config) -> tuple[Normalized, list[int], list[int], list[dict]]:
    """normalise → segment → extract → classify for one document (pure)."""
    from pipeline.classify import classify_document, load_classifier
    from pipeline.extract import extract_claims
    from pipeline.segment import pipeline_nlp, token_offsets

    lex = load_lexicons(config.models_dir)
    nlp = pipeline_nlp(config)
    norm = normalize_document(document["doc_id"], document["text"], document["script"], config.normalize, lex)
    doc = nlp.make_doc(norm.body_text())
    starts, ends = token_offsets(doc)
    claims = extract_claims(nlp, document, norm, doc)
    clf = load_classifier(config.models_dir)
    claims = classify_document(claims, document, norm.text_simplified, headline_of(norm), clf, config.classify)
    return norm, starts, ends, claims


def process_path(args: tuple[Path, Path, Config]) -> DocumentResult:
    """Ingest and analyse one file; any failure becomes a recorded rejection."""
    path, corpus_dir, config = args
    got = ingest_file(path, corpus_dir, config.ingest)
    if isinstance(got, Rejection):
        return DocumentResult(None, rejection=got)
    try:
        _, _, _, claims = analyse_document(got, config)
    except Exception as exc:  # one bad document must not stop the run
        detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        return DocumentResult(None, rejection=Rejection(got["source_path"], "extraction_failed", detail, stage="extract"))
    return DocumentResult(got, claims)


def _worker_init(config: Config) -> None:
    from pipeline.segment import pipeline_nlp

    pipeline_nlp(config)


def resolve_workers(workers: int | None) -> int:
    if workers is None or workers <= 0:
        return max(1, os.cpu_count() or 1)
    return workers


def iter_results(paths: list[Path], corpus_dir: Path, config: Config, workers: int) -> Iterator[DocumentResult]:
    tasks = ((p, corpus_dir, config) for p in paths)
    if workers <= 1:
        _worker_init(config)
        for t in tasks:
            yield process_path(t)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_worker_init, initargs=(config,)) as pool:
        # imap keeps input order: output is identical to a one-worker run
        yield from pool.imap(process_path, tasks, chunksize=max(1, config.run.batch_size // 4))


@dataclass
class RunSummary:
    n_files: int = 0
    n_documents: int = 0
    n_rejected: int = 0
    n_claims: int = 0
    n_speakers: int = 0
    seconds: float = 0.0

    def text(self) -> str:
        return (
            f"{self.n_documents} documents read, {self.n_rejected} rejected, "
            f"{self.n_claims} claims from {self.n_speakers} speakers in {self.seconds:.1f}s"
        )


def run_corpus(corpus_dir: Path, out_dir: Path, config: Config, workers: int | None = None, progress: bool = False) -> RunSummary:
    t0 = time.perf_counter()
    paths, rejected = discover(corpus_dir, config.ingest)
    workers = resolve_workers(workers if workers is not None else config.run.workers)
    summary = RunSummary(n_files=len(paths) + len(rejected))
    all_claims_light: list[dict] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    results = iter_results(paths, corpus_dir, config, workers)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(paths), unit="doc", desc="pipeline")
    with TableWriter(out_dir / "documents.parquet", "documents") as docs_w, TableWriter(out_dir / "claims.parquet", "claims") as claims_w:
        doc_batch: list[dict] = []
        claim_batch: list[dict] = []
        for res in results:
            if res.rejection is not None:
                rejected.append(res.rejection)
                continue
            doc_batch.append(res.document)
            claim_batch.extend(res.claims)
            all_claims_light.extend(_light(c) for c in res.claims)
            if len(doc_batch) >= config.run.batch_size:
                docs_w.write(doc_batch)
                claims_w.write(claim_batch)
                summary.n_documents += len(doc_batch)
                summary.n_claims += len(claim_batch)
                doc_batch, claim_batch = [], []
        docs_w.write(doc_batch)
        claims_w.write(claim_batch)
        summary.n_documents += len(doc_batch)
        summary.n_claims += len(claim_batch)
    rejected.sort(key=lambda r: r.source_path)
    write_rows(out_dir / "rejected.parquet", "rejected", [r.to_row() for r in rejected])
    write_rows(
        out_dir / "speaker_topic_stance.parquet",
        "speaker_topic_stance",
        aggregate.speaker_topic_stance(all_claims_light, config.aggregate.n_examples),
    )
    write_rows(out_dir / "speaker_topic_date.parquet", "speaker_topic_date", aggregate.speaker_topic_date(all_claims_light))
    summary.n_rejected = len(rejected)
    summary.n_speakers = len({c["speaker"] for c in all_claims_light})
    summary.seconds = time.perf_counter() - t0
    return summary


def _light(claim: dict) -> dict:
    """What aggregation needs, so the full claim rows need not stay in memory."""
    keys = ("claim_id", "doc_id", "speaker", "topics", "stance", "date", "attribution_confidence")
    return {k: claim[k] for k in keys}
