"""Stage 3: jieba segmentation inside spaCy, on jieba-rs, with a user dictionary from models/.

Segmentation is jieba's algorithm (maximum-probability path over the dictionary's
word DAG, HMM off) run by jieba-rs through its Python binding ``rjieba``: about
15 times faster than jieba in Python. Its tokens are exactly those of
``jieba.lcut(text, HMM=False)`` after the project's user dictionary is added to
jieba (:func:`reference_user_dictionary` says how); the tests check it on the
corpus in both scripts and on generated text. For that, two bookkeeping
differences between the implementations are evened out when the dictionary is
built (:class:`UserDictionary`):

- jieba (Python) suggests a word's frequency from a product of frequencies in
  which a string that is only the *prefix* of a word counts 0, and adds every
  frequency to its total without taking out the one it replaces (a duplicated
  dictionary line counts twice too); jieba-rs computes the product in logs and
  keeps an exact total. So each user word's frequency is computed here as
  jieba (Python) computes it, from jieba's own dictionary file, and the totals
  are matched with one entry no text can reach (:data:`TOTAL_BALANCE_WORD`).
- a word removed with frequency 0 is no candidate for jieba, a candidate scoring
  minus infinity for jieba-rs: the same only while the word's first character is
  a word of its own, which is checked.

Computing those frequencies reads jieba's dictionary file; the result is kept as
JSON in the temporary folder for the next process (:func:`_cache_file`).

The tokenizer is spaCy's kind (``claims.jieba_tokenizer.v1``): its user dictionary
is given to ``initialize``, serialised with ``to_disk``/``to_bytes`` as JSON, and
each tokenizer owns its dictionary (no process-wide segmenter state).
Segmentation runs on the Simplified body text (non-body zones blanked), which
jieba segments better than Traditional text, and which has the original's length.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

from pipeline.attribution import TEXT_KEY
from pipeline.config import Config
from pipeline.lexicons import Lexicons, load_lexicons

# Holds the difference between jieba's total frequency and jieba-rs's. Its only
# character, a Unicode non-character, is outside the word characters
# (CJK, ASCII letters and digits, +#&._%-), so no text is ever matched against it.
TOTAL_BALANCE_WORD = "\uffff"
# Han to jieba-rs but not to jieba's block pattern ([\u4E00-\u9FD5]): see JiebaTokenizer.cut
RJIEBA_ONLY_HAN = re.compile(r"[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
FORMAT = "claims.jieba_user_dictionary.v1"


def _jieba_rs_class() -> Any:
    """rjieba's ``Jieba`` class, loaded without running ``rjieba/__init__.py``.

    That ``__init__`` builds a default segmenter at import (a second copy of the
    349,000-word dictionary: ~0.15 s and ~40 MB in every process) that we never use.
    The compiled module is registered under its own name, so a later
    ``import rjieba`` finds it and works as usual.
    """
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        package = importlib.util.find_spec("rjieba")
        if package is None or not package.submodule_search_locations:
            raise ImportError("rjieba is not installed (pip install rjieba)")
        folder = Path(next(iter(package.submodule_search_locations)))
        paths = [folder / f"rjieba{s}" for s in importlib.machinery.EXTENSION_SUFFIXES]
        path = next((p for p in paths if p.exists()), None)
        spec = importlib.util.spec_from_file_location("rjieba.rjieba", path) if path else None
        if spec is None or spec.loader is None:
            raise ImportError(f"rjieba's compiled module is missing from {folder}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["rjieba.rjieba"] = module
    return module.Jieba


def jieba_dictionary_file() -> Path:
    """jieba's dictionary file (found without importing jieba): the reference
    dictionary, which jieba-rs embeds as well."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed (pip install jieba)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


class _ReferenceFrequencies:
    """What ``jieba.dt.FREQ.get`` and ``jieba.dt.total`` return, for the strings that
    building one user dictionary asks about (substrings of its words).

    jieba stores every proper prefix of a word with frequency 0; that 0 matters only
    for the pieces jieba cuts a word into that are no words themselves: single
    characters and runs of ASCII letters and digits. Only those are looked up.
    """

    def __init__(self, asked: set[str], dictionary: Path) -> None:
        text = dictionary.read_text(encoding="utf-8")
        parts = text.split()  # lines of "word freq tag"
        words, counts = parts[0::3], list(map(int, parts[1::3]))
        if len(parts) % 3 or not words:
            raise ValueError(f"{dictionary}: not a jieba dictionary (word, frequency, tag per line)")
        self.total = sum(counts)  # jieba adds every line, a duplicated word twice
        last = dict(zip(words, counts, strict=True))
        self.unique_total = sum(last.values()) if len(last) != len(words) else self.total  # jieba-rs: once, last count
        self.freq = {s: last[s] for s in asked if s in last}
        pieces = {s for s in asked if s not in last and (len(s) == 1 or (s.isascii() and s.isalnum()))}
        first_chars = set(map(itemgetter(0), words))
        self.is_prefix = {s for s in pieces if len(s) == 1 and s in first_chars}
        latin = [s for s in pieces if len(s) > 1]
        if latin:
            latin_words = re.findall(r"^[0-9A-Za-z]\S*", text, flags=re.MULTILINE)
            self.is_prefix.update(s for s in latin if any(w.startswith(s) and w != s for w in latin_words))


