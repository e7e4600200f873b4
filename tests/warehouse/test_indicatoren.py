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
        "select waarde, norm, norm_peildatum, status from marts.indicatoren "
        "where indicator_id = ? and jaar = ? and deelnemer_code is not distinct from ?",
        [indicator, jaar, deelnemer],
    ).fetchall()
    assert len(rows) == 1, (indicator, jaar, deelnemer, rows)
    return rows[0]


def test_published_tables_have_the_contract_columns(con):
    columns = {
        table: [c[0] for c in con.sql(f"describe {table}").fetchall()]
        for table in (
            "marts.indicatoren",
            "marts.herkomst",
            "marts.odt_zaken",
            "audit.ladingen",
            "audit.quarantaine",
        )
    }
    assert columns["marts.indicatoren"] == [
        "indicator_id",
        "jaar",
        "deelnemer_code",
        "waarde",
        "norm",
        "norm_peildatum",
        "status",
    ]
    assert columns["marts.herkomst"] == [
        "indicator_id",
        "jaar",
        "deelnemer_code",
        "bron_mart",
        "filter_sql",
        "aggregatie_sql",
    ]
    # the contract's odt_zaken columns without free text (product)
    assert columns["marts.odt_zaken"] == [
        "zaak_id",
        "jaar",
        "deelnemer_code",
        "taakveld",
        "controle_type",
        "startdatum",
        "einddatum",
        "status",
        "uren",
        "overtreding",
        "lhso_categorie",
        "strafrechtelijk",
        "klacht_aard",
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


# Every catalogue indicator, computed by hand from the fixture deliveries (peildatum 30-06-2025:
# 2025 is the running year, day 181 of 365; 2023 has data but no norms, they hold from 2024).
# Key: (indicator_id, jaar, deelnemer_code or None for the region)
#   -> (waarde, norm, norm_peildatum, status); waarde as published: rounded to 2 decimals.
VERVULLING = {  # published 100 x (hours / 130 + vervangende bijdrage / 10,000), 2024
    "ENS": 5.0,  # 6,5 h: 3,5 (utf8bom) + 2 + 1 (inzet_fouten rows 2 and 12) -> 100 x 6,5 / 130
    "HVT": 43.66,  # 2 + 4,25 + 1,75 h; 1250,50 + 2500,25 EUR -> 43,6613...
    "PRO": 6.15,  # 8 h -> 6,1538...
    "WIE": 2.69,  # 3,5 h -> 2,6923...
    "RIH": 0.38,  # 0,5 h -> 0,3846...
}
VERVULLING_ALLE = list(VERVULLING.values()) + [0.0] * 10  # the other ten parties: nothing
PRO_RATA = 181 / 365  # 2025 up to 30-06-2025
EXPECTED = {
    # PHO: 01-02 and 01-05-2024; ENS attended both (on 01-05 one row afwezig, one aanwezig),
    # HEN represented on 01-02 (its 01-05 row was quarantined), WVS only excused.
    ("pho_vergaderingen", 2024, None): (2.0, 4.0, 4.0, "rood"),  # oranje needs norm - 1 = 3
    ("pho_presentie", 2024, "ENS"): (100.0, 100.0, 100.0, "groen"),
    ("pho_presentie", 2024, "HEN"): (50.0, 100.0, 100.0, "rood"),
    ("pho_presentie", 2024, "WVS"): (0.0, 100.0, 100.0, "rood"),  # shown, not averaged in
    ("pho_presentie", 2024, None): (10.0, 100.0, 100.0, "rood"),  # (100 + 50) / 15 parties
    # kerngroep 01-03 and 01-04-2024; configured members 2024: ENS HEN ALM PRO.
    ("kerngroep_vergaderingen", 2024, None): (2.0, 12.0, 12.0, "rood"),
    ("kerngroep_leden", 2024, None): (4.0, 3.0, 3.0, "groen"),  # ENS, HEN, BOR (guest), ALM
    ("kerngroep_presentie", 2024, "ENS"): (100.0, 100.0, 100.0, "groen"),
    ("kerngroep_presentie", 2024, "HEN"): (50.0, 100.0, 100.0, "rood"),
    ("kerngroep_presentie", 2024, "PRO"): (0.0, 100.0, 100.0, "rood"),
    ("kerngroep_presentie", 2024, None): ((100 + 50 + 50 + 0) / 4, 100.0, 100.0, "rood"),
    # Twentebreed 15-03-2024: ENS, HEN, LOS of 15 parties.
    ("twentebreed_vergaderingen", 2024, None): (1.0, 6.0, 6.0, "rood"),
    ("twentebreed_presentie", 2024, "LOS"): (100.0, 100.0, 100.0, "groen"),
    ("twentebreed_presentie", 2024, "TWR"): (0.0, 100.0, 100.0, "rood"),  # absent from every list
    ("twentebreed_presentie", 2024, None): (20.0, 100.0, 100.0, "rood"),  # 300 / 15
    # Hours: 130 per party; region 130 x 15 = 1950.
    ("inzet_uren", 2024, "ENS"): (6.5, 130.0, 130.0, "rood"),
    ("inzet_uren", 2024, "HVT"): (8.0, 130.0, 130.0, "rood"),
    ("inzet_uren", 2024, "TWR"): (0.0, 130.0, 130.0, "rood"),  # no rows at all: 0 hours
    ("inzet_uren", 2024, None): (26.5, 1950.0, 1950.0, "rood"),  # 6,5 + 8 + 8 + 3,5 + 0,5
    ("inzet_uren_kerngroep", 2024, "ENS"): (6.5, 20.8, 20.8, None),  # 0,016 fte x 1300 h
    ("inzet_uren_twentebreed", 2024, "HVT"): (2.0, 23.4, 23.4, None),  # 0,018 fte x 1300 h
    ("inzet_uren_projectgroep", 2024, "HVT"): (6.0, 94.9, 94.9, None),  # 0,073 fte x 1300 h
    ("vervangende_bijdrage", 2024, "HVT"): (3750.75, None, None, None),
    ("bijdrage_vervulling", 2024, "HVT"): (VERVULLING["HVT"], 100.0, 100.0, "rood"),
    ("bijdrage_vervulling", 2024, "ENS"): (5.0, 100.0, 100.0, "rood"),
    ("bijdrage_norm_gehaald", 2024, None): (0.0, 100.0, 100.0, "rood"),
    ("bijdrage_spreiding", 2024, None): (
        # over the published (rounded) vervulling of the 15 parties
        round(100 * statistics.pstdev(VERVULLING_ALLE) / statistics.mean(VERVULLING_ALLE), 2),
        None,
        None,
        None,
    ),
    ("vaste_bijdrage_betaald", 2024, "ENS"): (100.0, 100.0, 100.0, "groen"),  # paid 01-03-2024
    ("vaste_bijdrage_betaald", 2024, "HEN"): (0.0, 100.0, 100.0, "rood"),  # invoiced, not paid
    # ODT 2025: productie ENS month 1 (month 2 and 13 quarantined): 90,5 / 100 h, 8 / 10.
    ("odt_uren_realisatie", 2025, "ENS"): (90.5, 100.0, 100.0, "oranje"),  # within ±10
    ("odt_producten_realisatie", 2025, "ENS"): (80.0, 100.0, 100.0, "rood"),
    # zaken after the upsert: Z1 ENS periodiek (overtreding), Z2 ENS reclassified to
    # handhaving (overtreding, strafrechtelijk), Z3 HEN klacht, Z7 ALM ketentoezicht (no).
    ("odt_handhavingsratio", 2025, "ENS"): (100.0, None, None, None),  # 1 handhaving / 1 periodiek
    ("odt_handhavingsratio", 2025, "HEN"): (None, None, None, None),  # 0 / 0
    ("odt_overtredingen_pct", 2025, None): (66.67, None, None, None),  # Z1, Z2 of Z1, Z2, Z7
    ("odt_strafrechtelijk", 2025, "ENS"): (1.0, None, None, None),
    # Agenda: A1 done before its deadline (2023: no norm yet); A2 done exactly on its deadline.
    ("agenda_op_tijd", 2023, None): (100.0, None, None, None),
    ("agenda_op_tijd", 2024, None): (100.0, 100.0, 100.0, "groen"),
    # --- 2025, the running year up to 30-06-2025 (rows after it in the na_peildatum files) ---
    # Hours: ALM 6,5 + 1,5, HEN 2,25 on the peildatum (its 5 h on 01-07 do not count); the hour
    # norm pro rata: 130 x 181 / 365 = 64,47; region 1950 x 181 / 365 = 966,99.
    ("inzet_uren", 2025, "HEN"): (2.25, 130.0, 64.47, "rood"),
    ("inzet_uren", 2025, None): (13.25, 1950.0, 966.99, "rood"),
    ("inzet_uren_kerngroep", 2025, "ALM"): (6.5, 20.8, 10.31, None),  # 20,8 x 181 / 365
    # vervulling on track: 100 x hours / 64,47 (not / 130)
    ("bijdrage_vervulling", 2025, "ALM"): (12.41, 100.0, 100.0, "rood"),  # 8 / 64,47
    ("bijdrage_vervulling", 2025, "HEN"): (3.49, 100.0, 100.0, "rood"),  # 2,25 / 64,47
    # LOS: EUR 1.300 without any date counts by its jaar; EUR 3.250 invoiced on 01-07 does not.
    ("vervangende_bijdrage", 2025, "LOS"): (1300.0, None, None, None),
    ("bijdrage_vervulling", 2025, "LOS"): (13.0, 100.0, 100.0, "rood"),  # 1300 / 10000, no hours
    # paid on the peildatum counts, paid on 15-07 does not (amounts are not pro-rated)
    ("vaste_bijdrage_betaald", 2025, "HEN"): (100.0, 100.0, 100.0, "groen"),
    ("vaste_bijdrage_betaald", 2025, "ENS"): (0.0, 100.0, 100.0, "rood"),
    # PHO 12-03-2025 (the one of 11-09 is after the peildatum): norm 4 x 181 / 365 = 1,98,
    # oranje from 0,98. ENS's delegate is the chair, which counts at the PHO.
    ("pho_vergaderingen", 2025, None): (1.0, 4.0, 1.98, "oranje"),
    ("pho_presentie", 2025, "ENS"): (100.0, 100.0, 100.0, "groen"),
    ("pho_presentie", 2025, None): (13.33, 100.0, 100.0, "rood"),  # (100 + 100) / 15
    # kerngroep 30-06-2025: ENS is there only as secretaris and voorzitter (the cooperation's
    # officers, who count for nobody); its own member sent apologies. HEN attended.
    ("kerngroep_vergaderingen", 2025, None): (1.0, 12.0, 5.95, "rood"),  # oranje from 3,95
    ("kerngroep_presentie", 2025, "ENS"): (0.0, 100.0, 100.0, "rood"),
    ("kerngroep_presentie", 2025, "HEN"): (100.0, 100.0, 100.0, "groen"),
    ("kerngroep_presentie", 2025, None): (25.0, 100.0, 100.0, "rood"),  # ENS HEN ALM PRO
    ("kerngroep_leden", 2025, None): (1.0, 3.0, 3.0, "rood"),  # not pro-rated
    ("twentebreed_vergaderingen", 2025, None): (0.0, 6.0, 2.98, "rood"),
    ("twentebreed_presentie", 2025, None): (None, 100.0, 100.0, None),  # no meetings
    # ODT: HEN month 6 (40 h planned, 38 realised) counts, month 7 does not; Z8 started on the
    # peildatum counts, Z9 a day later does not.
    ("odt_uren_realisatie", 2025, "HEN"): (95.0, 100.0, 100.0, "groen"),
    ("odt_uren_realisatie", 2025, None): (91.79, 100.0, 100.0, "oranje"),  # 128,5 / 140
    ("odt_klachten", 2025, "HEN"): (2.0, None, None, None),  # Z3, Z8
    # Agenda: A4 (deadline 31-05-2025) was completed on 10-07-2025, after the peildatum: at the
    # peildatum it is overdue, not completed.
    ("agenda_op_tijd", 2025, None): (0.0, 100.0, 100.0, "rood"),
    ("agenda_achterstallig", 2025, None): (1.0, 0.0, 0.0, "oranje"),
    # 2023: values, no norms (evaluatiekader v2 decision 4)
    ("inzet_uren", 2023, None): (0.0, None, None, None),
    ("pho_vergaderingen", 2023, None): (0.0, None, None, None),
}


@pytest.mark.parametrize("key", list(EXPECTED), ids=lambda k: f"{k[0]}-{k[1]}-{k[2] or 'regio'}")
def test_indicator_equals_the_hand_computed_value(con, key):
    # published values are rounded to 2 decimals: compare exactly
    assert value(con, *key) == EXPECTED[key]


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
    ).fetchall() == [
        ("A1", "afgerond"),
        ("A2", "lopend"),
        ("A2", "afgerond"),
        ("A4", "afgerond"),
        ("A5", "afgerond"),
    ]
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
    # 2023 has no norm, but its value is compared all the same (decision 4).
    assert rows == [
        ("nieuwe_stijl", 0.0, 26.5, 26.5, 1, 1),
        ("overeenkomst", 13.25, None, None, 2, 0),
    ]


