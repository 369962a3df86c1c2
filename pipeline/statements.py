"""Statements: claims with when they were said, where they were published, and their copies.

Two public functions:

- :func:`annotate_claims` (used by the pipeline) adds to each claim of a document its
  ``statement_id``, ``said_on``, ``date_source``, ``outlet`` and ``region``.
- :func:`statements` (for analysts) turns a claims table into one row per statement,
  with its reach::

      import pandas as pd
      from pipeline.statements import statements
      claims = pd.read_parquet("out/claims.parquet")
      statements(claims).sort_values("n_outlets", ascending=False).head()
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline.dates import load_dates, said_on, sentence_of
from pipeline.dedup import statement_id


def annotate_claims(
    claims: list[dict], document: dict, text_simplified: str, sentences: Sequence[tuple[int, int]], models_dir: Path
) -> list[dict]:
    """The claims of one document with their statement id, date said and outlet (in place, and returned)."""
    words = load_dates(Path(models_dir))
    for c in claims:
        c["statement_id"] = statement_id(c["speaker"], c["text_simplified"])
        c["said_on"], c["date_source"] = said_on(
            text_simplified, sentence_of(sentences, c["start"]), c, words, document.get("date")
        )
        c["outlet"] = document.get("outlet")
        c["region"] = document.get("region")
    return claims


def _distinct(values: pd.Series) -> list:
    return sorted({v for v in values if isinstance(v, str) and v})


def statements(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (``statement_id``), in order of first appearance.

    Columns: ``statement_id``, ``speaker``, ``text`` and ``claim_id``, ``doc_id``, ``stance``,
    ``topics`` of its first copy; ``said_on`` (earliest of its copies); ``first_seen`` (earliest
    publication date of a copy); ``n_copies`` (claim rows), ``n_documents``, ``n_outlets``;
    ``outlets``, ``regions`` and ``doc_ids`` (sorted lists).
    """
    columns = [
        "statement_id", "speaker", "text", "claim_id", "doc_id", "stance", "topics", "said_on", "first_seen",
        "n_copies", "n_documents", "n_outlets", "outlets", "regions", "doc_ids",
    ]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    groups = claims.groupby("statement_id", sort=False)
    first = groups.head(1).set_index("statement_id")
    out = pd.DataFrame(
        {
            "speaker": first["speaker"],
            "text": first["text"],
            "claim_id": first["claim_id"],
            "doc_id": first["doc_id"],
            "stance": first["stance"],
            "topics": first["topics"],
            "said_on": groups["said_on"].min() if "said_on" in claims else None,
            "first_seen": groups["date"].min() if "date" in claims else None,
            "n_copies": groups.size(),
            "n_documents": groups["doc_id"].nunique(),
            "n_outlets": groups["outlet"].agg(lambda s: len(_distinct(s))) if "outlet" in claims else 0,
            "outlets": groups["outlet"].agg(_distinct) if "outlet" in claims else None,
            "regions": groups["region"].agg(_distinct) if "region" in claims else None,
            "doc_ids": groups["doc_id"].agg(lambda s: sorted(set(s))),
        }
    )
    return out.reset_index()[columns]
