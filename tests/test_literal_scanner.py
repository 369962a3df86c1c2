"""The Aho-Corasick scanner must find exactly what the trie regexes it replaced found.

The reference is ``re.compile(trie_pattern(words), flags).finditer``: leftmost,
longest at that position, non-overlapping; with ``ignore_case`` the regex engine's
own notion of case (so the Kelvin sign is a k and the long s an s).
"""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicons import LiteralScanner, trie_pattern


def regex_spans(words: list[str], text: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    unique = sorted({w for w in words if w})
    if not unique:
        return []
    rx = re.compile(trie_pattern(unique), re.IGNORECASE if ignore_case else 0)
    return [m.span() for m in rx.finditer(text)]


def found(words: list[str], text: str, ignore_case: bool = False) -> list[str]:
    return [text[s:e] for s, e in LiteralScanner(words, ignore_case).spans(text)]


# nested (普京 ⊂ 普京发言人), overlapping (华盛顿邮报 / 邮报社), one-character keys
SIMPLIFIED = ["普京", "普京发言人", "发言人", "华盛顿", "华盛顿邮报", "邮报社", "他", "不", "不会", "不会容忍", "容忍"]
TRADITIONAL = ["普京", "普京發言人", "發言人", "華盛頓", "華盛頓郵報", "郵報社", "他", "不", "不會", "不會容忍", "容忍"]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (SIMPLIFIED, "普京发言人说，华盛顿邮报社称他不会容忍，也不容忍", ["普京发言人", "华盛顿邮报", "他", "不会容忍", "不", "容忍"]),
        (TRADITIONAL, "普京發言人說，華盛頓郵報社稱他不會容忍，也不容忍", ["普京發言人", "華盛頓郵報", "他", "不會容忍", "不", "容忍"]),
        # a longer key that fails at its last character falls back to the shorter one
        (SIMPLIFIED, "普京发言称不会容", ["普京", "不会"]),
        (TRADITIONAL, "普京發言稱不會容", ["普京", "不會"]),
    ],
)
def test_leftmost_longest_in_both_scripts(words: list[str], text: str, expected: list[str]) -> None:
    assert found(words, text) == expected
    assert LiteralScanner(words).spans(text) == regex_spans(words, text)


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["New START", "SWIFT", "延长"], "延长new start条约，踢出swift和Swift", ["延长", "new start", "swift", "Swift"]),
        (["NEW START", "SWIFT", "延長"], "延長New Start條約，踢出sWiFt", ["延長", "New Start", "sWiFt"]),
        # characters the regex engine folds although str.lower() does not map them alike
        (["ok", "SS"], "\u212a\u017f\u017fO\u212a", ["\u017f\u017f", "O\u212a"]),
    ],
)
def test_ignore_case_as_the_regex_engine(words: list[str], text: str, expected: list[str]) -> None:
    assert found(words, text, ignore_case=True) == expected
    assert LiteralScanner(words, ignore_case=True).spans(text) == regex_spans(words, text, ignore_case=True)
    # and case matters without the flag
    assert LiteralScanner(words).spans(text) == regex_spans(words, text)


def test_case_variants_at_one_node_keep_the_regex_semantics() -> None:
    """Ab and abc: the regex alternation takes Ab first, so "abc" yields "ab", not "abc"."""
    words = ["Ab", "abc", "不会"]
    for text in ["abc不会", "ABC不會", "xabcab"]:
        assert LiteralScanner(words, ignore_case=True).spans(text) == regex_spans(words, text, ignore_case=True)
    assert found(words, "abc不会", ignore_case=True) == ["ab", "不会"]


def test_empty_lists_and_texts() -> None:
    assert LiteralScanner([]).spans("普京") == []
    assert LiteralScanner(["", "普京"]).spans("普京说") == [(0, 2)]
    assert LiteralScanner(["普京"], ignore_case=True).spans("") == []


def test_scanner_survives_pickling() -> None:
    """Process workers may receive knowledge pickled in memory: the automaton is rebuilt."""
    scanner = LiteralScanner(TRADITIONAL, ignore_case=True)
    text = "普京發言人稱華盛頓郵報"
    before = scanner.spans(text)
    clone = pickle.loads(pickle.dumps(scanner))
    assert clone == scanner and clone.spans(text) == before == [(0, 5), (6, 11)]


KEYS = st.lists(st.text(alphabet="普京发言人華盛頓郵报abAB\u212a\u017fs", min_size=1, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(words=KEYS, text=st.text(alphabet="普京发言人華盛頓郵报abAB\u212a\u017fsS，x", max_size=60), ignore_case=st.booleans())
def test_same_spans_as_the_trie_regex(words: list[str], text: str, ignore_case: bool) -> None:
    assert LiteralScanner(words, ignore_case).spans(text) == regex_spans(words, text, ignore_case)
