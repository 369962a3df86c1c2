"""The analysis of one document, written once: normalise → segment → extract → classify.

:func:`analyse` is what every path runs on a document: the runner (its workers, local
or Dask), the benchmark's stage timing and the tests. The DVC stage commands run the
same four steps (:func:`normalise`, :func:`segment`, :func:`extract`, :func:`classify`)
one stage at a time, with the tables between them on disk.

The models a process uses (the spaCy pipeline, the lexicons, the classifier) are loaded
once per process by :func:`load_models` and handed in; the steps themselves are pure.
"""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from pipeline.config import Config
from pipeline.lexicons import Lexicons, load_lexicons
from pipeline.normalize import Normalized, fold_regional_forms, normalize_document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.classify import Classifier
    from pipeline.ingest import Rejection

# Each step imports its modules when it runs: a DVC stage command that runs one step imports
# (and so depends on, in dvc.yaml) that step's code only.

# A task for a worker: ("run", path, corpus_dir) analyses a file from scratch;
# ("classify", document, extracted_claims) only reclassifies a cached extraction.
Task = tuple

STEPS = ("normalize", "segment", "extract", "classify")


@dataclass
class DocumentResult:
    document: dict | None
    claims: list[dict] | pa.Table = field(default_factory=list)  # a table when taken from the cache
    rejection: Rejection | None = None
    extracted: list[dict] | None = None  # the claims before classification (to cache), when computed here
    source: str = "run"  # run | classify (reclassified from a cached extraction) | cache
    norm: Normalized | None = None  # the normalisation, when computed here (not kept by the runner)
    doc: Doc | None = None  # the tokenised body, when computed here
    # MinHash of the document for copy detection, computed by the worker (False: not computed here)
    signature: np.ndarray | bool | None = False
    # the claims as the Arrow table cached for them (collect.store), which the writer then takes as is
    claims_table: pa.Table | None = None


@dataclass(frozen=True)
class Models:
    """What the analysis of a document reads, loaded once per process."""

    nlp: Language | None  # None: a process that only reclassifies
    lexicons: Lexicons
    classifier: Classifier


def load_nlp(config: Config) -> Language:
    """The spaCy pipeline (tokenizer and the four claims components), once per process."""
    from pipeline.segment import pipeline_nlp

    return pipeline_nlp(config)


def load_classifier(config: Config) -> Classifier:
    """The topic and stance classifier of the configured beat, once per process."""
    from pipeline.classify import load_classifier as load

    return load(config.models_dir, config.classify.beat)


def load_models(config: Config, extraction: bool = True) -> Models:
    """The process's models for ``config`` (each loader caches per process).

    extraction=False skips the spaCy pipeline (a process that only reclassifies)."""
    nlp = load_nlp(config) if extraction else None
    return Models(nlp, load_lexicons(config.models_dir), load_classifier(config))


def headline_of(norm: Normalized) -> str:
    """The title block: the headline zone and the headings before the body's first words.
    A repost's page furniture can take the headline's place (即時新聞 | 字體大小, then
    # 標題): the title under it still names the article's issue, as in the original."""
    parts: list[str] = []
    pos = 0
    for s, e, kind in sorted(norm.zones):
        if norm.text_simplified[pos:s].strip():
            break  # the body has begun
        if kind in ("headline", "heading"):
            parts.append(norm.text_simplified[s:e].strip())
        pos = max(pos, e)
    if not parts:  # a headline zone further down (after a dateline or a lead)
        parts = [norm.text_simplified[s:e].strip() for s, e, kind in norm.zones if kind == "headline"][:1]
    return "\n".join(parts)


# --------------------------------------------------------------------------- the steps


def normalise(document: dict, config: Config, lexicons: Lexicons) -> Normalized:
    return normalize_document(document["doc_id"], document["text"], document["script"], config.normalize, lexicons)


def segment(nlp: Language, norm: Normalized) -> Doc:
    """The body text (non-body zones blanked) tokenised by the pipeline's tokenizer."""
    return nlp.make_doc(norm.body_text())


def extract(nlp: Language, document: dict, norm: Normalized, doc: Doc) -> list[dict]:
    """The claim rows before classification."""
    from pipeline.extract import extract_claims

    return extract_claims(nlp, document, norm, doc)


def classify(document: dict, norm: Normalized, claims: list[dict], classifier: Classifier, config: Config) -> list[dict]:
    from pipeline.classify import classify_document
    from pipeline.statements import annotate_claims

    classified = classify_document(claims, document, norm.text_simplified, headline_of(norm), classifier, config.classify)
    # statement id, said_on, outlet: per document, so cached, parallel and Dask runs agree
    return annotate_claims(classified, document, norm.text_simplified, norm.sentences, config.models_dir)


