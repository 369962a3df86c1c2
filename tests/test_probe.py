"""pipeline.probe: rewrites that keep the content, and the comparison that finds what changed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pipeline import probe
from pipeline.analysis import analyse
from pipeline.cli import app
from pipeline.lexicons import load_lexicons
from pipeline.normalize import detect_script
from pipeline.parquet_io import read_rows, write_rows

from .conftest import CORPUS, HEADLINE

LEX = load_lexicons()


def _claims(text: str, models, config) -> list[dict]:
    document = {"doc_id": "t", "text": text, "date": "2021-06-16", "source_path": "t.txt", "script": detect_script(text)}
    return list(analyse(document, models.nlp, models.classifier, config).claims)


@pytest.fixture(scope="module")
def words(config):
    return probe.ProbeWords.load(config.models_dir, LEX)


def test_claims_compare_by_letters_whatever_the_typing():
    assert probe.letters("美國，２０２１年 說。") == probe.letters("美国2021年\n说")
    assert probe.letters("美国说") != probe.letters("美国称")


def test_typing_rewrites_keep_the_words(words):
    text = "普京表示，俄方願意對話。G7峰會於2021年舉行？\n第二段"
    assert probe._typing("ascii_marks", words)(text) == "普京表示,俄方願意對話.G7峰會於2021年舉行?\n第二段"
    assert probe._typing("fullwidth", words)(text).count("２０２１") == 1
    wrapped = probe.hard_wrap(text, 5)
    assert max(len(line) for line in wrapped.split("\n")) == 5 and wrapped.replace("\n", "") == text.replace("\n", "")
    assert probe.blank_every("一二三四五六七八九", " ", 4) == "一二三四 五六七八 九"
    assert probe.letters(probe._typing("other_script", words)(text)) == probe.letters(text)
    page = probe.one_line_page("標題\n第一段。\n 第二段。\n", "來源：X ")
    assert page == "標題\n來源：X 第一段。第二段。\n"
    assert probe.glue_garbage("a\nb\nc\nd\ne", ("x1 ", "y2 ")) == "a\nx1 b\nc\ny2 d\ne"


def test_claim_rewrites_write_the_other_forms(script, models, config, words):
    text = HEADLINE + script("拉夫罗夫表示，俄方愿意对话。\n佩斯科夫说，会谈富有成果。")
    claims = _claims(text, models, config)
    assert [c["speaker"] for c in claims] == ["拉夫罗夫", "佩斯科夫"]
    by_probe = {r.probe + r.variant: r for r in probe.rewrites(text, claims, probe.PROBES, words, LEX)}
    assert "俄方愿意对话，拉夫罗夫表示。" in by_probe["postposedcontent_then_speaker"].text
    assert "“会谈富有成果。”佩斯科夫说。" in by_probe["postposedquote_then_speaker"].text
    assert "拉夫罗夫强调，俄方愿意对话" in by_probe["other_cues强调"].text
    assert "拉夫罗夫周五表示" in by_probe["adverbials周五"].text
    names = by_probe["unlisted_names"]
    swapped = {e.speaker for e in names.expected}
    assert swapped <= set(words.foreign_names) and len(swapped) == 2
    assert "拉夫罗夫" not in names.text and "佩斯科夫" not in names.text


def test_a_rewrite_that_loses_or_moves_a_claim_is_reported(script, models, config, words):
    text = HEADLINE + script("拉夫罗夫表示，俄方愿意对话。")
    claims = _claims(text, models, config)
    rewrite = next(probe.rewrites(text, claims, ["postposed"], words, LEX))
    found = _claims(rewrite.text, models, config)
    assert [r["outcome"] for r in probe.compare(rewrite, found, "t")] == ["kept"]
    assert [r["found_stance"] for r in probe.compare(rewrite, found, "t")] == [c["stance"] for c in claims]
    moved = [{**c, "speaker": "普京"} for c in found]
    assert [r["outcome"] for r in probe.compare(rewrite, moved, "t")] == ["other_speaker"]
    assert [r["outcome"] for r in probe.compare(rewrite, [], "t")] == ["lost"]


def test_furniture_goes_after_the_headline_the_middle_line_and_at_the_end():
    furniture = {"top": ("记者甲／台北报导",), "middle": ("广告",), "end": ("（完）",)}
    page = probe.wrap_in_furniture("标题\n第一段。\n第二段。\n第三段。\n", furniture)
    assert page == "标题\n记者甲／台北报导\n第一段。\n第二段。\n广告\n第三段。\n（完）\n"
    # front matter stays first; a Traditional document gets Traditional furniture
    page = probe.wrap_in_furniture("---\ntitle: 標題\n---\n標題\n這個國家說，會談很好。\n", furniture)
    assert page.startswith("---\ntitle: 標題\n---\n標題\n記者甲／臺北報導\n") and page.endswith("（完）\n")


def test_furniture_keeps_the_claims_and_adds_none(script, models, config, words):
    text = HEADLINE + script("拉夫罗夫表示，俄方愿意对话。\n双方上一次会晤是在三年前。\n佩斯科夫说，会谈富有成果。")
    claims = _claims(text, models, config)
    rewrite = next(probe.rewrites(text, claims, ["furniture"], words, LEX))
    assert words.furniture["middle"][0] in probe.to_simplified(rewrite.text, "t2s")
    rows = probe.compare(rewrite, _claims(rewrite.text, models, config), "t")
    assert [r["outcome"] for r in rows] == ["kept", "kept"]
    # a claim the furniture made up is reported, with the rewrite's offsets
    made_up = {**claims[0], "text": "美国太霸道", "start": 3, "end": 8}
    rows = probe.compare(rewrite, [*claims, made_up], "t")
    assert [r["outcome"] for r in rows] == ["kept", "kept", "spurious"] and rows[-1]["start"] == 3
    assert probe.spurious_counts(rows) == {"furniture": 1}
    assert probe.format_summary(rows).splitlines()[1].split()[-1] == "1"


def test_probe_names_must_be_names_the_registry_lacks(tmp_path):
    (tmp_path / "probes.yaml").write_text("unlisted_names:\n  foreign: [普京]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="registry names: 普京"):
        probe.ProbeWords.load(tmp_path, LEX)


def test_the_bundled_articles_keep_their_claims_under_every_probe(config, tmp_path):
    probes = ("ascii_marks", "wrapped", "one_line", "garbage", "unlisted_names", "postposed", "furniture")
    rows = probe.probe_corpus(CORPUS, config, probes)
    kept = {p: k / n for p, n, k, _other, _lost, _stance in probe.summary(rows)}
    stance_changed = {p: s for p, _n, _k, _other, _lost, s in probe.summary(rows)}
    print("\n" + probe.format_summary(rows))
    assert kept["ascii_marks"] >= 0.98 and kept["wrapped"] >= 0.98
    assert kept["one_line"] >= 0.97  # a heading or caption glued to a sentence may cost a claim
    assert kept["garbage"] >= 0.98
    # page furniture around the article: no claim lost, none added
    assert kept["furniture"] >= 0.98 and probe.spurious_counts(rows)["furniture"] == 0
    assert kept["unlisted_names"] >= 0.9 and kept["postposed"] >= 0.9
    assert stance_changed["ascii_marks"] == 0 and stance_changed["wrapped"] == 0  # the same words
    write_rows(tmp_path / "probe.parquet", "probe", rows)
    assert len(read_rows(tmp_path / "probe.parquet")) == len(rows)


def test_probe_command_errors_are_one_line(tmp_path):
    result = CliRunner().invoke(app, ["probe", str(CORPUS), "--out", str(tmp_path / "o"), "--probe", "nonsense"])
    assert result.exit_code != 0 and "unknown probe nonsense" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("沒有任何引述的一段文字。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["probe", str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no claim" in result.output
