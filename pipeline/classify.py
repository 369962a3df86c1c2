"""Stage 5: topic and stance of every claim, from the lexicons in ``models/``.

Topics come from weighted keywords (``models/topics.yaml``): a claim's own
keywords rank its topics and the context (its sentence, neighbouring claims,
the document's dominant topics, the headline) only breaks near-ties; a claim
with no topic word of its own (我們將作出回應) inherits the topic its sentence,
its neighbours or, failing those, its article's issue (the headline's, else the
claims') points to; one that only names the frame generically (会谈, both sides)
takes the article's issue first, and one that points back (此事, 这一问题) its
speaker's previous claim's topic. A sentence's topic lead (关于制裁，X说) counts
as the claim's own words.

Stance comes from a small compositional lexicon (``models/stance.yaml``): polar
words, negators with a scope (``不会容忍`` → against, ``不希望出现冷战`` →
favor, ``没有威胁`` → favor, ``没有干涉`` → a denial, so against), wish and
support verbs that take the polarity of their object, hedges and agenda words
that neutralise a clause, ``X，但Y`` where Y decides unless it holds nothing
evaluative, and a prior from the cue word (批评 → against, 赞扬 → favor).

Everything is matched on the Simplified text with precompiled trie regexes
(leftmost-longest); no segmentation. On the seed articles classification costs
about 0.1 ms per claim, a tenth of jieba's time on the same documents.
The functions are pure and deterministic: same input, same output.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import DEFAULT_BEAT, DEFAULT_MODELS, ClassifyConfig
from pipeline.lexicons import LiteralScanner, load_lexicons, load_registry, read_yaml, simp
from pipeline.stance_model import LEARNED_FILE, LearnedStance, load_learned
from pipeline.stance_model import features as stance_features
from pipeline.target import (
    LEAD_CHARS,
    TARGET_FILE,
    UNNAMED,
    TargetRules,
    attitude_of,
    decide_target,
    find_demand,
    load_target_rules,
    reported_desires,
)

FAVOR, AGAINST, NEUTRAL = "favor", "against", "neutral"

# token kinds of the stance lexicon
POLAR = ("favor", "against", "denial")
NEGATORS = ("negator", "intent", "prohibit", "emphatic")  # intent: 不会/无意 renounce an act instead of denying it
# emphatic: 从未/根本没有 deny an act; alone (俄方从未参与此事) they are a rebuttal
# prohibit: 不得/不能/不要 forbid what follows: a warning or demand, against whatever the word
# harm: 损害/破坏 + something good (损害互信); rhetorical_prohibit: 岂能/怎能 + an act, forbidden
# dismissive: 所谓/口口声声 + a word the speaker disowns, against whatever its polarity
GOVERNABLE = (*POLAR, *NEGATORS, "desire", "harm", "rhetorical", "rhetorical_prohibit", "dismissive")


# ---------------------------------------------------------------- matching


class Matcher:
    """Leftmost-longest, non-overlapping scan of a text for a fixed word list.

    One Aho-Corasick automaton (see :class:`LiteralScanner`). Latin letters match
    case-insensitively (SWIFT, New START).
    """

    def __init__(self, words: Iterable[str]) -> None:
        unique = sorted({w for w in words if w})
        self.words = {w.lower(): w for w in unique}
        self.scanner = LiteralScanner(unique, ignore_case=True)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, listed word) of every match."""
        words = self.words
        return [(s, e, words[text[s:e].lower()]) for s, e in self.scanner.spans(text)]


def _weighted(section: Mapping[Any, Iterable[str]] | None) -> list[tuple[str, float]]:
    """``{weight: [words]}`` → [(simplified word, weight)]."""
    out: list[tuple[str, float]] = []
    for weight, words in (section or {}).items():
        if not isinstance(weight, int | float):
            continue  # a topic's label, not a weight
        for w in words or []:
            out.append((simp(str(w)).strip(), float(weight)))
    return out


def _words(section: Iterable[str] | None) -> list[str]:
    return [simp(str(w)).strip() for w in section or []]


# ---------------------------------------------------------------- topics


SENTENCE_ENDS = re.compile("[。！？!?\n]")  # frame.sentence_ends when a beat gives none
# a transcript turn: a short label before a colon or a dash (问：…, 总统:…, 问 ——…)
TURN_LABEL = re.compile(r"\s*(\S{1,12}?)\s*[：:—]")

@dataclass(frozen=True)
class TopicModel:
    ids: tuple[str, ...]  # taxonomy order, also the tie-break order
    keywords: dict[str, tuple[tuple[str, float], ...]]  # keyword -> ((topic, weight), ...)
    side_of: dict[str, int]  # mention of a side (美方, 普京) -> side index 0 or 1
    matcher: Matcher  # keywords, masks and side mentions: one scan finds all
    side_topic: str
    side_weight: float
    country_side: dict[str, int]  # country id -> side index
    entity_country: dict[str, str]  # speaker id -> country id
    third_party_voices: frozenset[str]  # registry persons, institutions, countries of no side
    context: dict[str, float]  # tie-breaker weight per context source
    inherit: dict[str, float]  # weight per context source when the claim has no topic word
    frame_topic: str
    frame_factor: float
    frame_issue_score: float
    frame_defers_below: float  # frame scores below this yield to the document's issue
    headline_issue_score: float  # a headline names its article's issue with a word this strong
    frame_needs_sides: bool  # the frame topic only in documents that name both sides
    both_sides_words: tuple[str, ...]  # words naming both sides at once (美俄, 俄美)
    other_pairs: tuple[str, ...]  # words naming another pair (中美, 中日): their 两国 is not the frame
    secondary_ratio: float
    repeat_factor: float
    fallback: str
    central_weight: float = 0.0  # a topic needs one keyword at least this heavy
    sentence_split: re.Pattern = SENTENCE_ENDS  # frame.sentence_ends
    actors: frozenset[str] = frozenset()  # frame.actors: topic words that are actors off the beat
    titles: frozenset[str] = frozenset()  # keywords that are a person's title before a name
    frame_elsewhere: str = ""  # frame.elsewhere: the topic of another pair's relationship
    actor_weight: float = 1.0
    # frame.off_beat_weak: words that name a beat topic only inside the beat's own news
    # (停火 is Ukraine's in US-Russia news, any war's in a Gaza story): capped like actors
    off_beat_weak: frozenset[str] = frozenset()
    # setting.marks: 北约峰会期间 dates an event by another one; setting.weight caps its words
    setting_marks: tuple[str, ...] = ()
    setting_weight: float = 1.0
    # outranks: (measure, domain) pairs; a claim naming both is about the measure
    # (制裁 of 能源出口), its domain scoring at most outranked_share of the measure
    outranks: tuple[tuple[str, str], ...] = ()
    outranked_share: float = 1.0
    # lead.marks: 关于X，/谈到X时， opening the claim's sentence name the claim's matter
    lead_marks: tuple[str, ...] = ()
    lead_ends: str = "，,"
    # anaphora: 此事, 这一问题: a claim that points back takes its speaker's previous claim's topic
    anaphora: tuple[str, ...] = ()
    # frame.off_beat_defers_below: off the beat, a claim whose best own score is below this
    # (typical words only: 获释, 核查, 工业) takes its article's issue first (0: off)
    off_beat_defers_below: float = 0.0
    # joint: (topic, weight, acts, objects, object_first): an act and its object named apart in
    # one text (干预…大选, 试图影响今年的总统选举; 对选举的干预 when object_first) name the topic
    joint: tuple[tuple[str, float, tuple[str, ...], tuple[str, ...], bool], ...] = ()
    # weakened.words: keyword -> words that, named in the same text, give it another sense
    # (干涉 with 内政: a complaint about internal affairs, not the election); weakened.weight caps it
    weakened_by: dict[str, frozenset[str]] = field(default_factory=dict)
    weakened_weight: float = 1.0
    # frame.subject_marks: 讨论, 商讨: the clause after one names what a meeting is about
    subject_marks: tuple[str, ...] = ()
    # frame.meeting_words: the frame's words that name a meeting (会面, 通话), not the relationship
    meeting_words: frozenset[str] = frozenset()
    # setting.openers / setting.reach: 在X期间 takes in all of X (在印度召开的G20外长会议场边: a venue),
    # not only the keywords next to the mark, when the opener stands within reach before it
    setting_openers: tuple[str, ...] = ()
    setting_reach: int = 0
    # excluded: marks after which a clause names what the claim is NOT about (不涉及乌克兰问题)
    excluded_marks: tuple[str, ...] = ()
    # voices.countries: a third country whose own affairs are a topic of the beat (乌克兰): its
    # voices speak of that topic, which their claims name at voices.weight (a typical word)
    voice_countries: frozenset[str] = frozenset()
    voice_weight: float = 0.0
    # extraction.yaml construction_words.question_labels (问, 记者): a transcript answer of no topic
    # word answers the nearest question before it that names one, within question_reach paragraphs
    question_labels: tuple[str, ...] = ()
    question_reach: int = 0
    # title_cues: a `titles` keyword right before one of these speech verbs (俄外交官称…, 大使表示)
    # describes who speaks, not the topic
    title_cues: tuple[str, ...] = ()

    def analyse(
        self, text: str, off_beat: bool = False, sense: str = ""
    ) -> tuple[dict[str, float], dict[str, list[str]], set[int]]:
        """Topic scores of a text, the keywords per topic, and the sides it mentions.

        A topic scores its strongest keyword plus ``repeat_factor`` times the rest:
        a pile of generic words (两国, 双方, 合作) must not outweigh one defining one.
        ``off_beat``: the text is from an article outside the beat, where the ``actors``
        (中国 in a China-US trade story) weigh at most ``actor_weight``, and so do the
        ``off_beat_weak`` words (停火 of a Gaza story). Keywords of an event that only dates
        the claim (北约峰会期间) weigh at most ``setting_weight`` unless nothing else names a topic.
        ``sense``: the article's issue; a keyword listed under several topics (入侵: a war's
        invasion or a hacker's intrusion) counts only for that one when it is among them.
        """
        matches = self.matcher.scan(text)
        if self.title_cues:  # 俄外交官称: the speaker's description, not the diplomatic missions
            matches = [m for m in matches if not (m[2] in self.titles and text.startswith(self.title_cues, m[1]))]
        setting = self._setting(text, matches)
        scores, evidence, sides = self._score(matches, setting, off_beat, sense)
        if setting and not scores:  # nothing outside the setting: it is the claim's matter
            scores, evidence, sides = self._score(matches, set(), off_beat, sense)
        self._joint(text, scores, evidence)
        return scores, evidence, sides

    def _joint(self, text: str, scores: dict[str, float], evidence: dict[str, list[str]]) -> None:
        """An act and its object named apart (干预2016年美国大选): the joint topic at its weight,
        both words its evidence. Either word alone is weaker (off the beat 干涉 is a complaint
        about internal affairs, 选举 a country's own vote), and a headline states its article's
        issue only with a defining word."""
        for topic, weight, acts, objects, object_first in self.joint:
            if scores.get(topic, 0.0) >= weight:
                continue
            for act in acts:
                at = text.find(act)
                if at < 0:
                    continue
                after = text[at + len(act) :]
                # 对选举的干预: the object may also come first (the last mention of the act)
                before = text[: text.rfind(act)] if object_first else ""
                obj = next((o for o in objects if o in after or o in before), "")
                if obj:
                    scores[topic] = weight
                    evidence[topic] = list(dict.fromkeys([act, obj, *evidence.get(topic, [])]))
                    break

    def _score(
        self, matches: list[tuple[int, int, str]], setting: set[int], off_beat: bool, sense: str = ""
    ) -> tuple[dict[str, float], dict[str, list[str]], set[int]]:
        hits: dict[str, list[float]] = {}
        evidence: dict[str, list[str]] = {}
        sides: set[int] = set()
        named = {w for _, _, w in matches}
        for i, (_, end, word) in enumerate(matches):
            entries = self.keywords.get(word)
            if entries is None:
                sides.add(self.side_of[word])
                continue
            if word in self.titles and i + 1 < len(matches) and matches[i + 1][0] == end:
                following = matches[i + 1][2]
                if following not in self.keywords and following in self.side_of:
                    continue  # 驻美大使安东诺夫: a person's title, not the diplomatic missions
            if sense and len(entries) > 1 and any(t == sense for t, _ in entries):
                # the article's issue says which sense is meant, at the word's strongest weight
                entries = ((sense, max(w for _, w in entries)),)
            if off_beat and (word in self.actors or word in self.off_beat_weak):
                entries = tuple((t, min(w, self.actor_weight)) for t, w in entries)
            if i in setting:
                entries = tuple((t, min(w, self.setting_weight)) for t, w in entries)
            if self.weakened_by.get(word, frozenset()) & named:  # 干涉…内政: another sense
                entries = tuple((t, min(w, self.weakened_weight)) for t, w in entries)
            for topic, weight in entries:  # masks map to no topic
                if word in evidence.setdefault(topic, []):
                    continue  # a word said twice is one piece of evidence
                hits.setdefault(topic, []).append(weight)
                evidence[topic].append(word)
        # weak words (和平, 主权) only support a topic that a central keyword names
        scores = {
            t: max(ws) + self.repeat_factor * (sum(ws) - max(ws)) for t, ws in hits.items() if max(ws) >= self.central_weight
        }
        evidence = {t: ev for t, ev in evidence.items() if t in scores}
        for measure, domain in self.outranks:
            if measure in scores and domain in scores:
                scores[domain] = min(scores[domain], self.outranked_share * scores[measure])
        return scores, evidence, sides

    def _setting(self, text: str, matches: list[tuple[int, int, str]]) -> set[int]:
        """Indices of the matches that only date the claim by another event: the run of
        adjacent keywords right before a setting mark (北约峰会|期间, 美俄会谈|前夕), all of a
        setting opened by an opener (在|印度召开的G20外长会议|场边), and the clause after an
        `excluded` mark (不涉及|乌克兰问题: what the claim is not about)."""
        found = self._opened_settings(text, matches) | self._excluded(text, matches)
        if not self.setting_marks:
            return found
        for i, (_, end, _) in enumerate(matches):
            if not text.startswith(self.setting_marks, end):
                continue
            j = i
            while True:
                found.add(j)
                if j == 0 or matches[j - 1][1] != matches[j][0]:
                    break
                j -= 1
        return found

    def question_before(self, text: str, start: int) -> str:
        """The question a transcript answer at ``start`` answers: the nearest question turn
        (问：…, 记者：…) before its paragraph that names a topic; follow-ups of no topic word
        (什么都没发生？) continue the matter of the question before them. "" when the claim's
        paragraph is no turn, or the exchange ends (a paragraph of no label) first."""
        if not self.question_labels or self.question_reach <= 0:
            return ""
        para_start = text.rfind("\n", 0, start) + 1
        if not TURN_LABEL.match(text[para_start:start + 1]):
            return ""
        pos, seen = para_start - 1, 0
        while pos > 0 and seen < self.question_reach:
            prev = text.rfind("\n", 0, pos) + 1
            para, pos = text[prev:pos].strip(), prev - 1
            if not para:
                continue
            seen += 1
            label = TURN_LABEL.match(para)
            if not label:
                return ""  # narration: the exchange has ended
            if label.group(1).endswith(self.question_labels) and self.scores(para)[0]:
                return para
        return ""

    def _clause_breaks(self) -> str:
        return self.lead_ends + "。！？!?；;\n"

    def _opened_settings(self, text: str, matches: list[tuple[int, int, str]]) -> set[int]:
        """在X期间: the matches between an opener and a setting mark of one clause."""
        if not self.setting_openers or not self.setting_marks or self.setting_reach <= 0:
            return set()
        found: set[int] = set()
        breaks = self._clause_breaks()
        for mark in self.setting_marks:
            at = text.find(mark)
            while at >= 0:
                window = text[max(0, at - self.setting_reach) : at]
                cut = max(window.rfind(ch) for ch in breaks)
                window_start = at - len(window)
                # the last opener of the mark's clause: the shortest setting that reads
                opened = [window.rfind(op, cut + 1) + len(op) for op in self.setting_openers if window.rfind(op, cut + 1) >= 0]
                if opened:
                    lo = window_start + max(opened)
                    found.update(i for i, (s, e, _) in enumerate(matches) if s >= lo and e <= at)
                at = text.find(mark, at + len(mark))
        return found

    def _excluded(self, text: str, matches: list[tuple[int, int, str]]) -> set[int]:
        """不涉及乌克兰问题: the matches of the clause after an excluded mark."""
        found: set[int] = set()
        breaks = self._clause_breaks()
        for mark in self.excluded_marks:
            at = text.find(mark)
            while at >= 0:
                lo = at + len(mark)
                hi = next((k for k in range(lo, len(text)) if text[k] in breaks), len(text))
                found.update(i for i, (s, e, _) in enumerate(matches) if s >= lo and e <= hi)
                at = text.find(mark, lo)
        return found

    def sides_meet(self, text: str) -> bool:
        """Whether one sentence of ``text`` names both sides (or a word naming both, 美俄).

        A Beijing briefing that mentions a Russian reporter in one answer and Washington in
        another names both sides, but not their relationship: they must meet in a sentence.
        """
        if any(w in text for w in self.both_sides_words):
            return True
        for sentence in self.sentence_split.split(text):
            if len(self.analyse(sentence)[2]) == 2:
                return True
        return False

    def redirect_frame(self, scores: dict[str, float], evidence: dict[str, list[str]], frame: str) -> None:
        """Another pair's relationship (中美两国关系, off the beat or named as 中美) is not the
        beat's frame: its score goes to ``frame_elsewhere`` (the spec's `other`: anything
        else), or is dropped when no such topic is set."""
        if not frame or frame not in scores:
            return
        score, words = scores.pop(frame), evidence.pop(frame, [])
        if self.frame_elsewhere:
            scores[self.frame_elsewhere] = max(scores.get(self.frame_elsewhere, 0.0), score)
            evidence[self.frame_elsewhere] = [*evidence.get(self.frame_elsewhere, []), *words]

    def meeting_only(self, headline: str) -> bool:
        """Whether a headline names a meeting and nothing else: a `meeting_words` word (会面,
        通话, 访问), no other central word of the frame (互信, 美俄关系, 美俄峰会: the relationship
        itself) and no central word of another topic (a weak hint, 商讨结束战争, is allowed)."""
        met = False
        for _, _, word in self.matcher.scan(headline):
            entries = self.keywords.get(word) or ()
            if word in self.meeting_words:
                met = True
            elif any(w >= self.central_weight for _, w in entries):
                return False
        return met

    def discussed(self, text: str) -> tuple[str, tuple[str, ...], bool]:
        """What the talks of ``text`` were about: the one topic other than the frame (and the
        fallback) that the clauses after a subject mark (讨论了俄乌谈判的结果, 商讨结束战争) name
        most, weak words too, with its words, and whether several tie instead (讨论了乌克兰
        局势、伊朗核问题和网络安全合作: a summit of many items). ("", (), False): none named."""
        keep = (self.frame_topic, self.fallback, self.frame_elsewhere)
        scores: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        for sentence in self.sentence_split.split(text):
            for mark in self.subject_marks:
                at = sentence.find(mark)
                if at < 0:
                    continue
                clause = re.split("[" + re.escape(self.lead_ends) + "]", sentence[at + len(mark) :])[0]
                best: dict[str, float] = {}
                for _, _, word in self.matcher.scan(clause):
                    for topic, weight in self.keywords.get(word) or ():
                        if topic not in keep and weight > best.get(topic, 0.0):
                            best[topic] = weight
                            words.setdefault(topic, []).append(word)
                for topic, weight in best.items():
                    scores[topic] = scores.get(topic, 0.0) + weight
                break  # one subject per sentence
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked:
            return "", (), False
        if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
            return "", (), True
        topic = ranked[0][0]
        return topic, tuple(dict.fromkeys(words[topic])), False

    def another_pair(self, text: str) -> bool:
        """中美两国的友谊: a text on another pair's relationship (and not on the beat's pair)."""
        return any(w in text for w in self.other_pairs) and not any(w in text for w in self.both_sides_words)

    def lead_of(self, sentence: str, claim: str) -> str:
        """The topic lead of a claim's sentence (关于西方的制裁，拉夫罗夫说，…: 关于西方的制裁):
        the words from a lead mark opening the sentence to the first clause mark, when the
        claim comes after it. Simplified text."""
        head = sentence.lstrip()
        if not self.lead_marks or not head.startswith(self.lead_marks):
            return ""
        end = next((i for i, ch in enumerate(head) if ch in self.lead_ends), -1)
        at = head.find(claim) if claim else -1
        if end < 0 or (at >= 0 and at < end):
            return ""
        return head[:end]

    def points_back(self, text: str) -> str:
        """The anaphor (此事, 这一) by which a claim refers to a matter named before it, or ""."""
        return next((a for a in self.anaphora if a in text), "")

    def anaphor_noun(self, text: str, anaphor: str) -> set[str]:
        """Topics of the keyword right after an anaphor (这场|战争, 这一|条约), weak ones too:
        the noun it points back with says which matter it means. Empty when none follows."""
        at = text.find(anaphor)
        if at < 0:
            return set()
        end = at + len(anaphor)
        hit = next((w for s, _, w in self.matcher.scan(text) if s == end), "")
        return {t for t, _ in self.keywords.get(hit) or ()}

    def ambiguous(self, text: str) -> bool:
        """Whether ``text`` holds a keyword that several topics list (入侵)."""
        return any(len(self.keywords.get(w) or ()) > 1 for _, _, w in self.matcher.scan(text))

    def frame_words(self, words: Iterable[str]) -> bool:
        """Whether every piece of evidence is a word of the frame topic (两国, 会谈, both sides)."""
        frame = self.frame_topic
        return all(w == "both sides" or any(t == frame for t, _ in self.keywords.get(w) or ()) for w in words)

    def scores(self, text: str, off_beat: bool = False) -> tuple[dict[str, float], dict[str, list[str]]]:
        scores, evidence, _ = self.analyse(text, off_beat)
        return scores, evidence

    def speaker_side(self, speaker: str) -> int | None:
        return self.country_side.get(self.entity_country.get(speaker, ""))


