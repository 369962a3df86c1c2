"""``python -m pipeline bench``: throughput and memory of ``pipeline run``
against raw jieba, measured in one go on this machine.

Everything is measured in fresh subprocesses, one after another, in the same
invocation, and reported as ratios to the reference, because absolute speeds
on a shared machine drift (20-30% between minutes is common):

- **reference**: ``jieba.lcut`` (default dictionary, HMM on) over the original
  text of every document, in a fresh process that imports nothing else;
- **stages**: one process running ingest, normalise, segment, extract and
  classify document by document (``--workers 1`` path), each stage timed;
- **run**: the whole ``python -m pipeline run --no-cache`` with ``--workers 1``
  and with the default (all cores); the two outputs must be byte-identical;
- **memory**: the default run at two corpus sizes; peak RSS must not grow;
- **start-up**: ``run --workers 1`` on the smallest seed article alone, start to
  finish (imports, models, one document, the tables);
- **incremental**: a cached full run, a rerun with nothing changed, a rerun
  after adding one article (checked byte-identical to a run from scratch), and
  a rerun after editing topics.yaml in a copy of models/ (reclassifies only);
  the first two reruns must each cost under 1 % of the full run.

chars/s counts the characters of the documents' text (what ``documents.n_chars``
sums); a process's time is its wall time from start to exit, start-up included
on both sides. Peak RSS is the largest single process (``wait4``) and, with
psutil, the peak of the sum over the process tree (a pool's parent + workers).
"""

from __future__ import annotations

import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import ROOT, Config

SEED_CORPUS = ROOT / "corpus" / "raw"
TABLES = ("documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date")
TARGET_CHARS = 1_000_000
# issue #15: × the reference, largest single process, one-file run
TARGET_WORKERS_1_RATIO = 2.0
TARGET_ALL_CORES_RATIO = 3.0
TARGET_PEAK_RSS_MB = 400
TARGET_STARTUP_S = 1.5
TARGET_INCREMENTAL = 0.01  # a rerun with one file added, or none changed: under 1 % of the full run

REFERENCE_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
import jieba
jieba.setLogLevel(60)
jieba.initialize()
t1 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as fh:
    texts = json.load(fh)
t2 = time.perf_counter()
n_tokens = 0
for text in texts:
    n_tokens += len(jieba.lcut(text))
t3 = time.perf_counter()
print(json.dumps({"init_s": t1 - t0, "load_s": t2 - t1, "cut_s": t3 - t2, "n_tokens": n_tokens,
                  "n_chars": sum(map(len, texts))}))
"""


@dataclass
class BenchOptions:
    copies: int | None = None
    corpus: Path | None = None
    out: Path = Path("metrics/bench.json")
    workdir: Path | None = None
    memory_copies: list[int] = field(default_factory=lambda: [40, 160])
    incremental: bool = True
    incremental_copies: int | None = None
    stages: bool = True
    repeat: int = 1
    params: Path | None = None
    models: Path | None = None


# --------------------------------------------------------------------------- measuring a process


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    tree_peak_rss_mb: float | None
    returncode: int
    stdout: str
    stderr: str
    other_cores: float | None = None  # CPU the rest of the machine used meanwhile, in cores

    def as_dict(self) -> dict:
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "max_rss_mb": round(self.max_rss_mb, 1),
            "tree_peak_rss_mb": round(self.tree_peak_rss_mb, 1) if self.tree_peak_rss_mb is not None else None,
            "other_load_cores": round(self.other_cores, 2) if self.other_cores is not None else None,
        }


def _machine_busy() -> float | None:
    """CPU seconds the whole machine has spent busy so far (None without psutil)."""
    try:
        import psutil
    except ImportError:
        return None
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


def _tree_sampler(pid: int, peak: list[float], stop: threading.Event) -> None:
    try:
        import psutil
    except ImportError:
        peak[0] = -1.0
        return
    try:
        proc = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            total = proc.memory_info().rss
            for child in proc.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total / 2**20)
        except psutil.Error:
            return
        stop.wait(0.05)


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Measured:
    """Run a command to its end: wall time, CPU time and peak RSS of it and its descendants."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        busy0 = _machine_busy()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = [0.0]
        stop = threading.Event()
        sampler = threading.Thread(target=_tree_sampler, args=(proc.pid, peak, stop), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy1 = _machine_busy()
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux, bytes on macOS
        rss_mb = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
        cpu = usage.ru_utime + usage.ru_stime
        other = max(0.0, (busy1 - busy0 - cpu) / wall) if busy0 is not None and busy1 is not None and wall else None
        return Measured(wall, cpu, rss_mb, peak[0] if peak[0] >= 0 else None, proc.returncode, out.read(), err.read(), other)


def _check(m: Measured, what: str) -> None:
    if m.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {m.returncode}):\n{m.stderr[-3000:]}")


