"""Spans that outlets other than the dev ones write (issue #13): a bare quotation paragraph
before its attribution, a quotation with no final stop on a short line, expectation verbs
inside reported content, an organisation's meeting as speaker, what both sides agree to inside
one source's speech. Every sentence is constructed for these tests and runs in all three
scripts (the ``script`` fixture: Simplified, Hong Kong, Taiwan); each table has negatives."""

from __future__ import annotations

import pytest

from tests.conftest import assert_claims_found

# (body in Simplified, expected claims in text order: (speaker, Simplified text, kind, rule));
# rule None: any rule
Expected = list[tuple[str, str, str, str | None]]

# fmt: off
BARE_QUOTE_BEFORE_CLAIM: list[tuple[str, Expected]] = [
    # a bare quotation paragraph, then a paragraph opened by the speaker's pronoun and a colon
    ("拉夫罗夫周三在莫斯科会见了记者。\n“俄方从未威胁任何国家。”\n他接着说：“北约东扩才是问题的根源。”",
     [("拉夫罗夫", "俄方从未威胁任何国家", "direct", "bare_quote_before_claim"),
      ("拉夫罗夫", "北约东扩才是问题的根源", "direct", None)]),
    # ... then a quotation with its attribution after it; two sentences in the first one
    ("“这是一次坦率的会谈。双方都表达了各自的关切。”\n“我们同意继续保持接触，”布林肯在会后对记者说。",
     [("布林肯", "这是一次坦率的会谈。双方都表达了各自的关切", "direct", "bare_quote_before_claim"),
      ("布林肯", "我们同意继续保持接触", "direct", None)]),
    # a run of bare paragraphs takes the speaker named after the last one
    ("“通胀正在回落。”\n“就业市场依然强劲。”\n“我们会继续关注风险，”耶伦说。",
     [("耶伦", "通胀正在回落", "direct", "bare_quote_before_claim"),
      ("耶伦", "就业市场依然强劲", "direct", "bare_quote_before_claim"),
      ("耶伦", "我们会继续关注风险", "direct", None)]),
    # negative: a quoted question is no claim, the answer after it is
    ("“制裁有用吗？”\n“没有用，”佩斯科夫说，“俄罗斯经济依然稳定。”",
     [("佩斯科夫", "没有用", "direct", None), ("佩斯科夫", "俄罗斯经济依然稳定", "direct", None)]),
    # negative: another voice (则) answers the quotation; narration follows it
    ("俄罗斯外交部周三发表声明。\n“美方的指控毫无根据。”\n美国国务院则表示：“美方将继续调查。”",
     [("美国国务院", "美方将继续调查", "direct", None)]),
    ("“北约不会分裂。”\n斯托尔滕贝格周四在布鲁塞尔发表讲话。", []),
]

QUOTE_WITHOUT_FINAL_STOP: list[tuple[str, Expected]] = [
    ("川普说：「我们不会让步」\n他随后离开了会场。", [("特朗普", "我们不会让步", "direct", None)]),
    ("普京说：“西方在撒谎”\n拜登则说：“俄罗斯必须撤军”",
     [("普京", "西方在撒谎", "direct", None), ("拜登", "俄罗斯必须撤军", "direct", None)]),
    ("一名白宫官员表示：「总统不会出席」", [("白宫官员", "总统不会出席", "direct", None)]),
    # straight quotation marks and a half-width colon
    ('拉夫罗夫说:"美方在玩火"', [("拉夫罗夫", "美方在玩火", "direct", None)]),
    # a no-break space after the colon (text taken from a web page)
    ("泽连斯基在视频讲话中说：\u00a0“乌克兰会赢”", [("泽连斯基", "乌克兰会赢", "direct", None)]),
    # negative: a name, a colon and a quotation is a heading's form; short lines of titles
    ("普京：“我们不想要战争”\n俄罗斯总统周四在莫斯科发表了讲话。", []),
    ("普京访华\n拜登与普京通话\n俄乌局势持续紧张。", []),
]

