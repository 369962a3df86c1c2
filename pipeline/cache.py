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
- the **classification key** adds the ``classify`` params, ``beats/``,
  ``stance.yaml`` and ``classify.py``. Its entry holds the document row again
  and the classified claims, so that a document taken whole from the cache
  costs one read.

Adding or editing an article therefore processes only that article; editing
``models/beats/*/topics.yaml`` reclassifies every document from its cached extraction
(no segmentation or attribution); editing ``models/speakers.yaml`` or any
``extract`` param redoes everything. Entries are written atomically (temporary
file, then ``os.replace``), so runs sharing a cache folder cannot see half an
entry, and an interrupted run leaves a usable cache.

Layout: ``CACHE/v2/{x,c}/<key[:2]>/<key>.pkl.lz4`` (pickles compressed with
LZ4 through pyarrow: a rerun reads every entry, and LZ4 decompresses about five
times faster than zlib. The cache is private to whoever runs the pipeline: do
not share it across trust boundaries).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pyarrow as pa

from pipeline.config import Config

FORMAT = "v2"
SUFFIX = ".pkl.lz4"
CODEC = "lz4"
MAX_RATIO = 256  # LZ4 cannot compress more than about 255:1
# read by classification only; an entry ending in "/" stands for everything under it (the beats)
CLASSIFY_ONLY_MODELS = frozenset({"beats/", "stance.yaml", "stance_learned.json"})
# modules whose code decides a document's row and its extracted claims (runner: how the stages are composed)
EXTRACT_CODE = (
    "ingest", "normalize", "lexicons", "segment", "extract", "attribution", "schemas", "runner", "cache",
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
        path = PACKAGE_DIR / f"{name}.py"
        parts += [name, path.read_bytes() if path.exists() else b"<missing>"]
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
    """Two stores of compressed pickles: ``x`` (document row + extracted claims) and
    ``c`` (document row + classified claims). An entry is the pickle's length (8
    bytes, little-endian) followed by the compressed pickle."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)
        self.base = self.root / FORMAT

    def _path(self, store: str, key: str) -> Path:
        return self.base / store / key[:2] / f"{key}{SUFFIX}"

    def has(self, store: str, key: str) -> bool:
        return self._path(store, key).is_file()

    def get(self, store: str, key: str):
        """The stored value, or None when missing or unreadable (a damaged entry is a miss)."""
        try:
            data = self._path(store, key).read_bytes()
            size = int.from_bytes(data[:8], "little")
            if size > MAX_RATIO * len(data):  # a damaged header must not allocate gigabytes
                return None
            return pickle.loads(pa.decompress(data[8:], decompressed_size=size, codec=CODEC, asbytes=True))
        except (OSError, pa.ArrowException, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None

    def put(self, store: str, key: str, value) -> None:
        path = self._path(store, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = len(raw).to_bytes(8, "little") + pa.compress(raw, codec=CODEC, asbytes=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: dict[str, set[str]]) -> int:
        """Delete the entries of each store whose key is not in ``keep[store]``; returns how many."""
        removed = 0
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
