"""A read-only view of one document for the attribution steps: its text, sentences,
paragraphs, quotes, cues and mentions, with the position indexes every step looks up.

No step writes here; what steps share as they go is in :class:`ClaimSet`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from pipeline.attribution.base import (
    CLAUSE_DELIMS,
    CLAUSE_MARK,
    CLAUSE_WINDOW,
    CLOSE_PARENS,
    DASH_INTRODUCER,
    INTRODUCERS,
    LATIN_GLOSS,
    OPEN_PARENS,
    SENTENCE_END,
    SPACE,
    TRIM,
    Cue,
    Mention,
    Quote,
    doc_text,
    inside_index,
)
from pipeline.attribution.lexicon import EngineWords
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons

# a run of printable ASCII and blanks; within it, a digit followed later by a blank
ASCII_RUN = re.compile("[\x20-\x7e\t\u3000]+")
DIGIT_THEN_BLANK = re.compile("[0-9][^\t \u3000]*[\t \u3000]")
CLOSE_OR_LINE = re.compile("[" + re.escape(CLOSE_PARENS) + "\n]")


class DocumentView:
    """The document as the steps see it (Simplified body text, original offsets)."""

    def __init__(self, doc: Doc, lex: Lexicons, cfg: ExtractConfig, words: EngineWords) -> None:
        self.lex = lex
        self.cfg = cfg
        # word lists sorted longest first (see EngineWords)
        self.openers = words.openers
        self.stops = words.stops
        self.source_openers = words.source_openers
        self.titles = words.titles
        self.source_tails = sorted(lex.source_tails, key=len, reverse=True)  # longest first, once per document
        self.words = words
        self.text = doc_text(doc)
        self.year = doc._.year
        self.quotes: list[Quote] = doc._.quotes or []
        self.cues: list[Cue] = doc._.cues or []
        self.mentions: list[Mention] = doc._.mentions or []
        self.sentences: list[tuple[int, int]] = doc._.sentences or [(0, len(self.text))]
        self.paragraphs: list[tuple[int, int]] = doc._.paragraphs or [(0, len(self.text))]
        self.inside = inside_index(self.quotes, len(self.text))
        self.quote_at_open = {q.start - 1: q for q in self.quotes}
        self.quote_open_positions = sorted(self.quote_at_open)  # (quote_clause_in looks only there)
        self.quote_at_close = {q.end: q for q in self.quotes}
        self.quote_starts = [q.start for q in self.quotes]
        # position indexes, so every lookup is local (linear time on long texts)
        self.mention_at = {m.start: m for m in self.mentions}
        self.mention_starts = [m.start for m in self.mentions]
        self.cue_starts = [c.start for c in self.cues]
        self.question_cues = [c for c in self.cues if c.role == "question"]
        self.question_starts = [c.start for c in self.question_cues]
        self.person_mentions = [
            m for m in self.mentions if m.kind != "pronoun" and m.entity and self.type_of(m.entity) == "person"
        ]
        self.person_starts = [m.start for m in self.person_mentions]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraph_starts = [p for p, _ in self.paragraphs]
        self.in_mention = bytearray(len(self.text) + 1)
        for m in self.mentions:
            self.in_mention[m.start : m.end] = b"\x01" * (m.end - m.start)
        self.clause_bounds = self.clause_boundaries()


    def mentions_in(self, a: int, b: int) -> list[Mention]:
        """Mentions starting in [a, b)."""
        return self.mentions[bisect_left(self.mention_starts, a) : bisect_left(self.mention_starts, b)]

    def cues_in(self, a: int, b: int) -> list[Cue]:
        return self.cues[bisect_left(self.cue_starts, a) : bisect_left(self.cue_starts, b)]

    def group(self, items, pos) -> dict[int, list]:
        out: dict[int, list] = {}
        idx = 0
        for item in sorted(items, key=pos):
            p = pos(item)
            while idx < len(self.sentences) and self.sentences[idx][1] <= p:
                idx += 1
            if idx < len(self.sentences) and self.sentences[idx][0] <= p:
                out.setdefault(idx, []).append(item)
        return out

    def clause_boundaries(self) -> list[int]:
        """Positions where a clause starts: after a delimiter, a sentence end, a line
        break or a closing quotation mark, outside quotes and brackets. One pass."""
        text = self.text
        bounds: list[int] = []
        depth = 0
        opened = -1
        # only brackets, delimiters, line breaks and closing quotation marks matter
        marks = sorted({m.start() for m in CLAUSE_MARK.finditer(text)}.union(self.quote_at_close))
        for i in marks:
            if depth and i - opened > CLAUSE_WINDOW:
                depth = 0  # an unclosed bracket does not hide the rest of the paragraph
            ch = text[i]
            if ch in OPEN_PARENS:
                if not self._bracket_closes(i):
                    continue  # an unclosed bracket (scraping residue) hides no delimiter
                if depth == 0:
                    opened = i
                depth += 1
            elif ch in CLOSE_PARENS:
                depth = max(depth - 1, 0)
            elif ch == "\n":
                depth = 0
                bounds.append(i + 1)
            if depth == 0 and not self.inside[i]:
                if ch in CLAUSE_DELIMS or ch in SENTENCE_END:
                    bounds.append(i + 1)
                elif i in self.quote_at_close and self._quote_is_clause(self.quote_at_close[i]):
                    bounds.append(i + 1)
        return bounds

    def _bracket_closes(self, i: int) -> bool:
        """A closing bracket follows the one opened at i on its line, within CLAUSE_WINDOW."""
        m = CLOSE_OR_LINE.search(self.text, i + 1, i + 1 + CLAUSE_WINDOW)
        return m is not None and m.group() != "\n"

    def _quote_is_clause(self, q: Quote) -> bool:
        """A quotation closes a clause when it stands as one: it opens its clause
        (“X，”普京说) or ends with punctuation of its own (…他说“X。”他还说). A quoted name or
        term inside a clause (接受“今日俄罗斯”电视台采访时说) does not end the clause."""
        if q.end > q.start and self.text[q.end - 1] in TRIM:
            return True
        k = q.start - 2
        while k >= 0 and self.text[k] in SPACE:
            k -= 1
        return k < 0 or self.text[k] in CLAUSE_DELIMS or self.text[k] in SENTENCE_END or self.text[k] in "\n\r"

    def clause_start(self, ss: int, pos: int) -> int:
        """Just after the last clause boundary before pos, within the sentence and at
        most CLAUSE_WINDOW characters back (no subject is longer)."""
        floor = max(ss, pos - CLAUSE_WINDOW)
        k = bisect_right(self.clause_bounds, pos) - 1
        start = self.clause_bounds[k] if k >= 0 and self.clause_bounds[k] >= floor else floor
        return self._skip_ascii_noise(start, pos)

    def _skip_ascii_noise(self, start: int, pos: int) -> int:
        """date 2025-08-14 法国总统… / z6 i a9 I5.39.217.76蒲亭…: a run of Latin letters, digits
        and blanks with a digit followed by a blank, glued before the clause's Chinese words, is
        a dateline or scraping residue, no part of the subject (CNN报道, G7领导人 stay whole)."""
        m = ASCII_RUN.match(self.text, start, pos)
        if m is None or m.end() >= pos or DIGIT_THEN_BLANK.search(m.group()) is None:
            return start
        return m.end()

    def content_start(self, pos: int) -> int:
        n = len(self.text)
        while pos < n and self.text[pos] in SPACE:
            pos += 1
        if pos < n and self.text[pos] in "：:，,":
            pos += 1
        elif self.text.startswith(DASH_INTRODUCER, pos):
            pos += len(DASH_INTRODUCER)  # 普京说——「…」: the dash stands for the colon
        while pos < n and self.text[pos] in SPACE:
            pos += 1
        return pos

    def next_paragraph(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.paragraph_starts, pos)
        if i < len(self.paragraphs):
            ps, pe = self.paragraphs[i]
            if self.text[pos:ps].strip(SPACE + "\r\n" + INTRODUCERS) == "":
                return ps, pe
        return None

    def previous_sentence(self, ss: int) -> tuple[int, int] | None:
        i = bisect_left(self.sentence_starts, ss) - 1
        prev = self.sentences[i] if i >= 0 and self.sentences[i][1] <= ss else None
        if prev is None or "\n\n" in self.text[prev[1] : ss]:
            return None
        return prev

    def only_punct(self, a: int, b: int) -> bool:
        # all(ch in TRIM or ch in "”」』’\"" for ch in self.text[a:b]), without copying a span
        # that may run to the end of the document (a >= 0 at every call)
        return self.words.not_punct.search(self.text, a, b) is None

    def mention_starting_at(self, pos: int) -> Mention | None:
        return self.mention_at.get(pos)

    def is_in_mention(self, pos: int) -> bool:
        return bool(self.in_mention[pos])

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i][0]
        return max(0, pos - 200)

    def clause_group_end(self, start: int, limit: int) -> int:
        end = limit
        # the content never runs past a paragraph break
        nl = self.text.find("\n", start, end)
        if nl >= 0:
            end = nl
        return end

    def quotes_in(self, a: int, b: int) -> list[Quote]:
        """Quotations whose text starts in [a, b)."""
        return self.quotes[bisect_left(self.quote_starts, a) : bisect_left(self.quote_starts, b)]

    def quote_clause_in(self, start: int, end: int) -> int | None:
        """Position just inside a quotation that opens a later clause of [start, end)."""
        # only the opening marks of quotations can answer: visit those in (start, end), in order
        opens = self.quote_open_positions
        for i in opens[bisect_right(opens, start) : bisect_left(opens, end)]:
            if self.inside[i - 1] if i - 1 >= 0 else False:
                continue
            if self.text[i - 1] in "，,；;" and i in self.quote_at_open:
                q = self.quote_at_open[i]
                if q.end >= end - 2 or self.only_punct(q.end + 1, end):
                    return i + 1
        return None

    def strip_source_tail(self, s: int, e: int) -> int:
        text = self.text[s:e].rstrip()
        e = s + len(text)
        for tail in self.source_tails:
            if text.endswith(tail) and len(text) > len(tail):
                return e - len(tail)
        return e

    def subject_end(self, s: int, e: int) -> int:
        """The subject ends at the first adverbial or preposition (not inside a name)."""
        text = self.text
        i = s
        depth = 0
        while i < e:
            ch = text[i]
            if ch in OPEN_PARENS:
                depth += 1
            elif ch in CLOSE_PARENS:
                depth = max(depth - 1, 0)
            elif depth == 0 and i > s:
                m = self.mention_starting_at(i)
                if m is not None and m.kind != "pronoun":
                    i = m.end
                    continue
                if ch.isdigit() or self.lex.subject_stop_pattern.match(text, i):
                    return i
                if text.startswith(self.stops, i):
                    return i
            elif depth == 0 and i == s:
                m = self.mention_starting_at(i)
                if m is not None:
                    i = m.end
                    continue
                if text.startswith(self.lex.preposition_leads, i):
                    return s  # 向普京表示: a prepositional phrase, the subject is elided
            i += 1
        return e

    def persons_before(self, pos: int, limit_sentences: int) -> list[str]:
        i = bisect_left(self.sentence_starts, pos)
        floor = self.sentence_starts[max(0, i - limit_sentences)] if i else pos
        floor = max(floor, pos - CLAUSE_WINDOW * limit_sentences)
        out: list[str] = []
        mentions = [m for m in self.mentions_in(floor, pos) if m.kind != "pronoun" and m.entity]
        # a role right before a name is that person's title (德国总理梅尔茨), not a second person
        # the role resolves to by date
        named_at = {m.start for m in mentions if m.kind != "role"}
        for m in mentions:
            if m.kind == "role" and m.end in named_at:
                continue
            if self.type_of(m.entity) == "person":
                if not out or out[-1] != m.entity:
                    if m.entity in out:
                        out.remove(m.entity)
                    out.append(m.entity)
        return out

    def cue_at_clause_end(self, start: int, end: int, questions: bool = False) -> Cue | None:
        # end - start <= max_speaker_chars + len(cue.text) means the cue starts within
        # max_speaker_chars of start: later cues are not looked at (the clause may be long)
        # English glosses in brackets (麦克尔·邱(Michael Khoo)) do not count towards the length
        reach = min(end, start + 3 * self.cfg.max_speaker_chars)
        gloss = sum(len(m.group()) for m in LATIN_GLOSS.finditer(self.text, start, reach))
        for cue in self.cues_in(start, min(end, start + self.cfg.max_speaker_chars + gloss + 1)):
            if cue.end <= end and not cue.in_quote and (cue.role != "question" or questions):
                if end - start - gloss <= self.cfg.max_speaker_chars + len(cue.text) and self.only_punct(cue.end, end):
                    return cue
        return None

    def type_of(self, entity_id: str) -> str:
        ent = self.lex.entities.get(entity_id)
        return ent.type if ent else "unknown"

    def country_of(self, entity_id: str) -> str:
        ent = self.lex.entities.get(entity_id)
        return ent.country if ent else entity_id
