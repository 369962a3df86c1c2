"""Incremental output of ``python -m pipeline run``: a rerun costs what changed.

**Layout.** ``documents.parquet`` and ``claims.parquet`` are parquet *datasets*: folders of
part files (``part-00000.parquet`` …) that pandas and pyarrow read as one table, parts in
name order (``pd.read_parquet("out/claims.parquet")``; readers skip names starting with ``.``
or ``_``). The other three tables are single files.

**Parts.** A part is a run of documents in corpus path order. Where a part ends depends on
its last document alone: after a document whose path hashes to 0 modulo
``run.part_documents`` (so parts hold that many documents on average). The parts of a corpus
are therefore the same whatever the history of the output folder, and adding, editing or
deleting one article changes one part (or splits or joins two); the others are kept as
they are, renamed when their rank moves. A part is identified by its key: the run's
fingerprint and, per document, its path, sha256 and ``duplicate_of``.

**State** (``OUT/.state/``, data only): ``manifest.json`` holds the fingerprint (code,
models and params, as the cache keys cover them, plus the copy-detection, summary and
layout params), each file's metadata (size, mtime_ns, inode) and sha256, what became of
each file (a document of some part, or a rejection), and per part its key, documents,
counts and the stat of its files; ``partials/<part key>.json`` holds each part's partial
summary counts (:func:`pipeline.aggregate.partial_counts`; apart, so that a rerun that finds
nothing changed reads a small manifest, and a part's counts are written once); ``signatures.parquet``
holds each document's MinHash signature. A rerun hashes only the files whose metadata changed, processes only new
or edited files, reruns copy detection from the stored signatures (cross-document: adding
an article can make a later one its copy), rewrites only the parts whose key changed and
merges the partial counts of all parts into the summary tables. Nothing changed (same
files, same fingerprint, outputs as the manifest recorded them): nothing is rewritten.

The manifest is removed before the output files are touched and written after: a run
killed in between leaves no manifest, and the next run rebuilds every part (from the
per-document cache when there is one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.aggregate import Aggregator, merge_partials, partial_counts
from pipeline.config import Config
from pipeline.dedup import Deduper
from pipeline.ingest import Rejection
from pipeline.parquet_io import TableWriter, to_table
from pipeline.schemas import TABLES, schema

STATE_DIR = ".state"
MANIFEST = "manifest.json"
SIGNATURES = "signatures.parquet"
PARTIALS = "partials"
STATE_VERSION = 3  # in the manifest: a manifest of another version is ignored (full rebuild)
DATASETS = ("documents", "claims")
SINGLE_TABLES = ("rejected", "speaker_topic_stance", "speaker_topic_date")
PART_GLOB = "part-*.parquet"
# more new files than this (and than 2 % of the corpus): copy detection runs over every document
MAX_NEW_INCREMENTAL_DEDUP = 200


def part_name(rank: int) -> str:
    return f"part-{rank:05d}.parquet"


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p.encode()
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def fingerprint(config: Config, keys) -> str:
    """What every row and part depends on besides the files: the cache keys' salts (code, models,
    per-document params) and the params of copy detection, the summary tables and the layout."""
    run_wide = {
        "dedup": dataclasses.asdict(config.dedup),
        "aggregate": dataclasses.asdict(config.aggregate),
        "layout": [config.run.part_documents, config.run.batch_size],
    }
    return _digest(str(STATE_VERSION), keys.extract_salt, keys.classify_salt, json.dumps(run_wide, sort_keys=True))


def ends_part(source_path: str, every: int) -> bool:
    """A part ends after this document: a function of its path only, so parts are stable."""
    h = int.from_bytes(hashlib.sha1(source_path.encode()).digest()[:8], "little")
    return h % max(1, every) == 0


def file_meta(path: Path) -> list[int] | None:
    """[size, mtime_ns, inode] of the file (a symlink: of its target); None when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _stat(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


# --------------------------------------------------------------------------- the state


@dataclasses.dataclass
class State:
    """The manifest of an output folder (see the module docstring)."""

    fingerprint: str
    files: dict[str, list]  # rel -> [size, mtime_ns, inode, sha256 or None]
    outcomes: dict[str, list]  # rel -> ["doc", doc_id] | ["rejected", stage, reason, detail]
    discovered: list[list[str]]  # the rejections of discovery (no file read), as rows
    parts: list[dict]  # name, key, docs [[rel, sha, n_claims, duplicate_of]], counts, stat of its files
    tables: dict[str, list[int] | None]  # single tables -> [size, mtime_ns]
    summary: dict  # the counts of the run that wrote it
    signatures: dict[str, bytes | None] | None = None  # rel -> MinHash (read on demand)

    @staticmethod
    def path(out_dir: Path) -> Path:
        return Path(out_dir) / STATE_DIR / MANIFEST

    @classmethod
    def load(cls, out_dir: Path, fp: str) -> State | None:
        """The manifest if it belongs to this fingerprint and the outputs are as it recorded them; else None."""
        try:
            raw = json.loads(cls.path(out_dir).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(raw, dict) or raw.get("version") != STATE_VERSION or raw.get("fingerprint") != fp:
            return None
        try:
            state = cls(
                raw["fingerprint"], raw["files"], raw["outcomes"], raw["discovered"], raw["parts"], raw["tables"],
                raw["summary"],
            )
        except (KeyError, TypeError):
            return None
        return state if state.intact(Path(out_dir)) else None

    def intact(self, out_dir: Path) -> bool:
        """Every output file as this manifest recorded it (size and mtime), and no other part."""
        try:
            for name, st in self.tables.items():
                if _stat(out_dir / f"{name}.parquet") != st:
                    return False
            for t in DATASETS:
                folder = out_dir / f"{t}.parquet"
                if sorted(p.name for p in folder.glob(PART_GLOB)) != [p["name"] for p in self.parts]:
                    return False
                for p in self.parts:
                    if _stat(folder / p["name"]) != p["stat"][t]:
                        return False
            partials = out_dir / STATE_DIR / PARTIALS
            if not all((partials / f"{p['key']}.json").is_file() for p in self.parts):
                return False
        except (OSError, KeyError, TypeError):
            return False
        return True

    def load_signatures(self, out_dir: Path) -> bool:
        try:
            # ParquetFile, not read_table: that imports pyarrow.dataset (and pandas), a second of start-up
            table = pq.ParquetFile(Path(out_dir) / STATE_DIR / SIGNATURES).read()
            paths, sigs = table.column("source_path").to_pylist(), table.column("signature").to_pylist()
            self.signatures = dict(zip(paths, sigs, strict=True))
        except (OSError, KeyError, pa.ArrowException):
            return False
        return True

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": STATE_VERSION, "fingerprint": self.fingerprint, "files": self.files,
                "outcomes": self.outcomes, "discovered": self.discovered, "parts": self.parts, "tables": self.tables,
                "summary": self.summary,
            },
            ensure_ascii=False, sort_keys=True, separators=(",", ":"),
        )


