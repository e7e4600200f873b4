"""Citable snapshots of the published warehouse (data contract v2, "citable snapshot").

``python -m warehouse snapshot`` freezes ``$VTH_DATA_DIR/vth.duckdb`` into
``$VTH_DATA_DIR/snapshots/<id>/``::

    data/<schema>.<table>.parquet   one file per published table, rows in a fixed order
    datapackage.json                Frictionless Data Package: what, when, which build, per file
                                    path, sha256, bytes, rows and schema
    manifest.json, run_results.json dbt's record of the build that made the published file
    SHA256SUMS                      ``sha256sum -c`` format over every other file

Decisions (see docs in README, "Where the data lives"):

- **Published tables** are every table and view in every schema of the warehouse except the
  build's internal ones (``INTERNAL_SCHEMAS``: dbt's staging, intermediate and seed layers);
  today that is ``marts`` and ``audit``, the schemas the data contract publishes. A schema a
  later model adds is published unless it is named here.
- **Same data, same bytes**: rows are sorted by every column (ascending, NULLs first) and written
  by DuckDB's Parquet writer with fixed options on ONE thread (DuckDB's ROW_GROUP_SIZE is a
  minimum; with more threads the row-group boundaries could depend on scheduling). The writer's
  ``created_by`` holds only its version (no time stamp). HUGEINT columns are written as
  DECIMAL(38,0) (DuckDB writes HUGEINT as a lossy DOUBLE); the reader casts every column back
  to the type recorded in ``datapackage.json``.
- **The id is the data, not the build**: ``<id>`` is the first 12 hex digits of the sha256 of
  the ``data/`` lines of ``SHA256SUMS`` (reproduce: ``grep '  data/' SHA256SUMS | sha256sum``).
  ``datapackage.json`` (it holds ``created``) and the dbt artifacts (their own time stamps and
  invocation id) change with every build and snapshot, so they are checked by ``SHA256SUMS``
  and ``--verify`` but are not part of the id. The build's clock time
  (``audit.publicatie.gebouwd_op``, ``BUILD_COLUMNS``) is kept out of the Parquet for the same
  reason: it lives in ``datapackage.json`` and the reader puts it back as a column. So two
  builds of the same deliveries with the same peildatum give the same id; a different
  peildatum, load history or any published value gives another. The first snapshot of some
  data keeps its build's time and artifacts; a later one says it already exists.
- The id also depends on the Parquet writer (the pinned duckdb): an upgrade may write other
  bytes for the same data, so re-freezing after one can give a new id. Existing snapshots keep
  theirs and stay readable.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from core import fmt, lock, paths
from core.clock import now_aware
from warehouse.build import DBT_ARTIFACTS, published_dbt_artifact

# dbt's own layers: built into the same file but not published (their content reaches the
# published schemas through the marts). dbt's store-failures schemas end in "dbt_test__audit".
INTERNAL_SCHEMAS = frozenset(
    {"main", "staging", "intermediate", "seeds", "information_schema", "pg_catalog"}
)
# Columns that describe the build run rather than the data (one-row tables only).
BUILD_COLUMNS = {("audit", "publicatie"): ("gebouwd_op",)}

# Fixed Parquet writer options (same data -> same bytes with the pinned duckdb).
PARQUET_OPTIONS = (
    "format parquet, compression zstd, compression_level 3, "
    "row_group_size 122880, parquet_version v1"
)
ID_LENGTH = 12
ID_PATTERN = re.compile(rf"^[0-9a-f]{{{ID_LENGTH}}}$")
SUMS = "SHA256SUMS"
PACKAGE = "datapackage.json"
DATA_DIR = "data"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Types as information_schema spells them; anything else (STRUCT field names, ENUM labels) is
# refused rather than pasted into SQL.
_TYPE = re.compile(r"^[A-Z][A-Z0-9_ ]*(\(\d+(, ?\d+)?\))?(\[\d*\])*$")
_STALE_TEMP_SECONDS = 3600
_INTEGER_TYPES = frozenset(
    "TINYINT SMALLINT INTEGER BIGINT HUGEINT UTINYINT USMALLINT UINTEGER UBIGINT UHUGEINT".split()
)


class SnapshotError(RuntimeError):
    """A snapshot cannot be made or opened; the message is Dutch and names the reason."""


@dataclass(frozen=True)
class Table:
    schema: str
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type) in table order

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.qualified}.parquet"


@dataclass(frozen=True)
class SnapshotResult:
    id: str
    path: Path
    new: bool
    peildatum: date
    tables: int
    bytes: int
    seconds: float

    @property
    def citation(self) -> str:
        return citation(self.id, self.peildatum)


@dataclass(frozen=True)
class SnapshotInfo:
    id: str
    path: Path
    created: datetime | None
    peildatum: date | None
    bytes: int
    tables: int


# --- paths and formats --------------------------------------------------------------------


def snapshots_dir(create: bool = False) -> Path:
    """``$VTH_DATA_DIR/snapshots``; created (mode 0700) only when a snapshot is written."""
    path = paths.data_dir() / "snapshots"
    if create:
        path.mkdir(mode=0o700, exist_ok=True)
        os.chmod(path, 0o700)  # snapshots may hold detail rows: owner only, whatever the umask
    return path


def snapshot_path(snapshot_id: str) -> Path:
    """The folder of an existing snapshot; the id is checked first (it may come from a URL)."""
    if not isinstance(snapshot_id, str) or not ID_PATTERN.match(snapshot_id):
        raise SnapshotError(
            f"'{snapshot_id}' is geen geldige momentopname-id ({ID_LENGTH} tekens 0-9, a-f)."
        )
    path = snapshots_dir() / snapshot_id
    if not (path / SUMS).is_file():
        raise SnapshotError(f"Momentopname {snapshot_id} bestaat niet.")
    return path


def citation(snapshot_id: str, peildatum: date) -> str:
    """The line an export or report carries to cite a figure."""
    return f"VTH-monitor Twente, momentopname {snapshot_id}, peildatum {fmt.date(peildatum)}"


def _size_nl(count: int) -> str:
    if count < 1_000_000:
        return f"{count / 1000:.0f} kB"
    return fmt.megabytes(count, 1, mb=1_000_000)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def frictionless_type(duckdb_type: str) -> str:
    """The Table Schema type of a DuckDB column type."""
    base = duckdb_type.split("(")[0].strip().upper()
    if base.endswith("]"):
        return "array"
    if base in _INTEGER_TYPES:
        return "integer"
    if base in {"FLOAT", "DOUBLE", "DECIMAL", "REAL"}:
        return "number"
    if base in {"VARCHAR", "UUID"}:
        return "string"
    if base == "BOOLEAN":
        return "boolean"
    if base == "DATE":
        return "date"
    if base.startswith("TIMESTAMP"):
        return "datetime"
    if base.startswith("TIME"):
        return "time"
    if base == "INTERVAL":
        return "duration"
    if base in {"STRUCT", "MAP"}:
        return "object"
    return "any"


# --- discovering and writing the published tables -----------------------------------------


def _is_published(schema: str) -> bool:
    return schema not in INTERNAL_SCHEMAS and not schema.endswith("dbt_test__audit")


def published_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[Table]:
    """Every published table of ``catalog``, sorted by schema and name, with its columns."""
    rows = con.execute(
        """
        select table_schema, table_name, column_name, data_type
        from information_schema.columns
        where table_catalog = $catalog
        order by table_schema, table_name, ordinal_position
        """,
        {"catalog": catalog},
    ).fetchall()
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in rows:
        if _is_published(schema):
            columns.setdefault((schema, table), []).append((column, data_type))
    tables = []
    for (schema, name), cols in columns.items():
        if not (_NAME.match(schema) and _NAME.match(name)):
            # A name outside [a-z0-9_] cannot become a safe file name; refuse, never skip.
            raise SnapshotError(
                f"Tabelnaam {schema}.{name} is niet geschikt voor een bestandsnaam."
            )
        tables.append(Table(schema, name, tuple(cols)))
    return tables


def _write_table(con: duckdb.DuckDBPyConnection, table: Table, target: Path) -> dict[str, Any]:
    """Write one table's Parquet and return its resource (without hash/bytes yet)."""
    skip = BUILD_COLUMNS.get((table.schema, table.name), ())
    source = f"vth.{_quote(table.schema)}.{_quote(table.name)}"
    build_columns = []
    if any(name in skip for name, _ in table.columns):
        values = con.execute(
            f"select {', '.join(f'cast({_quote(n)} as varchar)' for n in skip)} from {source}"
        ).fetchall()
        if len(values) != 1:
            raise SnapshotError(
                f"{table.qualified} heeft {len(values)} rijen; bouwkolommen kunnen alleen in een "
                "tabel met één rij."
            )
        for position, (name, data_type) in enumerate(table.columns):
            if name in skip:
                value = values[0][skip.index(name)]
                build_columns.append(
                    {"name": name, "duckdb_type": data_type, "position": position, "value": value}
                )
    kept = [(name, data_type) for name, data_type in table.columns if name not in skip]
    if not kept:
        raise SnapshotError(f"{table.qualified} heeft geen kolommen om te bewaren.")
    select = ", ".join(
        f"cast({_quote(n)} as decimal(38, 0)) as {_quote(n)}"
        if t.upper() in ("HUGEINT", "UHUGEINT")
        else _quote(n)
        for n, t in kept
    )
    order = ", ".join(f"{i} asc nulls first" for i in range(1, len(kept) + 1))
    con.execute(
        f"copy (select {select} from {source} order by {order}) "
        f"to {_literal(str(target))} ({PARQUET_OPTIONS})"
    )
    rows = con.execute(
        f"select num_rows from parquet_file_metadata({_literal(str(target))})"
    ).fetchone()[0]
    resource: dict[str, Any] = {
        "name": table.qualified,
        "path": table.path,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "rows": int(rows),
        "schema": {
            "fields": [{"name": n, "type": frictionless_type(t), "duckdb_type": t} for n, t in kept]
        },
    }
    if build_columns:
        resource["build_columns"] = build_columns
    return resource