def _load_topics(path: Path, models_dir: Path) -> TopicModel:
    raw = read_yaml(path) or {}
    ids = tuple(raw["topics"])
    for j in raw.get("joint") or []:
        if j.get("topic") not in ids:
            raise ValueError(f"{path.name}: joint {j!r} names no topic")
    for pair in raw.get("outranks") or []:
        if len(pair) != 2 or any(t not in ids for t in pair):
            raise ValueError(f"{path.name}: outranks {pair!r} must name two topics")
    if str(raw.get("fallback", "other")) not in ids:
        raise ValueError(f"{path.name}: fallback {raw.get('fallback')!r} is not a topic")
    keywords: dict[str, list[tuple[str, float]]] = {}
    for topic in ids:
        for word, weight in _weighted(raw["topics"][topic]):
            entries = keywords.setdefault(word, [])
            # the same word in both scripts (美俄關係, 美俄关系) is one entry: keep the larger weight
            same = [k for k, (t, _) in enumerate(entries) if t == topic]
            if same:
                entries[same[0]] = (topic, max(weight, entries[same[0]][1]))
            else:
                entries.append((topic, weight))
    for word in _words(raw.get("masks")):
        keywords.setdefault(word, [])
    sides = raw.get("sides") or {}
    side_of: dict[str, int] = {}
    for idx, group in enumerate(sides.get("groups", [])[:2]):
        for w in _words(group):
            side_of.setdefault(w, idx)
    countries = [simp(c) for c in sides.get("registry_countries", [])]
    country_side = {c: i for i, c in enumerate(countries[:2])}
    entity_country: dict[str, str] = {}
    third_party: frozenset[str] = frozenset()
    lex = load_lexicons(models_dir) if (models_dir / "speakers.yaml").exists() else None
    if lex and country_side:
        entity_country = {eid: e.country for eid, e in lex.entities.items()}
        third_party = frozenset(
            eid
            for eid, e in lex.entities.items()
            if e.country and e.country not in country_side and e.type in ("person", "institution", "country")
        )
        for alias, eid in lex.aliases.items():
            country = entity_country.get(eid, "")
            # Latin aliases (US, Putin) would match inside other words: Chinese only
            if country in country_side and len(alias) > 1 and not alias.isascii():
                side_of.setdefault(alias, country_side[country])
    ctx = raw.get("context") or {}
    inherit = raw.get("inherit") or {}
    frame = raw.get("frame") or {}
    setting = raw.get("setting") or {}
    sources = ("sentence", "neighbour", "document", "headline", "question")
    return TopicModel(
        ids=ids,
        keywords={w: tuple(v) for w, v in keywords.items()},
        side_of=side_of,
        matcher=Matcher([*keywords, *side_of]),
        side_topic=str(sides.get("topic", "")),
        side_weight=float(sides.get("weight", 0.0)),
        country_side=country_side,
        entity_country=entity_country,
        third_party_voices=third_party,
        context={k: float(ctx.get(k, 0.0)) for k in sources},
        inherit={k: float(inherit.get(k, 0.0)) for k in sources},
        frame_topic=str(frame.get("topic", "")),
        frame_factor=float(frame.get("factor", 1.0)),
        frame_issue_score=float(frame.get("issue_score", 0.0)),
        frame_defers_below=float(frame.get("defers_below", 0.0)),
        headline_issue_score=float(frame.get("headline_issue_score", 0.0)),
        subject_marks=tuple(_words(frame.get("subject_marks"))),
        meeting_words=frozenset(_words(frame.get("meeting_words"))),
        frame_needs_sides=bool(frame.get("needs_both_sides", False)),
        both_sides_words=tuple(_words(frame.get("both_sides_words"))),
        other_pairs=tuple(_words(frame.get("other_pairs"))),
        secondary_ratio=float(raw.get("secondary_ratio", 0.0)),
        repeat_factor=float(raw.get("repeat_factor", 1.0)),
        fallback=str(raw.get("fallback", "other")),
        central_weight=float(raw.get("central_weight", 0.0)),
        actors=frozenset(_words(frame.get("actors"))),
        titles=frozenset(_words(raw.get("titles"))),
        frame_elsewhere=str(frame.get("elsewhere") or ""),
        actor_weight=float(frame.get("actor_weight", 1.0)),
        off_beat_weak=frozenset(_words(frame.get("off_beat_weak"))),
        setting_marks=tuple(_words(setting.get("marks"))),
        setting_weight=float(setting.get("weight", 1.0)),
        outranks=tuple((str(a), str(b)) for a, b in raw.get("outranks") or []),
        outranked_share=float(raw.get("outranked_share", 1.0)),
        lead_marks=tuple(_words((raw.get("lead") or {}).get("marks"))),
        lead_ends=str((raw.get("lead") or {}).get("ends") or "，,"),
        anaphora=tuple(_words(raw.get("anaphora"))),
        off_beat_defers_below=float(frame.get("off_beat_defers_below", 0.0)),
        weakened_by={
            simp(w): frozenset(simp(x) for x in _words(by))
            for w, by in ((raw.get("weakened") or {}).get("words") or {}).items()
        },
        weakened_weight=float((raw.get("weakened") or {}).get("weight", 1.0)),
        joint=tuple(
            (
                str(j["topic"]),
                float(j["weight"]),
                tuple(_words(j["acts"])),
                tuple(_words(j["objects"])),
                bool(j.get("object_first", False)),
            )
            for j in raw.get("joint") or []
        ),
        sentence_split=re.compile("[" + re.escape(str(frame.get("sentence_ends", "。！？!?\n"))) + "]"),
        setting_openers=tuple(_words(setting.get("openers"))),
        setting_reach=int(setting.get("reach", 0)),
        excluded_marks=tuple(_words(raw.get("excluded"))),
        voice_countries=frozenset(_words((raw.get("voices") or {}).get("countries"))),
        voice_weight=float((raw.get("voices") or {}).get("weight", 0.0)),
        question_labels=tuple(lex.construction_words.get("question_labels", ())) if lex else (),
        question_reach=int((raw.get("question") or {}).get("reach", 0)),
        title_cues=tuple(_words(raw.get("title_cues"))),
    )


