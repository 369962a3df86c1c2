"""Whom a claim is aimed at: the ``target`` column, decided after the stance.

The spec's rule (spec/claims.md, Stance, *Target*): the party the claim praises,
criticises, accuses, warns or makes a demand of, named in the claim's text or as
the object of its cue (批评X…, 向X表明…, 敦促X…), and the person whose words or
views the claim relays (拜登称普京不希望… → 普京). Empty for assessments of a
meeting or of the relationship, for plans and facts, for denials that do not name
the accuser; never the speaker itself.

So the decision follows the stance: a neutral claim only keeps a relayed person;
a favourable one keeps the object of a praising cue or a relayed person; an
opposing one looks, in order, at the cue's object, a demand's addressee
(呼吁X…, X应…), a relayed person, the party named next to the deciding word,
and the first party named. Denials (没有干涉) keep only a named accuser.

Entities come from the registry (``speakers.yaml`` aliases, Simplified); a match
inside a longer transliterated word (克里 in 克里米亚) is no mention. The words
that mark objects, demands and relays live in ``stance.yaml`` (section
``target``) and ``cues.tsv``. Pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.lexicons import Lexicons, simp, trie_pattern

# cue roles whose verb, right after a name, relays that party's words or views
RELAY_ROLES = frozenset({"speech", "opinion", "desire", "endorse", "accusation"})
LEAD_CHARS = 30  # how far before the claim the cue and its object are looked for
UNNAMED = "*"  # find_demand: a demand whose addressee is not a registry entity
PROHIBITION_REACH = 8  # an appeal's prohibition (不要, 停止) opens its content
CLAUSE_BREAKS = "，,；;。！!？?：:\n"
RECENT_TEXTS = 8  # TargetRules.mentions remembers this many texts (one claim's, not the document's)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class TargetRules:
    """The ``target`` section of stance.yaml plus the registry, compiled."""

    alias_regex: re.Pattern | None
    aliases: dict[str, str]  # Simplified alias -> entity id
    entity_country: dict[str, str]
    entity_type: dict[str, str]
    transliteration: frozenset[str]
    object_cues: tuple[str, ...]  # 批评X, 敦促X: the entity right after the cue is its object
    prepositions: tuple[str, ...]  # 向X表明, 对X表示: the entity right after is the addressee
    demand_before: tuple[str, ...]  # 呼吁X…, 要求X…, 驱逐X的…: X follows
    demand_after: tuple[str, ...]  # X应…, X必须…, X别再…: X precedes
    not_object_after: tuple[str, ...]  # 对X来说 / 对X而言: X is a point of view, not an object
    relay_cues: dict[str, str]  # cue word -> role (cues.tsv)
    relay_gap: tuple[str, ...]  # words allowed between a name and its relay verb (总统, 已, 也)
    appeal_cues: tuple[str, ...] = ()  # 呼吁/敦促/要求 as the cue: the party the content opens with is asked
    desire_verbs: tuple[str, ...] = ()  # 希望/期望 right after a third party: its attitude, reported
    prohibitions: tuple[str, ...] = ()  # 不要/停止 opening an appeal's content
    # the last few texts scanned: one claim's text and lead are each scanned by several
    # decisions (demand, reported desires, target) in a row
    _recent: dict[str, tuple[Mention, ...]] = field(default_factory=dict, compare=False, repr=False)

    def mentions(self, text: str) -> list[Mention]:
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            found = self._recent[text] = tuple(self._scan(text))
        return list(found)

    def _scan(self, text: str) -> list[Mention]:
        if self.alias_regex is None or not text:
            return []
        out = []
        for m in self.alias_regex.finditer(text):
            word = m.group()
            if self._inside_longer_word(text, m.start(), m.end(), word):
                continue
            out.append(Mention(m.start(), m.end(), self.aliases[word]))
        return out

    def _inside_longer_word(self, text: str, start: int, end: int, word: str) -> bool:
        """克里 in 克里米亚: a transliterated name glued to more transliteration characters."""
        if not all(ch in self.transliteration for ch in word):
            return False
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        return (after in self.transliteration and after != "") or (before in self.transliteration and before != "")


def load_target_rules(
    raw: Mapping[str, Any] | None,
    lex: Lexicons | None,
    extra: Mapping[str, tuple[str, str, str]] | None = None,
) -> TargetRules:
    """``extra``: a beat's registry additions, alias -> (entity id, type, country)."""
    raw = raw or {}

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted({simp(str(w)).strip() for w in raw.get(key) or []}, key=lambda w: (-len(w), w)))

    aliases: dict[str, str] = {}
    entity_country: dict[str, str] = {}
    entity_type: dict[str, str] = {}
    relay_cues: dict[str, str] = {}
    translit: frozenset[str] = frozenset()
    if lex is not None:
        # Chinese aliases of two characters or more: 俄 alone or Latin US would match inside words
        aliases = {a: e for a, e in lex.aliases.items() if len(a) > 1 and not a.isascii()}
        entity_country = {eid: e.country for eid, e in lex.entities.items()}
        entity_type = {eid: e.type for eid, e in lex.entities.items()}
        relay_cues = {c: r for c, r in lex.cues.items() if r in RELAY_ROLES}
        translit = lex.transliteration_chars
    # a beat knows its own parties better than the general registry: its aliases win
    # (民进党当局 is 台湾 in general, the party 民进党 in the china_us beat)
    for alias, (eid, etype, country) in (extra or {}).items():
        if len(alias) > 1 and not alias.isascii():
            aliases[alias] = eid
            entity_country.setdefault(eid, country)
            entity_type.setdefault(eid, etype)
    regex = re.compile(trie_pattern(sorted(aliases))) if aliases else None
    return TargetRules(
        alias_regex=regex,
        aliases=aliases,
        entity_country=entity_country,
        entity_type=entity_type,
        transliteration=translit,
        object_cues=words("object_cues"),
        prepositions=words("prepositions"),
        demand_before=words("demand_before"),
        demand_after=words("demand_after"),
        not_object_after=words("not_object_after"),
        relay_cues=relay_cues,
        relay_gap=words("relay_gap"),
        appeal_cues=words("appeal_cues"),
        desire_verbs=words("reported_desire"),
        prohibitions=words("prohibitions"),
    )


