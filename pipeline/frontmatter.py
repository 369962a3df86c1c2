"""YAML front matter at the start of an article (title, date, url …): read by ingest for the
metadata and by dedup to leave it out of the text compared (its own module, so that neither
imports the other)."""

from __future__ import annotations

import re

from pipeline.lexicons import load_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_WINDOW = 65_536  # front matter is only looked for at the very start
FRONT_MATTER_LINE = re.compile(r"^(title|date|url|author|outlet|source)[ \t]*:(.*)$", re.M)  # value stripped in Python: linear


def parse_front_matter(text: str) -> tuple[dict, int]:
    """(metadata, offset where the body starts). YAML front matter between --- lines at the very start.

    Malformed YAML (a title with a colon in it, say) falls back to reading ``key: value``
    lines for title, date, url and author. Never raises.
    """
    m = FRONT_MATTER.match(text[:FRONT_MATTER_WINDOW])
    if not m:
        return {}, 0
    raw = m.group(1) or ""
    meta: object
    try:
        meta = load_yaml(raw)
    except Exception:  # YAMLError, but also ValueError for dates like 2021-13-45, RecursionError ...
        meta = None
    if not isinstance(meta, dict):
        meta = {}
        for key, value in FRONT_MATTER_LINE.findall(raw):
            meta.setdefault(key, value.strip().strip("'\""))
    return {str(k).lower(): v for k, v in meta.items()}, m.end()
