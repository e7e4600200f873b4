"""The server-class warehouse: landing rows into PostgreSQL, published tables back into DuckDB.

``python -m warehouse build --target postgres`` (data contract v2, "server-class warehouse")
runs the same dbt project on PostgreSQL. This module does the two copies around that dbt run:

1. :func:`copy_landing`: every table of ``landing.duckdb`` (schemas ``bron`` and ``audit``)
   into the PostgreSQL schemas of :data:`LANDING_SCHEMAS`, with PostgreSQL's ``COPY ... FROM
   STDIN`` (CSV written by DuckDB; DuckDB's postgres extension is not available offline).
2. :func:`publish_tables`: every table a DuckDB build publishes, read from PostgreSQL with
   ``COPY ... TO STDOUT`` into a new DuckDB file with the column types of a DuckDB build of the
   same project (the *reference*: an empty DuckDB build, see warehouse/build.py). A value that
   would change on the way (a fraction into an integer column, a time into a date) stops the
   publish with the column named: the copy converts representations, never values.

The connection comes from the standard libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD and
PGDATABASE (PGSSLMODE and ~/.pgpass work as libpq defines them).
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg2
import psycopg2.extensions

# landing.duckdb schema -> PostgreSQL schema. PostgreSQL has one namespace per database, and
# the dbt project publishes an `audit` schema of its own, so the landing copy gets a prefix.
# Keep in step with dbt_project/models/staging/_sources.yml (target-aware source schemas).
LANDING_SCHEMAS = {"bron": "landing_bron", "audit": "landing_audit"}

# DuckDB type -> PostgreSQL type, for the landing copy and the casts of the publish.
_PG_TYPES = {
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric(38,0)",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric(20,0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "VARCHAR": "text",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
}
_DECIMAL = re.compile(r"DECIMAL\((\d+),(\d+)\)")

# Kinds of value: the publish converts within a kind, never across.
_NUMBER, _TEXT, _BOOL, _TIME = "getal", "tekst", "waar/onwaar", "datum/tijd"
_PG_KINDS = {
    "smallint": _NUMBER, "integer": _NUMBER, "bigint": _NUMBER, "numeric": _NUMBER,
    "real": _NUMBER, "double precision": _NUMBER,
    "text": _TEXT, "character varying": _TEXT, "character": _TEXT,
    "boolean": _BOOL,
    "date": _TIME, "timestamp": _TIME, "timestamp without time zone": _TIME,
}
# information_schema spells some types longer than the cast does.
_INFO_NAMES = {"timestamp": "timestamp without time zone"}


class PostgresError(RuntimeError):
    """The PostgreSQL path cannot go on; the message is one Dutch line."""


@dataclass(frozen=True)
class Connection:
    """Where the warehouse database lives (libpq's variables and defaults)."""

    host: str
    port: int
    user: str
    database: str
    password: str | None

    def describe(self) -> str:
        """For messages: never the password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def env(self) -> dict[str, str]:
        """The PG* variables for dbt's `postgres` output (dbt_project/profiles.yml)."""
        values = {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGUSER": self.user,
            "PGDATABASE": self.database,
        }
        if self.password is not None:
            values["PGPASSWORD"] = self.password
        return values


def connection_settings(environ: dict[str, str] | None = None) -> Connection:
    """Read PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE with libpq's defaults.

    libpq's default host is a Unix socket; dbt's profile needs a value, so an unset PGHOST is
    `localhost`. An unset password is left to libpq (~/.pgpass, PGPASSFILE).
    """
    environ = dict(os.environ if environ is None else environ)
    port_text = environ.get("PGPORT") or "5432"
    if not port_text.isdigit():
        raise PostgresError(f"PGPORT '{port_text}' is geen poortnummer")
    user = environ.get("PGUSER") or getpass.getuser()
    return Connection(
        host=environ.get("PGHOST") or "localhost",
        port=int(port_text),
        user=user,
        database=environ.get("PGDATABASE") or user,
        password=environ.get("PGPASSWORD") or None,
    )


def connect(settings: Connection) -> psycopg2.extensions.connection:
    """A connection with the session settings the CSV copies rely on."""
    arguments = {
        "host": settings.host, "port": settings.port, "user": settings.user,
        "dbname": settings.database, "connect_timeout": 10,
        "application_name": "vth-monitor build",
    }
    if settings.password is not None:
        arguments["password"] = settings.password
    try:
        connection = psycopg2.connect(**arguments)
    except psycopg2.OperationalError as exc:
        reason = (str(exc).strip().splitlines() or ["onbekende fout"])[-1]
        raise PostgresError(
            f"server niet bereikbaar ({settings.describe()}): {reason}"
        ) from None
    try:
        with connection.cursor() as cursor:
            # ISO dates and shortest exact float text: what DuckDB's CSV reader parses back
            # exactly.
            cursor.execute(
                "set datestyle = 'ISO, YMD'; set timezone = 'UTC'; set extra_float_digits = 1; "
                "set client_encoding = 'UTF8'"
            )
            _check_collation(cursor, settings)
        connection.commit()
    except BaseException:
        connection.close()
        raise
    return connection


# Collations that sort text by code point, as DuckDB does (UTF-8 byte order = code point order).
_BYTE_ORDER = {"c", "posix", "c.utf8", "c.utf-8"}
# Letters whose case DuckDB maps (Unicode) and a database with LC_CTYPE C does not (ASCII only):
# the models lower() names to recognise one typed in another column (macro verberg_namen) and
# upper() spreadsheet error values (macro publiceerbare_waarde). Not ß: DuckDB upper-cases it
# to ẞ, glibc keeps it; the error values the models match are ASCII either way.
_CASE_PROBE = "ÀÉÖÜİẞǄΣ àéöüıǆσς"


def _create_hint(database: str) -> str:
    return (
        f"maak de database met `createdb --lc-collate=C --lc-ctype=C.UTF-8 "
        f"--template=template0 {database}`"
    )


def _check_collation(cursor, settings: Connection) -> None:
    """Refuse a database whose text rules differ from DuckDB's.

    Order: min/max of text, `order by` in window functions and string_agg, and text comparisons
    follow the database's collation; with a language collation (nl_NL, ICU) PostgreSQL would
    publish other values than a DuckDB build of the same deliveries. Case: lower() and upper()
    follow LC_CTYPE; with C they change ASCII letters only, so 'ÖZDEMIR' would not be
    recognised as the name 'Özdemir' and a name could be published. Checked on the server's
    own answers, compared with DuckDB's.
    """
    # to_jsonb: the provider column exists from PostgreSQL 15, the ICU locale column is named
    # daticulocale in 15-16 and datlocale from 17.
    cursor.execute(
        "select coalesce(j ->> 'datlocprovider', 'c'), j ->> 'datcollate', j ->> 'datctype', "
        "coalesce(j ->> 'datlocale', j ->> 'daticulocale') "
        "from (select to_jsonb(d) as j from pg_database d where datname = current_database()) x"
    )
    provider, collate, ctype, locale = cursor.fetchone()
    # libc ('c') with a C collation, or PostgreSQL 17's builtin provider ('b') with C or
    # C.UTF-8 (its case mapping is then checked below like any other).
    libc = provider == "c" and collate.lower() in _BYTE_ORDER
    builtin = provider == "b" and (locale or "").lower() in _BYTE_ORDER
    if not (libc or builtin):
        order = f"ICU-locale '{locale}'" if provider == "i" else f"'{locale or collate}'"
        raise PostgresError(
            f"database {settings.database} sorteert tekst volgens {order}, DuckDB op "
            f"tekencode; {_create_hint(settings.database)}"
        )
    cursor.execute("select lower(%s), upper(%s)", (_CASE_PROBE, _CASE_PROBE))
    server = cursor.fetchone()
    with closing(duckdb.connect()) as duck:
        expected = duck.execute("select lower(?), upper(?)", [_CASE_PROBE, _CASE_PROBE]).fetchone()
    if tuple(server) != tuple(expected):
        raise PostgresError(
            f"database {settings.database} zet hoofd- en kleine letters om volgens LC_CTYPE "
            f"'{ctype}' (bijvoorbeeld lower('É') = '{server[0][1]}'), DuckDB volgens Unicode; "
            f"{_create_hint(settings.database)}"
        )


def quote(name: str) -> str:
    """A SQL identifier in double quotes (same rule in DuckDB and PostgreSQL)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def pg_type(duckdb_type: str, where: str) -> str:
    """The PostgreSQL type for a DuckDB column type; anything else stops with the column."""
    if duckdb_type in _PG_TYPES:
        return _PG_TYPES[duckdb_type]
    decimal = _DECIMAL.fullmatch(duckdb_type)
    if decimal:
        return f"numeric({decimal[1]},{decimal[2]})"
    raise PostgresError(f"{where}: type {duckdb_type} kan niet naar PostgreSQL")


def _columns(con: duckdb.DuckDBPyConnection, schemas: Iterable[str]) -> dict:
    """{(schema, table): [(column, type, nullable), ...]} in column order."""
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type, is_nullable "
        "from information_schema.columns where table_catalog = current_database() "
        "and table_schema in (select unnest(?)) "
        "order by table_schema, table_name, ordinal_position",
        [list(schemas)],
    ).fetchall()
    tables: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}
    for schema, table, column, dtype, nullable in rows:
        tables.setdefault((schema, table), []).append((column, dtype, nullable == "YES"))
    return tables


def copy_landing(
    landing: Path, pg: psycopg2.extensions.connection, work: Path
) -> dict[str, int]:
    """Replace the landing schemas in PostgreSQL by the rows of ``landing`` (one transaction).

    Returns rows per table ("bron.inzet": n). A reader of the old landing copy sees it whole
    until the commit.
    """
    csv_file = work / "landing-kopie.csv"
    rows: dict[str, int] = {}
    with closing(duckdb.connect(str(landing), read_only=True)) as duck:
        tables = _columns(duck, LANDING_SCHEMAS)
        try:
            with pg.cursor() as cursor:
                for target in LANDING_SCHEMAS.values():
                    cursor.execute(f"drop schema if exists {quote(target)} cascade")
                    cursor.execute(f"create schema {quote(target)}")
                for (schema, table), columns in tables.items():
                    name = f"{quote(LANDING_SCHEMAS[schema])}.{quote(table)}"
                    definitions = ", ".join(
                        f"{quote(column)} {pg_type(dtype, f'{schema}.{table}.{column}')}"
                        + ("" if nullable else " not null")
                        for column, dtype, nullable in columns
                    )
                    cursor.execute(f"create table {name} ({definitions})")
                    duck.execute(
                        f"copy (select * from {quote(schema)}.{quote(table)}) "
                        f"to {_literal(csv_file)} (format csv, header false)"
                    )
                    with open(csv_file, encoding="utf-8") as handle:
                        cursor.copy_expert(f"copy {name} from stdin with (format csv)", handle)
                    rows[f"{schema}.{table}"] = cursor.rowcount
                    cursor.execute(f"analyze {name}")
            pg.commit()
        except BaseException:
            pg.rollback()
            raise
        finally:
            csv_file.unlink(missing_ok=True)
    return rows


def _pg_columns(pg: psycopg2.extensions.connection, schemas: list[str]) -> dict:
    """{(schema, table): {column: (kind, type text)}} of PostgreSQL's relations in ``schemas``."""
    with pg.cursor() as cursor:
        cursor.execute(
            "select c.table_schema, c.table_name, c.column_name, c.data_type, "
            "c.numeric_precision, c.numeric_scale "
            "from information_schema.columns c where c.table_schema = any(%s)",
            (schemas,),
        )
        found: dict[tuple[str, str], dict[str, tuple[str | None, str]]] = {}
        for schema, table, column, dtype, precision, scale in cursor.fetchall():
            text = dtype
            if dtype == "numeric" and precision is not None:
                text = f"numeric({precision},{scale})"
            found.setdefault((schema, table), {})[column] = (_PG_KINDS.get(dtype), text)
    return found


def _kind(duckdb_type: str) -> str | None:
    return _PG_KINDS.get(re.sub(r"\(.*", "", pg_type(duckdb_type, "")))


def publish_tables(
    pg: psycopg2.extensions.connection, reference: Path, new_file: Path, work: Path
) -> dict[str, int]:
    """Write PostgreSQL's copy of every table of ``reference`` into ``new_file`` (DuckDB).

    ``reference`` is a DuckDB build of the same project (its rows do not matter): it gives the
    schemas, tables, columns, column types and NOT NULLs the published file must have. Reads
    from PostgreSQL in one read-only snapshot. Returns rows per table ("marts.x": n).
    """
    with closing(duckdb.connect(str(reference), read_only=True)) as ref:
        schemas = [
            row[0] for row in ref.execute(
                "select distinct table_schema from information_schema.tables "
                "where table_catalog = current_database() order by 1"
            ).fetchall()
        ]
        tables = _columns(ref, schemas)
    csv_file = work / "publicatie-kopie.csv"
    rows: dict[str, int] = {}
    pg.set_session(isolation_level="REPEATABLE READ", readonly=True)
    try:
        found = _pg_columns(pg, schemas)
        with closing(duckdb.connect(str(new_file))) as out, pg.cursor() as cursor:
            for schema in schemas:
                out.execute(f"create schema if not exists {quote(schema)}")
            for (schema, table), columns in tables.items():
                where = f"{schema}.{table}"
                rows[where] = _publish_table(
                    cursor, out, where, (schema, table), columns, found, csv_file
                )
            out.execute("checkpoint")
        pg.commit()
    finally:
        pg.rollback()
        pg.set_session(isolation_level="DEFAULT", readonly=False)
        csv_file.unlink(missing_ok=True)
    return rows


def _publish_table(cursor, out, where, key, columns, found, csv_file) -> int:
    if key not in found:
        raise PostgresError(f"{where} ontbreekt in PostgreSQL")
    source = found[key]
    wanted = [column for column, _, _ in columns]
    only_pg, only_duck = sorted(set(source) - set(wanted)), sorted(set(wanted) - set(source))
    if only_pg or only_duck:
        raise PostgresError(
            f"{where}: andere kolommen dan een DuckDB-build "
            f"(alleen in PostgreSQL: {', '.join(only_pg) or '-'}; "
            f"alleen in DuckDB: {', '.join(only_duck) or '-'})"
        )
    selects, checks = [], []
    for column, dtype, _ in columns:
        target = pg_type(dtype, f"{where}.{column}")
        kind, actual = source[column]
        if kind is None or kind != _kind(dtype):
            raise PostgresError(
                f"{where}.{column} is in PostgreSQL {actual} en in DuckDB {dtype}: "
                f"niet hetzelfde soort gegeven"
            )
        if actual == _INFO_NAMES.get(target, target) or (kind == _TEXT and target == "text"):
            selects.append(quote(column))
            continue
        selects.append(f"cast({quote(column)} as {target}) as {quote(column)}")
        test = f"{quote(column)} is distinct from cast({quote(column)} as {target})"
        checks.append((column, test))
    relation = f"{quote(key[0])}.{quote(key[1])}"
    counts = ", ".join(["count(*)", *(f"count(*) filter (where {test})" for _, test in checks)])
    cursor.execute(f"select {counts} from {relation}")
    total, *changed = cursor.fetchone()
    for (column, _), number in zip(checks, changed, strict=True):
        if number:
            raise PostgresError(
                f"{where}.{column}: {number} waarde(n) veranderen bij omzetting naar het "
                f"DuckDB-type; de SQL van dit model is niet op beide engines gelijk"
            )
    with open(csv_file, "w", encoding="utf-8", newline="") as handle:
        cursor.copy_expert(
            f"copy (select {', '.join(selects)} from {relation}) to stdout with (format csv)",
            handle,
        )
    definitions = ", ".join(
        f"{quote(column)} {dtype}" + ("" if nullable else " not null")
        for column, dtype, nullable in columns
    )
    types = ", ".join(
        "'" + column.replace("'", "''") + f"': '{dtype}'" for column, dtype, _ in columns
    )
    table = f"{quote(key[0])}.{quote(key[1])}"
    out.execute(f"create table {table} ({definitions})")
    out.execute(
        f"insert into {table} select * from read_csv({_literal(csv_file)}, "
        f"columns = {{{types}}}, header = false, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false)"
    )
    copied = out.execute(f"select count(*) from {table}").fetchone()[0]
    if copied != total:
        raise PostgresError(f"{where}: {copied} van {total} rijen overgenomen")
    return total
