"""Variants of an article and hostile files: the test data of ``tests/test_robustness.py``.

Everything here is a pure function of its arguments (hostile files take a seed):
nothing is written to disk. A caller writes :attr:`Variant.data` /
:attr:`HostileFile.data` under the names it likes.

Variants of one article, and what the pipeline must give back for each:

==============  =========================================  ==========================
variant         bytes                                      same claims as UTF-8, by
==============  =========================================  ==========================
``utf8``        UTF-8, no byte-order mark (the reference)  —
``utf8_bom``    UTF-8 with a byte-order mark               (speaker, start, end)
``utf16``       UTF-16 with a byte-order mark              (speaker, start, end)
``gb18030``     GB18030                                    (speaker, start, end)
``big5``        Big5, else Big5-HKSCS; skipped when the    (speaker, start, end)
                text has characters neither can encode
``crlf``        UTF-8 with ``\\r\\n`` line endings          (speaker, text)
``html``        an HTML page: one ``<p>`` per line, text   (speaker, text)
                escaped, nav / script / footer noise
``opencc``      UTF-8 in the other script (OpenCC s2t      (speaker, start, end)
                for Simplified, t2s for Traditional),
                length kept
``hk``          UTF-8 in Hong Kong forms (s2hk / t2hk:     (speaker, start, end)
                峯 衞 綫 …), length kept
``tw``          UTF-8 in Taiwan forms (s2tw / t2tw:        (speaker, start, end)
                裡 群 臺 著 …), length kept
``ascii_marks`` Chinese marks typed as ASCII ones           (speaker, start, end)
                (，。：；？！ -> ,.:;?!), length kept
``wrapped``     hard-wrapped: every line cut at 30         (speaker, text without
                characters, as plain-text archives are     blanks)
``spaced``      a blank after every 7 Han characters        (speaker, text without
                (PDF extraction, spun copies)              blanks)
``zero_width``  a zero-width space after every 5 Han       (speaker, text without
                characters (anti-scraping garbage)         blanks)
``fullwidth``   digits and Latin letters full-width        (speaker, start, end)
                (２０２１年, Ｇ７), length kept
``glossed``     every character the other script writes    (speaker, text without
                otherwise glossed with that form in        script glosses)
                brackets (發(发)言人), as reposts do
==============  =========================================  ==========================

Byte-level variants decode to the very same text, so their offsets must be equal;
CRLF and HTML change the text (offsets differ) but not what was said; the OpenCC
variants (other script, HK and TW forms) have the same length, so the same spans.

:func:`hostile_files` gives files that must be rejected with a known reason
(empty, whitespace only, binary, undecodable, .pdf, no extension, hidden) and
files that must be read without crash or hang (unbalanced and deeply nested
quotation marks, a 300,000-character line, emoji, inline pinyin, mixed scripts).
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

from pipeline.normalize import to_simplified
from pipeline.probe import ASCII_MARKS, FULLWIDTH, blank_every, hard_wrap

# comparison modes
BY_SPAN = "span"  # (speaker, start, end): offsets must be equal
BY_TEXT = "text"  # (speaker, text): offsets move, the words do not
BY_LETTERS = "letters"  # (speaker, text without blanks): blanks and line breaks inserted in the words
BY_UNGLOSSED = "unglossed"  # (speaker, text without script glosses): 發(发) inserted in the words

# variant name -> (Python codec, how its claims compare with the UTF-8 reading)
BYTE_VARIANTS: dict[str, tuple[str, str]] = {
    "utf8": ("utf-8", BY_SPAN),
    "utf8_bom": ("utf-8-sig", BY_SPAN),
    "utf16": ("utf-16", BY_SPAN),  # Python writes a byte-order mark (little-endian here)
    "gb18030": ("gb18030", BY_SPAN),
}
BIG5_CODECS = ("big5", "big5hkscs")  # plain Big5 when it can, Big5-HKSCS for the HK characters
VARIANT_NAMES = (
    "utf8", "utf8_bom", "utf16", "gb18030", "big5", "crlf", "html", "opencc", "hk", "tw", "ascii_marks", "wrapped", "spaced",
    "zero_width", "fullwidth", "glossed",
)
WRAP_WIDTH = 30
OTHER_SCRIPT = {"simplified": "s2t", "traditional": "t2s", "mixed": "t2s"}
# regional forms: from Simplified text with s2hk / s2tw, from Traditional (and mixed) with t2hk / t2tw
REGIONAL = {"hk": "hk", "tw": "tw"}


@dataclass(frozen=True)
class Variant:
    name: str  # one of VARIANT_NAMES
    suffix: str  # file extension to write it with: .txt or .html
    data: bytes
    compare: str  # BY_SPAN or BY_TEXT
    encoding: str  # the Python codec the bytes are in
    note: str = ""  # e.g. which OpenCC config or Big5 flavour was used


@dataclass(frozen=True)
class Skipped:
    name: str
    why: str


@dataclass(frozen=True)
class HostileFile:
    path: str  # relative path (may hold a folder)
    data: bytes
    reason: str | None  # the rejection reason it must get; None when it must become a document
    what: str


# --------------------------------------------------------------------------- text transforms


def lf(text: str) -> str:
    """Line endings as \\n (\\r\\n and lone \\r)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def crlf(text: str) -> str:
    """Line endings as \\r\\n."""
    return lf(text).replace("\n", "\r\n")


