"""Context: pronouns (他, 对方, 前者, 该社, 两人) and elided subjects, resolved from the
mentions before them and the claims found so far (read from the :class:`ClaimSet`).

He/she, in order: the person asked (pronoun_asked_person), the speaker of the cue whose
content the pronoun opens (pronoun_outer_speaker), a person opening the sentence
(pronoun_sentence_subject), the person whose speech reported the last claim
(pronoun_reporting_speaker), a person opening a sentence since the last claim
(pronoun_topic_subject), the subject of the nearest clause since the last claim that opens
with a person (pronoun_clause_subject), the last claim's speaker (pronoun_previous_claim), the
last person named (pronoun_recent_person); a reading of 她 as a registry man, or of 他 as a
registry woman, gives way to the nearest person who agrees (pronoun_agreeing_person). No
subject, in order: a clause of narration before
(elided_after_narration), a claim earlier in the sentence (elided_subject), an earlier clause's
subject (earlier_clause_subject), the narration's subject since a recent claim
(previous_sentence_subject), that claim's speaker (elided_recent_claim). Data: extraction.yaml (pronouns), speaker_resolution.yaml
(narration_openers: elided_after_narration; passive_markers: 被问及 asks the subject; female_speakers, feminine_pronouns:
pronoun_agreeing_person)."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from pipeline.attribution.base import (
    CLAUSE_DELIMS,
    CLAUSE_WINDOW,
    SENTENCE_END,
    SPACE,
    Cue,
    Mention,
    Speaker,
    longest_first,
)
from pipeline.attribution.claimset import ClaimSet
from pipeline.attribution.document import DocumentView
from pipeline.attribution.speakers import MAX_TITLE_CHARS, SpeakerResolver
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons


class PronounResolver:
    def __init__(
        self, doc: DocumentView, claims: ClaimSet, speakers: SpeakerResolver, lex: Lexicons, cfg: ExtractConfig
    ) -> None:
        self.doc = doc
        self.claims = claims
        self.speakers = speakers
        self.lex = lex
        self.cfg = cfg
        self._reading_topic = False  # set while _recent_topic parses an attribution
        self._reading_outer = False  # set while _outer_speaker parses the cue before a pronoun
        self._reading_subject = False  # set while _nearest_person_subject reads clause subjects
        # longest first, ties in a fixed order
        self.narration_openers = tuple(sorted(lex.speaker_rules.get("narration_openers", ()), key=longest_first))
        # 被问及: a question asked of the clause's subject (speaker_resolution.yaml passive_markers)
        self.passive_markers = tuple(lex.speaker_rules.get("passive_markers", ()))

    def resolve_pronoun(self, m: Mention, s: int, e: int, mention_text: str) -> Speaker | None:
        kind = m.pronoun
        if kind == "joint":
            counts_persons = m.text in self.lex.speaker_rules.get("joint_person_words", ())
            one_side = self._one_side_pair(s) if counts_persons else None
            if one_side is not None:
                # spec: co-speakers of one side take the first named (布林肯与沙利文…两人都表示)
                return Speaker(one_side, mention_text, s, e, "pronoun", "person", "joint_one_side_first")
            return Speaker(self.lex.joint_id, mention_text, s, e, "joint", "group", "joint_pronoun")
        if kind == "plural":
            group = self._group_before(s)
            if group is None:
                # 示威者表示X。他们说Y: the latest claim's unnamed source, when it is the latest
                # speaker at all (a named person or country is never 他们)
                last = self._last_speaker(s)
                group = last if last is not None and last.entity_type == "source" else None
            if group is None:
                return None
            return Speaker(group.id, mention_text, s, e, "pronoun", group.entity_type, "plural_pronoun_group")
        if kind == "media":
            prev = self._last_speaker(s, want_types=("media",))
            if prev is None:
                return None
            return Speaker(prev.id, mention_text, s, e, "pronoun", "media", "media_anaphor")
        if kind in ("former", "latter"):
            persons = self.doc.persons_before(s, limit_sentences=2)
            if len(persons) >= 2:
                a, b = persons[-2], persons[-1]
                pick = a if kind == "former" else b
                return Speaker(pick, mention_text, s, e, "pronoun", self.doc.type_of(pick), "pronoun_former_latter")
            return None
        if kind == "other":
            current = self._last_speaker(s)
            for ent in reversed(self.doc.persons_before(s, limit_sentences=6)):
                if current is None or ent != current.id:
                    return Speaker(ent, mention_text, s, e, "pronoun", "person", "pronoun_other_person")
            return None
        # he / she / it, then agreeing in sex with the pronoun
        return self._agreeing(self._he_or_she(s, e, mention_text), m.text, s, e, mention_text)

    def _group_before(self, s: int) -> Speaker | None:
        """他们 / 她们: the subject of the clause before, when it is an anonymous or counted
        source (数百名示威者在街头聚集，他们高喊 -> 示威者); a named person or country is
        never 他们 (None)."""
        text = self.doc.text
        k = s - 1
        while k > 0 and (text[k] in SPACE + "\r\n" or text[k] in CLAUSE_DELIMS or text[k] in SENTENCE_END):
            k -= 1
        if k <= 0:
            return None
        sp = self.subject_of_clause_at(k)
        return sp if sp is not None and sp.entity_type == "source" else None

    def _one_side_pair(self, s: int) -> str | None:
        """The two persons named last before a joint word (两人, 两位外长), when the registry
        gives both the same side: the first of them; else None (both sides: 双方)."""
        pair = self.doc.persons_before(s, limit_sentences=2)[-2:]
        if len(pair) != 2:
            return None
        entities = [self.lex.entities.get(p) for p in pair]
        if any(ent is None or not ent.country for ent in entities):
            return None
        return pair[0] if entities[0].country == entities[1].country else None

    def _agreeing(self, sp: Speaker | None, pronoun: str, s: int, e: int, mention_text: str) -> Speaker | None:
        """她 resolved to a registry man, 他 to a registry woman (speaker_resolution.yaml
        female_speakers, feminine_pronouns): the nearest person named before, or speaking
        before, who agrees (拜登会见了冯德莱恩。她表示… -> 冯德莱恩). Unlisted persons agree
        with both; with nobody agreeing the first reading stays."""
        if sp is None or sp.entity_type != "person":
            return sp
        feminine = pronoun.startswith(tuple(self.lex.speaker_rules.get("feminine_pronouns", ())))
        if self._agrees(sp.id, feminine):
            return sp
        recent = [c.speaker.id for c in itertools.islice(self.claims.recent_claims(s), 3) if c.speaker.entity_type == "person"]
        named = list(reversed(self.doc.persons_before(s, limit_sentences=3)))
        for pid in dict.fromkeys(named + recent):
            if pid != sp.id and self._agrees(pid, feminine):
                return Speaker(pid, mention_text, s, e, "pronoun", "person", "pronoun_agreeing_person")
        return sp

    def _agrees(self, pid: str, feminine: bool) -> bool:
        """Does a person agree in sex with the pronoun? Unlisted persons agree with both."""
        if pid not in self.lex.entities:
            return True
        return (pid in self.lex.speaker_rules.get("female_speakers", ())) == feminine

    def _he_or_she(self, s: int, e: int, mention_text: str) -> Speaker | None:
        asked = self._person_asked(s)
        if asked is not None:
            return Speaker(asked, mention_text, s, e, "pronoun", "person", "pronoun_asked_person")
        outer = self._outer_speaker(s)
        if outer is not None:
            return Speaker(outer.id, mention_text, s, e, "pronoun", outer.entity_type, "pronoun_outer_speaker")
        subject = self._sentence_subject(s)
        if subject is not None:
            return Speaker(subject, mention_text, s, e, "pronoun", self.doc.type_of(subject), "pronoun_sentence_subject")
        prev = self._last_speaker(s, want_types=("person", "unknown"), described_persons=True)
        # the last claim was reported inside another person's speech (拜登表示，普京否认X。他又说…):
        # the reporting person who opens that sentence stays the topic
        reporter = self._reporting_person(prev, s) if prev is not None else None
        if reporter is not None:
            return Speaker(reporter, mention_text, s, e, "pronoun", "person", "pronoun_reporting_speaker")
        # a person who opened a sentence after that claim is the nearer topic (拜登…描述为…。他表示…)
        if prev is not None:
            topic = self._recent_topic(s, floor=prev.start)
            if topic is not None and topic != prev.id:
                return Speaker(topic, mention_text, s, e, "pronoun", "person", "pronoun_topic_subject")
        # salience: a person who is the subject of a clause since the last claim, before the
        # speaker of that claim and before persons named as objects (普京致电特朗普。他表示…)
        last = next(self.claims.recent_claims(s), None)
        recent = last is not None and s - last.cue_start <= self.cfg.context_chars
        floor = last.cue_start if last is not None and recent else s - self.cfg.context_chars
        subject_sp = self._nearest_person_subject(s, floor)
        if subject_sp is not None and (prev is None or subject_sp.id != prev.id):
            return Speaker(
                subject_sp.id, mention_text, s, e, "pronoun", subject_sp.entity_type, "pronoun_clause_subject"
            )
        if prev is not None:
            return Speaker(prev.id, mention_text, s, e, "pronoun", prev.entity_type, "pronoun_previous_claim")
        persons = self.doc.persons_before(s, limit_sentences=3)
        if persons:
            return Speaker(persons[-1], mention_text, s, e, "pronoun", "person", "pronoun_recent_person")
        return None

    def _reporting_person(self, prev: Speaker, pos: int) -> str | None:
        """A person opening the sentence of the last claim, with a cue of theirs between them and
        that claim's speaker (拜登表示，普京否认X): the claim is reported inside their speech.
        Only for a pronoun in a later sentence (in the same one the outer-speaker rules read)."""
        ss = self.doc.sentence_start(prev.start)
        if ss >= self.doc.sentence_start(pos) or prev.mention == "" or prev.start <= ss:
            return None
        s = ss
        while s < prev.start and self.doc.text[s] in " \t\u3000\r\n":
            s += 1
        m = self.doc.mention_starting_at(s)
        end, last = s, None
        while m is not None and m.kind != "pronoun" and m.end <= prev.start:
            last, end = m, m.end
            m = self.doc.mention_starting_at(end)  # 美国总统拜登: the chain ends with the name
        if last is None or not last.entity or last.entity == prev.id or self.doc.type_of(last.entity) != "person":
            return None
        if self.lex.relative_marker and self.doc.text.startswith(self.lex.relative_marker, end):
            return None  # 拜登的发言人: the name is no subject
        cues = [c for c in self.doc.cues_in(end, prev.start) if not c.in_quote and c.role != "question"]
        if not cues:
            return None
        # no third party between that cue and the claim's speaker (拜登表示，X称普京否认…)
        third = [m for m in self.doc.mentions_in(cues[-1].end, prev.start) if m.kind != "pronoun"]
        return None if any(m.entity != prev.id for m in third) else last.entity

    def _outer_speaker(self, pos: int) -> Speaker | None:
        """拜登表示，他认为X / 特朗普说他听到…: a pronoun opening the content of a cue of the same
        sentence is that cue's speaker (spec: nested cues of one speaker)."""
        ss = self.doc.sentence_start(pos)
        for cue in reversed(self.doc.cues_in(ss, pos)):
            if cue.in_quote or cue.role == "question" or cue.end > pos:
                continue
            if not self.doc.only_punct(cue.end, pos):
                return None  # the pronoun does not open this cue's content
            if self._reading_outer:
                return None
            self._reading_outer = True
            try:
                parsed = self.speakers.parse_subject(self.doc.clause_start(ss, cue.start), cue)
            finally:
                self._reading_outer = False
            if parsed is None or parsed[0] != "named" or parsed[1] is None:
                return self._person_opening_clause(self.doc.clause_start(ss, cue.start), cue.start)
            sp = parsed[1]
            return sp if sp.entity_type in ("person", "unknown") and sp.id != self.lex.joint_id else None
        return None

    def _person_opening_clause(self, cs: int, end: int) -> Speaker | None:
        """The only listed person of a clause too long or noisy to parse as a subject
        (…美国总统拜登(Joe Biden)17日在接受专访时表示，他认为…), when not an object."""
        persons = [m for m in self.doc.person_mentions if cs <= m.start and m.end <= end]
        if len({m.entity for m in persons}) != 1:
            return None
        m = persons[0]
        if m.start > cs and self.doc.text[m.start - 1] in self.doc.words.object_lead_chars:
            return None
        return Speaker(m.entity or "", m.text, m.start, m.end, "name", "person", "registry_name")

    def _nearest_person_subject(self, pos: int, floor: int, sentences: int = 3) -> Speaker | None:
        """The subject of the nearest clause before pos (in its sentence or the few before it,
        after floor) that opens with a person: the clause's topic outranks a person named in an
        object or adjunct. Clauses inside quotations or claims are content, not narration."""
        if self._reading_subject:
            return None
        i = bisect_left(self.doc.sentence_starts, self.doc.sentence_start(pos))
        lowest = self.doc.sentence_starts[max(0, i - sentences)] if self.doc.sentence_starts else 0
        floor = max(floor, lowest, 0)
        k = bisect_left(self.doc.clause_bounds, self.doc.clause_start(self.doc.sentence_start(pos), pos))
        starts = [b for b in self.doc.clause_bounds[max(0, k - 4 * sentences) : k] if b >= floor]
        if not starts:
            return None
        ends = [*starts[1:], self.doc.clause_start(self.doc.sentence_start(pos), pos)]
        self._reading_subject = True
        try:
            for _cs, sp in self._subjects_of_clauses(zip(reversed(starts), reversed(ends), strict=True)):
                if self.doc.type_of(sp.id) == "person":
                    return sp
                if sp.rule == "title_unlisted_name" or sp.resolution == "title":
                    # a listed person inside the phrase is surer than its guessed end (林剑针对…)
                    listed = [m for m in self.doc.person_mentions if sp.start <= m.start and m.end <= sp.end]
                    if listed:
                        m = listed[-1]
                        return Speaker(m.entity or "", m.text, m.start, m.end, "context", "person", sp.rule)
                    if sp.entity_type == "person":
                        return sp  # an unlisted name with a title (发言人让-皮埃尔)
                elif sp.entity_type == "person" and (self.doc.cues_in(sp.end, sp.end + 1) or self._titled(sp)):
                    return sp  # a name the registry lacks, right before its cue or after a title
        finally:
            self._reading_subject = False
        return None

    def _person_asked(self, pos: int) -> str | None:
        """记者问拜登…，他回应指…: after a question the pronoun is the person asked. A pronoun
        opening the sentence right after the question's (记者问拜登…。他回答说…) counts too, when
        no claim came in between."""
        ss = self.doc.sentence_start(pos)
        if self.doc.only_punct(ss, pos) or not self.doc.text[ss:pos].strip():
            prev = self.doc.previous_sentence(ss)
            last = next(self.claims.recent_claims(pos), None)
            if prev is not None and (last is None or last.cue_start < prev[0]):
                ss = prev[0]
        # only the sentence's first question counts: the mentions after a later one are among
        # those after the first. Indexed, so a long sentence of questions and pronouns stays linear.
        k = bisect_left(self.doc.question_starts, ss)
        if k == len(self.doc.question_starts) or self.doc.question_starts[k] >= pos:
            return None
        if self.doc.text.endswith(self.passive_markers, 0, self.doc.question_cues[k].start):
            return None  # 川普被问及是否信任普京，他…: the one asked is the subject, not 普京
        j = bisect_left(self.doc.person_starts, self.doc.question_cues[k].end)
        if j < len(self.doc.person_starts) and self.doc.person_starts[j] < pos:
            return self.doc.person_mentions[j].entity
        return None

    def _recent_topic(self, pos: int, floor: int, sentences: int = 3) -> str | None:
        """The person opening one of the last sentences before pos's sentence, after floor:
        a name at the sentence's start (not followed by the relative marker: 普京的发言人), or
        the attribution after an opening quotation (「…，」麦克尔·邱说。)."""
        i = bisect_left(self.doc.sentence_starts, self.doc.sentence_start(pos))
        for k in range(i - 1, max(-1, i - 1 - sentences), -1):
            ss, se = self.doc.sentences[k]
            if se <= floor:
                break
            s = ss
            while s < se and self.doc.text[s] in " \t\u3000\r\n":
                s += 1
            q = self.doc.quote_at_open.get(s)
            if q is not None:  # 「…，」X说: the subject of the attribution after the quotation
                s = q.end + 1
                while s < se and self.doc.text[s] in "，,。 \u3000":
                    s += 1
                stop = self.doc.words.clause_end_after_quote.search(self.doc.text, s)
                cue = self.doc.cue_at_clause_end(s, stop.start() if stop else se)
                parsed = None
                if cue is not None and not self._reading_topic:  # a pronoun there must not recurse here
                    self._reading_topic = True
                    try:
                        parsed = self.speakers.parse_subject(s, cue)
                    finally:
                        self._reading_topic = False
                if parsed is not None and parsed[1] is not None and parsed[1].start >= floor:
                    if self.doc.type_of(parsed[1].id) == "person" or parsed[1].rule == "title_unlisted_name":
                        return parsed[1].id
                continue
            if s <= floor:
                break
            m = self.doc.mention_starting_at(s)
            end = s
            while m is not None and m.kind != "pronoun":
                last, end = m, m.end
                m = self.doc.mention_starting_at(end)  # 美国总统拜登: the chain ends with the name
            if end == s or not last.entity or self.doc.type_of(last.entity) != "person":
                continue
            if self.lex.relative_marker and self.doc.text.startswith(self.lex.relative_marker, end):
                continue
            return last.entity
        return None

    def _sentence_subject(self, pos: int) -> str | None:
        """A person named at the start of the current sentence, before pos (拜登…，他表示)."""
        ss = self.doc.sentence_start(pos)
        i = bisect_left(self.doc.mention_starts, ss)
        first = self.doc.mentions[i : i + 1] if i < len(self.doc.mentions) and self.doc.mentions[i].start < pos else []
        for m in first:
            if m.kind != "pronoun" and m.entity and self.doc.type_of(m.entity) == "person":
                if len(self.doc.text[ss : m.start].strip()) <= 2:
                    return m.entity
        return None

    def _last_speaker(
        self, pos: int, want_types: tuple[str, ...] | None = None, described_persons: bool = False
    ) -> Speaker | None:
        """The speaker of the latest claim within the context, of one of ``want_types``;
        with ``described_persons``, also an unnamed source described as one person (美国官员,
        北约外交官, 知情人士: speaker_resolution.yaml described_person_heads), whom 他 / 她
        points back to as to a named person (一名不愿具名的北约外交官表示…。他说…)."""
        heads = self.lex.speaker_rules.get("described_person_heads", ())
        for c in self.claims.recent_claims(pos):
            if pos - c.speaker.end > self.cfg.context_chars:
                break
            if c.speaker.id == self.lex.joint_id:
                continue
            if want_types is None or c.speaker.entity_type in want_types:
                return c.speaker
            if described_persons and c.speaker.entity_type == "source" and c.speaker.id.endswith(heads):
                return c.speaker
        return None

    def elided_speaker(self, ss: int, pos: int) -> Speaker | None:
        """No subject before the cue: the speaker of the claim before it in this
        sentence, else the subject of the nearest earlier clause (迈凯恩就表达了
        反对之声，称…), else a claim just before (拜登表示…。认为…)."""
        sent_start = self.doc.sentence_start(pos)
        before = next(self.claims.recent_claims(pos), None)
        narrated = self._narration_subject(max(sent_start, before.cue_start if before is not None else sent_start), pos)
        if narrated is not None:
            return narrated
        if before is not None and before.cue_start >= sent_start:
            sp = before.speaker
            return Speaker(sp.id, sp.mention, sp.start, sp.end, "context", sp.entity_type, "elided_subject")
        sp = self._earlier_clause_subject(sent_start, pos)
        if sp is not None:
            return sp
        if before is not None and pos - before.cue_start <= self.cfg.context_chars // 3:
            # a subject the narration introduced after that claim comes first (no claim is made
            # here that the recent claim would not have made: precision stays)
            sp = self._previous_sentence_subject(sent_start, before.cue_start)
            if sp is not None:
                return sp
            sp = before.speaker
            return Speaker(sp.id, sp.mention, sp.start, sp.end, "context", sp.entity_type, "elided_recent_claim")
        return None

    def discredited_speaker(self, ss: int, pos: int) -> Speaker | None:
        """A说，B无视X，并发布Y，诓称Z: a cue that discredits what is said (construction_words
        discrediting_cues) is never the reporting source's own; with no subject it continues the
        nearest earlier clause subject of the sentence (the topic chain), not the source."""
        before = next(self.claims.recent_claims(pos), None)
        if before is None or before.cue_start < self.doc.sentence_start(pos):
            return None
        sp = self._earlier_clause_subject(max(ss, before.cue_start), pos)
        if sp is None or sp.id == before.speaker.id:
            return None
        sp.rule = "discredited_subject"
        return sp

    def _subjects_of_clauses(self, clauses: Iterable[tuple[int, int]]) -> Iterator[tuple[int, Speaker]]:
        """(start, next clause's start) in the order given, as (start, subject) for the clauses
        that have a subject and are neither quoted nor already a claim."""
        for cs, nxt in clauses:
            ce = nxt - 1
            if ce <= cs or self.doc.inside[cs] or self.claims.taken(cs, ce):
                continue
            sp = self._clause_subject(cs, ce)
            if sp is not None:
                yield cs, sp

    def _previous_sentence_subject(self, sent_start: int, floor: int, sentences: int = 2) -> Speaker | None:
        """普京表示X。特朗普则在白宫会见了泽连斯基。会后表示Y: a sentence with no subject
        continues the subject of the narration before it (the last sentences after the last
        claim's cue), not the speaker of a claim further back. Only a sure subject counts: a
        person, or a name closed by an adverbial (白宫随后发表声明), not the first word of a
        longer noun phrase (俄罗斯经济…)."""
        i = bisect_left(self.doc.sentence_starts, sent_start)
        lowest = max(floor, self.doc.sentence_starts[max(0, i - sentences)] if i else sent_start)
        k = bisect_left(self.doc.clause_bounds, sent_start)
        bounds = [*self.doc.clause_bounds[max(0, k - 6 * sentences) : k], sent_start]
        clauses = itertools.takewhile(lambda c: c[0] > lowest, reversed(list(itertools.pairwise(bounds))))
        for cs, sp in self._subjects_of_clauses(clauses):
            opens = self.doc.mention_starting_at(sp.start)  # the phrase starts with a name, not a verb
            j = bisect_right(self.doc.sentence_starts, cs) - 1
            last = self.doc.sentences[j][1] - 1 if j >= 0 else -1
            while last > cs and self.doc.text[last] in " \t\u3000\r\n":
                last -= 1
            asked = last >= 0 and self.doc.text[last] in "？?"  # questions narrate nothing
            if opens is None or opens.kind == "pronoun" or asked:
                return None
            closed = self.doc.text.startswith(self.doc.stops, sp.end)
            if self.doc.type_of(sp.id) == "person" or (closed and sp.id in self.lex.entities):
                sp.rule = "previous_sentence_subject"
                return sp
            return None  # the nearest clause with a subject decides
        return None

    def _relayed_in_clause(self, cs: int, ce: int) -> Speaker | None:
        """X[adverbials]引述Y as a whole clause: Y, whose speech verb opens the next clause."""
        text = self.doc.text
        for w in self.lex.relay_words:
            k = text.find(w, cs, ce)
            if k <= cs or self.doc.is_in_mention(k) or self.doc.inside[k]:
                continue
            start = k + len(w)
            end = self.doc.strip_source_tail(start, ce + 1 if ce < len(text) and text[ce] not in CLAUSE_DELIMS else ce)
            if end <= start:
                return None
            sp = self.speakers.speaker_from_phrase(start, end, Cue(end, end, "", "speech", False))
            if sp is None:
                return None
            sp.resolution = "context"
            sp.rule = "relayed_source"
            return sp
        return None

    def _narration_subject(self, start: int, pos: int) -> Speaker | None:
        """…，与此同时俄方释出影片，向外界表明X: the nearest clause before pos opened by a
        connective of narration (speaker_resolution.yaml narration_openers) ends the content of
        the cue before it; its subject is the subject of the clause with none."""
        openers = self.narration_openers
        if not openers:
            return None
        cs_pos = self.doc.clause_start(self.doc.sentence_start(pos), pos)
        k = bisect_left(self.doc.clause_bounds, cs_pos)
        for b in reversed(self.doc.clause_bounds[max(0, k - 6) : k]):
            if b <= start:
                break
            s = b
            while s < cs_pos and self.doc.text[s] in " \t\u3000":
                s += 1
            word = next((w for w in openers if self.doc.text.startswith(w, s)), None)
            if word is None or self.doc.inside[s]:
                continue
            s += len(word)
            if s < cs_pos and self.doc.text[s] in CLAUSE_DELIMS:
                s += 1  # 与此同时，俄方…: the connective stands as a clause of its own
            nxt = bisect_right(self.doc.clause_bounds, s)
            ce = min(self.doc.clause_bounds[nxt] - 1 if nxt < len(self.doc.clause_bounds) else cs_pos, cs_pos) - 1
            sp = self._clause_subject(s, max(ce, s))
            if sp is not None:
                sp.rule = "elided_after_narration"
                return sp
            return None
        return None

    def _earlier_clause_subject(self, sent_start: int, pos: int) -> Speaker | None:
        sent_start = max(sent_start, pos - 2 * CLAUSE_WINDOW)
        bounds = [sent_start]
        for i in range(sent_start, pos):
            if self.doc.text[i] in CLAUSE_DELIMS and not self.doc.inside[i]:
                bounds.append(i + 1)
        for cs in reversed(bounds[:-1] if len(bounds) > 1 else []):
            ce = next((b - 1 for b in bounds if b > cs), pos)
            sp = self._clause_subject(cs, ce)
            if sp is not None:
                return sp
        return None

    def _titled(self, sp: Speaker) -> bool:
        """Does the subject phrase hold a role (俄外长马尔蒂内斯) or open with a title
        (发言人孟庆华): a title vouches for the name."""
        return any(m.kind == "role" for m in self.doc.mentions_in(sp.start, sp.end)) or self.doc.text.startswith(
            tuple(self.doc.titles), sp.start, sp.end
        ) or self._name_after_inner_title(sp.start, sp.end) is not None

    def _titled_unlisted_name(self, s: int, ce: int) -> Speaker | None:
        """发言人孟庆华针对X发表评论: a role or title followed by a name the registry lacks opens
        the clause; the subject is the title and the name, whatever the clause goes on with."""
        name = self.speakers.name_after_title(s, ce)
        if name is None:
            name = self._name_after_inner_title(s, ce)
        if name is None:
            return None
        end = name[1]
        sp = self.speakers.speaker_from_phrase(s, end, Cue(end, end, "", "speech", False))
        if sp is None or sp.entity_type != "person":
            return None
        sp.resolution = "context"
        sp.rule = "earlier_clause_subject"
        return sp

    def subject_of_clause_at(self, pos: int) -> Speaker | None:
        """The subject the clause holding pos opens with (白宫21日发表声明 -> 白宫)."""
        cs = self.doc.clause_start(self.doc.sentence_start(pos), pos)
        return self._clause_subject(cs, pos) if cs < pos else None

    def _name_after_inner_title(self, s: int, ce: int) -> tuple[int, int] | None:
        """农业部长陈骏季今天南下勘灾: a title inside the clause's opening phrase (an office or
        place before it, 农业|部长) followed by a name the registry lacks; a pronoun or a listed
        name opening the clause is read by the mention chain instead."""
        m = self.doc.mention_starting_at(s)
        if m is not None and m.kind == "pronoun":
            return None
        text = self.doc.text
        for k in range(s + 1, min(ce, s + MAX_TITLE_CHARS)):
            if text[k] in CLAUSE_DELIMS or self.doc.inside[k]:
                return None
            if text.startswith(self.doc.titles, k):
                name = self.speakers.name_after_title(k, ce)
                if name is not None:
                    return name
        return None

    def _name_before_cue(self, s: int, ce: int) -> Speaker | None:
        """A clause that is a name and its speech cue (科瓦连科表示，…): the name is the subject,
        listed or not, when it fills everything before the cue."""
        cue = next((c for c in self.doc.cues_in(s, ce) if not c.in_quote and c.role != "question" and c.start > s), None)
        if cue is None or self.doc.mention_starting_at(s) is not None:
            return None  # a listed name or a pronoun: the mention chain below reads it
        sp = self.speakers.speaker_from_phrase(s, cue.start, cue)
        if sp is None or sp.entity_type != "person" or sp.start != s or sp.end != cue.start:
            return None
        sp.resolution = "context"
        sp.rule = "earlier_clause_subject"
        return sp

    def _clause_subject(self, cs: int, ce: int) -> Speaker | None:
        """The subject a clause opens with: a name (with its titles) or a pronoun; for a clause
        relaying a source (塔斯社周二引述普京发言人，提到…) the relayed source (spec: relays)."""
        relayed = self._relayed_in_clause(cs, ce)
        if relayed is not None:
            return relayed
        s = self.speakers.skip_glued_noise(cs, ce)
        for w in self.doc.openers:
            if self.doc.text.startswith(w, s) and not self.doc.mention_starting_at(s):
                s += len(w)
                break
        s = self.speakers.skip_lead_bracket(s, ce)
        while s < ce and self.doc.text[s] in self.doc.words.subject_lead_marks:
            s += 1
        end = self.speakers.subject_end(s, ce)
        # 特区政府发言人表示强烈反对: the subject ends before the clause's own cue word
        end = min([end] + [c.start for c in self.doc.cues_in(s + 1, end) if not c.in_quote and c.role != "quote_source"])
        named = self._name_before_cue(s, min(end, ce))
        if named is not None:
            return named
        if end < ce:  # 美国国会参议院…人物迈凯恩就表达了…: the phrase up to the adverbial
            sp = self.speakers.speaker_from_phrase(s, end, Cue(end, end, "", "speech", False))
            if sp is not None and (sp.entity_type != "unknown" or sp.resolution in ("title", "name")):
                sp.resolution = "context"
                sp.rule = "earlier_clause_subject"
                return sp
        titled = self._titled_unlisted_name(s, ce)
        if titled is not None:
            return titled
        m = self.doc.mention_starting_at(s)
        if m is None:
            return None
        if m.kind == "pronoun":
            sp = self.resolve_pronoun(m, m.start, m.end, m.text)
        else:
            end = m.end
            nxt = self.doc.mention_starting_at(end)
            while nxt is not None and nxt.kind != "pronoun":
                m, end = nxt, nxt.end  # 美国总统特朗普: the chain ends with the name
                nxt = self.doc.mention_starting_at(end)
            if not m.entity:
                return None
            sp = Speaker(m.entity, self.doc.text[s:end], s, end, "context", self.doc.type_of(m.entity), "earlier_clause_subject")
        if sp is not None:
            sp.resolution = "context"
            sp.rule = "earlier_clause_subject"
        return sp
