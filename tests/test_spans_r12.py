"""Spans of constructions that outlets write in general (issue #13, round 12): a concession
that holds one voice and goes on with another before its contrast, a cue inside round brackets
(another name for a place), a cue with an aspect particle before its content (说了，X), a cue
whose object names a view before a quotation, a list of two options (一种是…另一种是…), an
expectation verb with a subject of its own, a cue word after a 所…的 relative clause, a document
made public before the cue that says what. Every sentence is constructed for these tests and
runs in all three scripts (the ``script`` fixture: Simplified, Hong Kong, Taiwan); each table
has negatives."""

from __future__ import annotations

import pytest

from tests.conftest import assert_claims_found

# (body in Simplified, expected claims in text order: (speaker, Simplified text, kind, rule));
# rule None: any rule
Expected = list[tuple[str, str, str, str | None]]

# fmt: off
CONCESSION_OF_VOICES: list[tuple[str, Expected]] = [
    # the concession holds a voice, then another one: both end before 但
    ("虽然两国外长都表示不指望谈判马上取得进展，分析人士也认为会谈意义有限，但这次接触仍然受到各方重视。",
     [("双方", "不指望谈判马上取得进展", "indirect", "reported_cue"),
      ("分析人士", "会谈意义有限", "indirect", "reported_cue")]),
    # negative: a concession with no voice in it is the frame of the speaker's whole content
    ("尽管天气恶劣，拉夫罗夫表示俄方代表团会按时抵达，但会谈可能推迟。",
     [("拉夫罗夫", "俄方代表团会按时抵达，但会谈可能推迟", "indirect", "reported_cue")]),
]

ASIDE_IN_BRACKETS: list[tuple[str, Expected]] = [
    # another name for a place, given in brackets, is no claim of its own
    ("中国海警今日指出，中方对在黄岩岛（菲律宾称斯卡伯勒浅滩）活动的菲律宾船只采取了管制措施。",
     [("中国海警局", "中方对在黄岩岛（菲律宾称斯卡伯勒浅滩）活动的菲律宾船只采取了管制措施", "indirect", "reported_cue")]),
    ("越南外交部指出，中方船只在西沙群岛（越南称黄沙群岛）附近活动频繁。",
     [("越南外交部", "中方船只在西沙群岛（越南称黄沙群岛）附近活动频繁", "indirect", "reported_cue")]),
]

ASPECT_PARTICLE: list[tuple[str, Expected]] = [
    ("马克龙在记者会上说了，欧洲必须承担起自身的防务责任。",
     [("马克龙", "欧洲必须承担起自身的防务责任", "indirect", "reported_cue")]),
    ("普京曾说过：俄罗斯不会允许北约继续东扩。", [("普京", "俄罗斯不会允许北约继续东扩", "indirect", "reported_cue")]),
    # negatives: no mark after the particle, no speech act
    ("这件事最后还是总统说了算。", []),
    ("外长表达了关切，随后离开了会场。", []),
]

VIEW_BEFORE_QUOTE: list[tuple[str, Expected]] = [
    ("默克尔表达了她对这次峰会的看法：“会谈坦诚，但分歧依然存在。”",
     [("默克尔", "会谈坦诚，但分歧依然存在", "direct", "cue_quote")]),
    ("布林肯还表达了他对中方的看法，“北京的做法令人担忧，我们会密切关注”。",
     [("布林肯", "北京的做法令人担忧，我们会密切关注", "direct", "cue_quote")]),
    # negative: a view named, nothing said
    ("布林肯表达了他对拉夫罗夫的看法。", []),
]

LIST_OF_OPTIONS: list[tuple[str, Expected]] = [
    ("王毅指出，摆在两国面前有两条路：一种是对话合作，实现共赢。另一种是对抗冲突，两败俱伤。",
     [("王毅", "摆在两国面前有两条路", "indirect", "reported_cue"),
      ("王毅", "对话合作，实现共赢", "indirect", "list_item"),
      ("王毅", "对抗冲突，两败俱伤", "indirect", "list_item")]),
    # negative: 一种 with no list after it
    ("王毅指出，这是一种是非观念的问题。", [("王毅", "这是一种是非观念的问题", "indirect", "reported_cue")]),
]

EXPECTATION_OF_ITS_OWN: list[tuple[str, Expected]] = [
    # a later clause whose own subject (the same source) expects something: a claim of its own
    ("美国国务院认为谈判进展缓慢，但仍有希望，国务院预期会在下周收到俄方的书面答复。",
     [("美国国务院", "谈判进展缓慢，但仍有希望", "indirect", "reported_cue"),
      ("美国国务院", "会在下周收到俄方的书面答复", "indirect", "reported_cue")]),
    # negatives: a side of the speaker expecting is what the speaker said; 预期 as a noun
    ("普京说，俄方预期美方会作出回应。", [("普京", "俄方预期美方会作出回应", "indirect", "reported_cue")]),
    ("拉夫罗夫表示，俄方预料美方将采取行动。", [("拉夫罗夫", "俄方预料美方将采取行动", "indirect", "reported_cue")]),
    ("白宫表示，会谈取得了预期的成果。", [("白宫", "会谈取得了预期的成果", "indirect", "reported_cue")]),
]

CUE_WORD_AS_HEAD_NOUN: list[tuple[str, Expected]] = [
    # 所作的政治承诺: the commitment made is a thing; the source's content runs on
    ("中方表示，美方如果真想改善关系，就应该遵守所作的政治承诺，立即停止对台军售。",
     [("中国", "美方如果真想改善关系，就应该遵守所作的政治承诺，立即停止对台军售", "indirect", "reported_cue")]),
    ("美方如果真想改善关系，就应该遵守所作的政治承诺，立即停止对台军售。", []),
    # negative: the commitment itself, made with a cue of its own, is a claim
    ("俄方承诺，将在月底前撤出部队。", [("俄罗斯", "将在月底前撤出部队", "indirect", "reported_cue")]),
]

DOCUMENT_MADE_PUBLIC: list[tuple[str, Expected]] = [
    # 公布 a document (X的质询书), then the cue that says what: one claim
    ("韩国政府周三公布议员提交的质询书，表示政府的立场没有改变。",
     [("韩国", "政府的立场没有改变", "indirect", "reported_cue")]),
    # negative: a result made public, then what it shows, is the content
    ("选举委员会公布公投最终结果，显示多数选民赞成修宪。",
     [("选举委员会", "公投最终结果，显示多数选民赞成修宪", "indirect", "reported_cue")]),
]
# fmt: on

CASES = [
    *CONCESSION_OF_VOICES,
    *ASIDE_IN_BRACKETS,
    *ASPECT_PARTICLE,
    *VIEW_BEFORE_QUOTE,
    *LIST_OF_OPTIONS,
    *EXPECTATION_OF_ITS_OWN,
    *CUE_WORD_AS_HEAD_NOUN,
    *DOCUMENT_MADE_PUBLIC,
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_spans_outlets_write(extract, script, body, expected):
    text = script(body)
    assert_claims_found(extract(text), text, expected)
