"""Scoring as spec/claims.md defines it; target, groups, errors by rule, and `eval --corpus`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import (
    describe_miss,
    errors,
    evaluate,
    evaluate_by,
    format_confusion,
    format_errors,
    group_errors,
    load_gold,
    macro_f1,
    match_document,
    read_manifest,
)
from pipeline.runner import run_corpus
from tests.conftest import CORPUS, GOLD, ROOT, to_simplified, to_traditional


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


def test_stance_confusion_counts_matched_claims_gold_by_predicted():
    gold = [claim(0, 10, stance="favor"), claim(20, 30, stance="against"), claim(40, 50, stance="against")]
    pred = [claim(0, 10, stance="neutral"), claim(20, 30, stance="against"), claim(60, 70, stance="favor")]
    confusion = evaluate(pred, gold)["stance_confusion"]
    assert confusion["favor"] == {"favor": 0, "against": 0, "neutral": 1}
    assert confusion["against"] == {"favor": 0, "against": 1, "neutral": 0}  # the unmatched gold claim is not counted
    assert sum(confusion["neutral"].values()) == 0
    rows = format_confusion(confusion).splitlines()
    assert rows[1].split() == ["favor", "0", "0", "1"] and rows[2].split() == ["against", "0", "1", "0"]


# ------------------------------------------------------------------ target, groups, errors


def test_target_accuracy_counts_agreeing_empty_targets_and_f1_only_named_ones():
    gold = [
        {**claim(0, 10), "target": "美国"},
        {**claim(20, 30), "target": ""},
        {**claim(40, 50), "target": "北约"},
        {**claim(60, 70), "target": "乌克兰"},
    ]
    pred = [
        {**claim(0, 10), "target": "美国"},  # named, right
        {**claim(20, 30), "target": ""},  # empty, right
        {**claim(40, 50), "target": ""},  # missed target
        {**claim(60, 70), "target": "俄罗斯"},  # wrong target
        {**claim(80, 90), "target": "美国"},  # spurious claim: not a target error
    ]
    o = evaluate(pred, gold)["overall"]
    assert o["target_accuracy"] == 0.5
    # named: predicted 2 (1 right), gold 3
    assert o["target"] == {"precision": 0.5, "recall": round(1 / 3, 4), "f1": 0.4}


def test_target_is_not_scored_when_the_claims_have_no_target_column():
    gold = [{**claim(0, 10), "target": "美国"}]
    o = evaluate([claim(0, 10)], gold)["overall"]
    assert "target_accuracy" not in o and "target" not in o


def test_named_documents_without_gold_count_their_predictions_as_spurious():
    gold = [claim(0, 10, doc="a")]
    pred = [claim(0, 10, doc="a"), claim(0, 10, doc="b")]
    assert evaluate(pred, gold)["overall"]["n_pred"] == 1  # b has no gold: not scored
    o = evaluate(pred, gold, documents=["a", "b"])["overall"]
    assert o["n_pred"] == 2 and o["span"]["precision"] == 0.5


def test_groups_add_up_and_a_match_counts_in_its_gold_claims_group():
    gold = [{**claim(0, 10), "kind": "direct"}, {**claim(20, 30), "kind": "indirect"}]
    pred = [
        {**claim(0, 10), "kind": "indirect"},  # matches the direct gold claim
        {**claim(40, 50), "kind": "direct"},  # spurious, in its own kind
        {**claim(60, 70), "kind": "indirect"},
    ]
    groups = evaluate_by(pred, gold, lambda g: g["kind"], lambda p: p["kind"])
    assert set(groups) == {"direct", "indirect"}
    assert groups["direct"]["n_gold"] == 1 and groups["direct"]["n_pred"] == 2 and groups["direct"]["n_matched"] == 1
    assert groups["indirect"]["n_gold"] == 1 and groups["indirect"]["n_pred"] == 1 and groups["indirect"]["n_matched"] == 0
    o = evaluate(pred, gold)["overall"]
    assert sum(g["n_pred"] for g in groups.values()) == o["n_pred"]
    assert sum(g["n_gold"] for g in groups.values()) == o["n_gold"]


def test_groups_by_a_document_attribute_score_each_document_once():
    gold = [claim(0, 10, doc="a"), claim(0, 10, doc="b"), claim(20, 30, doc="b")]
    pred = [claim(0, 10, doc="a"), claim(0, 10, doc="b")]
    beat = {"a": "us_russia", "b": "other"}
    groups = evaluate_by(pred, gold, lambda r: beat[r["doc_id"]], lambda r: beat[r["doc_id"]])
    assert groups["us_russia"]["n_docs"] == 1 and groups["us_russia"]["span"]["recall"] == 1.0
    assert groups["other"]["n_docs"] == 1 and groups["other"]["span"]["recall"] == 0.5


def _err_pred(start, speaker, **cols):
    return {**claim(start, start + 10, speaker), "kind": "indirect", "speaker_resolution": "name", **cols}


def test_errors_group_by_rule_columns_when_the_claims_carry_them():
    gold = [claim(0, 10, "甲"), claim(20, 30, "乙"), claim(40, 50, "丙")]
    pred = [
        _err_pred(0, "丁", rule="cue_clause", speaker_rule="nearest_name"),
        _err_pred(20, "戊", rule="cue_clause", speaker_rule="pronoun_previous"),
        _err_pred(40, "己", rule="bare_quote", speaker_rule="nearest_name"),
        _err_pred(60, "甲", rule="cue_clause", speaker_rule="nearest_name"),
        _err_pred(80, "甲", rule="transcript", speaker_rule="label"),
        _err_pred(100, "甲", rule="transcript", speaker_rule="label"),
    ]
    grouped = group_errors(errors(pred, gold))
    assert grouped["spurious"][0][0] == "rule=transcript" and len(grouped["spurious"][0][1]) == 2
    assert [name for name, _ in grouped["misattributed"]] == ["speaker_rule=nearest_name", "speaker_rule=pronoun_previous"]
    assert [len(rows) for _, rows in grouped["misattributed"]] == [2, 1]


def test_errors_fall_back_to_kind_and_speaker_resolution():
    gold = [claim(0, 10, "甲")]
    pred = [
        {**claim(0, 10, "乙"), "kind": "indirect", "speaker_resolution": "pronoun"},
        {**claim(40, 50), "kind": "direct", "speaker_resolution": "name"},
    ]
    grouped = group_errors(errors(pred, gold))
    assert [name for name, _ in grouped["spurious"]] == ["kind=direct"]
    assert [name for name, _ in grouped["misattributed"]] == ["speaker_resolution=pronoun"]
    text = format_errors(errors(pred, gold), 5)
    assert "kind=direct: 1" in text and "speaker_resolution=pronoun: 1" in text


def test_format_errors_puts_the_largest_group_first_and_limits_examples_per_group():
    gold = [claim(0, 10)]
    pred = [
        _err_pred(0, "甲"),
        *[_err_pred(20 * i, "甲", rule="list_item") for i in range(1, 4)],
        _err_pred(100, "甲", rule="bare_quote"),
    ]
    text = format_errors(errors(pred, gold), 1)
    assert text.index("rule=list_item: 3") < text.index("rule=bare_quote: 1")
    spurious = text.split("== spurious")[1].split("==")[0]
    assert spurious.count(":20-30") + spurious.count(":40-50") + spurious.count(":60-70") == 1


@pytest.mark.parametrize("convert", [to_simplified, to_traditional], ids=["simplified", "traditional"])
def test_a_missed_cueless_claim_after_a_speaker_label_is_a_transcript_turn(convert):
    text = convert("标题\n\n发言人：我们反对任何形式的单边制裁。\n记者问到会谈时，他没有回答。\n")
    start = text.index(convert("我们反对"))
    g = {**claim(start, start + 10), "kind": "direct", "cue": "", "speaker_mention": convert("发言人")}
    assert describe_miss(g, [], text) == "direct · no cue · transcript label · not found"
    # a claim in running text is no transcript turn, and an overlapping prediction is said
    later = text.index(convert("没有回答"))
    g2 = {**claim(later, later + 4), "kind": "indirect", "cue": convert("回答"), "speaker_mention": convert("他")}
    assert describe_miss(g2, [claim(later + 2, later + 20)], text) == "indirect · cue · overlapped"


@pytest.mark.parametrize("convert", [to_simplified, to_traditional], ids=["simplified", "traditional"])
def test_a_miss_says_whether_its_cue_is_in_the_cue_lexicon(convert):
    cues = {"说": "speech", "表示": "speech"}  # Simplified, as lexicons.load_cues gives them
    compound = {**claim(0, 10), "kind": "indirect", "cue": convert("声明说")}  # ends with a known cue
    assert describe_miss(compound, [], None, cues) == "indirect · cue · not found"
    unknown = {**claim(0, 10), "kind": "indirect", "cue": convert("扬言")}
    assert describe_miss(unknown, [], None, cues) == "indirect · cue not in cues.tsv · not found"
    assert describe_miss(unknown, [], None) == "indirect · cue · not found"  # no lexicon given: not judged


# ------------------------------------------------------------------ manifest and corpora

MANIFEST_HEADER = "doc_id\tsplit\turl\toutlet\toutlet_key\tregion\tscript\tdate\tbeat\tchars\tnotes\n"


def test_read_manifest_rows_by_doc_id(tmp_path):
    path = tmp_path / "manifest.tsv"
    path.write_text(MANIFEST_HEADER + 'a1\tdev\thttp://x\tX\tx\tTW\ttraditional\t2020\tus_russia\t10\tnote with "quotes"\n')
    rows = read_manifest(path)
    assert rows["a1"]["split"] == "dev" and rows["a1"]["beat"] == "us_russia" and rows["a1"]["notes"] == 'note with "quotes"'


@pytest.mark.parametrize(
    "content, message",
    [
        ("doc_id\tbeat\na1\tx\n", "no column split"),
        (MANIFEST_HEADER + "a1\tdev\n" + "a1\ttest\n", "listed twice"),
        ("", "empty manifest"),
    ],
)
def test_read_manifest_rejects_bad_files_with_the_line(tmp_path, content, message):
    path = tmp_path / "manifest.tsv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        read_manifest(path)


# Constructed articles (a headline line, then the body), in both scripts. Each split gets a
# claim the rules find and one narration sentence annotated as a claim, so every split has
# a miss to list.
ARTICLES = {
    "s1": ("dev", "mainland", "simplified", "us_russia", "普京表示，俄罗斯愿意与美国举行新一轮对话。会谈地点尚未确定。"),
    "t1": ("dev", "TW", "traditional", "other", "拜登說，美國將繼續支持烏克蘭的主權。會談地點尚未確定。"),
    "t2": ("test", "HK", "traditional", "us_russia", "拉夫羅夫表示，俄方不會接受任何最後通牒。會談地點尚未確定。"),
}
SPEAKERS = {"s1": "普京", "t1": "拜登", "t2": "拉夫罗夫"}


def write_tiny_corpus(root: Path) -> Path:
    lines = [MANIFEST_HEADER]
    for doc_id, (split, region, script, beat, body) in ARTICLES.items():
        text = "標題\n\n" + body
        raw = root / split / "raw"
        raw.mkdir(parents=True, exist_ok=True)
        (raw / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{doc_id}\t{split}\thttp://example.org/{doc_id}\tX\tx\t{region}\t{script}\t2021\t{beat}\t{len(text)}\t\n")
        said = text.index("，") + 1
        claim_end = text.index("。", said)
        narration = claim_end + 1
        gold = [
            {"doc_id": doc_id, "start": said, "end": claim_end, "text": text[said:claim_end], "kind": "indirect",
             "speaker": SPEAKERS[doc_id], "speaker_mention": text[2:said - 3], "cue": "", "topics": ["other"],
             "stance": "neutral", "target": ""},
            {"doc_id": doc_id, "start": narration, "end": len(text) - 1, "text": text[narration:-1], "kind": "indirect",
             "speaker": "某人", "speaker_mention": "", "cue": "", "topics": ["other"], "stance": "neutral", "target": ""},
        ]  # fmt: skip
        with open(root / split / "gold.jsonl", "a", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
    (root / "manifest.tsv").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    return write_tiny_corpus(tmp_path_factory.mktemp("tiny"))


def eval_corpus(corpus: Path, tmp_path: Path, *args: str):
    metrics = tmp_path / "m"
    result = CliRunner().invoke(
        app,
        ["eval", "--corpus", str(corpus), "--no-seeds", "--metrics", str(metrics), "--breakdowns", str(tmp_path / "b.json"),
         "--documents-metrics", str(tmp_path / "d.json"), "--workers", "1", *args],
    )  # fmt: skip
    return result, metrics


def read_summary(metrics: Path) -> dict:
    """Each split's summary file (metrics/devcorpus/SPLIT.json) joined with its breakdown tables."""
    breakdowns = json.loads((metrics.parent / "b.json").read_text(encoding="utf-8"))
    return {
        f.stem: {**json.loads(f.read_text(encoding="utf-8")), **breakdowns[f.stem]} for f in sorted(metrics.glob("*.json"))
    }


