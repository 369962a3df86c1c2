"""Spans of constructions that outlets write in general (issue #13, round 12, second fold): a
source whose whole content is another source's speech act (A说，B否认X) takes the word again
when a later clause opens with a remark of its own: a demonstrative judging what was just
reported (这根本是…), a pronoun adding the next point (他亦…), hearing it from B's mouth
(从他口中…). B's content stops before that clause. An agreement verb with no subject of its
own in a later clause of a source's content (A指X，同意Y) is that content; a verb of false
claiming there (诓称) is the party the source describes. Every sentence is constructed for these
tests and runs in all three scripts (the ``script`` fixture: Simplified, Hong Kong, Taiwan);
each table has negatives."""

from __future__ import annotations

import pytest

from tests.conftest import assert_claims_found

# (body in Simplified, expected claims in text order: (speaker, Simplified text, kind, rule));
# rule None: any rule
Expected = list[tuple[str, str, str, str | None]]

# fmt: off
REPORTER_REMARK: list[tuple[str, Expected]] = [
    ("外交部发言人表示，美方声称中国操纵汇率，这根本是无中生有。",
     [("美国", "中国操纵汇率", "indirect", "reported_cue"),
      ("外交部发言人", "这根本是无中生有", "indirect", "reporter_remark")]),
    ("默克尔表示，普京否认曾下令切断天然气供应，她亦不明白俄方为何这样做。",
     [("普京", "曾下令切断天然气供应", "indirect", "reported_cue"),
      ("默克尔", "她亦不明白俄方为何这样做", "indirect", "reporter_remark")]),
    ("扎哈罗娃表示，布林肯曾呼吁加大对乌军援，从他口中说出和平二字很可笑。",
     [("布林肯", "加大对乌军援", "indirect", "reported_cue"),
      ("扎哈罗娃", "从他口中说出和平二字很可笑", "indirect", "reporter_remark")]),
    # negatives: a later clause with no remark opener stays the inner source's content
    ("扎哈罗娃表示，布林肯曾呼吁加大对乌军援，欧洲经济因此受到拖累。",
     [("布林肯", "加大对乌军援，欧洲经济因此受到拖累", "indirect", "reported_cue")]),
    # ... and a source with content of its own before the inner cue keeps its usual span
    ("外交部发言人表示，中方立场一贯明确，这根本不是新问题。",
     [("外交部发言人", "中方立场一贯明确，这根本不是新问题", "indirect", "reported_cue")]),
]

AGREEMENT_IN_CONTENT: list[tuple[str, Expected]] = [
    # an agreement verb with no subject, in a later clause of a source's content, is content
    ("克宫指两国元首都认为恢复对话符合双方利益，同意尽快安排下一轮会谈。",
     [("克里姆林宫", "两国元首都认为恢复对话符合双方利益，同意尽快安排下一轮会谈", "indirect", "reported_cue")]),
    ("布林肯表示，七国外长会议审议了对乌援助，并同意援助规模需要扩大。",
     [("布林肯", "七国外长会议审议了对乌援助，并同意援助规模需要扩大", "indirect", "reported_cue")]),
    # negatives: right after the source's cue, or with a subject of its own, it is a cue
    ("扎哈罗娃表示，同意尽快安排下一轮会谈。",
     [("扎哈罗娃", "尽快安排下一轮会谈", "indirect", "reported_cue")]),
    ("普京同意尽快安排下一轮会谈。", [("普京", "尽快安排下一轮会谈", "indirect", "reported_cue")]),
]

FALSE_CLAIM_IN_CONTENT: list[tuple[str, Expected]] = [
    # a verb of false claiming with no subject, inside a source's content, is the party the
    # source describes; a remark after it is the source's again
    ("外交部表示，菲律宾无视国际仲裁的实质，执意派船进入黄岩岛海域，并诓称中方船只威胁渔民安全，这完全是颠倒黑白。",
     [("外交部", "菲律宾无视国际仲裁的实质，执意派船进入黄岩岛海域", "indirect", "reported_cue"),
      ("菲律宾", "中方船只威胁渔民安全", "indirect", "reported_cue"),
      ("外交部", "这完全是颠倒黑白", "indirect", "reporter_remark")]),
    # the other verbs of false claiming (discrediting_cues) are cues of the same kind
    ("国防部表示，塞尔维亚拒绝撤军，还谎称科索沃警察率先开火。",
     [("国防部", "塞尔维亚拒绝撤军", "indirect", "reported_cue"),
      ("塞尔维亚", "科索沃警察率先开火", "indirect", "reported_cue")]),
    # negatives: a plain cue there continues the source; a threat verb is narration's own
    ("外交部表示，菲律宾执意派船进入黄岩岛海域，并称中方愿意继续对话。",
     [("外交部", "菲律宾执意派船进入黄岩岛海域", "indirect", "reported_cue"),
      ("外交部", "中方愿意继续对话", "indirect", "reported_cue")]),
]
TIME_COUNTED_IN_NUMERALS: list[tuple[str, Expected]] = [
    # a time counted back or on in Chinese numerals ends the subject, as a digit does
    ("马克龙三天前表示，欧洲必须自己承担防务。", [("马克龙", "欧洲必须自己承担防务", "indirect", "reported_cue")]),
    ("默克尔二十年前曾呼吁北约放慢东扩。", [("默克尔", "北约放慢东扩", "indirect", "reported_cue")]),
    ("拉夫罗夫几个月前说，俄方愿意重启对话。", [("拉夫罗夫", "俄方愿意重启对话", "indirect", "reported_cue")]),
    ("佩斯科夫前天表示，克宫不会评论此事。", [("佩斯科夫", "克宫不会评论此事", "indirect", "reported_cue")]),
    # negative: a name holding a numeral character (万斯) is still whole
    ("万斯表示，美国不会再提供援助。", [("万斯", "美国不会再提供援助", "indirect", "reported_cue")]),
]
DOCUMENT_OF_A_SOURCE: list[tuple[str, Expected]] = [
    # a source's news release (X的新闻公报, X的新闻通告) speaks for X, as X的声明 does
    ("克宫的新闻公报说，双方讨论了能源合作。", [("克里姆林宫", "双方讨论了能源合作", "indirect", "reported_cue")]),
    ("白宫的新闻通告称，总统将出席峰会。", [("白宫", "总统将出席峰会", "indirect", "reported_cue")]),
    # negative: a bulletin with no source named is no speaker
    ("新闻公报还附有一张照片。", []),
]
# fmt: on

CASES = [*REPORTER_REMARK, *AGREEMENT_IN_CONTENT, *FALSE_CLAIM_IN_CONTENT, *TIME_COUNTED_IN_NUMERALS, *DOCUMENT_OF_A_SOURCE]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_spans_second_fold(extract, script, body, expected):
    text = script(body)
    assert_claims_found(extract(text), text, expected)