def remove_manifest(out_dir: Path) -> None:
    State.path(out_dir).unlink(missing_ok=True)


def write_state(
    out_dir: Path, state: State, signatures: dict[str, bytes | None] | None, partials: dict[str, dict] | None = None
) -> None:
    """The manifest (and the signatures and new partial counts, when given), each atomically; the
    manifest last; then the partial counts of parts no longer in the manifest go."""
    folder = Path(out_dir) / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if partials:
        (folder / PARTIALS).mkdir(exist_ok=True)
        for key, partial in partials.items():
            tmp = folder / PARTIALS / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(partial, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, folder / PARTIALS / f"{key}.json")
    if signatures is not None:
        table = pa.table(
            {
                "source_path": _binary_array([rel.encode() for rel in signatures], pa.string()),
                "signature": _binary_array(list(signatures.values()), pa.binary()),
            }
        )
        tmp = folder / f".{SIGNATURES}.{os.getpid()}.tmp"
        pq.write_table(table, tmp, compression="none")  # MinHash values do not compress
        os.replace(tmp, folder / SIGNATURES)
    tmp = folder / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(state.to_json(), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    if partials is not None:
        wanted = {f"{p['key']}.json" for p in state.parts}
        for f in (folder / PARTIALS).glob("*.json"):
            if f.name not in wanted:
                f.unlink(missing_ok=True)


def rejection_row(r: Rejection) -> list[str]:
    return [r.stage, r.reason, r.detail, r.source_path]


def rejection_of(row: list[str]) -> Rejection:
    stage, reason, detail, source_path = row
    return Rejection(source_path, reason, detail, stage=stage)


# --------------------------------------------------------------------------- copy detection, incrementally


class IncrementalDeduper:
    """``duplicate_of`` as :class:`pipeline.dedup.Deduper` decides it for documents fed in corpus
    order, reusing the last run's decisions where they cannot have changed.

    A document's decision depends only on the earlier documents that share a band of its
    signature with it (its candidates) and on whether those are first copies. So: up to the first
    document that differs from the last run's sequence every decision stands; after it, a kept
    document is decided again only when one of its bands is *dirty*, i.e. shared with a document
    that is new, gone, or whose decision changed. Deciding compares the document with the earlier
    first copies in one vectorised pass. Bands are compared through a 64-bit hash, and a hash
    match is confirmed on the values themselves, so the result is exactly the Deduper's."""

    def __init__(self, cfg, capacity: int, old_sequence: list[tuple[str, str]], gone: list[bytes]) -> None:
        self.cfg = cfg
        self.bands = max(1, cfg.bands)
        self.rows = max(1, cfg.num_hashes // self.bands)
        self.width = self.bands * self.rows  # the signature values the bands cover
        rng = np.random.default_rng(20210616)  # fixed: hashes only pick candidates, never decide
        self.mult = rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) | np.uint64(1)
        self.S = np.zeros((capacity, cfg.num_hashes), dtype=np.uint64)
        self.H = np.zeros((capacity, self.bands), dtype=np.uint64)
        self.first = np.zeros(capacity, dtype=bool)
        self.doc_ids: list[str] = []
        self.old_sequence = old_sequence
        self.diverged = False
        self.dirty: list[set[int]] = [set() for _ in range(self.bands)]
        for raw in gone:
            self.forget(raw)

    def _hashes(self, sig: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):  # uint64 arithmetic wraps, as a hash should
            return (sig[: self.width].reshape(self.bands, self.rows) * self.mult).sum(axis=1, dtype=np.uint64)

    def _mark(self, hashes: np.ndarray) -> None:
        for band, h in zip(self.dirty, hashes.tolist(), strict=True):
            band.add(h)

    def forget(self, raw: bytes | None) -> None:
        """A document of the last run that is not in this one (deleted, edited, its id taken)."""
        if raw is not None:
            self._mark(self._hashes(np.frombuffer(raw, dtype=np.uint64)))

    def check(self, doc_id: str, rel: str, sha: str, sig: np.ndarray | None, old_dup: str | None) -> str:
        """old_dup: the last run's decision for this very document (path and bytes), None for a new one."""
        i = len(self.doc_ids)
        if not self.diverged and (i >= len(self.old_sequence) or self.old_sequence[i] != (rel, sha)):
            self.diverged = True
        dup = ""
        if sig is not None:
            hashes = self._hashes(sig)
            clean = old_dup is not None and (
                not self.diverged or not any(h in band for band, h in zip(self.dirty, hashes.tolist(), strict=True))
            )
            if clean:
                dup = old_dup
            else:
                dup = self._decide(i, sig, hashes)
                if dup != old_dup:
                    self._mark(hashes)
            self.S[i] = sig
            self.H[i] = hashes
            self.first[i] = not dup
        self.doc_ids.append(doc_id)
        return dup

    def _decide(self, i: int, sig: np.ndarray, hashes: np.ndarray) -> str:
        candidates = np.nonzero(self.first[:i] & (self.H[:i] == hashes).any(axis=1))[0]
        if not len(candidates):
            return ""
        bands = sig[: self.width].reshape(self.bands, self.rows)
        for j in candidates.tolist():  # earliest first: the copy first in corpus order wins
            other = self.S[j]
            if (other[: self.width].reshape(self.bands, self.rows) == bands).all(axis=1).any():
                if float(np.mean(other == sig)) >= self.cfg.min_similarity:
                    return self.doc_ids[j]
        return ""


# --------------------------------------------------------------------------- the part writer


@dataclasses.dataclass
class _Doc:
    rel: str
    sha: str
    duplicate_of: str
    document: dict | pa.Table | None = None  # new rows (None: kept from an old part)
    claims: list[dict] | pa.Table | None = None
    old: tuple[str, int, int, int] | None = None  # (old part name, row, first claim row, n_claims)


class PartWriter:
    """documents and claims of a run, cut into parts; each part is written only when its key is
    not among the old state's parts. Feeds copy detection in corpus order (as BatchWriter did).

    ``add`` takes a document just processed or from the cache (dict or one-row table) and its
    claims; ``add_kept`` a document whose rows stay in an old part file."""

    def __init__(
        self, out_dir: Path, staging: Path, config: Config, fp: str, summary, dedup: Deduper, old: State | None
    ) -> None:
        self.out_dir = Path(out_dir)
        self.staging = Path(staging)
        self.every = config.run.part_documents
        self.batch_size = max(1, config.run.batch_size)
        self.n_examples = config.aggregate.n_examples
        self.fp = fp
        self.summary = summary
        self.dedup = dedup
        self.old = old
        self.old_by_key = {p["key"]: p for p in old.parts} if old is not None else {}
        self.old_positions: dict[str, tuple[str, int, int, int]] = {}
        self.old_dups: dict[str, str] = {}
        self.old_sequence: list[tuple[str, str]] = []  # (path, sha256) of the last run's documents, in order
        if old is not None:
            for p in old.parts:
                claim_row = 0
                for row, (rel, sha, n_claims, dup) in enumerate(p["docs"]):
                    self.old_positions[rel] = (p["name"], row, claim_row, n_claims)
                    self.old_dups[rel] = dup
                    self.old_sequence.append((rel, sha))
                    claim_row += n_claims
        self.inc: IncrementalDeduper | None = None
        self.chunk: list[_Doc] = []
        self.parts: list[dict] = []  # the new state's parts, in order
        self.written: list[str] = []  # names of the parts written in staging
        self.moved: list[tuple[str, str]] = []  # (old name, new name) of kept parts whose rank moved
        self.signatures: dict[str, bytes | None] = {}
        self.partials: dict[str, dict] = {}  # part key -> partial counts, of the parts written in this run
        self._old_tables: dict[str, dict[str, pa.Table]] = {}
        for t in DATASETS:
            (self.staging / t).mkdir(parents=True, exist_ok=True)

    def kept_position(self, rel: str) -> tuple[str, int, int, int] | None:
        return self.old_positions.get(rel)

    def begin(self, plan: list) -> None:
        """Copy detection for this plan: incremental when few files are new (deciding a new document
        costs a pass over the earlier ones), else the Deduper over every document."""
        if self.old is None or self.old.signatures is None:
            return
        kept = {(item.rel, item.sha) for item in plan if item.state == "kept" and item.doc_id is not None}
        n_new = len(plan) - len(kept)
        if n_new > max(MAX_NEW_INCREMENTAL_DEDUP, len(plan) // 50):
            return
        gone = [self.old.signatures.get(rel) for rel, sha in self.old_sequence if (rel, sha) not in kept]
        self.inc = IncrementalDeduper(self.dedup.cfg, len(plan), self.old_sequence, gone)

    def not_admitted(self, rel: str) -> None:
        """A kept document whose doc_id another file took: gone from copy detection."""
        if self.inc is not None and self.old is not None and self.old.signatures is not None:
            self.inc.forget(self.old.signatures.get(rel))

    # ---- documents in corpus order

    def add(
        self, document: dict | pa.Table, claims: list[dict] | pa.Table, agg_claims=None, signature=False
    ) -> None:
        if isinstance(document, pa.Table):
            doc_id, rel, sha, text = (document.column(c)[0].as_py() for c in ("doc_id", "source_path", "sha256", "text"))
        else:
            doc_id, rel, sha, text = document["doc_id"], document["source_path"], document["sha256"], document["text"]
        if signature is False:
            from pipeline.dedup import document_signature

            signature = document_signature(text, self.dedup.cfg)
        self._push(_Doc(rel, sha, self._check(doc_id, rel, sha, signature, None), document, claims))

    def add_kept(self, rel: str, doc_id: str, sha: str) -> None:
        assert self.old is not None and self.old.signatures is not None
        raw = self.old.signatures.get(rel)
        signature = np.frombuffer(raw, dtype=np.uint64) if raw is not None else None
        dup = self._check(doc_id, rel, sha, signature, self.old_dups[rel])
        self._push(_Doc(rel, sha, dup, old=self.old_positions[rel]))

    def _check(self, doc_id: str, rel: str, sha: str, signature, old_dup: str | None) -> str:
        self.signatures[rel] = signature.tobytes() if signature is not None else None
        if self.inc is not None:
            return self.inc.check(doc_id, rel, sha, signature, old_dup)
        return self.dedup.check(doc_id, "", signature)

    def _push(self, doc: _Doc) -> None:
        self.chunk.append(doc)
        if ends_part(doc.rel, self.every):
            self._close()

    # ---- parts

    def _close(self) -> None:
        if not self.chunk and self.parts:
            return
        chunk, self.chunk = self.chunk, []
        name = part_name(len(self.parts))
        key = _digest(self.fp, json.dumps([[d.rel, d.sha, d.duplicate_of] for d in chunk], ensure_ascii=False))
        old = self.old_by_key.get(key)
        if old is not None:
            if old["name"] != name:
                self.moved.append((old["name"], name))
            self.parts.append({**old, "name": name})
            return
        self.parts.append(self._write(name, key, chunk))
        self.written.append(name)

    def _old_table(self, part: str, table: str) -> pa.Table:
        if part not in self._old_tables:
            if len(self._old_tables) >= 2:  # a new part takes its kept rows from one or two old ones
                self._old_tables.pop(next(iter(self._old_tables)))
            folder = self.out_dir
            self._old_tables[part] = {
                t: pa.Table.from_arrays(pq.ParquetFile(folder / f"{t}.parquet" / part).read().columns, schema=schema(TABLES[t]))
                for t in DATASETS
            }
        return self._old_tables[part][table]

    def _write(self, name: str, key: str, chunk: list[_Doc]) -> dict:
        pieces: dict[str, list] = {t: [] for t in DATASETS}
        n_claims: list[int] = []
        for d in chunk:
            if d.old is not None:
                part, row, claim_row, n = d.old
                document: dict | pa.Table = self._old_table(part, "documents").slice(row, 1)
                claims: list[dict] | pa.Table = self._old_table(part, "claims").slice(claim_row, n)
            else:
                document, claims = d.document, d.claims
            if isinstance(document, pa.Table):
                i = document.schema.get_field_index("duplicate_of")
                dup = _binary_array([d.duplicate_of.encode()], pa.string())
                document = document.set_column(i, document.schema.field(i), dup)
            else:
                document = {**document, "duplicate_of": d.duplicate_of}
            pieces["documents"].append(document)
            pieces["claims"].append(claims)
            n_claims.append(claims.num_rows if isinstance(claims, pa.Table) else len(claims))
        tables = {t: _combine(t, pieces[t]) for t in DATASETS}
        # row groups of batch_size documents (and their claims): readers stream a part batch by batch
        bounds = list(range(0, len(chunk), self.batch_size)) + [len(chunk)]
        claim_at = np.concatenate([[0], np.cumsum(n_claims)]).astype(int).tolist()
        stat = {}
        for t in DATASETS:
            path = self.staging / t / name
            with TableWriter(path, t) as writer:
                for a, b in itertools.pairwise(bounds):
                    lo, hi = (a, b) if t == "documents" else (claim_at[a], claim_at[b])
                    writer.write_table(tables[t].slice(lo, hi - lo))
            stat[t] = None  # filled in when the part is put in place
        self.partials[key] = partial_counts(tables["claims"].select(list(Aggregator.COLUMNS)).to_pylist())
        docs = tables["documents"]
        dates = docs.column("date").to_pylist()
        dups = docs.column("duplicate_of").to_pylist()
        return {
            "name": name,
            "key": key,
            "docs": [[d.rel, d.sha, n, d.duplicate_of] for d, n in zip(chunk, n_claims, strict=True)],
            "n_documents": len(chunk),
            "n_claims": tables["claims"].num_rows,
            "n_duplicates": sum(bool(x) for x in dups),
            "n_undated": sum(not x for x in dates),
            "stat": stat,
        }

    def finish(self) -> None:
        """The last part (an empty corpus still gets one, empty part: a dataset needs a schema)."""
        if self.chunk or not self.parts:
            self._close()
        for key in ("n_documents", "n_claims", "n_duplicates", "n_undated"):
            setattr(self.summary, key, getattr(self.summary, key) + sum(p[key] for p in self.parts))

    def summary_tables(self) -> tuple[list[dict], list[dict], int, int]:
        folder = self.out_dir / STATE_DIR / PARTIALS

        def partials():
            for p in self.parts:
                got = self.partials.get(p["key"])
                yield got if got is not None else json.loads((folder / f"{p['key']}.json").read_text(encoding="utf-8"))

        return merge_partials(partials(), self.n_examples)

    def changed(self) -> bool:
        return bool(self.written or self.moved) or self.old is None or len(self.parts) != len(self.old.parts)

    def put_in_place(self) -> None:
        """Move the new parts into the datasets and drop the old ones no part uses (the manifest
        must be gone already: a run killed meanwhile leaves a folder the next run rebuilds)."""
        for t in DATASETS:
            folder = self.out_dir / f"{t}.parquet"
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                folder.unlink()  # a table of the single-file layout
            folder.mkdir(exist_ok=True)
            for old, _new in self.moved:
                os.replace(folder / old, folder / f".move-{old}.tmp")
            wanted = {p["name"] for p in self.parts}
            for f in folder.glob(PART_GLOB):
                if f.name not in wanted:
                    f.unlink()
            for old, new in self.moved:
                os.replace(folder / f".move-{old}.tmp", folder / new)
            for name in self.written:
                os.replace(self.staging / t / name, folder / name)
            for p in self.parts:
                p["stat"] = {**(p.get("stat") or {}), t: _stat(folder / p["name"])}


def _binary_array(values: list[bytes | None], kind: pa.DataType) -> pa.Array:
    """A string or binary array built from its buffers: ``pa.array`` on Python objects imports
    pandas, a second of start-up a rerun that converts no row need not pay."""
    valid = np.array([v is not None for v in values], dtype=bool)
    lengths = np.array([len(v) if v is not None else 0 for v in values], dtype=np.int64)
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    data = pa.py_buffer(b"".join(v for v in values if v is not None))
    mask = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    return pa.Array.from_buffers(kind, len(values), [mask, pa.py_buffer(offsets.tobytes()), data], int((~valid).sum()))


def _combine(table: str, pieces: list) -> pa.Table:
    """Rows from dicts and from tables as one table with one chunk per column: the bytes written do
    not depend on where the rows came from."""
    out: list[pa.Table] = []
    rows: list[dict] = []
    for piece in pieces:
        if isinstance(piece, pa.Table):
            if rows:
                out.append(to_table(table, rows))
                rows = []
            out.append(piece)
        elif isinstance(piece, dict):
            rows.append(piece)
        else:
            rows.extend(piece)
    if rows or not out:
        out.append(to_table(table, rows))
    return pa.concat_tables(out).combine_chunks() if len(out) > 1 else out[0].combine_chunks()


def remove_staging(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


# --------------------------------------------------------------------------- the runner's helpers

file_stat = _stat


def file_table(paths: list[Path], corpus_dir: Path, config: Config, state: State | None) -> dict[str, list]:
    """rel -> [size, mtime_ns, inode, sha256] of every file to read; a file whose metadata the
    state holds unchanged keeps its recorded sha256, the others are hashed."""
    from pipeline.cache import file_sha256

    known = state.files if state is not None else {}
    files: dict[str, list] = {}
    for p in paths:
        rel = p.relative_to(corpus_dir).as_posix()
        meta = file_meta(p)
        old = known.get(rel)
        if meta is not None and old is not None and old[:3] == meta and old[3] is not None:
            sha = old[3]
        else:
            sha = file_sha256(p, config.ingest.max_bytes) if meta is not None else None
        files[rel] = [*(meta or [None, None, None]), sha]
    return files


def unchanged(state: State, files: dict[str, list], discovered: list[list[str]]) -> bool:
    """The same files with the same bytes, each with a lasting outcome, and the same rejections of
    discovery: the outputs the state describes are what a run would write."""
    if discovered != state.discovered or files.keys() != state.files.keys():
        return False
    return all(f[3] == state.files[rel][3] and rel in state.outcomes for rel, f in files.items())


def kept_outcome(state: State | None, writer: PartWriter):
    """kept(rel, sha): what the last run made of these bytes when it can stay (a Rejection, or the
    doc_id of a document whose rows are in an old part), else None."""
    if state is None:
        return None
    signatures = state.signatures or {}

    def kept(rel: str, sha: str) -> str | Rejection | None:
        f, o = state.files.get(rel), state.outcomes.get(rel)
        if f is None or o is None or f[3] != sha:
            return None
        if o[0] == "rejected":
            stage, reason, detail = o[1:]
            return Rejection(rel, reason, detail, stage=stage)
        if writer.kept_position(rel) is not None and rel in signatures:
            return o[1]
        return None

    return kept


SUMMARY_COUNTS = ("n_documents", "n_claims", "n_duplicates", "n_undated", "n_statements", "n_speakers", "n_rejected")


def state_summary(summary) -> dict:
    return {**{k: getattr(summary, k) for k in SUMMARY_COUNTS}, "rejected_examples": summary.rejected_examples}


def summary_from_state(summary, state: State, out_dir: Path, t0: float):
    """The summary of a run that found nothing to do: the last run's counts, every document kept."""
    import time

    for k in SUMMARY_COUNTS:
        setattr(summary, k, state.summary[k])
    summary.rejected_examples = [tuple(r) for r in state.summary["rejected_examples"]]
    summary.n_cached = summary.n_documents
    summary.out_dir = str(out_dir)
    summary.seconds = time.perf_counter() - t0
    return summary
