"""Stance constructions of models/stance.yaml and pipeline/classify.py (issue #14).

Every sentence is constructed for the test (none comes from an article), and every
check runs in Simplified, Hong Kong Traditional and Taiwan usage (OpenCC s2twp,
which also swaps words), so the lexicon must hold each construction in all three.
"""

from __future__ import annotations

import pytest

from pipeline.classify import classify_stance, reported_attitudes
from pipeline.lexicons import simp
from tests.test_classify import classify_one

# ------------------------------------------------------------------ prescriptions


def test_prescription_asking_nobody_is_weak(clf, script):
    """必须/应该 + goal with no party asked states a principle: a weak word stays neutral."""
    assert classify_one(clf, script("各方继续对话"))["stance"] == "favor"  # the same word, not prescribed
    prescribed = classify_one(clf, script("各方应该继续对话"))
    assert prescribed["stance"] == "neutral"
    assert simp(script("应该")) in " ".join(prescribed["stance_evidence"])


def test_prescription_covers_its_whole_clause(clf, script):
    # the polar word before the modal (the clause's subject) is prescribed too
    assert classify_one(clf, script("任何对话都必须由当事国自己决定"))["stance"] == "neutral"


def test_purpose_clause_states_an_aim(clf, script):
    assert classify_one(clf, script("为了和平，代表团下周出发"))["stance"] == "neutral"
    assert classify_one(clf, script("和平就在眼前"))["stance"] == "favor"  # negative case


def test_prescription_aimed_at_a_party_is_a_demand(clf, script):
    """X必须/X应当 with X named: a demand, against X, however mild the words."""
    row = classify_one(clf, script("俄罗斯必须继续对话"), speaker="美国国务院")
    assert row["stance"] == "against"
    assert row["target"] == "俄罗斯"


def test_joint_subject_with_the_speakers_side_is_no_demand(clf, script):
    """美国和俄罗斯应该… said by the American side: a joint commitment, not a demand on Russia."""
    row = classify_one(clf, script("美国和俄罗斯应该寻求稳定的关系"), speaker="美国国务院")
    assert row["stance"] != "against"
    assert not any(e.startswith("demand") for e in row["stance_evidence"])
    # the same modal with the other party alone as subject stays a demand
    alone = classify_one(clf, script("俄罗斯应该寻求稳定的关系"), speaker="美国国务院")
    assert alone["stance"] == "against"


def test_strong_words_survive_a_prescription(clf, script):
    assert classify_one(clf, script("各方必须谴责这种野蛮的暴行"))["stance"] == "against"


# ------------------------------------------------------------------ harm + good


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("这种做法严重损害了两国之间的互信", "against"),  # 损害 -2 + 互信 +2 is not 0
        ("他们一再阻挠和平", "against"),
        ("制裁破坏了地区的稳定", "against"),
        ("我们不会损害两国之间的互信", "favor"),  # the negated harm
        ("这种做法损害了我们的利益", "against"),  # no good word after it: counts alone
    ],
)
def test_harming_something_good_is_against(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("对方拒绝承诺全面停火", "against"),  # refusing something good: one against unit, not 0
        ("他们拒绝了任何对话", "against"),
        ("他们拒绝干涉别国内政", "against"),  # nothing good after it: counts alone, as before
    ],
)
def test_refusing_something_good_is_against(clf, script, text, stance):
    """拒绝 is a harm verb: 拒绝 + a favor word is one against unit (拒绝承诺, 拒绝合作)."""
    assert classify_one(clf, script(text))["stance"] == stance


def test_different_is_no_negation(clf, script):
    """不同 (different) holds 不 but negates nothing: 在不同的领域取得进展 is progress."""
    assert classify_one(clf, script("双方在不同的领域取得进展"))["stance"] == "favor"
    assert classify_one(clf, script("双方在这些领域没有取得进展"))["stance"] == "against"  # negative case
    assert classify_one(clf, script("我们不同意这个方案"))["stance"] == "against"  # the longer word wins


