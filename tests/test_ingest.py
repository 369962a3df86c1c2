"""Stage 1 (pipeline.ingest): every file becomes a document or a rejection with a reason.

All inputs are generated in tmp_path, except the bundled corpus test at the end.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline import ingest
from pipeline.config import IngestConfig
from pipeline.ingest import (
    REASONS,
    IngestError,
    Rejection,
    cjk_score,
    decode,
    discover,
    html_to_text,
    ingest_corpus,
    ingest_file,
    read_document,
)
from pipeline.schemas import DOCUMENTS, REJECTED, column_names, schema

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus" / "raw"
CFG = IngestConfig()

# news paragraphs written for these tests: Traditional, its Simplified twin, a Hong Kong one with
# HKSCS characters, and a Simplified one with a character outside GBK (4-byte GB18030)
TRAD_SHORT = "美國總統拜登週三在日內瓦與俄羅斯總統普京舉行峰會，兩人會談約三小時。拜登會後表示，雙方同意讓大使返回。"
SIMP_SHORT = "美国总统拜登周三在日内瓦与俄罗斯总统普京举行峰会，两人会谈约三小时。拜登会后表示，双方同意让大使返回。"
TRAD_LONG = (
    "美國總統拜登與俄羅斯總統普京週三在瑞士日內瓦舉行峰會，這是兩人自拜登上任以來首次面對面會談。"
    "會談在湖畔的一座別墅舉行，歷時約三個半小時，比外界預期的時間短。普京在會後的記者會上表示，會談「非常有建設性」，"
    "雙方沒有敵意，並同意讓兩國大使返回各自的工作崗位。他又說，美俄將就戰略穩定問題展開磋商。"
    "拜登其後單獨會見記者，指他向普京清楚表明美國的底線，包括網絡攻擊和人權問題。"
    "他強調，如果俄方繼續干預美國選舉，美國將作出回應。"
    "分析人士認為，這次峰會為緊張的兩國關係設下了一道護欄，但雙方在烏克蘭和白俄羅斯等問題上的分歧依然很大。"
)
SIMP_LONG = (
    "美国总统拜登与俄罗斯总统普京周三在瑞士日内瓦举行峰会，这是两人自拜登上任以来首次面对面会谈。"
    "会谈在湖畔的一座别墅举行，历时约三个半小时，比外界预期的时间短。普京在会后的记者会上表示，会谈“非常有建设性”，"
    "双方没有敌意，并同意让两国大使返回各自的工作岗位。他又说，美俄将就战略稳定问题展开磋商。"
    "拜登其后单独会见记者，指他向普京清楚表明美国的底线，包括网络攻击和人权问题。"
    "他强调，如果俄方继续干预美国选举，美国将作出回应。"
    "分析人士认为，这次峰会为紧张的两国关系设下了一道护栏，但双方在乌克兰和白俄罗斯等问题上的分歧依然很大。"
)
HK_TEXT = "立法會議員表示：「佢哋話呢啲嘢唔係咁簡單，要等政府再研究。」記者其後向政府查詢，暫未獲回應。"
GB18030_TEXT = "记者走访了北京一家𠮷野家快餐店，店员表示，周末的客流量比平时多了三成左右。"


def put(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write a file (str content encoded with ``encoding``, newlines untouched)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def read_one(path: Path, cfg: IngestConfig = CFG) -> dict:
    got = ingest_file(path, path.parent, cfg)
    assert isinstance(got, dict), got
    return got


def reject_one(path: Path, cfg: IngestConfig = CFG) -> Rejection:
    got = ingest_file(path, path.parent, cfg)
    assert isinstance(got, Rejection), f"expected a rejection, got a document: {got and got['text'][:40]!r}"
    assert got.reason in REASONS and got.detail and got.stage == "ingest"
    return got


def by_path(rejections: list[Rejection]) -> dict[str, Rejection]:
    return {r.source_path: r for r in rejections}


# --------------------------------------------------------------------------- encodings

TEXTS = {"trad_short": TRAD_SHORT, "simp_short": SIMP_SHORT, "trad_long": TRAD_LONG, "simp_long": SIMP_LONG}
# (encoder, bytes prefix, codecs acceptable as the recorded name): a GB2312/GBK text may be
# recorded as gbk even when written as GB18030 (same bytes), plain Big5 as big5
ENCODINGS = {
    "utf-8": ("utf-8", b"", {"utf-8"}),
    "utf-8-bom": ("utf-8", b"\xef\xbb\xbf", {"utf-8-sig"}),
    "utf-16-le-bom": ("utf-16-le", b"\xff\xfe", {"utf-16"}),
    "utf-16-be-bom": ("utf-16-be", b"\xfe\xff", {"utf-16"}),
    "gb18030": ("gb18030", b"", {"gbk", "gb18030"}),
    "gbk": ("gbk", b"", {"gbk", "gb18030"}),
    "big5": ("big5", b"", {"big5", "cp950", "big5hkscs"}),
    "big5hkscs": ("big5hkscs", b"", {"big5", "cp950", "big5hkscs"}),
}
CASES = [
    (tname, ename)
    for tname, text in TEXTS.items()
    for ename in ENCODINGS
    if not (ename.startswith("big5") and tname.startswith("simp"))  # Big5 has no Simplified characters
]


@pytest.mark.parametrize(("tname", "ename"), CASES)
def test_chinese_text_decodes_in_every_supported_encoding(tmp_path, tname, ename):
    text = TEXTS[tname]
    codec, prefix, recorded = ENCODINGS[ename]
    data = prefix + text.encode(codec)
    assert decode(data)[0] == text
    doc = read_one(put(tmp_path, "a.txt", data))
    assert doc["text"] == text
    assert doc["encoding"] in recorded
    assert data.decode(doc["encoding"]) == doc["text"]  # the recorded name reproduces the text
    assert doc["script"] == ("traditional" if tname.startswith("trad") else "simplified")


@pytest.mark.parametrize(
    ("text", "codec"),
    [(t, c) for t in (TRAD_SHORT[:22], TRAD_SHORT[20:44]) for c in ("gbk", "big5")]
    + [(SIMP_SHORT[:22], "gbk"), (SIMP_SHORT[20:44], "gbk")],
)
def test_very_short_gb_and_big5_texts_are_not_misdetected(text, codec):
    got, enc = decode(text.encode(codec))
    assert got == text
    assert enc in ENCODINGS[codec][2]


# headlines that charset-normalizer 3.x alone reads as Shift-JIS or CP949
HEADLINES = [
    ("他又說，美俄將就戰略穩定問題展開磋商。", "big5"),
    ("蓬佩奧訪問索契，與普京會談超過三小時。", "big5"),
    ("特朗普在赫爾辛基說他相信普京的否認。", "big5"),
    ("佩斯科夫表示，俄方对峰会不抱过高期望。", "gbk"),
    ("北约秘书长警告，俄军在边境集结兵力。", "gbk"),
]


@pytest.mark.parametrize(("text", "codec"), HEADLINES)
def test_headline_sized_files_decode_to_chinese(tmp_path, text, codec):
    assert decode(text.encode(codec)) == (text, codec)
    doc = read_one(put(tmp_path, "headline.txt", text, codec), IngestConfig(min_chars=10))
    assert doc["text"] == text and doc["encoding"] == codec


def test_hkscs_and_four_byte_gb18030_characters():
    assert decode(HK_TEXT.encode("big5hkscs")) == (HK_TEXT, "big5hkscs")
    assert decode(GB18030_TEXT.encode("gb18030")) == (GB18030_TEXT, "gb18030")


def test_garbage_readings_score_low_and_right_ones_high():
    gb = TRAD_LONG.encode("gbk")
    big5 = TRAD_LONG.encode("big5")
    assert cjk_score(gb.decode("gbk")) > 0.8
    assert cjk_score(big5.decode("big5")) > 0.8
    assert cjk_score(big5.decode("gbk", "replace")) < 0.3  # Big5 bytes read as GBK
    assert cjk_score(SIMP_LONG.encode("gbk").decode("big5", "replace")) < 0.3


def test_utf16_without_bom_and_utf32_with_bom():
    text = "2021-06-17 " + TRAD_SHORT + "\r\n"
    assert decode(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode(text.encode("utf-16-be")) == (text, "utf-16-be")
    assert decode(text.encode("utf-32")) == (text, "utf-32")
    mostly_chinese = TRAD_LONG + "\n"  # one ASCII character: a single NUL byte
    assert decode(mostly_chinese.encode("utf-16-le")) == (mostly_chinese, "utf-16-le")
    numbers = bytes([200, 0, 150, 0, 7, 0, 33, 0] * 20)  # 16-bit integers: NULs on one side too, but not text
    with pytest.raises(IngestError) as err:
        decode(numbers)
    assert err.value.reason == "binary"


def test_bom_is_not_part_of_the_text_and_offsets_are_on_decoded_text(tmp_path):
    doc = read_one(put(tmp_path, "a.txt", b"\xef\xbb\xbf" + TRAD_SHORT.encode("utf-8")))
    assert doc["text"] == TRAD_SHORT and not doc["text"].startswith("\ufeff")
    start = doc["text"].index("普京")
    assert doc["text"][start : start + 2] == "普京"


def test_western_fallback_through_charset_normalizer():
    text = "Le président a déclaré que les négociations étaient « très difficiles » à Genève, selon l'agence."
    got, enc = decode(text.encode("cp1252"))
    assert got == text
    assert enc in {"cp1252", "iso8859-1", "iso8859-15"}


# --------------------------------------------------------------------------- formats and metadata


def test_markdown_front_matter_becomes_metadata_and_text_is_unchanged(tmp_path):
    content = (
        "---\r\n"
        'title: "拜登與普京舉行峰會"\r\n'
        "date: 2021-06-16\r\n"
        "url: https://example.com/news/1\r\n"
        "author: 記者 陳大文\r\n"
        "tags: [普京, 拜登]\r\n"
        "---\r\n"
        "# 另一個標題\r\n\r\n" + TRAD_LONG + "\r\n"
    )
    doc = read_one(put(tmp_path, "2021_summit.md", content))
    assert doc["text"] == content  # front matter, markup and \r\n kept
    assert doc["format"] == "md"
    assert doc["doc_id"] == "2021_summit"
    assert (doc["title"], doc["date"], doc["url"], doc["author"]) == (
        "拜登與普京舉行峰會",
        "2021-06-16",
        "https://example.com/news/1",
        "記者 陳大文",
    )
    assert doc["n_chars"] == len(content)


def test_markdown_without_front_matter_title_uses_first_heading(tmp_path):
    doc = read_one(put(tmp_path, "b.markdown", "\n\n##  美俄峰會落幕 \n\n" + SIMP_LONG))
    assert doc["format"] == "md"
    assert doc["title"] == "美俄峰會落幕"


def test_txt_with_front_matter_is_parsed_too(tmp_path):
    content = "---\ntitle: 峰會\ndate: '2021-06'\nauthor: 新華社\n---\n" + SIMP_LONG
    doc = read_one(put(tmp_path, "c.txt", content))
    assert doc["format"] == "txt"
    assert (doc["title"], doc["date"], doc["author"]) == ("峰會", "2021-06", "新華社")
    assert doc["text"] == content


def test_malformed_front_matter_falls_back_to_key_value_lines(tmp_path):
    # a colon inside an unquoted value is a YAML error; an impossible date makes PyYAML raise ValueError
    content = "---\ntitle: 拜登: 普京是對手\ndate: 2021-13-45\n---\n2021-06-17 日內瓦電\n" + TRAD_LONG
    doc = read_one(put(tmp_path, "d.md", content))
    assert doc["title"] == "拜登: 普京是對手"
    assert doc["date"] == "2021-06-17"  # invalid front matter date: the text's first lines decide
    content2 = "---\ndate: 2021-13-45\n---\n" + TRAD_LONG
    assert read_one(put(tmp_path, "e.md", content2))["date"] is None


def test_unclosed_front_matter_is_just_text(tmp_path):
    content = "---\ntitle: 沒有結尾\n" + TRAD_LONG
    doc = read_one(put(tmp_path, "f.md", content))
    assert doc["title"] == "---"
    assert doc["text"] == content


@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("2021-06-17 路透社電\n", "2021-06-17"),
        ("發稿時間：2021-06 \n", "2021-06"),
        ("2019年05月16日 13:45 来源: 新華社\n", "2019-05-16"),
        ("date 2021-06 撰文: 成依華 最後更新日期: 2021-06-17 03:00\n", "2021-06-17"),
        ("電話 12021-0617-99\n", None),  # digits around: not a date
        ("編號 12021-06-17\n", None),
        ("2021-13 不是月份\n", None),
        ("2021-02-30 不存在的日子\n", None),
        ("\n" * 12 + "2021-06-17 太晚出現\n", None),  # only the first lines are looked at
    ],
)
def test_date_from_first_lines(tmp_path, head, date):
    doc = read_one(put(tmp_path, "g.txt", head + TRAD_LONG))
    assert doc["date"] == date


def test_title_is_first_non_empty_line(tmp_path):
    doc = read_one(put(tmp_path, "h.txt", "\r\n  \r\n　美俄峰會：拜登稱會談積極　\r\n" + TRAD_LONG))
    assert doc["title"] == "美俄峰會：拜登稱會談積極"


def test_crlf_and_lone_cr_are_kept(tmp_path):
    content = "標題\r\n\r\n" + TRAD_SHORT + "\r\n舊式換行\r" + SIMP_SHORT + "\r\n"
    for name in ("i.txt", "i2.md"):
        doc = read_one(put(tmp_path, name, content))
        assert doc["text"] == content
        assert doc["text"].count("\r\n") == 4 and doc["text"].count("\r") == 5


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title> 美俄峰會 &amp; 記者會 </title>
<meta property="og:url" content="https://example.com/a/1">
<meta property="article:published_time" content="2021-06-17T03:00:00+08:00">
<meta name="author" content="陳大文">
<style>p { color: red } .secret { }</style>
<script>var secret = "腳本內容";</script>
</head>
<body>
<header><a href="/">網站首頁導航</a></header>
<nav><ul><li>國際</li><li>港聞</li></ul></nav>
<article>
<h1>拜登與普京會面</h1>
<p>美國總統拜登&nbsp;表示，&lt;會談&gt;「非常好」&#x4E2D;&#20013;&quot;。</p>
<p>第一行<br>第二行<br/>第三行</p>
<div><p>段落甲</p>段落乙</div>
<p>普京說：兩國<b>大使</b>將返回<a href="#">崗位</a>。</p>
<p>俄方稱
會談沒有敵意，
雙方 同意 磋商。</p>
<!-- 註釋不應出現 -->
<table><tr><td>左欄</td><td>右欄</td></tr></table>
</article>
<aside>相關文章：其他新聞</aside>
<footer>版權所有 不得轉載</footer>
<noscript>請啟用腳本</noscript>
</body></html>
"""


