"""Shared fixtures: one config, lexicons and spaCy pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from pipeline.analysis import analyse, load_models
from pipeline.config import Config
from pipeline.lexicons import load_lexicons
from pipeline.normalize import detect_script

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


SCRIPT_CONVERTERS = {"simplified": None, "traditional": opencc.OpenCC("s2hk"), "taiwan": opencc.OpenCC("s2twp")}


def in_script(name: str):
    """A function writing a Simplified test sentence in the script `name` (SCRIPT_CONVERTERS)."""
    conv = SCRIPT_CONVERTERS[name]
    return (lambda s: s) if conv is None else conv.convert


@pytest.fixture(params=sorted(SCRIPT_CONVERTERS))
def script(request: pytest.FixtureRequest):
    """Writes a Simplified test sentence in the script under test (each test runs in all three)."""
    return in_script(request.param)


@pytest.fixture(scope="module")
def clf():
    """The classifier of the shipped models."""
    from pipeline.classify import load_classifier
    from pipeline.config import DEFAULT_MODELS

    return load_classifier(DEFAULT_MODELS)


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.load()


@pytest.fixture(scope="session")
def lexicons(config):
    return load_lexicons(config.models_dir)


@pytest.fixture(scope="session")
def models(config):
    return load_models(config)


@pytest.fixture(scope="session")
def nlp(models):
    return models.nlp


@pytest.fixture(scope="session")
def extract(config, models):
    """Claims of a constructed article body (a headline line is added in front), as the run's
    own per-document function (:func:`pipeline.analysis.analyse`) finds them before classification.

    Returns the claim rows with start/end relative to the body as given.
    """

    def run(body: str, date: str | None = "2021-06-16") -> list[dict]:
        text = HEADLINE + body
        document = {"doc_id": "t", "text": text, "date": date, "source_path": "t.txt", "script": detect_script(text)}
        rows = analyse(document, models.nlp, models.classifier, config).extracted
        assert rows is not None
        for r in rows:
            r["start"] -= len(HEADLINE)
            r["end"] -= len(HEADLINE)
            assert body[r["start"] : r["end"]] == r["text"]
        return rows

    return run


def assert_claims_found(got: list[dict], text: str, expected: list[tuple]) -> None:
    """The claims ``got`` from ``text`` are ``expected``: (speaker, simplified text, kind, rule or None)."""
    assert [(c["speaker"], to_simplified(c["text"]), c["kind"]) for c in got] == [e[:3] for e in expected], text
    for c, (*_, rule) in zip(got, expected, strict=True):
        assert rule is None or c["rule"] == rule, (text, c)


def constructed_page(paragraphs: list[list[tuple[str, str, str, str, str]]]) -> tuple[list[dict], dict, str]:
    """Extracted claims, document and text of a page built from paragraphs of
    (opener, claim, speaker, cue, cue_role): each claim is its own sentence ``{opener}{claim}。``
    and each paragraph one line, so classification tests need no extraction."""
    text, claims = "", []
    for p, para in enumerate(paragraphs):
        if p:
            text += "\n"
        for opener, body, speaker, cue, role in para:
            sentence = f"{opener}{body}。"
            claims.append(constructed_claim(body, sentence, len(text) + len(opener), speaker, cue, role))
            text += sentence
    return claims, {"doc_id": "t", "title": None, "text": text}, text


def constructed_claim(body: str, sentence: str, start: int, speaker: str, cue: str, role: str) -> dict:
    """An extracted (unclassified) indirect claim row: ``body`` at ``start`` of the document,
    inside ``sentence``, as classification tests build them without extraction."""
    from pipeline.lexicons import simp

    return {
        "text": body,
        "text_simplified": simp(body),
        "sentence": sentence,
        "speaker": speaker,
        "target": "",
        "cue": cue,
        "cue_role": role,
        "kind": "indirect",
        "start": start,
        "end": start + len(body),
    }


RUN_TABLES = ("documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date")


def output_bytes(out: Path, tables: tuple[str, ...] | list[str] = RUN_TABLES) -> dict[str, bytes]:
    """The bytes of each output table, for byte-for-byte comparisons: a table written as a dataset
    folder (documents and claims of `run`) as its part files, by name."""
    from pipeline.parquet_io import table_files

    found = {}
    for t in tables:
        for f in table_files(Path(out) / f"{t}.parquet"):
            found[f.relative_to(out).as_posix()] = f.read_bytes()
    return found