EXPECTATION_IN_CONTENT: list[tuple[str, Expected]] = [
    ("乌沙科夫说，预计两国元首将通话一小时，并讨论乌克兰局势。",
     [("乌沙科夫", "预计两国元首将通话一小时，并讨论乌克兰局势", "indirect", "reported_cue")]),
    ("白宫称，拜登将于周三抵达日内瓦，预计与普京会谈数小时。",
     [("白宫", "拜登将于周三抵达日内瓦，预计与普京会谈数小时", "indirect", "reported_cue")]),
    ("据路透社报道，估计有数千人参加了集会，警方预计人数还会增加。",
     [("路透社", "估计有数千人参加了集会，警方预计人数还会增加", "indirect", None)]),
    # 一小时 is a duration, not a 时 closing a time frame before the next clause's verb
    ("乌沙科夫表示，通话将持续一小时，双方预料会讨论战略稳定问题。",
     [("乌沙科夫", "通话将持续一小时，双方预料会讨论战略稳定问题", "indirect", "reported_cue")]),
    # the source itself expects it: the nested cue of one speaker keeps the innermost content
    ("耶伦说，她估计制裁将使俄罗斯经济萎缩。", [("耶伦", "制裁将使俄罗斯经济萎缩", "indirect", None)]),
    # negative: an expectation in narration is no claim
    ("两国元首预计将于下月会晤。", []),
]

MEETING_OF_A_BODY: list[tuple[str, Expected]] = [
    ("北约外长会议发表声明称，俄罗斯必须从乌克兰边境撤军。",
     [("北约", "俄罗斯必须从乌克兰边境撤军", "indirect", None)]),
    ("七国集团峰会公报指出，成员国将继续对俄罗斯施加压力。",
     [("七国集团", "成员国将继续对俄罗斯施加压力", "indirect", None)]),
    ("金砖国家领导人会晤发表宣言说，各国反对单边制裁。", [("金砖国家", "各国反对单边制裁", "indirect", None)]),
    # negative: someone of the body, or someone at its meeting, speaks for himself
    ("北约秘书长斯托尔滕贝格表示，盟国将加强东翼部署。", [("斯托尔滕贝格", "盟国将加强东翼部署", "indirect", None)]),
    ("北约峰会上，斯托尔滕贝格表示，盟国将加强东翼部署。", [("斯托尔滕贝格", "盟国将加强东翼部署", "indirect", None)]),
]

