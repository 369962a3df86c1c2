"""Subjects and speakers: reading the clause before a cue as [openers][据][SUBJECT][adverbials],
and turning a subject phrase into a speaker (registry name, role, title + name, source, joint).

Each strategy sets ``Speaker.rule`` (the claims' ``speaker_rule``; see models/README.md).
Data: extraction.yaml (openers, subject stops, titles, source heads, coordinators …) and
speaker_resolution.yaml (object_verbs: subject_before_verb; dateline_ends: a wire dateline
glued before the subject; joint_nested_roles and
joint_nested_outer_cues: a joint subject agreeing inside a named speaker's report;
name_abbreviation_suffixes: 苏氏; person_office_heads: 纳坦雅胡办公室; country_initials:
美英两国; unlisted_title_endings: 室长赵太勇; perfective_markers: a cue word as an object)."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from pipeline.attribution.base import (
    CLAUSE_DELIMS,
    CLAUSE_WINDOW,
    HAN,
    INVISIBLE,
    LATIN_GLOSS,
    NAME_DOT,
    PARENTHETICAL,
    SENTENCE_END,
    SPACE,
    Cue,
    Mention,
    Speaker,
    longest_first,
)
from pipeline.attribution.document import DocumentView
from pipeline.attribution.names import (
    abbreviated_person,
    earlier_person,
    family_name,
    near_spelling,
    ordinary_word,
    surname_of_full_name,
)
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons

if TYPE_CHECKING:
    from pipeline.attribution.pronouns import PronounResolver

# brackets that open a dateline or byline before a subject: （中央社…报导）, 【…专讯】
CLAUSE_SPLIT = re.compile("[" + re.escape("".join(sorted(CLAUSE_DELIMS))) + "。\n]")
LEAD_BRACKETS = {"(": ")", "（": "）", "【": "】", "[": "]"}
TITLE_OPEN = "《"  # a title mark: 《华盛顿邮报》 opens a subject
TITLED = re.compile("《([^《》]{1,20})》")  # a publication's name in title marks
MAX_TITLE_CHARS = 16  # how far before a name its title may start (俄罗斯总统新闻秘书)
MAX_UNLISTED_NAME_CHARS = 8  # the longest name the registry lacks read after a title (transliterations)
QUOTED_NAME_CHARS = 12  # a quotation this short with no punctuation, glued to Han text: a name
ADDRESSEE_CHARS = 6  # the addressee after 告诉 before a colon (记者, 本台, 美联社)
MAX_STOP_WORD_CHARS = 4  # how far a word that opens with a subject stop may run (在野党)
MAX_LONG_WORD_CHARS = 10  # ... or, with no word boundary that close, a name the segmenter keeps whole
# speaker rules that name someone (by name or role, not by a description): a list of them closed
# by 等 (等人) speaks as they would, their office speaks for them, and X氏 can point back to
# them; a description (官员等) is left to the other strategies
LISTABLE_RULES = frozenset(
    {
        "registry_name",
        "role_by_date",
        "name_then_title",
        "title_unlisted_name",
        "unlisted_name",
        "unlisted_name_then_title",
        "coordinated_first",
        "joint_speakers",
    }
)
# speaker rules of a person the registry lacks, read from a title and a name (菲律宾国安顾问阿诺)
INTRODUCED_NAME_RULES = frozenset({"title_unlisted_name", "unlisted_name_then_title"})
MAX_OBJECT_MODIFIER_CHARS = 4  # 转交了|书面|建议: the modifier between a verb and its cue-word object
# ASCII glued before a subject that is no name: five characters or more, with a digit and a
# blank or mark among them (date 2025-08-14, 5.39.217.76)
BLANK_INSIDE_HAN = re.compile(rf"(?<=[\u4e00-\u9fff])[{SPACE}]+(?=[\u4e00-\u9fff])")
GLUED_NOISE = re.compile(r"(?=[\x21-\x7e ]*\d)(?=[\x21-\x7e ]*[^0-9A-Za-z])[\x21-\x7e ]{5,}")


class SpeakerResolver:
    def __init__(self, doc: DocumentView, lex: Lexicons, cfg: ExtractConfig) -> None:
        self.doc = doc
        self.lex = lex
        self.cfg = cfg
        self.pronouns: PronounResolver  # set by the engine (pronouns and subjects refer to each other)
        # where the segmenter's words start (set by the engine): a subject stop inside a word is none
        self.token_starts: frozenset[int] = frozenset()
        self.longest_cue = max(map(len, self.lex.cues), default=0)
        self._subject_stops = tuple(lex.subject_stops)
        self._manner_markers = tuple(lex.construction_words.get("manner_adverbial_markers", ()))
        # longest first, ties in a fixed order (startswith takes the tuple whole)
        self.object_verbs = tuple(sorted(lex.speaker_rules.get("object_verbs", ()), key=longest_first))
        self._object_taking = frozenset(lex.construction_words.get("object_taking_stops", ()))
        self._adverbial_words = (*doc.stops, *doc.openers)
        self._word_stops = tuple(w for w in doc.stops if len(w) > 1)  # 周一, 随即: stops that are words of their own
        self._object_taking_stops = tuple(sorted(self._object_taking, key=longest_first))

    def _only_adverbials(self, s: int, e: int) -> bool:
        """Is text[s:e] nothing but words that end a subject (subject_stops: 再次, 也, 在, 会上 …)
        and clause openers, with no mention among them?"""
        text = self.doc.text
        while s < e:
            if self.doc.mention_starting_at(s) is not None:
                return False
            word = (  # (str.startswith takes the tuple whole in C first: usually no word starts here)
                next((w for w in self._adverbial_words if text.startswith(w, s) and s + len(w) <= e), None)
                if text.startswith(self._adverbial_words, s)
                else None
            )
            if word is None:
                return text[s:e].strip() == ""
            if word in self._object_taking:
                return False
            s += len(word)
        return True

    def _before_addressee_cue(self, cstart: int, e: int) -> int:
        """A label before a colon that ends with an addressee cue and its addressee (居民告诉记者：,
        官员告诉本台：): the subject ends before that cue; e otherwise."""
        for c in reversed(self.doc.cues_in(cstart, e)):
            if c.text in self.lex.addressee_cues and not c.in_quote and 0 < e - c.end <= ADDRESSEE_CHARS:
                return c.start
        return e

    def parse_subject(self, cstart: int, cue: Cue) -> tuple[str, Speaker | None] | None:
        """Read the clause before a cue as [openers][据][SUBJECT][adverbials] cue.

        Returns ("named", speaker), ("elided", None) when the clause has no
        subject, or None when the clause is not a speech predicate (narration).
        """
        e = cue.start
        text = self.doc.text
        if not cue.text:
            e = self._before_addressee_cue(cstart, e)  # 一名居民告诉记者：「…」 -> 一名居民
        cstart = self._before_quoted_name(cstart)
        s = self.skip_glued_noise(cstart, e)
        changed = True
        determiners = tuple(self.lex.definite_determiners)
        # (其中一名官员: the opener 其中 is part of a determiner pointing back, not a connective)
        while changed and s < e and text.startswith(self.doc.openers, s) and not text.startswith(determiners, s):
            changed = False
            for w in self.doc.openers:
                if text.startswith(w, s) and not self.doc.mention_starting_at(s):
                    s += len(w)
                    changed = True
                    break
        s = self.skip_glued_noise(self.skip_lead_bracket(s, e), e)
        s = self._skip_glued_dateline(s, e)
        sourced = False
        for w in self.doc.source_openers:
            if text.startswith(w, s):
                s += len(w)
                sourced = True
                break
        if sourced and not text[s:e].strip():
            return None  # 据报道 / 据称: reported, but by no one named
        frame = self.lex.framed_cues.get(cue.text)
        if frame and text.startswith(frame, s):
            s += len(frame)  # 在X看来
        # relay: 据塔斯社引述佩斯科夫报道 -> 佩斯科夫
        for w in self.lex.relay_words:
            k = text.find(w, s, e)
            if k >= 0 and not self.doc.is_in_mention(k):
                s = k + len(w)
        if s < e and self._only_adverbials(s, e):
            s = e  # ，但也再次表示… / ，并在会上表示…: adverbials alone, no subject
        if s < e and text[s:e].strip() in self.lex.quantifiers and self._cue_source_word(cue) is not None:
            s = e  # 有分析认为 / 有评论指: an existential quantifier before the unnamed source
        if s >= e:
            word = self._cue_source_word(cue)
            if word is not None:
                # ，分析指X / 舆论认为X: the noun opening the stacked cue is its unnamed source
                return ("named", Speaker(word, word, e, e + len(word), "source", "source", "cue_source_word"))
            return ("elided", None)
        fact_heads = tuple(self.lex.speaker_rules.get("fact_subject_heads", ()))
        blockers = tuple(self.lex.speaker_rules.get("fact_subject_blockers", ()))
        clause = text[s:e].rstrip()
        if fact_heads and clause.endswith(fact_heads) and not any(b in clause for b in blockers):
            # 美联社指出，X一事表明Y: a fact cannot speak; inside a report it is the reporter's
            # point (inner cue, outer speaker), else the writer's narration (no claim)
            outer = self._reporter_of_sentence(cstart)
            return ("named", outer) if outer is not None else None
        # 普京谈到乌克兰问题时说: a time frame with no 在 opening it ends the subject;
        # 普京毫不客气地说: so does a manner adverbial
        frame = self._bare_time_frame(s, e)
        subject_limit = frame if frame is not None else e
        manner = self._manner_adverbial_start(s, subject_limit)
        if manner is not None:
            subject_limit = manner
        if any(
            c.role == "question" and not text.startswith(self.lex.adverbial_clause_endings, c.end)
            for c in self.doc.cues_in(s, subject_limit)
        ):
            return None  # 有记者问拜登会否要求…: the cue sits inside the question, never a claim
        words = self.lex.construction_words
        if cue.text in words.get("framing_cues", ()) and text.startswith(tuple(words.get("disposal_markers", ())), s):
            return ("elided", None)  # …，把普京称为X: the marker fronts the object, the subject is before
        if text.startswith(self.lex.preposition_leads, s) and self._stop_opening_longer_word(s, e) is None:
            late = self._late_subject(s, e)
            if late is None:
                late = self._person_after_relative_clause(s, subject_limit)
            if late is None:
                late = self._existential_source(s, subject_limit)
            if late is not None:
                s = late
        if (
            self.doc.mention_starting_at(s) is None
            and text.startswith(self.lex.event_verbs_before_cue, s)
            and not self._relative_clause_subject(s, e)
        ):
            return ("elided", None)  # 会后召开记者会表示: the clause opens with an adverbial, no subject
        end = self.subject_end(s, subject_limit)
        phrase = text[s:end]
        if not phrase.strip():
            return ("elided", None)
        rest = text[end:subject_limit]
        if len(LATIN_GLOSS.sub("", phrase)) > self.cfg.max_speaker_chars:
            return None  # (English glosses in brackets do not count)
        speaker = self.speaker_from_phrase(s, end, cue)
        if speaker is None:
            return None
        if speaker.entity_type == "country" and cue.text not in self.lex.speaker_rules.get("country_voice_cues", ()):
            speaker = self._own_side_speaker(cstart, speaker) or speaker
        if speaker.id == self.lex.joint_id and self._joint_inside_speech(cstart, cue):
            return None  # 佩斯科夫说，两人同意X: what the sides agreed is his claim's content
        if self.lex.negation.search(PARENTHETICAL.sub("", rest)):
            return ("negated", speaker)
        if self._rest_has_verb(rest) or self._cue_is_object(rest, cue):
            return None
        return ("named", speaker)

    def _cue_source_word(self, cue: Cue) -> str | None:
        """分析指 / 舆论认为: the source noun (speaker_resolution.yaml cue_source_words) opening
        a stacked cue, or None."""
        words = self.lex.speaker_rules.get("cue_source_words", ())
        return next((w for w in words if cue.text.startswith(w) and len(cue.text) > len(w)), None)

    def _cue_is_object(self, rest: str, cue: Cue) -> bool:
        """俄方已经转交了书面建议。 / 美方将在下周作出答复。: a cue word closing its sentence, after
        a completed predicate (speaker_resolution.yaml perfective_markers) or a verb that makes
        a noun of it (noun_makers) with at most a short modifier between, is that verb's
        object: no speech act, and the sentence is the content of the cue before it."""
        if cue.text not in self.lex.noun_capable_cues:
            return False  # 白宫发表声明说。: 说 is no noun; the words before it are its subject's
        text = self.doc.text
        k = cue.end
        while k < len(text) and text[k] in SPACE:
            k += 1
        if k < len(text) and text[k] not in SENTENCE_END and text[k] != "\n":
            return False  # content follows the cue: 拜登发表了讲话说，X is his claim
        rest = rest.rstrip()
        if rest.endswith(self.lex.adverbial_clause_endings):
            return False  # 普京听取了汇报之后表示: a time frame
        window = rest[-(MAX_OBJECT_MODIFIER_CHARS + 2) :]
        markers = (*self.lex.speaker_rules.get("perfective_markers", ()), *self.lex.noun_makers)
        return any(
            (at := window.rfind(m)) >= 0 and len(window) - (at + len(m)) <= MAX_OBJECT_MODIFIER_CHARS for m in markers
        )

    def _manner_adverbial_start(self, s: int, e: int) -> int | None:
        """普京毫不客气地说 / 一名官员语气强硬地表示: where a manner adverbial (a few words
        closed by 地, manner_adverbial_markers) right before the cue starts: just after the
        last name, role or source head before it. None when the clause ends otherwise."""
        markers = self._manner_markers
        end = e
        while end > s and self.doc.text[end - 1].isspace():
            end -= 1
        if not markers or not self.doc.text.endswith(markers, s, end):
            return None
        lo = max(s, end - self.cfg.max_manner_adverbial_chars - 1)
        heads = [m.end for m in self.doc.mentions_in(s, end) if lo <= m.end < end]
        clause = self.doc.text[lo:end]
        heads += [lo + k + len(h) for h in self.lex.source_heads if (k := clause.rfind(h)) >= 0 and lo + k + len(h) < end]
        cut = max(heads, default=None)
        if cut is None or any(c in CLAUSE_DELIMS for c in self.doc.text[cut:end]):
            return None
        return cut

    def _bare_time_frame(self, s: int, e: int) -> int | None:
        """Where a time frame with no 在/当 opening it starts: the clause before the cue ends
        with a time ending (时, 之后 …) and holds a cue word after its first character
        (普京谈到X时说, 普京被问及X时表示): the frame runs from that word, the subject is
        before it. None when the clause is no such frame."""
        text = self.doc.text
        end = e
        while end > s and text[end - 1].isspace():
            end -= 1
        if not text.endswith(self.lex.adverbial_clause_endings, s, end):
            # adverbs between the frame and the cue (…时也说, …时再次强调)
            if not text.endswith(self._subject_stops, s, end):  # one test in C on the hot path
                return None
            end -= len(next(w for w in self._subject_stops if text.endswith(w, s, end)))
            if not text.endswith(self.lex.adverbial_clause_endings, s, end):
                return None
        longest = self.longest_cue
        # the subject before the frame is a name or a title: the frame starts near s
        for k in range(s + 1, min(end, s + self.cfg.max_speaker_chars + 1)):
            if self.token_starts and k not in self.token_starts:
                continue
            for n in range(min(longest, end - k), 0, -1):
                if text[k : k + n] in self.lex.cues and (not self.token_starts or k + n in self.token_starts):
                    return k
        return self._frame_after_opening_person(s, end, e)

    def _frame_after_opening_person(self, s: int, end: int, e: int) -> int | None:
        """普京听取了汇报之后表示: a listed person opening the clause, then a frame closed by a
        time ending with no cue word in it: the frame starts after the person's names and
        titles. After a coordinator, a frame with no jointly marker before the cue (普京与拜登
        通话时表示, 布林肯与拉夫罗夫会面后表示: 与 opens the frame as a preposition, the first
        person speaks); 拜登与普京会晤之后都表示 is both."""
        chain = self._opening_chain(self.doc.mentions_in(s, end), s, end)
        if chain is None or chain[1].kind != "alias" or self.doc.type_of(chain[1].entity or "") != "person":
            return None  # 俄罗斯总统新闻发言人佩斯科夫接受采访时: a role, the name comes later
        k = chain[0]
        text = self.doc.text
        if k >= end or text.startswith(self.doc.titles, k):
            return None
        coordinator = next((w for w in self.lex.coordinators if text.startswith(w, k)), None)
        if coordinator is not None and any(w in text[end:e] for w in self.lex.jointly_markers):
            # 马克龙和斯塔默会面后都表示: both speak; the frame starts after the second person
            second = self._opening_chain(self.doc.mentions_in(k + len(coordinator), end), k + len(coordinator), end)
            if second is None or self.doc.type_of(second[1].entity or "") != "person" or second[0] >= end:
                return None
            return second[0]
        return k

    def _cut_pronoun(self, phrase: str) -> str | None:
        """The pronoun a subject phrase is, alone or with a subject stop glued after it (两人均);
        a joint pronoun also with a title after it (两国外长: the segmenter cut 两|国外|长): the
        holders of both sides speak together."""
        for k in range(len(phrase), 0, -1):
            head, rest = phrase[:k], phrase[k:]
            if head in self.lex.pronouns and (
                not rest
                or rest in self.lex.subject_stops
                or (self.lex.pronouns[head] == "joint" and rest in self.doc.titles)
            ):
                return head
        return None

    def subject_end(self, s: int, e: int) -> int:
        """DocumentView.subject_end, read on over a title that opens with a subject stop
        (美国特别检察官穆勒: 特别 is an adverb elsewhere, here part of the title)."""
        end = self.doc.subject_end(s, e)
        if end == s and (word_end := self._stop_opening_longer_word(s, e)) is not None:
            end = self.doc.subject_end(word_end, e) if word_end < e else e  # 在野党: no preposition
        while s < end < e:
            title = (  # (the tuple whole in C first: usually no title starts here)
                next((t for t in self.doc.titles if self.doc.text.startswith(t, end)), None)
                if self.doc.text.startswith(self.doc.titles, end)
                else None
            )
            if title is not None:
                end = self.doc.subject_end(end + len(title), e) if end + len(title) < e else e
            elif self.token_starts and end not in self.token_starts:
                # the stop sits inside a word (共|同主任, 同 as in 同X表示): no stop
                nxt = end + 1
                if nxt < e and nxt in self.token_starts and self.doc.text.startswith(self.doc.stops, nxt):
                    return nxt  # 行业协|会上|月: a stop that overlaps the word's end, then a real one (上月)
                end = self.doc.subject_end(nxt, e) if nxt < e else e
            elif (head_end := self._modifier_head_end(end, e)) is not None:
                end = head_end
            elif self._stop_inside_name(end, e):
                end = self.doc.subject_end(end + 1, e) if end + 1 < e else e
            else:
                return end
        return end

    def _stop_opening_longer_word(self, s: int, e: int) -> int | None:
        """在野党立宪民主党批评: a subject stop (在) that is only the start of a longer word of the
        segmenter opens no adverbial; where that word ends, else None."""
        if not self.token_starts:
            return None
        text = self.doc.text
        # (a preposition too: 与会专家, 对外经济贸易大学 open no prepositional phrase)
        stops = [w for w in (*self.doc.stops, *self.lex.preposition_leads) if text.startswith(w, s)]
        if not stops:
            return None
        word_end = next((k for k in range(s + 1, min(e, s + MAX_STOP_WORD_CHARS) + 1) if k in self.token_starts), None)
        if word_end is None and s + MAX_STOP_WORD_CHARS < e:
            # a long word of the segmenter (an institution's name: 对外经济贸易大学)
            word_end = next((k for k in range(s + 1, min(e, s + MAX_LONG_WORD_CHARS) + 1) if k in self.token_starts), None)
        if word_end is None or any(s + len(w) >= word_end for w in stops):
            return None
        if self.doc.mentions_in(s + 1, word_end):
            return None  # 向普京 as one word: the preposition and a name
        return word_end

    def _stop_inside_name(self, stop: int, e: int) -> bool:
        """发言人姜由订说 / 部长李向东表示: a subject stop that is the second character of a name
        after a title (a surname before it, one character after it, then the cue or another
        stop) is part of the name; 发言人王在会上说 keeps 在 as the stop."""
        text = self.doc.text
        if stop >= 2 and text[stop - 1] in self.lex.surnames and self._titled_before(stop - 1):
            return self._name_ends_at(stop + 2, e)  # the surname, the stop, one more character
        # 台电董事长曾文生曾在立法院坦言: the stop is the surname itself (曾, 向, 于 …), a
        # two-character given name after it
        if text.startswith(self._word_stops, stop):
            return False  # 发言人周一, 鲁比奥随即: a stop of two characters or more is a word of its own
        given = text[stop + 1 : stop + 3]
        if text[stop] in self.lex.addressee_prepositions and text.startswith(
            tuple(self.lex.construction_words.get("addressee_words", ())), stop + 1
        ):
            return False  # 劳团代表向本报表示: told to the paper, not a name 向本报
        if (
            text[stop] in self.lex.surnames
            and len(given) == 2
            and all(HAN.fullmatch(c) for c in given)  # 官员向《共同社》: a bracket is no given name
            and self._titled_before(stop)
            and self._name_ends_at(stop + 3, e)
        ):
            return True
        return self._inside_transliterated_name(stop, e)

    def _inside_transliterated_name(self, stop: int, e: int) -> bool:
        """国家银行总裁阿都拉昔表示 / 反对党领袖韩沙再努丁批评: an adverb stop (都, 再) inside a
        transliterated name right after a title: the words from the title to the next stop,
        the stop among them, spell one foreign name. A preposition (对, 向 …) is never inside."""
        text = self.doc.text
        if text.startswith(self.lex.preposition_leads, stop) or text.startswith(self._object_taking_stops, stop):
            return False  # 教授杜邦对法广说: the preposition opens an addressee
        j = stop + 1  # the name runs on to the next stop or cue (none at once: 史莱瓦则反驳说, 默茨曾多次)
        while j < e and not text.startswith(self.doc.stops, j) and not self.doc.cues_in(j, j + 1):
            j += 1
        rest = text[stop + 1 : j]
        if not rest or not all(HAN.match(c) for c in rest):
            return False
        for k in range(stop, max(0, stop - MAX_UNLISTED_NAME_CHARS), -1):
            if self._titled_before(k):
                name = text[k:j]
                return 3 <= len(name) <= MAX_UNLISTED_NAME_CHARS and self._spelled_foreign(name)
        return False

    def _spelled_foreign(self, phrase: str) -> bool:
        """Mostly characters that spell foreign names (names.transliteration_chars), three or more."""
        share = sum(c in self.lex.transliteration_chars for c in phrase) / max(len(phrase), 1)
        return len(phrase) >= 3 and share >= self.lex.min_transliteration_share

    def _titled_before(self, pos: int) -> bool:
        return self.doc.text.endswith(tuple(self.doc.titles), 0, pos) or any(
            m.kind == "role" and m.end == pos for m in self.doc.mentions_in(max(0, pos - MAX_TITLE_CHARS), pos)
        )

    def _name_ends_at(self, after: int, e: int) -> bool:
        """A name read on to ``after`` ends there: the cue, or another subject stop, follows."""
        if after > e:
            return False
        return (
            after == e
            or any(c.start == after and not c.in_quote for c in self.doc.cues_in(after, after + 1))
            or self.doc.subject_end(after, e) == after
            or self.doc.text.startswith(self.doc.stops, after)
        )

    def _modifier_head_end(self, stop: int, e: int) -> int | None:
        """司法部特别行动组的共同主任X说: a subject stop inside the modifier of the subject
        (before the relative marker 的) is part of a longer name (特别行动组); the subject
        runs on to the head after the marker when that head ends in a name or a title."""
        marker = self.lex.relative_marker
        k = self.doc.text.find(marker, stop, e) if marker else -1
        if k < 0:
            return None
        head_start = k + len(marker)
        head_end = self.subject_end(head_start, e) if head_start < e else e
        head = self.doc.text[head_start:head_end].rstrip()
        gloss = LATIN_GLOSS.search(head)
        if gloss is not None and gloss.end() == len(head):
            head = head[: gloss.start()].rstrip()  # 麦克尔·邱(Michael Khoo): the gloss is no part
        if not head:
            return None
        closed = head_start + len(head)
        named = any(m.kind != "pronoun" and m.end == closed for m in self.doc.mentions_in(head_start, closed))
        # a title, or a title then a transliterated name (主任约翰·史密斯)
        dot = max(head.rfind(d) for d in NAME_DOT)
        titled = head.endswith(self.doc.titles) or (dot > 0 and any(t in head[:dot] for t in self.doc.titles))
        return head_end if named or titled or self._document_head(head) else None

    def _document_head(self, head: str) -> bool:
        """一份报告 / 声明: a document noun (construction_words document_nouns), after a count
        (counted_object_openers) or a determiner at most: what its issuer published."""
        words = self.lex.construction_words
        for lead in (*words.get("counted_object_openers", ()), *words.get("document_determiners", ())):
            if head.startswith(lead) and len(head) > len(lead):
                head = head[len(lead) :]
                break
        return head in words.get("document_nouns", ())

    def _joint_inside_speech(self, cstart: int, cue: Cue) -> bool:
        """A joint subject agreeing (speaker_resolution.yaml joint_nested_roles) after the cue of
        a named speaker in the same sentence, with no sentence-level break between."""
        if cue.role not in self.lex.speaker_rules.get("joint_nested_roles", ()):
            return False
        ss = self.doc.sentence_start(cstart)
        for prev in reversed(self.doc.cues_in(ss, cstart)):
            if prev.role == "question" or prev.in_quote:
                continue
            outer = self.lex.speaker_rules.get("joint_nested_outer_cues", ())
            if not (prev.text.startswith(outer) or prev.text.endswith(outer)):
                return False  # stacked cues (回应指, 补充说) start or end with one of them
            parsed = self.parse_subject(self.doc.clause_start(ss, prev.start), prev)
            if parsed is not None and parsed[0] == "named" and parsed[1] is not None:
                return parsed[1].id != self.lex.joint_id
        return False

    def _reporter_of_sentence(self, cstart: int) -> Speaker | None:
        """The named speaker of the nearest cue earlier in the sentence (not in a quotation or
        a question), whose report a clause after it belongs to."""
        ss = self.doc.sentence_start(cstart)
        for prev in reversed([c for c in self.doc.cues_in(ss, cstart) if c.role != "question" and not c.in_quote]):
            parsed = self.parse_subject(self.doc.clause_start(ss, prev.start), prev)
            if parsed is not None and parsed[0] == "named" and parsed[1] is not None:
                sp = parsed[1]
                return Speaker(sp.id, sp.mention, sp.start, sp.end, sp.resolution, sp.entity_type, "fact_subject_reporter")
            return None
        return None

    def _own_side_speaker(self, cstart: int, side: Speaker) -> Speaker | None:
        """扎哈罗娃说，俄主张X / 毛宁强调，中国敦促Y: a country speaking inside the sentence of
        one of its own people's speech is that person speaking for it (spec: nested cues of
        one speaker keep the speaker, the inner cue is the cue)."""
        ss = self.doc.sentence_start(cstart)
        earlier = [c for c in self.doc.cues_in(ss, cstart) if c.role != "question" and not c.in_quote]
        for prev in reversed(earlier):
            parsed = self.parse_subject(self.doc.clause_start(ss, prev.start), prev)
            if parsed is None or parsed[0] != "named" or parsed[1] is None:
                continue
            outer = parsed[1]
            if outer.entity_type == "person" and self._country_of_person(outer) == side.id:
                return Speaker(outer.id, side.mention, side.start, side.end, "name", "person", "own_side_nested")
            return None
        return None

    def name_after_title(self, s: int, limit: int) -> tuple[int, int] | None:
        """Where a name the registry lacks stands when a role or a title opens text[s:limit] and
        the name follows it (发言人孟庆华…, 俄外长卡列宁科…): the longest run that is a whole
        word of the segmenter, holds no mention and reads as a name. None otherwise."""
        m = self.doc.mention_starting_at(s)
        if m is not None and m.kind == "role":
            title_end = m.end
        elif m is None:
            title = next((t for t in self.doc.titles if self.doc.text.startswith(t, s)), None)
            if title is None:
                return None
            title_end = s + len(title)
        else:
            return None
        for n in range(min(MAX_UNLISTED_NAME_CHARS, limit - title_end), 1, -1):
            end = title_end + n
            if (self.token_starts and end not in self.token_starts) or self.doc.mentions_in(title_end, end):
                continue
            if self.looks_like_name(self.doc.text[title_end:end]):
                return title_end, end
        return None

    def _country_of_person(self, person: Speaker) -> str:
        """The registry's country of a person; for one the registry lacks, the country whose
        name opens the mention or the title the text gave the name before
        (俄罗斯总统新闻秘书科瓦连科 … 科瓦连科说 -> 俄罗斯)."""
        if person.id in self.lex.entities:
            return self.doc.country_of(person.id)
        text = self.doc.text
        titles = [(person.start, person.end)]  # this mention, then the earlier ones with a role before them
        k = text.rfind(person.id, 0, person.start)
        while k >= 0 and len(titles) < 4:
            before = self.doc.mentions_in(max(0, k - MAX_TITLE_CHARS), k)
            titles += [(m.start, k) for m in before if m.kind == "role" and m.end == k]
            k = text.rfind(person.id, 0, k)
        # the mentions of their earlier claims (美国在台协会处长谷立言表示… ⏎ 该官员说，美方欢迎X)
        earlier_claims = self.pronouns.claims.recent_claims(person.start)
        titles += [(c.speaker.start, c.speaker.end) for c in earlier_claims if c.speaker.id == person.id]
        for start, end in titles:
            for n in range(end - start - 1, 1, -1):
                entity = self.lex.aliases.get(text[start : start + n])
                if entity is not None and self.doc.type_of(entity) == "country":
                    return entity
        return ""

    def _before_quoted_name(self, cstart: int) -> int:
        """扎哈罗娃接受“今日俄罗斯”电视台采访时说: a short quotation glued inside the clause
        (a name in quotation marks) does not start a clause; the subject is before it."""
        q = self.doc.quote_at_close.get(cstart - 1)
        if q is None or q.end - q.start > QUOTED_NAME_CHARS or q.start < 2:
            return cstart
        inner = self.doc.text[q.start : q.end]
        before = self.doc.text[q.start - 2]  # the character before the opening mark
        if any(c in inner for c in "，,。；;：:！？!?") or before in "，,。；;：:！？!?\n" or not HAN.match(before):
            return cstart
        return self.doc.clause_start(self.doc.sentence_start(q.start), q.start - 1)

    def _person_after_relative_clause(self, s: int, e: int) -> int | None:
        """在当地经营杂货店二十年的玛丽亚·冈萨雷斯说 / 在华埠经营餐馆的陈先生告诉记者: a relative
        clause opened by a preposition (…的) before a person the registry lacks, as features
        introduce ordinary people: the person after 的 is the subject (where it starts)."""
        marker = self.lex.relative_marker
        k = self.doc.text.rfind(marker, s, e) if marker else -1
        if k < 0:
            return None
        start = k + len(marker)
        head = self.doc.text[start : self.subject_end(start, e)].strip()
        if not 2 <= len(head) <= self.lex.max_relative_head_chars:
            return None
        return start if self.looks_like_name(head) or self._dotted_surname(head) is not None else None

    def _relative_clause_subject(self, s: int, e: int) -> bool:
        """出席会议的美国国防部长奥斯汀表示: an event verb opening a relative clause (…的) whose
        head is a name or title is part of the subject, not a clause with an elided one."""
        marker = self.lex.relative_marker
        k = self.doc.text.rfind(marker, s, e) if marker else -1
        if k < 0:
            return False
        head = self.doc.text[k + len(marker) : e]
        named = any(m.kind != "pronoun" for m in self.doc.mentions_in(k + 1, e))
        return named or any(t in head for t in self.doc.titles)

    def skip_glued_noise(self, s: int, e: int) -> int:
        """ date 2025-08-14 法国总统… / 5.39.217.76普京…: blanks, and a run of Latin letters,
        digits and marks holding a digit and a mark (a scraped date or an address, not a Latin
        name such as CNN or G7) glued before the subject or an opening quotation mark, are no
        part of it."""
        text = self.doc.text
        while s < e and text[s] in " \t\u3000":
            s += 1
        m = GLUED_NOISE.match(text, s, e)
        if m and not self.doc.mention_starting_at(s) and m.end() < e:
            nxt = text[m.end()]
            if HAN.match(nxt) or nxt in LEAD_BRACKETS or nxt in self.lex.quote_pairs or nxt == TITLE_OPEN:
                return m.end()
        return s

    def _skip_glued_dateline(self, s: int, e: int) -> int:
        """…。新华社莫斯科1月15日电(记者X)佩斯科夫说: a wire dateline glued to the sentence
        (not at a line start, where normalisation blanks it) is no part of the subject.
        Data: speaker_resolution.yaml dateline_ends, read only right after a day number."""
        text = self.doc.text
        for end_word in self.lex.speaker_rules.get("dateline_ends", ()):
            k = text.find(end_word, s, min(e, s + CLAUSE_WINDOW // 4))
            if k > s and text[k - 1].isdigit():
                after = k + len(end_word)
                return self.skip_lead_bracket(after, e) if after < e else s
        return s

    def skip_lead_bracket(self, s: int, e: int) -> int:
        """（本社华盛顿5日电）美国官员说: a dateline or byline in brackets before
        the subject is no part of it."""
        text = self.doc.text
        close = LEAD_BRACKETS.get(text[s]) if s < e else None
        if close is None:
            return s
        k = text.find(close, s + 1, e)
        if k < 0:
            return s
        k += 1
        while k < e and text[k] in " \t\u3000":
            k += 1
        return k if k < e else s

    def _existential_source(self, s: int, e: int) -> int | None:
        """针对岛内有民意代表称 / 就有议员批评: a preposition's topic phrase that goes on with an
        existential word (construction_words existential_openers: 有) and a source: the source
        is the subject of the cue (spec: a source a question cites with its own cue). Where
        the existential word starts (the quantifier is dropped with it later), or None."""
        text = self.doc.text
        for w in self.lex.construction_words.get("existential_openers", ()):
            k = text.find(w, s + 1, e)
            while k >= 0:
                after = k + len(w)
                whole = not self.token_starts or (k in self.token_starts and after in self.token_starts)
                if whole and e - after >= 2 and not any(ch in CLAUSE_DELIMS for ch in text[k:e]):
                    return k
                k = text.find(w, k + 1, e)
        return None

    def _late_subject(self, s: int, e: int) -> int | None:
        """在前几日俄罗斯已经公开要求: a subject after a fronted time or place phrase.

        The last name or pronoun before the cue that is not a preposition's object
        and is followed only by adverbials; returns where its phrase starts."""
        inside = [m for m in self.doc.mentions_in(s + 1, e) if m.end <= e]
        for m in reversed(inside):
            if self.doc.text[m.start - 1] in self.doc.words.object_lead_chars:
                continue
            after = self.doc.text[m.end : e]
            if after and not after.startswith(self.doc.stops) and len(after) > 2:
                continue
            start = m.start
            for prev in reversed([x for x in inside if x.end <= start]):
                if prev.end == start and prev.kind != "pronoun":
                    start = prev.start  # 俄罗斯总统普京: the titles belong to the name
            return start
        return None

    def _rest_has_verb(self, rest: str) -> bool:
        """Text between subject and cue: adverbials are fine; a negation (并未具体介绍),
        another predicate, or a long embedded clause is not a speech act."""
        rest = PARENTHETICAL.sub("", rest).strip()
        if not rest:
            return False
        frame = self.doc.words.time_frame_open.search(rest)
        closed = frame and self.doc.words.time_frame_close.search(rest, frame.end())
        if closed and rest.endswith(self.lex.adverbial_clause_endings):
            return False  # 今天在被问及…时表示: a time frame between subject and cue, however long
        if len(rest) > 24:
            return True  # …以及一些他认为合适的人: the cue sits in an embedded clause
        return any(v in rest for v in self.lex.embedded_clause_words) and len(rest) > 12

    def speaker_from_phrase(self, s: int, e: int, cue: Cue) -> Speaker | None:
        text = self.doc.text
        phrase = text[s:e]
        # English glosses in brackets do not belong to the mention
        clean = LATIN_GLOSS.sub(lambda m: " " * len(m.group()), phrase)
        # trailing time words: 普京14日 -> 普京
        core = clean.rstrip()
        m = self.doc.words.time_tail.search(core)
        if m and m.start() > 0:
            core = core[: m.start()]
        core_end = self.doc.strip_source_tail(s, s + len(core.rstrip()))
        mention_text = text[s:core_end].strip()
        mention_text = LATIN_GLOSS.sub("", mention_text).strip()
        if not mention_text:
            return None
        mentions = [m for m in self.doc.mentions_in(s, core_end) if m.end <= core_end]
        word = self._cut_pronoun(mention_text) if not mentions and text.startswith(mention_text, s) else None
        if word is not None:
            # 两人均表示: the segmenter cut 两|人均, so no pronoun was tagged; the subject is one
            mentions = [Mention(s, s + len(word), word, "pronoun", None, self.lex.pronouns[word])]
        if self._initials_before_joint(mentions, s, core_end):
            # 美英两国表示 / 日韩双方表示: countries written by their initials, then both of them
            return Speaker(self.lex.joint_id, mention_text, s, core_end, "joint", "group", "joint_pronoun")
        if mentions and mentions[0].kind == "pronoun" and mentions[0].start == s:
            owned = self._after_possessive(mentions[0], core_end, cue, mention_text, s)
            if owned is not None:
                return owned
            return self.pronouns.resolve_pronoun(mentions[0], s, core_end, mention_text)
        outlet = self._titled_outlet(mention_text, s, core_end)
        if outlet is not None:
            return outlet
        verb_at = self._verb_after_opening_name(mentions, s, core_end)
        if verb_at is not None:
            # 普京前往德国表示: the name before the verb is the subject, the one after it an object
            subject = self.speaker_from_phrase(s, verb_at, cue)
            if subject is not None:
                subject.rule = "subject_before_verb"
                return subject
        if cue.role == "quote_source" and mentions and mentions[0].start == s and mentions[0].kind != "pronoun":
            owner = self._document_owner(mentions[0], core_end, mention_text, s)
            if owner is not None:
                return owner
        titled = self._name_then_title(mentions, core_end, mention_text, s)
        if titled is not None:
            return titled
        office = self._office_of_person(s, core_end, cue, mention_text)
        if office is not None:
            return office
        described = self._definite_description(mention_text, s, core_end)
        if described is not None:
            return described
        # 塔斯社和美联社等外媒 -> 外媒
        marker = self.lex.list_marker
        if marker and marker in mention_text and self._marker_is_word(mention_text, marker, s):
            tail = mention_text.rsplit(marker, 1)[1]
            if len(tail) >= 2:
                return self._speaker_from_tail(tail, s, core_end, mention_text)
            listed = self._list_before_marker(s, core_end, cue, mention_text)
            if listed is not None:
                return listed
        if self._reciprocal_pair(mention_text, core_end, cue):
            # 乌克兰与亲俄分离分子相互指控对方…: two sides against each other, listed or not
            return Speaker(self.lex.joint_id, mention_text, s, core_end, "joint", "group", "joint_speakers")
        parts = self._coordinated_parts(mentions, s, core_end)
        heads = [h for h in (self._head_of(ps, pe, part_mentions) for ps, pe, part_mentions in parts) if h]
        if len(parts) > 1 and len(heads) == len(parts):
            countries = {self.doc.country_of(h) for h in heads}
            jointly = any(text.startswith(w, core_end) or w in text[core_end : cue.start] for w in self.lex.jointly_markers)
            all_people = all(self.doc.type_of(h) == "person" for h in heads)
            if len(countries) > 1 and (jointly or all_people):
                return Speaker(self.lex.joint_id, mention_text, s, core_end, "joint", "group", "joint_speakers")
            return Speaker(heads[0], mention_text, s, core_end, "name", self.doc.type_of(heads[0]), "coordinated_first")
        if heads and len(heads) == len(parts):
            head = heads[0]
            kind = "role" if any(m.kind == "role" and m.end == core_end for m in mentions) else "name"
            rule = "role_by_date" if kind == "role" else "registry_name"
            return Speaker(head, mention_text, s, core_end, kind, self.doc.type_of(head), rule)
        return self._coordinated_with_unlisted(mentions, s, core_end, mention_text) or self._unlisted_speaker(
            mention_text, s, core_end
        )

    def _reciprocal_pair(self, mention_text: str, e: int, cue: Cue) -> bool:
        """A subject of two parties joined by a coordinator (A与B, A和B) followed, before its
        cue, by an adverb of reciprocity (speaker_resolution.yaml reciprocal_markers: 相互,
        互相): the two speak against each other, so both sides speak (spec: 双方)."""
        markers = self.lex.speaker_rules.get("reciprocal_markers", ())
        between = self.doc.text[e : cue.start]
        if not markers or not any(between.lstrip().startswith(w) or w in between for w in markers):
            return False
        return any(self._joins_two_names(mention_text, w) for w in self.lex.coordinators)

    def _titled_outlet(self, mention_text: str, s: int, e: int) -> Speaker | None:
        """英国《金融时报》网站 / 德国《商报》: a publication in title marks, with at most its
        country before it and a word for its website after it (speaker_resolution.yaml
        outlet_site_words), is that publication. A title alone is left to the other readings."""
        text = self.doc.text[s:e].strip()
        m = TITLED.search(text)
        if m is None:
            return None
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        if not before and not after:
            return None
        sites = self.lex.speaker_rules.get("outlet_site_words", ())
        if after and after not in sites:
            return None
        if before and self.doc.type_of(self.lex.aliases.get(before, before)) != "country":
            return None
        name = m.group(1)
        outlet = self.lex.aliases.get(name, name)
        return Speaker(outlet, mention_text, s, e, "name", self.doc.type_of(outlet), "titled_outlet")

    def _initials_before_joint(self, mentions: list[Mention], s: int, e: int) -> bool:
        """Is [s, e) two or three country initials (speaker_resolution.yaml country_initials:
        美, 英, 日 …) and a joint pronoun (两国, 双方) ending it: the sides named in one word?"""
        if len(mentions) != 1 or mentions[0].pronoun != "joint" or mentions[0].end != e:
            return False
        initials = self.doc.text[s : mentions[0].start]
        known = self.lex.speaker_rules.get("country_initials", ())
        return 2 <= len(initials) <= 3 and all(c in known for c in initials)

    def _after_possessive(self, pronoun: Mention, e: int, cue: Cue, mention_text: str, s: int) -> Speaker | None:
        """其发言人 / 他的顾问X: a person pronoun owning the rest of the subject. A name after
        it is the speaker (其发言人让-皮埃尔 -> 让-皮埃尔); a bare title is the owner's holder of
        that role when the registry lists one (其发言人, owner 普京 -> 佩斯科夫), else the owner's
        title as written (possessive_title). None when the pronoun is the whole subject."""
        if pronoun.pronoun != "person":
            return None
        text = self.doc.text
        k = pronoun.end
        if self.lex.relative_marker and text.startswith(self.lex.relative_marker, k):
            k += len(self.lex.relative_marker)
        rest = text[k:e].strip()
        if not rest or rest.startswith(tuple(self.lex.coordinators)):
            return None
        if rest in self.doc.titles:
            owner = self.pronouns.resolve_pronoun(pronoun, pronoun.start, pronoun.end, pronoun.text)
            if owner is None:
                return None
            role = owner.id + rest
            holder = self.lex.role_holder(role, self.doc.year) or self.lex.aliases.get(role)
            kind = self.doc.type_of(holder) if holder else "source"
            return Speaker(holder or role, mention_text, s, e, "role", kind, "possessive_title")
        named = self.speaker_from_phrase(k, e, cue)
        if named is None or named.rule not in ("registry_name", "title_unlisted_name", "name_then_title", "role_by_date"):
            return None
        return Speaker(named.id, mention_text, s, e, named.resolution, named.entity_type, named.rule)

    def _opening_chain(self, mentions: list[Mention], s: int, e: int) -> tuple[int, Mention] | None:
        """The names and titles opening [s, e) (美国总统拜登(Joe Biden)): where they end (an
        English gloss included) and the last of them; None when [s, e) opens with no name."""
        if not mentions or mentions[0].start != s or mentions[0].kind == "pronoun":
            return None
        text = self.doc.text
        last = mentions[0]
        end = last.end
        while True:
            k = end
            gloss = LATIN_GLOSS.match(text, k)
            if gloss:
                k = gloss.end()
            nxt = self.doc.mention_starting_at(k)
            if nxt is not None and nxt.kind != "pronoun" and nxt.end <= e:
                last, end = nxt, nxt.end
                continue
            # 澳洲外长黄英贤: a title the registry holds no role for, between a country and a name
            title = next((t for t in self.doc.titles if text.startswith(t, k)), None)
            named = self.doc.mention_starting_at(k + len(title)) if title else None
            if named is not None and named.kind != "pronoun" and named.entity and named.end <= e:
                last, end = named, named.end
                continue
            return k, last

    def _coordinated_with_unlisted(self, mentions: list[Mention], s: int, e: int, mention_text: str) -> Speaker | None:
        """中国海警与外交部 / 马克龙和一名助手 / 布林肯与其他北约成员国外长: a listed name
        coordinated with an unlisted source (a description may name a country or body before
        its title): co-speakers of one side take the first named (spec)."""
        chain = self._opening_chain(mentions, s, e)
        if chain is None or not chain[1].entity:
            return None
        end, head = chain
        text = self.doc.text
        joiner = next((c for c in sorted(self.lex.coordinators, key=longest_first) if text.startswith(c, end)), None)
        if joiner is None or end + len(joiner) >= e:
            return None
        rest = text[end + len(joiner) : e].strip()
        later = [m for m in mentions if m.kind != "pronoun" and m.start >= end]
        titled_person = False
        if later and (later[-1].end >= e or not rest.endswith((*self.lex.source_heads, *self.doc.titles))):
            # 施纪贤与荷兰首相史科夫: a co-speaker the registry lacks, read from a title and a name
            titled_person = not any(m.entity and self.doc.type_of(m.entity) == "person" for m in later) and (
                self._titled_unlisted_person(rest, e - len(rest), e)
            )
            if not titled_person:
                return None  # the co-speaker is named: the coordinated parts decide
        counted = rest.startswith(tuple(q for q in self.lex.quantifiers if len(q) > 1))  # 一名助手: some person
        described = counted or rest.endswith(self.lex.source_heads) or rest.endswith(self.doc.titles)
        if not (titled_person or described or self.looks_like_name(rest)):
            return None
        own = self.doc.country_of(head.entity)
        other_side = any(m.entity and self.doc.type_of(m.entity) == "country" and m.entity != own for m in later)
        if other_side and (titled_person or rest.endswith(self.doc.titles)):
            # 普京和美国官员表示: people of two countries speak together (spec: both sides)
            return Speaker(self.lex.joint_id, mention_text, s, e, "joint", "group", "joint_speakers")
        return Speaker(head.entity, mention_text, s, e, "name", self.doc.type_of(head.entity), "coordinated_first")

    def _titled_unlisted_person(self, phrase: str, s: int, e: int) -> bool:
        """荷兰首相史科夫 / 纽西兰外长毕德斯: a title and a name the registry lacks."""
        person = self._unlisted_speaker(phrase, s, e)
        return person is not None and person.rule in INTRODUCED_NAME_RULES

    def _verb_after_opening_name(self, mentions: list[Mention], s: int, e: int) -> int | None:
        """Where a verb of speaker_resolution.yaml object_verbs follows the names and titles
        opening [s, e) (美国副总统贺锦丽(Kamala Harris)前往德国): the subject ends there. None
        when the phrase does not open with a name, or no such verb follows it, or no
        name follows the verb (then the phrase names no one else)."""
        verbs = self.object_verbs
        chain = self._opening_chain(mentions, s, e)
        if not verbs or chain is None:
            return None
        text = self.doc.text
        end = chain[0]
        if end >= e or not text.startswith(verbs, end):
            return None
        if not any(m.kind != "pronoun" and m.start > end for m in mentions):
            return None
        return end

    def _name_then_title(self, mentions: list[Mention], e: int, mention_text: str, s: int) -> Speaker | None:
        """普京总统 / 王毅外长 / 高市首相: a registry name followed only by a title is that person;
        美联社现场记者: an outlet followed by its reporter is the outlet."""
        names = [m for m in mentions if m.kind != "pronoun" and m.entity]
        if not names:
            return None
        last = names[-1]
        tail = self.doc.text[last.end : e].strip()
        kind = self.doc.type_of(last.entity)
        if not tail or any(m.start >= last.end for m in mentions):
            return None
        working_for = self._subordinate_of(last, tail, e, mention_text, s)
        if working_for is not None:
            return working_for
        members = self._members_of_body(last, tail, e, mention_text, s)
        if members is not None:
            return members
        if kind == "person" and tail in self.doc.titles:
            return Speaker(last.entity, mention_text, s, e, "name", kind, "name_then_title")
        if kind == "media" and tail.endswith(self.lex.reporter_titles) and len(tail) <= 6:
            return Speaker(last.entity, mention_text, s, e, "source", kind, "outlet_reporter")
        return None

    def _subordinate_of(self, owner: Mention, tail: str, e: int, mention_text: str, s: int) -> Speaker | None:
        """普京助理 / 马克龙的发言人 / 美国总统特使: a title of someone working for the person or
        role before it (speaker_resolution.yaml subordinate_titles) names that aide, not the
        person. The registry's role of the person with that title when it lists one (普京发言人
        -> 佩斯科夫), else one description: the person's id and the title (川普顾问 -> 特朗普顾问),
        or for a role the role as written and the title (the role stays as written, spec)."""
        marker = self.lex.relative_marker
        title = tail[len(marker) :].strip() if marker and tail.startswith(marker) else tail
        if title not in self.lex.speaker_rules.get("subordinate_titles", ()):
            return None
        holder_of = owner.entity  # (a role's mention carries its holder at the page's date)
        if holder_of is None or self.doc.type_of(holder_of) != "person":
            return None
        role = holder_of + title
        holder = self.lex.role_holder(role, self.doc.year) or self.lex.aliases.get(role)
        if holder is not None:
            return Speaker(holder, mention_text, s, e, "role", self.doc.type_of(holder), "role_by_date")
        described = owner.text + title if owner.kind == "role" else role
        return Speaker(described, mention_text, s, e, "title", "source", "subordinate_title")

    def _members_of_body(self, body: Mention, tail: str, e: int, mention_text: str, s: int) -> Speaker | None:
        """七国集团外长 / 北约领导人 / 东盟各国外长: the members of a body that is its own side
        (its registry country is itself) speaking as one (speaker_resolution.yaml
        group_member_heads): the body. Not when the page gave a named person that whole title
        (欧盟外长卡拉斯 … 欧盟外长表示: her title, read by the title back-reference)."""
        ent = body.entity
        if not ent or self.doc.type_of(ent) not in ("institution", "group") or self.doc.country_of(ent) != ent:
            return None
        if tail not in self.lex.speaker_rules.get("group_member_heads", ()):
            return None
        if self._person_titled_earlier(self.doc.text[body.start : e].strip(), s) is not None:
            return None
        return Speaker(ent, mention_text, s, e, "name", self.doc.type_of(ent), "group_members")

    def _office_of_person(self, s: int, e: int, cue: Cue, mention_text: str) -> Speaker | None:
        """纳坦雅胡办公室 / 以色列总理内塔尼亚胡的办公室: the office of a named person
        (speaker_resolution.yaml person_office_heads) speaks in that person's name, as a
        statement read by someone else is credited to its author (spec); so does the office of
        a role that resolves to its holder at the article's date (以色列总理办公室 in 2021 ->
        贝内特). An office the registry lists (乌克兰总统办公室) is matched before this."""
        text = self.doc.text
        head = next((h for h in self.lex.speaker_rules.get("person_office_heads", ()) if text.endswith(h, s, e)), None)
        if head is None:
            return None
        k = e - len(head)
        marker = self.lex.relative_marker
        if marker and text.endswith(marker, s, k):
            k -= len(marker)
        if k <= s:
            return None
        owner = self.speaker_from_phrase(s, k, cue)
        if owner is None or owner.entity_type != "person" or owner.rule not in LISTABLE_RULES:
            return None
        return Speaker(owner.id, mention_text, s, e, owner.resolution, "person", "person_office")

    def _document_owner(self, first: Mention, e: int, mention_text: str, s: int) -> Speaker | None:
        """根据美国财政部公布的声明 / 据日本外务省发布的照片: a document of a named source
        (the name, then what it issued) speaks for that source."""
        rest = self.doc.text[first.end : e].strip()
        if not first.entity or not rest or rest in self.lex.head_tails or rest.startswith(self.lex.source_heads):
            return None  # 据英国媒体报道: the name only qualifies another source
        if any(m.kind != "pronoun" for m in self.doc.mentions_in(first.end, e)):
            return None  # 援引俄罗斯总统普京的话: the name after the title is the source
        phrase = self.doc.text[first.end : first.end + CLAUSE_WINDOW]
        if self.lex.relative_marker not in CLAUSE_SPLIT.split(phrase, maxsplit=1)[0]:
            return None  # no 的: the words after the name are no document of it (美俄双方…梳理)
        return Speaker(first.entity, mention_text, s, e, "source", self.doc.type_of(first.entity), "document_source")

    def _definite_description(self, mention_text: str, s: int, e: int) -> Speaker | None:
        """这位美国领导人 / 该部: a determiner + a description points back to an entity named
        before. A person's title: the last person named in the last sentences (of the
        country the description names, if it names one); any other head: the last speaker
        whose id ends with it (该部 -> 中国商务部). None when nothing fits."""
        det = next((d for d in self.lex.definite_determiners if mention_text.startswith(d)), None)
        if det is None:
            return None
        rest = mention_text[len(det) :].strip()
        if not rest:
            return None
        if rest in self.lex.speaker_rules.get("generic_person_heads", ()):
            person = self._recent_person_source(s)
            if person is not None:
                # 一名不愿透露姓名的美国官员表示…。该人士还说… -> 美国官员: any person or unnamed source
                return Speaker(person.id, mention_text, s, e, "description", person.entity_type, "definite_description")
        # the last speaker described the same way (一名美国高阶官员 … 这名官员 -> 美国高阶官员)
        for c in self.pronouns.claims.recent_claims(s):
            if s - c.speaker.end > self.cfg.context_chars:
                break
            if c.speaker.id.endswith(rest) and c.speaker.id != rest:
                sp = c.speaker
                return Speaker(sp.id, mention_text, s, e, "description", sp.entity_type, "definite_description")
            body = self._body_of_titled(c.speaker.id)
            if body is not None and body.endswith(rest) and body != rest:
                # 澳门中华总商会副会长认为X。该会建议Y: the body the last source holds office in
                return Speaker(body, mention_text, s, e, "description", "source", "definite_description")
        counted = self._counted_description_before(rest, s)
        if counted is not None:
            # 一名美国高级官员介绍情况。该官员说 -> 美国高级官员: introduced in narration, not a claim
            return Speaker(counted, mention_text, s, e, "description", "source", "definite_description")
        if rest in self.lex.speaker_rules.get("official_heads", ()):
            official = self._recent_titled_person(s)
            if official is not None:
                # 菲律宾国防部长德奥多罗表示…。这名官员说… -> 德奥多罗 (any office is an official's)
                return Speaker(official.id, mention_text, s, e, "description", official.entity_type, "definite_description")
        if rest.endswith(self.doc.titles):
            countries = {
                m.entity
                for m in self.doc.mentions_in(s + len(det), e)
                if m.entity and self.doc.type_of(m.entity) == "country"
            }
            titled = self._recent_speaker_with_title(rest, countries, s)
            if titled is not None:
                # 克宫发言人佩斯科夫表示…。这名发言人还说 -> 佩斯科夫, not 普京 named in between
                return Speaker(titled.id, mention_text, s, e, "description", titled.entity_type, "definite_description")
            for ent in reversed(self.doc.persons_before(s, limit_sentences=3)):
                if not countries or self.doc.country_of(ent) in countries:
                    return Speaker(ent, mention_text, s, e, "description", "person", "definite_description")
            return None
        return None

    def _recent_person_source(self, s: int) -> Speaker | None:
        """The speaker of the latest claim within the context that is a person, named or
        described as one (美国官员, 知情人士, 北约外交官: speaker_resolution.yaml
        described_person_heads), not a country, body, outlet or generic voice: what 该人士 /
        这位人士 points back to."""
        heads = self.lex.speaker_rules.get("described_person_heads", ())
        for c in self.pronouns.claims.recent_claims(s):
            sp = c.speaker
            if s - sp.end > self.cfg.context_chars:
                break
            if sp.entity_type == "person" or (sp.entity_type in ("source", "unknown") and sp.id.endswith(heads)):
                return sp
        return None

    def _counted_description_before(self, head: str, s: int) -> str | None:
        """The last description ending with ``head`` within the context before s, counted by a
        quantifier (一名美国高级官员 … ⏎ 该官员): the description without its count; None when the
        last such head is not counted (白宫发言人普萨基 … 这位发言人 is a person's title)."""
        window = self.doc.text[max(0, s - self.cfg.context_chars) : s]
        k = window.rfind(head)
        if k < 0:
            return None
        before = window[max(0, k - MAX_TITLE_CHARS) : k]
        for q in sorted((q for q in self.lex.quantifiers if len(q) >= 2), key=len, reverse=True):
            j = before.rfind(q)
            if j < 0:
                continue
            described = before[j + len(q) :]
            if all(HAN.fullmatch(ch) for ch in described) and not any(
                self.lex.aliases.get(described[i:]) and self.doc.type_of(self.lex.aliases[described[i:]]) == "person"
                for i in range(len(described))
            ):
                return described + head
            return None
        return None

    def _body_of_titled(self, speaker_id: str) -> str | None:
        """A described source that is a body and a title (澳门中华总商会副会长): the body, when it
        ends as a source does (会, 部, 党 … of source_heads or an institution's last character)."""
        for title in (t for t in self.doc.titles if speaker_id.endswith(t)):
            # (副会长: the titles list may hold only 会长, so the body may still end with 副)
            for body in (speaker_id[: -len(title)], speaker_id[: -len(title) - 1]):
                if len(body) >= 2 and (body.endswith(self.lex.source_heads) or body in self.lex.aliases):
                    return body
        return None

    def _recent_titled_person(self, s: int) -> Speaker | None:
        """The speaker of the latest claim within the context who is a person introduced with
        an office in their own mention (泰国总理府发言人吉拉育, 菲律宾国防部长德奥多罗): what
        这名官员 / 该官员 points back to. Claims by pronoun or bare name are passed over."""
        for c in self.pronouns.claims.recent_claims(s):
            sp = c.speaker
            if s - sp.end > self.cfg.context_chars:
                break
            if sp.entity_type == "person" and sp.mention != sp.id and any(t in sp.mention for t in self.doc.titles):
                return sp
        return None

    def _recent_speaker_with_title(self, description: str, countries: set[str], s: int) -> Speaker | None:
        """The speaker of a recent claim whose own words carried the title a definite description
        ends with (这名发言人 after 克宫发言人佩斯科夫表示, 这位共和党参议员 after 参议员约翰·史密斯
        表示): the description points back to the person introduced with that title, even when
        another person is named in between. Of a country the description names, if it names one."""
        title = max((t for t in self.doc.titles if description.endswith(t)), key=len)
        for c in self.pronouns.claims.recent_claims(s):
            sp = c.speaker
            if s - sp.end > self.cfg.context_chars:
                break
            if sp.entity_type not in ("person", "unknown") or title not in sp.mention:
                continue
            if countries and not (
                self.doc.country_of(sp.id) in countries
                or any(m.entity in countries for m in self.doc.mentions_in(sp.start, sp.end))
            ):
                continue
            return sp
        return None

    def _list_before_marker(self, s: int, e: int, cue: Cue, mention_text: str) -> Speaker | None:
        """卢比奥等表示 / 卢比奥（Marco Rubio）等人表示 / 英国、法国等国表示: the list marker with
        no source after it, or a one-character classifier (人, 国), closes a list of the
        speakers themselves: they speak as the names before it would (co-speakers of one
        side: the first named; two sides: both)."""
        k = self.doc.text.rfind(self.lex.list_marker, s, e)
        if k <= s:
            return None
        listed = self.speaker_from_phrase(s, k, cue)
        if listed is None or listed.rule not in LISTABLE_RULES:
            return None
        return Speaker(listed.id, mention_text, s, e, listed.resolution, listed.entity_type, listed.rule)

    def _marker_is_word(self, mention_text: str, marker: str, s: int) -> bool:
        """The list marker (等) as a word of its own, not the first character of a longer word
        (乌克兰等待盟友的安全保证: 等待 is a verb, no list of sources before a 保证)."""
        if not self.token_starts or self.doc.text[s : s + len(mention_text)] != mention_text:
            return True  # no segmentation known: read as before
        k = s + mention_text.rfind(marker)
        return k in self.token_starts and k + len(marker) in self.token_starts

    def _speaker_from_tail(self, tail: str, s: int, e: int, mention_text: str) -> Speaker | None:
        ent = self.lex.aliases.get(tail)
        if ent:
            return Speaker(ent, mention_text, s, e, "name", self.doc.type_of(ent), "list_tail_name")
        opening = next((a for k in range(len(tail) - 1, 1, -1) if (a := tail[:k]) in self.lex.aliases), None)
        if opening is not None and not tail.endswith((*self.lex.source_heads, *self.doc.titles)):
            return None  # 党团会等行政院提出具体版本再表态: a name and its predicate, no source
        return Speaker(tail, mention_text, s, e, "source", "source", "list_tail_source")

    def _coordinated_parts(self, mentions: list[Mention], s: int, e: int) -> list[tuple[int, int, list[Mention]]]:
        """Split 'A与B' where both sides hold a registry name; otherwise one part."""
        names = [m for m in mentions if m.kind != "pronoun"]
        # an English name in brackets glosses the name before it (梅尔茨(Friedrich Merz)): no part
        names = [m for m in names if not (m.text.isascii() and PARENTHETICAL.match(self.doc.text, m.start - 1))] or names
        cuts = []
        for left, right in itertools.pairwise(names):
            between = LATIN_GLOSS.sub("", self.doc.text[left.end : right.start]).strip()  # 梅尔茨(Merz)和…
            if between in self.lex.coordinators:
                cuts.append((left.end, right.start))
        parts = []
        ps = s
        for ce, nxt in cuts:
            parts.append((ps, ce))
            ps = nxt
        parts.append((ps, e))
        return [(a, b, [m for m in names if a <= m.start and m.end <= b]) for a, b in parts]

    def _head_of(self, s: int, e: int, mentions: list[Mention]) -> str | None:
        """The entity a part names: its last registry mention, when the part ends with it."""
        if not mentions:
            return None
        last = mentions[-1]
        tail = INVISIBLE.sub("", self.doc.text[last.end : e]).strip().strip(self.doc.words.name_wrapping_marks)
        if tail == "" or tail in self.lex.head_tails:
            return last.entity
        return None

    def _listed_name_then_words(self, name: str) -> bool:
        """Does a listed name open this would-be name, with two or more characters after it
        (普京通电话后)? Those are words of the clause, not the rest of a name (a one-character
        remainder may be a given name: 李强 + 国)."""
        return any(self.lex.aliases.get(name[:k]) for k in range(2, len(name) - 1))

    def _unlisted_speaker(self, mention_text: str, s: int, e: int) -> Speaker | None:
        """A source not in the registry: 'title + name' gives the name; otherwise the
        description itself (simplified, quantifiers and relative clauses stripped)."""
        phrase = self._without_quoted_handle(mention_text.translate(self.doc.words.drop_book_title_marks).strip())
        # blanks typed inside the words (时代 杂志, 美国国务卿 布林肯) are no part of an id
        phrase = BLANK_INSIDE_HAN.sub("", phrase)
        opens_at = s + len(mention_text) - len(mention_text.lstrip())
        owner: str | None = None  # a body or country opening the phrase before its count (北约一名…)
        # a quantifier or a determiner with nothing to point back to (该名官员 -> 官员, not 名官员)
        for q in sorted({*self.lex.quantifiers, *self.lex.definite_determiners}, key=len, reverse=True):
            # 有官员 drops 有, but not the 有 of the word 有关 (有关方面: the relevant side)
            glued = bool(self.token_starts) and opens_at + len(q) not in self.token_starts
            if phrase.startswith(q) and len(phrase) > len(q) + 1 and not glued:
                phrase = phrase[len(q) :]
                break
        else:
            dropped = self._drop_inner_quantifier(phrase, s)
            owner = self._owner_before_quantifier(phrase, dropped, s)
            phrase = dropped
        marker = self.lex.relative_marker
        if marker and marker in phrase:
            head, tail = phrase.rsplit(marker, 1)
            words = self.lex.construction_words
            # (…的一份: the source tail 报告 already cut off, its count left over)
            counted = tail in words.get("counted_object_openers", ()) and self.doc.text.startswith(
                tuple(words.get("document_nouns", ())), e
            )
            opens_frame = head.startswith((*self.lex.preposition_leads, *words.get("remark_openers", ())))
            if len(head) >= 2 and (self._document_head(tail) or counted) and marker not in head and not opens_frame:
                # 欧洲对外关系委员会的一份报告指出: the document speaks for its issuer
                return Speaker(head, mention_text, s, e, "source", "source", "document_source")
            if len(tail) >= 2:
                phrase = tail
                quantifier = next((q for q in self.lex.quantifiers if tail.startswith(q) and len(tail) > len(q) + 1), None)
                if quantifier is not None:
                    # 参与谈判的一名官员 -> 官员; 美国国务院的一名发言人: one of a named
                    # institution's people, described by both -> 美国国务院发言人
                    phrase = (head if head in self.lex.aliases else "") + tail[len(quantifier) :]
                elif owner is not None and not self.doc.mention_starting_at(e - len(tail)):
                    # 北约一名不愿具名的外交官 -> 北约外交官: the body counted its person before the
                    # relative clause, so the person is still that body's
                    phrase = owner + tail
                elif self._possessor(head) is not None and tail.endswith((*self.doc.titles, *self.lex.source_heads)):
                    # 美国的官员 / 欧盟委员会的发言人: a listed country or body owning a description
                    phrase = self._possessor(head) + tail
        if not HAN.search(phrase) and not re.search(r"[A-Za-z]{2,}", phrase):
            return None
        phrase = self._without_glued_adverb(phrase)
        phrase = self._without_rank(phrase)
        # title + name: 兰州大学…副教授韦进深 -> 韦进深
        # the title that ends last is the one the name follows (美国总统特使韦进深 -> 特使)
        phrase = PARENTHETICAL.sub("", phrase).strip() or phrase  # 团长(波兰人)马捷乌什·…: a gloss
        ends = [(k + len(t), len(t)) for t in self.doc.titles if (k := phrase.rfind(t)) >= 0]
        surname = self._dotted_surname(phrase)
        if surname is not None:
            # spec: a Western name is written as its surname (温迪·谢尔曼 -> 谢尔曼)
            rule = "title_unlisted_name" if ends else "unlisted_name"
            return Speaker(surname, mention_text, s, e, "title" if ends else "name", "person", rule)
        if ends:
            end, length = max(ends)
            name = phrase[end:].strip()
            if (
                2 <= len(name) <= 6
                and HAN.search(name)
                and not any(name.endswith(h) and not self._given_name_char(name, h) for h in self.lex.source_heads)
                and name not in self.lex.cues  # 发言人表示: a cue word after a title is no name
            ):
                listed = self.lex.aliases.get(name)  # 国务卿 布林肯(2023.04.11): a listed name after all
                if listed:
                    return Speaker(listed, mention_text, s, e, "name", self.doc.type_of(listed), "registry_name")
                if self._listed_name_then_words(name):
                    return None  # 俄罗斯总统普京通电话后称: as without the title, no name of its own
                if not self.looks_like_name(name):
                    # 首席 + 策略师裘翔: a listed title, then an unlisted one, then the name
                    name = self._han_name_after_title_word(name) or name
                return Speaker(surname_of_full_name(name), mention_text, s, e, "title", "person", "title_unlisted_name")
            if name == "":
                # 西科尔斯基外长 names a person; 巴勒斯坦官员 (a source head as title) does not
                if phrase[end - length : end] not in self.lex.source_heads:
                    named = self._unlisted_name_then_title(phrase[: end - length], mention_text, s, e)
                    if named is not None:
                        return named
                # 赖清德总统接见… 总统致词时表示 -> 赖清德; also a title the lexicon knows only by its
                # last word (外务大臣 after 日本外务大臣岩屋毅): the whole phrase stood by the name
                titled = self._person_titled_earlier(phrase, s)
                if titled is not None:
                    return Speaker(titled, mention_text, s, e, "context", "person", "title_back_reference")
                if phrase == phrase[end - length : end] and mention_text.strip() == phrase:
                    sole = self._sole_office_holder(phrase, s)
                    if sole is not None:  # 国务卿表示 on a page naming the US side -> its holder
                        return Speaker(sole, mention_text, s, e, "role", self.doc.type_of(sole), "sole_office_title")
                if phrase == phrase[end - length : end]:
                    sided = self._country_of_sentence(s)
                    if sided is not None:  # 尽管以色列希望X，但一名官员说 -> 以色列官员
                        return Speaker(sided + phrase, mention_text, s, e, "title", "source", "title_sentence_country")
                return Speaker(phrase, mention_text, s, e, "title", "source", "title_only")
        if any(phrase.endswith(h) for h in self.lex.source_heads):
            owned = self._institution_of_context(phrase, s)
            if owned is not None:
                return Speaker(owned, mention_text, s, e, "name", self.doc.type_of(owned), "institution_country")
            side = next((x for x in self.lex.construction_words.get("side_suffixes", ()) if phrase.endswith(x)), "")
            own_word = not self.token_starts or (e - len(side)) in self.token_starts
            generic = phrase[: -len(side)] in self.lex.construction_words.get("side_generic_heads", ())  # 有关方面
            if side and len(phrase) >= len(side) + 2 and own_word and not generic and mention_text.rstrip() == mention_text:
                phrase = phrase[: -len(side)]  # 美团方面 speaks as 美团
            return Speaker(phrase, mention_text, s, e, "source", "source", "anonymous_source")
        abbreviated = self._abbreviated_name(phrase, s)
        if abbreviated is not None:  # 苏利文表示…。苏氏又表示… -> 沙利文
            return Speaker(abbreviated, mention_text, s, e, "name", "person", "abbreviated_name")
        short = family_name(phrase, self.lex)
        earlier = earlier_person(short, self._persons_named_before(s)) if short else None
        if earlier is not None:  # 铃木表示 after 官房长官铃木一郎表示
            return Speaker(earlier, mention_text, s, e, "name", "person", "family_name_back_reference")
        titled_back = self._family_name_and_unlisted_title(phrase, s)
        if titled_back is not None:  # 赵室长说 after 安保室长赵太勇表示 -> 赵太勇
            return Speaker(titled_back, mention_text, s, e, "name", "person", "family_name_back_reference")
        if self.looks_like_name(phrase) or self._glossed_earlier(phrase, s) or self._introduced_before(phrase, s):
            named = self._persons_named_before(s) + [m.entity for m in self.doc.person_mentions if m.entity]
            meant = near_spelling(phrase, named, self.lex)
            if meant is not None:  # 马里谢夫 after 马雷舍夫: one person misspelt
                return Speaker(meant, mention_text, s, e, "name", "person", "misspelled_name")
            return Speaker(surname_of_full_name(phrase), mention_text, s, e, "name", "person", "unlisted_name")
        described = self._name_after_unlisted_title(phrase, s)
        if described is not None:  # 俄罗斯政治分析家伊万诺夫 -> 伊万诺夫
            return Speaker(surname_of_full_name(described), mention_text, s, e, "title", "person", "title_unlisted_name")
        if self._counted_person(mention_text, phrase):  # 一位外资行交易员 -> 外资行交易员
            for q in sorted((q for q in self.lex.quantifiers if len(q) >= 2), key=len, reverse=True):
                phrase = phrase.replace(q, "")  # 三民区一名里长 -> 三民区里长 (as 巴西农业部官员)
            return Speaker(phrase, mention_text, s, e, "source", "source", "anonymous_source")
        return None

    def _counted_person(self, mention_text: str, phrase: str) -> bool:
        """一位外资行交易员 / 三民区一名里长: a person counted by a quantifier of two characters
        or more (一名, 一位) and described by a word ending as titles do (交易员, 里长): an
        anonymous source, described as written."""
        counted = any(len(q) >= 2 and q in mention_text for q in self.lex.quantifiers)
        return counted and 2 <= len(phrase) <= MAX_TITLE_CHARS and self._title_like(phrase[-2:])

    def _title_like(self, word: str) -> bool:
        """A word the titles list lacks that ends as titles do (室长, 分析家: speaker_resolution.yaml
        unlisted_title_endings), no longer than a title before a name may be."""
        endings = tuple(self.lex.speaker_rules.get("unlisted_title_endings", ()))
        return (
            bool(endings)
            and 2 <= len(word) <= MAX_TITLE_CHARS
            and word.endswith(endings)
            and all(HAN.fullmatch(c) for c in word)
        )

    def _family_name_and_unlisted_title(self, phrase: str, s: int) -> str | None:
        """赵室长 / 岩屋外相: a surname (or a Japanese family name) and a title the titles list
        lacks, after that person was named: the one person named before with that surname."""
        for k in (2, 1):  # a double or Japanese family name first (岩屋外相)
            short, rest = phrase[:k], phrase[k:]
            if len(rest) < 2 or len(rest) > 3 or short not in self.lex.surnames or not self._title_like(rest):
                continue
            return earlier_person(short, self._persons_named_before(s))
        return None

    def _name_after_unlisted_title(self, phrase: str, s: int) -> str | None:
        """韩国国家安保室长赵太勇 / 俄罗斯政治分析家伊万诺夫: a description that opens with a
        listed country or institution and ends with a word shaped like a title (室长, 分析家)
        before a name: the name. Only when nothing else read the phrase."""
        first = self.doc.mention_starting_at(s)
        if first is None or first.kind == "pronoun" or not first.entity or not phrase.startswith(first.text):
            return self._han_name_after_title_word(phrase)
        if self.doc.type_of(first.entity) not in ("country", "institution"):
            return None
        body = phrase[len(first.text) :]
        for k in range(len(body) - 2, 1, -1):  # the longest name first
            name, before = body[k:], body[:k]
            if self._title_like(before) and self.looks_like_name(name) and not self._listed_name_then_words(name):
                return name
        return None

    def _sole_office_holder(self, title: str, s: int) -> str | None:
        """A bare title that the registry gives to one country's office only (国务卿: 美国国务卿;
        官房长官: 日本官房长官), on a page that named that country's side before: the role's
        holder at the page's date (spec: a role resolves when it points to one person). A title
        several countries' offices end with (总统, 外长, 首相) stays as written."""
        roles = [
            r
            for r in self.lex.roles
            if r.endswith(title)
            and len(r) > len(title)
            and self.doc.type_of(self.lex.aliases.get(r[: -len(title)], "")) == "country"
        ]
        countries = {self.doc.country_of(self.lex.aliases[r[: -len(title)]]) for r in roles}
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        if not any(
            m.kind != "pronoun" and m.entity and self.doc.country_of(m.entity) == country for m in self.doc.mentions_in(0, s)
        ):
            return None
        holders = {h for h in (self.lex.role_holder(r, self.doc.year) for r in roles) if h is not None}
        return next(iter(holders)) if len(holders) == 1 else None

    def _person_titled_earlier(self, title: str, s: int) -> str | None:
        """A bare title as the whole subject (总统表示) after the text named a registry person
        with that title right before or after the name (总统赖清德 / 赖清德总统): that person,
        the nearest one before. A title the text never gave a named person stays as written."""
        text = self.doc.text
        for m in reversed(self.doc.person_mentions):
            if m.start >= s or not m.entity:
                continue
            if text.endswith(title, 0, m.start) or text.startswith(title, m.end):
                return m.entity
        return None

    def _introduced_before(self, name: str, s: int) -> bool:
        """马来西亚外长莫哈末哈山表示… ⏎ 莫哈末哈山说: a name the page introduced after a title
        (a claim's speaker read from 'title + name') is a person's name when it stands alone
        later, even where its characters do not look like a name (Malay, Arabic, Thai names)."""
        return any(
            c.speaker.id == name and c.speaker.rule in INTRODUCED_NAME_RULES for c in self.pronouns.claims.recent_claims(s)
        )

    def _glossed_earlier(self, name: str, s: int) -> bool:
        """沃克（Roger Wicker）: a name the text glossed with a Latin spelling in brackets before
        ``s`` (the wire-service way of introducing a foreigner) is a person's name."""
        return re.search(re.escape(name) + r"\s*[（(]\s*[A-Z][A-Za-z.'\- ]+[)）]", self.doc.text[:s]) is not None

    def _without_quoted_handle(self, phrase: str) -> str:
        """网友“小鱼不吃鱼” / 一名自称“老王”的司机: a description ending in a source head or a
        title, then a short quoted handle, is the description; the handle names no one the
        reader knows."""
        for opening, closing in self.lex.quote_pairs.items():
            if not phrase.endswith(closing) or opening not in phrase[:-1]:
                continue
            k = phrase.rfind(opening, 0, len(phrase) - 1)
            head = phrase[:k].rstrip()
            if head and len(phrase) - k <= QUOTED_NAME_CHARS + 2 and head.endswith((*self.lex.source_heads, *self.doc.titles)):
                return head
        return phrase

    def _without_rank(self, phrase: str) -> str:
        """发言人田军里海军大校: a military rank after a name (construction_words
        name_rank_suffixes) is no part of who speaks."""
        words = self.lex.construction_words
        for tail in sorted(words.get("name_rank_suffixes", ()), key=len, reverse=True):
            if phrase.endswith(tail) and len(phrase) >= len(tail) + 2:
                return phrase[: -len(tail)]
        return phrase

    def _without_glued_adverb(self, phrase: str) -> str:
        """书记长洪孟楷则 / 王定宇也: a one-character adverb of subject_stops (则, 也, 亦) that the
        segmenter glued to an unlisted Chinese name is no part of it."""
        if len(phrase) < 3 or phrase[-1] not in self._subject_stops:
            return phrase
        bare = phrase[:-1]
        for k in (3, 2):
            name = bare[-k:]
            if len(name) == k and name[0] in self.lex.surnames and self.looks_like_name(name):
                return bare
        return phrase

    def _given_name_char(self, name: str, head: str) -> bool:
        """发言人刘德军: a one-character source head (军, 院, 部) that ends a surname + two
        characters is the last character of a given name, not an institution."""
        return len(head) == 1 and len(name) == 3 and name[0] in self.lex.surnames

    def _han_name_after_title_word(self, phrase: str) -> str | None:
        """第一分局侦查队长黄志宏 / 前海军司令部参谋长蒲泽春: a description of any office ending
        with a word shaped like a title (队长, 参谋长) right before a Chinese name (a listed
        surname + one or two characters). Local offices are too many to list, and their
        holders are named the Chinese way, so the surname is the evidence here (not the
        institution the description opens with, as for transliterated names above)."""
        for k in (3, 2):
            name, before = phrase[-k:], phrase[:-k]
            if len(before) < 2 or name[0] not in self.lex.surnames or not self.looks_like_name(name):
                continue
            if self._title_like(before[-2:]) and not self._listed_name_then_words(name):
                return name
        return None

    def _unlisted_name_then_title(self, before: str, mention_text: str, s: int, e: int) -> Speaker | None:
        """西科尔斯基外长 / 鲁托总统 / 朴外长: an unlisted name, or a family name, then a title is
        that person; a family name alone is the person named before with it (朴 -> 朴振)."""
        before = before.strip()
        if not before or before in self.lex.aliases:
            return None  # 美国总统: a country or institution, then a title, is no name
        short = family_name(before, self.lex)
        if short is None and len(before) == 1 and HAN.fullmatch(before):
            short = before  # 习主席: a surname the surname list lacks, read only as a back-reference
        if short is not None:
            earlier = earlier_person(short, self._persons_named_before(s))
            if earlier is not None:
                return Speaker(earlier, mention_text, s, e, "name", "person", "family_name_back_reference")
        if short is not None and len(short) == 1:
            return None  # 林外相 with no 林… named before: no name to give
        if (self.looks_like_name(before) or self._glossed_earlier(before, s)) and not any(
            before.endswith(h) for h in self.lex.source_heads
        ):
            return Speaker(surname_of_full_name(before), mention_text, s, e, "name", "person", "unlisted_name_then_title")
        return None

    def _abbreviated_name(self, phrase: str, s: int) -> str | None:
        """苏氏 / 纳氏: one or two characters and a suffix of speaker_resolution.yaml
        (name_abbreviation_suffixes) stand for the person named before whose name, as
        written, opens with those characters."""
        suffix = next((x for x in self.lex.speaker_rules.get("name_abbreviation_suffixes", ()) if phrase.endswith(x)), None)
        if suffix is None:
            return None
        initial = phrase[: -len(suffix)]
        if not 1 <= len(initial) <= 2 or not all(HAN.fullmatch(c) for c in initial):
            return None
        return abbreviated_person(initial, self._persons_written_before(s))

    def _persons_written_before(self, s: int) -> list[tuple[str, str]]:
        """People named before ``s``, nearest first, each with the name as the text writes it:
        speakers of the claims so far (the mention without its titles), then registry persons."""
        out: list[tuple[str, str]] = []
        for c in self.pronouns.claims.recent_claims(s):
            sp = c.speaker
            if sp.entity_type == "person" and sp.rule in LISTABLE_RULES:
                written = [m.text for m in self.doc.mentions_in(sp.start, sp.end) if m.entity == sp.id]
                out.append((sp.id, written[-1] if written else sp.id))
        out += [(m.entity, m.text) for m in reversed(self.doc.person_mentions) if m.start < s and m.entity]
        return out

    def _persons_named_before(self, s: int) -> list[str]:
        """People named before ``s``, nearest first: speakers of the claims so far, and registry persons."""
        out = [c.speaker.id for c in self.pronouns.claims.recent_claims(s) if c.speaker.entity_type == "person"]
        out += [m.entity for m in reversed(self.doc.person_mentions) if m.start < s and m.entity]
        return list(dict.fromkeys(out))

    def _drop_inner_quantifier(self, phrase: str, s: int) -> str:
        """以色列一名官员 / 美方一名高级官员: a quantifier after the name opening the description
        is dropped as it is at the start (以色列官员, as 一名以色列官员 gives)."""
        quantifiers = sorted((q for q in self.lex.quantifiers if len(q) > 1), key=longest_first)
        first = self.doc.mention_starting_at(s)
        if first is not None and first.kind != "pronoun" and phrase.startswith(first.text):
            k = len(first.text)
            for q in quantifiers:
                if phrase.startswith(q, k) and len(phrase) > k + len(q) + 1:
                    return phrase[:k] + phrase[k + len(q) :]
        # 巴西农业部一名官员 / 防卫省一名干部: a body the registry lacks, ending as sources end
        # (部, 省, 党 …), then the quantifier
        for q in quantifiers:
            k = phrase.find(q)
            if k >= 2 and phrase[:k].endswith(self.lex.source_heads) and len(phrase) > k + len(q) + 1:
                return phrase[:k] + phrase[k + len(q) :]
        return phrase

    def _owner_before_quantifier(self, phrase: str, dropped: str, s: int) -> str | None:
        """北约一名不愿具名的外交官: the listed country or body opening a description whose
        count (一名) _drop_inner_quantifier took out; None when no count was taken out there."""
        first = self.doc.mention_starting_at(s)
        if dropped == phrase or first is None or not first.entity or not phrase.startswith(first.text):
            return None
        return self._possessor(first.text)

    def _possessor(self, words: str) -> str | None:
        """The id of a listed country, body, group or outlet written exactly as ``words``
        (美国, 北约, 欧盟委员会): one that can own a description of its people; None otherwise."""
        ent = self.lex.aliases.get(words)
        if ent is None or self.doc.type_of(ent) not in ("country", "institution", "group", "media"):
            return None
        return ent

    def _country_of_sentence(self, s: int) -> str | None:
        """The country a bare title (官员 alone) speaks for: that of the country named first in
        its sentence, as a subject (not after a preposition), as a bare institution takes it."""
        ss = self.doc.sentence_start(s)
        opening = next((m for m in self.doc.mentions_in(ss, s) if m.kind != "pronoun" and m.entity), None)
        if opening is None or self.doc.type_of(opening.entity) != "country":
            return None
        if opening.start > ss and self.doc.text[opening.start - 1] in self.doc.words.object_lead_chars:
            return None
        return opening.entity

    def _institution_of_context(self, phrase: str, s: int) -> str | None:
        """国防部 in a sentence opened by 美国国务院 -> 美国国防部: a bare institution takes the
        country of the name that opens its sentence, when the registry lists that country's
        institution; otherwise (no such name, or no such entry) it stays as written."""
        ss = self.doc.sentence_start(s)
        opening = next((m for m in self.doc.mentions_in(ss, s) if m.kind != "pronoun" and m.entity), None)
        if opening is None:
            return None
        country = self.doc.country_of(opening.entity)
        candidate = country + phrase
        return candidate if country and candidate in self.lex.entities else None

    def _dotted_surname(self, phrase: str) -> str | None:
        """The surname of a dotted transliterated name ending the phrase (…马捷乌什·比斯科尔斯基),
        when every part is Han: the part after the last dot."""
        k = max(phrase.rfind(d) for d in NAME_DOT)
        if k <= 0:
            return None
        tail = phrase[k + 1 :]
        return tail if 2 <= len(tail) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", tail) and HAN.match(phrase, k - 1) else None

    @staticmethod
    def _joins_two_names(phrase: str, coordinator: str) -> bool:
        before, found, after = phrase.partition(coordinator)
        return bool(found) and len(before) >= 2 and len(after) >= 2

    def _ordinary_word(self, phrase: str) -> bool:
        """A word of the language that is no name (安全, 马上), by jieba's reference dictionary."""
        tags = self.lex.speaker_rules.get("name_dictionary_tags", ())
        return ordinary_word(phrase, self.lex.surnames, tags, self.cfg.min_ordinary_word_frequency)

    def looks_like_name(self, phrase: str) -> bool:
        """An unlisted person's name: a surname + 1-2 characters, a transliteration
        (mostly characters used to spell foreign names), a dotted or Latin name."""
        if any(c in phrase for c in NAME_DOT):
            return 2 <= len(phrase) <= 20
        if re.fullmatch(r"[A-Z][A-Za-z.\- ]{1,30}", phrase):
            return True
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", phrase):
            return False
        if len(phrase) <= 3 and phrase[0] in self.lex.surnames:
            # 欧洲, 韩国: places; 安全, 高度: ordinary words led by a surname character
            return not phrase.endswith(self.lex.place_endings) and not self._ordinary_word(phrase)
        if len(phrase) == 2 and phrase[0] in self.lex.speaker_rules.get("nickname_prefixes", ()):
            # 阿明: a familiar name (feature stories name people so), not 阿方 or 阿军
            return not phrase.endswith(self.lex.place_endings)
        if 3 <= len(phrase) <= 5 and (phrase[:2] in self.lex.surnames or phrase[:3] in self.lex.surnames):
            return True  # double and Japanese family names: 欧阳修, 岸田文雄, 小泉进次郎
        if any(self._joins_two_names(phrase, w) for w in self.lex.coordinators):
            return False  # 科瓦连科与奥康纳: two people, not one name
        share = sum(c in self.lex.transliteration_chars for c in phrase) / len(phrase)
        return len(phrase) >= 3 and share >= self.lex.min_transliteration_share
