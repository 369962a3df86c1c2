"""``python -m pipeline train-stance --corpus DIR``: fit the learned stance model on a
corpus's **dev** split and compare it with the lexicon by cross-validation.

Training examples are the dev gold claims: their span's Simplified text, the gold cue
(its role from cues.tsv), and the lexicon's own decision on that span (label, score,
cue prior) as features; the label is the gold stance. Cross-validation holds out
whole outlets (``outlet_key`` of the manifest), so that a score says how the model
does on outlets it has not seen. Only ``DIR/dev`` is read: the locked test split
is never opened here.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.classify import Classifier, lexicon_stance, load_classifier
from pipeline.config import Config
from pipeline.lexicons import load_lexicons, simp
from pipeline.stance_model import LEARNED_FILE, LexiconDecision, dump, features, macro_f1, train
from pipeline.target import LEAD_CHARS, find_demand

FOLDS = 5
# model choice by outlet-held-out CV on dev: n-gram order and L2 strength
CHAR_ORDERS = (0, 1, 2)
L2_GRID = (1.0, 3.0, 10.0)
CV_TOLERANCE = 0.005  # macro-F1 differences below this are noise on ~500 claims


@dataclass(frozen=True)
class Example:
    outlet: str
    text: str
    cue: str
    role: str
    lex: LexiconDecision
    gold: str

    def feats(self, char_order: int) -> dict[str, float]:
        return features(self.text, self.role, self.lex, char_order)


def _outlets(corpus: Path) -> dict[str, str]:
    path = corpus / "manifest.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["doc_id"]: row.get("outlet_key") or row["doc_id"] for row in csv.DictReader(fh, delimiter="\t")}


def _lead(doc_s: str, start: int, mention: str) -> str:
    """The words between the speaker's mention and the claim (gold stores no speaker offset)."""
    window_start = max(0, start - LEAD_CHARS)
    window = doc_s[window_start:start]
    at = window.rfind(mention) if mention else -1
    return window[at + len(mention) :] if at >= 0 else ""


def examples(
    split: Path, clf: Classifier, cues: dict[str, str], config: Config, outlets: dict[str, str] | None = None
) -> list[Example]:
    """Gold claims of a folder holding ``gold.jsonl`` and ``raw/``, with the lexicon's decision."""
    gold_path, raw = split / "gold.jsonl", split / "raw"
    if not gold_path.exists():
        raise ValueError(f"{gold_path} does not exist: the folder must hold gold.jsonl and raw/")
    outlets = outlets or {}
    docs: dict[str, str] = {}
    out = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        doc_id = g["doc_id"]
        if doc_id not in docs:
            path = raw / f"{doc_id}.txt"
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as fh:
                docs[doc_id] = simp(fh.read())
        doc_s = docs[doc_id]
        text = doc_s[g["start"] : g["end"]]
        cue = simp(g.get("cue") or "")
        role = cues.get(cue, "")
        speaker = simp(g.get("speaker") or "")
        lead = _lead(doc_s, g["start"], simp(g.get("speaker_mention") or ""))
        demand = find_demand(clf.targets, text, lead, cue, speaker)
        lex = lexicon_stance(clf, text, cue, role, speaker, config.classify.neutral_margin, demand, lead=lead)
        out.append(Example(outlets.get(doc_id, doc_id), text, cue, role, lex, g["stance"]))
    if not out:
        raise ValueError(f"no gold claim of {gold_path} matched an article in {raw}")
    return out


def _scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    pairs = list(pairs)
    acc = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    return {"accuracy": round(acc, 4), "macro_f1": round(macro_f1(pairs), 4)}


