"""said_on: the date a sentence gives for a statement, resolved against the document's date;
the document's date from its URL; the outlet and region of a page. Constructed sentences,
each in Simplified and Traditional script."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import date_in_url, day_first_date, load_dates, said_on
from pipeline.outlets import detect_outlet, load_outlets

from .conftest import to_simplified, to_traditional

DOC_DATE = "2021-06-17"  # a Thursday

CASES = [
    # sentence before the claim (simplified), expected said_on, source
    ("当地时间15日，普京表示，", dt.date(2021, 6, 15), "text"),
    ("周二（15日），拜登说，", dt.date(2021, 6, 15), "text"),
    ("周二，拜登说，", dt.date(2021, 6, 15), "text"),
    ("星期四，拜登说，", dt.date(2021, 6, 17), "text"),
    ("昨日，克宫发言人说，", dt.date(2021, 6, 16), "text"),
    ("普京前天在记者会上指出，", dt.date(2021, 6, 15), "text"),
    ("6月16日下午，拜登在日内瓦表示，", dt.date(2021, 6, 16), "text"),
    ("本月16日，拜登表示，", dt.date(2021, 6, 16), "text"),
    ("拜登廿八日说，", dt.date(2021, 5, 28), "text"),  # later than the document's day: last month
    ("12月30日，普京称，", dt.date(2020, 12, 30), "text"),  # not months ahead: last year
    ("2019年5月14日，普京称，", dt.date(2019, 5, 14), "text"),
    ("蓬佩奥14日当天也表示，", dt.date(2021, 6, 14), "text"),  # 当天 after a date is that date
    ("普京在会后表示，", dt.date(2021, 6, 17), "document"),
]


def _said_on(prefix: str, doc_date: str | None, config):
    claim_text = "双方的关系正在改善。"
    text = prefix + claim_text
    start = len(prefix)
    claim = {"start": start, "end": len(text), "speaker_end": start - 2}
    return said_on(to_simplified(text), (0, len(text)), claim, load_dates(config.models_dir), doc_date)


@pytest.mark.parametrize("script", [to_simplified, to_traditional])
@pytest.mark.parametrize(("prefix", "expected", "source"), CASES)
def test_said_on_from_the_sentence(prefix, expected, source, script, config):
    assert _said_on(script(prefix), DOC_DATE, config) == (expected, source)


@pytest.mark.parametrize("script", [to_simplified, to_traditional])
def test_date_after_a_quote_comes_with_its_attribution(script, config):
    text = script("“我们会合作，”普京15日说。")
    claim = {"start": 1, "end": text.index("，") + 0, "speaker_end": text.index("普京") + 2}
    got = said_on(to_simplified(text), (0, len(text)), claim, load_dates(config.models_dir), DOC_DATE)
    assert got == (dt.date(2021, 6, 15), "text")


def test_undated_document_keeps_only_complete_text_dates(config):
    assert _said_on("昨日，拜登说，", None, config) == (None, "")
    assert _said_on("2021年6月16日，拜登说，", None, config) == (dt.date(2021, 6, 16), "text")
    # a document dated to the month only: a day in the text is enough
    assert _said_on("16日，拜登说，", "2021-06", config) == (dt.date(2021, 6, 16), "text")
    assert _said_on("拜登说，", "2021-06", config) == (None, "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/news/2021/06/16/story.html", "2021-06-16"),
        ("https://www.example.com.tw/news/aopl/202103190299.aspx", "2021-03-19"),
        ("https://www.example.net/news/20190629/1478459.htm", "2019-06-29"),
        ("https://example.com/2021-06/abc", "2021-06"),
        ("https://example.com/2021/06/", "2021-06"),
        ("https://example.com/news/12345678", None),
        (None, None),
    ],
)
def test_date_in_url(url, expected):
    assert date_in_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("标题\n18/07/2018\n正文", "2018-07-18"), ("28/2/2025 12:03", "2025-02-28"), ("12/31/2024", "2024-12-31"),
     ("1/2/3/2024", None), ("32/13/2024", None)],
)
def test_day_first_dates_on_the_page(text, expected):
    assert day_first_date(text) == expected


@pytest.mark.parametrize("script", [to_simplified, to_traditional])
@pytest.mark.parametrize(
    ("meta", "url", "text", "expected"),
    [
        ({"outlet": "中央社"}, None, "正文", ("中央社", "TW")),
        ({"source": "某某晚报"}, None, "正文", ("某某晚报", None)),  # not in the table: kept, no region
        ({"source": "https://www.zaobao.com.sg/news/1"}, None, "正文", ("聯合早報", "overseas")),
        ({}, "https://news.ltn.com.tw/news/world/1", "正文", ("自由時報", "TW")),
        ({}, "https://web.archive.org/web/2022/https://www.hkcnews.com/article/1", "正文", ("眾新聞", "HK")),
        ({}, None, "https://www.cna.com.tw/news/aopl/1.aspx\n正文", ("中央社", "TW")),
        ({}, None, "标题\n来源：新华社\n正文", ("新华社", "mainland")),
        ({}, None, "（中央社记者某某台北16日电）正文", ("中央社", "TW")),
        ({}, None, "【明报专讯】正文", ("明報", "HK")),
        ({}, None, "新华社北京6月16日电 正文", ("新华社", "mainland")),
        ({}, None, "标题\n【文/观察者网 某某】\n正文", ("观察者网", "mainland")),
        ({}, None, "正文，据新华社报道，普京说。", (None, None)),  # a cited source is not the publisher
        ({}, None, "照片说明(Reuters)\n正文", (None, None)),  # a photo credit is not the byline
    ],
)
def test_outlet_and_region(meta, url, text, expected, script, config):
    table = load_outlets(config.models_dir)
    assert detect_outlet(meta, url, script(text), table) == expected
