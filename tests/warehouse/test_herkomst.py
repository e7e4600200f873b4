"""Every published figure recomputable by an outsider (evaluatiekader v2, decisions 1, 3, 8).

On the fixture warehouse and on the session's demo warehouse (tests/conftest.py, what `make
demo` builds, at a mid-year peildatum): every marts.herkomst query, run as the data contract
says (`select round(<aggregatie_sql>, 2) from marts.<bron_mart> where <filter_sql>`), returns
its row's waarde, and every status follows from the row's own waarde, norm_peildatum and the
thresholds in marts.evaluatiekader, re-derived here in Python's exact decimal arithmetic
(independently of the dbt data test that checks the same inside the build).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest


def _open(warehouse: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(warehouse / "vth.duckdb"), read_only=True)


def herkomst_mismatches(con: duckdb.DuckDBPyConnection) -> tuple[int, list[tuple]]:
    """(rows checked, rows whose herkomst query does not give their published waarde)."""
    rows = con.sql(
        """
        select i.indicator_id, i.jaar, i.deelnemer_code, i.waarde,
               h.bron_mart, h.filter_sql, h.aggregatie_sql
        from marts.indicatoren as i
        left join marts.herkomst as h
            on h.indicator_id = i.indicator_id and h.jaar = i.jaar
            and h.deelnemer_code is not distinct from i.deelnemer_code
        """
    ).fetchall()
    fout = []
    for indicator, jaar, deelnemer, waarde, bron, filter_sql, aggregatie in rows:
        if bron is None:
            fout.append((indicator, jaar, deelnemer, "geen herkomst"))
            continue
        if deelnemer is not None and f"deelnemer_code = '{deelnemer}'" not in filter_sql:
            fout.append((indicator, jaar, deelnemer, "filter noemt de deelnemer niet"))
        uitkomst = con.sql(
            f"select round({aggregatie}, 2) from marts.{bron} where {filter_sql}"
        ).fetchall()
        opnieuw = None if uitkomst[0][0] is None else float(uitkomst[0][0])
        if len(uitkomst) != 1 or opnieuw != waarde:
            fout.append((indicator, jaar, deelnemer, waarde, uitkomst))
    return len(rows), fout


def _status(regel: dict, waarde: Decimal | None, norm: Decimal | None) -> str | None:
    """The catalogue's status rule (evaluatiekader.md, "status thresholds"; v2 decision 6)."""
    if regel["status_regel"] == "geen" or waarde is None or norm is None:
        return None
    groen, oranje = (Decimal(str(regel["grens_groen"])), Decimal(str(regel["grens_oranje"])))
    if regel["status_regel"] == "afwijking":
        afstand = abs(waarde - norm)
        return "groen" if afstand <= groen else "oranje" if afstand <= oranje else "rood"
    basis = regel["grens_basis"]
    if basis == "verschil_norm":
        groen, oranje = norm + groen, norm + oranje
    elif basis == "fractie_norm":
        groen, oranje = norm * groen, norm * oranje
    if regel["status_regel"] == "maximum":
        return "groen" if waarde <= groen else "oranje" if waarde <= oranje else "rood"
    if waarde >= groen:
        return "groen"
    binnen = waarde > oranje if regel["grens_oranje_exclusief"] else waarde >= oranje
    return "oranje" if binnen else "rood"


def status_mismatches(con: duckdb.DuckDBPyConnection) -> tuple[int, list[tuple]]:
    """(rows checked, rows whose status does not follow from their published columns, or
    whose waarde/norm_peildatum is not published with at most 2 decimals)."""
    kader = {
        r["indicator_id"]: r
        for r in con.sql("select * from marts.evaluatiekader").pl().to_dicts()
    }
    rows = con.sql(
        "select indicator_id, jaar, deelnemer_code, waarde, norm, norm_peildatum, status "
        "from marts.indicatoren"
    ).fetchall()
    fout = []
    for indicator, jaar, deelnemer, waarde, norm, norm_peildatum, status in rows:
        # the published doubles are 2-decimal values: their shortest repr is that decimal
        w = None if waarde is None else Decimal(repr(waarde))
        n = None if norm_peildatum is None else Decimal(repr(norm_peildatum))
        if any(x is not None and x != x.quantize(Decimal("0.01")) for x in (w, n)):
            fout.append((indicator, jaar, deelnemer, "meer dan 2 decimalen", waarde))
        if (norm is None) != (norm_peildatum is None):
            fout.append((indicator, jaar, deelnemer, "norm zonder norm_peildatum", norm))
        if _status(kader[indicator], w, n) != status:
            fout.append((indicator, jaar, deelnemer, waarde, norm_peildatum, status))
    return len(rows), fout


