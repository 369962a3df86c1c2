"""One typed view of params.yaml, handed down to every stage.

Library code never opens params.yaml itself: the CLI loads a :class:`Config`
once and passes the section a stage needs.  Tests build configs in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent  # the checkout (in an installed package: site-packages, with no params.yaml)
DEFAULT_PARAMS = ROOT / "params.yaml"  # absent when installed: the defaults below, which equal it (tests check)


def _default_models() -> Path:
    """The checkout's models/ folder, or, in an installed wheel, the copy shipped inside the
    package (pyproject.toml maps models/ to pipeline/models; --models chooses another)."""
    packaged = PACKAGE_DIR / "models"
    return packaged if packaged.is_dir() else ROOT / "models"


DEFAULT_MODELS = _default_models()
DEFAULT_BEAT = "us_russia"


@dataclass(frozen=True)
class IngestConfig:
    extensions: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
    max_bytes: int = 20_000_000
    min_chars: int = 20


@dataclass(frozen=True)
class NormalizeConfig:
    opencc_traditional: str = "t2s"
    opencc_mixed: str = "t2s"
    # OpenCC configs whose single-character mappings fold regional forms (HK 衞, TW 著) onto the
    # standard ones before the conversion to Simplified; see pipeline.normalize.regional_table
    regional_variants: tuple[str, ...] = ("hk2t", "tw2t")
    # characters those configs map that are standard characters in their own right (params.yaml)
    regional_keep: str = "么著顎鯰"


@dataclass(frozen=True)
class SegmentConfig:
    hmm: bool = False


@dataclass(frozen=True)
class ExtractConfig:
    max_quote_chars: int = 3000
    min_bare_quote_chars: int = 12
    max_speaker_chars: int = 40
    context_chars: int = 600
    max_postposed_adverbial_chars: int = 15
    max_manner_adverbial_chars: int = 8
    min_ordinary_word_frequency: int = 100
    max_aside_name_chars: int = 8


@dataclass(frozen=True)
class ClassifyConfig:
    max_topics: int = 3
    min_topic_score: float = 1.0
    neutral_margin: float = 0.5
    beat: str = DEFAULT_BEAT  # models/beats/<beat>/: the topic taxonomy (and lexicon additions)
    stance_model: str = "lexicon"  # lexicon | learned | combined (learned weights in models/)
    lexicon_strong: float = 2.0  # combined: a lexicon score at least this strong is kept as is


@dataclass(frozen=True)
class AggregateConfig:
    n_examples: int = 5


@dataclass(frozen=True)
class DedupConfig:
    min_similarity: float = 0.8  # estimated Jaccard similarity of two documents' shingles for a duplicate
    shingle_chars: int = 5
    num_hashes: int = 128
    bands: int = 32
    min_han_chars: int = 50  # documents with less Han text are never marked as duplicates


@dataclass(frozen=True)
class RunConfig:
    batch_size: int = 32
    workers: int = 0
    partition_files: int = 64
    part_documents: int = 64


@dataclass(frozen=True)
class Config:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)
    aggregate: AggregateConfig = field(default_factory=AggregateConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    run: RunConfig = field(default_factory=RunConfig)
    models_dir: Path = DEFAULT_MODELS
    nlp_dir: Path | None = None  # an assembled spaCy pipeline (`assemble`) to use instead of building one

    @classmethod
    def load(
        cls, params: str | Path | None = None, models_dir: str | Path | None = None, nlp_dir: str | Path | None = None
    ) -> Config:
        path = Path(params) if params else DEFAULT_PARAMS
        raw: dict[str, Any] = {}
        if path.exists():
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(raw, dict):
                raise ValueError(f"{path} must be a mapping of sections, not {type(raw).__name__}")
        sections = {}
        for f in fields(cls):
            if f.name in ("models_dir", "nlp_dir"):
                continue
            section_cls = f.default_factory  # type: ignore[misc]
            values = raw.get(f.name) or {}
            if not isinstance(values, dict):
                raise ValueError(f"params.yaml [{f.name}] must be a mapping of keys to values, not {values!r}")
            known = {sf.name for sf in fields(section_cls)}
            unknown = set(values) - known
            if unknown:
                raise ValueError(f"params.yaml [{f.name}]: unknown keys {sorted(unknown)}")
            values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            sections[f.name] = section_cls(**values)
        return cls(
            **sections,
            models_dir=Path(models_dir) if models_dir else DEFAULT_MODELS,
            nlp_dir=Path(nlp_dir) if nlp_dir else None,
        )
