"""jieba inside spaCy: names and cues from models/ stay whole, offsets align, and the
jieba-rs segmentation equals jieba's (Python, the reference) token for token."""

from __future__ import annotations

import json
import logging
import math
import pickle
import subprocess
import sys

import jieba
import pytest
import spacy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy import util

from pipeline.segment import (
    TOTAL_BALANCE_WORD,
    JiebaTokenizer,
    UserDictionary,
    _jieba_rs_class,
    align_words,
    doc_from_offsets,
    jieba_dictionary_file,
    make_tokenizer_nlp,
    reference_user_dictionary,
    segment_text,
)
from tests.conftest import CORPUS, ROOT, to_simplified, to_traditional

jieba.setLogLevel(logging.WARNING)
DEV_RAW = ROOT.parent / "shared" / "devcorpus" / "dev" / "raw"


def _reference(words=(), removed=()) -> jieba.Tokenizer:
    """jieba (Python) with the user dictionary added as jieba's add_word/del_word do."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    reference_user_dictionary(tokenizer, words, removed)
    return tokenizer


@pytest.fixture(scope="module")
def reference(lexicons) -> jieba.Tokenizer:
    return _reference(lexicons.user_words(), lexicons.glued_cue_words())


@pytest.fixture(scope="module")
def project_tokenizer(lexicons) -> JiebaTokenizer:
    return make_tokenizer_nlp(lexicons).tokenizer


def test_registry_names_and_cues_are_single_tokens(nlp):
    doc = nlp.make_doc("俄总统助理乌沙科夫表示，拉夫罗夫与布林肯会谈。")
    tokens = [t.text for t in doc]
    for word in ("乌沙科夫", "拉夫罗夫", "布林肯", "表示"):
        assert word in tokens


def test_short_registry_names_do_not_break_ordinary_words(nlp):
    # 明报 (a newspaper) is in the user dictionary with jieba's suggested frequency only
    tokens = [t.text for t in nlp.make_doc("他在说明报告时表示")]
    assert "说明" in tokens and "报告" in tokens


def test_unknown_strings_are_not_glued_to_one_character_cues(nlp):
    # with jieba's HMM on, 指美 would become one invented word
    tokens = [t.text for t in nlp.make_doc("他指美俄就军备协议合作。")]
    assert "指" in tokens


@pytest.mark.parametrize("text", ["外长并称会谈有成果", "外長並稱會談有成果"])
def test_glued_cue_words_are_taken_out_in_both_scripts(nlp, text):
    # 并称 is a word of jieba's dictionary; the cue 称 must stand alone (the tokenizer sees Simplified)
    tokens = [t.text for t in nlp.make_doc(to_simplified(text))]
    assert "称" in tokens and "并称" not in tokens


def test_doc_text_equals_input_and_rebuilds_from_offsets(nlp):
    text = "普京 表示，\n\n  双方会谈。 Putin said"
    starts, ends = segment_text(nlp, text)
    assert all(text[s:e].strip() for s, e in zip(starts, ends, strict=True))
    doc = doc_from_offsets(nlp, text, starts, ends)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == [text[s:e] for s, e in zip(starts, ends, strict=True)]


ALIGN_PARTS = [*"普京表示双方会谈。,ab1「」", " ", "  ", "\n", "\r\n", "\t", "\u3000", " \n "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ALIGN_PARTS), max_size=40).map("".join))
def test_linear_alignment_equals_spacys(text):
    pieces = [w for w in jieba.cut(text, HMM=False) if w]
    assert align_words(pieces, text) == util.get_words_and_spaces(pieces, text)


# --------------------------------------------------------------------------- jieba-rs == jieba


def _corpus_texts() -> list[str]:
    folders = [CORPUS] + ([DEV_RAW] if DEV_RAW.is_dir() else [])
    texts = [
        p.read_text(encoding="utf-8")
        for folder in folders
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    ]
    return texts + [to_simplified(t) for t in texts]


def test_segmentation_equals_jieba_on_the_corpus_in_both_scripts(project_tokenizer, reference):
    """The bundled articles (and the development corpus when present), as written and in
    Simplified, with the project's user dictionary on both sides."""
    texts = _corpus_texts()
    assert len(texts) >= 10
    for text in texts:
        assert project_tokenizer.cut(text) == reference.lcut(text, HMM=False)