JOINT_AGREEMENT_IN_CONTENT: list[tuple[str, Expected]] = [
    ("沙利文表示，峰会不会取得重大突破，但双方会同意恢复大使级接触。",
     [("沙利文", "峰会不会取得重大突破，但双方会同意恢复大使级接触", "indirect", "reported_cue")]),
    # another named party's agreement, inside the source's reported speech: the source's content
    ("克里姆林宫表示，普京同意在三十天内停止打击能源设施。",
     [("克里姆林宫", "普京同意在三十天内停止打击能源设施", "indirect", "reported_cue")]),
    # negative: the party's own agreement, reported by nobody, is its own claim
    ("普京同意在三十天内停止打击能源设施。", [("普京", "在三十天内停止打击能源设施", "indirect", None)]),
    # negative: 并 adds an act of both in narration: a claim of its own
    ("拜登建议普京作出书面回应，两人并同意让外长再次会面。",
     [("拜登", "普京作出书面回应", "indirect", None), ("双方", "让外长再次会面", "indirect", None)]),
]
QUOTED_TERM_IN_REPORTED_SPEECH: list[tuple[str, Expected]] = [
    # a short quoted term opening the content, its predicate glued to the closing mark: indirect
    ("普京在讲话中说，“西方国家”一直在试图遏制俄罗斯。",
     [("普京", "“西方国家”一直在试图遏制俄罗斯", "indirect", "reported_cue")]),
    # negative: the quotation is the words said, a tail closes it (云云)
    ("普京说“西方在撒谎”云云。", [("普京", "西方在撒谎", "direct", None)]),
]
ADDRESSEE_AFTER_MANNER: list[tuple[str, Expected]] = [
    # the one spoken to, after a manner phrase, is no other party of the attribution
    ("“下次在莫斯科见。”普京用英语对特朗普说。", [("普京", "下次在莫斯科见", "direct", "quote_then_attribution")]),
    ("“这是挑衅。”扎哈罗娃在社交媒体上向美方喊话。", [("扎哈罗娃", "这是挑衅", "direct", "quote_then_attribution")]),
    # negative: a party met, not spoken to, leaves the quotation unattributed
    ("“我们准备好了。”普京会见特朗普后离开。", []),
]
QUESTION_ANSWERED_IN_QUOTE: list[tuple[str, Expected]] = [
    # a question cue whose quotation asks and then answers: the answer is the claim
    ("佩斯科夫反问道：“对话有用吗？对话从未停止。”", [("佩斯科夫", "对话从未停止", "direct", "cue_quote")]),
    ("库列巴问道：“谁还相信这些承诺？没有人相信。”", [("库列巴", "没有人相信", "direct", "cue_quote")]),
    # a speech cue: the question opening the quotation stays out of the span
    ("朔尔茨说：“德国会让步吗？德国不会让步。”", [("朔尔茨", "德国不会让步", "direct", "cue_quote")]),
    # the question cue after the quotation
    ("“对话有用吗？对话从未停止。”佩斯科夫反问道。", [("佩斯科夫", "对话从未停止", "direct", "quote_then_attribution")]),
    # negative: a quotation that only asks is no claim
    ("佩斯科夫反问道：“对话有用吗？”", []),
    ("“对话有用吗？”佩斯科夫反问道。", []),
    # negative: a question inside inner marks is someone else's, reported: the whole quotation stays
    ("朔尔茨说：“他们问我‘德国会让步吗？’德国不会让步。”",
     [("朔尔茨", "他们问我‘德国会让步吗？’德国不会让步", "direct", "cue_quote")]),
    ("记者问道：“美方会派兵吗？”", []),
]
REPORTED_AFTER_BARE_QUOTE: list[tuple[str, Expected]] = [
    # a bare quotation paragraph, then a paragraph opening with a named source and a plain speech verb
    ("“北约不会退让。”\n斯托尔滕贝格指出，盟国将加强东翼。",
     [("斯托尔滕贝格", "北约不会退让", "direct", "bare_quote_before_claim"),
      ("斯托尔滕贝格", "盟国将加强东翼", "indirect", "reported_cue")]),
    # negative: an answer to someone may be another voice's: the quotation stays unattributed
    ("“北约不会退让。”\n佩斯科夫回应说，俄方不接受最后通牒。", [("佩斯科夫", "俄方不接受最后通牒", "indirect", None)]),
]
MEETING_PLACE_OF_A_BODY: list[tuple[str, Expected]] = [
    # a city between the organisation and its meeting noun is where the body met
    ("北约里加峰会公报说，盟国将扩大防务合作。", [("北约", "盟国将扩大防务合作", "indirect", "reported_cue")]),
    ("欧盟布鲁塞尔峰会声明称，援助将持续。", [("欧盟", "援助将持续", "indirect", "reported_cue")]),
    # negative: another party named as itself makes a joint body, not the organisation
    ("北约俄罗斯理事会声明说，双方将恢复对话。", []),
]
NAME_COLON_QUOTE_LINES: list[tuple[str, Expected]] = [
    # a name-colon-quotation line with no stop that ends the text heads nothing: it was said
    ("英国首相周三在议会发言。\n约翰逊：“英国不会退让”", [("约翰逊", "英国不会退让", "direct", "quote_colon")]),
    # an exchange of such lines
    ("两人周二通了电话。\n普京：“俄罗斯不想要冲突”\n拜登：“美国不会派兵”\n通话持续了一小时。",
     [("普京", "俄罗斯不想要冲突", "direct", "quote_colon"), ("拜登", "美国不会派兵", "direct", "quote_colon")]),
    # negative: one such line over a paragraph is a heading
    ("约翰逊：“英国不会退让”\n英国首相周三在议会发言。", []),
]
# fmt: on

CASES = [
    *ADDRESSEE_AFTER_MANNER,
    *QUOTED_TERM_IN_REPORTED_SPEECH,
    *BARE_QUOTE_BEFORE_CLAIM,
    *QUOTE_WITHOUT_FINAL_STOP,
    *EXPECTATION_IN_CONTENT,
    *MEETING_OF_A_BODY,
    *JOINT_AGREEMENT_IN_CONTENT,
    *QUESTION_ANSWERED_IN_QUOTE,
    *REPORTED_AFTER_BARE_QUOTE,
    *MEETING_PLACE_OF_A_BODY,
    *NAME_COLON_QUOTE_LINES,
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_spans_outlets_write(extract, script, body, expected):
    text = script(body)
    assert_claims_found(extract(text), text, expected)