def encode_lossless(text: str, codec: str) -> bytes | None:
    """text in codec, or None when the codec cannot hold every character (or does not round-trip)."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return None
    try:
        back = data.decode(codec)  # a byte-order mark is consumed by the decoder
    except UnicodeDecodeError:
        return None
    return data if back == text else None


def unencodable(text: str, codec: str, limit: int = 5) -> str:
    """The first few characters of text that codec cannot encode (for messages)."""
    bad: list[str] = []
    for ch in dict.fromkeys(text):
        try:
            if ch.encode(codec).decode(codec) != ch:
                bad.append(ch)
        except (UnicodeEncodeError, UnicodeDecodeError):
            bad.append(ch)
        if len(bad) >= limit:
            break
    return "".join(bad)


def convert_script(text: str, config: str) -> str:
    """OpenCC conversion that keeps the text's length (normalize.to_simplified does any safe config)."""
    return to_simplified(text, config)


def script_glossed(text: str, script: str) -> str:
    """Every character that the other script writes otherwise, followed by that form in
    brackets (發(发)言人 in a Traditional text, 发(發)言人 in a Simplified one)."""
    other = other_script(text, script)[1]
    return "".join(c if o == c else f"{c}({o})" for c, o in zip(text, other, strict=True))


def other_script(text: str, script: str) -> tuple[str, str]:
    """(OpenCC config, text in the other script): s2t for Simplified, t2s for Traditional (and mixed)."""
    config = OTHER_SCRIPT[script]
    return config, convert_script(text, config)


NAV_NOISE = (
    "<header><a href=\"/\">首頁</a> | <a href=\"/world\">國際</a> | 普京表示：「這是導航欄，不是新聞」</header>\n"
    "<nav><ul><li><a href=\"/a\">拜登稱「頁首連結」</a></li><li><a href=\"/b\">熱門：特朗普說會談很好</a></li></ul></nav>\n"
)
SCRIPT_NOISE = (
    "<script>var quote = \"「腳本裡的引號」\"; if (a < b && c > d) { console.log('普京表示：不應出現'); }</script>\n"
    "<style>p { margin: 0 } .x::before { content: \"「\" }</style>\n"
    "<noscript>請啟用 JavaScript：拜登說「不應出現」</noscript>\n"
)
FOOTER_NOISE = (
    "<aside>相關新聞：<a href=\"/c\">普京稱「側欄」</a></aside>\n"
    "<footer>© 2024 新聞網 版權所有。拜登表示：「頁腳不是新聞。」<a href=\"/privacy\">私隱政策</a></footer>\n"
    "<script type=\"application/ld+json\">{\"headline\": \"普京說「結構化資料」\"}</script>\n"
)