# ---------------------------------------------------------------- stance


@dataclass(frozen=True)
class Term:
    kind: str  # favor against denial rhetorical dismissive desire negator intent postneg hedge agenda
    # neutral contrast concessive conditional break
    value: float  # signed: + favor, - against (for negators and desires: the bare value)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    term: Term


FRAME_MUTED_KINDS = ("favor", "against")  # the words a frame mutes (denials stay)
OUTSIDER_KINDS = ("forecast", "third")  # words that mark a claim only when an outsider speaks


@dataclass(frozen=True)
class Frame:
    """A phrase opened by a mark and closed by a head word in one clause names what is
    discussed, felt or proposed, not the speaker's verdict (就合作协议进行磋商, 对中俄合作
    感到忧虑, 关于恢复对话的提议): the plain polar words inside count 0 unless at least
    ``keeps`` strong; the head (an agenda word, an attitude, a view noun) is read as usual."""

    marks: tuple[str, ...]
    masks: tuple[str, ...]  # words containing a mark that open no frame (对方, 针对, 成就)
    heads: frozenset[str]  # lexicon words or kinds (agenda) that close the frame
    keeps: float  # inside words at least this strong still count (0: none does)
    view_heads: tuple[str, ...] = ()  # plain words (not in the lexicon) that close it: 的提议
    # 就俄罗斯干预大选的问题进行讨论: the wrongdoing is the topic discussed, muted too (an attitude
    # frame keeps it: 对俄罗斯干预大选表示担忧 accuses)
    denials: bool = False
    # 理解美方的担忧: the marks are lexicon words themselves (read as usual), and the head is
    # the other side's concern being accommodated, muted too (the accommodation decides)
    word_marks: bool = False
    mutes_head: bool = False

    @property
    def kinds(self) -> tuple[str, ...]:
        """The token kinds this frame mutes."""
        return (*FRAME_MUTED_KINDS, "denial") if self.denials else FRAME_MUTED_KINDS

    def muted(
        self, text: str, lo: int, hi: int, clause: list[Token], present: frozenset[str] | None = None
    ) -> set[int]:
        """Indices in ``clause`` (``text[lo:hi]``) of the plain polar words inside a frame.
        A clause with no such word has none to mute: the caller skips it (most clauses), once
        for all frames. ``present``: the clause's words and kinds, when the caller collected them
        once for all frames (a frame none of whose heads is there is closed by no token)."""
        if present is not None and self.heads.isdisjoint(present):
            first = -1
        else:  # the first head closes the frame: tokens are in text order, so the first one found
            first = next((t.start for t in clause if t.word in self.heads or t.term.kind in self.heads), -1)
        heads = [first] if first >= 0 else []
        # a plain view noun (的提议) closes the frame too, inside this clause
        heads += [at for at in (text.find(v, lo, hi) for v in self.view_heads) if at > lo]
        head_start = min(heads, default=-1)
        if head_start < 0:
            return set()
        mark = self._last_mark(text, lo, head_start, clause)
        if mark < 0:
            return set()
        return {
            k
            for k, t in enumerate(clause)
            if mark < t.start
            and (t.end <= head_start or (self.mutes_head and t.start == first == head_start))
            and t.term.kind in self.kinds
            and (not self.keeps or abs(t.term.value) < self.keeps)
        }

    def _last_mark(self, text: str, lo: int, hi: int, clause: list[Token]) -> int:
        best = -1
        starts = [t.start for t in clause]  # tokens are in text order and do not overlap
        for m in self.marks:
            at = text.find(m, lo, hi)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                inside_word = k >= 0 and clause[k].end > at
                if inside_word and self.word_marks and clause[k].start == at and clause[k].end == at + len(m):
                    inside_word = False  # the mark is a lexicon word of its own (理解)
                masked = any(
                    text.startswith(w, s) and s <= at < s + len(w)
                    for w in self.masks
                    for s in range(max(lo, at - len(w) + 1), at + 1)
                )
                if not inside_word and not masked:
                    best = max(best, at + len(m) - 1)
                at = text.find(m, at + 1, hi)
        return best


@dataclass(frozen=True)
class Names:
    """A polar word used as the name of a thing or an event is no verdict: 合作项目, 和平会议,
    冲突地区 (a head noun right after it), 这次袭击 (a demonstrative before it), 袭击造成…
    (a result verb after it). Words at least ``keeps`` strong still count (挑衅事件)."""

    heads: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    keeps: float = 3.0
    numbers: bool = False  # 下降12%: a polar word right before a figure measures, it does not judge
    # 「和平计划」, 「存亡危机事态」, 「坚定决心」行动: a quotation that ends in a name head or is
    # followed by one is the name of a programme, doctrine or operation: every word inside is
    # part of the name, however strong (unless a disowning word opens it: 所谓「和平计划」)
    quotes: tuple[tuple[str, str], ...] = ()
    quote_heads: tuple[str, ...] = ()
    quote_unless: tuple[str, ...] = ()  # 所谓, 这样的: the quotation is cited to be disowned
    quote_reach: int = 0  # at most this many characters inside the quotation marks
    quote_breaks: tuple[str, ...] = ()  # a quotation holding one (的) is a phrase quoted, not a name

    @functools.cached_property
    def heads_after(self) -> tuple[str, ...]:
        """The head nouns and result verbs that follow a name's polar word, joined once."""
        return self.heads + self.after

    def quoted_names(self, text: str) -> list[tuple[int, int]]:
        """Spans (inside the marks) of quotations that name a programme, doctrine or operation."""
        out = []
        for o, c in self.quotes if self.quote_heads else ():
            at = text.find(o)
            while at >= 0:
                lo = at + len(o)
                hi = text.find(c, lo)
                if hi < 0:
                    break
                named = text.endswith(self.quote_heads, lo, hi) or text.startswith(self.quote_heads, hi + len(c))
                phrase = any(text.find(b, lo, hi) >= 0 for b in self.quote_breaks)
                if 0 < hi - lo <= self.quote_reach and named and not phrase and not text.endswith(self.quote_unless, 0, at):
                    out.append((lo, hi))
                at = text.find(o, hi + len(c))
        return out

    def muted(self, text: str, clause: list[Token], quoted: list[tuple[int, int]] | None = None) -> set[int]:
        """Indices in ``clause`` of the polar words that only name a thing or an event.
        ``quoted``: ``quoted_names(text)`` when the caller computed it once for all its clauses."""
        out: set[int] = set()
        if not clause:
            return out
        spans = self.quoted_names(text) if quoted is None else quoted
        for k, t in enumerate(clause):
            if any(lo <= t.start and t.end <= hi for lo, hi in spans) and t.term.kind in (*POLAR, "desire"):
                out.add(k)  # 「坚定决心」行动: a word of the name, no verdict
                continue
            if abs(t.term.value) >= self.keeps:
                continue
            if t.term.kind == "harm":
                # 线路遭到破坏: a harm verb after a mark names the act suffered (its object, 破坏
                # 地区稳定, would read as a head noun after it)
                if text.endswith(self.before, 0, t.start):
                    out.add(k)
                continue
            if t.term.kind not in POLAR:
                continue
            if text.startswith(self.heads_after, t.end) or text.endswith(self.before, 0, t.start):
                out.add(k)
            elif self.numbers and t.term.kind != "denial" and t.end < len(text) and text[t.end].isdigit():
                # 下降12% measures; a wrongdoing before a year (干预2016年大选) is still alleged
                out.add(k)
        return out


@dataclass(frozen=True)
class Events:
    """stance.yaml's ``events``: a favor word naming an act (同意, 接受, 恢复) with an aspect
    marker after it (接受了) or a time adverb or a joint subject right before it (已同意,
    双方商定) reports that the act took place: a fact, no verdict of the speaker's."""

    acts: frozenset[str] = frozenset()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # joint subjects (双方, 两国): an outsider reports their acts
    # 取得进展, 达成一致: outcomes, events when an outsider reports them; a party's own 双方已达成
    # 一致 is its positive assessment of the talks
    outcomes: frozenset[str] = frozenset()

    def muted(self, text: str, clause: list[Token], outsider: bool = False, lo: int = 0) -> dict[int, str]:
        """Indices in ``clause`` of the act words reported as events, with the words that mark
        them (已同意, 接受了: the evidence shown when the claim ends neutral). ``outsider``: the
        speaker is no party, so a joint subject anywhere before the act in the clause
        (两国在谈判中取得进展, 成员国就X达成一致) reports it: what the parties did, not praise.
        ``lo``: where the clause starts in ``text``."""
        out = {}
        for k, t in enumerate(clause):
            if t.term.kind != "favor" or not (t.word in self.acts or (outsider and t.word in self.outcomes)):
                continue
            after = next((a for a in self.after if text.startswith(a, t.end)), "")
            before = next((b for b in self.before if text.endswith(b, 0, t.start)), "")
            if not before and outsider:
                before = next((b + "…" for b in self.subjects if text.find(b, lo, t.start) >= 0), "")
            if after or before:
                out[k] = before + t.word + after
        return out


@dataclass(frozen=True)
class Unit:
    """A polar word, or a negator/desire verb together with what it governs."""

    value: float
    words: tuple[str, ...]
    denial: bool = False
    pos: int = -1  # offset of its first word in the text scanned (the target sits near it)

    @property
    def label(self) -> str:
        return FAVOR if self.value > 0 else AGAINST

    def evidence(self) -> str:
        if len(self.words) == 1:
            return self.words[0]
        return " + ".join(self.words) + f" → {self.label}"


@dataclass(frozen=True)
class Sides:
    """stance.yaml's ``sides``: 站在X一边, taking a party's side (favor, the party in between);
    and ``pressure``: 加强对X的制裁, pressure stepped up on a party (against, the party in between)."""

    opens: tuple[str, ...] = ()
    closes: tuple[str, ...] = ()
    masks: tuple[str, ...] = ()  # 站在任何一方: no party, no side taken
    reach: int = 0  # characters allowed for the party between open and close
    weight: float = 0.0
    kind: str = "favor"  # the sign of the unit made over the span: favor or against


@dataclass(frozen=True)
class Blame:
    """stance.yaml's ``blame``: 这场冲突是由X引起的, a harm whose cause is named in a cleft
    (是…造成的): the speaker lays the blame, one against unit from the mark to the close."""

    marks: tuple[str, ...] = ()  # 是, 是由: the cleft opens
    closes: tuple[str, ...] = ()  # 造成的, 引起的: the cleft closes on a cause verb
    reach: int = 0  # characters allowed for the cause between mark and close
    weight: float = 0.0