def test_html_body_text_blocks_entities_and_metadata(tmp_path):
    doc = read_one(put(tmp_path, "page.html", HTML_PAGE))
    text = doc["text"]
    assert doc["format"] == "html"
    lines = text.split("\n")
    assert lines[:3] == ["拜登與普京會面", "美國總統拜登 表示，<會談>「非常好」中中\"。", "第一行"]
    assert "第二行" in lines and "第三行" in lines
    assert lines.index("段落甲") + 1 == lines.index("段落乙")  # text after a closed block is its own line
    assert "普京說：兩國大使將返回崗位。" in lines  # inline elements do not break lines
    assert "俄方稱會談沒有敵意，雙方 同意 磋商。" in lines  # source line breaks between Chinese vanish
    assert "左欄 右欄" in lines
    for absent in ("腳本內容", "color", "網站首頁導航", "國際", "港聞", "相關文章", "版權所有", "註釋", "請啟用", "美俄峰會"):
        assert absent not in text
    assert "<" in text and "&" not in text  # entities decoded, no markup left
    assert (doc["title"], doc["url"], doc["date"], doc["author"]) == (
        "美俄峰會 & 記者會",
        "https://example.com/a/1",
        "2021-06-17",
        "陳大文",
    )
    assert text.endswith("\n") and "\n\n" not in text


