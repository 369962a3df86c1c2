"""Topic and stance classifier (pipeline/classify.py, models/topics.yaml, models/stance.yaml).

Every sentence here is constructed for the test (none comes from the gold
articles). Each behaviour is checked in Simplified, in Traditional (Hong Kong
characters) and in Taiwan usage (OpenCC s2twp also swaps words: 网络 → 網路,
黑客 → 駭客, 软件 → 軟體), so the lexicons must cover all three.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

import pytest

from pipeline.classify import Matcher, classify_document, load_classifier
from pipeline.config import DEFAULT_MODELS, ClassifyConfig
from pipeline.lexicons import simp
from tests.conftest import constructed_claim, constructed_page

SPEC_TOPICS = {
    "bilateral_relations",
    "ukraine",
    "nato",
    "arms_control",
    "cyber",
    "human_rights",
    "election_interference",
    "sanctions",
    "syria",
    "iran",
    "diplomatic_missions",
    "detained_citizens",
    "economy_energy",
    "arctic",
    "regional_issues",
    "other",
}
CFG = ClassifyConfig()



def make_doc(paragraphs: list[list[tuple[str, str, str]]]) -> tuple[list[dict], dict, str]:
    """A document of paragraphs; each paragraph a list of (claim text, cue, cue_role).

    Each claim is its own sentence ``某官员{cue}，{text}。``; paragraphs are separated by newlines.
    """
    return constructed_page([[(f"某官员{cue}，", body, "某官员", cue, role) for body, cue, role in para] for para in paragraphs])


def classify_one(
    clf,
    text: str,
    cue: str = "表示",
    role: str = "speech",
    sentence: str | None = None,
    headline: str = "",
    speaker: str = "某官员",
) -> dict:
    """One claim alone in a one-sentence document."""
    sentence = sentence if sentence is not None else text
    claim = constructed_claim(text, sentence, sentence.index(text), speaker, cue, role)
    doc = {"doc_id": "t", "title": None, "text": sentence}
    return classify_document([claim], doc, simp(sentence), simp(headline), clf, CFG)[0]


# ------------------------------------------------------------------ contract


def test_topics_yaml_has_exactly_the_spec_topics(clf):
    assert set(clf.topics.ids) == SPEC_TOPICS


def test_load_classifier_is_cached():
    assert load_classifier(DEFAULT_MODELS) is load_classifier(DEFAULT_MODELS)


def test_returns_new_dicts_with_contract_fields(clf, script):
    claims, doc, text = make_doc([[(script("两国关系有望改善"), "表示", "speech"), (script("天气很好"), "说", "speech")]])
    before = copy.deepcopy(claims)
    rows = classify_document(claims, doc, simp(text), "", clf, CFG)
    assert claims == before  # inputs untouched
    assert len(rows) == 2 and all(r is not c for r, c in zip(rows, claims, strict=True))
    for row, claim in zip(rows, claims, strict=True):
        assert {k: row[k] for k in claim} == claim
        assert row["topics"] and set(row["topics"]) <= SPEC_TOPICS
        assert len(row["topics"]) <= CFG.max_topics
        assert row["stance"] in {"favor", "against", "neutral"}
        assert 0.0 <= row["stance_confidence"] <= 1.0
        assert all(isinstance(w, str) for w in row["topic_evidence"] + row["stance_evidence"])


def test_deterministic(clf, script):
    paras = [
        [(script("北约东扩威胁俄罗斯的安全"), "警告", "accusation"), (script("我们将作出回应"), "说", "speech")],
        [(script("双方同意继续就网络安全问题进行磋商"), "表示", "speech")],
    ]
    claims, doc, text = make_doc(paras)
    first = classify_document(claims, doc, simp(text), "", clf, CFG)
    second = classify_document(copy.deepcopy(claims), doc, simp(text), "", clf, CFG)
    assert first == second


def test_claim_without_text_simplified_uses_document_slice(clf):
    claims, doc, text = make_doc([[("美俄关系持续恶化", "表示", "speech")]])
    del claims[0]["text_simplified"]
    row = classify_document(claims, doc, simp(text), "", clf, CFG)[0]
    assert row["topics"][0] == "bilateral_relations" and row["stance"] == "against"


def test_conflicting_stance_entries_are_rejected(tmp_path: Path):
    (tmp_path / "beats" / "us_russia").mkdir(parents=True)
    (tmp_path / "beats" / "us_russia" / "topics.yaml").write_text("topics:\n  other:\n    3: [疫情]\n", encoding="utf-8")
    (tmp_path / "stance.yaml").write_text("favor:\n  2: [良好]\nagainst:\n  2: [良好]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="良好"):
        load_classifier(tmp_path)


def test_matcher_is_leftmost_longest():
    m = Matcher(["不", "不会", "不会容忍", "容忍", "New START"])
    assert [w for _, _, w in m.scan("我们不会容忍，也不容忍")] == ["不会容忍", "不", "容忍"]
    assert [w for _, _, w in m.scan("延长new start条约")] == ["New START"]


def test_classification_is_cheap(clf):
    """Far below jieba's cost: 300 claims must take well under a second."""
    para = [("美俄关系持续恶化，但双方都不希望出现新的冷战", "表示", "speech")] * 30
    claims, doc, text = make_doc([para] * 10)
    t0 = time.perf_counter()
    classify_document(claims, doc, simp(text), "美俄峰会", clf, CFG)
    assert time.perf_counter() - t0 < 1.5


