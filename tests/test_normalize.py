"""Script detection, length-preserving conversion, sentences and zones."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.analysis import analyse_document
from pipeline.config import NormalizeConfig
from pipeline.normalize import (
    converter,
    detect_script,
    find_zones,
    mask_zones,
    regional_table,
    split_sentences,
    to_simplified,
)
from tests.conftest import CORPUS, ROOT

DEV_RAW = ROOT.parent / "shared" / "devcorpus" / "dev" / "raw"


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


BODY = "法国外长周二表示，双方应当继续对话。他还说，巴黎愿意提供帮助。"


def _zones_of(text: str, config, lexicons) -> list[tuple[str, str]]:
    from pipeline.normalize import normalize_document

    norm = normalize_document("d", text, "mixed", config.normalize, lexicons)
    return [(text[s:e], kind) for s, e, kind in norm.zones]


@pytest.mark.parametrize(
    ("label", "zone"),
    [
        ("【新闻网报道】", "【新闻网报道】"),
        ("[新闻网讯 记者 张明]", "[新闻网讯 记者 张明]"),
        ("新闻网报道 记者 张明 ", "新闻网报道 记者 张明 "),
        ("新闻网讯 ", "新闻网讯 "),
        # a relay opening the body is a sentence, not a label
        ("据新闻网报道，", None),
        ("新闻网报道称，", None),
    ],
)
def test_an_outlets_label_opening_a_line_is_a_dateline(script, config, lexicons, label, zone):
    text = script("新闻标题\n" + label + BODY)
    datelines = [z for z, kind in _zones_of(text, config, lexicons) if kind == "dateline"]
    assert datelines == ([script(zone)] if zone else [])


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        # a page scraped into one line: the furniture lead goes, the body stays
        ("来源：新闻网 " + BODY * 3, "来源：新闻网 "),
        ("原标题：法国表态 " + BODY * 3, "原标题：法国表态 "),
        # a labelled credit is one word: the sentences after its blank are body, short or long
        ("来源：新闻网 " + BODY, "来源：新闻网 "),
        ("作者：张明 " + BODY, "作者：张明 "),
        # a short furniture line, or a caption of a few sentences, is furniture whole
        ("来源：新闻网 编辑：张明", "来源：新闻网 编辑：张明"),
        ("▲ 图为法国外长在记者会上发言。他说：“双方应当继续对话。”", "▲ 图为法国外长在记者会上发言。他说：“双方应当继续对话。”"),
    ],
)
def test_furniture_opening_a_long_line_keeps_the_body(script, config, lexicons, line, furniture):
    text = script("新闻标题\n" + line + "\n")
    zones = [z for z, kind in _zones_of(text, config, lexicons) if kind == "furniture"]
    assert zones == [script(furniture)]


@pytest.mark.parametrize(
    ("first_line", "headline"),
    [
        ("法德峰会在即 马克龙称愿意对话 法国总统马克龙周二表示，欧洲应当团结。", "法德峰会在即 马克龙称愿意对话"),
        ("马克龙：欧洲应当团结 法国总统马克龙周二在巴黎表示，欧洲应当团结。", "马克龙：欧洲应当团结"),
        # a body spaced every few characters has no run long enough after a blank
        ("法国总统马克龙周 二表示，欧洲应当 团结。", None),
        ("法国总统马克龙周二表示，欧洲应当团结。", None),
        # a blank between the two Latin words of a bracketed original name is the sentence's own
        ("法国总统马克龙（Emmanuel Macron）周二表示，欧洲应当团结。", None),
        ("北约秘书长吕特(Mark Rutte)表示，盟国必须增加国防开支。", None),
    ],
)
def test_a_title_glued_to_the_body_on_the_first_line_is_a_headline(script, config, lexicons, first_line, headline):
    from pipeline.normalize import normalize_document

    norm = normalize_document("d", script(first_line + "\n"), "mixed", config.normalize, lexicons)
    # zones are spans of the analysis view, where the title's words moved up to the blank they lost
    view = norm.text_simplified
    zones = [view[s:e].replace(" ", "") for s, e, kind in norm.zones if kind == "headline"]
    assert zones == ([to_simplified(script(headline), "t2s").replace(" ", "")] if headline else [])


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("<p>法国外长表示，双方应当继续对话。</p>", ["<p>", "</p>"]),
        ("<!-- 广告 -->法国外长表示，双方应当继续对话。", ["<!-- 广告 -->"]),
        # page furniture in angle brackets around the body is no tag: the body stays
        ("<<返回首页 法国外长表示，双方应当继续对话。 更多>>", []),
        ("< 上一篇 法国外长表示，双方应当继续对话。 下一篇 >", []),
    ],
)
def test_only_html_tags_are_markup(script, config, lexicons, line, masked):
    text = script("新闻标题\n" + line + "\n")
    assert [z for z, kind in _zones_of(text, config, lexicons) if kind == "markup"] == [script(m) for m in masked]


def test_a_comment_section_runs_to_the_end_as_a_tail_block(script, config, lexicons):
    text = script("新闻标题\n法国外长表示，双方应当继续对话。\n网友评论\n网友：法国说得对，双方应该对话。\n")
    tail = [z for z, kind in _zones_of(text, config, lexicons) if kind == "tail_block"]
    assert tail == [script("网友评论\n网友：法国说得对，双方应该对话。\n")]


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        # a link-list header with a title on its line is that one link: the article goes on
        ("相关报道：法国称愿意对话", "furniture"),
        ("延伸阅读》德国总理说欧洲应当团结", "furniture"),
        ("相关阅读：法国称愿意对话；德国说欧洲应当团结", "furniture"),
        # the header's words as a sentence's subject are body, and do not end the article
        ("相关报道指出，法国已经准备好与德国展开新一轮谈判。", None),
        ("网友评论称法国不会改变政策。", None),
    ],
)
def test_a_link_header_with_its_title_on_one_line_is_one_link(script, config, lexicons, line, zone):
    text = script("新闻标题\n" + BODY + "\n" + line + "\n" + "德国总理说，欧洲应当团结。\n")
    zones = _zones_of(text, config, lexicons)
    assert [kind for z, kind in zones if z.strip() == script(line)] == ([zone] if zone else [])
    assert "tail_block" not in [kind for _, kind in zones]


@pytest.mark.parametrize("header", ["分享到：微信 微博", "我要评论", "责任编辑：王明", "相关新闻"])
@pytest.mark.parametrize("lead", ["", "德国总理说，欧洲应当团结。\n"])
def test_a_tail_header_above_the_article_is_one_line_of_furniture(script, config, lexicons, header, lead):
    # a share bar or a comment link in the page's header, or after the lead, does not end the
    # page: more of the article's sentences follow it than came before
    text = script("新闻标题\n" + lead + header + "\n" + BODY + "\n德国总理说，欧洲应当团结。\n")
    zones = _zones_of(text, config, lexicons)
    assert "tail_block" not in [kind for _, kind in zones]
    assert [kind for z, kind in zones if z.strip() == script(header)] == ["furniture"]


def test_a_box_of_related_links_in_the_middle_ends_where_the_article_resumes(script, config, lexicons):
    resumed = "美国国务院发言人当天回应说，美方欢迎任何有助于缓和紧张局势的真诚对话，但要看实际行动。"
    box = "延伸阅读\n法国称愿意对话\n德国总理下周访问巴黎\n"
    text = script("新闻标题\n" + BODY + resumed + "\n" + box + resumed + "\n")
    zones = _zones_of(text, config, lexicons)
    assert [z for z, kind in zones if kind == "tail_block"] == [script(box)]  # the article goes on after it
    # in a transcript, whose turns are labelled, a labelled turn resumes it
    turn = "发言人：关于你提到的问题，我想强调的是，双方应当通过对话协商妥善处理分歧，维护两国关系大局。"
    text = script("新闻标题\n" + turn + "\n" + turn + "\n" + box + turn + "\n")
    assert [z for z, kind in _zones_of(text, config, lexicons) if kind == "tail_block"] == [script(box)]
    # a reader's comment, labelled, does not resume an article whose paragraphs are not
    comment = "网友甲：我觉得美国国务院说得很对，双方都应该坐下来好好谈一谈，这才是解决问题的办法。"
    text = script("新闻标题\n" + BODY + "\n" + resumed + "\n网友评论\n" + comment + "\n")
    assert [z for z, kind in _zones_of(text, config, lexicons) if kind == "tail_block"] == [script("网友评论\n" + comment + "\n")]


def test_a_reader_comment_section_runs_to_the_end(script, config, lexicons):
    text = script("新闻标题\n" + BODY + "\n读者留言\n老王：法国说“会回应”，只是空话。\n")
    tail = [z for z, kind in _zones_of(text, config, lexicons) if kind == "tail_block"]
    assert tail == [script("读者留言\n老王：法国说“会回应”，只是空话。\n")]


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        # a headline's two halves around a question mark
        ("法国称将制裁？德方：奉陪到底", "heading"),
        # a photo marker or a markdown image opening the line
        ("△法国外长称双方应当继续对话。", "furniture"),
        ("▼德国总理表示欧洲应当团结。", "furniture"),
        ("![法国外长表示愿意对话](https://img.example.com/a.jpg)", "furniture"),
        # a question that ends the line may be reported speech; a quoted question is
        ("法国外长质问德方为何不撤军？", None),
        ("法国外长反问：“德国凭什么要求法国让步？”", None),
    ],
)
def test_headline_questions_and_picture_lines_are_not_body(script, config, lexicons, line, zone):
    text = script("新闻标题\n" + BODY + "\n" + line + "\n" + BODY + "\n")
    assert [kind for z, kind in _zones_of(text, config, lexicons) if z.strip() == script(line)] == ([zone] if zone else [])


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("美国总统出席峰会。(Reuters)", True),
        ("图为法国外长在记者会上发言。", True),
        ("双方握手致意。新华社记者 张明 摄", True),
        # a sentence that names an agency inside it is body
        ("一名美国官员告诉路透社，双方将于下月会面。", False),
        ("法新社记者：贵方能否确认此事？", False),
        # a caption's label opening the line, or its credit in the bracket that closes it
        ("图说：法国外长表示，双方应当继续对话。", True),
        ("图／法国外长表示，双方应当继续对话，但德方必须让步。", True),
        ("法国外长表示愿意对话。（示意图／图片社）", True),
        ("法国外长表示愿意对话。（美联社资料照）", True),
        ("（图：美联社）", True),
        ("图 1/5：法国外长表示愿意对话。", True),
        ("图二：法国外长表示愿意对话。", True),
        # a number after the word for picture that labels no picture is body
        ("图书馆2楼：法国外长表示愿意对话。", False),
        # a bracket that closes a sentence without naming a picture is body
        ("法国外长表示，双方应当继续对话（据美联社报道）。", False),
        ("法国外长说，报告附有一张地图（见附件）。", False),
    ],
)
def test_captions_are_marked_by_their_credit_or_opening_words(script, config, lexicons, line, caption):
    kinds = [kind for _, kind in _zones_of(script("新闻标题\n" + line + "\n"), config, lexicons)]
    assert ("caption" in kinds) == caption


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ('x7 K; q" T) W2 m“你好”', 'x7 K; q  T) W2 m“你好”'),  # garbage: quotes nothing
        ('美方称 "支持攻击计划"。', '美方称 "支持攻击计划"。'),  # Chinese on one side: a quotation
        ('("New START")', '( New START )'),
        ("**王毅：**会谈", "  王毅：  会谈"),  # markdown emphasis is no part of a word
    ],
)
def test_an_ascii_quote_between_ascii_characters_is_masked(text, view):
    from pipeline.normalize import mask_stray_ascii_quotes

    assert mask_stray_ascii_quotes(text) == view


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
    from pipeline.normalize import squeeze_noise

    assert squeeze_noise(text) == view
    assert len(squeeze_noise(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "view"),
    [("我想,,大家", "我想, 大家"), ("清楚,。多年", "清楚。 多年"), ("结束。。。。好", "结束。   好"), ("甲、乙", "甲、乙")],
)
def test_runs_of_marks_keep_one_mark(text, view):
    from pipeline.normalize import mask_punctuation_runs

    assert mask_punctuation_runs(text) == view


def test_moved_characters_map_back_to_the_document():
    from pipeline.normalize import moved_position_map, span_in_document, squeeze_noise

    text = "，外交部發(fā)言人表示，"
    view = squeeze_noise(text)
    moved = moved_position_map(text)
    s = view.index("外交部發言人")
    start, end = span_in_document(moved, s, s + len("外交部發言人"))
    assert text[start:end] == "外交部發(fā)言人"
    assert span_in_document(moved, view.index("表示"), view.index("表示") + 2) == (text.index("表示"), text.index("表示") + 2)


@given(st.text(alphabet="外交部發言人總統发言(fā)zǒngtǒ ),,。、", max_size=40))
@settings(max_examples=200, deadline=None)
def test_noise_masking_keeps_length_and_maps_inside_the_text(text):
    from pipeline.normalize import mask_noise, moved_position_map

    view = mask_noise(text)
    assert len(view) == len(text)
    for a, b in moved_position_map(text).items():
        assert 0 <= a < len(text) and 0 <= b < len(text) and view[a] == text[b]


# Script glosses: the other script's form of the characters before the brackets.
@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("發(发)言人說(说)", " " * 6 + "發言人說"),
        ("對話（对话）", " " * 4 + "對話"),
        ("发言人(發言人)表示", " " * 5 + "发言人表示"),
        # other words in brackets, or a gloss longer than the words before it: no gloss
        ("國務院(白宮)表示", "國務院(白宮)表示"),
        ("說(說話)", "說(說話)"),
    ],
)
def test_script_glosses_are_masked_in_place(text, view):
    from pipeline.normalize import squeeze_noise

    assert squeeze_noise(text) == view


# Pinyin glosses with tone numbers, toneless ones in a glossed document, zhuyin glosses.
@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("發(fa1)言人說(shuo1)", " " * 12 + "發言人說"),
        # toneless: a gloss only where the document glossed with tones at least twice
        ("說(shuō)美(měi)的(de)話", " " * 15 + "說美的話"),
        ("他說(shuo)的話", "他說(shuo)的話"),
        # a document glossed with no tones at all: four one-syllable glosses make it one
        ("說(shuo)美(mei)的(de)話(hua)", " " * 20 + "說美的話"),
        ("说(shuo)美(mei)的(de)话(hua)", " " * 20 + "说美的话"),
        ("他們(men)在長(long)街", "他們(men)在長(long)街"),
        # zhuyin glosses, with or without a tone mark
        ("發(ㄈㄚ)言人說(ㄕㄨㄛ)", " " * 9 + "發言人說"),
        ("决(ㄐㄩㄝˊ)定", " " * 6 + "决定"),
        # square brackets, and a blank before the bracket
        ("發[fā]言人說[shuō]", " " * 10 + "發言人說"),
        ("發 (fā) 言人", " " * 6 + "發言人"),
        # not pinyin, or capitalised without a tone: no gloss
        ("說(shuō)美(měi)歐盟(EU)與(Reuters)", " " * 11 + "說美歐盟(EU)與(Reuters)"),
    ],
)
def test_tone_numbers_and_toneless_glosses_in_a_glossed_document(text, view):
    from pipeline.normalize import squeeze_noise

    assert squeeze_noise(text) == view


def test_an_aside_that_almost_reads_as_a_gloss_is_read_at_all():
    # a gloss pattern that could cut a word in every way took seconds for one unclosed English
    # aside, and grows exponentially with the word: an alarm turns that hang into a failure
    import signal

    from pipeline.normalize import squeeze_noise

    texts = [
        "他說(" + "unproductiveness" * 6 + " and more words here",
        # a closed aside that reads as pinyin up to its last letter: cut into syllables every way
        "他說(" + "xian" * 40 + "q)",
    ]
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the gloss pattern backtracks without end"))
    signal.alarm(20)
    try:
        for text in texts:
            assert squeeze_noise(text) == text
    finally:
        signal.alarm(0)


# ASCII marks typed for Chinese ones are folded where Chinese text stands beside them.
@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("美方应当停止打压.她还表示,中方将采取措施;记者:我们注意到?是!", "美方应当停止打压。她还表示，中方将采取措施；记者：我们注意到？是！"),
        ("約為5%.\n", "約為5%。\n"),
        ("「新的立足點」.報道", "「新的立足點」。報道"),
        ("会谈\"坦诚而务实\". 记者", "会谈\"坦诚而务实\"。 记者"),
        ("CNN:特朗普說", "CNN：特朗普說"),
        # numbers, abbreviations and addresses keep theirs
        ("1,000人 10:30 3.5% U.S. www.a.com Mr. Li", "1,000人 10:30 3.5% U.S. www.a.com Mr. Li"),
        # a list item's number keeps its point; a number ending a sentence does not
        ("表示：1. 各方应停火;\n2.援助", "表示：1. 各方应停火；\n2.援助"),
        ("增长了12.\n", "增长了12。\n"),
    ],
)
def test_ascii_marks_beside_chinese_text_are_folded(text, view):
    from pipeline.normalize import fold_halfwidth_marks

    assert fold_halfwidth_marks(text) == view


def _fold_halfwidth_marks_reference(text: str) -> str:
    """The first implementation of fold_halfwidth_marks (a list of characters rewritten in
    place): the faster one must give the same text."""
    from pipeline.normalize import ASCII_MARK_RUN, FULLWIDTH_ALNUM, HALFWIDTH_MARKS, _beside_chinese

    text = text.translate(FULLWIDTH_ALNUM)
    runs = [m.span() for m in ASCII_MARK_RUN.finditer(text) if m.group() in "．｡" or _beside_chinese(text, *m.span())]
    out = list(text)
    for start, end in runs:
        out[start:end] = text[start:end].translate(HALFWIDTH_MARKS)
    return "".join(out)


@pytest.mark.parametrize(
    "text",
    [
        "美方应当停止打压.她还表示,中方将采取措施;记者:我们注意到?是!",
        "会谈\"坦诚而务实\". 记者．外长说｡ＡＢ,１２３:美国．．",
        "１，０００人 10:30 3.5% U.S. www.a.com Mr. Li,中方.",
        "",
        "没有需要改动的标点。",
    ],
)
def test_folding_ascii_marks_equals_the_first_implementation(text, script):
    from pipeline.normalize import fold_halfwidth_marks

    assert fold_halfwidth_marks(script(text)) == _fold_halfwidth_marks_reference(script(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="打压她表示中方說記者,.:;?!．｡ＡａＢ１２9A \n\"')”」（《“「", max_size=40))
def test_folding_ascii_marks_equals_the_first_implementation_on_any_text(text):
    from pipeline.normalize import fold_halfwidth_marks

    assert fold_halfwidth_marks(text) == _fold_halfwidth_marks_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="衞峯綫裡羣臺著么衛峰线里群台说說 a", max_size=30))
def test_regional_folding_equals_translating_every_character(text):
    from pipeline.normalize import fold_regional_forms

    cfg = NormalizeConfig()
    assert fold_regional_forms(text, cfg) == text.translate(regional_table(tuple(cfg.regional_variants), cfg.regional_keep))


def test_ascii_sentence_ends_split_sentences_and_do_not_make_a_headline(script, config, lexicons):
    from pipeline.normalize import normalize_document

    text = script("外交部发言人毛宁说,美方应当停止打压.她还表示,中方将采取必要措施.")
    norm = normalize_document("d", text, "mixed", config.normalize, lexicons)
    assert [text[s:e] for s, e in norm.sentences] == [script("外交部发言人毛宁说,美方应当停止打压."), script("她还表示,中方将采取必要措施.")]
    assert not norm.zones  # a sentence, not a headline


def _wrapped(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_hard_wrapped_lines_are_joined_and_paragraph_ends_kept(script):
    from pipeline.normalize import mask_noise, soft_line_breaks

    paragraph = script("俄罗斯外交部发言人扎哈罗娃在记者会上说，美国的新一轮制裁不会改变俄方的立场。她强调，俄方将作出回应。")
    text = _wrapped(paragraph, 16) + "\n" + _wrapped(paragraph, 16)
    breaks = soft_line_breaks(text)
    assert breaks and all(text[s:e] == "\n" for s, e in breaks)
    assert len(breaks) == text.count("\n") - 1  # the break after the first paragraph's full stop stays
    lines = [re.sub(r"\s", "", line) for line in mask_noise(text).split("\n")]
    assert lines == [paragraph, paragraph]  # one line per paragraph, the breaks' places blank


def test_unwrapped_paragraphs_of_all_lengths_have_no_soft_breaks(script):
    from pipeline.normalize import soft_line_breaks

    text = script("标题：美俄会谈\n拉夫罗夫说，会谈是有益的\n佩斯科夫表示，双方将保持接触，但是分歧依然存在，美方需要拿出诚意。\n记者 张三")
    assert soft_line_breaks(text) == []


def test_blanks_inside_chinese_text_are_squeezed_out_and_spans_map_back(script):
    from pipeline.normalize import mask_noise, moved_position_map, span_in_document

    text = script("外长表示 两国的分歧 可以通过对话解决")
    view = mask_noise(text)
    assert len(view) == len(text)
    assert view.strip() == script("外长表示两国的分歧可以通过对话解决")
    moved = moved_position_map(text)
    s = view.index(script("两国的分歧"))
    start, end = span_in_document(moved, s, s + 5)
    assert text[start:end] == script("两国的分歧")


def test_zero_width_characters_and_full_width_digits_read_as_plain_text(script):
    from pipeline.normalize import mask_noise

    text = script("普\u200b京\u200b说，２０２１年的Ｇ７峰会")
    view = mask_noise(text)
    assert len(view) == len(text)
    assert re.sub(r"\s", "", view) == script("普京说，2021年的G7峰会")


# --------------------------------------------------------------------------- regional character forms


@pytest.mark.parametrize(
    ("standard", "regional"),
    [
        # Hong Kong forms (峯 衞 綫) in Traditional text
        ("俄羅斯衛星通訊社報道，兩國峰會在線上舉行，普京笑着說關係很好。", "俄羅斯衞星通訊社報道，兩國峯會在綫上舉行，普京笑着說關係很好。"),
        # Taiwan forms (裡 群 臺) in Traditional text
        ("他在會議裏對人羣說，台灣問題不容干涉。", "他在會議裡對人群說，臺灣問題不容干涉。"),
        # HK forms left in Simplified text (copied names, mixed pages)
        ("俄罗斯卫星通讯社报道，两国峰会在线上举行，普京笑着说关系很好。", "俄罗斯衞星通讯社报道，两国峯会在綫上举行，普京笑着说关系很好。"),
        ("他在会议里对人群说，台湾问题不容干涉。", "他在會議裡对人羣说，臺湾问题不容干涉。"),
    ],
)
def test_regional_forms_give_the_simplified_text_of_the_standard_forms(standard, regional):
    assert len(regional) == len(standard)
    for config in ("t2s", "hk2s", "tw2s"):
        assert to_simplified(regional, config) == to_simplified(standard, config), config


@pytest.mark.parametrize("kind", ["t2hk", "t2tw"])
def test_opencc_regional_conversions_of_traditional_text_fold_back(kind):
    """Not 着: Taiwan writes 著 for it too (著急), and 著 is also the standard 著 of 著名, so it is
    left as it is (regional_keep); telling them apart takes phrase context, not one character."""
    standard = "美國總統拜登表示，衛星圖像顯示，雙方峰會裏的線索很多，羣眾焦急，他並不認同。"
    regional = to_simplified(standard, kind)
    assert regional != standard and len(regional) == len(standard)
    assert to_simplified(regional, "t2s") == to_simplified(standard, "t2s")


def test_the_regional_table_is_one_for_one_and_spares_standard_characters():
    cfg = NormalizeConfig()
    table = regional_table(tuple(cfg.regional_variants), cfg.regional_keep)
    assert table[ord("衞")] == "衛"
    assert all(len(v) == 1 for v in table.values())
    assert not {ord(c) for c in cfg.regional_keep} & set(table)
    # standard characters that a regional config would also rewrite keep their meaning
    assert to_simplified("你说什么？这一进展很显著，他是著名学者。", "t2s") == "你说什么？这一进展很显著，他是著名学者。"
    assert to_simplified("這一進展很顯著，他是著名學者。", "t2s") == "这一进展很显著，他是著名学者。"
    # switched off: t2s alone, which leaves 衞 as it is
    assert to_simplified("衞星", "t2s", NormalizeConfig(regional_variants=())) == "衞星"


def _claims(text: str, config) -> set[tuple]:
    document = {"doc_id": "a", "text": text, "script": detect_script(text), "date": "2021-06-16", "title": "", "source_path": "a.txt"}
    rows = analyse_document(document, config)[3]
    return {(c["speaker"], c["start"], c["end"], tuple(c["topics"]), c["stance"]) for c in rows}


def _regional_variants_agree(paths: list, config) -> None:
    differ = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        prefix = "s2" if detect_script(text) == "simplified" else "t2"
        reference = _claims(text, config)
        assert reference, path.name
        for region in ("hk", "tw"):
            variant = to_simplified(text, prefix + region)
            assert len(variant) == len(text)
            got = _claims(variant, config)
            if got != reference:
                differ[(path.name, region)] = (sorted(reference - got)[:3], sorted(got - reference)[:3])
    assert differ == {}


def test_claims_are_the_same_in_hong_kong_and_taiwan_forms(config):
    """Same spans, speakers, topics and stances for each bundled article converted to HK and TW forms."""
    _regional_variants_agree(sorted(CORPUS.glob("*.txt")), config)


@pytest.mark.skipif(not DEV_RAW.is_dir(), reason="the development corpus (../shared/devcorpus) is not here")
def test_claims_are_the_same_in_hong_kong_and_taiwan_forms_on_the_dev_split(config):
    _regional_variants_agree(sorted(DEV_RAW.glob("*.txt")), config)


# A plain-text file copied from a page's source keeps its character references: the analysis
# view reads the characters they name, the document keeps them (offsets index the file).
@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("说：&ldquo;好。&rdquo;他", "说：      “好。”      他"),  # an opening mark beside what follows
        ("&#12300;好&#x300D;", "       「好」       "),
        ('说：&quot;好。&quot;他', '说：     "好。"     他'),  # ASCII quotes alternate on a line
        ("美国&nbsp;欧盟", "美国\u00a0     欧盟"),
        ("AT&T &foo; &#1;", "AT&T &foo; &#1;"),  # a bare &, an unknown name, a control: as written
    ],
)
def test_character_references_are_read_in_the_view_at_the_same_length(text, view):
    from pipeline.normalize import read_character_references

    assert read_character_references(text) == view
    assert len(view) == len(text)


def test_quotations_written_as_character_references_are_claims_with_document_offsets(script, extract):
    body = script("拜登週三表示：&ldquo;雙方同意讓大使返回。&rdquo;他說，美方不會讓步。")
    rows = extract(body)
    direct = [r for r in rows if r["kind"] == "direct"]
    assert [r["text"] for r in direct] == [script("雙方同意讓大使返回")]  # the extract fixture checks offsets
    assert {r["speaker"] for r in rows} == {"拜登"}
