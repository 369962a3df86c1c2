"""Stage 6: the speaker-topic-stance table and its per-date view, counting statements.

A claim with several topics counts once for each of its topics. The same statement
carried by several documents (a repost, the same article in another encoding or script:
the same ``statement_id``) counts once, with the stance of its first copy in corpus
order; its copies add to the reach: ``n_mentions`` (claim rows), ``n_documents``,
``n_outlets`` and ``first_seen`` (earliest publication date of a copy). Timelines use
``said_on`` (when the statement was made, see :mod:`pipeline.dates`) of the first copy.

One implementation, :class:`Aggregator`, serves both the DVC stage (all claims of
claims.parquet) and ``pipeline run`` (claims added batch by batch, in corpus order).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class _Group:
    n: int = 0  # distinct statements
    favor: int = 0
    against: int = 0
    n_mentions: int = 0  # claim rows
    n_docs: int = 0
    last_doc: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    first_seen: str | None = None
    statements: set = field(default_factory=set)
    outlets: set = field(default_factory=set)
    examples: list = field(default_factory=list)  # the best (-confidence, claim_id), sorted


@dataclass
class _DateGroup:
    n: int = 0
    favor: int = 0
    against: int = 0
    statements: set = field(default_factory=set)
    outlets: set = field(default_factory=set)


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else ""


class Aggregator:
    """speaker_topic_stance and speaker_topic_date built claim batch by claim batch.

    Memory grows with the number of groups and of distinct statements, not of claim
    rows, so ``pipeline run`` can aggregate a large corpus as documents stream past.
    Claims must arrive in corpus order (the runner and claims.parquet keep it), so that
    the first copy of a statement is the same whoever runs the pipeline.
    """

    # what add() reads
    COLUMNS = (
        "claim_id", "doc_id", "speaker", "topics", "stance", "date", "attribution_confidence",
        "statement_id", "said_on", "outlet",
    )

    def __init__(self, n_examples: int) -> None:
        self.n_examples = n_examples
        self.groups: dict[tuple[str, str], _Group] = {}
        self.by_date: dict[tuple[str, str, str], _DateGroup] = {}
        self.speakers: set[str] = set()
        self.first_said: dict[str, str] = {}  # statement_id -> said_on of its first copy

    def add(self, claims: Iterable[dict]) -> None:
        for c in claims:
            self.speakers.add(c["speaker"])
            sid = c.get("statement_id") or c["claim_id"]
            said = _iso(c["said_on"]) if "said_on" in c else _iso(c.get("date"))
            said = self.first_said.setdefault(sid, said)
            published = _iso(c.get("date"))
            outlet = c.get("outlet") or ""
            favor, against = c["stance"] == "favor", c["stance"] == "against"
            ex = (-(c.get("attribution_confidence") or 0.0), c["claim_id"])
            for topic in c["topics"]:
                g = self.groups.get((c["speaker"], topic))
                if g is None:
                    g = self.groups[(c["speaker"], topic)] = _Group()
                g.n_mentions += 1
                if g.last_doc != c["doc_id"]:
                    g.last_doc = c["doc_id"]
                    g.n_docs += 1
                if outlet:
                    g.outlets.add(outlet)
                if published and (g.first_seen is None or published < g.first_seen):
                    g.first_seen = published
                d = self.by_date.get((c["speaker"], topic, said))
                if d is None:
                    d = self.by_date[(c["speaker"], topic, said)] = _DateGroup()
                if outlet:
                    d.outlets.add(outlet)
                if sid in g.statements:  # a copy: reach only
                    continue
                g.statements.add(sid)
                g.n += 1
                g.favor += favor
                g.against += against
                if said:
                    if g.first_date is None or said < g.first_date:
                        g.first_date = said
                    if g.last_date is None or said > g.last_date:
                        g.last_date = said
                if len(g.examples) < self.n_examples:
                    heapq.heappush(g.examples, _Neg(ex))
                elif self.n_examples and ex < g.examples[0].key:
                    heapq.heapreplace(g.examples, _Neg(ex))
                if sid not in d.statements:
                    d.statements.add(sid)
                    d.n += 1
                    d.favor += favor
                    d.against += against

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
                    "n_mentions": g.n_mentions,
                    "n_outlets": len(g.outlets),
                    "first_seen": g.first_seen,
                }
            )
        rows.sort(key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
        return rows

    def speaker_topic_date(self) -> list[dict]:
        return [
            {"speaker": s, "topic": t, "date": d, **self._counts(v.n, v.favor, v.against), "n_outlets": len(v.outlets)}
            for (s, t, d), v in sorted(self.by_date.items())
            if v.n  # a date that only copies gave (their statement's first copy is dated elsewhere)
        ]


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
