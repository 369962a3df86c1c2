"""The learned stance model (pipeline/stance_model.py) and its training (pipeline/train_stance.py).

Training data here is constructed (a toy folder written to tmp_path); the real training
reads ../shared/devcorpus and is not part of the test suite.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from pipeline.classify import StanceResult, classify_stance, load_classifier
from pipeline.config import DEFAULT_MODELS, Config
from pipeline.lexicons import load_lexicons
from pipeline.stance_model import LEARNED_FILE, dump, features, load_learned, train
from pipeline.train_stance import compare, cross_validate, examples


@pytest.fixture(scope="module")
def clf():
    return load_classifier(DEFAULT_MODELS)


def test_features_are_lexicon_classes_and_a_unit_ngram_block(clf):
    lex = classify_stance(clf.stance, "我们希望改善关系")
    feats = features("我们希望改善关系", "speech", lex, char_order=2)
    assert feats["lex:favor"] == 1.0 and feats["s:u:desire:+"] == 1.0 and feats["role:speech"] == 1.0
    grams = [v for k, v in feats.items() if k.startswith(("c1:", "c2:"))]
    assert "c2:希望" in feats and "c1:改" in feats
    assert math.isclose(sum(v * v for v in grams), 1.0)  # unit length, whatever the claim's length
    assert not any(k.startswith("cue:") for k in feats)  # the cue word is left out
    bare = features("我们希望改善关系", "speech", lex, char_order=0)
    assert not any(k.startswith("c1:") or k.startswith("c2:") for k in bare)
    assert not any(k.startswith("c2:") for k in features("A，B", "speech", lex))  # Han only


def _toy() -> tuple[list[dict[str, float]], list[str]]:
    rows = [("非常成功", "favor"), ("十分满意", "favor"), ("坚决反对", "against"), ("强烈谴责", "against")]
    rows += [("周二抵达", "neutral"), ("下周举行", "neutral")]
    feats = [features(t, "speech", StanceResult("neutral", 0.6, [], 0.0), char_order=1) for t, _ in rows]
    return feats * 3, [lab for _, lab in rows] * 3


def test_training_is_deterministic_and_keeps_its_ngram_order(tmp_path: Path):
    feats, labels = _toy()
    a = dump(train(feats, labels, min_count=1, char_order=1), {})
    assert a == dump(train(feats, labels, min_count=1, char_order=1), {})
    path = tmp_path / LEARNED_FILE
    path.write_text(a, encoding="utf-8")
    model = load_learned(path)
    assert model.char_order == 1
    assert model.predict(features("坚决谴责", "speech", StanceResult("neutral", 0.6, [], 0.0), 1))[0] == "against"


def test_weights_without_an_ngram_order_read_as_bigrams(tmp_path: Path):
    raw = {"labels": ["favor", "against", "neutral"], "bias": [0, 0, 0], "weights": {"c1:好": [1, 0, 0]}}
    path = tmp_path / LEARNED_FILE
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert load_learned(path).char_order == 2


GOLD_TEXT = {
    "a1": "新闻标题\n某官员表示，两国关系非常好。另一官员批评对方的做法完全错误。",
    "b1": "新闻标题\n发言人说，会谈取得了积极进展。发言人表示，代表团周二抵达。",
}


def _toy_folder(root: Path) -> Path:
    (root / "raw").mkdir(parents=True)
    lines = []
    for doc_id, text in GOLD_TEXT.items():
        (root / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    claims = [
        ("a1", "两国关系非常好", "表示", "favor"),
        ("a1", "对方的做法完全错误", "批评", "against"),
        ("b1", "会谈取得了积极进展", "说", "favor"),
        ("b1", "代表团周二抵达", "表示", "neutral"),
    ]
    for doc_id, body, cue, stance in claims:
        start = GOLD_TEXT[doc_id].index(body)
        row = {"doc_id": doc_id, "start": start, "end": start + len(body), "text": body, "speaker": "某官员"}
        lines.append(json.dumps({**row, "speaker_mention": "", "cue": cue, "stance": stance}, ensure_ascii=False))
    (root / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_examples_carry_the_lexicon_decision_and_compare_scores_all_three(tmp_path: Path, clf):
    config = Config.load()
    data = examples(_toy_folder(tmp_path / "fold"), clf, load_lexicons(config.models_dir).cues, config, {"a1": "x"})
    assert [e.gold for e in data] == ["favor", "against", "favor", "neutral"]
    assert [e.outlet for e in data] == ["x", "x", "b1", "b1"]
    assert data[1].lex.label == "against" and data[1].role == "accusation"
    pairs = compare(data, data, 2.0, char_order=1, l2=1.0)
    assert set(pairs) == {"lexicon", "learned", "combined"} and all(len(p) == 4 for p in pairs.values())
    cv = cross_validate(data, 2.0, char_order=0, l2=1.0, folds=2)
    assert set(cv) == {"lexicon", "learned", "combined"}


def test_examples_need_gold(tmp_path: Path, clf):
    config = Config.load()
    with pytest.raises(ValueError, match=r"gold\.jsonl"):
        examples(tmp_path, clf, {}, config)
