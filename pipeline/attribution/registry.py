"""The step registry and the per-document state every step receives.

A step is a class registered under a name with :func:`register_step`; it is built with the
:class:`AttributionState` of one document and its ``run()`` adds claims to ``state.claims``.
The order the steps run in is ``steps:`` in ``models/extraction.yaml``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons

if TYPE_CHECKING:
    from pipeline.attribution.claimset import ClaimSet
    from pipeline.attribution.document import DocumentView
    from pipeline.attribution.pronouns import PronounResolver
    from pipeline.attribution.speakers import SpeakerResolver


@dataclass
class AttributionState:
    """What the steps share for one document: the read-only view, the claims so far, and the
    speaker and pronoun resolvers (which read the claims so far for context)."""

    doc: DocumentView
    claims: ClaimSet
    speakers: SpeakerResolver
    pronouns: PronounResolver
    lex: Lexicons
    cfg: ExtractConfig


class Step(Protocol):
    def run(self) -> None: ...


STEPS: dict[str, Callable[[AttributionState], Step]] = {}


def register_step(name: str):
    def add(cls):
        if name in STEPS:
            raise ValueError(f"attribution step {name!r} registered twice")
        STEPS[name] = cls
        return cls

    return add
