"""Build a new warehouse file with dbt and publish it by atomic rename.

The published file (``$VTH_DATA_DIR/vth.duckdb``) is never written in place: dbt builds into a
new file under ``build/``; only when ``dbt build`` (models, seeds and tests) succeeded is that file
renamed over the published one with ``os.replace``. A reader that has the old file open keeps
reading the old inode; a failed build leaves the old file untouched. The data directory's lock
keeps a build and a load from running at the same time.

dbt runs as a child that the kernel kills when the build's process dies (``_met_ouder.py``),
so a build killed by the out-of-memory killer leaves no dbt holding the landing database. A
landing database that another process still holds is reported as ``LockBusy`` ("bezet",
exit 3), like the data directory's own lock, never as a DuckDB traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from ingest import settings
from ingest.load import connect_landing, now
from ingest.settings import LockBusy

PUBLISHED_CHECK = "select count(*) from marts.indicatoren"
MET_OUDER = Path(__file__).with_name("_met_ouder.py")
# DuckDB's message when another process holds the file (IOException), and who holds it.
_DUCKDB_LOCK = "Could not set lock on file"
_DUCKDB_HOUDER = re.compile(r"\(PID (\d+)\)")
LANDING_BEZET = "De landingsdatabase is bezet door {houder}; probeer het later opnieuw."


@dataclass
class BuildResult:
    ok: bool
    peildatum: date
    seconds: float
    message: str
    failures: list[str] = field(default_factory=list)
    dbt_seconds: float = 0.0


def build_dir() -> Path:
    path = settings.data_dir() / "build"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _dbt_command() -> list[str]:
    # The dbt entry point installed next to this interpreter (in .venv/bin), started through
    # _met_ouder.py so that it ends with this process (see the module docstring).
    dbt = str(Path(sys.executable).parent / "dbt")
    return [sys.executable, "-I", "-S", str(MET_OUDER), str(os.getpid()), dbt]


def _landing_bezet(tekst: str) -> LockBusy:
    pid = _DUCKDB_HOUDER.search(tekst)
    houder = f"een ander proces (pid {pid.group(1)})" if pid else "een ander proces"
    return LockBusy(LANDING_BEZET.format(houder=houder))


def _landing_openen(wait_seconds: float | None) -> None:
    """Open (and on a fresh install create) the landing database, waiting like the data
    directory's lock while another process still holds it; then LockBusy ("bezet")."""
    if wait_seconds is None:
        wait_seconds = float(os.environ.get("VTH_LOCK_WAIT", "120"))
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            connect_landing().close()
            return
        except duckdb.IOException as exc:
            if _DUCKDB_LOCK not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise _landing_bezet(str(exc)) from None
            time.sleep(0.2)


def _failures(target: Path) -> list[str]:
    """The failing nodes of the last dbt run, one Dutch-prefixed line each."""
    results_file = target / "run_results.json"
    if not results_file.exists():
        return []
    results = json.loads(results_file.read_text()).get("results", [])
    lines = []
    for result in results:
        if result.get("status") in ("error", "fail", "runtime error"):
            node = result.get("unique_id", "?").split(".", 2)[-1]
            text = (result.get("message") or "").strip().splitlines()
            lines.append(f"{node}: {text[0] if text else result.get('status')}")
    return lines


def _checkpointed(path: Path) -> None:
    """Fold any write-ahead log into the file so the rename moves the whole database."""
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        con = duckdb.connect(str(path))
        con.sql("checkpoint")
        con.close()
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.sql(PUBLISHED_CHECK).fetchall()
    finally:
        con.close()


