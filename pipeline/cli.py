"""Command line: ``python -m pipeline COMMAND``.

``run`` and ``eval`` are the stable interface for users. The stage commands
(``ingest`` … ``evaluate``) are what ``dvc.yaml`` calls; each reads its inputs,
calls the pure per-document functions of its module and writes one table.
"""

from __future__ import annotations

import os
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
    if params is not None and not params.is_file():
        _fail(f"cannot read the parameters: {params} is not a file")
    if models is not None and not models.is_dir():
        _fail(f"--models {models} is not a folder")
    try:
        return Config.load(params, models)
    except Exception as exc:  # OSError, YAML syntax, a section that is not a mapping, a wrong type …
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _fail(f"cannot read the parameters ({params or 'params.yaml'}): {first}")
        raise


def _writable_folder(out: Path) -> None:
    """Fail with one line unless out is (or can be made) a folder this process can write to."""
    if out.exists() and not out.is_dir():
        _fail(f"--out {out} is a file, not a folder: give a folder for the tables")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the output folder {out}: {exc.strerror or exc}")
    if not os.access(out, os.W_OK | os.X_OK):
        _fail(f"cannot write to the output folder {out}: permission denied")


def _with_beat(config: Config, beat: str | None) -> Config:
    """The config with --beat applied; an unknown beat is a one-line error."""
    import dataclasses

    from pipeline.classify import beat_dir

    if beat:
        config = dataclasses.replace(config, classify=dataclasses.replace(config.classify, beat=beat))
    try:
        beat_dir(config.models_dir, config.classify.beat)
    except ValueError as exc:
        _fail(str(exc))
    return config


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
    beat: Annotated[
        Optional[str], typer.Option("--beat", help="topic taxonomy under models/beats/ (default: classify.beat of params.yaml)")
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="if another run is writing to OUT, wait for it instead of failing")
    ] = False,
    model: Annotated[
        Optional[Path],
        typer.Option("--model", help="an assembled spaCy pipeline (`assemble DIR`) for segmentation and attribution"),
    ] = None,
) -> None:
    """Run every stage on a folder and write documents, claims, speaker_topic_stance,
    speaker_topic_date and rejected parquet tables to OUT.

    Documents already processed with the same bytes, models, params and code are
    taken from the cache (OUT/.cache unless --cache or --no-cache); the output is
    the same as a run from scratch."""
    import dataclasses

    from pipeline.analysis import collector_paused

    with collector_paused():  # the run's modules: long-lived, no garbage
        from pipeline.outdir import OutputBusy
        from pipeline.runner import run_corpus

    config = _with_beat(_config(params, models), beat)
    if model is not None:
        if not (model / "config.cfg").is_file():
            _fail(f"--model {model} is no assembled pipeline (no config.cfg): write one with `assemble {model}`")
        config = dataclasses.replace(config, nlp_dir=model.resolve())
    if not corpus_dir.is_dir():
        _fail(f"{corpus_dir} is not a folder: put .txt/.md/.html articles in a folder and pass it as CORPUS_DIR")
    if dask and scheduler:
        _fail("give --dask or --scheduler, not both")
    if workers is not None and workers < 0:
        _fail("--workers must be 1 or more (0: all cores)")
    _writable_folder(out)
    cache_dir = None if no_cache else (cache if cache is not None else out / ".cache")
    if cache_dir is not None and cache_dir.exists() and not cache_dir.is_dir():
        _fail(f"the cache {cache_dir} is a file, not a folder: give --cache FOLDER or --no-cache")
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
    except KeyboardInterrupt:
        _fail("interrupted: no table was replaced (outputs are written atomically)", code=130)
        return
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
    claims: Annotated[Optional[Path], typer.Argument(help="claims.parquet to score (not with --corpus)")] = None,
    gold: Annotated[Optional[Path], typer.Argument(help="gold claims, one JSON object per line (not with --corpus)")] = None,
    corpus: Annotated[
        Optional[Path],
        typer.Option(
            "--corpus",
            help="an annotated corpus (manifest.tsv, SPLIT/raw, SPLIT/gold.jsonl): run the pipeline on every split "
            "and score each, plus the bundled seeds, by beat, script, region and kind",
        ),
    ] = None,
    errors: Annotated[
        int,
        typer.Option("--errors", help="list missed, spurious and misattributed claims grouped by rule, N of each group"),
    ] = 0,
    split: Annotated[
        Optional[list[str]],
        typer.Option(
            "--split",
            help="with --corpus and --errors: the splits whose errors to list (repeatable; default dev and seeds). "
            "Rules are developed on dev: list test's errors only when you mean to, at the end of a round",
        ),
    ] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write the scores as JSON here")] = None,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", help="with --corpus: keep each split's tables in OUT/SPLIT (default: temporary)"),
    ] = None,
    metrics: Annotated[
        Path, typer.Option("--metrics", help="with --corpus: folder for one summary file per split (DVC metrics)")
    ] = Path("metrics/devcorpus"),
    breakdowns: Annotated[
        Path, typer.Option("--breakdowns", help="with --corpus: the scores of every split by beat, script, region, kind")
    ] = Path("metrics/devcorpus_breakdowns.json"),
    documents_metrics: Annotated[
        Path, typer.Option("--documents-metrics", help="with --corpus: the per-document scores of every split")
    ] = Path("metrics/devcorpus_documents.json"),
    seeds: Annotated[bool, typer.Option("--seeds/--no-seeds", help="with --corpus: score the bundled corpus/ as `seeds`")] = True,
    workers: Annotated[Optional[int], typer.Option("--workers", help="with --corpus: worker processes for the runs")] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Score claims against gold as spec/claims.md defines it.

    `eval CLAIMS GOLD` scores one claims table. `eval --corpus DIR` runs the pipeline
    on each split of an annotated corpus (and on the bundled seeds), prints a split ×
    metric table and the scores by beat, script, region and kind, and writes
    metrics/devcorpus/SPLIT.json, metrics/devcorpus_breakdowns.json and
    metrics/devcorpus_documents.json. With --errors,
    errors are listed for dev and seeds only; the test split's only with --split test.
    """
    from pipeline import evaluate as ev

    if corpus is not None:
        if claims is not None or gold is not None:
            _fail("give either CLAIMS GOLD or --corpus DIR, not both")
        _eval_corpus(corpus, errors, split, json_out, out, metrics, breakdowns, documents_metrics, seeds, workers, params, models)
        return
    if claims is None or gold is None:
        _fail("give CLAIMS and GOLD, or --corpus DIR")
    if split:
        _fail("--split goes with --corpus")
    for p in (claims, gold):
        if not p.exists():
            _fail(f"{p} does not exist")
    pred = read_rows(claims)
    try:
        gold_rows = ev.load_gold(gold)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    result = ev.evaluate(pred, gold_rows)
    typer.echo(ev.format_report(result))
    if errors:
        from pipeline.config import DEFAULT_MODELS
        from pipeline.lexicons import load_cues

        cues = load_cues(DEFAULT_MODELS / "cues.tsv")
        # the documents beside the claims (as `run` writes them) tell transcript turns apart
        documents = claims.parent / "documents.parquet"
        texts = {d["doc_id"]: d["text"] for d in read_rows(documents, ["doc_id", "text"])} if documents.exists() else None
        typer.echo(ev.format_errors(ev.errors(pred, gold_rows, texts=texts, cues=cues), errors))
    if json_out:
        ev.write_json(json_out, result)


def _eval_corpus(
    corpus: Path,
    errors: int,
    split: list[str] | None,
    json_out: Path | None,
    out: Path | None,
    metrics: Path,
    breakdowns: Path,
    documents_metrics: Path,
    seeds: bool,
    workers: int | None,
    params: Path | None,
    models: Path | None,
) -> None:
    """`eval --corpus`: run and score every split, print the tables, write the metrics."""
    import tempfile

    from pipeline import evaluate as ev
    from pipeline.config import ROOT

    if not corpus.is_dir():
        _fail(f"{corpus} is not a folder")
    config = _config(params, models)
    seed_files = (ROOT / "corpus" / "raw", ROOT / "corpus" / "gold" / "seeds.jsonl") if seeds else None
    try:
        names = ev.corpus_splits(corpus) + ([ev.SEEDS] if seeds else [])
    except OSError as exc:
        _fail(f"cannot read {corpus}: {exc}")
    wanted = split if split is not None else [n for n in names if n in ("dev", ev.SEEDS)]
    unknown = [n for n in wanted if n not in names]
    if unknown:
        _fail(f"no split {', '.join(unknown)} in {corpus} (splits: {', '.join(names) or 'none'})")
    with tempfile.TemporaryDirectory(prefix="zh-claims-eval-") as tmp:
        try:
            results = ev.evaluate_corpus(corpus, out or Path(tmp), config, seed_files, workers)
        except (OSError, ValueError) as exc:
            _fail(str(exc))
    typer.echo(ev.format_table([(r.name, r.summary) for r in results]))
    for r in results:
        typer.echo("")
        typer.echo(ev.format_breakdowns(r))
    for r in results:
        typer.echo(f"\n{r.name}: stance confusion (matched claims)")
        typer.echo(ev.format_confusion(r.stance_confusion))
    if errors:
        for r in results:
            if r.name in wanted:
                typer.echo(f"\n#### errors in {r.name}")
                typer.echo(ev.format_errors(r.errors, errors))
    summaries = ev.summary_files(results)
    for name, summary in summaries.items():
        ev.write_json(metrics / f"{name}.json", summary)
    ev.write_json(breakdowns, ev.breakdowns_file(results))
    ev.write_json(documents_metrics, ev.documents_file(results))
    if json_out:
        ev.write_json(
            json_out,
            {"summary": summaries, "breakdowns": ev.breakdowns_file(results), "documents": ev.documents_file(results)},
        )
    typer.echo(f"\nwrote {metrics}/{{{','.join(summaries)}}}.json, {breakdowns} and {documents_metrics}")


@app.command()
def probe(
    corpus_dir: Annotated[Path, typer.Argument(help="folder of articles (no gold needed)")],
    out: Annotated[Path, typer.Option("--out", help="folder for probe.parquet")] = Path("out"),
    probe_names: Annotated[
        Optional[list[str]], typer.Option("--probe", help="probe to run (repeatable; default: all)")
    ] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Rewrite every article in forms other outlets use (ASCII marks, wrapped lines, names the
    registry lacks, other speech verbs, adverbials, the speaker after the content …) and check
    that each claim comes back with its speaker: where it does not, a rule does not generalise.
    Writes OUT/probe.parquet (one row per claim and rewrite) and prints the kept share per probe."""
    from pipeline import probe as probes

    config = _config(params, models)
    _writable_folder(out)
    try:
        rows = probes.probe_corpus(corpus_dir, config, probe_names or probes.PROBES)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        return
    if not rows:
        _fail(f"no claim in {corpus_dir} to probe", 1)
    write_rows(out / "probe.parquet", "probe", rows)
    typer.echo(probes.format_summary(rows))
    typer.echo(f"rows written to {out / 'probe.parquet'}")


