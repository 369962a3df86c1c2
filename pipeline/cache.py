"""Per-document cache for incremental runs of ``python -m pipeline run``.

A document's results depend only on its bytes, its path in the corpus (which
gives ``doc_id`` and ``source_path``), the files of ``models/``, the params and
the code. The cache keeps them under two keys, so that a change reruns only
what it affects:

- the **extraction key** covers the file's sha256 and relative path, the
  ``ingest``/``normalize``/``segment``/``extract`` params, every file of
  ``models/`` except the classifier's (:data:`CLASSIFY_ONLY_MODELS`), the source
  of the per-document modules and the versions of jieba, spaCy and OpenCC. Its
  entry holds the document row and the extracted (unclassified) claims.
- the **classification key** adds the ``classify`` params, ``beats/``, ``target.yaml``,
  ``stance.yaml`` and ``classify.py``. Its entry holds the document row again
  and the classified claims, so that a document taken whole from the cache
  costs one read.

Adding or editing an article therefore processes only that article; editing
``models/beats/*/topics.yaml`` reclassifies every document from its cached extraction
(no segmentation or attribution); editing ``models/speakers.yaml`` or any
``extract`` param redoes everything. Entries are written atomically (temporary
file, then ``os.replace``), so runs sharing a cache folder cannot see half an
entry, and an interrupted run leaves a usable cache.

Layout: ``CACHE/v3/{x,c}/<key[:2]>/<key>.arrows``. An entry holds data only:
Arrow IPC streams for the rows and a JSON header with a format version and a
checksum (see :class:`DocumentCache`), so a cache shared between users or Dask
workers can at worst give wrong rows for a key whose checksum it also forged,
never run code. A damaged, tampered or outdated entry is rejected, recomputed
and counted (``n cache entries rejected`` in the run summary).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pyarrow as pa

from pipeline.config import Config
from pipeline.schemas import TABLES, schema

FORMAT = "v3"  # the folder: entries of older layouts (v2 held pickles) are never read
ENTRY_VERSION = 3  # in every entry's header: an entry of another version is rejected
SUFFIX = ".arrows"
MAGIC = b"zh-news-claims cache entry\n"
MAX_HEADER = 4096  # bytes: a damaged entry without a line break must not be scanned whole
# Uncompressed buffers: the entries are mostly Chinese text (UTF-8), which LZ4 shrank by only a
# quarter for ten times the CPU of writing the stream (a first run writes two entries per
# document, in the process that writes the tables); reading needs no decompression either.
# Entries written with LZ4 by earlier versions read as before (the stream says how it is packed).
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression=None)
# read by classification only; an entry ending in "/" stands for everything under it (the beats)
CLASSIFY_ONLY_MODELS = frozenset({"beats/", "stance.yaml", "stance_learned.json", "target.yaml"})
# modules whose code decides a document's row and its extracted claims (analysis: how the stages are composed;
# a package name stands for all its modules)
EXTRACT_CODE = (
    "ingest", "normalize", "lexicons", "segment", "extract", "attribution", "schemas", "analysis", "cache", "frontmatter",
    "dates", "outlets", "dedup", "statements",  # outlet, said_on and statement_id of documents and claims
)
CLASSIFY_CODE = ("classify", "target", "stance_model")
LIBRARIES = ("jieba", "rjieba", "spacy", "opencc", "charset-normalizer", "beautifulsoup4", "pyyaml")
PACKAGE_DIR = Path(__file__).resolve().parent


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


@lru_cache(maxsize=8)
def code_version(modules: tuple[str, ...]) -> str:
    """sha256 of the source of these pipeline modules plus the library versions."""
    parts: list[bytes | str] = []
    for name in modules:
        package = PACKAGE_DIR / name  # a package (attribution/): every module of it
        for path in sorted(package.glob("*.py")) if package.is_dir() else [PACKAGE_DIR / f"{name}.py"]:
            parts += [path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes() if path.exists() else b"<missing>"]
    for lib in LIBRARIES:
        try:
            parts += [lib, metadata.version(lib)]
        except metadata.PackageNotFoundError:
            parts += [lib, "<none>"]
    return _digest(*parts)


def _listed(rel: str, names: set[str]) -> bool:
    return rel in names or any(n.endswith("/") and rel.startswith(n) for n in names)


def models_digest(models_dir: Path, exclude: Iterable[str] = (), only: Iterable[str] | None = None) -> str:
    """sha256 over the names and bytes of the files of models/ (recursively, hidden files left out)."""
    models_dir = Path(models_dir)
    excluded = set(exclude)
    wanted = set(only) if only is not None else None
    parts: list[bytes | str] = []
    for path in sorted(p for p in models_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(models_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")) or _listed(rel, excluded):
            continue
        if wanted is not None and not _listed(rel, wanted):
            continue
        parts += [rel, path.read_bytes()]
    return _digest(*parts)


def _params(config: Config, sections: tuple[str, ...]) -> str:
    return json.dumps({s: dataclasses.asdict(getattr(config, s)) for s in sections}, sort_keys=True, default=str)


@dataclasses.dataclass(frozen=True)
class KeyMaker:
    """The run-wide parts of the keys, computed once per run."""

    extract_salt: str
    classify_salt: str

    @classmethod
    def for_config(cls, config: Config) -> KeyMaker:
        models = Path(config.models_dir)
        extract_salt = _digest(
            FORMAT,
            code_version(EXTRACT_CODE),
            _params(config, ("ingest", "normalize", "segment", "extract")),
            models_digest(models, exclude=CLASSIFY_ONLY_MODELS),
            # run --model DIR: the assembled pipeline's files (user dictionary, component data) decide the claims too
            models_digest(Path(config.nlp_dir)) if config.nlp_dir is not None else "",
        )
        classify_salt = _digest(
            code_version(CLASSIFY_CODE),
            _params(config, ("classify",)),
            models_digest(models, only=CLASSIFY_ONLY_MODELS),
        )
        return cls(extract_salt, classify_salt)

    def extract_key(self, source_path: str, sha256: str) -> str:
        return _digest(self.extract_salt, source_path, sha256)

    def classify_key(self, extract_key: str) -> str:
        return _digest(self.classify_salt, extract_key)


class DocumentCache:
    """Two stores of data-only entries: ``x`` (document row + extracted claims) and
    ``c`` (document row + classified claims).

    An entry is one file: a magic line, a JSON header line and a body of two Arrow
    IPC streams (the document as a one-row ``documents`` table, then the claims). The
    header names the format version, the store and key the entry was written for,
    the claim columns, the body's length and its sha256. Nothing read back is ever
    unpickled or evaluated: an entry that does not parse, has another format version,
    belongs to another key or fails its checksum is *rejected* (counted in
    :attr:`n_rejected`) and the caller recomputes it."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.base = self.root / FORMAT
        self.n_rejected = 0  # entries found but refused (damaged, tampered, other version) in this process
        self._folders: set[Path] = set()  # entry folders this process made or found (mkdir once, not per entry)

    def _path(self, store: str, key: str) -> Path:
        return self.base / store / key[:2] / f"{key}{SUFFIX}"

    def has(self, store: str, key: str) -> bool:
        return self._path(store, key).is_file()

    def get(self, store: str, key: str) -> dict | None:
        """``{"document": dict, "claims": ...}`` (claims as rows for ``x``, as an Arrow table
        for ``c``), or None when missing; an entry that exists but is refused counts in n_rejected."""
        try:
            data = self._path(store, key).read_bytes()
        except OSError:
            return None
        try:
            return _decode(data, store, key)
        except (BadEntry, OSError, ValueError, TypeError, KeyError, pa.ArrowException):
            self.n_rejected += 1
            return None

    def put(self, store: str, key: str, value: dict, document_ipc: bytes | None = None) -> None:
        """``document_ipc``: :func:`document_ipc` of ``value["document"]`` when the caller has it
        (the two entries of one document share it)."""
        path = self._path(store, key)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        data = _encode(store, key, value, document_ipc)
        # the writer's host and pid in the name: a later run can tell a dead writer's leftover
        prefix = f".{key[:8]}.{_HOST}.{os.getpid()}."
        try:
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        except FileNotFoundError:  # the folder was removed meanwhile (another run pruned it)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove_dead_writers_files(self) -> int:
        """Delete the temporary files of cache writes whose writer, a process of this host,
        is dead (a killed run); returns how many. Files of live writers and of other hosts
        (a cache shared over the network) are left alone."""
        removed = 0
        for tmp in self.base.glob("*/*/.*.tmp"):
            parts = tmp.name.split(".")  # "", key8, host, pid, random, "tmp"
            if len(parts) != 6 or parts[2] != _HOST or not parts[3].isdigit():
                continue
            if not _alive(int(parts[3])):
                tmp.unlink(missing_ok=True)
                removed += 1
        return removed

    def prune(self, keep: dict[str, set[str]]) -> int:
        """Delete the entries of each store whose key is not in ``keep[store]`` (and any other
        file there, e.g. the temporary file of an interrupted write), and the folders of older
        layouts (v2: pickles); returns how many."""
        removed = 0
        for old in self.root.glob("v*"):
            if old.is_dir() and not old.is_symlink() and old.name != FORMAT and old.name[1:].isdigit():
                shutil.rmtree(old, ignore_errors=True)
                removed += 1
        for store, keys in keep.items():
            folder = self.base / store
            if not folder.is_dir():
                continue
            for sub in folder.iterdir():
                if not sub.is_dir():
                    continue
                for entry in sub.iterdir():
                    name = entry.name
                    key = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else None
                    if key is None or key not in keys:
                        entry.unlink(missing_ok=True)
                        removed += 1
        return removed


