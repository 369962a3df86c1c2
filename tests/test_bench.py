"""``python -m pipeline bench`` runs end to end and reports what it measured.

No timing is asserted (speed is measured by the benchmark, not tested): these
tests check that every part of the benchmark still runs against the current
pipeline, covers the whole corpus and compares outputs as it claims to.
"""

from __future__ import annotations

import json

from pipeline.bench import BenchOptions, _documents, run_bench, stage_times
from pipeline.runner import run_corpus
from tests.conftest import CORPUS

STAGES = {"ingest", "normalize", "segment", "extract", "classify", "signature", "write"}
COMPONENTS = {"claims_quotes", "claims_cues", "claims_mentions", "claims_attribution"}


def test_stage_times_cover_the_whole_corpus(config, tmp_path):
    st = stage_times(CORPUS, config)
    docs = _documents(CORPUS, config)
    assert st["n_documents"] == len(docs) > 0
    assert st["n_chars"] == sum(len(d["text"]) for d in docs)
    summary = run_corpus(CORPUS, tmp_path / "out", config, workers=1)
    assert st["n_claims"] == summary.n_claims > 0
    assert set(st["stages_s"]) == STAGES and all(v >= 0 for v in st["stages_s"].values())
    # CPU seconds too (a shared machine's other jobs inflate wall time, not these)
    assert set(st["stages_cpu_s"]) == STAGES and all(v >= 0 for v in st["stages_cpu_s"].values())
    assert set(st["startup_cpu_s"]) == {"import", "load_models"}
    assert set(st["extract_components_s"]) == COMPONENTS


def test_benchmark_runs_every_part_on_a_small_corpus(config, tmp_path):
    out = tmp_path / "bench.json"
    opts = BenchOptions(copies=1, out=out, workdir=tmp_path / "work", memory_copies=[1, 2], repeat=1)
    report = run_bench(opts, echo=lambda _: None)
    assert json.loads(out.read_text(encoding="utf-8")) == report
    assert report["corpus"]["n_documents"] == len(_documents(CORPUS, config))
    for name in ("workers_1", "default"):
        run = report["runs"][name]
        assert run["chars_per_s"] > 0 and run["ratio_to_reference"] > 0
    assert report["identical_output_workers_1_vs_default"] is True
    assert report["stages"]["n_chars"] == report["corpus"]["n_chars"]
    assert all(v["cpu_s"] >= 0 for v in report["stages"]["stages"].values())
    assert [m["copies"] for m in report["memory"]] == [1, 2]
    inc = report["incremental"]
    assert inc["identical_to_scratch"] is True
    assert "(1 processed, 0 reclassified" in inc["rerun_one_added"]["summary"]
    assert "(0 processed, 0 reclassified" in inc["rerun_unchanged"]["summary"]
    assert "0 processed" in inc["rerun_topics_edited"]["summary"]  # topics.yaml: reclassify only
    assert report["startup"]["wall_s"] > 0 and report["startup"]["file"] in {p.name for p in CORPUS.iterdir()}
    assert set(report["targets"]) >= {
        "workers_1_ratio>=2.0",
        "all_cores_ratio>=3.0",
        "identical_output",
        "peak_rss_per_process<400MB",
        "rss_flat_with_size",
        "one_file_run<1.5s",
    }


def test_measured_processes_may_cache_bytecode(monkeypatch):
    # a shell that forbids bytecode caching would charge every pipeline process for compiling
    # its sources, a cost users pay once and the pip-installed reference never pays
    from pipeline.bench import _measured_env

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("BENCH_PROBE", "kept")
    env = _measured_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["BENCH_PROBE"] == "kept"