def test_corpus_eval_scores_each_split_by_manifest_fields_and_kind(tiny_corpus, tmp_path):
    result, metrics = eval_corpus(tiny_corpus, tmp_path)
    assert result.exit_code == 0, result.output
    summary = read_summary(metrics)
    assert set(summary) == {"dev", "test"}
    assert summary["dev"]["n_docs"] == 2 and summary["dev"]["n_gold"] == 4
    assert summary["test"]["n_docs"] == 1 and summary["test"]["n_gold"] == 2
    assert {r["beat"] for r in summary["dev"]["by_beat"]} == {"us_russia", "other"}
    assert {r["script"] for r in summary["dev"]["by_script"]} == {"simplified", "traditional"}
    assert {r["region"]: r["n_gold"] for r in summary["dev"]["by_region"]} == {"mainland": 2, "TW": 2}
    assert {r["kind"]: r["n_gold"] for r in summary["test"]["by_kind"]} == {"indirect": 2}
    documents = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert set(documents["dev"]) == {"s1", "t1"} and set(documents["test"]) == {"t2"}
    # the terminal table has one row per split, test first
    rows = [line.split()[0] for line in result.output.splitlines()[1:3]]
    assert rows == ["test", "dev"]


def test_corpus_eval_lists_test_errors_only_when_asked(tiny_corpus, tmp_path):
    result, _ = eval_corpus(tiny_corpus, tmp_path, "--errors", "3")
    assert result.exit_code == 0, result.output
    assert "errors in dev" in result.output and "errors in test" not in result.output
    assert "t2:" not in result.output.split("errors in dev")[1]
    result, _ = eval_corpus(tiny_corpus, tmp_path, "--errors", "3", "--split", "test")
    assert result.exit_code == 0, result.output
    assert "errors in test" in result.output and "errors in dev" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--split", "train"], "no split train"),
        (["--split", "dev", "x.parquet"], "not both"),
    ],
)
def test_corpus_eval_refuses_bad_arguments_in_one_line(tiny_corpus, tmp_path, args, message):
    result, _ = eval_corpus(tiny_corpus, tmp_path, *args)
    assert result.exit_code == 2 and message in result.output


