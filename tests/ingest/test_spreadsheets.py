"""Spreadsheets as people make them (data contract v2): one test per situation.

The workbooks were written by LibreOffice Calc (tests/fixtures/spreadsheets/maak.py says how
each was made). All fixtures are loaded once and built once by real `dbt build` (peildatum
31-12-2025); each test checks the rows loaded, the rows quarantined (row, column, reason) and the
indicator values that follow, computed by hand next to the assertion.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.load import load_paths
from tests.conftest import FIXTURES
from warehouse.build import build

SHEETS = FIXTURES / "spreadsheets"
DELIVERIES = [
    "presentie_pho_2025.xlsx",
    "inzet_2025_lang.xlsx",
    "agenda_2025.xlsx",
    "odt_zaken_1904.xlsx",
    "inzet_gemengd.csv",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict:
    data = tmp_path_factory.mktemp("spreadsheets") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        outcomes = {o.bron: o for o in load_paths([SHEETS / name for name in DELIVERIES])}
        result = build(date(2025, 12, 31))
        assert result.ok, result.message
    return {"data": data, "outcomes": outcomes}


def _landing(loaded: dict, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(loaded["data"] / "landing.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _quarantine(loaded: dict, bron: str) -> list[tuple]:
    return _landing(
        loaded,
        "select rij, kolom, waarde, reden from audit.quarantaine where bron = ? "
        "order by rij, kolom nulls first",
        bron,
    )


def _indicator(loaded: dict, indicator: str, jaar: int, deelnemer: str | None) -> float | None:
    con = duckdb.connect(str(loaded["data"] / "vth.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select waarde from marts.indicatoren where indicator_id = ? and jaar = ? "
            "and deelnemer_code is not distinct from ?",
            [indicator, jaar, deelnemer],
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1, (indicator, jaar, deelnemer, rows)
    return rows[0][0]


def test_title_rows_merged_dates_mixed_date_cells_totals_and_error_cells(loaded):
    """presentie_pho_2025.xlsx: sheet "presentie" behind a first sheet "Toelichting"; title on
    row 1, header on row 3; 07-02 merged down over rows 4-6; 16-05 typed as text (row 8 hidden);
    12-09 as date-time cells; row 11 formulas showing ""; #N/A in deelnemer on row 12; a totals
    row 14; a coloured row 15 and coloured columns; "Opmerking" matches no column."""
    outcome = loaded["outcomes"]["presentie_pho_2025.xlsx"]
    assert (outcome.soort, outcome.resultaat) == ("presentie", "geladen")
    # rows 4-10, 12, 13 and 14 are read (11 is empty-looking, 15 is formatting only)
    assert (outcome.rijen_gelezen, outcome.rijen_geladen, outcome.rijen_quarantaine) == (10, 8, 2)
    assert outcome.melding == "kolommen genegeerd: Opmerking"
    assert _landing(loaded, "select naam from bron.presentie where _rij = 4") == [
        ("J. de Vries",)  # a hidden column is data
    ]
    assert _landing(
        loaded, "select _rij, datum, deelnemer, status from bron.presentie order by _rij"
    ) == [
        (4, date(2025, 2, 7), "ENS", "aanwezig"),
        (5, date(2025, 2, 7), "HEN", "aanwezig"),  # the merged date applies to every row
        (6, date(2025, 2, 7), "ALM", "afgemeld"),
        (7, date(2025, 5, 16), "ENS", "aanwezig"),  # date typed as text
        (8, date(2025, 5, 16), "HEN", "afwezig"),  # hidden row: data all the same
        (9, date(2025, 9, 12), "ENS", "aanwezig"),  # date-time cell: the date counts
        (10, date(2025, 9, 12), "ALM", "aanwezig"),
        (13, date(2025, 11, 21), "HEN", "aanwezig"),
    ]
    assert _quarantine(loaded, "presentie_pho_2025.xlsx") == [
        (12, "deelnemer", "#N/A", "foutwaarde #N/A in de cel"),
        (14, None, "Totaal", "totaalrij"),
    ]
    # four meetings (07-02, 16-05, 12-09, 21-11: row 13 keeps the last one)
    assert _indicator(loaded, "pho_vergaderingen", 2025, None) == 4
    # ENS attended 07-02, 16-05, 12-09 of 4 = 75; HEN 07-02, 21-11 = 50; ALM 12-09 = 25
    assert _indicator(loaded, "pho_presentie", 2025, "ENS") == 75
    assert _indicator(loaded, "pho_presentie", 2025, "HEN") == 50
    assert _indicator(loaded, "pho_presentie", 2025, "ALM") == 25


def test_per_cell_types_beyond_row_1000_and_a_unit_in_the_header(loaded):
    """inzet_2025_lang.xlsx: 1,200 rows of date cells and number cells 0,5 under "Uren (uren)";
    row 1150 a text date, 1160 "2,5" and 1170 "1.5" as text, 1180 =1/0, 1190 a date-time,
    1195 the formula =0,25*2."""
    outcome = loaded["outcomes"]["inzet_2025_lang.xlsx"]
    assert (outcome.soort, outcome.rijen_gelezen, outcome.rijen_geladen) == ("inzet", 1200, 1199)
    assert outcome.melding == ""
    assert _landing(
        loaded,
        "select _rij, datum, uren from bron.inzet where _bron = 'inzet_2025_lang.xlsx' "
        "and _rij in (2, 1000, 1150, 1160, 1170, 1190, 1195, 1201) order by _rij",
    ) == [
        (2, date(2025, 1, 1), 0.5),
        (1000, date(2025, 4, 9), 0.5),  # row n: 1 January + (n - 2) % 300 days
        (1150, date(2025, 10, 15), 0.5),  # text date between date cells
        (1160, date(2025, 9, 16), 2.5),  # number typed as text, decimal comma
        (1170, date(2025, 9, 26), 1.5),  # number typed as text, decimal point
        (1190, date(2025, 6, 30), 0.5),  # date-time cell 30-06-2025 16:45
        (1195, date(2025, 10, 21), 0.5),  # the formula's stored result
        (1201, date(2025, 10, 27), 0.5),
    ]
    assert _quarantine(loaded, "inzet_2025_lang.xlsx") == [
        (1180, "uren", "#DIV/0!", "foutwaarde #DIV/0! in de cel"),
    ]
    # 1,197 rows of 0,5 (1,200 minus rows 1160, 1170, 1180) = 598,5; + 2,5 + 1,5 = 602,5
    assert _indicator(loaded, "inzet_uren", 2025, "ENS") == 602.5


def test_percentage_cells_and_percent_text_in_voortgang(loaded):
    """agenda_2025.xlsx: voortgang 100 % and 60 % cells, "75%" and "40 %" text, the number 25,
    and a 60,5 % cell (no whole number)."""
    outcome = loaded["outcomes"]["agenda_2025.xlsx"]
    assert (outcome.rijen_gelezen, outcome.rijen_geladen, outcome.rijen_quarantaine) == (6, 5, 1)
    assert _landing(loaded, "select id, voortgang, deadline from bron.agenda order by id") == [
        ("S1", 100, date(2025, 3, 31)),
        ("S2", 60, date(2025, 6, 30)),
        ("S3", 75, date(2026, 6, 30)),
        ("S4", 40, date(2026, 6, 30)),
        ("S5", 25, date(2026, 6, 30)),
    ]
    assert _quarantine(loaded, "agenda_2025.xlsx") == [
        (7, "voortgang", "60,5%", "geen geheel getal"),
    ]
    # deadlines in 2025 up to the peildatum: S1 (afgerond 15-03, on time) and S2 (lopend)
    assert _indicator(loaded, "agenda_op_tijd", 2025, None) == 50
    assert _indicator(loaded, "agenda_achterstallig", 2025, None) == 1  # S2


def test_1904_dates_boolean_cells_waar_onwaar_and_a_subtotal(loaded):
    """odt_zaken_1904.xlsx: the 1904 date system, TRUE/FALSE cells, WAAR/ONWAAR and ja/nee typed
    as text, and a "Subtotaal" row with =SUM()."""
    outcome = loaded["outcomes"]["odt_zaken_1904.xlsx"]
    assert (outcome.rijen_gelezen, outcome.rijen_geladen, outcome.rijen_quarantaine) == (5, 4, 1)
    assert _landing(
        loaded,
        "select zaak_id, startdatum, einddatum, uren, overtreding, strafrechtelijk "
        "from bron.odt_zaken order by zaak_id",
    ) == [
        ("Z25-1", date(2025, 2, 3), date(2025, 2, 10), 2.5, True, False),  # boolean cells
        ("Z25-2", date(2025, 3, 3), date(2025, 3, 4), 1.0, True, False),  # WAAR / ONWAAR
        ("Z25-3", date(2025, 4, 1), None, 3.0, True, True),  # ja / WAAR
        ("Z25-4", date(2025, 5, 5), date(2025, 5, 6), 1.25, False, False),  # nee / nee
    ]
    assert _quarantine(loaded, "odt_zaken_1904.xlsx") == [(6, None, "Subtotaal", "totaalrij")]
    # inspections with overtreding known: ENS 2 of 2 true, HEN 1 of 2, region 3 of 4
    assert _indicator(loaded, "odt_overtredingen_pct", 2025, "ENS") == 100
    assert _indicator(loaded, "odt_overtredingen_pct", 2025, "HEN") == 50
    assert _indicator(loaded, "odt_overtredingen_pct", 2025, None) == 75
    assert _indicator(loaded, "odt_strafrechtelijk", 2025, "HEN") == 1


def test_mixed_encodings_line_by_line_and_a_ragged_row(loaded):
    """inzet_gemengd.csv: lines 2 and 4 UTF-8, lines 3 and 5 Windows-1252 ("Müller" in both
    encodings), line 4 has 9 fields instead of 7."""
    outcome = loaded["outcomes"]["inzet_gemengd.csv"]
    assert (outcome.rijen_gelezen, outcome.rijen_geladen, outcome.rijen_quarantaine) == (4, 3, 1)
    assert outcome.melding == "regels gelezen als Windows-1252: 3, 5"
    assert _landing(
        loaded, "select melding from audit.ladingen where bron = 'inzet_gemengd.csv'"
    ) == [("regels gelezen als Windows-1252: 3, 5",)]
    rows = _landing(
        loaded,
        "select _rij, medewerker, medewerker_id, omschrijving from bron.inzet "
        "where _bron = 'inzet_gemengd.csv' order by _rij",
    )
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (2, "R. Müller", "Overleg café"),
        (3, "R. Müller", "Overleg café"),
        (5, "José Núñez", "Voorbereiding"),
    ]
    assert rows[0][2] == rows[1][2]  # one person, one pseudonym
    assert _quarantine(loaded, "inzet_gemengd.csv") == [
        (
            4,
            None,
            "08-01-2025;Almelo;R. Müller;twentebreed;;3;Overleg;extra;veld",
            "aantal velden klopt niet: 9 in plaats van 7",
        ),
    ]
    assert _indicator(loaded, "inzet_uren", 2025, "ALM") == 5.0  # 2,5 + 1,5 + 1


def test_no_library_warning_reaches_the_terminal(loaded, capfd, tmp_path, monkeypatch):
    """The reader is per cell: nothing guesses a column type and warns about it."""
    monkeypatch.setenv("VTH_DATA_DIR", str(tmp_path / "data"))
    from ingest.__main__ import main

    assert main([str(SHEETS / "inzet_2025_lang.xlsx")]) == 0
    out, err = capfd.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "inzet_2025_lang.xlsx: soort inzet, 1.200 rijen gelezen, 1.199 geladen, 1 in "
        "quarantaine (geladen)"
    ]


def test_the_fixtures_are_what_the_generator_writes():
    """The committed workbooks are Calc's output (the generator is beside them)."""
    import zipfile

    for name in DELIVERIES[:4]:
        with zipfile.ZipFile(SHEETS / name) as book:
            app = book.read("docProps/app.xml").decode()
        assert "LibreOffice" in app, name
    assert Path(SHEETS / "maak.py").is_file()
