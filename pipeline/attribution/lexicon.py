"""The knowledge the engine reads from ``models/``, prepared once per component."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.attribution.base import longest_first
from pipeline.lexicons import Lexicons


@dataclass(frozen=True)
class SortedWords:
    """Word lists of ``extraction.yaml`` sorted longest first, ties in a fixed order: a set's
    order changes with PYTHONHASHSEED, and with it which of two titles of one length matched.
    Tuples, because str.startswith takes them whole (one C call per position)."""

    openers: tuple[str, ...]  # clause_openers
    stops: tuple[str, ...]  # subject_stops
    source_openers: tuple[str, ...]  # source_openers
    titles: tuple[str, ...]  # titles

    @classmethod
    def of(cls, lex: Lexicons) -> SortedWords:
        def ordered(words) -> tuple[str, ...]:
            return tuple(sorted(set(words), key=longest_first))

        return cls(
            ordered(lex.clause_openers), ordered(lex.subject_stops), ordered(lex.source_openers), ordered(lex.titles)
        )
