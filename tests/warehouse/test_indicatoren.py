"""The published warehouse built by real `dbt build` from the fixtures, checked by hand.

Peildatum 30-06-2025. Hand computations are next to each assertion.
"""

from __future__ import annotations

import statistics

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(warehouse):
    connection = duckdb.connect(str(warehouse / "vth.duckdb"), read_only=True)
    yield connection
    connection.close()


def value(con, indicator: str, jaar: int, deelnemer: str | None) -> tuple:
    rows = con.execute(
        "select waarde, norm, status from marts.indicatoren where indicator_id = ? and jaar = ? "
        "and deelnemer_code is not distinct from ?",
        [indicator, jaar, deelnemer],
    ).fetchall()
    assert len(rows) == 1, (indicator, jaar, deelnemer, rows)
    return rows[0]


def test_published_tables_have_the_contract_columns(con):
    columns = {
        table: [c[0] for c in con.sql(f"describe {table}").fetchall()]
        for table in ("marts.indicatoren", "audit.ladingen", "audit.quarantaine")
    }
    assert columns["marts.indicatoren"] == [
        "indicator_id",
        "jaar",
        "deelnemer_code",
        "waarde",
        "norm",
        "status",
    ]
    assert columns["audit.ladingen"] == [
        "lading_id",
        "bron",
        "soort",
        "sha256",
        "geladen_op",
        "rijen_gelezen",
        "rijen_geladen",
        "rijen_quarantaine",
        "resultaat",
        "melding",
    ]
    assert columns["audit.quarantaine"] == [
        "lading_id",
        "bron",
        "soort",
        "rij",
        "kolom",
        "waarde",
        "reden",
    ]