# the quick tests that let classification skip a scan must decide as the full scan does
QUICK_TEST_TEXTS = [
    "双方就合作协议进行了磋商",
    "我们对两国合作的前景感到忧虑",
    "关于恢复对话的提议值得欢迎",
    "我们一贯主张通过谈判解决分歧",
    "美俄关系持续恶化，但双方都不希望出现新的冷战",
    "这次袭击破坏了地区稳定",
    "",
]


@pytest.mark.parametrize("text", QUICK_TEST_TEXTS)
def test_agenda_ending_quick_test_agrees_with_the_scan(clf, script, text):
    from pipeline.classify import _agenda_ending

    model = clf.stance
    lead = simp(script(text))
    scanned = next(
        (w for _, e, w in model.matcher.scan(lead.rstrip()) if e == len(lead.rstrip()) and model.terms[w].kind == "agenda"),
        "",
    )
    assert _agenda_ending(model, lead) == scanned
    if text.endswith("磋商"):
        assert scanned == "磋商"  # the test sees an agenda word where there is one


@pytest.mark.parametrize("text", QUICK_TEST_TEXTS)
def test_frames_skipped_by_their_heads_mute_what_a_full_scan_mutes(clf, script, text):
    model = clf.stance
    s = simp(script(text))
    clause = model.tokens(s)
    present = frozenset(w for t in clause for w in (t.word, t.term.kind))
    for frame in model.frames:
        assert frame.muted(s, 0, len(s), clause, present) == frame.muted(s, 0, len(s), clause)


# ------------------------------------------------------------------ topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("北约继续东扩，在俄罗斯边境部署更多部队", "nato"),
        ("美国宣布对俄罗斯实施新一轮经济制裁", "sanctions"),
        ("黑客利用勒索软件攻击了医院的网络系统", "cyber"),
        ("伊朗必须回到核协议，停止浓缩铀活动", "iran"),
        ("双方应延长新削减战略武器条约，避免军备竞赛", "arms_control"),
        ("泽连斯基呼吁在顿巴斯实现停火", "ukraine"),
        ("反对派人士遭到打压，新闻自由受到限制", "human_rights"),
        ("俄罗斯干预美国大选的说法缺乏证据", "election_interference"),
        ("阿萨德政府控制了叙利亚大部分领土", "syria"),
        ("两国将互派大使，恢复领事馆的正常运作", "diplomatic_missions"),
        ("被关押的美国公民应当获释", "detained_citizens"),
        ("国际油价和天然气出口是两国贸易的关键", "economy_energy"),
        ("北极航道和北海航道的开发需要合作", "arctic"),
        ("朝鲜半岛无核化需要各方共同努力", "regional_issues"),
        ("新冠疫情仍在全球蔓延", "other"),
    ],
)
def test_topic_keywords(clf, script, text, topic):
    row = classify_one(clf, script(text))
    assert row["topics"][0] == topic
    assert row["topic_evidence"]


