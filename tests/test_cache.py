"""The per-document cache of incremental runs: hits, misses, invalidation by
content, models, params and code, damage tolerance and pruning. Every cached
run must write exactly the bytes of a run from scratch."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.cache import ENTRY_VERSION, MAGIC, SUFFIX, DocumentCache, KeyMaker, models_digest
from pipeline.config import Config
from pipeline.incremental import STATE_DIR
from pipeline.parquet_io import to_table
from pipeline.runner import run_corpus
from tests.conftest import CORPUS, output_bytes

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


def same_tables(a: Path, b: Path) -> None:
    assert output_bytes(a, TABLES) == output_bytes(b, TABLES)


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
    # without the output folder's incremental state (tests/test_incremental.py), which would keep
    # unchanged documents from the last run's parts: every document goes through the cache here
    shutil.rmtree(out / STATE_DIR, ignore_errors=True)
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


@pytest.mark.parametrize("name", ["speakers.yaml", "cues.tsv", "extraction.yaml", "speaker_resolution.yaml"])
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


def _real_entry(config) -> tuple[dict, list[dict]]:
    from pipeline.analysis import process_path

    path = sorted(CORPUS.glob("*.txt"))[0]
    res = process_path((path, CORPUS, config))
    assert res.document is not None and res.extracted
    return res.document, res.extracted


def test_entries_written_with_lz4_buffers_read_back_the_same(tmp_path, config, monkeypatch):
    """Entries are written uncompressed now; those an earlier version wrote with LZ4 buffers
    (same format otherwise) read back as they were, and both stores share one document section."""
    import pyarrow as pa

    import pipeline.cache as cache_module

    store = DocumentCache(tmp_path / "c")
    document, extracted = _real_entry(config)
    classified = to_table("claims", [{**c, "topics": ["t"], "stance": "neutral"} for c in extracted])
    section = cache_module.document_ipc(document)
    store.put("x", "ab" * 32, {"document": document, "claims": extracted}, section)
    store.put("c", "cd" * 32, {"document": document, "claims": classified}, section)
    monkeypatch.setattr(cache_module, "_IPC_OPTIONS", pa.ipc.IpcWriteOptions(compression="lz4"))
    store.put("x", "ef" * 32, {"document": document, "claims": extracted})
    store.put("c", "01" * 32, {"document": document, "claims": classified})
    assert store._path("x", "ef" * 32).read_bytes() != store._path("x", "ab" * 32).read_bytes()
    assert store.get("x", "ef" * 32) == store.get("x", "ab" * 32)
    assert store.get("c", "01" * 32)["claims"].equals(store.get("c", "cd" * 32)["claims"])
    assert store.n_rejected == 0


def test_cache_store_roundtrip_and_models_digest(tmp_path, models_copy, config):
    store = DocumentCache(tmp_path / "c")
    key = "ab" * 32
    assert store.get("x", key) is None and store.n_rejected == 0  # missing is a miss, not a rejection
    document, extracted = _real_entry(config)
    store.put("x", key, {"document": document, "claims": extracted})
    got = store.get("x", key)
    # the entry holds every column of the documents schema; a column the run fills later
    # (duplicate_of, set when the batch is written) comes back empty
    assert {k: v for k, v in got["document"].items() if k in document} == document
    assert all(got["document"][k] is None for k in set(got["document"]) - set(document))
    assert got["claims"] == extracted
    classified = to_table("claims", [{**c, "topics": ["t"], "stance": "neutral"} for c in extracted])
    store.put("c", key, {"document": document, "claims": classified})
    got = store.get("c", key)
    assert {k: v for k, v in got["document"].items() if k in document} == document and got["claims"].equals(classified)
    assert got["claims"].schema == classified.schema  # field descriptions too: the writer needs the exact schema
    assert store.n_rejected == 0
    d1 = models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"})
    (models_copy / "topics.yaml").write_text("changed", encoding="utf-8")
    assert models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"}) == d1
    (models_copy / "new_rules.yaml").write_text("x: 1", encoding="utf-8")
    assert models_digest(models_copy, exclude={"topics.yaml", "stance.yaml"}) != d1


# --------------------------------------------------------------------------- a cache holds data only


def test_entries_are_data_a_json_header_and_arrow_streams(tmp_path, corpus, config):
    cached_run(corpus, tmp_path / "out", config)
    entries = sorted((tmp_path / "out" / ".cache").rglob(f"*{SUFFIX}"))
    assert len(entries) == 6
    for entry in entries:
        data = entry.read_bytes()
        assert data.startswith(MAGIC)
        header_line, body = data[len(MAGIC) :].split(b"\n", 1)
        header = json.loads(header_line)
        assert header["format"] == ENTRY_VERSION and header["key"] == entry.name[: -len(SUFFIX)]
        assert header["sha256"] == hashlib.sha256(body).hexdigest()
        n_doc, _ = header["sections"]
        assert pa.ipc.open_stream(pa.BufferReader(body[:n_doc])).read_all().num_rows == 1


def test_no_code_unpickles_or_evaluates_what_it_reads():
    """pickle/marshal loads and eval/exec appear nowhere in the pipeline (segment.py reads
    jieba's own dictionary cache, which is the library's)."""
    forbidden = re.compile(r"\b(pickle|marshal|cloudpickle|dill)\.loads?\b|\bpickle\.Unpickler\b|(?<![.\w])(eval|exec)\(")
    offenders = []
    for path in sorted((Path(__file__).resolve().parent.parent / "pipeline").glob("*.py")):
        if path.name == "segment.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if forbidden.search(line):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert offenders == []


class _Trap:
    """Unpickling this runs code: it creates a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _entry_paths(out: Path) -> list[Path]:
    return sorted((out / ".cache").rglob(f"*{SUFFIX}"))


