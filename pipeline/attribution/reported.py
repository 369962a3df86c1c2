"""Step ``reported_speech``: subject + adverbials + cue + content, sentence by sentence.

Rules: reported_cue, cue_quote, cue_second_quote, lead_in_and_quote, colon_next_paragraph,
back_reference, content_before_cue, relay_source, disposal_framing; speaker rule document_issuer
(声明说，X → who issued it). Data: cues.tsv (roles), extraction.yaml (cue_blockers_*, addressee_cues,
adverbial_clause_endings, back_references, noun_makers, noun_object_heads, pronouns: media,
construction_words: framing_cues, disposal_markers, document_nouns and document_determiners)."""

from __future__ import annotations

from pipeline.attribution.base import (
    CLAUSE_DELIMS,
    CLAUSE_WINDOW,
    HAN,
    INTRODUCERS,
    PARENTHETICAL,
    SENTENCE_END,
    SPACE,
    TRIM,
    Candidate,
    Claim,
    Cue,
    Quote,
    Speaker,
    appeal_addressee_end,
)
from pipeline.attribution.claimset import after_leading_questions
from pipeline.attribution.registry import StateStep, register_step
from pipeline.attribution.speakers import LEAD_BRACKETS
from pipeline.attribution.targets import addressee

# words between a postposed speaker and the cue that pass whatever they are (X，普京周五表示)
PLAIN_ADVERBIAL_CHARS = 4
# a modifier marker this close before a cue word makes it the head of a noun phrase (的相关提议)
NOUN_HEAD_REACH = 3
# 说了这样一段话：「…」: the words allowed between a cue and the colon before its quotation
QUOTE_LEAD_CHARS = 8
VIEW_OBJECT_CHARS = 20  # 表达了他对美国总统的看法，「…」: a cue's object naming a view is one short phrase
# 表示深切的哀悼: content no longer than this may be one attitude noun with its degree words
ATTITUDE_NOUN_MAX_CHARS = 8
CLOSING_MARKS = "”」』’）)\"'"
RELAY_ROLES = ("relay", "quote_source")  # cue roles of a medium reporting or relaying another source
OWN_SIDE_RULE = "own_side_nested"  # speakers.py: a country inside its own person's speech, read as that person
ASIDE_REACH = 40  # characters from an opening round bracket to a cue inside it (an aside is short)
CONCESSION_REACH = 160  # characters back to a conceded voice's clause (虽然A表示X，B也认为Y，)
ASIDE_BRACKETS = {"（": "）", "(": ")"}  # round brackets: an aside (a gloss, another name) inside a sentence
ASIDE_CLOSE = frozenset(ASIDE_BRACKETS.values())
LABEL_COLONS = ("：", ":")  # punctuation: a colon closes a label (a place, a heading), never postposed content