@pytest.mark.parametrize(
    "text",
    ["美俄关系有望在年内改善", "两国元首的会晤非常有必要", "双方应当加强对话，重建互信", "冷战思维不符合时代潮流"],
)
def test_relationship_summits_and_dialogue_are_bilateral(clf, script, text):
    # in an article where one sentence names both sides: the beat's relationship
    sentence = script(f"普京和拜登都认为，{text}")
    assert classify_one(clf, script(text), sentence=sentence)["topics"][0] == "bilateral_relations"


def test_frame_needs_both_sides_in_one_sentence(clf, script):
    """A China-Japan meeting in an article that names Washington and Moscow only apart
    is no US-Russia summit, neither by the claim's own words nor by its sentence."""
    claim = script("双方的会晤非常有必要")
    apart = script(f"美国对此没有评论。俄罗斯记者提问。中日两国领导人表示，{claim}")
    together = script(f"美国和俄罗斯都关注。中日两国领导人表示，{claim}")
    claims, doc, _ = make_doc([[(claim, "表示", "speech")]])

    def topics_in(document_text: str) -> list[str]:
        start = document_text.index(claim)
        row = dict(claims[0], start=start, end=start + len(claim), sentence=document_text[document_text.rindex("。") + 1 :])
        return classify_document([row], dict(doc, text=document_text), simp(document_text), "", clf, CFG)[0]["topics"]

    assert "bilateral_relations" not in topics_in(apart)
    assert topics_in(together)[0] == "bilateral_relations"


def test_named_issue_is_more_central_than_the_summit(clf, script):
    row = classify_one(clf, script("美俄峰会将讨论网络安全问题"))  # 美俄峰会 3, 网络安全 3
    assert row["topics"][0] == "cyber"
    assert "bilateral_relations" in row["topics"]


def test_several_topics_most_central_first(clf, script):
    row = classify_one(clf, script("克里米亚和顿巴斯问题是乌克兰谈判的核心，制裁也被提及"))
    assert row["topics"][:2] == ["ukraine", "sanctions"]


def test_both_sides_make_a_claim_bilateral(clf, script):
    """The speaker's side counts: Russia's president talking about Washington."""
    text = script("华府一直把莫斯科视为对手")
    assert classify_one(clf, text, speaker="普京")["topics"][0] == "bilateral_relations"
    text = script("这一做法令人遗憾")  # negative case: no side named, no topic word
    assert classify_one(clf, text, speaker="普京")["topics"] == ["other"]


def test_generic_talks_take_the_documents_issue(clf, script):
    """会谈 alone in an article about the Ukraine war names its peace talks: the document's
    issue first, the frame second; in an article about the relationship it stays the frame."""
    talks = (script("下一轮会谈可能在下周举行"), "表示", "speech")
    war = [
        (script("俄罗斯指责美国向乌克兰提供武器"), "说", "speech"),
        (script("顿巴斯的停火必须先落实"), "说", "speech"),
    ]
    claims, doc, text = make_doc([war, [talks]])
    row = classify_document(claims, doc, simp(text), "", clf, CFG)[-1]
    assert row["topics"] == ["ukraine", "bilateral_relations"]
    assert "document:ukraine" in row["topic_evidence"]
    relationship = [(script("美俄关系已跌至冷战以来的最低点"), "说", "speech")]
    claims, doc, text = make_doc([relationship, [talks]])
    assert classify_document(claims, doc, simp(text), "", clf, CFG)[-1]["topics"] == ["bilateral_relations"]


