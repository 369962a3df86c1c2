"""Stage 3: jieba segmentation inside spaCy, with a user dictionary from models/.

spaCy's Chinese tokenizer calls the jieba module, so the words of models/
(speaker names, roles, titles, cue verbs) are added to jieba's dictionary once
per process: 拉夫罗夫 and 乌沙科夫 then stay one token. Segmentation runs on
the Simplified body text (non-body zones blanked), which jieba segments faster
and better than Traditional text, and which has the original's length.

With the HMM off (the default), segmentation is :func:`cut_no_hmm`: jieba's own
algorithm and dictionary, in one pass per text block instead of jieba's three
generators and its log() per candidate word. Its output equals
``jieba.lcut(text, HMM=False)`` (tested on the corpus and on generated text) at
about twice the speed; jieba's share of a run was the largest single cost.
"""

from __future__ import annotations

import logging
import marshal
from collections.abc import Iterable
from functools import lru_cache
from math import log

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from pipeline.attribution import TEXT_KEY
from pipeline.config import Config
from pipeline.lexicons import Lexicons, load_lexicons

jieba.setLogLevel(logging.WARNING)


class _WholeFileMarshal:
    """jieba loads its 9 MB dictionary cache with ``marshal.load(file)``, which reads
    the file in one small read per object (1.4 s here); ``marshal.loads`` over the
    whole file gives the same dictionary in 0.3 s. Handed to jieba as its marshal."""

    dump = staticmethod(marshal.dump)
    dumps = staticmethod(marshal.dumps)
    loads = staticmethod(marshal.loads)

    @staticmethod
    def load(file):
        return marshal.loads(file.read())


jieba.marshal = _WholeFileMarshal  # type: ignore[attr-defined]
_loaded_user_words: set[str] = set()


def add_user_words(lex: Lexicons) -> None:
    """Idempotent: jieba's dictionary is global to the process.

    Each word gets the frequency jieba itself suggests (``add_word`` without a
    frequency): just enough to keep it whole, so a short name like 明报 does not
    override ordinary words around it (说明报告 stays 说明/报告).
    """
    for word in lex.user_words():
        if word not in _loaded_user_words:
            jieba.add_word(word)
            _loaded_user_words.add(word)
    for word in lex.glued_cue_words():
        if jieba.dt.FREQ.get(word):  # check_initialized has run: add_word above loads the dictionary
            jieba.del_word(word)


