"""Stance aimed at a target, and the target itself (pipeline/target.py, models/stance.yaml
section ``target``), the beats (models/beats/) and the learned stance model.

Every sentence is constructed for the test; each is checked in Simplified, Hong Kong
Traditional and Taiwan usage (OpenCC s2twp).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from pipeline.classify import StanceResult, classify_document, load_classifier, topic_labels
from pipeline.config import DEFAULT_MODELS, ROOT, ClassifyConfig
from pipeline.lexicons import simp
from pipeline.stance_model import LEARNED_FILE, dump, features, load_learned, train
from tests.conftest import constructed_claim

CFG = ClassifyConfig()



def claim_of(
    clf, speaker_mention: str, speaker: str, lead: str, body: str, cue: str, cfg: ClassifyConfig = CFG, role: str = "speech"
) -> dict:
    """``{speaker_mention}{lead}{body}。`` with the cue inside ``lead`` (批评俄罗斯说，)."""
    sentence = f"{speaker_mention}{lead}{body}。"
    row = constructed_claim(body, sentence, len(speaker_mention) + len(lead), speaker, cue, role)
    row.update(speaker_start=0, speaker_end=len(speaker_mention))
    doc = {"doc_id": "t", "title": None, "text": sentence}
    return classify_document([row], doc, simp(sentence), "", clf, cfg)[0]


def said(clf, script, speaker: str, body: str, cue: str = "表示") -> dict:
    return claim_of(clf, script(speaker), speaker, script(cue + "，"), script(body), script(cue))


# ------------------------------------------------------------------ demands and appeals


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        ("拉夫罗夫", "美国应当收回这些决定", "美国"),  # X应当…: mild words, still a demand
        ("布林肯", "俄罗斯别再阻挠谈判", "俄罗斯"),
        ("布林肯", "要求俄罗斯停止炮击", "俄罗斯"),
        ("拉夫罗夫", "希望美方停止这种做法", "美国"),
    ],
)
def test_a_demand_is_against_the_party_asked(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] == target
    assert any(e.startswith("demand:") for e in out["stance_evidence"])


def test_an_appeal_cue_aims_at_the_party_its_content_opens_with(clf, script):
    out = said(clf, script, "布林肯", "俄罗斯撤出军队并恢复对话", cue="呼吁")
    assert (out["stance"], out["target"]) == ("against", "俄罗斯")


def test_the_speakers_own_side_is_no_demand(clf, script):
    # 我们/美国 asking itself is a plan, not a demand aimed at another party
    out = said(clf, script, "白宫", "美国应当加强与盟友的合作")
    assert out["stance"] != "against"
    assert out["target"] == ""


# ------------------------------------------------------------------ denials, assessments, facts


@pytest.mark.parametrize("body", ["俄罗斯从未插手美国大选", "根本没有这回事", "这完全是捏造"])
def test_a_denial_is_against_without_a_named_accuser(clf, script, body):
    out = said(clf, script, "佩斯科夫", body)
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] == ""


@pytest.mark.parametrize(("body", "target"), [("普京试图欺骗世界舆论", "普京"), ("这些公司支持俄罗斯的网络攻击", "俄罗斯")])
def test_an_attempted_or_supported_wrongdoing_is_an_accusation_not_a_denial(clf, script, body, target):
    """试图/支持 + a denial word accuses the one who attempts it; only a negated accusation
    (从未插手) is a rebuttal without a target."""
    out = said(clf, script, "白宫", body)
    assert (out["stance"], out["target"]) == ("against", target), out["stance_evidence"]


def test_the_party_a_wrongdoing_is_done_to_is_not_the_target(clf, script):
    """希望每个干涉委内瑞拉的国家停止: 委内瑞拉 is the victim named after 干涉, not the actor."""
    out = said(clf, script, "白宫", "我们希望每个干涉委内瑞拉的国家停止这样做")
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] != "委内瑞拉"
    # the actor named before the act stays the target
    actor = said(clf, script, "白宫", "俄罗斯一再干涉委内瑞拉")
    assert actor["target"] == "俄罗斯", actor["stance_evidence"]


@pytest.mark.parametrize(
    ("body", "stance"),
    [("这次会面来得正是时候", "favor"), ("会谈坦诚而务实", "favor"), ("双边关系跌入谷底", "against")],
)
def test_an_assessment_of_the_meeting_or_relationship_has_no_target(clf, script, body, stance):
    out = said(clf, script, "佩斯科夫", body)
    assert out["stance"] == stance, out["stance_evidence"]
    assert out["target"] == ""


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [("拉夫罗夫", "这场冲突是由北约东扩引起的", "北约"), ("库列巴", "这场危机完全是俄罗斯一手造成的", "俄罗斯")],
)
def test_a_cleft_naming_the_cause_of_a_harm_blames_that_party(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] == target


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        ("吴钊燮", "中共的军事恫吓不会让我们屈服", "中国"),  # a side's name in the Taiwan press
        ("吴钊燮", "陆方的做法只会伤害两岸人民的感情", "中国"),
        ("吴钊燮", "对岸持续在台海周边进行挑衅", "中国"),  # 对岸: the side the speaker is not on
        ("朱凤莲", "对岸当局持续进行挑衅", "台湾"),
        ("扎哈罗娃", "对岸持续在台海周边进行挑衅", ""),  # a third party's 对岸 names no one
    ],
)
def test_a_side_named_by_its_opponents_or_as_the_other_side(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] == target


def test_a_praise_verb_aims_at_the_party_right_after_it(clf, script):
    out = said(clf, script, "毛宁", "中方高度评价俄方为和平所作的努力")
    assert (out["stance"], out["target"]) == ("favor", "俄罗斯"), out["stance_evidence"]


def test_the_party_after_dui_is_what_the_act_is_aimed_at_not_its_actor(clf, script):
    out = said(clf, script, "朔尔茨", "我们谴责俄罗斯对乌克兰的侵略")
    assert (out["stance"], out["target"]) == ("against", "俄罗斯"), out["stance_evidence"]


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("有关俄方向朝鲜提供导弹技术的报道毫无根据", ""),  # the report's content: no accuser named
        ("朝鲜的说法毫无根据", "朝鲜"),  # whose words are rejected: relayed
    ],
)
def test_a_party_inside_a_rejected_report_is_not_its_target(clf, script, body, target):
    out = said(clf, script, "佩斯科夫", body)
    assert (out["stance"], out["target"]) == ("against", target), out["stance_evidence"]


def test_an_adverb_between_a_party_and_its_wish_still_relays_it(clf, script):
    out = said(clf, script, "鲁比奥", "普京显然想要结束这场战争")
    assert out["target"] == "普京", out["stance_evidence"]


def test_irony_about_a_partys_term_aims_at_that_party(clf, script):
    out = said(clf, script, "泽连斯基", "俄罗斯口中的“停火”只是为了重新集结部队")
    assert out["stance"] == "against", out["stance_evidence"]
    assert out["target"] == "俄罗斯"


def test_a_factual_agenda_with_a_positive_noun_is_neutral(clf, script):
    out = said(clf, script, "白宫", "双方下月将举行安全对话")
    assert (out["stance"], out["target"]) == ("neutral", "")


@pytest.mark.parametrize("body", ["将对俄罗斯追加制裁", "决定驱逐俄罗斯的外交官"])
def test_a_reported_hostile_act_is_against_its_object(clf, script, body):
    out = said(clf, script, "白宫", body)
    assert (out["stance"], out["target"]) == ("against", "俄罗斯"), out["stance_evidence"]


def test_negation_scope_reaches_the_end_of_its_clause(clf, script):
    out = said(clf, script, "拉夫罗夫", "没有任何事情能让他让步")
    assert out["stance"] == "against", out["stance_evidence"]


# ------------------------------------------------------------------ whom: cue objects, relays, words


def test_the_cue_object_is_the_target(clf, script):
    out = claim_of(clf, script("拜登"), "拜登", script("批评俄罗斯说，"), script("这种做法是错误的"), script("说"))
    assert (out["stance"], out["target"]) == ("against", "俄罗斯")


def test_the_addressee_after_a_preposition_is_the_target(clf, script):
    out = claim_of(clf, script("拜登"), "拜登", script("向普京表明，"), script("这种攻击不可接受"), script("表明"))
    assert (out["stance"], out["target"]) == ("against", "普京")


def test_a_relayed_person_is_the_target(clf, script):
    out = said(clf, script, "乌沙科夫", "普京重申，俄方愿意继续对话")
    assert out["target"] == "普京"


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        # a view, a decision or a response ascribed to a party, past a gap word (方面, 政府, 尚未)
        ("布林肯", "日本方面理解韩方的担忧", "日本"),
        ("布林肯", "伊朗政府正在考虑出售无人机给俄军", "伊朗"),
        ("巴勒斯坦官员", "以色列尚未接受这一方案", "以色列"),
    ],
)
def test_a_view_or_decision_ascribed_to_a_party_relays_it(clf, script, speaker, body, target):
    assert said(clf, script, speaker, body)["target"] == target


def test_a_partys_scheduled_act_is_a_fact_with_no_target(clf, script):
    out = said(clf, script, "白宫", "普京下月将访问中国")
    assert out["stance"] == "neutral" and out["target"] == ""


def test_a_third_partys_wish_is_reported_not_the_speakers_stance(clf, script):
    out = said(clf, script, "白宫", "普京希望与美国改善关系")
    assert out["stance"] == "neutral", out["stance_evidence"]
    assert out["target"] == "普京"  # the person whose view is relayed


def test_a_wish_of_the_speakers_own_side_is_its_own(clf, script):
    out = said(clf, script, "佩斯科夫", "俄罗斯希望全面恢复与美国的关系")
    assert out["stance"] == "favor"


def test_never_a_partial_match_of_a_longer_name(clf, script):
    # 克里 (Kerry) inside 克里米亚 (Crimea) is no mention
    out = said(clf, script, "普京", "西方对克里米亚的指责是荒谬的")
    assert out["stance"] == "against"
    assert out["target"] == "西方"


def test_never_the_speaker_or_its_own_side(clf, script):
    out = said(clf, script, "美国国务院", "美国绝不接受任何威胁")
    assert out["stance"] == "against"
    assert out["target"] == ""


def test_a_neutral_report_has_no_target(clf, script):
    out = said(clf, script, "美联社", "俄罗斯代表团周二抵达日内瓦", cue="报道")
    assert (out["stance"], out["target"]) == ("neutral", "")


# ------------------------------------------------------------------ topics and beats


def test_a_weak_keyword_alone_adds_no_topic(clf, script):
    alone = said(clf, script, "布林肯", "各方都希望和平")
    assert "ukraine" not in alone["topics"]
    strong = said(clf, script, "布林肯", "各方都希望乌克兰实现和平")
    assert strong["topics"][0] == "ukraine"


def test_every_topic_has_a_chinese_label_in_every_beat():
    for beat in ("us_russia", "china_us"):
        clf = load_classifier(DEFAULT_MODELS, beat)
        labels = topic_labels(DEFAULT_MODELS, beat)
        assert set(labels) == set(clf.topics.ids)
        assert all(label != tid and not label.isascii() for tid, label in labels.items())


def test_unknown_beat_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown beat 'nope'"):
        load_classifier(DEFAULT_MODELS, "nope")


def test_unknown_beat_on_the_command_line_is_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(ROOT / "corpus" / "raw"), "--out", str(tmp_path), "--beat", "nope"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "unknown beat 'nope'" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("美国对中国商品加征关税是错误的", "trade_tariffs"),
        ("美方把更多中国企业列入实体清单", "technology_export_controls"),
        ("美国对台军售严重违反一个中国原则", "taiwan"),
        ("菲律宾船只闯入黄岩岛海域", "south_china_sea"),
        ("两国将在芬太尼禁毒方面加强合作", "fentanyl_law_enforcement"),
    ],
)
def test_china_us_beat_topics(script, body, topic):
    clf = load_classifier(DEFAULT_MODELS, "china_us")
    cfg = dataclasses.replace(CFG, beat="china_us")
    out = claim_of(clf, script("汪文斌"), "汪文斌", script("表示，"), script(body), script("表示"), cfg)
    assert out["topics"][0] == topic, out["topic_evidence"]


# ------------------------------------------------------------------ learned model


def _toy() -> tuple[list[dict[str, float]], list[str]]:
    rows = [("非常成功", "favor"), ("十分满意", "favor"), ("坚决反对", "against"), ("强烈谴责", "against")]
    rows += [("周二抵达", "neutral"), ("下周举行", "neutral")]
    feats = [features(t, "speech", StanceResult("neutral", 0.6, [], 0.0)) for t, _ in rows]
    return feats * 3, [lab for _, lab in rows] * 3


def test_learned_weights_are_byte_identical_and_round_trip(tmp_path):
    feats, labels = _toy()
    a = dump(train(feats, labels, min_count=1), {"n": len(labels)})
    b = dump(train(feats, labels, min_count=1), {"n": len(labels)})
    assert a == b
    path = tmp_path / LEARNED_FILE
    path.write_text(a, encoding="utf-8")
    model = load_learned(path)
    label, prob, evidence = model.predict(features("强烈反对", "speech", StanceResult("neutral", 0.6, [], 0.0)))
    assert label == "against" and 0.33 < prob <= 1.0
    assert evidence and all(e.startswith("learned:") for e in evidence)
    assert json.loads(a)["meta"] == {"n": len(labels)}


def test_learned_mode_needs_weights_and_shows_evidence(tmp_path, clf):
    cfg = dataclasses.replace(CFG, stance_model="learned")
    if clf.learned is None:
        with pytest.raises(ValueError, match="train-stance"):
            claim_of(clf, "布林肯", "布林肯", "表示，", "这是错误的", "表示", cfg)
        return
    out = claim_of(clf, "布林肯", "布林肯", "表示，", "这种做法完全错误", "表示", cfg)
    assert out["stance"] in ("favor", "against", "neutral")
    assert any(e.startswith("learned:") for e in out["stance_evidence"])


def test_unknown_stance_model_is_refused(clf):
    if clf.learned is None:
        pytest.skip("no learned weights in models/")
    cfg = dataclasses.replace(CFG, stance_model="magic")
    with pytest.raises(ValueError, match="lexicon, learned or combined"):
        claim_of(clf, "布林肯", "布林肯", "表示，", "这是错误的", "表示", cfg)


def test_an_appeal_to_refrain_is_a_demand_without_a_named_party(clf, script):
    out = said(clf, script, "布林肯", "不要让这些公司参与电讯建设", cue="呼吁")
    assert (out["stance"], out["target"]) == ("against", "")
    assert "demand" in out["stance_evidence"]


def test_a_closing_hedge_withholds_the_verdict_of_its_segment(clf, script):
    assert said(clf, script, "佩斯科夫", "至于会谈成果如何，则见仁见智")["stance"] == "neutral"
    assert said(clf, script, "佩斯科夫", "会谈取得了成果")["stance"] == "favor"


def test_an_accusation_aims_at_the_actor_not_its_victim(clf, script):
    out = said(clf, script, "布林肯", "俄罗斯对乌克兰发动了侵略")
    assert (out["stance"], out["target"]) == ("against", "俄罗斯")


def test_the_party_the_content_names_comes_before_the_addressee(clf, script):
    out = claim_of(
        clf, script("布林肯"), "布林肯", script("向拉夫罗夫强调，"), script("世界不会接受俄罗斯吞并乌克兰领土"), script("强调")
    )
    assert (out["stance"], out["target"]) == ("against", "俄罗斯")


def test_a_report_of_facts_needs_strong_words_to_take_a_side(clf, script):
    def report(body: str, role: str) -> dict:
        return claim_of(clf, script("美联社"), "美联社", script("报道，"), script(body), script("报道"), role=role)

    assert report("两国关系出现紧张", "speech")["stance"] == "against"
    assert report("两国关系出现紧张", "relay")["stance"] == "neutral"  # a report of facts
    assert report("双方立场截然相反", "relay")["stance"] == "against"


@pytest.mark.parametrize("body", ["北约不得破坏停火安排", "各国绝对不能低估这种风险", "外界不要干预两国内政"])
def test_forbidding_is_a_warning_whatever_the_word(clf, script, body):
    out = said(clf, script, "拉夫罗夫", body)
    assert out["stance"] == "against", out["stance_evidence"]


def test_negating_a_negative_word_without_forbidding_is_still_favor(clf, script):
    assert said(clf, script, "拉夫罗夫", "这不是威胁")["stance"] == "favor"


def test_a_beats_registry_additions_name_targets_in_that_beat_only(script):
    body = "民进党当局必须停止挑衅"
    us_russia = load_classifier(DEFAULT_MODELS, "us_russia")
    china_us = load_classifier(DEFAULT_MODELS, "china_us")
    cfg = dataclasses.replace(CFG, beat="china_us")
    lead, cue = script("表示，"), script("表示")
    assert claim_of(china_us, script("朱凤莲"), "朱凤莲", lead, script(body), cue, cfg)["target"] == "民进党"
    assert claim_of(us_russia, script("朱凤莲"), "朱凤莲", lead, script(body), cue)["target"] == "台湾"  # the general registry: the authorities stand for their side


# ------------------------------------------------------------------ whom: relayed views, subjects, own side


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        ("佩斯科夫", "普京的提议依然有效", "普京"),  # X的提议: X's words, relayed
        ("拉夫罗夫", "泽连斯基关于停火的说法只是虚张声势", "泽连斯基"),  # X关于…的说法
    ],
)
def test_a_partys_words_as_a_noun_are_relayed(clf, script, speaker, body, target):
    assert said(clf, script, speaker, body)["target"] == target


def test_a_party_named_with_a_thing_that_is_no_view_is_not_relayed(clf, script):
    out = said(clf, script, "佩斯科夫", "普京的专机已经抵达")
    assert (out["stance"], out["target"]) == ("neutral", "")


def test_the_subject_carries_over_to_a_clause_without_one(clf, script):
    # 侵略 decides in the second clause, which names only the victim after it
    out = said(clf, script, "布林肯", "俄罗斯集结了大批部队，准备侵略乌克兰")
    assert (out["stance"], out["target"]) == ("against", "俄罗斯")


def test_a_pronoun_stands_for_the_earlier_subject_and_a_place_is_no_actor(clf, script):
    out = said(clf, script, "拉夫罗夫", "美国的做法令人遗憾，包括它在伊朗周边的挑衅")
    assert (out["stance"], out["target"]) == ("against", "美国")


def test_a_party_spoken_to_inside_the_claim_is_not_its_target(clf, script):
    out = said(clf, script, "泽连斯基", "他已向特朗普表明普京的停火承诺只是虚张声势")
    assert (out["stance"], out["target"]) == ("against", "普京")


def test_a_denial_cue_names_no_accuser(clf, script):
    out = claim_of(clf, script("佩斯科夫"), "佩斯科夫", script("否认"), script("俄罗斯干预美国大选"), script("否认"))
    assert (out["stance"], out["target"]) == ("against", "")


def test_a_rival_party_of_the_same_country_is_a_target(clf, script):
    out = said(clf, script, "民进党", "国民党一再阻挡国防预算", cue="批评")
    assert (out["stance"], out["target"]) == ("against", "国民党")


def test_a_country_speaks_through_its_officeholders(clf, script):
    # 美国 on its own president: the speaker itself; a foreign leader is a target
    assert said(clf, script, "美国", "特朗普绝不会接受这种威胁")["target"] == ""
    assert said(clf, script, "美国", "普京绝不会接受这种建议")["target"] == "普京"


def test_a_name_next_to_one_transliteration_character_is_still_a_name(clf, script):
    # 伊朗威胁: 威 also spells names, but one character is no longer name (克里|米亚 is)
    out = said(clf, script, "白宫", "伊朗威胁袭击美国在中东的利益", cue="指责")
    assert (out["stance"], out["target"]) == ("against", "伊朗")


def test_a_party_after_to_is_the_addressee_only_before_a_speech_verb(clf, script):
    # 表示，向日本提供…: the content, not an addressee; 对于X的挑衅 names the object
    out = claim_of(clf, script("佩斯科夫"), "佩斯科夫", script("表示，向日本提供"), script("任何保证都是极其错误的"), script("表示"))
    assert (out["stance"], out["target"]) == ("against", "")
    out = claim_of(clf, script("郭雅慧"), "郭雅慧", script("指出，对于中国的挑衅，"), script("这种做法极其错误"), script("指出"))
    assert (out["stance"], out["target"]) == ("against", "中国")


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        ("蓬佩奥", "特朗普正试图在最危险的关系中找到新的立足点", "特朗普"),  # a motive ascribed
        ("拜登", "莫斯科极希望保持大国地位", "俄罗斯"),  # a wish ascribed, one adverb between
        ("白宫", "奥地利愿意承办这次会晤", "奥地利"),
    ],
)
def test_a_view_or_motive_ascribed_to_a_party_is_relayed(clf, script, speaker, body, target):
    assert said(clf, script, speaker, body)["target"] == target


@pytest.mark.parametrize(
    "body",
    [
        "在波兰寻求援助的泽连斯基下周将前往伦敦",  # 在土耳其: a place, not the one who seeks
        "俄罗斯准备在下个月举行军事演习",  # a plan is a fact, not a view
    ],
)
def test_places_and_plans_are_not_relayed(clf, script, body):
    out = said(clf, script, "美联社", body, cue="报道")
    assert (out["stance"], out["target"]) == ("neutral", "")


def test_a_favourable_verdict_on_a_person_aims_at_that_person(clf, script):
    assert said(clf, script, "普京", "拜登是一个具有建设性的伙伴")["target"] == "拜登"
    # a country's 是… is more often a statement of facts
    assert said(clf, script, "普京", "美国是一个很大的市场，合作有益")["target"] == ""


def test_an_issue_is_not_a_party(clf, script):
    out = said(clf, script, "蓬佩奥", "在委内瑞拉问题上，我们存在严重分歧")
    assert (out["stance"], out["target"]) == ("against", "")


def test_a_meeting_of_two_sides_leaders_is_assessed_not_targeted(clf, script):
    out = said(clf, script, "韦进深", "特朗普与普京的会晤难以解决所有障碍")
    assert (out["stance"], out["target"]) == ("against", "")
    # two persons of one side are still the accused
    out = said(clf, script, "拉夫罗夫", "拜登和布林肯一再歪曲事实")
    assert (out["stance"], out["target"]) == ("against", "拜登")


def test_the_party_whose_act_the_deciding_noun_names_is_the_target(clf, script):
    # the clause opens with the victim; 美国官员的威胁 names who threatens
    out = said(clf, script, "拉夫罗夫", "委内瑞拉政府正面临美国官员的威胁")
    assert (out["stance"], out["target"]) == ("against", "美国")


@pytest.mark.parametrize(("date", "target"), [("2021-06-16", "拜登"), ("2018-07-16", "特朗普"), ("2005-01-01", "")])
def test_a_role_names_its_holder_in_the_documents_year(clf, script, date, target):
    # 美国总统 in 2021 is Biden, in 2018 Trump; a year the registry lists no holder names no one
    speaker_mention, lead, body = script("普京"), script("说，"), script("美国总统有意恢复两国的联系")
    sentence = f"{speaker_mention}{lead}{body}。"
    start = len(speaker_mention) + len(lead)
    row = {
        "text": body, "text_simplified": simp(body), "sentence": sentence, "speaker": "普京",
        "speaker_start": 0, "speaker_end": len(speaker_mention), "target": "", "cue": script("说"),
        "cue_role": "speech", "kind": "indirect", "start": start, "end": start + len(body),
    }
    doc = {"doc_id": "t", "title": None, "text": sentence, "date": date}
    assert classify_document([row], doc, simp(sentence), "", clf, CFG)[0]["target"] == target


def test_whom_the_speaker_tells_is_the_object_but_an_outlet_is_the_audience(clf, script):
    body = script("向乌克兰提供远程导弹将破坏和平进程")
    out = claim_of(clf, script("普京"), "普京", script("在通话中告诉特朗普，"), body, script("告诉"))
    assert (out["stance"], out["target"]) == ("against", "特朗普")
    out = claim_of(clf, script("普京"), "普京", script("告诉塔斯社，"), body, script("告诉"))
    assert out["target"] != "塔斯社"


def test_a_praising_cues_object_opening_the_content_is_the_target(clf, script):
    """感谢｜X在…提供的帮助: the party thanked opens the claim's content, after the cue."""
    out = claim_of(clf, script("泽连斯基"), "泽连斯基", script("感谢"), script("日本在重建方面提供的帮助"), script("感谢"))
    assert (out["stance"], out["target"]) == ("favor", "日本")
    # a neutral cue does not make the party opening its content an object (that party giving
    # help is praised by the content itself: test_target_r12, the party that gives help)
    plain = said(clf, script, "泽连斯基", "日本在重建方面拿出了方案")
    assert plain["target"] != "日本" or plain["stance"] != "favor"


