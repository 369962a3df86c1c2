"""The output folder of ``python -m pipeline run``: one writer at a time, and no
debris of interrupted runs.

- **Lock.** A run holds ``OUT/.lock`` for its whole duration: a POSIX record
  lock (``fcntl.lockf``) that the kernel releases when the process ends, however
  it ends, so a lock left by a killed run is simply taken over (the file stays,
  holding the pid and host of the last holder for the message of a refused run).
  Record locks belong to the process, not to the file descriptor: the workers the
  run forks do not inherit them, so a killed run's orphaned workers cannot keep
  the folder locked. A second run into the same folder fails at once with
  :class:`OutputBusy`, or waits for the lock.
- **Debris.** Holding the lock, a run removes what earlier runs into this folder
  left when they were killed: the temporary files of its tables
  (``.claims.parquet.*.tmp`` …), parts moved aside inside the dataset folders
  (``claims.parquet/.move-*.tmp``), half-written state files (``.state/.*.tmp``),
  staging folders (``.parts-*``) and, in the folder's own cache (``OUT/.cache``), the temporary files of cache writes. Only
  these names are touched: nothing else in the folder is ours to delete.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"
RUN_TABLES = ("documents", "claims", "rejected", "speaker_topic_stance", "speaker_topic_date")
STAGING_PREFIX = ".parts-"
OWN_CACHE = ".cache"
STATE = ".state"  # the incremental state (pipeline.incremental)

_held: set[str] = set()  # folders locked by this process (record locks do not exclude their own process)
_held_guard = threading.Lock()


class OutputBusy(RuntimeError):
    """Another run is writing to the output folder."""


def _holder(lock_path: Path) -> str:
    try:
        info = lock_path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        info = ""
    return f" ({info})" if info else ""


@contextmanager
def output_lock(out_dir: Path, wait: bool = False) -> Iterator[Path]:
    """Hold the lock of out_dir (created if needed) while the block runs.

    wait: block until the folder is free instead of raising :class:`OutputBusy`.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / LOCK_NAME
    ident = os.path.realpath(lock_path)
    with _held_guard:
        if ident in _held:
            raise OutputBusy(f"another run in this process is writing to {out_dir}")
        _held.add(ident)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                raise OutputBusy(
                    f"another run{_holder(lock_path)} is writing to {out_dir}: "
                    "wait for it to finish, or pass --wait"
                ) from None
            # who holds it, for the message a refused run prints (the lock itself is the kernel's)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%H:%M:%S')}\n".encode(), 0)
            yield lock_path
        finally:
            os.close(fd)  # releases the record lock
    finally:
        with _held_guard:
            _held.discard(ident)


def remove_debris(out_dir: Path, own_cache: bool = True) -> int:
    """Delete the temporary files and staging folders interrupted runs left in out_dir
    (call it holding the lock); returns how many were removed.

    own_cache: also the temporary files of cache writes in OUT/.cache (a cache shared
    with other output folders is not ours alone: its writers may be running)."""
    out_dir = Path(out_dir)
    removed = 0
    for table in RUN_TABLES:
        for tmp in out_dir.glob(f".{table}.parquet.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
        # a dataset folder (documents, claims): parts moved aside by a run killed while it put its parts in place
        dataset = out_dir / f"{table}.parquet"
        if dataset.is_dir() and not dataset.is_symlink():
            for tmp in dataset.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
                removed += 1
    state = out_dir / STATE
    if state.is_dir() and not state.is_symlink():
        for tmp in state.rglob(".*.tmp"):  # a state file being written
            tmp.unlink(missing_ok=True)
            removed += 1
    for staging in out_dir.glob(f"{STAGING_PREFIX}*"):
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging, ignore_errors=True)
            removed += 1
    cache_base = out_dir / OWN_CACHE
    if own_cache and cache_base.is_dir():
        for tmp in cache_base.glob("v*/*/*/.*.tmp"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
