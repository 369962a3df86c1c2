"""What the four claims components share as spaCy components: their knowledge comes from
``models/`` through ``initialize`` (as spaCy's ``entity_ruler`` loads its patterns), is
written with ``to_disk`` and read back with ``from_disk`` (the model files themselves, no
pickles), and their results are also ``doc.spans`` groups so spaCy tools (displacy) see them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from pipeline.config import ExtractConfig
from pipeline.lexicons import MODEL_FILES, Lexicons, load_lexicons

SETTINGS_FILE = "settings.json"


class KnowledgeComponent:
    """A component whose data are the files of a models folder.

    Built without a folder, it is initialised with the project's ``models/`` on first use, so a
    pipeline assembled in code works without ``nlp.initialize()``."""

    lex: Lexicons | None
    cfg: ExtractConfig
    spans_key: str = ""  # the doc.spans group written ("" for none); the factories set the default

    def use(self, lex: Lexicons) -> None:
        """Adopt a knowledge base; components with derived tables override this."""
        self.lex = lex

    def knowledge(self) -> Lexicons:
        if self.lex is None:
            self.use(load_lexicons())
        assert self.lex is not None
        return self.lex

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp=None, models_dir: str = "") -> None:
        self.use(load_lexicons(models_dir) if models_dir else load_lexicons())

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = Path(self.knowledge().models_dir)
        for name in MODEL_FILES:
            shutil.copyfile(source / name, path / name)
        (path / SETTINGS_FILE).write_text(json.dumps(asdict(self.cfg), sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> KnowledgeComponent:
        path = Path(path)
        settings = path / SETTINGS_FILE
        if settings.exists():
            self.cfg = ExtractConfig(**json.loads(settings.read_text(encoding="utf-8")))
        self.use(load_lexicons(path))
        return self


BOUNDS_KEY = "claims_token_bounds"


def token_bounds(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Start and end offset of every token, computed once per Doc for the four span groups."""
    bounds = doc.user_data.get(BOUNDS_KEY)
    if bounds is None or len(bounds[0]) != len(doc):
        arr = doc.to_array([IDX, LENGTH])
        bounds = doc.user_data[BOUNDS_KEY] = (arr[:, 0], arr[:, 0] + arr[:, 1])
    return bounds


def span_group(
    doc: Doc, key: str, items: Sequence[Any], label: Callable[[Any], str]
) -> list[Span]:
    """Items with character offsets as a ``doc.spans`` group. Token-aligned (expanded to whole
    tokens) for spaCy; the exact character offsets stay on the items themselves. Token indexes
    for all items are found in one vectorised search (``Doc.char_span`` per item costs more than
    the component itself)."""
    if not key:
        return []
    spans: list[Span] = []
    if items and len(doc):
        token_starts, token_ends = token_bounds(doc)
        first = numpy.searchsorted(token_ends, [it.start for it in items], side="right").tolist()
        last = numpy.searchsorted(token_starts, [it.end for it in items], side="left").tolist()
        strings = doc.vocab.strings
        hashes: dict[str, int] = {}  # few distinct labels: hash each once
        for item, s, e in zip(items, first, last, strict=True):
            if s < e:
                name = label(item)
                h = hashes.get(name)
                if h is None:
                    h = hashes[name] = strings.add(name)
                spans.append(Span(doc, s, e, label=h))
    doc.spans[key] = spans
    return spans