_HOST = "".join(c if c.isalnum() or c == "-" else "-" for c in socket.gethostname()) or "host"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


# --------------------------------------------------------------------------- entry format


class BadEntry(ValueError):
    """A cache entry that must not be used."""


# claim columns the classifier adds: an extraction (x) entry stores the others
CLASSIFY_COLUMNS = ("topics", "topic_evidence", "stance", "stance_confidence", "stance_evidence")


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC_OPTIONS) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _read_ipc(data: bytes, expected: pa.Schema) -> pa.Table:
    table = pa.ipc.open_stream(pa.BufferReader(data)).read_all()
    if table.schema.names != expected.names or table.schema.types != expected.types:
        raise BadEntry("unexpected columns")
    return pa.Table.from_arrays(table.columns, schema=expected)


def _claims_schema(columns: list[str]) -> pa.Schema:
    return _claims_schema_of(tuple(columns))


@lru_cache(maxsize=16)
def _claims_schema_of(columns: tuple[str, ...]) -> pa.Schema:
    """(once per set of columns: every entry of a run has the same)"""
    full = schema(TABLES["claims"])
    if not set(columns) <= set(full.names):
        raise BadEntry("unknown claim columns")
    return pa.schema([full.field(name) for name in full.names if name in columns])


def document_ipc(document: dict) -> bytes:
    """A document row as the first section of a cache entry."""
    return _ipc(pa.Table.from_pylist([document], schema=schema(TABLES["documents"])))


