"""Mentions: registry names and roles (``speakers.yaml``) and pronouns (``extraction.yaml``)."""

from __future__ import annotations

import itertools
import re

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from pipeline.attribution.base import Mention, ascii_word_boundary, doc_text
from pipeline.attribution.component import KnowledgeComponent, span_group
from pipeline.attribution.names import transliterated_name_at
from pipeline.attribution.registry import DOCUMENT_DATE_KEY
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons, day_number

FULL_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
SHORT_ALIAS_CHARS = 2  # an alias this short can be the tail of a longer transliterated name (鲍尔 in 赫夫鲍尔)
GLUED_SYLLABLES = 2  # transliteration characters glued before it that make it such a tail


class MentionTagger(KnowledgeComponent):
    """Registry names, role phrases and pronouns, on token boundaries where it matters."""

    def __init__(self, lex: Lexicons | None, cfg: ExtractConfig | None = None) -> None:
        self.lex = lex
        self.cfg = cfg or ExtractConfig()

    def __call__(self, doc: Doc) -> Doc:
        self.lex or self.knowledge()
        arr = doc.to_array([IDX, LENGTH])
        starts = set(arr[:, 0].tolist())
        ends = set((arr[:, 0] + arr[:, 1]).tolist())
        year = doc._.year
        day = _full_day(doc.user_data.get(DOCUMENT_DATE_KEY))
        mentions: list[Mention] = []
        text_of_doc = doc_text(doc)
        roles: list[tuple[int, int, str]] = []
        for s, e in self.lex.mention_scanner.spans(text_of_doc):
            text = text_of_doc[s:e]
            if text in self.lex.pronouns:
                if s not in starts or e not in ends:
                    continue  # 他 inside 其他
                mentions.append(Mention(s, e, text, "pronoun", None, self.lex.pronouns[text]))
            elif text in self.lex.aliases:
                aligned = (s in starts) + (e in ends)
                if not text.isascii() and aligned < (2 if len(text) == 1 else 1):
                    continue  # 明报 inside 说明/报告 is no name; 普京 inside 向普京 is
                if text.isascii() and not ascii_word_boundary(text_of_doc, s, e):
                    continue
                if self._tail_of_longer_name(text_of_doc, s, e, mentions):
                    continue  # 鲍尔 inside 加里·赫夫鲍尔: the end of a name the registry lacks
                if self._given_name_after_title(text_of_doc, s, e):
                    continue  # 安华 inside 首席经济学家丁安华: the given name of an unlisted person
                mentions.append(Mention(s, e, text, "alias", self.lex.aliases[text]))
            else:
                roles.append((len(mentions), s, e))
                mentions.append(Mention(s, e, text, "role", None))
        if roles:
            # a role several people hold at once resolves to the one its paragraph introduces with
            # a role (外交部发言人毛宁主持记者会。…外交部发言人表示); further away, it stays as written
            titled = _titled_names(mentions)
            paragraphs = doc._.paragraphs or [(0, len(text_of_doc))]
            if year is None and day is None:
                day = _era_end(mentions, self.lex)  # an undated page: the era its titled names place it in
            alias_starts = {m.start for m in mentions if m.kind == "alias"}
            for k, s, e in roles:
                text = mentions[k].text
                if e not in alias_starts and transliterated_name_at(text_of_doc, e, self.lex):
                    # 俄外长马尔蒂内斯: the title belongs to the unlisted name after it, not to
                    # the registry's holder of the role
                    mentions[k] = Mention(s, e, text, "role", None)
                    continue
                ps, pe = next(((a, b) for a, b in paragraphs if a <= s < b), (0, len(text_of_doc)))
                named = frozenset(ent for pos, ent in titled if ps <= pos < pe)
                mentions[k] = Mention(s, e, text, "role", self.lex.role_holder(text, year, day, named))
        doc._.mentions = mentions
        span_group(doc, self.spans_key, mentions, lambda m: m.kind)
        return doc

    def _tail_of_longer_name(self, text: str, s: int, e: int, mentions: list[Mention]) -> bool:
        """A short alias glued after transliteration characters that no mention accounts for
        (赫夫|鲍尔): the last syllables of a longer transliterated name, not the listed person."""
        if e - s > SHORT_ALIAS_CHARS or s < GLUED_SYLLABLES:
            return False
        if any(m.end == s for m in mentions[-2:]):
            return False  # 马克龙普京: two listed names side by side
        return all(c in self.lex.transliteration_chars for c in text[s - GLUED_SYLLABLES : s])

    def _given_name_after_title(self, text: str, s: int, e: int) -> bool:
        """A short alias glued after a surname that itself follows a title (经济学家丁|安华): the
        given name of an unlisted Chinese person, written title + surname + given name."""
        if e - s > SHORT_ALIAS_CHARS or s < 2 or text[s - 1] not in self.lex.surnames:
            return False
        if text[s - 1] in self.lex.preposition_leads:
            return False  # 总统向普京: a preposition (that is also a surname), then the listed name
        return text[: s - 1].endswith(self.lex.titles)


def _titled_names(mentions: list[Mention]) -> list[tuple[int, str]]:
    """People named right after a role phrase (发言人毛宁), with where: who the text says holds it."""
    return [
        (m.start, m.entity)
        for before, m in itertools.pairwise(mentions)
        if m.kind == "alias" and m.entity and before.kind == "role" and before.end == m.start
    ]


def _era_end(mentions: list[Mention], lex: Lexicons) -> int | None:
    """The last day of the era an undated document is placed in by the people it names with a
    role (美国总统拜登: 2021-01-20..2025-01-19; 国务卿布林肯: ..2025-01-20): the end of the
    intersection of their terms. None when no such pair, an open era, or terms that disagree."""
    lo, hi, seen = 0, 99991231, False
    for before, m in itertools.pairwise(mentions):
        if before.kind != "role" or m.kind != "alias" or before.end != m.start:
            continue
        terms = [h for h in lex.roles.get(before.text, []) if h.entity_id == m.entity]
        if not terms:
            continue
        seen = True
        lo = max(lo, min(h.start_day for h in terms))
        hi = min(hi, max(h.end_day for h in terms))
    if not seen or lo > hi or hi == 99991231:
        return None
    return hi


def _full_day(date: object) -> int | None:
    """The document's date as YYYYMMDD when it names a day (2015-08-10); None for a year or a
    month alone, which resolve by the year (the holder of most of it)."""
    text = str(date or "").strip()
    return day_number(text) if FULL_DATE.match(text) else None
