"""No delivered name reaches the published warehouse, whatever column it was typed in.

Names are delivered in the name columns (inzet.medewerker, presentie.naam); the published
warehouse holds only their pseudonyms. Issue 12: a name typed in another column must not get
through either: free text (omschrijving, rol, project, and titel/product) is left out or
masked when it equals a name seen in a name column, and audit.quarantaine.waarde publishes the
raw value only when it is empty, a number, a date as delivered or a spreadsheet error value
(data contract v2); the raw value stays in the landing database.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from core import paths
from ingest import pseudoniem
from ingest.read import read_delivery
from tests.conftest import fixture
from tests.warehouse.conftest import FIXTURE_DELIVERIES, build_warehouse

# Names typed in the wrong column: project, omschrijving, deelnemer, datum, gremium (inzet),
# project and rol (presentie), titel (agenda); every one of them is also delivered in a name
# column of another row or file.
NAMEN_VERKEERDE_KOLOM = [
    "namen_verkeerde_kolom_inzet.csv",
    "namen_verkeerde_kolom_presentie.csv",
    "namen_verkeerde_kolom_agenda.csv",
]
VERBORGEN = "‹verborgen›"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(
        tmp_path_factory.mktemp("privacy") / "data", FIXTURE_DELIVERIES + NAMEN_VERKEERDE_KOLOM
    )


def _delivered_names() -> set[str]:
    names: set[str] = set()
    for name in FIXTURE_DELIVERIES + NAMEN_VERKEERDE_KOLOM:
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
    assert {"J. de Vries", "A. Jansen", "P. Bakker", "K. Smit"} <= names  # the check checks

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

        # the pseudonyms are there instead, and the name and free-text columns are gone
        staged = {
            t: {c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ?", [t]
            ).fetchall()}
            for t in ("stg_landing__inzet", "stg_landing__presentie", "stg_landing__bijdragen")
        }
        assert "medewerker_id" in staged["stg_landing__inzet"]
        assert not {"medewerker", "omschrijving"} & staged["stg_landing__inzet"]
        assert "naam_id" in staged["stg_landing__presentie"]
        assert "naam" not in staged["stg_landing__presentie"]
        assert "omschrijving" not in staged["stg_landing__bijdragen"]
        # the masked rows themselves still count: the hour with a name as project, the
        # project group meeting with a name as project (its attendee's rol became 'anders')
        assert con.sql(
            "select project, uren from staging.stg_landing__inzet where datum = '2024-03-10'"
        ).fetchall() == [(VERBORGEN, 1)]
        assert con.sql(
            "select project, rol from staging.stg_landing__presentie where datum = '2024-03-20' "
            "and deelnemer_code = 'HVT' and gremium = 'projectgroep' and rol = 'anders'"
        ).fetchall() == [(VERBORGEN, "anders")]
    finally:
        con.close()

    # the pseudonymisation key never sits inside a DuckDB file
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    key = pseudoniem.sleutel()
    assert key not in (warehouse / "vth.duckdb").read_bytes()


def test_quarantine_publishes_only_empty_numbers_dates_and_error_values(warehouse, monkeypatch):
    con = duckdb.connect(str(warehouse / "vth.duckdb"), read_only=True)
    try:
        published = con.sql(
            "select bron, rij, kolom, waarde from audit.quarantaine "
            "where bron in ('inzet_fouten.csv', 'namen_verkeerde_kolom_inzet.csv') "
            "order by bron, rij, kolom"
        ).fetchall()
    finally:
        con.close()
    assert published == [
        ("inzet_fouten.csv", 3, "datum", "31-02-2024"),  # a date as delivered, impossible
        ("inzet_fouten.csv", 4, "deelnemer", VERBORGEN),  # "Gemeente Amsterdam": text
        ("inzet_fouten.csv", 5, "deelnemer", VERBORGEN),  # "Waterschap Vechtstromen"
        ("inzet_fouten.csv", 6, "gremium", VERBORGEN),  # "bestuur"
        ("inzet_fouten.csv", 7, "uren", VERBORGEN),  # "abc"
        ("inzet_fouten.csv", 8, "uren", "30"),  # a number
        ("inzet_fouten.csv", 9, "uren", "0"),
        ("inzet_fouten.csv", 11, "datum", None),  # empty
        ("inzet_fouten.csv", 11, "uren", None),
        ("namen_verkeerde_kolom_inzet.csv", 3, "deelnemer", VERBORGEN),  # "P. Bakker"
        ("namen_verkeerde_kolom_inzet.csv", 4, "datum", VERBORGEN),  # "A. Jansen"
        ("namen_verkeerde_kolom_inzet.csv", 5, "gremium", VERBORGEN),  # "J. de Vries"
        ("namen_verkeerde_kolom_inzet.csv", 6, "uren", "#N/A"),  # a spreadsheet error value
    ]
    # the raw value stays in the landing database (not published)
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    landing = duckdb.connect(str(paths.landing_path()), read_only=True)
    try:
        assert landing.sql(
            "select kolom, waarde from audit.quarantaine "
            "where bron = 'namen_verkeerde_kolom_inzet.csv' order by rij"
        ).fetchall()[:3] == [
            ("deelnemer", "P. Bakker"),
            ("datum", "A. Jansen"),
            ("gremium", "J. de Vries"),
        ]
    finally:
        landing.close()
