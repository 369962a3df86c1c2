"""Stage 7: score claims against gold, exactly as spec/claims.md defines it.

A predicted claim matches a gold claim of the same document when their spans
overlap by at least half of the shorter span; each gold claim matches at most
one prediction, greedily by overlap. Only documents that have gold are scored
(or, when the caller names the annotated documents, those documents).

Beyond the spec's scores this module scores groups of claims (by a document's beat,
script or region from a corpus manifest, or by gold ``kind``), groups the errors by
the rule that produced them, and scores a whole annotated corpus split by split
(:func:`evaluate_corpus`).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

STANCES = ("favor", "against", "neutral")
GOLD_KEYS = ("doc_id", "start", "end", "text", "speaker")  # what matching and attribution need


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
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON object: {exc}") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            missing = [k for k in GOLD_KEYS if k not in row]
            if missing:
                raise ValueError(f"{path}:{n}: no {', '.join(missing)}")
            if not (isinstance(row["start"], int) and isinstance(row["end"], int) and 0 <= row["start"] < row["end"]):
                raise ValueError(f"{path}:{n}: start and end must be offsets with start < end")
            rows.append(row)
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


def stance_confusion(matches: Iterable[Match]) -> dict[str, dict[str, int]]:
    """Gold stance × predicted stance counts over matched claims (rows gold, columns predicted)."""
    counts = Counter((m.gold["stance"], m.pred["stance"]) for m in matches if m.pred.get("stance"))
    return {g: {p: counts[(g, p)] for p in STANCES} for g in STANCES}


def format_confusion(confusion: dict[str, dict[str, int]]) -> str:
    """The stance confusion matrix as terminal lines."""
    width = max(len(s) for s in STANCES) + 2
    lines = ["gold \\ predicted".ljust(18) + "".join(p.rjust(width) for p in STANCES)]
    for g in STANCES:
        lines.append(f"  {g}".ljust(18) + "".join(str(confusion[g][p]).rjust(width) for p in STANCES))
    return "\n".join(lines)


def _target(row: dict) -> str:
    return row.get("target") or ""


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
    # target, on matched claims like stance: accuracy counts "no target" agreeing with
    # "no target"; P/R/F1 look only at named targets, so a pipeline that never names
    # one cannot score well by agreeing on the many empty ones
    with_target = [m for m in matches if "target" in m.pred and "target" in m.gold]
    if with_target:
        out["target_accuracy"] = round(sum(_target(m.pred) == _target(m.gold) for m in with_target) / len(with_target), 4)
        tp = sum(1 for m in with_target if _target(m.gold) and _target(m.pred) == _target(m.gold))
        n_named_pred = sum(1 for m in with_target if _target(m.pred))
        n_named_gold = sum(1 for m in with_target if _target(m.gold))
        out["target"] = _prf(tp, n_named_pred, n_named_gold)
    return out


@dataclass
class DocumentMatch:
    """One scored document: its gold, its predictions and their matches."""

    doc_id: str
    gold: list[dict]
    pred: list[dict]
    matches: list[Match]


def match_corpus(pred: list[dict], gold: list[dict], documents: Iterable[str] | None = None) -> list[DocumentMatch]:
    """Match every scored document, in doc_id order.

    documents: the annotated documents. By default the documents that have gold;
    naming them scores an annotated document without gold claims too (its
    predictions are then all spurious).
    """
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc_id"]].append(g)
    scored = set(gold_by_doc) | set(documents or ())
    pred_by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in pred:
        if p["doc_id"] in scored:
            pred_by_doc[p["doc_id"]].append(p)
    return [
        DocumentMatch(doc_id, gold_by_doc[doc_id], pred_by_doc[doc_id], match_document(gold_by_doc[doc_id], pred_by_doc[doc_id]))
        for doc_id in sorted(scored)
    ]


def evaluate(pred: list[dict], gold: list[dict], documents: Iterable[str] | None = None) -> dict:
    docs = match_corpus(pred, gold, documents)
    per_doc = {d.doc_id: score(d.matches, len(d.gold), len(d.pred)) for d in docs}
    all_matches = [m for d in docs for m in d.matches]
    overall = score(all_matches, sum(len(d.gold) for d in docs), sum(len(d.pred) for d in docs))
    return {"overall": overall, "per_document": per_doc, "stance_confusion": stance_confusion(all_matches)}


def evaluate_by(
    pred: list[dict],
    gold: list[dict],
    gold_group: Callable[[dict], str],
    pred_group: Callable[[dict], str],
    documents: Iterable[str] | None = None,
) -> dict[str, dict]:
    """Scores per group of claims, e.g. by a document's beat or by gold kind.

    Matching is done once over the whole documents, as for the overall scores;
    a matched prediction then counts in its gold claim's group and an unmatched
    one in its own group, so the groups' gold and predictions add up to the totals.
    Each group also reports n_docs, the documents with gold or predictions in it.
    """
    golds: dict[str, list[dict]] = defaultdict(list)
    n_pred: Counter[str] = Counter()
    matches: dict[str, list[Match]] = defaultdict(list)
    doc_ids: dict[str, set[str]] = defaultdict(set)
    for d in match_corpus(pred, gold, documents):
        matched = {id(m.pred) for m in d.matches}
        for g in d.gold:
            golds[gold_group(g)].append(g)
            doc_ids[gold_group(g)].add(d.doc_id)
        for m in d.matches:
            matches[gold_group(m.gold)].append(m)
            n_pred[gold_group(m.gold)] += 1
        for p in d.pred:
            if id(p) not in matched:
                n_pred[pred_group(p)] += 1
                doc_ids[pred_group(p)].add(d.doc_id)
    out = {}
    for group in sorted(set(golds) | set(n_pred)):
        out[group] = {"n_docs": len(doc_ids[group]), **score(matches[group], len(golds[group]), n_pred[group])}
    return out


def errors(
    pred: list[dict],
    gold: list[dict],
    documents: Iterable[str] | None = None,
    texts: dict[str, str] | None = None,
    cues: Mapping[str, str] | None = None,
) -> dict[str, list[dict]]:
    """Missed gold claims, spurious predictions and misattributed matches.

    Every missed gold claim carries ``miss``, a cheap description of how it was
    missed (see :func:`describe_miss`; texts: doc_id → document text, and cues:
    the cue lexicon, both optional).
    """
    out: dict[str, list[dict]] = {"missed": [], "spurious": [], "misattributed": []}
    for d in match_corpus(pred, gold, documents):
        matched_g = {id(m.gold) for m in d.matches}
        matched_p = {id(m.pred) for m in d.matches}
        text = (texts or {}).get(d.doc_id)
        out["missed"] += [{**g, "miss": describe_miss(g, d.pred, text, cues)} for g in d.gold if id(g) not in matched_g]
        out["spurious"] += [p for p in d.pred if id(p) not in matched_p]
        out["misattributed"] += [
            {**m.pred, "gold_speaker": m.gold["speaker"], "gold_text": m.gold["text"]}
            for m in d.matches
            if m.pred.get("speaker") != m.gold["speaker"]
        ]
    return out


COLONS = ("：", ":")


def is_transcript_turn(g: dict, text: str) -> bool:
    """The gold claim opens right after a speaker label ``X：`` that starts its line.

    Only punctuation and the gold's own speaker mention are looked at, so this holds
    for any outlet's transcript form (``汪文斌：``, ``美國總統川普:「``).
    """
    line = text[text.rfind("\n", 0, g["start"]) + 1 : g["start"]]
    label = line.strip()
    while label and not label.endswith(COLONS) and not label[-1].isalnum() and not label[-1].isspace():
        label = label[:-1]  # an opening quotation mark between the label and the words
    mention = g.get("speaker_mention") or ""
    return label.endswith(COLONS) and bool(mention) and mention in label


def cue_is_known(cue: str, cues: Mapping[str, str]) -> bool:
    """The gold cue, or a word it ends with (``聲明說`` → ``说``), is in the cue lexicon."""
    from pipeline.lexicons import simp

    cue = simp(cue.strip())
    return any(cue[i:] in cues for i in range(len(cue)))


def describe_miss(g: dict, preds: list[dict], text: str | None = None, cues: Mapping[str, str] | None = None) -> str:
    """A cheap description of a missed gold claim, to group the misses.

    gold kind; whether gold has a cue (an empty cue is a bare quote or a transcript
    turn) and, given the cue lexicon, whether that cue is in it; with the text,
    whether a cueless claim follows a speaker label (``X：``, a transcript turn);
    and whether some prediction overlapped it (a boundary problem) or none did.
    """
    parts = [g.get("kind") or "?"]
    if not g.get("cue"):
        parts.append("no cue")
    elif cues is not None and not cue_is_known(g["cue"], cues):
        parts.append("cue not in cues.tsv")
    else:
        parts.append("cue")
    if text is not None and not g.get("cue") and is_transcript_turn(g, text):
        parts.append("transcript label")
    parts.append("overlapped" if any(overlap(g, p) for p in preds) else "not found")
    return " · ".join(parts)


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
    if "target_accuracy" in o:
        t = o["target"]
        lines.append(
            f"target       accuracy {o['target_accuracy']:.3f}  "
            f"named: P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}"
        )
    if any(n for row in result.get("stance_confusion", {}).values() for n in row.values()):
        lines.append("stance confusion (matched claims):")
        lines.append(format_confusion(result["stance_confusion"]))
    lines.append("per document:")
    for doc_id, d in result["per_document"].items():
        lines.append(
            f"  {doc_id}  gold {d['n_gold']:3d} pred {d['n_pred']:3d}  span F1 {d['span']['f1']:.3f}  "
            f"attr {d['attribution_accuracy']:.3f}  e2e F1 {d['end_to_end']['f1']:.3f}"
        )
    return "\n".join(lines)


ERROR_TITLES = {
    "missed": "missed (gold only), by gold kind and form",
    "spurious": "spurious (predicted only), by rule",
    "misattributed": "wrong speaker, by speaker rule",
}


def error_group(kind: str, row: dict) -> str:
    """The group an error belongs to: the rule that produced it when the claims say so.

    Claims that carry ``rule`` (the construction that found the claim) and
    ``speaker_rule`` (how the speaker was chosen) are grouped by them; older claims
    tables by ``kind`` and ``speaker_resolution``. Misses by their description.
    """
    if kind == "missed":
        return row.get("miss") or row.get("kind") or "?"
    if kind == "spurious":
        return f"rule={row['rule']}" if row.get("rule") else f"kind={row.get('kind') or '?'}"
    if row.get("speaker_rule"):
        return f"speaker_rule={row['speaker_rule']}"
    return f"speaker_resolution={row.get('speaker_resolution') or '?'}"


def group_errors(errs: dict[str, list[dict]]) -> dict[str, list[tuple[str, list[dict]]]]:
    """Each error kind's rows grouped by :func:`error_group`, the largest group first."""
    out = {}
    for kind in ("missed", "spurious", "misattributed"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in errs.get(kind, []):
            groups[error_group(kind, r)].append(r)
        out[kind] = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return out


def format_errors(errs: dict[str, list[dict]], limit: int) -> str:
    """Errors with their text, grouped by rule; the counts of every group, up to limit examples each."""
    lines = []
    for kind, groups in group_errors(errs).items():
        lines.append(f"== {ERROR_TITLES[kind]}: {sum(len(rows) for _, rows in groups)}")
        for name, rows in groups:
            lines.append(f"  -- {name}: {len(rows)}")
            for r in rows[:limit]:
                who = r.get("speaker", "")
                extra = f" (gold: {r['gold_speaker']})" if kind == "misattributed" else ""
                mention = r.get("speaker_mention", "")
                where = f"{r['doc_id']}:{r['start']}-{r['end']}"
                lines.append(f"     {where} [{who}{extra} | {mention} | {r.get('cue', '')}] {r['text'][:90]}")
    return "\n".join(lines)


# ------------------------------------------------------------------ annotated corpora

MANIFEST_COLUMNS = ("doc_id", "split")
BREAKDOWNS = ("beat", "script", "region")  # document attributes of the manifest scored apart
SEEDS = "seeds"  # the bundled corpus/raw + corpus/gold/seeds.jsonl, scored as a split of its own
UNKNOWN = "unknown"


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """A corpus manifest (tab-separated, a header line, one row per article) as doc_id → row.

    Raises ValueError with the file and line on a missing column, a short row or a
    repeated doc_id.
    """
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path}: empty manifest")
        header = [h.strip() for h in header]
        missing = [c for c in MANIFEST_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)} in the header")
        rows: dict[str, dict[str, str]] = {}
        for n, values in enumerate(reader, 2):
            if not any(v.strip() for v in values):
                continue
            if len(values) < len(header):
                values = values + [""] * (len(header) - len(values))  # trailing empty cells
            row = {h: v.strip() for h, v in zip(header, values, strict=True)}
            if not row["doc_id"]:
                raise ValueError(f"{path}:{n}: empty doc_id")
            if row["doc_id"] in rows:
                raise ValueError(f"{path}:{n}: doc_id {row['doc_id']} is listed twice")
            rows[row["doc_id"]] = row
    return rows


