"""`python -m warehouse build --target postgres`: the same dbt project on a real PostgreSQL.

The server is a throw-away cluster (conftest.py). The smoke project (smoke_project/ plus the
product's profiles.yml, _sources.yml and macros) proves the whole path today: landing copied
in with COPY, dbt on PostgreSQL, vth.duckdb published from it, read by the query runner, equal
row for row to a DuckDB build. The product's own models still use DuckDB-only SQL (issue 18,
item 2): their both-engines comparison is a strict xfail until they are portable.
"""

from __future__ import annotations

import math
import re
import shutil
import socket
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg2
import pytest
import yaml

from core import paths
from ingest.load import load_paths
from tests.conftest import FIXTURE_DELIVERIES, PEILDATUM, fixture
from tests.postgres.cluster import create_database
from warehouse import postgres
from warehouse.__main__ import main
from warehouse.build import build
from warehouse.query import run_query

SMOKE_PROJECT = Path(__file__).parent / "smoke_project"


class NotPortableYet(Exception):
    """dbt failed on PostgreSQL inside the product's models (not in the plumbing)."""


def _smoke_project(tmp_path: Path) -> Path:
    """The smoke project with the product's profile, sources and macros, one copy per source."""
    project = tmp_path / "smoke_project"
    shutil.copytree(SMOKE_PROJECT, project)
    product = paths.REPO_ROOT / "dbt_project"
    shutil.copy(product / "profiles.yml", project / "profiles.yml")
    shutil.copytree(product / "macros", project / "macros", dirs_exist_ok=True)
    sources_yml = product / "models" / "staging" / "_sources.yml"
    copies = project / "models" / "landing_kopie"
    copies.mkdir(parents=True)
    shutil.copy(sources_yml, copies / "_sources.yml")
    for source in yaml.safe_load(sources_yml.read_text())["sources"]:
        for table in source["tables"]:
            (copies / f"kopie_{source['name']}__{table['name']}.sql").write_text(
                f"select * from {{{{ source('{source['name']}', '{table['name']}') }}}}\n"
            )
    return project


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = con.sql(
        "select table_schema || '.' || table_name, column_name, data_type "
        "from information_schema.columns where table_catalog = current_database() "
        "order by table_schema, table_name, ordinal_position"
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        tables.setdefault(table, []).append((column, dtype))
    return tables


def _same_value(left, right, dtype: str) -> bool:
    # Sums of doubles depend on the order of addition, which differs between engines: the
    # last bits may differ. Every other type must be equal exactly.
    if dtype in ("DOUBLE", "FLOAT") and left is not None and right is not None:
        return math.isclose(left, right, rel_tol=1e-12, abs_tol=1e-12)
    return left == right


def assert_same_warehouse(expected: Path, actual: Path) -> dict[str, int]:
    """Same tables, columns and column types, and equal rows (sorted). Returns rows per table."""
    counts = {}
    with duckdb.connect(str(expected), read_only=True) as ref, duckdb.connect(
        str(actual), read_only=True
    ) as out:
        tables = _tables(ref)
        assert _tables(out) == tables
        for table, columns in tables.items():
            query = f"select * from {table} order by all"
            want, got = ref.sql(query).fetchall(), out.sql(query).fetchall()
            assert len(got) == len(want), table
            for row_want, row_got in zip(want, got, strict=True):
                for (column, dtype), a, b in zip(columns, row_want, row_got, strict=True):
                    assert _same_value(a, b, dtype), f"{table}.{column}: {a!r} != {b!r}"
            counts[table] = len(want)
    return counts


def _count(path: Path, sql: str):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_postgres_path_publishes_what_a_duckdb_build_publishes(
    tmp_path, data_dir, pg_env, monkeypatch
):
    monkeypatch.setattr(paths, "DBT_PROJECT_DIR", _smoke_project(tmp_path))
    load_paths([fixture(name) for name in FIXTURE_DELIVERIES])
    on_duckdb = build(PEILDATUM)
    assert on_duckdb.ok, on_duckdb.message
    duckdb_file = tmp_path / "duckdb-build.duckdb"
    shutil.copy(paths.warehouse_path(), duckdb_file)

    result = build(PEILDATUM, target="postgres")

    assert result.ok, result.message
    assert result.message.startswith(
        f"Warehouse gepubliceerd uit PostgreSQL vth@127.0.0.1:{pg_env['PGPORT']}/"
    )
    assert set(result.stage_seconds) == {"landing", "dbt", "referentie", "publicatie"}
    published = paths.warehouse_path()
    counts = assert_same_warehouse(duckdb_file, published)
    # every landing table went through COPY into PostgreSQL and came back whole
    landing_file = paths.landing_path()
    landing = {
        f"{schema}.{table}": _count(landing_file, f"select count(*) from {schema}.{table}")[0][0]
        for schema, table in _count(
            landing_file,
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('bron', 'audit')",
        )
    }
    source_of = {"bron": "landing", "audit": "landing_audit"}
    for name, rows in landing.items():
        schema, table = name.split(".")
        assert counts[f"landing_kopie.kopie_{source_of[schema]}__{table}"] == rows, name
    assert landing["bron.inzet"] == 15 and landing["audit.quarantaine"] > 0
    # the types of the DuckDB build, where PostgreSQL's differ (numeric, bigint)
    types = dict(
        _count(
            published,
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'marts'",
        )
    )
    assert types["indicatoren.jaar"] == "BIGINT"
    assert types["indicatoren.rijsom"] == "HUGEINT"
    assert types["bijdragen.bedrag"] == "DECIMAL(38,2)"
    assert types["bijdragen.gemiddeld"] == "DOUBLE"
    # values by hand: inzet_tab.csv has Wierden 2 + 1,5 hours on rows 2 and 3 of 2024;
    # maak_xlsx.py has HVT 1.250,50 + 2500.25; the seed's name has a quote and a comma
    assert _count(
        published, "select regels, uren, rijsom, naam from marts.indicatoren "
        "where deelnemer = 'WIE' and jaar = 2024"
    ) == [(2, 3.5, 5, "Wierden")]
    assert _count(published, "select bedrag from marts.bijdragen where deelnemer = 'HVT'") == [
        (Decimal("3750.75"),)
    ]
    assert _count(published, "select naam from seeds.seed_smoke where code = 'ENS'") == [
        ('Enschede, "stad"',)
    ]
    # the query console reads the published file as it reads a DuckDB build
    frame = run_query("select sum(regels) as regels from marts.indicatoren").frame
    assert frame["regels"].to_list() == [15]
    # the proposed portable macros give the same values on both engines (compared above);
    # by hand: inzet_tab.csv row 3 is 02-02-2024, 1,5 h; 2.675 rounds half up to 2.68
    assert _count(
        published,
        "select datum_tekst, dagen_tot_peildatum, jaar_begin, jaar, derde_uren, afgerond "
        "from marts.portabel p join landing_kopie.kopie_landing_audit__ladingen l "
        "on l.lading_id = p._lading_id "
        "where l.bron = 'inzet_tab.csv' and p._rij = 3",
    ) == [("2024-02-02", 514, date(2024, 1, 1), 2024, 0.5, Decimal("2.68"))]


@pytest.mark.xfail(
    strict=True,
    raises=NotPortableYet,
    reason="the models still use DuckDB-only SQL (group by all, union all by name, * exclude, "
    "strftime, date_diff, round(double, n), the type name double); issue 18 item 2 makes them "
    "portable. When this passes, remove the marker.",
)
def test_fixture_deliveries_publish_the_same_warehouse_on_both_engines(
    tmp_path, data_dir, pg_env
):
    load_paths([fixture(name) for name in FIXTURE_DELIVERIES])
    on_postgres = build(PEILDATUM, target="postgres")
    if not on_postgres.ok and "landing" in on_postgres.stage_seconds and on_postgres.failures:
        # the copy into PostgreSQL worked; dbt failed in the product's models
        if "dbt" not in on_postgres.stage_seconds:
            raise NotPortableYet(on_postgres.message)
    assert on_postgres.ok, on_postgres.message
    postgres_file = tmp_path / "postgres-build.duckdb"
    shutil.copy(paths.warehouse_path(), postgres_file)
    on_duckdb = build(PEILDATUM)
    assert on_duckdb.ok, on_duckdb.message
    counts = assert_same_warehouse(paths.warehouse_path(), postgres_file)
    assert counts["marts.indicatoren"] > 0


def _execute(env: dict[str, str], sql: str) -> None:
    connection = psycopg2.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
        password=env["PGPASSWORD"], dbname=env["PGDATABASE"],
    )
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("pg_column", "duckdb_type", "message"),
    [
        ("getal numeric", "INTEGER", "marts.t.getal: 1 waarde(n) veranderen"),
        ("getal double precision", "DECIMAL(14,2)", "marts.t.getal: 1 waarde(n) veranderen"),
        ("getal text", "INTEGER", "marts.t.getal is in PostgreSQL text en in DuckDB INTEGER"),
        ("ander integer", "INTEGER", "alleen in PostgreSQL: ander; alleen in DuckDB: getal"),
        ("getal integer", "INTEGER[]", "type INTEGER[] kan niet naar PostgreSQL"),
    ],
)
def test_publish_refuses_what_would_change_a_value(
    tmp_path, pg_env, pg_column, duckdb_type, message
):
    value = {"numeric": "2.5", "double precision": "0.125", "text": "'2'", "integer": "2"}
    _execute(
        pg_env,
        f"create schema marts; create table marts.t ({pg_column}); "
        f"insert into marts.t values ({value[pg_column.split(' ', 1)[1]]})",
    )
    reference = tmp_path / "referentie.duckdb"
    with duckdb.connect(str(reference)) as con:
        con.sql(f"create schema marts; create table marts.t (getal {duckdb_type})")
    pg = postgres.connect(postgres.connection_settings())
    try:
        with pytest.raises(postgres.PostgresError, match=re.escape(message)):
            postgres.publish_tables(pg, reference, tmp_path / "uit.duckdb", tmp_path)
    finally:
        pg.close()


