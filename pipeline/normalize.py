"""Stage 2: script normalisation, sentences, paragraphs and non-body zones.

Everything downstream reads ``text_simplified``, which has exactly the length of
the original text, so an offset found in it is an offset into the original.
OpenCC's character-level configs (t2s, hk2s, tw2s) keep lengths; should a
conversion ever change the length, the text is converted one character at a
time instead, which keeps the 1:1 map at the cost of phrase context.

Regional character forms: t2s leaves some Hong Kong and Taiwan forms as they are
(衞 stays 衞 where 衛 gives 卫), so the same article in HK or TW forms would give
other words to the segmenter. Before the conversion to Simplified, every
character is folded onto its standard Traditional form with the single-character
mappings of OpenCC's reverse variant configs (hk2t, tw2t: :func:`regional_table`);
one character for one, so offsets stay 1:1.
"""

from __future__ import annotations

import html
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy
import opencc

from pipeline.config import NormalizeConfig
from pipeline.lexicons import Lexicons, ZoneRules, any_char_of

SENTENCE_END = frozenset("。！？!?")
LABEL_COLON = re.compile("[：:]")  # a label's colon (网友：…, 记者：…)
# the lead of a long line opening like furniture: its first word, then up to a blank or a stop
FURNITURE_LEAD = re.compile(r"\s*\S+?(?:\s|[。！？!?]|$)")
CLOSERS = frozenset("”」』’）)\"'》")
# 新华社北京5月14日电 / 中央社台北12日電: the dateline opening a wire story
DATELINE = re.compile(r"^[ \t\u3000]*[^\s，。：:“「]{2,30}?\d{1,2}\s*月?\s*\d{1,2}\s*日\s*(电|讯)[）)／/]?[ \t\u3000]*", re.M)
TIMESTAMP = re.compile(r"【\s*\d{1,2}\s*[:：]\s*\d{2}\s*】")
MARKUP_BLOCK_OPEN = re.compile(r"<(figure|script|style|nav|aside|footer)\b", re.I)
# an HTML tag left in the text (<p>, </div>, <!-- -->): a letter, / or ! right after the <; a
# "<<返回首页 … 更多>>" or "< 上一篇 … 下一篇 >" around Chinese text is page furniture, not a tag
MARKUP_TAG = re.compile(r"<[/!]?[A-Za-z!-][^<>\n]{0,500}>")
DATE_LINE = re.compile(r"\d{4}\s*[年\-/.]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}")
SAFE_CONFIGS = ("t2s", "hk2s", "tw2s", "s2t", "t2hk", "t2tw", "s2hk", "s2tw", "hk2t", "tw2t")
TO_SIMPLIFIED = frozenset({"t2s", "hk2s", "tw2s"})
# code points OpenCC's dictionaries cover: CJK unified ideographs (BMP, extension A, B to F) and compatibility ideographs
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F))