def compact(scores: dict) -> dict:
    """The headline figures of a score dict, flat (for breakdown tables)."""
    out = {
        "n_docs": scores.get("n_docs"),
        "n_gold": scores["n_gold"],
        "n_pred": scores["n_pred"],
        "span_f1": scores["span"]["f1"],
        "attribution": scores["attribution_accuracy"],
        "e2e_f1": scores["end_to_end"]["f1"],
        "topic": scores.get("topic_accuracy"),
        "stance_macro_f1": scores.get("stance_macro_f1"),
        "target_accuracy": scores.get("target_accuracy"),
        "target_f1": scores.get("target", {}).get("f1"),
    }
    return {k: v for k, v in out.items() if v is not None}


@dataclass
class SplitResult:
    """One split of an annotated corpus, scored."""

    name: str
    summary: dict  # score() of the whole split, plus n_docs
    per_document: dict[str, dict]
    breakdowns: dict[str, list[dict]]  # "beat" → [{"beat": "us_russia", **compact scores}, …]
    errors: dict[str, list[dict]] = field(repr=False)
    stance_confusion: dict[str, dict[str, int]] = field(default_factory=dict)


def score_split(
    name: str,
    pred: list[dict],
    gold: list[dict],
    documents: list[dict],
    manifest: dict[str, dict[str, str]],
    cues: Mapping[str, str] | None = None,
) -> SplitResult:
    """Score one split: overall, per document, and by beat, script, region and gold kind.

    documents: rows of documents.parquet (doc_id, text, script). Every document read
    is annotated, so one without gold claims still counts its predictions as spurious.
    A document missing from the manifest (the bundled seeds) takes its detected
    script and ``unknown`` for the rest.
    """
    doc_ids = [d["doc_id"] for d in documents]
    detected_script = {d["doc_id"]: d.get("script") or UNKNOWN for d in documents}

    def attr(doc_id: str, key: str) -> str:
        row = manifest.get(doc_id, {})
        if row.get(key):
            return row[key]
        return detected_script.get(doc_id, UNKNOWN) if key == "script" else UNKNOWN

    result = evaluate(pred, gold, doc_ids)
    breakdowns: dict[str, list[dict]] = {}
    for key in BREAKDOWNS:
        attrs = {d: attr(d, key) for d in set(doc_ids) | {g["doc_id"] for g in gold}}

        def by_doc(row: dict, attrs: dict[str, str] = attrs) -> str:
            return attrs.get(row["doc_id"], UNKNOWN)

        groups = evaluate_by(pred, gold, by_doc, by_doc, doc_ids)
        breakdowns[key] = [{key: group, **compact(s)} for group, s in groups.items()]
    kinds = evaluate_by(pred, gold, lambda g: g.get("kind") or UNKNOWN, lambda p: p.get("kind") or UNKNOWN, doc_ids)
    breakdowns["kind"] = [{"kind": group, **compact(s)} for group, s in kinds.items()]
    texts = {d["doc_id"]: d["text"] for d in documents if "text" in d}
    n_docs = len(set(doc_ids) | {g["doc_id"] for g in gold})
    return SplitResult(
        name=name,
        summary={"n_docs": n_docs, **result["overall"]},
        per_document=result["per_document"],
        breakdowns=breakdowns,
        errors=errors(pred, gold, doc_ids, texts, cues),
        stance_confusion=result["stance_confusion"],
    )


