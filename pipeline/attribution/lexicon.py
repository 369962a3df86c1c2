"""The knowledge the engine reads from ``models/``, prepared once per component: word lists
sorted for matching, and the patterns built from ``extraction.yaml`` (quotation marks from
``quote_pairs`` only, so every one of its pairs is honoured by every step)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.attribution.base import TRIM, longest_first
from pipeline.lexicons import Lexicons


def _never() -> re.Pattern:
    return re.compile(r"(?!x)x")


def _chars(chars: str) -> str:
    return "".join(re.escape(c) for c in chars)


@dataclass(frozen=True)
class EngineWords:
    """Word lists sorted longest first, ties in a fixed order (a set's order changes with
    PYTHONHASHSEED, and with it which of two titles of one length matched); tuples, because
    str.startswith takes them whole. Patterns compiled once."""

    openers: tuple[str, ...]  # clause_openers
    stops: tuple[str, ...]  # subject_stops
    source_openers: tuple[str, ...]  # source_openers
    titles: tuple[str, ...]  # titles
    quote_openers: str  # quote_pairs keys
    quote_marks: str  # quote_pairs keys and values
    subject_lead_marks: str  # opening book-title and quotation marks skipped before a subject
    object_lead_chars: str  # a name after one of these is an object (addressee_prepositions, object_markers)
    name_wrapping_marks: str  # marks stripped around a name (book-title and quotation marks)
    drop_book_title_marks: dict[int, None]  # str.translate table removing book-title marks
    turn_head_ends: str  # characters that end a transcript turn's head (colon, comma, opening mark)
    not_punct: re.Pattern  # a character that is neither punctuation nor a closing quotation mark
    clause_end_after_quote: re.Pattern  # where the clause after a quotation ends
    time_tail: re.Pattern
    time_only: re.Pattern
    time_frame_open: re.Pattern
    time_frame_close: re.Pattern

    @classmethod
    def of(cls, lex: Lexicons) -> EngineWords:
        def ordered(words) -> tuple[str, ...]:
            return tuple(sorted(set(words), key=longest_first))

        openers = "".join(lex.quote_pairs)
        closers = "".join(dict.fromkeys(lex.quote_pairs.values()))
        pats = lex.attribution_patterns

        def pattern(key: str) -> re.Pattern:
            return re.compile(pats[key]) if pats.get(key) else _never()

        return cls(
            openers=ordered(lex.clause_openers),
            stops=ordered(lex.subject_stops),
            source_openers=ordered(lex.source_openers),
            titles=ordered(lex.titles),
            quote_openers=openers,
            quote_marks=openers + closers,
            subject_lead_marks=lex.book_title_marks[:1] + openers,
            object_lead_chars="".join(lex.addressee_prepositions + lex.object_markers),
            name_wrapping_marks=lex.book_title_marks + openers + closers,
            drop_book_title_marks=dict.fromkeys(map(ord, lex.book_title_marks)),
            turn_head_ends="：:，,。" + openers,
            not_punct=re.compile("[^" + _chars(TRIM + closers) + "]"),
            clause_end_after_quote=re.compile("[" + _chars("，,。；;：:！？!?\n" + openers) + "]"),
            time_tail=pattern("time_tail"),
            time_only=pattern("time_only"),
            time_frame_open=pattern("time_frame_open"),
            time_frame_close=pattern("time_frame_close"),
        )
