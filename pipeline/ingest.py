"""Stage 1: files -> documents (or rejections, with the reason).

Every file under the corpus folder ends up either as a document or as a row of
``rejected.parquet``; nothing is skipped silently. ``text`` is the decoded file
content unchanged for .txt and .md (front matter and all), and the extracted
body text for HTML. Claim offsets index into ``text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.config import IngestConfig
from pipeline.normalize import detect_script

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", re.S)
DATE_PATTERNS = [
    re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"),
    re.compile(r"(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})(?!\d)"),
]
BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
HTML_DROP = ["script", "style", "nav", "footer", "header", "aside", "form", "noscript", "iframe", "svg"]
HTML_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "figure", "figcaption", "pre", "dd", "dt"}


@dataclass(frozen=True)
class Rejection:
    source_path: str
    reason: str
    detail: str
    stage: str = "ingest"

    def to_row(self) -> dict:
        return {"source_path": self.source_path, "stage": self.stage, "reason": self.reason, "detail": self.detail}


class IngestError(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def discover(corpus_dir: Path, cfg: IngestConfig) -> tuple[list[Path], list[Rejection]]:
    """Files to read, in a stable order, and the files that are not articles."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(
            f"corpus folder {corpus_dir} does not exist: put .txt/.md/.html articles there or pass CORPUS_DIR"
        )
    take: list[Path] = []
    rejected: list[Rejection] = []
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(corpus_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(corpus_dir).parts):
            rejected.append(Rejection(rel, "hidden", "hidden file or folder: not read"))
        elif path.suffix.lower() not in cfg.extensions:
            rejected.append(
                Rejection(rel, "unsupported_type", f"'{path.suffix or path.name}' is not one of {', '.join(cfg.extensions)}")
            )
        else:
            take.append(path)
    return take, rejected


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). BOMs first, then strict UTF-8, then detection."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise IngestError("undecodable", f"has a {enc} byte-order mark but does not decode: {exc}") from exc
    if b"\x00" in data:
        raise IngestError("binary", "contains NUL bytes: not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "utf_16", "cp950", "gbk"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise IngestError("undecodable", "no known encoding decodes these bytes")
    enc = best.encoding
    # the supersets decode everything their subsets do
    enc = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}.get(enc, enc)
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as exc:
        raise IngestError("undecodable", f"detected {enc} but the bytes do not decode: {exc}") from exc


def parse_front_matter(text: str) -> dict:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def find_date(meta: dict, text: str) -> str | None:
    raw = meta.get("date")
    candidates = [str(raw)] if raw else []
    candidates.append(text[:600])
    for cand in candidates:
        for pat in DATE_PATTERNS:
            m = pat.search(cand)
            if m:
                parts = [m.group(1)] + [f"{int(g):02d}" for g in m.groups()[1:]]
                if 1 <= int(parts[1]) <= 12:
                    return "-".join(parts)
    return None


def html_to_text(html: str) -> tuple[str, dict]:
    """Body text of an HTML page (no script, style, nav, footer), one block per line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta = {}
    if soup.title and soup.title.string:
        meta["title"] = soup.title.string.strip()
    for name, key in [("og:url", "url"), ("article:published_time", "date"), ("author", "author")]:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            meta[key] = tag["content"].strip()
    for tag in soup(HTML_DROP):
        tag.decompose()
    root = soup.body or soup
    lines: list[str] = []
    current: list[str] = []
    for el in root.descendants:
        if isinstance(el, str):
            if el.parent is not None and el.parent.name in HTML_DROP:
                continue
            if type(el).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                continue
            current.append(re.sub(r"\s+", " ", str(el)))
        elif el.name in HTML_BLOCKS:
            line = "".join(current).strip()
            if line:
                lines.append(line)
            current = []
    line = "".join(current).strip()
    if line:
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else ""), meta


def read_document(path: Path, rel: str, cfg: IngestConfig) -> dict:
    """One file -> a documents row. Raises IngestError with the reason on bad input."""
    try:
        size = path.stat().st_size
        if size > cfg.max_bytes:
            raise IngestError("too_large", f"{size} bytes is over ingest.max_bytes={cfg.max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError("unreadable", f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise IngestError("empty", "the file is empty or holds only whitespace")
    text, encoding = decode(data)
    suffix = path.suffix.lower()
    fmt = "html" if suffix in (".html", ".htm") else ("md" if suffix in (".md", ".markdown") else "txt")
    meta: dict = {}
    if fmt == "html":
        text, meta = html_to_text(text)
    else:
        meta = parse_front_matter(text)
    if "\x00" in text:
        raise IngestError("binary", "decoded text contains NUL characters")
    visible = sum(1 for c in text if not c.isspace())
    if visible < cfg.min_chars:
        raise IngestError("empty", f"only {visible} visible characters (ingest.min_chars={cfg.min_chars})")
    title = meta.get("title") or _first_line(text, meta)
    return {
        "doc_id": path.stem,
        "source_path": rel,
        "format": fmt,
        "encoding": encoding,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": str(title) if title else None,
        "url": str(meta["url"]) if meta.get("url") else None,
        "date": find_date(meta, text),
        "author": str(meta["author"]) if meta.get("author") else None,
        "script": detect_script(text),
        "n_chars": len(text),
        "text": text,
    }


def _first_line(text: str, meta: dict) -> str | None:
    body = FRONT_MATTER.sub("", text, count=1) if meta else text
    for line in body.splitlines():
        line = line.strip().lstrip("#>").strip()
        if line:
            return line[:200]
    return None


def ingest_file(path: Path, corpus_dir: Path, cfg: IngestConfig) -> dict | Rejection:
    rel = path.relative_to(corpus_dir).as_posix()
    try:
        return read_document(path, rel, cfg)
    except IngestError as exc:
        return Rejection(rel, exc.reason, exc.detail)


def ingest_corpus(corpus_dir: Path, cfg: IngestConfig) -> tuple[list[dict], list[Rejection]]:
    """All documents of a folder, plus every file that was not taken and why.

    Two files with the same stem (a.txt and a.html) would share a doc_id: the
    second is rejected as a duplicate id rather than silently overwriting.
    """
    paths, rejected = discover(corpus_dir, cfg)
    docs: list[dict] = []
    seen: dict[str, str] = {}
    for path in paths:
        result = ingest_file(path, corpus_dir, cfg)
        if isinstance(result, Rejection):
            rejected.append(result)
        elif result["doc_id"] in seen:
            rejected.append(
                Rejection(result["source_path"], "duplicate_id", f"doc_id {result['doc_id']} already taken by {seen[result['doc_id']]}")
            )
        else:
            seen[result["doc_id"]] = result["source_path"]
            docs.append(result)
    return docs, rejected