def corpus_splits(corpus_dir: str | Path) -> list[str]:
    """The splits of an annotated corpus: sub-folders with raw/ and gold.jsonl, test first."""
    corpus_dir = Path(corpus_dir)
    names = sorted(p.name for p in corpus_dir.iterdir() if (p / "raw").is_dir() and (p / "gold.jsonl").is_file())
    return sorted(names, key=lambda n: (n != "test", n != "dev", n))  # the README leads with test


def check_split(name: str, doc_ids: Iterable[str], gold: list[dict], manifest: dict[str, dict[str, str]]) -> None:
    """A split's documents and gold must agree with the manifest (when there is one)."""
    if not manifest:
        return
    wrong = sorted(d for d in doc_ids if d in manifest and manifest[d].get("split", name) != name)
    if wrong:
        raise ValueError(f"split {name}: the manifest puts {', '.join(wrong[:5])} in another split")
    unread = sorted({g["doc_id"] for g in gold} - set(doc_ids))
    if unread:
        raise ValueError(f"split {name}: gold for documents not in {name}/raw: {', '.join(unread[:5])}")


def evaluate_corpus(
    corpus_dir: str | Path | None,
    out_dir: str | Path,
    config,
    seeds: tuple[Path, Path] | None = None,
    workers: int | None = None,
) -> list[SplitResult]:
    """Run the pipeline on every split of an annotated corpus and score each split.

    corpus_dir: a folder with ``manifest.tsv`` and ``SPLIT/raw``, ``SPLIT/gold.jsonl``
    per split (None: the seeds alone). seeds: (raw folder, gold file) scored as the
    ``seeds`` split. Each split runs through :func:`pipeline.runner.run_corpus` into
    ``out_dir/SPLIT`` (no cache: the scores are of these models and params).
    """
    from pipeline.lexicons import load_cues
    from pipeline.parquet_io import read_rows
    from pipeline.runner import run_corpus

    cues = load_cues(Path(config.models_dir) / "cues.tsv")

    out_dir = Path(out_dir)
    splits: list[tuple[str, Path, Path]] = []
    manifest: dict[str, dict[str, str]] = {}
    if corpus_dir is not None:
        corpus_dir = Path(corpus_dir)
        if (corpus_dir / "manifest.tsv").is_file():
            manifest = read_manifest(corpus_dir / "manifest.tsv")
        names = corpus_splits(corpus_dir)
        if not names:
            raise ValueError(f"{corpus_dir}: no split folder with raw/ and gold.jsonl")
        splits += [(n, corpus_dir / n / "raw", corpus_dir / n / "gold.jsonl") for n in names]
    if seeds is not None:
        splits.append((SEEDS, seeds[0], seeds[1]))
    results = []
    for name, raw, gold_path in splits:
        run_corpus(raw, out_dir / name, config, workers=workers)
        pred = read_rows(out_dir / name / "claims.parquet")
        documents = read_rows(out_dir / name / "documents.parquet", ["doc_id", "text", "script"])
        gold = load_gold(gold_path)
        check_split(name, [d["doc_id"] for d in documents], gold, manifest if name != SEEDS else {})
        results.append(score_split(name, pred, gold, documents, manifest, cues))
    return results