def test_html_without_title_or_body_tags(tmp_path):
    page = "<p>" + TRAD_SHORT + "</p><p>" + SIMP_SHORT + "</p>"
    doc = read_one(put(tmp_path, "frag.htm", page))
    assert doc["text"] == TRAD_SHORT + "\n" + SIMP_SHORT + "\n"
    assert doc["title"] == TRAD_SHORT[:200]
    assert doc["format"] == "html"


def test_html_date_from_time_element_and_canonical_link(tmp_path):
    page = (
        '<html><head><link rel="canonical" href="https://example.com/c"></head><body>'
        '<time datetime="2020-03-05">三月五日</time><p>' + TRAD_LONG + "</p></body></html>"
    )
    doc = read_one(put(tmp_path, "t.html", page))
    assert (doc["date"], doc["url"]) == ("2020-03-05", "https://example.com/c")


def test_html_pre_keeps_its_lines():
    text, _ = html_to_text("<body><pre>甲 乙\n丙\r\n丁</pre><p>後</p></body>")
    assert text == "甲 乙\n丙\n丁\n後\n"


@pytest.mark.parametrize(
    ("meta", "codec", "expected"),
    [
        ('<meta charset="big5">', "big5", {"big5"}),
        ('<meta charset="big5-hkscs">', "big5", {"big5hkscs"}),  # declared wins over the plain-Big5 default
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gbk", {"gbk"}),
        ("<meta charset='GB18030' />", "gb18030", {"gb18030"}),
        ('<meta charset="utf-8">', "gbk", {"gbk"}),  # a wrong declaration does not garble the text
        ('<meta charset="iso-8859-1">', "gbk", {"gbk"}),  # a Chinese page mislabelled as Latin-1
    ],
)
def test_html_declared_charset(tmp_path, meta, codec, expected):
    body = TRAD_SHORT if codec.startswith("big5") else SIMP_SHORT
    page = f"<html><head>{meta}<title>標題</title></head><body><p>{body}</p></body></html>"
    doc = read_one(put(tmp_path, "x.html", page, codec))
    assert doc["text"] == body + "\n"
    assert doc["encoding"] in expected