def test_a_missile_alone_is_not_arms_control(clf, script):
    """Any war has missiles: 导弹 alone takes the issue of its context; a strategic weapon
    (洲际弹道导弹) still names arms control."""
    paras = [[(script("乌克兰急需更多防空系统"), "说", "speech"), (script("这种导弹将改变战场局势"), "说", "speech")]]
    claims, doc, text = make_doc(paras)
    assert classify_document(claims, doc, simp(text), "", clf, CFG)[1]["topics"][0] == "ukraine"
    assert classify_one(clf, script("俄罗斯试射了一枚洲际弹道导弹"))["topics"][0] == "arms_control"


def test_another_pairs_relationship_is_other_not_the_headlines_issue(clf, script):
    """In a China-US article (no sentence names the US and Russia), 两国关系 is the spec's
    `other`, not the economy its headline names, nor US-Russia relations."""
    claims, doc, text = make_doc([[(script("两国关系正在逐步稳定"), "表示", "speech")]])
    row = classify_document(claims, doc, simp(text), simp(script("美国财长访华讨论经济问题")), clf, CFG)[0]
    assert row["topics"][0] == "other"


def test_a_title_before_a_name_is_not_the_topic(clf, script):
    """驻美大使安东诺夫 in a delegation list names a person; an ambassador's recall is the topic."""
    row = classify_one(clf, script("代表团成员包括外长拉夫罗夫和驻美大使安东诺夫"))
    assert "diplomatic_missions" not in row["topics"]
    assert classify_one(clf, script("俄方决定召回驻美大使"))["topics"][0] == "diplomatic_missions"


def test_the_relationship_of_another_pair_is_not_the_frame(clf, script):
    """中美两国 in a US-Russia article: that pair's relationship, not the beat's."""
    sentence = script("普京和拜登都认为，中美两国的友谊源远流长")
    row = classify_one(clf, script("中美两国的友谊源远流长"), sentence=sentence)
    assert "bilateral_relations" not in row["topics"]
    row = classify_one(clf, script("美俄两国的友谊源远流长"), sentence=script("普京和拜登都说，美俄两国的友谊源远流长"))
    assert row["topics"][0] == "bilateral_relations"


def test_both_sides_named_by_a_third_country_are_its_own_issue(clf, script):
    """Kyiv naming Washington and Moscow speaks of Ukraine's matter, not of their
    relationship; a news agency naming both reports on the relationship."""
    text = script("特朗普和普京的这些说法都不可信")
    assert "bilateral_relations" not in classify_one(clf, text, speaker="泽连斯基")["topics"]
    assert classify_one(clf, text, speaker="新华社")["topics"][0] == "bilateral_relations"


def test_a_country_named_alone_takes_the_issue_of_its_context(clf, script):
    """中国 in a tariff story is an actor, not the topic: the claim that names only it
    takes its neighbour's issue; a China word that is a topic (疫情) still is one."""
    paras = [[(script("美国对进口商品加征关税"), "表示", "speech"), (script("中国不会接受这种做法"), "说", "speech")]]
    claims, doc, text = make_doc(paras)
    rows = classify_document(claims, doc, simp(text), "", clf, CFG)
    assert rows[1]["topics"][0] == "economy_energy"
    assert classify_one(clf, script("中国的疫情已经得到控制"))["topics"][0] == "other"


def test_china_named_in_us_russia_news_is_a_topic_of_its_own(clf, script):
    """In an article where a sentence names both sides, 中国 is the spec's `other` topic."""
    paras = [
        [(script("美国和俄罗斯将扩大能源贸易"), "表示", "speech"), (script("中国的立场值得关注"), "说", "speech")],
    ]
    claims, doc, text = make_doc(paras)
    rows = classify_document(claims, doc, simp(text), "", clf, CFG)
    assert rows[1]["topics"][0] == "other"


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        ("我们不会被这种方式勒索", "cyber"),  # blackmail; 勒索软件 is cyber
        ("公投结果显示多数选民支持独立", "election_interference"),  # a referendum's voters
        ("民主党议员批评了这项决定", "human_rights"),  # a party, not democracy
    ],
)
def test_ambiguous_words_name_no_topic_alone(clf, script, text, not_topic):
    assert not_topic not in classify_one(clf, script(text))["topics"]


