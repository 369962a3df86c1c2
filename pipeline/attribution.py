"""spaCy components that find who said what: quotes, cues, mentions, claims.

They run on a Doc of the Simplified body text (non-body zones blanked), which
has the original text's length, so every character offset they produce is an
offset into the original document. Each component is registered with
``@Language.factory`` and writes one Doc extension:

- ``claims_quotes``   -> ``doc._.quotes``    outermost quotations (inner spans)
- ``claims_cues``     -> ``doc._.cues``      cue words (cues.tsv), stacked cues merged
- ``claims_mentions`` -> ``doc._.mentions``  registry names, roles and pronouns
- ``claims_attribution`` -> ``doc._.claims`` claims with speaker, cue, kind, target

The attribution rules describe how Chinese news attributes speech in general
(subject + adverbials + cue + content; quote + attribution; 据X介绍; relays);
the words they use live in ``models/``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons, any_char_of, load_lexicons

CLAUSE_WINDOW = 160  # characters a clause start is searched back for
CLAUSE_DELIMS = frozenset("，,；;：:")
SENTENCE_END = frozenset("。！？!?")
SPACE = " \t\u3000\u200b\u200c\u200d\u2060\ufeff"  # blanks, zero-width ones included
TRIM = "。，,；;！!？?：:、\r\n…" + SPACE
OPEN_PARENS = "(（["
CLOSE_PARENS = ")）]"
LATIN_GLOSS = re.compile(r"[（(][^（）()]*[A-Za-z][^（）()]*[）)]")
TIME_TAIL = re.compile(r"(\d+|[一二三四五六七八九十两]+)(日|号|月|年|时|点)(上午|下午|晚上|晚|早上)?$")
TIME_ONLY = re.compile(
    r"(当地时间|北京时间|香港时间|台北时间)?[\d０-９一二三四五六七八九十〇零两年月日号时分点上下午晚早周星期,，、\s()（）]*"
)
PARENTHETICAL = re.compile(r"[（(][^（）()]{0,60}[）)]")
TIME_FRAME_OPEN = re.compile(r"(?:^|[^存现实])[在当于]")
TIME_FRAME_CLOSE = re.compile(r"时(?![间期代刻])|之际|期间|之后|以后")
HAN = re.compile(r"[\u4e00-\u9fff]")
# emoji, symbols and zero-width characters: never part of a name
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]")
NOT_PUNCT = re.compile("[^" + re.escape(TRIM + "”」』’\"") + "]")  # _only_punct: searched in place, no copy
CLAUSE_END_AFTER_QUOTE = re.compile(r"[，,。；;：:！？!?\n“「『\"]")
NAME_DOT = "·•‧・"
CLAUSE_MARK = any_char_of(frozenset(OPEN_PARENS + CLOSE_PARENS + "\n") | CLAUSE_DELIMS | SENTENCE_END)

TEXT_KEY = "claims_text"  # where the tokenizer leaves the Doc's text (Doc.text rebuilds it per call)


def doc_text(doc: Doc) -> str:
    """The Doc's text, read once per Doc: ``Doc.text`` joins every token each time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


for _name, _default in [
    ("quotes", None),
    ("cues", None),
    ("mentions", None),
    ("claims", None),
    ("sentences", None),
    ("paragraphs", None),
    ("year", None),
]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass(frozen=True)
class Quote:
    start: int  # first character inside the marks
    end: int  # the closing mark's offset
    open_mark: str


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    role: str
    in_quote: bool


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # alias | role | pronoun
    entity: str | None  # for alias and role
    pronoun: str | None = None  # pronoun kind


@dataclass
class Speaker:
    id: str
    mention: str
    start: int
    end: int
    resolution: str  # name | role | title | source | pronoun | context | joint
    entity_type: str = "unknown"
    rule: str = ""  # the strategy that chose this speaker (speaker_rule in the claims table)


@dataclass
class Candidate:
    cue: Cue
    clause_start: int
    speaker: Speaker | None
    status: str  # named | elided | negated (no claim, but it bounds the claim before)
    content_start: int | None = None


@dataclass
class Claim:
    start: int
    end: int
    kind: str
    speaker: Speaker
    cue: str
    cue_role: str
    cue_start: int
    target: str = ""
    confidence: float = 0.8
    rule: str = ""  # the construction that found the claim (see models/README.md)


# ---------------------------------------------------------------- quotes


def find_quotes(text: str, pairs: dict[str, str], max_chars: int) -> list[Quote]:
    """Outermost quotations, paired by mark type; a mark left open at the end of
    its paragraph (or after max_chars) is not a quote. Linear time."""
    closers = {v: k for k, v in pairs.items() if k != v}
    toggles = {k for k, v in pairs.items() if k == v}
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    # open marks of each kind on the stack: a closer whose opener is not there is skipped
    # at once instead of scanning the whole stack (「「「…”””… would be quadratic)
    n_open: dict[str, int] = dict.fromkeys(pairs, 0)
    # quotation marks and line breaks are the only characters acted on
    for m in any_char_of(frozenset(["\n", *pairs, *pairs.values()])).finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            stack.clear()
            n_open = dict.fromkeys(pairs, 0)
            continue
        if stack and i - stack[0][1] > max_chars:
            stack.clear()
            n_open = dict.fromkeys(pairs, 0)
        if ch in toggles:
            if stack and stack[-1][0] == ch:
                mark, pos = stack.pop()
                n_open[mark] -= 1
                if not stack:
                    quotes.append(Quote(pos + 1, i, mark))
            else:
                stack.append((ch, i))
                n_open[ch] += 1
        elif ch in pairs:
            stack.append((ch, i))
            n_open[ch] += 1
        elif ch in closers:
            want = closers[ch]
            if not n_open[want]:
                continue  # unmatched closers are ignored
            # pop to the matching opener (every mark popped is scanned once: linear overall)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == want:
                    mark, pos = stack[depth]
                    for popped, _ in stack[depth:]:
                        n_open[popped] -= 1
                    del stack[depth:]
                    if not stack:
                        quotes.append(Quote(pos + 1, i, mark))
                    break
    return quotes


# ---------------------------------------------------------------- components


class QuoteTagger:
    def __init__(self, lex: Lexicons, cfg: ExtractConfig) -> None:
        self.lex = lex
        self.cfg = cfg

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc_text(doc), self.lex.quote_pairs, self.cfg.max_quote_chars)
        return doc


