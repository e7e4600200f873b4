"""Where the product keeps its run-time data, and the lock that keeps loads and builds apart.

Everything written at run time lives under ``$VTH_DATA_DIR`` (data contract, "Commands and
locations"); the default is ``data/`` in the repository. Ingest is the first stage, so the later
stages (warehouse, dashboard) read their paths from here rather than defining them again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
ORGANISATIES_SEED = DBT_PROJECT_DIR / "seeds" / "seed_organisaties.csv"


# Files the product writes hold personal data (names in the landing, the archive, the logboek):
# only the service account may read them, whatever the umask of the shell or unit that started
# the process (issue 12: "$VTH_DATA_DIR 0700 and its files 0600").
PRIVATE_UMASK = 0o077


def private_umask() -> None:
    """Every entry point calls this first: new files 0600, new folders 0700."""
    os.umask(PRIVATE_UMASK)


def data_dir_path() -> Path:
    """Where the data directory is, without creating it or changing its mode: for callers that
    must leave it as it is (``python -m ingest --controle`` writes nothing under it)."""
    return Path(os.environ.get("VTH_DATA_DIR") or REPO_ROOT / "data").resolve()


def data_dir() -> Path:
    """The data directory, created with mode 0700 (and set to it when it already exists).

    Every process that writes under the data directory resolves it here first, so this is
    where the private umask is set: the landing, the archive, the logboek and the build output
    (dbt inherits the umask) are 0600 whatever umask the process was started with.
    """
    private_umask()
    path = data_dir_path()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path.resolve()


def landing_path() -> Path:
    """The landing database: written by ingest only, read by the build."""
    return data_dir() / "landing.duckdb"


def warehouse_path() -> Path:
    """The published warehouse: the only file the dashboard reads."""
    return data_dir() / "vth.duckdb"


def docs_path() -> Path:
    """The dbt documentation (definitions, lineage, tests) as one self-contained HTML page,
    refreshed by the build when the dbt project changed."""
    return data_dir() / "docs" / "index.html"


def archive_dir() -> Path:
    path = data_dir() / "archief"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


@dataclass(frozen=True)
class ReadBudget:
    """What reading one delivery may cost (data contract v2, "Bounded reading").

    ``cells`` and ``text`` count what a workbook's cells expand to (filled cells; characters of
    cell text, a shared string counted once per cell that shows it); ``memory`` is the resident
    memory of the worker process that reads and loads one delivery; ``xml`` caps the unpacked
    bytes of a workbook's parts (not in the contract: it stops a workbook that unpacks to
    gigabytes of markup without cells). A CSV does not expand: its text budget is its field text.
    """

    cells: int = 5_000_000
    text: int = 200 * 1024**2
    memory: int = 2 * 1024**3
    xml: int = 1024**3
    cell_chars: int = 32_767  # Excel's own limit for one cell; longer is no hand-made value

    @classmethod
    def from_env(cls) -> ReadBudget:
        """Defaults, or ``VTH_LEES_CELLEN``, ``VTH_LEES_TEKST_MB``, ``VTH_LEES_GEHEUGEN_MB``,
        ``VTH_LEES_XML_MB``."""
        mb = 1024**2
        env = os.environ
        return cls(
            cells=int(env.get("VTH_LEES_CELLEN") or cls.cells),
            text=int(float(env.get("VTH_LEES_TEKST_MB") or cls.text / mb) * mb),
            memory=int(float(env.get("VTH_LEES_GEHEUGEN_MB") or cls.memory / mb) * mb),
            xml=int(float(env.get("VTH_LEES_XML_MB") or cls.xml / mb) * mb),
        )


def demo_marker_path() -> Path:
    """The sha256 of every file ``python -m ingest.demo`` wrote for this data directory: the
    dashboard's demo mode (no login) runs only while every published delivery is one of them."""
    return data_dir() / "demo-leveringen.json"


def demo_sha256s() -> frozenset[str]:
    """The demo files' sha256 (empty when the demo generator never wrote for this directory)."""
    try:
        inhoud = json.loads(demo_marker_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(str(h) for h in inhoud.get("sha256", []))


def mark_demo(sha256s: Iterable[str]) -> None:
    """Add demo files to the marker (mode 0600, written atomically)."""
    path = demo_marker_path()
    alle = sorted(demo_sha256s() | set(sha256s))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"uitleg": "demoleveringen van python -m ingest.demo", "sha256": alle},
                  handle, indent=1)
    os.replace(tmp, path)


class LockBusy(RuntimeError):
    """Another load or build holds the data directory."""


@contextlib.contextmanager
def exclusive(purpose: str, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the data directory's lock while loading or building.

    A load and a build must not run at the same time (data contract, "Loads"): the second one
    waits up to ``wait_seconds`` (env ``VTH_LOCK_WAIT``, default 120 s) and then fails with a
    message that says who holds the lock.
    """
    if wait_seconds is None:
        wait_seconds = float(os.environ.get("VTH_LOCK_WAIT", "120"))
    lock_file = data_dir() / ".vth.lock"
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    with open(fd, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
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