def analyse(
    document: dict,
    nlp: Language,
    classifier: Classifier,
    config: Config,
    timings: dict[str, float] | None = None,
    cpu_timings: dict[str, float] | None = None,
) -> DocumentResult:
    """normalise → segment → extract → classify one ingested document (pure; raises on failure).

    timings: when given, the seconds of each step are added to it (the benchmark); cpu_timings
    likewise with this process's CPU seconds (on a shared machine wall time also counts the
    time other processes held the core)."""
    clock = _Clock(timings, cpu_timings)
    norm = clock("normalize", normalise, document, config, load_lexicons(config.models_dir))
    doc = clock("segment", segment, nlp, norm)
    extracted = clock("extract", extract, nlp, document, norm, doc)
    claims = clock("classify", classify, document, norm, extracted, classifier, config)
    return DocumentResult(document, claims, extracted=extracted, norm=norm, doc=doc)


class _Clock:
    def __init__(self, timings: dict[str, float] | None, cpu_timings: dict[str, float] | None = None) -> None:
        self.timings = timings
        self.cpu_timings = cpu_timings

    def __call__(self, step: str, fn, *args):
        if self.timings is None and self.cpu_timings is None:
            return fn(*args)
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*args)
        finally:
            if self.timings is not None:
                self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - t
            if self.cpu_timings is not None:
                self.cpu_timings[step] = self.cpu_timings.get(step, 0.0) + time.process_time() - c


def analyse_document(document: dict, config: Config) -> tuple[Normalized, list[int], list[int], list[dict]]:
    """:func:`analyse` with this process's models: (normalisation, token starts, token ends, claims)."""
    from pipeline.segment import token_offsets

    models = load_models(config)
    assert models.nlp is not None
    res = analyse(document, models.nlp, models.classifier, config)
    assert res.norm is not None and res.doc is not None
    starts, ends = token_offsets(res.doc)
    return res.norm, starts, ends, res.claims  # type: ignore[return-value]


# --------------------------------------------------------------------------- worker tasks


def _failed(document: dict, exc: Exception) -> DocumentResult:
    from pipeline.ingest import Rejection

    detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
    return DocumentResult(None, rejection=Rejection(document["source_path"], "extraction_failed", detail, stage="extract"))


def process_path(args: tuple[Path, Path, Config]) -> DocumentResult:
    """Ingest and analyse one file; any failure becomes a recorded rejection."""
    from pipeline.ingest import Rejection, ingest_file

    path, corpus_dir, config = args
    got = ingest_file(Path(path), Path(corpus_dir), config.ingest, config.models_dir)
    if isinstance(got, Rejection):
        return DocumentResult(None, rejection=got)
    try:
        models = load_models(config)
        assert models.nlp is not None
        res = analyse(got, models.nlp, models.classifier, config)
    except Exception as exc:  # one bad document must not stop the run
        return _failed(got, exc)
    from pipeline.dedup import document_signature

    # the norm and Doc are not sent back; the signature is, so the writer only looks it up
    return DocumentResult(got, res.claims, extracted=res.extracted, signature=document_signature(got["text"], config.dedup))


def reclassify(document: dict, extracted: list[dict], config: Config) -> DocumentResult:
    """Classification only, from a cached document row and its extracted claims."""
    try:
        models = load_models(config, extraction=False)
        norm = normalise(document, config, models.lexicons)
        claims = classify(document, norm, extracted, models.classifier, config)
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Imports and model loading create about a million long-lived objects and almost no
    garbage, yet trigger hundreds of cyclic collections that rescan them (a fifth of a
    one-file run). The collector is paused meanwhile; afterwards what was built is frozen
    (never scanned again: forked workers then share its pages instead of copying them when
    scanned) and collection resumes as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def warm_up(config: Config, extraction: bool = True) -> None:
    """Load the spaCy pipeline, lexicons and classifier of this process now, not on the first document."""
    with collector_paused():
        load_models(config, extraction)
        # what the steps import on their first document (pandas through statements, among others)
        import pipeline.classify
        import pipeline.statements

        if extraction:
            import pipeline.dedup
            import pipeline.extract  # noqa: F401
            from pipeline.outlets import load_outlets

            # what ingest reads for every file (the outlet table's source-line pattern takes
            # ~0.03 s to compile): built here, a pool's workers inherit it instead of each building it
            load_outlets(Path(config.models_dir))
        from pipeline.dates import load_dates

        load_dates(Path(config.models_dir))  # the claims' dates (statements.annotate_claims), likewise
        fold_regional_forms("", config.normalize)  # builds the regional-forms table once, before workers fork
