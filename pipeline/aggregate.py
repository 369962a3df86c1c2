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

    def add_statement(self, stance: str, said: str | None) -> None:
        """Count one distinct statement: its stance and the date it was said."""
        self.n += 1
        self.favor += stance == "favor"
        self.against += stance == "against"
        if said:
            if self.first_date is None or said < self.first_date:
                self.first_date = said
            if self.last_date is None or said > self.last_date:
                self.last_date = said


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
                g.add_statement(c["stance"], said)
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


# --------------------------------------------------------------------------- per-part partial counts
#
# ``pipeline run`` writes claims as a dataset of parts and keeps, per part, the partial counts
# below (JSON, in the output folder's state). A rerun merges the partials of every part instead
# of re-reading every claim; only the parts that changed are recounted. The merge gives exactly
# the tables of :class:`Aggregator` over the same claims in the same order (tested).


def partial_counts(claims: Iterable[dict]) -> dict:
    """What one part (a run of documents in corpus order) adds to the summary tables, as JSON data:

    - ``speakers``; ``said``: each statement's said_on of its first copy in the part;
    - ``groups``: per (speaker, topic) the reach (claim rows, documents, outlets, first publication);
    - ``statements``: per (speaker, topic, statement) in order of first appearance, the first copy's
      stance and example key, and the outlets of all its copies (for the per-date view)."""
    speakers: set[str] = set()
    said: dict[str, str] = {}
    groups: dict[tuple[str, str], list] = {}  # [n_mentions, n_docs, last_doc, outlets, first_seen]
    stmts: dict[tuple[str, str, str], list] = {}  # [stance, -confidence, claim_id, outlets]
    for c in claims:
        speakers.add(c["speaker"])
        sid = c.get("statement_id") or c["claim_id"]
        said.setdefault(sid, _iso(c["said_on"]) if "said_on" in c else _iso(c.get("date")))
        published = _iso(c.get("date"))
        outlet = c.get("outlet") or ""
        for topic in c["topics"]:
            g = groups.get((c["speaker"], topic))
            if g is None:
                g = groups[(c["speaker"], topic)] = [0, 0, None, set(), None]
            g[0] += 1
            if g[2] != c["doc_id"]:
                g[1] += 1
                g[2] = c["doc_id"]
            if outlet:
                g[3].add(outlet)
            if published and (g[4] is None or published < g[4]):
                g[4] = published
            s = stmts.get((c["speaker"], topic, sid))
            if s is None:
                s = stmts[(c["speaker"], topic, sid)] = [c["stance"], -(c.get("attribution_confidence") or 0.0),
                                                        c["claim_id"], set()]
            if outlet:
                s[3].add(outlet)
    return {
        "speakers": sorted(speakers),
        "said": [[sid, d] for sid, d in said.items()],
        "groups": [[sp, t, g[0], g[1], sorted(g[3]), g[4]] for (sp, t), g in groups.items()],
        "statements": [[sp, t, sid, s[0], s[1], s[2], sorted(s[3])] for (sp, t, sid), s in stmts.items()],
    }


def merge_partials(partials: Iterable[dict], n_examples: int) -> tuple[list[dict], list[dict], int, int]:
    """speaker_topic_stance and speaker_topic_date rows, the number of speakers and of statements,
    from the partial counts of every part in corpus order (the first part holding a statement
    holds its first copy)."""
    agg = Aggregator(n_examples)
    first_stmt: dict[tuple[str, str, str], list] = {}
    for p in partials:
        agg.speakers.update(p["speakers"])
        for sid, d in p["said"]:
            agg.first_said.setdefault(sid, d)
        for sp, t, n_mentions, n_docs, outlets, first_seen in p["groups"]:
            g = agg.groups.get((sp, t))
            if g is None:
                g = agg.groups[(sp, t)] = _Group()
            g.n_mentions += n_mentions
            g.n_docs += n_docs
            g.outlets.update(outlets)
            if first_seen and (g.first_seen is None or first_seen < g.first_seen):
                g.first_seen = first_seen
        for sp, t, sid, stance, neg_conf, claim_id, outlets in p["statements"]:
            s = first_stmt.get((sp, t, sid))
            if s is None:
                first_stmt[(sp, t, sid)] = [stance, (neg_conf, claim_id), set(outlets)]
            else:
                s[2].update(outlets)
    examples: dict[tuple[str, str], list] = {}
    for (sp, t, sid), (stance, ex, outlets) in first_stmt.items():
        said = agg.first_said[sid]
        favor, against = stance == "favor", stance == "against"
        g = agg.groups[(sp, t)]
        g.add_statement(stance, said)
        examples.setdefault((sp, t), []).append(ex)
        d = agg.by_date.get((sp, t, said))
        if d is None:
            d = agg.by_date[(sp, t, said)] = _DateGroup()
        d.n += 1
        d.favor += favor
        d.against += against
        d.outlets.update(outlets)
    for key, exs in examples.items():
        agg.groups[key].examples = [_Neg(ex) for ex in sorted(exs)[:n_examples]]
    return agg.speaker_topic_stance(), agg.speaker_topic_date(), len(agg.speakers), len(agg.first_said)
