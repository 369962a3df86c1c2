"""Speakers and cues as Taiwan, Hong Kong, Singapore/Malaysia and overseas outlets write them
(issue #13): one-character cue verbs of their leads and headlines, their spellings of listed
people, 氏 abbreviations, and unlisted officials named once with a title and later by name,
by 这名官员 or beside a listed co-speaker. Every constructed sentence runs in Simplified, Hong
Kong and Taiwan script (the ``script`` fixture); the expected text is converted the same way."""

from __future__ import annotations

import pytest

DATE = "2025-09-10"

# (Simplified body, [(speaker, text, kind)], speaker_rule of each claim or None)
# fmt: off
CUES = [
    ("中方促美方停止对台军售。", [("中国", "美方停止对台军售", "indirect")]),
    ("外交部发言人林剑吁各方保持克制，避免局势升级。", [("林剑", "各方保持克制，避免局势升级", "indirect")]),
    ("赖清德批北京以军事手段破坏台海和平。", [("赖清德", "北京以军事手段破坏台海和平", "indirect")]),
    ("川普轰拜登政府的能源政策让美国人付出代价。", [("特朗普", "拜登政府的能源政策让美国人付出代价", "indirect")]),
    ("川普酸拜登连自己的讲稿都念不好。", [("特朗普", "拜登连自己的讲稿都念不好", "indirect")]),
    # 轰炸 inside the content is a word of its own, no second cue
    ("泽伦斯基讽俄罗斯口头谈和平，实际上不断轰炸平民。", [("泽连斯基", "俄罗斯口头谈和平，实际上不断轰炸平民", "indirect")]),
    ("古特瑞斯叹国际社会对加沙的苦难视而不见。", [("古特雷斯", "国际社会对加沙的苦难视而不见", "indirect")]),
    ("习近平暗批美国搞小圈子对抗。", [("习近平", "美国搞小圈子对抗", "indirect")]),
    ("黄循财吁东盟各国团结应对关税冲击。", [("黄循财", "东盟各国团结应对关税冲击", "indirect")]),
]

# the one-character cues inside ordinary words, or with a thing as object: no claim
CUE_NEGATIVES = [
    "立法院周二批准了这项特别预算。",
    "第一批援助物资已运抵基辅。",
    "这项协议促成了停火。",
    "政府促销国产农产品。",
    "俄军周二轰炸了哈尔科夫的电厂。",
    "美军轰了胡塞武装的阵地。",
    "川普批了一笔三亿美元的援助预算。",
    "当地居民饱受酸雨之苦。",
    "他气喘吁吁地跑进会场。",
    "民众对物价上涨叹气连连。",
]

SPEAKERS = [
    # Hong Kong and Taiwan spellings of listed people
    ("萧尔茨表示，德国支持欧盟的制裁方案。", [("朔尔茨", "德国支持欧盟的制裁方案", "indirect")], ["registry_name"]),
    ("世卫组织总干事谭德赛警告，新一波疫情可能来临。", [("谭德塞", "新一波疫情可能来临", "indirect")], ["registry_name"]),
    ("府方表示，总统将于下月出访友邦。", [("台湾总统府", "总统将于下月出访友邦", "indirect")], ["registry_name"]),
    # 氏 after a person written in another region's spelling
    ("蒲亭周四在圣彼得堡发表讲话。\n普氏表示，俄罗斯不会放弃在乌克兰的目标。",
     [("普京", "俄罗斯不会放弃在乌克兰的目标", "indirect")], ["abbreviated_name"]),
    # 这名官员 / 该官员: the official introduced before, whatever the office
    ("菲律宾国防部长德奥多罗周三表示，菲方将加强巡逻。\n这名官员说，中方船只在黄岩岛附近活动频繁。",
     [("德奥多罗", "菲方将加强巡逻", "indirect"), ("德奥多罗", "中方船只在黄岩岛附近活动频繁", "indirect")],
     ["title_unlisted_name", "definite_description"]),
    ("泰国总理府发言人吉拉育说，泰国将与柬埔寨举行谈判。\n该官员表示，双方同意暂时停火。",
     [("吉拉育", "泰国将与柬埔寨举行谈判", "indirect"), ("吉拉育", "双方同意暂时停火", "indirect")],
     ["title_unlisted_name", "definite_description"]),
    # a counted official of the narration keeps its own wording (negative of the rule above)
    ("一名美国官员周二向记者介绍情况。\n该官员说，美方正在与盟友密切协调。",
     [("美国官员", "美方正在与盟友密切协调", "indirect")], ["definite_description"]),
    # an unlisted name introduced after a title stays that person when it stands alone
    ("马来西亚外长莫哈末哈山表示，马来西亚愿意扩大与中国的合作。\n莫哈末哈山说，东盟不会选边站。",
     [("莫哈末哈山", "马来西亚愿意扩大与中国的合作", "indirect"), ("莫哈末哈山", "东盟不会选边站", "indirect")],
     ["title_unlisted_name", "unlisted_name"]),
    # an unlisted official's country is read from the mention that introduced them: their side
    # speaking inside their sentence is still them (spec: nested cues of one speaker)
    ("美国在台协会处长谷立言表示，美台经贸关系持续深化。\n他说，美方欢迎更多台湾企业赴美投资。",
     [("谷立言", "美台经贸关系持续深化", "indirect"), ("谷立言", "更多台湾企业赴美投资", "indirect")],
     ["title_unlisted_name", "own_side_nested"]),
    # a listed speaker and a titled unlisted one: two countries speak jointly, one country's first
    ("施纪贤与荷兰首相史科夫表示，欧洲必须增加军费。", [("双方", "欧洲必须增加军费", "indirect")], ["joint_speakers"]),
    ("澳洲外长黄英贤和纽西兰外长毕德斯表示，两国关切南海局势。", [("双方", "两国关切南海局势", "indirect")], ["joint_speakers"]),
    # a role right before a name is that person's title, not a second person of that role's
    # holder by date (德国总理朔尔茨 in a 2025-09 page is 朔尔茨 alone): 两人 are two sides
    ("法国总统马克龙与德国总理朔尔茨周一会面。\n两人表示，欧洲必须增加军费。",
     [("双方", "欧洲必须增加军费", "indirect")], ["joint_pronoun"]),
    ("拜登与美国参议员史密森表示，美国将继续支持乌克兰。",
     [("拜登", "美国将继续支持乌克兰", "indirect")], ["coordinated_first"]),
]
# fmt: on


def _claims(extract, script, body: str) -> list[dict]:
    return extract(script(body), date=DATE)


@pytest.mark.parametrize(("body", "expected"), CUES)
def test_regional_cue_verbs(extract, script, body, expected):
    got = _claims(extract, script, body)
    assert [(c["speaker"], c["text"], c["kind"]) for c in got] == [(sp, script(t), k) for sp, t, k in expected]
    assert all(c["rule"] == "reported_cue" and c["speaker_rule"] for c in got)


@pytest.mark.parametrize("body", CUE_NEGATIVES)
def test_one_character_cues_stay_inside_ordinary_words(extract, script, body):
    assert _claims(extract, script, body) == []


@pytest.mark.parametrize(("body", "expected", "speaker_rules"), SPEAKERS)
def test_regional_speakers(extract, script, body, expected, speaker_rules):
    got = _claims(extract, script, body)
    assert [(c["speaker"], c["text"], c["kind"]) for c in got] == [(sp, script(t), k) for sp, t, k in expected]
    assert [c["speaker_rule"] for c in got] == speaker_rules
