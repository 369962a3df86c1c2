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

from pipeline.classify import Classifier, classify_stance, load_classifier
from pipeline.config import Config
from pipeline.lexicons import load_lexicons, simp
from pipeline.stance_model import LEARNED_FILE, dump, features, macro_f1, train
from pipeline.target import LEAD_CHARS, find_demand, reported_desires

FOLDS = 5


@dataclass(frozen=True)
class Example:
    outlet: str
    feats: dict[str, float]
    lexicon: str  # the lexicon's label
    lexicon_score: float
    gold: str


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


def examples(corpus: Path, clf: Classifier, cues: dict[str, str], config: Config) -> list[Example]:
    dev = corpus / "dev"
    gold_path, raw = dev / "gold.jsonl", dev / "raw"
    if not gold_path.exists():
        raise ValueError(f"{gold_path} does not exist: --corpus must hold dev/gold.jsonl and dev/raw/")
    outlets = _outlets(corpus)
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
        lex = classify_stance(
            clf.stance,
            text,
            cue,
            role,
            config.classify.neutral_margin,
            demand_of=find_demand(clf.targets, text, lead, cue, speaker),
            reported=reported_desires(clf.targets, text, speaker),
        )
        feats = features(text, cue, role, lex.label, lex.score, lex.prior)
        out.append(Example(outlets.get(doc_id, doc_id), feats, lex.label, lex.score, g["stance"]))
    if not out:
        raise ValueError(f"no gold claim of {gold_path} matched an article in {raw}")
    return out


def _scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    pairs = list(pairs)
    acc = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    return {"accuracy": round(acc, 4), "macro_f1": round(macro_f1(pairs), 4)}


def cross_validate(data: list[Example], lexicon_strong: float, folds: int = FOLDS) -> dict[str, dict[str, float]]:
    """Outlet-grouped k-fold: lexicon alone, learned alone, and combined."""
    outlets = sorted({e.outlet for e in data})
    fold_of = {o: i % folds for i, o in enumerate(outlets)}
    lexicon, learned, combined = [], [], []
    for k in range(folds):
        train_set = [e for e in data if fold_of[e.outlet] != k]
        held = [e for e in data if fold_of[e.outlet] == k]
        if not train_set or not held:
            continue
        model = train([e.feats for e in train_set], [e.gold for e in train_set])
        for e in held:
            label, _, _ = model.predict(e.feats)
            lexicon.append((e.gold, e.lexicon))
            learned.append((e.gold, label))
            combined.append((e.gold, e.lexicon if abs(e.lexicon_score) >= lexicon_strong else label))
    return {"lexicon": _scores(lexicon), "learned": _scores(learned), "combined": _scores(combined)}


def train_stance(corpus: Path, config: Config, out: Path | None = None) -> dict:
    """Cross-validate, then fit on all of dev and write models/stance_learned.json."""
    clf = load_classifier(config.models_dir, config.classify.beat)
    cues = load_lexicons(config.models_dir).cues
    data = examples(corpus, clf, cues, config)
    cv = cross_validate(data, config.classify.lexicon_strong)
    model = train([e.feats for e in data], [e.gold for e in data])
    meta = {"trained_on": "dev split gold spans", "n_claims": len(data), "cv_by_outlet": cv, "folds": FOLDS}
    target = out or Path(config.models_dir) / LEARNED_FILE
    target.write_text(dump(model, meta) + "\n", encoding="utf-8")
    return {"written": str(target), "n_claims": len(data), "n_features": len(model.weights), "cv": cv}
