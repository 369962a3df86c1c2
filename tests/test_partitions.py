"""How a Dask run cuts its files into partitions (no cluster needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.collect import Planned
from pipeline.partitions import split


def planned(n: int) -> list[Planned]:
    return [Planned(Path(f"{i:03d}.txt"), f"{i:03d}.txt", "run") for i in range(n)]


@pytest.mark.parametrize(
    ("n", "max_files", "slots", "sizes"),
    [
        (0, 64, 2, []),
        (10, 64, 2, [3, 3, 3, 1]),  # small corpus: about two partitions per slot
        (10, 2, 2, [2, 2, 2, 2, 2]),
        (1000, 64, 2, [64] * 15 + [40]),  # large corpus: run.partition_files
        (5, 0, 1, [1] * 5),  # a nonsensical size still makes progress
    ],
)
def test_partitions_are_contiguous_runs_in_corpus_order(n, max_files, slots, sizes):
    items = planned(n)
    parts = split(items, max_files, slots)
    assert [len(p) for p in parts] == sizes
    assert [item for part in parts for item in part] == items
