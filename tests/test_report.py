"""The claim browser page, its plot data and the notebooks' font helper, on small constructed tables.

Also holds :func:`bundled_outputs`, the bundled corpus run once per session for
the browser and notebook tests.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Config
from pipeline.parquet_io import write_rows
from pipeline.report import (
    ReportData,
    build_report,
    dvc_plots_template,
    evidence_words,
    plot_data,
    render_text,
    select_documents,
    statement_reach,
    traditional_to_simplified_map,
    write_report,
)
from pipeline.runner import run_corpus
from tests.conftest import CORPUS

_BUNDLED: dict[str, Path] = {}


def bundled_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`run_corpus` over the bundled corpus, once per session (shared by the slow tests)."""
    if "out" not in _BUNDLED:
        out = tmp_path_factory.mktemp("bundled")
        run_corpus(CORPUS, out, Config.load(), workers=1)
        _BUNDLED["out"] = out
    return _BUNDLED["out"]


# ------------------------------------------------------------------ constructed tables

EVIL = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">'
TEXT = "標題\n\n普京表示「俄羅斯願意對話」。他又稱美國製裁無效。" + EVIL + "拜登說：「我們將回應。」"


def claim(text: str, doc_id: str, fragment: str, mention: str, speaker: str, stance: str, **kw) -> dict:
    start = text.index(fragment)
    m_start = text.index(mention)
    row = {
        "claim_id": f"{doc_id}:{start}-{start + len(fragment)}",
        "doc_id": doc_id,
        "start": start,
        "end": start + len(fragment),
        "text": fragment,
        "text_simplified": fragment,
        "kind": "direct",
        "speaker": speaker,
        "speaker_mention": mention,
        "speaker_start": m_start,
        "speaker_end": m_start + len(mention),
        "speaker_resolution": "name",
        "cue": "表示",
        "cue_role": "speech",
        "sentence": fragment,
        "date": "2021-06-16",
        "target": "",
        "attribution_confidence": 0.9,
        "topics": ["bilateral_relations"],
        "topic_evidence": ["对话"],
        "stance": stance,
        "stance_confidence": 0.8,
        "stance_evidence": ["对话"],
    }
    row.update(kw)
    return row


def sample_claims() -> list[dict]:
    return [
        claim(TEXT, "d1", "俄羅斯願意對話", "普京", "普京", "favor"),
        claim(TEXT, "d1", "美國製裁無效", "他", "普京", "against", topics=["sanctions"], stance_evidence=["无效", "cue:指责"]),
        claim(TEXT, "d1", "我們將回應", "拜登", "拜登", "neutral", topics=["cyber", "bilateral_relations"], stance_evidence=[]),
    ]


def sample_table() -> list[dict]:
    def row(speaker, topic, f, a, n):
        total = f + a + n
        return {
            "speaker": speaker, "topic": topic, "n_claims": total, "n_favor": f, "n_against": a, "n_neutral": n,
            "net_stance": (f - a) / total, "n_documents": 1, "first_date": "2021-06-16", "last_date": "2021-06-16",
            "example_claim_ids": [],
        }  # fmt: skip

    return [
        row("普京", "bilateral_relations", 1, 0, 0),
        row("普京", "sanctions", 0, 1, 0),
        row("拜登", "cyber", 0, 0, 1),
        row("拜登", "bilateral_relations", 0, 0, 1),
    ]


def sample_data(**kw) -> ReportData:
    doc = {"doc_id": "d1", "source_path": "d1.txt", "title": "標題 <b>", "url": "javascript:alert(1)", "date": "2021-06-16"}
    doc |= {"script": "traditional", "n_chars": len(TEXT), "text": TEXT}
    defaults = dict(
        documents=[doc],
        claims=sample_claims(),
        table=sample_table(),
        n_documents=1,
        n_claims=3,
        speaker_counts={"普京": 2, "拜登": 1},
    )
    return ReportData(**(defaults | kw))