def html_page(text: str, title: str | None = None, charset: str = "utf-8") -> str:
    """The text as an HTML page: each non-empty line a <p> (escaped), inside nav/script/footer noise.

    The noise holds names, cues and quotation marks, so a leak of it into the body
    text shows up as extra claims.
    """
    lines = [line for line in lf(text).split("\n") if line.strip()]
    if title is None:
        title = lines[0].strip() if lines else ""
    body = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
    return (
        "<!DOCTYPE html>\n"
        f"<html lang=\"zh-Hant\"><head><meta charset=\"{charset}\">\n"
        f"<title>{html.escape(title[:200], quote=False)}</title>\n"
        f"{SCRIPT_NOISE}</head>\n<body>\n{NAV_NOISE}<article>\n{body}\n</article>\n{FOOTER_NOISE}</body></html>\n"
    )


# --------------------------------------------------------------------------- variants of an article


def article_variants(text: str, script: str, names: tuple[str, ...] = VARIANT_NAMES) -> tuple[list[Variant], list[Skipped]]:
    """The variants of one article (text as decoded, script as detected), and the ones that cannot be made.

    The utf8 variant is the reference: the text with its line endings as they are, in UTF-8.
    """
    variants: list[Variant] = []
    skipped: list[Skipped] = []
    for name in names:
        if name in BYTE_VARIANTS:
            codec, compare = BYTE_VARIANTS[name]
            data = encode_lossless(text, codec)
            if data is None:
                skipped.append(Skipped(name, f"{codec} cannot encode {unencodable(text, codec)!r}"))
            else:
                variants.append(Variant(name, ".txt", data, compare, codec))
        elif name == "big5":
            for codec in BIG5_CODECS:
                data = encode_lossless(text, codec)
                if data is not None:
                    variants.append(Variant(name, ".txt", data, BY_SPAN, codec, note=codec))
                    break
            else:
                bad = unencodable(text, BIG5_CODECS[-1])
                skipped.append(Skipped(name, f"neither Big5 nor Big5-HKSCS can encode {bad!r}"))
        elif name == "crlf":
            variants.append(Variant(name, ".txt", crlf(text).encode("utf-8"), BY_TEXT, "utf-8"))
        elif name == "html":
            variants.append(Variant(name, ".html", html_page(text).encode("utf-8"), BY_TEXT, "utf-8"))
        elif name == "opencc":
            config, converted = other_script(text, script)
            variants.append(Variant(name, ".txt", converted.encode("utf-8"), BY_SPAN, "utf-8", note=config))
        elif name in REGIONAL:
            config = ("s2" if script == "simplified" else "t2") + REGIONAL[name]
            converted = convert_script(text, config)
            variants.append(Variant(name, ".txt", converted.encode("utf-8"), BY_SPAN, "utf-8", note=config))
        elif name == "ascii_marks":
            variants.append(Variant(name, ".txt", text.translate(ASCII_MARKS).encode("utf-8"), BY_SPAN, "utf-8"))
        elif name == "wrapped":
            variants.append(Variant(name, ".txt", hard_wrap(lf(text), WRAP_WIDTH).encode("utf-8"), BY_LETTERS, "utf-8"))
        elif name == "spaced":
            variants.append(Variant(name, ".txt", blank_every(text, " ", 7).encode("utf-8"), BY_LETTERS, "utf-8"))
        elif name == "zero_width":
            variants.append(Variant(name, ".txt", blank_every(text, "\u200b", 5).encode("utf-8"), BY_LETTERS, "utf-8"))
        elif name == "fullwidth":
            variants.append(Variant(name, ".txt", text.translate(FULLWIDTH).encode("utf-8"), BY_SPAN, "utf-8"))
        elif name == "glossed":
            variants.append(Variant(name, ".txt", script_glossed(text, script).encode("utf-8"), BY_UNGLOSSED, "utf-8"))
        else:
            raise ValueError(f"unknown variant {name!r}: one of {', '.join(VARIANT_NAMES)}")
    return variants, skipped