def _check_artifacts(run_results: Path, gebouwd_op: datetime | None) -> None:
    """The kept dbt artifacts must come from the build that made the published warehouse: its
    ``gebouwd_op`` var equals ``audit.publicatie.gebouwd_op``."""
    try:
        variables = json.loads(run_results.read_text()).get("args", {}).get("vars", {})
        if isinstance(variables, str):
            variables = json.loads(variables)
        built = datetime.fromisoformat(str(variables["gebouwd_op"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        built = None
    manifest = run_results.with_name("manifest.json")
    if gebouwd_op is None or built != gebouwd_op or not manifest.is_file():
        raise SnapshotError(
            "De dbt-gegevens (manifest, run results) bij het gepubliceerde warehouse ontbreken "
            "of horen bij een andere build; bouw opnieuw (python -m warehouse build)."
        )


def _remove_stale_temps(root: Path) -> None:
    for stale in root.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > _STALE_TEMP_SECONDS:
                shutil.rmtree(stale)


def _sums_lines(folder: Path) -> list[str]:
    files = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != SUMS
    )
    return [f"{_sha256(folder / name)}  {name}\n" for name in files]


def snapshot_id_from_sums(lines: list[str]) -> str:
    """The id: first 12 hex digits of the sha256 of the ``data/`` lines of SHA256SUMS."""
    data = "".join(line for line in lines if line.split("  ", 1)[-1].startswith(f"{DATA_DIR}/"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:ID_LENGTH]


def _project_version() -> str:
    text = (paths.DBT_PROJECT_DIR / "dbt_project.yml").read_text()
    found = re.search(r'^version:\s*"?([^"\s]+)"?', text, re.MULTILINE)
    return found.group(1) if found else "onbekend"


def create_snapshot(lock_wait: float | None = None) -> SnapshotResult:
    """Freeze the published warehouse; an existing snapshot of the same data is reused."""
    started = time.perf_counter()
    warehouse = paths.warehouse_path()
    if not warehouse.is_file():
        raise SnapshotError(
            "Er is nog geen gepubliceerd warehouse; bouw eerst (python -m warehouse build)."
        )
    root = snapshots_dir(create=True)
    _remove_stale_temps(root)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))  # mode 0700, same file system
    try:
        (work / DATA_DIR).mkdir(mode=0o700)
        # A fresh in-memory instance (not the process-wide cache, so SET threads cannot leak
        # into a dashboard's connections) with the warehouse attached read-only.
        con = duckdb.connect(":memory:", config={"threads": 1})
        con.execute("set enable_progress_bar = false")  # no bar on the command's stdout
        try:
            # Under the data directory's lock the warehouse and its dbt artifacts belong to the
            # same build; once attached, DuckDB keeps reading this file even if a build
            # publishes a new one meanwhile.
            with lock.exclusive("een momentopname (python -m warehouse snapshot)", lock_wait):
                con.execute(f"attach {_literal(str(warehouse))} as vth (read_only)")
                for name in DBT_ARTIFACTS:
                    source = published_dbt_artifact(name)
                    if source.is_file():
                        shutil.copyfile(source, work / name)
            try:
                gebouwd_op, peildatum, data_tot = con.execute(
                    "select gebouwd_op, peildatum, data_tot from vth.audit.publicatie"
                ).fetchone()
            except (duckdb.Error, TypeError):
                raise SnapshotError(
                    "audit.publicatie ontbreekt of is leeg; bouw opnieuw (python -m warehouse "
                    "build)."
                ) from None
            _check_artifacts(work / "run_results.json", gebouwd_op)
            tables = published_tables(con, "vth")
            resources = [_write_table(con, table, work / table.path) for table in tables]
        finally:
            con.close()

        for resource in resources:
            path = work / resource["path"]
            resource["hash"] = f"sha256:{_sha256(path)}"
            resource["bytes"] = path.stat().st_size
        data_lines = [
            f"{resource['hash'].removeprefix('sha256:')}  {resource['path']}\n"
            for resource in sorted(resources, key=lambda r: r["path"])
        ]
        snapshot_id = snapshot_id_from_sums(data_lines)
        final = root / snapshot_id
        if final.exists():
            return _existing(final, snapshot_id, peildatum, started)

        manifest = json.loads((work / "manifest.json").read_text())
        package = {
            "name": f"vth-monitor-twente-{snapshot_id}",
            "title": f"VTH-monitor Twente, momentopname {snapshot_id}",
            "id": snapshot_id,
            "created": now_aware().isoformat(),
            "peildatum": peildatum.isoformat(),
            "gebouwd_op": gebouwd_op.isoformat(sep=" "),
            "data_tot": data_tot.isoformat(sep=" ") if data_tot else None,
            "dbt_version": manifest.get("metadata", {}).get("dbt_version"),
            "project_version": _project_version(),
            "duckdb_version": duckdb.__version__,
            "citation": citation(snapshot_id, peildatum),
            "id_rule": "sha256 of the data/ lines of SHA256SUMS, first 12 hex digits",
            "resources": resources,
        }
        _check_descriptor(package)
        (work / PACKAGE).write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        lines = _sums_lines(work)
        (work / SUMS).write_text("".join(lines), encoding="utf-8")
        for path in work.rglob("*"):
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
            if path.is_file():  # on disk before the rename makes the snapshot visible
                handle = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(handle)
                finally:
                    os.close(handle)
        try:
            os.rename(work, final)  # atomic; fails when the same id appeared meanwhile
        except OSError:
            if final.exists():
                return _existing(final, snapshot_id, peildatum, started)
            raise
        directory = os.open(root, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return SnapshotResult(
            snapshot_id,
            final,
            True,
            peildatum,
            len(resources),
            _folder_bytes(final),
            time.perf_counter() - started,
        )
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _existing(final: Path, snapshot_id: str, peildatum: date, started: float) -> SnapshotResult:
    tables = len(json.loads((final / PACKAGE).read_text()).get("resources", []))
    return SnapshotResult(
        snapshot_id,
        final,
        False,
        peildatum,
        tables,
        _folder_bytes(final),
        time.perf_counter() - started,
    )


def _check_descriptor(package: dict[str, Any]) -> None:
    """The descriptor must be a valid Frictionless Data Package (metadata only; the tests also
    validate the data against it)."""
    from frictionless import Package  # 0.8 s import: only when a snapshot is written

    report = Package.validate_descriptor(package)
    if not report.valid:
        notes = "; ".join(error.message for error in report.errors[:3])
        raise SnapshotError(f"datapackage.json is ongeldig: {notes}")


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# --- verifying and listing ----------------------------------------------------------------


def verify_snapshot(snapshot_id: str) -> list[str]:
    """Recompute every hash. Returns one Dutch line per problem, naming the file; [] = intact."""
    folder = snapshot_path(snapshot_id)
    problems = []
    listed: dict[str, str] = {}
    for number, line in enumerate((folder / SUMS).read_text("utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not name:
            problems.append(f"{SUMS}: regel {number} is onleesbaar")
            continue
        listed[name] = digest
    for name, digest in listed.items():
        path = folder / name
        if ".." in Path(name).parts or not path.is_file():
            problems.append(f"{name}: ontbreekt")
        elif _sha256(path) != digest:
            problems.append(f"{name}: gewijzigd (sha256 klopt niet meer)")
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != SUMS and name not in listed:
            problems.append(f"{name}: extra bestand, niet in {SUMS}")
    data_lines = [f"{listed[n]}  {n}\n" for n in sorted(listed) if n.startswith(f"{DATA_DIR}/")]
    if snapshot_id_from_sums(data_lines) != snapshot_id:
        problems.append(f"{SUMS}: de data-regels passen niet bij id {snapshot_id}")
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        for resource in json.loads((folder / PACKAGE).read_text("utf-8"))["resources"]:
            if f"sha256:{listed.get(resource['path'])}" != resource["hash"]:
                problems.append(f"{PACKAGE}: sha256 van {resource['path']} wijkt af van {SUMS}")
    return problems


def list_snapshots() -> list[SnapshotInfo]:
    """Every snapshot, newest first."""
    found = []
    root = snapshots_dir()
    for folder in root.iterdir() if root.is_dir() else ():
        if not (folder.is_dir() and ID_PATTERN.match(folder.name)):
            continue
        created = peildatum = None
        tables = 0
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            package = json.loads((folder / PACKAGE).read_text("utf-8"))
            created = datetime.fromisoformat(package["created"])
            peildatum = date.fromisoformat(package["peildatum"])
            tables = len(package["resources"])
        found.append(
            SnapshotInfo(folder.name, folder, created, peildatum, _folder_bytes(folder), tables)
        )
    return sorted(found, key=lambda s: (s.created is None, s.created or 0, s.id), reverse=True)


# --- reading a snapshot as the warehouse --------------------------------------------------


def snapshot_package(snapshot_id: str) -> dict[str, Any]:
    return json.loads((snapshot_path(snapshot_id) / PACKAGE).read_text("utf-8"))


def attach_snapshot(
    con: duckdb.DuckDBPyConnection, snapshot_id: str, *, materialise: bool = False
) -> None:
    """Create ``<schema>.<table>`` for every table of the snapshot in ``con``'s current
    database, with the warehouse's column names, order and types: views over the Parquet files
    (``materialise=True``: tables, for a connection that then switches off file access)."""
    folder = snapshot_path(snapshot_id)
    package = snapshot_package(snapshot_id)
    for resource in package["resources"]:
        schema, _, name = str(resource["name"]).partition(".")
        if not (_NAME.match(schema) and _NAME.match(name)):
            raise SnapshotError(f"Momentopname {snapshot_id}: ongeldige tabelnaam.")
        file = folder / DATA_DIR / f"{schema}.{name}.parquet"  # built here, never read
        columns = [_cast(_quote(field["name"]), field) for field in resource["schema"]["fields"]]
        # Build columns go back in their place, in ascending position (data_tot etc. shift).
        for column in sorted(resource.get("build_columns", []), key=lambda c: c["position"]):
            value = column["value"]
            expression = "null" if value is None else _literal(str(value))
            columns.insert(int(column["position"]), _cast(expression, column))
        select = ", ".join(columns)
        kind = "table" if materialise else "view"
        con.execute(f"create schema if not exists {_quote(schema)}")
        con.execute(
            f"create {kind} {_quote(schema)}.{_quote(name)} as "
            f"select {select} from read_parquet({_literal(str(file))})"
        )


def _cast(expression: str, field: dict[str, Any]) -> str:
    data_type = str(field["duckdb_type"])
    if not _TYPE.match(data_type):
        raise SnapshotError(f"Onbekend kolomtype in momentopname: {data_type[:40]}")
    return f"cast({expression} as {data_type}) as {_quote(str(field['name']))}"


def open_snapshot(
    snapshot_id: str, *, materialise: bool = False, verify: bool = False
) -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB whose ``marts.*``/``audit.*`` are the snapshot's tables, so the
    same SQL reads a snapshot exactly as it reads the warehouse. ``verify`` checks every hash
    first (SnapshotError naming the files when anything changed)."""
    if verify:
        problems = verify_snapshot(snapshot_id)
        if problems:
            raise SnapshotError(f"Momentopname {snapshot_id} is gewijzigd: " + "; ".join(problems))
    con = duckdb.connect(":memory:")
    try:
        attach_snapshot(con, snapshot_id, materialise=materialise)
    except BaseException:
        con.close()
        raise
    return con


# --- command line -------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--verify", metavar="ID", help="controleer alle hashes van een momentopname")
    group.add_argument("--list", action="store_true", help="toon alle momentopnamen")


def main(args: argparse.Namespace) -> int:
    """``python -m warehouse snapshot [--verify ID | --list]``; exit 0 ok, 1 changed or failed,
    2 unknown id, 3 data directory busy."""
    if args.verify:
        try:
            problems = verify_snapshot(args.verify)
        except SnapshotError as exc:
            print(f"Fout: {exc}", file=sys.stderr)
            return 2
        for problem in problems:
            print(f"Afwijking: {problem}", file=sys.stderr)
        if problems:
            print(f"Momentopname {args.verify} is NIET intact.", file=sys.stderr)
            return 1
        print(f"Momentopname {args.verify} is intact: alle hashes kloppen.")
        return 0
    if args.list:
        snapshots = list_snapshots()
        if not snapshots:
            print("Nog geen momentopnamen.")
            return 0
        print(f"{'id':<12}  {'gemaakt':<16}  {'peildatum':<10}  {'grootte':>9}  tabellen")
        for item in snapshots:
            created = fmt.date_time(item.created) if item.created else "onleesbaar"
            peildatum = fmt.date(item.peildatum) if item.peildatum else "?"
            print(
                f"{item.id:<12}  {created:<16}  {peildatum:<10}  {_size_nl(item.bytes):>9}  "
                f"{item.tables}"
            )
        return 0
    try:
        result = create_snapshot()
    except lock.LockBusy as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 3
    except SnapshotError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    if result.new:
        print(
            f"Momentopname {result.id} gemaakt: {result.path} ({result.tables} tabellen, "
            f"{_size_nl(result.bytes)}, {fmt.seconds(result.seconds)} s)"
        )
    else:
        print(f"Momentopname {result.id} bestaat al (zelfde gegevens): {result.path}")
    print(f"Citeer als: {result.citation}")
    return 0