def test_html_declared_western_charset_is_honoured(tmp_path):
    body = "Путин заявил журналистам, что переговоры с американской стороной прошли конструктивно."
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{body}</p></body></html>'
    doc = read_one(put(tmp_path, "ru.html", page, "cp1251"))
    assert doc["text"] == body + "\n"
    assert doc["encoding"] == "cp1251"


# --------------------------------------------------------------------------- rejections


def test_other_files_are_rejected_with_a_reason_not_ignored(tmp_path):
    put(tmp_path, "good.txt", TRAD_LONG)
    put(tmp_path, "paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    put(tmp_path, "README", "read me")
    put(tmp_path, "notes.docx", b"PK\x03\x04")
    put(tmp_path, ".hidden.txt", TRAD_LONG)
    put(tmp_path, ".git/config", "[core]")
    put(tmp_path, "sub/.cache/x.txt", TRAD_LONG)
    put(tmp_path, "sub/UPPER.TXT", SIMP_LONG)
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert [d["source_path"] for d in docs] == ["good.txt", "sub/UPPER.TXT"]
    reasons = {r.source_path: r.reason for r in rejected}
    assert reasons == {
        "paper.pdf": "unsupported_type",
        "README": "unsupported_type",
        "notes.docx": "unsupported_type",
        ".hidden.txt": "hidden",
        ".git/config": "hidden",
        "sub/.cache/x.txt": "hidden",
    }
    assert "no extension" in by_path(rejected)["README"].detail
    assert "'.pdf'" in by_path(rejected)["paper.pdf"].detail


@pytest.mark.parametrize(
    ("content", "reason", "words"),
    [
        (b"", "empty", "0 bytes"),
        (b"  \r\n\t\n", "empty", "whitespace"),
        ("\u3000\u3000\r\n".encode(), "empty", "whitespace"),
        (b"\xff\xfe" + " \n\t ".encode("utf-16-le"), "empty", "whitespace"),
        ("短文。".encode(), "too_short", "3 visible"),
        (b"text\x00with a NUL byte and more words here", "binary", "NUL"),
        (bytes(range(1, 9)) * 20 + b"abc def", "binary", "control characters"),
        (b"\xef\xbb\xbf" + b"\xff\xfe\xfd" * 20, "undecodable", "UTF-8 byte-order mark"),
        (b"\xff" * 64, "undecodable", "not UTF-8"),
        ("拜登表示會談很好，雙方同意繼續對話。".encode() + b"\xff" + "普京也滿意".encode(), "undecodable", "looks like UTF-8"),
    ],
)
def test_bad_contents_are_rejected_with_clear_detail(tmp_path, content, reason, words):
    rej = reject_one(put(tmp_path, "bad.txt", content))
    assert rej.reason == reason
    assert words in rej.detail


def test_html_with_no_body_text_is_empty(tmp_path):
    page = "<html><head><title>只有標題</title><script>var a = '很多很多很多很多很多字';</script></head>"
    page += "<body><nav>導航</nav></body></html>"
    rej = reject_one(put(tmp_path, "blank.html", page))
    assert rej.reason == "empty" and "body text" in rej.detail


def test_too_large_is_rejected_without_reading(tmp_path, monkeypatch):
    path = put(tmp_path, "big.txt", TRAD_LONG)

    def no_open(self, *a, **k):
        raise AssertionError("a file over max_bytes must not be opened")

    monkeypatch.setattr(Path, "open", no_open)
    rej = reject_one(path, IngestConfig(max_bytes=100))
    assert rej.reason == "too_large" and "max_bytes=100" in rej.detail


def test_permission_denied_is_unreadable(tmp_path, monkeypatch):
    put(tmp_path, "a_ok.txt", TRAD_LONG)
    locked = put(tmp_path, "locked.txt", TRAD_LONG)
    locked.chmod(0)
    try:
        try:
            locked.read_bytes()
            bypassed = True  # running as root: chmod 000 does not stop reads
        except PermissionError:
            bypassed = False
        if bypassed:
            real_open = Path.open

            def denying_open(self, *args, **kwargs):
                if self.name == "locked.txt":
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", denying_open)
        docs, rejected = ingest_corpus(tmp_path, CFG)
    finally:
        locked.chmod(0o644)
    assert [d["doc_id"] for d in docs] == ["a_ok"]
    assert [(r.source_path, r.reason) for r in rejected] == [("locked.txt", "unreadable")]
    assert "Permission denied" in rejected[0].detail


def test_unlistable_folder_is_reported_and_the_rest_goes_on(tmp_path, monkeypatch):
    put(tmp_path, "a.txt", TRAD_LONG)
    put(tmp_path, "secret/b.txt", TRAD_LONG)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert [d["doc_id"] for d in docs] == ["a"]
    assert [(r.source_path, r.reason) for r in rejected] == [("secret", "unreadable")]


def test_symlinks(tmp_path):
    corpus = tmp_path / "corpus"
    put(corpus, "real.txt", TRAD_LONG)
    put(tmp_path, "outside/other.txt", SIMP_LONG)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "folder_link").symlink_to(tmp_path / "outside", target_is_directory=True)
    (corpus / "link.txt").symlink_to(tmp_path / "outside" / "other.txt")
    docs, rejected = ingest_corpus(corpus, CFG)
    assert [d["source_path"] for d in docs] == ["link.txt", "real.txt"]
    assert docs[0]["text"] == SIMP_LONG
    reasons = {r.source_path: r.reason for r in rejected}
    assert reasons == {"dangling.txt": "broken_symlink", "loop.txt": "broken_symlink", "folder_link": "not_a_file"}
    assert "does not exist" in by_path(rejected)["dangling.txt"].detail


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_opened(tmp_path):
    put(tmp_path, "a.txt", TRAD_LONG)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert [d["doc_id"] for d in docs] == ["a"]
    assert [(r.source_path, r.reason) for r in rejected] == [("pipe.txt", "not_a_file")]


