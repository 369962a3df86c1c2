"""Targets of round 12 (pipeline/target.py, models/target.yaml): whose words a claim relays
through a frame or a light verb, a second-person pronoun, a pronoun's gloss, the half of a
concession, the party a favourable act backs, the object of 对 opening a clause, an issue
discussed.

Every sentence is constructed for the test; each is checked in Simplified, Hong Kong
Traditional and Taiwan usage (the ``script`` fixture).
"""

from __future__ import annotations

import pytest

from tests.test_target import claim_of, said


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # a frame between the party and its speech verb: where or how it speaks
        ("布林肯", "拉夫罗夫在记者会上表示，会谈将于下周举行", "拉夫罗夫"),
        ("布林肯", "伊朗以书面形式作出了答复", "伊朗"),
        # a light verb and a view noun: the party's words
        ("布林肯", "普京发表电视讲话，宣布动员令", "普京"),
        # a disposal: the party's decision with its object first
        ("佩斯科夫", "拜登已将军控列为首要议题", "拜登"),
        # a pronoun glossed with the name, then the party's aim
        ("拜登", "他（普京）在谋求连任", "普京"),
        # plans and meetings relay nothing
        ("布林肯", "普京将于下周访问土耳其", ""),
        ("布林肯", "普京在莫斯科会见了土耳其总统", ""),
    ],
)
def test_a_party_relayed_through_a_frame_or_a_light_verb(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


def test_a_party_relayed_in_a_conceded_half_is_no_target(clf, script):
    conceded = said(clf, script, "毛宁", "虽然日本认为这些措施过于严厉，但中方将继续依法行事")
    assert conceded["target"] == "", conceded["stance_evidence"]
    plain = said(clf, script, "毛宁", "日本认为这些措施过于严厉")
    assert plain["target"] == "日本"


@pytest.mark.parametrize(
    ("lead", "body", "cue", "expected"),
    [
        # the addressee of the cue is the 你 of the claim, before a party the content names
        ("向普京表示，", "你们若继续庇护这些黑客，俄罗斯将付出代价", "表示", ("against", "普京")),
        ("告诉普京，", "你们的代表团明天抵达", "告诉", ("neutral", "普京")),
        # no addressee: a 你 alone names no one
        ("表示，", "你们必须对这些攻击负责", "表示", ("against", "")),
    ],
)
def test_a_second_person_pronoun_is_the_party_the_cue_addresses(clf, script, lead, body, cue, expected):
    out = claim_of(clf, script("拜登"), "拜登", script(lead), script(body), script(cue))
    assert (out["stance"], out["target"]) == expected, out["stance_evidence"]


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("德国将继续支援乌克兰", "乌克兰"),
        ("我们坚定地支持乌克兰", "乌克兰"),
        # a pair's joint act is backed, not either party
        ("我们坚定地支持乌克兰与俄罗斯恢复谈判", ""),
    ],
)
def test_a_favourable_act_aims_at_the_party_it_backs(clf, script, body, target):
    out = said(clf, script, "朔尔茨", body)
    assert (out["stance"], out["target"]) == ("favor", target), out["stance_evidence"]


def test_a_clause_opening_with_dui_x_carries_its_actor_over(clf, script):
    out = claim_of(
        clf, script("林剑"), "林剑", script("指出，"), script("所谓制裁是美国一手炮制的，对古巴进行的经济封锁"), script("指出")
    )
    assert (out["stance"], out["target"]) == ("against", "美国"), out["stance_evidence"]


def test_a_party_inside_an_issue_discussed_is_no_target(clf, script):
    out = said(clf, script, "布林肯", "双方就俄罗斯网络攻击的问题进行了坦率的讨论")
    assert out["target"] == "", out["stance_evidence"]


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("拉夫罗夫在记者会上表达的立场十分强硬", "拉夫罗夫"),
        # two parties speaking together: neither is the target
        ("布林肯和拉夫罗夫在记者会上表达的立场截然不同", ""),
    ],
)
def test_two_parties_relayed_together_are_no_target(clf, script, body, target):
    out = claim_of(clf, script("美联社"), "美联社", script("报道称，"), script(body), script("报道称"))
    assert out["target"] == target, (out["stance"], out["stance_evidence"])