def test_sentence_breaks_a_tie(clf, script):
    claim = script("北约和伊朗都是重点")  # 北约 3 = 伊朗 3
    alone = classify_one(clf, claim)
    in_sentence = classify_one(clf, claim, sentence=script("在谈到德黑兰的浓缩铀问题时，他说北约和伊朗都是重点"))
    assert alone["topics"][0] == "nato"  # taxonomy order
    assert in_sentence["topics"][0] == "iran"


def test_headline_breaks_a_tie(clf, script):
    claim = script("北约和伊朗都是重点")
    assert classify_one(clf, claim, headline=script("伊朗核问题谈判重启"))["topics"][0] == "iran"
    assert classify_one(clf, claim, headline=script("北约东扩引发争议"))["topics"][0] == "nato"


def test_short_claim_inherits_its_sentence(clf, script):
    row = classify_one(clf, script("我们将作出回应"), sentence=script("针对黑客攻击，他表示我们将作出回应"))
    assert row["topics"] == ["cyber"]
    assert row["topic_evidence"] and all(e.startswith("sentence:") for e in row["topic_evidence"])


def test_short_claim_inherits_its_neighbour_not_the_document(clf, script):
    nato = (script("北约东扩威胁俄罗斯的安全"), "警告", "accusation")
    paras = [
        [nato, nato, nato],
        [(script("俄罗斯黑客发动了网络攻击"), "指责", "accusation"), (script("我们将作出回应"), "说", "speech")],
    ]
    claims, doc, text = make_doc(paras)
    rows = classify_document(claims, doc, simp(text), "", clf, CFG)
    assert rows[-1]["topics"] == ["cyber"]


def test_short_claim_alone_in_its_paragraph_inherits_the_document(clf, script):
    nato = (script("北约东扩威胁俄罗斯的安全"), "警告", "accusation")
    paras = [[nato, nato], [(script("我们将作出回应"), "说", "speech")]]
    claims, doc, text = make_doc(paras)
    rows = classify_document(claims, doc, simp(text), "", clf, CFG)
    assert rows[-1]["topics"] == ["nato"]


def test_other_only_when_nothing_fits(clf, script):
    assert classify_one(clf, script("天气很好"))["topics"] == ["other"]
    claims, doc, text = make_doc([[(script("天气很好"), "说", "speech")]])
    row = classify_document(claims, doc, simp(text), simp(script("美俄峰会在日内瓦举行")), clf, CFG)[0]
    assert row["topics"] == ["bilateral_relations"]  # the headline is context


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        ("俄罗斯将会面对严重后果", "bilateral_relations"),  # 将会面对 is not 会面
        ("他知道自己违反俄国法律", "bilateral_relations"),  # 违反俄国 is not 反俄
        ("两人将分别出席记者会", "human_rights"),  # 记者会 is a press conference
        ("双方在核心问题上没有进展", "arms_control"),  # 核心 is not 核
    ],
)
def test_words_inside_other_words_do_not_count(clf, script, text, not_topic):
    assert not_topic not in classify_one(clf, script(text))["topics"]