def test_user_word_frequencies_and_total_equal_jiebas(project_tokenizer, reference):
    ud = project_tokenizer.user_dictionary
    assert len(ud.words) > 100
    assert [reference.FREQ[w] for w in ud.words] == list(ud.frequencies)
    known = set(jieba_dictionary_file().read_text(encoding="utf-8").split()[0::3]) | set(ud.words)
    assert ud.removed_applied == tuple(w for w in ud.removed if w in known)
    assert all(reference.FREQ[w] == 0 for w in ud.removed_applied)
    seg = project_tokenizer._segmenter
    assert not any(seg.cut(w, False) == [w] for w in ud.removed_applied)


# dictionary words, their parts and neighbours, registry names, Latin, digits, punctuation,
# blanks, and characters jieba-rs counts as Han but jieba does not (CJK extension A and B,
# compatibility ideographs, U+9FD6 and above)
SEG_ALPHABET = (
    list("中华人民共和国外交部发言人表示美国总统拜登俄罗斯普京会谈北京上海不是说了的")
    + list("乌沙科夫拉布林肯明报并称时说又指")
    + list("ab Z09_.%-+#&\n\r\t，。「」、：；!?（）")
    + ["\u3400", "\u4db5", "\u9fd6", "\u9fff", "\uf900", "\U00020000", "\u00e9", "\uffff", "\x1c", "\u3000"]
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(SEG_ALPHABET), max_size=80))
@example(text="华华华俄拉\U00020000")  # a tie jieba breaks inside its Han block, which ends before U+20000
def test_segmentation_equals_jieba_on_generated_text(text):
    tokenizer, reference = _generated_pair()
    assert tokenizer.cut(text) == reference.lcut(text, HMM=False)
    assert tokenizer.cut(to_traditional(text)) == reference.lcut(to_traditional(text), HMM=False)


_PAIR: list = []


def _generated_pair() -> tuple[JiebaTokenizer, jieba.Tokenizer]:
    """The project's tokenizer and its reference, built once for the generated-text test."""
    if not _PAIR:
        from pipeline.config import Config
        from pipeline.lexicons import load_lexicons

        lex = load_lexicons(Config.load().models_dir)
        _PAIR.extend([make_tokenizer_nlp(lex).tokenizer, _reference(lex.user_words(), lex.glued_cue_words())])
    return _PAIR[0], _PAIR[1]


# constructed edits, Simplified and Traditional: new words, words jieba has (their
# frequency is replaced, jieba's total is not reduced), a word whose pieces are only
# prefixes of words, words with Latin letters and digits, removed words
EDITS = {
    "simplified": (
        ["甲乙丙丁戊", "外交部", "拜登政府", "乌沙科夫", "G7峰会", "X光机", "AB型", "说明报"],
        ["并称", "时说", "没有这个词"],
        "甲乙丙丁戊己表示，外交部发言人说G7峰会和AB型X光机的说明报告。又并称时说了",
    ),
    "traditional": (
        ["甲乙丙丁戊", "外交部", "拜登政府", "烏沙科夫", "G7峰會", "X光機", "AB型", "說明報"],
        ["並稱", "時說", "沒有這個詞"],
        "甲乙丙丁戊己表示，外交部發言人說G7峰會和AB型X光機的說明報告。又並稱時說了",
    ),
}


@pytest.mark.parametrize("script", sorted(EDITS))
def test_dictionary_edits_give_jiebas_frequencies_and_tokens(script):
    words, removed, text = EDITS[script]
    reference = _reference(words, removed)
    tokenizer = JiebaTokenizer(spacy.blank("zh").vocab)
    tokenizer.initialize(user_words=words, removed_words=removed)  # perhaps from the cache
    ud = UserDictionary.compute(words, removed)  # computed in any case
    assert tokenizer.user_dictionary == ud
    assert list(ud.frequencies) == [reference.FREQ[w] for w in words]
    assert ud.total_balance > 0  # jieba's total grew by frequencies jieba-rs replaced
    assert "甲乙丙丁戊" in tokenizer.cut(text)
    assert tokenizer.cut(text) == reference.lcut(text, HMM=False)
    for w in words + removed:
        assert tokenizer.cut(w + text + w) == reference.lcut(w + text + w, HMM=False)


