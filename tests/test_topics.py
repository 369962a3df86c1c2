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
from tests.conftest import constructed_page

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
        # an amount in dollars is any story's (aid, revenue); the dollar itself is the economy's
        ("这些油轮帮助伊朗政府获得了数十亿美元收入", "off", "iran"),
        ("美方将向乌方提供数十亿美元的军事援助", "ru", "ukraine"),
        ("去美元化的趋势正在加快", "ru", "economy_energy"),
        # a plan to end the war, its front and its prisoners are the war's in US-Russia news
        ("双方讨论了美方提出的和平方案", "ru", "ukraine"),
        ("俄军在前线继续推进", "ru", "ukraine"),
        ("双方同意交换各一千名战俘", "ru", "ukraine"),
        # a nuclear doctrine and its threshold are arms control
        ("俄方修改了核学说", "ru", "arms_control"),
        ("降低核门槛的做法极其危险", "ru", "arms_control"),
        # a nuclear threat or conflict is about nuclear weapons (spec: arms_control)
        ("核威胁依然没有消失", "ru", "arms_control"),
        ("任何一方都不应低估核冲突的风险", "ru", "arms_control"),
        # ...but a threat aimed at the war's party is the war's (核威胁 is only typical)
        ("莫斯科企图以核威胁吓阻乌克兰的盟友", "ru", "ukraine"),
        # a telecom network and its build-out are an industry, a Chinese company is China
        ("各国不应让华为参与本国的电信网络建设", "ru", "other"),
        # negative: a hacked network stays cyber
        ("黑客对该国的电信网络发动了网络攻击", "ru", "cyber"),
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
        ("网络直播平台必须落实主体责任", "off", "网络"),  # a media platform is not cyber
        ("导弹落在日本专属经济区以外", "off", "经济"),  # a sea zone is not the economy
        ("此次打击针对的是军事工业设施", "ru", "工业"),  # a war's target is not the market
        ("普京同意在三十天内停止打击能源设施", "ru", "能源"),  # nor is a grid struck in it
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


# ------------------------------------------------------------ the article's issue
# Pages of constructed sentences: each claim is its own sentence ``{speaker}说，{claim}。``
# (or opens with a topic lead), each paragraph one line, under a headline.


def page_topics(
    clf, script, headline: str, paragraphs: list[list[tuple[str, str]]], lead: str = ""
) -> list[tuple[list[str], list[str]]]:
    """(topics, topic evidence) of every claim of a page; ``paragraphs`` hold (speaker, claim)
    in Simplified, written in ``script``; ``lead`` opens the first claim's sentence."""
    page = [[(script(f"{speaker}说，"), script(body), speaker, "说", "speech") for speaker, body in para] for para in paragraphs]
    if lead:  # the first claim's sentence opens with it
        opener, *rest = page[0][0]
        page[0][0] = (script(lead) + opener, *rest)
    claims, doc, text = constructed_page(page)
    rows = classify_document(claims, doc, simp(text), simp(script(headline)), clf, CFG)
    return [(r["topics"], r["topic_evidence"]) for r in rows]


@pytest.mark.parametrize(
    ("headline", "claim", "topic"),
    [
        # a claim naming both sides, or nothing but 这种做法/此事, speaks of the headline's issue
        ("美国宣布对俄罗斯银行业实施新制裁", "莫斯科会对华盛顿的决定作出回应", "sanctions"),
        ("美国宣布对俄罗斯银行业实施新制裁", "这种做法完全违背国际法", "sanctions"),
        ("美俄在阿布扎比完成换囚", "此次安排是长期外交努力的结果", "detained_citizens"),
        ("俄罗斯暂停执行新削减战略武器条约", "华盛顿的回应令莫斯科失望", "arms_control"),
        ("叙利亚过渡政府与俄方谈判基地前途", "俄方与美方在当地都有利益", "syria"),
        # a swap 'since the cold war' is about the swap: the frame is discounted as in a claim
        ("美俄完成冷战结束以来人数最多的一次换囚", "莫斯科与华盛顿都作出了让步", "detained_citizens"),
    ],
)
def test_generic_claims_take_the_headlines_issue(clf, script, headline, claim, topic):
    [(topics, evidence)] = page_topics(clf, script, headline, [[("佩斯科夫", claim)]])
    assert topics[0] == topic
    assert evidence[0].startswith("headline:")  # the decision names its evidence