@app.command()
def assemble(
    out: Annotated[Path, typer.Argument(help="folder to write the spaCy pipeline to")],
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Write the spaCy pipeline (jieba tokenizer with its user dictionary, the four claims components
    with their data) to OUT, as `spacy assemble` does: `spacy.load(OUT)` works in any process where
    this package is installed, and `run --model OUT` uses it."""
    from pipeline.segment import assemble as write_pipeline

    config = _config(params, models)
    _writable_folder(out)
    write_pipeline(config, out)
    typer.echo(f"assembled pipeline written to {out} (spacy.load({str(out)!r}))")


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
        docs, rejections = ingest_corpus(corpus_dir, config.ingest, config.models_dir, config.dedup)
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
    from pipeline import analysis
    from pipeline.lexicons import load_lexicons

    config = _config(params, models)
    lex = load_lexicons(config.models_dir)
    cols = ["doc_id", "text", "script"]
    with TableWriter(out, "normalized") as w:
        for d in iter_rows(documents, cols):
            w.write([analysis.normalise(d, config, lex).to_row()])
    typer.echo(f"normalize: {w.n_rows} documents")


@app.command()
def segment(
    normalized: Path,
    out: Annotated[Path, typer.Option("--out")],
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Stage 3: normalized → segmented.parquet (jieba tokens inside spaCy)."""
    from pipeline import analysis
    from pipeline.normalize import Normalized
    from pipeline.segment import token_offsets

    config = _config(params, models)
    nlp = analysis.load_nlp(config)
    with TableWriter(out, "segmented") as w:
        for row in iter_rows(normalized):
            norm = Normalized.from_row(row)
            starts, ends = token_offsets(analysis.segment(nlp, norm))
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
    from pipeline import analysis
    from pipeline.normalize import Normalized
    from pipeline.segment import doc_from_offsets

    config = _config(params, models)
    nlp = analysis.load_nlp(config)
    failures = []
    with TableWriter(out, "claims_extracted") as w:
        for d, n, s in zip(iter_rows(documents), iter_rows(normalized), iter_rows(segmented), strict=True):
            assert d["doc_id"] == n["doc_id"] == s["doc_id"], "stage tables out of order"
            norm = Normalized.from_row(n)
            try:
                doc = doc_from_offsets(nlp, norm.body_text(), s["token_starts"], s["token_ends"])
                w.write(analysis.extract(nlp, d, norm, doc))
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
    from pipeline import analysis
    from pipeline.normalize import Normalized

    config = _config(params, models)
    clf = analysis.load_classifier(config)
    by_doc: dict[str, list[dict]] = {}
    for c in iter_rows(claims_extracted):
        by_doc.setdefault(c["doc_id"], []).append(c)
    with TableWriter(out, "claims") as w:
        cols = ["doc_id", "title", "text", "date", "outlet", "region"]
        for d, n in zip(iter_rows(documents, cols), iter_rows(normalized), strict=True):
            norm = Normalized.from_row(n)
            claims = by_doc.get(d["doc_id"], [])
            if claims:
                w.write(analysis.classify(d, norm, claims, clf, config))
    typer.echo(f"classify: {w.n_rows} claims")


@app.command("train-stance")
def train_stance_command(
    corpus: Annotated[Path, typer.Option("--corpus", help="a corpus with dev/gold.jsonl, dev/raw/ and manifest.tsv")],
    out: Annotated[Optional[Path], typer.Option("--out", help="weights file (default: models/stance_learned.json)")] = None,
    train_dir: Annotated[
        Optional[Path], typer.Option("--train-dir", help="with --heldout: also fit on this folder (raw/, gold.jsonl)")
    ] = None,
    heldout: Annotated[
        Optional[Path], typer.Option("--heldout", help="with --train-dir: score lexicon, learned, combined on this folder")
    ] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Fit the learned stance model on the DEV split only (not part of dvc repro) and
    print its outlet-grouped cross-validation against the lexicon."""
    from pipeline.train_stance import train_stance

    config = _config(params, models)
    if (train_dir is None) != (heldout is None):
        _fail("--train-dir and --heldout go together")
        return
    try:
        result = train_stance(corpus, config, out, train_dir, heldout)
    except (OSError, ValueError, KeyError) as exc:
        _fail(f"cannot train the stance model: {exc}")
        return
    for setting, cv in result["grid"].items():
        learned = cv["learned"]
        typer.echo(f"cv by outlet  {setting:22s} learned accuracy {learned['accuracy']:.3f}  macro-F1 {learned['macro_f1']:.3f}")
    typer.echo(f"chosen: char_order={result['char_order']} l2={result['l2']:g}")
    for name, s in result["cv"].items():
        typer.echo(f"cv by outlet  {name:9s} accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}")
    for name, s in result.get("heldout", {}).items():
        typer.echo(f"held out      {name:9s} accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}")
    typer.echo(f"wrote {result['written']}: {result['n_features']} features from {result['n_claims']} dev claims")


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
    rows = read_rows(claims, list(agg.Aggregator.COLUMNS))
    write_rows(out, "speaker_topic_stance", agg.speaker_topic_stance(rows, config.aggregate.n_examples))
    write_rows(by_date, "speaker_topic_date", agg.speaker_topic_date(rows))
    typer.echo(f"aggregate: {len(rows)} claims")


@app.command("evaluate")
def evaluate_command(
    claims: Path,
    gold: Path,
    metrics: Annotated[Path, typer.Option("--metrics", help="where to write the summary scores (a DVC metric)")],
    documents: Annotated[
        Optional[Path], typer.Option("--documents", help="where to write the per-document scores (not a metric)")
    ] = None,
) -> None:
    """Stage 7: scores against gold → metrics/eval.json (summary), metrics/eval_documents.json."""
    from pipeline import evaluate as ev

    try:
        gold_rows = ev.load_gold(gold)
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    result = ev.evaluate(read_rows(claims), gold_rows)
    # only the summary is a metric: `dvc metrics show` prints one column per key
    ev.write_json(metrics, result["overall"])
    if documents is not None:
        ev.write_json(documents, result["per_document"])
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
        Optional[int],
        typer.Option("--max-documents", min=0, help="include the text of at most N documents (most claims first); default: all"),
    ] = None,
    title: Annotated[str, typer.Option("--title", help="page title")] = "Claim browser",
    dvc_template: Annotated[
        Optional[Path],
        typer.Option("--dvc-template", help="also write the HTML template for `dvc plots show` with Vega inline (works offline)"),
    ] = None,
    beat: Annotated[
        Optional[str],
        typer.Option("--beat", help="beat whose Chinese topic labels to show (default: classify.beat of params.yaml)"),
    ] = None,
    params: ParamsOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Build the claim browser: one self-contained HTML page to open from disk (no network).

    It holds every claim in a table with text search (either script), filters
    (speakers, topic, stance, kind, outlet, region, dates, confidence), sorting,
    paging and CSV/JSON export of the selection; a side panel with all of a
    claim's fields; and each article with its claims highlighted by stance and
    the speaker mentions linked to them; a button switches to Simplified script.
    Example: python -m pipeline report out/ --out out/index.html
    """
    from pipeline.classify import topic_labels
    from pipeline.report import write_report

    config = _with_beat(_config(params, models), beat)
    missing = [n for n in ("documents", "claims", "speaker_topic_stance") if not (data_dir / f"{n}.parquet").exists()]
    if missing:
        needed = ", ".join(m + ".parquet" for m in missing)
        _fail(f"{data_dir} lacks {needed}: run `python -m pipeline run CORPUS --out {data_dir}` first")
    labels = topic_labels(config.models_dir, config.classify.beat)
    summary = write_report(
        data_dir, out, plots, max_documents=max_documents, title=title, dvc_template=dvc_template, topic_labels=labels
    )
    typer.echo(summary.text())


def main() -> None:
    app()
