"""Targets: the entity a claim is aimed at (an addressee, else an entity named in it)."""

from __future__ import annotations

from pipeline.attribution.base import Speaker
from pipeline.attribution.document import DocumentView


def target_in(doc: DocumentView, start: int, end: int, speaker: Speaker) -> str:
    """The first entity named in the claim that is not its speaker."""
    for m in doc.mentions_in(start, end):
        if m.kind != "pronoun" and m.entity and m.entity != speaker.id:
            return m.entity
    return ""


def addressee(doc: DocumentView, cstart: int, cue_start: int) -> str:
    """向普京表示 / 对记者称: the entity right after the preposition is the target."""
    for m in doc.mentions_in(cstart, cue_start):
        if m.kind != "pronoun" and m.entity and m.start > 0 and doc.text[m.start - 1] in doc.lex.addressee_prepositions:
            return m.entity
    return ""