@pytest.mark.parametrize(
    ("speaker", "body", "stance"),
    [
        ("拉夫罗夫", "与西方的关系短期内不可能好转", "against"),  # the relationship is assessed
        ("王毅", "中国同东盟之间的关系从未像今天这样牢固", "favor"),
    ],
)
def test_the_other_side_of_an_assessed_relationship_is_no_target(clf, script, speaker, body, stance):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, ""), out["stance_evidence"]
    # the party acting, not the partner of a relationship, stays the target
    actor = said(clf, script, "拉夫罗夫", "美国一再破坏两国之间的互信")
    assert (actor["stance"], actor["target"]) == ("against", "美国")


def test_a_relayed_wish_is_neutral_and_aims_at_whose_wish_it_is(clf, script):
    """官员说，X希望… reports X's wish: the claim is the source's, neutral, target X."""
    out = said(clf, script, "白宫", "泽连斯基渴望尽快举行和平会谈", cue="说")
    assert (out["stance"], out["target"]) == ("neutral", "泽连斯基"), out["stance_evidence"]


def test_a_relayed_eagerness_is_neutral_and_aims_at_whose_it_is(clf, script):
    out = said(clf, script, "白宫", "马克龙急于与普京达成协议", cue="说")
    assert (out["stance"], out["target"]) == ("neutral", "马克龙"), out["stance_evidence"]
    # the speaker's own side stating its eagerness is its own stance
    own = said(clf, script, "马克龙", "我们热衷于与各国开展合作")
    assert own["stance"] == "favor"


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("我们欢迎沙特在斡旋中发挥的作用", "沙特"),  # welcoming X's role praises X
        ("我们感激土耳其在危机中提供的帮助", "土耳其"),
        ("我们欢迎各方为和平作出的努力", ""),  # no party named: no target
    ],
)
def test_the_party_welcomed_or_thanked_is_the_target(clf, script, body, target):
    out = said(clf, script, "布林肯", body)
    assert (out["stance"], out["target"]) == ("favor", target), out["stance_evidence"]


