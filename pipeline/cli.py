"""Command line: ``python -m pipeline COMMAND``.

``run`` and ``eval`` are the stable interface for users. The stage commands
(``ingest`` … ``evaluate``) are what ``dvc.yaml`` calls; each reads its inputs,
calls the pure per-document functions of its module and writes one table.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.config import Config
from pipeline.parquet_io import TableWriter, iter_rows, read_rows, write_rows

app = typer.Typer(
    help="Who said what, about which topic, with what stance: claims from Chinese news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ParamsOpt = Annotated[Optional[Path], typer.Option("--params", help="params.yaml to read (default: the project's)")]
ModelsOpt = Annotated[Optional[Path], typer.Option("--models", help="models/ folder (default: the project's)")]


def _config(params: Path | None, models: Path | None) -> Config:
    try:
        return Config.load(params, models)
    except (OSError, ValueError) as exc:
        _fail(f"cannot read the parameters: {exc}")
        raise


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _progress() -> bool:
    return sys.stderr.isatty()


@app.command()
def run(
    corpus_dir: Annotated[Path, typer.Argument(help="folder of .txt/.md/.html articles (searched recursively)")],
    out: Annotated[Path, typer.Option("--out", help="folder for the parquet tables")] = Path("out"),
    workers: Annotated[
        Optional[int], typer.Option("--workers", help="worker processes (default: run.workers of params.yaml; 0: all cores)")
    ] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
    cache: Annotated[
        Optional[Path],
        typer.Option("--cache", help="per-document cache folder, may be shared between runs (default: OUT/.cache)"),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="process every document; read and write no cache")] = False,
    dask: Annotated[
        Optional[str],
        typer.Option("--dask", help="run on Dask: 'local' (a LocalCluster, --workers or all cores) or a scheduler address"),
    ] = None,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="address of a running Dask scheduler, e.g. tcp://host:8786")
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="if another run is writing to OUT, wait for it instead of failing")
    ] = False,
) -> None:
    """Run every stage on a folder and write documents, claims, speaker_topic_stance,
    speaker_topic_date and rejected parquet tables to OUT.

    Documents already processed with the same bytes, models, params and code are
    taken from the cache (OUT/.cache unless --cache or --no-cache); the output is
    the same as a run from scratch."""
    from pipeline.outdir import OutputBusy
    from pipeline.runner import run_corpus

    config = _config(params, models)
    if not corpus_dir.is_dir():
        _fail(f"{corpus_dir} is not a folder: put .txt/.md/.html articles in a folder and pass it as CORPUS_DIR")
    if dask and scheduler:
        _fail("give --dask or --scheduler, not both")
    if workers is not None and workers < 0:
        _fail("--workers must be 1 or more (0: all cores)")
    cache_dir = None if no_cache else (cache if cache is not None else out / ".cache")
    try:
        summary = run_corpus(
            corpus_dir,
            out,
            config,
            workers=workers,
            progress=_progress(),
            cache_dir=cache_dir,
            prune_cache=cache is None and not no_cache,
            dask=scheduler or dask,
            wait=wait,
        )
    except OutputBusy as exc:
        _fail(str(exc), code=3)
        return
    except BrokenProcessPool:
        # a worker killed (by the OOM killer, by hand): the documents done so far are cached
        _fail(f"a worker process died during the run; the previous tables in {out} are unchanged, run it again", code=5)
        return
    except OSError as exc:  # a full disk, an unwritable folder: the tables of the last run are unchanged
        why = exc.strerror or (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        where = f" ({exc.filename})" if exc.filename else ""
        _fail(f"cannot write the output to {out}: {why}{where}; the previous tables are unchanged", code=4)
        return
    except Exception as exc:
        if type(exc).__name__ != "KilledWorker":  # Dask gave up on a partition whose workers kept dying
            raise
        _fail(f"Dask workers kept dying on one partition ({exc}); the previous tables in {out} are unchanged", code=5)
        return
    typer.echo(summary.text())
    if summary.n_documents == 0:
        _fail(f"no article could be read in {corpus_dir}: see {out / 'rejected.parquet'} for why", code=1)


@app.command()
def bench(
    copies: Annotated[
        Optional[int],
        typer.Option("--copies", help="replicate the bundled articles N times (default: enough for 1M characters)"),
    ] = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="benchmark this folder instead")] = None,
    out: Annotated[Path, typer.Option("--out", help="where to write the figures (JSON)")] = Path("metrics/bench.json"),
    workdir: Annotated[
        Optional[Path], typer.Option("--workdir", help="scratch folder for corpora and outputs (default: a temporary one)")
    ] = None,
    memory_copies: Annotated[
        str, typer.Option("--memory-copies", help="corpus sizes (copies) at which to compare peak memory; '' to skip")
    ] = "40,160",
    incremental: Annotated[
        bool, typer.Option("--incremental/--no-incremental", help="also time a rerun after adding one article")
    ] = True,
    incremental_copies: Annotated[
        Optional[int], typer.Option("--incremental-copies", help="copies for the incremental runs (default: as --copies)")
    ] = None,
    stages: Annotated[bool, typer.Option("--stages/--no-stages", help="also time each stage in one process")] = True,
    repeat: Annotated[int, typer.Option("--repeat", help="repetitions of the timed runs (medians are reported)")] = 1,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Throughput and memory of `run` against raw jieba, measured in one go (see README, Performance)."""
    from pipeline.bench import BenchOptions, run_bench

    if corpus is not None and not corpus.is_dir():
        _fail(f"{corpus} is not a folder")
    try:
        sizes = [int(x) for x in memory_copies.split(",") if x.strip()]
    except ValueError:
        _fail("--memory-copies takes comma-separated numbers, e.g. 40,160")
        return
    opts = BenchOptions(
        copies=copies,
        corpus=corpus,
        out=out,
        workdir=workdir,
        memory_copies=sizes,
        incremental=incremental,
        incremental_copies=incremental_copies,
        stages=stages,
        repeat=max(1, repeat),
        params=params,
        models=models,
    )
    run_bench(opts, echo=typer.echo)


