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
CLOSERS = frozenset("”」』’）)\"'》")
# 新华社北京5月14日电 / 中央社台北12日電: the dateline opening a wire story
DATELINE = re.compile(r"^[ \t\u3000]*[^\s，。：:“「]{2,30}?\d{1,2}\s*月?\s*\d{1,2}\s*日\s*(电|讯)[）)]?[ \t\u3000]*", re.M)
TIMESTAMP = re.compile(r"【\s*\d{1,2}\s*[:：]\s*\d{2}\s*】")
MARKUP_BLOCK_OPEN = re.compile(r"<(figure|script|style|nav|aside|footer)\b", re.I)
MARKUP_TAG = re.compile(r"<[^<>\n]{1,500}>")
DATE_LINE = re.compile(r"\d{4}\s*[年\-/.]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}")
SAFE_CONFIGS = ("t2s", "hk2s", "tw2s", "s2t", "t2hk", "t2tw", "s2hk", "s2tw", "hk2t", "tw2t")
TO_SIMPLIFIED = frozenset({"t2s", "hk2s", "tw2s"})
# code points OpenCC's dictionaries cover: CJK unified ideographs (BMP, extension A, B to F) and compatibility ideographs
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F))


# --- Noisy text (spun or annotated copies) -------------------------------------------------
# The analysis view keeps the document's length: noise is masked with FILLER (a blank, which
# every step already skips), never deleted, so an offset in the view is one in the document.
FILLER = " "
# tone-marked pinyin letters: a gloss must hold one, so (Reuters) or (with the wind) is no gloss
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(r"[(（]([a-zA-Zü" + TONED + r"]+(?:[ \t]+[a-zA-Zü" + TONED + r"]+)*)[)）]")
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
# characters that end a run of words (a gloss's own brackets aside)
WORD_BREAK = frozenset("，,。；;：:！？!?、“”「」『』‘’\"'《》()（）[]【】 \t\u3000\r\n")
# a run of clause marks left by spinning tools: ,,,  。。。。  ,、  ,。
PUNCT_RUN = re.compile(r"[，,、；;。]{2,}")


def _gloss_runs(text: str) -> list[tuple[int, int, list[int]]]:
    """Runs of words holding pinyin glosses: (start, end, positions of the characters that
    are not gloss), the run ending with its last gloss."""
    glosses = [m for m in PINYIN_GLOSS.finditer(text) if any(c in TONED for c in m.group(1))]
    glosses = [m for m in glosses if m.start() > 0 and HAN_CHAR.match(text, m.start() - 1)]
    runs = []
    k = 0
    while k < len(glosses):
        run_start = glosses[k].start() - 1
        while run_start > 0 and text[run_start - 1] not in WORD_BREAK:
            run_start -= 1
        last = k
        while last + 1 < len(glosses):
            between = text[glosses[last].end() : glosses[last + 1].start()]
            if not between or any(c in WORD_BREAK for c in between):
                break
            last += 1
        kept: list[int] = []
        cursor = run_start
        for m in glosses[k : last + 1]:
            kept.extend(range(cursor, m.start()))
            cursor = m.end()
        runs.append((run_start, glosses[last].end(), kept))
        k = last + 1
    return runs


def mask_pinyin_glosses(text: str) -> str:
    """總統(zǒng tǒng)說 -> 总统说 with the gloss's length of filler in front of the run of words
    it sits in: the words before a gloss move right up to it, so that the run reads whole
    (外交部發(fā)言人 -> ····外交部发言人) and ends where it ends in the document."""
    runs = _gloss_runs(text)
    if not runs:
        return text
    out = list(text)
    for start, end, kept in runs:
        out[start:end] = FILLER * (end - start - len(kept)) + "".join(text[i] for i in kept)
    return "".join(out)


def gloss_position_map(text: str) -> dict[int, int]:
    """Where a character of the analysis view sits in the document, for the characters that
    mask_pinyin_glosses moved (all others are where they are)."""
    moved: dict[int, int] = {}
    for _start, end, kept in _gloss_runs(text):
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


def mask_noise(text: str) -> str:
    """The analysis view of a noisy text, same length: pinyin glosses and runs of marks masked."""
    return mask_punctuation_runs(mask_pinyin_glosses(text))


def span_in_document(moved: dict[int, int], start: int, end: int) -> tuple[int, int]:
    """A span of the analysis view as a span of the document (see gloss_position_map): from
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
    return text.translate(regional_table(tuple(cfg.regional_variants), cfg.regional_keep))


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
            while j < n and (text[j] in SENTENCE_END or text[j] in CLOSERS):
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


def find_zones(text: str, rules: ZoneRules) -> list[tuple[int, int, str]]:
    """Spans of the (Simplified) text that are not article body."""
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
    for m in DATELINE.finditer(text, body_start):
        zones.append((m.start(), m.end(), "dateline"))

    # a paragraph inside one of the zones found so far is skipped; the zones added below
    # are paragraphs themselves and cannot hold a later one, so one index serves the loop
    inside = _containment(zones)
    first_line = True
    for start, end in split_paragraphs(text[body_start:]):
        start += body_start
        end += body_start
        s, e = _strip_span(text, start, end)
        line = text[s:e]
        if inside(s, e):
            continue
        kind = _line_kind(line, rules, first_line)
        first_line = False
        if kind == "tail_block":
            zones.append((s, len(text), kind))
            break
        if kind:
            zones.append((s, e, kind))
    return merge_zones(zones)


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
    if bare.startswith(rules.tail_block_headers) and len(bare) <= 20:
        return "tail_block"
    if bare.startswith("#"):  # a markdown heading
        return "headline" if first_line else "heading"
    if bare.startswith(rules.furniture_prefixes):
        return "furniture"
    has_end = not SENTENCE_END.isdisjoint(bare)
    if len(bare) <= rules.max_caption_chars:
        tail = bare[-14:]
        if any(m in tail for m in rules.caption_markers) or re.fullmatch(r"[（(].*[）)]", bare):
            return "caption"
        if rules.caption_position.search(bare):
            return "caption"
    if first_line and len(bare) <= 2 * rules.max_heading_chars and "：" not in bare[:12] and "。" not in bare:
        return "headline"
    if len(bare) <= rules.max_heading_chars and not has_end and not re.search(r"[，,]|[：:]$", bare):
        return "heading"  # also 'X：Y' title lines of live blogs
    if len(bare) <= rules.max_heading_chars and DATE_LINE.search(bare) and not has_end:
        return "furniture"
    return None


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
    simplified = mask_noise(to_simplified(text, config, cfg))
    return Normalized(
        doc_id=doc_id,
        opencc_config=config,
        text_simplified=simplified,
        sentences=split_sentences(simplified, lex.quote_pairs),
        paragraphs=split_paragraphs(simplified),
        zones=find_zones(simplified, lex.zone_rules),
    )
