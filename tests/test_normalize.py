"""Script detection, length-preserving conversion, sentences and zones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import (
    converter,
    detect_script,
    find_zones,
    mask_zones,
    split_sentences,
    to_simplified,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("俄羅斯總統普京表示，雙方關係正在改善。", "traditional"),
        ("俄罗斯总统普京表示，双方关系正在改善。", "simplified"),
        ("Putin said 123.", "simplified"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_phrase_configs_that_change_length_are_refused():
    with pytest.raises(ValueError, match="length"):
        converter("tw2sp")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=200))
def test_simplified_text_keeps_the_length(text):
    assert len(to_simplified(text, "t2s")) == len(text)


def test_conversion_of_names_and_words():
    assert to_simplified("蓬佩奧與拉夫羅夫會談", "t2s") == "蓬佩奥与拉夫罗夫会谈"


def test_sentences_end_outside_quotes_and_at_line_breaks(lexicons):
    text = "他說：「第一句。第二句。」然後離開。\n沒有句號的一行\n最後！"
    spans = split_sentences(text, lexicons.quote_pairs)
    assert [text[s:e] for s, e in spans] == ["他說：「第一句。第二句。」", "然後離開。", "沒有句號的一行", "最後！"]


def test_unclosed_quote_ends_with_its_line(lexicons):
    text = "他說：「沒有閉合。還在說。\n下一段。再一句。"
    spans = split_sentences(text, lexicons.quote_pairs)
    assert [text[s:e] for s, e in spans][-2:] == ["下一段。", "再一句。"]


def test_zones_mark_page_furniture(lexicons):
    text = (
        "---\ntitle: 標題\n---\n"
        "# 拜登普京峰會\n"
        "【02:32】拜登表示會面良好。\n"
        "美國總統拜登出席峰會。(Reuters)\n"
        "新華社莫斯科5月14日電 普京表示願意對話。\n"
        "<figure><figcaption>圖片說明</figcaption></figure>\n"
        "正文第二段，普京稱雙方有分歧。\n"
        "相關文章\n- • 鏈接一\n- • 鏈接二\n"
    )
    simplified = to_simplified(text, "t2s")
    zones = find_zones(simplified, lexicons.zone_rules)
    kinds = {simplified[s:e].strip()[:6]: k for s, e, k in zones}
    assert kinds["---\nti"] == "front_matter"
    assert kinds["# 拜登普京"] == "headline"
    assert kinds["【02:32"] == "timestamp"
    assert kinds["美国总统拜登"] == "caption"
    assert kinds["新华社莫斯科"] == "dateline"
    assert kinds["<figur"] == "markup"
    assert kinds["相关文章\n-"] == "tail_block"
    body = mask_zones(simplified, zones)
    assert len(body) == len(simplified)
    assert "正文第二段，普京称双方有分歧。" in body
    assert "链接一" not in body and "02:32" not in body and "Reuters" not in body


# Noisy text: pinyin glosses and runs of marks are masked in the analysis view, never deleted.
@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("外交部發(fā)言人表示", " " * 4 + "外交部發言人表示"),
        ("总统(zǒng tǒng)说", " " * 11 + "总统说"),
        ("關(guān)于問(wèn)題", " " * 11 + "關于問題"),
        # no tone mark, or no Han character before it: no gloss
        ("有利位置(with the wind at his back)展開", "有利位置(with the wind at his back)展開"),
        ("路透社(Reuters)報道", "路透社(Reuters)報道"),
    ],
)
def test_pinyin_glosses_are_masked_in_place(text, view):
    from pipeline.normalize import mask_pinyin_glosses

    assert mask_pinyin_glosses(text) == view
    assert len(mask_pinyin_glosses(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "view"),
    [("我想,,大家", "我想, 大家"), ("清楚,。多年", "清楚。 多年"), ("结束。。。。好", "结束。   好"), ("甲、乙", "甲、乙")],
)
def test_runs_of_marks_keep_one_mark(text, view):
    from pipeline.normalize import mask_punctuation_runs

    assert mask_punctuation_runs(text) == view


def test_moved_characters_map_back_to_the_document():
    from pipeline.normalize import gloss_position_map, mask_pinyin_glosses, span_in_document

    text = "，外交部發(fā)言人表示，"
    view = mask_pinyin_glosses(text)
    moved = gloss_position_map(text)
    s = view.index("外交部發言人")
    start, end = span_in_document(moved, s, s + len("外交部發言人"))
    assert text[start:end] == "外交部發(fā)言人"
    assert span_in_document(moved, view.index("表示"), view.index("表示") + 2) == (text.index("表示"), text.index("表示") + 2)


@given(st.text(alphabet="外交部發言人總統(fā)zǒngtǒ ),,。、", max_size=40))
@settings(max_examples=200, deadline=None)
def test_noise_masking_keeps_length_and_maps_inside_the_text(text):
    from pipeline.normalize import gloss_position_map, mask_noise

    view = mask_noise(text)
    assert len(view) == len(text)
    for a, b in gloss_position_map(text).items():
        assert 0 <= a < len(text) and 0 <= b < len(text) and view[a] == text[b]