def test_a_word_whose_first_character_is_no_word_cannot_be_removed():
    # a character missing from jieba's dictionary becomes a mere prefix (frequency 0) once a
    # word starting with it is added; removing that word again would leave jieba-rs a
    # candidate that jieba does not have
    words = set(jieba_dictionary_file().read_text(encoding="utf-8").split()[0::3])
    rare = next(chr(c) for c in range(0x4E00, 0x9FD6) if chr(c) not in words)
    with pytest.raises(ValueError, match="cannot remove"):
        UserDictionary.compute([rare + "国"], [rare + "国"])


def test_an_uninitialised_tokenizer_equals_jieba_with_its_own_dictionary():
    tokenizer = JiebaTokenizer(spacy.blank("zh").vocab)
    reference = _reference()
    text = "中华人民共和国外交部发言人表示，美国总统拜登与俄罗斯总统普京会谈。B超"
    assert tokenizer.cut(text) == reference.lcut(text, HMM=False)
    assert tokenizer.user_dictionary.total_balance == reference.total - _unique_total()


def _unique_total() -> int:
    parts = jieba_dictionary_file().read_text(encoding="utf-8").split()
    return sum(dict(zip(parts[0::3], map(int, parts[1::3]), strict=True)).values())


def test_ties_go_to_the_longer_first_word_as_in_jieba(tmp_path):
    """Equal scores go to the longer first word: with every frequency 1, 甲乙/丙 and
    甲/乙丙 score exactly the same, and jieba's max((score, end)) takes 甲乙."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 1\n丙 1\n甲乙 1\n乙丙 1\n", encoding="utf-8")
    reference = jieba.Tokenizer(str(dictionary))
    reference.tmp_dir = str(tmp_path)
    seg = _jieba_rs_class().empty()
    for word in ("甲", "丙", "甲乙", "乙丙"):
        seg.add_word(word, 1, None)
    assert reference.lcut("甲乙丙", HMM=False) == ["甲乙", "丙"]
    assert seg.cut("甲乙丙", False) == ["甲乙", "丙"]


def test_jieba_rs_embeds_jiebas_dictionary():
    """Every word of jieba's dictionary file is in jieba-rs's, with its frequency: jieba-rs's
    suggest_freq of the word, recomputed here in floats from the file's counts, matches."""
    parts = jieba_dictionary_file().read_text(encoding="utf-8").split()
    freq = dict(zip(parts[0::3], map(int, parts[1::3]), strict=True))
    seg = _jieba_rs_class()()
    log_total = math.log(sum(freq.values()))
    for word, f in freq.items():
        assert seg.has_word(word), word
        log_freq = 0.0
        for piece in seg.cut(word, False):
            log_freq = log_freq + math.log(freq.get(piece, 1)) - log_total
        assert seg.suggest_freq(word) == max(int(math.exp(log_freq + log_total)) + 1, f), word


def test_the_total_balance_word_is_never_a_token(project_tokenizer):
    text = f"普京{TOTAL_BALANCE_WORD}表示{TOTAL_BALANCE_WORD * 2}"
    assert project_tokenizer.cut(text) == ["普京", TOTAL_BALANCE_WORD, "表示", TOTAL_BALANCE_WORD, TOTAL_BALANCE_WORD]


def test_rjieba_imports_normally_after_the_tokenizer_loaded_it(project_tokenizer):
    code = "from pipeline.segment import _jieba_rs_class; _jieba_rs_class(); import rjieba; print(rjieba.cut('外交部发言人', False))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(["外交部", "发言人"])


# --------------------------------------------------------------------------- serialisation