# --------------------------------------------------------------------------- corpora


def build_corpus(copies: int, dest: Path, seed: Path = SEED_CORPUS) -> Path:
    """``copies`` copies of every seed article, each under its own file name (so its own doc_id)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    files = sorted(p for p in seed.iterdir() if p.is_file() and not p.name.startswith("."))
    for i in range(copies):
        for p in files:
            shutil.copyfile(p, dest / f"c{i:05d}_{p.name}")
    return dest


def seed_chars(config: Config, seed: Path = SEED_CORPUS) -> int:
    return sum(len(d["text"]) for d in _documents(seed, config))


def _documents(corpus: Path, config: Config) -> list[dict]:
    from pipeline.ingest import discover, ingest_file

    paths, _ = discover(corpus, config.ingest)
    docs = []
    for p in paths:
        got = ingest_file(p, corpus, config.ingest)
        if isinstance(got, dict):
            docs.append(got)
    return docs


# --------------------------------------------------------------------------- the parts


def _python() -> list[str]:
    return [sys.executable]


def _package_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _config_args(opts: BenchOptions) -> list[str]:
    args = []
    if opts.params:
        args += ["--params", str(opts.params)]
    if opts.models:
        args += ["--models", str(opts.models)]
    return args


def _measured_env() -> dict[str, str]:
    """The environment of the measured processes: this one's, except that Python may cache
    bytecode. Users' runs import compiled modules after their first run, and the reference's
    jieba was compiled when pip installed it; a PYTHONDONTWRITEBYTECODE in the calling shell
    would make every pipeline process compile its sources again (about 0.15 s of start-up)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_reference(texts_file: Path) -> tuple[Measured, dict]:
    m = measure([*_python(), "-c", REFERENCE_SCRIPT, str(texts_file)], cwd=texts_file.parent, env=_measured_env())
    _check(m, "the jieba reference")
    return m, json.loads(m.stdout.strip().splitlines()[-1])


def run_pipeline(corpus: Path, out: Path, opts: BenchOptions, extra: list[str]) -> Measured:
    if out.exists() and "--no-cache" in extra:
        shutil.rmtree(out)
    cmd = [*_python(), "-m", "pipeline", "run", str(corpus), "--out", str(out), *_config_args(opts), *extra]
    m = measure(cmd, cwd=_package_root(), env=_measured_env())
    _check(m, " ".join(cmd[2:]))
    return m


def same_tables(a: Path, b: Path) -> bool:
    """The same files, byte for byte (documents and claims: the same part files)."""
    from pipeline.parquet_io import table_files

    for t in TABLES:
        fa, fb = table_files(a / f"{t}.parquet"), table_files(b / f"{t}.parquet")
        if [f.name for f in fa] != [f.name for f in fb]:
            return False
        if not all(filecmp.cmp(x, y, shallow=False) for x, y in zip(fa, fb, strict=True)):
            return False
    return True


def _median_measured(runs: list[Measured]) -> dict:
    keys = ("wall_s", "cpu_s", "max_rss_mb", "tree_peak_rss_mb", "other_load_cores")
    d = {}
    for k in keys:
        vals = [r.as_dict()[k] for r in runs if r.as_dict()[k] is not None]
        d[k] = round(statistics.median(vals), 3) if vals else None
    if len(runs) > 1:
        d["wall_s_all"] = [round(r.wall_s, 3) for r in runs]
    return d


# --------------------------------------------------------------------------- stage timing (in a subprocess)