def test_undecodable_file_name_is_rejected(tmp_path):
    try:
        fd = os.open(os.fsencode(tmp_path) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY)
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    os.write(fd, TRAD_LONG.encode())
    os.close(fd)
    _, rejected = ingest_corpus(tmp_path, CFG)
    assert [(r.source_path, r.reason) for r in rejected] == [("bad\\xff.txt", "bad_filename")]
    pa.Table.from_pylist([r.to_row() for r in rejected], schema=schema(REJECTED))  # storable


def test_duplicate_doc_id(tmp_path):
    put(tmp_path, "a.txt", TRAD_LONG)
    put(tmp_path, "a.md", SIMP_LONG)
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert [d["source_path"] for d in docs] == ["a.md"]
    assert [(r.source_path, r.reason) for r in rejected] == [("a.txt", "duplicate_id")]


def test_an_unexpected_error_in_one_file_does_not_stop_the_run(tmp_path, monkeypatch):
    put(tmp_path, "a.html", "<p>" + TRAD_LONG + "</p>")
    put(tmp_path, "b.txt", TRAD_LONG)

    def broken(html):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest, "html_to_text", broken)
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert [d["doc_id"] for d in docs] == ["b"]
    assert [(r.source_path, r.reason) for r in rejected] == [("a.html", "internal_error")]
    assert "RecursionError" in rejected[0].detail