@pytest.mark.parametrize(
    "headline",
    [
        "美俄关系能否走出低谷",  # the headline is about the relationship itself
        "美俄首脑在芬兰会面",  # a place of the meeting (芬兰, a typical NATO word) is no issue
        "",
    ],
)
def test_without_an_issue_in_the_headline_both_sides_stay_the_relationship(clf, script, headline):
    [(topics, _)] = page_topics(clf, script, headline, [[("佩斯科夫", "莫斯科会对华盛顿的决定作出回应")]])
    assert topics[0] == "bilateral_relations"


def test_a_claim_naming_the_relationship_keeps_it_in_an_issue_article(clf, script):
    [(topics, _)] = page_topics(clf, script, "美国宣布对俄罗斯银行业实施新制裁", [[("佩斯科夫", "两国关系已经降到冰点")]])
    assert topics[0] == "bilateral_relations"


def test_the_articles_issue_picks_the_sense_of_a_word_several_topics_list(clf, script):
    """入侵 is a war's invasion or a hacker's intrusion: the headline says which."""
    claim = [[("白宫", "入侵者在这些系统里潜伏了数月")]]
    [(topics, evidence)] = page_topics(clf, script, "美国指俄罗斯黑客入侵多个联邦机构", claim)
    assert topics[0] == "cyber" and "入侵" in evidence
    [(topics, _)] = page_topics(clf, script, "乌克兰局势持续紧张", claim)
    assert topics[0] == "ukraine"


def test_another_pairs_generic_words_take_the_trade_issue(clf, script):
    """双方 and 两国 in a China-US trade story are the trade talks (economy_energy), as the
    spec maps China-US trade; that pair's relationship named alone stays `other`."""
    [(topics, _)] = page_topics(clf, script, "中美经贸磋商在伦敦举行", [[("中国外交部", "双方的沟通坦诚而深入")]])
    assert topics[0] == "economy_energy"
    [(topics, _)] = page_topics(clf, script, "中美元首通电话", [[("中国外交部", "两国应当加强沟通")]])
    assert topics[0] == "other"


def test_a_topic_lead_names_the_claims_matter(clf, script):
    """关于西方的制裁，X说，…经济…: the lead's sanctions, not the economy the claim names."""
    claim = [[("拉夫罗夫", "俄罗斯经济已经适应了这些限制")]]
    [(topics, evidence)] = page_topics(clf, script, "", claim, lead="关于西方的制裁，")
    assert topics[0] == "sanctions" and "制裁" in evidence
    [(topics, _)] = page_topics(clf, script, "", claim, lead="上周在莫斯科，")  # no lead mark
    assert topics[0] == "economy_energy"


def test_a_claim_that_points_back_continues_its_speakers_previous_claim(clf, script):
    """他说，这一问题…in the paragraph after the treaty, in an article headlined on Ukraine."""
    treaty = [("普京", "新削减战略武器条约到期后俄方愿意继续遵守限额")]
    rows = page_topics(clf, script, "普京谈乌克兰冲突", [treaty, [("普京", "这一问题关系到全世界的安全")]])
    topics, evidence = rows[1]
    assert topics[0] == "arms_control" and "previous:arms_control" in evidence
    # another speaker's 这一问题 does not continue Putin's matter: the headline's issue
    rows = page_topics(clf, script, "普京谈乌克兰冲突", [treaty, [("泽连斯基", "这一问题关系到全世界的安全")]])
    assert rows[1][0][0] == "ukraine"


def test_the_un_is_a_venue_not_a_topic(clf, script):
    [(topics, _)] = page_topics(clf, script, "安理会讨论朝鲜半岛局势", [[("美国国务院", "安理会的决议必须得到执行")]])
    assert topics[0] == "regional_issues"
    assert topics_of(clf, script, "这名美国记者正在叶卡捷琳堡受审", "ru")[0][0] == "detained_citizens"


def test_a_reposts_title_under_page_furniture_is_still_its_headline(config):
    """即時新聞 | 字體大小 can take the headline's place in a repost; the title under it
    names the article's issue, as in the original (copies count once: issue #16)."""
    from pipeline.analysis import headline_of, normalise
    from pipeline.lexicons import load_lexicons
    from pipeline.normalize import detect_script

    body = "美国财政部周五宣布了新的措施。俄方表示将作出回应。\n"
    for text in ("# 美国宣布对俄罗斯实施新制裁\n\n" + body, "即时新闻 国际 | 字体大小\n\n# 美国宣布对俄罗斯实施新制裁\n\n" + body):
        doc = {"doc_id": "t", "text": text, "script": detect_script(text)}
        assert "制裁" in headline_of(normalise(doc, config, load_lexicons(config.models_dir)))