def test_corpus_eval_refuses_a_manifest_that_contradicts_the_folders(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "c")
    manifest = corpus / "manifest.tsv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("t2\ttest", "t2\tdev"), encoding="utf-8")
    result, _ = eval_corpus(corpus, tmp_path)
    assert result.exit_code == 2 and "another split" in result.output


def test_eval_of_one_claims_table_scores_target_and_groups_its_errors(tiny_corpus, tmp_path, config):
    run_corpus(tiny_corpus / "dev" / "raw", tmp_path / "run", config, workers=1)
    result = CliRunner().invoke(
        app, ["eval", str(tmp_path / "run" / "claims.parquet"), str(tiny_corpus / "dev" / "gold.jsonl"), "--errors", "5"]
    )
    assert result.exit_code == 0, result.output
    assert "target       accuracy" in result.output
    # the narration sentence annotated in every article is missed, as a cueless indirect claim
    assert "-- indirect · no cue · not found: 2" in result.output


def test_corpus_eval_without_a_manifest_scores_with_unknown_fields(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "c")
    (corpus / "manifest.tsv").unlink()
    result, metrics = eval_corpus(corpus, tmp_path)
    assert result.exit_code == 0, result.output
    dev = read_summary(metrics)["dev"]
    assert [r["beat"] for r in dev["by_beat"]] == ["unknown"]
    assert {r["script"] for r in dev["by_script"]} == {"simplified", "traditional"}  # detected by ingest


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"doc_id": "a", "start": 0, "text": "x", "speaker": "甲"}', "no end"),
        ('{"doc_id": "a", "start": 5, "end": 2, "text": "x", "speaker": "甲"}', "start and end must be offsets"),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_bad_gold_is_a_one_line_error_with_its_line_number(tiny_corpus, tmp_path, line, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(claim(0, 4)) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f":2: {message}"):
        load_gold(gold)
    corpus = write_tiny_corpus(tmp_path / "c")
    (corpus / "dev" / "gold.jsonl").write_text(line + "\n", encoding="utf-8")
    result, _ = eval_corpus(corpus, tmp_path)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_split_needs_corpus_and_claims_need_gold(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--split", "dev", "a.parquet", "b.jsonl"])
    assert result.exit_code == 2 and "--split goes with --corpus" in result.output
    result = CliRunner().invoke(app, ["eval", "a.parquet"])
    assert result.exit_code == 2 and "--corpus" in result.output


def test_evaluate_stage_writes_the_summary_as_metric_and_documents_apart(tmp_path, config):
    run_corpus(CORPUS, tmp_path / "run", config, workers=1)
    args = ["evaluate", str(tmp_path / "run" / "claims.parquet"), str(GOLD), "--metrics", str(tmp_path / "eval.json"),
            "--documents", str(tmp_path / "eval_documents.json")]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    documents = json.loads((tmp_path / "eval_documents.json").read_text(encoding="utf-8"))
    # only flat scores in the metric: `dvc metrics show` makes a column of every key
    assert "per_document" not in summary and summary["n_gold"] == len(load_gold(GOLD))
    assert set(documents) == {g["doc_id"] for g in load_gold(GOLD)}


DEVCORPUS = ROOT.parent / "shared" / "devcorpus"


@pytest.mark.skipif(not (DEVCORPUS / "manifest.tsv").is_file(), reason="../shared/devcorpus is not here")
def test_corpus_eval_on_the_development_corpus(tmp_path):
    result, metrics = eval_corpus(DEVCORPUS, tmp_path, "--seeds")
    assert result.exit_code == 0, result.output
    summary = read_summary(metrics)
    manifest = read_manifest(DEVCORPUS / "manifest.tsv")
    assert set(summary) == {"test", "dev", "seeds"}
    for name, s in summary.items():
        gold = DEVCORPUS / name / "gold.jsonl" if name != "seeds" else GOLD
        assert s["n_gold"] == sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())
        if name != "seeds":
            assert s["n_docs"] == sum(1 for row in manifest.values() if row["split"] == name)
        scores = [s["span"]["f1"], s["attribution_accuracy"], s["end_to_end"]["f1"], s["topic_accuracy"],
                  s["stance_macro_f1"], s["target_accuracy"], s["target"]["f1"]]  # fmt: skip
        assert all(0.0 <= x <= 1.0 for x in scores), name
        for key in ("beat", "script", "region", "kind"):
            rows = s[f"by_{key}"]
            assert sum(r["n_gold"] for r in rows) == s["n_gold"] and sum(r["n_pred"] for r in rows) == s["n_pred"]
    assert "errors in test" not in result.output
