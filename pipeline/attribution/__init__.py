"""spaCy components that find who said what: quotes, cues, mentions, claims.

They run on a Doc of the Simplified body text (non-body zones blanked), which
has the original text's length, so every character offset they produce is an
offset into the original document. Each component is registered with
``@Language.factory`` and writes one Doc extension:

- ``claims_quotes``   -> ``doc._.quotes``    outermost quotations (inner spans)    quotes.py
- ``claims_cues``     -> ``doc._.cues``      cue words (cues.tsv), stacked merged   cues.py
- ``claims_mentions`` -> ``doc._.mentions``  registry names, roles and pronouns     mentions.py
- ``claims_attribution`` -> ``doc._.claims`` claims with speaker, cue, kind, target engine.py

The attribution component runs named steps (``steps:`` in ``models/extraction.yaml``):
``reported_speech`` (reported.py), ``quote_then_attribution`` (quoted.py),
``transcript_turns`` (transcripts.py). They share one :class:`ClaimSet` (claimset.py) and a
read-only :class:`DocumentView` (document.py); speakers come from speakers.py and
pronouns.py, targets from targets.py. The words they use live in ``models/``.
"""

from pipeline.attribution.base import TEXT_KEY, Claim, Cue, Mention, Quote, Speaker, doc_text
from pipeline.attribution.claimset import ClaimSet
from pipeline.attribution.engine import (
    Attributor,
    make_attributor,
    make_cue_tagger,
    make_mention_tagger,
    make_quote_tagger,
)
from pipeline.attribution.quotes import find_quotes
from pipeline.attribution.registry import STEPS, AttributionState, register_step

__all__ = [
    "STEPS",
    "TEXT_KEY",
    "AttributionState",
    "Attributor",
    "Claim",
    "ClaimSet",
    "Cue",
    "Mention",
    "Quote",
    "Speaker",
    "doc_text",
    "find_quotes",
    "make_attributor",
    "make_cue_tagger",
    "make_mention_tagger",
    "make_quote_tagger",
    "register_step",
]
