"""The claim browser in a real browser: headless Chromium loads the page from file://,
runs its JS, and we read the resulting DOM (--dump-dom) and take a screenshot.

The page takes its initial state from the URL (?speaker=, ?topic=, ?script=simplified,
?doc=), so filters and the script toggle are exercised without driving clicks.
Skipped only when Chromium is not installed (CI installs it: see .ci/run).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from pipeline.parquet_io import read_rows
from pipeline.report import build_report, write_report
from tests.test_report import EVIL, bundled_outputs, sample_data

pytestmark = pytest.mark.slow

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
]  # fmt: skip


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None and Path("/usr/bin/chromium").exists():
        path = "/usr/bin/chromium"
    if path is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    return path


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chromium-profile")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    """The page built from the bundled corpus, and the folder of its tables."""
    data = bundled_outputs(tmp_path_factory)
    page = tmp_path_factory.mktemp("site") / "index.html"
    write_report(data, page)
    return page, data


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def dom(chromium: str, profile: Path, page: Path, **query: str) -> BeautifulSoup:
    url = page.as_uri() + (f"?{urlencode(query)}" if query else "")
    html = run_chromium(chromium, profile, "--dump-dom", url).stdout
    soup = BeautifulSoup(html, "html.parser")
    assert soup.body is not None and soup.body.get("data-ready") == "true", "the page's script did not finish"
    return soup


def test_claims_and_table_rows_render(chromium, profile, site):
    page, data = site
    soup = dom(chromium, profile, page)
    claims = read_rows(data / "claims.parquet", ["claim_id", "speaker", "speaker_start"])
    table = read_rows(data / "speaker_topic_stance.parquet", ["speaker"])

    starts = soup.select("mark.claim.first")
    assert len(starts) + len(soup.select("mark.claim .anchor")) == len(claims)
    assert {m["class"][1] for m in starts} == {"st-favor", "st-against", "st-neutral"}
    assert all(m.get("title", "").count("\n") >= 2 for m in starts), "speaker/stance/evidence tooltip on every claim"
    # every explicit speaker mention is a link to a claim that exists
    mentions = soup.select("a.mention")
    assert mentions and all(soup.find(id=a["href"][1:]) is not None for a in mentions)
    assert len({a["href"] for a in mentions}) <= sum(1 for c in claims if c["speaker_start"] >= 0)

    rows = soup.select("#stt tbody tr")
    assert len(rows) == len(table)
    assert not any(r.has_attr("hidden") for r in rows)
    # one document shown at a time, and the side panel filled with the first claim
    assert len(soup.select("article.doc:not([hidden])")) == 1
    assert soup.select_one("#panel-body .quote").get_text() == starts[0].get_text()


def test_filters_and_simplified_toggle_from_the_url(chromium, profile, site):
    page, _ = site
    soup = dom(chromium, profile, page, speaker="普京", script="simplified")
    rows = soup.select("#stt tbody tr")
    shown = [r for r in rows if not r.has_attr("hidden")]
    assert shown and all(r["data-speaker"] == "普京" for r in shown) and len(shown) < len(rows)
    assert soup.select_one("#row-count").get_text().startswith(f"{len(shown)} of {len(rows)}")
    dimmed = soup.select("mark.claim.dim")
    assert dimmed and all("普京 ·" not in m["title"].split("\n")[0] for m in dimmed)
    # Traditional text switched to Simplified: 俄羅斯 (original) → 俄罗斯
    assert soup.select_one("#script-toggle")["aria-pressed"] == "true"
    text = soup.select_one("#d0 .doc-text").get_text()
    assert "俄罗斯" in text and "俄羅斯" not in text


def test_document_text_cannot_run_script(chromium, profile, tmp_path):
    page = tmp_path / "evil.html"
    page.write_text(build_report(sample_data()), encoding="utf-8")
    soup = dom(chromium, profile, page)
    assert soup.title.get_text() == "Claim browser", "the document's <script> ran"
    assert EVIL in soup.select_one(".doc-text").get_text()
    assert not soup.select(".doc-text script, .doc-text img")


def test_screenshot(chromium, profile, site, tmp_path):
    from PIL import Image

    page, _ = site
    shot = tmp_path / "claim-browser.png"
    run_chromium(chromium, profile, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri() + "?doc=4")
    print(f"\nscreenshot of the claim browser: {shot}")
    with Image.open(shot) as img:
        assert img.size == (1400, 1000)
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200, "the screenshot is (nearly) blank"
