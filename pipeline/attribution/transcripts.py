"""Step ``transcript_turns``: 发言人扎哈罗娃：… — a paragraph opening with a named source
and a colon is that source's turn. Rule: transcript_turn. Data: extraction.yaml (titles,
quote_pairs), cues.tsv (question words), params.yaml extract.max_speaker_chars."""

from __future__ import annotations

from pipeline.attribution.base import Cue
from pipeline.attribution.registry import AttributionState, register_step


@register_step("transcript_turns")
class TranscriptTurns:
    def __init__(self, state: AttributionState) -> None:
        self.doc = state.doc
        self.claims = state.claims
        self.speakers = state.speakers
        self.pronouns = state.pronouns
        self.lex = state.lex
        self.cfg = state.cfg

    def run(self) -> None:
        self._transcript_turns()

    def _transcript_turns(self) -> None:
        """发言人扎哈罗娃：… — a paragraph opening with a named source and a colon is
        that source's turn (a direct claim with no cue)."""
        for ps, pe in self.doc.paragraphs:
            s = ps
            while s < pe and self.doc.text[s] in " \t\u3000":
                s += 1
            colon = s
            limit = min(pe, s + self.cfg.max_speaker_chars // 2)
            while colon < limit and self.doc.text[colon] not in self.doc.words.turn_head_ends:
                colon += 1
            if colon >= limit or self.doc.text[colon] not in "：:" or colon == s:
                continue
            start = colon + 1
            if pe - start < 6 or self.doc.text[start] in self.lex.quote_pairs or self.claims.taken(start, pe):
                continue
            head = self.doc.text[s:colon]
            if any(w in head for w, role in self.lex.cues.items() if role == "question"):
                continue
            if not any(m.kind != "pronoun" for m in self.doc.mentions_in(s, colon)) and not any(
                t in head for t in self.lex.titles
            ):
                continue
            speaker = self.speakers.speaker_from_phrase(s, colon, Cue(colon, colon, "", "speech", False))
            if speaker is not None:
                self.claims.add(start, pe, "direct", speaker, Cue(colon, colon, "", "transcript", False), rule="transcript_turn")
