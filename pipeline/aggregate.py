"""Stage 6: the speaker-topic-stance table and its per-date view.

A claim with several topics counts once for each of its topics. One
implementation, :class:`Aggregator`, serves both the DVC stage (all claims of
claims.parquet) and ``pipeline run`` (claims added batch by batch).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class _Group:
    n: int = 0
    favor: int = 0
    against: int = 0
    n_docs: int = 0
    last_doc: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    examples: list = field(default_factory=list)  # the best (-confidence, claim_id), sorted


class Aggregator:
    """speaker_topic_stance and speaker_topic_date built claim batch by claim batch.

    Memory is proportional to the number of (speaker, topic, date) groups, not of
    claims, so ``pipeline run`` can aggregate a corpus of any size as documents
    stream past. The claims of one document must arrive together (the runner and
    claims.parquet keep them together).
    """

    COLUMNS = ("claim_id", "doc_id", "speaker", "topics", "stance", "date", "attribution_confidence")  # what add() reads

    def __init__(self, n_examples: int) -> None:
        self.n_examples = n_examples
        self.groups: dict[tuple[str, str], _Group] = {}
        self.by_date: dict[tuple[str, str, str], list[int]] = {}  # [n, favor, against]
        self.speakers: set[str] = set()

    def add(self, claims: Iterable[dict]) -> None:
        for c in claims:
            self.speakers.add(c["speaker"])
            favor, against = c["stance"] == "favor", c["stance"] == "against"
            date = c.get("date")
            ex = (-c.get("attribution_confidence", 0.0), c["claim_id"])
            for topic in c["topics"]:
                g = self.groups.get((c["speaker"], topic))
                if g is None:
                    g = self.groups[(c["speaker"], topic)] = _Group()
                g.n += 1
                g.favor += favor
                g.against += against
                if g.last_doc != c["doc_id"]:
                    g.last_doc = c["doc_id"]
                    g.n_docs += 1
                if date:
                    if g.first_date is None or date < g.first_date:
                        g.first_date = date
                    if g.last_date is None or date > g.last_date:
                        g.last_date = date
                if len(g.examples) < self.n_examples:
                    heapq.heappush(g.examples, _Neg(ex))
                elif self.n_examples and ex < g.examples[0].key:
                    heapq.heapreplace(g.examples, _Neg(ex))
                d = self.by_date.get((c["speaker"], topic, date or ""))
                if d is None:
                    d = self.by_date[(c["speaker"], topic, date or "")] = [0, 0, 0]
                d[0] += 1
                d[1] += favor
                d[2] += against

    @staticmethod
    def _counts(n: int, favor: int, against: int) -> dict:
        return {
            "n_claims": n,
            "n_favor": favor,
            "n_against": against,
            "n_neutral": n - favor - against,
            "net_stance": round((favor - against) / n, 4) if n else 0.0,
        }

    def speaker_topic_stance(self) -> list[dict]:
        rows = []
        for (speaker, topic), g in sorted(self.groups.items()):
            rows.append(
                {
                    "speaker": speaker,
                    "topic": topic,
                    **self._counts(g.n, g.favor, g.against),
                    "n_documents": g.n_docs,
                    "first_date": g.first_date,
                    "last_date": g.last_date,
                    "example_claim_ids": [k[1] for k in sorted(e.key for e in g.examples)],
                }
            )
        rows.sort(key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
        return rows

    def speaker_topic_date(self) -> list[dict]:
        return [{"speaker": s, "topic": t, "date": d, **self._counts(*v)} for (s, t, d), v in sorted(self.by_date.items())]


class _Neg:
    """Max-heap entry: the heap's top is the worst kept example."""

    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Neg) -> bool:
        return other.key < self.key


def speaker_topic_stance(claims: Iterable[dict], n_examples: int = 5) -> list[dict]:
    agg = Aggregator(n_examples)
    agg.add(claims)
    return agg.speaker_topic_stance()


def speaker_topic_date(claims: Iterable[dict]) -> list[dict]:
    agg = Aggregator(0)
    agg.add(claims)
    return agg.speaker_topic_date()
