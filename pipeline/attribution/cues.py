"""Cue words (``cues.tsv``) on token boundaries, stacked cues merged."""

from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.tokens import Doc

from pipeline.attribution.base import (
    CLAUSE_DELIMS,
    SENTENCE_END,
    SPACE,
    Cue,
    appeal_addressee_end,
    doc_text,
    inside_index,
)
from pipeline.attribution.component import KnowledgeComponent, span_group
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons

# where a cue's object ends: a clause or sentence mark, or a line break
FRAME_REACH = 30  # characters: a time frame between two cues is one short clause
FRAME_ADVERB_CHARS = 2  # an adverb after a frame's time ending, before the cue it frames (时连带, 时也)
NOUN_PHRASE_REACH = 60  # characters: a noun-phrase object is one clause
RELATIVE_REACH = 5  # tokens: 所 + a verb + 的 + a modifier before a cue word (所作的政治承诺)
NOUN_MAKER_REACH = 3  # tokens: a noun maker and its object's modifier (作出/对/等/回应)
# what stands before a word that opens its clause: a delimiter, a closing mark, a line break
CLAUSE_OPENING = CLAUSE_DELIMS | SENTENCE_END | frozenset(SPACE + "\n”」』’\"'")
OBJECT_END = re.compile("[" + re.escape("".join(sorted(CLAUSE_DELIMS | SENTENCE_END))) + "\n]")