# Every catalogue indicator, computed by hand from the fixture deliveries (peildatum 30-06-2025).
# Key: (indicator_id, jaar, deelnemer_code or None for the region) -> (waarde, norm, status).
VERVULLING = {  # 100 x (hours / 130 + vervangende bijdrage / 10,000), 2024
    "ENS": 100 * 6.5 / 130,  # 3,5 (utf8bom) + 2 + 1 (inzet_fouten rows 2 and 12)
    "HVT": 100 * (8 / 130 + 3750.75 / 10000),  # 2 + 4,25 + 1,75 h; 1250,50 + 2500,25 EUR
    "PRO": 100 * 8 / 130,
    "WIE": 100 * 3.5 / 130,
    "RIH": 100 * 0.5 / 130,
}
VERVULLING_ALLE = list(VERVULLING.values()) + [0.0] * 10  # the other ten parties: nothing
EXPECTED = {
    # PHO: 01-02 and 01-05-2024; ENS attended both (on 01-05 one row afwezig, one aanwezig),
    # HEN represented on 01-02 (its 01-05 row was quarantined), WVS only excused.
    ("pho_vergaderingen", 2024, None): (2.0, 4.0, "rood"),  # oranje needs norm - 1 = 3
    ("pho_presentie", 2024, "ENS"): (100.0, 100.0, "groen"),
    ("pho_presentie", 2024, "HEN"): (50.0, 100.0, "rood"),
    ("pho_presentie", 2024, "WVS"): (0.0, 100.0, "rood"),
    ("pho_presentie", 2024, None): (150 / 16, 100.0, "rood"),  # mean over 15 parties + WVS
    # kerngroep 01-03 and 01-04-2024; configured members 2024: ENS HEN ALM PRO.
    ("kerngroep_vergaderingen", 2024, None): (2.0, 12.0, "rood"),
    ("kerngroep_leden", 2024, None): (4.0, 3.0, "groen"),  # ENS, HEN, BOR (guest), ALM
    ("kerngroep_presentie", 2024, "ENS"): (100.0, 100.0, "groen"),
    ("kerngroep_presentie", 2024, "HEN"): (50.0, 100.0, "rood"),
    ("kerngroep_presentie", 2024, "PRO"): (0.0, 100.0, "rood"),
    ("kerngroep_presentie", 2024, None): ((100 + 50 + 50 + 0) / 4, 100.0, "rood"),
    # Twentebreed 15-03-2024: ENS, HEN, LOS of 15 parties.
    ("twentebreed_vergaderingen", 2024, None): (1.0, 6.0, "rood"),
    ("twentebreed_presentie", 2024, "LOS"): (100.0, 100.0, "groen"),
    ("twentebreed_presentie", 2024, "TWR"): (0.0, 100.0, "rood"),  # absent from every list
    ("twentebreed_presentie", 2024, None): (300 / 15, 100.0, "rood"),
    # Hours: 130 per party; region 130 x 15 = 1950.
    ("inzet_uren", 2024, "ENS"): (6.5, 130.0, "rood"),
    ("inzet_uren", 2024, "HVT"): (8.0, 130.0, "rood"),
    ("inzet_uren", 2024, "TWR"): (0.0, 130.0, "rood"),  # no rows at all: 0 hours
    ("inzet_uren", 2024, None): (26.5, 1950.0, "rood"),  # 6,5 + 8 + 8 + 3,5 + 0,5
    ("inzet_uren_kerngroep", 2024, "ENS"): (6.5, 20.8, None),  # 0,016 fte x 1300 h
    ("inzet_uren_twentebreed", 2024, "HVT"): (2.0, 23.4, None),  # 0,018 fte x 1300 h
    ("inzet_uren_projectgroep", 2024, "HVT"): (6.0, 94.9, None),  # 0,073 fte x 1300 h
    ("vervangende_bijdrage", 2024, "HVT"): (3750.75, None, None),
    ("bijdrage_vervulling", 2024, "HVT"): (VERVULLING["HVT"], 100.0, "rood"),
    ("bijdrage_vervulling", 2024, "ENS"): (5.0, 100.0, "rood"),
    ("bijdrage_norm_gehaald", 2024, None): (0.0, 100.0, "rood"),
    (
        "bijdrage_spreiding",
        2024,
        None,
    ): (100 * statistics.pstdev(VERVULLING_ALLE) / statistics.mean(VERVULLING_ALLE), None, None),
    ("vaste_bijdrage_betaald", 2024, "ENS"): (100.0, 100.0, "groen"),  # paid 01-03-2024
    ("vaste_bijdrage_betaald", 2024, "HEN"): (0.0, 100.0, "rood"),  # invoiced, not paid
    # ODT 2025: productie ENS month 1 (month 2 and 13 quarantined): 90,5 / 100 h, 8 / 10.
    ("odt_uren_realisatie", 2025, "ENS"): (90.5, 100.0, "oranje"),  # within ±10
    ("odt_producten_realisatie", 2025, "ENS"): (80.0, 100.0, "rood"),
    # zaken after the upsert: Z1 ENS periodiek (overtreding), Z2 ENS reclassified to
    # handhaving (overtreding, strafrechtelijk), Z3 HEN klacht, Z7 ALM ketentoezicht (no).
    ("odt_handhavingsratio", 2025, "ENS"): (100.0, None, None),  # 1 handhaving / 1 periodiek
    ("odt_handhavingsratio", 2025, "HEN"): (None, None, None),  # 0 / 0
    ("odt_overtredingen_pct", 2025, None): (200 / 3, None, None),  # Z1, Z2 of Z1, Z2, Z7
    ("odt_strafrechtelijk", 2025, "ENS"): (1.0, None, None),
    ("odt_klachten", 2025, "HEN"): (1.0, None, None),
    # Agenda: A1 done before its deadline (2023); A2 done exactly on its deadline (2024).
    ("agenda_op_tijd", 2023, None): (100.0, 100.0, "groen"),
    ("agenda_op_tijd", 2024, None): (100.0, 100.0, "groen"),
    ("agenda_achterstallig", 2025, None): (0.0, 0.0, "groen"),
}


