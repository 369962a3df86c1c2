"""Shared fixtures: one config, lexicons and spaCy pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from pipeline.config import Config
from pipeline.extract import extract_claims
from pipeline.lexicons import load_lexicons
from pipeline.normalize import detect_script, normalize_document
from pipeline.segment import pipeline_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "raw"
GOLD = ROOT / "corpus" / "gold" / "seeds.jsonl"
HEADLINE = "新聞標題\n\n"  # constructed texts get a headline line, as articles have

_s2t = opencc.OpenCC("s2t")
_t2s = opencc.OpenCC("t2s")


def to_traditional(text: str) -> str:
    return _s2t.convert(text)


def to_simplified(text: str) -> str:
    return _t2s.convert(text)


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.load()


@pytest.fixture(scope="session")
def lexicons(config):
    return load_lexicons(config.models_dir)


@pytest.fixture(scope="session")
def nlp(config):
    return pipeline_nlp(config)


@pytest.fixture(scope="session")
def extract(config, lexicons, nlp):
    """Claims of a constructed article body (a headline line is added in front).

    Returns the claim rows with start/end relative to the body as given.
    """

    def run(body: str, date: str | None = "2021-06-16") -> list[dict]:
        text = HEADLINE + body
        document = {"doc_id": "t", "text": text, "date": date, "source_path": "t.txt"}
        norm = normalize_document("t", text, detect_script(text), config.normalize, lexicons)
        doc = nlp.make_doc(norm.body_text())
        rows = extract_claims(nlp, document, norm, doc)
        for r in rows:
            r["start"] -= len(HEADLINE)
            r["end"] -= len(HEADLINE)
            assert body[r["start"] : r["end"]] == r["text"]
        return rows

    return run
