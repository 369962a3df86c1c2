"""Topics that hold across outlets (models/beats/us_russia/topics.yaml, pipeline/classify.py).

Every sentence is constructed for the test; each runs in Simplified, Hong Kong and Taiwan
script (the ``script`` fixture). A claim sits in a document whose first sentence sets the
beat: ``ru`` names both sides in one sentence (a US-Russia article), ``off`` names neither
(a China-US, Korea, Gaza or cross-strait article, scored with the us_russia list).
"""

from __future__ import annotations

import pytest

from pipeline.classify import classify_document
from pipeline.config import ClassifyConfig
from pipeline.lexicons import simp

CFG = ClassifyConfig()
LEAD = {"ru": "美国和俄罗斯的官员本周在日内瓦会面。", "off": "各方本周继续关注有关事态。"}


def topics_of(clf, script, body: str, mode: str, headline: str = "") -> tuple[list[str], list[str]]:
    """Topics and topic evidence of one claim ``body`` (Simplified, written in ``script``)."""
    body = script(body)
    lead = script(LEAD[mode])
    sentence = f"{script('某官员表示')}，{body}。"
    text = lead + sentence
    start = text.index(body)
    claim = {
        "text": body,
        "text_simplified": simp(body),
        "sentence": sentence,
        "speaker": "某官员",
        "target": "",
        "cue": "表示",
        "cue_role": "speech",
        "kind": "indirect",
        "start": start,
        "end": start + len(body),
    }
    doc = {"doc_id": "t", "title": None, "text": text}
    row = classify_document([claim], doc, simp(text), simp(script(headline)), clf, CFG)[0]
    return row["topics"], row["topic_evidence"]


@pytest.mark.parametrize(
    ("text", "mode", "topic"),
    [
        # abbreviations and the names outlets of each region use
        ("美方将向乌方追加一批军事援助", "ru", "ukraine"),
        ("特别军事行动的目标一定会实现", "ru", "ukraine"),
        ("俄军正在向波克罗夫斯克推进", "ru", "ukraine"),
        ("美军驻叙东北部的部队将逐步减少", "ru", "syria"),
        ("俄方军舰已经撤离塔尔图斯港", "ru", "syria"),
        ("美国空袭了纳坦兹的地下设施", "off", "iran"),
        ("莫斯科的外交机构遭到不公正对待", "ru", "diplomatic_missions"),
        ("这名退伍军人被判处十五年有期徒刑", "ru", "detained_citizens"),
        ("黑客集团索要巨额比特币赎金", "ru", "cyber"),
        ("俄方借助假讯息帮助其中意的候选人胜选", "ru", "election_interference"),
        ("美国社会的种族歧视根深蒂固", "ru", "human_rights"),
        ("西方的经济封锁未能让俄罗斯屈服", "ru", "sanctions"),
        ("被剔除出国际支付系统的银行将更多", "ru", "sanctions"),
        # beyond the beat, scored with the us_russia list (spec: Topics)
        ("关税战对两国的农民伤害最大", "off", "economy_energy"),
        ("中方将增加对美国大豆和农产品的采购", "off", "economy_energy"),
        ("韩国与日本将恢复三边安全对话", "off", "regional_issues"),
        ("以巴冲突的出路在于两国方案", "off", "regional_issues"),
        ("两岸关系的紧张是民进党造成的", "off", "other"),
        ("日本领导人的涉台言论严重违背一个中国原则", "off", "other"),
    ],
)
def test_outlet_vocabulary(clf, script, text, mode, topic):
    topics, evidence = topics_of(clf, script, text, mode)
    assert topics[0] == topic
    assert evidence  # the deciding words are named


def test_generic_war_words_name_no_beat_topic_off_the_beat(clf, script):
    """停火 is Ukraine's in US-Russia news, but not in a Gaza story; 盟友 is NATO's there,
    not the US-Japan alliance's."""
    assert topics_of(clf, script, "双方应当尽快实现停火", "ru")[0][0] == "ukraine"
    assert "ukraine" not in topics_of(clf, script, "双方应当尽快实现停火", "off")[0]
    assert "nato" not in topics_of(clf, script, "日本是美国最重要的盟友", "off")[0]
    # the article's own words still decide: Gaza's hostages are regional, not detained citizens
    topics, _ = topics_of(clf, script, "双方应当尽快实现停火，释放人质", "off", headline="加沙停火谈判重启")
    assert topics[0] == "regional_issues"


def test_export_controls_are_sanctions_on_the_beat_and_trade_off_it(clf, script):
    assert topics_of(clf, script, "对俄出口管制将进一步收紧", "ru")[0][0] == "sanctions"
    assert topics_of(clf, script, "稀土出口管制措施将暂缓实施", "off")[0][0] == "economy_energy"


def test_a_compound_weapon_name_is_one_piece_of_evidence(clf, script):
    """洲际弹道导弹 is one word: it does not outweigh the country that fired it."""
    assert topics_of(clf, script, "北韩当天试射了一枚洲际弹道导弹", "off")[0][0] == "regional_issues"
    assert topics_of(clf, script, "俄罗斯当天试射了一枚洲际弹道导弹", "ru")[0][0] == "arms_control"


def test_an_event_that_dates_the_claim_is_not_its_topic(clf, script):
    topics, evidence = topics_of(clf, script, "北约峰会期间两国签署了能源协议", "ru")
    assert topics[0] == "economy_energy"
    assert "能源" in evidence
    # a setting with nothing else named is the claim's matter
    assert topics_of(clf, script, "其中两人在关押期间病逝", "ru")[0][0] == "detained_citizens"


def test_a_sanction_outranks_the_economy_it_targets(clf, script):
    topics, evidence = topics_of(clf, script, "新的制裁将针对俄罗斯的天然气出口和石油收入", "ru")
    assert topics[:2] == ["sanctions", "economy_energy"]
    assert "制裁" in evidence
    assert topics_of(clf, script, "俄罗斯的天然气出口持续增长", "ru")[0][0] == "economy_energy"


@pytest.mark.parametrize(
    ("text", "mode", "word"),
    [
        ("这名乌克兰籍工程师在圣彼得堡开了一家公司", "ru", "乌克兰"),  # a nationality names a person
        ("两国领导人将于香港时间晚上九点通话", "ru", "香港"),  # a time zone in a date
        ("中日韩三方合作机制面临考验", "off", "日韩"),  # the trilateral is not Korea
        ("跨大西洋两岸的合作比以往更重要", "ru", "两岸"),  # not the Taiwan Strait
        ("白宫希望借此释放善意", "ru", "释放"),  # 释放善意 frees nobody
        ("美国两大石油公司被列入制裁名单", "ru", "石油"),  # a company is an actor, not the market
    ],
)
def test_topic_words_inside_names_and_dates_do_not_count(clf, script, text, mode, word):
    _, evidence = topics_of(clf, script, text, mode)
    assert word not in evidence


def test_no_keyword_hides_a_stronger_one_inside_it(clf):
    """Matching is leftmost-longest: a longer keyword with a smaller weight (北约成员国 1)
    would hide the strong one inside it (北约 3). Masks hide on purpose."""
    keywords = clf.topics.keywords
    best = {w: max(weight for _, weight in entries) for w, entries in keywords.items() if entries}
    hidden = [
        (w, k) for w, wt in best.items() for k, inner in best.items() if k != w and k in w and inner > wt
    ]
    assert hidden == []
