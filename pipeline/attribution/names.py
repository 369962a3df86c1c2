"""Names the registry lacks: the id a mention of an unlisted person yields (spec: "an id
derived from the mention"), and how a later short mention finds the person named before.

- A foreign name written in full with a separator (威廉·鲁托, 穆罕默德.沙尔曼) takes the
  surname, as mainland media write Western names (唐纳德·特朗普 -> 特朗普), so the full
  mention and a later 鲁托总统 yield one id.
- A surname, or a family name, followed by a title or standing alone (朴外长, 铃木表示,
  鲁托总统) is the person of the document named before with that family name
  (朴振, 铃木一郎) when there is exactly one such person; otherwise it yields itself.

- A phrase that opens with a surname character but is an ordinary word of the language
  (安全, 高度, 马上: jieba's reference dictionary lists it, often, as no proper noun) is
  no unlisted name.

Nothing here knows a Chinese word: the separators are punctuation; surnames and titles
come from ``models/extraction.yaml`` (``names``, ``titles``) through :class:`Lexicons`;
which dictionary tags may be names from ``models/speaker_resolution.yaml``."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pipeline.attribution.base import NAME_DOT
from pipeline.lexicons import Lexicons

# 穆罕默德.沙尔曼 / 威廉·鲁托: a dot between two Han characters separates given name and surname
NAME_SEPARATOR = re.compile(r"(?<=[\u4e00-\u9fff])[" + re.escape(NAME_DOT) + r".．](?=[\u4e00-\u9fff])")
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}")


def _jieba_dictionary() -> Path:
    """jieba's reference dictionary file (lines of word, frequency, part-of-speech tag),
    found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed (pip install jieba)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=4)
def _ordinary_words(first_chars: str, name_tags: tuple[str, ...], min_frequency: int) -> frozenset[str]:
    """The dictionary's words of two or three characters opening with one of first_chars,
    tagged as no name and at least min_frequency frequent (read once per process, on
    first use: one pass of a regular expression over the file, ~0.1 s; no second
    segmenter is built)."""
    if not first_chars:
        return frozenset()
    line = re.compile(r"^([" + re.escape(first_chars) + r"]\S{1,2}) (\d+) (\S+)$", re.MULTILINE)
    text = _jieba_dictionary().read_text(encoding="utf-8")
    tags = set(name_tags)
    return frozenset(w for w, freq, tag in line.findall(text) if tag not in tags and int(freq) >= min_frequency)


def ordinary_word(phrase: str, first_chars: Iterable[str], name_tags: Iterable[str], min_frequency: int) -> bool:
    """Is the phrase (two or three characters, opening with one of first_chars: the
    surname characters) a word of jieba's reference dictionary tagged as no name (name_tags:
    person names and other proper nouns) and at least min_frequency frequent? 安全 (an),
    马上 (d), 周边 (f) are; 高峰 (nr), 金星 (nz) and names the dictionary lacks (赵兑烈) are
    not. The dictionary's own tags decide, so a name it knows as a name stays a name."""
    if not 2 <= len(phrase) <= 3:
        return False
    chars = "".join(sorted({c for c in first_chars if len(c) == 1}))
    return phrase in _ordinary_words(chars, tuple(sorted(name_tags)), min_frequency)


def surname_of_full_name(name: str) -> str:
    """威廉·鲁托 -> 鲁托; 让-皮埃尔 and names with no separator stay whole. A last part of one
    character (an initial) keeps the whole name."""
    parts = NAME_SEPARATOR.split(name)
    if len(parts) < 2:
        return name
    last = parts[-1].strip()
    return last if len(last) >= 2 else name


def family_name(phrase: str, lex: Lexicons) -> str | None:
    """The phrase, when it is only a family name: a Chinese/Korean surname (朴, 欧阳), a
    Japanese family name (铃木) or a transliterated surname of two characters or more (鲁托)."""
    if not HAN_NAME.fullmatch(phrase):
        return None
    if phrase in lex.surnames:
        return phrase
    if len(phrase) >= 2 and all(c in lex.transliteration_chars for c in phrase):
        return phrase
    return None


def transliterated_name_at(text: str, pos: int, lex: Lexicons) -> bool:
    """Does a transliterated name start at pos: two characters or more of transliteration
    (马尔蒂内斯, 弗拉基米尔·…)? 外长马尔蒂内斯: the title names someone the registry lacks."""
    end = pos
    while end < len(text) and (text[end] in lex.transliteration_chars or (end > pos and NAME_SEPARATOR.match(text, end))):
        end += 1
    return end - pos >= 2


def earlier_person(short: str, earlier: Iterable[str]) -> str | None:
    """The one person named before whose id this family name or surname abbreviates:
    朴 -> 朴振, 铃木 -> 铃木一郎 (family name first), 鲁托 -> 威廉鲁托 (surname last).
    None when nobody, or more than one person, fits."""
    found: list[str] = []
    for pid in earlier:
        if pid == short or pid in found:
            continue
        plain = NAME_SEPARATOR.sub("", pid)
        family_first = plain.startswith(short) and 1 <= len(plain) - len(short) <= 2
        surname_last = len(short) >= 2 and plain.endswith(short) and len(plain) > len(short)
        if family_first or surname_last:
            found.append(pid)
    return found[0] if len(found) == 1 else None


def abbreviated_person(initial: str, earlier: Iterable[tuple[str, str]]) -> str | None:
    """The one person named before whose name as written opens with ``initial``: the press
    of Hong Kong and Taiwan shortens a named person to the first character(s) of the surname
    and 氏 (苏利文 … 苏氏 -> 沙利文; 本雅明·纳坦雅胡 … 纳氏 -> 内塔尼亚胡). ``earlier`` holds
    (id, name as written) pairs, nearest first. None when nobody, or more than one person, fits."""
    found: list[str] = []
    for pid, written in earlier:
        if pid in found:
            continue
        # the id's own spelling counts too: a page that wrote 蒲亭 (Taiwan wires) may shorten
        # him as Hong Kong papers do after 普京 (普氏); pages are edited from several regions' wires
        if any(surname_of_full_name(w).startswith(initial) or w.startswith(initial) for w in (written, pid)):
            found.append(pid)
    return found[0] if len(found) == 1 else None


def near_spelling(name: str, known: Iterable[str], lex: Lexicons) -> str | None:
    """The one person of the document whose id this transliterated name misspells (spec: a
    mis-spelling is normalised): one character dropped or added (乌沙科 -> 乌沙科夫), or, in
    names of four characters or more, at most two characters swapped for others between
    the same first and last character (马里谢夫 -> 马雷舍夫). None unless exactly one fits."""
    if len(name) < 3 or not HAN_NAME.fullmatch(name):
        return None
    if sum(c in lex.transliteration_chars for c in name) / len(name) < lex.min_transliteration_share:
        return None  # a Chinese name is no misspelling of another
    found: list[str] = []
    for pid in dict.fromkeys(known):
        if pid == name or pid in found or not HAN_NAME.fullmatch(pid):
            continue
        if _one_dropped(name, pid) or _one_dropped(pid, name) or _few_swapped(name, pid):
            found.append(pid)
    return found[0] if len(found) == 1 else None


def _one_dropped(short: str, long: str) -> bool:
    """``short`` is ``long`` with one character left out (not the first)."""
    if len(long) != len(short) + 1 or len(short) < 3:
        return False
    return any(long[:k] + long[k + 1 :] == short for k in range(1, len(long)))


def _few_swapped(a: str, b: str) -> bool:
    if len(a) != len(b) or len(a) < 4 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= min(2, len(a) // 2)
