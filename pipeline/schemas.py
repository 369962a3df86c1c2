"""Every parquet table the pipeline writes, described once.

Each table is a list of :class:`Column`; :func:`schema` turns it into a
``pyarrow.Schema`` whose fields carry their description as metadata, so an
analyst who opens a file with ``pq.read_schema`` sees what each column means.
Stages write with these schemas only (see :mod:`pipeline.parquet_io`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32())])
ZONE = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("kind", pa.string())])


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


def schema(columns: list[Column]) -> pa.Schema:
    # built once per column list (the tables' lists are module constants; a schema is immutable):
    # every batch, part and cache entry asks for one
    known = _SCHEMAS.get(id(columns))
    if known is not None and known[0] is columns and len(columns) == known[2]:
        return known[1]
    built = pa.schema(
        [
            pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
            for c in columns
        ]
    )
    _SCHEMAS[id(columns)] = (columns, built, len(columns))  # the list kept alive: its id is not reused
    return built


_SCHEMAS: dict[int, tuple[list[Column], pa.Schema, int]] = {}


DOCUMENTS = [
    Column("doc_id", pa.string(), "file name without extension", False),
    Column("source_path", pa.string(), "path of the file, relative to the corpus folder", False),
    Column("format", pa.string(), "txt, md or html", False),
    Column("encoding", pa.string(), "encoding the bytes were decoded with", False),
    Column("sha256", pa.string(), "sha256 of the file's bytes", False),
    Column("title", pa.string(), "title from front matter, <title> or the first line"),
    Column("url", pa.string(), "url from front matter or the page"),
    Column("date", pa.string(), "publication date as YYYY-MM-DD (or YYYY-MM) where found"),
    Column("author", pa.string(), "author or byline where found"),
    Column("script", pa.string(), "traditional, simplified or mixed (detected)", False),
    Column("n_chars", pa.int64(), "length of text in characters", False),
    Column(
        "text",
        pa.large_string(),
        "decoded file content unchanged (for HTML: the extracted body text); "
        "claim offsets index into this",
        False,
    ),
    Column(
        "outlet",
        pa.string(),
        "publishing outlet: front matter outlet/source, else the URL's host, else the page's source line "
        "(models/outlets.yaml); null when unknown",
    ),
    Column("region", pa.string(), "the outlet's region: HK, TW, mainland or overseas; null when unknown"),
    Column(
        "duplicate_of",
        pa.string(),
        "doc_id of the first copy of this article in corpus path order (same text in another encoding, "
        "script or wrapper, or a repost); empty for a first copy",
    ),
]

REJECTED = [
    Column("source_path", pa.string(), "path of the file, relative to the corpus folder", False),
    Column("stage", pa.string(), "stage that rejected it (ingest, extract, ...)", False),
    Column("reason", pa.string(), "short machine-readable reason", False),
    Column("detail", pa.string(), "human-readable explanation", False),
]

NORMALIZED = [
    Column("doc_id", pa.string(), "document id", False),
    Column("opencc_config", pa.string(), "OpenCC config used to make text_simplified", False),
    Column(
        "text_simplified",
        pa.large_string(),
        "the document text in Simplified script, same length as text: offsets map 1:1",
        False,
    ),
    Column("sentences", pa.list_(SPAN), "sentence spans (end exclusive)", False),
    Column("paragraphs", pa.list_(SPAN), "paragraph spans", False),
    Column("zones", pa.list_(ZONE), "spans that are not article body, with their kind", False),
]

SEGMENTED = [
    Column("doc_id", pa.string(), "document id", False),
    Column("token_starts", pa.list_(pa.int32()), "start offset of each token", False),
    Column("token_ends", pa.list_(pa.int32()), "end offset of each token", False),
]

_CLAIM_CORE = [
    Column("claim_id", pa.string(), "stable id: doc_id:start-end", False),
    Column("doc_id", pa.string(), "document id", False),
    Column("start", pa.int32(), "start of the claim text in documents.text", False),
    Column("end", pa.int32(), "end (exclusive) of the claim text in documents.text", False),
    Column("text", pa.string(), "documents.text[start:end], original script", False),
    Column("text_simplified", pa.string(), "the claim in Simplified script", False),
    Column("kind", pa.string(), "direct (inside quotation marks) or indirect", False),
    Column("speaker", pa.string(), "canonical speaker id (Simplified)", False),
    Column("speaker_mention", pa.string(), "the source's words as written"),
    Column("speaker_start", pa.int32(), "offset of speaker_mention (-1 when implicit)"),
    Column("speaker_end", pa.int32(), "end offset of speaker_mention (-1 when implicit)"),
    Column("speaker_resolution", pa.string(), "how the speaker was found: name, pronoun, role, context, ..."),
    Column("cue", pa.string(), "cue words as written (empty for a bare quote)"),
    Column("cue_role", pa.string(), "speech, opinion, accusation, relay, ... (from the cue lexicon)"),
    Column("sentence", pa.string(), "the sentence holding the claim, original script"),
    Column("date", pa.string(), "document date"),
    Column("target", pa.string(), "canonical id of the entity the claim is aimed at, or empty"),
    # float64: cached claims go through Arrow and must rank exactly as fresh ones (aggregate examples)
    Column("attribution_confidence", pa.float64(), "confidence of the span and speaker (0-1)"),
    # provenance: which step found the claim and which strategy chose its speaker (models/README.md lists
    # them). The engine never leaves them empty; nullable so that tables written by other tools still load.
    Column("rule", pa.string(), "the construction that found the claim: quote_then_attribution, reported_cue, ..."),
    Column("speaker_rule", pa.string(), "how the speaker was chosen: registry_name, pronoun_previous_claim, ..."),
]

CLAIMS_EXTRACTED = _CLAIM_CORE

CLAIMS = _CLAIM_CORE + [
    Column("topics", pa.list_(pa.string()), "topic ids, most central first", False),
    Column("topic_evidence", pa.list_(pa.string()), "keywords that decided the topics"),
    Column("stance", pa.string(), "favor, against or neutral", False),
    Column("stance_confidence", pa.float64(), "confidence of the stance (0-1)"),
    Column("stance_evidence", pa.list_(pa.string()), "words that decided the stance"),
    Column(
        "statement_id",
        pa.string(),
        "the same statement by the same speaker in any document (hash of speaker and Simplified text without punctuation)",
    ),
    Column("said_on", pa.date32(), "when it was said: the date the text gives, else the document's date; null when neither"),
    Column("date_source", pa.string(), "where said_on comes from: text, document, or empty"),
    Column("outlet", pa.string(), "the document's outlet (documents.outlet)"),
    Column("region", pa.string(), "the outlet's region: HK, TW, mainland or overseas"),
]

SPEAKER_TOPIC_STANCE = [
    Column("speaker", pa.string(), "canonical speaker id", False),
    Column("topic", pa.string(), "topic id (a claim counts for each of its topics)", False),
    Column("n_claims", pa.int32(), "distinct statements of this speaker on this topic (copies count once)", False),
    Column("n_favor", pa.int32(), "of which favor", False),
    Column("n_against", pa.int32(), "of which against", False),
    Column("n_neutral", pa.int32(), "of which neutral", False),
    Column("net_stance", pa.float32(), "(n_favor - n_against) / n_claims", False),
    Column("n_documents", pa.int32(), "documents these claims come from", False),
    Column("first_date", pa.string(), "earliest said_on of these statements (YYYY-MM-DD)"),
    Column("last_date", pa.string(), "latest said_on of these statements (YYYY-MM-DD)"),
    Column("example_claim_ids", pa.list_(pa.string()), "up to five claim ids (first copies)", False),
    Column("n_mentions", pa.int32(), "claim rows: every copy of every statement"),
    Column("n_outlets", pa.int32(), "distinct outlets that carried these statements"),
    Column("first_seen", pa.string(), "earliest publication date (documents.date) of any copy"),
]

SPEAKER_TOPIC_DATE = [
    Column("speaker", pa.string(), "canonical speaker id", False),
    Column("topic", pa.string(), "topic id", False),
    Column("date", pa.string(), "said_on as YYYY-MM-DD of the statement's first copy (empty when unknown)", False),
    Column("n_claims", pa.int32(), "distinct statements", False),
    Column("n_favor", pa.int32(), "favor", False),
    Column("n_against", pa.int32(), "against", False),
    Column("n_neutral", pa.int32(), "neutral", False),
    Column("net_stance", pa.float32(), "(n_favor - n_against) / n_claims", False),
    Column("n_outlets", pa.int32(), "distinct outlets that carried these statements"),
]

PROBE = [
    Column("probe", pa.string(), "the rewrite: ascii_marks, wrapped, unlisted_names, other_cues, postposed, ...", False),
    Column("variant", pa.string(), "which word or form of the probe (the cue swapped in, the adverbial, ...)", False),
    Column("doc_id", pa.string(), "document id", False),
    Column("start", pa.int32(), "start of the claim in the original document", False),
    Column("end", pa.int32(), "end of the claim in the original document", False),
    Column("text", pa.string(), "the claim in the original document", False),
    Column("rule", pa.string(), "the construction that found it in the original"),
    Column("expected_speaker", pa.string(), "the speaker the rewrite must give (a swapped-in name for unlisted_names)", False),
    Column("outcome", pa.string(), "kept (same speaker and content), other_speaker, lost, or spurious (a claim it added)", False),
    Column("found_speaker", pa.string(), "the speaker the rewrite gave to the same content, or empty"),
    Column("found_rule", pa.string(), "how that speaker was chosen (speaker_rule), or empty"),
    Column("stance", pa.string(), "the claim's stance in the original"),
    Column("found_stance", pa.string(), "the stance the rewrite gave the same content, or empty"),
]

TABLES: dict[str, list[Column]] = {
    "documents": DOCUMENTS,
    "rejected": REJECTED,
    "normalized": NORMALIZED,
    "segmented": SEGMENTED,
    "claims_extracted": CLAIMS_EXTRACTED,
    "claims": CLAIMS,
    "speaker_topic_stance": SPEAKER_TOPIC_STANCE,
    "speaker_topic_date": SPEAKER_TOPIC_DATE,
    "probe": PROBE,
}


def column_names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
