"""Stage 6: the speaker-topic-stance table and its per-date view.

A claim with several topics counts once for each of its topics.
"""

from __future__ import annotations

from collections import defaultdict


def _counts(claims: list[dict]) -> dict:
    n = len(claims)
    fav = sum(c["stance"] == "favor" for c in claims)
    ag = sum(c["stance"] == "against" for c in claims)
    return {
        "n_claims": n,
        "n_favor": fav,
        "n_against": ag,
        "n_neutral": n - fav - ag,
        "net_stance": round((fav - ag) / n, 4) if n else 0.0,
    }


def _by_speaker_topic(claims: list[dict], with_date: bool) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        for topic in c["topics"]:
            key = (c["speaker"], topic, c.get("date") or "") if with_date else (c["speaker"], topic)
            groups[key].append(c)
    return groups


def speaker_topic_stance(claims: list[dict], n_examples: int = 5) -> list[dict]:
    rows = []
    for (speaker, topic), group in sorted(_by_speaker_topic(claims, False).items()):
        dates = sorted(d for d in (c.get("date") for c in group) if d)
        group = sorted(group, key=lambda c: (-c.get("attribution_confidence", 0.0), c["claim_id"]))
        rows.append(
            {
                "speaker": speaker,
                "topic": topic,
                **_counts(group),
                "n_documents": len({c["doc_id"] for c in group}),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "example_claim_ids": [c["claim_id"] for c in group[:n_examples]],
            }
        )
    rows.sort(key=lambda r: (-r["n_claims"], r["speaker"], r["topic"]))
    return rows


def speaker_topic_date(claims: list[dict]) -> list[dict]:
    return [
        {"speaker": s, "topic": t, "date": d, **_counts(group)}
        for (s, t, d), group in sorted(_by_speaker_topic(claims, True).items())
    ]