class CueTagger(KnowledgeComponent):
    """Cue tokens, with stacked cues (回应指, 强调说, 报道称) merged into one.

    Token offsets and ids come from ``doc.to_array`` so that only the few cue
    tokens, not every token, are looked at in Python."""

    def __init__(self, lex: Lexicons | None, cfg: ExtractConfig | None = None) -> None:
        self.lex = lex
        self.cfg = cfg or ExtractConfig()
        self._hashes: dict[int, str] = {}
        self._tokens: tuple = (None, [], [])  # the current Doc's strings, orths, token starts

    def use(self, lex: Lexicons) -> None:
        self.lex = lex
        self._hashes = {}  # the cue table is built again from the new lexicon

    def _cue_hashes(self, doc: Doc) -> dict[int, str]:
        if not self._hashes:
            self._hashes = {doc.vocab.strings.add(c): c for c in self.lex.cues}
        return self._hashes

    def __call__(self, doc: Doc) -> Doc:
        self.lex or self.knowledge()
        inside = inside_index(doc._.quotes or [], len(doc_text(doc)))
        hashes = self._cue_hashes(doc)
        arr = doc.to_array([ORTH, IDX, LENGTH])
        orths, starts, lengths = arr[:, 0], arr[:, 1].tolist(), arr[:, 2].tolist()
        hits = numpy.flatnonzero(numpy.isin(orths, numpy.fromiter(hashes, dtype=orths.dtype))).tolist()
        hit_set = set(hits)
        cues: list[Cue] = []
        skip_until = -1
        strings = doc.vocab.strings
        text_of_doc = doc_text(doc)
        self._tokens = (strings, orths, starts)  # the words of an object (_counted_thing)
        channel_cues = self.lex.construction_words.get("channel_cues", ())
        counted_cues = self.lex.construction_words.get("counted_object_cues", ())
        channel_roles = self.lex.construction_words.get("channel_stacking_roles", ())
        for i in hits:
            if i <= skip_until:
                continue
            text = hashes[int(orths[i])]
            role = self.lex.cues[text]
            if text in self.lex.noun_capable_cues and self._is_noun(strings, orths, i):
                continue  # 兑现竞选承诺: the cue word is an object, not a speech act
            start, end = starts[i], starts[i] + lengths[i]
            j = i + 1
            # 报道指出，X / “…。”报道指出。: a relay word opening its clause is the subject (a
            # medium, registry.media_word_subject) of the cue after it: the two do not stack
            stacks = not (role == "relay" and (start == 0 or text_of_doc[start - 1] in CLAUSE_OPENING))
            while stacks and j in hit_set and starts[j] == end:
                nxt_text = hashes[int(orths[j])]
                nxt = self.lex.cues[nxt_text]
                channel = text in channel_cues and nxt in channel_roles
                if nxt == "question" or (role != "lead" and nxt_text not in self.lex.stacking_cues and not channel):
                    break
                if channel:
                    role = nxt  # 发文呼吁: the later verb says what the act was
                end = starts[j] + lengths[j]
                text += nxt_text
                if role in ("lead", "stacked") or (role == "relay" and nxt != "speech"):
                    # 报导称 stays a medium's report (as 报道称 is listed); 报道指责 accuses
                    role = nxt if nxt not in ("stacked", "lead") else role
                j += 1
            skip_until = j - 1
            if (
                (text in self.lex.propositional_cues or text in self.lex.speaker_rules.get("proposition_only_cues", ()))
                and appeal_addressee_end(text_of_doc, text, end, self.lex) is None  # 呼吁民众，X
                and self._noun_object(text_of_doc, end)
            ):
                continue  # 证实此事, 宣布独立: the object is a thing, not a proposition
            if text in counted_cues and (self._counted_thing(text_of_doc, end) or self._noun_phrase_object(text_of_doc, end)):
                continue  # 公布新版能源配比 / 公布优化X的新措施: a thing made public
            if role not in ("lead", "stacked"):
                cues.append(Cue(start, end, text, role, bool(inside[start])))
        cues = self._drop_time_frames(text_of_doc, cues)
        doc._.cues = cues
        span_group(doc, self.spans_key, cues, lambda c: c.role)
        return doc

    def _drop_time_frames(self, text: str, cues: list[Cue]) -> list[Cue]:
        """佩斯科夫回答媒体提问时说: a cue whose clause runs into …时 and another cue heads a
        time frame (the later cue is the speech act), so it is no cue."""
        endings = self.lex.adverbial_clause_endings
        kept = []
        for k, cue in enumerate(cues):
            framed = False
            for j in range(k + 1, len(cues)):  # (no slice of the list per cue: cues may be many)
                later = cues[j]
                if later.start - cue.end > FRAME_REACH:
                    break
                between = text[cue.end : later.start]
                if OBJECT_END.search(between):
                    break
                if between.endswith(endings) or _frame_then_adverb(between, endings):
                    framed = True
                    break
            if not framed:
                kept.append(cue)
        return kept

    def _noun_object(self, text: str, end: int) -> bool:
        """The words from the cue to the clause's end are too few to state a proposition
        (quotation marks not counted); nothing there at all means the content lies elsewhere."""
        limit = self.lex.min_proposition_chars
        clause = OBJECT_END.split(text[end : end + limit + 8], maxsplit=1)[0]
        marks = set(self.lex.quote_pairs) | set(self.lex.quote_pairs.values())
        words = sum(1 for c in clause if c not in SPACE and c not in marks)
        if 0 < words < limit and not self._party_then_verb(clause.strip()):
            return True
        return self._counted_thing(text, end) or self._noun_phrase_object(text, end)

    def _counted_thing(self, text: str, end: int) -> bool:
        """宣布一项对台军售案 / 公布新版能源配比: an object opening with a count or an edition
        (construction_words counted_object_openers) and holding no word that makes a clause a
        statement (statement_markers: 将, 会, 已 …) is a thing announced, not a proposition."""
        words = self.lex.construction_words
        openers, markers = tuple(words.get("counted_object_openers", ())), words.get("statement_markers", ())
        clause = OBJECT_END.split(text[end : end + NOUN_PHRASE_REACH], maxsplit=1)[0]
        if not openers or not clause.strip().startswith(openers):
            return False
        strings, orths, starts = self._tokens
        k = bisect.bisect_left(starts, end)
        words = []
        while k < len(starts) and starts[k] < end + len(clause):
            words.append(strings[int(orths[k])])
            k += 1
        return not any(w in markers for w in words)  # (words, not characters: 能 of 能源 is no marker)

    def _party_then_verb(self, clause: str) -> bool:
        """敦促俄方停火 / 呼吁各方克制: a short object that opens with a party and goes on is
        that party doing something, a proposition however short."""
        named = self.lex.construction_words.get("object_parties", ())
        for k in range(len(clause) - 1, 1, -1):
            if clause[:k] in self.lex.aliases or clause[:k] in self.lex.pronouns or clause[:k] in named:
                # 谈及台湾问题: a party and a head noun is a thing talked about
                rest = clause[k:]
                return not rest.startswith(self.lex.relative_marker) and not rest.endswith(self.lex.noun_object_heads)
        return False

    def _noun_phrase_object(self, text: str, end: int) -> bool:
        """谈及伊朗和叙利亚的问题 / 重申对乌克兰的坚定支持: the object's first clause is a
        modifier + 的 + a head noun (noun_object_heads), a thing talked about."""
        heads = self.lex.noun_object_heads
        marker = self.lex.relative_marker
        if not heads or not marker:
            return False
        clause = OBJECT_END.split(text[end : end + NOUN_PHRASE_REACH], maxsplit=1)[0].rstrip()
        if not clause.endswith(heads) or self._party_then_verb(clause.strip()):
            return False  # (对方接纳美方的建议: a party doing something, not a thing)
        tail = clause[clause.rfind(marker) + len(marker) :] if marker in clause else None
        # the head must close a 的-phrase: 的 + at most a short modifier + the head
        return tail is not None and tail.endswith(heads) and len(tail) <= self.lex.max_head_phrase_chars

    def _made_by_relative(self, strings, orths, i: int) -> bool:
        """所作的(政治)承诺 / 所提的建议: a relative clause opened by 所 (construction_words
        relative_clause_openers) and closed by 的, then at most one modifier word, before the
        cue word: the cue word is the head noun of that phrase."""
        openers = tuple(self.lex.construction_words.get("relative_clause_openers", ()))
        marker = self.lex.relative_marker
        if not openers or not marker:
            return False
        words = [strings[int(orths[k])] for k in range(max(0, i - RELATIVE_REACH), i)]
        for k in (len(words) - 1, len(words) - 2):  # 的 right before the cue, or one word before it
            if 0 < k and words[k] == marker:
                verb = words[:k]
                return verb[-1].startswith(openers) or (len(verb) > 1 and verb[-2] in openers)
        return False

    def _is_noun(self, strings, orths, i: int) -> bool:
        before: list[str] = []
        for k in range(i - 1, max(-1, i - 1 - NOUN_MAKER_REACH), -1):
            word = strings[int(orths[k])]
            if OBJECT_END.search(word) is not None:
                break  # the object of a verb stays in its clause (发表声明，宣布X: 宣布 is a verb)
            before.insert(0, word)
        # 发表声明 / 作出回应: the object of a noun maker; 白宫的声明称: the head after 的
        if bool(before) and before[-1] == self.lex.relative_marker:
            return True
        if self._made_by_relative(strings, orths, i):
            return True  # 恪守所作的政治承诺: the commitment made, a thing
        if before and before[-1] in self.lex.construction_words.get("document_nouns", ()):
            return False  # 发布新闻稿回应，X: the maker's object is the document; the cue is a verb after it
        return any(w in self.lex.noun_makers for w in before)


def _frame_then_adverb(between: str, endings: tuple[str, ...]) -> bool:
    """谈到制裁时顺带批评: a time ending with at most FRAME_ADVERB_CHARS of adverb after it
    (连带, 也, 还) before the later cue still closes the frame (something stands before it)."""
    tail = between.rstrip()
    for adverb in range(1, FRAME_ADVERB_CHARS + 1):
        end = len(tail) - adverb
        if end > 0 and tail.endswith(endings, 0, end):  # one test in C; which ending only then
            if any(tail.endswith(e, 0, end) and end > len(e) for e in endings):
                return True
    return False
