"""The step registry and the per-document state every step receives.

A step is a class registered under a name with :func:`register_step`; it is built with the
:class:`AttributionState` of one document and its ``run()`` adds claims to ``state.claims``.
The order the steps run in is ``steps:`` in ``models/extraction.yaml``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline.attribution.base import SENTENCE_END, SPACE, Speaker
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons

if TYPE_CHECKING:
    from pipeline.attribution.claimset import ClaimSet
    from pipeline.attribution.document import DocumentView
    from pipeline.attribution.pronouns import PronounResolver
    from pipeline.attribution.speakers import SpeakerResolver


@dataclass
class AttributionState:
    """What the steps share for one document: the read-only view, the claims so far, and the
    speaker and pronoun resolvers (which read the claims so far for context)."""

    doc: DocumentView
    claims: ClaimSet
    speakers: SpeakerResolver
    pronouns: PronounResolver
    lex: Lexicons
    cfg: ExtractConfig
    unmasked_text: str = ""  # the text with headings and furniture kept ("" when not given)


class Step(Protocol):
    def run(self) -> None: ...


class StateStep:
    """Base of the steps: their handles on the shared state of one document (the read-only
    view, the claims so far, the resolvers and the data)."""

    def __init__(self, state: AttributionState) -> None:
        self.doc = state.doc
        self.claims = state.claims
        self.speakers = state.speakers
        self.pronouns = state.pronouns
        self.lex = state.lex
        self.cfg = state.cfg

    def ends_sentence(self, pos: int, skip: str = SPACE) -> bool:
        """Nothing but the characters of ``skip`` (blanks; a caller may add closing marks)
        from pos to the end of the sentence or the line."""
        text = self.doc.text
        while pos < len(text) and text[pos] in skip:
            pos += 1
        return pos >= len(text) or text[pos] in SENTENCE_END or text[pos] == "\n"

    def opens_clause(self, pos: int) -> bool:
        cs = self.doc.clause_start(self.doc.sentence_start(pos), pos)
        lead = self.doc.text[cs:pos].strip(" \t\u3000" + self.doc.words.subject_lead_marks)
        return lead == "" or lead in self.lex.clause_openers or lead in self.lex.source_openers

    def media_word_subject(self, prefix: str, cstart: int) -> Speaker | None:
        """报道指出，X: a media anaphor as the whole subject (pronouns: media) is the outlet last
        named before it; with none named, the word itself stands as the source."""
        word = prefix.strip(" \t\u3000")
        for opener in self.doc.openers if word.startswith(self.doc.openers) else ():  # (in C: usually none)
            if word.startswith(opener) and self.lex.pronouns.get(word[len(opener) :]) == "media":
                word = word[len(opener) :]
                break
        if self.lex.pronouns.get(word) != "media":
            return None
        s = cstart + prefix.find(word)
        floor = max(0, s - self.cfg.context_chars)
        # an outlet standing as a clause's subject (塔斯社报道…), not one named in passing (接受塔斯社访问)
        outlets = [
            m
            for m in self.doc.mentions_in(floor, s)
            if m.entity and self.doc.type_of(m.entity) == "media" and self.opens_clause(m.start)
        ]
        if outlets:
            return Speaker(outlets[-1].entity, word, s, s + len(word), "pronoun", "media", "media_anaphor")
        return Speaker(word, word, s, s + len(word), "source", "media", "media_word_unnamed")


# doc.user_data key of the Simplified text with no zone blanked: a transcript's lead or headline
# (外交部发言人华春莹主持记者会) names who answers, though it holds no claims itself
UNMASKED_TEXT_KEY = "claims_unmasked_text"
# doc.user_data key of the document's date as given (2015-08-10, 2015-08, 2015 or None): a role
# resolves to whoever held it that day (doc._.year alone cannot tell 2015-03 from 2015-09)
DOCUMENT_DATE_KEY = "claims_document_date"

STEPS: dict[str, Callable[[AttributionState], Step]] = {}


def register_step(name: str):
    def add(cls):
        if name in STEPS:
            raise ValueError(f"attribution step {name!r} registered twice")
        STEPS[name] = cls
        return cls

    return add
