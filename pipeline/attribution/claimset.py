"""The claims found so far in one document: the state the steps share.

Steps add claims here and ask it which characters are taken and which claims came
before a position (pronouns and elided subjects read the discourse from it). A direct
claim whose quotation opens with questions keeps only the answer after them (a question
is no claim); the question's characters are reserved, so no later step claims them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from pipeline.attribution.base import Claim, Cue, Speaker, dedupe, trim_span
from pipeline.attribution.document import DocumentView
from pipeline.attribution.targets import target_in

QUESTION_MARKS = "？?"  # punctuation: a sentence so ended asks and claims nothing
INNER_QUOTE_OPENERS = "‘“「『"  # punctuation: a question inside inner marks is reported, not asked


def after_leading_questions(text: str, start: int, end: int) -> int:
    """「谁在扩张？是北约在扩张。」: where the answer starts in a quotation that opens with
    one or more questions and goes on to state something; start when it opens with a
    statement, asks only, or the rest after the questions is no sentence of its own."""
    k = start
    answer = start
    while k < end:
        mark = next((j for j in range(k, end) if text[j] in QUESTION_MARKS or text[j] in "。！!；;\n" + INNER_QUOTE_OPENERS), -1)
        if mark < 0 or text[mark] not in QUESTION_MARKS:
            break  # the next sentence states (or quotes someone): the answer starts at the last question's end
        answer = k = mark + 1
        while k < end and text[k] in QUESTION_MARKS:
            k += 1  # ？？ / ?!
        answer = k
    rest_start, rest_end = trim_span(text, answer, end)
    return answer if answer > start and rest_end - rest_start >= 2 else start


class ClaimSet:
    def __init__(self, doc: DocumentView) -> None:
        self.doc = doc
        self.found: list[Claim] = []
        self.claimed = bytearray(len(doc.text) + 1)  # 1 where a claim's text lies
        self.claim_cue_starts: list[int] = []  # sorted, parallel to claims_by_cue
        self.claims_by_cue: list[Claim] = []

    def result(self) -> list[Claim]:
        """The claims in text order, no two overlapping."""
        self.found.sort(key=lambda c: (c.start, c.end))
        return dedupe(self.found)

    def taken(self, a: int, b: int) -> bool:
        return self.claimed.find(1, a, b) != -1

    def recent_claims(self, pos: int) -> Iterator[Claim]:
        """Claims whose cue comes before pos, nearest first."""
        for k in range(bisect_left(self.claim_cue_starts, pos) - 1, -1, -1):
            yield self.claims_by_cue[k]

    def add(
        self, start: int, end: int, kind: str, speaker: Speaker, cue: Cue, target: str = "", *, rule: str
    ) -> None:
        if not rule or not speaker.rule:
            raise ValueError(f"claim at {start}-{end} without provenance ({rule!r}, {speaker.rule!r})")
        start, end = trim_span(self.doc.text, start, end)
        if kind == "direct":
            # a quoted question is no claim; the answer the speaker gives after it in the same marks is
            answer = after_leading_questions(self.doc.text, start, end)
            if answer > start:
                self.reserve(start, answer)
                start, end = trim_span(self.doc.text, answer, end)
        if end - start < 2 or self.doc.words.time_only.fullmatch(self.doc.text[start:end]):
            return
        target = target or target_in(self.doc, start, end, speaker)
        conf = {"name": 0.9, "role": 0.85, "title": 0.85, "source": 0.8, "joint": 0.8, "pronoun": 0.75, "context": 0.7}.get(
            speaker.resolution, 0.7
        )
        if kind == "direct":
            conf = min(conf + 0.05, 0.99)
        claim = Claim(start, end, kind, speaker, cue.text, cue.role, cue.start, target, conf, rule)
        self.found.append(claim)
        k = bisect_right(self.claim_cue_starts, cue.start)
        self.claim_cue_starts.insert(k, cue.start)
        self.claims_by_cue.insert(k, claim)
        self.claimed[start:end] = b"\x01" * (end - start)

    def reserve(self, start: int, end: int) -> None:
        """Characters that hold no one's claim (a journalist's question): later steps skip them."""
        self.claimed[start:end] = b"\x01" * (end - start)

    def remove(self, claim: Claim) -> None:
        """Take a claim back (a later step splits it into others): its characters are free
        again unless another claim holds them."""
        self.found = [c for c in self.found if c is not claim]
        k = next(i for i, c in enumerate(self.claims_by_cue) if c is claim)
        del self.claims_by_cue[k]
        del self.claim_cue_starts[k]
        self.claimed[claim.start : claim.end] = b"\x00" * (claim.end - claim.start)
        for c in self.found:
            if c.end > claim.start and c.start < claim.end:
                self.claimed[c.start : c.end] = b"\x01" * (c.end - c.start)