def test_herkomst_names_the_participant_and_recomputes_the_value(con):
    bron, filter_sql, aggregatie = con.sql(
        "select bron_mart, filter_sql, aggregatie_sql from marts.herkomst "
        "where indicator_id = 'inzet_uren_projectgroep' and jaar = 2024 and deelnemer_code = 'HVT'"
    ).fetchall()[0]
    assert (bron, filter_sql, aggregatie) == (
        "inzet_per_maand",
        "gremium = 'projectgroep' and jaar = 2024 and deelnemer_code = 'HVT'",
        "coalesce(sum(uren), 0)",
    )
    rows = con.sql(f"select round({aggregatie}, 2) from marts.{bron} where {filter_sql}").fetchall()
    assert float(rows[0][0]) == 6.0  # = inzet_uren_projectgroep 2024 HVT (4,25 + 1,75)
    # the case indicators trace down to one row per case
    assert con.sql(
        "select bron_mart from marts.herkomst where indicator_id = 'odt_klachten' "
        "and jaar = 2025 and deelnemer_code = 'HEN'"
    ).fetchall() == [("odt_zaken",)]


def test_rows_after_peildatum_count_nowhere(con):
    """Decision 10, on data that runs past the peildatum (30-06-2025): which date counts."""
    # inzet by datum: HEN's 5 h of 01-07-2025 are not in any mart (2,25 h of 30-06 are)
    assert con.sql(
        "select maand, uren from marts.inzet_per_maand where deelnemer_code = 'HEN'"
    ).fetchall() == [(6, 2.25)]
    # a meeting by its datum: the PHO of 11-09-2025 does not exist yet
    assert con.sql("select max(datum) from marts.vergaderingen").fetchall()[0][0].isoformat() == (
        "2025-06-30"
    )
    # bijdragen by factuurdatum, else betaaldatum, else jaar: LOS's EUR 3.250 invoiced on
    # 01-07-2025 is left out; paid only with a betaaldatum on or before the peildatum
    assert con.sql(
        "select deelnemer_code, soort, bedrag, betaald from marts.bijdragen "
        "where jaar = 2025 order by deelnemer_code"
    ).fetchall() == [
        ("ENS", "vaste_bijdrage", 10000, False),
        ("HEN", "vaste_bijdrage", 10000, True),
        ("LOS", "vervangende_bijdrage", 1300, False),
    ]
    # an odt_productie month when its first day is on or before the peildatum: July is not
    assert con.sql(
        "select max(maand) from marts.odt_productie where jaar = 2025"
    ).fetchall() == [(6,)]
    # an odt_zaken case by its startdatum: Z8 (30-06) in, Z9 (01-07) out
    assert con.sql(
        "select zaak_id from marts.odt_zaken where zaak_id in ('Z8', 'Z9')"
    ).fetchall() == [("Z8",)]
    # an agenda item completed after the peildatum is not completed: A4 is overdue
    assert con.sql(
        "select afgerond, op_tijd_afgerond, achterstallig, dagen_na_deadline from marts.agenda "
        "where agenda_id = 'A4'"
    ).fetchall() == [(False, False, True, 30)]