@pytest.mark.parametrize(("body", "target"), [("继续支持古巴人民", "古巴"), ("继续支持古巴反对派人士", "")])
def test_a_group_within_a_party_is_not_the_party(clf, script, body, target):
    out = claim_of(clf, script("美国"), "美国", script("承诺，"), script(body), script("承诺"))
    assert (out["stance"], out["target"]) == ("favor", target), out["stance_evidence"]


@pytest.mark.parametrize(
    ("speaker", "body", "stance", "target"),
    [
        # a country's conduct judged (not its 是…, a statement of facts)
        ("佩斯科夫", "华盛顿展现出了建设性的态度", "favor", "美国"),
        ("佩斯科夫", "日本是一个岛国", "neutral", ""),
        # the party the speaker's own hope is about; a third party's hope relays that party
        ("朔尔茨", "希望中国能够参加明年的峰会", "favor", "中国"),
        ("朔尔茨", "普京希望中国能够参加明年的峰会", "neutral", "普京"),
        # the party that gives help
        ("布林肯", "土耳其在斡旋中提供了宝贵的帮助", "favor", "土耳其"),
        # what a party wants
        ("佩斯科夫", "特朗普想结束这场冲突", "favor", "特朗普"),
    ],
)
def test_the_party_a_favourable_claim_judges_hopes_for_or_relays(clf, script, speaker, body, stance, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, target), out["stance_evidence"]


def _after_context(
    clf, script, context: str, speaker_mention: str, speaker: str, lead: str, body: str, cue: str, date: str = ""
) -> dict:
    """``{context}{speaker_mention}{lead}{body}。``: a claim with the sentences before it."""
    from pipeline.classify import classify_document
    from pipeline.lexicons import simp
    from tests.conftest import constructed_claim
    from tests.test_target import CFG

    context, speaker_mention, lead, body, cue = (script(w) for w in (context, speaker_mention, lead, body, cue))
    text = f"{context}{speaker_mention}{lead}{body}。"
    start = len(context) + len(speaker_mention) + len(lead)
    row = constructed_claim(body, text, start, speaker, cue, "speech")
    row.update(speaker_start=len(context), speaker_end=len(context) + len(speaker_mention))
    doc = {"doc_id": "t", "title": None, "text": text, "date": date}
    return classify_document([row], doc, simp(text), "", clf, CFG)[0]


@pytest.mark.parametrize(
    ("context", "body", "target"),
    [
        # 你 or 对方 with no addressee in the cue: the last other party named before
        ("记者问到纳瓦利内一案时，", "对方清楚自己违反了法律", "纳瓦利内"),
        ("泽连斯基再次拒绝了停火方案。", "你们一直在拖延谈判，这是不可接受的", "泽连斯基"),
        # a 你 with no party named before it names no one
        ("会后记者提问。", "你们一直在拖延谈判，这是不可接受的", ""),
    ],
)
def test_a_second_person_or_the_other_side_is_the_party_named_before(clf, script, context, body, target):
    out = _after_context(clf, script, context, "普京", "普京", "说，", body, "说")
    assert (out["stance"], out["target"]) == ("against", target), out["stance_evidence"]


@pytest.mark.parametrize(
    ("body", "date", "target"),
    [
        # a country's leader is the holder of its head role on the document's day (a year of
        # transition: Japan changed prime minister in October 2025)
        ("日本领导人发表了错误的言论", "2025-11-21", "高市早苗"),
        ("日本领导人发表了错误的言论", "2025-03-01", "石破茂"),
        ("美国领导人发表了错误的言论", "2021-06-16", "拜登"),
        # no head role listed for the country: the country itself
        ("瑞士领导人发表了错误的言论", "2021-06-16", "瑞士"),
    ],
)
def test_a_countrys_leader_is_the_holder_of_its_head_role_on_the_day(clf, script, body, date, target):
    out = _after_context(clf, script, "", "毛宁", "毛宁", "说，", body, "说", date=date)
    assert (out["stance"], out["target"]) == ("against", target), out["stance_evidence"]