def test_ruling_out_a_danger_is_a_reverser(clf, script):
    """排除 + against word reverses it like 消除/避免 (排除冲突 → favor)."""
    assert classify_one(clf, script("我们主张排除冲突"))["stance"] == "favor"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("对方本可达成协议", "against"),  # could have agreed: a reproach
        ("他们本来可以避免这场冲突", "against"),  # could have avoided a conflict: still a reproach
        ("他们本应尊重邻国", "against"),
        ("这次会谈本应于下周举行", "neutral"),  # was due to: no polar object, no reproach
    ],
)
def test_counterfactual_is_a_reproach(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance
    assert classify_one(clf, script("对方达成协议"))["stance"] == "favor"  # negative case


def test_harm_evidence_names_both_words(clf, script):
    row = classify_one(clf, script("这种做法损害互信"))
    assert any(simp(script("损害")) in e and simp(script("互信")) in e for e in row["stance_evidence"])


# ------------------------------------------------------------------ reported attitudes


def test_another_sides_attitude_is_reported_not_held(clf, script):
    """官员说，特朗普批评… reports 特朗普's attitude; the source's own stance is neutral."""
    text = script("特朗普批评了这项决定")
    assert classify_one(clf, text, speaker="克里姆林宫")["stance"] == "neutral"
    # the speaker's own side relays a view the speaker shares
    assert classify_one(clf, text, speaker="白宫")["stance"] == "against"


def test_reported_attitudes_offsets(clf):
    text = simp("据悉，普京总统已否认此事")
    at = reported_attitudes(clf.targets, text, "白宫")
    assert at == [text.index("否认")]
    assert reported_attitudes(clf.targets, text, "克里姆林宫") == []  # own side
    assert reported_attitudes(clf.targets, simp("普京访问北京"), "白宫") == []  # a deed, not an attitude


# ------------------------------------------------------------------ vocabulary


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("这完全是无稽之谈", "against"),  # denial of an accusation
        ("这种说法纯属虚构", "against"),
        ("他们这是在颠倒黑白、倒打一耙", "against"),
        ("中方对此表示强烈不满和坚决反对", "against"),  # protest
        ("这场所谓的调查不过是一场闹剧", "against"),
        ("我们绝不允许任何外部势力说三道四", "against"),  # negation does not flip an insult
        ("对方在边境进行军事挑衅", "against"),  # a reported hostile act
        ("他们准备攻打邻国的首都", "against"),
        ("谁会相信这种说法", "against"),  # rhetorical question
        ("这种做法的性质非常恶劣", "against"),
        ("这些话骗不了任何人", "against"),
        ("此举缩小了双方和解的可能", "against"),  # a reducer flips what it reduces
        ("此举大大缩小了风险", "favor"),
        ("条约限制战略进攻性武器的数量", "neutral"),  # a class of weapons, not an attack
        ("我们对会谈成果感到欣慰", "favor"),  # appreciation
        ("双方的关系出现回暖的迹象", "favor"),
        ("他高度评价两国的务实合作", "favor"),  # praise
        ("此次释放是一次外交壮举", "favor"),
    ],
)
def test_diplomatic_vocabulary(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    "text",
    [
        "双方将在下月举行和平谈判",  # a named process, not an evaluation
        "双方就地区局势交换意见",  # an agenda
        "各国代表将磋商合作事宜",
    ],
)
def test_named_processes_and_agendas_are_neutral(clf, script, text):
    assert classify_one(clf, script(text))["stance"] == "neutral"


# ------------------------------------------------------------------ rhetorical questions


@pytest.mark.parametrize(
    "text",
    [
        "这难道是合作的态度吗",  # asks about something good: asserts it is not
        "难道这不是挑衅吗",  # asks whether it is not bad: asserts it is
        "凭什么要我们让步",  # the marker alone
    ],
)
def test_rhetorical_question_asserts_the_opposite(clf, script, text):
    assert classify_one(clf, script(text))["stance"] == "against"


def test_a_plain_question_is_no_rhetorical_one(clf, script):
    assert classify_one(clf, script("双方的合作会继续吗"))["stance"] != "against"


# ------------------------------------------------------------------ signals for the learned model


def test_signals_describe_the_evidence_by_class(clf, script):
    model = clf.stance
    negated = classify_stance(model, simp(script("我们不会容忍挑衅")))
    assert negated.label == "against" and negated.signals
    desire = classify_stance(model, simp(script("我们希望改善关系")))
    assert desire.signals.get("u:desire:+") == 1.0
    prescribed = classify_stance(model, simp(script("各方应该继续对话")))
    assert prescribed.signals.get("h:prescriptive") == 1.0
    assert prescribed.signals.get("u:word:+:weak") == 1.0
    assert classify_stance(model, simp(script("明天下雨"))).signals == {}