@dataclass(frozen=True)
class StanceModel:
    terms: dict[str, Term]
    matcher: Matcher
    max_gap: int
    before_contrast: float
    concessive: float
    conditional: float  # weight of a clause opened by 如果/一旦: supposed, not asserted
    agenda_keeps: float  # after an agenda word, only units at least this strong count
    prescription: float  # weight of units under a modal of obligation with no addressee (必须维护…)
    # 侵略必须受到惩罚: a unit at least this strong keeps its weight under such a modal (a
    # condemnation or a demand for punishment is no mere principle); 0: none does
    prescription_keeps: float
    demand: float  # prior of a demand or appeal aimed at another party (negative)
    report_roles: frozenset[str]  # cue roles of reports (relay: 报道): they need a stronger score
    report_margin: float
    cue_priors: dict[str, float]
    cue_matcher: Matcher
    role_priors: dict[str, float]
    frames: tuple[Frame, ...] = ()
    reproach: float = 0.0  # against weight of a reproach marker (却) before a factual Y
    reproach_markers: frozenset[str] = frozenset()  # contrast words that belie what came before
    names: Names = Names()
    events: Events = Events()
    purpose: float = 0.0  # weight of a favor unit after a purpose or measure word (旨在确保X, 派遣X协助Y)
    # 这是一个艰难的决定, 局势十分严峻, 遭受重大损失: hardship words that describe a state of
    # affairs; in a claim naming no party of another side, in a clause without one of
    # ``state_keeps`` (关系, 让), they judge no one and count ``state`` (alone: under the margin)
    states: frozenset[str] = frozenset()
    state: float = 1.0
    state_keeps: tuple[str, ...] = ()
    # speakers that are no party (outsiders): registry types (media) and words of unregistered
    # speakers (分析人士, 专家): they foresee and report, their forecasts and reported outcomes
    # are no verdicts
    outsider_types: frozenset[str] = frozenset()
    outsider_speakers: tuple[str, ...] = ()
    # 伊朗的承诺无法令人信服: a polar noun right after one of these is the subject evaluated;
    # an opposite verdict later in its clause decides alone
    subject_marks: tuple[str, ...] = ()
    subject_reach: int = 0  # characters allowed between the mark and the noun (0: right after it)
    head_reach: int = 0  # 看不到改善关系的(真正)意愿: characters from a negated modifier to its head noun
    # 这样的“合作”: a favor word alone between quotation marks is the speaker disowning it
    scare_quotes: tuple[tuple[str, str], ...] = ()
    scare_openers: tuple[str, ...] = ()  # the demonstrative before the quotation (这样的“合作”)
    scare_weight: float = 0.0  # how much more against than the word was favor (0: as strong)
    # 口中的“民主”, 所标榜的“中立”: a quotation after a disowning word is the speaker's irony,
    # against even when the quoted term holds no polar word (所谓 + a plain term names the
    # other side's act: neutral)
    disown_openers: tuple[str, ...] = ()
    disowned: float = 0.0  # against weight of such a quotation (0: the rule is off)
    disown_reach: int = 0  # at most this many characters between the quotation marks
    # 站在乌克兰一边: taking a party's side, an open and a close word around the party
    sides: Sides = Sides()
    # 加强对俄罗斯的制裁: pressure stepped up on a party, an open and a close word around it
    pressure: Sides = Sides(kind="against")
    blame: Blame = Blame()
    # 认同X的说法，即Y阻碍了和平: a cue of agreement adopts the proposition, so an against
    # content decides and the cue's favor prior counts ``adopted_prior`` of itself
    adopting_cues: tuple[str, ...] = ()
    adopted_prior: float = 0.3
    # 双方讨论了停火，以及北约的发展: a clause opening with one of these goes on with the list of
    # the clause before it, so an agenda word there still governs it (not 及时, 及早: masks)
    list_continuations: tuple[str, ...] = ()
    list_masks: tuple[str, ...] = ()

    @functools.cached_property
    def frames_denials(self) -> bool:
        """Some frame mutes denial words too (就X干预的问题进行讨论)."""
        return any(f.denials for f in self.frames)

    def continues_list(self, text: str, at: int) -> bool:
        """The clause at ``at`` opens with a list continuation (，以及Y), not with a mask (及时)."""
        words = self.list_continuations
        return bool(words) and text.startswith(words, at) and not text.startswith(self.list_masks, at)

    def adopts(self, cue: str) -> bool:
        """The cue agrees with a proposition (表示认同, 赞同): it makes the content the speaker's own."""
        return bool(cue) and any(w in cue for w in self.adopting_cues)

    @functools.cached_property
    def agenda_words(self) -> tuple[str, ...] | None:
        """The words of kind agenda (一贯主张, 讨论), for a quick test of a text's end; None when
        one has Latin letters (the matcher ignores their case: the test would not be exact)."""
        words = tuple(sorted(w for w, t in self.terms.items() if t.kind == "agenda"))
        return None if any(w.lower() != w.upper() for w in words) else words

    def tokens(self, text: str) -> list[Token]:
        out = []
        for start, end, word in self.matcher.scan(text):
            term = self.terms[word]
            quoted = self._scare_quoted(text, start, end) if term.kind == "favor" else ""
            if quoted:
                # 这样的“善意”: the word is cited to be disowned, not used: against, as strong
                out.append(Token(start, end, quoted, Term("against", -term.value - self.scare_weight)))
            elif term.kind != "neutral":
                out.append(Token(start, end, word, term))
        out = self._with_disowned(text, out)
        for spans in (self.sides, self.pressure):
            out = self._with_sides(text, out, spans)
        return self._with_blame(text, out)

    def _with_blame(self, text: str, toks: list[Token]) -> list[Token]:
        """这场冲突是由北约东扩引起的: a cleft naming the cause of a harm stated before it in the
        clause (an against or denial word) blames that cause; without a harm before the mark
        (这次停电是由故障造成的, no lexicon harm) it is a fact and nothing changes."""
        bl = self.blame
        if not bl.marks or not bl.closes or not bl.weight:
            return toks
        for close in bl.closes:
            at = text.find(close)
            while at >= 0:
                window = text[max(0, at - bl.reach - max(len(m) for m in bl.marks)) : at]
                lo = max((window.rfind(m) for m in bl.marks), default=-1)
                if lo >= 0:
                    lo += at - len(window)
                    hi = at + len(close)
                    breaks = [t.end for t in toks if t.term.kind == "break" and t.end <= lo]
                    start = max(breaks, default=0)
                    inside = [t for t in toks if lo <= t.start < hi]
                    harmed = any(t.term.kind in ("against", "denial") and start <= t.start < lo for t in toks)
                    broken = any(t.term.kind == "break" for t in inside)
                    if harmed and not broken:
                        toks = [t for t in toks if t not in inside]
                        toks.append(Token(lo, hi, text[lo:hi], Term("against", -bl.weight)))
                        toks.sort(key=lambda t: (t.start, t.end))
                at = text.find(close, at + len(close))
        return toks

    def _with_disowned(self, text: str, toks: list[Token]) -> list[Token]:
        """他们口中的“和平”: a quotation right after a disowning word, holding no polar word of
        its own, becomes one against unit over the quotation (the speaker mocks the other's term)."""
        if not self.disowned or not self.disown_openers:
            return toks
        for o, c in self.scare_quotes:
            at = text.find(o)
            while at >= 0:
                lo = at + len(o)
                hi = text.find(c, lo)
                if 0 < hi - lo <= self.disown_reach and text.endswith(self.disown_openers, 0, at):
                    inside = [t for t in toks if at <= t.start < hi + len(c)]
                    if not any(t.term.kind in POLAR for t in inside):
                        toks = [t for t in toks if t not in inside]
                        toks.append(Token(at, hi + len(c), text[at : hi + len(c)], Term("against", -self.disowned)))
                        toks.sort(key=lambda t: (t.start, t.end))
                at = text.find(o, max(hi, lo) if hi >= 0 else lo)
        return toks

    def _with_sides(self, text: str, toks: list[Token], sd: Sides) -> list[Token]:
        """站在X一边 (favor) / 加强对X的制裁 (against) as one unit over its whole span (the words
        inside it are the party, not verdicts); not across a clause break, nor around a mask
        (站在任何一方: no side)."""
        if not sd.opens or not sd.closes:
            return toks
        for o in sd.opens:
            at = text.find(o)
            while at >= 0:
                lo = at + len(o)
                window = text[lo : lo + sd.reach + max(len(c) for c in sd.closes)]
                best = min(((window.find(c), c) for c in sd.closes if window.find(c) >= 0), default=None)
                if best is not None:
                    hi = lo + best[0] + len(best[1])
                    inside = text[lo : lo + best[0]]
                    broken = any(t.term.kind == "break" and at <= t.start < hi for t in toks)
                    if not broken and not any(m in inside for m in sd.masks):
                        toks = [t for t in toks if t.end <= at or t.start >= hi]
                        value = sd.weight if sd.kind == "favor" else -sd.weight
                        toks.append(Token(at, hi, o + "…" + best[1], Term(sd.kind, value)))
                        toks.sort(key=lambda t: (t.start, t.end))
                at = text.find(o, at + len(o))
        return toks

    def _scare_quoted(self, text: str, start: int, end: int) -> str:
        """The word with its quotation marks when a demonstrative opens them (这样的“合作”), else ""."""
        for o, c in self.scare_quotes:
            if text.endswith(o, 0, start) and text.startswith(c, end) and text.endswith(self.scare_openers, 0, start - len(o)):
                return text[start - len(o) : end + len(c)]
        return ""

    def is_subject(self, text: str, pos: int) -> bool:
        """The word at ``pos`` follows a subject mark (X的承诺) in its clause, within ``subject_reach``."""
        window = text[max(0, pos - self.subject_reach - 1) : pos]
        for mark in self.subject_marks:
            at = window.rfind(mark)
            if at >= 0 and not any(ch in self.terms and self.terms[ch].kind == "break" for ch in window[at:]):
                return True
        return False


def _load_stance(raw: Mapping[str, Any], name: str = "stance.yaml") -> StanceModel:
    terms: dict[str, Term] = {}

    def add(word: str, term: Term) -> None:
        old = terms.get(word)
        if old is not None and old != term:
            raise ValueError(f"{name}: {word!r} is both {old.kind} and {term.kind}")
        terms[word] = term

    for word, w in _weighted(raw.get("favor")):
        add(word, Term("favor", w))
    for word, w in _weighted(raw.get("against")):
        add(word, Term("against", -w))
    for word, w in _weighted(raw.get("denial")):
        add(word, Term("denial", -w))
    for word, w in _weighted(raw.get("harms")):
        add(word, Term("harm", -w))
    for word, w in _weighted(raw.get("rhetorical")):
        add(word, Term("rhetorical", -w))
    for word, w in _weighted(raw.get("rhetorical_prohibitions")):
        add(word, Term("rhetorical_prohibit", -w))
    for word, w in _weighted(raw.get("dismissive")):
        add(word, Term("dismissive", -w))
    for word, w in _weighted(raw.get("desire")):
        add(word, Term("desire", w))
    for word, w in _weighted(raw.get("negators")):
        add(word, Term("negator", w))
    for word, w in _weighted(raw.get("emphatic_negators")):
        add(word, Term("emphatic", w))
    for word, w in _weighted(raw.get("intent_negators")):
        add(word, Term("intent", w))
    for word, w in _weighted(raw.get("prohibitions")):
        add(word, Term("prohibit", w))
    for word in _words(raw.get("post_negators")):
        add(word, Term("postneg", 0.0))
    # section -> token kind of the plain (weightless) word lists
    plain = {
        "hedges": "hedge",
        "closing_hedges": "closing_hedge",
        "agenda": "agenda",
        "neutral": "neutral",
        "contrast": "contrast",
        "concessive": "concessive",
        "conditional": "conditional",
        "prescriptive": "prescriptive",
        "tallies": "tally",  # 受访者, 票赞成: a vote or poll reported
        "purposes": "purpose",  # 旨在, 用于: the aim of an action
        "measures": "measure",  # 派遣, 提供: a concrete act of aid or deployment
        "forecasts": "forecast",  # 恐将, 可能会: what a party will do, as foreseen by a non-party
        "third_parties": "third",  # 民众, 领导人: whose attitude an outsider relays
    }
    for kind, name in plain.items():
        for word in _words(raw.get(kind)):
            add(word, Term(name, 0.0))
    scope = raw.get("scope") or {}
    breaks = frozenset(str(scope.get("clause_breaks", "，,；;。！!？?：:\n")))
    for ch in breaks:
        terms.setdefault(ch, Term("break", 0.0))
    cue_priors = {w: v for w, v in _weighted(raw.get("cue_priors"))}
    weights = raw.get("weights") or {}
    return StanceModel(
        terms=terms,
        matcher=Matcher(terms),
        max_gap=int(scope.get("max_gap", 10)),
        before_contrast=float(weights.get("before_contrast", 0.35)),
        concessive=float(weights.get("concessive", 0.35)),
        conditional=float(weights.get("conditional", 1.0)),
        reproach=float(weights.get("reproach", 0.0)),
        reproach_markers=frozenset(simp(str(w)) for w in raw.get("reproach_contrast") or ()),
        agenda_keeps=float(weights.get("agenda_keeps", 3.0)),
        prescription=float(weights.get("prescription", 1.0)),
        prescription_keeps=float(weights.get("prescription_keeps", 0.0)),
        demand=-abs(float(weights.get("demand", 2.5))),
        report_roles=frozenset(str(r) for r in raw.get("report_roles") or ()),
        report_margin=float(weights.get("report_margin", 0.0)),
        cue_priors=cue_priors,
        cue_matcher=Matcher(cue_priors),
        role_priors={str(k): float(v) for k, v in (raw.get("role_priors") or {}).items()},
        frames=tuple(_frame(f, float(weights.get("agenda_keeps", 3.0))) for f in raw.get("frames") or ()),
        names=_names(
            raw.get("names") or {},
            tuple((str(o), str(c)) for o, c in (raw.get("scare_quotes") or {}).get("pairs") or ()),
            (
                *_words((raw.get("scare_quotes") or {}).get("openers")),
                *_words((raw.get("scare_quotes") or {}).get("disown_openers")),
                *(w for w, _ in _weighted(raw.get("dismissive"))),
            ),
        ),
        events=_events(raw.get("events") or {}),
        purpose=float(weights.get("purpose", 0.0)),
        states=frozenset(_words((raw.get("states") or {}).get("words"))),
        state=float((raw.get("states") or {}).get("weight", 1.0)),
        state_keeps=tuple(_words((raw.get("states") or {}).get("keeps_with"))),
        outsider_types=frozenset(str(t) for t in (raw.get("outsiders") or {}).get("types") or ()),
        outsider_speakers=tuple(_words((raw.get("outsiders") or {}).get("speakers"))),
        subject_marks=tuple(_words((raw.get("subject") or {}).get("marks"))),
        subject_reach=int((raw.get("subject") or {}).get("reach", 0)),
        head_reach=int((raw.get("subject") or {}).get("head_reach", 0)),
        scare_quotes=tuple((str(o), str(c)) for o, c in (raw.get("scare_quotes") or {}).get("pairs") or ()),
        scare_openers=tuple(_words((raw.get("scare_quotes") or {}).get("openers"))),
        scare_weight=float((raw.get("scare_quotes") or {}).get("extra", 0.0)),
        disown_openers=tuple(_words((raw.get("scare_quotes") or {}).get("disown_openers"))),
        disowned=float((raw.get("scare_quotes") or {}).get("disowned", 0.0)),
        disown_reach=int((raw.get("scare_quotes") or {}).get("disown_reach", 0)),
        sides=_sides(raw.get("sides") or {}),
        pressure=_sides(raw.get("pressure") or {}, kind="against"),
        blame=_blame(raw.get("blame") or {}),
        adopting_cues=tuple(_words(raw.get("adopting_cues"))),
        adopted_prior=float(weights.get("adopted_prior", 0.3)),
        list_continuations=tuple(_words((raw.get("list_continuations") or {}).get("words"))),
        list_masks=tuple(_words((raw.get("list_continuations") or {}).get("masks"))),
    )