# ------------------------------------------------------------ words several issues share


def test_interference_in_internal_affairs_is_no_election_interference(clf, script):
    """干涉内政 is any country's complaint; off the beat it names no election interference, and
    on the beat 干涉 beside 内政 leaves the claim to its article's issue (a court case)."""
    assert "election_interference" not in topics_of(clf, script, "美方此举严重干涉中国内政", "off")[0]
    rows = page_topics(
        clf, script, "俄罗斯法院判处反对派人士长期徒刑", [[("扎哈罗娃", "美方的言论是对俄罗斯内政的粗暴干涉")]]
    )
    assert rows[0][0][0] == "human_rights"
    assert topics_of(clf, script, "这是对俄罗斯内政的干涉", "ru")[0][:1] != ["election_interference"]
    # an interference in an election stays one, off the beat too
    assert topics_of(clf, script, "外国势力正在干预选举", "off")[0][0] == "election_interference"


def test_an_act_and_its_election_named_apart_are_interference(clf, script):
    """干预2016年美国大选: the act and its object, not adjacent, name the topic; a headline
    saying so gives its article the issue (俄罗斯从未干涉别国内政 follows it)."""
    topics, evidence = topics_of(clf, script, "俄罗斯干预了2016年美国大选", "ru")
    assert topics[0] == "election_interference" and {"干预", "大选"} <= set(evidence)
    [(topics, evidence)] = page_topics(
        clf, script, "美国情报官员称俄罗斯试图影响今年的总统选举", [[("佩斯科夫", "俄罗斯从未干涉别国内政")]]
    )
    assert topics[0] == "election_interference" and evidence[0].startswith("headline:")
    # the election may come first (对选举的干预); 影响 only before it (its result affects ties)
    assert topics_of(clf, script, "外国势力对选举的干预手段越来越隐蔽", "off")[0][0] == "election_interference"
    assert "election_interference" not in topics_of(clf, script, "选举结果不会影响两岸经贸往来", "off")[0]
    # an election named alone off the beat is that country's own vote
    [(topics, _)] = page_topics(clf, script, "美国中期选举投票结束", [[("一位学者", "这次选举的投票率创下新高")]])
    assert topics[0] == "other"


def test_off_the_beat_typical_words_yield_to_the_articles_issue(clf, script):
    """Off the beat, 获释 (of hostages) or 核查 (of inspectors) are only typical of a beat topic:
    the claim takes the headline's issue. A defining word of its own keeps its topic."""
    [(topics, evidence)] = page_topics(clf, script, "卡塔尔斡旋加沙停火谈判", [[("以方", "在所有人质获释之前不会停止行动")]])
    assert topics[0] == "regional_issues" and evidence[0].startswith("headline:")
    [(topics, _)] = page_topics(clf, script, "伊朗与国际原子能机构举行会谈", [[("总干事", "核查人员仍然无法进入有关设施")]])
    assert topics[0] == "iran"
    [(topics, _)] = page_topics(clf, script, "卡塔尔斡旋加沙停火谈判", [[("一位学者", "叙利亚的局势同样令人担忧")]])
    assert topics[0] == "syria"


def test_the_articles_issue_picks_the_war_of_a_ceasefire(clf, script):
    """停火 in a page that names both sides is Ukraine's in US-Russia news, Gaza's under a
    Gaza headline (the UN is only the venue)."""
    claim = [[("俄罗斯代表", "美国的否决让安理会无法要求停火")]]
    [(topics, _)] = page_topics(clf, script, "安理会就加沙局势举行紧急会议", claim)
    assert topics[0] == "regional_issues"
    [(topics, _)] = page_topics(clf, script, "乌克兰局势持续紧张", claim)
    assert topics[0] == "ukraine"


# ------------------------------------------------------------ the war and the relationship


