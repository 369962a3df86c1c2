"""Step ``transcript_turns``: paragraphs opened by a speaker label and a colon
(发言人扎哈罗娃：…, 问：… 答：…, 法新社记者：… 汪文斌：…).

Rules: transcript_turn (an answer paragraph: a direct claim of its label's speaker, empty cue),
transcript_continuation (in a Q&A transcript, an unlabelled paragraph after an answer continues
it). The question (问：…, 记者：…) is never a claim; a statement it attributes to a source with its
own cue is found by reported_speech. Speaker rules: transcript_host (答： → the host named in
the lead, …主持…), transcript_host_role (答： under a lead naming only a role: 商务部新闻发言人就…
答记者问), transcript_role_in_lead (总统： → the person the lead names with that title),
transcript_previous_turn (a continuation paragraph). A label whose line opens with its own subject
and cue (北京：外交部发言人郭嘉昆表示，X) is a dateline, no turn; in a Q&A a name-like label is the
interviewee even when the lead did not name them.

Runs first, so an answer paragraph is one claim and the cues inside it are its content.
Data: extraction.yaml (construction_words: question_labels, answer_labels, host_markers;
titles; quote_pairs), cues.tsv (question words), params.yaml extract.max_speaker_chars."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.attribution.base import CLAUSE_DELIMS, SENTENCE_END, SPACE, Cue, Speaker
from pipeline.attribution.names import HAN_NAME
from pipeline.attribution.registry import AttributionState, StateStep, register_step

TURN_CUE_ROLE = "transcript"
QUESTION_MARKS = ("？", "?")  # punctuation, not language: a sentence so ended asks
LABEL_BRACKETS = {"【": "】", "[": "]", "〔": "〕"}  # a label in brackets needs no colon (【答】…)
# a label and its colon right after a sentence end, a closing mark or a dash: where a turn
# starts inside a paragraph when a transcript was glued into one line
LABEL_SUBJECT_SLACK = 2  # characters (a blank, a bracket) before the subject that opens a dateline's line
INLINE_LABEL = re.compile(r"(?<=[。！？!?…—”」』）)\]])[ \t\u3000]*[^\s，,。：:“「『（(—…]{1,8}[：:]")


@dataclass
class Turn:
    ps: int  # paragraph start
    pe: int  # paragraph end
    head_start: int
    colon: int
    kind: str  # question | answer | named


@register_step("transcript_turns")
class TranscriptTurns(StateStep):
    def __init__(self, state: AttributionState) -> None:
        super().__init__(state)
        words = self.lex.construction_words
        self.question_labels = words.get("question_labels", ())
        self.answer_labels = words.get("answer_labels", ())
        self.list_lead_verbs = words.get("list_lead_verbs", ())
        self.host_markers = words.get("host_markers", ())
        self.closers = "".join(self.lex.quote_pairs.values())
        # the headline and lead are blanked in the body text, but they name the host
        self.lead_text = state.unmasked_text or self.doc.text
        self.max_alias = max(map(len, self.lex.aliases), default=0)

    def run(self) -> None:
        units = self._turn_units()
        turns = {p: t for p in units if (t := self._turn(*p)) is not None}
        kinds = {t.kind for t in turns.values()}
        # a Q&A transcript: questions and answers alternate; short answers and unlabelled
        # answer paragraphs count only there
        qa = "question" in kinds and len(turns) >= 2
        if qa:
            # 记者：… 高硕泰：… — between question turns, a label that reads as a person's name
            # is the interviewee, whether or not the lead named them first
            turns = {p: t for p in units if (t := self._turn(*p, qa=True)) is not None}
        current: Speaker | None = None  # the speaker whose answer is running
        for ps, pe in units:
            turn = turns.get((ps, pe))
            if turn is None and qa and self._opens_with_label(ps, pe):
                current = None  # 问 ——… : a question label without its colon
                continue
            if turn is None:
                if qa and current is not None:
                    self._continuation(ps, pe, current)
                continue
            current = None
            if turn.kind == "question":
                self._reserve_questions(turn)
                continue
            if self._asks_the_other(turn):
                self._reserve_questions(turn)  # 主席里施：部长先生，…是什么？ — a member's question
                continue
            speaker = self._turn_speaker(turn)
            if speaker is None:
                continue
            start = turn.colon + 1
            if not qa and (pe - start < 6 or not self._ends_sentence(start, pe)):
                continue  # outside a Q&A: a label line with no sentence end is a headline
            if self.claims.taken(start, pe):
                continue
            cue = Cue(turn.colon, turn.colon, "", TURN_CUE_ROLE, False)
            self.claims.add(start, pe, "direct", speaker, cue, rule="transcript_turn")
            current = speaker

    def _turn_units(self) -> list[tuple[int, int]]:
        """The paragraphs, each split where a turn starts inside it (rule inline_turns): a
        transcript scraped into one line (…(下午4:56)问：…？总统：没什么。问：…) reads as the
        paragraphs it was. A paragraph is split only when a question turn starts inside it,
        so a colon after a sentence elsewhere (…。他说：…) splits nothing."""
        units: list[tuple[int, int]] = []
        for ps, pe in self.doc.paragraphs:
            starts = [m.start() for m in INLINE_LABEL.finditer(self.doc.text, ps, pe)]
            turns = [t for k in starts if (t := self._turn(k, pe)) is not None]
            if not any(t.kind == "question" for t in turns):
                units.append((ps, pe))
                continue
            bounds = [ps, *(t.ps for t in turns), pe]
            units.extend((a, b) for a, b in itertools.pairwise(bounds) if b > a)
        return units

    def _reserve_questions(self, turn: Turn) -> None:
        """问：…中方认为X还是Y？ — a sentence of a question turn that ends with a question mark
        asks; a cue inside it reports nothing (its statements ending with 。 stay open)."""
        text = self.doc.text
        for ss, se in self.doc.sentences:
            if se <= turn.colon or ss >= turn.pe:
                continue
            s, e = max(ss, turn.colon + 1), min(se, turn.pe)
            tail = text[s:e].rstrip(SPACE + "\r\n" + self.closers)
            if tail.endswith(QUESTION_MARKS):
                self.claims.reserve(self._asking_part(s, s + len(tail)), e)

    def _asks_the_other(self, turn: Turn) -> bool:
        """A named turn that is only a question put to the other side (a hearing's chair, a
        co-host: 主席里施：部长先生，X是什么？): its text is one sentence ending with a question
        mark, or its last sentence so ends and addresses the one answering. Like a journalist's
        question, never a claim."""
        text = self.doc.text
        tail = text[turn.colon + 1 : turn.pe].rstrip(SPACE + "\r\n" + self.closers)
        if not tail.endswith(QUESTION_MARKS):
            return False
        end = turn.colon + 1 + len(tail)
        last = max((i for i in range(turn.colon + 1, end - 1) if text[i] in SENTENCE_END), default=None)
        if last is None:
            return True  # one sentence, and it asks
        asked = text[last + 1 : end]
        return any(w in asked for w in self.lex.construction_words.get("addressed_question_words", ()))

    def _asking_part(self, s: int, end: int) -> int:
        """美方称中方支持俄罗斯，你有何回应？: where the asking starts. A statement the question
        first reports with a cue of its own (spec: 有官员表示X，你怎么看？ → X) stays open; the
        question is then the last clause."""
        text = self.doc.text
        last = max((i for i in range(s, end) if text[i] in CLAUSE_DELIMS), default=-1)
        if last < 0 or not any(c.role != "question" and not c.in_quote for c in self.doc.cues_in(s, last)):
            return s
        # the last clause must ask the one answering (你怎么看, 有何回应, 是否…): 中方认为X，
        # 还是Y？ is one question, the cue inside it
        if not any(w in text[last + 1 : end] for w in self.lex.construction_words.get("addressed_question_words", ())):
            return s
        return last + 1

    def _turn(self, ps: int, pe: int, qa: bool = False) -> Turn | None:
        text = self.doc.text
        s = self.speakers.skip_glued_noise(ps, pe)  # blanks, and scraped garbage glued before the label
        limit = min(pe, s + self.cfg.max_speaker_chars // 2)
        closer = LABEL_BRACKETS.get(text[s]) if s < pe else None
        if closer is not None:
            # 【问】… / 【答】… / [汪文斌] …: a bracketed label, its closing bracket for a colon
            colon = text.find(closer, s + 1, limit)
            if colon <= s + 1 or not self._is_qa_label(text[s + 1 : colon].strip()):
                return None  # 【外交部】, 【图】: a source or a caption mark, not a turn
            s += 1
        else:
            colon = s
            while colon < limit and text[colon] not in self.doc.words.turn_head_ends:
                colon += 1
            if colon >= limit or text[colon] not in "：:" or colon == s:
                return None
        start = colon + 1
        while start < pe and text[start] in SPACE:
            start += 1
        if pe - start < 2 or text[start] in self.lex.quote_pairs:
            return None  # 川普：「…」 is a quotation after a colon (quoted.py)
        head = text[s:colon].strip()
        if head.endswith(self.question_labels) or any(
            w in head for w, role in self.lex.cues.items() if role == "question"
        ):
            return Turn(ps, pe, s, colon, "question")
        if head in self.answer_labels:
            return Turn(ps, pe, s, colon, "answer")
        if head.endswith(tuple(self.lex.construction_words.get("dateline_label_endings", ()))):
            return None  # 央视网消息：… / 本报讯：… — the outlet's own dateline, not a speaker's turn
        if any(c.end == s + len(head) and not c.in_quote for c in self.doc.cues_in(s, colon)):
            return None  # 美方官员透露：X — a cue before the colon: reported speech, not a label
        if any(v in head for v in self.list_lead_verbs):
            return None  # 王毅提出三点：X — a list announced (lists.py), not a label
        if not any(m.kind != "pronoun" for m in self.doc.mentions_in(s, colon)) and not any(
            t in head for t in self.lex.titles
        ) and not self._named_before(head, s) and not (qa and self._reads_as_name(head)):
            return None
        if self._opens_own_attribution(start, pe):
            return None  # 北京：外交部发言人郭嘉昆表示X — a dateline or heading, the sentence names its source
        return Turn(ps, pe, s, colon, "named")

    def _opens_own_attribution(self, start: int, pe: int) -> bool:
        """The text after the label opens with a subject of its own and a cue in its first
        clause (北京：中国外交部发言人郭嘉昆表示，X / 新德里：印度总理莫迪发文祝贺): the label is
        a place or a heading over a line of reported speech, not the one speaking."""
        text = self.doc.text
        end = start
        while end < pe and text[end] not in CLAUSE_DELIMS and text[end] not in SENTENCE_END:
            end += 1
        cues = [c for c in self.doc.cues_in(start, end) if not c.in_quote and c.role != "question"]
        if not cues:
            return False
        opening = [m for m in self.doc.mentions_in(start, cues[0].start)
                   if m.kind != "pronoun" and m.start - start <= LABEL_SUBJECT_SLACK]
        return bool(opening)

    def _reads_as_name(self, head: str) -> bool:
        return 2 <= len(head) <= 5 and bool(HAN_NAME.fullmatch(head)) and self.speakers.looks_like_name(head)

    def _named_before(self, head: str, pos: int) -> bool:
        """孟庆华：… — a label the registry lacks: a person's name (a surname and one or two
        characters, or a transliterated name) the text wrote before, as the lead names the host."""
        if not (2 <= len(head) <= 5 and HAN_NAME.fullmatch(head)) or head not in self.doc.text[:pos]:
            return False
        return self.speakers.looks_like_name(head)

    def _turn_speaker(self, turn: Turn) -> Speaker | None:
        if turn.kind == "answer":
            return self._host(turn)
        speaker = self.speakers.speaker_from_phrase(
            turn.head_start, turn.colon, Cue(turn.colon, turn.colon, "", "speech", False)
        )
        if speaker is not None and speaker.rule in ("title_only", "title_back_reference"):
            # 总统：… — the lead names the person with that title (美国总统拜登)
            named = self._titled_person_before(self.doc.text[turn.head_start : turn.colon].strip(), turn.ps)
            if named is not None:
                return Speaker(named, speaker.mention, speaker.start, speaker.end, "context", "person", "transcript_role_in_lead")
        return speaker

    def _titled_person_before(self, title: str, pos: int) -> str | None:
        """The first person named right after ``title`` before pos, headline and lead
        included (美国总统拜登 for 总统)."""
        text = self.lead_text
        i = text.find(title, 0, pos)
        while i >= 0:
            named = self._alias_at(text, i + len(title))
            if named is not None and self.doc.type_of(named) == "person":
                return named
            i = text.find(title, i + 1, pos)
        return None

    def _host(self, turn: Turn) -> Speaker | None:
        """答：… — the host the lead or headline names (外交部发言人华春莹主持记者会): the last
        registry person in the clause before the host marker."""
        text = self.lead_text
        for marker in self.host_markers:
            i = text.find(marker, 0, turn.ps)
            while i >= 0:
                cs = i
                while cs > 0 and text[cs - 1] not in "，,。；;：:！？!?\n" and i - cs < self.cfg.max_speaker_chars:
                    cs -= 1
                persons = [a for k in range(cs, i) if (a := self._alias_at(text, k)) and self.doc.type_of(a) == "person"]
                if not persons:  # 外交部发言人孟庆华主持…: a name the registry lacks after its title
                    names = (self.speakers.name_after_title(k, i) for k in range(cs, i))
                    persons = [text[a:b] for a, b in filter(None, names)]
                if persons:
                    host = persons[-1]
                    return Speaker(host, text[turn.head_start : turn.colon].strip(), turn.head_start, turn.colon,
                                   "context", "person", "transcript_host")
                role = self._host_role(text[cs:i])
                if role is not None:
                    # 商务部新闻发言人就X答记者问 with no name: the role answers, as written
                    return Speaker(role, text[turn.head_start : turn.colon].strip(), turn.head_start, turn.colon,
                                   "title", "source", "transcript_host_role")
                i = text.find(marker, i + 1, turn.ps)
        return None

    def _host_role(self, clause: str) -> str | None:
        """The role phrase that opens the lead's host clause, up to its first preposition
        (商务部新闻发言人|就…): a source only when it ends with a title (发言人, 部长)."""
        phrase = clause.strip()
        cut = min((k for w in self.lex.preposition_leads if (k := phrase.find(w)) > 0), default=len(phrase))
        phrase = phrase[:cut].strip()
        if not phrase or len(phrase) > self.cfg.max_speaker_chars or not phrase.endswith(tuple(self.lex.titles)):
            return None
        return phrase

    def _alias_at(self, text: str, pos: int) -> str | None:
        """The registry entity whose longest alias starts at pos."""
        for n in range(min(self.max_alias, len(text) - pos), 1, -1):
            entity = self.lex.aliases.get(text[pos : pos + n])
            if entity is not None:
                return entity
        return None

    def _is_qa_label(self, head: str) -> bool:
        return head.endswith(self.question_labels) or head in self.answer_labels

    def _opens_with_label(self, ps: int, pe: int) -> bool:
        head = self.doc.text[ps:pe].lstrip(SPACE)
        # a Latin label (Q, A) only as a word of its own: APEC opens no answer
        return any(
            head.startswith(label) and not (label.isascii() and head[len(label) : len(label) + 1].isalnum())
            for label in self.question_labels + self.answer_labels
        )

    def _ends_sentence(self, start: int, end: int) -> bool:
        tail = self.doc.text[start:end].rstrip(SPACE + "\r\n" + self.closers)
        return tail[-1:] in SENTENCE_END or tail.endswith("…")

    def _continuation(self, ps: int, pe: int, speaker: Speaker) -> None:
        """An unlabelled paragraph after an answer, before the next label: the same answer."""
        s = ps
        while s < pe and self.doc.text[s] in SPACE:
            s += 1
        if pe - s < 6 or not self._ends_sentence(s, pe) or self.claims.taken(s, pe):
            return
        cont = Speaker(speaker.id, "", s, s, "context", speaker.entity_type, "transcript_previous_turn")
        self.claims.add(s, pe, "direct", cont, Cue(s, s, "", TURN_CUE_ROLE, False), rule="transcript_continuation")