def summary_files(results: list[SplitResult]) -> dict[str, dict]:
    """metrics/devcorpus/SPLIT.json: one flat summary per split.

    One file per split, each shaped like metrics/eval.json, so that `dvc metrics show`
    prints a split × metric table (one row per file) beside the bundled-gold scores.
    """
    return {r.name: dict(r.summary) for r in results}


def breakdowns_file(results: list[SplitResult]) -> dict:
    """metrics/devcorpus_breakdowns.json: per split, the scores by beat, script, region and kind."""
    return {
        r.name: {**{f"by_{k}": rows for k, rows in r.breakdowns.items()}, "stance_confusion": r.stance_confusion}
        for r in results
    }


def documents_file(results: list[SplitResult]) -> dict:
    """metrics/devcorpus_documents.json: per split, per document scores."""
    return {r.name: r.per_document for r in results}


SPLIT_COLUMNS: tuple[tuple[str, Callable[[dict], float | int | None], str], ...] = (
    ("docs", lambda s: s.get("n_docs"), "d"),
    ("gold", lambda s: s["n_gold"], "d"),
    ("pred", lambda s: s["n_pred"], "d"),
    ("span P", lambda s: s["span"]["precision"], "f"),
    ("span R", lambda s: s["span"]["recall"], "f"),
    ("span F1", lambda s: s["span"]["f1"], "f"),
    ("attrib", lambda s: s["attribution_accuracy"], "f"),
    ("e2e P", lambda s: s["end_to_end"]["precision"], "f"),
    ("e2e R", lambda s: s["end_to_end"]["recall"], "f"),
    ("e2e F1", lambda s: s["end_to_end"]["f1"], "f"),
    ("topic", lambda s: s.get("topic_accuracy"), "f"),
    ("stance", lambda s: s.get("stance_accuracy"), "f"),
    ("st. mF1", lambda s: s.get("stance_macro_f1"), "f"),
    ("target", lambda s: s.get("target_accuracy"), "f"),
    ("tgt F1", lambda s: s.get("target", {}).get("f1"), "f"),
)