def test_read_document_raises_ingest_error(tmp_path):
    with pytest.raises(IngestError) as err:
        read_document(put(tmp_path, "e.txt", b""), "e.txt", CFG)
    assert err.value.reason == "empty"


def test_a_folder_of_bad_files_never_crashes(tmp_path):
    put(tmp_path, "00.txt", b"")
    put(tmp_path, "01.txt", b"\x00\x01\x02")
    put(tmp_path, "02.html", b"<html><body>\xff\xfe\xfd\xfc</body></html>" * 3)
    put(tmp_path, "03.md", b"---\n: : :\n---\n" + b"\x81" * 41)
    put(tmp_path, "04.htm", "<" * 5000 + TRAD_LONG)
    put(tmp_path, "05.html", "<div>" * 5000 + TRAD_LONG + "</div>" * 5000)
    put(tmp_path, "06.txt", TRAD_LONG)
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert {d["doc_id"] for d in docs} >= {"05", "06"}
    assert len(docs) + len(rejected) == 7
    assert all(r.reason in REASONS and r.detail for r in rejected)
    pa.Table.from_pylist([r.to_row() for r in rejected], schema=schema(REJECTED))


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        discover(tmp_path / "missing", CFG)


# --------------------------------------------------------------------------- rows, order, determinism, speed