class CueTagger:
    """Cue tokens, with stacked cues (回应指, 强调说, 报道称) merged into one.

    Token offsets and ids come from ``doc.to_array`` so that only the few cue
    tokens, not every token, are looked at in Python."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self._hashes: dict[int, str] = {}

    def _cue_hashes(self, doc: Doc) -> dict[int, str]:
        if not self._hashes:
            self._hashes = {doc.vocab.strings.add(c): c for c in self.lex.cues}
        return self._hashes

    def __call__(self, doc: Doc) -> Doc:
        inside = _inside_index(doc._.quotes or [], len(doc_text(doc)))
        hashes = self._cue_hashes(doc)
        arr = doc.to_array([ORTH, IDX, LENGTH])
        orths, starts, lengths = arr[:, 0], arr[:, 1].tolist(), arr[:, 2].tolist()
        hits = numpy.flatnonzero(numpy.isin(orths, numpy.fromiter(hashes, dtype=orths.dtype))).tolist()
        hit_set = set(hits)
        cues: list[Cue] = []
        skip_until = -1
        strings = doc.vocab.strings
        for i in hits:
            if i <= skip_until:
                continue
            text = hashes[int(orths[i])]
            role = self.lex.cues[text]
            if text in self.lex.noun_capable_cues and self._is_noun(strings, orths, i):
                continue  # 兑现竞选承诺: the cue word is an object, not a speech act
            start, end = starts[i], starts[i] + lengths[i]
            j = i + 1
            while j in hit_set and starts[j] == end:
                nxt_text = hashes[int(orths[j])]
                nxt = self.lex.cues[nxt_text]
                if nxt == "question" or (role != "lead" and nxt_text not in self.lex.stacking_cues):
                    break
                end = starts[j] + lengths[j]
                text += nxt_text
                if role in ("lead", "stacked", "relay"):
                    role = nxt if nxt not in ("stacked", "lead") else role
                j += 1
            skip_until = j - 1
            if role not in ("lead", "stacked"):
                cues.append(Cue(start, end, text, role, bool(inside[start])))
        doc._.cues = cues
        return doc

    def _is_noun(self, strings, orths, i: int) -> bool:
        before = [strings[int(orths[k])] for k in range(max(0, i - 2), i)]
        return any(w in self.lex.noun_makers for w in before)


class MentionTagger:
    """Registry names, role phrases and pronouns, on token boundaries where it matters."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        arr = doc.to_array([IDX, LENGTH])
        starts = set(arr[:, 0].tolist())
        ends = set((arr[:, 0] + arr[:, 1]).tolist())
        year = doc._.year
        mentions: list[Mention] = []
        text_of_doc = doc_text(doc)
        for m in self.lex.mention_regex.finditer(text_of_doc):
            text = m.group()
            s, e = m.span()
            if text in self.lex.pronouns:
                if s not in starts or e not in ends:
                    continue  # 他 inside 其他
                mentions.append(Mention(s, e, text, "pronoun", None, self.lex.pronouns[text]))
            elif text in self.lex.aliases:
                aligned = (s in starts) + (e in ends)
                if not text.isascii() and aligned < (2 if len(text) == 1 else 1):
                    continue  # 明报 inside 说明/报告 is no name; 普京 inside 向普京 is
                if text.isascii() and not _ascii_word_boundary(text_of_doc, s, e):
                    continue
                mentions.append(Mention(s, e, text, "alias", self.lex.aliases[text]))
            else:
                holder = self.lex.role_holder(text, year)
                mentions.append(Mention(s, e, text, "role", holder))
        doc._.mentions = mentions
        return doc


def _ascii_word_boundary(text: str, s: int, e: int) -> bool:
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _inside_index(quotes: list[Quote], n: int) -> bytearray:
    flags = bytearray(n + 1)
    for q in quotes:
        flags[q.start : q.end] = b"\x01" * (q.end - q.start)
    return flags


@Language.factory("claims_quotes", default_config={"models_dir": "", "max_quote_chars": 3000})
def make_quote_tagger(nlp: Language, name: str, models_dir: str, max_quote_chars: int) -> QuoteTagger:
    return QuoteTagger(_lex(models_dir), ExtractConfig(max_quote_chars=max_quote_chars))


@Language.factory("claims_cues", default_config={"models_dir": ""})
def make_cue_tagger(nlp: Language, name: str, models_dir: str) -> CueTagger:
    return CueTagger(_lex(models_dir))


@Language.factory("claims_mentions", default_config={"models_dir": ""})
def make_mention_tagger(nlp: Language, name: str, models_dir: str) -> MentionTagger:
    return MentionTagger(_lex(models_dir))


@Language.factory(
    "claims_attribution",
    default_config={
        "models_dir": "",
        "min_bare_quote_chars": 12,
        "max_speaker_chars": 40,
        "context_chars": 600,
    },
    requires=["doc._.quotes", "doc._.cues", "doc._.mentions"],
    assigns=["doc._.claims"],
)
def make_attributor(
    nlp: Language,
    name: str,
    models_dir: str,
    min_bare_quote_chars: int,
    max_speaker_chars: int,
    context_chars: int,
) -> Attributor:
    cfg = ExtractConfig(
        min_bare_quote_chars=min_bare_quote_chars,
        max_speaker_chars=max_speaker_chars,
        context_chars=context_chars,
    )
    return Attributor(_lex(models_dir), cfg)


def _lex(models_dir: str) -> Lexicons:
    return load_lexicons(models_dir) if models_dir else load_lexicons()


# ---------------------------------------------------------------- attribution


class Attributor:
    def __init__(self, lex: Lexicons, cfg: ExtractConfig) -> None:
        self.lex = lex
        self.cfg = cfg
        # longest first, ties in a fixed order: a set's order changes with PYTHONHASHSEED, and with
        # it which of two titles of one length matched (the same input gave other speakers per process)
        # tuples: str.startswith takes them whole (one C call per position)
        self._stops = tuple(sorted(set(lex.subject_stops), key=_longest_first))
        self._openers = tuple(sorted(set(lex.clause_openers), key=_longest_first))
        self._source_openers = tuple(sorted(set(lex.source_openers), key=_longest_first))
        self._titles = sorted(set(lex.titles), key=_longest_first)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = DocumentAttribution(self, doc).run()
        return doc


