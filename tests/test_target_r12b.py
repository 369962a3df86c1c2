"""Targets of round 12b (pipeline/target.py, models/target.yaml), from the errors of a second
group of outlets: a source described by its side speaks for that side, a role in apposition
to a name is one mention of the named person.

Every sentence is constructed for the test; each is checked in Simplified, Hong Kong
Traditional and Taiwan usage (the ``script`` fixture).
"""

from __future__ import annotations

import pytest

from tests.test_target import claim_of, said


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # an anonymous source described by its side: its own country is never its target
        ("华府高级官员", "美方预计这次会谈不会取得任何成果", ""),
        ("以色列官员", "以色列绝不会同意这份协议，因为其目的是解除哈马斯的武装", "哈马斯"),
        # the other side it names stays a target
        ("华府高级官员", "俄方一再拒绝停火，令人失望", "俄罗斯"),
    ],
)
def test_a_source_described_by_its_side_speaks_for_that_side(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # a role right before a name is that person; the remarks' author is criticised, the
        # one they were aimed at (针对X的) is not
        ("佩斯科夫", "美国总统拜登针对俄总统普京的粗鲁评论不可接受", "拜登"),
        ("佩斯科夫", "拜登针对普京的侮辱性言论令人遗憾", "拜登"),
        # the role alone still resolves to its holder
        ("拉夫罗夫", "俄总统普京的讲话遭到歪曲，美方的做法令人遗憾", "美国"),
    ],
)
def test_a_role_in_apposition_to_a_name_is_one_mention(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # a party's region or battlefield is where things happen, not who acts
        ("美联社", "在乌克兰战场交战的两军都在为长期消耗作打算，局势会继续恶化", ""),
        ("拉夫罗夫", "乌克兰东部的油库屡次遭到空袭", ""),
        # the actor named before the region stays the target
        ("布林肯", "俄罗斯在乌克兰东部的侵略必须停止", "俄罗斯"),
        ("拉夫罗夫", "乌克兰军队袭击了俄罗斯境内的平民", "乌克兰"),
        # what lies between two parties is the pair's, not either party's
        ("普京", "中止执行俄罗斯与美国之间仅存的军控协议", ""),
    ],
)
def test_a_region_or_what_lies_between_two_parties_is_no_target(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


@pytest.mark.parametrize(
    ("lead", "body", "target"),
    [
        # inside quotation marks, 他 with its own speech verb is the last other person named
        ("谈到普京时说：“", "你认为他会说这种话吗", "普京"),
        ("谈到普京时说：“", "我不知道他一直主张什么", "普京"),
        # he speaks of himself: in reported speech the last person named is the speaker
        ("表示，", "我们知道他一直主张谈判", ""),
        # a plural names no one person
        ("谈到普京时说：“", "你认为他们会说这种话吗", ""),
    ],
)
def test_a_pronoun_with_its_own_speech_verb_relays_the_person_named_before(clf, script, lead, body, target):
    out = claim_of(clf, script("特朗普"), "特朗普", script(lead), script(body), script("说"))
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # solidarity with a party is favour toward it
        ("朔尔茨", "与美国团结一致至关重要", "美国"),
        # the receiver of what is handed over is not the one criticised; a named giver is
        ("特朗普", "把这批战机交给乌克兰是极其糟糕的做法", ""),
        ("拉夫罗夫", "美国把导弹交给乌克兰是极其危险的", "美国"),
    ],
)
def test_solidarity_and_a_receiver(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


def test_a_company_a_ban_is_aimed_at_is_the_target(clf, script):
    out = said(clf, script, "特朗普", "两国不要让华为参与当地的电讯网络建设", cue="呼吁")
    assert (out["stance"], out["target"]) == ("against", "华为"), out["stance_evidence"]
    # named without a measure aimed at it, the company is no target
    plain = said(clf, script, "特朗普", "华为明年将发布新手机")
    assert plain["target"] == "", plain["stance_evidence"]


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # the partner of a meeting is not what is assessed; the party accused after it is
        ("特朗普", "他不想与普京进行一场徒劳的会议，关键是莫斯科当局拒绝停火", "俄罗斯"),
        ("特朗普", "他不想与普京进行一场徒劳的会议", ""),
        # the one refusing the meeting is still the target
        ("拉夫罗夫", "美国拒绝与俄罗斯举行谈判", "美国"),
    ],
)
def test_the_partner_of_a_meeting_is_no_target(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])