def _blame(raw: Mapping[str, Any]) -> Blame:
    """stance.yaml's ``blame``: marks, closes (words), reach and weight."""
    return Blame(
        marks=tuple(_words(raw.get("marks"))),
        closes=tuple(_words(raw.get("closes"))),
        reach=int(raw.get("reach", 0)),
        weight=float(raw.get("weight", 0.0)),
    )


def _sides(raw: Mapping[str, Any], kind: str = "favor") -> Sides:
    """stance.yaml's ``sides`` (or ``pressure``, kind against): opens, closes, masks (words),
    reach and weight."""
    return Sides(
        kind=kind,
        opens=tuple(_words(raw.get("opens"))),
        closes=tuple(_words(raw.get("closes"))),
        masks=tuple(_words(raw.get("masks"))),
        reach=int(raw.get("reach", 0)),
        weight=float(raw.get("weight", 0.0)),
    )


def _names(raw: Mapping[str, Any], quotes: tuple[tuple[str, str], ...] = (), unless: Iterable[str] = ()) -> Names:
    """stance.yaml's ``names``: heads, before, after (words) and keeps (a weight); the
    quotation ``quotes`` pairs (scare_quotes) whose content is a name (quote_heads), except
    after the ``unless`` words (scare and disown openers, dismissive words)."""
    heads = tuple(_words(raw.get("heads")))
    return Names(
        heads=heads,
        before=tuple(_words(raw.get("before"))),
        after=tuple(_words(raw.get("after"))),
        keeps=float(raw.get("keeps", 3.0)),
        numbers=bool(raw.get("numbers", False)),
        quotes=quotes,
        quote_heads=(*heads, *_words(raw.get("quote_heads"))) if raw.get("quote_heads") else (),
        quote_unless=tuple(unless),
        quote_reach=int(raw.get("quote_reach", 0)),
        quote_breaks=tuple(_words(raw.get("quote_breaks"))),
    )


def _events(raw: Mapping[str, Any]) -> Events:
    """stance.yaml's ``events``: acts, before, after (words)."""
    return Events(
        acts=frozenset(_words(raw.get("acts"))),
        before=tuple(_words(raw.get("before"))),
        after=tuple(_words(raw.get("after"))),
        subjects=tuple(_words(raw.get("subjects"))),
        outcomes=frozenset(_words(raw.get("outcomes"))),
    )


def _frame(raw: Mapping[str, Any], agenda_keeps: float) -> Frame:
    """One entry of stance.yaml's ``frames``; ``keeps: agenda`` is weights.agenda_keeps."""
    keeps = raw.get("keeps", 0)
    return Frame(
        marks=tuple(_words(raw.get("marks"))),
        masks=tuple(_words(raw.get("masks"))),
        heads=frozenset(simp(str(w)) for w in raw.get("heads") or ()),
        keeps=agenda_keeps if keeps == "agenda" else float(keeps),
        view_heads=tuple(_words(raw.get("view_heads"))),
        denials=bool(raw.get("denials", False)),
        word_marks=bool(raw.get("word_marks", False)),
        mutes_head=bool(raw.get("mutes_head", False)),
    )


def _parse_unit(toks: list[Token], i: int, max_gap: int) -> tuple[Unit | None, int]:
    """The unit starting at toks[i] and the index after it (recursive: 不是不愿意)."""
    tok = toks[i]
    kind = tok.term.kind
    if kind in POLAR:
        return Unit(tok.term.value, (tok.word,), denial=kind == "denial", pos=tok.start), i + 1
    if kind in ("rhetorical", "rhetorical_prohibit", "dismissive"):
        # 难道这是合作吗 / 难道这不是挑衅吗: the question asserts the opposite of what it asks;
        # 岂能施压 / 怎能叫合作: asking how one could do it forbids it, against either way;
        # 所谓的善意 / 所谓的威胁: the speaker disowns the word, against either way
        j = i + 1
        if j < len(toks) and toks[j].term.kind in GOVERNABLE and toks[j].start - tok.end <= max_gap:
            inner, k = _parse_unit(toks, j, max_gap)
            if inner is not None and inner.value != 0:
                sign = -1.0 if inner.value > 0 or kind != "rhetorical" else 1.0
                value = sign * max(abs(inner.value), abs(tok.term.value))
                return Unit(value, (tok.word, *inner.words), pos=tok.start), k
        return Unit(tok.term.value, (tok.word,), pos=tok.start), i + 1
    if kind == "harm":
        # 损害互信 / 阻碍和平: harming something good is against, as strongly as either word;
        # anything else after it (损害…的行为作出回应) is not its object
        j = i + 1
        if j < len(toks) and toks[j].term.kind == "favor" and toks[j].start - tok.end <= max_gap:
            value = -max(abs(tok.term.value), abs(toks[j].term.value))
            return Unit(value, (tok.word, toks[j].word), pos=tok.start), j + 1
        return Unit(tok.term.value, (tok.word,), pos=tok.start), i + 1
    if kind not in (*NEGATORS, "desire"):
        return None, i + 1
    j = i + 1
    if j < len(toks) and toks[j].term.kind in GOVERNABLE and toks[j].start - tok.end <= max_gap:
        inner, k = _parse_unit(toks, j, max_gap)
        if inner is not None and inner.value != 0:
            if kind == "desire":
                sign = 1.0 if inner.value > 0 else -1.0
                value = sign * max(abs(tok.term.value), abs(inner.value))
                return Unit(value, (tok.word, *inner.words), inner.denial, tok.start), k
            if kind == "prohibit":
                # 不得破坏 / 不能低估 / 不要干预: forbidding is a warning, against either way
                return Unit(-abs(inner.value), (tok.word, *inner.words), inner.denial, tok.start), k
            if inner.denial and inner.value < 0 and kind in ("negator", "emphatic"):
                # 没有干涉 / 停止攻击 / 不应遇袭: a denial, a demand or a warning: still against;
                # an intent negator (不会干涉, 无意开战) renounces the act: flips like any word
                return Unit(inner.value, (tok.word, *inner.words), True, tok.start), k
            value = -inner.value
            if tok.term.value * value > 0:
                # 难以改善: a negator that is against alone is at least as against with its object
                value = max(abs(value), abs(tok.term.value)) * (1.0 if value > 0 else -1.0)
            return Unit(value, (tok.word, *inner.words), pos=tok.start), k
    if tok.term.value == 0:
        return None, i + 1
    return Unit(tok.term.value, (tok.word,), denial=kind == "emphatic", pos=tok.start), i + 1


def _negated_head(model: StanceModel, text: str, clause: list[Token], i: int, unit: Unit | None) -> tuple[Unit | None, int]:
    """看不到美方有改善关系的意愿: a negator whose object modifies a favor noun (…的意愿) denies
    the whole noun phrase, its head too: one against unit, not a flipped modifier plus a bare
    favor head. The head follows a subject mark (的) within ``model.head_reach`` characters."""
    if unit is None or unit.value >= 0 or len(unit.words) < 2 or i >= len(clause) or i == 0:
        return unit, i
    first = model.terms.get(unit.words[0])
    head = clause[i]
    if first is None or first.kind not in NEGATORS or head.term.kind != "favor":
        return unit, i
    between = text[clause[i - 1].end : head.start]
    # the mark may be followed by a short modifier (的真正意愿): head_reach bounds the gap
    if len(between) > model.head_reach or not any(m in between for m in model.subject_marks):
        return unit, i
    value = -max(abs(unit.value), abs(head.term.value))
    return Unit(value, (*unit.words, head.word), unit.denial, unit.pos), i + 1


@dataclass
class StanceResult:
    label: str
    confidence: float
    evidence: list[str]
    score: float
    prior: float = 0.0  # the cue's signed prior (0 for attitude cues, read as content)
    deciding_pos: int = -1  # offset in the claim text of the strongest deciding word
    denial_only: bool = False  # decided by negated accusations only (没有干涉): a rebuttal
    signals: dict[str, float] = field(default_factory=dict)  # the lexicon's evidence by class (learned model)


def _signals(
    model: StanceModel, units: list[tuple[Unit, float]], hedges: list[str], prior: float, demand: bool, reported: bool
) -> dict[str, float]:
    """The lexicon's evidence as classes, not words (features of the learned model that carry
    over to other outlets): per construction and sign the number of units (favor word, negated
    word, desire + object, prohibition, harm + good, denial), whether the unit was discounted
    (contrast, concession, prescription), which neutralising words occurred, the cue prior."""
    out: dict[str, float] = {}
    for unit, weight in units:
        kind = model.terms[unit.words[0]].kind if unit.words[0] in model.terms else "word"
        if len(unit.words) == 1 and kind in ("favor", "against"):
            kind = "word"
        sign = "+" if unit.value > 0 else "-"
        key = f"u:{kind}:{sign}" + (":weak" if weight < 1 else "")
        out[key] = out.get(key, 0.0) + 1.0
        strong = f"u:{sign}:{min(3, round(abs(unit.value)))}"
        out[strong] = out.get(strong, 0.0) + 1.0
    for word in dict.fromkeys(hedges):
        out[f"h:{model.terms[word].kind if word in model.terms else 'hedge'}"] = 1.0
    if prior:
        out["prior:" + ("+" if prior > 0 else "-")] = min(3.0, abs(prior)) / 3.0
    if demand:
        out["demand"] = 1.0
    if reported:
        out["reported"] = 1.0
    return out


