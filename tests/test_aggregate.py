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


def s(i, doc, statement, stance, said_on, outlet, published="2021-06-17", topics=("nato",)):
    """A claim row as the pipeline writes it: a statement id, when it was said, the outlet."""
    return {"claim_id": f"{doc}:{i}", "doc_id": doc, "speaker": "普京", "topics": list(topics), "stance": stance,
            "date": published, "said_on": said_on, "statement_id": statement, "outlet": outlet,
            "attribution_confidence": 0.9}


def test_copies_of_a_statement_count_once_and_add_reach():
    import datetime as dt

    day = dt.date(2021, 6, 16)
    claims = [
        s(1, "d1", "st1", "against", day, "中央社", "2021-06-17"),
        s(2, "d1", "st2", "favor", day, "中央社", "2021-06-17"),
        s(1, "d2", "st1", "against", day, "明報", "2021-06-16"),  # a repost
        s(1, "d3", "st1", "neutral", dt.date(2021, 6, 15), "中央社", "2021-06-18"),  # a copy classified otherwise
    ]
    row = speaker_topic_stance(claims)[0]
    assert (row["n_claims"], row["n_favor"], row["n_against"], row["n_neutral"]) == (2, 1, 1, 0)
    assert (row["n_mentions"], row["n_documents"], row["n_outlets"]) == (4, 3, 2)
    assert row["first_seen"] == "2021-06-16"  # the earliest publication of any copy
    assert (row["first_date"], row["last_date"]) == ("2021-06-16", "2021-06-16")  # said_on of first copies
    dated = speaker_topic_date(claims)
    assert [(r["date"], r["n_claims"], r["n_outlets"]) for r in dated] == [("2021-06-16", 2, 2)]


def test_a_statement_without_id_counts_per_claim():
    claims = [s(1, "d1", None, "favor", None, ""), s(2, "d1", None, "favor", None, "")]
    row = speaker_topic_stance(claims)[0]
    assert (row["n_claims"], row["n_outlets"], row["first_date"]) == (2, 0, None)
