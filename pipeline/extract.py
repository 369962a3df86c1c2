"""Stage 4: claims from a segmented document.

:func:`extract_claims` is pure per document: it takes the document row, its
normalisation and its tokenised Doc, runs the attribution components and
returns claim rows whose ``text`` is ``document.text[start:end]`` in the
original script.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.attribution import Claim
from pipeline.attribution.registry import DOCUMENT_DATE_KEY, UNMASKED_TEXT_KEY
from pipeline.normalize import FILLER, Normalized, moved_position_map, span_in_document

MAX_SENTENCE_CHARS = 600


def year_of(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def annotate(nlp: Language, doc: Doc, document: dict, norm: Normalized) -> Doc:
    doc._.year = year_of(document.get("date"))
    doc.user_data[DOCUMENT_DATE_KEY] = document.get("date")
    doc._.sentences = norm.sentences
    doc._.paragraphs = norm.paragraphs
    # the lead and headline, unblanked: a transcript's host is named there
    doc.user_data[UNMASKED_TEXT_KEY] = norm.text_simplified
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _simplified_span(view: str, start: int, end: int, length: int) -> str:
    """The claim as the analysis view reads it (noise squeezed out, its words whole), with
    filler in front up to the length of the claim's text, as the view itself does."""
    span = view[start:end]
    return FILLER * (length - len(span)) + span if len(span) <= length else span[:length]


def claim_rows(document: dict, norm: Normalized, claims: list[Claim]) -> list[dict]:
    text = document["text"]
    rows = []
    view = norm.text_simplified
    # squeezing noise out of the view (pinyin glosses, blanks, soft line breaks) moved some
    # characters: spans go back to their places
    moved = moved_position_map(text) if claims and view != text else {}  # (no claims: nothing to map)
    for c in claims:
        c_start, c_end = span_in_document(moved, c.start, c.end)
        sp_start, sp_end = c.speaker.start, c.speaker.end
        if sp_start >= 0:
            sp_start, sp_end = span_in_document(moved, sp_start, sp_end)
        cue_start, cue_end = span_in_document(moved, c.cue_start, c.cue_start + len(c.cue)) if c.cue else (0, 0)
        sent = _sentence_of(norm.sentences, c.start)
        rows.append(
            {
                "claim_id": f"{document['doc_id']}:{c_start}-{c_end}",
                "doc_id": document["doc_id"],
                "start": c_start,
                "end": c_end,
                "text": text[c_start:c_end],
                "text_simplified": _simplified_span(view, c.start, c.end, c_end - c_start),
                "kind": c.kind,
                "speaker": c.speaker.id,
                "speaker_mention": text[sp_start:sp_end] if c.speaker.start >= 0 else "",
                "speaker_start": sp_start,
                "speaker_end": sp_end,
                "speaker_resolution": c.speaker.resolution,
                "cue": text[cue_start:cue_end] if c.cue else "",
                "cue_role": c.cue_role,
                "sentence": _context(text, sent, c.start, c.end),
                "date": document.get("date"),
                "target": c.target,
                "attribution_confidence": round(c.confidence, 3),
                "rule": c.rule,
                "speaker_rule": c.speaker.rule,
            }
        )
    return rows


def _context(text: str, sent: tuple[int, int] | None, start: int, end: int) -> str:
    """The claim's sentence; for a giant one (a page without punctuation) a window
    around the claim, so that claims of one sentence do not each copy all of it."""
    if sent is None:
        return ""
    s, e = sent
    if e - s > MAX_SENTENCE_CHARS:
        s, e = max(s, start - MAX_SENTENCE_CHARS // 2), min(e, end + MAX_SENTENCE_CHARS // 2)
    return text[s:e]


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        s, e = sentences[mid]
        if e <= pos:
            lo = mid + 1
        elif s > pos:
            hi = mid
        else:
            return (s, e)
    return None


def extract_claims(nlp: Language, document: dict, norm: Normalized, doc: Doc) -> list[dict]:
    doc = annotate(nlp, doc, document, norm)
    rows = claim_rows(document, norm, doc._.claims)
    for r in rows:
        if document["text"][r["start"] : r["end"]] != r["text"]:
            raise AssertionError(f"offset invariant broken for {r['claim_id']}")
    return rows