@app.command("eval")
def eval_command(
    claims: Annotated[Path, typer.Argument(help="claims.parquet to score")],
    gold: Annotated[Path, typer.Argument(help="gold claims, one JSON object per line")],
    errors: Annotated[int, typer.Option("--errors", help="also list up to N missed, spurious and misattributed claims")] = 0,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write the scores as JSON here")] = None,
) -> None:
    """Score claims against gold as spec/claims.md defines it."""
    from pipeline import evaluate as ev

    for p in (claims, gold):
        if not p.exists():
            _fail(f"{p} does not exist")
    pred = read_rows(claims)
    gold_rows = ev.load_gold(gold)
    result = ev.evaluate(pred, gold_rows)
    typer.echo(ev.format_report(result))
    if errors:
        typer.echo(ev.format_errors(ev.errors(pred, gold_rows), errors))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- DVC stages


@app.command()
def ingest(
    corpus_dir: Path,
    out: Annotated[Path, typer.Option("--out")],
    rejected: Annotated[Path, typer.Option("--rejected")],
    params: ParamsOpt = None,
) -> None:
    """Stage 1: files → documents.parquet (+ rejected.parquet)."""
    from pipeline.ingest import ingest_corpus

    config = _config(params, None)
    try:
        docs, rejections = ingest_corpus(corpus_dir, config.ingest)
    except FileNotFoundError as exc:
        _fail(str(exc))
        return
    write_rows(out, "documents", docs)
    write_rows(rejected, "rejected", [r.to_row() for r in rejections])
    typer.echo(f"ingest: {len(docs)} documents, {len(rejections)} rejected")
    if not docs:
        _fail(f"no .txt/.md/.html article could be read in {corpus_dir}: put articles there or pass CORPUS_DIR", 1)