def stage_times(corpus: Path, config: Config) -> dict:
    """Each stage of the --workers 1 path timed document by document, in this process: wall
    seconds (``*_s``) and this process's CPU seconds (``*_cpu_s``: what a shared machine's other
    jobs do not inflate, so what to compare between two versions measured at different times)."""
    t0, c0 = time.perf_counter(), time.process_time()
    # pandas comes in with the claim annotations; imported here it counts as start-up, not
    # as the first document's classification
    import pipeline.statements  # noqa: F401
    from pipeline import analysis
    from pipeline.aggregate import Aggregator
    from pipeline.dedup import document_signature
    from pipeline.ingest import discover, ingest_file
    from pipeline.parquet_io import to_table

    t_import, c_import = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    models = analysis.load_models(config)
    nlp = models.nlp
    assert nlp is not None
    t_load, c_load = time.perf_counter() - t0, time.process_time() - c0

    components: dict[str, float] = {}
    patched = []
    for name, proc in nlp.pipeline:  # time each attribution component (this process only)
        cls = type(proc)
        orig = cls.__call__

        def timed(self, doc, _orig=orig, _name=name):
            t = time.perf_counter()
            try:
                return _orig(self, doc)
            finally:
                components[_name] = components.get(_name, 0.0) + time.perf_counter() - t

        cls.__call__ = timed
        patched.append((cls, orig))

    # the steps of analysis.analyse (the run's own per-document function), ingest before it, the
    # copy-detection signature a worker computes after it (analysis.process_path), and writing
    stages = dict.fromkeys(("ingest", *analysis.STEPS, "signature", "write"), 0.0)
    cpu = dict(stages)
    paths, _ = discover(corpus, config.ingest)
    n_chars = n_docs = n_claims = 0
    agg = Aggregator(config.aggregate.n_examples)
    docs_batch: list[dict] = []
    claims_batch: list[dict] = []

    def write() -> None:
        to_table("documents", docs_batch)
        to_table("claims", claims_batch)

    try:
        for p in paths:
            t, c = time.perf_counter(), time.process_time()
            d = ingest_file(p, corpus, config.ingest)
            stages["ingest"] += time.perf_counter() - t
            cpu["ingest"] += time.process_time() - c
            if not isinstance(d, dict):
                continue
            n_docs += 1
            n_chars += len(d["text"])
            claims = analysis.analyse(d, nlp, models.classifier, config, timings=stages, cpu_timings=cpu).claims
            assert isinstance(claims, list)
            n_claims += len(claims)
            t, c = time.perf_counter(), time.process_time()
            document_signature(d["text"], config.dedup)
            stages["signature"] += time.perf_counter() - t
            cpu["signature"] += time.process_time() - c
            t, c = time.perf_counter(), time.process_time()
            docs_batch.append(d)
            claims_batch.extend(claims)
            agg.add(claims)
            if len(docs_batch) >= config.run.batch_size:
                write()
                docs_batch, claims_batch = [], []
            stages["write"] += time.perf_counter() - t
            cpu["write"] += time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        write()
        agg.speaker_topic_stance()
        agg.speaker_topic_date()
        stages["write"] += time.perf_counter() - t
        cpu["write"] += time.process_time() - c
    finally:
        for cls, orig in patched:
            cls.__call__ = orig
    return {
        "n_documents": n_docs,
        "n_chars": n_chars,
        "n_claims": n_claims,
        "startup_s": {"import": round(t_import, 3), "load_models": round(t_load, 3)},
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "startup_cpu_s": {"import": round(c_import, 3), "load_models": round(c_load, 3)},
        "stages_cpu_s": {k: round(v, 3) for k, v in cpu.items()},
        "extract_components_s": {k: round(v, 3) for k, v in components.items()},
    }


# --------------------------------------------------------------------------- the benchmark


