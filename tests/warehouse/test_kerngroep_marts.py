"""marts.leveringen, marts.achterstanden and marts.afrekening, built by dbt, checked by hand.

Two warehouses:

- ``cyclus``: the deliveries of tests/fixtures/kerngroep, built at peildatum 15-05-2025 (day 135
  of 365) after the kerngroep closed 2025 (warehouse/jaarafsluiting.py):
  * inzet: Almelo 5 x 20 h in 2024 (15-01 .. 13-12) and 10 h on 10-04-2025; Borne 7 x 20 h in
    2024 (05-02 .. 06-12), nothing in 2025.
  * bijdragen: ALM fixed 2024 invoiced 01-02-2024 paid 20-02-2024, a substitute 2024 of 1.000
    invoiced 15-01-2025 paid 01-02-2025, fixed 2025 invoiced 30-04-2025 open; BOR fixed 2024
    paid 01-06-2024, fixed 2025 invoiced 03-02-2025 open; HVT fixed 2025 without dates, open.
  * presentie: kerngroep meetings 10-01-2024 and 12-02-2025, a PHO meeting 20-11-2024.
- ``warehouse``: the session's fixture build at 30-06-2025 (tests/conftest.py), nothing closed
  by the kerngroep, so 2025 is the running year.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import duckdb
import pytest

from ingest.load import load_paths
from tests.conftest import FIXTURES
from warehouse import jaarafsluiting
from warehouse.build import build

PEILDATUM = date(2025, 5, 15)


@pytest.fixture(scope="module")
def cyclus(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("cyclus") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        load_paths(sorted((FIXTURES / "kerngroep").glob("*.csv")))
        jaarafsluiting.sluit_jaar(2025, "secretaris", "kerngroep")
        result = build(PEILDATUM)
        assert result.ok, result.message
    return data


def _open(data: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data / "vth.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def con(cyclus):
    connection = _open(cyclus)
    yield connection
    connection.close()


def _geladen_op(con, bron: str):
    [(moment,)] = con.execute(
        "select geladen_op from audit.ladingen where bron = ?", [bron]
    ).fetchall()
    return moment


# --- marts.afrekening ---------------------------------------------------------------------


def test_settlement_of_a_closed_year_pro_rata_to_the_cent(con):
    rows = con.sql(
        "select jaar, deelnemer_code, afsluiting, uren_geleverd, urennorm, uren_tekort, "
        "uren_per_partij, bedrag_per_partij, vervangende_bijdrage_verschuldigd, "
        "vervangende_bijdrage_gefactureerd, vervangende_bijdrage_betaald, saldo "
        "from marts.afrekening where deelnemer_code in ('ALM', 'BOR') order by jaar, 2"
    ).fetchall()
    assert rows == [
        # 100 h of 130: 30 h short x 10.000 / 130 = 2.307,6923 -> 2.307,69; paid 1.000
        (2024, "ALM", "jaar_voorbij", D("100"), D("130"), D("30"), D("130"), D("10000"),
         D("2307.69"), D("1000"), D("1000"), D("1307.69")),
        # 140 h: nothing short, nothing owed
        (2024, "BOR", "jaar_voorbij", D("140"), D("130"), D("0"), D("130"), D("10000"),
         D("0"), D("0"), D("0"), D("0")),
        # 2025 closed by the kerngroep: the full norm, not the part up to 15-05:
        # 120 h short x 10.000 / 130 = 9.230,769... -> 9.230,77
        (2025, "ALM", "kerngroep", D("10"), D("130"), D("120"), D("130"), D("10000"),
         D("9230.77"), D("0"), D("0"), D("9230.77")),
        (2025, "BOR", "kerngroep", D("0"), D("130"), D("130"), D("130"), D("10000"),
         D("10000"), D("0"), D("0"), D("10000")),
    ]
    # every party, both years
    assert con.sql("select jaar, count(*) from marts.afrekening group by jaar order by jaar"
                   ).fetchall() == [(2024, 15), (2025, 15)]


def test_running_year_is_not_settled_unless_closed(warehouse):
    connection = _open(warehouse)
    try:
        jaren = connection.sql("select distinct jaar from marts.afrekening").fetchall()
        # HVT 2024: 2 + 4,25 + 1,75 = 8 h; 122 h short -> 9.384,615... -> 9.384,62; substitute
        # rows 1.250,50 (paid 20-12-2024) and 2.500,25 (no dates: counts by jaar, unpaid)
        hvt = connection.sql(
            "select uren_geleverd, uren_tekort, vervangende_bijdrage_verschuldigd, "
            "vervangende_bijdrage_gefactureerd, vervangende_bijdrage_betaald, saldo "
            "from marts.afrekening where jaar = 2024 and deelnemer_code = 'HVT'"
        ).fetchall()
    finally:
        connection.close()
    assert jaren == [(2024,)]  # 2025 is the year of peildatum (30-06-2025), not closed
    assert hvt == [(D("8"), D("122"), D("9384.62"), D("3750.75"), D("1250.50"), D("8134.12"))]


# --- marts.achterstanden --------------------------------------------------------------------


ACHTERSTAND_KOLOMMEN = (
    "jaar, deelnemer_code, vervulling_pct, vervulling_status, onder_norm_sinds_jaar, "
    "jaren_onder_norm, vaste_bijdrage_gefactureerd, vaste_bijdrage_betaald, "
    "vaste_bijdrage_open, vaste_bijdrage_factuurdatum, vaste_bijdrage_vervaldatum, "
    "vaste_bijdrage_dagen_te_laat, vaste_bijdrage_status, vervangende_bijdrage_verschuldigd, "
    "vervangende_bijdrage_betaald, vervangende_bijdrage_saldo, uren_tot_en_met, "
    "leveringen_te_laat"
)


def test_achterstanden_status_since_when_fixed_contribution_and_substitute(con):
    rows = con.sql(
        f"select {ACHTERSTAND_KOLOMMEN} from marts.achterstanden "
        "where deelnemer_code in ('ALM', 'BOR', 'HVT') order by deelnemer_code, jaar"
    ).fetchall()
    assert rows == [
        # 100 / 130 + 1.000 / 10.000 = 86,92 % -> oranje; fixed contribution paid in time
        (2024, "ALM", D("86.92"), "oranje", 2024, 1, D("10000"), D("10000"), D("0"),
         date(2024, 2, 1), None, None, "betaald", D("2307.69"), D("1000"), D("1307.69"),
         date(2024, 12, 13), 0),
        # running year: 10 h against 130 x 135 / 365 = 48,08 h -> 20,80 % rood, below the norm
        # since 2024 (2 years); invoice of 30-04-2025 due 30-05-2025: open, not yet late
        (2025, "ALM", D("20.80"), "rood", 2024, 2, D("10000"), D("0"), D("10000"),
         date(2025, 4, 30), date(2025, 5, 30), None, "open", D("9230.77"), D("0"),
         D("9230.77"), date(2025, 4, 10), 0),
        # 140 / 130 = 107,69 % groen; paid on 01-06-2024 (late, but paid)
        (2024, "BOR", D("107.69"), "groen", None, None, D("10000"), D("10000"), D("0"),
         date(2024, 2, 1), None, None, "betaald", D("0"), D("0"), D("0"), date(2024, 12, 6), 0),
        # no hours in 2025: rood since 2025; invoice 03-02-2025 due 05-03-2025: 71 days late on
        # 15-05-2025 (26 + 30 + 15); hours of January, February and March not delivered
        (2025, "BOR", D("0"), "rood", 2025, 1, D("10000"), D("0"), D("10000"),
         date(2025, 2, 3), date(2025, 3, 5), 71, "te_laat", D("10000"), D("0"), D("10000"),
         None, 3),
        # no invoice for 2024; 0 % in both years
        (2024, "HVT", D("0"), "rood", 2024, 1, D("0"), D("0"), D("0"), None, None, None,
         "niet_gefactureerd", D("10000"), D("0"), D("10000"), None, 12),
        # an invoice row without dates: open, but no due date, so not "te laat"
        (2025, "HVT", D("0"), "rood", 2024, 2, D("10000"), D("0"), D("10000"), None, None,
         None, "open", D("10000"), D("0"), D("10000"), None, 3),
    ]
    laatste = con.sql(
        "select distinct laatste_levering from marts.achterstanden "
        "where deelnemer_code = 'ALM'"
    ).fetchall()
    assert laatste == [(_geladen_op(con, "inzet_kerngroep.csv"),)]


def test_achterstanden_in_the_running_year_on_the_norm_up_to_peildatum(warehouse):
    connection = _open(warehouse)
    try:
        rows = connection.sql(
            "select jaar, deelnemer_code, vervulling_pct, onder_norm_sinds_jaar, "
            "jaren_onder_norm, vaste_bijdrage_vervaldatum, vaste_bijdrage_dagen_te_laat, "
            "vaste_bijdrage_status, vervangende_bijdrage_verschuldigd, "
            "vervangende_bijdrage_betaald, vervangende_bijdrage_saldo "
            "from marts.achterstanden where (jaar, deelnemer_code) in "
            "((2024, 'HEN'), (2025, 'ENS'), (2025, 'HEN'), (2025, 'LOS')) order by 1, 2"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [
        # invoice 01-02-2024 never paid: due 02-03-2024 (2024 is a leap year), 485 days late on
        # 30-06-2025 (365 + 29 + 30 + 31 + 30)
        (2024, "HEN", D("0"), 2024, 1, date(2024, 3, 2), 485, "te_laat", D("10000"), D("0"),
         D("10000")),
        # paid on 15-07-2025, after peildatum: at 30-06-2025 still open, due 05-03-2025, 117 days
        # no hours in 2025 either: 64,47 h short -> 4.959,23 (as LOS below)
        (2025, "ENS", D("0"), 2024, 2, date(2025, 3, 5), 117, "te_laat", D("4959.23"), D("0"),
         D("4959.23")),
        # paid on peildatum; 2,25 h on 30-06-2025 against 64,47 h (130 x 181 / 365): 3,49 %;
        # 62,22 h short x 10.000 / 130 = 4.786,1538 -> 4.786,15
        (2025, "HEN", D("3.49"), 2024, 2, None, None, "betaald", D("4786.15"), D("0"),
         D("4786.15")),
        # no hours: 64,47 h short x 10.000 / 130 = 4.959,23; the substitute of 1.300 without
        # dates counts (13 %), the one invoiced 01-07-2025 does not
        (2025, "LOS", D("13.00"), 2024, 2, None, None, "niet_gefactureerd", D("4959.23"),
         D("0"), D("4959.23")),
    ]


# --- marts.leveringen ------------------------------------------------------------------------


def _levering(con, leverancier: str, soort: str, label: str, gremium: str | None = None):
    rows = con.execute(
        "select vervaldatum, geleverd, status, dagen_te_laat from marts.leveringen "
        "where leverancier_code = ? and soort = ? and periode_label = ? "
        "and gremium is not distinct from ?",
        [leverancier, soort, label, gremium],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_deliveries_per_party_kind_and_period(con):
    # Borne's hours reach December 2024: 2025 is late from January (due 31-01 + 30 days)
    assert _levering(con, "BOR", "inzet", "2024-01") == (date(2024, 3, 1), True, "geleverd", None)
    assert _levering(con, "BOR", "inzet", "2025-01") == (date(2025, 3, 2), False, "te_laat", 74)
    assert _levering(con, "BOR", "inzet", "2025-02") == (date(2025, 3, 30), False, "te_laat", 46)
    assert _levering(con, "BOR", "inzet", "2025-03") == (date(2025, 4, 30), False, "te_laat", 15)
    assert _levering(con, "BOR", "inzet", "2025-04") == (
        date(2025, 5, 30), False, "nog_niet_verschuldigd", None)
    # Almelo delivered up to April 2025: the months in between without hours count as delivered
    assert _levering(con, "ALM", "inzet", "2024-02") == (date(2024, 3, 30), True, "geleverd", None)
    assert _levering(con, "ALM", "inzet", "2025-04") == (date(2025, 5, 30), True, "geleverd", None)
    assert _levering(con, "ALM", "inzet", "2025-05") == (
        date(2025, 6, 30), False, "nog_niet_verschuldigd", None)
    # the secretary's attendance lists, per gremium: kerngroep up to February 2025
    assert _levering(con, "ENS", "presentie", "2025-02", "kerngroep")[1:3] == (True, "geleverd")
    assert _levering(con, "ENS", "presentie", "2025-03", "kerngroep") == (
        date(2025, 4, 14), False, "te_laat", 31)
    assert _levering(con, "ENS", "presentie", "2025-04", "kerngroep") == (
        date(2025, 5, 14), False, "te_laat", 1)
    assert _levering(con, "ENS", "presentie", "2024-K4", "pho")[1:3] == (True, "geleverd")
    assert _levering(con, "ENS", "presentie", "2025-K1", "pho") == (
        date(2025, 4, 14), False, "te_laat", 31)
    assert _levering(con, "ENS", "presentie", "2025-01/02", "twentebreed") == (
        date(2025, 3, 14), False, "te_laat", 62)
    # money: the host's bijdragen reach 2025; ODT delivered nothing
    assert _levering(con, "ENS", "bijdragen", "2025") == (date(2026, 3, 31), True, "geleverd", None)
    assert _levering(con, "ODT", "odt_productie", "2025-01") == (
        date(2025, 3, 2), False, "te_laat", 74)
    assert _levering(con, "ODT", "odt_zaken", "2025-K2") == (
        date(2025, 7, 30), False, "nog_niet_verschuldigd", None)
    assert _levering(con, "ENS", "agenda", "2025-K1") == (date(2025, 4, 14), False, "te_laat", 31)


def test_deliveries_arrival_and_the_periods_listed(con):
    assert con.sql(
        "select distinct aangeleverd_op from marts.leveringen "
        "where leverancier_code = 'ALM' and soort = 'inzet' and geleverd"
    ).fetchall() == [(_geladen_op(con, "inzet_kerngroep.csv"),)]
    # periods from January 2024 up to the one holding 15-05-2025: 15 parties x 17 months, the
    # host's 2 years, kerngroep 17 months, Twentebreed 6 + 3, PHO 4 + 2, ODT 17 months and
    # 4 + 2 quarters, the agenda 4 + 2 quarters
    assert con.sql(
        "select soort, gremium, count(*) from marts.leveringen group by soort, gremium "
        "order by soort, gremium"
    ).fetchall() == [
        ("agenda", None, 6), ("bijdragen", None, 2), ("inzet", None, 255),
        ("odt_productie", None, 17), ("odt_zaken", None, 6), ("presentie", "kerngroep", 17),
        ("presentie", "pho", 6), ("presentie", "twentebreed", 9),
    ]


# --- the years the kerngroep closes ---------------------------------------------------------


def test_closing_and_reopening_a_year_is_state_and_logged(data_dir):
    assert jaarafsluiting.afgesloten_jaren() == []
    assert not data_dir.exists()  # reading creates nothing
    assert jaarafsluiting.sluit_jaar(2026, "secretaris", "kerngroep") == [2026]
    with pytest.raises(jaarafsluiting.JaarafsluitingFout, match="al afgesloten"):
        jaarafsluiting.sluit_jaar(2026, "secretaris", "kerngroep")
    assert jaarafsluiting.heropen_jaar(2026, "voorzitter", "kerngroep") == []
    with pytest.raises(jaarafsluiting.JaarafsluitingFout, match="niet door de kerngroep"):
        jaarafsluiting.heropen_jaar(2026, "voorzitter", "kerngroep")
    with pytest.raises(jaarafsluiting.JaarafsluitingFout, match="ongeldig jaar"):
        jaarafsluiting.sluit_jaar(1900, "secretaris", "kerngroep")
    bestand = data_dir / "afgesloten-jaren.json"
    assert bestand.stat().st_mode & 0o777 == 0o600
    historie = json.loads(bestand.read_text())["historie"]
    assert [(h["jaar"], h["actie"], h["door"]) for h in historie] == [
        (2026, "gesloten", "secretaris"), (2026, "heropend", "voorzitter")]
    regels = [json.loads(r) for r in (data_dir / "logboek" / "logboek.jsonl").read_text()
              .splitlines()]
    assert [(r["actie"], r["gebruiker"], r["rol"], r["details"]) for r in regels] == [
        ("jaarafsluiting", "secretaris", "kerngroep", {"jaar": 2026, "actie": "gesloten"}),
        ("jaarafsluiting", "voorzitter", "kerngroep", {"jaar": 2026, "actie": "heropend"}),
    ]