@register_step("reported_speech")
class ReportedSpeech(StateStep):
    def run(self) -> None:
        cues_by_sentence = self.doc.group(self.doc.cues, lambda c: c.start)
        for si, (ss, se) in enumerate(self.doc.sentences):
            self._sentence(ss, se, cues_by_sentence.get(si, []))

    def _sentence(self, ss: int, se: int, cues: list[Cue]) -> None:
        # 拉夫罗夫反问道：「谁在扩张？是北约。」: a question the speaker answers in the same marks speaks
        cues = [self._answered_question(c) for c in cues]
        active = [
            c
            for c in cues
            if not c.in_quote
            and c.role != "question"
            and not self._is_subject_word(ss, c)
            and not self._document_subject(ss, c, cues)
            and not self._is_label(c)
        ]
        # a cue inside a claim found earlier (a transcript answer) is that claim's content
        active = [c for c in active if not self.claims.taken(c.start, c.end)]
        # （侨报记者张悦旧金山报道）X: a byline in brackets opening the sentence reports nothing
        active = [c for c in active if not self._in_lead_byline(ss, c) and not self._reporter_byline(c)]
        # 回答媒体提问时说 / 回答记者提问: answering questions is the frame, not what was said
        active = [c for c in active if not self._answers_questions(c, se)]
        # 他在说明报告时表示: a cue inside a 在…时 frame is neither a claim nor the main verb
        active = [c for k, c in enumerate(active) if not self._in_time_frame(ss, c, active[k + 1 : k + 2], se)]
        # 这名要求匿名的官员说 / 率先就此表态的普京告诉: a cue in a relative clause before the
        # subject of the next cue modifies that subject; the next cue is the speech act
        active = [c for k, c in enumerate(active) if not self._in_relative_subject(ss, c, active[k + 1 : k + 2])]
        candidates: list[Candidate] = []
        previous: Candidate | None = None  # the last candidate that is not negated
        predicate: dict[int, bool] = {}  # cue start -> is it a predicate (read once: a clause may be long)

        def is_predicate(c: Cue, clause_start: int) -> bool:
            if c.start not in predicate:
                predicate[c.start] = self._cue_is_predicate(c, self.doc.text[clause_start : c.start])
            return predicate[c.start]

        nouns: list[Cue] = []  # cue words that are no predicate (blocked)
        for idx, cue in enumerate(active):
            cstart = self.doc.clause_start(ss, cue.start)
            prefix = self.doc.text[cstart : cue.start]
            if not is_predicate(cue, cstart):
                nouns.append(cue)
                continue
            framed = self._disposal_object_start(cstart, cue)
            if cue.text in self.lex.construction_words.get("framing_cues", ()) and framed is None:
                continue  # 被称为 / X称为Y: naming, not a claim
            # a cue inside another cue's clause is content: 普京称拜登曾提及… is 普京's claim
            # (a cue word that is no predicate, 在声明中表示, holds no content)
            if any(
                cstart <= o.start and o.end <= cue.start and o.role != "quote_source" and o not in nouns
                for o in active[max(0, idx - 8) : idx]
            ):
                continue
            if cue.role == "quote_source":
                later = active[idx + 1] if idx + 1 < len(active) else None
                if (
                    later is not None
                    and self.doc.clause_start(ss, later.start) == cstart
                    and is_predicate(later, cstart)
                ):
                    continue  # 据塔斯社引述佩斯科夫报道: the later cue reads the relay (not 公布的声明)
                relay = self._source_after(cue, se)
                if relay is not None:
                    previous = Candidate(cue, cstart, relay[0], "named", relay[1])
                    candidates.append(previous)
                continue
            media = self.media_word_subject(prefix, cstart)
            if media is None and not self.doc.only_punct(cue.end, se):
                # 声明说，X; a postposed 「X，」声明说 is quoted.py's (quote_then_attribution)
                media = self._document_issuer(prefix, cstart, cue)
            if media is None:
                media = self._meeting_of_body(prefix, cstart)
            parsed = ("named", media) if media is not None else self.speakers.parse_subject(cstart, cue)
            if parsed is None:
                continue
            status, speaker = parsed
            if self._joint_agreement_in_content(cue, status, speaker, previous):
                continue
            concession = self._concession_of(previous, cstart)
            if concession and status != "negated":
                # A说，尽管X，但Y (concessive_content): X alone is no claim. Y with the same
                # speaker (但她相信Y) is the innermost content; another subject's cue
                # (但俄罗斯仍坚持Y) is part of A's content, which runs on to Y's end
                same = status == "elided" or (
                    speaker is not None
                    and previous is not None
                    and previous.speaker is not None
                    and (speaker.resolution == "pronoun" or speaker.id == previous.speaker.id)
                )
                if not same:
                    continue
                candidates.remove(previous)
            if status == "negated":
                # 但他并未具体介绍…: no claim, but the clause ends the one before; in the first
                # clause of that claim's content it is what was said (普京直言称，西方从未信守承诺)
                if previous is None or cstart > self.doc.content_start(previous.cue.end):
                    candidates.append(Candidate(cue, cstart, None, "negated"))
                continue
            if cue.role in ("opinion", "desire") and not self._attitude_is_claim(ss, cue, status, speaker, previous):
                continue
            if framed is None and self._only_attitude_noun(cue.end, se):
                continue  # 美方对此表示关切: a noun object, no proposition (nor a speech act of its own)
            if previous is not None and framed is None and cue.text in self.lex.noun_makers and self._thing_object(cue.end, se):
                # X说，政府将公布新的对朝政策: a verb that makes things (公布, 发布), with a thing
                # for object inside X's content, is no speech act of its own
                continue
            if framed is None:
                framed = self._quote_after_colon(cue)  # 只说了一句：「…」
            if framed is None:
                framed = self._after_aspect_particle(cue)  # 开场白就说了，X
            if framed is None:
                framed = self._quote_after_view_noun(cue)  # 表达了他对普京的看法，「…」
            previous = Candidate(cue, cstart, speaker, status, content_start=framed)
            candidates.append(previous)
        # the last candidate emitted, with its speaker and the claims it found
        last: tuple[Candidate, Speaker, list[Claim]] | None = None
        for k, cand in enumerate(candidates):
            if cand.status == "negated":
                last = None
                continue
            if k == 0 and cand.status == "elided" and self._fronted_topic(ss, cand, candidates[1:]):
                continue
            limit = candidates[k + 1].clause_start if k + 1 < len(candidates) else se
            limit = max(limit, cand.cue.end)
            if self._act_before_elided_cue(cand, candidates[k + 1 : k + 2], limit):
                continue  # 发文回击，称X: the first verb names the act; the elided cue says what
            speaker = cand.speaker
            if speaker is None:
                speaker = self.pronouns.elided_speaker(ss, cand.cue.start) or self._earlier_named(candidates[:k])
                if speaker is None:
                    last = None
                    continue
            added = self._emit(cand, speaker, limit, ss, se)
            if (
                not added
                and last is not None
                and not self._postposed_attribution(cand, speaker, limit)
                # (a cue whose content the next cue's clause took, 表示，克里姆林宫欢迎…, was not silent)
                and not (limit < se and self.doc.only_punct(cand.cue.end, limit))
                and all(c.end <= cand.clause_start for c in last[2])
            ):
                # 普京说，莫斯科将回应美方的挑衅: a later cue that says nothing of its own (an
                # object only) does not end the content before it; that content runs on
                for claim in last[2]:
                    self.claims.remove(claim)
                added = self._emit(last[0], last[1], limit, ss, se)
                cand, speaker = last[0], last[1]
            last = (cand, speaker, added)

    def _act_before_elided_cue(self, cand: Candidate, later: list[Candidate], limit: int) -> bool:
        """A cue whose words up to the next cue's clause are fewer than a proposition needs
        (min_object_chars: 回击, 表态) and no quotation, followed by a cue with no subject of its
        own: the first verb names the act, the second holds what was said."""
        if not later or later[0].status != "elided" or cand.content_start is not None:
            return False
        words = self.doc.text[cand.cue.end : limit].strip(TRIM)
        return 0 < len(words) < self.lex.min_proposition_chars and not self.doc.quotes_in(cand.cue.end, limit)

    def _reporter_byline(self, cue: Cue) -> bool:
        """总台央视记者 王雪 报道：… opening its paragraph: a reporter title, a name, a relay cue
        and a colon are the story's own byline (a TV report's stand-up), not a source."""
        if cue.role not in RELAY_ROLES or self.doc.text[cue.end : cue.end + 1] not in LABEL_COLONS:
            return False
        line = self.doc.text.rfind("\n", 0, cue.start) + 1
        head = self.doc.text[line : cue.start].strip(SPACE)
        titled = [k for t in self.lex.reporter_titles if (k := head.rfind(t)) >= 0]
        if not titled or any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in head):
            return False
        name = head[max(titled) :].lstrip("".join(self.lex.reporter_titles)).strip(SPACE)
        return 2 <= len(name) <= 4

    def _in_lead_byline(self, ss: int, cue: Cue) -> bool:
        """（本报记者X华盛顿报道）/ 【X讯】: a cue whose bracket opens the sentence and closes right
        after it is the byline or dateline of the story, not a source's report."""
        text = self.doc.text
        k = ss
        while k < cue.start and text[k] in SPACE + "\r\n":
            k += 1
        close = LEAD_BRACKETS.get(text[k]) if k < cue.start else None
        if close is None or close in text[k + 1 : cue.start]:
            return False
        after = cue.end
        while after < len(text) and text[after] in SPACE:
            after += 1
        return text.startswith(close, after)

    def _attribution_clause_before(self, ss: int, before_end: int) -> bool:
        """The clause before a postposed cue is itself a subject and its cue (美国财政部发言人在
        回应询问时说): it introduces the content after it. A cue word ending a clause of
        narration (莫斯科方面仍无正式答复) is no attribution: its clause parses to no speaker."""
        last = [c for c in self.doc.cues_in(ss, before_end) if c.end == before_end and not c.in_quote and c.role != "question"]
        if not last:
            return False
        cue = last[0]
        cstart = self.doc.clause_start(ss, cue.start)
        # only a plain speech verb (说, 表示, 指出), never a noun: 仍无正式答复 / 表达最强烈的谴责
        if cue.text not in self.lex.stacking_cues or not self._cue_is_predicate(cue, self.doc.text[cstart : cue.start]):
            return False
        parsed = self.speakers.parse_subject(cstart, cue)
        return parsed is not None and parsed[0] == "named" and parsed[1] is not None

    def _document_issuer(self, prefix: str, cstart: int, cue: Cue) -> Speaker | None:
        """X发表声明，…。声明说，Y: a document noun (construction_words document_nouns, after a
        document_determiners word at most) as the whole subject, or opening the stacked cue
        (声明|说), speaks for whoever the text said issued it last: the subject of the clause
        that names it before, within the context window (as quoted.py reads 「X，」声明说)."""
        words = self.lex.construction_words
        nouns, determiners = words.get("document_nouns", ()), words.get("document_determiners", ())
        word = prefix.strip(" \t\u3000")
        s = cstart + prefix.find(word) if word else cue.start
        det = next((d for d in determiners if word.startswith(d) and word[len(d) :] in nouns), "")
        word, s = word[len(det) :], s + len(det)
        if not word:
            word = next((w for w in nouns if cue.text.startswith(w) and len(cue.text) > len(w)), "")
        post = next((p for p in words.get("locative_postpositions", ()) if word.endswith(p)), "")
        if word not in nouns and post and word[: -len(post)] in nouns:
            word = word[: -len(post)]  # 信中说: in the letter, the letter's writer speaks
        if word not in nouns:
            return None
        floor = max(0, s - self.cfg.context_chars)
        k = self.doc.text.rfind(word, floor, s)
        # (the noun inside a cue word is no document: 相信 is not 信)
        while k >= 0 and any(c.start <= k < c.end for c in self.doc.cues_in(max(0, k - 4), k + 1)):
            k = self.doc.text.rfind(word, floor, k)
        if k < 0:
            return None
        issuer = self.pronouns.subject_of_clause_at(k)
        if issuer is None:
            return None
        return Speaker(issuer.id, word, s, s + len(word), "context", issuer.entity_type, "document_issuer")

    def _joint_agreement_in_content(
        self, cue: Cue, status: str, speaker: Speaker | None, previous: Candidate | None
    ) -> bool:
        """沙利文表示，X，但双方会同意Y / 克宫表示，普京同意Y: what both sides, or another named
        party, agree to in a later clause of one source's reported speech is that source's
        content (spec: 同意 inside another speaker's reported speech is content), not a claim of
        its own. The cue words are construction_words content_in_reported_speech; a pronoun
        (他同意Y) is the source itself: the nested cue of one speaker."""
        if not (
            cue.role == "endorse"
            and previous is not None
            and previous.cue.role not in RELAY_ROLES
            and status == "named"
            and speaker is not None
            # (奥巴马建议X，两人并同意Y: 并 adds an act of both in narration, a claim of its own)
            and not self.doc.text[speaker.end : cue.start].strip(SPACE).startswith(self.lex.clause_openers)
        ):
            return False
        if speaker.resolution == "joint":
            return True
        source = previous.speaker.id if previous.speaker is not None else None
        return (
            cue.text in self.lex.construction_words.get("content_in_reported_speech", ())
            and speaker.resolution != "pronoun"
            and speaker.id != source
        )

    def _meeting_of_body(self, prefix: str, cstart: int) -> Speaker | None:
        """北约外长会议发表声明称 / 七国集团峰会公报指出 / 金砖国家领导人会晤发表宣言说: an
        organisation's meeting, or the document it issued, speaks for the organisation (spec:
        the organisation as speaker). The subject is the organisation's name followed only by
        words of its meetings and documents (construction_words meeting_nouns, meeting_words,
        document_nouns), with at least one meeting noun among them."""
        words = self.lex.construction_words
        meeting_nouns = tuple(words.get("meeting_nouns", ()))
        if not meeting_nouns:
            return None
        word = prefix.strip(" \t\u3000")
        s = cstart + prefix.find(word) if word else cstart
        first = next(iter(self.doc.mentions_in(s, s + 1)), None)
        if first is None or not first.entity or first.start != s:
            return None
        kind = self.doc.type_of(first.entity)
        if kind not in ("institution", "group"):
            return None  # a country's or a person's meeting has its own speakers
        parts = sorted({*meeting_nouns, *words.get("meeting_words", ()), *words.get("document_nouns", ())}, key=len, reverse=True)
        rest, met = self.doc.text[first.end : s + len(word)], False
        place = self._meeting_place_end(first.end, s + len(word), parts)
        if place > first.end:
            rest = self.doc.text[place : s + len(word)]  # 北约布鲁塞尔峰会: where the body met
        while rest:
            part = next((p for p in parts if rest.startswith(p)), None)
            if part is None:
                return None  # 北约秘书长 / 北约峰会上，斯托尔滕贝格: someone of the body speaks
            met = met or part in meeting_nouns
            rest = rest[len(part) :]
        if not met:
            return None
        return Speaker(first.entity, word, s, s + len(word), "source", kind, "body_meeting")

    def _meeting_place_end(self, start: int, end: int, parts: list[str]) -> int:
        """北约布鲁塞尔峰会 / 欧盟布鲁塞尔外长会议: one word right after the organisation's name
        that names no one (no mention, no cue, no meeting word) and is followed at once by a
        meeting word is where the body met: where that word ends; start when there is none."""
        starts = self.speakers.token_starts
        if not starts or start not in starts:
            return start
        k = next((j for j in range(start + 1, end) if j in starts), end)
        text = self.doc.text
        if k >= end or k - start < 2 or not text.startswith(tuple(parts), k):
            return start
        if any(text.startswith(p, start) for p in parts) or self.doc.cues_in(start, k):
            return start
        for m in self.doc.mentions_in(start, k):
            # 北约秘书长 / 欧盟乌克兰峰会: a person or another party named as itself, not a place;
            # a city standing for a government or body (布鲁塞尔, 华盛顿) is where they met
            if m.kind == "pronoun" or not m.entity or m.entity == m.text or self.doc.type_of(m.entity) == "person":
                return start
        if not all(HAN.match(ch) for ch in text[start:k]):  # a word of Han characters, no code or number
            return start
        return k

    def _postposed_attribution(self, cand: Candidate, speaker: Speaker, limit: int) -> bool:
        """X，安萨里表示。: a clause of a subject, a few adverbials and a cue closing the sentence
        attributes what stands before it; it ends that content even when it found no claim."""
        return (
            self.doc.only_punct(cand.cue.end, limit)
            and speaker.start - cand.clause_start <= PLAIN_ADVERBIAL_CHARS
            and cand.cue.start - speaker.end <= PLAIN_ADVERBIAL_CHARS
        )

    @staticmethod
    def _earlier_named(earlier: list[Candidate]) -> Speaker | None:
        """「…，」拉夫罗夫说，并补充说：「…」: a cue with no subject continues the subject of the
        cue before it in the sentence, even when that cue's content stood before it."""
        for cand in reversed(earlier):
            if cand.status == "named" and cand.speaker is not None:
                sp = cand.speaker
                return Speaker(sp.id, sp.mention, sp.start, sp.end, "context", sp.entity_type, "elided_subject")
        return None

    def _emit(self, cand: Candidate, speaker: Speaker, limit: int, ss: int, se: int) -> list[Claim]:
        """The claims one candidate adds."""
        before = len(self.claims.found)
        self._emit_cue_claims(cand, speaker, limit, ss, se)
        return self.claims.found[before:]

    def _in_time_frame(self, ss: int, cue: Cue, following: list[Cue], se: int) -> bool:
        lead = self.doc.text[self.doc.clause_start(ss, cue.start) : cue.start]
        if not self.doc.words.time_frame_open.search(lead):
            return False
        # 以色列周二在记者会上称X已经获释: a frame closed before the cue (…上, …时) does not
        # hold it; a 期间 in the content belongs to the content
        closers = tuple(self.lex.construction_words.get("locative_postpositions", ()))
        tail = lead.rstrip()
        if (closers and tail.endswith(closers)) or any(
            m.end() == len(tail) for m in self.doc.words.time_frame_close.finditer(tail)
        ):
            return False
        limit = following[0].start if following else se
        end = cue.end
        while end < limit and self.doc.text[end] not in CLAUSE_DELIMS and self.doc.text[end] not in SENTENCE_END:
            end += 1
        return bool(self.doc.words.time_frame_close.search(self.doc.text, cue.end, end))

    def _concession_of(self, previous: Candidate | None, cstart: int) -> bool:
        """The claim before has only a concessive clause for content (尽管X，) and this cue's
        clause opens the contrast (但…): the two clauses are one proposition."""
        if previous is None or previous.status == "negated" or previous.content_start is not None:
            return False
        words = self.lex.construction_words
        start = self.doc.content_start(previous.cue.end)
        if cstart <= start or not self.doc.text.startswith(words.get("concessive_openers", ()), start):
            return False
        if any(ch in CLAUSE_DELIMS and not self.doc.inside[i] for i, ch in enumerate(self.doc.text[start : cstart - 1], start)):
            return False  # the concession is one clause, closed right before this one
        lead = self.doc.text[cstart:].lstrip(" \t\u3000")
        return lead.startswith(words.get("contrast_openers", ()))

    def _in_relative_subject(self, ss: int, cue: Cue, following: list[Cue]) -> bool:
        """这名要求匿名的官员说: the cue has no subject of its own (nothing, a quantifier or
        determiner, or an adverbial before it), and within its clause a 的 and a short head
        noun lead to the next cue: the clause is a relative clause of that cue's subject."""
        marker = self.lex.relative_marker
        if not following or not marker:
            return False
        between = self.doc.text[cue.end : following[0].start]
        if any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in between) or marker not in between:
            return False
        head = between[between.rfind(marker) + len(marker) :].strip()
        if not head or len(head) > self.lex.max_relative_head_chars:
            return False
        # the head is a source: a title, a source head or a name ending right at the next cue
        # (…承诺的安全保障, 与现有威胁一致: a cue word inside an object, no subject)
        named = any(m.end == following[0].start for m in self.doc.mentions_in(cue.end, following[0].start))
        if not (named or head.endswith(self.lex.titles) or head.endswith(self.lex.source_heads)):
            return False
        lead = self.doc.text[self.doc.clause_start(ss, cue.start) : cue.start].strip(" \t\u3000")
        for opener in self.lex.clause_openers:
            if lead.startswith(opener) and lead != opener:
                lead = lead[len(opener) :]
                break
        return (
            lead == ""
            or lead in self.lex.clause_openers
            or lead in self.lex.quantifiers
            or lead in self.lex.definite_determiners
            or lead.startswith(self.lex.subject_stops)
        )

    def _is_subject_word(self, ss: int, cue: Cue) -> bool:
        """报道又引述…: a cue word standing as the clause's subject (a media anaphor)."""
        if cue.text not in self.lex.pronouns:
            return False
        lead = self.doc.text[self.doc.clause_start(ss, cue.start) : cue.start].strip()
        return lead == "" or lead in self.lex.clause_openers

    def _document_subject(self, ss: int, cue: Cue, cues: list[Cue]) -> bool:
        """声明写道 / 公报指出: a document noun that is also a cue word (声明), opening its clause
        with another cue right after it, is the subject of that cue, not a cue itself."""
        if cue.text not in self.lex.construction_words.get("document_nouns", ()):
            return False
        if not any(c.start == cue.end for c in cues):
            return False
        lead = self.doc.text[self.doc.clause_start(ss, cue.start) : cue.start].strip()
        return lead == "" or lead in self.lex.clause_openers

    def _answers_questions(self, cue: Cue, se: int) -> bool:
        """An answer cue (回答) whose object is questions: with a later cue right after 时
        (回答媒体提问时说) it is a time frame; with the questions as its whole object
        (回答中外记者提问) it has no content."""
        words = self.lex.construction_words
        if cue.text not in words.get("answer_cues", ()):
            return False
        end = cue.end
        while end < se and self.doc.text[end] not in CLAUSE_DELIMS and self.doc.text[end] not in SENTENCE_END:
            end += 1
        clause = self.doc.text[cue.end : end].rstrip()
        if clause.endswith(words.get("question_nouns", ())):
            return True
        return any(
            c.start > cue.end and self.doc.text[c.start - 1] in self.lex.bare_time_frame_endings
            for c in self.doc.cues_in(cue.end, end)
        )

    def _question_tail_end(self, start: int, end: int) -> int:
        """有官员表示X，你怎么看？ — in a sentence ending with a question mark, the last clause is
        the question: the statement reported before it ends at that clause."""
        text = self.doc.text
        k = end - 1
        while k > start and text[k] in " \t\u3000\r\n":
            k -= 1
        if text[k] not in "？?":  # the sentence's end may lie just inside or just after the span
            k = end
            while k < len(text) and text[k] in " \t\u3000":
                k += 1
            if k >= len(text) or text[k] not in "？?":
                return end
        for i in range(end - 1, start, -1):
            if self.doc.text[i] in "，," and not self.doc.inside[i]:
                return i
        return end

    def _concession_end(self, ss: int, cstart: int, cue: Cue, start: int, end: int) -> int:
        """虽然双方都表示X，但Y: the concession scopes its own clause, the claim ends before 但.
        A concession that opens with one voice and goes on with another before the contrast
        (虽然双方都表示X，专家也认为Y，但Z) scopes both: Y ends before 但 too."""
        words = self.lex.construction_words
        lead = self.doc.text[cstart : cue.start].lstrip(" \t\u3000")
        if not lead.startswith(words.get("concessive_openers", ())) and not self._voiced_concession_before(ss, cstart):
            return end
        contrast = words.get("contrast_openers", ())
        for i in range(start, end):
            if self.doc.text[i] in CLAUSE_DELIMS and not self.doc.inside[i]:
                if self.doc.text.startswith(contrast, i + 1):
                    return i
        return end

    def _aside_close(self, ss: int, cue: Cue, start: int, end: int) -> int | None:
        """Where the round bracket holding the cue closes, when it closes between the content's
        start and end (an aside in brackets: its words are not the sentence's)."""
        text = self.doc.text
        depth = 0
        for i in range(cue.start - 1, max(ss, cue.start - ASIDE_REACH) - 1, -1):
            ch = text[i]
            if ch in ASIDE_CLOSE:
                depth += 1
            elif ch in ASIDE_BRACKETS:
                if depth == 0:
                    close = text.find(ASIDE_BRACKETS[ch], cue.end, end)
                    return close if close > start else None
                depth -= 1
        return None

    def _voiced_concession_before(self, ss: int, cstart: int) -> bool:
        """An earlier clause of the sentence opens with a concessive word and holds a claim
        (a voice conceded), and no clause since opens the contrast: this clause is still in
        the concession."""
        words = self.lex.construction_words
        concessive, contrast = words.get("concessive_openers", ()), words.get("contrast_openers", ())
        text, inside = self.doc.text, self.doc.inside
        # (a look-back of CONCESSION_REACH characters: a long sentence with many cues costs linear time)
        floor = max(ss, cstart - CONCESSION_REACH)
        starts = [i + 1 for i in range(floor, cstart - 1) if text[i] in CLAUSE_DELIMS and not inside[i]]
        if floor == ss:
            starts.insert(0, ss)
        conceded = False
        for k, p in enumerate(starts):
            clause_end = starts[k + 1] if k + 1 < len(starts) else cstart
            lead = text[p:clause_end].lstrip(" \t\u3000")
            if contrast and lead.startswith(contrast):
                conceded = False
            elif concessive and lead.startswith(concessive):
                conceded = self.claims.taken(p, clause_end)
        return conceded

    def _attitude_is_claim(
        self, ss: int, cue: Cue, status: str, speaker: Speaker | None, previous: Candidate | None
    ) -> bool:
        """认为/希望 are claims only as the main verb of their own source, not inside
        someone's reported content (普京称…，俄罗斯希望… / …，希望…). With no cue before it,
        an opinion verb whose subject is the one an earlier clause of the sentence opens with
        (特朗普接受采访时谈及此事，认为…) is that source's own view. After a medium's relay
        (据X报道，泽连斯基认为…) a named subject's attitude verb is his own claim.

        previous: the sentence's last candidate before this cue that is not negated."""
        if self.ends_sentence(cue.end, SPACE + CLOSING_MARKS):
            return False  # 他对会谈结果感到满意。: a predicate with nothing said after it
        if status == "named" and self._after_copula(speaker):
            return False  # (据X报道，)推迟的原因是美方希望Y: the wish is what the reason is, content
        if previous is None:
            if status == "elided" and cue.role == "opinion":
                sp = self.pronouns.elided_speaker(ss, cue.start)
                return sp is not None and sp.rule == "earlier_clause_subject"
            return status == "named"
        if cue.text in self.lex.construction_words.get("impersonal_attitude_cues", ()):
            # 乌沙科夫说，预计两国元首将通话 / 据X报道，警方预计…: an expectation inside reported
            # content is what the source said (one claim), unless the source itself expects it
            # (耶伦说，她估计X: the nested cue of one speaker)
            prev = previous.speaker
            same = status == "named" and speaker is not None and prev is not None and speaker.id == prev.id
            # (a side read as its speaker, 拉夫罗夫表示，俄方预料X, is no person expecting: the
            # side stands for the speaker only by own_side_nested)
            return same and speaker.resolution in ("pronoun", "name") and speaker.rule != OWN_SIDE_RULE
        if previous.cue.role in RELAY_ROLES and status == "named":
            return True  # 据X报道，泽连斯基认为…: a medium relays the view of someone with his own verb
        if status == "named" and self._new_voice(speaker, previous, cue):
            return True  # 双方表示X，专家也认为Y: another source's own view, joined by 也/则
        if cue.role == "desire":
            return False
        prev = previous.speaker
        if status == "elided":
            return True
        return speaker is not None and prev is not None and speaker.id == prev.id

    def _after_copula(self, speaker: Speaker | None) -> bool:
        """The subject phrase is a noun phrase (X的Y), a copula (construction_words
        topic_copulas: 是, 在于) and only then the name: 推迟的原因是美方."""
        if speaker is None:
            return False
        mention, marker = speaker.mention, self.lex.relative_marker
        for copula in self.lex.construction_words.get("topic_copulas", ()):
            k = mention.find(copula)
            if k > 0 and marker and marker in mention[:k]:
                return True
        return False

    def _new_voice(self, speaker: Speaker | None, previous: Candidate, cue: Cue) -> bool:
        """A named subject other than the previous cue's, opening its own clause, with an adverb
        that adds a voice (也, 则, 亦: construction_words.new_voice_adverbs) before its cue."""
        prev = previous.speaker
        if speaker is None or prev is None or speaker.id == prev.id or speaker.end > cue.start:
            return False
        between = self.doc.text[speaker.end : cue.start].strip(SPACE)
        return between.startswith(self.lex.construction_words.get("new_voice_adverbs", ()))

    def _source_after(self, cue: Cue, se: int) -> tuple[Speaker, int] | None:
        """援引克里姆林宫消息，X: the source named after a quote_source word, and where X starts.

        The source ends at a delimiter at most CLAUSE_WINDOW characters on (no source is
        longer), so a run of 援引 without punctuation costs linear time."""
        end = cue.end
        stop = min(se, cue.end + CLAUSE_WINDOW)
        while end < stop and self.doc.text[end] not in "，,；;：:。":
            end += 1
        if end >= stop:
            return None
        phrase_end = self.doc.strip_source_tail(cue.end, end)
        speaker = self.speakers.speaker_from_phrase(cue.end, phrase_end, cue)
        if speaker is None:
            return None
        return speaker, end + 1

    def _cue_is_predicate(self, cue: Cue, prefix: str) -> bool:
        p = prefix.rstrip()
        if p.endswith(self.lex.cue_blockers_before):  # (tuples: any of the words, tried in C)
            return False
        after = self.doc.text[cue.end : cue.end + 4]
        if (
            after.startswith(self.lex.cue_blockers_after)
            and self._quote_after_colon(cue) is None
            and self._after_aspect_particle(cue) is None
            and self._quote_after_view_noun(cue) is None
        ):
            blocker = next(b for b in self.lex.cue_blockers_after if after.startswith(b))
            starts = self.speakers.token_starts
            # 说过 blocks; 警告过度管制… does not (过 opens the word 过度): construction_words
            # word_only_blockers block only as a word of their own
            whole_word_only = blocker in self.lex.construction_words.get("word_only_blockers", ())
            if not whole_word_only or not starts or cue.end + len(blocker) in starts:
                return False
        words = self.lex.construction_words
        if cue.text in words.get("expectation_cues", ()) and after.startswith(words.get("expectation_followers", ())):
            return False  # 部长预计将于下周出访: expected to do, not a forecast said
        return not self._heads_locative(cue, p)

    def _answered_question(self, cue: Cue) -> Cue:
        """A question cue (反问道) whose content is a quotation that asks and then answers
        (「谁在扩张？是北约在扩张。」): a speech cue, for the answer is the speaker's claim
        (claimset.py keeps the question out of its span); the cue as it is otherwise."""
        if cue.role != "question" or cue.in_quote:
            return cue
        opener = self._quote_after_colon(cue)
        if opener is None:
            opener = self.doc.content_start(cue.end)
        q = self.doc.quote_at_open.get(opener)
        if q is None or after_leading_questions(self.doc.text, q.start, q.end) == q.start:
            return cue
        return Cue(cue.start, cue.end, cue.text, "speech", cue.in_quote)

    def _is_label(self, cue: Cue) -> bool:
        """答：… opening its line is a transcript label (transcripts.py finds its speaker, if
        the lead names one), not a cue with no subject."""
        if cue.text not in self.lex.construction_words.get("answer_labels", ()):
            return False
        text = self.doc.text
        line = text.rfind("\n", 0, cue.start) + 1
        return not text[line : cue.start].strip(SPACE) and text[cue.end : cue.end + 1] in ("：", ":")

    def _quote_after_colon(self, cue: Cue) -> int | None:
        """普京只说了一句：「无可奉告。」: a few words after the cue (了一句, 了这样一段话), then a
        colon and a quotation: where the quotation opens (the cue's content), else None."""
        text = self.doc.text
        stop = min(len(text), cue.end + QUOTE_LEAD_CHARS)
        k = cue.end
        while k < stop and text[k] not in "：:" and text[k] not in CLAUSE_DELIMS and text[k] not in SENTENCE_END:
            k += 1
        if k >= stop or text[k] not in "：:" or k == cue.end:
            return None
        opener = self.doc.content_start(k)
        return opener if opener in self.doc.quote_at_open else None

    def _after_aspect_particle(self, cue: Cue) -> int | None:
        """开场白就说了，X / 他曾说过：X: an aspect particle (construction_words aspect_particles)
        right after the cue and then a comma or colon: the act of speaking, its content after
        the mark (not 说了算, 表示了关切: no mark there). Where the content starts, else None."""
        text = self.doc.text
        for particle in self.lex.construction_words.get("aspect_particles", ()):
            after = cue.end + len(particle)
            if text.startswith(particle, cue.end) and text[after : after + 1] in ("，", ",", "：", ":"):
                start = self.doc.content_start(after)
                return start if start < len(text) and text[start] not in SENTENCE_END else None
        return None

    def _quote_after_view_noun(self, cue: Cue) -> int | None:
        """布林肯表达了他对拉夫罗夫的看法，「X」: the cue's object is a noun naming a view
        (construction_words view_nouns: 看法, 观点, 评价), closed by a comma or colon, and a
        quotation follows: the quotation is the view. Where it opens, else None."""
        nouns = tuple(self.lex.construction_words.get("view_nouns", ()))
        if not nouns:
            return None
        text = self.doc.text
        k = cue.end
        stop = min(len(text), cue.end + VIEW_OBJECT_CHARS)
        while k < stop and text[k] not in CLAUSE_DELIMS and text[k] not in SENTENCE_END and not self.doc.inside[k]:
            k += 1
        if k >= stop or text[k] not in CLAUSE_DELIMS or not text[cue.end : k].rstrip(SPACE).endswith(nouns):
            return None
        opener = self.doc.content_start(k)
        return opener if opener in self.doc.quote_at_open else None

    def _heads_locative(self, cue: Cue, prefix: str) -> bool:
        """在一份声明中表示: the cue word is the noun of a locative frame (在/于 … CUE 中), the
        postposition a word of its own (not 表示中方…)."""
        words = self.lex.construction_words
        post = next((w for w in words.get("locative_postpositions", ()) if self.doc.text.startswith(w, cue.end)), None)
        if post is None or (cue.end + len(post)) not in self.speakers.token_starts:
            return False
        return any(w in prefix for w in words.get("locative_prepositions", ()))

    def _emit_cue_claims(self, cand: Candidate, speaker: Speaker, limit: int, ss: int, se: int) -> None:
        cue, cstart = cand.cue, cand.clause_start
        rule = self._cue_rule(cue)
        target = addressee(self.doc, cstart, cue.start)
        start = cand.content_start if cand.content_start is not None else self.doc.content_start(cue.end)
        if self.claims.taken(start, start + 1):
            return  # 答：… — the content is a transcript answer found before
        if start < cue.start:  # 将X描述为Y: from X to the sentence's end, the cue inside
            end = self.doc.clause_group_end(start, max(limit, cue.end))
            self.claims.add(start, end, "indirect", speaker, cue, target, rule="disposal_framing")
            return
        if cue.text in self.lex.addressee_cues and cand.content_start is None:
            if self._attributes_quote_before(cstart):
                return  # “X，”布林肯告诉记者。: the clause attributes the quotation (quoted.py)
            # 告诉记者：「…」 / 告诉记者，X: who was told comes first, then what was said
            start, told = self._skip_addressee(start, limit)
            start = self.doc.content_start(start)
            target = target or told
        elif cand.content_start is None and start == self.doc.content_start(cue.end):
            addressed = appeal_addressee_end(self.doc.text, cue.text, start, self.lex)
            if addressed is not None:  # 呼吁民众，X: the first clause is whom the appeal addresses
                told = [m.entity for m in self.doc.mentions_in(start, addressed) if m.kind != "pronoun" and m.entity]
                start, target = addressed, target or (told[0] if told else "")
        # content right after the cue is a quotation: a direct claim
        q = self.doc.quote_at_open.get(start)
        if q is not None and self._quoted_term_object(q, limit):
            return  # 提到“让美国再次伟大”的口号: a quoted name modifying the object noun
        if q is not None and self._quoted_term_subject(q):
            q = None  # 说，“西方国家”一直在遏制俄罗斯: a quoted term opening reported speech (indirect)
        if q is not None:
            self.claims.add(q.start, q.end, "direct", speaker, cue, target, rule=rule("cue_quote"))
            rest = self.doc.content_start(q.end + 1)
            if rest < limit and rest in self.doc.quote_at_open:
                q2 = self.doc.quote_at_open[rest]
                self.claims.add(q2.start, q2.end, "direct", speaker, cue, target, rule=rule("cue_second_quote"))
            return
        if start == cue.end and cue.text in self.lex.construction_words.get("responding_cues", ()):
            # 毛宁回应X的言论，Y: the object is what was answered; what was said follows it
            start = self._after_object(start, limit)
            if start is None:
                return  # 毛宁回应X的言论。: nothing said
        end = self._concession_end(ss, cstart, cue, start, self.doc.clause_group_end(start, limit))
        end = self._question_tail_end(start, end)
        close = self._aside_close(ss, cue, start, end)
        if close is not None:
            # 黄岩岛（菲律宾称斯卡伯勒浅滩）: a cue inside round brackets speaks only up to the
            # closing bracket; a name there (one clause of max_aside_name_chars) is a gloss: no claim
            aside = self.doc.text[start:close].strip(TRIM)
            if len(aside) <= self.doc.cfg.max_aside_name_chars and not any(ch in CLAUSE_DELIMS for ch in aside):
                return
            end = close
        if cue.role in ("opinion", "desire") and len(self.doc.text[start:end].strip(TRIM)) < 4:
            return  # 对峰会期望降温: an attitude noun, not a view
        if end <= start or self.doc.only_punct(start, end):
            self._content_elsewhere(cand, speaker, target, ss, se)
            return
        if self._is_adverbial(cstart, cue, start, end):
            return
        # an indirect lead-in followed by a quotation gives two claims
        split = self.doc.quote_clause_in(start, end)
        if split is not None and not self._quoted_fragment(start, split):
            self.claims.add(start, split - 1, "indirect", speaker, cue, target, rule=rule("lead_in_and_quote"))
            q = self.doc.quote_at_open[split - 1]
            self.claims.add(q.start, q.end, "direct", speaker, cue, target, rule=rule("lead_in_and_quote"))
            tail = self.doc.content_start(q.end + 1)
            if tail < end and tail in self.doc.quote_at_open:
                q2 = self.doc.quote_at_open[tail]
                self.claims.add(q2.start, q2.end, "direct", speaker, cue, target, rule=rule("lead_in_and_quote"))
            return
        colon = self._colon_before_paragraph(start, end)
        if colon is not None:
            # 批评美国等北约国家：⏎X — the short object names whom; the content is the next paragraph
            at_colon = Candidate(Cue(cue.start, colon, cue.text, cue.role, cue.in_quote), cstart, speaker, "named")
            self._content_elsewhere(at_colon, speaker, target, ss, se)
            return
        self.claims.add(start, end, "indirect", speaker, cue, target, rule=rule("reported_cue"))

    def _colon_before_paragraph(self, start: int, end: int) -> int | None:
        """The content is one clause closed by a colon at its paragraph's end: where the colon is."""
        text = self.doc.text
        k = end
        while k > start and text[k - 1] in SPACE:
            k -= 1
        if k <= start or text[k - 1] not in "：:" or ("\n" not in text[end : end + 2] and end < len(text)):
            return None
        if any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in text[start : k - 1]):
            return None
        return k - 1

    def _fronted_topic(self, ss: int, cand: Candidate, later: list[Candidate]) -> bool:
        """谈及X，佩斯科夫表示Y: a cue with no subject opening its sentence, with a named source's
        cue later in the sentence, fronts the topic that source speaks about; it says nothing."""
        lead = self.doc.text[ss : cand.clause_start].strip(TRIM)
        if lead and lead not in self.lex.clause_openers:
            return False
        return any(c.status == "named" for c in later)

    def _disposal_object_start(self, cstart: int, cue: Cue) -> int | None:
        """将此次会晤描述为…: where the object fronted by a disposal marker (将/把) before a
        framing cue starts, or None (no framing cue, or no marker with an object after it)."""
        words = self.lex.construction_words
        if cue.text not in words.get("framing_cues", ()):
            return None
        lead = self.doc.text[cstart : cue.start]
        k = max((lead.rfind(m) + len(m) for m in words.get("disposal_markers", ()) if m in lead), default=-1)
        if k <= 0 or not lead[k:].strip():
            return None
        return cstart + k

    def _quoted_fragment(self, start: int, split: int) -> bool:
        """他们的会谈「极具成效」，「在许多议题上达成共识」: reported speech that already quotes
        fragments, closed by one more single-clause fragment, is one indirect claim (spec:
        partial quotes keep their marks); a quotation of several clauses or sentences after the
        lead-in is the speaker's own words, a claim of its own."""
        q = self.doc.quote_at_open[split - 1]
        if any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in self.doc.text[q.start : q.end]):
            return False
        return any(start <= o.start and o.end < split - 1 for o in self.doc.quotes_in(start, split - 1))

    def _content_elsewhere(self, cand: Candidate, speaker: Speaker, target: str, ss: int, se: int) -> None:
        """A cue with nothing after it in its sentence: 普京说：⏎「…」 takes the next
        paragraph; “X。”他这样说 / X，韦进深表示。 take what stands before."""
        cue, cstart = cand.cue, cand.clause_start
        rule = self._cue_rule(cue)
        after = self.doc.text[cue.end : cue.end + 3].lstrip(" \t\u3000")
        if after[:1] and after[:1] in INTRODUCERS:  # 普京说：⏎ / 普京说——⏎
            nxt = self.doc.next_paragraph(cue.end)
            if nxt is not None:
                ps, pe = nxt
                while ps < pe and self.doc.text[ps] in SPACE:
                    ps += 1  # 　　「…」: a paragraph indented with blanks
                q = self.doc.quote_at_open.get(ps)
                if q is not None and self.doc.only_punct(q.end + 1, pe):
                    self.claims.add(q.start, q.end, "direct", speaker, cue, target, rule=rule("colon_next_paragraph"))
                else:
                    self.claims.add(ps, pe, "indirect", speaker, cue, target, rule=rule("colon_next_paragraph"))
            return
        if not self.doc.only_punct(cue.end, se):
            return
        rest = self.doc.text[speaker.end if speaker.end > cstart else cstart : cue.start]
        if self.lex.back_reference.search(rest) and cstart == ss:
            prev = self.doc.previous_sentence(ss)
            if prev is not None:
                q = self.doc.quote_at_close.get(prev[1] - 1)
                if q is not None:
                    self.claims.add(q.start, q.end, "direct", speaker, cue, target, rule=rule("back_reference"))
                else:
                    self.claims.add(prev[0], prev[1], "indirect", speaker, cue, target, rule=rule("back_reference"))
            return
        if cstart <= ss:
            return
        ss = self.speakers.skip_glued_noise(ss, cstart)  # scraped garbage glued before the content
        before_end = cstart - 1
        q = self.doc.quote_at_close.get(before_end - 1) or self.doc.quote_at_close.get(before_end)
        # 「…，」他说: the quotation is what was said when it opens the sentence; after words
        # of its own (其他事情将是「…」，他说) the whole clause group is
        if q is not None and not self.doc.text[ss : q.start - 1].strip(" \t\u3000“「『\"'"):
            self.claims.add(q.start, q.end, "direct", speaker, cue, target, rule=rule("content_before_cue"))
            return
        before = self.doc.text[ss:before_end].strip()
        if self._attribution_clause_before(ss, before_end):
            return  # 发言人说，报告将适时公布: the clause before attributes what follows; it is not said
        if not HAN.search(before):
            return  # 12:20 凤凰卫视记者发回报道 — a time stamp or a number states nothing
        if self.doc.text[before_end] in LABEL_COLONS:
            return  # 新德里：印度总理莫迪发文祝贺 — words before a colon label what follows; a postposed source follows a comma
        if not self._adverbials_between(PARENTHETICAL.sub("", rest).strip(), cue):
            return
        if before.startswith(self.lex.fronted_phrase_openers) and not any(c in CLAUSE_DELIMS for c in before):
            return  # 在…问题上，蓬佩奥发出警告: a fronted phrase alone is not what was said
        if any(before.endswith(w) for w in self.lex.adverbial_clause_endings + self.lex.fronted_phrase_endings):
            return
        self.claims.add(ss, before_end, "indirect", speaker, cue, target, rule=rule("content_before_cue"))

    def _adverbials_between(self, rest: str, cue: Cue) -> bool:
        """X，普京在记者会开场时表示 / X，白宫周五发表声明说: what stands between a postposed
        speaker and the cue is time, place and manner, short, with no object or partner
        (两人仍对会谈给予正面评价: the cue word is an object there). A plain speech verb that
        cannot be a noun (表示, 说) takes no object: 向/对 + someone before it is the addressee
        (X，普京14日向媒体表示)."""
        words = self.lex.construction_words
        if any(w in rest[-NOUN_HEAD_REACH:] for w in words.get("noun_modifier_markers", ())):
            return False  # 俄方已准备好接受美方的相关提议: the cue word heads a noun phrase
        if len(rest) <= PLAIN_ADVERBIAL_CHARS:
            return True
        if len(rest) > self.cfg.max_postposed_adverbial_chars:
            return False
        if cue.role == "speech" and cue.text not in self.lex.noun_capable_cues:
            return True
        return not any(w in rest for w in words.get("object_markers_between", ()))

    @staticmethod
    def _cue_rule(cue: Cue):
        """Rule names of cue-led claims; a relayed source (援引X消息，…) is its own construction."""
        if cue.role == "quote_source":
            return lambda name: "relay_source"
        return lambda name: name

    def _after_object(self, start: int, limit: int) -> int | None:
        """Where the content starts after the object clause of a responding cue (the next
        clause), or None when the object runs to the sentence's end."""
        k = start
        while k < limit and self.doc.text[k] not in "，,；;：:。！？":
            k += 1
        if k >= limit or self.doc.text[k] not in "，,：:":
            return None
        return self.doc.content_start(k)

    def _thing_object(self, start: int, se: int) -> bool:
        """What follows the cue to the sentence's end is one clause, a 的-phrase closed by a head
        noun (新的对朝政策, 美方的相关提议): a thing named, no proposition."""
        rest = self.doc.text[start:se].strip(TRIM)
        marker = self.lex.relative_marker
        if not rest or not marker or any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in rest):
            return False
        if not rest.endswith(self.lex.noun_object_heads) or marker not in rest:
            return False
        return len(rest) - rest.rfind(marker) - len(marker) <= self.lex.max_head_phrase_chars

    def _only_attitude_noun(self, start: int, end: int) -> bool:
        """表示严重关切 / 表达强烈不满: what follows the cue up to the end of its clause is
        degree words and one attitude noun."""
        words = self.lex.construction_words
        start = self.doc.content_start(start)
        # two coordinated attitudes (表达高度遗憾与不满) are still no proposition
        stop = min(end, start + 2 * ATTITUDE_NOUN_MAX_CHARS + 2)
        k = start
        while k < stop and self.doc.text[k] not in CLAUSE_DELIMS and self.doc.text[k] not in SENTENCE_END:
            k += 1
        rest = self.doc.text[start:k].strip(TRIM)
        nouns = words.get("attitude_nouns", ())
        if len(rest) > 2 * ATTITUDE_NOUN_MAX_CHARS or not rest.endswith(nouns):
            return False  # (most contents: one test in C before any degree word is read)
        degrees = sorted(words.get("attitude_degrees", ()), key=len, reverse=True)
        joiners = sorted(self.lex.coordinators, key=len, reverse=True)
        parts = [rest]
        for joiner in joiners:
            parts = [piece for part in parts for piece in part.split(joiner)]
        if len(parts) > 2 or (len(parts) == 1 and len(rest) > ATTITUDE_NOUN_MAX_CHARS):
            return False
        return all(self._degree_stripped(part, degrees) in nouns for part in parts)

    @staticmethod
    def _degree_stripped(rest: str, degrees: list[str]) -> str:
        """强烈不满 -> 不满: the degree words opening an attitude noun, taken off."""
        stripped = True
        while stripped:
            stripped = False
            for w in degrees:
                if rest.startswith(w) and len(rest) > len(w):
                    rest, stripped = rest[len(w) :], True
                    break
        return rest

    def _attributes_quote_before(self, cstart: int) -> bool:
        """Does the clause open right after a closing quotation mark (“X，”他告诉记者)?"""
        k = cstart
        while k > 0 and self.doc.text[k - 1] in SPACE + "，,":
            k -= 1
        return k - 1 in self.doc.quote_at_close

    def _quoted_term_object(self, q: Quote, limit: int) -> bool:
        """A quotation right after the cue that modifies a short noun closing the clause
        (“X”的口号, “X”这一口号: relative_marker or construction_words quoted_term_links, then at
        most max_head_phrase_chars) is a name, not words said."""
        links = tuple(w for w in (self.lex.relative_marker, *self.lex.construction_words.get("quoted_term_links", ())) if w)
        after = q.end + 1
        link = next((w for w in links if self.doc.text.startswith(w, after)), None)
        if link is None:
            return False
        end = self.doc.clause_group_end(after, limit)
        head = self.doc.text[after + len(link) : end].strip(TRIM)
        return 0 < len(head) <= self.lex.max_head_phrase_chars and not any(c in CLAUSE_DELIMS for c in head)

    def _quoted_term_subject(self, q: Quote) -> bool:
        """A quotation with no punctuation inside, shorter than words that could stand alone
        (min_bare_quote_chars, params extract), right after the cue, its clause going on with the
        predicate glued to the closing mark (“西方国家”一直在…): a term the speaker is quoted as
        using, inside reported speech."""
        text = self.doc.text
        after = q.end + 1
        if q.end - q.start >= self.cfg.min_bare_quote_chars:
            return False
        if any(ch in CLAUSE_DELIMS or ch in SENTENCE_END for ch in text[q.start : q.end]):
            return False
        if after >= len(text) or not HAN.match(text, after):
            return False
        # (“X”并称Y / “X”他说: a cue or a clause opener after the mark is no predicate of X)
        if self.doc.cues_in(after, after + 3) or text.startswith(self.lex.clause_openers, after):
            return False
        if any(m.start == after for m in self.doc.mentions_in(after, after + 1)):
            return False
        # a predicate follows, not a tail closing the quotation (“X”云云 / “X”等语)
        end = after
        while end < len(text) and text[end] not in CLAUSE_DELIMS and text[end] not in SENTENCE_END:
            end += 1
        return end - after >= self.lex.min_proposition_chars

    def _skip_addressee(self, start: int, limit: int) -> tuple[int, str]:
        """告诉第一财经记者，X: the short first clause is who was told; X is the content."""
        k = start
        while k < limit and k - start <= 16 and self.doc.text[k] not in "，,：:；;。":
            k += 1
        if k < limit and k - start <= 16 and self.doc.text[k] in "，,：:":
            told = [m.entity for m in self.doc.mentions_in(start, k) if m.kind != "pronoun" and m.entity]
            return k + 1, (told[0] if told else "")
        return start, ""

    def _is_adverbial(self, cstart: int, cue: Cue, start: int, end: int) -> bool:
        """(在)回应…的指控时，称…: a cue whose first content clause closes a time
        adverbial (…时, …之际) is no speech act; the main verb comes after."""
        first = start
        while first < end and self.doc.text[first] not in "，,；;。":
            first += 1
        clause = self.doc.text[start:first].rstrip()
        if not any(clause.endswith(w) for w in self.lex.adverbial_clause_endings):
            return False
        if clause.endswith(tuple(self.lex.construction_words.get("not_time_frame_endings", ()))):
            return False  # 通话将持续一小时，…: a duration, not a 时 closing a time frame
        lead = self.doc.text[cstart : cue.start].lstrip()
        if lead.startswith(self.lex.time_frame_openers):
            return True
        # without 在/当: only when the next clause opens with the main cue (…指控时，称…)
        nxt = first + 1
        return clause.endswith(self.lex.bare_time_frame_endings) and any(
            c.start <= nxt + 2 for c in self.doc.cues_in(nxt, nxt + 3)
        )