def _content_units(
    model: StanceModel,
    text: str,
    reported: frozenset[int] = frozenset(),
    addressed: bool = False,
    parties: frozenset[int] = frozenset(),
    outsider: bool = False,
) -> tuple[list[tuple[Unit, float]], list[str]]:
    """Units of the text with their weights (contrast, concession, hedges), and hedge words.
    ``reported``: offsets of desire verbs that report a third party's wish (not counted).
    ``addressed``: the claim makes a demand of a party; otherwise a prescription (必须/应该 +
    goal, 不得 + act) states a principle or a plan and counts ``model.prescription``.
    ``parties``: offsets of the parties of another side named in the text (a hardship word in
    a claim naming none describes a state of affairs). ``outsider``: the speaker is no
    party (a media outlet, an analyst): a forecast word (恐将, 可能会) hedges its clause."""
    toks = model.tokens(text)
    # clauses: split at breaks; segments: split at contrast markers
    segments: list[list[list[Token]]] = [[[]]]
    openers: list[Token | None] = [None]  # the contrast marker opening each segment
    bounds: list[tuple[int, int]] = []  # text span of each clause, in order
    lo = 0
    for tok in toks:
        kind = tok.term.kind
        if kind == "break":
            segments[-1].append([])
        elif kind == "contrast":
            segments.append([[]])
            openers.append(tok)
        else:
            segments[-1][-1].append(tok)
            continue
        bounds.append((lo, tok.start))
        lo = tok.end
    bounds.append((lo, len(text)))
    clause_span = iter(bounds)
    quoted: list[tuple[int, int]] | None = None  # the text's quoted names, found at its first clause
    hedges: list[str] = []
    seg_units: list[list[tuple[Unit, float]]] = []
    prev_hi = 0
    for clauses in segments:
        units: list[tuple[Unit, float]] = []
        measured = False  # 派出医疗队，确保…: a concrete measure taken earlier in the sentence
        provided: set[int] = set()  # offsets right after a measure word: its object (提供(了)协助)
        closing = [t.word for clause in clauses for t in clause if t.term.kind == "closing_hedge"]
        if closing:
            # 成果如何，则见仁见智: the verdict is withheld for the whole segment
            hedges.extend(closing)
            seg_units.append([])
            for _ in clauses:
                next(clause_span)
            continue
        agenda_before = False  # the clause before this one listed an agenda (讨论了X，以及Y)
        for clause in clauses:
            # 就合作协议进行磋商 / 对中俄合作感到忧虑: what is discussed or felt is no verdict
            lo, hi = next(clause_span)
            if SENTENCE_ENDS.search(text, prev_hi, lo):
                measured = False  # a measure's purpose does not run past its sentence
            prev_hi = hi
            # a frame mutes only plain polar words: a clause with none needs no frame looked for
            if any(t.term.kind in FRAME_MUTED_KINDS or (t.term.kind == "denial" and model.frames_denials) for t in clause):
                present = frozenset(w for t in clause for w in (t.word, t.term.kind))
                muted = set().union(*(f.muted(text, lo, hi, clause, present) for f in model.frames))
            else:
                muted = set()
            if clause and quoted is None:
                quoted = model.names.quoted_names(text)  # the same for every clause of the text
            muted |= model.names.muted(text, clause, quoted)  # 合作项目, 这次袭击: names, not verdicts
            events = model.events.muted(text, clause, outsider, lo)  # 已同意, 接受了: an act reported, no verdict
            hedges.extend(events.values())
            muted |= set(events)
            if muted:
                clause = [t for k, t in enumerate(clause) if k not in muted]
            if not outsider:
                # a party's own 可能会 or 民众: its warning, plan or view, read as if unmarked
                clause = [t for t in clause if t.term.kind not in OUTSIDER_KINDS]
            kinds = {t.term.kind for t in clause}
            # 虽然X / 如果X: a conceded or supposed clause is not what the speaker asserts
            factor = model.concessive if "concessive" in kinds else model.conditional if "conditional" in kinds else 1.0
            hedged = False
            # 讨论了X，以及Y: a clause going on with the list of an agenda clause is on the agenda too
            agenda = agenda_before and bool(clause) and model.continues_list(text, lo)
            # 局势十分严峻 / 艰难的决定: no party in the claim, no relation nor cause in the
            # clause (这样的举动只会让局势更加复杂 blames the act): a state of affairs
            judged: bool | None = None  # found on first need: most clauses hold no state word
            # 任何让步都必须由X作出: the modal prescribes its whole clause, subject included
            prescribed = not addressed and any(t.term.kind in ("prescriptive", "prohibit", "purpose") for t in clause)
            purposed = False  # 旨在确保X / 用于改善Y: after it, X is the aim of an action, no verdict
            clause_start = len(units)
            i = 0
            while i < len(clause):
                kind = clause[i].term.kind
                if kind == "postneg":
                    # 互信已不复存在: flips the unit right before it in the clause
                    if len(units) > clause_start:
                        prev, f = units.pop()
                        flipped = -prev.value if not prev.denial else prev.value
                        units.append((Unit(flipped, (*prev.words, clause[i].word), pos=prev.pos), f))
                    i += 1
                    continue
                if kind == "prescriptive":
                    if prescribed:
                        hedges.append(clause[i].word)  # shown when the claim ends neutral
                    i += 1
                    continue
                if kind in ("purpose", "measure"):
                    if not addressed:
                        purposed |= kind == "purpose"
                        measured |= kind == "measure"
                        end = clause[i].end
                        # 提供协助 / 提供了契机: what the measure gives is an offer, not its purpose
                        provided |= {end, *(end + len(a) for a in model.events.after if text.startswith(a, end))}
                        hedges.append(clause[i].word)
                    i += 1
                    continue
                if kind in ("hedge", "agenda", "tally", "forecast", "third"):
                    # 百分之六十的受访者支持X: a tally reports others' attitudes, like a hedge;
                    # 分析人士认为，X可能会…: a forecast of a party's act, no verdict on it;
                    # 报道称，当地民众热烈欢迎…: an outlet relays a group's attitude, not its own
                    hedged |= kind in ("hedge", "tally", "forecast", "third")
                    agenda |= kind == "agenda"
                    hedges.append(clause[i].word)
                    i += 1
                    continue
                unit, i = _parse_unit(clause, i, model.max_gap)
                unit, i = _negated_head(model, text, clause, i, unit)
                if unit is None or unit.value == 0 or hedged or unit.pos in reported:
                    continue
                if agenda and abs(unit.value) < model.agenda_keeps:
                    continue  # 讨论合作/冲突: a topic being listed, not an evaluation
                # 任何方案都必须维护X / 不得削弱Y with nobody asked: a principle, weakly evaluative
                kept = model.prescription_keeps and abs(unit.value) >= model.prescription_keeps
                weight = factor * (model.prescription if prescribed and not kept else 1.0)
                if unit.value > 0 and (purposed or (measured and unit.pos not in provided)):
                    weight = factor * model.purpose  # the good an action aims at is its plan, not praise
                if len(unit.words) == 1 and unit.words[0] in model.states:
                    if judged is None:
                        judged = bool(parties) or any(text.find(w, lo, hi) >= 0 for w in model.state_keeps)
                    if not judged:
                        weight *= model.state  # 局势严峻: describes how things stand, judges no one
                if weight:
                    units.append((unit, weight))
            units[clause_start:] = _overruled_subjects(model, text, units[clause_start:])
            agenda_before = agenda
        seg_units.append(units)
    reproach = openers[-1]
    if (
        reproach is not None
        and reproach.word in model.reproach_markers
        and not seg_units[-1]
        and any(u.value > 0 for units in seg_units[:-1] for u, _ in units)
    ):
        # 一再承诺不支持X，却不断向Y出售武器: a factual Y after 却 belies the favor before it
        seg_units[-1] = [(Unit(-model.reproach, (reproach.word,), pos=reproach.start), 1.0)]
    polar = [k for k, units in enumerate(seg_units) if units]
    if not polar:
        return [], hedges
    last = polar[-1]  # X，但Y: the last evaluative segment decides; a factual Y changes nothing
    weighted = []
    for k in polar:
        seg_w = 1.0 if k == last else model.before_contrast
        weighted.extend((u, f * seg_w) for u, f in seg_units[k])
    return weighted, hedges


def _overruled_subjects(model: StanceModel, text: str, units: list[tuple[Unit, float]]) -> list[tuple[Unit, float]]:
    """伊朗的承诺无法令人信服 / 双方的分歧得到解决: a polar noun after a subject mark (X的) is
    what the clause evaluates; a later unit of the opposite sign in the clause is the verdict,
    so the noun is left out. With no opposite verdict after it, it counts as before."""
    if not model.subject_marks or len(units) < 2:
        return units
    keep = []
    for k, (unit, w) in enumerate(units):
        subject = len(unit.words) == 1 and model.is_subject(text, unit.pos)
        if subject and any((later.value > 0) != (unit.value > 0) for later, _ in units[k + 1 :]):
            continue
        keep.append((unit, w))
    return keep


# cue roles that carry an attitude: after a third party's name they report that party's
# attitude (特朗普批评…, 普京否认…, 美国担心…), not the speaker's own
ATTITUDE_ROLES = frozenset({"accusation", "endorse", "desire", "opinion"})


_ATTITUDE_VERBS: dict[int, tuple[dict[str, str], tuple[str, ...]]] = {}


def _attitude_verbs(relay_cues: dict[str, str]) -> tuple[str, ...]:
    """The relay cues of ATTITUDE_ROLES, listed once per knowledge base, not once per claim
    (keyed by the dict's identity, which the entry keeps alive so it cannot be reused)."""
    entry = _ATTITUDE_VERBS.get(id(relay_cues))
    if entry is None or entry[0] is not relay_cues:
        entry = _ATTITUDE_VERBS[id(relay_cues)] = (relay_cues, tuple(c for c, r in relay_cues.items() if r in ATTITUDE_ROLES))
    return entry[1]


def reported_attitudes(rules: TargetRules, text: str, speaker: str) -> list[int]:
    """Offsets of attitude verbs (cues.tsv roles ``ATTITUDE_ROLES``) whose subject is a
    party of another side than the speaker: 官员说，特朗普批评… reports 特朗普's attitude.
    The speaker's own side (俄外长 relaying 普京否认…) states the speaker's view too."""
    own = rules.entity_country.get(speaker, "") or speaker
    verbs: tuple[str, ...] = ()  # listed on first need: most texts name no third party
    out = []
    for m in rules.mentions(text, speaker):
        side = rules.entity_country.get(m.entity, "") or m.entity
        if m.entity == speaker or side == own:
            continue
        at = m.end
        for _ in range(2):  # 普京总统已否认: up to two words in between
            gap = next((w for w in rules.relay_gap if text.startswith(w, at)), "") if text.startswith(rules.relay_gap, at) else ""
            at += len(gap)
        if not verbs:
            verbs = _attitude_verbs(rules.relay_cues)
        if text.startswith(verbs, at):  # any verb: the order does not matter
            out.append(at)
            continue
        # 普京对会谈结果感到满意: the attitude closing 对… is the party's, reported; the
        # speaker's unit starts at the attitude word or at the negator before it (并不满意)
        word = attitude_of(rules, text, m)
        if word >= 0:
            out.extend(range(at, word + 1))
    return out


def _cue_prior(model: StanceModel, cue: str, role: str) -> tuple[float, str]:
    if not cue:
        return 0.0, ""
    if cue in model.cue_priors:
        return model.cue_priors[cue], cue
    found = [(model.cue_priors[w], w) for _, _, w in model.cue_matcher.scan(cue)]
    if found:
        return max(found, key=lambda x: (abs(x[0]), x[1]))
    value = model.role_priors.get(role, 0.0)
    return value, (cue if value else "")


def _agenda_ending(model: StanceModel, lead: str) -> str:
    """The agenda word (stance.yaml ``agenda``: 一贯主张, 讨论) that ``lead`` ends with, else ""."""
    lead = lead.rstrip()
    if model.agenda_words is not None and not lead.endswith(model.agenda_words):
        return ""  # most leads (表示, 说): no scan needed, no agenda word can end there
    for _start, end, word in model.matcher.scan(lead):
        if end == len(lead) and model.terms[word].kind == "agenda":
            return word
    return ""


def _opens_with_negator(model: StanceModel, unit: Unit) -> bool:
    """没有干涉 / 从未插手: a negator that denies; a prohibition (不能勒索) warns, and an
    intent negator (不会干涉) renounces: neither is a rebuttal."""
    term = model.terms.get(unit.words[0])
    return term is not None and term.kind in ("negator", "emphatic")


def _prior_evidence(word: str) -> str:
    if word.startswith("demand:"):
        return "demand" if word == f"demand:{UNNAMED}" else word
    return f"cue:{word}"


def classify_stance(
    model: StanceModel,
    text: str,
    cue: str = "",
    cue_role: str = "",
    neutral_margin: float = 0.5,
    demand_of: str = "",
    reported: Iterable[int] = (),
    lead: str = "",
    parties: Iterable[int] = (),
    outsider: bool = False,
) -> StanceResult:
    """Stance of a claim's Simplified text; ``cue`` is the Simplified cue word.

    ``demand_of``: the party a demand or appeal in the claim is aimed at (呼吁X…, X应…):
    the demand counts as a strong prior against it, whatever the words asked for.
    ``reported``: offsets in ``text`` of desire verbs whose subject is a third party.
    ``lead``: the Simplified words between the speaker and the claim (the cue and its object).
    ``parties``: offsets in ``text`` of the parties of another side than the speaker's.
    ``outsider``: the speaker is no party (an outlet, an analyst): its forecasts are no verdicts
    and the outcomes it reports of the parties (两国取得进展) are events.
    """
    prior, prior_word = (0.0, "")
    offset = 0
    if cue_role == "opinion":
        # an attitude verb is part of the proposition: 希望 + X, 担心 + X, 满意 + X
        prefix = cue.split("，")[-1].split(",")[-1]
        text, offset = prefix + text, len(prefix)
    else:
        prior, prior_word = _cue_prior(model, cue, cue_role)
        # 中方一贯主张｜通过对话解决: a lead ending in an agenda word (a standing position recited)
        # governs the content as it would inside it; a cue that is itself one (谈到, 提到) only
        # introduces what is said
        recital = _agenda_ending(model, lead)
        recital = "" if recital == cue else recital
        text, offset = recital + text, len(recital)
    if demand_of:
        prior, prior_word = min(prior, 0.0) + model.demand, f"demand:{demand_of}"
    reported_at = frozenset(p + offset for p in reported)
    parties_at = frozenset(p + offset for p in parties)
    units, hedges = _content_units(
        model, text, reported_at, addressed=bool(demand_of), parties=parties_at, outsider=outsider
    )
    signals = _signals(model, units, hedges, prior, bool(demand_of), bool(reported_at))
    pos = sum(u.value * w for u, w in units if u.value > 0)
    neg = -sum(u.value * w for u, w in units if u.value < 0)
    content = pos - neg
    if prior > 0 and content < 0 and model.adopts(cue):
        # 认同X的说法，即Y阻碍了和平: agreeing adopts the accusation, the content decides
        score = content + model.adopted_prior * prior
    elif prior and content and (prior > 0) != (content > 0) and abs(prior) >= 2:
        # 指责X支持Y: the speech act governs; the content names what is accused or praised
        score = prior + 0.3 * content
    else:
        score = prior + content
    if cue_role in model.report_roles:
        # 据X报道: an outlet's report of facts is neutral unless its own words are strong
        neutral_margin = max(neutral_margin, model.report_margin)
    if score >= neutral_margin:
        label = FAVOR
    elif score <= -neutral_margin:
        label = AGAINST
    else:
        label = NEUTRAL
    if label == NEUTRAL:
        # nothing evaluative (a report), a hedge, or favor and against cancelling out
        evidence = [f"{h} → neutral" for h in dict.fromkeys(hedges)]
        if pos + neg + abs(prior) == 0:
            conf = 0.65 if hedges else 0.6
        else:
            evidence += [u.evidence() for u, _ in units] + ([_prior_evidence(prior_word)] if prior_word else [])
            conf = 0.4
        return StanceResult(label, conf, list(dict.fromkeys(evidence)), round(score, 3), prior, signals=signals)
    sign = 1 if label == FAVOR else -1
    deciding = [(u, w) for u, w in units if (u.value > 0) == (sign > 0)]
    deciding.sort(key=lambda uw: -abs(uw[0].value * uw[1]))
    evidence = list(dict.fromkeys(u.evidence() for u, _ in deciding))
    if prior_word and (prior > 0) == (sign > 0):
        evidence.append(_prior_evidence(prior_word))
    total = pos + neg + abs(prior)
    agreement = abs(score) / total if total else 0.0
    strength = min(1.0, abs(score) / 3.0)
    conf = 0.5 + 0.45 * agreement * strength
    pos_first = deciding[0][0].pos - offset if deciding else -1
    # a rebuttal is a negated accusation (没有干涉); an attempt or support of a wrongdoing
    # (试图欺骗, 支持网络攻击) carries the denial word too but is itself an accusation
    denial_only = bool(deciding) and all(
        u.denial and _opens_with_negator(model, u) and (len(u.words) > 1 or model.terms[u.words[0]].kind == "emphatic")
        for u, _ in deciding
    )
    return StanceResult(
        label, round(min(conf, 0.95), 3), evidence, round(score, 3), prior, max(pos_first, -1), denial_only, signals
    )


# ---------------------------------------------------------------- the classifier


@dataclass(frozen=True)
class Classifier:
    topics: TopicModel
    stance: StanceModel
    targets: TargetRules
    fingerprint: str
    labels: dict[str, str] = field(default_factory=dict)  # topic id -> display label
    learned: LearnedStance | None = None


