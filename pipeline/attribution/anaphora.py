"""Step ``demonstrative_sources``: a source written as a demonstrative and a description
(这名官员, 这位美国领导人) or as a bare title (官员表示) points back to a source already in the
text, not to the nearest named person.

Speaker rule: demonstrative_source (the last source whose id ends with the same head:
一名美国高阶官员表示…。官员说… → 美国高阶官员; speakers.py resolves most 这位/这名 descriptions
itself, as definite_description). Claims whose speaker was carried over from a re-read one (elided
subjects) follow it. Runs last. Data: extraction.yaml (construction_words: demonstratives;
titles), params.yaml extract.context_chars."""

from __future__ import annotations

from pipeline.attribution.base import Claim, Speaker
from pipeline.attribution.quoted import FOLLOWS_PREVIOUS_CLAIM
from pipeline.attribution.registry import AttributionState, StateStep, register_step


@register_step("demonstrative_sources")
class DemonstrativeSources(StateStep):
    def __init__(self, state: AttributionState) -> None:
        super().__init__(state)
        self.demonstratives = tuple(
            sorted(state.lex.construction_words.get("demonstratives", ()), key=len, reverse=True)
        )
        self.titles = self.doc.titles  # longest first

    def run(self) -> None:
        ordered = sorted(self.claims.found, key=lambda c: c.cue_start)
        moved: dict[tuple[int, int, str], Speaker] = {}  # (mention start, end, old id) -> new speaker
        for k, claim in enumerate(ordered):
            sp = claim.speaker
            if sp.rule == FOLLOWS_PREVIOUS_CLAIM:  # a bare quotation after a claim: that claim's speaker
                prev = max((c for c in ordered[:k] if c.end <= claim.start), key=lambda c: c.end, default=None)
                if prev is not None and prev.speaker.id != sp.id:
                    new = prev.speaker
                    claim.speaker = Speaker(new.id, sp.mention, sp.start, sp.end, sp.resolution, new.entity_type, sp.rule)
                continue
            key = (sp.start, sp.end, sp.id)
            if key in moved:  # carried over from a claim re-read here
                new = moved[key]
                claim.speaker = Speaker(new.id, sp.mention, sp.start, sp.end, sp.resolution, new.entity_type, sp.rule)
                continue
            head = self._anaphoric_head(sp.mention.strip())
            if head is None:
                continue
            new = self._antecedent(head, sp, ordered[:k])
            if new is not None and new.id != sp.id:
                moved[key] = new
                claim.speaker = new

    def _anaphoric_head(self, mention: str) -> str | None:
        """这名官员 -> 官员; a bare title (官员) -> itself; anything else -> None."""
        for d in self.demonstratives:
            if mention.startswith(d) and len(mention) > len(d):
                return mention[len(d) :]
        if mention in self.lex.titles:
            return mention
        return None

    def _antecedent(self, head: str, sp: Speaker, before: list[Claim]) -> Speaker | None:
        title = next((t for t in self.titles if head.endswith(t)), None)
        if title is None:
            return None
        floor = sp.start - 2 * self.cfg.context_chars
        # the last source of the same kind: a fuller description ending with the same title
        for c in reversed(before):
            if c.speaker.start < floor:
                break
            cid = c.speaker.id
            if cid != head and cid.endswith(title):
                return Speaker(cid, sp.mention, sp.start, sp.end, "context", c.speaker.entity_type, "demonstrative_source")
        if head != title:
            return None
        # a bare title (发言人说) after a person introduced with it (白宫发言人普萨基表示): that person
        for c in reversed(before):
            if c.speaker.start < floor:
                break
            if c.speaker.entity_type == "person" and title in c.speaker.mention:
                return Speaker(
                    c.speaker.id, sp.mention, sp.start, sp.end, "context", "person", "demonstrative_source"
                )
        return None