def test_tokenizer_round_trips_through_bytes_and_pickle(project_tokenizer):
    text = "俄总统助理乌沙科夫表示，拉夫罗夫并称时说G7峰会。"
    vocab = spacy.blank("zh").vocab
    restored = JiebaTokenizer(vocab).from_bytes(project_tokenizer.to_bytes())
    assert restored.user_dictionary == project_tokenizer.user_dictionary
    assert restored.cut(text) == project_tokenizer.cut(text)
    unpickled = pickle.loads(pickle.dumps(project_tokenizer))
    assert unpickled.cut(text) == project_tokenizer.cut(text)


def test_from_bytes_refuses_other_data():
    with pytest.raises(ValueError):
        JiebaTokenizer(spacy.blank("zh").vocab).from_bytes(b'{"hmm": false, "user_dictionary": {"format": "x"}}')


SAVED_CHECK = r"""
import json, sys
import spacy
import pipeline.segment  # registers claims.jieba_tokenizer.v1
nlp = spacy.load(sys.argv[1])
texts = json.loads(sys.stdin.read())
print(json.dumps([[t.text for t in nlp.make_doc(x)] for x in texts], ensure_ascii=False))
"""


def test_saved_pipeline_tokenizes_identically_in_a_fresh_process(lexicons, tmp_path):
    nlp = make_tokenizer_nlp(lexicons)
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "tokenizer" / "jieba.json").is_file()
    texts = ["俄总统助理乌沙科夫表示，拉夫罗夫与布林肯会谈。", "他在说明报告时表示", "外长并称会谈有成果 B超\r\n", "ab12 c"]
    out = subprocess.run(
        [sys.executable, "-c", SAVED_CHECK, str(tmp_path / "nlp")],
        cwd=ROOT,
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == [[t.text for t in nlp.make_doc(x)] for x in texts]
    assert "乌沙科夫" in json.loads(out.stdout)[0]


def test_segmentation_leaves_jiebas_global_state_alone(lexicons):
    freq_before = jieba.dt.FREQ if jieba.dt.initialized else None
    make_tokenizer_nlp(lexicons)
    assert (jieba.dt.FREQ if jieba.dt.initialized else None) is freq_before
    assert not jieba.dt.initialized or "乌克兰外长" not in jieba.dt.FREQ  # a user word jieba lacks


# --------------------------------------------------------------------------- the cache between processes


def test_a_computed_user_dictionary_is_cached_and_a_bad_cache_is_ignored(lexicons, tmp_path, monkeypatch):
    import pipeline.segment as segment

    monkeypatch.setattr(segment, "_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(segment, "_computed", {})
    vocab = spacy.blank("zh").vocab
    words, removed = ["甲乙丙丁戊", "乌克兰外长"], ["并称"]
    first = JiebaTokenizer(vocab)
    first.initialize(user_words=words, removed_words=removed)
    (cache,) = tmp_path.glob("claims-jieba-user-dictionary-*.json")
    assert UserDictionary.from_json(json.loads(cache.read_text(encoding="utf-8"))) == first.user_dictionary
    # another process: read from the cache, same dictionary and tokens
    monkeypatch.setattr(segment, "_computed", {})
    second = JiebaTokenizer(vocab)
    second.initialize(user_words=words, removed_words=removed)
    text = "甲乙丙丁戊表示，乌克兰外长并称"
    assert second.user_dictionary == first.user_dictionary and second.cut(text) == first.cut(text)
    # a truncated or foreign file is computed again (and replaced)
    for bad in ('{"format": "claims.jieba_user_dictionary.v1", "words": [', '{"format": "other"}'):
        cache.write_text(bad, encoding="utf-8")
        monkeypatch.setattr(segment, "_computed", {})
        third = JiebaTokenizer(vocab)
        third.initialize(user_words=words, removed_words=removed)
        assert third.user_dictionary == first.user_dictionary
        assert UserDictionary.from_json(json.loads(cache.read_text(encoding="utf-8"))) == first.user_dictionary
    # other words: another file
    monkeypatch.setattr(segment, "_computed", {})
    JiebaTokenizer(vocab).initialize(user_words=words[:1], removed_words=removed)
    assert len(list(tmp_path.glob("claims-jieba-user-dictionary-*.json"))) == 2
