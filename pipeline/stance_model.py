"""A small learned stance classifier, stored as data (``models/stance_learned.json``).

Multinomial logistic regression over the claim's character unigrams and bigrams
(Simplified), its cue word and cue role, and the lexicon's own signals (its label,
its score, the cue's prior). Trained by ``python -m pipeline train-stance`` on the
dev split's gold spans only; full-batch gradient descent from zero weights with a
fixed number of steps, so the same corpus gives byte-identical weights. The file
holds feature names and weights only (single characters, character pairs, cue
words), never sentences, and is read back as JSON (no pickle).

``classify.stance_model`` chooses how it is used: ``lexicon`` (default: not used),
``learned`` (its label), ``combined`` (the lexicon decides when its evidence is
strong, the learned model otherwise). Every decision shows the present features
that pushed most towards the chosen label as its evidence.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LEARNED_FILE = "stance_learned.json"
LABELS = ("favor", "against", "neutral")


def features(text: str, cue: str, cue_role: str, lex_label: str, lex_score: float, prior: float) -> dict[str, float]:
    """Feature name -> value of one claim (all inputs Simplified)."""
    out: dict[str, float] = {}
    chars = [c for c in text if not c.isspace()]
    for c in chars:
        out["c:" + c] = 1.0
    for a, b in itertools.pairwise(chars):
        out["b:" + a + b] = 1.0
    if cue:
        out["cue:" + cue] = 1.0
    out["role:" + (cue_role or "none")] = 1.0
    out["lex:" + lex_label] = 1.0
    out["lex_score"] = max(-3.0, min(3.0, lex_score)) / 3.0
    out["cue_prior"] = max(-3.0, min(3.0, prior)) / 3.0
    return out


@dataclass(frozen=True)
class LearnedStance:
    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label
    bias: tuple[float, ...]

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
    return LearnedStance(labels, weights, tuple(float(x) for x in raw["bias"]))


def train(
    samples: Sequence[dict[str, float]],
    labels: Sequence[str],
    l2: float = 10.0,  # strong: 500 claims, thousands of features (best of a small dev CV grid)
    steps: int = 400,
    lr: float = 2.0,
    min_count: int = 2,
) -> LearnedStance:
    """Multinomial logistic regression, full-batch gradient descent from zero: deterministic."""
    counts: dict[str, int] = {}
    for feats in samples:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: i for i, n in enumerate(vocab)}
    x = np.zeros((len(samples), len(vocab)), dtype=np.float64)
    for r, feats in enumerate(samples):
        for name, value in feats.items():
            i = index.get(name)
            if i is not None:
                x[r, i] = value
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
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) * sample_w
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * g.sum(axis=0) / n
    weights = {name: tuple(round(float(v), 4) for v in w[i]) for name, i in index.items()}
    weights = {k: v for k, v in weights.items() if any(abs(t) >= 1e-4 for t in v)}
    return LearnedStance(LABELS, weights, tuple(round(float(v), 4) for v in b))


def dump(model: LearnedStance, meta: dict) -> str:
    """Byte-stable JSON: sorted keys, fixed rounding."""
    return json.dumps(
        {"labels": list(model.labels), "bias": list(model.bias), "weights": model.weights, "meta": meta},
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
