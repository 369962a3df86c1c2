"""Shared pieces of the attribution engine: the records it passes around (quotes, cues,
mentions, speakers, claims), the Doc extensions, and character-class constants.

Nothing here knows a Chinese word: punctuation classes only; words live in ``models/``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.lexicons import any_char_of

CLAUSE_WINDOW = 160  # characters a clause start is searched back for
CLAUSE_DELIMS = frozenset("，,；;：:")
SENTENCE_END = frozenset("。！？!?")
SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u202f\u200b\u200c\u200d\u2060\ufeff"  # blanks, no-break and zero-width ones
TRIM = "。，,；;！!？?：:、\r\n…" + SPACE
OPEN_PARENS = "(（["
CLOSE_PARENS = ")）]"
LATIN_GLOSS = re.compile(r"[（(][^（）()]*[A-Za-z][^（）()]*[）)]")
PARENTHETICAL = re.compile(r"[（(][^（）()]{0,60}[）)]")
HAN = re.compile(r"[\u4e00-\u9fff]")
# emoji, symbols and zero-width characters: never part of a name
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]")
NAME_DOT = "·•‧・"
CLAUSE_MARK = any_char_of(frozenset(OPEN_PARENS + CLOSE_PARENS + "\n") | CLAUSE_DELIMS | SENTENCE_END)

TEXT_KEY = "claims_text"  # where the tokenizer leaves the Doc's text (Doc.text rebuilds it per call)


def doc_text(doc: Doc) -> str:
    """The Doc's text, read once per Doc: ``Doc.text`` joins every token each time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


for _name, _default in [
    ("quotes", None),
    ("cues", None),
    ("mentions", None),
    ("claims", None),
    ("sentences", None),
    ("paragraphs", None),
    ("year", None),
]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # the closing mark's offset
    open_mark: str


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    role: str
    in_quote: bool


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # alias | role | pronoun
    entity: str | None  # for alias and role
    pronoun: str | None = None  # pronoun kind


@dataclass
class Speaker:
    id: str
    mention: str
    start: int
    end: int
    resolution: str  # name | role | title | source | pronoun | context | joint
    entity_type: str = "unknown"
    rule: str = ""  # the strategy that chose this speaker (speaker_rule in the claims table)


@dataclass
class Candidate:
    cue: Cue
    clause_start: int
    speaker: Speaker | None
    status: str  # named | elided | negated (no claim, but it bounds the claim before)
    content_start: int | None = None


@dataclass
class Claim:
    start: int
    end: int
    kind: str
    speaker: Speaker
    cue: str
    cue_role: str
    cue_start: int
    target: str = ""
    confidence: float = 0.8
    rule: str = ""  # the construction that found the claim (see models/README.md)


def ascii_word_boundary(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def inside_index(quotes: list[Quote], n: int) -> bytearray:
    flags = bytearray(n + 1)
    for q in quotes:
        flags[q.start : q.end] = b"\x01" * (q.end - q.start)
    return flags


def longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def dedupe(claims: list[Claim]) -> list[Claim]:
    """Claims sorted by (start, end) -> no two overlapping: where spans overlap, the
    one that starts first (the shorter, on equal starts) is kept."""
    out: list[Claim] = []
    for c in claims:
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out


# an addressee clause after an appeal cue: at most this many characters (民众, 在野党, 美方)
MAX_ADDRESSEE_CHARS = 8


def appeal_addressee_end(text: str, cue_text: str, end: int, lex) -> int | None:
    """呼吁民众，X / 提醒农友，X: an appeal cue (construction_words appeal_cues) whose first clause
    names only a party (a registry name, a pronoun, object_parties, or a word ending in a source
    head or title: 民众, 在野党) and is closed by a comma with more words after it: that clause is
    whom the appeal addresses, X what was said. Where X starts, or None."""
    if cue_text not in lex.construction_words.get("appeal_cues", ()):
        return None
    k = end
    while k < len(text) and k - end <= MAX_ADDRESSEE_CHARS and text[k] not in CLAUSE_DELIMS and text[k] not in SENTENCE_END:
        k += 1
    if k >= len(text) or text[k] not in "，," or k == end:
        return None
    party = text[end:k].strip(SPACE)
    named = (
        party in lex.aliases
        or party in lex.pronouns
        or party in lex.construction_words.get("object_parties", ())
        or party.endswith(tuple(lex.source_heads))
        or party.endswith(tuple(lex.titles))
    )
    rest = k + 1
    while rest < len(text) and text[rest] in SPACE:
        rest += 1
    if not named or rest >= len(text) or text[rest] in SENTENCE_END or text[rest] == "\n":
        return None
    return rest