def test_interesting_is_no_intent(clf, script):
    out = said(clf, script, "佩斯科夫", "特朗普关于乌克兰的言论很有意思")
    assert out["stance"] == "neutral", out["stance_evidence"]


@pytest.mark.parametrize(
    ("speaker", "body", "target"),
    [
        ("毛宁", "这是中国的内政，不容美方干涉", "美国"),  # a prohibition aimed at a named party
        ("普京", "俄罗斯绝不允许北约在边境部署导弹", "北约"),  # mild words, still a warning to it
        ("扎哈罗娃", "乌克兰被西方当作对抗的工具", "西方"),  # the passive's agent, not its subject
        ("布林肯", "伊朗向俄罗斯提供无人机，助长了这场战争", "伊朗"),
    ],
)
def test_prohibitions_and_passives_aim_at_the_actor(clf, script, speaker, body, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == ("against", target), out["stance_evidence"]


def test_a_set_phrase_with_burong_is_no_prohibition(clf, script):
    assert said(clf, script, "王毅", "这项工作刻不容缓")["stance"] == "neutral"


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("普京对会谈结果感到满意", "普京"),  # a third party's attitude, relayed: neutral, aimed at it
        ("习近平对这些出口管制十分不满", "习近平"),
    ],
)
def test_a_third_partys_attitude_toward_something_is_relayed(clf, script, body, target):
    out = said(clf, script, "白宫", body, cue="说")
    assert (out["stance"], out["target"]) == ("neutral", target), out["stance_evidence"]