# --------------------------------------------------------------------------- hostile files

HOSTILE_PARAGRAPH = (
    "美國總統拜登16日表示，雙方的會談「富有建設性」。普京則稱：「我們沒有幻想。」"
    "克里姆林宫发言人佩斯科夫说，俄方希望继续对话。"
)
LONG_LINE_WORDS = (
    "普京", "表示", "拜登", "稱", "美國", "說", "俄羅斯", "指", "峰會", "會談", "雙方", "認為",
    "克里姆林宫", "消息人士", "透露", "關係", "他", "制裁", "烏克蘭", "强调", "ABC", "2021", "  ",
)
# \xff is invalid in UTF-8, GBK, GB18030 and Big5 alike, and no byte-order mark is in front
# (bytes that read as Cyrillic or Western text would be taken through charset-normalizer)
UNDECODABLE = b"\xff" * 64 + b"\x81\xff" * 8
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
README = "這是說明文件，不是新聞。拜登表示：「不應讀入。」\n"
EMOJI = ("😀", "🇺🇸", "🇷🇺", "👨‍👩‍👧", "👍🏽", "❤️", "🤝", "🔥", "\U0001f9d1\u200d\U0001f680", "🀄")


def long_line(n_chars: int, rng: random.Random) -> str:
    """A line of n_chars news words, names and cues with no punctuation and no line break."""
    parts: list[str] = []
    size = 0
    while size < n_chars:
        w = rng.choice(LONG_LINE_WORDS)
        parts.append(w)
        size += len(w)
    return "".join(parts)[:n_chars]


def _binary(rng: random.Random, n: int = 4097) -> bytes:
    """Random bytes with NULs (odd length and a NUL pair, so no UTF-16 reading either)."""
    data = bytearray(rng.randrange(256) for _ in range(n))
    data[100:102] = b"\x00\x00"
    return bytes(data)


