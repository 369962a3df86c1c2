"""Incremental reruns into the same output folder (pipeline.incremental): a rerun rewrites only
the parts that changed, and its tables are those of a run from scratch, byte for byte.

The corpus is the bundled articles under several names, cut into parts of about three
documents, so that one change touches one part among several."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.aggregate import Aggregator, merge_partials, partial_counts
from pipeline.incremental import MANIFEST, STATE_DIR
from pipeline.runner import run_corpus
from tests.conftest import CORPUS
from tests.test_runner import _naive_tables

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every output table's bytes: a dataset folder as its part files."""
    files = {}
    for t in TABLES:
        path = out / f"{t}.parquet"
        for f in sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]:
            files[f.relative_to(out).as_posix()] = f.read_bytes()
    return files


def stats(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every output file: what a rerun rewrote changes."""
    found = {}
    for t in TABLES:
        path = out / f"{t}.parquet"
        for f in sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]:
            st = f.stat()
            found[f.relative_to(out).as_posix()] = (st.st_ino, st.st_mtime_ns)
    return found


@pytest.fixture
def small_parts(config):
    return dataclasses.replace(config, run=dataclasses.replace(config.run, part_documents=3))


@pytest.fixture
def corpus(tmp_path) -> Path:
    dest = tmp_path / "corpus"
    dest.mkdir()
    files = sorted(CORPUS.iterdir())
    for i in range(3):
        for f in files:
            shutil.copyfile(f, dest / f"c{i}_{f.name}")
    (dest / "notes.pdf").write_bytes(b"%PDF-1.4")  # a rejection, kept from run to run
    return dest


def incremental(corpus: Path, out: Path, config, workers: int = 1, **kw):
    return run_corpus(corpus, out, config, workers=workers, cache_dir=out / ".cache", prune_cache=True, **kw)


def check_equals_scratch(corpus: Path, out: Path, config, tmp_path: Path) -> None:
    scratch = tmp_path / f"scratch{random.random()}"
    run_corpus(corpus, scratch, config, workers=1)
    assert snapshot(out) == snapshot(scratch)
    for t in TABLES:  # and as the tables readers see
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{t}.parquet"), pd.read_parquet(scratch / f"{t}.parquet"))
    shutil.rmtree(scratch)


def test_a_rerun_with_nothing_changed_rewrites_nothing(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    first = incremental(corpus, out, small_parts)
    assert len(list((out / "claims.parquet").glob("part-*.parquet"))) > 2
    before, manifest = stats(out), (out / STATE_DIR / MANIFEST).stat().st_mtime_ns
    again = incremental(corpus, out, small_parts)
    assert stats(out) == before and (out / STATE_DIR / MANIFEST).stat().st_mtime_ns == manifest
    assert (again.n_processed, again.n_cached, again.n_documents) == (0, 15, 15)
    assert (again.n_claims, again.n_statements, again.n_rejected) == (first.n_claims, first.n_statements, 1)
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_touching_a_file_hashes_it_and_rewrites_no_table(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    incremental(corpus, out, small_parts)
    before = stats(out)
    victim = sorted(corpus.glob("*.txt"))[4]
    st = victim.stat()
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    again = incremental(corpus, out, small_parts)
    assert again.n_processed == 0 and stats(out) == before
    manifest = json.loads((out / STATE_DIR / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"][victim.name][1] == victim.stat().st_mtime_ns  # the new metadata is recorded


@pytest.mark.parametrize("where", ["end", "middle", "first"])
def test_adding_one_file_rewrites_its_part_only(tmp_path, corpus, small_parts, where):
    out = tmp_path / "out"
    incremental(corpus, out, small_parts)
    before = stats(out)
    name = {"end": "zz_new.txt", "middle": "c1_zz_new.txt", "first": "a_new.txt"}[where]
    seed = sorted(CORPUS.glob("*.txt"))[1]
    (corpus / name).write_bytes(seed.read_bytes() + "\n（補充報道）\n".encode())  # a repost: a copy of c0_…
    again = incremental(corpus, out, small_parts)
    assert (again.n_processed, again.n_cached, again.n_documents) == (1, 15, 16)
    after = stats(out)
    parts = [k for k in after if k.startswith("claims.parquet/")]
    old_files = set(before.values())
    rewritten = [k for k in parts if after[k] not in old_files]
    # one part changes (a split: two; its copies' parts when it comes first); the others stay as
    # they were, renamed at most (same inode and mtime)
    assert 1 <= len(rewritten) <= (len(parts) - 2 if where != "first" else len(parts) - 1)
    check_equals_scratch(corpus, out, small_parts, tmp_path)
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    copy_of_seed = f"c0_{seed.name}"
    if where == "first":  # the first copy now: the article it reposts points at it
        assert docs.loc[copy_of_seed, "duplicate_of"] == "a_new"
    else:
        assert docs.loc[name, "duplicate_of"] == f"c0_{seed.stem}"


def test_a_new_first_copy_makes_later_articles_its_copies(tmp_path, corpus, small_parts):
    """Cross-document: an article added before its copies becomes the first copy, and the
    later ones, in parts that did not change otherwise, now point at it."""
    out = tmp_path / "out"
    incremental(corpus, out, small_parts)
    seed = sorted(CORPUS.glob("*.txt"))[2]
    shutil.copyfile(seed, corpus / f"a_{seed.name}")
    again = incremental(corpus, out, small_parts)
    assert again.n_processed == 1
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert docs.loc[f"c0_{seed.name}", "duplicate_of"] == f"a_{seed.stem}"
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_editing_deleting_and_restoring_files(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    incremental(corpus, out, small_parts)
    victim = sorted(corpus.glob("*.txt"))[6]
    original = victim.read_bytes()
    victim.write_bytes(original.replace("。".encode(), "！".encode(), 1))
    assert incremental(corpus, out, small_parts).n_processed == 1
    check_equals_scratch(corpus, out, small_parts, tmp_path)
    first = sorted(corpus.glob("*.txt"))[0]  # the first copy of an article: its copies change
    saved = first.read_bytes()
    first.unlink()
    victim.unlink()
    gone = incremental(corpus, out, small_parts)
    assert (gone.n_processed, gone.n_documents) == (0, 13)
    check_equals_scratch(corpus, out, small_parts, tmp_path)
    first.write_bytes(saved)
    victim.write_bytes(original)
    back = incremental(corpus, out, small_parts)
    # the run that lost them pruned their cache entries (the folder's own cache): processed again
    assert (back.n_processed, back.n_cached, back.n_documents) == (2, 13, 15)
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_a_duplicate_id_freed_by_a_deletion_is_taken_by_the_next_file(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    sub = corpus / "sub"
    sub.mkdir()
    shutil.copyfile(sorted(corpus.glob("*.txt"))[3], sub / "c0_x.txt")
    shutil.copyfile(sorted(corpus.glob("*.txt"))[5], corpus / "c0_x.txt")
    first = incremental(corpus, out, small_parts)
    assert first.n_rejected == 2  # the pdf and sub/c0_x.txt (duplicate_id)
    (corpus / "c0_x.txt").unlink()
    again = incremental(corpus, out, small_parts)
    assert again.n_rejected == 1
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_a_damaged_output_is_rebuilt(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    incremental(corpus, out, small_parts)
    part = sorted((out / "claims.parquet").glob("part-*.parquet"))[1]
    part.write_bytes(b"not parquet")
    incremental(corpus, out, small_parts)
    check_equals_scratch(corpus, out, small_parts, tmp_path)
    (out / STATE_DIR / MANIFEST).write_text("{", encoding="utf-8")
    incremental(corpus, out, small_parts)
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_an_output_of_the_single_file_layout_is_replaced(tmp_path, corpus, small_parts):
    out = tmp_path / "out"
    out.mkdir()
    for t in ("documents", "claims"):
        (out / f"{t}.parquet").write_bytes(b"an older run's table")
    incremental(corpus, out, small_parts)
    check_equals_scratch(corpus, out, small_parts, tmp_path)


def test_two_workers_and_small_batches_give_the_same_parts(tmp_path, corpus, small_parts):
    incremental(corpus, tmp_path / "a", small_parts, workers=2)
    tiny = dataclasses.replace(small_parts, run=dataclasses.replace(small_parts.run, batch_size=2))
    run_corpus(corpus, tmp_path / "b", tiny, workers=1)
    a, b = (pd.read_parquet(tmp_path / x / "claims.parquet") for x in "ab")
    pd.testing.assert_frame_equal(a, b)
    check_equals_scratch(corpus, tmp_path / "a", small_parts, tmp_path)


# --------------------------------------------------------------------------- partial counts


@pytest.mark.parametrize("seed", range(6))
def test_merged_partial_counts_equal_the_aggregator(seed):
    """Claims cut into parts anywhere: merging the parts' partial counts gives the tables of
    the streaming Aggregator and of the naive computation."""
    rng = random.Random(seed)
    speakers, topics, outlets = ["甲", "乙", "丙"], ["t1", "t2", "t3"], ["", "o1", "o2", "o3"]
    texts = [f"s{i}" for i in range(12)]
    claims = []
    for d in range(30):
        for k in range(rng.randint(0, 5)):
            sp, text = rng.choice(speakers), rng.choice(texts)
            claims.append({
                "claim_id": f"d{d:02d}:{k}-{k + 1}", "doc_id": f"d{d:02d}", "speaker": sp,
                "topics": rng.sample(topics, rng.randint(0, 2)), "stance": rng.choice(["favor", "against", "neutral"]),
                "date": rng.choice([None, "2021-06-16", "2021-06-15"]),
                "attribution_confidence": rng.choice([0.5, 0.9, 0.0]),
                "statement_id": f"{sp}/{text}", "said_on": rng.choice([None, "2021-06-14", "2021-06-16"]),
                "outlet": rng.choice(outlets),
            })
    cuts = sorted(rng.sample(range(1, len(claims)), 4))
    # a part boundary is a document boundary
    cuts = sorted({c for c in cuts if claims[c]["doc_id"] != claims[c - 1]["doc_id"]})
    parts = [claims[a:b] for a, b in zip([0, *cuts], [*cuts, len(claims)], strict=True)]
    for n_examples in (0, 2, 5):
        agg = Aggregator(n_examples)
        agg.add(claims)
        merged = merge_partials([json.loads(json.dumps(partial_counts(p))) for p in parts], n_examples)
        assert merged[0] == agg.speaker_topic_stance()
        assert merged[1] == agg.speaker_topic_date()
        assert merged[2:] == (len(agg.speakers), len(agg.first_said))
        assert list(merged[:2]) == list(_naive_tables(claims, n_examples))


# --------------------------------------------------------------------------- copy detection, incrementally


@pytest.mark.parametrize("seed", range(8))
def test_incremental_copy_detection_decides_as_the_deduper(seed, config):
    """Random documents in families of near-copies; after random insertions, deletions and
    edits, reusing the last decisions gives exactly what a fresh Deduper decides."""
    import numpy as np

    from pipeline.dedup import Deduper
    from pipeline.incremental import IncrementalDeduper

    cfg = config.dedup
    rng = np.random.default_rng(seed)

    def family_member(base: np.ndarray, changed: float) -> np.ndarray:
        sig = base.copy()
        k = int(changed * len(sig))
        sig[rng.choice(len(sig), size=k, replace=False)] = rng.integers(0, 2**32, size=k, dtype=np.uint64)
        return sig

    bases = [rng.integers(0, 2**32, size=cfg.num_hashes, dtype=np.uint64) for _ in range(6)]

    def new_doc(name: str):
        if rng.random() < 0.1:
            return (name, None)
        return (name, family_member(bases[rng.integers(len(bases))], rng.choice([0.0, 0.05, 0.15, 0.3, 0.6])))

    docs = sorted((new_doc(f"d{i:03d}") for i in range(60)), key=lambda d: d[0])

    def fresh(sequence):
        dd = Deduper(cfg)
        return [dd.check(name, "", sig) for name, sig in sequence]

    def sha(sig) -> str:
        return "none" if sig is None else sig.tobytes().hex()[:16]

    old = docs
    old_dups = fresh(old)
    for _ in range(3):
        new = list(old)
        for _ in range(rng.integers(1, 4)):
            what = rng.integers(3)
            if what == 0:  # a new document anywhere
                new.append(new_doc(f"d{rng.integers(0, 999):03d}x"))
            elif what == 1 and len(new) > 2:
                new.pop(int(rng.integers(len(new))))
            else:  # an edit: same name, other bytes
                i = int(rng.integers(len(new)))
                new[i] = new_doc(new[i][0])
        new = sorted({name: (name, sig) for name, sig in new}.values(), key=lambda d: d[0])
        old_by_key = {(name, sha(sig)): dup for (name, sig), dup in zip(old, old_dups, strict=True)}
        new_keys = {(name, sha(sig)) for name, sig in new}
        gone = [sig.tobytes() for name, sig in old if (name, sha(sig)) not in new_keys and sig is not None]
        inc = IncrementalDeduper(cfg, len(new), [(name, sha(sig)) for name, sig in old], gone)
        got = [inc.check(name, name, sha(sig), sig, old_by_key.get((name, sha(sig)))) for name, sig in new]
        expected = fresh(new)
        assert got == expected
        assert any(expected)  # the families make copies
        old, old_dups = new, expected
