"""Stance constructions of issue #14, round 12: words inside a report of facts, plans or
tallies that are no verdict, and agreement that adopts what it agrees with.

Every sentence is constructed for the test (none comes from an article), and every check
runs in Simplified, Hong Kong Traditional and Taiwan usage (the ``script`` fixture).
"""

from __future__ import annotations

import pytest

from tests.test_classify import classify_one


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # necessity of securing a good: the aim of a plan, no verdict
        ("有必要确保救援物资按时送达", "neutral"),
        ("有必要维护欧洲的安全利益", "neutral"),
        # necessity as a predicate stays a positive assessment
        ("两国元首的会晤非常有必要", "favor"),
        # a share of a group counted: the group's attitude tallied, not the speaker's
        ("最新数据显示，58%的居民赞成延长停火", "neutral"),
        ("调查结果显示近九成的人赞成这项改革", "neutral"),
        ("我们赞成延长停火", "favor"),
        # curiosity and prudence are no verdict
        ("我只是好奇", "neutral"),
        ("对于这次谈判，我们已做好最坏的打算", "neutral"),
        ("我们仍抱着最好的希望", "neutral"),
        ("会谈的结果很好", "favor"),
        ("我们对此非常好奇", "neutral"),
        ("记者很好奇会谈的结果", "neutral"),
    ],
)
def test_necessity_tallies_and_set_phrases_are_no_verdict(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        # agreeing with an accusation makes it the speaker's own
        ("美方的说法，即对方一直在破坏停火", "认同", "against"),
        ("对方破坏了停火", "表示赞同", "against"),
        # agreeing with a positive view stays favor
        ("外界的看法，即两国关系有望改善", "认同", "favor"),
        # praise governs what is praised (not an adoption of a proposition)
        ("乌克兰打击腐败", "赞扬", "favor"),
        # an accusation cue governs the content it accuses of
        ("对方支持分裂势力", "指责", "against"),
    ],
)
def test_agreement_adopts_the_proposition(clf, script, text, cue, stance):
    out = classify_one(clf, script(text), cue=cue, role="endorse" if cue != "指责" else "accusation")
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        # vouching for a rebuttal asserts it: a denial is against
        ("本国从未干涉别国选举", "保证", "against"),
        # vouching for a renunciation stays favor, a vow of punishment is against
        ("本国不会攻击任何邻国", "保证", "favor"),
        ("将严惩一切侵略行为", "誓言", "against"),
        ("将与各方加强合作", "保证", "favor"),
    ],
)
def test_vouching_asserts_the_proposition(clf, script, text, cue, stance):
    out = classify_one(clf, script(text), cue=cue, role="endorse")
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a list of topics goes on after a comma: still the agenda
        ("双方主要讨论了边境问题，以及未来的经济合作", "neutral"),
        ("会谈涉及能源价格，还有两国的贸易发展", "neutral"),
        # a clause that does not go on with the list is read as usual
        ("双方讨论了边境问题，经济合作取得了积极进展", "favor"),
        ("双方讨论了边境问题，及时化解了分歧", "favor"),
        # no agenda before: the continuation alone changes nothing
        ("双方签署了协议，以及深化合作的计划", "favor"),
    ],
)
def test_a_list_of_topics_continues_across_a_comma(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a charge named by 涉嫌 is the charge, not the speaker's accusation
        ("该公司涉嫌干预选举一案已移交法院", "neutral"),
        ("该公司干预了选举", "against"),
    ],
)
def test_suspected_charges_are_named(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # the time has come for an act: advocacy, with the act's polarity
        ("是时候恢复对话了", "favor"),
        ("现在是时候讨论双边关系了", "favor"),
        ("是时候对该国实施制裁了", "against"),
        ("是时候结束这场冲突了", "favor"),
        # a commitment as a document is no promise of the speaker's
        ("出口商已提交承诺书", "neutral"),
    ],
)
def test_advocacy_and_documents(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a modal with 确保: the aim of an obligation, no verdict
        ("各方必须确保救援物资按时送达", "neutral"),
        ("需确保停战协议得到执行", "neutral"),
        ("我们将确保两国关系稳定", "favor"),  # a promise of the speaker's own
        # an association named by its aim, an event's theme in quotation marks
        ("青年友好协会下月举办交流活动", "neutral"),
        ("交流周以“共筑友谊”为主题", "neutral"),
        ("两国人民的友谊源远流长", "favor"),
    ],
)
def test_obligations_to_secure_and_names_of_aims(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a wrongdoing named as the topic discussed is no accusation
        ("两国元首就网络攻击的问题进行了讨论", "neutral"),
        ("双方就干涉选举的问题展开磋商", "neutral"),
        # the same wrongdoing stated, or the object of an attitude, accuses
        ("对方发动了网络攻击", "against"),
        ("我们对网络攻击表示担忧", "against"),
    ],
)
def test_a_wrongdoing_discussed_is_the_topic(clf, script, text, stance):
    out = classify_one(clf, script(text), speaker="外交部")
    assert out["stance"] == stance, out["stance_evidence"]
