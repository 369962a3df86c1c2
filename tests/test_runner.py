"""The run engine: same bytes whatever the number of workers, incremental
aggregation equal to pipeline.aggregate, bounded work in flight, duplicate ids.
No timings here: speed is measured by ``python -m pipeline bench``."""

from __future__ import annotations

import datetime
import random
import shutil
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline.aggregate import Aggregator, _iso
from pipeline.parquet_io import read_rows, table_files
from pipeline.runner import ordered_results, run_corpus
from tests.conftest import CORPUS, output_bytes

TABLES = ["documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date"]


def copies(dest: Path, n: int, names: list[str] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(CORPUS.iterdir())
    if names is not None:
        files = [f for f in files if f.name in names]
    for i in range(n):
        for f in files:
            shutil.copyfile(f, dest / f"c{i:03d}_{f.name}")
    return dest


def same_tables(a: Path, b: Path) -> None:
    assert output_bytes(a) == output_bytes(b)


@pytest.fixture(scope="module")
def corpus10(tmp_path_factory) -> Path:
    return copies(tmp_path_factory.mktemp("corpus10"), 2)


@pytest.fixture(scope="module")
def out_w1(tmp_path_factory, corpus10, config) -> Path:
    out = tmp_path_factory.mktemp("w1")
    summary = run_corpus(corpus10, out, config, workers=1)
    assert summary.n_documents == 10
    return out


def test_two_workers_write_the_same_bytes_as_one(tmp_path, corpus10, out_w1, config):
    summary = run_corpus(corpus10, tmp_path, config, workers=2)
    assert summary.n_documents == 10 and summary.n_rejected == 0
    same_tables(out_w1, tmp_path)


def test_batches_are_cut_by_document_count_not_by_worker(tmp_path, corpus10, out_w1, config):
    import dataclasses

    import pyarrow.parquet as pq

    small = dataclasses.replace(config, run=dataclasses.replace(config.run, batch_size=3))
    run_corpus(corpus10, tmp_path / "a", small, workers=1)
    run_corpus(corpus10, tmp_path / "b", small, workers=2)
    same_tables(tmp_path / "a", tmp_path / "b")
    files = table_files(tmp_path / "a" / "documents.parquet")
    # batches of 3 documents within each part of documents (3 + 3 + 3 + 1 when they make one part)
    assert sum(pq.ParquetFile(f).num_row_groups for f in files) == sum(-(-pq.ParquetFile(f).metadata.num_rows // 3) for f in files)
    # the rows themselves do not depend on the batch size
    for t in TABLES:
        assert read_rows(tmp_path / "a" / f"{t}.parquet") == read_rows(out_w1 / f"{t}.parquet")


def _naive_tables(claims: list[dict], n_examples: int) -> tuple[list[dict], list[dict]]:
    """The two summary tables computed the obvious way, over the whole claim list: each statement
    (statement_id) counts once, with its first copy's stance and said_on; every copy adds reach."""
    first_said: dict = {}
    rows = []
    for c in claims:
        sid = c.get("statement_id") or c["claim_id"]
        said = first_said.setdefault(sid, _iso(c["said_on"] if "said_on" in c else c.get("date")))
        rows.append((c, sid, said))
    groups: dict = defaultdict(list)
    by_date: dict = defaultdict(list)
    for c, sid, said in rows:
        for topic in c["topics"]:
            groups[(c["speaker"], topic)].append((c, sid, said))
            by_date[(c["speaker"], topic, said)].append((c, sid, said))

    def firsts(group):
        seen: set = set()
        return [r for r in group if not (r[1] in seen or seen.add(r[1]))]

    def counts(group):
        f = [c for c, _, _ in firsts(group)]
        n = len(f)
        fav = sum(c["stance"] == "favor" for c in f)
        ag = sum(c["stance"] == "against" for c in f)
        return {"n_claims": n, "n_favor": fav, "n_against": ag, "n_neutral": n - fav - ag,
                "net_stance": round((fav - ag) / n, 4) if n else 0.0}

    def n_outlets(group):
        return len({c.get("outlet") for c, _, _ in group if c.get("outlet")})

    stance = []
    for (speaker, topic), group in sorted(groups.items()):
        dates = sorted(said for _, _, said in firsts(group) if said)
        published = sorted(_iso(c.get("date")) for c, _, _ in group if c.get("date"))
        best = sorted((c for c, _, _ in firsts(group)), key=lambda c: (-c.get("attribution_confidence", 0.0), c["claim_id"]))
        stance.append({"speaker": speaker, "topic": topic, **counts(group),
                       "n_documents": len({c["doc_id"] for c, _, _ in group}),
                       "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
                       "example_claim_ids": [c["claim_id"] for c in best[:n_examples]],
                       "n_mentions": len(group), "n_outlets": n_outlets(group),
                       "first_seen": published[0] if published else None})
    stance.sort(key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
    dated = [{"speaker": s, "topic": t, "date": d, **counts(g), "n_outlets": n_outlets(g)}
             for (s, t, d), g in sorted(by_date.items())]
    return stance, dated


def test_run_tables_equal_the_naive_aggregation_of_its_claims(out_w1, config):
    claims = read_rows(out_w1 / "claims.parquet", list(Aggregator.COLUMNS))
    stance, dated = _naive_tables(claims, config.aggregate.n_examples)
    assert read_rows(out_w1 / "speaker_topic_stance.parquet") == [
        {**r, "net_stance": pytest.approx(r["net_stance"], abs=1e-6)} for r in stance
    ]
    assert [r["n_claims"] for r in read_rows(out_w1 / "speaker_topic_date.parquet")] == [r["n_claims"] for r in dated]


def _random_claims(rng: random.Random, n_docs: int) -> list[list[dict]]:
    docs = []
    for d in range(n_docs):
        date = rng.choice([None, "", "2021-06-16", "2021-06", "2019-01-02", "2022-12-31"])
        claims = []
        for i in range(rng.randint(0, 12)):
            topics = rng.sample(["a", "b", "c", "d"], rng.randint(1, 3))
            if rng.random() < 0.1:
                topics.append(topics[0])  # a topic listed twice counts twice, as in aggregate
            claims.append(
                {
                    "claim_id": f"d{d:03d}:{i}",
                    "doc_id": f"d{d:03d}",
                    "speaker": rng.choice(["x", "y", "z", "w"]),
                    "topics": topics,
                    "stance": rng.choice(["favor", "against", "neutral"]),
                    "date": date,
                    "attribution_confidence": rng.choice([0.5, 0.75, 0.9, 0.9, 1.0]),
                    # a few statements recur across documents (reposts), with their own said_on
                    "statement_id": rng.choice([None, f"s{rng.randint(0, 15)}", f"d{d:03d}:{i}"]),
                    "said_on": rng.choice([None, datetime.date(2021, 6, 16), datetime.date(2021, 6, 15)]),
                    "outlet": rng.choice([None, "", "o1", "o2"]),
                }
            )
        docs.append(claims)
    return docs


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("n_examples", [0, 1, 5])
def test_streaming_aggregate_equals_the_naive_tables_on_random_claims(seed, n_examples):
    docs = _random_claims(random.Random(seed), 30)
    agg = Aggregator(n_examples)
    for claims in docs:  # document by document, as the runner adds them
        agg.add(claims)
    flat = [c for claims in docs for c in claims]
    stance, dated = _naive_tables(flat, n_examples)
    assert agg.speaker_topic_stance() == stance
    assert agg.speaker_topic_date() == dated


def test_streaming_aggregate_memory_grows_with_groups_not_claims():
    agg = Aggregator(5)
    rng = random.Random(0)
    for _ in range(50):
        for claims in _random_claims(rng, 40):
            agg.add(claims)
    # 4 speakers x 4 topics, 6 dates: the state is bounded by the groups, whatever the claims
    assert len(agg.groups) <= 16
    assert len(agg.by_date) <= 16 * 5
    assert all(len(g.examples) <= 5 for g in agg.groups.values())


def test_ordered_results_keep_order_and_bound_the_work_in_flight():
    pulled = 0

    def tasks():
        nonlocal pulled
        for i in range(200):
            pulled += 1
            yield i

    def work(i: int) -> int:
        time.sleep(0.0005 * (i % 3))  # tasks finish out of order
        return i * i

    window = 6
    seen = []
    with ThreadPoolExecutor(3) as pool:
        for got in ordered_results(lambda t: pool.submit(work, t), tasks(), window=window):
            assert pulled - len(seen) <= window  # read lazily: never more than the window ahead
            seen.append(got)
    assert seen == [i * i for i in range(200)]


def test_ordered_results_stop_submitting_when_the_consumer_stops():
    submitted = []

    def submit(t):
        submitted.append(t)
        f = Future()
        f.set_result(t)
        return f

    it = ordered_results(submit, iter(range(10_000)), window=4)
    assert [next(it) for _ in range(5)] == [0, 1, 2, 3, 4]
    it.close()
    assert len(submitted) <= 5 + 4


def test_ordered_results_cancel_what_is_left_when_closed_or_failed():
    def done(value=None, exc=None) -> Future:
        f = Future()
        if exc is not None:
            f.set_exception(exc)
        else:
            f.set_result(value)
        return f

    cancelled: list = []
    it = ordered_results(lambda t: done(t), iter(range(100)), window=4, cancel=cancelled.extend)
    assert next(it) == 0
    it.close()  # the consumer stops: the 3 futures submitted ahead are cancelled
    assert [f.result() for f in cancelled] == [1, 2, 3]

    cancelled.clear()
    failing = ordered_results(lambda t: done(exc=ValueError(t)) if t == 1 else done(t), iter(range(100)), window=4, cancel=cancelled.extend)
    with pytest.raises(ValueError):
        list(failing)
    assert [f.result() for f in cancelled] == [2, 3, 4]


def test_a_second_file_with_the_same_doc_id_is_rejected(tmp_path, config):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    src = CORPUS / "001_8372918e7152907c.txt"
    shutil.copyfile(src, corpus / "a.txt")
    shutil.copyfile(src, corpus / "a.md")
    summary = run_corpus(corpus, tmp_path / "out", config, workers=1)
    assert summary.n_documents == 1 and summary.n_rejected == 1
    [rej] = read_rows(tmp_path / "out" / "rejected.parquet")
    assert rej["source_path"] == "a.txt" and rej["reason"] == "duplicate_id"
    [doc] = read_rows(tmp_path / "out" / "documents.parquet", ["source_path"])
    assert doc["source_path"] == "a.md"
