"""The claim browser and the DVC plots page in a real browser: headless Chromium, driven over
the DevTools protocol (tests/cdp.py), loads each page from file:// with the network cut off,
and the tests work the controls (search, filters, export buttons, links) and read the result.

Skipped only when Chromium is not installed (CI installs it: see .ci/run). Set
ZH_CLAIMS_SCREENSHOT=path to also save the README's screenshot there.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from pipeline.parquet_io import read_rows
from pipeline.report import ReportData, build_report, plot_data, write_report
from tests.cdp import OFFLINE_FLAGS, Chromium, Page
from tests.conftest import ROOT, to_simplified, to_traditional
from tests.test_report import EVIL, bundled_outputs, claim, sample_data

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Chromium:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    b = Chromium(path, tmp_path_factory.mktemp("chromium-profile"), OFFLINE_FLAGS)
    yield b
    b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    """The page built from the bundled corpus, and the folder of its tables."""
    data = bundled_outputs(tmp_path_factory)
    page = tmp_path_factory.mktemp("site") / "index.html"
    write_report(data, page, topic_labels={"bilateral_relations": "双边关系", "cyber": "网络安全"})
    return page, data


def open_page(browser: Chromium, page: Path, hash_: str = "", height: int = 1000, **query) -> Page:
    url = page.as_uri() + (f"?{urlencode(query, doseq=True)}" if query else "") + hash_
    return browser.open(url, height=height)


def assert_offline_and_clean(p: Page) -> None:
    remote = [u for u in p.requested_urls() if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert remote == [], "the page asked the network for something"
    assert p.errors() == []


def count(p: Page) -> tuple[int, int]:
    shown, _, total, _ = p.eval("document.querySelector('#claim-count').textContent").split()
    return int(shown), int(total)


def set_value(p: Page, selector: str, value: str, event: str = "change") -> None:
    p.eval(
        f"(function () {{ var e = document.querySelector({json.dumps(selector)}); e.value = {json.dumps(value)};"
        f" e.dispatchEvent(new Event({json.dumps(event)}, {{bubbles: true}})); }})()"
    )


def selection(p: Page) -> list[dict]:
    return p.eval("claimBrowser.selection().map(function (c) { return {id: c.id, speaker: c.speaker, stance: c.stance,"
                  " topics: c.topics, date: c.date, conf: c.conf}; })")  # fmt: skip


# ------------------------------------------------------------------ the bundled corpus


def test_every_claim_is_listed_and_the_page_works_offline(browser, site):
    page, data = site
    claims = read_rows(data / "claims.parquet", ["claim_id", "speaker"])
    p = open_page(browser, page)
    assert count(p) == (len(claims), len(claims))
    assert p.eval("document.querySelectorAll('#claims-table tbody tr').length") == min(50, len(claims))
    assert sorted(c["id"] for c in selection(p)) == sorted(c["claim_id"] for c in claims)
    # topic labels in Chinese where given, the id where not
    options = p.eval("Array.from(document.querySelectorAll('#f-topic option')).map(function (o) { return o.textContent; })")
    assert any(o.startswith("双边关系 (") for o in options) and any(o.startswith("sanctions (") for o in options)
    # the article: highlighted claims, mentions linking to claims that exist
    assert p.eval("document.querySelectorAll('#doc-text mark.claim.first').length") > 0
    assert p.eval("Array.from(document.querySelectorAll('#doc-text a.mention'))"
                  ".every(function (a) { return document.getElementById(a.hash.slice(1)); })")  # fmt: skip
    # the tooltip of a claim: speaker, stance, topics (labelled), evidence, mention and cue
    tip = p.eval("(function () { var m = document.querySelector('#doc-text mark.claim');"
                 " m.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); return m.title; })()")  # fmt: skip
    assert tip.count("\n") >= 2 and "mention: " in tip
    assert_offline_and_clean(p)


def test_filters_combine_and_match_the_tables(browser, site):
    page, data = site
    claims = read_rows(data / "claims.parquet", ["claim_id", "speaker", "stance", "topics", "attribution_confidence"])
    two = ["普京", "拜登"]
    p = open_page(browser, page, speaker=two)
    assert p.eval("Array.from(document.querySelectorAll('#f-speakers .chip')).map(function (b) { return b.dataset.speaker; })") == two
    expected = [c for c in claims if c["speaker"] in two]
    assert count(p)[0] == len(expected) > 0
    set_value(p, "#f-stance", "against")
    expected = [c for c in expected if c["stance"] == "against"]
    assert count(p)[0] == len(expected) > 0
    assert {(c["speaker"] in two, c["stance"]) for c in selection(p)} == {(True, "against")}
    # the article dims the claims the filters leave out
    dimmed = p.eval("Array.from(document.querySelectorAll('#doc-text mark.claim.dim')).map(function (m) {"
                    " var c = claimBrowser.claims[+m.dataset.c.split(' ')[0]]; return [c.speaker, c.stance]; })")  # fmt: skip
    assert dimmed and not any(sp in two and st == "against" for sp, st in dimmed)
    # removing one speaker chip widens the selection again
    p.eval("document.querySelector('#f-speakers .chip[data-speaker=\"拜登\"]').click()")
    assert count(p)[0] == sum(1 for c in claims if c["speaker"] == "普京" and c["stance"] == "against")
    p.eval("document.querySelector('#f-reset').click()")
    p.wait_for(f"document.querySelector('#claim-count').textContent.indexOf('{len(claims)} of') === 0")
    # topic and confidence
    set_value(p, "#f-topic", "cyber")
    set_value(p, "#f-conf", "0.9")
    expected = [c for c in claims if "cyber" in c["topics"] and c["attribution_confidence"] >= 0.9 - 1e-9]
    assert count(p)[0] == len(expected)
    # sorting by confidence, descending on the second click
    p.eval("document.querySelector('#f-reset').click()")
    p.wait_for(f"document.querySelector('#claim-count').textContent.indexOf('{len(claims)} of') === 0")
    p.eval("document.querySelector('th[data-sort=conf] button').click()")
    p.eval("document.querySelector('th[data-sort=conf] button').click()")
    confs = [c["conf"] for c in selection(p)]
    assert confs == sorted(confs, reverse=True) and confs[0] > confs[-1]
    assert p.eval("document.querySelector('th[data-sort=conf]').getAttribute('aria-sort')") == "descending"


def test_simplified_toggle(browser, site):
    page, _ = site
    p = open_page(browser, page, script="simplified", doc="0")
    assert p.eval("document.querySelector('#script-toggle').getAttribute('aria-pressed')") == "true"
    text = p.eval("document.querySelector('#doc-text').textContent")
    assert "俄罗斯" in text and "俄羅斯" not in text
    p.eval("document.querySelector('#script-toggle').click()")
    assert "俄羅斯" in p.eval("document.querySelector('#doc-text').textContent")


# ------------------------------------------------------------------ constructed pages


def two_script_data() -> ReportData:
    """One Traditional and one Simplified article, each with claims (constructed sentences)."""
    trad = "標題\n\n普京表示「俄羅斯願意對話」。他又稱美國製裁無效。"
    simp = "标题\n\n拜登说：「我们将回应网络攻击。」"
    claims = [
        claim(trad, "t1", "俄羅斯願意對話", "普京", "普京", "favor", text_simplified="俄罗斯愿意对话", rule="quote_cue",
              speaker_rule="name", statement_id="s1"),
        claim(trad, "t1", "美國製裁無效", "他", "普京", "against", text_simplified="美国制裁无效", topics=["sanctions"],
              rule="cue_clause", speaker_rule="pronoun", date="2021-06-17"),
        claim(simp, "s1", "我们将回应网络攻击", "拜登", "拜登", "neutral", topics=["cyber"], rule="quote_colon",
              speaker_rule="name", date="2021-07-01", attribution_confidence=0.6, statement_id="s1"),
    ]  # fmt: skip
    docs = [
        {"doc_id": "t1", "source_path": "t1.txt", "title": "標題", "date": "2021-06-16", "script": "traditional",
         "text": trad, "outlet": "中央社", "region": "tw"},
        {"doc_id": "s1", "source_path": "s1.txt", "title": "标题", "date": "2021-07-01", "script": "simplified",
         "text": simp, "outlet": "新华社", "region": "cn"},
    ]  # fmt: skip
    return ReportData(documents=docs, claims=claims, table=[], n_documents=2, n_claims=3, speaker_counts={})


@pytest.fixture(scope="module")
def two_scripts(tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("two") / "index.html"
    page.write_text(build_report(two_script_data(), topic_labels={"cyber": "网络安全"}), encoding="utf-8")
    return page


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("对话", ["俄羅斯願意對話"]),  # Simplified query, Traditional article
        ("對話", ["俄羅斯願意對話"]),  # Traditional query, Traditional article
        ("我們將回應", ["我们将回应网络攻击"]),  # Traditional query, Simplified article
        ("网络攻击", ["我们将回应网络攻击"]),
        ("制裁", ["美國製裁無效"]),
        ("普京", ["俄羅斯願意對話", "美國製裁無效"]),  # the speaker
        ("他", ["美國製裁無效"]),  # the mention as written
        ("沒有這句話", []),
    ],
)
def test_search_in_either_script(browser, two_scripts, query, found):
    p = open_page(browser, two_scripts)
    set_value(p, "#f-q", query, "input")
    p.wait_for(f"claimBrowser.selection().length === {len(found)}")
    time.sleep(0.2)  # the search box waits for typing to pause; make sure nothing changes after
    assert sorted(p.eval("claimBrowser.selection().map(function (c) { return c.text; })")) == sorted(found)
    assert count(p)[0] == len(found)


def test_optional_columns_date_range_and_reach(browser, two_scripts):
    p = open_page(browser, two_scripts, outlet="中央社")
    assert count(p) == (2, 3)
    assert p.eval("document.querySelector('th[data-sort=outlet]').hidden") is False
    set_value(p, "#f-outlet", "")
    set_value(p, "#f-from", "2021-06-17")
    set_value(p, "#f-to", "2021-06-30")
    assert [c["date"] for c in selection(p)] == ["2021-06-17"]
    # the statement said in two documents has reach 2
    p.eval("claimBrowser.select(0, false)")
    panel = p.eval("document.querySelector('#panel-body').textContent")
    assert "reach 2 documents" in panel and "quote_cue" in panel and "name" in panel
    p.eval("document.querySelector('#f-reset').click()")
    p.eval("claimBrowser.openDoc(1)")  # the tooltip names the topic by its label
    tip = p.eval("(function () { var m = document.querySelector('#doc-text mark.claim');"
                 " m.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); return m.title; })()")  # fmt: skip
    assert "topics: 网络安全" in tip
    # the keyboard: a focused row selects its claim on Enter
    p.eval("(function () { var tr = document.querySelector('#claims-table tbody tr:last-child'); tr.focus();"
           " tr.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); })()")  # fmt: skip
    assert p.eval("document.querySelector('#panel-body .quote').textContent") == "我们将回应网络攻击"
    assert_offline_and_clean(p)


def test_pages_without_the_optional_columns_hide_them(browser, tmp_path):
    page = tmp_path / "plain.html"
    page.write_text(build_report(sample_data()), encoding="utf-8")
    p = open_page(browser, page)
    hidden = p.eval("['outlet', 'region', 'reach'].map(function (k) { return document.querySelector('th[data-sort=' + k + ']').hidden; })")
    assert hidden == [True, True, True]
    assert count(p) == (3, 3)
    assert_offline_and_clean(p)


def test_export_downloads_the_current_selection(browser, two_scripts, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    p = open_page(browser, two_scripts, speaker="普京")
    p.eval("document.querySelector('th[data-sort=stance] button').click()")  # against before favor
    p.eval("document.querySelector('#export-csv').click()")
    p.eval("document.querySelector('#export-json').click()")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not ((downloads / "claims.csv").exists() and (downloads / "claims.json").exists()):
        time.sleep(0.1)
    rows = list(csv.DictReader(io.StringIO((downloads / "claims.csv").read_text(encoding="utf-8-sig"))))
    assert [r["text"] for r in rows] == ["美國製裁無效", "俄羅斯願意對話"]
    assert rows[0]["text"] == "美國製裁無效" and rows[0]["text_simplified"] == "美国制裁无效"
    assert rows[0]["speaker_mention"] == "他" and rows[0]["rule"] == "cue_clause" and rows[0]["outlet"] == "中央社"
    records = json.loads((downloads / "claims.json").read_text(encoding="utf-8"))
    assert [r["claim_id"] for r in records] == [r["claim_id"] for r in rows]
    assert records[1]["topics"] == ["bilateral_relations"] and records[1]["reach"] == 2
    assert_offline_and_clean(p)


def test_link_opens_the_claim_in_its_article(browser, site):
    page, data = site
    claims = read_rows(data / "claims.parquet", ["claim_id", "text", "doc_id"])
    p = open_page(browser, page, size="250")
    last = p.eval("claimBrowser.selection().length") - 1
    target = p.eval(f"claimBrowser.selection()[{last}].id")
    p.eval(f"document.querySelector('#claims-table tbody tr[data-i=\"{last}\"] a.to-article').click()")
    p.wait_for(f"location.hash === '#c{last}'")
    text = next(c["text"] for c in claims if c["claim_id"] == target)
    mark = p.eval(f"document.getElementById('c{last}').closest('mark').textContent")
    # the mark starts with the claim (a claim nested in it may continue past its end)
    assert text.startswith(mark) or mark.startswith(text)
    assert p.eval("document.querySelector('#panel-body .quote').textContent") == text
    assert p.eval(f"document.getElementById('c{last}').closest('mark').classList.contains('selected')")
    doc = next(c["doc_id"] for c in claims if c["claim_id"] == target)
    assert p.eval("JSON.parse(document.getElementById('docs-data').textContent)[+document.querySelector('#doc-select').value].id") == doc


def test_document_text_cannot_run_script(browser, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text(build_report(sample_data()), encoding="utf-8")
    p = open_page(browser, page)
    assert p.eval("document.title") == "Claim browser", "the document's <script> ran"
    assert EVIL in p.eval("document.querySelector('#doc-text').textContent")
    assert p.eval("document.querySelectorAll('#doc-text script, #doc-text img').length") == 0
    assert_offline_and_clean(p)


# ------------------------------------------------------------------ 10,000 claims


def generated_data(n_claims: int = 10_000, per_doc: int = 20) -> tuple[ReportData, list[dict]]:
    """Constructed documents and claims (no article text from anywhere): speakers, topics, stances,
    dates and outlets cycle so that each filter selects a known share."""
    speakers = ["普京", "拜登", "习近平", "泽连斯基", "佩斯科夫", "布林肯", "王毅", "马克龙"]
    stances = ["favor", "against", "neutral"]
    topics = ["cyber", "sanctions", "ukraine", "bilateral_relations", "arms_control"]
    docs, claims = [], []
    for d in range(n_claims // per_doc):
        script = "traditional" if d % 2 else "simplified"
        pieces, spans = ["标题\n\n"], []
        pos = len(pieces[0])
        for k in range(per_doc):
            i = d * per_doc + k
            speaker = speakers[i % len(speakers)]
            content = f"第{i}号声明说双方将继续对话"
            if script == "traditional":
                speaker_w, content_w = to_traditional(speaker), to_traditional(content)
            else:
                speaker_w, content_w = speaker, content
            head = f"{speaker_w}表示「"
            spans.append((i, speaker, speaker_w, pos, pos + len(head) + len(content_w), content_w, content))
            piece = f"{head}{content_w}」。"
            pieces.append(piece)
            pos += len(piece)
        text = "".join(pieces)
        doc_id = f"g{d:04d}"
        for i, speaker, speaker_w, s0, e, content_w, content in spans:
            start = e - len(content_w)
            claims.append({
                "claim_id": f"{doc_id}:{start}-{e}", "doc_id": doc_id, "start": start, "end": e, "text": content_w,
                "text_simplified": content, "kind": "direct", "speaker": speaker, "speaker_mention": speaker_w,
                "speaker_start": s0, "speaker_end": s0 + len(speaker_w), "speaker_resolution": "name", "cue": "表示",
                "cue_role": "speech", "date": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}", "target": "",
                "attribution_confidence": (i % 10) / 10, "topics": [topics[i % len(topics)]], "topic_evidence": [],
                "stance": stances[i % 3], "stance_confidence": 0.5, "stance_evidence": ["对话"],
            })  # fmt: skip
        docs.append({"doc_id": doc_id, "source_path": f"{doc_id}.txt", "title": f"文章{d}", "date": "2021-01-01",
                     "script": script, "text": text, "outlet": f"outlet{d % 4}"})  # fmt: skip
    assert len(claims) == n_claims
    return ReportData(documents=docs, claims=claims, table=[], n_documents=len(docs), n_claims=n_claims, speaker_counts={}), claims


def test_ten_thousand_claims_load_filter_and_page(browser, tmp_path):
    data, claims = generated_data()
    page = tmp_path / "big.html"
    t0 = time.perf_counter()
    page.write_text(build_report(data), encoding="utf-8")
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    p = open_page(browser, page)
    loaded = time.perf_counter() - t0
    ready_ms = p.eval("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    print(f"\n10,000 claims: page {page.stat().st_size / 1e6:.1f} MB, built in {built:.1f} s, "
          f"script done {ready_ms / 1000:.2f} s after navigation, ready seen after {loaded:.2f} s")  # fmt: skip
    assert count(p) == (10_000, 10_000)
    assert p.eval("document.querySelectorAll('#claims-table tbody tr').length") == 50
    p.eval("document.querySelector('#next-page').click()")
    assert p.eval("document.querySelector('#page-pos').textContent") == "page 2 of 200"
    # two speakers and a stance
    p.eval("['普京', '王毅'].forEach(function (s) { var i = document.querySelector('#f-speaker-input'); i.value = s;"
           " i.dispatchEvent(new Event('change')); })")  # fmt: skip
    set_value(p, "#f-stance", "against")
    expected = [c for c in claims if c["speaker"] in ("普京", "王毅") and c["stance"] == "against"]
    assert count(p)[0] == len(expected) > 0
    assert p.eval("document.querySelector('#page-pos').textContent").startswith("page 1 of")
    # a Traditional query finds Simplified and Traditional documents alike
    set_value(p, "#f-q", "第1000號聲明", "input")  # claim 1000: 普京, against, in a Simplified document
    p.wait_for(f"claimBrowser.selection().length !== {len(expected)}")
    assert [c["id"] for c in selection(p)] == [c["claim_id"] for c in claims if c["text_simplified"].startswith("第1000号")]
    # an article deep in the corpus opens, with its claims highlighted
    p.eval("document.querySelector('#f-reset').click()")
    p.wait_for("claimBrowser.selection().length === 10000")
    p.eval("location.hash = '#c9999'")
    p.wait_for("document.querySelector('#panel-body .quote') !== null")
    assert p.eval("document.getElementById('c9999').textContent") == claims[-1]["text"]
    assert p.eval("document.querySelectorAll('#doc-text mark.claim.first').length") == 20
    assert_offline_and_clean(p)


# ------------------------------------------------------------------ screenshot


def test_screenshot(browser, site, tmp_path):
    from PIL import Image

    page, _ = site
    p = open_page(browser, page, height=1500, speaker=["拜登"], stance="against", size="10")
    p.eval("document.querySelector('#claims-table tbody tr:nth-child(4)').click()")
    shot = tmp_path / "claim-browser.png"
    p.screenshot(shot)
    with Image.open(shot) as img:
        assert img.size == (1400, 1500)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200, "the screenshot is (nearly) blank"
    if os.environ.get("ZH_CLAIMS_SCREENSHOT"):
        shutil.copy(shot, os.environ["ZH_CLAIMS_SCREENSHOT"])


# ------------------------------------------------------------------ dvc plots show, offline


def test_dvc_plots_show_draws_offline(browser, tmp_path):
    """The README's `dvc plots show`, with this repository's dvc.yaml plots, templates and
    .dvc/config, writes a page that draws every plot with the network cut off."""
    repo = tmp_path / "repo"
    (repo / "reports" / "plots").mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "dvc", "init", "--no-scm", "-q"], cwd=repo, check=True)
    from configobj import ConfigObj  # DVC's own config reader

    template = ConfigObj(str(ROOT / ".dvc" / "config"))["plots"]["html_template"]
    subprocess.run([sys.executable, "-m", "dvc", "config", "plots.html_template", template], cwd=repo, check=True)
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))
    (repo / "dvc.yaml").write_text(yaml.safe_dump({"plots": stages["plots"]}, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ROOT / "reports" / "templates", repo / "reports" / "templates")
    # the plot data and the template, as the report stage writes them
    data = sample_data()
    for name, records in plot_data(data.claims, data.table).items():
        (repo / "reports" / "plots" / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    from pipeline.report import dvc_plots_template

    (repo / "reports" / "dvc_plots_template.html").write_text(dvc_plots_template(), encoding="utf-8")
    env = os.environ | {"DVC_NO_ANALYTICS": "1"}
    proc = subprocess.run([sys.executable, "-m", "dvc", "plots", "show"], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    out = repo / "dvc_plots" / "index.html"
    html = out.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "<script src=" not in html
    p = browser.open(out.as_uri(), ready="document.readyState === 'complete'")
    n_plots = len(stages["plots"])
    p.wait_for(f"document.querySelectorAll('.vega-embed svg.marks').length === {n_plots}", timeout=30)
    # bars were drawn, and the Chinese speaker names are on the axes
    assert p.eval("document.querySelectorAll('.vega-embed .mark-rect path').length") >= n_plots
    assert "普京" in p.eval("document.body.textContent")
    remote = [u for u in p.requested_urls() if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert remote == []
    assert p.errors() == []


def test_generated_claims_are_constructed_consistently():
    """The 10,000-claim generator's rows obey the offsets contract (or the page test proves little)."""
    data, claims = generated_data(200)
    texts = {d["doc_id"]: d["text"] for d in data.documents}
    assert all(texts[c["doc_id"]][c["start"] : c["end"]] == c["text"] for c in claims)
    assert all(to_simplified(c["text"]) == c["text_simplified"] for c in claims)