def _unique(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))


@dataclass(frozen=True)
class UserDictionary:
    """The words added to jieba-rs's dictionary, with the frequencies and total that
    make its segmentation equal jieba's (Python) after :func:`reference_user_dictionary`.

    Serialised as JSON with the tokenizer; rebuilding from it needs no dictionary file.
    """

    words: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    frequencies: tuple[int, ...] = ()  # one per word, as jieba suggests it
    removed_applied: tuple[str, ...] = ()  # the removed words that were in the dictionary
    total_balance: int = 0  # frequency of TOTAL_BALANCE_WORD

    @classmethod
    def compute(cls, words: Iterable[str], removed: Iterable[str] = ()) -> UserDictionary:
        """Add ``words`` as ``jieba.add_word(word)`` does (in this order, each with the
        frequency jieba suggests), then remove the ``removed`` words that are in the
        dictionary as ``jieba.del_word``."""
        return cls.compute_with_segmenter(words, removed)[0]

    @classmethod
    def compute_with_segmenter(cls, words: Iterable[str], removed: Iterable[str] = ()) -> tuple[UserDictionary, Any]:
        """:meth:`compute`, and the jieba-rs segmenter it built on the way (with these words)."""
        words, removed = _unique(words), _unique(removed)
        asked = {w[i:j] for w in (*words, *removed) for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
        ref = _ReferenceFrequencies(asked, jieba_dictionary_file())
        seg = _jieba_rs_class()()
        changed: dict[str, int] = {}  # words added or removed so far, with jieba's frequency
        prefixes: set[str] = set()  # proper prefixes of the added words

        def jieba_freq(s: str, default: int) -> int:  # jieba.dt.FREQ.get(s, default)
            if s in changed:
                return changed[s]
            if s in ref.freq:
                return ref.freq[s]
            return 0 if s in ref.is_prefix or s in prefixes else default

        total = ref.total  # jieba's
        total_rs = ref.unique_total  # jieba-rs's, without the balance

        def set_freq(word: str, freq: int) -> None:
            nonlocal total, total_rs
            old_rs = changed.get(word, ref.freq.get(word, 0))
            changed[word] = freq
            prefixes.update(word[:k] for k in range(1, len(word)))
            total += freq  # jieba does not take out the count it replaces
            total_rs += freq - old_rs
            seg.add_word(word, freq, None)
            seg.add_word(TOTAL_BALANCE_WORD, total - total_rs, None)  # later words are cut with the same total

        seg.add_word(TOTAL_BALANCE_WORD, total - total_rs, None)
        frequencies = []
        for word in words:  # jieba's suggest_freq(word, tune=False), float for float
            ftotal = float(total)
            product: float = 1
            for piece in seg.cut(word, False):
                product *= jieba_freq(piece, 1) / ftotal
            freq = max(int(product * total) + 1, jieba_freq(word, 1))
            frequencies.append(freq)
            set_freq(word, freq)
        applied = []
        for word in removed:
            if jieba_freq(word, 0):
                applied.append(word)
                set_freq(word, 0)
        for word in applied:
            if jieba_freq(word[0], 0) <= 0:
                raise ValueError(f"cannot remove {word!r} from the segmenter's dictionary exactly: {word[0]!r} is no word")
        return cls(words, removed, tuple(frequencies), tuple(applied), total - total_rs), seg

    def segmenter(self) -> Any:
        """A jieba-rs segmenter with jieba-rs's own (jieba's) dictionary and these words."""
        seg = _jieba_rs_class()()
        for word, freq in zip(self.words, self.frequencies, strict=True):
            seg.add_word(word, freq, None)
        for word in self.removed_applied:
            seg.add_word(word, 0, None)
        seg.add_word(TOTAL_BALANCE_WORD, self.total_balance, None)
        return seg

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "words": [[w, f] for w, f in zip(self.words, self.frequencies, strict=True)],
            "removed": list(self.removed),
            "removed_applied": list(self.removed_applied),
            "total_balance": self.total_balance,
        }

    @classmethod
    def from_json(cls, data: dict) -> UserDictionary:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a user dictionary of format {FORMAT}")
        pairs = [(str(w), int(f)) for w, f in data["words"]]
        return cls(
            words=tuple(w for w, _ in pairs),
            removed=tuple(map(str, data["removed"])),
            frequencies=tuple(f for _, f in pairs),
            removed_applied=tuple(map(str, data["removed_applied"])),
            total_balance=int(data["total_balance"]),
        )