def test_rows_match_the_schemas(tmp_path):
    put(tmp_path, "a.txt", TRAD_LONG)
    put(tmp_path, "b.pdf", b"%PDF")
    docs, rejected = ingest_corpus(tmp_path, CFG)
    assert list(docs[0]) == column_names("documents")
    assert list(rejected[0].to_row()) == column_names("rejected")
    pa.Table.from_pylist(docs, schema=schema(DOCUMENTS))
    pa.Table.from_pylist([r.to_row() for r in rejected], schema=schema(REJECTED))


def test_sorted_and_deterministic(tmp_path):
    names = ["b/z.txt", "a.txt", "b.txt", "a/c.md", "d.html", "B.txt"]
    for name in reversed(names):
        put(tmp_path, name, "<p>" + TRAD_LONG + "</p>" if name.endswith("html") else TRAD_LONG)
    put(tmp_path, "z.pdf", b"%PDF")
    put(tmp_path, "a.pdf", b"%PDF")
    first = ingest_corpus(tmp_path, CFG)
    second = ingest_corpus(tmp_path, CFG)
    assert first == second
    docs, rejected = first
    assert [d["source_path"] for d in docs] == ["B.txt", "a.txt", "a/c.md", "b.txt", "b/z.txt", "d.html"]
    assert [r.source_path for r in rejected] == ["a.pdf", "z.pdf"]
    paths, _ = discover(tmp_path, CFG)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [d["source_path"] for d in docs]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("line.txt", "美" * 300_000),
        ("line.md", "---\n" + "拜" * 300_000),  # unclosed front matter
        ("line.html", "<html><body><p>" + "登" * 300_000 + "</p></body></html>"),
        ("digits.txt", "2021-" * 60_000),  # date patterns
        ("spaces.html", "<p>甲" + " \n" * 150_000 + "乙" * 30 + "</p>"),  # whitespace collapsing
        ("gb.txt", "俄" * 300_000),  # written as GBK below: the detection path
        ("fm.md", "---\ntitle: 甲" + " \t" * 30_000 + "乙: 丙\n---\n" + TRAD_LONG),  # bad YAML: key: value fallback
    ],
)
def test_long_lines_ingest_fast(tmp_path, name, content):
    path = put(tmp_path, name, content, "gbk" if name == "gb.txt" else "utf-8")
    t0 = time.perf_counter()
    doc = read_one(path)
    elapsed = time.perf_counter() - t0
    assert doc["n_chars"] >= 300_000 or name.endswith(("html", "fm.md"))
    if name == "fm.md":
        assert doc["title"].startswith("甲") and len(doc["title"]) == 200  # the key: value fallback read it
    assert elapsed < 1.0, f"{name} took {elapsed:.2f}s"


