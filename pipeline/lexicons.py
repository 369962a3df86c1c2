"""Loads the knowledge in ``models/``: speaker registry, cue lexicon, extraction rules.

Everything is returned in Simplified script (OpenCC t2s is applied to each
entry), because matching happens on the Simplified view of the text.
Loaded once per process (:func:`load_lexicons` is cached).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs
import opencc
import yaml

from pipeline.config import DEFAULT_MODELS

_T2S = opencc.OpenCC("t2s")

# the files load_lexicons reads from a models folder (the claims components write these in to_disk)
MODEL_FILES = ("speakers.yaml", "cues.tsv", "extraction.yaml", "speaker_resolution.yaml")


def simp(text: str) -> str:
    return _T2S.convert(text)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster to load


def load_yaml(text: str):
    """Safe loading, with libyaml's C parser where installed."""
    return yaml.load(text, Loader=_YAML_LOADER)


def read_yaml(path: Path):
    """A YAML file of models/."""
    return load_yaml(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def any_char_of(chars: frozenset[str]) -> re.Pattern:
    """A regex matching any one of ``chars``: scanners that act on a few marks let the
    regex engine skip every other character instead of looping over them in Python."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def trie_pattern(words: Iterable[str], fan: int = 4) -> str:
    """One regex for many literals, shaped as a trie: longest-first, and fast.

    Python's ``re`` tries alternatives one by one; in a trie the alternatives at
    a node start with distinct characters, and their greedy optional tails make
    every match the longest listed word at that position. Wide nodes (hundreds
    of first characters) are split into groups of ``fan`` guarded by a
    character-class lookahead, so a position costs a few class tests instead of
    one test per alternative (3-4x faster on Chinese text).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def group(items: list[tuple[str, str]]) -> str:
        if len(items) == 1:
            return items[0][1]
        if len(items) <= fan:
            return "(?:" + "|".join(body for _, body in items) + ")"
        size = -(-len(items) // fan)
        parts = []
        for i in range(0, len(items), size):
            chunk = items[i : i + size]
            chars = "".join(re.escape(ch) for ch, _ in chunk)
            parts.append(f"(?=[{chars}])" + group(chunk))
        return "(?:" + "|".join(parts) + ")"

    def build(node: dict[str, Any]) -> str:
        items = [(ch, re.escape(ch) + build(child)) for ch, child in sorted(node.items()) if ch]
        if not items:
            return ""
        body = group(items)
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class CaseFolder:
    """One-character case folding exactly as ``re.IGNORECASE`` sees it, for a word list:
    a text character the regex engine takes for one of the words' cased characters
    (k, K, the Kelvin sign …) becomes one representative of them, anything else stays.

    The regex engine is asked, not Python's case tables: ``matches`` is the character
    class of the cased characters under IGNORECASE, and a character's representative is
    the first of them it matches on its own. The map keeps lengths, so offsets on the
    folded text are offsets on the text.
    """

    def __init__(self, words: Iterable[str]) -> None:
        # a character with no other case is matched as itself by re.IGNORECASE
        self.cased = sorted({c for w in words for c in w if c.lower() != c or c.upper() != c})
        self._single = [re.compile(re.escape(c), re.IGNORECASE) for c in self.cased]
        self.matches = any_char_of_ignore_case(frozenset(self.cased)) if self.cased else None
        self._rep: dict[str, str] = {}  # memo: character -> representative

    def representative(self, ch: str) -> str:
        rep = self._rep.get(ch)
        if rep is None:
            rep = next((c for c, rx in zip(self.cased, self._single, strict=True) if rx.fullmatch(ch)), ch)
            self._rep[ch] = rep
        return rep

    def word(self, word: str) -> str:
        return "".join(self.representative(c) for c in word)

    def text(self, text: str) -> str:
        if self.matches is None:
            return text
        changed = [c for c in set(self.matches.findall(text)) if self.representative(c) != c]
        if not changed:
            return text
        return self.matches.sub(lambda m: self._rep[m.group()], text)


@lru_cache(maxsize=32)
def any_char_of_ignore_case(chars: frozenset[str]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)


class LiteralScanner:
    """Leftmost-longest, non-overlapping occurrences of listed words, found by an
    Aho-Corasick automaton (ahocorasick-rs): the same spans as
    ``re.compile(trie_pattern(words), flags).finditer`` at a fraction of the cost,
    and no regex to compile at start-up (the trie regexes took ~0.2 s).

    ``ignore_case`` folds text and words with a :class:`CaseFolder`. A word list with
    case variants at one trie node (``Ab`` and ``abc``) is kept on the regex: there the
    regex takes the first variant in its alternation, not the longest match.
    """

    def __init__(self, words: Iterable[str], ignore_case: bool = False) -> None:
        self.words = sorted({w for w in words if w})  # an empty word matches nowhere
        self.ignore_case = ignore_case
        self._build()  # now: knowledge loads before the workers fork, and they share it

    def __eq__(self, other: object) -> bool:
        # equal word lists scan alike (rules holding a scanner compare by their knowledge)
        if not isinstance(other, LiteralScanner):
            return NotImplemented
        return (self.words, self.ignore_case) == (other.words, other.ignore_case)

    def __hash__(self) -> int:
        return hash((tuple(self.words), self.ignore_case))

    def __getstate__(self) -> dict[str, Any]:
        # the automaton does not pickle: a worker rebuilds it on first use
        return {"words": self.words, "ignore_case": self.ignore_case, "_built": False}

    def _build(self) -> None:
        """Once per process (the scanners live in cached knowledge); again after unpickling."""
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._regex: re.Pattern | None = None
        self._folder: CaseFolder | None = None
        self._built = True
        if not self.words:
            return
        patterns = self.words
        if self.ignore_case:
            folder = CaseFolder(self.words)
            if folder.cased:
                patterns = [folder.word(w) for w in self.words]
                prefixes = {w[:i] for w in self.words for i in range(1, len(w) + 1)}
                if len({folder.word(p) for p in prefixes}) != len(prefixes):
                    self._regex = re.compile(trie_pattern(self.words), re.IGNORECASE)
                    return
                self._folder = folder
        self._automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match, left to right."""
        if not self._built:
            self._build()
        if not text:
            return []
        if self._regex is not None:
            return [m.span() for m in self._regex.finditer(text)]
        if self._automaton is None:
            return []
        if self._folder is not None:
            text = self._folder.text(text)
        return [(s, e) for _, s, e in self._automaton.find_matches_as_indexes(text)]


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | institution | country | media | group | unknown
    country: str


@dataclass(frozen=True)
class RoleHolder:
    entity_id: str
    start_year: int
    end_year: int  # inclusive upper bound; 9999 when open
    start_day: int = 0  # first day in office as YYYYMMDD (a year alone: its 1 January)
    end_day: int = 99991231  # last day in office as YYYYMMDD (a year alone: its 31 December)
    shared: bool = False  # one of several who hold the role at once (rotating spokespeople)

    def covers_day(self, day: int) -> bool:
        return self.start_day <= day <= self.end_day

    def days_in_year(self, year: int) -> int:
        """How many days of ``year`` this holder held the role (approximate: 31-day months)."""
        first, last = max(self.start_day, year * 10000 + 101), min(self.end_day, year * 10000 + 1231)
        if first > last:
            return 0
        return (last // 100 % 100 - first // 100 % 100) * 31 + (last % 100 - first % 100) + 1


def resolve_role(
    holders: Iterable[RoleHolder], year: int | None, day: int | None = None, named: frozenset[str] = frozenset()
) -> str | None:
    """Who of ``holders`` holds the role on a document's date (``day`` as YYYYMMDD, else
    ``year``, else undated); ``named``: the entities the document names, which pick one of
    several holders at that date (a rotating spokesperson)."""
    holders = list(holders)
    if not holders:
        return None
    if year is None and day is None:
        # no date to go by: the latest sole holder is the likeliest reading of a news text
        sole = [h for h in holders if not h.shared] or holders
        return max(sole, key=lambda h: (h.end_day, h.start_day)).entity_id
    if day is not None:
        covering = [h for h in holders if h.covers_day(day)]
    else:
        # a year alone: whoever held the role for most of it (a year of transition)
        assert year is not None
        spans = [(h.days_in_year(year), h) for h in holders]
        most = max((days for days, h in spans if not h.shared), default=0)
        covering = [h for days, h in spans if days and (h.shared or days == most)]
    mentioned = {h.entity_id for h in covering if h.entity_id in named}
    if len(mentioned) == 1:
        return mentioned.pop()  # 外交部发言人毛宁主持记者会 … 中国外交部发言人表示 -> 毛宁
    # spec: a role resolves only when it points to one person at the article's date;
    # several sole holders then, or none listed, leave the role as written
    sole = {h.entity_id for h in covering if not h.shared}
    return sole.pop() if len(sole) == 1 else None


def day_number(value: Any, *, last: bool = False) -> int | None:
    """A registry or document date as YYYYMMDD: 2015 (a year: its first or, with ``last``, its
    last day), 2015-08 (its first or last day of the month), 2015-08-10 or a ``date``."""
    if value is None or value == "":
        return None
    if hasattr(value, "year") and hasattr(value, "month"):
        return value.year * 10000 + value.month * 100 + getattr(value, "day", 1)
    m = re.match(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if last else 1)
    day = int(m.group(3)) if m.group(3) else (31 if last else 1)
    return year * 10000 + month * 100 + day


def report_label_pattern(words: list[str]) -> re.Pattern:
    """An outlet's own label at the start of a line, not a sentence of the body: bracketed
    (【环球网报道】, [新华网讯 记者 王欢]) or bare and followed by a blank, with short words
    (a reporter's title and name) each followed by a blank too (环球网报道 记者 王欢 …)."""
    word = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    bracketed = rf"[【\[〔][^】\]〕\n]{{0,30}}?(?:{word})[^】\]〕\n]{{0,20}}[】\]〕]"
    bare = rf"[^\s，。：:“「【\[（(]{{2,20}}?(?:{word})(?:[ \t\u3000]+[^\s，。：:“「]{{1,6}}(?=[ \t\u3000]))*[ \t\u3000]"
    return re.compile(rf"^[ \t\u3000]*(?:{bracketed}|{bare})[ \t\u3000]*", re.M)


@dataclass(frozen=True)
class ZoneRules:
    tail_block_headers: tuple[str, ...]
    link_headers: tuple[str, ...]  # 相关报道：X on one line is one link, not a block to the end
    caption_markers: tuple[str, ...]  # a credit ending a caption line
    caption_openers: tuple[str, ...]  # words opening a caption line (图为)
    furniture_prefixes: tuple[str, ...]
    max_caption_chars: int
    max_heading_chars: int
    max_furniture_chars: int  # a longer line opening like furniture keeps its body
    article_paragraph_chars: int  # a paragraph this long with a sentence end can resume the article
    max_label_chars: int  # a colon this close to a paragraph's start closes a label (网友：)
    report_label: re.Pattern  # an outlet's label opening a line: 【环球网报道】, 环球网报道 记者 王欢␣
    caption_position: re.Pattern  # a photo's position label, （左一）: the line is a caption
    caption_numbered: re.Pattern  # a gallery picture's number opening the line (图 1/5：)
    # a speech verb right before the colon that opens a quotation closing a short line
    # (川普说：「我们不会让步」): a sentence of the body, not a heading
    quote_colon_verbs: tuple[str, ...] = ()


@dataclass
class Lexicons:
    entities: dict[str, Entity]
    aliases: dict[str, str]  # Simplified alias -> entity id
    roles: dict[str, list[RoleHolder]]  # Simplified role phrase -> holders
    cues: dict[str, str]  # Simplified cue -> role
    pronouns: dict[str, str]  # pronoun -> kind (person, other, former, latter, joint, media)
    joint_id: str
    clause_openers: tuple[str, ...]
    subject_stops: tuple[str, ...]
    subject_stop_pattern: re.Pattern
    source_openers: tuple[str, ...]
    relay_words: tuple[str, ...]
    source_tails: tuple[str, ...]
    adverbial_clause_endings: tuple[str, ...]
    cue_blockers_before: tuple[str, ...]
    cue_blockers_after: tuple[str, ...]
    quantifiers: tuple[str, ...]
    negation: re.Pattern
    embedded_clause_words: tuple[str, ...]
    back_reference: re.Pattern
    head_tails: frozenset[str]
    stacking_cues: frozenset[str]
    cue_glue_prefixes: tuple[str, ...]
    cue_glue_words: tuple[str, ...]
    noun_makers: frozenset[str]
    noun_capable_cues: frozenset[str]
    addressee_cues: frozenset[str]
    titles: tuple[str, ...]
    source_heads: tuple[str, ...]
    coordinators: tuple[str, ...]
    jointly_markers: tuple[str, ...]
    quote_pairs: dict[str, str]
    preposition_leads: tuple[str, ...]
    surnames: frozenset[str]
    transliteration_chars: frozenset[str]
    min_transliteration_share: float
    place_endings: tuple[str, ...]  # 欧洲, 江苏省: a surname character opening a place, not a name
    zone_rules: ZoneRules
    fingerprint: str
    models_dir: str = ""  # the folder these were read from (the claims components copy its files in to_disk)
    attribution_steps: tuple[str, ...] = ()  # step names, in the order the attribution engine runs them
    # words and patterns of the attribution steps (extraction.yaml; see pipeline/attribution/lexicon.py)
    addressee_prepositions: tuple[str, ...] = ()
    object_markers: tuple[str, ...] = ()
    time_frame_openers: tuple[str, ...] = ()
    bare_time_frame_endings: tuple[str, ...] = ()
    fronted_phrase_openers: tuple[str, ...] = ()
    fronted_phrase_endings: tuple[str, ...] = ()
    framed_cues: dict[str, str] = field(default_factory=dict)
    list_marker: str = ""
    relative_marker: str = ""
    max_relative_head_chars: int = 0  # 要求匿名的<head>说: a longer head is no relative clause's subject
    book_title_marks: str = ""
    attribution_patterns: dict[str, str] = field(default_factory=dict)
    # word lists of the construction steps (extraction.yaml construction_words: transcripts, lists)
    construction_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # cues that make a claim only with a proposition as object (宣布X, 否认X): with a shorter
    # object than min_proposition_chars they name a thing, not a view (证实此事, 宣布独立)
    propositional_cues: frozenset[str] = frozenset()
    min_proposition_chars: int = 0
    # 谈及X的问题: an object that is X的 + one of these heads is a noun phrase, whatever its length
    noun_object_heads: tuple[str, ...] = ()
    max_head_phrase_chars: int = 0
    event_verbs_before_cue: tuple[str, ...] = ()  # 召开记者会表示: a clause opening so has no subject
    reporter_titles: tuple[str, ...] = ()  # 美联社(现场)记者: an outlet's reporter speaks for the outlet
    definite_determiners: tuple[str, ...] = ()  # 这位/该 + description: an entity named before
    # word lists of the speaker strategies (speaker_resolution.yaml: which entity a subject,
    # pronoun or elided subject stands for; see pipeline/attribution/speakers.py, pronouns.py)
    speaker_rules: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mention_scanner: LiteralScanner = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names = set(self.aliases) | set(self.roles) | set(self.pronouns)
        # the longest name at a position wins: 华盛顿邮报 over 华盛顿, 普京发言人 over 普京
        self.mention_scanner = LiteralScanner(names)

    def user_words(self) -> list[str]:
        """Words jieba must keep whole: names, roles, cues, titles, pronouns, and the words
        that end a subject (答询 must not become a cue 答 before 询)."""
        words = set(self.aliases) | set(self.roles) | set(self.cues) | set(self.titles) | set(self.subject_stops)
        words |= set(self.source_heads) | {p for p in self.pronouns if len(p) > 1}
        return sorted(w for w in words if len(w) > 1 and not w.isascii())

    def glued_cue_words(self) -> list[str]:
        """Words jieba must not keep whole, so that the cue stands alone: an adverb + a
        one-character cue (并称, 时说), an adverb or a source noun + any cue (明确指出, 媒体报道), and
        a pronoun of people or sides + a cue (双方同意; media anaphors such as 报道 are left
        whole: 报道称 is a cue of its own)."""
        adverbs = (p + c for p in self.cue_glue_prefixes for c in self.cues if len(c) == 1)
        # 明确指出, 普遍认为, 媒体报道: dictionary words of an adverb or a source and a cue
        degree = (a + c for a in self.cue_glue_words for c in self.cues)
        subjects = (p + c for p, kind in self.pronouns.items() if kind != "media" for c in self.cues)
        # a word the project keeps whole itself (一致同意 is a cue) is not taken out
        return sorted({*adverbs, *degree, *subjects} - set(self.user_words()))

    def role_holder(
        self, role: str, year: int | None, day: int | None = None, named: frozenset[str] = frozenset()
    ) -> str | None:
        """Who holds ``role`` on the document's date (``day`` as YYYYMMDD when the document
        has a full date, else ``year``). ``named``: the entities the document names; of
        several holders at that date (a rotating spokesperson), the one it names."""
        return resolve_role(self.roles.get(role, []), year, day, named)


def _file_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _tuple(raw: dict, key: str) -> tuple[str, ...]:
    return tuple(simp(str(x)) for x in raw.get(key, []))


def load_registry(path: Path) -> tuple[dict[str, Entity], dict[str, str], dict[str, list[RoleHolder]]]:
    entries = read_yaml(path) or []
    entities: dict[str, Entity] = {}
    aliases: dict[str, str] = {}
    roles: dict[str, list[RoleHolder]] = {}
    for entry in entries:
        eid = simp(entry["id"])
        if eid in entities:
            raise ValueError(f"{path.name}: duplicate id {eid}")
        entities[eid] = Entity(eid, entry.get("type", "person"), simp(entry.get("country", "")))
        names = [eid, *entry.get("aliases", []), *entry.get("english", [])]
        for name in names:
            key = simp(str(name)).strip()
            if key and key not in aliases:
                aliases[key] = eid
        for r in entry.get("roles", []) or []:
            role = simp(r["role"])
            start = day_number(r.get("from")) or 101
            end = day_number(r.get("to"), last=True) or 99991231
            holder = RoleHolder(eid, start // 10000, end // 10000, start, end, bool(r.get("shared", False)))
            roles.setdefault(role, []).append(holder)
    return entities, aliases, roles


def country_forms(entities: dict[str, Entity], aliases: dict[str, str], excluded: tuple[str, ...]) -> dict[str, list[str]]:
    """Each country's names that can open an institution's name or a role: the id and the
    aliases of two characters or more holding the id's first character (中华人民共和国,
    俄罗斯联邦, 欧洲联盟), not a side or government word (中方, 俄罗斯政府: excluded endings)
    and not a metonym (北京, 华府 do not hold it). Longest first."""
    forms: dict[str, list[str]] = {}
    for alias, eid in aliases.items():
        entity = entities[eid]
        if entity.country != eid or len(alias) < 2 or eid[0] not in alias or alias.endswith(excluded):
            continue
        forms.setdefault(eid, []).append(alias)
    return {eid: sorted(names, key=lambda a: (-len(a), a)) for eid, names in forms.items()}


def compose_country_forms(
    entities: dict[str, Entity],
    aliases: dict[str, str],
    roles: dict[str, list[RoleHolder]],
    excluded: tuple[str, ...],
    initialed: tuple[str, ...] = (),
) -> None:
    """An institution or role named with its country (中国海警局, 俄罗斯外交部发言人) is also
    named with the country's other forms (中华人民共和国海警局, 俄罗斯联邦外交部发言人): the
    composed names are added as aliases and roles, where not already listed. A role is also
    named with the first character of a country of ``initialed`` (德国外长 -> 德外长,
    英国首相 -> 英首相), as the press abbreviates them."""
    forms = country_forms(entities, aliases, excluded)
    form_country = {f: eid for eid, names in forms.items() for f in names}
    by_length = sorted(form_country, key=lambda f: (-len(f), f))

    def variants(name: str, extra: dict[str, list[str]]) -> list[str]:
        head = next((f for f in by_length if name.startswith(f) and len(name) > len(f)), None)
        if head is None:
            return []
        country = form_country[head]
        return [f + name[len(head) :] for f in forms[country] + extra.get(country, []) if f != head]

    for alias, eid in sorted(aliases.items()):
        if entities[eid].country == eid:
            continue  # the country's own names
        for composed in variants(alias, {}):
            aliases.setdefault(composed, eid)
    initials = {eid: [eid[0]] for eid in initialed if eid in forms}
    for role in sorted(roles):
        for composed in variants(role, initials):
            roles.setdefault(composed, roles[role])


def load_cues(path: Path) -> dict[str, str]:
    cues: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        rows = (line for line in f if line.strip() and not line.startswith("#"))
        for row in csv.reader(rows, delimiter="\t"):
            cues[simp(row[0].strip())] = row[1].strip()
    return cues


def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or r"(?!x)x")


def _negation_pattern(negators: tuple[str, ...], not_before: dict[str, tuple[str, ...]]) -> re.Pattern:
    """Negators as one pattern; a negator followed by one of its listed characters is part
    of another word (不 in 不仅, 不过) and does not negate."""
    parts = []
    for word in sorted(negators, key=lambda w: (-len(w), w)):
        blocked = "".join(re.escape(c) for c in not_before.get(word, ()))
        parts.append(re.escape(word) + (f"(?![{blocked}])" if blocked else ""))
    return re.compile("|".join(parts) or r"(?!x)x")


@lru_cache(maxsize=4)
def load_lexicons(models_dir: str | Path = DEFAULT_MODELS) -> Lexicons:
    models = Path(models_dir)
    registry_path = models / "speakers.yaml"
    cues_path = models / "cues.tsv"
    rules_path = models / "extraction.yaml"
    resolution_path = models / "speaker_resolution.yaml"
    entities, aliases, roles = load_registry(registry_path)
    rules = read_yaml(rules_path)
    resolution = read_yaml(resolution_path) or {}
    compose_country_forms(
        entities,
        aliases,
        roles,
        _tuple(resolution, "country_form_excluded_endings"),
        _tuple(resolution, "role_initial_countries"),
    )
    pronouns = {simp(p): kind for kind, words in rules["pronouns"].items() for p in words}
    zr = rules["zones"]
    return Lexicons(
        entities=entities,
        aliases=aliases,
        roles=roles,
        cues=load_cues(cues_path),
        pronouns=pronouns,
        joint_id=simp(rules["joint_id"]),
        clause_openers=_tuple(rules, "clause_openers"),
        subject_stops=_tuple(rules, "subject_stops"),
        subject_stop_pattern=re.compile("|".join(rules.get("subject_stop_patterns") or ["(?!x)x"])),
        source_openers=_tuple(rules, "source_openers"),
        relay_words=_tuple(rules, "relay_words"),
        source_tails=_tuple(rules, "source_tails"),
        adverbial_clause_endings=_tuple(rules, "adverbial_clause_endings"),
        cue_blockers_before=_tuple(rules, "cue_blockers_before"),
        cue_blockers_after=_tuple(rules, "cue_blockers_after"),
        quantifiers=_tuple(rules, "quantifiers"),
        negation=_negation_pattern(
            _tuple(rules, "negators"),
            {simp(str(k)): tuple(simp(str(c)) for c in v) for k, v in (rules.get("not_negating_before") or {}).items()},
        ),
        embedded_clause_words=_tuple(rules, "embedded_clause_words"),
        back_reference=_alternation(_tuple(rules, "back_references")),
        head_tails=frozenset(_tuple(rules, "head_tails")),
        stacking_cues=frozenset(_tuple(rules, "stacking_cues")),
        cue_glue_prefixes=_tuple(rules, "cue_glue_prefixes"),
        cue_glue_words=_tuple(rules, "cue_glue_words"),
        noun_makers=frozenset(_tuple(rules, "noun_makers")),
        noun_capable_cues=frozenset(_tuple(rules, "noun_capable_cues")),
        addressee_cues=frozenset(_tuple(rules, "addressee_cues")),
        titles=_tuple(rules, "titles"),
        source_heads=_tuple(rules, "source_heads"),
        coordinators=_tuple(rules, "coordinators"),
        jointly_markers=_tuple(rules, "jointly_markers"),
        quote_pairs=dict(rules["quote_pairs"]),
        preposition_leads=_tuple(rules, "preposition_leads"),
        surnames=frozenset(simp(x) for x in [*rules["names"]["surnames"], *rules["names"].get("japanese_surnames", [])]),
        transliteration_chars=frozenset(simp(rules["names"]["transliteration_chars"])),
        min_transliteration_share=float(rules["names"]["min_transliteration_share"]),
        place_endings=_tuple(rules["names"], "place_endings"),
        zone_rules=ZoneRules(
            tail_block_headers=_tuple(zr, "tail_block_headers"),
            link_headers=_tuple(zr, "link_headers"),
            caption_markers=_tuple(zr, "caption_markers"),
            caption_openers=_tuple(zr, "caption_openers"),
            furniture_prefixes=_tuple(zr, "furniture_prefixes"),
            max_caption_chars=int(zr["max_caption_chars"]),
            max_heading_chars=int(zr["max_heading_chars"]),
            max_furniture_chars=int(zr["max_furniture_chars"]),
            article_paragraph_chars=int(zr["article_paragraph_chars"]),
            max_label_chars=int(zr["max_label_chars"]),
            report_label=report_label_pattern([simp(w) for w in zr["report_words"]]),
            caption_position=re.compile(simp(str(zr.get("caption_position") or r"(?!x)x"))),
            caption_numbered=re.compile(simp(str(zr.get("caption_numbered") or r"(?!x)x"))),
            quote_colon_verbs=tuple(simp(w) for w in zr.get("quote_colon_verbs") or ()),
        ),
        fingerprint=_file_digest([registry_path, cues_path, rules_path, resolution_path]),
        models_dir=str(models),
        attribution_steps=tuple(str(s) for s in rules.get("steps") or ()),
        addressee_prepositions=_tuple(rules, "addressee_prepositions"),
        object_markers=_tuple(rules, "object_markers"),
        time_frame_openers=_tuple(rules, "time_frame_openers"),
        bare_time_frame_endings=_tuple(rules, "bare_time_frame_endings"),
        fronted_phrase_openers=_tuple(rules, "fronted_phrase_openers"),
        fronted_phrase_endings=_tuple(rules, "fronted_phrase_endings"),
        framed_cues={simp(k): simp(v) for k, v in (rules.get("framed_cues") or {}).items()},
        list_marker=simp(rules.get("list_marker", "")),
        relative_marker=simp(rules.get("relative_marker", "")),
        max_relative_head_chars=int(rules.get("max_relative_head_chars", 0)),
        book_title_marks=rules.get("book_title_marks", ""),
        attribution_patterns=dict(rules.get("attribution_patterns") or {}),
        construction_words={k: _tuple(rules["construction_words"], k) for k in rules.get("construction_words") or {}},
        propositional_cues=frozenset(_tuple(rules.get("propositional_cues") or {}, "cues")),
        definite_determiners=_tuple(rules, "definite_determiners"),
        reporter_titles=_tuple(rules, "reporter_titles"),
        event_verbs_before_cue=_tuple(rules, "event_verbs_before_cue"),
        speaker_rules={str(k): _tuple(resolution, k) for k in resolution},
        min_proposition_chars=int((rules.get("propositional_cues") or {}).get("min_object_chars", 0)),
        noun_object_heads=_tuple(rules.get("propositional_cues") or {}, "noun_object_heads"),
        max_head_phrase_chars=int((rules.get("propositional_cues") or {}).get("max_head_phrase_chars", 0)),
    )