@pytest.mark.parametrize("key", list(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}-{k[2] or 'regio'}")
def test_indicator_equals_the_hand_computed_value(con, key):
    waarde, norm, status = value(con, *key)
    expected_waarde, expected_norm, expected_status = EXPECTED[key]
    if expected_waarde is None:
        assert waarde is None  # zero denominator
    else:
        assert waarde == pytest.approx(expected_waarde, rel=1e-9)
    assert (norm, status) == (expected_norm, expected_status)


def test_every_catalogue_indicator_has_a_hand_computed_check(con):
    catalogue = {
        row[0] for row in con.sql("select indicator_id from marts.evaluatiekader").fetchall()
    }
    assert len(catalogue) == 24
    assert {key[0] for key in EXPECTED} == catalogue


def test_every_catalogue_indicator_has_rows_and_members_only_get_member_rows(con):
    assert con.sql("select count(distinct indicator_id) from marts.indicatoren").fetchall() == [
        (24,)
    ]
    # kerngroep_presentie only for the configured members (BOR attended but is no member)
    assert con.sql(
        "select deelnemer_code from marts.indicatoren where indicator_id = 'kerngroep_presentie' "
        "and jaar = 2024 and deelnemer_code is not null order by 1"
    ).fetchall() == [("ALM",), ("ENS",), ("HEN",), ("PRO",)]


def test_agenda_status_history_is_kept(con):
    assert con.sql(
        "select agenda_id, status from marts.agenda_historie order by agenda_id, lading_id"
    ).fetchall() == [("A1", "afgerond"), ("A2", "lopend"), ("A2", "afgerond")]
    # A2 finished exactly on its deadline: on time, zero days after the deadline
    assert con.sql(
        "select op_tijd_afgerond, dagen_na_deadline from marts.agenda where agenda_id = 'A2'"
    ).fetchall() == [(True, 0)]


def test_before_and_after_the_turning_points(con):
    rows = con.sql(
        "select vergelijking, waarde_voor, waarde_na, verschil, jaren_voor, jaren_na "
        "from marts.indicatoren_voor_na where indicator_id = 'inzet_uren' "
        "and deelnemer_code is null order by vergelijking"
    ).fetchall()
    # Complete years: 2023 (0 h) and 2024 (26,5 h); 2025 is the running year and left out.
    # New style from 1-1-2024: before = 2023, after = 2024. Agreement from 1-11-2024: 2024
    # still counts as before (in force 2 of 12 months): before = mean(0, 26,5), no after yet.
    assert rows == [
        ("nieuwe_stijl", 0.0, 26.5, 26.5, 1, 1),
        ("overeenkomst", 13.25, None, None, 2, 0),
    ]


def test_each_indicator_row_traces_to_its_mart_rows(con):
    mart, predicate = con.sql(
        "select herkomst_mart, herkomst_filter from marts.evaluatiekader "
        "where indicator_id = 'inzet_uren_projectgroep'"
    ).fetchall()[0]
    rows = con.sql(
        f"select sum(uren) from {mart} where {predicate} and deelnemer_code = $deelnemer",
        params={"jaar": 2024, "deelnemer": "HVT"},
    ).fetchall()
    assert rows == [(6.0,)]  # = inzet_uren_projectgroep 2024 HVT


def test_running_year_count_norm_is_pro_rata(con):
    # 2025 is the running year: PHO norm 4 x 181/365 = 1,98; zero meetings is below
    # 1,98 - 1 = 0,98: rood. (Full-year norm stays published.)
    assert value(con, "pho_vergaderingen", 2025, None) == (0.0, 4.0, "rood")
    # inzet_uren region 2025: 6,5 + 3 + 1,5 = 11 h vs 1950 x 181/365 = 967 h: rood.
    assert value(con, "inzet_uren", 2025, None) == (11.0, 1950.0, "rood")


def test_audit_tables_are_published_with_the_data_as_of_moment(con):
    assert con.sql("select count(*) from audit.ladingen").fetchall() == [(12,)]
    assert con.sql(
        "select count(*) from audit.quarantaine where bron = 'inzet_fouten.csv'"
    ).fetchall() == [(9,)]
    peildatum, data_tot = con.sql("select peildatum, data_tot from audit.publicatie").fetchall()[0]
    assert str(peildatum) == "2025-06-30" and data_tot is not None


def test_every_herkomst_filter_runs_against_its_mart(con):
    catalogue = con.sql(
        "select indicator_id, herkomst_mart, herkomst_filter from marts.evaluatiekader"
    ).fetchall()
    counts = {
        indicator: con.sql(
            f"select count(*) from {mart} where {predicate}", params={"jaar": 2024}
        ).fetchall()[0][0]
        for indicator, mart, predicate in catalogue
    }
    assert counts["pho_vergaderingen"] == 2 and counts["kerngroep_vergaderingen"] == 2