def _encode(store: str, key: str, value: dict, doc_bytes: bytes | None = None) -> bytes:
    if doc_bytes is None:
        doc_bytes = document_ipc(value["document"])
    claims = value["claims"]
    if isinstance(claims, pa.Table):
        columns = claims.schema.names
    else:
        # extracted claims carry only some of the columns: keep exactly those
        columns = list(claims[0]) if claims else [n for n in schema(TABLES["claims"]).names if n not in CLASSIFY_COLUMNS]
        claims = pa.Table.from_pylist(claims, schema=_claims_schema(columns))
    claim_bytes = _ipc(claims)
    body = doc_bytes + claim_bytes
    header = {
        "format": ENTRY_VERSION,
        "store": store,
        "key": key,
        "claims_as": "table" if isinstance(value["claims"], pa.Table) else "rows",
        "claims_columns": list(claims.schema.names),
        "sections": [len(doc_bytes), len(claim_bytes)],
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body


def _decode(data: bytes, store: str, key: str) -> dict:
    if not data.startswith(MAGIC):
        raise BadEntry("not a cache entry")
    eol = data.find(b"\n", len(MAGIC))
    if eol < 0 or eol - len(MAGIC) > MAX_HEADER:
        raise BadEntry("no header")
    header = json.loads(data[len(MAGIC) : eol])
    if not isinstance(header, dict) or header.get("format") != ENTRY_VERSION:
        raise BadEntry("another format version")
    if header.get("store") != store or header.get("key") != key:
        raise BadEntry("an entry of another key")  # copied or renamed: not what was asked for
    body = data[eol + 1 :]
    n_doc, n_claims = (int(n) for n in header["sections"])
    if n_doc + n_claims != len(body) or hashlib.sha256(body).hexdigest() != header["sha256"]:
        raise BadEntry("checksum mismatch")
    document = _read_ipc(body[:n_doc], schema(TABLES["documents"])).to_pylist()
    if len(document) != 1:
        raise BadEntry("not one document")
    claims = _read_ipc(body[n_doc:], _claims_schema(list(header["claims_columns"])))
    return {"document": document[0], "claims": claims if header["claims_as"] == "table" else claims.to_pylist()}


def file_sha256(path: Path, max_bytes: int) -> str | None:
    """sha256 of a regular file's bytes, as ingest computes it; None when it cannot (or should not) be read."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        h = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
