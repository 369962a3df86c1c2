"""Stance constructions of issue #14, round 12 (second fold): words that hold a polar word
without judging (a party named the opposition, a capability, a death reported), a meeting's
focus and the topic a view was given on, resisting a harm, and cutting off a supply.

Every sentence is constructed for the test (none comes from an article), and every check
runs in Simplified, Hong Kong Traditional and Taiwan usage (the ``script`` fixture).
"""

from __future__ import annotations

import pytest

from tests.test_classify import classify_one


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # the opposition named as a party: no opposition voiced
        ("该国反对派领袖下周访问邻国", "neutral"),
        ("我们反对这项制裁", "against"),
        # a death reported with sympathy is a fact, no verdict on anyone
        ("这位老记者上月不幸离世", "neutral"),
        # a joint opinion holds 同意 across its word boundary only
        ("两个协会发表了一份共同意见", "neutral"),
        ("我们同意这项安排", "favor"),
        # 一致认为 says who holds a view: the view decides
        ("各国财长一致认为，这对全球经济构成下行风险", "against"),
        ("双方一致认为会谈非常成功", "favor"),
        # a capability named, no attack made
        ("必须计算该联盟的综合打击能力", "neutral"),
        ("对方袭击了我们的军火库", "against"),
    ],
)
def test_words_holding_a_polar_word_without_judging(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a meeting's focus lists its topics
        ("这次会谈将聚焦恢复双方使馆的正常运作", "neutral"),
        ("双方恢复了互信", "favor"),
        # the topic a view was given on is named, the view is not reported
        ("部长就公平竞争的共同目标发表了看法", "neutral"),
        ("部长认为这是公平竞争", "favor"),
    ],
)
def test_a_focus_and_the_topic_of_a_view_are_agenda(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # resisting a harm is the defence against it: favor, and support for it too
        ("我们支持该国抵御外来入侵的决心不会改变", "favor"),
        ("他们正在抵抗侵略", "favor"),
        # failing to resist it is no success
        ("他们未能抵御敌人的进攻", "against"),
        # cutting off a supply to a party is a hostile act
        ("美方决定停止向对方提供导弹发射数据", "against"),
        ("美方决定向对方提供导弹发射数据", "neutral"),
    ],
)
def test_resisting_a_harm_and_cutting_off_a_supply(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # the other side's concern accommodated: the accommodation decides
        ("中方理解美方的担忧", "favor"),
        ("我们尊重各方的合理关切", "favor"),
        ("我们不理解对方的担忧", "against"),
        # a concern of the speaker's own, or one ignored, stays against
        ("我们对对方的做法感到担忧", "against"),
        ("对方无视我们的关切", "against"),
    ],
)
def test_a_concern_accommodated(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # no room to negotiate is a refusal; its negation leaves room
        ("这个问题没得商量", "against"),
        ("再次会晤并非完全没得商量", "favor"),
        # resolve at any cost takes the polarity of the act; alone it is willingness
        ("我们会不惜一切营救被扣押的记者", "favor"),
        ("他们不惜一切代价攻击平民", "against"),
        # bare 不惜 (不惜牺牲) stays a mask, no resolve counted
        ("他不惜牺牲个人时间", "neutral"),
    ],
)
def test_refusing_to_negotiate_and_resolve_at_any_cost(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # 不对X抱有期待: the negator governs the attitude, the good named inside the frame is
        # what is expected, not praised
        ("双方不对会面成果抱有期待", "against"),
        ("我们对会谈成果抱有期待", "favor"),
        # 不对 as "wrong" opens no frame and leaves the clause after it alone
        ("这样做不对，我们对此感到遗憾", "against"),
    ],
)
def test_a_negated_attitude_to_a_good(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # one of an action's aims stated: its plan, like 目的是
        ("此次部署的目的之一是防止局势进一步升级", "neutral"),
        ("这次访问的主要目的是缓和紧张局势", "neutral"),
        # the speaker's own wish to avoid it stays favor
        ("我们希望避免一场更大的冲突", "favor"),
    ],
)
def test_one_of_the_aims_is_a_plan(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]