# ------------------------------------------------------------------ stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("美国不会容忍任何形式的挑衅", "against"),  # 不 + 容忍
        ("我们不希望两国陷入新的冷战", "favor"),  # 不 + (希望 + 冷战)
        ("这种指控没有根据", "against"),  # fixed phrase
        ("会谈中没有威胁，也没有敌意", "favor"),  # 没有 + 威胁
        ("美方并不是不愿意与俄方谈判", "favor"),  # double negation
        ("俄罗斯从来没有干涉别国的选举", "against"),  # denial of an accused act
        ("我们无意与任何国家开战", "favor"),  # intent negator renounces the act
        ("两国之间的互信已经不复存在", "against"),  # negation after its word
    ],
)
def test_negation_with_scope(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("俄方对会谈结果非常满意", "favor"),  # 非常 is not 非
        ("不少国家支持这一倡议", "favor"),  # 不少 is not 不
        ("他没有出席，会谈气氛良好", "favor"),  # negation stops at the comma
        ("双方仍未确定会晤日期", "neutral"),  # a negator with nothing evaluative is no stance
    ],
)
def test_negation_negative_cases(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("虽然双方存在分歧，但会谈富有成效", "favor"),
        ("会谈富有成效，但双方在关键问题上仍有严重分歧", "against"),
        ("会谈气氛良好，但具体日期尚待确定", "favor"),  # Y is a factual caveat: X decides
        ("美方表现出诚意，然而俄方的回应令人失望", "against"),
    ],
)
def test_contrast_second_half_decides(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("两国关系已经跌至几十年来的最低点", "against"),
        ("美俄关系持续恶化", "against"),
        ("双边关系陷入僵局", "against"),
        ("双边关系正在逐步好转", "favor"),
    ],
)
def test_assessment_of_the_relationship(clf, script, text, stance):
    row = classify_one(clf, script(text), sentence=script(f"普京和拜登都认为，{text}"))  # a US-Russia article
    assert row["stance"] == stance
    assert row["topics"][0] == "bilateral_relations"


@pytest.mark.parametrize(
    "text",
    [
        "双方将于下周在维也纳举行会谈",
        "代表团成员包括外长和国防部长",
        "双方讨论了合作、网络安全和地区冲突等问题",  # an agenda lists topics, it evaluates nothing
        "很难说两国关系能否改善",  # hedge
    ],
)
def test_reports_of_facts_plans_and_agenda_are_neutral(clf, script, text):
    assert classify_one(clf, script(text))["stance"] == "neutral"


def test_media_speakers_are_judged_the_same(clf, script):
    report = classify_one(clf, script("两国领导人的会谈持续了两个小时"), cue=script("报道"), role="relay", speaker="美联社")
    assert report["stance"] == "neutral"
    judged = classify_one(clf, script("两国在伊朗问题上的立场截然相反"), cue=script("报道"), role="relay", speaker="美联社")
    assert judged["stance"] == "against"


def test_cue_word_priors(clf, script):
    content = script("美方最近的做法")  # nothing evaluative in the content
    assert classify_one(clf, content, cue=script("批评"), role="accusation")["stance"] == "against"
    assert classify_one(clf, content, cue=script("谴责"), role="accusation")["stance"] == "against"
    assert classify_one(clf, content, cue=script("赞扬"), role="endorse")["stance"] == "favor"
    assert classify_one(clf, content, cue=script("表示"))["stance"] == "neutral"  # negative case
    # an accusation stays one when the accused act sounds positive
    accused = classify_one(clf, script("俄罗斯支持分离势力"), cue=script("指责"), role="accusation")
    assert accused["stance"] == "against"


def test_attitude_cue_is_part_of_the_proposition(clf, script):
    assert classify_one(clf, script("局势会失控"), cue=script("担心"), role="opinion")["stance"] == "against"
    assert classify_one(clf, script("两国关系尽快改善"), cue=script("希望"), role="opinion")["stance"] == "favor"
    assert classify_one(clf, script("明天会下雨"), cue=script("认为"), role="opinion")["stance"] == "neutral"


def test_stance_evidence_and_confidence(clf, script):
    phrase = classify_one(clf, script("我们不会容忍这种行为"))
    assert simp(script("不会容忍")) in phrase["stance_evidence"]
    composed = classify_one(clf, script("他不希望出现冷战"))
    assert any("希望" in e and e.endswith("→ favor") for e in composed["stance_evidence"])
    clear = classify_one(clf, script("会谈气氛良好，富有成效"))
    mixed = classify_one(clf, script("会谈气氛良好，也有严重分歧"))
    assert clear["stance"] == "favor"
    assert clear["stance_confidence"] > mixed["stance_confidence"]
