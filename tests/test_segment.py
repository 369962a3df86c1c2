"""jieba inside spaCy: names and cues from models/ stay whole, offsets align."""

from __future__ import annotations

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy import util

from pipeline.segment import align_words, doc_from_offsets, segment_text


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