def test_the_speakers_own_side_states_its_own_attitude(clf, script):
    out = said(clf, script, "毛宁", "中方对日本的做法表示强烈不满")
    assert (out["stance"], out["target"]) == ("against", "日本"), out["stance_evidence"]


# ------------------------------------------------------------------ round 5: whom a claim is aimed at


@pytest.mark.parametrize(
    ("speaker", "body", "stance", "target"),
    [
        ("朔尔茨", "德国将坚定地站在以色列一边", "favor", "以色列"),  # the party whose side is taken
        ("泽连斯基", "波兰始终站在乌克兰一边", "favor", "波兰"),  # the own side taken: who takes it
        ("拉夫罗夫", "美方若想改善关系，就必须停止制裁", "against", "美国"),  # a condition set for X
        ("王毅", "日方若想重返对话，应当拿出诚意", "against", "日本"),
        ("拉夫罗夫", "看不到美方有任何改善关系的意愿", "against", "美国"),  # negated head noun
        ("王毅", "中方声援巴西人民", "favor", "巴西"),  # the party supported
        ("朔尔茨", "德国与波兰的关系已经降至冰点", "against", ""),  # a pair's relationship: no target
        ("王毅", "中国和巴西的合作富有成效", "favor", ""),
    ],
)
def test_round_five_targets(clf, script, speaker, body, stance, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, target), out["stance_evidence"]


