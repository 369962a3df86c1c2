"""Names the registry lacks against ordinary words that open with a surname character
(issue #13): 安全, 高度, 马上 after 的 or inside a clause are words of the language, not an
unlisted person giving a 保证, so the outer cue keeps its claim; real unlisted names (Korean,
Japanese, Malay, African, Latin American, European, and Chinese names that are also words)
are still found. Every constructed sentence runs in Simplified, Hong Kong and Taiwan script
(the ``script`` fixture); the expected text is converted the same way."""

from __future__ import annotations

import pytest

from pipeline.attribution.names import ordinary_word

DATE = "2025-09-10"
NAME_TAGS = ("nr", "nrfg", "nrt", "nz")

# (Simplified body, [(speaker, text, kind)])
# fmt: off
ORDINARY_WORDS = [
    # 的安全保证: 安全 + the cue-like 保证 inside the content is no second speech act
    ("泽连斯基表示，乌克兰需要西方的安全保证。", [("泽连斯基", "乌克兰需要西方的安全保证", "indirect")]),
    ("泽连斯基表示，只有得到可靠的安全保证，才能停火。", [("泽连斯基", "只有得到可靠的安全保证，才能停火", "indirect")]),
    ("普京说，俄方需要的是长期的安全保证。", [("普京", "俄方需要的是长期的安全保证", "indirect")]),
    ("马克龙说，欧洲需要的是关键的安全保证。", [("马克龙", "欧洲需要的是关键的安全保证", "indirect")]),
    ("王毅表示，中方高度重视两国的金融合作。", [("王毅", "中方高度重视两国的金融合作", "indirect")]),
    ("普京表示，俄方将马上作出回应。", [("普京", "俄方将马上作出回应", "indirect")]),
    # 等待 opens with the list marker 等 but is one word: no list of sources before 保证/承诺
    ("泽连斯基说，乌克兰正在等待盟友的安全保证。", [("泽连斯基", "乌克兰正在等待盟友的安全保证", "indirect")]),
    ("泽连斯基说，乌克兰等待盟友的安全承诺。", [("泽连斯基", "乌克兰等待盟友的安全承诺", "indirect")]),
    # 等 as a word of its own still closes a list: its tail speaks
    ("法国、德国等欧洲国家表示，欧洲必须团结。", [("欧洲国家", "欧洲必须团结", "indirect")]),
]

# no speech act at all: an ordinary word before a cue-like noun is no speaker
ORDINARY_WORD_NEGATIVES = [
    "乌克兰需要西方的安全保证。",
    "欧洲国家正在讨论周边的安全保证。",
]

# unlisted people: still names, whether the dictionary lacks them or knows them as names
NAMES = [
    ("韩国国会议长禹元植表示，韩方希望局势尽快稳定。", [("禹元植", "韩方希望局势尽快稳定", "indirect")]),
    ("日本外相岩屋毅表示，日方对此表示遗憾。", [("岩屋毅", "日方对此表示遗憾", "indirect")]),
    ("尼日利亚总统提努布表示，非洲需要更多投资。", [("提努布", "非洲需要更多投资", "indirect")]),
    ("金炳俊表示，韩国经济面临挑战。", [("金炳俊", "韩国经济面临挑战", "indirect")]),
    ("林佳龙表示，台湾将深化与友邦的合作。", [("林佳龙", "台湾将深化与友邦的合作", "indirect")]),
    # names that are also words: the dictionary tags them as names (nr) or proper nouns (nz)
    ("高峰表示，公司将扩大投资。", [("高峰", "公司将扩大投资", "indirect")]),
    ("向东表示，企业需要更多支持。", [("向东", "企业需要更多支持", "indirect")]),
    ("经济学家金星表示，通胀压力仍然较大。", [("金星", "通胀压力仍然较大", "indirect")]),
]

# 与 + a second person + an act + a time ending before the cue, with no 都/共同: 与 opens the
# frame as a preposition and the first person speaks; with a jointly marker both sides do
JOINT_FRAMES = [
    ("布林肯与拉夫罗夫会面后表示：「双方同意保持沟通。」", [("布林肯", "双方同意保持沟通", "direct")]),
    ("普京与拜登会谈后表示，双方同意保持沟通。", [("普京", "双方同意保持沟通", "indirect")]),
    ("普京与拜登通话时表示，双方同意保持沟通。", [("普京", "双方同意保持沟通", "indirect")]),
    ("拜登与普京会晤之后都表示，双方同意保持沟通。", [("双方", "双方同意保持沟通", "indirect")]),
    # an act no cue word names (会面), then 都: the frame starts after the second person
    ("拜登与普京会面后都表示，双方同意保持沟通。", [("双方", "双方同意保持沟通", "indirect")]),
]

# a bare title after the page named a person right after that whole title, also a title the
# lexicon knows only by its last word (外务大臣: 大臣): that person; with no named holder it stays
ROLES = [
    ("日本外务大臣岩屋毅周一抵达首尔。\n外务大臣表示，日方希望改善日韩关系。",
     [("岩屋毅", "日方希望改善日韩关系", "indirect")]),
    ("韩国外长赵兑烈周一抵达东京。\n外长表示，两国应加强合作。", [("赵兑烈", "两国应加强合作", "indirect")]),
    # 外相, the Japanese press's title of a foreign minister, is a title as 外长 is
    ("日本外相岩屋毅周一抵达首尔。\n外相表示，日方希望改善日韩关系。", [("岩屋毅", "日方希望改善日韩关系", "indirect")]),
]
# fmt: on


def _claims(extract, script, body: str) -> list[dict]:
    return extract(script(body), date=DATE)


def _triples(got: list[dict]) -> list[tuple[str, str, str]]:
    return [(c["speaker"], c["text"], c["kind"]) for c in got]


@pytest.mark.parametrize(("body", "expected"), ORDINARY_WORDS)
def test_ordinary_word_is_no_speaker(extract, script, body, expected):
    got = _claims(extract, script, body)
    assert _triples(got) == [(sp, script(t), k) for sp, t, k in expected]


@pytest.mark.parametrize("body", ORDINARY_WORD_NEGATIVES)
def test_ordinary_word_before_cue_noun_gives_no_claim(extract, script, body):
    assert _claims(extract, script, body) == []


@pytest.mark.parametrize(("body", "expected"), NAMES)
def test_unlisted_names_still_found(extract, script, body, expected):
    got = _claims(extract, script, body)
    assert _triples(got) == [(sp, script(t), k) for sp, t, k in expected]


@pytest.mark.parametrize(("phrase", "ordinary"), [
    ("安全", True), ("马上", True), ("周边", True),
    ("高峰", False), ("金星", False), ("赵兑烈", False), ("安倍", False),
])
def test_ordinary_word_by_dictionary(phrase, ordinary):
    surnames = ("安", "马", "周", "高", "金", "赵")
    assert ordinary_word(phrase, surnames, NAME_TAGS, 100) is ordinary


@pytest.mark.parametrize(("body", "expected"), JOINT_FRAMES)
def test_joint_act_then_cue(extract, script, body, expected):
    got = _claims(extract, script, body)
    assert _triples(got) == [(sp, script(t), k) for sp, t, k in expected]


@pytest.mark.parametrize(("body", "expected"), ROLES)
def test_bare_title_after_named_holder(extract, script, body, expected):
    got = _claims(extract, script, body)
    assert _triples(got) == [(sp, script(t), k) for sp, t, k in expected]
