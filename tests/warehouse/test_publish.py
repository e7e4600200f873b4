"""Atomic publish: an open reader keeps working, a failed build changes nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from datetime import date

import duckdb

from core import paths
from ingest.load import connect_landing, load_paths
from tests.conftest import fixture
from warehouse.build import build

READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    query = "select count(*) from marts.indicatoren where indicator_id = 'inzet_uren'"
    print(con.sql(query).fetchall()[0][0], flush=True)
    sys.stdin.readline()  # the test publishes a new warehouse meanwhile
    print(con.sql(query).fetchall()[0][0], flush=True)
    """
)


def _count(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.sql(
            "select count(*) from marts.indicatoren where indicator_id = 'inzet_uren'"
        ).fetchall()[0][0]
    finally:
        con.close()


def test_reader_keeps_its_warehouse_open_while_a_build_publishes(data_dir):
    load_paths([fixture("inzet_tab.csv")])  # 2024 only: 15 parties + region = 16 rows
    assert build(date(2024, 12, 31)).ok
    published = paths.warehouse_path()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "16"
        load_paths([fixture("inzet_komma_cp1252.csv")])  # adds 2025: 32 rows
        result = build(date(2025, 6, 30))
        assert result.ok, result.message
        reader.stdin.write("\n")
        reader.stdin.flush()
        # the open connection still reads the warehouse it opened, whole
        assert reader.stdout.readline().strip() == "16"
        assert reader.wait(timeout=30) == 0
    finally:
        reader.kill()
    assert _count(published) == 32  # a new reader sees the new warehouse
    assert not list(published.parent.glob("vth.duckdb.wal"))


def test_failed_build_leaves_the_previous_warehouse_in_place(data_dir):
    load_paths([fixture("inzet_tab.csv")])
    assert build(date(2024, 12, 31)).ok
    published = paths.warehouse_path()
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    # Bad data that slipped into the landing database: dbt's relationships test catches it.
    con = connect_landing()
    con.sql(
        "insert into bron.inzet (datum, deelnemer, gremium, uren, _lading_id, _bron, _rij) "
        "values (date '2024-05-01', 'XXX', 'kerngroep', 1, 99, 'handmatig', 2)"
    )
    con.close()
    result = build(date(2024, 12, 31))
    assert not result.ok
    assert result.message.startswith("Build mislukt, het vorige warehouse blijft gepubliceerd")
    assert any("relationships_stg_landing__inzet_deelnemer_code" in f for f in result.failures)
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert list((data_dir / "build").glob("vth-*.duckdb")) == []


def test_a_replaced_delivery_changes_the_published_indicator(data_dir, tmp_path):
    delivery = tmp_path / "inzet_enschede.csv"
    delivery.write_text("datum;deelnemer;gremium;uren\n01-03-2024;ENS;kerngroep;10\n")
    load_paths([delivery])
    assert build(date(2024, 12, 31)).ok
    delivery.write_text("datum;deelnemer;gremium;uren\n01-03-2024;ENS;kerngroep;4\n")
    assert load_paths([delivery])[0].resultaat == "vervangen"
    assert build(date(2024, 12, 31)).ok
    con = duckdb.connect(str(paths.warehouse_path()), read_only=True)
    try:
        assert con.sql(
            "select waarde from marts.indicatoren where indicator_id = 'inzet_uren' "
            "and jaar = 2024 and deelnemer_code = 'ENS'"
        ).fetchall() == [(4.0,)]
    finally:
        con.close()


def test_build_generates_the_dbt_docs_once_per_project_version(data_dir):
    load_paths([fixture("inzet_tab.csv")])
    first = build(date(2024, 12, 31), docs=True)
    assert first.ok and first.message.endswith("documentatie bijgewerkt)")
    page = paths.docs_path().read_text(encoding="utf-8")
    assert "indicatoren_voor_na" in page and "seed_evaluatiekader" in page
    second = build(date(2024, 12, 31), docs=True)
    assert second.message.endswith("documentatie ongewijzigd)")