def test_hours_and_amounts_are_decimals_from_landing_to_marts(con):
    types = dict(
        con.sql(
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where (table_name, column_name) in (('inzet_per_maand', 'uren'), "
            "('bijdragen', 'bedrag'), ('odt_zaken', 'uren'), ('odt_productie', 'uren_gepland'), "
            "('bijdragen_per_deelnemer', 'uren_totaal'), "
            "('bijdragen_per_deelnemer', 'vervangende_bijdrage'))"
        ).fetchall()
    )
    assert types == {
        "inzet_per_maand.uren": "DECIMAL(18,4)",
        "bijdragen.bedrag": "DECIMAL(14,2)",
        "odt_zaken.uren": "DECIMAL(18,4)",
        "odt_productie.uren_gepland": "DECIMAL(18,4)",
        "bijdragen_per_deelnemer.uren_totaal": "DECIMAL(18,4)",
        "bijdragen_per_deelnemer.vervangende_bijdrage": "DECIMAL(14,2)",
    }


def test_audit_tables_are_published_with_the_data_as_of_moment(con):
    assert con.sql("select count(*) from audit.ladingen").fetchall() == [(18,)]
    assert con.sql(
        "select count(*) from audit.quarantaine where bron = 'inzet_fouten.csv'"
    ).fetchall() == [(9,)]
    peildatum, data_tot = con.sql("select peildatum, data_tot from audit.publicatie").fetchall()[0]
    assert str(peildatum) == "2025-06-30" and data_tot is not None
