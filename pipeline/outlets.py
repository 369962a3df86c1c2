"""Which outlet published a document, and from which region (``models/outlets.yaml``).

Detection order, first hit wins:

1. front matter ``outlet:`` or ``source:`` (looked up in the table for its region; a name
   not in the table is kept as written, with an empty region);
2. the host of the document's URL (front matter, ``<meta>``, or a URL on the page's first
   lines), matched against the table's hosts (a subdomain matches its parent);
3. a source line on the page's first or last characters: an outlet name after a source
   prefix (来源：新华社), after an opening bracket (（中央社…, 【明报专讯】) or before a
   byline word (新华社北京6月16日电).

Everything Chinese lives in the YAML file; this module only composes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.lexicons import read_yaml, simp, trie_pattern

URL_IN_TEXT = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s\"'<>）)】]*)?")
URL_HEAD_LINES = 5  # a URL on the page's first lines is the page's own (a scraped page's header)


@dataclass(frozen=True)
class Outlet:
    id: str
    region: str
    script: str


@dataclass(frozen=True)
class OutletTable:
    by_name: dict[str, Outlet]  # Simplified name or alias -> outlet
    by_host: dict[str, Outlet]  # host (lower case, maybe with a path prefix) -> outlet
    source_line: re.Pattern | None
    head_chars: int
    tail_chars: int

    def lookup_name(self, name: str) -> Outlet | None:
        return self.by_name.get(simp(name.strip()).lower())

    def lookup_url(self, url: str | None) -> Outlet | None:
        """The outlet whose host (or host/path prefix) is the URL's, or its longest parent domain."""
        if not url:
            return None
        try:
            parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError:
            return None
        if not host:
            return None
        if host.startswith("web.archive.org") or host.endswith("archive.org"):
            # an archived copy: the original URL follows the archive's prefix
            inner = URL_IN_TEXT.search(parts.path)
            return self.lookup_url(inner.group(0)) if inner else None
        first_dir = parts.path.lower().split("/")[1] if parts.path.count("/") > 1 else ""
        labels = host.split(".")
        for i in range(len(labels) - 1):  # longest host first: news.ltn.com.tw, ltn.com.tw, com.tw
            candidate = ".".join(labels[i:])
            # bbc.com/zhongwen is listed with its section: host + first folder before the host alone
            for key in (f"{candidate}/{first_dir}", candidate):
                hit = self.by_host.get(key)
                if hit is not None:
                    return hit
        return None

    def lookup_page(self, head: str, tail: str) -> Outlet | None:
        """An outlet named in a source line of the page's start (head) or end (tail), Simplified."""
        if self.source_line is None:
            return None
        for part in (head, tail):
            for m in self.source_line.finditer(part):
                name = next(g for g in m.groups() if g)
                return self.by_name[name.lower()]
        return None


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(set(items), key=lambda s: (-len(s), s)))


@lru_cache(maxsize=8)
def load_outlets(models_dir: Path) -> OutletTable:
    path = Path(models_dir) / "outlets.yaml"
    if not path.exists():  # a models/ folder without the table: no outlet is detected
        return OutletTable({}, {}, None, 0, 0)
    data = read_yaml(path) or {}
    by_name: dict[str, Outlet] = {}
    by_host: dict[str, Outlet] = {}
    for entry in data.get("outlets") or []:
        outlet = Outlet(str(entry["id"]), str(entry.get("region") or ""), str(entry.get("script") or ""))
        for name in [entry["id"], *(entry.get("aliases") or [])]:
            by_name.setdefault(simp(str(name)).lower(), outlet)
        for host in entry.get("hosts") or []:
            by_host.setdefault(str(host).lower().rstrip("/"), outlet)
    marks = data.get("source_line") or {}
    names = trie_pattern(sorted(by_name))
    seps = "[" + "".join(re.escape(s) for s in marks.get("separators", [])) + "]{0,2}" if marks.get("separators") else ""
    pieces = []
    if marks.get("prefixes"):
        pieces.append(f"(?:{_alternation([simp(p) for p in marks['prefixes']])}){seps}({names})")
    if marks.get("open_brackets"):
        # only at the start of a line: (Reuters) after a photo caption is a credit, not the byline
        pieces.append(f"^[ \\t\u3000]*(?:{_alternation(marks['open_brackets'])})({names})")
    if marks.get("suffixes"):
        pieces.append(f"(?<![\\w])({names})(?=[^\\n]{{0,8}}?(?:{_alternation([simp(s) for s in marks['suffixes']])}))")
    source_line = re.compile("|".join(pieces), re.I | re.M) if pieces and by_name else None
    return OutletTable(by_name, by_host, source_line, int(data.get("head_chars", 400)), int(data.get("tail_chars", 300)))


def page_url(text: str) -> str | None:
    """A URL standing on one of the page's first lines (scraped pages often start with theirs)."""
    for line in text.lstrip()[:2000].split("\n")[:URL_HEAD_LINES]:
        m = URL_IN_TEXT.search(line)
        if m:
            return m.group(0)
    return None


def detect_outlet(meta: dict, url: str | None, text: str, table: OutletTable) -> tuple[str | None, str | None]:
    """(outlet, region) of a document, from its metadata, URL or source line; (None, None) when unknown."""
    for key in ("outlet", "source", "publisher"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            if URL_IN_TEXT.match(value.strip()):  # source: https://… names the page, not the outlet
                url = url or value.strip()
                continue
            hit = table.lookup_name(value)
            return (hit.id, hit.region or None) if hit else (value.strip()[:100], None)
    for candidate in (url, page_url(text)):
        hit = table.lookup_url(candidate)
        if hit is not None:
            return hit.id, hit.region or None
    tail = text[-table.tail_chars :] if table.tail_chars else ""
    hit = table.lookup_page(simp(text[: table.head_chars]), simp(tail))
    return (hit.id, hit.region or None) if hit else (None, None)