def _project_fingerprint() -> str:
    """Hash of the dbt project's definitions: the docs change with these, not with the data."""
    digest = hashlib.sha256()
    for path in sorted(settings.DBT_PROJECT_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".sql", ".yml", ".csv", ".md"):
            if "target" in path.parts or "logs" in path.parts or path.name.startswith("."):
                continue
            digest.update(str(path.relative_to(settings.DBT_PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _generate_docs(env: dict, target: Path, work: Path) -> str:
    """`dbt docs generate --static` when the project changed since the last docs; else reuse.

    Returns a Dutch line for the build message. A docs failure never blocks the publish.
    """
    fingerprint = _project_fingerprint()
    stamp = settings.docs_path().with_suffix(".versie")
    if settings.docs_path().exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return "documentatie ongewijzigd"
    command = [
        *_dbt_command(), "docs", "generate", "--static",
        "--project-dir", str(settings.DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(work / "logs"),
    ]
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    page = target / "static_index.html"
    if completed.returncode != 0 or not page.exists():
        (work / "dbt-docs.log").write_text(completed.stdout + completed.stderr)
        return "documentatie niet bijgewerkt (zie build/dbt-docs.log)"
    settings.docs_path().parent.mkdir(parents=True, exist_ok=True)
    tmp = settings.docs_path().with_suffix(".part")
    shutil.copyfile(page, tmp)
    os.replace(tmp, settings.docs_path())
    stamp.write_text(fingerprint)
    return "documentatie bijgewerkt"


def _publish(new_file: Path) -> None:
    target = settings.warehouse_path()
    os.replace(new_file, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def build(
    peildatum: date | None = None, lock_wait: float | None = None, docs: bool | None = None
) -> BuildResult:
    """Build and publish. ``docs`` (default: env VTH_DOCS, on) also refreshes the dbt docs."""
    peildatum = peildatum or date.today()
    if docs is None:
        docs = os.environ.get("VTH_DOCS", "1") != "0"
    started = time.perf_counter()
    with settings.exclusive("een build (python -m warehouse build)", lock_wait):
        _landing_openen(lock_wait)  # an empty landing database on a fresh install
        work = build_dir()
        for stale in work.glob("vth-*.duckdb*"):
            stale.unlink()
        new_file = work / f"vth-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.duckdb"
        target = work / "dbt-target"
        env = {
            **os.environ,
            "VTH_BUILD_PATH": str(new_file),
            "VTH_LANDING_PATH": str(settings.landing_path()),
            "DBT_PROFILES_DIR": str(settings.DBT_PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        dbt_vars = {"peildatum": peildatum.isoformat(), "gebouwd_op": now().isoformat(sep=" ")}
        command = [
            *_dbt_command(),
            "build",
            "--project-dir",
            str(settings.DBT_PROJECT_DIR),
            "--vars",
            json.dumps(dbt_vars),
            "--log-path",
            str(work / "logs"),
            "--target-path",
            str(target),
        ]
        dbt_started = time.perf_counter()
        completed = subprocess.run(command, env=env, capture_output=True, text=True)
        dbt_seconds = time.perf_counter() - dbt_started
        (work / "dbt-build.log").write_text(completed.stdout + completed.stderr)
        if completed.returncode != 0:
            failures = _failures(target)
            for leftover in work.glob(new_file.name + "*"):
                leftover.unlink()
            if _DUCKDB_LOCK in completed.stdout + completed.stderr:
                # another process took the landing between our check and dbt's attach
                raise _landing_bezet(completed.stdout + completed.stderr)
            output = (completed.stdout + completed.stderr).strip().splitlines()
            errors = [line.strip() for line in output if "Error" in line or "error" in line]
            reason = "; ".join(failures[:3]) or " ".join(errors[:3]) or "dbt gaf geen uitvoer"
            return BuildResult(
                False,
                peildatum,
                time.perf_counter() - started,
                f"Build mislukt, het vorige warehouse blijft gepubliceerd: {reason} "
                f"(details: {work / 'dbt-build.log'})",
                failures,
                dbt_seconds,
            )
        docs_note = _generate_docs(env, target, work) if docs else "documentatie overgeslagen"
        _checkpointed(new_file)
        _publish(new_file)
    seconds = time.perf_counter() - started
    duration = f"{seconds:.1f}".replace(".", ",")
    return BuildResult(
        True,
        peildatum,
        seconds,
        f"Warehouse gepubliceerd: {settings.warehouse_path()} "
        f"(peildatum {peildatum:%d-%m-%Y}, {duration} s; {docs_note})",
        dbt_seconds=dbt_seconds,
    )
