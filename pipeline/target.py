"""Whom a claim is aimed at: the ``target`` column, decided after the stance.

The spec's rule (spec/claims.md, Stance, *Target*): the party the claim praises,
criticises, accuses, warns or makes a demand of, named in the claim's text or as
the object of its cue (批评X…, 向X表明…, 敦促X…), and the person whose words or
views the claim relays (拜登称普京不希望… → 普京). Empty for assessments of a
meeting or of the relationship, for plans and facts, for denials that do not name
the accuser; never the speaker itself.

So the decision follows the stance: a neutral claim only keeps a relayed party
(its speech, wish or ascribed motive: 普京重申…, 特朗普正试图…; or its words as a
noun: 普京的提议); a favourable one keeps the object of a praising cue, a relayed
party or the person a verdict is predicated of (拜登是…的伙伴); an opposing one looks,
in order, at a demand's addressee (呼吁X…, X应…), the cue's object, the party next
to the deciding word (the subject of its clause, carried over from the clause before
when none or a pronoun stands there; the possessor of a deciding noun: X官员的威胁), a
relayed party, and the first party named. Issues (伊朗问题), places (在X), addressees
(向X表明) and two leaders together (特朗普与普京的会晤) are not actors. Denials
(没有干涉, 否认…) keep only a named accuser. Role phrases (美国总统) name their holder
in the document's year.

Entities come from the registry (``speakers.yaml`` aliases, Simplified); a match
inside a longer transliterated word (克里 in 克里米亚) is no mention. The words
that mark objects, demands and relays live in ``target.yaml`` and ``stance.yaml``
(section ``target``, added to the same lists) and ``cues.tsv``. Pure and deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from pipeline.lexicons import Lexicons, LiteralScanner, RoleHolder, day_number, resolve_role, simp
from pipeline.normalize import QUOTE_OPENERS

# cue roles whose verb, right after a name, relays that party's words or views
RELAY_ROLES = frozenset({"speech", "opinion", "desire", "endorse", "accusation"})
TARGET_FILE = "target.yaml"  # models/: the target rules (stance.yaml's `target` section adds to them)
LEAD_CHARS = 30  # how far before the claim the cue and its object are looked for
UNNAMED = "*"  # find_demand: a demand whose addressee is not a registry entity
PROHIBITION_REACH = 8  # an appeal's prohibition (不要, 停止) opens its content
CLAUSE_BREAKS = "，,；;。！!？?：:\n"
SENTENCE_BREAKS = "。！!？?\n"
RECENT_TEXTS = 8  # TargetRules.mentions remembers this many texts (one claim's, not the document's)
ACROSS = "<across>"  # the entity of a word naming the speaker's opposite side (对岸), resolved per speaker


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class TargetRules:
    """The ``target`` section of stance.yaml plus the registry, compiled."""

    alias_scanner: LiteralScanner
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
    view_nouns: tuple[str, ...] = ()  # X的说法 / X关于…的提议: X's words, relayed
    view_links: tuple[str, ...] = ()  # 关于/就/有关: X关于Y的说法 (the 的 comes later)
    view_reach: int = 0  # the longest X关于…的 before its view noun
    possessive: str = ""  # 的: X的说法
    denial_cues: tuple[str, ...] = ()  # 否认: its content is the accusation; the accuser is not named
    parties: frozenset[str] = frozenset()  # political parties: their country's side only to themselves
    subject_pronouns: tuple[str, ...] = ()  # 它/他们 opening a clause: the subject carried over
    pronoun_masks: tuple[str, ...] = ()  # 其他: no pronoun inside
    place_marks: tuple[str, ...] = ()  # 在X: X is where, not who
    place_nouns: tuple[str, ...] = ()  # X境内, X战场: X names a place, not who
    passive_marks: tuple[str, ...] = ()  # X被Y…: X undergoes the act, Y (after the mark) does it
    attitude_links: tuple[str, ...] = ()  # X对Y感到满意: the mark opening what X's attitude is about
    attitude_words: tuple[str, ...] = ()  # ... and the attitude words that close it (满意, 失望)
    victim_marks: tuple[str, ...] = ()  # 干涉X: X is the one acted on, not the actor
    recipient_marks: tuple[str, ...] = ()  # 交给X: X receives, it does not act
    meeting_verbs: tuple[str, ...] = ()  # 与X举行: X is a partner of a meeting, not its object
    speech_prepositions: tuple[str, ...] = ()  # 向X/跟X: the cue's addressee only before a speech verb
    ascribed_verbs: tuple[str, ...] = ()  # 试图/企图 after a party: a motive ascribed to it
    predicate_verbs: tuple[str, ...] = ()  # X是…/X表现出…: a favourable verdict on person X
    issue_nouns: tuple[str, ...] = ()  # 伊朗问题, 乌克兰局势: an issue, not a party
    coordinators: tuple[str, ...] = ()  # 特朗普与普京: the registry's coordinators
    hope_demands: tuple[str, ...] = ()  # 我们期待X履行…: the speaker's hope that X act, a demand on X
    hope_shared: tuple[str, ...] = ()  # 希望X继续/一道…: right after X, a good shared or continued, no demand
    hope_acts: tuple[str, ...] = ()  # 履行/停止/撤出: what a hope must ask of X to be a demand
    hope_partners: tuple[str, ...] = ()  # 与/同: before the partner of the relations a hope goes on to
    hope_relations: tuple[str, ...] = ()  # 对话/关系: a hope that goes on to better relations prescribes them
    agent_titles: frozenset[str] = frozenset()  # 美国官员的威胁: titles between a party and 的
    giver_heads: tuple[str, ...] = ()  # 美国人民的支持: nouns between a party and 的 (besides titles)
    given_nouns: tuple[str, ...] = ()  # ... and what it gave, after 的: 支持, 帮助, 慷慨
    stand_with: tuple[str, ...] = ()  # 与乌克兰站在一起: right after the party whose side is taken
    role_verbs: tuple[str, ...] = ()  # 德国是…伙伴 / 沙特发挥了…作用: a party's role, predicated
    role_nouns: tuple[str, ...] = ()  # ... closed in the same clause by one of these
    report_nouns: tuple[str, ...] = ()  # 有关X…的报道: X is what the report is about
    across_sides: tuple[str, ...] = ()  # 对岸: of two sides, the one the speaker is not on
    frame_openers: tuple[str, ...] = ()  # 普京在声明中表示 / 以书面方式作出回应: a frame between a party and its verb
    frame_closers: tuple[str, ...] = ()  # ... closed by one of these (中, 时, 方式) right before the verb
    disposal_marks: tuple[str, ...] = ()  # 特朗普已将停火列为…: the party's verb after its object
    view_verbs: tuple[str, ...] = ()  # 发表讲话, 作出回应: a light verb, then (within view_verb_reach) a view noun
    view_verb_reach: int = 0
    favor_objects: tuple[str, ...] = ()  # 支援乌克兰: in a favourable claim, the party backed right after
    concessives: tuple[str, ...] = ()  # 尽管X担心…，但…: a party relayed in the conceded half is not the target
    third_person: tuple[str, ...] = ()  # 他, 她: a person named before the claim
    second_person: tuple[str, ...] = ()  # 你/你们 inside a claim: the party the cue addresses
    group_nouns: tuple[str, ...] = ()  # 委内瑞拉反对派: a group within the party named before it
    other_side: tuple[str, ...] = ()  # 对方 inside a claim: like 你, the party spoken to or of
    pronoun_chars: int = 0  # how far before the claim a 你/对方 with no addressee looks for its party
    pronoun_sentences: int = 0  # ... within this many sentences (the claim's own and the ones before)
    fact_predicates: tuple[str, ...] = ()  # 是: of a country, a statement of facts rather than a verdict
    hope_modals: tuple[str, ...] = ()  # 希望X能够…: the party a favourable hope is about
    give_verbs: tuple[str, ...] = ()  # X提供协助: the party that gives help (given_nouns)

    partial_max_len: int = 2  # _inside_longer_word: names this short can be fragments (克里)
    partial_run: int = 2  # ... when glued to this many transliteration characters (米亚)
    officeholders: frozenset[str] = frozenset()  # persons holding a role: a country speaker's own voice

    roles: Mapping[str, tuple[RoleHolder, ...]] = field(default_factory=dict)  # role -> holders
    year: int | None = None  # the document's year, which resolves roles (for_year)
    day: int | None = None  # its day (YYYYMMDD) when the date has one: a year of transition needs it
    leader_words: tuple[str, ...] = ()  # 日本领导人: a country's leader, the holder of one of leader_roles
    leader_roles: tuple[str, ...] = ()  # 总统, 首相, 总理: tried in order after the country's name

    @cached_property  # read for every mention of every claim: joined once per rules object
    def relaying_verbs(self) -> tuple[str, ...]:
        """Verbs that, right after a party, relay its words, wishes or motives."""
        return (*self.relay_cues, *self.desire_verbs, *self.ascribed_verbs)

    @cached_property
    def cue_object_marks(self) -> tuple[str, ...]:
        """批评X说…, 对X表示…, 对于X的挑衅…: the words after which X is the cue's object; 向X/跟X
        only when a speech verb follows (向X表明), so those prepositions are left out:
        表示，向X提供… is content misread as the cue's object."""
        directed = tuple(p for p in self.prepositions if p not in self.speech_prepositions)
        return (*self.object_cues, *directed)

    def for_year(self, year: int | None, day: int | None = None) -> TargetRules:
        """These rules reading role phrases (美国总统, 俄外长) as their holder in ``year``, or
        on ``day`` (YYYYMMDD) when the document's date has one."""
        return self if (year, day) == (self.year, self.day) else replace(self, year=year, day=day)

    def for_date(self, date: str) -> TargetRules:
        """:meth:`for_year` for a document's date as written (2025, 2025-11-21 or empty)."""
        year = int(date[:4]) if date[:4].isdigit() else None
        return self.for_year(year, day_number(date) if year is not None and len(date) >= 10 else None)

    # the last few texts scanned: one claim's text and lead are each scanned by several
    # decisions (demand, reported desires, target) in a row; not copied by for_year (init=False),
    # as role phrases resolve by the year
    # (with whether one of them is the opposite side, which most texts name not)
    _recent: dict[str, tuple[tuple[Mention, ...], bool]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    # the same for the reported desires of one claim (read by its stance, demand and hope)
    _recent_desires: dict[tuple[str, str], tuple[int, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    # the side of each speaker asked about (side_of): few speakers per document
    _sides: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def side_of(self, speaker: str) -> str:
        """The country a speaker speaks for: its registry country; for a source described
        by its side (华府高级官员, 以色列官员, 俄方消息人士: the spec keeps the description
        as its id) the country its description opens with; else the speaker itself."""
        side = self._sides.get(speaker)
        if side is None:
            side = self.entity_country.get(speaker, "")
            if not side and speaker not in self.entity_type:
                opening = next((m for m in self._scan(speaker) if m.start == 0), None)
                if opening is not None and self.entity_type.get(opening.entity) == "country":
                    side = self.entity_country.get(opening.entity, "") or opening.entity
            side = self._sides[speaker] = side or speaker
        return side

    def mentions(self, text: str, speaker: str = "") -> list[Mention]:
        """The parties named in ``text``; a word for the opposite side (对岸) is the side
        ``speaker`` is not on, and names no one when the speaker is on neither."""
        recent = self._recent.get(text)
        if recent is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            scanned = tuple(self._scan(text))
            recent = self._recent[text] = (scanned, any(m.entity == ACROSS for m in scanned))
        found, across = recent
        if not across:
            return list(found)
        own = self.side_of(speaker)
        other = [side for side in self.across_sides if side != own]
        opposite = other[0] if own in self.across_sides and len(other) == 1 else ""
        return [m if m.entity != ACROSS else replace(m, entity=opposite) for m in found if m.entity != ACROSS or opposite]

    def _scan(self, text: str) -> list[Mention]:
        out = []
        for start, end in self.alias_scanner.spans(text):
            word = text[start:end]
            entity = self.aliases.get(word) or self._role_holder(word)
            if not entity or self._inside_longer_word(text, start, end, word):
                continue  # a role with no single holder that year names no one
            leader = _starts_with_any(text[end:], self.leader_words)
            if leader and self.entity_type.get(entity) == "country":
                # 日本领导人: the holder of the country's head role at the date (日本首相), if one
                holder = next((h for h in (self._role_holder(word + r) for r in self.leader_roles) if h), "")
                if holder:
                    entity, end = holder, end + len(leader)
            # 俄总统普京, 美国总统拜登: a role in apposition to the name right after it is one
            # mention of the named person (the name wins over the role's holder at the date)
            if out and out[-1].end == start and word not in self.roles and self._is_role_mention(text, out[-1]):
                if self.entity_type.get(entity) == "person":
                    out[-1] = Mention(out[-1].start, end, entity)
                    continue
            out.append(Mention(start, end, entity))
        return out

    def _is_role_mention(self, text: str, m: Mention) -> bool:
        """A mention spelled by a role (总统, 俄外长), not by a name or a country."""
        return text[m.start : m.end] in self.roles

    def _role_holder(self, role: str) -> str:
        """The spec's rule: a role resolves when it points to one person at the article's
        date (here its year; undated: the latest holder), as extraction reads roles."""
        return resolve_role(self.roles.get(role, ()), self.year, self.day) or ""

    def _inside_longer_word(self, text: str, start: int, end: int, word: str) -> bool:
        """克里 in 克里米亚: a short transliterated name glued to a run of transliteration
        characters. One such character next to a name is ordinary text (伊朗威胁, 乌克兰提供:
        威 and 提 also spell names), so it takes a run of ``partial_run`` of them, and only
        names of at most ``partial_max_len`` characters are read as fragments."""
        if len(word) > self.partial_max_len or not all(ch in self.transliteration for ch in word):
            return False
        run = self.partial_run
        after = text[end : end + run]
        before = text[max(0, start - run) : start]
        return any(len(side) == run and all(ch in self.transliteration for ch in side) for side in (after, before))


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
    officeholders: frozenset[str] = frozenset()
    coordinators: tuple[str, ...] = ()
    agent_titles: frozenset[str] = frozenset()
    if lex is not None:
        # Chinese aliases of two characters or more: 俄 alone or Latin US would match inside words
        aliases = {a: e for a, e in lex.aliases.items() if len(a) > 1 and not a.isascii()}
        entity_country = {eid: e.country for eid, e in lex.entities.items()}
        entity_type = {eid: e.type for eid, e in lex.entities.items()}
        relay_cues = {c: r for c, r in lex.cues.items() if r in RELAY_ROLES}
        translit = lex.transliteration_chars
        officeholders = frozenset(h.entity_id for holders in lex.roles.values() for h in holders)
        coordinators = tuple(sorted(lex.coordinators, key=lambda w: (-len(w), w)))
        agent_titles = frozenset(lex.titles)
    # names a side's opponents give it (中共, 陆方): target words only, as the side never
    # speaks under them; the registry's own aliases win
    for alias, eid in (raw.get("side_names") or {}).items():
        aliases.setdefault(simp(str(alias)).strip(), simp(str(eid)).strip())
    # companies a measure or a ban is aimed at (华为): target words only, typed as organisations
    for alias, country in (raw.get("organisations") or {}).items():
        eid = simp(str(alias)).strip()
        if aliases.setdefault(eid, eid) == eid:
            entity_type.setdefault(eid, "organisation")
            entity_country.setdefault(eid, simp(str(country)).strip())
    across = raw.get("across") or {}
    for word in across.get("words") or []:
        aliases.setdefault(simp(str(word)).strip(), ACROSS)
    # a beat knows its own parties better than the general registry: its aliases win
    # (民进党当局 is 台湾 in general, the party 民进党 in the china_us beat)
    for alias, (eid, etype, country) in (extra or {}).items():
        if len(alias) > 1 and not alias.isascii():
            aliases[alias] = eid
            entity_country.setdefault(eid, country)
            entity_type.setdefault(eid, etype)
    # role phrases (美国总统) are mentions of their holder in the document's year; a name wins
    roles: dict[str, tuple[RoleHolder, ...]] = {}
    if lex is not None:
        roles = {
            r: tuple(holders)
            for r, holders in lex.roles.items()
            if len(r) > 1 and not r.isascii() and r not in aliases
        }
    return TargetRules(
        alias_scanner=LiteralScanner(sorted({*aliases, *roles})),
        roles=roles,
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
        view_nouns=words("view_nouns"),
        view_links=words("view_links"),
        view_reach=int(raw.get("view_reach") or 0),
        possessive=simp(str(raw.get("possessive") or "")).strip(),
        denial_cues=words("denial_cues"),
        parties=frozenset(simp(str(w)).strip() for w in raw.get("parties") or []),
        subject_pronouns=words("subject_pronouns"),
        pronoun_masks=words("pronoun_masks"),
        place_marks=words("place_marks"),
        place_nouns=words("place_nouns"),
        passive_marks=words("passive_marks"),
        attitude_links=words("attitude_links"),
        attitude_words=words("attitude_words"),
        victim_marks=words("victim_marks"),
        recipient_marks=words("recipient_marks"),
        meeting_verbs=words("meeting_verbs"),
        speech_prepositions=words("speech_prepositions"),
        ascribed_verbs=words("ascribed_verbs"),
        predicate_verbs=words("predicate_verbs"),
        issue_nouns=words("issue_nouns"),
        coordinators=coordinators,
        hope_demands=words("hope_demands"),
        hope_shared=words("hope_shared"),
        hope_acts=words("hope_acts"),
        hope_partners=words("hope_partners"),
        hope_relations=words("hope_relations"),
        agent_titles=agent_titles,
        giver_heads=words("giver_heads"),
        given_nouns=words("given_nouns"),
        role_verbs=words("role_verbs"),
        role_nouns=words("role_nouns"),
        stand_with=words("stand_with"),
        report_nouns=words("report_nouns"),
        across_sides=tuple(simp(str(w)).strip() for w in across.get("sides") or []),
        frame_openers=words("frame_openers"),
        frame_closers=words("frame_closers"),
        disposal_marks=words("disposal_marks"),
        view_verbs=words("view_verbs"),
        view_verb_reach=int(raw.get("view_verb_reach") or 0),
        favor_objects=words("favor_objects"),
        concessives=words("concessives"),
        third_person=words("third_person"),
        second_person=words("second_person"),
        group_nouns=words("group_nouns"),
        leader_words=words("leader_words"),
        leader_roles=tuple(simp(str(w)).strip() for w in raw.get("leader_roles") or []),
        other_side=words("other_side"),
        pronoun_chars=int((raw.get("pronoun_context") or {}).get("chars", 0)),
        pronoun_sentences=int((raw.get("pronoun_context") or {}).get("sentences", 0)),
        fact_predicates=words("fact_predicates"),
        hope_modals=words("hope_modals"),
        give_verbs=words("give_verbs"),
        partial_max_len=int((raw.get("partial_name") or {}).get("max_len", 2)),
        partial_run=int((raw.get("partial_name") or {}).get("run", 2)),
        officeholders=officeholders,
    )


def _eligible(rules: TargetRules, entity: str, speaker: str) -> bool:
    """Never the speaker, nor the speaker's own country or its institutions (美方 for 白宫),
    nor, when a country speaks, the officeholders who speak for it (日本 on its prime minister).
    A political party is its country's side only to itself: 民进党 on 国民党 names a rival."""
    if not entity or entity == speaker:
        return False
    own = rules.side_of(speaker)
    if entity == own:
        return False
    if own != rules.entity_country.get(entity):
        return True
    if entity in rules.parties or speaker in rules.parties:
        return True
    if rules.entity_type.get(speaker) == "country" and entity in rules.officeholders:
        return False
    return rules.entity_type.get(entity) not in ("country", "institution")


def _ends_with_any(text: str, words: tuple[str, ...]) -> bool:
    return text.endswith(words)  # str.endswith tries a tuple's words in C


def _preceded_by(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` ends at ``pos`` (no copy of the text: claims can be long)."""
    return any(len(w) <= pos and text.startswith(w, pos - len(w)) for w in words)


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


def _a_place(rules: TargetRules, text: str, m: Mention) -> bool:
    """乌克兰战场, 俄罗斯境内, 乌克兰东部: the party names a region, a place, not an actor."""
    return text.startswith(rules.place_nouns, m.end) if rules.place_nouns else False


def _meeting_partner(rules: TargetRules, text: str, m: Mention) -> bool:
    """与普京进行会谈, 同美方举行…: a party between a partner preposition and a meeting verb."""
    if not rules.meeting_verbs or not _preceded_by(text, m.start, rules.hope_partners):
        return False
    return text.startswith(rules.meeting_verbs, m.end)


def _relayed(rules: TargetRules, text: str, mentions: list[Mention]) -> Mention | None:
    """普京重申…, 拜登称普京不希望…: a name directly followed by its own speech or attitude
    verb; or by its words as a noun (普京的提议, 普京关于停火的说法); or by its attitude
    toward something (普京对会谈结果感到满意)."""
    named = rules.mentions(text)
    starts, ends = {n.start for n in named}, {n.end for n in named}
    for m in mentions:
        if _addressee(rules, text, m) or _ends_with_any(text[: m.start], rules.place_marks):
            continue  # 向特朗普表明: spoken to, not speaking; 在土耳其寻求…的人: a place
        if _conceded(rules, text, m.start):
            continue  # 尽管美国担心…，但…: the half conceded does not decide (spec: X,但Y)
        if _paired(rules, text, m, starts, ends):
            continue  # 蓬佩奥和拉夫罗夫在记者会上表达…: two parties speak together, neither is the target
        rest = _after_gap(rules, text, m)  # 普京总统已表明: up to two words in between
        if _starts_with_any(rest, rules.relaying_verbs) or _view_of(rules, rest) or _light_view(rules, rest):
            return m
        if _framed_relay(rules, _after_gap(rules, text, m, rules.frame_openers + rules.disposal_marks)):
            return m
        if attitude_of(rules, text, m) >= 0:
            return m
    return None


def attitude_of(rules: TargetRules, text: str, m: Mention) -> int:
    """普京对会谈结果感到满意 / 习近平对出口管制十分不满: the offset of the attitude word
    that closes 对… right after a person, in the same clause; -1 when there is none."""
    if rules.entity_type.get(m.entity) != "person":
        return -1  # 欧盟对X表示欢迎 in a claim is most often the institution's own statement
    at = len(text) - len(_after_gap(rules, text, m))
    link = _starts_with_any(text[at:], rules.attitude_links)
    if not link or not rules.attitude_words:
        return -1
    ends = [i for i in (text.find(ch, at) for ch in CLAUSE_BREAKS) if i >= 0]
    end = min(ends, default=len(text))
    found = [i for i in (text.find(w, at + len(link), end) for w in rules.attitude_words) if i >= 0]
    return min(found, default=-1)


def _verdict_on_person(rules: TargetRules, text: str, m: Mention) -> bool:
    """拜登是…, 特朗普总统表现出…: a person as the subject of a predicate; a country or an
    institution only with a verb of conduct (美方表现出了务实态度), as its 是… (台湾是…) is
    more often a statement of facts (``fact_predicates``)."""
    verb = _starts_with_any(_after_gap(rules, text, m), rules.predicate_verbs)
    if rules.entity_type.get(m.entity) != "person":
        return bool(verb) and verb not in rules.fact_predicates
    return bool(verb)


def _hoped_party(rules: TargetRules, text: str, mentions: list[Mention], speaker: str) -> Mention | None:
    """希望俄罗斯能够重新加入峰会, 希望…后美方能够…与我们重建对话: the party the speaker's own
    hope is about, directly followed by a modal of what it may do (``hope_modals``); a third
    party's wish (普京希望…) is reported, not the speaker's."""
    reported = set(reported_desires(rules, text, speaker))
    for m in mentions:
        if not text.startswith(rules.hope_modals, m.end):
            continue
        lo = max((text.rfind(ch, 0, m.start) for ch in SENTENCE_BREAKS), default=-1)
        for w in rules.hope_demands:
            at = text.find(w, lo + 1, m.start)
            while at >= 0:
                if at not in reported:
                    return m
                at = text.find(w, at + 1, m.start)
    return None


def _giver(rules: TargetRules, text: str, mentions: list[Mention]) -> Mention | None:
    """普京就阿富汗问题提供协助, 日本给予了大力支持: the party opening a clause in which it gives
    help (a ``give_verbs`` word, then within a few characters one of ``given_nouns``)."""
    for i, m in enumerate(mentions):
        if i and _same_clause(text, mentions[i - 1].end, m.start):
            continue  # not the first party of its clause
        clause = _clause_from(text, m.end)
        for v in rules.give_verbs:
            at = clause.find(v)
            after = at + len(v)
            if at >= 0 and any(0 <= clause.find(n, after) - after <= rules.view_verb_reach for n in rules.given_nouns):
                return m
    return None


def _role_of_party(rules: TargetRules, text: str, m: Mention) -> bool:
    """德国是法国可靠的伙伴, 沙特在调解中发挥了建设性作用: a party (any type) opening its clause
    with a role verb after it and a role noun closing the predicate: the party is judged."""
    lo = max((text.rfind(ch, 0, m.start) for ch in CLAUSE_BREAKS), default=-1)
    if text[lo + 1 : m.start].strip() or not rules.role_verbs:
        return False  # not the clause's subject (在X, 与X, 对X…)
    hi = min((i for i in (text.find(ch, m.end) for ch in CLAUSE_BREAKS) if i >= 0), default=len(text))
    clause = text[m.end : hi]
    at = min((i for i in (clause.find(v) for v in rules.role_verbs) if i >= 0), default=-1)
    return at >= 0 and any(n in clause[at:] for n in rules.role_nouns)


def _after_gap(rules: TargetRules, text: str, m: Mention, stop: tuple[str, ...] = ()) -> str:
    """The text after a mention, past up to two gap words (总统, 已); not past a word of
    ``stop`` (the 在 of 在声明中表示 opens a frame there, though 在寻求 is a gap word)."""
    rest = text[m.end :]
    for _ in range(2):
        if stop and _starts_with_any(rest, stop):
            break
        rest = rest[len(_starts_with_any(rest, rules.relay_gap)) :]
    return rest


def _light_view(rules: TargetRules, rest: str) -> bool:
    """普京发表讲话, 普京以书面方式作出具体回应: ``rest`` opens with a light verb whose object,
    a view noun a few characters on in the same clause, is the party's words."""
    verb = _starts_with_any(rest, rules.view_verbs)
    if not verb:
        return False
    reach = len(verb) + rules.view_verb_reach + max((len(n) for n in rules.view_nouns), default=0)
    window = _clause_from(rest[:reach], len(verb))
    return any(0 <= window.find(n) <= rules.view_verb_reach for n in rules.view_nouns)


def _framed_relay(rules: TargetRules, rest: str) -> bool:
    """彭丽媛在致辞中表示, 普京以书面方式作出回应, 特朗普已将停火列为优先事项: a frame
    (在…中, 以…方式) or a disposal (将X) between a party and its own verb, in one clause."""
    clause = _clause_from(rest[: rules.view_reach], 0)
    opener = _starts_with_any(clause, rules.frame_openers)
    if opener:
        for closer in rules.frame_closers:
            at = clause.find(closer, len(opener) + 1)
            while at >= 0:
                after = clause[at + len(closer) :]
                after = after[len(_starts_with_any(after, rules.relay_gap)) :]
                if _starts_with_any(after, rules.relaying_verbs) or _light_view(rules, after):
                    return True
                at = clause.find(closer, at + 1)
        return False
    mark = _starts_with_any(clause, rules.disposal_marks)
    if not mark:
        return False
    # 将X列为/视为…: the verb follows the object; only words of two characters or more, as a
    # one-character cue (指, 称) is a piece of many other words
    verbs = [v for v in rules.relaying_verbs if len(v) > 1]
    return any(clause.find(v, len(mark) + 1) > 0 for v in verbs)


def _paired(rules: TargetRules, text: str, m: Mention, starts: set[int], ends: set[int]) -> bool:
    """Whether ``m`` is one of two parties joined by a coordinator (X和Y, X与Y); ``starts`` and
    ``ends``: the offsets of all the parties the text names (one lookup per coordinator)."""
    for c in rules.coordinators:
        if m.start - len(c) in ends and text.startswith(c, m.start - len(c)):
            return True
        if m.end + len(c) in starts and text.startswith(c, m.end):
            return True
    return False


def _conceded(rules: TargetRules, text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a clause opened by a concessive word (尽管, 虽然)."""
    if not rules.concessives:
        return False
    # a concessive opens its clause a few words before the party: a bounded look back keeps a
    # long clause naming many parties linear
    window = text[max(0, pos - rules.view_reach) : pos]
    lo = max((window.rfind(ch) for ch in CLAUSE_BREAKS), default=-1)
    return any(w in window[lo + 1 :] for w in rules.concessives)


def _view_of(rules: TargetRules, rest: str) -> bool:
    """Whether ``rest`` (the text right after a name) opens with 的 + a view noun (的说法),
    or with 关于/就 + a topic + 的 + a view noun, within one clause."""
    if not rules.view_nouns:
        return False
    mark = rules.possessive
    if not mark:
        return False
    if rest.startswith(mark) and _starts_with_any(rest[len(mark) :], rules.view_nouns):
        return True
    if not _starts_with_any(rest, rules.view_links):
        return False
    window = rest[: rules.view_reach]
    window = window[: min((i for i in (window.find(ch) for ch in CLAUSE_BREAKS) if i >= 0), default=len(window))]
    at = window.find(mark)
    while at >= 0:
        if _starts_with_any(rest[at + len(mark) :], rules.view_nouns):
            return True
        at = window.find(mark, at + 1)
    return False


def _inside_report(rules: TargetRules, text: str, m: Mention) -> bool:
    """Whether ``m`` stands between a view link (有关, 关于) and 的 + a report or view noun
    in one clause (有关X向Y提供…的报道): the report's content, not its author nor its object."""
    if not rules.report_nouns or not rules.possessive:
        return False
    lo = max(0, m.start - rules.view_reach)
    head = text[lo : m.start]
    head = head[max((head.rfind(ch) for ch in CLAUSE_BREAKS), default=-1) + 1 :]
    if not any(link in head for link in rules.view_links):
        return False
    tail = _clause_from(text, m.end)[: rules.view_reach]
    # 就俄罗斯干预选举的问题(进行了讨论): an issue discussed names no party evaluated
    nouns = (*rules.report_nouns, *rules.view_nouns, *rules.issue_nouns)
    at = tail.find(rules.possessive)
    while at >= 0:
        if _starts_with_any(tail[at + len(rules.possessive) :], nouns):
            return True
        at = tail.find(rules.possessive, at + 1)
    return False


def find_demand(rules: TargetRules, text: str, lead: str, cue: str, speaker: str) -> str:
    """The party a demand or appeal is aimed at, or "": 呼吁X撤军, 要求X停止…, X应当收回…,
    X别再阻挠…, and a cue 呼吁/敦促 whose content opens with the party (呼吁｜俄罗斯撤军)."""
    mentions = rules.mentions(text, speaker)
    in_text = [m for m in mentions if _eligible(rules, m.entity, speaker)]
    own_ends = {m.end for m in mentions if not _eligible(rules, m.entity, speaker)}
    # 普京希望西方停止…: what a third party wishes of another is its wish, reported; the
    # speaker demands nothing of that other party
    wished = reported_desires(rules, text, speaker)
    asked = [m for m in in_text if not any(p < m.start and _same_clause(text, p, m.start) for p in wished)]
    subject = _demand_subject(rules, text, [m for m in asked if not _joint_with(rules, text, m, own_ends)])
    for found in (_object_of(rules, text, asked, rules.demand_before), subject, _hoped_of(rules, text, asked, cue, speaker)):
        if found:
            return found.entity
    if cue and any(w in cue for w in rules.appeal_cues):
        in_lead = [m for m in rules.mentions(lead, speaker) if _eligible(rules, m.entity, speaker)]
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


def _hoped_of(rules: TargetRules, text: str, mentions: list[Mention], cue: str, speaker: str) -> Mention | None:
    """我们期待伊朗履行义务 / 希望美方停止…: the speaker's own hope that another party comply,
    refrain or undo (``hope_acts``) is a demand on it (the spec: demands aimed at another party).
    The party asked is the last one named between the hope and the act (希望X的特使离开后Y能够
    撤军: Y). Not 希望X继续支持… or 希望X与我们一道… (a good shared or continued), not 希望X
    重新加入… (an invitation), nor 普京希望美国… (a third party's wish, reported)."""
    reported = set(reported_desires(rules, text, speaker))
    opens = [0] if cue.endswith(rules.hope_demands) else []  # cue 希望｜美国停止…
    for w in rules.hope_demands:
        at = text.find(w)
        while at >= 0:
            if at not in reported:
                opens.append(at + len(w))
            at = text.find(w, at + 1)
    for start in sorted(opens):
        clause = _clause_from(text, start)
        act = min((p for p in (clause.find(w) for w in rules.hope_acts) if p >= 0), default=-1)
        if act < 0:
            continue  # 希望X重新加入峰会: an invitation, nothing asked of X
        if _goes_on_to_relations(rules, text, start + act):
            continue  # 希望X停止…，与我们重建对话: a prescription for better relations (spec: favor)
        # 干涉委内瑞拉的国家停止…: the party a wrongdoing is done to, or a possessor, is not asked
        asked = [
            m
            for m in mentions
            if start <= m.start
            and m.end <= start + act
            and not _preceded_by(text, m.start, rules.victim_marks)
            and not (rules.possessive and text.startswith(rules.possessive, m.end))
        ]
        if asked and not _starts_with_any(text[asked[-1].end :], (*rules.hope_shared, *rules.coordinators)):
            return asked[-1]
    return None


def _goes_on_to_relations(rules: TargetRules, text: str, act: int) -> bool:
    """Does the sentence go on, after the act hoped for, to a partner and the relations to
    build with it (…，与莫斯科重建对话)? Then the hope prescribes better relations."""
    end = next((i for i in range(act, len(text)) if text[i] in SENTENCE_BREAKS), len(text))
    rest = text[act:end]
    for c in rules.hope_partners:
        at = rest.find(c)
        if at >= 0 and any(w in rest[at:] for w in rules.hope_relations):
            return True
    return False


def _same_clause(text: str, lo: int, hi: int) -> bool:
    """Whether no clause break stands between offsets ``lo`` and ``hi``."""
    return not any(ch in text[lo:hi] for ch in CLAUSE_BREAKS)


def _clause_from(text: str, start: int) -> str:
    """``text`` from ``start`` to the end of its clause."""
    end = next((i for i in range(start, len(text)) if text[i] in CLAUSE_BREAKS), len(text))
    return text[start:end]


def reported_desires(rules: TargetRules, text: str, speaker: str) -> list[int]:
    """Offsets of desire verbs whose subject is a named third party (普京希望…, 美国希望…):
    the speaker reports that party's wish; it is not the speaker's own attitude."""
    recent = rules._recent_desires
    found = recent.get((text, speaker))
    if found is None:
        if len(recent) >= RECENT_TEXTS:
            recent.clear()
        found = recent[text, speaker] = tuple(_reported_desires(rules, text, speaker))
    return list(found)


def _reported_desires(rules: TargetRules, text: str, speaker: str) -> list[int]:
    out = []
    for m in rules.mentions(text, speaker):
        if not _eligible(rules, m.entity, speaker):
            continue  # the speaker's own side states its own wish
        rest = text[m.end :]
        gap = _starts_with_any(rest, rules.relay_gap)
        verb = _starts_with_any(rest[len(gap) :], rules.desire_verbs)
        if verb:
            out.append(m.end + len(gap))
    return out


def _joint_with(rules: TargetRules, text: str, m: Mention, own_ends: set[int]) -> bool:
    """美国和中国应该… said by the American side: the speaker's own side shares the subject,
    so the modal states a joint commitment, not a demand on the other party."""
    return any(m.start - len(c) in own_ends and text.startswith(c, m.start - len(c)) for c in rules.coordinators)


def _demand_subject(rules: TargetRules, text: str, mentions: list[Mention]) -> Mention | None:
    """X应当收回…, X别再阻挠…: a name directly followed by a modal of obligation."""
    for m in mentions:
        if _starts_with_any(text[m.end :], rules.demand_after):
            return m
    return None


def _addressee(rules: TargetRules, text: str, m: Mention) -> bool:
    """向特朗普表明…: a party spoken to inside the claim is not what the claim is about."""
    if not _ends_with_any(text[: m.start], rules.prepositions):
        return False
    rest = text[m.end :]
    rest = rest[len(_starts_with_any(rest, rules.relay_gap)) :]
    return bool(_starts_with_any(rest, tuple(rules.relay_cues)))


def _pronoun_at(rules: TargetRules, text: str, start: int, end: int) -> bool:
    """Whether a subject pronoun (它, 他们; not inside 其他) stands in ``text[start:end]``."""
    span = text[start:end]
    for mask in rules.pronoun_masks:
        span = span.replace(mask, " " * len(mask))
    return any(p in span for p in rules.subject_pronouns)


def _issue_or_pair(rules: TargetRules, text: str, i: int, mentions: list[Mention]) -> bool:
    """伊朗问题, 乌克兰局势: an issue, not a party; 特朗普与普京(的会晤): two persons of
    different countries together, whose meeting or disagreement is assessed, not either."""
    m = mentions[i]
    if _starts_with_any(text[m.end :], rules.issue_nouns):
        return True
    # 波兰与德国的关系: both parties of a coordinated pair name the issue, not only the second
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    if (
        nxt is not None
        and text[m.end : nxt.start] in rules.coordinators
        and _starts_with_any(text[nxt.end :], rules.issue_nouns)
    ):
        return True
    if rules.entity_type.get(m.entity) != "person":
        return False
    # only a coordinator stands between the two: they are neighbours in the mention list
    for other in mentions[max(0, i - 1) : i] + mentions[i + 1 : i + 2]:
        if rules.entity_type.get(other.entity) != "person":
            continue
        if rules.entity_country.get(other.entity) == rules.entity_country.get(m.entity):
            continue
        first, second = (m, other) if m.start < other.start else (other, m)
        if text[first.end : second.start] in rules.coordinators:
            return True
    return False


def _possessor_of(rules: TargetRules, between: str) -> bool:
    """X|官员的|威胁: what stands between a party and the deciding word makes the party its
    possessor (a title or nothing, then the possessive mark)."""
    if not rules.possessive or not between.endswith(rules.possessive):
        return False
    head = between[: -len(rules.possessive)]
    return head == "" or head in rules.agent_titles


def _possessor_in_clause(rules: TargetRules, text: str, mentions: list[Mention], pos: int) -> Mention | None:
    """The party whose help or goodwill (``given_nouns``) is named in the clause of the
    deciding word at ``pos``: X的 or X + a title or a giver noun + 的 (英国的帮助, 美国人民的
    支持); not a partner (与普京的通话). Other nouns a party owns (俄罗斯的经济, 拜登的访问)
    are what is assessed, not a party praised."""
    if pos < 0 or not rules.possessive:
        return None
    lo = max((text.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS), default=-1)
    hi = min((i for i in (text.find(ch, pos) for ch in CLAUSE_BREAKS) if i >= 0), default=len(text))
    for i, m in enumerate(mentions):
        if not (lo < m.start and m.end <= hi) or _issue_or_pair(rules, text, i, mentions):
            continue
        if _ends_with_any(text[: m.start], (*rules.coordinators, *rules.hope_partners)):
            continue  # 他与普京的通话: a partner in a joint event, not the one whose act is praised
        rest = text[m.end :]
        head = next((w for w in (*rules.agent_titles, *rules.giver_heads) if rest.startswith(w)), "")
        if rest.startswith(rules.possessive, len(head)) and _starts_with_any(
            rest[len(head) + len(rules.possessive) :], rules.given_nouns
        ):
            return m
    return None


def _near(rules: TargetRules, mentions: list[Mention], text: str, pos: int) -> Mention | None:
    """The party named in the clause of the deciding word: the first one before it (the
    clause's subject, the actor: 俄罗斯对乌克兰实施入侵 → 俄罗斯); when the clause names
    none before it, the subject carried over from the nearest clause before that names one
    (俄罗斯正试图…，捏造借口 → 俄罗斯), as when a pronoun stands for it (…，包括它的侵略);
    else the first after it. Addressees (向X表明) and places (在X) are not the actor."""
    if pos < 0:
        return None
    mentions = [m for m in mentions if not _addressee(rules, text, m)]
    lo = max((text.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS), default=-1)
    hi_candidates = [i for i in (text.find(ch, pos) for ch in CLAUSE_BREAKS) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    # 在乌克兰的侵略: a place is not the actor
    before = [
        m
        for m in mentions
        if lo < m.start
        and m.end <= pos
        and not _ends_with_any(text[: m.start], rules.place_marks)
        and not _a_place(rules, text, m)
    ]
    # 所谓协议是美国以关税为手段，对台湾实施的掠夺: a clause opening with 对X names what the act
    # is aimed at; its actor is carried over from the clause before (kept when none is named)
    aimed_at = before
    if before and _ends_with_any(text[: before[0].start], rules.attitude_links):
        before = before[1:]
    # 乌克兰被西方当作工具: the subject of a passive undergoes the act; the party after the mark does it
    if len(before) > 1 and text.startswith(rules.passive_marks, before[0].end):
        before = before[1:]
    # 美国官员的威胁: the party whose act the deciding noun names, though the clause opens
    # with another (马杜罗的政府正面临美国官员的威胁); 俄罗斯对乌克兰的侵略: the party after
    # 对 is what the act is aimed at, not its possessor
    agent = next(
        (
            m
            for m in reversed(before)
            if _possessor_of(rules, text[m.end : pos]) and not _ends_with_any(text[: m.start], rules.attitude_links)
        ),
        None,
    )
    if agent:
        return agent
    pronoun = _pronoun_at(rules, text, lo + 1, before[0].start if before else pos)
    if before and not pronoun:
        return before[0]
    earlier = [m for m in mentions if m.end <= lo]
    if earlier:
        last = earlier[-1]
        clause_start = max((text.rfind(ch, 0, last.start) for ch in CLAUSE_BREAKS), default=-1)
        return next(m for m in earlier if m.start > clause_start)
    if before or aimed_at:
        return (before or aimed_at)[0]
    # 希望每个干涉委内瑞拉的国家…: the party a wrongdoing is done to is not its actor
    after = [m for m in mentions if m.start >= pos and m.end <= hi]
    return after[0] if after else None


def _spoken_to(rules: TargetRules, text: str, document: str, start: int, speaker: str) -> Mention | None:
    """你/对方 inside a claim whose cue names no addressee (引起普京回呛：「你…」, 批评泽连斯基，
    他说：「你…」, 普京称对方…): the last party named before the claim, within its own sentence
    and the ones before (``pronoun_context``), that is not the speaker's side nor a media outlet."""
    if not document or start <= 0 or not any(p in text for p in (*rules.second_person, *rules.other_side)):
        return None
    before = document[max(0, start - rules.pronoun_chars) : start]
    cut = len(before)
    for _ in range(rules.pronoun_sentences):
        cut = max((before.rfind(ch, 0, cut - 1) for ch in SENTENCE_BREAKS), default=-1)
        if cut < 0:
            break
    before = before[max(cut, 0) :]
    found = [
        m
        for m in rules.mentions(before, speaker)
        if _eligible(rules, m.entity, speaker) and rules.entity_type.get(m.entity) != "media"
    ]
    return found[-1] if found else None


def _pronoun_relayed(rules: TargetRules, text: str, document: str, start: int, speaker: str) -> Mention | None:
    """你认为他会说…, 他们都知道她一直主张…: a third-person pronoun inside the claim, not opening
    it, followed by its own speech or view verb relays the words of the last person named before
    the claim (``pronoun_context``); none when that person is the speaker (he speaks of himself)."""
    if not document or start <= 0 or not rules.third_person:
        return None
    pronoun_ends = []
    for p in rules.third_person:
        at = text.find(p, 1)
        while at > 0:
            # 他们, 其他: a longer word is not the singular pronoun
            if not text.startswith(rules.pronoun_masks, at - 1) and not text.startswith(rules.pronoun_masks, at):
                longer = [q for q in rules.subject_pronouns if len(q) > len(p) and text.startswith(q, at)]
                if not longer:  # 他们: a plural is no one person
                    pronoun_ends.append(at + len(p))
            at = text.find(p, at + 1)
    if not any(
        _starts_with_any(_after_gap(rules, text, Mention(end - 1, end, "")), rules.relaying_verbs) for end in pronoun_ends
    ):
        return None
    before = document[max(0, start - rules.pronoun_chars) : start]
    cut = len(before)
    for _ in range(rules.pronoun_sentences):
        cut = max((before.rfind(ch, 0, cut - 1) for ch in SENTENCE_BREAKS), default=-1)
        if cut < 0:
            break
    persons = [m for m in rules.mentions(before[max(cut, 0) :], speaker) if rules.entity_type.get(m.entity) == "person"]
    # inside quotation marks 他 is never the one quoted (特朗普说：「…他会说…」): past the speaker's name
    if document[start - 1] in QUOTE_OPENERS:
        persons = [m for m in persons if _eligible(rules, m.entity, speaker)]
    if not persons or not _eligible(rules, persons[-1].entity, speaker):
        return None
    return persons[-1]


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
    cue: str = "",
    document: str = "",
    start: int = -1,
) -> str:
    """Target of one claim.

    ``text``: the claim in Simplified script; ``lead``: the Simplified words between
    the speaker and the claim (cue and cue object); ``stance``: the decided label;
    ``cue_prior``: the cue's signed prior; ``denial_only``: the deciding evidence is a
    negated accusation (没有干涉); ``deciding_pos``: offset in ``text`` of the
    strongest deciding word, or -1; ``document`` and ``start``: the document in Simplified
    script and the claim's offset in it (for a 你 or 对方 whose party is named before).
    """
    in_text = [m for m in rules.mentions(text, speaker) if _eligible(rules, m.entity, speaker)]
    # 委内瑞拉反对派, 中国出口商: a group inside the party, named by what follows, is not the party
    in_text = [m for m in in_text if not (rules.group_nouns and text.startswith(rules.group_nouns, m.end))]
    # 告诉第一财经 / 向记者表示: an outlet the speaker talks to is its audience, not a target
    in_lead = [
        m
        for m in rules.mentions(lead, speaker)
        if _eligible(rules, m.entity, speaker) and rules.entity_type.get(m.entity) != "media"
    ]
    cue_object = _object_of(rules, lead, in_lead, rules.cue_object_marks) or next(
        (m for m in in_lead if _addressee(rules, lead, m)), None
    )
    relayed = _relayed(rules, text, in_text) or _pronoun_relayed(rules, text, document, start, speaker)
    # 他向普京表示「…你…」 / 告诉普京，“就像你一样…”: a second-person pronoun inside the claim
    # is the party the cue addresses (the spec: named by a pronoun inside the claim)
    addressed = cue_object if cue_object and any(p in text for p in rules.second_person) else None
    if not addressed and stance != "neutral":
        addressed = _spoken_to(rules, text, document, start, speaker)
    if stance == "neutral":
        found = addressed or relayed
        return found.entity if found else ""
    if stance == "favor":
        # 赞扬X / 恭喜X: praise has an object; a praising cue aims at whom its content names
        praised = _object_of(rules, text, in_text, rules.object_cues)
        if cue_object and cue_prior > 0:
            return cue_object.entity
        # 感谢｜英国在艰难时刻提供的援助: the praising cue's object opens the claim's content
        opening = next((m for m in in_text if m.start == 0), None)
        if opening and cue_prior > 0 and _ends_with_any(lead.rstrip(), rules.object_cues):
            return opening.entity
        if praised:
            return praised.entity
        if addressed:
            return addressed.entity
        # 德国已编列预算支援乌克兰: the party a favourable act backs
        backed_by_act = _object_of(rules, text, in_text, rules.favor_objects)
        # 支持伊朗与美国举行的谈判: a pair's joint act is backed, not either party
        if backed_by_act and not _starts_with_any(text[backed_by_act.end :], (*rules.coordinators, *rules.hope_partners)):
            return backed_by_act.entity
        # 立陶宛站在乌克兰一边 said by Ukraine: the speaker's own side is the object, so the
        # party that acts for it (the subject of the object cue's clause) is the one praised
        own = [m for m in rules.mentions(text, speaker) if not _eligible(rules, m.entity, speaker)]
        own_object = _object_of(rules, text, own, rules.object_cues)
        if own_object is not None:
            doer = _near(rules, in_text, text, own_object.start)
            if doer is not None and doer.end <= own_object.start:
                return doer.entity
        if relayed:
            return relayed.entity
        # 与乌克兰站在一起 / 谢谢美国人民的支持: the party whose side is taken, or whose help or
        # quality the deciding word names
        backed = next((m for m in in_text if text.startswith(rules.stand_with, m.end)), None)
        backed = backed or _possessor_in_clause(rules, text, in_text, deciding_pos) or _giver(rules, text, in_text)
        backed = backed or _hoped_party(rules, text, in_text, speaker)
        if backed:
            return backed.entity
        # 拜登是一个负责任的伙伴: the person a favourable verdict is predicated of (a country
        # 是… is more often a statement of facts: 台湾是…)
        evaluated = next((m for m in in_text if _verdict_on_person(rules, text, m)), None)
        evaluated = evaluated or next((m for m in in_text if _role_of_party(rules, text, m)), None)
        return evaluated.entity if evaluated else ""
    # against
    if demand_of and demand_of != UNNAMED:
        return demand_of
    verb_object = _object_of(rules, lead, in_lead, rules.object_cues)  # 批评X说…
    if verb_object:
        return verb_object.entity
    if addressed and not denial_only:
        return addressed.entity
    # a denial names no accuser unless the cue does: 没有干涉…, or 否认 + the accusation
    if denial_only or (cue and any(w in cue for w in rules.denial_cues)):
        return cue_object.entity if cue_object else ""
    # the party the content itself names comes before the cue's addressee (向X强调…); issues
    # (伊朗问题) and pairs of leaders (特朗普与普京的会晤) are what is assessed, not targets
    parties = [m for i, m in enumerate(in_text) if not _issue_or_pair(rules, text, i, in_text)]
    # 希望每个干涉委内瑞拉的国家…: the party a wrongdoing is done to is not its actor
    parties = [m for m in parties if not _preceded_by(text, m.start, rules.victim_marks)]
    # 将导弹交给乌克兰将会非常恶劣: what is handed over is criticised, not the one receiving it
    parties = [m for m in parties if not _preceded_by(text, m.start, rules.recipient_marks)]
    # 不想与普京进行一场徒劳的会议: the partner of a meeting is not what is assessed (the spec:
    # a meeting assessed has no target, though the other side took part)
    parties = [m for m in parties if not _meeting_partner(rules, text, m)]
    # 乌克兰战场, 乌克兰东部的军火库: a region of the party is where things happen, not who acts
    parties = [m for m in parties if not _a_place(rules, text, m)]
    # 有关俄方向朝鲜提供…的报道毫无根据: a party inside what a report says is not the one rejected
    parties = [m for m in parties if not _inside_report(rules, text, m)]
    for found in (
        _near(rules, parties, text, deciding_pos),
        relayed,
        cue_object,
    ):
        if found:
            return found.entity
    return parties[0].entity if parties else ""
