"""Step ``quote_then_attribution``: quotations with their attribution after them
(“X，”普京说。), the quotations that continue them, and colon-introduced quotations.

Rules: quote_then_attribution, bare_quote_followup, quote_colon, quoted_remark, bare_quote_after_claim,
bare_quote_before_claim. Data:
extraction.yaml (quote_pairs; construction_words: remark_openers, remark_nouns), cues.tsv
(question cues attribute only a quotation that answers its own question), params.yaml
extract (thresholds)."""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.attribution.base import CLOSE_PARENS, HAN, PARENTHETICAL, SENTENCE_END, SPACE, Cue, Quote, Speaker
from pipeline.attribution.claimset import after_leading_questions
from pipeline.attribution.registry import StateStep, register_step

SIGNATURE_DASHES = "—–-―"  # ——普京: the dash that signs a pull quote
QUESTION_MARKS = "？?"  # punctuation: a quoted question is no claim
MIN_ADJACENT_QUOTE_CHARS = 4  # a quoted sentence right after another quotation (「…。」「好的。」)

# the speaker rule of a claim that takes the speaker of the claim just before it (anaphora.py
# re-reads it when that speaker is re-read)
FOLLOWS_PREVIOUS_CLAIM = "previous_claim_speaker"
# the speaker rule of a bare quotation paragraph that takes the speaker of the claim opening the next paragraph
FOLLOWS_NEXT_CLAIM = "next_claim_speaker"
# a bracketed aside closing a label: 布林肯(2023.04.11)
TRAILING_PARENTHETICAL = re.compile(PARENTHETICAL.pattern + r"\s*$")