def beat_dir(models_dir: str | Path, beat: str) -> Path:
    """models/beats/<beat>/: one topic taxonomy and its optional lexicon additions."""
    path = Path(models_dir) / "beats" / beat
    if not (path / "topics.yaml").is_file():
        known = sorted(p.name for p in (Path(models_dir) / "beats").glob("*") if (p / "topics.yaml").is_file())
        raise ValueError(f"unknown beat {beat!r}: no {path / 'topics.yaml'} (beats: {', '.join(known) or 'none'})")
    return path


def _merged_stance(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The beat's stance.yaml adds words to the shared lexicon, section by section."""
    out: dict[str, Any] = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(value, Mapping) and isinstance(old, Mapping):
            merged = dict(old)
            for k, v in value.items():
                prev = merged.get(k)
                merged[k] = [*prev, *v] if isinstance(prev, list) and isinstance(v, list) else v
            out[key] = merged
        elif isinstance(value, list) and isinstance(old, list):
            out[key] = [*old, *value]
        else:
            out[key] = value
    return out


@lru_cache(maxsize=8)
def load_classifier(models_dir: str | Path = DEFAULT_MODELS, beat: str = DEFAULT_BEAT) -> Classifier:
    """Reads the beat's topics.yaml, stance.yaml (shared, plus the beat's additions),
    the registry and the learned stance weights once per process."""
    models = Path(models_dir)
    bdir = beat_dir(models, beat)
    files = [
        bdir / "topics.yaml",
        bdir / "stance.yaml",
        bdir / "speakers.yaml",
        models / "stance.yaml",
        models / TARGET_FILE,
        models / "speakers.yaml",
        models / LEARNED_FILE,
    ]
    digest = hashlib.sha256(beat.encode())
    # speakers.yaml too: its aliases tell which side a mention is on, and who a target is
    for p in files:
        if p.exists():
            digest.update(str(p.relative_to(models)).encode())
            digest.update(p.read_bytes())
    stance_raw = read_yaml(models / "stance.yaml") or {}
    if (bdir / "stance.yaml").exists():
        stance_raw = _merged_stance(stance_raw, read_yaml(bdir / "stance.yaml") or {})
    lex = load_lexicons(models) if (models / "speakers.yaml").exists() else None
    # target.yaml holds the target rules; a `target` section of stance.yaml adds to them
    target_raw = _merged_stance(stance_raw.get("target") or {}, _read_optional(models / TARGET_FILE))
    targets = load_target_rules(target_raw, lex, _beat_registry(bdir))
    learned_path = models / LEARNED_FILE
    return Classifier(
        topics=_load_topics(bdir / "topics.yaml", models),
        stance=_load_stance(stance_raw, "stance.yaml"),
        targets=targets,
        fingerprint=digest.hexdigest()[:16],
        labels=_topic_labels(bdir / "topics.yaml"),
        learned=load_learned(learned_path) if learned_path.exists() else None,
    )


def _read_optional(path: Path) -> dict[str, Any]:
    return (read_yaml(path) or {}) if path.exists() else {}


def _beat_registry(bdir: Path) -> dict[str, tuple[str, str, str]]:
    """The beat's own registry additions: alias -> (entity id, type, country)."""
    path = bdir / "speakers.yaml"
    if not path.exists():
        return {}
    entities, aliases, _ = load_registry(path)
    return {a: (e, entities[e].type, entities[e].country) for a, e in aliases.items()}


def _topic_labels(path: Path) -> dict[str, str]:
    raw = read_yaml(path) or {}
    return {
        str(t): str((spec or {}).get("label") or t) if isinstance(spec, Mapping) else str(t)
        for t, spec in (raw.get("topics") or {}).items()
    }


def topic_labels(models_dir: str | Path = DEFAULT_MODELS, beat: str = DEFAULT_BEAT) -> dict[str, str]:
    """Topic id -> Chinese display label of a beat (the id itself where none is given)."""
    return _topic_labels(beat_dir(models_dir, beat) / "topics.yaml")


def _normalised(scores: Mapping[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {t: s / top for t, s in scores.items()} if top > 0 else {}


def _best(scores: Mapping[str, float], order: Mapping[str, int]) -> list[str]:
    return sorted((t for t, s in scores.items() if s > 0), key=lambda t: (-scores[t], order[t]))


@dataclass
class _ClaimTopics:
    own: dict[str, float]
    evidence: dict[str, list[str]]


def _own_topics(
    clf: Classifier, claim: Mapping[str, Any], text_s: str, off_beat: bool = False, sense: str = ""
) -> _ClaimTopics:
    model = clf.topics
    own, evidence, sides = model.analyse(text_s, off_beat, sense)
    speaker = str(claim.get("speaker") or "")
    speaker_side = model.speaker_side(speaker)
    if speaker_side is not None:
        sides.add(speaker_side)
    # a third country's political voice (Kyiv naming Washington and Moscow) speaks of its
    # own issue; media of any country report on the relationship itself
    third_party = speaker_side is None and speaker in model.third_party_voices
    if model.side_topic and model.side_weight and len(sides) == 2 and not third_party:
        own[model.side_topic] = own.get(model.side_topic, 0.0) + model.side_weight
        evidence.setdefault(model.side_topic, []).append("both sides")
    if third_party:
        _own_issue_of_voice(model, speaker, own, evidence)
    if model.another_pair(text_s):
        model.redirect_frame(own, evidence, model.frame_topic)
    return _ClaimTopics(own, evidence)


def _own_issue_of_voice(model: TopicModel, speaker: str, own: dict[str, float], evidence: dict[str, list[str]]) -> None:
    """Kyiv's voices speak of the war: a third country whose own affairs are a topic of the beat
    (voices.countries) adds that topic (the one its name defines) at voices.weight, a typical
    word, so a defining word of the claim (制裁, 北约) still outranks it."""
    country = model.entity_country.get(speaker, "")
    if not model.voice_weight or country not in model.voice_countries:
        return
    for topic, weight in model.keywords.get(country) or ():
        if weight >= model.central_weight and own.get(topic, 0.0) < model.voice_weight:
            own[topic] = model.voice_weight
            evidence.setdefault(topic, []).append(f"speaker:{country}")


def _neighbours(claims: list[Mapping[str, Any]], text: str) -> list[list[int]]:
    """Indices of the previous and next claim in the same paragraph, per claim."""
    order = sorted(range(len(claims)), key=lambda i: (claims[i].get("start", 0), claims[i].get("end", 0), i))
    result: list[list[int]] = [[] for _ in claims]
    for a, b in itertools.pairwise(order):
        gap = text[claims[a].get("end", 0) : claims[b].get("start", 0)] if text else ""
        if "\n" not in gap:
            result[a].append(b)
            result[b].append(a)
    return result


def _text_simplified(claim: Mapping[str, Any], text_simplified: str) -> str:
    if claim.get("text_simplified"):
        return str(claim["text_simplified"])
    start, end = claim.get("start"), claim.get("end")
    if text_simplified and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        return text_simplified[start:end]
    return simp(str(claim.get("text", "")))


Context = tuple[dict[str, float], dict[str, float], dict[str, list[str]]]  # (normalised, raw, keywords)


def classify_document(
    claims: list[dict],
    document: Mapping[str, Any],
    text_simplified: str,
    headline: str,
    clf: Classifier,
    cfg: ClassifyConfig,
) -> list[dict]:
    """Copies of ``claims`` with topics, topic_evidence, stance, stance_confidence, stance_evidence."""
    model = clf.topics
    order = {t: i for i, t in enumerate(model.ids)}
    texts = [_text_simplified(c, text_simplified) for c in claims]
    off_beat = False  # no sentence of the article names both sides: it is not about the beat
    if claims and ((model.frame_needs_sides and model.frame_topic) or model.actors):
        doc_text = text_simplified or simp(str(document.get("text") or ""))
        off_beat = not model.sides_meet(doc_text) and not model.sides_meet(simp(headline or ""))
    # the claim's words and its sentence's topic lead (关于制裁，X说，…) name its matter
    sentences_s = {s: simp(s) for s in dict.fromkeys(str(c.get("sentence") or "") for c in claims)}  # once per sentence
    leads = [model.lead_of(sentences_s[str(c.get("sentence") or "")], t) for c, t in zip(claims, texts, strict=True)]
    topic_texts = [f"{lead}。{t}" if lead else t for lead, t in zip(leads, texts, strict=True)]
    own = [_own_topics(clf, c, t, off_beat) for c, t in zip(claims, topic_texts, strict=True)]
    # 两国关系 in a China-US article is not the beat's relationship (US-Russia)
    no_frame = model.frame_topic if off_beat and model.frame_needs_sides else ""  # for contexts too
    for ct in own:
        model.redirect_frame(ct.own, ct.evidence, no_frame)

    def context_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
        raw, ev = model.scores(text, off_beat)
        model.redirect_frame(raw, ev, model.frame_topic if model.another_pair(text) else no_frame)
        return raw, ev

    document_scores: dict[str, float] = {}
    for ct in own:
        for t, s in _normalised(ct.own).items():
            document_scores[t] = document_scores.get(t, 0.0) + s
    document_ctx = _normalised(document_scores)
    headline_raw, headline_ev = context_scores(headline or "")
    # a headline naming only a meeting: the talks are about what the article says they
    # discussed; when it says nothing of it, about the claims' dominant issue, as under a
    # headline of no topic word (off the beat a meeting, 中美元首通话, is another pair's)
    if not off_beat and model.meeting_only(simp(headline or "")):
        body = text_simplified or simp(str(document.get("text") or ""))
        topic, words, several = model.discussed(simp(headline or "") + "\n" + body)
        issue = _Issue(topic, tuple(f"discussed:{w}" for w in words))
        if not topic and not several:
            issue = _article_issue(model, {}, {}, document_scores, order)
        issue = dataclasses.replace(issue, of_meeting=True) if issue.topic else issue
    else:
        issue = _article_issue(model, headline_raw, headline_ev, document_scores, order)
    if issue.topic:  # the article's issue picks the sense of a word several topics list
        own = [
            _own_topics(clf, c, t, off_beat, issue.topic) if model.ambiguous(t) else ct
            for c, t, ct in zip(claims, topic_texts, own, strict=True)
        ]
        for ct in own:
            model.redirect_frame(ct.own, ct.evidence, no_frame)
    fixed: dict[str, Context] = {
        "document": (document_ctx, document_ctx, {}),
        "headline": (_normalised(headline_raw), headline_raw, headline_ev),
    }
    neighbours = _neighbours(claims, str(document.get("text") or ""))
    sentence_cache: dict[str, tuple[dict[str, float], dict[str, list[str]]]] = {}
    cue_cache: dict[str, str] = {}
    # role phrases in claims (美国总统) name their holder in the document's year, as extraction reads them
    date = str(document.get("date") or "")
    targets = clf.targets.for_date(date)

    def contexts_of(idx: int) -> dict[str, Context]:
        ct = own[idx]
        sentence = str(claims[idx].get("sentence") or "")
        if sentence not in sentence_cache:  # claims of one sentence share its scan
            sentence_cache[sentence] = context_scores(sentences_s[sentence])
        sent_raw, sent_ev = sentence_cache[sentence]
        # the sentence outside the claim (approximate under repeat_factor; enough for context)
        sent_only = {t: s - ct.own.get(t, 0.0) for t, s in sent_raw.items() if s - ct.own.get(t, 0.0) > 0}
        neigh_raw: dict[str, float] = {}
        neigh_ev: dict[str, list[str]] = {}
        for j in neighbours[idx]:
            for t, s in own[j].own.items():
                neigh_raw[t] = neigh_raw.get(t, 0.0) + s
                neigh_ev.setdefault(t, []).extend(own[j].evidence.get(t, []))
        question = model.question_before(text_simplified, int(claims[idx].get("start") or 0)) if text_simplified else ""
        q_raw, q_ev = context_scores(question) if question else ({}, {})
        return {
            "sentence": (_normalised(sent_only), sent_only, sent_ev),
            "neighbour": (_normalised(neigh_raw), neigh_raw, neigh_ev),
            "question": (_normalised(q_raw), q_raw, q_ev),
            **fixed,
        }

    decided: dict[int, tuple[list[str], list[str]]] = {}
    previous = -1
    # in reading order: a claim that points back (此事) needs its predecessor's decision
    for idx in sorted(range(len(claims)), key=lambda i: (claims[i].get("start", 0), claims[i].get("end", 0), i)):
        qualified = _qualified(model, own[idx], cfg)
        # context is read only when it can change the answer: no own topic, or a near-tie
        contexts = contexts_of(idx) if _needs_context(model, qualified) else {}
        topics, topic_evidence = _rank_topics(model, own[idx], qualified, contexts, order, cfg, issue)
        topics, topic_evidence = _frame_defers(model, own[idx], qualified, issue, topics, topic_evidence, contexts)
        if off_beat:
            topics, topic_evidence = _typical_defers_off_beat(model, qualified, issue, topics, topic_evidence)
        if previous >= 0 and _generic(model, own[idx], qualified):
            same_speaker = str(claims[idx].get("speaker") or "") == str(claims[previous].get("speaker") or "")
            anaphor = model.points_back(texts[idx])
            near = contexts or contexts_of(idx)
            # 我会处理此事 answers its question: the question, not the previous answer, names the matter
            if anaphor and same_speaker and not near["sentence"][1] and not near["question"][1]:
                noun = model.anaphor_noun(texts[idx], anaphor)
                topics, topic_evidence = _follows_previous(model, decided[previous][0], anaphor, topics, topic_evidence, noun)
        elif issue.topic and not issue.of_meeting and topics[0] != issue.topic:
            topics, topic_evidence = _anaphoric_subject(model, texts[idx], issue, topics, topic_evidence)
        decided[idx] = (topics[: max(1, cfg.max_topics)], topic_evidence)
        previous = idx

    rows = []
    for idx, claim in enumerate(claims):
        topics, topic_evidence = decided[idx]
        cue = str(claim.get("cue") or "")
        if cue not in cue_cache:
            cue_cache[cue] = simp(cue)
        role = str(claim.get("cue_role") or "")
        speaker = str(claim.get("speaker") or "")
        lead = _lead(claim, text_simplified)
        demand = find_demand(targets, texts[idx], lead, cue_cache[cue], speaker)
        stance = lexicon_stance(clf, texts[idx], cue_cache[cue], role, speaker, cfg.neutral_margin, demand, targets, lead)
        stance = _choose_stance(clf, cfg, stance, texts[idx], cue_cache[cue], role)
        target = decide_target(
            targets,
            texts[idx],
            lead,
            speaker,
            stance.label,
            cue_prior=stance.prior,
            denial_only=stance.denial_only,
            deciding_pos=stance.deciding_pos,
            demand_of=demand,
            cue=cue_cache[cue],
            document=text_simplified,
            start=int(claim.get("start") or 0),
        )
        row = dict(claim)
        row.update(
            target=target,
            topics=topics,
            topic_evidence=topic_evidence,
            stance=stance.label,
            stance_confidence=stance.confidence,
            stance_evidence=stance.evidence,
        )
        rows.append(row)
    return rows


def lexicon_stance(
    clf: Classifier,
    text: str,
    cue: str,
    role: str,
    speaker: str,
    margin: float,
    demand_of: str,
    targets: TargetRules | None = None,
    lead: str = "",
) -> StanceResult:
    """The lexicon's stance of one claim (Simplified text and cue), with the wishes and
    attitudes it only reports of third parties left out; ``demand_of`` from
    :func:`pipeline.target.find_demand`; ``targets``: the rules for the document's year
    (default: undated); ``lead``: the words between speaker and claim. Training
    (train_stance) sees the same decision."""
    targets = targets or clf.targets
    reported = [*reported_desires(targets, text, speaker), *reported_attitudes(targets, text, speaker)]
    own = targets.entity_country.get(speaker, "") or speaker
    parties = [
        m.start
        for m in targets.mentions(text, speaker)
        if m.entity != speaker and (targets.entity_country.get(m.entity, "") or m.entity) != own
    ]
    # an outlet or an analyst foresees and reports; a party (an official, named or not) warns or plans
    outsider = targets.entity_type.get(speaker, "") in clf.stance.outsider_types or any(
        w in speaker for w in clf.stance.outsider_speakers
    )
    return classify_stance(
        clf.stance, text, cue, role, margin, demand_of=demand_of, reported=reported, lead=lead,
        parties=parties, outsider=outsider,
    )


def _lead(claim: Mapping[str, Any], text_simplified: str) -> str:
    """The Simplified words between the speaker and the claim: the cue and its object
    (批评俄罗斯说…, 向普京表明…). Empty when the speaker is not right before the claim."""
    s_end, start = claim.get("speaker_end"), claim.get("start")
    if not text_simplified or not isinstance(s_end, int) or not isinstance(start, int):
        return ""
    if s_end < 0 or s_end > start or start - s_end > LEAD_CHARS:
        return ""
    return text_simplified[s_end:start]


def _choose_stance(clf: Classifier, cfg: ClassifyConfig, lexicon: StanceResult, text: str, cue: str, role: str) -> StanceResult:
    """``classify.stance_model``: the lexicon's decision, the learned model's, or both
    (the lexicon where its evidence is strong, the learned model elsewhere)."""
    if cfg.stance_model == "lexicon" or clf.learned is None:
        if cfg.stance_model != "lexicon" and clf.learned is None:
            raise ValueError(f"classify.stance_model={cfg.stance_model}: no models/{LEARNED_FILE}; run train-stance")
        return lexicon
    if cfg.stance_model not in ("learned", "combined"):
        raise ValueError(f"classify.stance_model must be lexicon, learned or combined, not {cfg.stance_model!r}")
    if cfg.stance_model == "combined" and abs(lexicon.score) >= cfg.lexicon_strong:
        return lexicon
    feats = stance_features(text, role, lexicon, clf.learned.char_order)
    label, prob, evidence = clf.learned.predict(feats)
    if label == lexicon.label:
        evidence = [*lexicon.evidence, *evidence]
    return StanceResult(
        label,
        round(prob, 3),
        evidence,
        lexicon.score,
        lexicon.prior,
        lexicon.deciding_pos if label == lexicon.label else -1,
        lexicon.denial_only and label == lexicon.label,
    )


def _qualified(model: TopicModel, ct: _ClaimTopics, cfg: ClassifyConfig) -> dict[str, float]:
    """The claim's own topic scores that count, after the frame discount."""
    own = dict(ct.own)
    frame = model.frame_topic
    if frame in own and any(s >= model.frame_issue_score for t, s in own.items() if t != frame):
        own[frame] *= model.frame_factor  # a named issue is more central than "the summit"
    return {t: s for t, s in own.items() if s >= cfg.min_topic_score}


@dataclass(frozen=True)
class _Issue:
    """The issue an article is about (ukraine, sanctions…), or none: "" when it is about the
    frame itself, about nothing in particular, or about the fallback."""

    topic: str = ""
    evidence: tuple[str, ...] = ()
    # the headline names only a meeting: the issue is what the talks were about, and a claim
    # that names the meeting in words of its own (通话富有成效) speaks of what the headline is
    # about; one that only names both sides (莫斯科向华盛顿做姿态) takes the issue
    of_meeting: bool = False


def _article_issue(
    model: TopicModel,
    headline_raw: Mapping[str, float],
    headline_ev: Mapping[str, list[str]],
    document: Mapping[str, float],
    order: Mapping[str, int],
) -> _Issue:
    """The headline states the article's issue: its best topic once the frame is discounted
    as in a claim (美俄完成冷战结束以来人数最多的一次换囚: the prisoners, not the cold war). A headline
    naming only the relationship (美俄关系能否回暖), or an issue only by a typical word (芬兰 of a
    summit in Helsinki), gives no issue. A headline without any topic word (or none at all)
    leaves it to the dominant topic of the document's claims (the frame discounted in the same
    way), unless that is the frame."""
    keep = (model.frame_topic, model.fallback, model.frame_elsewhere)
    head = dict(headline_raw)
    frame = model.frame_topic
    if frame in head and any(s >= model.frame_issue_score for t, s in head.items() if t != frame):
        head[frame] *= model.frame_factor
    best = _best(head, order)
    if best:  # a headline with a topic word speaks for its article
        if best[0] in keep or headline_raw[best[0]] < model.headline_issue_score:
            return _Issue()
        return _Issue(best[0], tuple(f"headline:{w}" for w in headline_ev.get(best[0], [])))
    doc = dict(document)
    if model.frame_topic in doc and len(doc) > 1:  # the frame discounted as in a claim
        doc[model.frame_topic] *= model.frame_factor
    best = _best(doc, order)
    if not best or best[0] in keep:
        return _Issue()
    return _Issue(best[0], (f"document:{best[0]}",))


def _frame_defers(
    model: TopicModel,
    ct: _ClaimTopics,
    qualified: Mapping[str, float],
    issue: _Issue,
    topics: list[str],
    evidence: list[str],
    contexts: Mapping[str, Context] | None = None,
) -> tuple[list[str], list[str]]:
    """A claim whose only topic is the frame, on generic words (会谈, both sides), speaks of
    the issue its article is about: peace talks in a Ukraine article are about Ukraine. So do
    the frame's words said of another pair (双方, 两国 in a China-US trade story: `elsewhere`), and
    a claim of no topic word that would inherit the frame from generic words around it (相信最终能
    达成协议 in a sentence on the talks): its sentence and neighbours name the frame below
    `defers_below`."""
    if not qualified and issue.topic and topics and topics[0] == model.frame_topic and contexts:
        near = max(contexts.get(name, ({}, {}, {}))[1].get(model.frame_topic, 0.0) for name in ("sentence", "neighbour"))
        if near < model.frame_defers_below:
            return [issue.topic, *(t for t in topics if t != issue.topic)], [*issue.evidence, *evidence]
        return topics, evidence
    if not qualified or not issue.topic or not _generic(model, ct, qualified):
        return topics, evidence
    if issue.of_meeting and any(w != "both sides" for w in ct.evidence.get(model.frame_topic, [])):
        return topics, evidence  # 通话富有成效 under 普京与特朗普通话: the meeting itself
    return [issue.topic, *qualified], [*issue.evidence, *evidence]


def _typical_defers_off_beat(
    model: TopicModel, qualified: Mapping[str, float], issue: _Issue, topics: list[str], evidence: list[str]
) -> tuple[list[str], list[str]]:
    """Off the beat, a claim that names a beat topic only by a typical word (获释 of hostages in
    a Gaza story, 核查 of inspectors in Iran, 条约 of a Russia-North Korea pact) speaks of its
    article's issue: those words are typical of the beat's own news, not defining. A defining
    word of its own (台湾, 关税, 朝鲜) keeps the claim's topic."""
    if not issue.topic or not qualified or topics[0] == issue.topic:
        return topics, evidence
    if max(qualified.values()) >= model.off_beat_defers_below:
        return topics, evidence
    return [issue.topic, *(t for t in topics if t != issue.topic)], [*issue.evidence, *evidence]


def _generic(model: TopicModel, ct: _ClaimTopics, qualified: Mapping[str, float]) -> bool:
    """No topic word of its own, or only the frame's generic words (会谈, both sides, 两国)."""
    if not qualified:
        return True
    if len(qualified) != 1:
        return False
    (topic, score), = qualified.items()
    if score >= model.frame_defers_below:
        return False
    return topic == model.frame_topic or (topic == model.frame_elsewhere and model.frame_words(ct.evidence.get(topic, [])))


def _follows_previous(
    model: TopicModel, before: list[str], anaphor: str, topics: list[str], evidence: list[str], noun: set[str] | None = None
) -> tuple[list[str], list[str]]:
    """他表示，这一问题关系到全世界的安全: a generic claim that points back continues the matter of
    its speaker's previous claim (the nuclear treaty of the paragraph before), whatever the
    article's issue; the topics it had otherwise follow. An anaphor whose noun names another
    matter (这场战争 after a claim on the summit) points past that claim: it keeps its topics."""
    topic = before[0] if before else ""
    if not topic or topic == model.fallback or (noun and topic not in noun):
        return topics, evidence
    return [topic, *(t for t in topics if t != topic)], [f"previous:{topic}", anaphor, *evidence]


def _anaphoric_subject(
    model: TopicModel, text: str, issue: _Issue, topics: list[str], evidence: list[str]
) -> tuple[list[str], list[str]]:
    """这一提议不附带任何条件，包括乌克兰问题: a claim whose subject points back (it opens with
    the anaphor, by a noun of no topic: 提议, 做法, 决定) speaks of the matter its article is
    about (the treaty of the headline); the other issue it names in passing follows."""
    anaphor = next((a for a in model.anaphora if text.lstrip().startswith(a)), "")
    if not anaphor or model.anaphor_noun(text, anaphor):
        return topics, evidence
    return [issue.topic, *(t for t in topics if t != issue.topic)], [*issue.evidence, anaphor, *evidence]


def _needs_context(model: TopicModel, qualified: Mapping[str, float]) -> bool:
    if not qualified:
        return True
    top = sorted(qualified.values(), reverse=True)
    return len(top) > 1 and top[0] - top[1] <= sum(model.context.values())


def _rank_topics(
    model: TopicModel,
    ct: _ClaimTopics,
    qualified: Mapping[str, float],
    contexts: Mapping[str, Context],
    order: Mapping[str, int],
    cfg: ClassifyConfig,
    issue: _Issue = _Issue(),
) -> tuple[list[str], list[str]]:
    """Own keywords rank; context breaks ties; with no own keyword, inherit from context.

    The document's part of an inheritance goes to the article's issue when it has one, not
    to the frame that every claim naming both sides adds to (此事 in a sanctions story)."""
    if qualified:
        total = dict(qualified)
        for name, (norm, _, _) in contexts.items():
            for t in qualified:
                total[t] += model.context.get(name, 0.0) * norm.get(t, 0.0)
        ranked = _best(total, order)
        first = ranked[0]
        floor = model.secondary_ratio * qualified[first] - 1e-9
        topics = [first] + [t for t in ranked[1:] if qualified[t] >= floor]
        topics = topics[: max(1, cfg.max_topics)]
        evidence = [w for t in topics for w in ct.evidence.get(t, [])]
        return topics, list(dict.fromkeys(evidence))
    inherited: dict[str, float] = {}
    for name, weight in model.inherit.items():
        norm, raw, _ = contexts.get(name, ({}, {}, {}))
        scores = raw if name in ("sentence", "neighbour", "question") else norm
        if name == "document" and issue.topic:
            scores = {t: s for t, s in norm.items() if t != model.frame_topic}
            scores[issue.topic] = 1.0
        for t, s in scores.items():
            inherited[t] = inherited.get(t, 0.0) + weight * s
    ranked = _best(inherited, order)
    if not ranked:
        return [model.fallback], []
    first = ranked[0]
    evidence = [
        f"{name}:{w}" for name in model.inherit for w in dict.fromkeys(contexts.get(name, ({}, {}, {}))[2].get(first, []))
    ]
    if first == issue.topic:
        evidence = list(dict.fromkeys([*evidence, *issue.evidence]))
    return [first], evidence or [f"document:{first}"]