def test_a_meeting_headline_leaves_the_talks_subject_to_the_body(clf, script):
    """普京与特朗普再次通话 names only a call: what the article says the talks discussed (讨论了
    俄乌谈判, 商讨结束战争) is its issue, so a claim naming nothing but both sides takes it first.
    A headline naming the relationship itself (美俄关系, 美俄峰会, 互信) keeps the relationship."""
    war = [("乌沙科夫", "两位总统讨论了俄乌直接谈判的结果")]
    contact = [("乌沙科夫", "莫斯科与华盛顿将保持接触")]
    for headline in ("普京与特朗普再次通话", "美特使威特科夫抵达莫斯科与普京会面", "特朗普称将与普京会面商讨结束战争"):
        rows = page_topics(clf, script, headline, [war, contact])
        topics, evidence = rows[1]
        assert topics[:2] == ["ukraine", "bilateral_relations"] and evidence[0].startswith("discussed:")
    for headline in ("美俄关系能否走出低谷", "美俄峰会筹备工作启动", "美俄外长会谈后称双方缺乏互信"):
        rows = page_topics(clf, script, headline, [war, contact])
        assert rows[1][0][0] == "bilateral_relations"
    # a claim naming the meeting in words of its own assesses what the headline is about
    rows = page_topics(clf, script, "普京与特朗普再次通话", [war, [("乌沙科夫", "这次通话富有成效")]])
    assert rows[1][0][0] == "bilateral_relations"


def test_a_meeting_that_was_not_said_to_discuss_one_issue_stays_the_relationship(clf, script):
    """Negatives: talks that discussed several issues alike (a summit of many items), or a
    meeting on the relationship whose article names the war once, as a disagreement, and
    nothing as discussed (then the claims' dominant issue decides, as under a headline of no
    topic word)."""
    several = [[("克里姆林宫", "双方讨论了乌克兰局势、伊朗核问题和网络安全合作")], [("乌沙科夫", "莫斯科与华盛顿同意保持接触")]]
    rows = page_topics(clf, script, "普京与拜登通电话", several)
    assert rows[1][0][0] == "bilateral_relations"
    disagreement = [
        [("拉夫罗夫", "两国关系正处于危险的低谷")],
        [("布林肯", "双方在乌克兰问题上的分歧依旧很大")],
        [("布林肯", "美方愿意与俄方保持沟通")],
    ]
    rows = page_topics(clf, script, "拉夫罗夫与布林肯在日内瓦会面", disagreement)
    assert rows[2][0][0] == "bilateral_relations"


def test_an_anaphor_naming_another_matter_does_not_continue_the_previous_claim(clf, script):
    """这场战争 after the speaker's claim on a summit points to the war, not to the summit:
    it takes the article's issue; 这一问题 still continues (the test above)."""
    paragraphs = [
        [("泽连斯基", "乌克兰不会接受任何割让领土的安排")],
        [("特朗普", "两位总统下个月将在日内瓦见面")],
        [("特朗普", "这场战争本来不应该发生")],
    ]
    rows = page_topics(clf, script, "特朗普称将与普京会面商讨结束战争", paragraphs)
    topics, evidence = rows[2]
    assert topics[0] == "ukraine" and "previous:bilateral_relations" not in evidence


def test_a_peace_plan_off_the_beat_is_its_own_wars(clf, script):
    """和平方案 under a Gaza headline is Gaza's (negative: it is only typical off the beat)."""
    [(topics, _)] = page_topics(clf, script, "卡塔尔斡旋加沙停火谈判", [[("以方", "我们拒绝了新的和平方案")]])
    assert topics[0] == "regional_issues"


def test_a_subject_that_points_back_speaks_of_the_articles_issue(clf, script):
    """这一提议…包括乌克兰问题 under a treaty headline: the proposal of the article, the war
    named in passing second. Without the opening anaphor, or with one whose noun names its
    own matter (这场战争), the claim keeps its own topic."""
    headline = "俄方提议新削减战略武器条约到期后继续遵守限额"
    [(topics, evidence)] = page_topics(clf, script, headline, [[("拉夫罗夫", "这一提议不附带任何条件包括乌克兰问题")]])
    assert topics[:2] == ["arms_control", "ukraine"] and "这一" in evidence
    [(topics, _)] = page_topics(clf, script, headline, [[("拉夫罗夫", "乌克兰问题不附带任何条件")]])
    assert topics[0] == "ukraine"
    [(topics, _)] = page_topics(clf, script, headline, [[("拉夫罗夫", "这场战争已经让乌克兰付出了巨大代价")]])
    assert topics[0] == "ukraine"


def test_a_preposition_before_ukraine_does_not_hide_its_name(clf, script):
    """向乌克兰: 向乌 (typical) must not take the 乌 of 乌克兰 (defining), or a headline on arms
    for Ukraine names no issue."""
    [(topics, evidence)] = page_topics(clf, script, "美国宣布向乌克兰提供新一批武器", [[("佩斯科夫", "美方的做法毫无意义")]])
    assert topics[0] == "ukraine" and evidence[0].startswith("headline:")
