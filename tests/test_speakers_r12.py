"""Speaker ids that transfer across outlets (issue #13): the members of a multilateral body
speaking as one (七国集团外长 -> 七国集团), an aide named by a person's or role's title (普京助理,
马克龙的发言人: not the person), a body owning a description across a count and a relative
clause (北约一名不愿具名的外交官 -> 北约外交官), a definite description or a pronoun pointing back
to an unnamed source (该人士, 他 after 一名美国官员; 他们 after 示威者), a bare title of one country's office only
(国务卿 -> the holder), and two parties accusing each other (A与B
相互指控对方 -> 双方). Every constructed sentence runs in Simplified, Hong Kong and Taiwan script
(the ``script`` fixture); the expected text is converted the same way."""

from __future__ import annotations

import pytest

DATE = "2025-06-16"

# (Simplified body, [(speaker, text)])
# fmt: off
GROUP_MEMBERS = [
    ("七国集团外长在联合声明中表示，俄罗斯必须停止对乌克兰的攻击。", [("七国集团", "俄罗斯必须停止对乌克兰的攻击")]),
    ("七国集团领导人表示，他们将继续向乌克兰提供支持。", [("七国集团", "他们将继续向乌克兰提供支持")]),
    ("七大工业国集团领导人表示，他们将继续向乌克兰提供支持。", [("七国集团", "他们将继续向乌克兰提供支持")]),
    ("东盟外长表示，各方应通过对话解决争端。", [("东盟", "各方应通过对话解决争端")]),
    # a country's leader is a role with one holder, not a body's members
    ("俄罗斯领导人表示，俄方愿意谈判。", [("普京", "俄方愿意谈判")]),
    # the page gave a named person that whole title: a back-reference to her, not the body
    ("欧盟外长卡拉斯周一抵达基辅。欧盟外长表示，欧盟将继续支持乌克兰。", [("卡拉斯", "欧盟将继续支持乌克兰")]),
]

SUBORDINATES = [
    ("普京助理表示，谈判取得进展。", [("普京助理", "谈判取得进展")]),
    ("特朗普顾问表示，谈判取得进展。", [("特朗普顾问", "谈判取得进展")]),
    ("马克龙的发言人表示，法国将继续支持乌克兰。", [("马克龙发言人", "法国将继续支持乌克兰")]),
    ("石破茂的发言人表示，日本政府将密切关注事态发展。", [("石破茂发言人", "日本政府将密切关注事态发展")]),
    # a role, then an aide's title: the role stays as written with the title (no holder listed)
    ("美国总统特使表示，谈判取得进展。", [("美国总统特使", "谈判取得进展")]),
    # the registry lists the aide: the holder
    ("普京的发言人表示，谈判取得进展。", [("佩斯科夫", "谈判取得进展")]),
    # the person's own title after the name is still the person
    ("普京总统表示，谈判取得进展。", [("普京", "谈判取得进展")]),
    ("石破茂首相表示，日本将加强防卫。", [("石破茂", "日本将加强防卫")]),
]

OWNED_DESCRIPTIONS = [
    ("北约一名不愿具名的外交官表示，成员国对此看法不一。", [("北约外交官", "成员国对此看法不一")]),
    ("一名不愿具名的北约外交官说，成员国对此看法不一。", [("北约外交官", "成员国对此看法不一")]),
    ("美国的官员表示，谈判取得进展。", [("美国官员", "谈判取得进展")]),
    ("欧盟委员会的发言人表示，欧盟将继续支持乌克兰。", [("欧盟委员会发言人", "欧盟将继续支持乌克兰")]),
    # a relative clause with no body before its count: the head alone
    ("参与谈判的一名官员表示，谈判取得进展。", [("官员", "谈判取得进展")]),
]

