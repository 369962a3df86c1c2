"""Speaker-topic-stance counts."""

from __future__ import annotations

from pipeline.aggregate import speaker_topic_date, speaker_topic_stance


def c(i, speaker, topics, stance, date, doc="d1"):
    return {"claim_id": f"{doc}:{i}", "doc_id": doc, "speaker": speaker, "topics": topics, "stance": stance,
            "date": date, "attribution_confidence": 0.9}


CLAIMS = [
    c(1, "普京", ["nato", "ukraine"], "against", "2021-12-07"),
    c(2, "普京", ["nato"], "favor", "2021-06-16", doc="d2"),
    c(3, "普京", ["nato"], "neutral", "2021-06-16", doc="d2"),
    c(4, "拜登", ["ukraine"], "favor", None),
]


def test_counts_net_stance_dates_and_examples():
    rows = {(r["speaker"], r["topic"]): r for r in speaker_topic_stance(CLAIMS, n_examples=2)}
    nato = rows[("普京", "nato")]
    assert (nato["n_claims"], nato["n_favor"], nato["n_against"], nato["n_neutral"]) == (3, 1, 1, 1)
    assert nato["net_stance"] == 0.0
    assert (nato["first_date"], nato["last_date"]) == ("2021-06-16", "2021-12-07")
    assert nato["n_documents"] == 2 and len(nato["example_claim_ids"]) == 2
    assert rows[("普京", "ukraine")]["net_stance"] == -1.0  # a claim counts for each of its topics
    assert rows[("拜登", "ukraine")]["first_date"] is None


def test_per_date_view():
    rows = speaker_topic_date(CLAIMS)
    assert {(r["speaker"], r["topic"], r["date"], r["n_claims"]) for r in rows} >= {
        ("普京", "nato", "2021-06-16", 2),
        ("普京", "nato", "2021-12-07", 1),
        ("拜登", "ukraine", "", 1),
    }