def test_publish_converts_exact_values_to_the_duckdb_types(tmp_path, pg_env):
    _execute(
        pg_env,
        "create schema marts; create table marts.t (a numeric, b numeric, c bigint, "
        "d timestamp, e boolean, f text);"
        "insert into marts.t values (2.50, 1.0/3, 7, '2025-06-30 00:00', true, ''),"
        "(null, null, null, null, false, null)",
    )
    reference = tmp_path / "referentie.duckdb"
    with duckdb.connect(str(reference)) as con:
        con.sql(
            "create schema marts; create table marts.t (a DECIMAL(14,2), b DOUBLE, "
            "c HUGEINT, d DATE, e BOOLEAN, f VARCHAR)"
        )
    pg = postgres.connect(postgres.connection_settings())
    try:
        rows = postgres.publish_tables(pg, reference, tmp_path / "uit.duckdb", tmp_path)
    finally:
        pg.close()
    assert rows == {"marts.t": 2}
    assert _count(tmp_path / "uit.duckdb", "select * from marts.t order by e desc") == [
        (Decimal("2.50"), 1 / 3, 7, date(2025, 6, 30), True, ""),
        (None, None, None, None, False, None),
    ]


def test_unreachable_server_keeps_the_previous_warehouse_and_says_why(
    data_dir, monkeypatch, capsys
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name, value in {"PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "vth",
                        "PGPASSWORD": "geheim-wachtwoord", "PGDATABASE": "vth"}.items():
        monkeypatch.setenv(name, value)
    load_paths([fixture("inzet_tab.csv")])

    assert main(["build", "--target", "postgres", "--peildatum", "2024-12-31"]) == 1

    error = capsys.readouterr().err
    assert error.startswith(
        "Build mislukt, het vorige warehouse blijft gepubliceerd: PostgreSQL: server niet "
        f"bereikbaar (vth@127.0.0.1:{port}/vth): "
    )
    assert "geheim-wachtwoord" not in error
    assert not paths.warehouse_path().exists()


def test_a_database_that_sorts_text_by_language_is_refused(data_dir, pg_env, monkeypatch):
    # min(naam), `order by naam` in a window: with nl-NL collation PostgreSQL would publish
    # other values than DuckDB, which orders text by code point.
    create_database(pg_env, "vth_nl", "template template0 locale_provider icu icu_locale 'nl-NL'")
    monkeypatch.setenv("PGDATABASE", "vth_nl")
    load_paths([fixture("inzet_tab.csv")])

    result = build(date(2024, 12, 31), target="postgres")

    assert not result.ok
    assert "database vth_nl sorteert tekst volgens ICU-locale 'nl-NL', DuckDB op tekencode" in (
        result.message
    )
    assert "createdb --locale=C --template=template0 vth_nl" in result.message