def test_our_own_condition_is_no_demand(clf, script):
    """我们若想…: the speaker's own side sets itself a condition, no demand on anyone."""
    out = said(clf, script, "王毅", "我们若想改善关系，就必须保持耐心")
    assert out["target"] == ""


# ------------------------------------------------------------------ round 7: hopes aimed at a party


@pytest.mark.parametrize(
    ("speaker", "body", "stance", "target"),
    [
        # the speaker's hope that another party act is a demand on it, however mild the words
        ("布林肯", "我们期待伊朗全面履行其在协议中的义务", "against", "伊朗"),
        ("拉夫罗夫", "我们希望美国停止向乌克兰输送武器", "against", "美国"),
        ("王毅", "希望日本切实遵守其作出的承诺", "against", "日本"),
        ("泽连斯基", "我们期望俄罗斯立即撤出所有被占领土", "against", "俄罗斯"),
        # a partner named after the coordinator, a good continued or shared: no demand
        ("拉夫罗夫", "我们希望与美国的关系能够逐步改善", "favor", ""),
        ("毛宁", "中方期待与东盟国家加强合作", "favor", ""),
        ("泽连斯基", "我们希望美国继续支持乌克兰", "favor", ""),
        # a hope that goes on to the relations to rebuild with the speaker's side prescribes them
        ("拉夫罗夫", "希望华盛顿反思其政策，同莫斯科恢复对话", "favor", ""),
        ("拉夫罗夫", "希望华盛顿反思其政策", "against", "美国"),
        # a third party's wish is reported, not the speaker's demand
        ("布林肯", "普京希望美国停止援助乌克兰", "neutral", "普京"),
        # ... also when the party it wishes of is not the speaker's side (no 西方停止 demand)
        ("布林肯", "普京希望西方停止对乌克兰的援助", "neutral", "普京"),
    ],
)
def test_a_hope_aimed_at_another_party_is_a_demand(clf, script, speaker, body, stance, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, target), out["stance_evidence"]