@register_step("quote_then_attribution")
class QuoteThenAttribution(StateStep):
    def run(self) -> None:
        self._quotes_with_attribution_after()
        self._quotes_signed_with_a_dash()
        self._quoted_remarks()
        self._bare_quotes_after_claims()
        self._bare_quotes_before_claims()

    def _quotes_signed_with_a_dash(self) -> None:
        """“X。”——普京 (a pull quote signed with a dash): the quotation is the direct claim of
        the source the dash names, when the name closes the line or the sentence."""
        text = self.doc.text
        for q in self.doc.quotes:
            if q.end - q.start < 2 or self.claims.taken(q.start, q.end):
                continue
            pos = q.end + 1
            while pos < len(text) and text[pos] in SPACE:
                pos += 1
            dash_end = pos
            while dash_end < len(text) and text[dash_end] in SIGNATURE_DASHES:
                dash_end += 1
            if dash_end - pos < 1:
                continue
            start = dash_end
            while start < len(text) and text[start] in SPACE:
                start += 1
            end = start
            while end < len(text) and text[end] not in "\n。！？，," and end - start <= self.cfg.max_speaker_chars:
                end += 1
            if end == start or (end < len(text) and text[end] not in "\n。"):
                continue
            cue = Cue(start, start, "", "speech", False)
            speaker = self.speakers.speaker_from_phrase(start, end, cue)
            if speaker is None or speaker.entity_type not in ("person", "institution", "country", "media"):
                continue
            self.claims.add(q.start, q.end, "direct", speaker, cue, rule="quote_dash_signature")

    def _quoted_remarks(self) -> None:
        """对于特朗普有关“X”的言论，林剑表示… — a quotation between a remark opener (有关) and
        的 + a remark noun (言论) is the words of the source named before the opener: its
        direct claim, with an empty cue."""
        words = self.lex.construction_words
        openers, nouns = words.get("remark_openers", ()), words.get("remark_nouns", ())
        marker = self.lex.relative_marker
        if not openers or not nouns or not marker:
            return
        text = self.doc.text
        for q in self.doc.quotes:
            if q.end - q.start < 2 or self.claims.taken(q.start, q.end):
                continue
            after = q.end + 1  # just past the closing mark: 的 + a remark noun
            if not (text.startswith(marker, after) and text.startswith(nouns, after + len(marker))):
                continue
            j = q.start - 1  # the opening mark; the opener ends just before it (blanks aside)
            while j > 0 and text[j - 1] in SPACE:
                j -= 1
            opener = next((o for o in openers if text.startswith(o, j - len(o))), None)
            if opener is None:
                continue
            o_start = j - len(opener)
            ss = self.doc.sentence_start(o_start)
            cstart = self.doc.clause_start(ss, o_start)
            cue = Cue(o_start, o_start, "", "speech", False)
            parsed = self.speakers.parse_subject(cstart, cue)
            if parsed is None or parsed[0] != "named" or parsed[1] is None:
                continue
            self.claims.add(q.start, q.end, "direct", parsed[1], cue, rule="quoted_remark")

    def _bare_quotes_after_claims(self) -> None:
        """…他说，X。“Y。” — a quotation that is a sentence of its own, with no verb next to
        it, right after a claim (across a line break at most): the same speaker's direct
        claim, with an empty cue and mention."""
        text = self.doc.text
        by_end = sorted(self.claims.found, key=lambda c: c.end)
        ends = [c.end for c in by_end]
        for q in self.doc.quotes:
            if self.claims.taken(q.start, q.end):
                continue
            opened = q.start - 1
            # 表示：「X。」「Y。」: a sentence quoted right after another quotation is no scare
            # quote, however short; otherwise the quotation must open its sentence and be long
            whole_sentence = text[q.end - 1 : q.end] in SENTENCE_END
            adjacent = self._follows_quote(opened) and whole_sentence
            if q.end - q.start < MIN_ADJACENT_QUOTE_CHARS:
                continue
            para = text.rfind("\n", 0, opened) + 1
            if not adjacent and not self.doc.only_punct(max(self.doc.sentence_start(opened), para), opened):
                continue  # the quotation does not open its sentence
            stop = q.end + 1
            while stop < len(text) and text[stop] not in SENTENCE_END and text[stop] != "\n":
                stop += 1
            if not self.doc.only_punct(q.end + 1, stop):
                continue  # a clause follows it: an attribution or narration
            k = bisect_right(ends, opened) - 1
            if k < 0:
                continue
            before = by_end[k]
            # “X，”布林肯说。⏎“Y。”: after a quotation whose attribution closes its sentence,
            # the next quoted sentence continues it, however short (one paragraph per quote)
            attributed = self._attribution_sentence_end(before) if whole_sentence else None
            reference = attributed if attributed is not None and attributed <= opened else before.end
            # a quoted sentence that is its whole paragraph is no scare quote, however short
            own_paragraph = whole_sentence and self.doc.only_punct(para, opened) and (stop >= len(text) or text[stop] == "\n")
            if q.end - q.start < self.cfg.min_bare_quote_chars and not adjacent and not own_paragraph and reference == before.end:
                continue
            between = text[reference:opened]
            if between.count("\n") > 2 or not self.doc.only_punct(reference, opened):
                continue
            sp = before.speaker
            speaker = Speaker(sp.id, "", opened, opened, "context", sp.entity_type, FOLLOWS_PREVIOUS_CLAIM)
            cue = Cue(opened, opened, "", "speech", False)
            self.claims.add(q.start, q.end, "direct", speaker, cue, rule="bare_quote_after_claim")

    def _bare_quotes_before_claims(self) -> None:
        """“X。”⏎“Y，”他说。 / “X。”⏎他接着说：“Y。” — a quotation that is a whole paragraph of
        full sentences, with no verb beside it, right before a paragraph that opens with a
        claim's quotation or its source: the same speaker's direct claim (the writer names the
        speaker once, at the second paragraph), with an empty cue and mention. Read from the
        last quotation back, so that a run of bare paragraphs takes the speaker named after it."""
        text = self.doc.text
        by_start = sorted(self.claims.found, key=lambda c: c.start)
        starts = [c.start for c in by_start]
        for q in reversed(self.doc.quotes):
            if q.end - q.start < MIN_ADJACENT_QUOTE_CHARS or self.claims.taken(q.start, q.end):
                continue
            if text[q.end - 1 : q.end] not in SENTENCE_END or text[q.end - 1] in QUESTION_MARKS:
                continue  # a term or a fragment, or a question someone asks (no claim), not a quoted statement
            opened = q.start - 1
            para = text.rfind("\n", 0, opened) + 1
            para_end = text.find("\n", q.end)
            para_end = len(text) if para_end < 0 else para_end
            if not self.doc.only_punct(para, opened) or not self.doc.only_punct(q.end + 1, para_end):
                continue  # the quotation is not its whole paragraph
            nxt = para_end
            while nxt < len(text) and text[nxt] in SPACE + "\n":
                nxt += 1
            if text.count("\n", para_end, nxt) > 2 or nxt >= len(text):
                continue
            k = bisect_right(starts, q.end)
            if k >= len(by_start):
                continue
            after = by_start[k]
            next_end = text.find("\n", nxt)
            if next_end >= 0 and after.start > next_end:
                continue  # no claim in the next paragraph
            # the next paragraph opens with the claim's quotation or with its source's mention
            # (a name or pronoun: 他接着说：, 佩斯科夫随后表示：)
            opens_with_quote = after.kind == "direct" and self.doc.only_punct(nxt, after.start - 1)
            sp = after.speaker
            opens_with_source = bool(sp.mention) and sp.start >= nxt and self.doc.only_punct(nxt, sp.start)
            if not (opens_with_quote or opens_with_source):
                continue
            if after.kind != "direct" and not self._plain_speech_by_name(after):
                continue  # “X。”⏎他回应说，Y: an answer, a pronoun or an attitude may be another voice's
            voice = self.doc.text[sp.end : after.cue_start].strip(SPACE) if sp.mention else ""
            if voice.startswith(tuple(self.lex.construction_words.get("new_voice_adverbs", ()))):
                continue  # “X。”⏎美国国务院则表示：“Y。”: another voice answers the quotation
            speaker = Speaker(sp.id, "", opened, opened, "context", sp.entity_type, FOLLOWS_NEXT_CLAIM)
            cue = Cue(opened, opened, "", "speech", False)
            before = len(self.claims.found)
            self.claims.add(q.start, q.end, "direct", speaker, cue, rule="bare_quote_before_claim")
            if len(self.claims.found) > before:
                added = self.claims.found[-1]
                k = bisect_right(starts, added.start)
                starts.insert(k, added.start)
                by_start.insert(k, added)

    def _plain_speech_by_name(self, claim) -> bool:
        """“X。”⏎朔尔茨说，Y。: reported speech whose paragraph opens with a named source
        and a plain speech verb (no answer to someone, no pronoun, no attitude) continues the
        quotation's voice: the writer names the speaker once, after the quotation."""
        sp = claim.speaker
        if claim.cue_role != "speech" or sp.resolution not in ("name", "role", "title"):
            return False
        responding = tuple(self.lex.construction_words.get("responding_cues", ()))
        return not claim.cue.startswith(responding)

    def _attribution_sentence_end(self, claim) -> int | None:
        """Just past the sentence end closing the attribution that follows a direct claim
        (“X，”布林肯在会后说。), or None when the claim has no attribution after it."""
        text = self.doc.text
        if claim.kind != "direct" or claim.cue_start <= claim.end or not claim.cue:
            return None
        k = claim.cue_start
        while k < len(text) and text[k] not in SENTENCE_END and text[k] != "\n":
            k += 1
        return k + 1 if k < len(text) and text[k] in SENTENCE_END else None

    def _quotes_with_attribution_after(self) -> None:
        last_attribution: tuple[int, Speaker, Cue] | None = None
        n = len(self.doc.text)
        next_stop = (n + 1, n)  # (searched from, first clause end at or after it); quotes come in text order
        for q in self.doc.quotes:
            if q.end - q.start < 2:
                continue
            if self._term_in_clause(q):
                continue  # 接受“晨光”电视台采访时说: a name inside the clause, not what was said
            taken_already = self.claims.taken(q.start, q.end)
            pos = q.end + 1
            while pos < len(self.doc.text) and self.doc.text[pos] in "，,。 \u3000":
                pos += 1
            if not (next_stop[0] <= pos <= next_stop[1]):
                next_stop = (pos, self._clause_end_after(pos))
            clause_end = next_stop[1]
            cue = self.doc.cue_at_clause_end(pos, clause_end) or self._addressee_cue_at_clause_end(pos, clause_end)
            if cue is None and after_leading_questions(self.doc.text, q.start, q.end) > q.start:
                # “谁在扩张？是北约。”拉夫罗夫反问道。: a question answered in the same marks speaks
                asked = self.doc.cue_at_clause_end(pos, clause_end, questions=True)
                cue = Cue(asked.start, asked.end, asked.text, "speech", False) if asked is not None else None
            if last_attribution is not None and not taken_already:
                # “X，”蓬佩奥说。“Y。” — the next quotation continues the same speaker, unless a
                # source and cue of its own close its sentence (“X。”甘羽说。“Y。”林剑痛斥。)
                attr_end, speaker, cue_before = last_attribution
                if (
                    attr_end <= q.start - 1
                    and self.doc.only_punct(attr_end, q.start - 1)
                    and self.doc.text.find("\n", attr_end, q.start) < 0
                    and not (cue is not None and self.ends_sentence(cue.end))
                ):
                    self.claims.add(q.start, q.end, "direct", speaker, cue_before, rule="bare_quote_followup")
                    continue
            if cue is None:
                if not taken_already:
                    self._quote_after_colon(q)
                continue
            if not self._attribution_closes(q, cue, clause_end):
                continue
            # “X。”报道指出。: a media anaphor as the whole attribution subject, as before a cue
            media = self.media_word_subject(self.doc.text[pos : cue.start], pos) or self._document_issuer(
                pos, self._document_noun_end(cue)
            )
            parsed = ("named", media) if media is not None else self.speakers.parse_subject(pos, cue)
            if parsed is None:
                # “X，”普京回忆说。: a verb the lexicon lacks between the name and the cue
                named = self._name_before_verb_phrase(pos, cue.start, cue)
                parsed = ("named", named) if named is not None else None
            if parsed is None or parsed[0] == "negated":
                continue
            speaker = parsed[1] or self.pronouns.elided_speaker(pos, cue.start)
            if speaker is None:
                continue
            if not taken_already:
                self.claims.add(q.start, q.end, "direct", speaker, cue, rule="quote_then_attribution")
            last_attribution = (clause_end, speaker, cue)

    def _follows_quote(self, opened: int) -> bool:
        """表示：「X。」「Y。」: the opening mark right after a closing one (blanks between)."""
        k = opened
        while k > 0 and self.doc.text[k - 1] in SPACE:
            k -= 1
        return k > 0 and k - 1 in self.doc.quote_at_close  # (keyed by the closing mark)

    def _term_in_clause(self, q: Quote) -> bool:
        """A quotation with words glued to both of its marks (接受“晨光”电视台采访) is a
        name or term inside a clause of narration or attribution."""
        text = self.doc.text
        before, after = q.start - 2, q.end + 1
        # a Han character before it: Latin letters glued there are scraped garbage, not words
        return before >= 0 and after < len(text) and bool(HAN.match(text[before])) and text[after].isalnum()

    def _clause_end_after(self, pos: int) -> int:
        """Where the clause after a quotation ends: at a clause mark or the next quotation,
        reading through a quoted term glued inside the clause (…接受“晨光”电视台采访时说)."""
        text, n = self.doc.text, len(self.doc.text)
        while True:
            m = self.doc.words.clause_end_after_quote.search(text, pos)
            if m is None:
                return n
            inner = self.doc.quote_at_open.get(m.start())
            if inner is None or not self._term_in_clause(inner):
                return m.start()
            pos = inner.end + 1

    def _attribution_closes(self, q: Quote, cue: Cue, clause_end: int) -> bool:
        """A clause after a quotation attributes it when the quotation opens its sentence
        (「X，」布林肯说，…) or the cue ends the sentence (…「X」，布林肯说。). A quotation inside
        narration followed by a source and cue with content of their own (…所说的「X」。据美联社
        报道，Y / 第1项为「X」，陆委会强调，Y) is a title or term, not what that source said."""
        text = self.doc.text
        ss = self.doc.sentence_start(q.start - 1)
        lead = q.start - 1
        para = text.rfind("\n", 0, lead) + 1
        opens = min(self.speakers.skip_glued_noise(max(ss, para), lead + 1), lead)  # garbage glued before it
        if self.doc.only_punct(opens, lead):
            return True
        return self.ends_sentence(cue.end)

    def _quote_after_colon(self, q: Quote) -> None:
        """普京丢下一句：「X」 — a colon-introduced quotation whose clause has a named subject."""
        text = self.doc.text
        colon = q.start - 2
        while colon > 0 and text[colon] in SPACE + "\r\n":
            colon -= 1  # 普京：␣「…」 (a no-break space from HTML, an ideographic one)
        if colon < 0 or text[colon] not in "：:":
            return
        if "\n" in text[colon : q.start]:
            # 佩斯科夫的回应是：⏎「…」: the colon ends the paragraph before; the quotation is its whole paragraph
            pe = text.find("\n", q.end)
            if not self.doc.only_punct(q.end + 1, pe if pe >= 0 else len(text)):
                return
        if q.end - q.start < self.cfg.min_bare_quote_chars // 2:
            return
        cstart = colon
        while cstart > 0 and self.doc.text[cstart - 1] not in "，,。；;！？!?\n" and not self.doc.inside[cstart - 1]:
            cstart -= 1
        clause = self.doc.text[cstart:colon]
        if any(self.lex.cues.get(w) == "question" for w in self.lex.cues if w in clause):
            return
        # 美国国务卿 布林肯(2023.04.11)：「…」: a bracketed date or note after the name is no part of it
        head_end = colon
        if self.doc.text[colon - 1 : colon] in CLOSE_PARENS:
            m = TRAILING_PARENTHETICAL.search(self.doc.text, cstart, colon)
            if m is not None and m.start() > cstart:
                head_end = m.start()
        # 一名士兵告诉记者：「…」: a cue word inside the clause ends its subject
        subject_end = head_end
        inner = next((c for c in self.doc.cues_in(cstart, head_end) if not c.in_quote and c.role != "question"), None)
        if inner is not None and inner.start > cstart:
            subject_end = inner.start
        fake = Cue(subject_end, subject_end, "", "speech", False)
        parsed = self.speakers.parse_subject(cstart, fake)
        if parsed is None or parsed[1] is None:
            # 普京回忆：「…」 / 特朗普打趣道：「…」: a verb the lexicon lacks after the name;
            # 声明说：「…」: a statement issued just before speaks for its issuer
            named = self._name_before_verb_phrase(cstart, colon, fake) or self._document_issuer(
                cstart, self._document_noun_end(inner) if inner is not None else subject_end
            )
            parsed = ("named", named) if named is not None else None
        if parsed is None or parsed[1] is None or parsed[0] != "named":
            return
        speaker = parsed[1]
        cue_text = self.doc.text[speaker.end : head_end].strip() if speaker.end > 0 else ""
        if len(cue_text) > self.cfg.max_manner_adverbial_chars:
            return
        self.claims.add(q.start, q.end, "direct", speaker, Cue(speaker.end, colon, cue_text, "speech", False), rule="quote_colon")

    def _name_before_verb_phrase(self, start: int, verb_end: int, cue: Cue) -> Speaker | None:
        """普京回忆说 / 特朗普打趣道 / 普京丢下一句： — a speech verb the cue lexicon lacks, between
        a name, role or pronoun opening the clause and the cue or colon: the name is the speaker.
        Only a short verb phrase (max_manner_adverbial_chars) that names no one else, negates
        nothing and asks nothing; None otherwise."""
        text = self.doc.text
        s = self.speakers.skip_glued_noise(start, verb_end)
        while s < verb_end and text[s] in SPACE:
            s += 1
        chain_end = -1
        for m in self.doc.mentions_in(s, verb_end):  # the names and titles opening the clause
            if m.start != (s if chain_end < 0 else chain_end) or m.end > verb_end:
                break
            chain_end = m.end
        if chain_end < 0:
            return None
        verb_end = self._before_addressee(chain_end, verb_end)
        verb = text[chain_end:verb_end].strip()
        if not verb or len(verb) > self.cfg.max_manner_adverbial_chars or any(ch in "，,。；;！？!?\n" for ch in verb):
            return None
        if self.doc.mentions_in(chain_end, verb_end) or self.lex.negation.search(verb):
            return None  # 普京会见拜登时说: another party; 普京未回忆: nothing said
        if any(c.role == "question" for c in self.doc.cues_in(chain_end, verb_end)):
            return None  # 记者追问：「…」: a question
        return self.speakers.speaker_from_phrase(s, chain_end, cue)

    def _before_addressee(self, start: int, end: int) -> int:
        """普京用英语对特朗普说: the one spoken to (an addressee preposition and a name right
        before the cue) is no other party of the verb phrase; where the phrase before them ends."""
        named = [m for m in self.doc.mentions_in(start, end) if m.kind != "pronoun"]
        if not named or self.doc.text[named[-1].end : end].strip():
            return end
        k = named[-1].start
        prepositions = self.lex.addressee_prepositions
        return k - 1 if k - 1 > start and self.doc.text[k - 1] in prepositions else end

    def _addressee_cue_at_clause_end(self, start: int, end: int) -> Cue | None:
        """“X，”布林肯告诉记者。: an addressee cue (告诉) followed only by who was told, up to the
        clause's end, attributes the quotation like a cue closing the clause."""
        for cue in self.doc.cues_in(start, min(end, start + self.cfg.max_speaker_chars)):
            if cue.in_quote or cue.text not in self.lex.addressee_cues:
                continue
            told = self.doc.text[cue.end : end].strip()
            if told and len(told) <= self.cfg.max_manner_adverbial_chars:
                return cue
        return None

    def _document_noun_end(self, cue: Cue) -> int:
        """声明说: where a document noun that opens a stacked cue ends (the cue's start else)."""
        noun = next((w for w in self.lex.construction_words.get("document_nouns", ()) if cue.text.startswith(w)), "")
        return cue.start + len(noun) if 0 < len(noun) < len(cue.text) else cue.start

    def _document_issuer(self, start: int, cue_start: int) -> Speaker | None:
        """俄外交部发表声明。“X，”声明说。 — a document noun (construction_words document_nouns,
        a determiner such as 该 or 这份 allowed before it) as the whole subject speaks for whoever
        issued it: the named subject of the clause where the same noun last stood (within
        context_chars). None when the subject is no such noun or no issuer is named."""
        words = self.lex.construction_words
        nouns, determiners = words.get("document_nouns", ()), words.get("document_determiners", ())
        text = self.doc.text
        subject = text[start:cue_start].strip(SPACE + "，,")
        for det in determiners:
            if subject.startswith(det) and subject[len(det) :] in nouns:
                subject = subject[len(det) :]
                break
        if subject not in nouns:
            return None
        floor = max(0, start - self.cfg.context_chars)
        issued = text.rfind(subject, floor, start)
        if issued < 0:
            return None
        cstart = self.doc.clause_start(self.doc.sentence_start(issued), issued)
        parsed = self.speakers.parse_subject(cstart, Cue(issued, issued, "", "speech", False))
        if parsed is None or parsed[0] != "named" or parsed[1] is None:
            return None
        sp = parsed[1]
        # the mention is the noun as written here; the id is the issuer's
        return Speaker(sp.id, subject, start, cue_start, "context", sp.entity_type, "document_issuer")
