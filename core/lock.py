"""The data directory's lock: one load, build, refresh or backup at a time.

A load and a build must not run at the same time (data contract, "Loads"): the second one waits
up to ``VTH_LOCK_WAIT`` seconds (default 120) and then fails with ``LockBusy``, a Dutch message
that says who holds the lock. A refresh (load, then build and publish) holds it once from start
to end and calls the steps' lock-free halves (``ingest.load.load_files``, ``warehouse.build``'s
``build_locked``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator

from core.paths import data_dir

LOCK_FILE = ".vth.lock"


class LockBusy(RuntimeError):
    """Another load or build holds the data directory (or the landing database)."""


def wait_seconds(wait: float | None = None) -> float:
    """``wait``, or the default from ``VTH_LOCK_WAIT`` (120 s)."""
    return float(os.environ.get("VTH_LOCK_WAIT", "120")) if wait is None else wait


@contextlib.contextmanager
def exclusive(purpose: str, wait: float | None = None) -> Iterator[None]:
    """Hold the data directory's lock while loading or building (see the module docstring)."""
    deadline = time.monotonic() + wait_seconds(wait)
    fd = os.open(data_dir() / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    with open(fd, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "een ander proces"
                    raise LockBusy(
                        f"De datamap is bezet door {holder}; probeer het later opnieuw."
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{purpose} (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
