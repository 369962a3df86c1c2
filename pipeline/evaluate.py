"""Stage 7: score claims against gold, exactly as spec/claims.md defines it.

A predicted claim matches a gold claim of the same document when their spans
overlap by at least half of the shorter span; each gold claim matches at most
one prediction, greedily by overlap. Only documents that have gold are scored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

STANCES = ("favor", "against", "neutral")


@dataclass(frozen=True)
class Match:
    gold: dict
    pred: dict


def load_gold(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object: {exc}") from exc
    return rows


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match_document(gold: list[dict], pred: list[dict]) -> list[Match]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap(g, p)
            shorter = min(g["end"] - g["start"], p["end"] - p["start"])
            if ov > 0 and ov * 2 >= shorter:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append(Match(gold[gi], pred[pi]))
    return matches


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    scores = []
    for label in STANCES:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        n_pred = sum(1 for _, p in pairs if p == label)
        n_gold = sum(1 for g, _ in pairs if g == label)
        scores.append(_prf(tp, n_pred, n_gold)["f1"])
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def score(matches: list[Match], n_gold: int, n_pred: int) -> dict:
    n_match = len(matches)
    speaker_ok = sum(1 for m in matches if m.pred.get("speaker") == m.gold["speaker"])
    out = {
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_matched": n_match,
        "span": _prf(n_match, n_pred, n_gold),
        "attribution_accuracy": round(speaker_ok / n_match, 4) if n_match else 0.0,
        "end_to_end": _prf(speaker_ok, n_pred, n_gold),
    }
    with_topics = [m for m in matches if m.pred.get("topics") is not None]
    if with_topics:
        ok = sum(1 for m in with_topics if len(m.pred["topics"]) and m.pred["topics"][0] in m.gold["topics"])
        out["topic_accuracy"] = round(ok / len(with_topics), 4)
    with_stance = [(m.gold["stance"], m.pred["stance"]) for m in matches if m.pred.get("stance")]
    if with_stance:
        out["stance_accuracy"] = round(sum(g == p for g, p in with_stance) / len(with_stance), 4)
        out["stance_macro_f1"] = macro_f1(with_stance)
    return out


def evaluate(pred: list[dict], gold: list[dict]) -> dict:
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc_id"]].append(g)
    pred_by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in pred:
        if p["doc_id"] in gold_by_doc:
            pred_by_doc[p["doc_id"]].append(p)
    all_matches: list[Match] = []
    per_doc = {}
    for doc_id in sorted(gold_by_doc):
        matches = match_document(gold_by_doc[doc_id], pred_by_doc[doc_id])
        all_matches.extend(matches)
        per_doc[doc_id] = score(matches, len(gold_by_doc[doc_id]), len(pred_by_doc[doc_id]))
    n_pred = sum(len(v) for v in pred_by_doc.values())
    overall = score(all_matches, len(gold), n_pred)
    return {"overall": overall, "per_document": per_doc}


def errors(pred: list[dict], gold: list[dict]) -> dict[str, list[dict]]:
    """Missed gold claims, spurious predictions and misattributed matches."""
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc_id"]].append(g)
    out: dict[str, list[dict]] = {"missed": [], "spurious": [], "misattributed": []}
    for doc_id in sorted(gold_by_doc):
        preds = [p for p in pred if p["doc_id"] == doc_id]
        matches = match_document(gold_by_doc[doc_id], preds)
        matched_g = {id(m.gold) for m in matches}
        matched_p = {id(m.pred) for m in matches}
        out["missed"] += [g for g in gold_by_doc[doc_id] if id(g) not in matched_g]
        out["spurious"] += [p for p in preds if id(p) not in matched_p]
        out["misattributed"] += [
            {**m.pred, "gold_speaker": m.gold["speaker"], "gold_text": m.gold["text"]}
            for m in matches
            if m.pred.get("speaker") != m.gold["speaker"]
        ]
    return out


def format_report(result: dict) -> str:
    o = result["overall"]
    lines = [
        f"claims: gold {o['n_gold']}, predicted {o['n_pred']}, matched {o['n_matched']}",
        f"span         P {o['span']['precision']:.3f}  R {o['span']['recall']:.3f}  F1 {o['span']['f1']:.3f}",
        f"attribution  accuracy {o['attribution_accuracy']:.3f}",
        f"end-to-end   P {o['end_to_end']['precision']:.3f}  R {o['end_to_end']['recall']:.3f}  F1 {o['end_to_end']['f1']:.3f}",
    ]
    if "topic_accuracy" in o:
        lines.append(f"topic        accuracy {o['topic_accuracy']:.3f}")
    if "stance_macro_f1" in o:
        lines.append(f"stance       accuracy {o['stance_accuracy']:.3f}  macro-F1 {o['stance_macro_f1']:.3f}")
    lines.append("per document:")
    for doc_id, d in result["per_document"].items():
        lines.append(
            f"  {doc_id}  gold {d['n_gold']:3d} pred {d['n_pred']:3d}  span F1 {d['span']['f1']:.3f}  "
            f"attr {d['attribution_accuracy']:.3f}  e2e F1 {d['end_to_end']['f1']:.3f}"
        )
    return "\n".join(lines)


def format_errors(errs: dict[str, list[dict]], limit: int) -> str:
    lines = []
    for kind in ("missed", "spurious", "misattributed"):
        rows = errs[kind]
        lines.append(f"== {kind} ({len(rows)})")
        for r in rows[:limit]:
            who = r.get("speaker", "")
            extra = f" (gold: {r['gold_speaker']})" if kind == "misattributed" else ""
            mention = r.get("speaker_mention", "")
            where = f"{r['doc_id']}:{r['start']}-{r['end']}"
            lines.append(f"  {where} [{who}{extra} | {mention} | {r.get('cue', '')}] {r['text'][:90]}")
    return "\n".join(lines)
