"""The published warehouse built by real `dbt build` from the fixtures, checked by hand.

Peildatum 30-06-2025. Hand computations are next to each assertion.
"""

from __future__ import annotations

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


def test_hours_against_the_norm(con):
    # ENS 2024: 3,5 (utf8bom) + 2 + 1 (inzet_fouten rows 2 and 12) = 6,5 of 130 h.
    assert value(con, "inzet_uren", 2024, "ENS") == (6.5, 130.0, "rood")
    assert value(con, "inzet_uren_kerngroep", 2024, "ENS") == (6.5, 20.8, None)
    # HVT 2024: 2 + 4,25 + 1,75 = 8. Region 2024: 6,5 + 8 + 8 (PRO) + 3,5 (WIE) + 0,5 (RIH).
    assert value(con, "inzet_uren", 2024, "HVT") == (8.0, 130.0, "rood")
    assert value(con, "inzet_uren", 2024, None) == (26.5, 1950.0, "rood")
    # a party without a single hour still gets its row
    assert value(con, "inzet_uren", 2024, "TWR") == (0.0, 130.0, "rood")


def test_fulfilment_hours_plus_substitute_payment(con):
    # HVT 2024: 100 x (8 / 130 + (1250,50 + 2500,25) / 10000)
    waarde, norm, status = value(con, "bijdrage_vervulling", 2024, "HVT")
    assert waarde == pytest.approx(100 * (8 / 130 + 3750.75 / 10000))
    assert (norm, status) == (100.0, "rood")
    assert value(con, "vervangende_bijdrage", 2024, "HVT") == (3750.75, None, None)


def test_fixed_contribution_paid_on_or_before_peildatum(con):
    assert value(con, "vaste_bijdrage_betaald", 2024, "ENS") == (100.0, 100.0, "groen")
    assert value(con, "vaste_bijdrage_betaald", 2024, "HEN") == (0.0, 100.0, "rood")


def test_pho_meetings_and_attendance(con):
    # Two PHO meetings in 2024 (01-02 and 01-05) against a norm of 4: rood (oranje needs 3).
    assert value(con, "pho_vergaderingen", 2024, None) == (2.0, 4.0, "rood")
    # ENS attended both (on 01-05 one row afwezig, another aanwezig: attended).
    assert value(con, "pho_presentie", 2024, "ENS") == (100.0, 100.0, "groen")
    # HEN: represented on 01-02; its 01-05 row was quarantined: 1 of 2.
    assert value(con, "pho_presentie", 2024, "HEN") == (50.0, 100.0, "rood")
    # WVS is a PHO member (003 Art. 1f) and was only excused: 0 %.
    assert value(con, "pho_presentie", 2024, "WVS") == (0.0, 100.0, "rood")
    # Region = mean over 15 parties + WVS = (100 + 50) / 16.
    assert value(con, "pho_presentie", 2024, None) == (150 / 16, 100.0, "rood")


def test_odt_indicators_after_the_keyed_upsert(con):
    # 2025 zaken: Z1 ENS periodiek (overtreding), Z2 ENS handhaving after reclassification
    # (overtreding, strafrechtelijk), Z3 HEN klacht, Z7 ALM ketentoezicht (no overtreding).
    assert value(con, "odt_handhavingsratio", 2025, "ENS") == (100.0, None, None)
    assert value(con, "odt_handhavingsratio", 2025, "HEN") == (None, None, None)  # 0 / 0
    assert value(con, "odt_overtredingen_pct", 2025, None)[0] == pytest.approx(200 / 3)
    assert value(con, "odt_strafrechtelijk", 2025, "ENS") == (1.0, None, None)
    assert value(con, "odt_klachten", 2025, "HEN") == (1.0, None, None)
    # productie 2025-01 ENS: 90,5 of 100 h (within ±10: oranje), 8 of 10 products (rood)
    assert value(con, "odt_uren_realisatie", 2025, "ENS") == (90.5, 100.0, "oranje")
    assert value(con, "odt_producten_realisatie", 2025, "ENS") == (80.0, 100.0, "rood")


def test_agenda_item_finished_exactly_on_its_deadline_is_on_time(con):
    # A2: deadline 30-06-2024, second version afgerond_op 30-06-2024.
    assert value(con, "agenda_op_tijd", 2024, None) == (100.0, 100.0, "groen")
    assert value(con, "agenda_op_tijd", 2023, None) == (100.0, 100.0, "groen")
    assert value(con, "agenda_achterstallig", 2025, None) == (0.0, 0.0, "groen")
    assert con.sql(
        "select agenda_id, status from marts.agenda_historie order by agenda_id, lading_id"
    ).fetchall() == [("A1", "afgerond"), ("A2", "lopend"), ("A2", "afgerond")]


def test_running_year_count_norm_is_pro_rata(con):
    # 2025 is the running year: PHO norm 4 x 181/365 = 1,98; zero meetings is below
    # 1,98 - 1 = 0,98: rood. (Full-year norm stays published.)
    assert value(con, "pho_vergaderingen", 2025, None) == (0.0, 4.0, "rood")
    # inzet_uren region 2025: 6,5 + 3 + 1,5 = 11 h vs 1950 x 181/365 = 967 h: rood.
    assert value(con, "inzet_uren", 2025, None) == (11.0, 1950.0, "rood")


def test_audit_tables_are_published_with_the_data_as_of_moment(con):
    assert con.sql("select count(*) from audit.ladingen").fetchall() == [(11,)]
    assert con.sql(
        "select count(*) from audit.quarantaine where bron = 'inzet_fouten.csv'"
    ).fetchall() == [(9,)]
    peildatum, data_tot = con.sql("select peildatum, data_tot from audit.publicatie").fetchall()[0]
    assert str(peildatum) == "2025-06-30" and data_tot is not None