def _cell(value: float | int | None, fmt: str, width: int) -> str:
    if value is None:
        return "-".rjust(width)
    return (f"{value:d}" if fmt == "d" else f"{value:.3f}").rjust(width)


def format_table(rows: list[tuple[str, dict]], first: str = "split") -> str:
    """A split × metric table (one row per split or per group) for the terminal."""
    label_width = max([len(first)] + [len(name) for name, _ in rows])
    widths = [max(len(h), 5) for h, _, _ in SPLIT_COLUMNS]
    lines = [first.ljust(label_width) + "  " + "  ".join(h.rjust(w) for (h, _, _), w in zip(SPLIT_COLUMNS, widths, strict=True))]
    for name, s in rows:
        cells = [_cell(get(s), fmt, w) for (_, get, fmt), w in zip(SPLIT_COLUMNS, widths, strict=True)]
        lines.append(name.ljust(label_width) + "  " + "  ".join(cells))
    return "\n".join(lines)


BREAKDOWN_COLUMNS = (
    ("docs", "n_docs", "d"),
    ("gold", "n_gold", "d"),
    ("pred", "n_pred", "d"),
    ("span F1", "span_f1", "f"),
    ("attrib", "attribution", "f"),
    ("e2e F1", "e2e_f1", "f"),
    ("topic", "topic", "f"),
    ("st. mF1", "stance_macro_f1", "f"),
    ("target", "target_accuracy", "f"),
    ("tgt F1", "target_f1", "f"),
)


def format_breakdowns(result: SplitResult) -> str:
    """One split's scores by beat, script, region and kind, one line per group."""
    widths = [max(len(h), 5) for h, _, _ in BREAKDOWN_COLUMNS]
    label_width = max(
        [len(f"{result.name} by kind")] + [len(f"  {k}={row[k]}") for k, rows in result.breakdowns.items() for row in rows]
    )
    lines = [
        f"{result.name} by".ljust(label_width)
        + "  "
        + "  ".join(h.rjust(w) for (h, _, _), w in zip(BREAKDOWN_COLUMNS, widths, strict=True))
    ]
    for key, rows in result.breakdowns.items():
        for row in rows:
            cells = [_cell(row.get(col), fmt, w) for (_, col, fmt), w in zip(BREAKDOWN_COLUMNS, widths, strict=True)]
            lines.append(f"  {key}={row[key]}".ljust(label_width) + "  " + "  ".join(cells))
    return "\n".join(lines)


def write_json(path: Path, data: dict) -> None:
    """Write JSON deterministically (sorted keys), atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
