"""Spans of constructions that outlets write in general (issue #13, round 12, second fold): a
source whose whole content is another source's speech act (A说，B否认X) takes the word again
when a later clause opens with a remark of its own: a demonstrative judging what was just
reported (这根本是…), a pronoun adding the next point (他亦…), hearing it from B's mouth
(从他口中…). B's content stops before that clause. An agreement verb with no subject of its
own in a later clause of a source's content (白宫指X，同意Y) is that content. Every sentence is constructed for these
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
    ("特朗普表示，普京否认曾干预美国选举，他亦找不到俄罗斯这样做的原因。",
     [("普京", "曾干预美国选举", "indirect", "reported_cue"),
      ("特朗普", "他亦找不到俄罗斯这样做的原因", "indirect", "reporter_remark")]),
    ("佩斯科夫表示，拜登曾呼吁轰炸南斯拉夫，从他口中听到这些话很荒谬。",
     [("拜登", "轰炸南斯拉夫", "indirect", "reported_cue"),
      ("佩斯科夫", "从他口中听到这些话很荒谬", "indirect", "reporter_remark")]),
    # negatives: a later clause with no remark opener stays the inner source's content
    ("佩斯科夫表示，拜登曾呼吁轰炸南斯拉夫，美俄关系因此很难改善。",
     [("拜登", "轰炸南斯拉夫，美俄关系因此很难改善", "indirect", "reported_cue")]),
    # ... and a source with content of its own before the inner cue keeps its usual span
    ("外交部发言人表示，中方立场一贯明确，这根本不是新问题。",
     [("外交部发言人", "中方立场一贯明确，这根本不是新问题", "indirect", "reported_cue")]),
]

AGREEMENT_IN_CONTENT: list[tuple[str, Expected]] = [
    # an agreement verb with no subject, in a later clause of a source's content, is content
    ("白宫指双方都认同改善关系符合共同利益，同意继续就军控议题进行讨论。",
     [("白宫", "双方都认同改善关系符合共同利益，同意继续就军控议题进行讨论", "indirect", "reported_cue")]),
    ("耶伦表示，部长会议讨论了全球经济下行，并同意经济发展需要可持续。",
     [("耶伦", "部长会议讨论了全球经济下行，并同意经济发展需要可持续", "indirect", "reported_cue")]),
    # negatives: right after the source's cue, or with a subject of its own, it is a cue
    ("拉夫罗夫表示，同意继续就军控议题进行讨论。",
     [("拉夫罗夫", "继续就军控议题进行讨论", "indirect", "reported_cue")]),
    ("普京同意继续就军控议题进行讨论。", [("普京", "继续就军控议题进行讨论", "indirect", "reported_cue")]),
]
# fmt: on

CASES = [*REPORTER_REMARK, *AGREEMENT_IN_CONTENT]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_spans_second_fold(extract, script, body, expected):
    text = script(body)
    assert_claims_found(extract(text), text, expected)
