"""Reading and writing the pipeline's parquet tables.

Writes are atomic (temporary file in the same folder, then ``os.replace``), so
an interrupted run never leaves a half-written table for a later stage, and
deterministic (fixed compression, no pandas index, rows in the caller's order),
so the same input gives byte-identical files.

A run writes several tables that belong together: with a :class:`Staged`, each
finished table waits in its temporary file until :meth:`Staged.commit` puts them
all in place, so a failure (a full disk) before that leaves every previous table
as it was, not a mix of old and new ones.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import TABLES, schema

ROW_GROUP_SIZE = 256  # rows per group of a table written whole (TableWriter: one group per batch)
# mkstemp creates files readable by their owner only; outputs get the usual mode
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def to_table(table: str, rows: Iterable[dict]) -> pa.Table:
    """Rows (dicts; a missing key is null) as a table of the schema.

    Arrow converts the list of dicts as one struct array in C++, about twice as fast
    as building each column in Python; a cached rerun converts every claim again."""
    sch = schema(TABLES[table])
    as_structs = pa.array(list(rows), type=pa.struct(list(sch)))
    return pa.Table.from_arrays(as_structs.flatten(), schema=sch)


class Staged:
    """Finished tables in their temporary files, put in place together by :meth:`commit`."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, destination)

    def add(self, tmp: Path, dest: Path) -> None:
        self.pending.append((Path(tmp), Path(dest)))

    def commit(self) -> None:
        """Rename every temporary file onto its destination (renames need no space)."""
        while self.pending:
            tmp, dest = self.pending[0]
            os.replace(tmp, dest)
            self.pending.pop(0)

    def discard(self) -> None:
        for tmp, _ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending.clear()


def write_rows(
    path: str | os.PathLike, table: str, rows: Iterable[dict], staged: Staged | None = None, make_folder: bool = True
) -> int:
    data = to_table(table, rows)
    write_table(path, data, staged, make_folder)
    return data.num_rows


def write_table(path: str | os.PathLike, data: pa.Table, staged: Staged | None = None, make_folder: bool = True) -> None:
    """make_folder=False: a missing folder is an error (FileNotFoundError), not created."""
    path = Path(path)
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(
            data,
            tmp,
            compression="zstd",
            row_group_size=ROW_GROUP_SIZE,
            write_statistics=True,
        )
        os.chmod(tmp, FILE_MODE)
        if staged is not None:
            staged.add(Path(tmp), path)
        else:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TableWriter:
    """Streams batches of rows into one parquet file, atomically on close."""

    def __init__(self, path: str | os.PathLike, table: str, staged: Staged | None = None) -> None:
        self.path = Path(path)
        self.staged = staged
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.table = table
        self.schema = schema(TABLES[table])
        fd, self._tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        os.close(fd)
        try:
            self._writer = pq.ParquetWriter(self._tmp, self.schema, compression="zstd")
        except BaseException:
            Path(self._tmp).unlink(missing_ok=True)
            raise
        self.n_rows = 0
        self.closed = False

    def write(self, rows: list[dict]) -> None:
        if rows:
            self.write_table(to_table(self.table, rows))

    def write_table(self, data: pa.Table) -> None:
        """One batch, as one row group: readers stream the file batch by batch. (Claims
        in groups of 256 rows compressed ten times worse and wrote four times slower.)"""
        if data.num_rows:
            self._writer.write_table(data, row_group_size=data.num_rows)
            self.n_rows += data.num_rows

    def close(self) -> None:
        self.closed = True
        try:
            self._writer.close()
            os.chmod(self._tmp, FILE_MODE)
        except BaseException:
            Path(self._tmp).unlink(missing_ok=True)
            raise
        if self.staged is not None:
            self.staged.add(Path(self._tmp), self.path)
        else:
            os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self.closed = True
        try:
            self._writer.close()
        except Exception:  # already failing (e.g. a full disk): the temporary file goes anyway
            pass
        Path(self._tmp).unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def read_rows(path: str | os.PathLike, columns: list[str] | None = None) -> list[dict]:
    return pq.read_table(path, columns=columns).to_pylist()


def table_files(path: str | os.PathLike) -> list[Path]:
    """The parquet files of a table: the file itself, or the parts of a dataset folder in the
    order pyarrow and pandas read them (names in order; names starting with '.' or '_' skipped)."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.glob("*.parquet") if not p.name.startswith((".", "_")))


def read_schema(path: str | os.PathLike) -> pa.Schema:
    """The schema of a table written as a file or as a dataset folder."""
    files = table_files(path)
    if not files:
        raise FileNotFoundError(f"{path}: a dataset folder without parquet files")
    return pq.read_schema(files[0])


def iter_batches(path: str | os.PathLike, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """Record batches of a table (a file or a dataset folder), one row group at a time."""
    for f in table_files(path):
        yield from pq.ParquetFile(f).iter_batches(columns=columns)


def iter_rows(
    path: str | os.PathLike, columns: list[str] | None = None
) -> Iterator[dict]:
    """Row dicts one row group at a time, so memory stays flat on large tables (a file, or a
    dataset folder as ``pipeline run`` writes documents and claims)."""
    for f in table_files(path):
        pf = pq.ParquetFile(f)
        for i in range(pf.num_row_groups):
            yield from pf.read_row_group(i, columns=columns).to_pylist()
