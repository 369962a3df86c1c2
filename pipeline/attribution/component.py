"""What the four claims components share as spaCy components: their knowledge comes from
``models/`` through ``initialize`` (as spaCy's ``entity_ruler`` loads its patterns), is
written with ``to_disk`` and read back with ``from_disk`` (the model files themselves, no
pickles), and their results are also ``doc.spans`` groups so spaCy tools (displacy) see them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

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


def span_group(doc: Doc, key: str, items: Iterable[Any], label: Callable[[Any], str]) -> list[Span]:
    """Items with character offsets as a ``doc.spans`` group. Token-aligned (expanded to whole
    tokens) for spaCy; the exact character offsets stay on the items themselves."""
    spans = []
    for item in items:
        span = doc.char_span(item.start, item.end, label=label(item), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans
    return spans