class JiebaTokenizer:
    """spaCy's jieba segmentation with the HMM switchable.

    With the HMM off, jieba never invents words for strings missing from its
    dictionary (it would glue a one-character cue to its object: 指美, 称俄);
    such strings fall apart into characters, which the attribution rules read
    anyway. It is also about twice as fast. Tokens are aligned to the text
    exactly as spaCy's own ChineseTokenizer does (doc.text == text).
    """

    def __init__(self, vocab: Vocab, hmm: bool = False) -> None:
        self.vocab = vocab
        self.hmm = hmm

    def __call__(self, text: str) -> Doc:
        pieces = jieba.cut(text, cut_all=False, HMM=True) if self.hmm else cut_no_hmm(text)
        words, spaces = align_words(pieces, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # Doc.text would rebuild it from every token
        return doc


class _Unigrams:
    """Log probabilities of jieba's dictionary words, as jieba computes them.

    jieba scores a word ``log(freq) - log(total)``; that difference is memoised per
    frequency value (a few thousand distinct ones), so each candidate word costs one
    dictionary lookup. Rebuilt when jieba's dictionary changes (``add_word``).
    """

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self.freq: dict[str, int] = tokenizer.FREQ
        self.total = tokenizer.total
        self.log_total = log(tokenizer.total)
        self.unknown = log(1) - self.log_total  # jieba: freq or 1
        self.by_freq: dict[int, float] = {}


_unigrams: _Unigrams | None = None


def _current_unigrams(tokenizer: jieba.Tokenizer) -> _Unigrams:
    global _unigrams
    tokenizer.check_initialized()
    if _unigrams is None or _unigrams.freq is not tokenizer.FREQ or _unigrams.total != tokenizer.total:
        _unigrams = _Unigrams(tokenizer)
    return _unigrams


def cut_no_hmm(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[str]:
    """``tokenizer.lcut(text, HMM=False)`` (default: jieba's global tokenizer), computed
    faster (see the module docstring)."""
    uni = _current_unigrams(tokenizer or jieba.dt)
    words: list[str] = []
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            _cut_han_block(block, uni, words)
        else:  # whitespace runs whole, anything else one character at a time
            for piece in jieba.re_skip_default.split(block):
                if jieba.re_skip_default.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
    return words


def _cut_han_block(block: str, uni: _Unigrams, words: list[str]) -> None:
    """jieba's maximum-probability path over its word DAG, built and solved in one
    backward pass. Ties go to the longer word, as jieba's ``max((score, end))``."""
    n = len(block)
    freq_of = uni.freq.get
    by_freq = uni.by_freq
    score = [0.0] * (n + 1)  # best log probability of block[i:]
    end = list(range(1, n + 2))  # where the best first word of block[i:] ends
    for i in range(n - 1, -1, -1):
        f = freq_of(block[i])
        if f is None:  # a character jieba does not know: a word of its own
            score[i] = uni.unknown + score[i + 1]
            continue
        best: float | None = None
        j = i + 1
        while True:  # every dictionary word (freq > 0) starting at i; prefixes have freq 0
            if f:
                p = by_freq.get(f)
                if p is None:
                    p = by_freq[f] = log(f) - uni.log_total
                s = p + score[j]
                if best is None or s >= best:
                    best = s
                    end[i] = j
            j += 1
            if j > n:
                break
            f = freq_of(block[i:j])
            if f is None:
                break
        score[i] = uni.unknown + score[i + 1] if best is None else best
    # single Latin letters and digits are glued back into runs, as jieba does
    i = 0
    latin = ""
    while i < n:
        j = end[i]
        if j == i + 1 and jieba.re_eng.match(block[i]):
            latin += block[i]
        else:
            if latin:
                words.append(latin)
                latin = ""
            words.append(block[i:j])
        i = j
    if latin:
        words.append(latin)


def align_words(pieces: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``util.get_words_and_spaces`` for pieces that tile the text, in one pass.

    jieba returns consecutive pieces of the text, so each word's position is known
    and need not be searched for (spaCy's version re-scans the text for every
    word, which made building the Doc slower than segmenting). Same result: a
    single space after a word is its trailing whitespace, any other whitespace
    between words is one token.
    """
    words: list[str] = []
    spaces: list[bool] = []
    n = len(text)
    pos = 0  # where the next piece starts
    aligned = 0  # how much of the text the words and spaces cover
    for piece in pieces:
        start = pos
        pos += len(piece)
        if not piece or piece.isspace():
            continue
        if start > aligned:
            words.append(text[aligned:start])
            spaces.append(False)
        words.append(piece)
        spaces.append(False)
        aligned = pos
        if aligned < n and text[aligned] == " ":
            spaces[-1] = True
            aligned += 1
    if pos != n:
        raise ValueError("jieba's pieces do not cover the text")
    if aligned < n:
        words.append(text[aligned:])
        spaces.append(False)
    return words, spaces


@registry.tokenizers("claims.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = False):
    def tokenizer_factory(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return tokenizer_factory


def make_tokenizer_nlp(lex: Lexicons, hmm: bool = False) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "claims.jieba_tokenizer.v1", "hmm": hmm}}})
    add_user_words(lex)
    return nlp


@lru_cache(maxsize=2)
def pipeline_nlp(config: Config) -> Language:
    """Tokenizer plus the attribution components: loaded once per process."""
    lex = load_lexicons(config.models_dir)
    nlp = make_tokenizer_nlp(lex, config.segment.hmm)
    models = str(config.models_dir)
    ex = config.extract
    nlp.add_pipe("claims_quotes", config={"models_dir": models, "max_quote_chars": ex.max_quote_chars})
    nlp.add_pipe("claims_cues", config={"models_dir": models})
    nlp.add_pipe("claims_mentions", config={"models_dir": models})
    nlp.add_pipe(
        "claims_attribution",
        config={
            "models_dir": models,
            "min_bare_quote_chars": ex.min_bare_quote_chars,
            "max_speaker_chars": ex.max_speaker_chars,
            "context_chars": ex.context_chars,
        },
    )
    return nlp


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end of every non-space token."""
    starts, ends = [], []
    for t in doc:
        if not t.is_space:
            starts.append(t.idx)
            ends.append(t.idx + len(t.text))
    return starts, ends


def segment_text(nlp: Language, body_text: str) -> tuple[list[int], list[int]]:
    return token_offsets(nlp.make_doc(body_text))


def doc_from_offsets(nlp: Language, text: str, starts: list[int], ends: list[int]) -> Doc:
    """Rebuild the tokenised Doc from stored offsets; gaps become whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in zip(starts, ends, strict=True):
        if s > pos:
            words.append(text[pos:s])
            spaces.append(False)
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if sum(len(w) for w in words) != len(text):
        raise ValueError("token offsets do not cover the text")
    doc.user_data[TEXT_KEY] = text
    return doc
