"""Step ``list_items``: a list under one cue (提出三点：第一，X；第二，Y / 一是X；二是Y /
首先X。其次Y。最后Z / 1.X 2.Y) gives one claim per item, of the cue's speaker, the numbering
left out; an item runs to the next item, across 。 and line breaks; the last one ends with
its sentence. A header between the cue and the first item (会谈有以下三个特点) stays a claim.

Rule: list_item (the header keeps the rule that found it). Runs after the steps that find
cue-led claims and splits those claims. Data: extraction.yaml (construction_words:
list_ordinals_* families, each a list of markers in order)."""

from __future__ import annotations

from pipeline.attribution.base import SENTENCE_END, Claim, Cue, trim_span
from pipeline.attribution.registry import AttributionState, StateStep, register_step

# where an item marker may stand: at the content's start or after one of these
ITEM_LEADS = "：:，,；;。！？!?\n"
SPLITTABLE_KINDS = ("indirect",)


@register_step("list_items")
class ListItems(StateStep):
    def __init__(self, state: AttributionState) -> None:
        super().__init__(state)
        words = state.lex.construction_words
        # families of ordinals, each in order (第一 第二 …; 一是 二是 …; 首先 其次 最后)
        self.families = [words[k] for k in sorted(words) if k.startswith("list_ordinals") and words[k]]
        # the end of a claim announcing a list (三点看法, 以下几点): its items may follow after 。
        self.header_words = tuple(words.get("list_header_words", ()))
        # 王毅提出四点主张：一是X；二是Y: a verb and a count announce the list, no speech verb
        self.lead_verbs = tuple(sorted(words.get("list_lead_verbs", ()), key=len, reverse=True))
        self.counts = frozenset("".join(words.get("list_count_chars", ())))
        self.count_lead = tuple(sorted(words.get("list_count_lead", ()), key=len, reverse=True))

    def run(self) -> None:
        self._announced_lists()
        for claim in list(self.claims.found):
            if claim.kind in SPLITTABLE_KINDS:
                self._split(claim)

    def _announced_lists(self) -> None:
        """SUBJECT + a lead verb (提出, 阐述) + a count (三点, 以下几点) + ：/。 + the items of a
        family: the list is the subject's, with the verb as its cue. Split like any listed claim."""
        text = self.doc.text
        for verb in self.lead_verbs:
            i = text.find(verb)
            while i >= 0:
                self._announced_list_at(i, verb)
                i = text.find(verb, i + len(verb))

    def _announced_list_at(self, i: int, verb: str) -> None:
        text = self.doc.text
        header_end = self._count_header_end(i + len(verb))
        if header_end is None or self.claims.taken(i, header_end):
            return
        pos = header_end
        while pos < len(text) and (text[pos] in SENTENCE_END or text[pos] in "：: \t\u3000\n"):
            pos += 1
        family = next((f for f in self.families if text.startswith(f[0], pos)), None)
        if family is None:
            return
        ss = self.doc.sentence_start(i)
        cue = Cue(i, i + len(verb), verb, "speech", False)
        parsed = self.speakers.parse_subject(self.doc.clause_start(ss, i), cue)
        if parsed is None or parsed[0] != "named" or parsed[1] is None:
            return
        end = pos
        while end < len(text) and text[end] not in SENTENCE_END and text[end] != "\n":
            end += 1
        if self.claims.taken(pos, end):
            return
        self.claims.add(pos, end, "indirect", parsed[1], cue, rule="list_item")  # split below

    def _count_header_end(self, pos: int) -> int | None:
        """了三点主张 / 以下几点看法: where the count that announces a list ends, else None."""
        text = self.doc.text
        for lead in self.count_lead:  # 了以下 before 了 (longest first)
            if text.startswith(lead, pos):
                pos += len(lead)
                break
        k = pos
        while k < len(text) and text[k] in self.counts:
            k += 1
        # a count, then a header word (三点主张, 以下几点看法)
        words = [w for w in self.header_words if text.startswith(w, k)]
        if k == pos or not words:
            return None
        return k + max(len(w) for w in words)

    def _split(self, claim: Claim) -> None:
        for family in self.families:
            items = self._items(claim, family)
            if items is None:
                continue
            header_end, markers, end = items
            cue = Cue(claim.cue_start, claim.cue_start + len(claim.cue), claim.cue, claim.cue_role, False)
            self.claims.remove(claim)
            if header_end > claim.start:
                self.claims.add(claim.start, header_end, claim.kind, claim.speaker, cue, claim.target, rule=claim.rule)
            bounds = [*markers[1:], (end, end)]
            for (_, item_start), (next_marker, _) in zip(markers, bounds, strict=True):
                self.claims.add(item_start, next_marker, claim.kind, claim.speaker, cue, claim.target, rule="list_item")
            return

    def _items(self, claim: Claim, family: tuple[str, ...]) -> tuple[int, list[tuple[int, int]], int] | None:
        """(header end, [(marker start, item start)], end of the last item), or None when the
        claim holds no list of this family: its first marker and at least one later one."""
        text = self.doc.text
        first = self._marker_at_lead(claim.start, claim.end, family[0])
        if first is None:
            first = self._marker_after_header(claim, family[0])
        if first is None:
            return None
        markers = [(first, self._item_start(first, family[0]))]
        rank = 0
        pos = markers[0][1]
        while True:
            found = None
            for k in range(rank + 1, len(family)):
                m = self._next_marker(pos, family[k])
                if m is not None and (found is None or m < found[0]):
                    found = (m, k)
            if found is None:
                break
            m, rank = found
            markers.append((m, self._item_start(m, family[rank])))
            pos = markers[-1][1]
        if len(markers) < 2:
            return None
        # the last item ends with its sentence (it may lie past the claim's end)
        end = markers[-1][1]
        while end < len(text) and text[end] not in SENTENCE_END and text[end] != "\n":
            end += 1
        if self.claims.taken(claim.end, end) and end > claim.end:
            return None  # another claim holds the rest: not this speaker's list
        return trim_span(text, claim.start, first)[1], markers, end

    def _marker_after_header(self, claim: Claim, marker: str) -> int | None:
        """中方有三点看法。第一，X。第二，Y。: a claim that announces a list (it ends with a count
        such as 三点, 以下几点: list_header_words) and the first item opening the next sentence."""
        text = self.doc.text
        content = text[claim.start : claim.end].rstrip()
        if not content.endswith(self.header_words):
            return None
        pos = claim.end
        while pos < len(text) and (text[pos] in SENTENCE_END or text[pos] in "：: \t\u3000\n"):
            pos += 1
        return pos if text.startswith(marker, pos) else None

    def _marker_at_lead(self, start: int, end: int, marker: str) -> int | None:
        """The first marker in [start, end) standing at the content's start or after a delimiter."""
        text = self.doc.text
        i = text.find(marker, start, end)
        while i >= 0:
            if self._at_lead(i, start):
                return i
            i = text.find(marker, i + 1, end)
        return None

    def _next_marker(self, pos: int, marker: str) -> int | None:
        """The marker after pos within the same paragraph or opening the next line, at a lead."""
        text = self.doc.text
        para_end = text.find("\n\n", pos)
        limit = len(text) if para_end < 0 else para_end + 2
        # never past the next paragraph's first line: a list runs line by line at most
        i = text.find(marker, pos, min(limit + 200, len(text)))
        while i >= 0:
            if self._at_lead(i, pos):
                between = text[pos:i]
                # the items may be separated by sentence ends and lines, not by a new paragraph
                # of several lines (that is narration)
                if between.count("\n") <= 2:
                    return i
                return None
            i = text.find(marker, i + 1, min(limit + 200, len(text)))
        return None

    def _at_lead(self, i: int, floor: int) -> bool:
        text = self.doc.text
        j = i
        while j > floor and text[j - 1] in " \t\u3000\r":
            j -= 1
        return j == floor or text[j - 1] in ITEM_LEADS

    def _item_start(self, marker_pos: int, marker: str) -> int:
        text = self.doc.text
        s = marker_pos + len(marker)
        while s < len(text) and text[s] in "，,、：: \t\u3000.．":
            s += 1
        return s
