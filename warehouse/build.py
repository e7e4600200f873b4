"""Build a new warehouse file with dbt and publish it by atomic rename.

The published file (``$VTH_DATA_DIR/vth.duckdb``) is never written in place: dbt builds into a
new file under ``build/``; only when ``dbt build`` (models, seeds and tests) succeeded is that file
renamed over the published one with ``os.replace``. A reader that has the old file open keeps
reading the old inode; a failed build leaves the old file untouched. The data directory's lock
keeps a build and a load from running at the same time.

``--target postgres`` runs the same dbt project on PostgreSQL instead (data contract v2,
"server-class warehouse"): the landing rows are copied in, dbt builds there, and the published
tables are copied back into the new DuckDB file with the column types of a DuckDB build
(warehouse/postgres.py); the publish is the same rename.

dbt runs as a child that the kernel kills when the build's process dies (``_met_ouder.py``),
so a build killed by the out-of-memory killer leaves no dbt holding the landing database. A
landing database that another process still holds is reported as ``LockBusy`` ("bezet",
exit 3), like the data directory's own lock, never as a DuckDB traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import psycopg2

from core import fmt, lock, paths
from core.clock import now
from core.lock import LockBusy
from ingest.load import DUCKDB_LOCK, landing_busy, open_landing
from warehouse import jaarafsluiting, postgres

_LOG = logging.getLogger(__name__)
PUBLISHED_CHECK = "select count(*) from marts.indicatoren"
_ERROR_HEADER = re.compile(r"(Database|Runtime|Compilation) Error( in .*)?$")
_UNIT_TEST_HEADER = "An error occurred during execution of unit test"
# Where dbt runs: a DuckDB file (the default) or the PostgreSQL server of the PG* variables.
TARGETS = ("duckdb", "postgres")
MET_OUDER = Path(__file__).with_name("_met_ouder.py")
# dbt's unit tests test the models' logic on fixed inputs, not the data: they run in `make test`
# (tests/warehouse/test_dbt_unit_tests.py, tests/postgres), not in every production build
# (≈3 s each, issue 17). The data tests stay in the build: they guard the publish.
PRODUCTION_ONLY = ("--exclude-resource-type", "unit_test")
# The build's clock, passed to dbt as a metadata env var (see build_locked).
GEBOUWD_OP_ENV = "DBT_ENV_CUSTOM_ENV_VTH_GEBOUWD_OP"


@dataclass
class BuildResult:
    ok: bool
    peildatum: date
    seconds: float
    message: str
    failures: list[str] = field(default_factory=list)
    dbt_seconds: float = 0.0
    # Seconds per step: dbt; on PostgreSQL also landing (copy in), referentie (waiting for the
    # DuckDB reference after dbt) and publicatie (copy out).
    stage_seconds: dict[str, float] = field(default_factory=dict)


def build_dir() -> Path:
    path = paths.data_dir() / "build"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _dbt_command() -> list[str]:
    # The dbt entry point installed next to this interpreter (in .venv/bin), started through
    # _met_ouder.py so that it ends with this process (see the module docstring).
    dbt = str(Path(sys.executable).parent / "dbt")
    return [sys.executable, "-I", "-S", str(MET_OUDER), str(os.getpid()), dbt]


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
            # dbt's first line is a header ("Database Error in model x (path)"); the reason
            # (the database's own message) is the first line after it.
            text = [line.strip() for line in (result.get("message") or "").splitlines()]
            # A unit test's message starts with dbt's generic sentence; the database's follows.
            reasons = [
                line for line in text
                if line and not _ERROR_HEADER.match(line) and not line.startswith(_UNIT_TEST_HEADER)
            ]
            reason = reasons[0] if reasons else (text[0] if text else result.get("status"))
            lines.append(f"{node}: {reason}")
    return lines


def _checkpointed(path: Path, check: bool = True) -> None:
    """Fold any write-ahead log into the file so the rename moves the whole database."""
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        con = duckdb.connect(str(path))
        con.sql("checkpoint")
        con.close()
    if not check:
        return
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.sql(PUBLISHED_CHECK).fetchall()
    finally:
        con.close()


def _project_fingerprint() -> str:
    """Hash of the dbt project's definitions: the docs change with these, not with the data."""
    digest = hashlib.sha256()
    for path in sorted(paths.DBT_PROJECT_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".sql", ".yml", ".csv", ".md"):
            if "target" in path.parts or "logs" in path.parts or path.name.startswith("."):
                continue
            digest.update(str(path.relative_to(paths.DBT_PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _generate_docs(env: dict, target: Path, work: Path, dbt_vars: dict) -> str:
    """`dbt docs generate --static` when the project changed since the last docs; else reuse.

    Returns a Dutch line for the build message. A docs failure never blocks the publish.
    """
    fingerprint = _project_fingerprint()
    stamp = paths.docs_path().with_suffix(".versie")
    if paths.docs_path().exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return "documentatie ongewijzigd"
    command = [
        *_dbt_command(), "docs", "generate", "--static",
        "--project-dir", str(paths.DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(work / "logs"),
        "--vars", json.dumps(dbt_vars),  # the build's vars: the parse stays reusable
    ]
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    page = target / "static_index.html"
    if completed.returncode != 0 or not page.exists():
        (work / "dbt-docs.log").write_text(completed.stdout + completed.stderr)
        return "documentatie niet bijgewerkt (zie build/dbt-docs.log)"
    paths.docs_path().parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.docs_path().with_suffix(".part")
    shutil.copyfile(page, tmp)
    os.replace(tmp, paths.docs_path())
    stamp.write_text(fingerprint)
    return "documentatie bijgewerkt"


# dbt's record of the build that made the published warehouse, kept next to it so a snapshot
# (warehouse/snapshot.py) freezes the manifest and run results of exactly that build. Copied
# before `dbt docs generate`, which rewrites both files in the same target folder.
DBT_ARTIFACTS = ("manifest.json", "run_results.json")


def published_dbt_artifact(name: str) -> Path:
    """``$VTH_DATA_DIR/vth.manifest.json`` / ``vth.run_results.json``."""
    return paths.warehouse_path().with_name(f"vth.{name}")


def _keep_dbt_artifacts(target: Path, new_file: Path) -> None:
    """Copy dbt build's artifacts next to the new warehouse file (published with it)."""
    for name in DBT_ARTIFACTS:
        shutil.copyfile(target / name, new_file.with_name(f"{new_file.name}.{name}"))


def _publish_dbt_artifacts(new_file: Path) -> None:
    """Move the kept artifacts next to the just-published warehouse (still under the lock, so
    a snapshot never sees a warehouse with another build's artifacts)."""
    for name in DBT_ARTIFACTS:
        os.replace(new_file.with_name(f"{new_file.name}.{name}"), published_dbt_artifact(name))


def _reviews_bijwerken() -> str:
    """A publish that changes a party's figures of a year under review resets its mark to
    "opnieuw bekijken" (warehouse/reviews.py). Never fails the publish: the warehouse is out."""
    from warehouse import reviews  # reviews reads snapshots, which import this module

    try:
        teruggezet = reviews.na_publicatie()
    except Exception:  # noqa: BLE001 - the publish stands; the log says what went wrong
        _LOG.exception("updating the review rounds after the publish failed")
        return "; reviewrondes niet bijgewerkt (zie het serverlogboek)"
    if not teruggezet:
        return ""
    wie = ", ".join(f"{code} {jaar}" for jaar, code, _ in teruggezet)
    return f"; opnieuw te bekijken door gewijzigde cijfers: {wie}"


def _publish(new_file: Path) -> None:
    target = paths.warehouse_path()
    os.replace(new_file, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class _BuildFailed(Exception):
    """A build step failed; ``reason`` is the Dutch explanation, ``failures`` dbt's nodes."""

    def __init__(self, reason: str, failures: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.failures = failures or []


def _dbt_arguments(
    command: str, work: Path, target: Path, dbt_vars: dict, logs: str = "logs"
) -> list[str]:
    return [
        *_dbt_command(), command,
        "--project-dir", str(paths.DBT_PROJECT_DIR),
        "--vars", json.dumps(dbt_vars),
        "--log-path", str(work / logs),
        "--target-path", str(target),
    ]


def _dbt_failed(completed: subprocess.CompletedProcess, target: Path, log: Path) -> _BuildFailed:
    if DUCKDB_LOCK in completed.stdout + completed.stderr:
        # another process took the landing between our check and dbt's attach
        raise landing_busy(completed.stdout + completed.stderr)
    failures = _failures(target)
    output = (completed.stdout + completed.stderr).strip().splitlines()
    errors = [line.strip() for line in output if "Error" in line or "error" in line]
    reason = "; ".join(failures[:3]) or " ".join(errors[:3]) or "dbt gaf geen uitvoer"
    return _BuildFailed(f"{reason} (details: {log})", failures)


def _run_dbt(command: list[str], env: dict, target: Path, log: Path) -> float:
    """Run dbt; its output goes to ``log``. Returns seconds; raises _BuildFailed on failure."""
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    log.write_text(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        raise _dbt_failed(completed, target, log)
    return seconds


def _landing_types() -> str:
    """The landing tables' column types: with the project, they fix a build's column types."""
    con = duckdb.connect(str(paths.landing_path()), read_only=True)
    try:
        rows = con.sql(
            "select table_schema, table_name, column_name, data_type "
            "from information_schema.columns order by all"
        ).fetchall()
    finally:
        con.close()
    return json.dumps(rows)


class _Reference:
    """The column types of a DuckDB build of this project: an empty DuckDB build (dbt --empty).

    A PostgreSQL build publishes with exactly these types. Types follow from the SQL, the seeds
    and the landing's column types, never from the rows, so the file is kept in build/ and
    reused while the project and the landing schema stay the same. It is built next to the
    PostgreSQL dbt run (a second process), so it costs little wall time.
    """

    def __init__(self, work: Path, env: dict, dbt_vars: dict) -> None:
        versions = f"duckdb {duckdb.__version__}"
        key = hashlib.sha256(
            (_project_fingerprint() + _landing_types() + versions).encode()
        ).hexdigest()[:16]
        self.path = work / f"referentie-{key}.duckdb"
        self.target = work / "dbt-referentie-target"
        self.log = work / "dbt-referentie.log"
        self.process: subprocess.Popen | None = None
        if self.path.exists():
            return
        for stale in work.glob("referentie-*.duckdb*"):
            stale.unlink()
        self.building = work / f"referentie-{key}.bouw.duckdb"
        command = [
            # its own log folder: it runs at the same time as the PostgreSQL dbt run
            *_dbt_arguments("build", work, self.target, dbt_vars, logs="logs-referentie"),
            "--empty", "--exclude-resource-type", "test", "unit_test",
        ]
        self.handle = open(self.log, "w")  # closed in wait() or stop()
        self.process = subprocess.Popen(
            command, env={**env, "VTH_BUILD_PATH": str(self.building)},
            stdout=self.handle, stderr=subprocess.STDOUT, text=True,
        )

    def wait(self) -> Path:
        if self.process is not None:
            code = self.process.wait()
            self.handle.close()
            self.process = None
            if code != 0:
                failures = _failures(self.target)
                reason = "; ".join(failures[:3]) or "dbt --empty mislukt"
                raise _BuildFailed(
                    f"de DuckDB-referentie (kolomtypen) kon niet worden gebouwd: {reason} "
                    f"(details: {self.log})",
                    failures,
                )
            _checkpointed(self.building, check=False)
            os.replace(self.building, self.path)
        return self.path

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            self.handle.close()
            self.process = None
            for leftover in self.path.parent.glob(self.building.name + "*"):
                leftover.unlink()


def _build_on_duckdb(
    env: dict, dbt_vars: dict, work: Path, stages: dict, selectie: str | None = None
) -> None:
    target = work / "dbt-target"
    command = _dbt_arguments("build", work, target, dbt_vars)
    if selectie:  # only these models and what they need, no tests (warehouse/voorbeeld.py)
        command += ["--select", selectie, "--exclude-resource-type", "test", "unit_test"]
    else:
        command += PRODUCTION_ONLY
    stages["dbt"] = _run_dbt(command, env, target, work / "dbt-build.log")


def _build_on_postgres(
    env: dict, dbt_vars: dict, work: Path, new_file: Path, stages: dict
) -> tuple[dict, str]:
    """Landing into PostgreSQL, dbt build there, published tables back into ``new_file``.

    Returns the env for the docs (the DuckDB reference, so the docs show the published types)
    and a description of the server for the build message.
    """
    try:
        server = postgres.connection_settings()
        with closing(postgres.connect(server)) as pg:
            # The reference only reads the landing file, so it runs beside the copy and dbt.
            reference = _Reference(work, env, dbt_vars)
            try:
                started = time.perf_counter()
                postgres.copy_landing(paths.landing_path(), pg, work)
                stages["landing"] = time.perf_counter() - started
                target = work / "dbt-target"
                command = [
                    *_dbt_arguments("build", work, target, dbt_vars), *PRODUCTION_ONLY,
                    "--target", "postgres",
                ]
                stages["dbt"] = _run_dbt(
                    command, {**env, **server.env()}, target, work / "dbt-build.log"
                )
                started = time.perf_counter()
                reference_file = reference.wait()
                stages["referentie"] = time.perf_counter() - started
            finally:
                reference.stop()
            started = time.perf_counter()
            postgres.publish_tables(pg, reference_file, new_file, work)
            stages["publicatie"] = time.perf_counter() - started
    except postgres.PostgresError as exc:
        raise _BuildFailed(f"PostgreSQL: {exc}") from None
    except psycopg2.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise _BuildFailed(f"PostgreSQL ({server.describe()}): {first}") from None
    docs_env = {**env, "VTH_BUILD_PATH": str(reference_file)}
    return docs_env, server.describe()


def build(
    peildatum: date | None = None,
    lock_wait: float | None = None,
    docs: bool | None = None,
    target: str | None = None,
    selectie: str | None = None,
) -> BuildResult:
    """Build and publish under the data directory's lock (``build_locked``)."""
    with lock.exclusive("een build (python -m warehouse build)", lock_wait):
        return build_locked(peildatum, lock_wait, docs, target, selectie)


def build_locked(
    peildatum: date | None = None,
    lock_wait: float | None = None,
    docs: bool | None = None,
    target: str | None = None,
    selectie: str | None = None,
) -> BuildResult:
    """Build and publish, for a caller that holds the data directory's lock already.

    ``selectie`` (a dbt selector) runs only those models and what they need, without tests, on
    DuckDB: for the indicator preview's scratch data directory (warehouse/voorbeeld.py), never
    for the real one (a published warehouse always passed every test).

    ``docs`` (default: env VTH_DOCS, on) also refreshes the dbt docs. ``target`` is where dbt
    runs: ``duckdb`` (a new DuckDB file) or ``postgres`` (the server of the PG* variables; the
    published file is DuckDB either way, see warehouse/postgres.py). Default: env
    VTH_BUILD_TARGET, else duckdb, so the dashboard's rebuild of an installation on PostgreSQL
    also builds there.
    """
    target = target or os.environ.get("VTH_BUILD_TARGET") or "duckdb"
    if target not in TARGETS:
        raise ValueError(f"onbekend doel {target!r}; kies uit {', '.join(TARGETS)}")
    peildatum = peildatum or date.today()
    if docs is None:
        docs = os.environ.get("VTH_DOCS", "1") != "0"
    started = time.perf_counter()
    stages: dict[str, float] = {}
    # an empty landing database on a fresh install; waited for while another process holds it
    open_landing(lock.wait_seconds(lock_wait)).close()
    work = build_dir()
    for stale in work.glob("vth-*.duckdb*"):
        stale.unlink()
    # One fixed name (the caller holds the lock): dbt's partial parsing keeps its parse only
    # while the profile (this path) and the --vars stay the same (docs/performance.md).
    new_file = work / "vth-nieuw.duckdb"
    env = {
        **os.environ,
        "VTH_BUILD_PATH": str(new_file),
        "VTH_LANDING_PATH": str(paths.landing_path()),
        "DBT_PROFILES_DIR": str(paths.DBT_PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        # An env var, not a --var: a changed var makes dbt parse the whole project again, a
        # changed env var only the one model that reads it (audit.publicatie). dbt writes
        # DBT_ENV_CUSTOM_ENV_* into its artifacts' metadata.env, which ties the kept manifest
        # and run results to this build (warehouse/snapshot.py).
        GEBOUWD_OP_ENV: now().isoformat(sep=" "),
    }
    dbt_vars = {
        "peildatum": peildatum.isoformat(),
        # the years the kerngroep closed early (marts.afrekening); changes seldom, so the
        # parse stays reusable between builds
        "afgesloten_jaren": jaarafsluiting.afgesloten_jaren(),
    }
    source = ""
    try:
        if target == "postgres":
            docs_env, server = _build_on_postgres(env, dbt_vars, work, new_file, stages)
            source = f" uit PostgreSQL {server}"
        else:
            _build_on_duckdb(env, dbt_vars, work, stages, selectie)
            docs_env = env
    except LockBusy:
        for leftover in work.glob(new_file.name + "*"):
            leftover.unlink()
        raise
    except _BuildFailed as failed:
        for leftover in work.glob(new_file.name + "*"):
            leftover.unlink()
        return BuildResult(
            False,
            peildatum,
            time.perf_counter() - started,
            f"Build mislukt, het vorige warehouse blijft gepubliceerd: {failed.reason}",
            failed.failures,
            stages.get("dbt", 0.0),
            stages,
        )
    _keep_dbt_artifacts(work / "dbt-target", new_file)
    docs_note = (
        _generate_docs(docs_env, work / "dbt-target", work, dbt_vars)
        if docs else "documentatie overgeslagen"
    )
    _checkpointed(new_file)
    _publish(new_file)
    _publish_dbt_artifacts(new_file)
    review_note = _reviews_bijwerken()
    seconds = time.perf_counter() - started
    return BuildResult(
        True,
        peildatum,
        seconds,
        f"Warehouse gepubliceerd{source}: {paths.warehouse_path()} "
        f"(peildatum {fmt.date(peildatum)}, {fmt.seconds(seconds)} s; {docs_note}{review_note})",
        dbt_seconds=stages.get("dbt", 0.0),
        stage_seconds=stages,
    )
