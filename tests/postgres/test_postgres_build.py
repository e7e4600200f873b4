"""`python -m warehouse build --target postgres`: the same dbt project on a real PostgreSQL.

The server is a throw-away cluster (conftest.py). The product's project runs on both engines
(issue 18): the fixture deliveries and the scale-1 demo, each built on DuckDB once per session
(tests/conftest.py), are built again on PostgreSQL and every published table is compared
value for value. The smoke project (smoke_project/ plus the product's profiles.yml,
_sources.yml and macros) covers the plumbing itself: every landing table through COPY and
back, the published types, the query runner on the result, the portable macros by hand.
"""

from __future__ import annotations

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
from tests.conftest import DEMO_PEILDATUM, FIXTURE_DELIVERIES, PEILDATUM, fixture
from tests.postgres.cluster import create_database
from tests.warehouse.test_dbt_unit_tests import run_unit_tests
from tests.warehouse.test_herkomst import herkomst_mismatches
from warehouse import postgres
from warehouse.__main__ import main
from warehouse.build import build
from warehouse.query import run_query

SMOKE_PROJECT = Path(__file__).parent / "smoke_project"


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


def _columns(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select table_schema || '.' || table_name, column_name, data_type "
        "from information_schema.columns where table_catalog = ? "
        "order by table_schema, table_name, ordinal_position",
        [catalog],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        tables.setdefault(table, []).append((column, dtype))
    return tables


# Columns whose value is the moment of the build, not a result of the deliveries.
PER_BUILD = {"audit.publicatie": {"gebouwd_op"}}


def assert_same_warehouse(expected: Path, actual: Path) -> dict[str, int]:
    """Same tables, columns and column types, and the same rows: every value equal exactly,
    doubles too (the models compute in decimals and convert once, so both engines give the
    same double). Rows are compared as multisets (EXCEPT ALL both ways, NULLs equal). Every
    column except the build's own timestamp (PER_BUILD), which must only be there. Returns
    rows per table."""
    counts = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{expected}' as verwacht (read_only)")
        con.execute(f"attach '{actual}' as gekregen (read_only)")
        tables = _columns(con, "verwacht")
        assert _columns(con, "gekregen") == tables
        for table, all_columns in tables.items():
            skip = PER_BUILD.get(table, set())
            names = ", ".join(f'"{name}"' for name, _ in all_columns if name not in skip)
            verwacht, gekregen = (
                f"(select {names} from {catalog}.{table})" for catalog in ("verwacht", "gekregen")
            )
            ontbreekt = con.sql(f"{verwacht} except all {gekregen} limit 3").fetchall()
            extra = con.sql(f"{gekregen} except all {verwacht} limit 3").fetchall()
            assert not ontbreekt and not extra, f"{table}: {ontbreekt} != {extra}"
            counts[table] = con.sql(f"select count(*) from verwacht.{table}").fetchall()[0][0]
            assert con.sql(f"select count(*) from gekregen.{table}").fetchall()[0][0] == (
                counts[table]
            ), table
            for column in skip:
                for catalog in ("verwacht", "gekregen"):
                    query = f'select count(*) from {catalog}.{table} where "{column}" is null'
                    assert con.sql(query).fetchall() == [(0,)], f"{catalog}.{table}.{column}"
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
    # the product's portable macros give the same values on both engines (compared above);
    # by hand: inzet_tab.csv row 3 is 02-02-2024, 1,5 h; 2.675 rounds half up to 2.68; a
    # vertical tab is no whitespace in a number, a tab is; Unicode lower case
    assert _count(
        published,
        "select datum_tekst, dagen_tot_peildatum, jaar_begin, jaar, derde_uren, afgerond, "
        "vt_getal, tab_getal, kleine_letters "
        "from marts.portabel p join landing_kopie.kopie_landing_audit__ladingen l "
        "on l.lading_id = p._lading_id "
        "where l.bron = 'inzet_tab.csv' and p._rij = 3",
    ) == [
        ("2024-02-02", 514, date(2024, 1, 1), 2024, 0.5, Decimal("2.68"), False, True, "özdemir")
    ]


def _build_on_postgres_from(source: Path, data_dir: Path, peildatum: date) -> Path:
    """Build the landing of a data directory built on DuckDB (``source``) on PostgreSQL, in
    ``data_dir``; returns the published file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "landing.duckdb", data_dir / "landing.duckdb")
    on_postgres = build(peildatum, target="postgres")
    assert on_postgres.ok, on_postgres.message
    assert set(on_postgres.stage_seconds) == {"landing", "dbt", "referentie", "publicatie"}
    return paths.warehouse_path()


def test_fixture_deliveries_publish_the_same_warehouse_on_both_engines(
    gebouwde_datamap, data_dir, pg_env
):
    # The session's DuckDB build of the fixture deliveries (tests/conftest.py) against a
    # PostgreSQL build of the same landing: every table, also staging and intermediate.
    published = _build_on_postgres_from(gebouwde_datamap, data_dir, PEILDATUM)

    counts = assert_same_warehouse(gebouwde_datamap / "vth.duckdb", published)
    # the dbt unit tests on PostgreSQL too (the production build leaves them out, issue 17)
    unit_tests = run_unit_tests(
        {"VTH_BUILD_PATH": str(published), "VTH_LANDING_PATH": str(paths.landing_path())},
        data_dir / "unit-tests", PEILDATUM.isoformat(), "--target", "postgres",
    )
    assert set(unit_tests.values()) == {"pass"}

    # 54 tables + the four vocabulary seeds (seed_gremia, seed_agenda_statussen, seed_pijlers,
    # seed_soorten; issue 13) + the delivery schedule seed, five intermediates and the marts
    # leveringen, achterstanden and afrekening (issue 16)
    assert len(counts) == 67 and sum(counts.values()) > 4000
    assert counts["marts.indicatoren"] == counts["marts.herkomst"] == 745
    # hand values through each dialect difference the models cover (fixture files named):
    # a meeting id with an ISO date (date_iso; presentie_overleggen.csv, PHO of 12-03-2025);
    # whole days past the deadline (dbt.datediff; agenda_v2.csv A1 done 16 days early,
    # na_peildatum_agenda.csv A4 due 31-05-2025 and done only after peildatum: 30 days late);
    # the running year's share as a double (181 / 365) and the pro-rata norm 4 x 181 / 365 =
    # 1,98356... -> 1,98; a mean of published values (ENS and HEN attended the PHO of 2025,
    # the other 13 parties did not: 200 / 15 = 13,333... -> 13,33)
    assert _count(
        published, "select vergadering_id from marts.vergaderingen where jaar = 2025 "
        "and gremium = 'pho'"
    ) == [("pho|2025-03-12|",)]
    assert _count(
        published, "select agenda_id, dagen_na_deadline from marts.agenda "
        "where agenda_id in ('A1', 'A4') order by 1"
    ) == [("A1", -16), ("A4", 30)]
    assert _count(
        published, "select dagen_verstreken, fractie_verstreken from intermediate.int_jaren "
        "where jaar = 2025"
    ) == [(181, 181 / 365)]
    assert _count(
        published,
        "select indicator_id, waarde, norm, norm_peildatum, status from marts.indicatoren "
        "where indicator_id in ('pho_vergaderingen', 'pho_presentie') and jaar = 2025 "
        "and deelnemer_code is null order by 1",
    ) == [
        ("pho_presentie", 13.33, 100.0, 100.0, "rood"),
        ("pho_vergaderingen", 1.0, 4.0, 1.98, "oranje"),
    ]


def test_demo_deliveries_publish_the_same_warehouse_on_both_engines(
    demo_data_dir, data_dir, pg_env
):
    # The session's one demo build (scale 1, `make demo`'s command line) against a PostgreSQL
    # build of the same landing: ~500.000 rows, 450.000 of them cases (marts.odt_zaken).
    published = _build_on_postgres_from(demo_data_dir, data_dir, DEMO_PEILDATUM)

    counts = assert_same_warehouse(demo_data_dir / "vth.duckdb", published)

    assert counts["marts.odt_zaken"] > 400_000
    assert counts["marts.indicatoren"] == counts["marts.herkomst"] > 1000
    # every herkomst query, written for DuckDB, returns its value on the PostgreSQL-built file
    with duckdb.connect(str(published), read_only=True) as con:
        checked, wrong = herkomst_mismatches(con)
    assert checked == counts["marts.indicatoren"] and wrong == []


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
    assert (
        "createdb --lc-collate=C --lc-ctype=C.UTF-8 --template=template0 vth_nl" in result.message
    )


def test_a_database_that_changes_case_of_ascii_letters_only_is_refused(
    data_dir, pg_env, monkeypatch
):
    # LC_CTYPE C: lower('ÖZDEMIR') is 'Özdemir' there, 'özdemir' on DuckDB, so a name typed in
    # capitals in another column would stay visible (macro verberg_namen) where a DuckDB build
    # masks it.
    create_database(pg_env, "vth_ascii", "template template0 lc_collate 'C' lc_ctype 'C'")
    monkeypatch.setenv("PGDATABASE", "vth_ascii")
    load_paths([fixture("inzet_tab.csv")])

    result = build(date(2024, 12, 31), target="postgres")

    assert not result.ok
    assert (
        "database vth_ascii zet hoofd- en kleine letters om volgens LC_CTYPE 'C' "
        "(bijvoorbeeld lower('É') = 'É'), DuckDB volgens Unicode; maak de database met "
        "`createdb --lc-collate=C --lc-ctype=C.UTF-8 --template=template0 vth_ascii`"
    ) in result.message
    assert not paths.warehouse_path().exists()