def test_every_herkomst_query_returns_its_value_on_the_fixtures(warehouse):
    con = _open(warehouse)
    try:
        aantal, fout = herkomst_mismatches(con)
    finally:
        con.close()
    assert aantal > 700 and fout == []


def test_every_status_is_rederived_from_its_row_on_the_fixtures(warehouse):
    con = _open(warehouse)
    try:
        aantal, fout = status_mismatches(con)
    finally:
        con.close()
    assert aantal > 700 and fout == []


def test_the_rederivation_catches_a_wrong_status():
    # the checks above cannot pass vacuously: v1's defect, a status taken against a norm other
    # than the published one (100 h is oranje against 117,18, not groen), is caught
    con = duckdb.connect()
    try:
        con.sql("create schema marts")
        con.sql(
            "create table marts.evaluatiekader as select 'inzet_uren' as indicator_id, "
            "'minimum' as status_regel, 'fractie_norm' as grens_basis, 1.0 as grens_groen, "
            "0.75 as grens_oranje, false as grens_oranje_exclusief"
        )
        con.sql(
            "create table marts.indicatoren as select 'inzet_uren' as indicator_id, 2025 as jaar, "
            "'ALM' as deelnemer_code, 100.0::double as waarde, 130.0::double as norm, "
            "117.18::double as norm_peildatum, 'groen' as status"
        )
        assert status_mismatches(con)[1] == [
            ("inzet_uren", 2025, "ALM", 100.0, 117.18, "groen")
        ]
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo(demo_data_dir):
    con = _open(demo_data_dir)
    yield con
    con.close()


def test_every_herkomst_query_returns_its_value_on_demo_data(demo):
    aantal, fout = herkomst_mismatches(demo)
    assert aantal > 1000 and fout == []


def test_every_status_is_rederived_from_its_row_on_demo_data(demo, demo_data_dir):
    aantal, fout = status_mismatches(demo)
    assert aantal > 1000 and fout == []
    # and the dbt data tests that check the same inside every build ran and passed (the build
    # log; run_results.json is overwritten by the docs generation)
    log = (demo_data_dir / "build" / "dbt-build.log").read_text()
    for test in ("indicatoren_status_herleidbaar", "herkomst_voor_elke_indicator"):
        assert re.search(rf"PASS {test} \.", log), test


def test_the_demo_story_still_holds(demo):
    def waarden(sql: str) -> list[tuple]:
        return demo.sql(sql).fetchall()

    # one party pays nothing: Twenterand is rood on fulfilment and on the fixed contribution in
    # every year with a norm, and paid nothing
    assert waarden(
        "select jaar, status from marts.indicatoren where deelnemer_code = 'TWR' "
        "and indicator_id = 'bijdrage_vervulling' and norm is not null order by jaar"
    ) == [(2024, "rood"), (2025, "rood"), (2026, "rood")]
    assert waarden(
        "select distinct waarde from marts.indicatoren where deelnemer_code = 'TWR' "
        "and indicator_id = 'vaste_bijdrage_betaald'"
    ) == [(0.0,)]
    # some parties behind, others on track, in a closed year
    statussen = dict(
        waarden(
            "select status, count(*) from marts.indicatoren where jaar = 2025 "
            "and indicator_id = 'bijdrage_vervulling' group by status"
        )
    )
    assert statussen["groen"] >= 5 and statussen.get("oranje", 0) + statussen["rood"] >= 2
    # before/after visible: the region's hours rose with the new style (means of the
    # complete years 2022-2023 against 2024-2025)
    voor, na = waarden(
        "select waarde_voor, waarde_na from marts.indicatoren_voor_na "
        "where indicator_id = 'inzet_uren' and deelnemer_code is null "
        "and vergelijking = 'nieuwe_stijl'"
    )[0]
    assert na > 2 * voor
    # no norms before 2024 (decision 4), values all the same
    assert waarden(
        "select count(*), count(waarde), count(norm), count(status) from marts.indicatoren "
        "where jaar < 2024 and indicator_id = 'inzet_uren'"
    ) == [(32, 32, 0, 0)]
    # the running year up to 30-06-2026 (day 181 of 365): the hour norm pro rata
    assert waarden(
        "select norm, norm_peildatum from marts.indicatoren where jaar = 2026 "
        "and indicator_id = 'inzet_uren' and deelnemer_code = 'ALM'"
    ) == [(130.0, 64.47)]
    # and nothing after the peildatum counts, though the demo deliveries run to 31-10-2026
    assert waarden("select max(datum) from marts.vergaderingen")[0][0].isoformat() <= "2026-06-30"
    assert waarden("select max(startdatum) from marts.odt_zaken")[0][0].isoformat() <= "2026-06-30"