def _eligible(rules: TargetRules, entity: str, speaker: str) -> bool:
    """Never the speaker, nor the speaker's own country or its institutions (美方 for 白宫)."""
    if not entity or entity == speaker:
        return False
    own = rules.entity_country.get(speaker, "") or speaker
    if entity == own:
        return False
    return not (rules.entity_type.get(entity) in ("country", "institution") and rules.entity_country.get(entity) == own)


def _ends_with_any(text: str, words: tuple[str, ...]) -> bool:
    return text.endswith(words)  # str.endswith tries a tuple's words in C


def _starts_with_any(text: str, words: tuple[str, ...]) -> str:
    if not text.startswith(words):  # the usual case, decided in C; the loop only finds which word
        return ""
    for w in words:
        if text.startswith(w):
            return w
    return ""


def _object_of(rules: TargetRules, text: str, mentions: list[Mention], markers: tuple[str, ...]) -> Mention | None:
    """The first mention that directly follows one of ``markers`` (批评X, 向X, 呼吁X)."""
    for m in mentions:
        if _ends_with_any(text[: m.start], markers):
            if _starts_with_any(text[m.end :], rules.not_object_after):
                continue
            return m
    return None


def _relayed(rules: TargetRules, text: str, mentions: list[Mention]) -> Mention | None:
    """普京重申…, 拜登称普京不希望…: a name directly followed by its own speech or attitude verb."""
    for m in mentions:
        rest = text[m.end :]
        for _ in range(2):  # 普京总统已表明: up to two words in between
            rest = rest[len(_starts_with_any(rest, rules.relay_gap)) :]
        if _starts_with_any(rest, tuple(rules.relay_cues)):
            return m
    return None


