"""Where the product keeps its code and its run-time data.

Everything written at run time lives under ``$VTH_DATA_DIR`` (data contract, "Commands and
locations"); the default is ``data/`` in the repository. Every stage reads its paths from here;
what lives under the data directory (and what a backup keeps) is ``core/state.py``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
ORGANISATIES_SEED = SEEDS_DIR / "seed_organisaties.csv"

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
    path = Path(os.environ.get("VTH_DATA_DIR") or REPO_ROOT / "data")
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