def hostile_files(seed: int = 0, long_line_chars: int = 300_000, nested: int = 5_000) -> list[HostileFile]:
    """Files a corpus folder may hold that must not break a run (see the module doc)."""
    rng = random.Random(seed)
    head = "標題：惡意輸入測試\n\n"
    nested_text = (
        head
        + "拜登表示：" + "「『“‘" * (nested // 4) + "會談很好" + "’”』」" * (nested // 4) + "。\n"
        + "普京說：" + "「" * nested + "沒有結果" + "」" * nested + "。\n"
        + "佩斯科夫稱：" + "“" * nested + "俄方願意對話" + "\n"  # never closed
        + '特朗普指"' * (nested // 10) + "結束\n"
        + HOSTILE_PARAGRAPH + "\n"
    )
    unbalanced = (
        head
        + "拜登表示：「會談很好，雙方同意繼續對話。\n"  # opened, never closed
        + "普京稱」俄方沒有幻想「，但願意談。\n"  # closed before opened
        + "佩斯科夫說：“雙方『有分歧」，但’會繼續溝通。」\n"  # crossed marks
        + '克里姆林宫表示："第一段"第二段"第三段。\n'  # odd number of toggles
        + "「「「「「拜登說會談很好」」\n"
        + "」」」」」普京表示俄方不會讓步。「\n"
        + "“”「」『』‘’\"\"﹁﹂﹃﹄〝〞＂＂\n"  # empty quotations
        + "普京說“" + "\n"  # the mark ends the document's paragraph
        + HOSTILE_PARAGRAPH + "\n"
    )
    emoji = (
        head
        + "拜登😀表示，會談🤝「非常好👍🏽」，雙方🇺🇸🇷🇺同意繼續對話。\n"
        + "普京稱：「👨‍👩‍👧我們🔥沒有幻想❤️。」\n"
        + "".join(rng.choice(EMOJI) for _ in range(500)) + "\n"
        + "佩斯科夫说\U0001f9d1\u200d\U0001f680：「俄方🀄希望继续对话。」\n"
        + HOSTILE_PARAGRAPH + "\n"
    )
    pinyin = (
        head
        + "俄羅斯總統普京(Pǔjīng)表示，會談(huìtán)富有建設性。\n"
        + "美國總統拜登（Bàidēng）稱，雙方同意繼續對話（duìhuà）。\n"
        + "佩斯科夫(Pe\u0301sko\u0304v)說，俄方希望繼續對話。\n"  # combining accents
        + "普京(Pǔjīng)說：「我們(wǒmen)沒有幻想(huànxiǎng)。」\n"
        + "特(tè)朗(lǎng)普(pǔ)指，峰會很成功。\n"
        + HOSTILE_PARAGRAPH + "\n"
    )
    mixed = (
        head
        + "美國總統拜登表示，双方的会谈富有建設性，俄罗斯總統普京则稱「我們没有幻想」。\n"
        + "Putin said the talks were constructive. 普京說：「Это был хороший разговор。」\n"
        + "岸田首相は「対話を続ける」と述べた。拜登說：「日本と協力する。」\n"
        + "문재인 대통령은 말했다. 普京指，俄方希望继续对话。\n"
        + "\u200b拜登\u200b表示\u200b，\u00a0会谈\u2028很好\u2029，双方\ufeff同意。\r普京稱，俄方滿意。\r\n"
        + "ｆｕｌｌｗｉｄｔｈ　普京稱：「ＡＢＣ１２３。」\n"
        + HOSTILE_PARAGRAPH + "\n"
    )
    line = long_line(long_line_chars, rng)
    return [
        HostileFile("hostile/empty.txt", b"", "empty", "0 bytes"),
        HostileFile("hostile/blank.md", " \t\r\n\u3000\u3000\n\n   \r\n".encode(), "empty", "whitespace only"),
        HostileFile("hostile/binary.txt", _binary(rng), "binary", "random bytes with NULs"),
        HostileFile("hostile/undecodable.txt", UNDECODABLE, "undecodable", "no encoding reads it"),
        HostileFile(
            "hostile/broken_utf8.txt",
            ("拜登表示會談很好，雙方同意繼續對話。" * 3).encode() + b"\xff\xc3" + "普京也滿意。".encode(),
            "undecodable",
            "UTF-8 with an invalid byte",
        ),
        HostileFile("hostile/scan.pdf", PDF, "unsupported_type", ".pdf"),
        HostileFile("hostile/README", README.encode(), "unsupported_type", "no extension"),
        HostileFile("hostile/.hidden.txt", (head + HOSTILE_PARAGRAPH).encode(), "hidden", "hidden file"),
        HostileFile("hostile/unbalanced_quotes.txt", unbalanced.encode(), None, "unbalanced and unclosed quotation marks"),
        HostileFile("hostile/nested_quotes.txt", nested_text.encode(), None, f"{nested:,} nested quotation marks"),
        HostileFile("hostile/long_line.txt", (head + line + "\n").encode(), None, f"a {long_line_chars:,}-character line"),
        HostileFile("hostile/emoji.txt", emoji.encode(), None, "emoji, ZWJ sequences, flags"),
        HostileFile("hostile/pinyin.txt", pinyin.encode(), None, "inline pinyin annotations"),
        HostileFile("hostile/mixed_scripts.txt", mixed.encode(), None, "Traditional, Simplified, Latin, Cyrillic, kana, hangul"),
    ]
