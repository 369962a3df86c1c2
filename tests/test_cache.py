"""The per-document cache of incremental runs: hits, misses, invalidation by
content, models, params and code, damage tolerance and pruning. Every cached
run must write exactly the bytes of a run from scratch."""

from __future__ import annotations

import dataclasses
import filecmp
import shutil
from pathlib import Path

import pytest

from pipeline.cache import SUFFIX, DocumentCache, KeyMaker, models_digest
from pipeline.config import Config
from pipeline.runner import run_corpus
from tests.conftest import CORPUS

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


def same_tables(a: Path, b: Path) -> None:
    for t in TABLES:
        assert filecmp.cmp(a / f"{t}.parquet", b / f"{t}.parquet", shallow=False), f"{t}.parquet differs"


def scratch(corpus: Path, out: Path, config: Config) -> Path:
    run_corpus(corpus, out, config, workers=1)
    return out


@pytest.fixture
def corpus(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    dest.mkdir()
    for f in sorted(CORPUS.iterdir())[:3]:
        shutil.copyfile(f, dest / f.name)
    (dest / "notes.pdf").write_bytes(b"%PDF-1.4")  # a rejection, to be reported on every run
    return dest


@pytest.fixture
def models_copy(tmp_path, config) -> Path:
    dest = tmp_path / "models"
    shutil.copytree(config.models_dir, dest)
    return dest


def cached_run(corpus: Path, out: Path, config: Config, cache: Path | None = None, workers: int = 1):
    return run_corpus(corpus, out, config, workers=workers, cache_dir=cache or out / ".cache", prune_cache=cache is None)


def test_a_second_run_reprocesses_nothing(tmp_path, corpus, config):
    first = cached_run(corpus, tmp_path / "out", config)
    assert (first.n_processed, first.n_cached, first.n_rejected) == (3, 0, 1)
    second = cached_run(corpus, tmp_path / "out", config)
    assert (second.n_processed, second.n_reclassified, second.n_cached) == (0, 0, 3)
    assert second.n_rejected == 1 and second.n_claims == first.n_claims
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_adding_a_file_processes_only_that_file(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    shutil.copyfile(sorted(CORPUS.iterdir())[3], corpus / "zz_new.txt")
    again = cached_run(corpus, tmp_path / "out", config)
    assert (again.n_processed, again.n_cached, again.n_documents) == (1, 3, 4)
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_editing_or_renaming_a_file_reprocesses_it(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    victim = sorted(corpus.glob("*.txt"))[0]
    victim.write_bytes(victim.read_bytes().replace("。".encode(), "！".encode(), 1))
    assert cached_run(corpus, tmp_path / "out", config).n_processed == 1
    victim.rename(corpus / "renamed.txt")  # a new path is a new doc_id
    again = cached_run(corpus, tmp_path / "out", config)
    assert (again.n_processed, again.n_cached) == (1, 2)
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_editing_topics_only_reclassifies(tmp_path, corpus, config, models_copy):
    cfg = dataclasses.replace(config, models_dir=models_copy)
    cached_run(corpus, tmp_path / "out", cfg)
    with (models_copy / "beats" / "us_russia" / "topics.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    again = cached_run(corpus, tmp_path / "out", cfg)
    assert (again.n_processed, again.n_reclassified, again.n_cached) == (0, 3, 0)
    assert cached_run(corpus, tmp_path / "out", cfg).n_cached == 3
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", cfg))


@pytest.mark.parametrize("name", ["speakers.yaml", "cues.tsv", "extraction.yaml"])
def test_editing_an_extraction_model_reprocesses_everything(tmp_path, corpus, config, models_copy, name):
    cfg = dataclasses.replace(config, models_dir=models_copy)
    cached_run(corpus, tmp_path / "out", cfg)
    with (models_copy / name).open("a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    assert cached_run(corpus, tmp_path / "out", cfg).n_processed == 3


def test_a_model_change_that_changes_claims_reaches_the_output(tmp_path, corpus, config, models_copy):
    """Not just invalidation: the rerun's tables equal a scratch run with the new models."""
    cfg = dataclasses.replace(config, models_dir=models_copy)
    cached_run(corpus, tmp_path / "out", cfg)
    cues = models_copy / "cues.tsv"
    lines = cues.read_text(encoding="utf-8").splitlines(keepends=True)
    data = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    del lines[data[0]]  # drop one cue
    cues.write_text("".join(lines), encoding="utf-8")
    assert cached_run(corpus, tmp_path / "out", cfg).n_processed == 3
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", cfg))


def test_changing_params_invalidates(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    cfg = dataclasses.replace(config, extract=dataclasses.replace(config.extract, max_quote_chars=2999))
    assert cached_run(corpus, tmp_path / "out", cfg).n_processed == 3
    cfg2 = dataclasses.replace(cfg, classify=dataclasses.replace(cfg.classify, neutral_margin=0.51))
    again = cached_run(corpus, tmp_path / "out", cfg2)
    assert (again.n_processed, again.n_reclassified) == (0, 3)
    # run and aggregate params do not touch per-document results
    cfg3 = dataclasses.replace(cfg2, run=dataclasses.replace(cfg2.run, batch_size=2))
    assert cached_run(corpus, tmp_path / "out", cfg3).n_cached == 3


def test_code_changes_invalidate(monkeypatch, config):
    import pipeline.cache as cache_mod

    before = KeyMaker.for_config(config)
    cache_mod.code_version.cache_clear()
    monkeypatch.setattr(cache_mod, "EXTRACT_CODE", (*cache_mod.EXTRACT_CODE, "aggregate"))
    after = KeyMaker.for_config(config)
    monkeypatch.undo()
    cache_mod.code_version.cache_clear()
    assert before.extract_salt != after.extract_salt
    assert before.classify_salt == after.classify_salt
    assert KeyMaker.for_config(config) == before


def test_a_damaged_entry_is_a_miss(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    entries = sorted((tmp_path / "out" / ".cache").rglob(f"*{SUFFIX}"))
    assert entries
    entries[0].write_bytes(b"not a cache entry")
    again = cached_run(corpus, tmp_path / "out", config)
    assert again.n_cached + again.n_reclassified + again.n_processed == 3 and again.n_cached < 3
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_the_default_cache_is_pruned_a_shared_one_is_not(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    shared = tmp_path / "shared"
    cached_run(corpus, tmp_path / "out2", config, cache=shared)
    n_own = len(list((tmp_path / "out" / ".cache").rglob(f"*{SUFFIX}")))
    n_shared = len(list(shared.rglob(f"*{SUFFIX}")))
    assert n_own == n_shared == 6  # 3 documents x (extraction + classification)
    sorted(corpus.glob("*.txt"))[0].unlink()
    cached_run(corpus, tmp_path / "out", config)
    cached_run(corpus, tmp_path / "out2", config, cache=shared)
    assert len(list((tmp_path / "out" / ".cache").rglob(f"*{SUFFIX}"))) == 4
    assert len(list(shared.rglob(f"*{SUFFIX}"))) == 6


def test_cached_runs_with_two_workers_are_identical(tmp_path, config):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(2):
        for f in sorted(CORPUS.iterdir()):
            shutil.copyfile(f, corpus / f"c{i}_{f.name}")
    first = cached_run(corpus, tmp_path / "out", config, workers=2)
    shutil.copyfile(sorted(CORPUS.iterdir())[0], corpus / "zz_new.txt")
    again = cached_run(corpus, tmp_path / "out", config, workers=2)
    assert first.n_processed == 10 and (again.n_processed, again.n_cached) == (1, 10)
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_cache_store_roundtrip_and_models_digest(tmp_path, models_copy):
    store = DocumentCache(tmp_path / "c")
    assert store.get("x", "ab" * 32) is None
    store.put("x", "ab" * 32, {"document": {"a": 1}, "claims": [{"f": 0.1}]})
    assert store.get("x", "ab" * 32) == {"document": {"a": 1}, "claims": [{"f": 0.1}]}
    d1 = models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"})
    (models_copy / "topics.yaml").write_text("changed", encoding="utf-8")
    assert models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"}) == d1
    (models_copy / "new_rules.yaml").write_text("x: 1", encoding="utf-8")
    assert models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"}) != d1