# ------------------------------------------------------------------ constructions of issue #14, round 3


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("我国从未向交战任何一方出售过弹药", "against"),  # an emphatic negator alone: a rebuttal
        ("这家公司根本没有参与那次招标", "against"),
        ("我们从未拒绝过坐下来谈", "favor"),  # it still flips what it governs: refusing, negated
        ("从不同角度看，这是一次有益的交流", "favor"),  # 从不同 is no negator
        ("两国的立场根本不同", "neutral"),
    ],
)
def test_an_emphatic_negator_alone_is_a_rebuttal(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


def test_an_emphatic_rebuttal_names_no_target(clf, script):
    row = classify_one(clf, script("东京从来没有与平壤进行过秘密交易"))
    assert (row["stance"], row["target"]) == ("against", "")


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("我们从不搞经济胁迫", "against"),  # coercion denied: a rebuttal, not praise
        ("某些国家一再欺凌弱小邻国", "against"),  # the same word asserted
        ("他们惯用的手段就是讹诈", "against"),
    ],
)
def test_coercion_is_an_accused_wrongdoing(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    "text",
    [
        "岂可一边谈判一边施压",  # forbids an against act: still against (not its opposite)
        "怎么能把单方面的要价叫作合作",  # forbids a favor word: against
        "他们有什么资格对别国说三道四",
        "又怎能指望赢得邻国的信任",
    ],
)
def test_asking_how_one_could_do_it_forbids_it(clf, script, text):
    assert classify_one(clf, script(text))["stance"] == "against"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("政府决定中止与该国的防务合作", "against"),  # breaking off something good
        ("两国的航班往来已经中断", "against"),
        ("我们永远不会承认这次公投的结果", "against"),  # refusing to recognise
        ("欧盟将冻结这些寡头的海外资产", "against"),
        ("该国宣布召回驻邻国大使", "against"),
        ("两国之间的磋商走进了死胡同", "against"),
        ("这只会引发一场新的军备竞赛", "against"),
        ("欧洲不希望看到新的军备竞赛", "favor"),  # not wishing for something bad
        ("我们对这起事件感到震惊", "against"),
        ("这趟访问收获颇丰", "favor"),
        ("两国关系总体向好", "favor"),
        ("谈判的大门始终敞开", "favor"),
        ("我们不认同这种解读", "against"),  # agreement, negated
        ("他对东京的做法深表敬佩", "favor"),
    ],
)
def test_verdicts_without_a_classic_sentiment_word(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("两国将就能源合作的具体安排进行磋商", "neutral"),  # the topic of an agenda word
        ("双方就能源合作进行了富有成效的磋商", "favor"),  # a strong verdict after it still counts
        ("欧盟对两国日益密切的合作深感忧虑", "against"),  # the object of a worry is no praise
        ("欧盟对两国的合作表示欢迎", "favor"),
        ("我们收到了对方关于延长停火的提议", "neutral"),  # what a proposal is about
        ("对方关于延长停火的提议是积极的", "favor"),  # a verdict on the proposal itself
    ],
)
def test_what_is_discussed_felt_or_proposed_is_no_verdict(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("这样的施压只会适得其反", "against"),
        ("他们的保证一文不值", "against"),
        ("两国的友谊比以往更加牢固", "favor"),
        ("我们对这一倡议持开放态度", "favor"),
        ("我们对对方的承诺并不抱任何幻想", "against"),  # the promise is the object, the doubt decides
        ("只要对方停火，我们随时准备恢复谈判", "favor"),  # readiness
        ("我们随时准备作出回应", "against"),  # readiness to retaliate is a warning
    ],
)
def test_verdict_words_of_round_three(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


# ------------------------------------------------------------------ constructions of issue #14, round 4


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("两国签署了三项合作协议", "neutral"),  # a polar word naming a thing (head noun after it)
        ("和平论坛将于秋季开幕", "neutral"),
        ("数千名居民逃离了冲突地区", "neutral"),
        ("这次袭击的调查仍在继续", "neutral"),  # an event named by a demonstrative
        ("袭击造成五人死亡", "neutral"),  # an event as the subject of a result verb
        ("双方的合作卓有成效", "favor"),  # the verdict after it still counts
        ("他们在边境一带从事非法活动", "against"),  # 活动 is no head: the accusation itself
        ("这是一起蓄意的挑衅事件", "against"),  # strong words keep counting
        ("两国交换了合作谅解备忘录", "neutral"),
        ("冲突期间共有三座桥梁被毁", "neutral"),  # a time named by an event
        ("他们支持针对邻国的网络攻击计划", "against"),  # a plan of an act is its accusation
    ],
)
def test_a_polar_word_naming_a_thing_or_event_is_no_verdict(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("对方的承诺难以令人信服", "against"),  # X的 + noun: the predicate decides
        ("两国的分歧已经妥善解决", "favor"),
        ("这样的做法不利于地区的稳定", "against"),  # 不利 two characters after 的 is a predicate
        ("两国的合作令人鼓舞", "favor"),  # nothing opposite after the subject: it counts
    ],
)
def test_the_verdict_on_a_subject_noun_decides(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("所谓的善意不过是一种姿态", "against"),  # 所谓 disowns a praise word
        ("他们口头上支持对话，实际上一再拖延", "against"),  # lip service
        ("这样的“友谊”我们宁可不要", "against"),  # a scare-quoted praise word
        ("会谈“非常成功”", "favor"),  # quoted without a demonstrative: the speaker's own words
        ("所谓的巡查已经开始", "neutral"),  # 所谓 with nothing polar names someone's term
    ],
)
def test_disowned_praise_is_against(clf, script, text, stance):
    row = classify_one(clf, script(text))
    assert row["stance"] == stance
    if stance == "against":
        assert row["stance_evidence"]  # the deciding words are named


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("这次谈判难言成功", "against"),  # negated or hedged optimism
        ("对方在这个问题上缺乏诚意", "against"),
        ("两国关系的改善无从谈起", "against"),  # negation written after its word
        ("这份方案离真正的和平还差得很远", "against"),
        ("重启谈判的前景十分渺茫", "against"),
        ("我们对重启谈判不抱希望", "against"),  # the object of the hope is no verdict
        ("他们言行不一，说一套做一套", "against"),
        ("他们与整个世界为敌", "against"),
        ("我们无意与任何邻国为敌", "favor"),  # renouncing hostility
        ("停火有望在月底前实现", "favor"),  # optimism, condolence, cooperation without a classic word
        ("我们向遇难者家属表示慰问", "favor"),
        ("两国关系翻开了新的篇章", "favor"),
        ("两国可以找到更多共同点", "favor"),
        ("两国完全有能力管控好分歧", "favor"),  # settling a disagreement is no disagreement
        ("对方根本无意解决分歧", "against"),
    ],
)
def test_verdict_words_of_round_four(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    "text",
    [
        "总理将出席在巴黎举行的和平会议",  # attending a named event
        "外长们就能源合作交换了意见",
        "新一轮会谈涵盖能源和投资合作",
    ],
)
def test_attending_and_listing_is_agenda(clf, script, text):
    assert classify_one(clf, script(text))["stance"] == "neutral"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("美方所说的“对话”不过是说教", "against"),  # a word disowned as someone else's term
        ("对方的合作诚意令人怀疑", "against"),  # a verdict of doubt on what precedes it
        ("这份方案远非完美", "against"),
        ("这份方案并不完美，但它是一个好的起点", "favor"),  # the Y half decides
        ("两国在能源领域配合默契", "favor"),
        ("内战已导致数百万人流离失所", "neutral"),  # an event as the subject of a result verb
        ("我们正在密切关注局势的发展", "neutral"),  # the course of events is no progress
        ("总统听取了有关洪灾损失的汇报", "neutral"),  # what a report is about
    ],
)
def test_verdicts_and_reports_of_round_four_held_out(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("两国的友谊从未像今天这样牢固", "favor"),  # never as … as now: a comparison, not a negation
        ("两国关系从来没有像现在这样糟糕", "against"),
        ("我们从未与对方有过秘密接触", "against"),  # the emphatic negator alone is still a rebuttal
    ],
)
def test_never_as_as_now_is_a_comparison(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("如果对方真有诚意，就应该立刻撤回这些决定", "neutral"),  # a supposed virtue is no praise
        ("只要停火能够维持，和谈就有望重启", "favor"),  # the main clause decides
        ("如果对方不停止挑衅，我们将采取一切必要措施", "against"),  # a condition with a threat
        ("一旦边境局势失控，后果将不堪设想", "against"),
        ("他们的安全承诺只是一纸空文", "against"),
        ("对方的和平姿态不过是缓兵之计", "against"),  # X的 + praise noun overruled by the verdict
        ("若干国家的代表出席了会议", "neutral"),  # 若 inside a word opens no condition
    ],
)
def test_a_supposed_clause_is_not_asserted(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("他们一边高喊合作，一边层层加码", "against"),  # a slogan flaunted is disowned
        ("他一边说一边笑", "neutral"),  # 一边说 with nothing polar disowns nothing
        ("两国一起合作应对气候变化", "favor"),  # 一起 (together) names no event
        ("他们所标榜的自由早已名存实亡", "against"),
        ("两国的同盟坚如磐石", "favor"),
        ("对方的所作所为毫无诚信可言", "against"),
        ("我们高度重视与邻国的关系", "favor"),
        ("军机今日再度扰台", "against"),  # Taiwan usage
        ("对盟友的承诺坚若磐石", "favor"),
        ("因冲突而失去住所的人已超过百万", "neutral"),  # a cause named by an event
        ("洪水造成的损失正在统计之中", "neutral"),  # an outcome named by its cause
    ],
)
def test_flaunted_slogans_and_causes_of_round_four(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("他们承诺撤军，却迟迟没有行动", "against"),  # a factual Y after 却 belies the promise
        ("他们承诺撤军，但具体时间还没有确定", "favor"),  # 但 with a factual Y is a caveat
        ("会谈时间不长，却很有成果", "favor"),  # a polar Y decides as before
        ("西方对和平的兴趣只停留在口号上", "against"),
    ],
)
def test_a_factual_y_after_que_belies_the_favor_before_it(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("两国人民守望相助、休戚与共", "favor"),  # set phrases of diplomatic statements
        ("两国友谊历久弥坚", "favor"),
        ("这种以邻为壑的做法不得人心", "against"),
        ("他们奉行单边主义和保护主义", "against"),
        ("美国及其盟友将于周五开会", "neutral"),  # 盟友 describes, it does not praise
        ("中国是该国最大的贸易伙伴", "neutral"),  # a fact named with a polar word
    ],
)
def test_set_phrases_of_statements(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


# ------------------------------------------------------------------ constructions of issue #14, round 5


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("我们始终站在乌克兰一边", "favor"),  # taking a party's side (sides: open … close)
        ("我们不会站在侵略者一边", "against"),  # negated like any favor unit
        ("我们不会站在任何一方", "neutral"),  # a mask inside: no party, no side taken
        ("我们一边谈判，一边观察局势", "neutral"),  # 一边 alone opens nothing
        ("我们看不到对方有任何改善关系的意愿", "against"),  # negation covers the head noun
        ("我们看不出对方有恢复谈判的真正诚意", "against"),
        ("目前还看不出谁会赢得大选", "neutral"),  # nothing polar in scope: no verdict
        ("两国之间的分歧已成为过去", "favor"),  # a thing of the past: negated after it
        ("两名记者被控从事间谍活动", "neutral"),  # a charge relayed names the offence
        ("三名男子被指控从事恐怖活动", "neutral"),
        ("他们在境内从事间谍活动", "against"),  # the same act asserted stays an accusation
        ("该国将成为合法打击目标", "against"),  # a threat, not a verdict of legality
        ("这是我们最可靠的朋友", "favor"),
        ("这种说法不可靠", "against"),  # the negated form stays listed whole
    ],
)
def test_sides_heads_and_charges_of_round_five(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


# ------------------------------------------------------------------ facts versus views (issue #14, round 7)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # tallies: a vote or poll result reports others' attitudes
        ("百分之六十的受访者支持增加国防开支", "neutral"),
        ("该法案以两百票赞成、五十票反对获得通过", "neutral"),
        ("我们支持增加国防开支", "favor"),  # the speaker's own support still counts
        # purposes and measures: the good an action aims at is its plan
        ("这次部署旨在确保航道的安全与稳定", "neutral"),
        ("政府已派出医疗队，确保伤员得到及时救治", "neutral"),
        ("这笔资金将用于改善当地的基础设施", "neutral"),
        ("我们愿意提供一切可能的帮助", "favor"),  # willingness before the measure counts
        ("我们将为灾区提供协助", "favor"),  # what is provided is an offer, not a purpose
        ("这些演习旨在破坏地区稳定", "against"),  # an aim accused stays against
        # events: an act reported with an aspect marker, a time adverb or a joint subject
        ("以色列已初步同意停火条件", "neutral"),
        ("对方接受了新的换俘方案", "neutral"),
        ("双方同意成立联合工作组", "neutral"),
        ("两国已恢复互派大使", "neutral"),
        ("我们同意对方的看法", "favor"),  # the speaker's own agreement
        # the manner of a procedure: a principle stated as procedure
        ("核查将以客观、公正的方式进行", "neutral"),
        ("案件将依法公正审理", "neutral"),
        ("这份报告是客观公正的", "favor"),  # the same words as a verdict
        # necessity of one's own effort is a plan; necessity of a meeting an assessment
        ("有必要加强向公众解释政府的立场", "neutral"),
        ("有必要与对方会面", "favor"),
        # figures measured, events named
        ("出口同比下降12%", "neutral"),
        ("对该国出口下降百分之十二", "neutral"),
        ("对方曾干预2016年大选", "against"),  # a wrongdoing before a year is still alleged
        ("双方签署了三项合作文件", "neutral"),
        ("与邻国的对话目前仍在进行中", "neutral"),
        ("两国就渔业合作达成了协议", "neutral"),
        ("双方就互惠准入协定进行谈判", "neutral"),
    ],
)
def test_facts_plans_and_reports_are_no_verdict(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("增加开支的做法是短视的", "against"),
        ("这种拖延是不可原谅的", "against"),
        ("我们不能再容忍这种行为", "against"),  # refusing to bear it, not a prohibition on oneself
        ("这是一个明智的决定", "favor"),
        ("我为我们的人民感到骄傲", "favor"),
        ("我们乐于看到贸易的增长", "favor"),
        ("这些文件将为两国关系注入新的活力", "favor"),
    ],
)
def test_verdict_words_of_round_seven(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


def test_facts_name_the_words_that_made_them_neutral(clf, script):
    """The neutral evidence says which construction decided: the event, the tally, the measure."""
    event = classify_one(clf, script("以色列已初步同意停火条件"))
    assert simp(script("初步同意")) + " → neutral" in event["stance_evidence"]
    tally = classify_one(clf, script("百分之六十的受访者支持增加国防开支"))
    assert simp(script("受访者")) + " → neutral" in tally["stance_evidence"]
    measure = classify_one(clf, script("政府已派出医疗队，确保伤员得到及时救治"))
    assert simp(script("派出")) + " → neutral" in measure["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # an offer whose alternative is a threat: the alternative decides
        ("只要对方愿意合作，我们就合作；否则我们会采取对等措施", "against"),
        ("如果对方想对话，我们随时欢迎；如果想对抗，我们也奉陪到底", "against"),
        ("只要对方愿意合作，我们就合作", "favor"),  # the offer alone
        # blame laid, a process stalled: accusations without a classic sentiment word
        ("对方是当前紧张局势的始作俑者", "against"),
        ("平民的苦难是对方一手造成的", "against"),
        ("对方一直在拖延谈判", "against"),
        ("对方把粮食当作武器", "against"),
        ("对方的提议远不是真正的和平方案", "against"),
        # a good named as what is threatened: the harm word decides
        ("地区和平稳定的最大威胁是对方", "against"),
        ("和平与稳定符合各方利益", "favor"),  # the good alone
        # the topic an aid or an issue concerns is named, not judged
        ("理事会将于周四审议与冲突有关的援助问题", "neutral"),
        # an act suffered, reported: the event, no verdict; the harm done by a named actor stays
        ("附近的输电线路再次遭到破坏", "neutral"),
        ("对方蓄意破坏地区稳定", "against"),
        # 否则 before a negated counterfactual argues for what came before
        ("这项安排对双方都有利，否则就不会延续十年", "favor"),
        # verdicts without a classic sentiment word
        ("对方的说法与事实不符", "against"),
        ("我们绝不屈服", "against"),
        ("这些制裁收效甚微", "against"),
        ("这次访问意义深远", "favor"),
        ("对方是我们真正的朋友", "favor"),
        ("对方是一个恐怖主义国家", "against"),  # a label, not a name with the head 国家
        ("解铃还须系铃人", "against"),
    ],
)
def test_offers_blame_and_harmed_goods_of_round_seven(clf, script, text, stance):
    assert classify_one(clf, script(text))["stance"] == stance