def find_demand(rules: TargetRules, text: str, lead: str, cue: str, speaker: str) -> str:
    """The party a demand or appeal is aimed at, or "": 呼吁X撤军, 要求X停止…, X应当收回…,
    X别再阻挠…, and a cue 呼吁/敦促 whose content opens with the party (呼吁｜俄罗斯撤军)."""
    in_text = [m for m in rules.mentions(text) if _eligible(rules, m.entity, speaker)]
    for found in (_object_of(rules, text, in_text, rules.demand_before), _demand_subject(rules, text, in_text)):
        if found:
            return found.entity
    if cue and any(w in cue for w in rules.appeal_cues):
        in_lead = [m for m in rules.mentions(lead) if _eligible(rules, m.entity, speaker)]
        obj = _object_of(rules, lead, in_lead, rules.appeal_cues)
        if obj:
            return obj.entity
        opening = [m for m in in_text if m.start <= 2]
        if opening:
            return opening[0].entity
        # 呼吁｜两国不要让…: an appeal to refrain is a demand even when the party is unnamed
        head = text[:PROHIBITION_REACH]
        if any(w in head for w in rules.prohibitions):
            return UNNAMED
    return ""


def reported_desires(rules: TargetRules, text: str, speaker: str) -> list[int]:
    """Offsets of desire verbs whose subject is a named third party (普京希望…, 美国希望…):
    the speaker reports that party's wish; it is not the speaker's own attitude."""
    out = []
    for m in rules.mentions(text):
        if not _eligible(rules, m.entity, speaker):
            continue  # the speaker's own side states its own wish
        rest = text[m.end :]
        gap = _starts_with_any(rest, rules.relay_gap)
        verb = _starts_with_any(rest[len(gap) :], rules.desire_verbs)
        if verb:
            out.append(m.end + len(gap))
    return out


def _demand_subject(rules: TargetRules, text: str, mentions: list[Mention]) -> Mention | None:
    """X应当收回…, X别再阻挠…: a name directly followed by a modal of obligation."""
    for m in mentions:
        if _starts_with_any(text[m.end :], rules.demand_after):
            return m
    return None


def _near(mentions: list[Mention], text: str, pos: int) -> Mention | None:
    """The party named in the clause of the deciding word: the first one before it (the
    clause's subject, the actor: 俄罗斯对乌克兰实施入侵 → 俄罗斯), else the first after."""
    if pos < 0:
        return None
    lo = max((text.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS), default=-1)
    hi_candidates = [i for i in (text.find(ch, pos) for ch in CLAUSE_BREAKS) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    before = [m for m in mentions if lo < m.start and m.end <= pos]
    if before:
        return before[0]
    after = [m for m in mentions if m.start >= pos and m.end <= hi]
    return after[0] if after else None


def decide_target(
    rules: TargetRules,
    text: str,
    lead: str,
    speaker: str,
    stance: str,
    cue_prior: float = 0.0,
    denial_only: bool = False,
    deciding_pos: int = -1,
    demand_of: str = "",
) -> str:
    """Target of one claim.

    ``text``: the claim in Simplified script; ``lead``: the Simplified words between
    the speaker and the claim (cue and cue object); ``stance``: the decided label;
    ``cue_prior``: the cue's signed prior; ``denial_only``: the deciding evidence is a
    negated accusation (没有干涉); ``deciding_pos``: offset in ``text`` of the
    strongest deciding word, or -1.
    """
    in_text = [m for m in rules.mentions(text) if _eligible(rules, m.entity, speaker)]
    in_lead = [m for m in rules.mentions(lead) if _eligible(rules, m.entity, speaker)]
    cue_object = _object_of(rules, lead, in_lead, (*rules.object_cues, *rules.prepositions))
    relayed = _relayed(rules, text, in_text)
    if stance == "neutral":
        return relayed.entity if relayed else ""
    if stance == "favor":
        # 赞扬X / 恭喜X: praise has an object; a praising cue aims at whom its content names
        praised = _object_of(rules, text, in_text, rules.object_cues)
        if cue_object and cue_prior > 0:
            return cue_object.entity
        if praised:
            return praised.entity
        return relayed.entity if relayed else ""
    # against
    if demand_of and demand_of != UNNAMED:
        return demand_of
    verb_object = _object_of(rules, lead, in_lead, rules.object_cues)  # 批评X说…
    if verb_object:
        return verb_object.entity
    if denial_only:
        return cue_object.entity if cue_object else ""  # a denial names no accuser unless the cue does
    # the party the content itself names comes before the cue's addressee (向X强调…)
    for found in (
        _near(in_text, text, deciding_pos),
        relayed,
        cue_object,
    ):
        if found:
            return found.entity
    return in_text[0].entity if in_text else ""