# --------------------------------------------------------------------------- the bundled corpus


def test_bundled_corpus_text_is_the_file_unchanged():
    files = sorted(BUNDLED.glob("*.txt"))
    assert len(files) == 5
    docs, rejected = ingest_corpus(BUNDLED, CFG)
    assert rejected == []
    assert [d["source_path"] for d in docs] == [f.name for f in files]
    for doc, path in zip(docs, files, strict=True):
        with open(path, encoding="utf-8", newline="") as fh:
            assert doc["text"] == fh.read()
        assert doc["doc_id"] == path.stem
        assert doc["encoding"] == "utf-8"
        assert doc["format"] == "txt"
        assert doc["n_chars"] == len(doc["text"])


def test_title_skips_breadcrumbs_bylines_and_dates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(">首页 > 国际\n撰文：记者甲 2021-06-17\n\n美俄峰会在日内瓦举行\n\n正文。普京表示愿意对话。\n", encoding="utf-8")
    doc = ingest.read_document(path, "a.txt", IngestConfig())
    assert doc["title"] == "美俄峰会在日内瓦举行"


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("短文。", 3, True),
        ("短文。", 4, False),
        (" \u3000短\n文\t。 ", 3, True),  # blanks of every kind do not count
        (" \u3000短\n文\t。 ", 4, False),
        ("\u00a0\u2028\u200b", 1, True),  # a zero-width space is no whitespace to str.isspace()
        ("\u00a0\u2028", 1, False),
        ("", 0, True),
        ("長" * 5000, 20, True),
    ],
)
def test_visible_characters_are_what_str_isspace_does_not_call_whitespace(text, n, expected):
    """The check of ingest.min_chars stops at the n-th visible character, with the count of str.isspace."""
    from pipeline.ingest import has_visible_chars

    assert has_visible_chars(text, n) is expected
    assert (len(text) - sum(map(str.isspace, text)) >= n) is expected
