"""Topics decided by what the claim itself is about (issue #14): a venue opened by 在 is a setting,
what talks are said not to cover is no topic, a third country's voice speaks of its own issue, a
reporter's question names the matter of its answer (in a sentence or a transcript), and generic
talk words around a claim of no topic word leave it to the article's issue.

Every sentence is constructed for the test and runs in Simplified, Hong Kong and Taiwan script.
"""

from __future__ import annotations

from pipeline.classify import classify_document
from pipeline.lexicons import simp
from tests.conftest import constructed_claim
from tests.test_topics import CFG, page_topics, topics_of


def test_a_venue_opened_by_zai_is_a_setting_not_the_topic(clf, script):
    """在X召开的会议场边会晤: the whole X is the meeting's venue, not only the keyword next to
    the mark; the meeting itself is the claim's matter."""
    topics, _ = topics_of(clf, script, "两国外长在印度首都召开的二十国集团外长会议场边会晤", "ru")
    assert topics[0] == "bilateral_relations"
    assert "other" not in topics
    # negative: a place named outside the setting still counts
    topics, _ = topics_of(clf, script, "两国外长在会议场边讨论了印度的局势", "ru")
    assert "other" in topics


def test_what_talks_do_not_cover_is_not_their_topic(clf, script):
    """不涉及乌克兰问题: the clause after an excluded mark names what the claim is not about."""
    topics, _ = topics_of(clf, script, "这次会谈将聚焦双方使馆的正常运作，不涉及乌克兰问题", "ru")
    assert topics[0] == "diplomatic_missions"
    # negative: talks that do cover it
    topics, _ = topics_of(clf, script, "这次会谈将聚焦双方使馆的正常运作，也涉及乌克兰问题", "ru")
    assert topics[0] == "ukraine"
    # an excluded matter named alone is still the claim's matter
    assert topics_of(clf, script, "双方不讨论乌克兰问题", "ru")[0][0] == "ukraine"


def test_a_third_countrys_voice_speaks_of_its_own_issue(clf, script):
    """Kyiv's president on Moscow's wish for talks speaks of the war; the Kremlin's spokesman
    saying the same speaks of the relationship; a defining word of the claim still decides."""
    headline = "美俄领导人通电话"
    [(topics, evidence)] = page_topics(clf, script, headline, [[("泽连斯基", "普京要求会晤的决定表明他处境被动")]])
    assert topics[0] == "ukraine" and "speaker:乌克兰" in evidence
    [(topics, _)] = page_topics(clf, script, headline, [[("佩斯科夫", "普京要求会晤的决定表明他很有诚意")]])
    assert topics[0] == "bilateral_relations"
    [(topics, _)] = page_topics(clf, script, headline, [[("泽连斯基", "对俄罗斯的制裁必须加强")]])
    assert topics[0] == "sanctions"


def test_off_the_beat_a_wars_captives_are_that_wars(clf, script):
    """在囚禁中丧生 in a Gaza story is the war's hostages (regional), in US-Russia news the
    detained citizens (negative)."""
    [(topics, _)] = page_topics(clf, script, "加沙停火谈判继续", [[("以方", "有几人在囚禁中丧生")]])
    assert topics[0] == "regional_issues"
    assert topics_of(clf, script, "有几人在囚禁中丧生", "ru")[0][0] == "detained_citizens"


def test_a_reporters_question_opening_the_sentence_names_the_answers_matter(clf, script):
    """有记者问X会否…，X表示当然会: the question is the topic lead of the answer."""
    [(topics, _)] = page_topics(clf, script, "", [[("拜登", "当然会")]], lead="有记者问拜登是否会要求普京停止干预选举，")
    assert topics[0] == "election_interference"
    # negative: the same answer without the question names no such matter
    [(topics, _)] = page_topics(clf, script, "", [[("拜登", "当然会")]])
    assert topics[0] != "election_interference"


def test_a_claim_inheriting_only_generic_frame_words_takes_the_articles_issue(clf, script):
    """相信最终能达成协议 in a sentence on the talks (会谈: generic) under a headline on the war is
    the war's deal; in a sentence naming the relationship itself it stays the relationship."""
    headline = "泽连斯基赴美商讨结束俄乌战争"
    [(topics, evidence)] = page_topics(clf, script, headline, [[("特朗普", "相信最终能够达成")]], lead="双方正处于会谈的最后阶段，")
    assert topics[0] == "ukraine" and evidence[0].startswith("headline:")
    [(topics, _)] = page_topics(clf, script, headline, [[("特朗普", "相信最终能够达成")]], lead="美俄关系的改善正处于最后阶段，")
    assert topics[0] == "bilateral_relations"


def transcript_topics(clf, script, lines: list[str]) -> list[list[str]]:
    """Topics of the answers of a transcript page: each line is a paragraph; a line opening with
    总统： is a claim of its text after the label, any other line is no claim."""
    text, claims = "", []
    for n, line in enumerate(lines):
        line = script(line)
        if n:
            text += "\n"
        label = script("总统：")
        if line.startswith(label):
            body = line[len(label) :].rstrip("。")
            claims.append(constructed_claim(body, line, len(text) + len(label), "拜登", "", ""))
        text += line
    doc = {"doc_id": "t", "title": None, "text": text}
    return [r["topics"] for r in classify_document(claims, doc, simp(text), "", clf, CFG)]


def test_a_transcript_answer_answers_the_question_before_it(clf, script):
    """总统：没什么。 after 问：台湾接下来会怎样？ is about Taiwan, and so is the answer to a follow-up
    of no topic word; an answer naming its own matter keeps it (the document's mix is the sea's)."""
    lines = [
        "白宫公布了总统答记者问的全文。",
        "问：总统先生，台湾接下来会怎样？",
        "总统：没什么。",
        "问：可是大家都很紧张？",
        "总统：什么都不会发生。",
        "问：南海的局势呢？",
        "总统：我们会继续通过南海。",
    ]
    assert [t[0] for t in transcript_topics(clf, script, lines)] == ["other", "other", "regional_issues"]
    # negative: with narration between, the answer no longer answers that question
    lines[3] = "记者们随后离开了现场。"
    assert transcript_topics(clf, script, lines)[1][0] == "regional_issues"


def test_oligarchs_are_typical_of_sanctions(clf, script):
    assert topics_of(clf, script, "这批案件的对象是俄罗斯寡头和他们的同伙", "ru")[0][0] == "sanctions"


def test_a_title_before_a_speech_verb_describes_the_speaker(clf, script):
    """俄外交官称… in a headline names who speaks, not the diplomatic missions: a generic claim
    under it keeps the relationship; expelled diplomats stay the missions' (negative)."""
    [(topics, _)] = page_topics(clf, script, "俄罗斯外交官称美方的新举措令人失望", [[("佩斯科夫", "莫斯科会对华盛顿的决定作出回应")]])
    assert topics[0] == "bilateral_relations"
    [(topics, _)] = page_topics(clf, script, "俄罗斯驱逐十名美国外交官", [[("佩斯科夫", "莫斯科会对华盛顿的决定作出回应")]])
    assert topics[0] == "diplomatic_missions"
