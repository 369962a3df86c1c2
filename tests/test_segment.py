"""jieba inside spaCy: names and cues from models/ stay whole, offsets align."""

from __future__ import annotations

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy import util

from pipeline.segment import align_words, cut_no_hmm, doc_from_offsets, segment_text
from tests.conftest import CORPUS, to_simplified


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


def test_doc_text_equals_input_and_rebuilds_from_offsets(nlp):
    text = "普京 表示，\n\n  双方会谈。 Putin said"
    starts, ends = segment_text(nlp, text)
    assert all(text[s:e].strip() for s, e in zip(starts, ends, strict=True))
    doc = doc_from_offsets(nlp, text, starts, ends)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == [text[s:e] for s, e in zip(starts, ends, strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("普京表示双方 会谈。\n\r\t,ab1「」")), max_size=60))
def test_linear_alignment_equals_spacys(text):
    pieces = [w for w in jieba.cut(text, HMM=False) if w]
    assert align_words(pieces, text) == util.get_words_and_spaces(pieces, text)


def test_jieba_dictionary_cache_reloads_as_built(tmp_path):
    """jieba reads its dictionary cache through our whole-file marshal: the dictionary
    loaded from the cache must equal the one built from jieba's dictionary file."""
    built = jieba.Tokenizer()
    built.tmp_dir = str(tmp_path)
    built.initialize()  # no cache yet: builds, then writes the cache
    assert list(tmp_path.glob("jieba*.cache"))
    loaded = jieba.Tokenizer()
    loaded.tmp_dir = str(tmp_path)
    loaded.initialize()  # reads the cache
    assert loaded.total == built.total
    assert loaded.FREQ == built.FREQ


def _corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return texts + [to_simplified(t) for t in texts]


def test_fast_cut_equals_jieba_on_the_sample_corpus(nlp):
    """nlp: the registry's words are in jieba's dictionary, as in a run."""
    for text in _corpus_texts():
        assert cut_no_hmm(text) == jieba.lcut(text, HMM=False)


# dictionary words, their parts and neighbours, Latin, digits, punctuation and blanks
FAST_CUT_ALPHABET = list("中华人民共和国外交部发言人表示美国总统拜登俄罗斯普京会谈北京上海不是说了的") + list(
    "ab Z09_.%-+#&\n\t，。「」、：；!?（）"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(FAST_CUT_ALPHABET), max_size=80))
def test_fast_cut_equals_jieba_on_generated_text(text):
    assert cut_no_hmm(text) == jieba.lcut(text, HMM=False)


def test_fast_cut_follows_dictionary_changes():
    tokenizer = jieba.Tokenizer()
    text = "甲乙丙丁戊己庚辛表示，外交部发言人说"
    assert cut_no_hmm(text, tokenizer) == tokenizer.lcut(text, HMM=False)
    tokenizer.add_word("甲乙丙丁戊")  # a new word changes the dictionary's total, so every score
    assert "甲乙丙丁戊" in cut_no_hmm(text, tokenizer)
    assert cut_no_hmm(text, tokenizer) == tokenizer.lcut(text, HMM=False)
    tokenizer.del_word("外交部")
    assert cut_no_hmm(text, tokenizer) == tokenizer.lcut(text, HMM=False)


def test_fast_cut_breaks_ties_as_jieba(tmp_path):
    """Equal scores go to the longer first word: with every frequency 1, 甲乙/丙 and
    甲/乙丙 score exactly the same, and jieba's max((score, end)) takes 甲乙."""
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 1\n丙 1\n甲乙 1\n乙丙 1\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    assert tokenizer.lcut("甲乙丙", HMM=False) == ["甲乙", "丙"]
    assert cut_no_hmm("甲乙丙", tokenizer) == ["甲乙", "丙"]
