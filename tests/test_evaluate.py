"""Scoring exactly as spec/claims.md defines it."""

from __future__ import annotations

from pipeline.evaluate import evaluate, macro_f1, match_document


def claim(start, end, speaker="甲", doc="d", topics=("ukraine",), stance="favor"):
    return {"doc_id": doc, "start": start, "end": end, "speaker": speaker, "topics": list(topics), "stance": stance, "text": "x"}


def test_match_needs_half_of_the_shorter_span():
    gold = [claim(0, 10)]
    assert len(match_document(gold, [claim(5, 40)])) == 1  # overlap 5 = half of 10
    assert len(match_document(gold, [claim(6, 40)])) == 0  # overlap 4 < 5


def test_each_gold_claim_matches_at_most_one_prediction_greedily():
    gold = [claim(0, 10), claim(20, 30)]
    pred = [claim(0, 9), claim(1, 10), claim(20, 30)]
    matches = match_document(gold, pred)
    assert len(matches) == 2
    assert {(m.pred["start"], m.pred["end"]) for m in matches} == {(0, 9), (20, 30)} or {
        (m.pred["start"], m.pred["end"]) for m in matches
    } == {(1, 10), (20, 30)}


def test_scores_span_attribution_end_to_end_topic_and_stance():
    gold = [claim(0, 10, "甲"), claim(20, 30, "乙", stance="against"), claim(40, 50, "丙")]
    pred = [
        claim(0, 10, "甲"),
        claim(20, 30, "丁", topics=("nato",), stance="against"),
        claim(60, 70, "甲"),
        claim(0, 5, "甲", doc="no-gold"),  # documents without gold are not scored
    ]
    o = evaluate(pred, gold)["overall"]
    assert o["n_pred"] == 3 and o["n_matched"] == 2
    assert o["span"] == {"precision": round(2 / 3, 4), "recall": round(2 / 3, 4), "f1": round(2 / 3, 4)}
    assert o["attribution_accuracy"] == 0.5
    assert o["end_to_end"]["precision"] == round(1 / 3, 4)
    assert o["topic_accuracy"] == 0.5
    assert o["stance_accuracy"] == 1.0


def test_macro_f1_averages_the_three_labels():
    pairs = [("favor", "favor"), ("against", "favor"), ("neutral", "neutral")]
    # favor P .5 R 1 F .667; against F 0; neutral F 1
    assert macro_f1(pairs) == round((2 / 3 + 0 + 1) / 3, 4)