# ------------------------------------------------------------------ round 7, issue #14: no lexicon word


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a meeting or contact judged without a classic sentiment word
        ("两国外长谈得很投机", "favor"),
        ("这次通话拉近了双方的距离", "favor"),
        ("代表团找到了不少共同之处", "favor"),
        ("会谈的结果超出了预期", "favor"),
        ("这样的交流很有用", "favor"),
        ("双方进行了开诚布公的交谈", "favor"),
        ("前途是光明的", "favor"),
        # the same kind, negative: a gulf, effort wasted, no result of any kind
        ("双方之间的鸿沟越来越深", "against"),
        ("这次出访完全是白费力气", "against"),
        ("会谈没有产生任何结果", "against"),
        ("双方的立场依然相距甚远", "against"),
        ("会场上没有发生任何争吵", "favor"),  # a quarrel, negated
        # yielding, refused: defiance
        ("我们不会让出一寸土地", "against"),
        # what nothing can stop keeps its own polarity
        ("任何力量都阻挡不了两国的友好", "favor"),
        # a pointless thing asked about
        ("这样的方案有什么意义", "against"),
        # facts in the same words stay neutral
        ("磋商持续了大约三个小时", "neutral"),
        ("双方的会谈将在下周举行", "neutral"),
    ],
)
def test_assessments_without_a_classic_sentiment_word(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("对方鼓吹的“安全保障”只是一纸空话", "against"),
        ("这就是他们口中的“民主”", "against"),
        ("对方所标榜的“防御性”早已被事实戳穿", "against"),
        # a quotation cited without a disowning word is the term itself
        ("双方讨论了“停火”的具体安排", "neutral"),
        ("对方在附近海域实施了所谓的“联合巡查”", "neutral"),  # the other side's name for an act
        ("他们提出了一个“过渡期”的概念", "neutral"),
    ],
)
def test_a_quotation_after_a_disowning_word_is_irony(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("这场危机是对方的扩张政策引起的", "against"),
        ("这场冲突完全是由对方造成的", "against"),
        # the cause of an event that is no harm is a fact
        ("这次停电是由设备老化造成的", "neutral"),
        ("油价上涨是由需求增加引起的", "neutral"),
    ],
)
def test_a_cleft_naming_the_cause_of_a_harm_lays_blame(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


# ------------------------------------------------------------------ round 8, issue #14: the favor column


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # promoting or stepping up sanctions: the positive word takes the polarity of its object
        ("欧盟将积极推动对俄罗斯的新一轮制裁", "against"),
        ("法国将与盟友一道加强对俄罗斯的制裁", "against"),
        ("我们将积极推动对话", "favor"),  # what is promoted is good
        ("两国将讨论对俄罗斯的制裁", "neutral"),  # sanctions discussed, not stepped up
        # lip service, belittling, a refusal under threat that outweighs the welcome before it
        ("对方一边谈论和平，一边向前线增派部队", "against"),
        ("他一边喝茶，一边谈论天气", "neutral"),  # the same frame with nothing polar
        ("对方所说的合作不过是要求别人服从", "against"),
        ("会谈很好，不过是否能达成协议还不清楚", "favor"),  # 不过 + 是否 is no belittling
        ("我们当然欢迎对话，但不会在威胁下对话", "against"),
        # punishment demanded under a modal that asks nobody: no mere principle
        ("我们感谢伙伴们，但侵略者必须受到惩罚", "against"),
        # accusations and warnings without a classic sentiment word
        ("对方想把这场冲突无限期拖下去", "against"),
        ("这份提议是一个陷阱", "against"),
        ("中方将作出坚决回应", "against"),
        ("对方正在从邻国偷走粮食", "against"),
    ],
)
def test_positive_words_inside_against_claims(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # how an event went, reported: a fact
        ("演习已经顺利结束", "neutral"),
        ("撤侨工作已顺利完成", "neutral"),
        ("新型卫星发射成功", "neutral"),
        ("峰会的筹备工作正在积极进行", "neutral"),
        ("普京将阐述俄罗斯的发展战略", "neutral"),
        ("两国军队成功进行了联合演习", "neutral"),
        ("两国签署了关于经济合作的备忘录", "neutral"),  # a document about a good, named
        # courtesy to the questioner, a standing position recited
        ("感谢你的提问", "neutral"),
        ("中方始终致力于推动和平解决危机", "neutral"),
        # the same words as a verdict stay favourable
        ("会谈进行得很顺利", "favor"),
        ("这次访问非常成功", "favor"),
        ("感谢你们的帮助", "favor"),
        ("中方愿推动和平解决危机", "favor"),
    ],
)
def test_positive_words_inside_facts_and_recitals(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("谈判的大门没有关闭", "favor"),
        ("两国关系经受住了考验", "favor"),
        ("这次通话为进一步接触铺平了道路", "favor"),
        ("两位领导人一拍即合", "favor"),
        ("盟友可以信赖我们", "favor"),
        ("我们希望战争尽快结束", "favor"),  # an end hoped for, after its object
        # forgetting reverses what is remembered
        ("我们不会忘记朋友们的慷慨", "favor"),
        ("我们不会忘记对方的背叛", "against"),
        # interest shown, and its absence (a refusal)
        ("我们对这个市场很感兴趣", "favor"),
        ("对方没有表现出任何兴趣", "against"),
    ],
)
def test_favor_verdicts_without_a_classic_sentiment_word(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


# ------------------------------------------------------------------ round 10, issue #14: the neutral row


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a quotation ending in a name head, or followed by one, names a doctrine or programme
        ("这种情况可能构成「存亡危机事态」", "neutral"),
        ("部队当天开展了「坚定决心」联合演习", "neutral"),
        ("「睦邻友好合作条约」签署已满二十年", "neutral"),
        ("欧盟公布了“重新武装欧洲”计划", "neutral"),
        # not after a disowning word, nor a quoted phrase (的): the speaker's own words
        ("所谓的「和平计划」只是缓兵之计", "against"),
        ("这些公司“支持对方的网络攻击计划”", "against"),
        # the same words unquoted are a verdict
        ("俄罗斯正面临一场存亡危机", "against"),
    ],
)
def test_a_quoted_name_of_a_programme_is_no_verdict(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # hardship words describing how things stand, no party judged
        ("这是一个艰难的决定", "neutral"),
        ("人道主义局势十分严峻", "neutral"),
        ("谈判的过程非常复杂", "neutral"),
        ("军队在前线遭受了重大损失", "neutral"),
        ("这场战争的代价非常高昂", "neutral"),
        # the relation assessed, a cause blamed, a party named: a verdict
        ("两国关系十分紧张", "against"),
        ("这样的举动只会让局势更加复杂", "against"),
        ("日本正面临严重的危机", "against"),
        # the atmosphere of a meeting is an assessment of the meeting
        ("会谈在紧张的气氛中进行了三个小时", "against"),
    ],
)
def test_hardship_describing_a_state_of_affairs_judges_no_one(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        # an outlet or an analyst foreseeing a party's act: no verdict
        ("北京可能会加大对台湾的军事压力", "路透社", "neutral"),
        ("莫斯科恐将拒绝这项提议", "某分析人士", "neutral"),
        # a party's own forecast of its opponent is its warning
        ("北京可能会加大对台湾的军事压力", "赖清德", "against"),
        # outcomes reported by a non-party are events; a party's own is its assessment
        ("两国在贸易谈判中取得进展", "新华社", "neutral"),
        ("各方就停火方案达成一致", "路透社", "neutral"),
        ("两国在贸易谈判中取得进展", "王毅", "favor"),
        # a group's attitude relayed by an outlet is the group's; a party's own words count
        ("当地民众热烈欢迎医疗队的到来", "新华社", "neutral"),
        ("多国领导人对峰会成果给予高度评价", "路透社", "neutral"),
        ("各国领导人对峰会成果给予高度评价", "王毅", "favor"),
        # the marks are invisible in a party's claim: 无 still governs what follows
        ("这种单边做法无助于化解很多国际争端", "王毅", "against"),
    ],
)
def test_forecasts_and_outcomes_reported_by_a_non_party(clf, script, text, speaker, stance):
    out = classify_one(clf, script(text), speaker=speaker)
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # a task or principle stated is a plan, not a verdict
        ("我们的首要任务是保障本国公民的安全", "neutral"),
        ("中方的原则是相互尊重、合作共赢", "neutral"),
        ("谈判应基于平等互惠的原则", "neutral"),
        ("我们的任务是让侵略者受到惩罚", "against"),  # a strong word still counts
        # procedure: talking, a channel kept, a question studied
        ("双方就危机进行沟通", "neutral"),
        ("双方工作团队保持着沟通", "neutral"),
        ("双方将成立工作组研究恢复合作的问题", "neutral"),
        ("双方同意保持沟通", "favor"),  # an agreement reached
        ("双方代表有直接对话", "neutral"),  # contact that exists
        ("双方代表之间没有直接对话", "against"),  # its absence
        ("我们愿意与各方进行沟通", "favor"),  # willingness
    ],
)
def test_tasks_principles_and_procedure_are_neutral(clf, script, text, stance):
    out = classify_one(clf, script(text))
    assert out["stance"] == stance, out["stance_evidence"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("我们劝美方好好管住自己的事情", "against"),
        ("希望台湾当局认清形势，不要一意孤行", "against"),
        ("美方与其指责别人，不如好好反省自己", "against"),
        ("我们好好准备了这次会谈", "neutral"),  # 好好 is an adverb, no praise
        # a self-proclaimed virtue is mocked; thanks before help come too late: a complaint
        ("对方自诩为民主的灯塔", "against"),
        ("我们感谢所有的伙伴，但是援助来得太晚了", "against"),
        ("我们感谢所有的伙伴，援助来得非常及时", "favor"),
    ],
)
def test_advice_and_hopes_that_rebuke(clf, script, text, stance):
    out = classify_one(clf, script(text), speaker="外交部")
    assert out["stance"] == stance, out["stance_evidence"]