def reference_user_dictionary(tokenizer: Any, words: Iterable[str], removed: Iterable[str] = ()) -> None:
    """What the segmentation must equal: the user dictionary added to a jieba (Python)
    ``jieba.Tokenizer`` (used by the tests and the benchmark, never in a run)."""
    for word in dict.fromkeys(words):
        tokenizer.add_word(word)
    for word in dict.fromkeys(removed):
        if tokenizer.FREQ.get(word):
            tokenizer.del_word(word)


# user dictionaries computed in this process (data only: each tokenizer builds its own segmenter)
_computed: dict[tuple[tuple[str, ...], tuple[str, ...]], UserDictionary] = {}


def _cache_dir() -> Path:
    """The user's own cache folder (not the shared temporary folder, where another local
    user could plant a file under the expected name and change the segmentation)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "zh-news-claims"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:  # no writable home: fall back to a per-user temporary folder
        path = Path(tempfile.gettempdir()) / f"zh-news-claims-{os.getuid()}"
        path.mkdir(mode=0o700, exist_ok=True)
        if path.stat().st_uid != os.getuid():  # someone else's folder: compute, don't read it
            raise OSError(f"{path} belongs to another user") from None
    return path


def _cache_file(words: tuple[str, ...], removed: tuple[str, ...]) -> Path:
    """Where a computed user dictionary is kept between processes (reading jieba's
    dictionary file is most of the cost): the user's cache folder, under a name
    hashing all the result depends on: the words, and the dictionary file and
    compiled jieba-rs (size and modification time)."""
    _jieba_rs_class()
    key = hashlib.sha256(json.dumps([FORMAT, words, removed], ensure_ascii=False).encode("utf-8"))
    for path in (jieba_dictionary_file(), Path(sys.modules["rjieba.rjieba"].__file__)):
        stat = path.stat()
        key.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return _cache_dir() / f"claims-jieba-user-dictionary-{key.hexdigest()[:20]}.json"


def _load_cached(path: Path, words: tuple[str, ...], removed: tuple[str, ...]) -> UserDictionary | None:
    try:
        cached = UserDictionary.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):  # missing, partial or foreign: compute it again
        return None
    return cached if (cached.words, cached.removed) == (_unique(words), _unique(removed)) else None


def _store_cached(path: Path, user_dictionary: UserDictionary) -> None:
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            json.dump(user_dictionary.to_json(), fh, ensure_ascii=False)
        os.replace(temporary, path)  # whole or not at all, for processes reading it meanwhile
    except OSError:  # a read-only temporary folder only costs the next process the computation
        if temporary:
            Path(temporary).unlink(missing_ok=True)


class JiebaTokenizer(DummyTokenizer):
    """jieba segmentation (on jieba-rs) as a spaCy tokenizer.

    With the HMM off (the default), jieba never invents words for strings missing
    from its dictionary (it would glue a one-character cue to its object: 指美,
    称俄); such strings fall apart into characters, which the attribution rules
    read anyway. (With it on, jieba-rs's HMM is used, which is not checked against
    jieba's.) Tokens are aligned to the text as spaCy's ChineseTokenizer does
    (doc.text == text).
    """

    def __init__(self, vocab: Vocab, hmm: bool = False) -> None:
        self.vocab = vocab
        self.hmm = hmm
        self.user_dictionary = UserDictionary()
        self._segmenter: Any = None  # built on first use

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        user_words: Iterable[str] = (),
        removed_words: Iterable[str] = (),
    ) -> None:
        """Set the user dictionary: words to keep whole, words to take out of jieba's."""
        key = (tuple(user_words), tuple(removed_words))
        if key not in _computed:
            try:
                cache: Path | None = _cache_file(*key)
            except OSError:  # no cache folder of our own: compute every time
                cache = None
            cached = _load_cached(cache, *key) if cache else None
            if cached is None:
                self.user_dictionary, self._segmenter = UserDictionary.compute_with_segmenter(*key)
                _computed[key] = self.user_dictionary
                if cache:
                    _store_cached(cache, self.user_dictionary)
                return
            _computed[key] = cached
        self.set_user_dictionary(_computed[key])

    def set_user_dictionary(self, user_dictionary: UserDictionary) -> None:
        self.user_dictionary = user_dictionary
        self._segmenter = user_dictionary.segmenter()

    def cut(self, text: str) -> list[str]:
        if self._segmenter is None:  # never initialised: jieba's dictionary alone, totals matched all the same
            self.initialize()
        if RJIEBA_ONLY_HAN.search(text) is None:
            return self._segmenter.cut(text, self.hmm)
        # characters jieba-rs reads as Han and jieba does not (CJK extensions, compatibility
        # ideographs, U+9FD6 on): jieba ends its Han block there and yields them one by one,
        # so the words before them are cut as a block of their own (ties fall otherwise)
        words: list[str] = []
        pos = 0
        for m in RJIEBA_ONLY_HAN.finditer(text):
            if m.start() > pos:
                words.extend(self._segmenter.cut(text[pos : m.start()], self.hmm))
            words.extend(m.group())
            pos = m.end()
        if pos < len(text):
            words.extend(self._segmenter.cut(text[pos:], self.hmm))
        return words

    def __call__(self, text: str) -> Doc:
        words, spaces = align_words(self.cut(text), text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text  # Doc.text would rebuild it from every token
        return doc

    # serialisation: the settings and the user dictionary, as JSON

    def _state(self) -> dict:
        return {"hmm": self.hmm, "user_dictionary": self.user_dictionary.to_json()}

    def _load_state(self, state: dict) -> JiebaTokenizer:
        self.hmm = bool(state["hmm"])
        self.set_user_dictionary(UserDictionary.from_json(state["user_dictionary"]))
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return json.dumps(self._state(), ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs: Any) -> JiebaTokenizer:
        return self._load_state(json.loads(data.decode("utf-8")))

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "jieba.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs: Any) -> JiebaTokenizer:
        return self.from_bytes((Path(path) / "jieba.json").read_bytes())

    def __reduce__(self) -> tuple:  # picklable for process pools: rebuilt from its JSON state
        return (_restore_tokenizer, (self.vocab, self.to_bytes()))


def _restore_tokenizer(vocab: Vocab, data: bytes) -> JiebaTokenizer:
    return JiebaTokenizer(vocab).from_bytes(data)


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
    """A blank Chinese pipeline whose tokenizer has the user dictionary of ``lex``:
    the registry's names, roles and cues kept whole, adverb + cue words taken out."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "claims.jieba_tokenizer.v1", "hmm": hmm}}})
    nlp.tokenizer.initialize(nlp=nlp, user_words=lex.user_words(), removed_words=lex.glued_cue_words())
    return nlp


def build_nlp(config: Config) -> Language:
    """Tokenizer plus the four claims components, initialised from ``config.models_dir``.

    The knowledge is handed to each component by its ``initialize`` (the tokenizer gets its user
    dictionary, the components the lexicons), not through the factories' config: the pipeline's
    config names no folder, so :func:`assemble` writes a pipeline that loads anywhere."""
    lex = load_lexicons(config.models_dir)
    nlp = make_tokenizer_nlp(lex, config.segment.hmm)
    ex = config.extract
    nlp.add_pipe("claims_quotes", config={"max_quote_chars": ex.max_quote_chars})
    nlp.add_pipe("claims_cues")
    nlp.add_pipe("claims_mentions")
    nlp.add_pipe(
        "claims_attribution",
        config={
            "min_bare_quote_chars": ex.min_bare_quote_chars,
            "max_speaker_chars": ex.max_speaker_chars,
            "context_chars": ex.context_chars,
        },
    )
    for _, proc in nlp.pipeline:
        proc.use(lex)  # what the component's initialize(models_dir=...) does, with the lexicons loaded above
    return nlp


def assemble(config: Config, out_dir: Path) -> Path:
    """Write the spaCy pipeline (tokenizer with its user dictionary, the four claims components
    with their model files) to ``out_dir``, as ``spacy assemble`` does: ``spacy.load(out_dir)``
    then builds it in any process where this package is installed (its factories are entry points)."""
    nlp = build_nlp(config)
    nlp.meta["name"] = "zh_news_claims"
    nlp.meta["description"] = "jieba tokenizer with the project's user dictionary and the four claims components"
    nlp.to_disk(out_dir)
    return Path(out_dir)


@lru_cache(maxsize=2)
def pipeline_nlp(config: Config) -> Language:
    """The pipeline of a run, once per process: the assembled one of ``config.nlp_dir``
    (``run --model DIR``), or built from ``config.models_dir``."""
    if config.nlp_dir is not None:
        return spacy.load(config.nlp_dir)
    return build_nlp(config)


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