class DocumentAttribution:
    """The attribution pass over one document; holds the discourse state."""

    def __init__(self, attributor: Attributor, doc: Doc) -> None:
        self.a = attributor
        self.lex = attributor.lex
        self.cfg = attributor.cfg
        self.text = doc_text(doc)
        self.year = doc._.year
        self.quotes: list[Quote] = doc._.quotes or []
        self.cues: list[Cue] = doc._.cues or []
        self.mentions: list[Mention] = doc._.mentions or []
        self.sentences: list[tuple[int, int]] = doc._.sentences or [(0, len(self.text))]
        self.paragraphs: list[tuple[int, int]] = doc._.paragraphs or [(0, len(self.text))]
        self.inside = _inside_index(self.quotes, len(self.text))
        self.quote_at_open = {q.start - 1: q for q in self.quotes}
        self.quote_at_close = {q.end: q for q in self.quotes}
        self.claims: list[Claim] = []
        # position indexes, so every lookup is local (linear time on long texts)
        self.mention_at = {m.start: m for m in self.mentions}
        self.mention_starts = [m.start for m in self.mentions]
        self.cue_starts = [c.start for c in self.cues]
        self.question_cues = [c for c in self.cues if c.role == "question"]
        self.question_starts = [c.start for c in self.question_cues]
        self.person_mentions = [
            m for m in self.mentions if m.kind != "pronoun" and m.entity and self._type(m.entity) == "person"
        ]
        self.person_starts = [m.start for m in self.person_mentions]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraph_starts = [p for p, _ in self.paragraphs]
        self.in_mention = bytearray(len(self.text) + 1)
        for m in self.mentions:
            self.in_mention[m.start : m.end] = b"\x01" * (m.end - m.start)
        self.claimed = bytearray(len(self.text) + 1)
        self.clause_bounds = self._clause_boundaries()
        self.claim_cue_starts: list[int] = []  # sorted, parallel to claims_by_cue
        self.claims_by_cue: list[Claim] = []

    # -- position lookups

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        """Mentions starting in [a, b)."""
        return self.mentions[bisect_left(self.mention_starts, a) : bisect_left(self.mention_starts, b)]

    def cues_in(self, a: int, b: int) -> list[Cue]:
        return self.cues[bisect_left(self.cue_starts, a) : bisect_left(self.cue_starts, b)]

    def taken(self, a: int, b: int) -> bool:
        return self.claimed.find(1, a, b) != -1

    # -- driver

    def run(self) -> list[Claim]:
        cues_by_sentence = self._group(self.cues, lambda c: c.start)
        for si, (ss, se) in enumerate(self.sentences):
            self._sentence(ss, se, cues_by_sentence.get(si, []))
        self._quotes_with_attribution_after()
        self._transcript_turns()
        self.claims.sort(key=lambda c: (c.start, c.end))
        return _dedupe(self.claims)

    def _group(self, items, pos) -> dict[int, list]:
        out: dict[int, list] = {}
        idx = 0
        for item in sorted(items, key=pos):
            p = pos(item)
            while idx < len(self.sentences) and self.sentences[idx][1] <= p:
                idx += 1
            if idx < len(self.sentences) and self.sentences[idx][0] <= p:
                out.setdefault(idx, []).append(item)
        return out

    # -- reported speech and cue-introduced quotes

    def _sentence(self, ss: int, se: int, cues: list[Cue]) -> None:
        active = [
            c for c in cues if not c.in_quote and c.role != "question" and not self._is_subject_word(ss, c)
        ]
        # 他在说明报告时表示: a cue inside a 在…时 frame is neither a claim nor the main verb
        active = [c for k, c in enumerate(active) if not self._in_time_frame(ss, c, active[k + 1 : k + 2], se)]
        candidates: list[Candidate] = []
        previous: Candidate | None = None  # the last candidate that is not negated
        for idx, cue in enumerate(active):
            cstart = self._clause_start(ss, cue.start)
            prefix = self.text[cstart : cue.start]
            if not self._cue_is_predicate(cue, prefix):
                continue
            # a cue inside another cue's clause is content: 普京称拜登曾提及… is 普京's claim
            if any(cstart <= o.start and o.end <= cue.start and o.role != "quote_source" for o in active[max(0, idx - 8) : idx]):
                continue
            if cue.role == "quote_source":
                later = active[idx + 1] if idx + 1 < len(active) else None
                if later is not None and self._clause_start(ss, later.start) == cstart:
                    continue  # 据塔斯社引述佩斯科夫报道: the later cue reads the relay
                relay = self._source_after(cue, se)
                if relay is not None:
                    previous = Candidate(cue, cstart, relay[0], "named", relay[1])
                    candidates.append(previous)
                continue
            parsed = self._parse_subject(cstart, cue)
            if parsed is None:
                continue
            status, speaker = parsed
            if status == "negated":
                # 但他并未具体介绍…: no claim, but the clause ends the one before
                candidates.append(Candidate(cue, cstart, None, "negated"))
                continue
            if cue.role in ("opinion", "desire") and not self._attitude_is_claim(cue, status, speaker, previous):
                continue
            previous = Candidate(cue, cstart, speaker, status)
            candidates.append(previous)
        for k, cand in enumerate(candidates):
            if cand.status == "negated":
                continue
            limit = candidates[k + 1].clause_start if k + 1 < len(candidates) else se
            limit = max(limit, cand.cue.end)
            speaker = cand.speaker
            if speaker is None:
                speaker = self._elided_speaker(ss, cand.cue.start)
                if speaker is None:
                    continue
            self._emit_cue_claims(cand, speaker, limit, ss, se)

    def _in_time_frame(self, ss: int, cue: Cue, following: list[Cue], se: int) -> bool:
        lead = self.text[self._clause_start(ss, cue.start) : cue.start]
        if not TIME_FRAME_OPEN.search(lead):
            return False
        limit = following[0].start if following else se
        end = cue.end
        while end < limit and self.text[end] not in CLAUSE_DELIMS and self.text[end] not in SENTENCE_END:
            end += 1
        return bool(TIME_FRAME_CLOSE.search(self.text, cue.end, end))

    def _is_subject_word(self, ss: int, cue: Cue) -> bool:
        """报道又引述…: a cue word standing as the clause's subject (a media anaphor)."""
        if cue.text not in self.lex.pronouns:
            return False
        lead = self.text[self._clause_start(ss, cue.start) : cue.start].strip()
        return lead == "" or lead in self.lex.clause_openers

    def _attitude_is_claim(self, cue: Cue, status: str, speaker: Speaker | None, previous: Candidate | None) -> bool:
        """认为/希望 are claims only as the main verb of their own source, not inside
        someone's reported content (普京称…，俄罗斯希望… / …，希望…).

        previous: the sentence's last candidate before this cue that is not negated."""
        if previous is None:
            return status == "named"
        if cue.role == "desire":
            return False
        prev = previous.speaker
        if status == "elided":
            return True
        return speaker is not None and prev is not None and speaker.id == prev.id

    def _source_after(self, cue: Cue, se: int) -> tuple[Speaker, int] | None:
        """援引克里姆林宫消息，X: the source named after a quote_source word, and where X starts.

        The source ends at a delimiter at most CLAUSE_WINDOW characters on (no source is
        longer), so a run of 援引 without punctuation costs linear time."""
        end = cue.end
        stop = min(se, cue.end + CLAUSE_WINDOW)
        while end < stop and self.text[end] not in "，,；;：:。":
            end += 1
        if end >= stop:
            return None
        phrase_end = self._strip_source_tail(cue.end, end)
        speaker = self._speaker_from_phrase(cue.end, phrase_end, cue)
        if speaker is None:
            return None
        return speaker, end + 1

    def _strip_source_tail(self, s: int, e: int) -> int:
        text = self.text[s:e].rstrip()
        e = s + len(text)
        for tail in sorted(self.lex.source_tails, key=len, reverse=True):
            if text.endswith(tail) and len(text) > len(tail):
                return e - len(tail)
        return e

    def _clause_boundaries(self) -> list[int]:
        """Positions where a clause starts: after a delimiter, a sentence end, a line
        break or a closing quotation mark, outside quotes and brackets. One pass."""
        text = self.text
        bounds: list[int] = []
        depth = 0
        opened = -1
        # only brackets, delimiters, line breaks and closing quotation marks matter
        marks = sorted({m.start() for m in CLAUSE_MARK.finditer(text)}.union(self.quote_at_close))
        for i in marks:
            if depth and i - opened > CLAUSE_WINDOW:
                depth = 0  # an unclosed bracket does not hide the rest of the paragraph
            ch = text[i]
            if ch in OPEN_PARENS:
                if depth == 0:
                    opened = i
                depth += 1
            elif ch in CLOSE_PARENS:
                depth = max(depth - 1, 0)
            elif ch == "\n":
                depth = 0
                bounds.append(i + 1)
            if depth == 0 and not self.inside[i]:
                if ch in CLAUSE_DELIMS or ch in SENTENCE_END or i in self.quote_at_close:
                    bounds.append(i + 1)
        return bounds

    def _clause_start(self, ss: int, pos: int) -> int:
        """Just after the last clause boundary before pos, within the sentence and at
        most CLAUSE_WINDOW characters back (no subject is longer)."""
        floor = max(ss, pos - CLAUSE_WINDOW)
        k = bisect_right(self.clause_bounds, pos) - 1
        if k >= 0 and self.clause_bounds[k] >= floor:
            return self.clause_bounds[k]
        return floor

    def _cue_is_predicate(self, cue: Cue, prefix: str) -> bool:
        p = prefix.rstrip()
        if any(p.endswith(b) for b in self.lex.cue_blockers_before):
            return False
        after = self.text[cue.end : cue.end + 4]
        if any(after.startswith(b) for b in self.lex.cue_blockers_after):
            return False
        return True

    def _content_start(self, pos: int) -> int:
        n = len(self.text)
        while pos < n and self.text[pos] in SPACE:
            pos += 1
        if pos < n and self.text[pos] in "：:，,":
            pos += 1
        while pos < n and self.text[pos] in SPACE:
            pos += 1
        return pos

    def _emit_cue_claims(self, cand: Candidate, speaker: Speaker, limit: int, ss: int, se: int) -> None:
        cue, cstart = cand.cue, cand.clause_start
        rule = self._cue_rule(cue)
        target = self._addressee(cstart, cue.start)
        start = cand.content_start if cand.content_start is not None else self._content_start(cue.end)
        # content right after the cue is a quotation: a direct claim
        q = self.quote_at_open.get(start)
        if q is not None:
            self._add(q.start, q.end, "direct", speaker, cue, target, rule=rule("cue_quote"))
            rest = self._content_start(q.end + 1)
            if rest < limit and rest in self.quote_at_open:
                q2 = self.quote_at_open[rest]
                self._add(q2.start, q2.end, "direct", speaker, cue, target, rule=rule("cue_second_quote"))
            return
        if cue.text in self.lex.addressee_cues:
            start, addressee = self._skip_addressee(start, limit)
            target = target or addressee
        end = self._clause_group_end(start, limit)
        if cue.role in ("opinion", "desire") and len(self.text[start:end].strip(TRIM)) < 4:
            return  # 对峰会期望降温: an attitude noun, not a view
        if end <= start or self._only_punct(start, end):
            self._content_elsewhere(cand, speaker, target, ss, se)
            return
        if self._is_adverbial(cstart, cue, start, end):
            return
        # an indirect lead-in followed by a quotation gives two claims
        split = self._quote_clause_in(start, end)
        if split is not None:
            self._add(start, split - 1, "indirect", speaker, cue, target, rule=rule("lead_in_and_quote"))
            q = self.quote_at_open[split - 1]
            self._add(q.start, q.end, "direct", speaker, cue, target, rule=rule("lead_in_and_quote"))
            tail = self._content_start(q.end + 1)
            if tail < end and tail in self.quote_at_open:
                q2 = self.quote_at_open[tail]
                self._add(q2.start, q2.end, "direct", speaker, cue, target, rule=rule("lead_in_and_quote"))
            return
        self._add(start, end, "indirect", speaker, cue, target, rule=rule("reported_cue"))

    def _content_elsewhere(self, cand: Candidate, speaker: Speaker, target: str, ss: int, se: int) -> None:
        """A cue with nothing after it in its sentence: 普京说：⏎「…」 takes the next
        paragraph; “X。”他这样说 / X，韦进深表示。 take what stands before."""
        cue, cstart = cand.cue, cand.clause_start
        rule = self._cue_rule(cue)
        after = self.text[cue.end : cue.end + 3].lstrip(" \t\u3000")
        if after[:1] in ("：", ":"):
            nxt = self._next_paragraph(cue.end)
            if nxt is not None:
                ps, pe = nxt
                q = self.quote_at_open.get(ps)
                if q is not None and self._only_punct(q.end + 1, pe):
                    self._add(q.start, q.end, "direct", speaker, cue, target, rule=rule("colon_next_paragraph"))
                else:
                    self._add(ps, pe, "indirect", speaker, cue, target, rule=rule("colon_next_paragraph"))
            return
        if not self._only_punct(cue.end, se):
            return
        rest = self.text[speaker.end if speaker.end > cstart else cstart : cue.start]
        if self.lex.back_reference.search(rest) and cstart == ss:
            prev = self._previous_sentence(ss)
            if prev is not None:
                q = self.quote_at_close.get(prev[1] - 1)
                if q is not None:
                    self._add(q.start, q.end, "direct", speaker, cue, target, rule=rule("back_reference"))
                else:
                    self._add(prev[0], prev[1], "indirect", speaker, cue, target, rule=rule("back_reference"))
            return
        if cstart <= ss:
            return
        before_end = cstart - 1
        q = self.quote_at_close.get(before_end - 1) or self.quote_at_close.get(before_end)
        if q is not None:
            self._add(q.start, q.end, "direct", speaker, cue, target, rule=rule("content_before_cue"))
            return
        before = self.text[ss:before_end].strip()
        if len(PARENTHETICAL.sub("", rest).strip()) > 4 or before.startswith(("在", "当", "于", "对于", "关于", "随着", "就")):
            return  # 在…问题上，蓬佩奥发出警告: a fronted phrase is not what was said
        if any(before.endswith(w) for w in self.lex.adverbial_clause_endings + ("上", "中", "后")):
            return
        self._add(ss, before_end, "indirect", speaker, cue, target, rule=rule("content_before_cue"))

    @staticmethod
    def _cue_rule(cue: Cue):
        """Rule names of cue-led claims; a relayed source (援引X消息，…) is its own construction."""
        if cue.role == "quote_source":
            return lambda name: "relay_source"
        return lambda name: name

    def _next_paragraph(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.paragraph_starts, pos)
        if i < len(self.paragraphs):
            ps, pe = self.paragraphs[i]
            if self.text[pos:ps].strip(" \t\u3000\n：:") == "":
                return ps, pe
        return None

    def _previous_sentence(self, ss: int) -> tuple[int, int] | None:
        i = bisect_left(self.sentence_starts, ss) - 1
        prev = self.sentences[i] if i >= 0 and self.sentences[i][1] <= ss else None
        if prev is None or "\n\n" in self.text[prev[1] : ss]:
            return None
        return prev

    def _skip_addressee(self, start: int, limit: int) -> tuple[int, str]:
        """告诉第一财经记者，X: the short first clause is who was told; X is the content."""
        k = start
        while k < limit and k - start <= 16 and self.text[k] not in "，,：:；;。":
            k += 1
        if k < limit and k - start <= 16 and self.text[k] in "，,：:":
            told = [m.entity for m in self.mentions_in(start, k) if m.kind != "pronoun" and m.entity]
            return k + 1, (told[0] if told else "")
        return start, ""

    def _addressee(self, cstart: int, cue_start: int) -> str:
        """向普京表示 / 对记者称: the entity right after the preposition is the target."""
        for m in self.mentions_in(cstart, cue_start):
            if m.kind != "pronoun" and m.entity and m.start > 0 and self.text[m.start - 1] in "向对跟同给":
                return m.entity
        return ""

    def _is_adverbial(self, cstart: int, cue: Cue, start: int, end: int) -> bool:
        """(在)回应…的指控时，称…: a cue whose first content clause closes a time
        adverbial (…时, …之际) is no speech act; the main verb comes after."""
        first = start
        while first < end and self.text[first] not in "，,；;。":
            first += 1
        clause = self.text[start:first].rstrip()
        if not any(clause.endswith(w) for w in self.lex.adverbial_clause_endings):
            return False
        lead = self.text[cstart : cue.start].lstrip()
        if lead.startswith(("在", "当", "于")):
            return True
        # without 在/当: only when the next clause opens with the main cue (…指控时，称…)
        nxt = first + 1
        return clause.endswith("时") and any(c.start <= nxt + 2 for c in self.cues_in(nxt, nxt + 3))

    def _clause_group_end(self, start: int, limit: int) -> int:
        end = limit
        # the content never runs past a paragraph break
        nl = self.text.find("\n", start, end)
        if nl >= 0:
            end = nl
        return end

    def _quote_clause_in(self, start: int, end: int) -> int | None:
        """Position just inside a quotation that opens a later clause of [start, end)."""
        for i in range(start + 1, end):
            if self.inside[i - 1] if i - 1 >= 0 else False:
                continue
            if self.text[i - 1] in "，,；;" and i in self.quote_at_open:
                q = self.quote_at_open[i]
                if q.end >= end - 2 or self._only_punct(q.end + 1, end):
                    return i + 1
        return None

    def _only_punct(self, a: int, b: int) -> bool:
        # all(ch in TRIM or ch in "”」』’\"" for ch in self.text[a:b]), without copying a span
        # that may run to the end of the document (a >= 0 at every call)
        return NOT_PUNCT.search(self.text, a, b) is None

    # -- quotes with the attribution after them: “X，”普京说。

    def _quotes_with_attribution_after(self) -> None:
        last_attribution: tuple[int, Speaker, Cue] | None = None
        n = len(self.text)
        next_stop = (n + 1, n)  # (searched from, first clause end at or after it); quotes come in text order
        for q in self.quotes:
            if q.end - q.start < 2:
                continue
            taken_already = self.taken(q.start, q.end)
            if last_attribution is not None and not taken_already:
                # “X，”蓬佩奥说。“Y。” — the next quotation continues the same speaker
                attr_end, speaker, cue = last_attribution
                if (
                    attr_end <= q.start - 1
                    and self._only_punct(attr_end, q.start - 1)
                    and self.text.find("\n", attr_end, q.start) < 0
                ):
                    self._add(q.start, q.end, "direct", speaker, cue, rule="bare_quote_followup")
                    continue
            pos = q.end + 1
            while pos < len(self.text) and self.text[pos] in "，,。 \u3000":
                pos += 1
            if not (next_stop[0] <= pos <= next_stop[1]):
                m = CLAUSE_END_AFTER_QUOTE.search(self.text, pos)
                next_stop = (pos, m.start() if m else n)
            clause_end = next_stop[1]
            cue = self._cue_at_clause_end(pos, clause_end)
            if cue is None:
                if not taken_already:
                    self._quote_after_colon(q)
                continue
            parsed = self._parse_subject(pos, cue)
            if parsed is None or parsed[0] == "negated":
                continue
            speaker = parsed[1] or self._elided_speaker(pos, cue.start)
            if speaker is None:
                continue
            if not taken_already:
                self._add(q.start, q.end, "direct", speaker, cue, rule="quote_then_attribution")
            last_attribution = (clause_end, speaker, cue)

    def _transcript_turns(self) -> None:
        """发言人扎哈罗娃：… — a paragraph opening with a named source and a colon is
        that source's turn (a direct claim with no cue)."""
        for ps, pe in self.paragraphs:
            s = ps
            while s < pe and self.text[s] in " \t\u3000":
                s += 1
            colon = s
            limit = min(pe, s + self.cfg.max_speaker_chars // 2)
            while colon < limit and self.text[colon] not in "：:，,。“「\"":
                colon += 1
            if colon >= limit or self.text[colon] not in "：:" or colon == s:
                continue
            start = colon + 1
            if pe - start < 6 or self.text[start] in self.lex.quote_pairs or self.taken(start, pe):
                continue
            head = self.text[s:colon]
            if any(w in head for w, role in self.lex.cues.items() if role == "question"):
                continue
            if not any(m.kind != "pronoun" for m in self.mentions_in(s, colon)) and not any(
                t in head for t in self.lex.titles
            ):
                continue
            speaker = self._speaker_from_phrase(s, colon, Cue(colon, colon, "", "speech", False))
            if speaker is not None:
                self._add(start, pe, "direct", speaker, Cue(colon, colon, "", "transcript", False), rule="transcript_turn")

    def _cue_at_clause_end(self, start: int, end: int) -> Cue | None:
        # end - start <= max_speaker_chars + len(cue.text) means the cue starts within
        # max_speaker_chars of start: later cues are not looked at (the clause may be long)
        for cue in self.cues_in(start, min(end, start + self.cfg.max_speaker_chars + 1)):
            if cue.end <= end and not cue.in_quote and cue.role != "question":
                if end - start <= self.cfg.max_speaker_chars + len(cue.text) and self._only_punct(cue.end, end):
                    return cue
        return None

    def _quote_after_colon(self, q: Quote) -> None:
        """普京丢下一句：「X」 — a colon-introduced quotation whose clause has a named subject."""
        colon = q.start - 2
        if colon < 0 or self.text[colon] not in "：:":
            return
        if q.end - q.start < self.cfg.min_bare_quote_chars // 2:
            return
        cstart = colon
        while cstart > 0 and self.text[cstart - 1] not in "，,。；;！？!?\n" and not self.inside[cstart - 1]:
            cstart -= 1
        clause = self.text[cstart:colon]
        if any(self.lex.cues.get(w) == "question" for w in self.lex.cues if w in clause):
            return
        fake = Cue(colon, colon, "", "speech", False)
        parsed = self._parse_subject(cstart, fake)
        if parsed is None or parsed[1] is None or parsed[0] != "named":
            return
        speaker = parsed[1]
        cue_text = self.text[speaker.end : colon].strip() if speaker.end > 0 else ""
        if len(cue_text) > 8:
            return
        self._add(q.start, q.end, "direct", speaker, Cue(speaker.end, colon, cue_text, "speech", False), rule="quote_colon")

    # -- subjects and speakers

    def _parse_subject(self, cstart: int, cue: Cue) -> tuple[str, Speaker | None] | None:
        """Read the clause before a cue as [openers][据][SUBJECT][adverbials] cue.

        Returns ("named", speaker), ("elided", None) when the clause has no
        subject, or None when the clause is not a speech predicate (narration).
        """
        s = cstart
        e = cue.start
        text = self.text
        while s < e and text[s] in " \t\u3000":
            s += 1
        changed = True
        while changed and s < e:
            changed = False
            for w in self.a._openers:
                if text.startswith(w, s) and not self._mention_starting_at(s):
                    s += len(w)
                    changed = True
                    break
        sourced = False
        for w in self.a._source_openers:
            if text.startswith(w, s):
                s += len(w)
                sourced = True
                break
        if sourced and not text[s:e].strip():
            return None  # 据报道 / 据称: reported, but by no one named
        if cue.text in ("看来",) and text.startswith("在", s):
            s += 1
        # relay: 据塔斯社引述佩斯科夫报道 -> 佩斯科夫
        for w in self.lex.relay_words:
            k = text.find(w, s, e)
            if k >= 0 and not self._in_mention(k):
                s = k + len(w)
        if s >= e:
            return ("elided", None)
        if text.startswith(self.lex.preposition_leads, s):
            late = self._late_subject(s, e)
            if late is not None:
                s = late
        end = self._subject_end(s, e)
        phrase = text[s:end]
        if not phrase.strip():
            return ("elided", None)
        rest = text[end:e]
        if len(phrase) > self.cfg.max_speaker_chars:
            return None
        speaker = self._speaker_from_phrase(s, end, cue)
        if speaker is None:
            return None
        if self.lex.negation.search(PARENTHETICAL.sub("", rest)):
            return ("negated", speaker)
        if self._rest_has_verb(rest):
            return None
        return ("named", speaker)

    def _late_subject(self, s: int, e: int) -> int | None:
        """在前几日俄罗斯已经公开要求: a subject after a fronted time or place phrase.

        The last name or pronoun before the cue that is not a preposition's object
        and is followed only by adverbials; returns where its phrase starts."""
        inside = [m for m in self.mentions_in(s + 1, e) if m.end <= e]
        for m in reversed(inside):
            if self.text[m.start - 1] in "向对跟同给与和及":
                continue
            after = self.text[m.end : e]
            if after and not after.startswith(self.a._stops) and len(after) > 2:
                continue
            start = m.start
            for prev in reversed([x for x in inside if x.end <= start]):
                if prev.end == start and prev.kind != "pronoun":
                    start = prev.start  # 俄罗斯总统普京: the titles belong to the name
            return start
        return None

    def _mention_starting_at(self, pos: int) -> Mention | None:
        return self.mention_at.get(pos)

    def _in_mention(self, pos: int) -> bool:
        return bool(self.in_mention[pos])

    def _subject_end(self, s: int, e: int) -> int:
        """The subject ends at the first adverbial or preposition (not inside a name)."""
        text = self.text
        i = s
        depth = 0
        while i < e:
            ch = text[i]
            if ch in OPEN_PARENS:
                depth += 1
            elif ch in CLOSE_PARENS:
                depth = max(depth - 1, 0)
            elif depth == 0 and i > s:
                m = self._mention_starting_at(i)
                if m is not None and m.kind != "pronoun":
                    i = m.end
                    continue
                if ch.isdigit() or self.lex.subject_stop_pattern.match(text, i):
                    return i
                if text.startswith(self.a._stops, i):
                    return i
            elif depth == 0 and i == s:
                m = self._mention_starting_at(i)
                if m is not None:
                    i = m.end
                    continue
                if text.startswith(self.lex.preposition_leads, i):
                    return s  # 向普京表示: a prepositional phrase, the subject is elided
            i += 1
        return e

    def _rest_has_verb(self, rest: str) -> bool:
        """Text between subject and cue: adverbials are fine; a negation (并未具体介绍),
        another predicate, or a long embedded clause is not a speech act."""
        rest = PARENTHETICAL.sub("", rest).strip()
        if not rest:
            return False
        if len(rest) > 24:
            return True  # …以及一些他认为合适的人: the cue sits in an embedded clause
        return any(v in rest for v in self.lex.embedded_clause_words) and len(rest) > 12

    def _speaker_from_phrase(self, s: int, e: int, cue: Cue) -> Speaker | None:
        text = self.text
        phrase = text[s:e]
        # English glosses in brackets do not belong to the mention
        clean = LATIN_GLOSS.sub(lambda m: " " * len(m.group()), phrase)
        # trailing time words: 普京14日 -> 普京
        core = clean.rstrip()
        m = TIME_TAIL.search(core)
        if m and m.start() > 0:
            core = core[: m.start()]
        core_end = self._strip_source_tail(s, s + len(core.rstrip()))
        mention_text = text[s:core_end].strip()
        mention_text = LATIN_GLOSS.sub("", mention_text).strip()
        if not mention_text:
            return None
        mentions = [m for m in self.mentions_in(s, core_end) if m.end <= core_end]
        if mentions and mentions[0].kind == "pronoun" and mentions[0].start == s:
            return self._resolve_pronoun(mentions[0], s, core_end, mention_text)
        # 塔斯社和美联社等外媒 -> 外媒
        if "等" in mention_text:
            tail = mention_text.rsplit("等", 1)[1]
            if len(tail) >= 2:
                return self._speaker_from_tail(tail, s, core_end, mention_text)
        parts = self._coordinated_parts(mentions, s, core_end)
        heads = [h for h in (self._head_of(ps, pe, part_mentions) for ps, pe, part_mentions in parts) if h]
        if len(parts) > 1 and len(heads) == len(parts):
            countries = {self._country(h) for h in heads}
            jointly = any(text.startswith(w, core_end) or w in text[core_end : cue.start] for w in self.lex.jointly_markers)
            all_people = all(self._type(h) == "person" for h in heads)
            if len(countries) > 1 and (jointly or all_people):
                return Speaker(self.lex.joint_id, mention_text, s, core_end, "joint", "group", "joint_speakers")
            return Speaker(heads[0], mention_text, s, core_end, "name", self._type(heads[0]), "coordinated_first")
        if heads and len(heads) == len(parts):
            head = heads[0]
            kind = "role" if any(m.kind == "role" and m.end == core_end for m in mentions) else "name"
            rule = "role_by_date" if kind == "role" else "registry_name"
            return Speaker(head, mention_text, s, core_end, kind, self._type(head), rule)
        return self._unlisted_speaker(mention_text, s, core_end)

    def _speaker_from_tail(self, tail: str, s: int, e: int, mention_text: str) -> Speaker | None:
        ent = self.lex.aliases.get(tail)
        if ent:
            return Speaker(ent, mention_text, s, e, "name", self._type(ent), "list_tail_name")
        return Speaker(tail, mention_text, s, e, "source", "source", "list_tail_source")

    def _coordinated_parts(self, mentions: list[Mention], s: int, e: int) -> list[tuple[int, int, list[Mention]]]:
        """Split 'A与B' where both sides hold a registry name; otherwise one part."""
        names = [m for m in mentions if m.kind != "pronoun"]
        cuts = []
        for left, right in itertools.pairwise(names):
            between = self.text[left.end : right.start]
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
        tail = INVISIBLE.sub("", self.text[last.end : e]).strip().strip("《》「」“”\"'")
        if tail == "" or tail in self.lex.head_tails:
            return last.entity
        return None

    def _type(self, entity_id: str) -> str:
        ent = self.lex.entities.get(entity_id)
        return ent.type if ent else "unknown"

    def _country(self, entity_id: str) -> str:
        ent = self.lex.entities.get(entity_id)
        return ent.country if ent else entity_id

    def _unlisted_speaker(self, mention_text: str, s: int, e: int) -> Speaker | None:
        """A source not in the registry: 'title + name' gives the name; otherwise the
        description itself (simplified, quantifiers and relative clauses stripped)."""
        phrase = mention_text.replace("《", "").replace("》", "").strip()
        for q in sorted(self.lex.quantifiers, key=len, reverse=True):
            if phrase.startswith(q) and len(phrase) > len(q) + 1:
                phrase = phrase[len(q) :]
                break
        if "的" in phrase:
            tail = phrase.rsplit("的", 1)[1]
            if len(tail) >= 2:
                phrase = tail
        if not HAN.search(phrase) and not re.search(r"[A-Za-z]{2,}", phrase):
            return None
        # title + name: 兰州大学…副教授韦进深 -> 韦进深
        # the title that ends last is the one the name follows (美国总统特使韦进深 -> 特使)
        ends = [(k + len(t), len(t)) for t in self.a._titles if (k := phrase.rfind(t)) >= 0]
        if ends:
            end = max(ends)[0]
            name = phrase[end:]
            if 2 <= len(name) <= 6 and HAN.search(name) and not any(name.endswith(h) for h in self.lex.source_heads):
                return Speaker(name, mention_text, s, e, "title", "person", "title_unlisted_name")
            if name == "":
                return Speaker(phrase, mention_text, s, e, "title", "source", "title_only")
        if any(phrase.endswith(h) for h in self.lex.source_heads):
            return Speaker(phrase, mention_text, s, e, "source", "source", "anonymous_source")
        if self._looks_like_name(phrase):
            return Speaker(phrase, mention_text, s, e, "name", "person", "unlisted_name")
        return None

    def _looks_like_name(self, phrase: str) -> bool:
        """An unlisted person's name: a surname + 1-2 characters, a transliteration
        (mostly characters used to spell foreign names), a dotted or Latin name."""
        if any(c in phrase for c in NAME_DOT):
            return 2 <= len(phrase) <= 20
        if re.fullmatch(r"[A-Z][A-Za-z.\- ]{1,30}", phrase):
            return True
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", phrase):
            return False
        if len(phrase) <= 3 and phrase[0] in self.lex.surnames:
            return True
        if 3 <= len(phrase) <= 5 and (phrase[:2] in self.lex.surnames or phrase[:3] in self.lex.surnames):
            return True  # double and Japanese family names: 欧阳修, 岸田文雄, 小泉进次郎
        share = sum(c in self.lex.transliteration_chars for c in phrase) / len(phrase)
        return len(phrase) >= 3 and share >= self.lex.min_transliteration_share

    # -- context: pronouns and elided subjects

    def _resolve_pronoun(self, m: Mention, s: int, e: int, mention_text: str) -> Speaker | None:
        kind = m.pronoun
        if kind == "joint":
            return Speaker(self.lex.joint_id, mention_text, s, e, "joint", "group", "joint_pronoun")
        if kind == "media":
            prev = self._last_speaker(s, want_types=("media",))
            if prev is None:
                return None
            return Speaker(prev.id, mention_text, s, e, "pronoun", "media", "media_anaphor")
        if kind in ("former", "latter"):
            persons = self._persons_before(s, limit_sentences=2)
            if len(persons) >= 2:
                a, b = persons[-2], persons[-1]
                pick = a if kind == "former" else b
                return Speaker(pick, mention_text, s, e, "pronoun", self._type(pick), "pronoun_former_latter")
            return None
        if kind == "other":
            current = self._last_speaker(s)
            for ent in reversed(self._persons_before(s, limit_sentences=6)):
                if current is None or ent != current.id:
                    return Speaker(ent, mention_text, s, e, "pronoun", "person", "pronoun_other_person")
            return None
        # he / she / it
        asked = self._person_asked(s)
        if asked is not None:
            return Speaker(asked, mention_text, s, e, "pronoun", "person", "pronoun_asked_person")
        subject = self._sentence_subject(s)
        if subject is not None:
            return Speaker(subject, mention_text, s, e, "pronoun", self._type(subject), "pronoun_sentence_subject")
        prev = self._last_speaker(s, want_types=("person", "unknown"))
        if prev is not None:
            return Speaker(prev.id, mention_text, s, e, "pronoun", prev.entity_type, "pronoun_previous_claim")
        persons = self._persons_before(s, limit_sentences=3)
        if persons:
            return Speaker(persons[-1], mention_text, s, e, "pronoun", "person", "pronoun_recent_person")
        return None

    def _person_asked(self, pos: int) -> str | None:
        """记者问拜登…，他回应指…: after a question the pronoun is the person asked."""
        ss = self._sentence_start(pos)
        # only the sentence's first question counts: the mentions after a later one are among
        # those after the first. Indexed, so a long sentence of questions and pronouns stays linear.
        k = bisect_left(self.question_starts, ss)
        if k == len(self.question_starts) or self.question_starts[k] >= pos:
            return None
        j = bisect_left(self.person_starts, self.question_cues[k].end)
        if j < len(self.person_starts) and self.person_starts[j] < pos:
            return self.person_mentions[j].entity
        return None

    def _sentence_subject(self, pos: int) -> str | None:
        """A person named at the start of the current sentence, before pos (拜登…，他表示)."""
        ss = self._sentence_start(pos)
        i = bisect_left(self.mention_starts, ss)
        first = self.mentions[i : i + 1] if i < len(self.mentions) and self.mentions[i].start < pos else []
        for m in first:
            if m.kind != "pronoun" and m.entity and self._type(m.entity) == "person":
                if len(self.text[ss : m.start].strip()) <= 2:
                    return m.entity
        return None

    def _sentence_start(self, pos: int) -> int:
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i][0]
        return max(0, pos - 200)

    def _persons_before(self, pos: int, limit_sentences: int) -> list[str]:
        i = bisect_left(self.sentence_starts, pos)
        floor = self.sentence_starts[max(0, i - limit_sentences)] if i else pos
        floor = max(floor, pos - CLAUSE_WINDOW * limit_sentences)
        out: list[str] = []
        for m in self.mentions_in(floor, pos):
            if m.kind != "pronoun" and m.entity and self._type(m.entity) == "person":
                if not out or out[-1] != m.entity:
                    if m.entity in out:
                        out.remove(m.entity)
                    out.append(m.entity)
        return out

    def _last_speaker(self, pos: int, want_types: tuple[str, ...] | None = None) -> Speaker | None:
        for c in self.recent_claims(pos):
            if pos - c.speaker.end > self.cfg.context_chars:
                break
            if c.speaker.id == self.lex.joint_id:
                continue
            if want_types is None or c.speaker.entity_type in want_types:
                return c.speaker
        return None

    def recent_claims(self, pos: int) -> Iterator[Claim]:
        """Claims whose cue comes before pos, nearest first."""
        for k in range(bisect_left(self.claim_cue_starts, pos) - 1, -1, -1):
            yield self.claims_by_cue[k]

    def _elided_speaker(self, ss: int, pos: int) -> Speaker | None:
        """No subject before the cue: the speaker of the claim before it in this
        sentence, else the subject of the nearest earlier clause (迈凯恩就表达了
        反对之声，称…), else a claim just before (拜登表示…。认为…)."""
        sent_start = self._sentence_start(pos)
        before = next(self.recent_claims(pos), None)
        if before is not None and before.cue_start >= sent_start:
            sp = before.speaker
            return Speaker(sp.id, sp.mention, sp.start, sp.end, "context", sp.entity_type, "elided_subject")
        sp = self._earlier_clause_subject(sent_start, pos)
        if sp is not None:
            return sp
        if before is not None and pos - before.cue_start <= self.cfg.context_chars // 3:
            sp = before.speaker
            return Speaker(sp.id, sp.mention, sp.start, sp.end, "context", sp.entity_type, "elided_recent_claim")
        return None

    def _earlier_clause_subject(self, sent_start: int, pos: int) -> Speaker | None:
        sent_start = max(sent_start, pos - 2 * CLAUSE_WINDOW)
        bounds = [sent_start]
        for i in range(sent_start, pos):
            if self.text[i] in CLAUSE_DELIMS and not self.inside[i]:
                bounds.append(i + 1)
        for cs in reversed(bounds[:-1] if len(bounds) > 1 else []):
            ce = next((b - 1 for b in bounds if b > cs), pos)
            sp = self._clause_subject(cs, ce)
            if sp is not None:
                return sp
        return None

    def _clause_subject(self, cs: int, ce: int) -> Speaker | None:
        """The subject a clause opens with: a name (with its titles) or a pronoun."""
        s = cs
        while s < ce and self.text[s] in " \t\u3000":
            s += 1
        for w in self.a._openers:
            if self.text.startswith(w, s) and not self._mention_starting_at(s):
                s += len(w)
                break
        while s < ce and self.text[s] in "《「“\"":
            s += 1
        end = self._subject_end(s, ce)
        if end < ce:  # 美国国会参议院…人物迈凯恩就表达了…: the phrase up to the adverbial
            sp = self._speaker_from_phrase(s, end, Cue(end, end, "", "speech", False))
            if sp is not None and (sp.entity_type != "unknown" or sp.resolution in ("title", "name")):
                sp.resolution = "context"
                sp.rule = "earlier_clause_subject"
                return sp
        m = self._mention_starting_at(s)
        if m is None:
            return None
        if m.kind == "pronoun":
            sp = self._resolve_pronoun(m, m.start, m.end, m.text)
        else:
            end = m.end
            nxt = self._mention_starting_at(end)
            while nxt is not None and nxt.kind != "pronoun":
                m, end = nxt, nxt.end  # 美国总统特朗普: the chain ends with the name
                nxt = self._mention_starting_at(end)
            if not m.entity:
                return None
            sp = Speaker(m.entity, self.text[s:end], s, end, "context", self._type(m.entity), "earlier_clause_subject")
        if sp is not None:
            sp.resolution = "context"
            sp.rule = "earlier_clause_subject"
        return sp

    # -- output

    def _add(
        self, start: int, end: int, kind: str, speaker: Speaker, cue: Cue, target: str = "", *, rule: str
    ) -> None:
        if not rule or not speaker.rule:
            raise ValueError(f"claim at {start}-{end} without provenance ({rule!r}, {speaker.rule!r})")
        start, end = _trim(self.text, start, end)
        if end - start < 2 or TIME_ONLY.fullmatch(self.text[start:end]):
            return
        target = target or self._target(start, end, speaker)
        conf = {"name": 0.9, "role": 0.85, "title": 0.85, "source": 0.8, "joint": 0.8, "pronoun": 0.75, "context": 0.7}.get(
            speaker.resolution, 0.7
        )
        if kind == "direct":
            conf = min(conf + 0.05, 0.99)
        claim = Claim(start, end, kind, speaker, cue.text, cue.role, cue.start, target, conf, rule)
        self.claims.append(claim)
        k = bisect_right(self.claim_cue_starts, cue.start)
        self.claim_cue_starts.insert(k, cue.start)
        self.claims_by_cue.insert(k, claim)
        self.claimed[start:end] = b"\x01" * (end - start)

    def _target(self, start: int, end: int, speaker: Speaker) -> str:
        for m in self.mentions_in(start, end):
            if m.kind != "pronoun" and m.entity and m.entity != speaker.id:
                return m.entity
        return ""


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Claims sorted by (start, end) -> no two overlapping: where spans overlap, the
    one that starts first (the shorter, on equal starts) is kept."""
    out: list[Claim] = []
    for c in claims:
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out