def compare(train_set: list[Example], held: list[Example], lexicon_strong: float, char_order: int, l2: float) -> dict:
    """Lexicon alone, learned alone and combined on ``held``, the model fitted on ``train_set``."""
    model = train([e.feats(char_order) for e in train_set], [e.gold for e in train_set], l2=l2, char_order=char_order)
    lexicon, learned, combined = [], [], []
    for e in held:
        label, _, _ = model.predict(e.feats(char_order))
        lexicon.append((e.gold, e.lex.label))
        learned.append((e.gold, label))
        combined.append((e.gold, e.lex.label if abs(e.lex.score) >= lexicon_strong else label))
    return {"lexicon": lexicon, "learned": learned, "combined": combined}


def cross_validate(
    data: list[Example], lexicon_strong: float, char_order: int = 2, l2: float = 10.0, folds: int = FOLDS
) -> dict[str, dict[str, float]]:
    """Outlet-grouped k-fold: lexicon alone, learned alone, and combined."""
    outlets = sorted({e.outlet for e in data})
    fold_of = {o: i % folds for i, o in enumerate(outlets)}
    pooled: dict[str, list[tuple[str, str]]] = {"lexicon": [], "learned": [], "combined": []}
    for k in range(folds):
        train_set = [e for e in data if fold_of[e.outlet] != k]
        held = [e for e in data if fold_of[e.outlet] == k]
        if not train_set or not held:
            continue
        for name, pairs in compare(train_set, held, lexicon_strong, char_order, l2).items():
            pooled[name].extend(pairs)
    return {name: _scores(pairs) for name, pairs in pooled.items()}


def choose(data: list[Example], lexicon_strong: float) -> tuple[int, float, dict[str, dict]]:
    """The n-gram order and L2 strength of the learned model by outlet-CV macro-F1 (the
    simplest setting within ``CV_TOLERANCE`` of the best), and every setting's CV scores."""
    grid = {}
    for order in CHAR_ORDERS:
        for l2 in L2_GRID:
            grid[f"char_order={order} l2={l2:g}"] = (order, l2, cross_validate(data, lexicon_strong, order, l2))
    top = max(v[2]["learned"]["macro_f1"] for v in grid.values())
    # the simplest setting within CV noise of the best: fewer n-grams, then stronger L2
    near = [v for v in grid.values() if v[2]["learned"]["macro_f1"] >= top - CV_TOLERANCE]
    best = min(near, key=lambda v: (v[0], -v[1]))
    return best[0], best[1], {name: v[2] for name, v in grid.items()}


def train_stance(
    corpus: Path, config: Config, out: Path | None = None, train_dir: Path | None = None, heldout: Path | None = None
) -> dict:
    """Choose the model by outlet CV on the dev split, fit it on all of dev and write
    models/stance_learned.json. With ``train_dir`` and ``heldout`` (folders of raw/ and
    gold.jsonl, e.g. two outlet halves of dev) it also fits on the first and scores the
    second. Only ``corpus/dev`` is read of the corpus: the locked test split never is."""
    clf = load_classifier(config.models_dir, config.classify.beat)
    cues = load_lexicons(config.models_dir).cues
    data = examples(corpus / "dev", clf, cues, config, _outlets(corpus))
    char_order, l2, grid = choose(data, config.classify.lexicon_strong)
    cv = grid[f"char_order={char_order} l2={l2:g}"]
    result: dict = {"n_claims": len(data), "cv": cv, "char_order": char_order, "l2": l2, "grid": grid}
    if train_dir is not None and heldout is not None:
        fit_on = examples(train_dir, clf, cues, config)
        held = examples(heldout, clf, cues, config)
        pairs = compare(fit_on, held, config.classify.lexicon_strong, char_order, l2)
        result["heldout"] = {name: _scores(p) for name, p in pairs.items()}
    model = train([e.feats(char_order) for e in data], [e.gold for e in data], l2=l2, char_order=char_order)
    meta = {
        "trained_on": "dev split gold spans",
        "n_claims": len(data),
        "cv_by_outlet": cv,
        "folds": FOLDS,
        "l2": l2,
    }
    target = out or Path(config.models_dir) / LEARNED_FILE
    target.write_text(dump(model, meta) + "\n", encoding="utf-8")
    result.update(written=str(target), n_features=len(model.weights))
    return result