def test_a_planted_pickle_is_never_executed_and_is_recomputed(tmp_path, corpus, config):
    """Someone with write access to a shared cache replaces every entry with a pickle whose
    loading would run code (here: create a file). Written in the old layout's format too."""
    cached_run(corpus, tmp_path / "out", config)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Trap(marker))
    entries = _entry_paths(tmp_path / "out")
    for entry in entries:
        entry.write_bytes(len(payload).to_bytes(8, "little") + pa.compress(payload, codec="lz4", asbytes=True))
    again = cached_run(corpus, tmp_path / "out", config)
    assert not marker.exists(), "a cache entry was unpickled"
    assert again.n_processed == 3 and again.n_cache_rejected == 3  # the c entries are read first; x is never read
    assert "3 cache entries rejected" in again.text()
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))
    third = cached_run(corpus, tmp_path / "out", config)  # recomputed entries were written back
    assert (third.n_cached, third.n_cache_rejected) == (3, 0)


def _rewrite_header(entry: Path, **changes) -> None:
    data = entry.read_bytes()
    header_line, body = data[len(MAGIC) :].split(b"\n", 1)
    header = {**json.loads(header_line), **changes}
    entry.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + body)


@pytest.mark.parametrize("damage", ["flipped_byte", "truncated", "other_version", "other_key", "garbage_header"])
def test_a_tampered_or_outdated_entry_is_rejected_counted_and_recomputed(tmp_path, corpus, config, damage):
    cached_run(corpus, tmp_path / "out", config)
    classified = sorted(e for e in _entry_paths(tmp_path / "out") if e.parent.parent.name == "c")
    victim = classified[0]
    data = victim.read_bytes()
    if damage == "flipped_byte":  # a claim's text edited in place: the checksum catches it
        victim.write_bytes(data[:-40] + bytes([data[-40] ^ 0x01]) + data[-39:])
    elif damage == "truncated":
        victim.write_bytes(data[: len(data) // 2])
    elif damage == "other_version":  # written by an older (or newer) version of the code
        _rewrite_header(victim, format=ENTRY_VERSION - 1)
    elif damage == "other_key":  # another document's entry copied over this one, checksum and all
        victim.write_bytes(classified[1].read_bytes())
    else:
        victim.write_bytes(MAGIC + b"{not json\n" + data[-100:])
    again = cached_run(corpus, tmp_path / "out", config)
    assert again.n_cache_rejected == 1
    assert (again.n_cached, again.n_processed + again.n_reclassified) == (2, 1)
    same_tables(tmp_path / "out", scratch(corpus, tmp_path / "scratch", config))


def test_entries_of_the_old_pickle_layout_are_ignored(tmp_path, corpus, config):
    """A cache folder written by the previous version (v2/, pickles) is not read at all."""
    cache = tmp_path / "shared"
    marker = tmp_path / "pwned"
    old = cache / "v2" / "c" / "ab" / ("ab" * 32 + ".pkl.lz4")
    old.parent.mkdir(parents=True)
    old.write_bytes(pickle.dumps(_Trap(marker)))
    summary = cached_run(corpus, tmp_path / "out", config, cache=cache)
    assert summary.n_processed == 3 and not marker.exists()
    assert old.exists()  # a shared cache is never pruned
    own_old = tmp_path / "out" / ".cache" / "v2" / "c" / "ab" / old.name
    own_old.parent.mkdir(parents=True)
    own_old.write_bytes(old.read_bytes())
    cached_run(corpus, tmp_path / "out", config)  # the folder's own cache is: the old layout goes
    assert not (tmp_path / "out" / ".cache" / "v2").exists() and not marker.exists()


def test_a_run_removes_the_cache_writes_of_dead_writers_of_this_host_only(tmp_path, corpus, config):
    import subprocess
    import sys

    from pipeline.cache import _HOST

    shared = tmp_path / "shared"
    cached_run(corpus, tmp_path / "out", config, cache=shared)
    folder = next((shared / "v3" / "x").iterdir())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a writer that is gone (killed mid-write)
    files = {
        "dead": folder / f".abcdef12.{_HOST}.{dead.pid}.x1y2.tmp",
        "alive": folder / f".abcdef12.{_HOST}.{os.getpid()}.x1y2.tmp",  # a run writing now
        "other_host": folder / f".abcdef12.elsewhere-{_HOST}.{dead.pid}.x1y2.tmp",
        "not_ours": folder / ".notes.tmp",
    }
    for f in files.values():
        f.write_bytes(b"half an entry")
    again = cached_run(corpus, tmp_path / "out", config, cache=shared)
    assert again.n_cached == 3
    assert {name for name, f in files.items() if f.exists()} == {"alive", "other_host", "not_ours"}