# --- Noisy text (spun or annotated copies) -------------------------------------------------
# The analysis view keeps the document's length: noise is masked with FILLER (a blank, which
# every step already skips), never deleted, so an offset in the view is one in the document.
FILLER = " "
# an ASCII double quote between two ASCII characters that are no quote (garbage, English)
# the title of a page glued to its body on the first line: words with no clause or sentence
# mark and at most one blank inside, a blank, then a clause of eight characters or more closed
# by a mark (the body's first; text spaced every few characters never has so long a run)
GLUED_HEADLINE = re.compile(
    r"([^。！？!?，,\s]{4,40}(?:[ \t\u3000][^。！？!?，,\s]{2,40})?)[ \t\u3000]+([^\s，,。！？]{8,})[，,。！？]"
)
LINK_HEADER_MARKS = " \t\u3000:：|｜>》›»"  # between a link-list header and its first title
# a clause mark, a stop or a quotation mark: a short line with a question mark is running text
HEADING_QUESTION_BLOCKERS = any_char_of(frozenset("，,；;、。！!“”「」『』\"‘’"))
QUOTE_OPENERS = "“「『\"‘"  # punctuation: the marks a quotation opens with
QUOTE_CLOSERS = "”」』\"’"
# the bracket closing a line, a stop or blank after it: where a caption carries its credit
TRAILING_BRACKET = re.compile(r"[（(]([^（()）]{1,40})[）)][\s。.]*$")
CAPTION_TRAILERS = " \t\u3000)）]】。."  # after a caption's credit: closing brackets, a stop
MARKDOWN_EMPHASIS = re.compile(r"\*{2,}|_{2,}")
STRAY_ASCII_QUOTE = re.compile(r'(?<=[\x20-\x21\x23-\x7e])"(?=[\x20-\x21\x23-\x7e])')
# a character reference with its closing semicolon (&ldquo; &#12300; &#x300C; &nbsp;), left in a
# plain-text file copied from a page's source; a bare '&' (AT&T) is none
CHAR_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ASCII_QUOTES = "\"'"
# A gloss is pinyin in brackets (round or square, a blank around them or not) right after a
# Han character: tone marks (shuō), tone numbers (shuo1), or no tone at all (shuo) once the
# document has glossed with tones twice, so (Reuters) or (with the wind) is no gloss.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
UNTONED = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")
# (words are split at blanks or after a tone number only, so a long English aside with no
# closing bracket is tried in linear time, not in every way of cutting its words)
_PINYIN_LETTERS = "[a-zA-Zü" + TONED + "]+"
PINYIN_GLOSS = re.compile(
    r"[ \t]?[(（\[](" + _PINYIN_LETTERS + r"(?:[1-5]?[ \t]+" + _PINYIN_LETTERS + r"|[1-5]" + _PINYIN_LETTERS + r")*[1-5]?)"
    r"[)）\]](?:[ \t](?=[\u4e00-\u9fff]))?"
)
# the syllables of Mandarin: an optional initial and a final (v and ü written either way)
PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|üan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|uo|ui|un|üe|ve|ue|ün|vn|a|o|e|i|u|ü|v)"
)
ONE_SYLLABLE = re.compile(PINYIN_SYLLABLE)
LONGEST_SYLLABLE = 6  # zhuang, shuang
MIN_TONED_GLOSSES = 2  # marked glosses that make a document a glossed one (its toneless glosses count too)
# a document glossed with no tones at all: this many one-syllable lower-case glosses make it
# a glossed one ((men) or (long) once is no gloss)
MIN_TONELESS_GLOSSES = 4
# zhuyin (bopomofo) with its tone marks in brackets after a Han character: always a gloss
ZHUYIN_GLOSS = re.compile(r"[ \t]?[(（\[]([\u3105-\u312f\u31a0-\u31bf\u02ca\u02c7\u02cb\u02d9 ]+)[)）\]]")
# A script gloss: the other script's form of the characters right before it, in brackets
# (發(发)言人, 发言人(發言人)); reposting tools write them as they write pinyin glosses.
HAN_GLOSS = re.compile(r"[(（\[]([\u4e00-\u9fff]{1,6})[)）\]]")
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
# blanks inside Chinese text (两国的 分歧): no word boundary in Chinese, squeezed out
INNER_BLANK = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])")
# zero-width characters (anti-scraping garbage, word-joiners): noise wherever they stand
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]+")
# full-width digits and Latin letters (２０２１年, Ｇ７) read as ASCII; full-width marks stay Chinese
FULLWIDTH_ALNUM = str.maketrans(
    {c: chr(c - 0xFEE0) for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(lo, hi + 1)}
)
FULLWIDTH_ALNUM_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# hard-wrapped text: at least MIN_WRAPPED_LINES lines of MIN_WRAPPED_LINE characters or more,
# WRAPPED_SHARE of them within WRAP_TOLERANCE of the longest
MIN_WRAPPED_LINE = 12
MIN_WRAPPED_LINES = 3
WRAPPED_SHARE = 0.5
WRAP_TOLERANCE = 2
NARROW_CHARS = re.compile(r"[\u0000-\u10ff\uff61-\uffdc\uffe8-\uffee]")  # one display column each
INDENT = re.compile(r"\u3000|[ \t]{2}|\t")  # a paragraph's first line may be indented; a wrapped line is not
# characters that end a run of words (a gloss's own brackets aside)
WORD_BREAK = frozenset("，,。；;：:！？!?、“”「」『』‘’\"'《》()（）[]【】 \t\u3000\r\n")
# a run of clause marks left by spinning tools: ,,,  。。。。  ,、  ,。
PUNCT_RUN = re.compile(r"[，,、；;。]{2,}")
# ASCII marks typed for Chinese ones (打压.她还表示,中方): folded where Chinese text stands
# beside them, so 1,000 / 10:30 / 3.5 / U.S. keep theirs
HALFWIDTH_MARKS = str.maketrans({",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "．": "。", "｡": "。"})
CJK_CLOSERS = frozenset("”」』’）》〉")
CJK_OPENERS = frozenset("“「『‘（《〈")
ASCII_MARK_RUN = re.compile(r"[,.:;?!．｡]+")
# what may stand before a list item's number (1. 2.): a line start, a blank, a clause or sentence mark
ENUMERATION_LEADS = frozenset("\n\r \t\u3000：:，,；;。！？!?")
ASCII_CLOSERS = frozenset("\")'")


def is_pinyin(word: str) -> bool:
    """``word`` (lower case, no tone marks) is pinyin syllables, each with an optional tone
    number and blanks after it. Read left to right over the positions a syllable can end at,
    so a long word that is almost pinyin costs linear time (a regex repeating the syllable
    pattern tries every way of cutting it)."""
    n = len(word)
    ends = [False] * (n + 1)  # ends[i]: word[:i] is whole syllables with their tones and blanks
    ends[0] = True
    for i in range(n):
        if not ends[i]:
            continue
        for j in range(i + 1, min(n, i + LONGEST_SYLLABLE) + 1):
            if ONE_SYLLABLE.fullmatch(word, i, j):
                k = j + 1 if j < n and word[j] in "12345" else j
                ends[j] = ends[k] = True
                while k < n and word[k] in " \t":
                    k += 1
                    ends[k] = True
    return n > 0 and ends[n]


def _glosses(text: str) -> list[tuple[int, int]]:
    glosses = [
        m
        for m in PINYIN_GLOSS.finditer(text)
        if m.start() > 0 and HAN_CHAR.match(text, m.start() - 1) and is_pinyin(m.group(1).lower().translate(UNTONED))
    ]
    marked = [m for m in glosses if any(c in TONED or c.isdigit() for c in m.group(1))]
    # toneless glosses only in a glossed document, and only lower case ((EU) is no gloss)
    toneless = [m for m in glosses if m not in marked and m.group(1).islower()]
    one_syllable = [m for m in toneless if ONE_SYLLABLE.fullmatch(m.group(1))]
    glossed = len(marked) >= MIN_TONED_GLOSSES or len(one_syllable) >= MIN_TONELESS_GLOSSES
    spans = [m.span() for m in (marked + toneless if glossed else marked)]
    zhuyin = [m.span() for m in ZHUYIN_GLOSS.finditer(text) if m.start() > 0 and HAN_CHAR.match(text, m.start() - 1)]
    return spans + zhuyin


def _script_glosses(text: str) -> list[tuple[int, int]]:
    """Brackets holding the characters right before them in the other script (發(发), 對話
    (对话)): the same words twice, so the brackets are noise like a pinyin gloss. The
    document and its Simplified analysis view find the same brackets."""
    spans = []
    # the converter itself, not convert(): its small cache holds whole documents
    t2s = converter("t2s").convert
    for m in HAN_GLOSS.finditer(text):
        gloss = m.group(1)
        glossed = text[max(0, m.start() - len(gloss)) : m.start()]
        # compared in Simplified: the analysis view (already Simplified) and the document agree
        if len(glossed) == len(gloss) and t2s(glossed) == t2s(gloss):
            spans.append(m.span())
    return spans


def _width(line: str) -> int:
    """Display columns: two for a Chinese character or mark, one for Latin letters and digits."""
    return 2 * len(line) - len(NARROW_CHARS.findall(line))


def _ends_paragraph(line: str) -> bool:
    """A sentence end (closing marks after it aside) or a colon: the line may end a paragraph."""
    bare = line.rstrip("".join(CLOSERS))
    return bool(bare) and (bare[-1] in SENTENCE_END or bare[-1] in "：:")


def soft_line_breaks(text: str) -> list[tuple[int, int]]:
    """The line breaks of hard-wrapped text (every full line cut at one width, in characters
    or in display columns): a break after a full line that ends mid-sentence, before a line
    that goes on without indent. Unwrapped text, whose paragraphs have all lengths, has none."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    long_lines = [(s, e) for s, e in lines if e - s >= MIN_WRAPPED_LINE]
    if len(long_lines) < MIN_WRAPPED_LINES:
        return []
    for measure in (lambda s, e: e - s, lambda s, e: _width(text[s:e])):
        sizes = [measure(s, e) for s, e in long_lines]
        full = max(sizes) - WRAP_TOLERANCE
        if sum(x >= full for x in sizes) >= max(MIN_WRAPPED_LINES, WRAPPED_SHARE * len(long_lines)):
            breaks = []
            for (s, e), (ns, _ne) in itertools.pairwise(lines):
                gap = text[e:ns]
                soft = gap in ("\n", "\r\n") and not _ends_paragraph(text[s:e]) and not INDENT.match(text, ns)
                if soft and measure(s, e) >= full:
                    breaks.append((e, ns))
            return breaks
    return []


def _noise_runs(text: str) -> list[tuple[int, int, list[int]]]:
    """Runs of words holding noise (pinyin glosses, blanks between Han characters, soft line
    breaks): (start, end, positions of the characters that are not noise), the run ending
    with its last piece of noise."""
    blanks = [m.span() for m in INNER_BLANK.finditer(text)] + [m.span() for m in ZERO_WIDTH.finditer(text)]
    pieces = sorted({*_glosses(text), *_script_glosses(text), *blanks, *soft_line_breaks(text)})
    runs = []
    k = 0
    while k < len(pieces):
        run_start = pieces[k][0] - 1
        while run_start > 0 and text[run_start - 1] not in WORD_BREAK:
            run_start -= 1
        run_start = max(run_start, 0)
        last = k
        while last + 1 < len(pieces):
            between = text[pieces[last][1] : pieces[last + 1][0]]
            if any(c in WORD_BREAK for c in between):
                break
            last += 1
        kept: list[int] = []
        cursor = run_start
        for p_start, p_end in pieces[k : last + 1]:
            kept.extend(range(cursor, p_start))
            cursor = p_end
        runs.append((run_start, pieces[last][1], kept))
        k = last + 1
    return runs


def squeeze_noise(text: str) -> str:
    """總統(zǒng tǒng)說 -> 总统说 with the noise's length of filler in front of the run of words
    it sits in: the words before the noise move right up to it, so that the run reads whole
    (外交部發(fā)言人 -> ····外交部发言人, 美国总\n统 -> ·美国总统) and ends where it ends in
    the document."""
    runs = _noise_runs(text)
    if not runs:
        return text
    out = list(text)
    for start, end, kept in runs:
        out[start:end] = FILLER * (end - start - len(kept)) + "".join(text[i] for i in kept)
    return "".join(out)


def moved_position_map(text: str) -> dict[int, int]:
    """Where a character of the analysis view (:func:`mask_noise`) sits in the document, for
    the characters that squeezing out noise moved (all others are where they are)."""
    moved: dict[int, int] = {}
    for _start, end, kept in _noise_runs(fold_halfwidth_marks(read_character_references(text))):
        first = end - len(kept)
        moved.update({first + j: pos for j, pos in enumerate(kept) if first + j != pos})
    return moved


def mask_punctuation_runs(text: str) -> str:
    """,,, / 。。。。 / ,。: one mark stays (a sentence end if the run holds one), the rest is filler."""

    def one(m: re.Match) -> str:
        run = m.group()
        keep = next((c for c in run if c in SENTENCE_END), run[0])
        return keep + FILLER * (len(run) - 1)

    return PUNCT_RUN.sub(one, text)


def _enumeration_number_before(text: str, pos: int) -> bool:
    """One or two digits right before pos, at a line's start or after a blank or a mark
    (：1. / ；2. / ⏎3.): the number of a list item."""
    k = pos
    while k > 0 and pos - k < 3 and text[k - 1].isdigit():
        k -= 1
    return 1 <= pos - k <= 2 and (k == 0 or text[k - 1] in ENUMERATION_LEADS)


def _beside_chinese(text: str, start: int, end: int) -> bool:
    """Do the ASCII marks text[start:end] punctuate Chinese text? After a Han character or a
    closing mark (打压. / 」, / ",), or before Chinese text when the run has no full stop
    (CNN:特朗普); a full stop never before a Latin letter (.com, U.S.)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if "." in text[start:end] and after.isascii() and after.isalpha():
        return False
    if text[start:end] == "." and _enumeration_number_before(text, start):
        return False  # 王毅表示：1. 各方… / ⏎2.国际社会…: an item's number, not a full stop
    if before and (HAN_CHAR.match(before) or before in CJK_CLOSERS or before in ASCII_CLOSERS):
        return True
    chinese_after = not after or after.isspace() or bool(HAN_CHAR.match(after)) or after in CJK_OPENERS or after in CJK_CLOSERS
    if "." in text[start:end]:  # 5%.\n / 2024.」 but not U.S. or 3.5
        return chinese_after and not (before.isascii() and before.isalpha()) and not after.isdigit()
    return bool(after) and bool(HAN_CHAR.match(after) or after in CJK_OPENERS)


def fold_halfwidth_marks(text: str) -> str:
    """打压.她还表示,中方 -> 打压。她还表示，中方: ASCII clause and sentence marks beside
    Chinese text become the Chinese marks every rule reads, full-width digits and letters
    ASCII ones (same length)."""
    if FULLWIDTH_ALNUM_CHAR.search(text):  # (str.translate visits every character: only when needed)
        text = text.translate(FULLWIDTH_ALNUM)
    # the text between folded runs copied in slices, not character by character
    parts: list[str] = []
    pos = 0
    for m in ASCII_MARK_RUN.finditer(text):
        start, end = m.span()
        if m.group() in "．｡" or _beside_chinese(text, start, end):
            parts += (text[pos:start], m.group().translate(HALFWIDTH_MARKS))
            pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def read_character_references(text: str) -> str:
    """&ldquo;X&rdquo; -> ······“X”······ (same length): the analysis view reads the character a
    complete reference names, beside the text it belongs to (an opening mark at the reference's
    end, any other character at its start; ASCII quotes alternate, opening first on each line),
    the rest filler. The document keeps the reference as written: offsets index the file's
    content (spec: Fields)."""
    if "&" not in text:
        return text
    opened: dict[int, bool] = {}  # line start -> an ASCII quote is open on that line

    def one(m: re.Match) -> str:
        ref = m.group()
        char = html.unescape(ref)
        if len(char) != 1 or char == ref or (not char.isprintable() and not char.isspace()):
            return ref  # &foo; names nothing; a control character is no text
        pad = FILLER * (len(ref) - 1)
        if char in ASCII_QUOTES:
            line = text.rfind("\n", 0, m.start()) + 1
            opening = not opened.get(line, False)
            opened[line] = opening
            return pad + char if opening else char + pad
        return pad + char if char in CJK_OPENERS else char + pad

    return CHAR_REFERENCE.sub(one, text)


def mask_stray_ascii_quotes(text: str) -> str:
    """An ASCII double quote with ASCII on both sides (V" |8 L, anti-scraping garbage glued to
    a sentence) quotes nothing Chinese: masked, so that it opens no quotation; so is markdown
    emphasis (**王毅：**), which is no part of a word."""
    if '"' in text:
        text = STRAY_ASCII_QUOTE.sub(FILLER, text)
    if "**" in text or "__" in text:
        text = MARKDOWN_EMPHASIS.sub(lambda m: FILLER * len(m.group()), text)
    return text


def mask_noise(text: str) -> str:
    """The analysis view of a noisy text, same length: ASCII marks folded, pinyin glosses and
    runs of marks masked, stray ASCII quotes masked, character references read (&ldquo; -> “)."""
    return mask_stray_ascii_quotes(mask_punctuation_runs(squeeze_noise(fold_halfwidth_marks(read_character_references(text)))))


def span_in_document(moved: dict[int, int], start: int, end: int) -> tuple[int, int]:
    """A span of the analysis view as a span of the document (see moved_position_map): from
    its first character's place to just after its last one's."""
    if not moved or end <= start:
        return start, end
    return moved.get(start, start), moved.get(end - 1, end - 1) + 1


@dataclass(frozen=True)
class Normalized:
    doc_id: str
    opencc_config: str
    text_simplified: str
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    zones: list[tuple[int, int, str]]

    def to_row(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "opencc_config": self.opencc_config,
            "text_simplified": self.text_simplified,
            "sentences": [{"start": s, "end": e} for s, e in self.sentences],
            "paragraphs": [{"start": s, "end": e} for s, e in self.paragraphs],
            "zones": [{"start": s, "end": e, "kind": k} for s, e, k in self.zones],
        }

    @classmethod
    def from_row(cls, row: dict) -> Normalized:
        return cls(
            doc_id=row["doc_id"],
            opencc_config=row["opencc_config"],
            text_simplified=row["text_simplified"],
            sentences=[(s["start"], s["end"]) for s in row["sentences"]],
            paragraphs=[(s["start"], s["end"]) for s in row["paragraphs"]],
            zones=[(z["start"], z["end"], z["kind"]) for z in row["zones"]],
        )

    def body_text(self) -> str:
        """text_simplified with every non-body zone blanked (newlines kept), same length."""
        return mask_zones(self.text_simplified, self.zones)


@lru_cache(maxsize=8)
def converter(config: str) -> opencc.OpenCC:
    if config not in SAFE_CONFIGS:
        raise ValueError(
            f"OpenCC config {config!r} may change the text's length and break offsets; "
            f"use one of {', '.join(SAFE_CONFIGS)}"
        )
    return opencc.OpenCC(config)


@lru_cache(maxsize=4)
def convert(text: str, config: str) -> str:
    """OpenCC's conversion, remembered for the last few texts: a run detects the
    script of a document (t2s) and then normalises it (t2s again) in one process."""
    return converter(config).convert(text)


def detect_script(text: str) -> str:
    """traditional, simplified or mixed, by how many characters each direction changes."""
    n_trad = changed_chars(text, convert(text, "t2s"))
    if n_trad == 0:  # simplified whatever s2t would change: skip that conversion (OpenCC's slowest)
        return "simplified"
    n_simp = changed_chars(text, convert(text, "s2t"))
    if n_trad >= 4 * max(n_simp, 1) or (n_simp == 0 and n_trad > 0):
        return "traditional"
    if n_simp >= 4 * n_trad:
        return "simplified"
    return "mixed"


def changed_chars(text: str, converted: str) -> int:
    """Positions where two strings differ (over the shorter one's length)."""
    n = min(len(text), len(converted))
    # as code points in arrays: one vectorised comparison instead of a Python loop
    a = numpy.frombuffer(text[:n].encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    b = numpy.frombuffer(converted[:n].encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    return int(numpy.count_nonzero(a != b))


@lru_cache(maxsize=4)
def regional_table(configs: tuple[str, ...], keep: str) -> dict[int, str]:
    """A ``str.translate`` table folding regional character forms onto standard Traditional.

    For each config (hk2t, tw2t: regional form → OpenCC standard), every character it maps
    to exactly one other character, as OpenCC converts it alone (no phrase context: the
    map must be 1:1 wherever the character stands). Only mappings that change the
    Simplified result are kept (峯 and 綫 already become 峰 and 线 through t2s); the first
    config wins where two disagree; the characters of ``keep`` are left as they are.
    """
    chars = [chr(c) for lo, hi in CJK_RANGES for c in range(lo, hi + 1)]
    t2s = converter("t2s")
    table: dict[int, str] = {}
    for config in configs:
        # one call for all: a line break between characters stops phrase matching
        mapped = converter(config).convert("\n".join(chars)).split("\n")
        if len(mapped) != len(chars):
            raise ValueError(f"OpenCC config {config!r} does not map characters one for one")
        pairs = [(c, m) for c, m in zip(chars, mapped, strict=True) if m != c and len(m) == 1 and c not in keep]
        pairs = [(c, m) for c, m in pairs if ord(c) not in table]
        if not pairs:
            continue
        # what t2s makes of each side, again in one call
        sides = t2s.convert("\n".join(f"{c}\n{m}" for c, m in pairs)).split("\n")
        for i, (c, m) in enumerate(pairs):
            if sides[2 * i] != sides[2 * i + 1]:
                table[ord(c)] = m
    return table


def fold_regional_forms(text: str, cfg: NormalizeConfig | None = None) -> str:
    """text with HK/TW character forms replaced by their standard Traditional forms (same length)."""
    cfg = cfg or NormalizeConfig()
    if not cfg.regional_variants:
        return text
    key = (tuple(cfg.regional_variants), cfg.regional_keep)
    if not _regional_chars(*key).search(text):  # the usual case: str.translate visits every character
        return text
    return text.translate(regional_table(*key))


@lru_cache(maxsize=4)
def _regional_chars(configs: tuple[str, ...], keep: str) -> re.Pattern:
    """Any character that :func:`regional_table` folds (a pattern that never matches for none)."""
    table = regional_table(configs, keep)
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]" if table else "(?!)")


def to_simplified(text: str, config: str, cfg: NormalizeConfig | None = None) -> str:
    """Convert with OpenCC, guaranteeing the result has the input's length. To Simplified
    (t2s, hk2s, tw2s), regional forms are folded first (:func:`fold_regional_forms`)."""
    if config in TO_SIMPLIFIED:
        text = fold_regional_forms(text, cfg)
    out = convert(text, config)
    if len(out) == len(text):
        return out
    conv = converter(config)
    chars = []
    for ch in text:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n", text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def split_sentences(text: str, quote_pairs: dict[str, str]) -> list[tuple[int, int]]:
    """Sentences end at 。！？ outside quotation marks, or at a line break.

    Quote depth is reset at every line break, so an unclosed mark cannot
    swallow the rest of the document. Linear in the text length.
    """
    openers = {k for k in quote_pairs if k != quote_pairs[k]}
    closers = {v for k, v in quote_pairs.items() if k != v}
    toggles = {k for k, v in quote_pairs.items() if k == v}
    # the characters acted on; the regex engine skips the rest
    marks = any_char_of(frozenset(["\n", *SENTENCE_END, *quote_pairs, *quote_pairs.values()]))
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    depth = 0
    toggled: set[str] = set()
    i = 0
    while (m := marks.search(text, i)) is not None:
        i = m.start()
        ch = text[i]
        end = -1
        if ch == "\n":
            end = i
            depth = 0
            toggled.clear()
        elif ch in openers:
            depth += 1
        elif ch in closers:
            if depth > 0:
                depth -= 1
                if depth == 0 and i > 0 and text[i - 1] in SENTENCE_END:
                    end = i + 1
        elif ch in toggles:
            if ch in toggled:
                toggled.discard(ch)
                depth = max(depth - 1, 0)
                if depth == 0 and i > 0 and text[i - 1] in SENTENCE_END:
                    end = i + 1
            else:
                toggled.add(ch)
                depth += 1
        elif ch in SENTENCE_END and depth == 0:
            j = i + 1
            # outside quotes a toggling mark (") after the stop opens the next quote
            while j < n and (text[j] in SENTENCE_END or (text[j] in CLOSERS and text[j] not in toggles)):
                j += 1
            end = j
        if end >= 0:
            if text[start:end].strip():
                spans.append((start, end))
            start = end if ch != "\n" else end + 1
            i = max(i + 1, end if ch != "\n" else i + 1)
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, n))
    return [_strip_span(text, s, e) for s, e in spans]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_zones(text: str, rules: ZoneRules, unsqueezed: str | None = None) -> list[tuple[int, int, str]]:
    """Spans of the (Simplified) text that are not article body.

    unsqueezed: the text at the same offsets before noise was squeezed out (its blanks
    between words still there), where a furniture lead ends."""
    zones: list[tuple[int, int, str]] = []
    body_start = 0
    if text.startswith("---"):
        close = re.compile(r"^---\s*$", re.M).search(text, 3)
        if close:
            zones.append((0, close.end(), "front_matter"))
            body_start = close.end()
    for s, e in markup_blocks(text, body_start):
        zones.append((s, e, "markup"))
    for m in MARKUP_TAG.finditer(text, body_start):
        zones.append((m.start(), m.end(), "markup"))
    for m in TIMESTAMP.finditer(text, body_start):
        zones.append((m.start(), m.end(), "timestamp"))
    # on the unsqueezed text: a dateline ends at a blank (环球网报道 日本首相…), and the
    # squeezed view ends its runs where the blanks end
    source = unsqueezed or text
    for pattern in (DATELINE, rules.report_label):
        for m in pattern.finditer(source, body_start):
            zones.append((m.start(), m.end(), "dateline"))

    # a paragraph inside one of the zones found so far is skipped; the zones added below
    # are paragraphs themselves and cannot hold a later one, so one index serves the loop
    inside = _containment(zones)
    first_line = True
    paragraphs = [(start + body_start, end + body_start) for start, end in split_paragraphs(text[body_start:])]
    prose_before = 0  # characters of the article's own sentences (no zone) read so far
    resume = 0  # the paragraph where the article goes on after a block in its middle
    labelled = False  # the article has labelled paragraphs of its own (a transcript's turns)
    for index, (start, end) in enumerate(paragraphs):
        s, e = _strip_span(text, start, end)
        line = text[s:e]
        if index < resume or inside(s, e):
            continue
        kind = _line_kind(line, rules, first_line)
        if kind is None and first_line:
            # 美俄峰会在即 普京称愿意对话 俄罗斯总统普京周二表示，…: a page's title glued to its
            # body (read where the blanks still are: the squeezed view moved the title's words)
            source = unsqueezed or text
            u_s = start + len(source[start:e]) - len(source[start:e].lstrip())
            glued = GLUED_HEADLINE.match(source, u_s, e)
            if glued and _splits_a_phrase(glued.group(1), glued.group(2)):
                glued = None
            if glued:
                kind, e = "headline", glued.start(2)
        first_line = False
        if kind == "heading" and _colon_quote_line(line) and _heads_nothing(text, paragraphs, index):
            kind = None  # 普京：「…」 as the last line, or one turn of an exchange of such lines: said, not a heading
        if kind == "tail_block" and _prose_chars(text, paragraphs[index + 1 :]) > prose_before:
            # 分享到 / 我要评论 / 责任编辑 in the page's header or after its lead: more prose
            # follows than came before, so this is the page's furniture, not its end
            kind = "furniture"
        if kind == "tail_block":
            # the block runs to the end, unless the article's prose resumes after it (a box of
            # related links in the middle of the article)
            resume = next(
                (k for k in range(index + 1, len(paragraphs)) if _resumes_article(text, paragraphs[k], rules, labelled)), 0
            )
            zones.append((s, paragraphs[resume][0] if resume else len(text), kind))
            if not resume:
                break
            continue
        if kind is None:
            prose_before += _prose_chars(text, [(s, e)])
            labelled = labelled or bool(LABEL_COLON.search(line[: rules.max_label_chars]))
        if kind == "furniture" and _label_then_sentences((unsqueezed or text)[s:e], rules):
            kind = "furniture_lead"
        if kind == "furniture_lead":
            kind, e = "furniture", s + _furniture_lead_end((unsqueezed or text)[s:e], rules)
        if kind:
            zones.append((s, e, kind))
    return merge_zones(zones)


def _resumes_article(text: str, paragraph: tuple[int, int], rules: ZoneRules, labelled: bool) -> bool:
    """A paragraph after a tail-block header that is the article again: a long one holding a
    sentence, with no label before a colon opening it unless the article had labelled
    paragraphs itself (a transcript's turns); a reader's comment, 网友：…, keeps the block
    going, and so do link titles, share bars and one-line notices."""
    line = text[paragraph[0] : paragraph[1]].strip()
    if len(line) < rules.article_paragraph_chars or SENTENCE_END.isdisjoint(line):
        return False
    return labelled or not LABEL_COLON.search(line[: rules.max_label_chars])


def _prose_chars(text: str, paragraphs: list[tuple[int, int]]) -> int:
    """Characters of the paragraphs that hold a sentence (a link list's titles and a share
    bar do not): how much of an article they are."""
    return sum(len(text[s:e].strip()) for s, e in paragraphs if not SENTENCE_END.isdisjoint(text[s:e]))


def _splits_a_phrase(title: str, body: str) -> bool:
    """马克宏（Emmanuel Macron）说，…: a blank inside a bracket or between two Latin words
    belongs to the sentence, so it does not separate a glued title from its body."""
    if title[-1:].isascii() and title[-1:].isalnum() and body[:1].isascii() and body[:1].isalnum():
        return True
    return sum(title.count(c) for c in "（(【[") > sum(title.count(c) for c in "）)】]")


def _containment(zones: list[tuple[int, int, str]]):
    """Is [s, e) within a single zone? O(log n) per query."""
    ordered = sorted((zs, ze) for zs, ze, _ in zones)
    starts = [zs for zs, _ in ordered]
    reach = list(itertools.accumulate((ze for _, ze in ordered), max))  # furthest end among zones starting so far

    def inside(s: int, e: int) -> bool:
        k = bisect_right(starts, s) - 1
        return k >= 0 and reach[k] >= e

    return inside


def markup_blocks(text: str, pos: int = 0) -> list[tuple[int, int]]:
    """Blocks ``<figure|script|style|nav|aside|footer …>…</same>`` from pos on, in linear time.

    The regex scans to the end of the text for every opening tag that is never
    closed (``<nav>`` x 10,000 is quadratic); here the next closing tag of each
    name is searched once and remembered.
    """
    spans: list[tuple[int, int]] = []
    found: dict[str, tuple[int, re.Match | None]] = {}  # name -> (searched from, next closer or None)
    closers: dict[str, re.Pattern] = {}
    while True:
        m = MARKUP_BLOCK_OPEN.search(text, pos)
        if m is None:
            return spans
        name = m.group(1).lower()
        start = m.end()
        cached = found.get(name)
        if cached is not None and cached[0] <= start and (cached[1] is None or cached[1].start() >= start):
            close = cached[1]
        else:
            pattern = closers.get(name)
            if pattern is None:
                pattern = closers[name] = re.compile(r"</" + name + r"\s*>", re.I)
            close = pattern.search(text, start)
            found[name] = (start, close)
        if close is None:
            pos = m.start() + 1
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


def _line_kind(line: str, rules: ZoneRules, first_line: bool) -> str | None:
    bare = TIMESTAMP.sub("", MARKUP_TAG.sub("", line)).strip()
    if not bare:
        return None
    link_header = next((h for h in rules.link_headers if _opens_as_header(bare, h)), None)
    if link_header and bare[len(link_header):].strip(LINK_HEADER_MARKS):
        # 相关报道：X mid-article is one link; the article may go on below it
        return "furniture"
    tail_header = any(_opens_as_header(bare, h) for h in rules.tail_block_headers)
    if tail_header and len(bare) <= 20:
        return "tail_block"
    if bare.startswith("#"):  # a markdown heading
        return "headline" if first_line else "heading"
    if bare.startswith(rules.furniture_prefixes):
        # a long line is a page scraped into one line (a caption of a few sentences is not)
        return "furniture_lead" if len(bare) > rules.max_furniture_chars else "furniture"
    has_end = not SENTENCE_END.isdisjoint(bare)
    if len(bare) <= rules.max_caption_chars:
        # a credit ends the line (…峰会。(Reuters), …新华社记者 张三 摄) or a marker opens it
        # (图为…); a sentence that only names an agency (…告诉路透社，X。) is body
        end = bare.rstrip(CAPTION_TRAILERS)
        if bare.endswith(rules.caption_markers) or end.endswith(rules.caption_markers):
            return "caption"
        if bare.startswith(rules.caption_openers):
            return "caption"
        if re.fullmatch(r"[（(].*[）)]", bare):
            return "caption"
        if rules.caption_position.search(bare) or rules.caption_numbered.match(bare):
            return "caption"
        credit = TRAILING_BRACKET.search(bare)
        if credit and _is_photo_credit(credit.group(1), rules):
            # …表示愿意对话。（示意图／达志影像）: a photo's credit closes the line
            return "caption"
    if first_line and len(bare) <= 2 * rules.max_heading_chars and "：" not in bare[:12] and "。" not in bare:
        return "headline"
    # a clause mark inside (，；、) or a colon or dash at the end (普京说—— ⏎「…」): a line of
    # running text (a list item closed by ；), not a heading; 'X：Y' title lines of live blogs are headings
    if len(bare) <= rules.max_heading_chars and not has_end and not re.search(r"[，,；;、]|[：:]$|——$", bare):
        if not _quote_after_speech_verb(bare, rules):
            return "heading"
    if len(bare) <= rules.max_heading_chars and "？" in bare[:-1] and not HEADING_QUESTION_BLOCKERS.search(bare):
        # a short question with more after it (美国称将制裁？俄方：奉陪到底) is a headline's
        # two halves; a quote or a clause mark would make it running text, and a line that
        # ends at its question mark may be reported speech (拜登质问俄方为何不撤军？)
        return "heading"
    if len(bare) <= rules.max_heading_chars and DATE_LINE.search(bare) and not has_end:
        return "furniture"
    return None


def _colon_quote_line(line: str) -> bool:
    """普京：「我们不想要战争」: a line that is a label, a colon and a quotation closing it."""
    if not line or line[-1] not in QUOTE_CLOSERS:
        return False
    opener = max(line.rfind(m, 0, len(line) - 1) for m in QUOTE_OPENERS)
    return opener >= 2 and line[: opener].rstrip().endswith(("：", ":"))


def _heads_nothing(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """A heading introduces the paragraphs after it: a name-colon-quotation line that ends
    the text, or that has another such line right before or after it (普京：「…」⏎拜登：「…」,
    an exchange), is a line of what was said."""
    if index == len(paragraphs) - 1:
        return True
    neighbours = [paragraphs[k] for k in (index - 1, index + 1) if 0 <= k < len(paragraphs)]
    return any(_colon_quote_line(text[s:e].strip()) for s, e in neighbours)


def _quote_after_speech_verb(line: str, rules: ZoneRules) -> bool:
    """川普说：「我们不会让步」: a short line that closes with a quotation opened after a speech
    verb and a colon is reported speech whose writer left out the final stop, not a heading
    (a heading gives the name alone: 普京：「…」)."""
    if not line or line[-1] not in QUOTE_CLOSERS:
        return False
    opener = max(line.rfind(m, 0, len(line) - 1) for m in QUOTE_OPENERS)  # (a straight mark both opens and closes)
    head = line[: max(opener, 0)].rstrip()  # (a blank may follow the colon: 说：\u00a0「…」)
    if opener < 1 or not head.endswith(("：", ":")):
        return False
    return head[:-1].rstrip().endswith(rules.quote_colon_verbs)


def _opens_as_header(line: str, header: str) -> bool:
    """相关新闻 / 相关报道：X / 延伸阅读》X, but not 相关报道指出，X (a sentence whose subject
    is the header's words): the header ends the line or a mark or blank follows it."""
    return line.startswith(header) and (len(line) == len(header) or line[len(header)] in LINK_HEADER_MARKS + "【[(（")


def _is_photo_credit(inside: str, rules: ZoneRules) -> bool:
    """（图／路透社）, （示意图／X）, （美联社资料照）: the bracket names a picture and its source."""
    inside = inside.strip()
    return inside.startswith(rules.caption_openers) or inside.endswith(rules.caption_markers)


def _label_then_sentences(line: str, rules: ZoneRules) -> bool:
    """来源：新闻网 法国外长表示，X。: a labelled credit (its prefix ends in a colon) is one
    word; sentences after its blank are the body, however short the line."""
    prefix = next((p for p in rules.furniture_prefixes if line.startswith(p)), "")
    if not prefix.endswith(("：", ":")):
        return False
    lead = FURNITURE_LEAD.match(line, len(prefix))
    return bool(lead and lead.group().endswith((" ", "\t", "\u3000")) and not SENTENCE_END.isdisjoint(line[lead.end() :]))


def _furniture_lead_end(line: str, rules: ZoneRules) -> int:
    """Where the furniture ends in a long line that opens like furniture: a page scraped
    into one line (来源：X 日本首相…表示，…) keeps its body; the furniture is the prefix
    and the word after it, up to a blank or through the first sentence end."""
    prefix = next((p for p in rules.furniture_prefixes if line.startswith(p)), "")
    m = FURNITURE_LEAD.match(line, len(prefix))
    return m.end() if m else len(line)


def merge_zones(zones: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping zones; where zones overlap the earlier kind wins."""
    out: list[tuple[int, int, str]] = []
    for s, e, k in sorted(zones):
        if out and s < out[-1][1]:
            ps, pe, pk = out[-1]
            out[-1] = (ps, max(pe, e), pk)
        else:
            out.append((s, e, k))
    return out


def mask_zones(text: str, zones: list[tuple[int, int, str]]) -> str:
    if not zones:
        return text
    parts = []
    pos = 0
    for s, e, _ in zones:
        parts.append(text[pos:s])
        parts.append(re.sub(r"[^\n]", " ", text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def opencc_config_for(script: str, cfg: NormalizeConfig) -> str:
    if script == "traditional":
        return cfg.opencc_traditional
    if script == "mixed":
        return cfg.opencc_mixed
    return "t2s"


def normalize_document(
    doc_id: str, text: str, script: str, cfg: NormalizeConfig, lex: Lexicons
) -> Normalized:
    config = opencc_config_for(script, cfg)
    converted = to_simplified(text, config, cfg)
    simplified = mask_noise(converted)
    return Normalized(
        doc_id=doc_id,
        opencc_config=config,
        text_simplified=simplified,
        sentences=split_sentences(simplified, lex.quote_pairs),
        paragraphs=split_paragraphs(simplified),
        zones=find_zones(simplified, lex.zone_rules, converted),
    )