# ------------------------------------------------------------------ round 8: the favor column


@pytest.mark.parametrize(
    ("speaker", "body", "stance", "target"),
    [
        # a hope that a party end what it wages is a demand on it, like 停止
        ("布林肯", "我们希望俄罗斯结束战争", "against", "俄罗斯"),
        ("布林肯", "我们希望俄罗斯结束战争，但克里姆林宫没有表现出任何兴趣", "against", "俄罗斯"),
        # an end hoped for with no party asked: favor, aimed at no one
        ("布林肯", "我们希望冲突早日结束", "favor", ""),
        # pressure stepped up on a party: against the party in between
        ("马克龙", "法国将与盟友一道加强对俄罗斯的制裁", "against", "俄罗斯"),
        ("冯德莱恩", "欧盟将积极推动对俄罗斯的新一轮制裁", "against", "俄罗斯"),
        # the party whose side is taken, or whose help or quality is praised
        ("布林肯", "我们与乌克兰站在一起", "favor", "乌克兰"),
        ("泽连斯基", "谢谢美国人民的支持", "favor", "美国"),
        ("泽连斯基", "乌克兰人民不会忘记波兰的慷慨", "favor", "波兰"),
        # a partner in a joint event is not the one praised
        ("特朗普", "他与普京的通话非常好", "favor", ""),
        # a party whose role or partnership the verdict names
        ("马克龙", "德国是法国可靠的伙伴", "favor", "德国"),
        ("布林肯", "沙特在促成谈判方面发挥了建设性作用", "favor", "沙特"),
        # a party that is not the clause's subject is no role judged
        ("布林肯", "在沙特举行的会谈发挥了建设性作用", "favor", ""),
        # the relationship assessed names no party
        ("王毅", "中俄之间的关系经受住了考验", "favor", ""),
    ],
)
def test_round_eight_targets_of_positive_words(clf, script, speaker, body, stance, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, target), out["stance_evidence"]


