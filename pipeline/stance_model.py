"""A small learned stance classifier, stored as data (``models/stance_learned.json``).

Multinomial logistic regression over what carries over to unseen outlets: the
lexicon's decision (label, score, cue prior), its evidence by construction class
(negated word, desire + object, demand, prescription, hedge…: ``classify._signals``),
the cue's role, and Han character n-grams of limited order as one unit-length block.
Trained by ``python -m pipeline train-stance`` on the dev split's gold spans only,
its n-gram order and L2 strength chosen by outlet-held-out cross-validation;
full-batch gradient descent from zero weights with a fixed number of steps, so the
same corpus gives byte-identical weights. The file holds feature names and weights
only (class names, single characters, character pairs), never sentences, and is read
back as JSON (no pickle).

``classify.stance_model`` chooses how it is used: ``lexicon`` (default: not used),
``learned`` (its label), ``combined`` (the lexicon decides when its evidence is
strong, the learned model otherwise). Every decision shows the present features
that pushed most towards the chosen label as its evidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

LEARNED_FILE = "stance_learned.json"
LABELS = ("favor", "against", "neutral")


class LexiconDecision(Protocol):
    """What the learned model reads of the lexicon's decision (classify.StanceResult)."""

    label: str
    score: float
    prior: float
    signals: dict[str, float]


def _han(ch: str) -> bool:
    return 0x4E00 <= ord(ch) <= 0x9FFF  # CJK unified ideographs


def features(text: str, cue_role: str, lexicon: LexiconDecision, char_order: int = 2) -> dict[str, float]:
    """Feature name -> value of one claim (all inputs Simplified).

    What carries over to unseen outlets comes first: the lexicon's label, score and cue
    prior, and its evidence by class (``signals``: negated word, desire + object, demand,
    prescription, hedge…) and the cue's role. Then Han character n-grams up to ``char_order``
    (0: none), which read wording and so need regularisation. The cue word itself is left out:
    with a few hundred claims its weights learn the training outlets' habits, not stance.
    """
    out: dict[str, float] = {
        "lex:" + lexicon.label: 1.0,
        "lex_score": max(-3.0, min(3.0, lexicon.score)) / 3.0,
        "cue_prior": max(-3.0, min(3.0, lexicon.prior)) / 3.0,
        "role:" + (cue_role or "none"): 1.0,
    }
    for name, value in lexicon.signals.items():
        out["s:" + name] = float(value)
    if "?" in text or "？" in text:
        out["question"] = 1.0
    grams = {
        f"c{n}:{text[i : i + n]}"
        for n in range(1, char_order + 1)
        for i in range(len(text) - n + 1)
        if all(_han(c) for c in text[i : i + n])
    }
    # the n-gram block has unit length: a long claim's hundreds of n-grams must not outweigh
    # the lexicon's few signals (and keep gradient descent stable)
    for gram in grams:
        out[gram] = 1.0 / math.sqrt(len(grams))
    return out


@dataclass(frozen=True)
class LearnedStance:
    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label
    bias: tuple[float, ...]
    char_order: int = 2  # the character n-grams it was trained with (features())

    def scores(self, feats: dict[str, float]) -> list[float]:
        s = list(self.bias)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(len(s)):
                    s[k] += w[k] * value
        return s

    def predict(self, feats: dict[str, float], n_evidence: int = 4) -> tuple[str, float, list[str]]:
        """Label, probability, and the present features that pushed most towards it."""
        s = self.scores(feats)
        top = max(range(len(s)), key=lambda k: (s[k], -k))
        m = max(s)
        z = sum(math.exp(v - m) for v in s)
        prob = math.exp(s[top] - m) / z
        pushes = []
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is None:
                continue
            others = max(w[k] for k in range(len(w)) if k != top)
            gain = (w[top] - others) * value
            if gain > 0:
                pushes.append((-gain, name))
        pushes.sort()
        evidence = [f"learned:{name}" for _, name in pushes[:n_evidence]]
        return self.labels[top], prob, evidence


def load_learned(path: str | Path) -> LearnedStance:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    labels = tuple(raw["labels"])
    weights = {k: tuple(float(x) for x in v) for k, v in raw["weights"].items()}
    if any(len(w) != len(labels) for w in weights.values()):
        raise ValueError(f"{path}: every weight row needs one value per label")
    char_order = int(raw.get("char_order", 2))
    return LearnedStance(labels, weights, tuple(float(x) for x in raw["bias"]), char_order)


def train(
    samples: Sequence[dict[str, float]],
    labels: Sequence[str],
    l2: float = 3.0,  # train_stance chooses it by outlet-held-out CV on dev
    steps: int = 800,
    lr: float = 2.0,
    min_count: int = 2,
    char_order: int = 2,
) -> LearnedStance:
    """Multinomial logistic regression, full-batch gradient descent from zero: deterministic."""
    counts: dict[str, int] = {}
    for feats in samples:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(vocab)}
    # sparse rows (feature index, value, row): a claim has a few dozen of thousands of features
    cols, vals, rows = [], [], []
    for r, feats in enumerate(samples):
        for name, value in sorted(feats.items()):
            i = index.get(name)
            if i is not None:
                cols.append(i)
                vals.append(value)
                rows.append(r)
    col = np.array(cols, dtype=np.int64)
    val = np.array(vals, dtype=np.float64)[:, None]
    row = np.array(rows, dtype=np.int64)
    y = np.zeros((len(samples), len(LABELS)))
    for r, lab in enumerate(labels):
        y[r, LABELS.index(lab)] = 1.0
    # classes weighted inversely to their frequency: macro-F1 is what is scored
    freq = y.sum(axis=0) + 1.0
    sample_w = (y @ (len(samples) / (len(LABELS) * freq)))[:, None]
    w = np.zeros((len(vocab), len(LABELS)))
    b = np.zeros(len(LABELS))
    n = max(1, len(samples))
    for _ in range(steps):
        contrib = val * w[col]
        logits = np.stack([np.bincount(row, contrib[:, k], len(samples)) for k in range(len(LABELS))], axis=1) + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * sample_w
        back = val * g[row]
        grad = np.stack([np.bincount(col, back[:, k], len(vocab)) for k in range(len(LABELS))], axis=1)
        w -= lr * (grad / n + l2 * w / n)
        b -= lr * g.sum(axis=0) / n
    weights = {name: tuple(round(float(v), 4) for v in w[i]) for name, i in index.items()}
    weights = {k: v for k, v in weights.items() if any(abs(t) >= 1e-4 for t in v)}
    return LearnedStance(LABELS, weights, tuple(round(float(v), 4) for v in b), char_order)


def dump(model: LearnedStance, meta: dict) -> str:
    """Byte-stable JSON: sorted keys, fixed rounding."""
    return json.dumps(
        {
            "labels": list(model.labels),
            "bias": list(model.bias),
            "char_order": model.char_order,
            "weights": model.weights,
            "meta": meta,
        },
        ensure_ascii=False,
        sort_keys=True,
        indent=0,
    )


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float:
    pairs = list(pairs)
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)