@app.command()
def normalize(
    documents: Path,
    out: Annotated[Path, typer.Option("--out")],
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Stage 2: documents → normalized.parquet (Simplified text, sentences, zones)."""
    from pipeline.lexicons import load_lexicons
    from pipeline.normalize import normalize_document

    config = _config(params, models)
    lex = load_lexicons(config.models_dir)
    cols = ["doc_id", "text", "script"]
    with TableWriter(out, "normalized") as w:
        for d in iter_rows(documents, cols):
            w.write([normalize_document(d["doc_id"], d["text"], d["script"], config.normalize, lex).to_row()])
    typer.echo(f"normalize: {w.n_rows} documents")


@app.command()
def segment(
    normalized: Path,
    out: Annotated[Path, typer.Option("--out")],
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Stage 3: normalized → segmented.parquet (jieba tokens inside spaCy)."""
    from pipeline.lexicons import load_lexicons
    from pipeline.normalize import Normalized
    from pipeline.segment import make_tokenizer_nlp, segment_text

    config = _config(params, models)
    nlp = make_tokenizer_nlp(load_lexicons(config.models_dir), config.segment.hmm)
    with TableWriter(out, "segmented") as w:
        for row in iter_rows(normalized):
            norm = Normalized.from_row(row)
            starts, ends = segment_text(nlp, norm.body_text())
            w.write([{"doc_id": norm.doc_id, "token_starts": starts, "token_ends": ends}])
    typer.echo(f"segment: {w.n_rows} documents")


@app.command()
def extract(
    documents: Path,
    normalized: Path,
    segmented: Path,
    out: Annotated[Path, typer.Option("--out")],
    rejected: Annotated[Optional[Path], typer.Option("--rejected", help="record documents whose extraction failed")] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Stage 4: → claims_extracted.parquet (spans, speakers, cues)."""
    from pipeline.extract import extract_claims
    from pipeline.normalize import Normalized
    from pipeline.segment import doc_from_offsets, pipeline_nlp

    config = _config(params, models)
    nlp = pipeline_nlp(config)
    failures = []
    with TableWriter(out, "claims_extracted") as w:
        for d, n, s in zip(iter_rows(documents), iter_rows(normalized), iter_rows(segmented), strict=True):
            assert d["doc_id"] == n["doc_id"] == s["doc_id"], "stage tables out of order"
            norm = Normalized.from_row(n)
            try:
                doc = doc_from_offsets(nlp, norm.body_text(), s["token_starts"], s["token_ends"])
                w.write(extract_claims(nlp, d, norm, doc))
            except Exception as exc:  # one bad document must not stop the run
                detail = f"{type(exc).__name__}: {exc}"
                failures.append(
                    {"source_path": d["source_path"], "stage": "extract", "reason": "extraction_failed", "detail": detail}
                )
    if rejected is not None:
        write_rows(rejected, "rejected", failures)
    typer.echo(f"extract: {w.n_rows} claims, {len(failures)} documents failed")


@app.command()
def classify(
    claims_extracted: Path,
    documents: Path,
    normalized: Path,
    out: Annotated[Path, typer.Option("--out")],
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Stage 5: claims_extracted → claims.parquet (topics, stance, evidence)."""
    from pipeline.classify import classify_document, load_classifier
    from pipeline.normalize import Normalized
    from pipeline.runner import headline_of

    config = _config(params, models)
    clf = load_classifier(config.models_dir)
    by_doc: dict[str, list[dict]] = {}
    for c in iter_rows(claims_extracted):
        by_doc.setdefault(c["doc_id"], []).append(c)
    with TableWriter(out, "claims") as w:
        for d, n in zip(iter_rows(documents, ["doc_id", "title", "text"]), iter_rows(normalized), strict=True):
            norm = Normalized.from_row(n)
            claims = by_doc.get(d["doc_id"], [])
            if claims:
                w.write(classify_document(claims, d, norm.text_simplified, headline_of(norm), clf, config.classify))
    typer.echo(f"classify: {w.n_rows} claims")


@app.command("aggregate")
def aggregate_command(
    claims: Path,
    out: Annotated[Path, typer.Option("--out")],
    by_date: Annotated[Path, typer.Option("--by-date")],
    params: ParamsOpt = None,
) -> None:
    """Stage 6: claims → speaker_topic_stance.parquet and speaker_topic_date.parquet."""
    from pipeline import aggregate as agg

    config = _config(params, None)
    rows = read_rows(claims, ["claim_id", "doc_id", "speaker", "topics", "stance", "date", "attribution_confidence"])
    write_rows(out, "speaker_topic_stance", agg.speaker_topic_stance(rows, config.aggregate.n_examples))
    write_rows(by_date, "speaker_topic_date", agg.speaker_topic_date(rows))
    typer.echo(f"aggregate: {len(rows)} claims")


@app.command("evaluate")
def evaluate_command(
    claims: Path,
    gold: Path,
    metrics: Annotated[Path, typer.Option("--metrics", help="where to write the scores (a DVC metric)")],
) -> None:
    """Stage 7: scores against gold → metrics/eval.json."""
    from pipeline import evaluate as ev

    result = ev.evaluate(read_rows(claims), ev.load_gold(gold))
    metrics.parent.mkdir(parents=True, exist_ok=True)
    metrics.write_text(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    typer.echo(ev.format_report(result))


@app.command("report")
def report_command(
    data_dir: Annotated[
        Path, typer.Argument(help="folder with documents, claims and speaker_topic_stance parquet (from `run` or the stages)")
    ] = Path("data"),
    out: Annotated[Path, typer.Option("--out", help="the HTML page to write")] = Path("reports/index.html"),
    plots: Annotated[
        Optional[Path], typer.Option("--plots", help="also write stance by topic and by speaker as JSON here (`dvc plots show`)")
    ] = None,
    max_documents: Annotated[
        int, typer.Option("--max-documents", min=0, help="show the text of at most N documents (those with the most claims)")
    ] = 50,
    title: Annotated[str, typer.Option("--title", help="page title")] = "Claim browser",
) -> None:
    """Build the claim browser: one self-contained HTML page to open from disk (no network).

    It holds the speaker × topic × stance table (sort by any column, filter by
    speaker and topic) and each document's text with every claim highlighted
    by stance, the speaker mention linked to its claim, and speaker, topics,
    stance and evidence on hover or click; a button switches the text to
    Simplified script. Example: python -m pipeline report out/ --out out/index.html
    """
    from pipeline.report import write_report

    missing = [n for n in ("documents", "claims", "speaker_topic_stance") if not (data_dir / f"{n}.parquet").exists()]
    if missing:
        needed = ", ".join(m + ".parquet" for m in missing)
        _fail(f"{data_dir} lacks {needed}: run `python -m pipeline run CORPUS --out {data_dir}` first")
    typer.echo(write_report(data_dir, out, plots, max_documents=max_documents, title=title).text())


def main() -> None:
    app()