BACK_TO_UNNAMED = [
    ("一名不愿透露姓名的美国官员表示，华盛顿正在评估各种选项。该人士还说，美方不会在制裁问题上让步。",
     [("美国官员", "华盛顿正在评估各种选项"), ("美国官员", "美方不会在制裁问题上让步")]),
    ("一位熟悉谈判的知情人士透露，双方仍存分歧。这位人士说，谈判可能延期。",
     [("知情人士", "双方仍存分歧"), ("知情人士", "谈判可能延期")]),
    ("不愿具名的北约外交官表示，成员国对此看法不一。他说，北约峰会将讨论此事。",
     [("北约外交官", "成员国对此看法不一"), ("北约外交官", "北约峰会将讨论此事")]),
    # a generic voice (专家: usually several people) is no one 他 points back to
    ("拜登抵达日内瓦。专家认为，峰会的象征意义大于实质意义。他说，美国回来了。",
     [("专家", "峰会的象征意义大于实质意义"), ("拜登", "美国回来了")]),
    # the named person who spoke last is still the one 他 points back to
    ("一名美国官员说，援助将在下周宣布。拜登表示，美国将继续支持乌克兰。他还说，援助规模尚未确定。",
     [("美国官员", "援助将在下周宣布"), ("拜登", "美国将继续支持乌克兰"), ("拜登", "援助规模尚未确定")]),
]

RECIPROCAL = [
    ("但格鲁吉亚与分离武装相互指责对方破坏停火。", [("双方", "对方破坏停火")]),
    ("亚美尼亚与阿塞拜疆相互指控对方破坏停战。", [("双方", "对方破坏停战")]),
    ("以色列与哈马斯互相指责对方破坏停火。", [("双方", "对方破坏停火")]),
    # two of one side with no reciprocity: the first named speaks (spec)
    ("布林肯与沙利文都表示，美国将继续支持乌克兰。", [("布林肯", "美国将继续支持乌克兰")]),
]
# a bare title only one country's office bears in the registry, on a page naming that side:
# the holder at the page's date; a title of many countries' offices stays as written
SOLE_OFFICES = [
    ("拜登会见了泽连斯基。国务卿表示，美国将继续支持乌克兰。", "2021-06-16", [("布林肯", "美国将继续支持乌克兰")]),
    ("日本首相石破茂会见了李在明。官房长官表示，日方将加强合作。", "2025-06-16", [("林芳正", "日方将加强合作")]),
    ("普京会见了特朗普。总统表示，双方同意继续对话。", "2025-06-16", [("总统", "双方同意继续对话")]),
    # no side of the office named before: it stays as written
    ("国务卿表示，美国将继续支持乌克兰。", "2021-06-16", [("国务卿", "美国将继续支持乌克兰")]),
]

# 他们 after an unnamed source's claim: that source; never a named person
PLURAL = [
    ("数百名示威者在街头聚集。示威者表示，政府应该下台。他们说，抗议将持续。",
     [("示威者", "政府应该下台"), ("示威者", "抗议将持续")]),
    ("美国官员表示，援助将在下周宣布。他们还说，援助规模尚未确定。",
     [("美国官员", "援助将在下周宣布"), ("美国官员", "援助规模尚未确定")]),
    ("拜登表示，美国将继续支持乌克兰。他们说，援助规模尚未确定。", [("拜登", "美国将继续支持乌克兰")]),
]

# blanks typed inside a source's words are no part of its id
BLANKS = [
    ("菲律宾国家 海事委员会表示，中方的行动违反国际法。", [("菲律宾国家海事委员会", "中方的行动违反国际法")]),
]
# fmt: on


def _pairs(extract, script, body: str) -> list[tuple[str, str]]:
    return [(c["speaker"], c["text"]) for c in extract(script(body), date=DATE)]


@pytest.mark.parametrize(("body", "expected"), GROUP_MEMBERS)
def test_members_of_a_body_speak_as_the_body(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), SUBORDINATES)
def test_aide_of_a_person_is_not_the_person(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), OWNED_DESCRIPTIONS)
def test_body_owns_its_described_person(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), BACK_TO_UNNAMED)
def test_description_and_pronoun_point_back_to_unnamed_source(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), RECIPROCAL)
def test_parties_accusing_each_other_are_both_sides(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "date", "expected"), SOLE_OFFICES)
def test_bare_title_of_one_office_is_its_holder(extract, script, body, date, expected):
    got = [(c["speaker"], c["text"]) for c in extract(script(body), date=date)]
    assert got == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), BLANKS)
def test_blanks_inside_a_source_are_squeezed(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]


@pytest.mark.parametrize(("body", "expected"), PLURAL)
def test_plural_pronoun_after_unnamed_source(extract, script, body, expected):
    assert _pairs(extract, script, body) == [(sp, script(t)) for sp, t in expected]