def test_a_recited_standing_position_in_the_lead_is_no_verdict(clf, script):
    """中方一贯主张｜通过对话解决争端: the lead's agenda word governs the content (a principle
    recited); the same content under a plain cue stays a favourable view."""
    recited = claim_of(clf, script("中方"), "中国", script("一贯主张"), script("通过对话协商解决争端"), script("主张"))
    assert recited["stance"] == "neutral", recited["stance_evidence"]
    plain = claim_of(clf, script("中方"), "中国", script("表示，"), script("通过对话协商解决争端"), script("表示"))
    assert plain["stance"] == "favor", plain["stance_evidence"]


# ------------------------------------------------------------------ round 10: advice that rebukes, outsiders


@pytest.mark.parametrize(
    ("speaker", "body", "stance", "target"),
    [
        # advising a party to mind itself, hoping it comes to its senses: a demand on it
        ("林剑", "我们劝美方好好管住自己的事情", "against", "美国"),
        ("毛宁", "希望日方认清形势，不要一意孤行", "against", "日本"),
        ("拉夫罗夫", "希望华盛顿好好反省", "against", "美国"),
        ("拉夫罗夫", "希望华盛顿早日清醒过来", "against", "美国"),
        ("林剑", "我们正告美方，不要低估中方的决心", "against", "美国"),
        ("汪文斌", "美方最好把精力放在自己的问题上", "against", "美国"),
        # the same hope of a good shared with the speaker: no demand
        ("毛宁", "希望日方同我们一道认清形势", "favor", ""),
        # an outlet's forecast of a party's act judges no one
        ("路透社", "俄罗斯可能会加大对乌克兰的压力", "neutral", ""),
    ],
)
def test_advice_that_rebukes_and_forecasts_of_outsiders(clf, script, speaker, body, stance, target):
    out = said(clf, script, speaker, body)
    assert (out["stance"], out["target"]) == (stance, target), out["stance_evidence"]