def _rate(n_chars: int, seconds: float | None) -> float | None:
    return round(n_chars / seconds) if seconds else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def run_bench(opts: BenchOptions, echo: Callable[[str], None] = print) -> dict:
    config = Config.load(opts.params, opts.models)
    own_workdir = opts.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="pipeline-bench-")) if own_workdir else Path(opts.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return _run_bench(opts, config, workdir, echo)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def _run_bench(opts: BenchOptions, config: Config, workdir: Path, echo: Callable[[str], None]) -> dict:
    per_copy = seed_chars(config)
    if opts.corpus is not None:
        corpus, copies = Path(opts.corpus), None
    else:
        copies = opts.copies or -(-TARGET_CHARS // per_copy)
        echo(f"building the corpus: {copies} copies of {SEED_CORPUS} ({per_copy:,} characters each)")
        corpus = build_corpus(copies, workdir / f"corpus_x{copies}")
    docs = _documents(corpus, config)
    n_chars = sum(len(d["text"]) for d in docs)
    n_documents = len(docs)
    texts_file = workdir / "texts.json"  # data, not a pickle: nothing read back from disk is unpickled
    with texts_file.open("w", encoding="utf-8") as fh:
        json.dump([d["text"] for d in docs], fh, ensure_ascii=False)
    del docs
    n_cores = os.cpu_count() or 1
    report: dict = {
        "machine": {
            "cpus": n_cores,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "corpus": {"path": str(corpus), "copies": copies, "n_files": sum(1 for p in corpus.rglob("*") if p.is_file()),
                   "n_documents": n_documents, "n_chars": n_chars},
    }
    echo(f"corpus: {report['corpus']['n_documents']} documents, {n_chars:,} characters; {n_cores} CPUs")

    # reference and the two runs, interleaved so that drift hits all alike
    refs, ref_info, w1, wd = [], [], [], []
    out1, outd = workdir / "out_workers1", workdir / "out_default"
    for r in range(opts.repeat):
        echo(f"[{r + 1}/{opts.repeat}] reference: jieba.lcut, HMM on, original text")
        m, info = run_reference(texts_file)
        refs.append(m)
        ref_info.append(info)
        echo(f"[{r + 1}/{opts.repeat}] pipeline run --workers 1")
        w1.append(run_pipeline(corpus, out1, opts, ["--workers", "1", "--no-cache"]))
        echo(f"[{r + 1}/{opts.repeat}] pipeline run (default: {n_cores} workers)")
        wd.append(run_pipeline(corpus, outd, opts, ["--no-cache"]))
    ref = _median_measured(refs)
    ref["init_s"] = round(statistics.median(i["init_s"] for i in ref_info), 3)
    ref["cut_s"] = round(statistics.median(i["cut_s"] for i in ref_info), 3)
    ref["chars_per_s"] = _rate(n_chars, ref["wall_s"])
    ref["cut_chars_per_s"] = _rate(n_chars, ref["cut_s"])
    report["reference"] = ref
    runs = {}
    for name, ms, workers in (("workers_1", w1, 1), ("default", wd, n_cores)):
        d = _median_measured(ms)
        d["workers"] = workers
        d["chars_per_s"] = _rate(n_chars, d["wall_s"])
        d["ratio_to_reference"] = _ratio(d["chars_per_s"], ref["chars_per_s"])
        d["cpu_ratio_to_reference"] = _ratio(ref["cpu_s"], d["cpu_s"])
        runs[name] = d
    report["runs"] = runs
    report["identical_output_workers_1_vs_default"] = same_tables(out1, outd)

    if opts.stages:
        echo("stages: one process, document by document")
        cmd = [*_python(), "-m", "pipeline.bench", "stages", str(corpus), *_config_args(opts)]
        m = measure(cmd, cwd=_package_root(), env=_measured_env())
        _check(m, "stage timing")
        st = json.loads(m.stdout.strip().splitlines()[-1])
        total = sum(st["stages_s"].values()) + sum(st["startup_s"].values())
        cpu_s = {**st.pop("startup_cpu_s"), **st.pop("stages_cpu_s")}
        cpu_total = sum(cpu_s.values())
        st["stages"] = {
            k: {
                "seconds": v,
                "share": round(v / total, 3) if total else None,
                "chars_per_s": _rate(st["n_chars"], v),
                "ratio_to_reference": _ratio(_rate(st["n_chars"], v), ref["chars_per_s"]),
                "cpu_s": cpu_s[k],
                "cpu_share": round(cpu_s[k] / cpu_total, 3) if cpu_total else None,
            }
            for k, v in {**st["startup_s"], **st["stages_s"]}.items()
        }
        st["extract_components"] = {
            k: {"seconds": v, "chars_per_s": _rate(st["n_chars"], v)} for k, v in st.pop("extract_components_s").items()
        }
        st["wall_s"] = round(m.wall_s, 3)
        report["stages"] = st

    if opts.memory_copies and opts.corpus is None:
        mem = []
        for c in opts.memory_copies:
            echo(f"memory: default run on {c} copies")
            mc = build_corpus(c, workdir / f"mem_x{c}")
            m = run_pipeline(mc, workdir / f"mem_out_x{c}", opts, ["--no-cache"])
            mem.append({"copies": c, "n_chars": c * per_copy, **m.as_dict(), "chars_per_s": _rate(c * per_copy, m.wall_s)})
            shutil.rmtree(mc, ignore_errors=True)
            shutil.rmtree(workdir / f"mem_out_x{c}", ignore_errors=True)
        report["memory"] = mem

    report["startup"] = _startup(opts, workdir, echo)

    if opts.incremental:
        report["incremental"] = _incremental(opts, config, workdir, corpus, copies, echo)

    report["targets"] = _targets(report)
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    opts.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    echo(format_report(report))
    echo(f"written to {opts.out}")
    return report


def _startup(opts: BenchOptions, workdir: Path, echo: Callable[[str], None]) -> dict:
    """``run --workers 1 --no-cache`` on the smallest seed article alone, ``repeat`` times."""
    seed = min((p for p in SEED_CORPUS.iterdir() if p.is_file() and not p.name.startswith(".")), key=lambda p: p.stat().st_size)
    one = workdir / "startup_corpus"
    if one.exists():
        shutil.rmtree(one)
    one.mkdir(parents=True)
    shutil.copyfile(seed, one / seed.name)
    runs = []
    for r in range(max(1, opts.repeat)):
        echo(f"[{r + 1}/{opts.repeat}] start-up: pipeline run on {seed.name} alone")
        runs.append(run_pipeline(one, workdir / "startup_out", opts, ["--workers", "1", "--no-cache"]))
    return {"file": seed.name, "n_bytes": seed.stat().st_size, **_median_measured(runs)}


def _incremental(opts: BenchOptions, config: Config, workdir: Path, corpus: Path, copies: int | None, echo) -> dict:
    if opts.incremental_copies and opts.corpus is None:
        inc = build_corpus(opts.incremental_copies, workdir / f"inc_x{opts.incremental_copies}")
    else:
        inc = workdir / "inc_corpus"
        if inc.exists():
            shutil.rmtree(inc)
        shutil.copytree(corpus, inc)
    n_docs = sum(1 for p in inc.rglob("*") if p.is_file())
    out = workdir / "inc_out"
    if out.exists():
        shutil.rmtree(out)
    echo(f"incremental: full run with the cache ({n_docs} files)")
    full = run_pipeline(inc, out, opts, [])
    echo("incremental: rerun, nothing changed")
    same = run_pipeline(inc, out, opts, [])
    seed = sorted(p for p in SEED_CORPUS.iterdir() if p.is_file())[1]
    added = inc / f"zz_added_{seed.name}"
    added.write_bytes(seed.read_bytes() + "\n（補充報道）\n".encode())
    echo(f"incremental: rerun after adding {added.name}")
    plus_one = run_pipeline(inc, out, opts, [])
    scratch = workdir / "inc_scratch"
    echo("incremental: the same corpus from scratch, for comparison")
    run_pipeline(inc, scratch, opts, ["--no-cache"])
    identical = same_tables(out, scratch)
    # a copy of models/ with topics.yaml edited: only classification is redone
    models_copy = workdir / "models_edited"
    if models_copy.exists():
        shutil.rmtree(models_copy)
    shutil.copytree(Path(config.models_dir), models_copy)
    with (models_copy / "beats" / "us_russia" / "topics.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# edited by the benchmark\n")
    echo("incremental: rerun with topics.yaml edited (a copy of models/)")
    edited_opts = BenchOptions(**{**opts.__dict__, "models": models_copy})
    topics = run_pipeline(inc, out, edited_opts, [])
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "n_files_before": n_docs,
        "full_run": {**full.as_dict(), "summary": full.stdout.strip()},
        "rerun_unchanged": {**same.as_dict(), "summary": same.stdout.strip()},
        "rerun_one_added": {**plus_one.as_dict(), "summary": plus_one.stdout.strip()},
        "rerun_topics_edited": {**topics.as_dict(), "summary": topics.stdout.strip()},
        # wall time, and CPU time: on a loaded machine the steadier measure of what a rerun costs
        "one_added_over_full": _ratio(plus_one.wall_s, full.wall_s),
        "unchanged_over_full": _ratio(same.wall_s, full.wall_s),
        "one_added_over_full_cpu": _ratio(plus_one.cpu_s, full.cpu_s),
        "unchanged_over_full_cpu": _ratio(same.cpu_s, full.cpu_s),
        "identical_to_scratch": identical,
    }


def _targets(r: dict) -> dict:
    t: dict = {}
    w1 = r["runs"]["workers_1"]["ratio_to_reference"]
    wd = r["runs"]["default"]["ratio_to_reference"]
    t[f"workers_1_ratio>={TARGET_WORKERS_1_RATIO}"] = {"value": w1, "met": bool(w1 and w1 >= TARGET_WORKERS_1_RATIO)}
    t[f"all_cores_ratio>={TARGET_ALL_CORES_RATIO}"] = {"value": wd, "met": bool(wd and wd >= TARGET_ALL_CORES_RATIO)}
    t["identical_output"] = {"met": r["identical_output_workers_1_vs_default"]}
    # the largest single process (wait4's ru_maxrss over the process and its workers)
    peaks = [m["max_rss_mb"] for m in r.get("memory", [])]
    peaks += [r["runs"][name]["max_rss_mb"] for name in ("workers_1", "default")]
    t[f"peak_rss_per_process<{TARGET_PEAK_RSS_MB}MB"] = {"value_mb": max(peaks), "met": max(peaks) < TARGET_PEAK_RSS_MB}
    if len(r.get("memory", [])) >= 2:
        a, b = r["memory"][0], r["memory"][-1]
        growth = round(b["max_rss_mb"] / a["max_rss_mb"], 3) if a["max_rss_mb"] else None
        t["rss_flat_with_size"] = {"growth": growth, "size_factor": round(b["copies"] / a["copies"], 2),
                                   "met": bool(growth and growth < 1.25)}
    st = r.get("startup")
    if st:
        t[f"one_file_run<{TARGET_STARTUP_S}s"] = {"value_s": st["wall_s"], "met": st["wall_s"] < TARGET_STARTUP_S}
    inc = r.get("incremental")
    if inc:
        for what in ("one_added", "unchanged"):
            wall, cpu = inc[f"{what}_over_full"], inc[f"{what}_over_full_cpu"]
            t[f"{what}<{TARGET_INCREMENTAL:.0%}_of_full"] = {
                "value": wall, "cpu": cpu, "met": bool(wall is not None and wall < TARGET_INCREMENTAL),
            }
        t["incremental_identical"] = {"met": inc["identical_to_scratch"]}
    return t


def format_report(r: dict) -> str:
    n = r["corpus"]["n_chars"]
    lines = [
        f"corpus: {r['corpus']['n_documents']} documents, {n:,} characters; {r['machine']['cpus']} CPUs; "
        f"load average {r['machine']['load_average_at_start']} → {r.get('load_average_at_end')}",
        "",
        f"{'what':34s} {'wall s':>8s} {'chars/s':>10s} {'× ref':>7s} {'CPU s':>8s} {'peak RSS MB':>12s} {'tree MB':>8s}"
        f" {'others':>7s}",
    ]

    def row(name: str, d: dict, ratio: float | None) -> str:
        tree = d.get("tree_peak_rss_mb")
        return (
            f"{name:34s} {d['wall_s']:8.2f} {d['chars_per_s'] or 0:10,d} {ratio if ratio is not None else 0:7.2f} "
            f"{d['cpu_s']:8.2f} {d['max_rss_mb']:12.0f} {tree if tree is not None else float('nan'):8.0f}"
            f" {d.get('other_load_cores') if d.get('other_load_cores') is not None else float('nan'):7.2f}"
        )

    ref = r["reference"]
    lines.append(row("reference: jieba.lcut (process)", ref, 1.0))
    lines.append(
        f"{'  of which init / cut':34s} {ref['init_s']:8.2f} / {ref['cut_s']:.2f} s; cut alone {ref['cut_chars_per_s']:,} chars/s"
    )
    for d in r["runs"].values():
        lines.append(row(f"pipeline run, {d['workers']} worker(s)", d, d["ratio_to_reference"]))
    lines.append(f"identical output (workers 1 vs default): {r['identical_output_workers_1_vs_default']}")
    st = r.get("stages")
    if st:
        lines += ["", f"stages (one process, {st['n_documents']} documents, {st['n_claims']} claims):"]
        for k, v in st["stages"].items():
            lines.append(
                f"  {k:14s} {v['seconds']:7.2f} s {100 * (v['share'] or 0):5.1f}%  {v['chars_per_s'] or 0:>11,} chars/s"
                f"  {v['ratio_to_reference'] or 0:6.2f} × ref  CPU {v.get('cpu_s', 0):6.2f} s"
                f" {100 * (v.get('cpu_share') or 0):5.1f}%"
            )
        for k, v in st["extract_components"].items():
            lines.append(f"    extract/{k:20s} {v['seconds']:7.2f} s  {v['chars_per_s'] or 0:>11,} chars/s")
    for m in r.get("memory", []):
        lines.append(
            f"memory ×{m['copies']:<5d} {m['n_chars']:>12,} chars: peak RSS {m['max_rss_mb']:.0f} MB (largest process), "
            f"{m['tree_peak_rss_mb'] or float('nan'):.0f} MB (all processes); {m['wall_s']:.1f} s"
        )
    st = r.get("startup")
    if st:
        lines.append(
            f"start-up: run --workers 1 on {st['file']} alone ({st['n_bytes']:,} bytes): {st['wall_s']:.2f} s wall, "
            f"{st['cpu_s']:.2f} s CPU, peak RSS {st['max_rss_mb']:.0f} MB"
        )
    inc = r.get("incremental")
    if inc:
        lines += [
            "",
            f"incremental ({inc['n_files_before']} files): full {inc['full_run']['wall_s']:.2f} s "
            f"({inc['full_run']['cpu_s']:.2f} s CPU), unchanged rerun {inc['rerun_unchanged']['wall_s']:.2f} s "
            f"({inc['rerun_unchanged']['cpu_s']:.2f} s CPU; {100 * inc['unchanged_over_full']:.2f}% of full, "
            f"{100 * inc['unchanged_over_full_cpu']:.2f}% of its CPU), one file added "
            f"{inc['rerun_one_added']['wall_s']:.2f} s ({inc['rerun_one_added']['cpu_s']:.2f} s CPU; "
            f"{100 * inc['one_added_over_full']:.2f}% of full, {100 * inc['one_added_over_full_cpu']:.2f}% of its CPU), "
            "topics.yaml edited "
            f"{inc['rerun_topics_edited']['wall_s']:.2f} s; identical to a run from scratch: {inc['identical_to_scratch']}",
        ]
    others = [d.get("other_load_cores") or 0 for d in [r["reference"], *r["runs"].values()]]
    if max(others) > 0.25:
        lines.append(
            f"WARNING: other processes used up to {max(others):.2f} of the {r['machine']['cpus']} cores during the "
            "timed runs ('others' column): throughput figures are depressed; rerun on an idle machine (--repeat 3)."
        )
    lines += ["", "targets:"]
    for k, v in r["targets"].items():
        shown = {kk: vv for kk, vv in v.items() if kk != "met"}
        lines.append(f"  {'ok  ' if v['met'] else 'MISS'} {k} {shown if shown else ''}")
    return "\n".join(lines)


def _main(argv: list[str]) -> None:
    """Internal entry point of the benchmark's subprocesses: ``python -m pipeline.bench stages CORPUS``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m pipeline.bench")
    ap.add_argument("what", choices=["stages"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--params", type=Path)
    ap.add_argument("--models", type=Path)
    a = ap.parse_args(argv)
    config = Config.load(a.params, a.models)
    print(json.dumps(stage_times(a.corpus, config)))


if __name__ == "__main__":
    _main(sys.argv[1:])
