"""The package as others get it: a wheel that carries its models and report assets, a spaCy
pipeline written by `assemble` that loads in a fresh process, and the same claims either way.

(The wheel installed into a fresh virtual environment and run from another folder is checked by
.ci/run: it downloads the dependencies.)
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.analysis import normalise
from pipeline.config import DEFAULT_PARAMS, Config
from pipeline.lexicons import load_lexicons
from pipeline.normalize import detect_script
from pipeline.segment import assemble, build_nlp
from tests.conftest import CORPUS, HEADLINE, ROOT, output_bytes, to_traditional

MODELS = ROOT / "models"
ASSETS = ROOT / "pipeline" / "report_assets"

# constructed sentences: reported speech and a quotation with its speaker after it
SENTENCES = [
    "外交部发言人赵立坚表示，美方应当停止干涉中国内政。",
    "“我们不会接受任何威胁。”俄罗斯总统普京说。",
]


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built as `pip wheel . --no-deps` builds it, from a copy of the sources (the build
    writes its scratch folders beside them), without network (setuptools of the dev extras)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("pipeline", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [built] = out.glob("*.whl")
    return built


def test_the_wheel_carries_every_model_file_and_report_asset(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged_models = {n.removeprefix("pipeline/models/") for n in names if n.startswith("pipeline/models/")}
    assert _files(MODELS) <= packaged_models, sorted(_files(MODELS) - packaged_models)
    packaged_assets = {n.removeprefix("pipeline/report_assets/") for n in names if n.startswith("pipeline/report_assets/")}
    assert _files(ASSETS) <= packaged_assets, sorted(_files(ASSETS) - packaged_assets)
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py")}
    assert modules <= names, sorted(modules - names)


def test_the_wheel_registers_the_command_and_the_spacy_factories(wheel):
    archive = zipfile.ZipFile(wheel)
    [entry_points] = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode("utf-8")
    for name in ("zh-claims", "claims_quotes", "claims_cues", "claims_mentions", "claims_attribution", "claims.jieba_tokenizer.v1"):
        assert name in text


def test_an_installed_package_without_params_yaml_runs_with_the_same_parameters():
    # a wheel has no params.yaml beside it: the defaults in config.py must be the project's params
    assert DEFAULT_PARAMS.exists()
    assert Config() == Config.load(DEFAULT_PARAMS)


# --------------------------------------------------------------------------- assemble


@pytest.fixture(scope="module")
def assembled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nlp") / "zh_claims"
    assemble(Config.load(), out)
    return out


def test_the_assembled_config_names_no_folder(assembled):
    config = (assembled / "config.cfg").read_text(encoding="utf-8")
    assert "claims.jieba_tokenizer.v1" in config
    assert str(ROOT) not in config and str(MODELS) not in config
    for name in ("claims_quotes", "claims_cues", "claims_mentions", "claims_attribution"):
        assert (assembled / name / "speakers.yaml").is_file()  # the component's data travel with it
    assert json.loads((assembled / "tokenizer" / "jieba.json").read_text(encoding="utf-8"))["user_dictionary"]["words"]


def _claims(nlp, text: str) -> list[tuple[int, int, str]]:
    doc = nlp(text)
    return [(c.start, c.end, c.speaker.id) for c in doc._.claims]


_LOAD = r"""
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
out = []
for text in json.loads(sys.argv[2]):
    doc = nlp(text)
    out.append([[c.start, c.end, c.speaker.id] for c in doc._.claims])
print(json.dumps({"pipe_names": nlp.pipe_names, "tokenizer": type(nlp.tokenizer).__name__, "claims": out}))
"""


def test_spacy_loads_the_assembled_pipeline_in_a_fresh_process_with_the_same_claims(assembled, tmp_path):
    # the components read the normalised (Simplified) body text, whatever the article's script
    config = Config.load()
    lex = load_lexicons(config.models_dir)
    texts = []
    for i, text in enumerate(HEADLINE + t for s in SENTENCES for t in (s, to_traditional(s))):
        document = {"doc_id": f"d{i}", "text": text, "script": detect_script(text)}
        texts.append(normalise(document, config, lex).body_text())
    expected = [[list(c) for c in _claims(build_nlp(config), t)] for t in texts]
    assert all(expected), "each constructed sentence has a claim"
    # a fresh interpreter, started elsewhere, that has imported nothing of the project: spaCy finds
    # the tokenizer and the factories through the package's entry points
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD, str(assembled), json.dumps(texts, ensure_ascii=False)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout)
    assert got["pipe_names"] == ["claims_quotes", "claims_cues", "claims_mentions", "claims_attribution"]
    assert got["tokenizer"] == "JiebaTokenizer"
    assert got["claims"] == expected


def test_the_assembled_pipeline_keeps_its_settings(assembled):
    import spacy

    config = Config.load()
    changed = dataclasses.replace(config, extract=dataclasses.replace(config.extract, min_bare_quote_chars=99))
    out = assembled.parent / "changed"
    assemble(changed, out)
    loaded = spacy.load(out)
    assert loaded.get_pipe("claims_attribution").cfg.min_bare_quote_chars == 99
    assert spacy.load(assembled).get_pipe("claims_attribution").cfg.min_bare_quote_chars == config.extract.min_bare_quote_chars


@pytest.mark.slow
def test_run_with_the_assembled_pipeline_writes_the_same_claims(assembled, tmp_path):
    def run(out: Path, *extra: str) -> bytes:
        cmd = [sys.executable, "-m", "pipeline", "run", str(CORPUS), "--out", str(out), "--no-cache", "--workers", "1", *extra]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return b"".join(output_bytes(out, ["claims"]).values())

    assert run(tmp_path / "model", "--model", str(assembled)) == run(tmp_path / "default")


def test_run_refuses_a_model_folder_that_is_no_pipeline(tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "run", str(CORPUS), "--out", str(tmp_path / "out"), "--model", str(tmp_path)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "no assembled pipeline" in proc.stderr and "Traceback" not in proc.stderr
