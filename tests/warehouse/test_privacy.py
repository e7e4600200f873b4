"""No delivered name reaches the published warehouse: only pseudonyms do."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest import pseudoniem
from ingest.read import read_delivery
from tests.conftest import fixture
from tests.warehouse.conftest import FIXTURE_DELIVERIES


def _delivered_names() -> set[str]:
    names: set[str] = set()
    for name in FIXTURE_DELIVERIES:
        path = fixture(name)
        delivery = read_delivery(path, path.read_bytes())
        for column, _ in delivery.kind.pseudonym_columns:
            if column in delivery.frame.columns:
                names |= {v.strip() for v in delivery.frame[column].drop_nulls() if v.strip()}
    return names


def test_no_table_in_the_published_warehouse_contains_a_delivered_name(
    warehouse: Path, monkeypatch
) -> None:
    names = _delivered_names()
    assert {"J. de Vries", "A. Jansen", "P. Bakker"} <= names  # the check checks something

    con = duckdb.connect(str(warehouse / "vth.duckdb"), read_only=True)
    try:
        columns = con.sql(
            """
            select table_schema, table_name, column_name
            from information_schema.columns
            where data_type = 'VARCHAR' and table_catalog = current_database()
            """
        ).fetchall()
        assert len(columns) > 20
        hits = []
        for schema, table, column in columns:
            found = con.execute(
                f'select distinct "{column}" from "{schema}"."{table}" '
                f'where exists (select 1 from unnest($names) n(gezochte_naam) '
                f'where lower("{column}") like \'%\' || lower(gezochte_naam) || \'%\')',
                {"names": sorted(names)},
            ).fetchall()
            hits += [(schema, table, column, value) for (value,) in found]
        assert hits == []

        # the pseudonyms are there instead, and the name columns are gone
        staged = {
            t: {c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ?", [t]
            ).fetchall()}
            for t in ("stg_landing__inzet", "stg_landing__presentie")
        }
        if all(staged.values()):  # staging models may be ephemeral (not in the file)
            assert "medewerker_id" in staged["stg_landing__inzet"]
            assert "medewerker" not in staged["stg_landing__inzet"]
            assert "naam_id" in staged["stg_landing__presentie"]
            assert "naam" not in staged["stg_landing__presentie"]
    finally:
        con.close()

    # the pseudonymisation key never sits inside a DuckDB file
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    key = pseudoniem.sleutel()
    assert key not in (warehouse / "vth.duckdb").read_bytes()