class TagBalance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    VOID = frozenset({"meta", "img", "br", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def parse(fragment: str) -> TagBalance:
    p = TagBalance()
    p.feed(fragment)
    p.close()
    assert p.stack == [] or p.stack == ["html"], p.stack
    return p


# ------------------------------------------------------------------ the text


def test_every_claim_mention_and_evidence_is_marked_and_text_is_escaped():
    claims = list(enumerate(sample_claims()))
    out = render_text(TEXT, TEXT, claims)
    parsed = parse(out)
    marks = [a for t, a in parsed.tags if t == "mark"]
    assert [m["id"] for m in marks if "id" in m] == ["c0", "c1", "c2"]
    assert {m["class"].split()[1] for m in marks} == {"st-favor", "st-against", "st-neutral"}
    mentions = [a for t, a in parsed.tags if t == "a"]
    assert [(m["href"], m["data-c"]) for m in mentions] == [("#c0", "0"), ("#c1", "1"), ("#c2", "2")]
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "onerror=&quot;alert(1)&quot;" in out
    # the text comes back unchanged once tags are stripped and entities decoded
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == TEXT


def test_simplified_form_rides_along_for_the_toggle():
    simplified = TEXT.replace("願", "愿").replace("對話", "对话")
    out = render_text(TEXT, simplified, [(0, sample_claims()[0])])
    assert '<span class="zh" data-s="俄羅斯愿意">俄羅斯願意</span>' in out
    # the evidence word 对话 (Simplified) is found through the 1:1 offsets and bolded in the original
    assert '<b class="ev"><span class="zh" data-s="对话">對話</span></b>' in out


def test_overlapping_and_crossing_spans_still_nest():
    text = "甲說乙丙丁戊己庚辛"
    a = {"claim_id": "x:2-6", "doc_id": "x", "start": 2, "end": 6, "text": text[2:6], "speaker": "甲", "stance": "favor",
         "speaker_start": 0, "speaker_end": 1, "stance_evidence": ["丁戊己"]}  # fmt: skip
    b = {**a, "claim_id": "x:4-9", "start": 4, "end": 9, "text": text[4:9], "stance": "against"}
    b |= {"speaker_start": 3, "speaker_end": 5}  # a mention inside claim a
    c = {**a, "claim_id": "x:4-6", "start": 4, "end": 6, "text": text[4:6], "stance": "neutral"}
    out = render_text(text, text, [(0, a), (1, b), (2, c)])
    parse(out)
    for i in range(3):
        assert out.count(f'id="c{i}"') == 1


def test_claims_whose_offsets_do_not_match_are_left_unmarked():
    bad = sample_claims()[0] | {"start": 0, "end": 3}
    out = render_text(TEXT, TEXT, [(0, bad)])
    assert "<mark" not in out


def test_evidence_words_are_the_literal_words():
    words = evidence_words(["希望 + 恢复 → favor", "cue:指责", "讨论 → neutral", "良好", "希望"])
    assert words == ["希望", "恢复", "讨论", "良好"]


# ------------------------------------------------------------------ the page


def json_block(page: str, block_id: str):
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    assert m, block_id
    return json.loads(m.group(1))


def article(page: str, pos: int) -> str:
    """The HTML of one article as the page stores it (raw in a text/html block, or JSON)."""
    m = re.search(rf'<script type="(text/html|application/json)" id="doc-{pos}">(.*?)</script>', page, re.S)
    assert m, pos
    return m.group(2) if m.group(1) == "text/html" else json.loads(m.group(2))


def page_claims(page: str) -> list[dict]:
    raw = json_block(page, "claims-data")
    return [dict(zip(raw["keys"], row, strict=True)) for row in raw["rows"]]


def test_page_is_self_contained_and_safe():
    page = build_report(sample_data())
    parsed = parse(page)
    srcs = [a.get("src") for _, a in parsed.tags if a.get("src")]
    assert srcs == [], "no external resource"
    assert not [t for t, _ in parsed.tags if t in ("link", "iframe", "img")]
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert "javascript:" not in json.dumps(json_block(page, "docs-data")), "only http(s) source links"
    assert "@@" not in page, "a placeholder was left unfilled"
    # the page's own script, its four data blocks and one per document; the document's <script> is text
    assert page.count("<script") == page.count("</script>") == 1 + 3 + 1
    assert json_block(page, "docs-data")[0]["title"] == "標題 <b>"
    assert EVIL in html.unescape(re.sub(r"<[^>]+>", "", article(page, 0)))


def test_article_block_cannot_be_closed_early():
    from pipeline.report import _article_block

    assert _article_block(3, "<mark>甲</mark>") == '<script type="text/html" id="doc-3"><mark>甲</mark></script>'
    for body in ("x</SCRIPT>y", "<!--", "<script>"):
        block = _article_block(0, body)
        assert block.count("<") == 2 and json.loads(re.search(r">(.*)</script>$", block).group(1)) == body


def test_claim_data_survives_a_closing_script_tag():
    claims = sample_claims()
    claims[0] = claims[0] | {"speaker": "</script><script>alert(1)//"}
    page = build_report(sample_data(claims=claims))
    data = page_claims(page)
    assert data[0]["speaker"] == "</script><script>alert(1)//"
    assert [c["id"] for c in data] == [c["claim_id"] for c in sample_claims()]


def test_every_claim_is_in_the_page_with_documents_without_text():
    """Documents past --max-documents keep their claims in the table, without their text."""
    other = {"doc_id": "d2", "source_path": "d2.txt", "title": "無文", "date": "2021-06-18", "script": "traditional", "text": None}
    extra = claim(TEXT, "d1", "美國製裁無效", "他", "普京", "against") | {"doc_id": "d2", "claim_id": "d2:1-2"}
    data = sample_data(documents=[*sample_data().documents, other], claims=[*sample_claims(), extra], n_documents=2, n_claims=4)
    page = build_report(data)
    docs = json_block(page, "docs-data")
    assert [d["has_text"] for d in docs] == [True, False]
    assert [c["doc"] for c in page_claims(page)] == [0, 0, 0, 1]
    assert 'id="doc-0"' in page and 'id="doc-1"' not in page
    assert "The text of 1 of 2 documents is included" in page


def test_topic_labels_fall_back_to_the_id():
    page = build_report(sample_data(), topic_labels={"cyber": "网络安全"})
    meta = json_block(page, "meta")
    assert meta["topic_labels"] == {"cyber": "网络安全"}


def test_optional_columns_are_shown_only_when_present():
    plain = build_report(sample_data())
    assert json_block(plain, "meta")["columns"] == []
    assert {c["rule"] for c in page_claims(plain)} == {""}
    claims = [c | {"rule": "quote_cue", "speaker_rule": "name", "said_on": "2021-06-15", "statement_id": "s"} for c in sample_claims()]
    claims[2] |= {"doc_id": "d1", "statement_id": "t"}
    rich = build_report(sample_data(claims=claims))
    assert json_block(rich, "meta")["columns"] == ["rule", "said_on", "speaker_rule", "statement_id"]
    rows = page_claims(rich)
    assert [c["date"] for c in rows] == ["2021-06-15"] * 3, "said_on wins over the document's date"
    assert [c["reach"] for c in rows] == [1, 1, 1], "reach counts documents, not claims"
    assert rows[0]["speaker_rule"] == "name"


def test_statement_reach_counts_documents():
    rows = [{"doc_id": d, "statement_id": s} for d, s in [("a", "x"), ("b", "x"), ("b", "x"), ("c", "y"), ("c", "")]]
    assert statement_reach(rows) == {"x": 2, "y": 1}


def test_search_map_turns_traditional_into_simplified():
    table = traditional_to_simplified_map()
    assert table["對"] == "对" and table["羅"] == "罗" and table["說"] == "说"
    assert "对" not in table and "普" not in table, "Simplified and shared characters stay as they are"
    assert all(len(k) == len(v) == 1 for k, v in table.items())


def test_summary_table_and_options_come_from_the_data():
    page = build_report(sample_data(n_documents=1, n_claims=3))
    summary = json_block(page, "meta")["summary"]
    assert [(r["speaker"], r["topic"]) for r in summary][:1] == [("拜登", "bilateral_relations")]
    assert len(summary) == 4 and all(set(r) >= {"net_stance", "n_documents", "first_date"} for r in summary)


def test_page_assets_are_package_data():
    """The page's files and the Vega libraries ship with the package, with the licences."""
    from importlib import resources

    folder = resources.files("pipeline") / "report_assets"
    for name in ["page.html", "browser.css", "browser.js", "dvc_plots.html", "vega/vega.min.js", "vega/vega-lite.min.js",
                 "vega/vega-embed.min.js", "vega/LICENSE-vega", "vega/LICENSE-vega-lite", "vega/LICENSE-vega-embed"]:  # fmt: skip
        assert (folder / name).is_file(), name
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["pipeline"]
    assert "report_assets/vega/*" in patterns and "report_assets/*.js" in patterns


def test_dvc_plots_template_has_vega_inline():
    page = dvc_plots_template()
    assert "{plot_divs}" in page and "{scripts}" not in page, "DVC's CDN script tags are left out"
    assert "<script src" not in page and "cdn." not in page
    assert page.count("<script>") == 4 and "vegaEmbed" in page


def test_documents_with_most_claims_are_shown_in_corpus_order():
    docs = [{"doc_id": d} for d in "abcde"]
    assert select_documents(docs, {"b": 3, "d": 5, "e": 3, "a": 1}, 3) == ["b", "d", "e"]
    assert select_documents(docs, {}, 0) == []


def test_plot_data_counts_stance_by_topic_and_speaker():
    data = plot_data(sample_claims(), sample_table())
    by_topic = {r["topic"]: r for r in data["stance_by_topic"]}
    assert by_topic["bilateral_relations"] == {
        "topic": "bilateral_relations", "claims": 2, "favor": 1, "against": 0, "neutral": 1, "net_stance": 0.5,
    }  # fmt: skip
    assert [r["speaker"] for r in data["stance_by_speaker"]] == ["普京", "拜登"]
    labelled = plot_data(sample_claims(), sample_table(), topic_labels={"cyber": "网络安全"})
    assert [r["topic"] for r in labelled["stance_by_topic"]] == ["bilateral_relations", "网络安全", "sanctions"]
    assert data["stance_by_speaker"][0]["net_stance"] == 0.0


# ------------------------------------------------------------------ I/O and CLI


def write_tables(folder: Path) -> None:
    doc = sample_data().documents[0]
    write_rows(folder / "documents.parquet", "documents", [doc | {"encoding": "utf-8", "sha256": "0", "format": "txt"}])
    write_rows(folder / "claims.parquet", "claims", sample_claims())
    write_rows(folder / "speaker_topic_stance.parquet", "speaker_topic_stance", sample_table())


def test_report_command_writes_page_and_plot_data(tmp_path):
    write_tables(tmp_path / "data")
    out, plots = tmp_path / "site" / "index.html", tmp_path / "plots"
    result = CliRunner().invoke(app, ["report", str(tmp_path / "data"), "--out", str(out), "--plots", str(plots)])
    assert result.exit_code == 0, result.output
    assert "3 claims, text of 1 of 1 documents" in result.output
    page = out.read_text(encoding="utf-8")
    assert html.unescape(article(page, 0)).count("<mark ") >= 3
    assert json.loads((plots / "stance_by_speaker.json").read_text(encoding="utf-8"))[0]["speaker"] == "普京"
    assert sorted(p.name for p in plots.iterdir()) == ["stance_by_speaker.json", "stance_by_topic.json"]


def test_report_command_caps_document_text_and_writes_the_dvc_template(tmp_path):
    write_tables(tmp_path / "data")
    out, template = tmp_path / "index.html", tmp_path / "tpl.html"
    args = ["report", str(tmp_path / "data"), "--out", str(out), "--max-documents", "0", "--dvc-template", str(template)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "3 claims, text of 0 of 1 documents" in result.output
    assert len(page_claims(out.read_text(encoding="utf-8"))) == 3
    assert template.read_text(encoding="utf-8") == dvc_plots_template()


def test_report_is_deterministic(tmp_path):
    write_tables(tmp_path)
    write_report(tmp_path, tmp_path / "a.html")
    write_report(tmp_path, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_report_command_explains_missing_tables(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "claims.parquet" in result.output and "pipeline run" in result.output


def test_report_help_says_what_it_builds():
    result = CliRunner().invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    assert "self-contained" in result.output and "--max-documents" in result.output


# ------------------------------------------------------------------ fonts for the notebooks


def _draw_chinese(tmp_path: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_title("普京 · 拜登 · 俄羅斯 · 乌沙科夫")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "zh.png")
    plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_cjk_font_draws_chinese_without_tofu(tmp_path):
    from pipeline.report import configure_cjk_font

    family = configure_cjk_font()
    assert family
    assert _draw_chinese(tmp_path) == []


def test_bundled_font_is_the_fallback(tmp_path, monkeypatch):
    """Where no system CJK font is installed, the Noto Sans CJK of the dev dependency is used."""
    import matplotlib as mpl

    from pipeline import report

    if not report._bundled_cjk_fonts():
        pytest.skip("cvttf-notosanscjk-regular is not installed")
    monkeypatch.setattr(report, "CJK_FAMILIES", ())
    monkeypatch.setitem(mpl.rcParams, "font.sans-serif", list(mpl.rcParams["font.sans-serif"]))
    assert report.configure_cjk_font().startswith("Noto Sans CJK")
    assert _draw_chinese(tmp_path) == []
