"""The attribution component: runs the registered steps, in the order of ``steps:`` in
``models/extraction.yaml``, over one document's quotes, cues and mentions.

Which step found a claim is its ``rule``; which strategy chose its speaker, ``speaker_rule``.
To find the code behind a behaviour: the rule name -> models/README.md -> the step's module."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

# the step modules register themselves on import
from pipeline.attribution import anaphora, lists, quoted, reported, transcripts  # noqa: F401
from pipeline.attribution.base import Claim
from pipeline.attribution.claimset import ClaimSet
from pipeline.attribution.component import KnowledgeComponent, span_group, token_bounds
from pipeline.attribution.cues import CueTagger
from pipeline.attribution.document import DocumentView
from pipeline.attribution.lexicon import EngineWords
from pipeline.attribution.mentions import MentionTagger
from pipeline.attribution.pronouns import PronounResolver
from pipeline.attribution.quotes import QuoteTagger
from pipeline.attribution.registry import STEPS, UNMASKED_TEXT_KEY, AttributionState
from pipeline.attribution.speakers import SpeakerResolver
from pipeline.config import ExtractConfig
from pipeline.lexicons import Lexicons, load_lexicons


class Attributor(KnowledgeComponent):
    """Claims -> ``doc._.claims`` and ``doc.spans["claims"]`` (labelled with the speaker; the
    claim's fields as Span extensions: ``span._.speaker``, ``span._.rule``, ...)."""

    def __init__(self, lex: Lexicons | None, cfg: ExtractConfig) -> None:
        self.cfg = cfg
        self.lex = None
        self.steps: list = []
        if lex is not None:
            self.use(lex)

    def use(self, lex: Lexicons) -> None:
        self.lex = lex
        self.words = EngineWords.of(lex)
        unknown = [s for s in lex.attribution_steps if s not in STEPS]
        if unknown:
            raise ValueError(f"extraction.yaml steps: unknown attribution steps {unknown}; known: {sorted(STEPS)}")
        self.steps = [STEPS[s] for s in lex.attribution_steps]

    def __call__(self, doc: Doc) -> Doc:
        self.lex or self.knowledge()
        claims = doc._.claims = self.attribute(doc)
        span_group(doc, self.spans_key, claims, lambda c: c.speaker.id)
        return doc

    def state(self, doc: Doc) -> AttributionState:
        assert self.lex is not None
        view = DocumentView(doc, self.lex, self.cfg, self.words)
        claims = ClaimSet(view)
        speakers = SpeakerResolver(view, self.lex, self.cfg)
        speakers.token_starts = frozenset(token_bounds(doc)[0].tolist()) if len(doc) else frozenset()
        pronouns = PronounResolver(view, claims, speakers, self.lex, self.cfg)
        speakers.pronouns = pronouns
        return AttributionState(
            view, claims, speakers, pronouns, self.lex, self.cfg, doc.user_data.get(UNMASKED_TEXT_KEY, "")
        )

    def attribute(self, doc: Doc) -> list[Claim]:
        state = self.state(doc)
        for step in self.steps:
            step(state).run()
        return state.claims.result()


# spans_key: the doc.spans group each component also writes ("" for none: the span objects
# cost about a third of the components' time, and the pipeline's tables do not read them)


@Language.factory("claims_quotes", default_config={"models_dir": "", "max_quote_chars": 3000, "spans_key": "quotes"})
def make_quote_tagger(nlp: Language, name: str, models_dir: str, max_quote_chars: int, spans_key: str) -> QuoteTagger:
    return _keyed(QuoteTagger(_lex(models_dir), ExtractConfig(max_quote_chars=max_quote_chars)), spans_key)


@Language.factory("claims_cues", default_config={"models_dir": "", "spans_key": "cues"})
def make_cue_tagger(nlp: Language, name: str, models_dir: str, spans_key: str) -> CueTagger:
    return _keyed(CueTagger(_lex(models_dir)), spans_key)


@Language.factory("claims_mentions", default_config={"models_dir": "", "spans_key": "mentions"})
def make_mention_tagger(nlp: Language, name: str, models_dir: str, spans_key: str) -> MentionTagger:
    return _keyed(MentionTagger(_lex(models_dir)), spans_key)


@Language.factory(
    "claims_attribution",
    default_config={
        "models_dir": "",
        "min_bare_quote_chars": 12,
        "max_speaker_chars": 40,
        "context_chars": 600,
        "spans_key": "claims",
    },
    requires=["doc._.quotes", "doc._.cues", "doc._.mentions"],
    assigns=["doc._.claims"],
)
def make_attributor(
    nlp: Language,
    name: str,
    models_dir: str,
    min_bare_quote_chars: int,
    max_speaker_chars: int,
    context_chars: int,
    spans_key: str,
) -> Attributor:
    cfg = ExtractConfig(
        min_bare_quote_chars=min_bare_quote_chars,
        max_speaker_chars=max_speaker_chars,
        context_chars=context_chars,
    )
    return _keyed(Attributor(_lex(models_dir), cfg), spans_key)


def _keyed(component, spans_key: str):
    component.spans_key = spans_key
    return component


def _lex(models_dir: str) -> Lexicons | None:
    """A folder given in the config (the way the pipeline builds it today); without one the
    component waits for ``initialize``/``from_disk`` (or takes models/ on first use)."""
    return load_lexicons(models_dir) if models_dir else None


def claim_of(span: Span) -> Claim | None:
    """The claim a span of ``doc.spans["claims"]`` stands for (spans cover whole tokens, claims
    exact characters; claims never overlap, so one claim lies inside the span)."""
    for c in span.doc._.claims or ():
        if span.start_char <= c.start and c.end <= span.end_char:
            return c
    return None


def claim_fields(c: Claim) -> dict:
    return {
        "speaker": c.speaker.id,
        "speaker_rule": c.speaker.rule,
        "rule": c.rule,
        "kind": c.kind,
        "cue": c.cue,
        "cue_role": c.cue_role,
        "target": c.target,
        "confidence": c.confidence,
    }


def _field_getter(name: str):
    # read from the claim on access: nothing is written per span (the spans stay cheap)
    def get(span: Span):
        c = claim_of(span)
        return None if c is None else claim_fields(c)[name]

    return get


CLAIM_SPAN_FIELDS = ("speaker", "speaker_rule", "rule", "kind", "cue", "cue_role", "target", "confidence")
for _field in CLAIM_SPAN_FIELDS:
    if not Span.has_extension(_field):
        Span.set_extension(_field, getter=_field_getter(_field))
