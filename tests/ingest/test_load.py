"""Loading fixture deliveries: exact loaded values, quarantine rows and audit rows, by hand."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from core import lock, paths
from ingest.__main__ import main as ingest_main
from ingest.load import load_paths
from tests.conftest import fixture


def _rows(sql: str) -> list[tuple]:
    con = duckdb.connect(str(paths.landing_path()), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def test_three_separators_and_encodings_load_the_same_way(data_dir):
    outcomes = load_paths(
        [
            fixture("inzet_puntkomma_utf8bom.csv"),
            fixture("inzet_komma_cp1252.csv"),
            fixture("inzet_tab.csv"),
        ]
    )
    assert [(o.soort, o.resultaat, o.rijen_gelezen, o.rijen_geladen) for o in outcomes] == [
        ("inzet", "geladen", 6, 6),
        ("inzet", "geladen", 3, 3),
        ("inzet", "geladen", 2, 2),
    ]
    assert _rows(
        "select datum, deelnemer, medewerker, gremium, project, uren, omschrijving, _rij "
        "from bron.inzet order by _lading_id, _rij"
    ) == [
        # ; separator, UTF-8 with BOM, decimal comma, organisation and gremium aliases
        (date(2024, 3, 5), "ENS", "J. de Vries", "kerngroep", None, 3.5, "Kerngroepdag maart", 2),
        (date(2024, 3, 12), "HVT", "A. Jansen", "twentebreed", None, 2.0, "Overleg", 3),
        (
            date(2024, 3, 13),
            "HVT",
            "A. Jansen",
            "projectgroep",
            "Bodem",
            4.25,
            "Werkgroep bodem",
            4,
        ),
        (date(2024, 3, 14), "HVT", None, "projectgroep", "Bodem", 1.75, None, 5),
        (date(2024, 3, 15), "PRO", "K. Smit", "projectgroep", "Energie", 8.0, "Energieproject", 6),
        (date(2024, 3, 16), "RIH", None, "overig", None, 0.5, "Telefoon", 7),
        # , separator, Windows-1252 (ü, é), decimal point, three date forms
        (date(2025, 1, 7), "ALM", "R. Müller", "kerngroep", None, 6.5, "Overleg café", 2),
        (date(2025, 1, 7), "BOR", None, "twentebreed", None, 3.0, None, 3),
        (date(2025, 1, 8), "ALM", None, "twentebreed", None, 1.5, "Voorbereiding", 4),
        # tab separator, optional columns absent
        (date(2024, 2, 1), "WIE", None, "kerngroep", None, 2.0, None, 2),
        (date(2024, 2, 2), "WIE", None, "pho", None, 1.5, None, 3),
    ]


def test_every_inzet_rule_quarantines_with_row_column_value_and_reason(data_dir):
    [outcome] = load_paths([fixture("inzet_fouten.csv")])
    # 11 data lines, one blank (not a record): 10 read, rows 2 and 12 load, 8 rows rejected.
    assert (outcome.rijen_gelezen, outcome.rijen_geladen, outcome.rijen_quarantaine) == (10, 2, 8)
    assert _rows("select _rij, uren from bron.inzet order by _rij") == [(2, 2.0), (12, 1.0)]
    assert _rows("select rij, kolom, waarde, reden from audit.quarantaine order by rij, kolom") == [
        (3, "datum", "31-02-2024", "geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"),
        (
            4,
            "deelnemer",
            "Gemeente Amsterdam",
            "onbekende organisatie (code, naam of alias uit de organisatielijst)",
        ),
        (
            5,
            "deelnemer",
            "Waterschap Vechtstromen",
            "organisatie is geen partij van de samenwerking (003 Art. 1a)",
        ),
        (
            6,
            "gremium",
            "bestuur",
            "onbekende waarde; toegestaan: kerngroep, twentebreed, projectgroep, pho, overig",
        ),
        (7, "uren", "abc", "geen geldig getal"),
        (8, "uren", "30", "waarde mag maximaal 24 zijn"),
        (9, "uren", "0", "waarde moet groter zijn dan 0"),
        (11, "datum", None, "verplicht veld is leeg"),
        (11, "uren", None, "verplicht veld is leeg"),
    ]


def test_excel_sheet_named_after_the_kind_date_cells_and_dutch_amounts(data_dir):
    [outcome] = load_paths([fixture("bijdragen_excel.xlsx")])
    assert (outcome.soort, outcome.rijen_gelezen, outcome.rijen_geladen) == ("bijdragen", 7, 5)
    assert _rows(
        "select jaar, deelnemer, soort, bedrag, factuurdatum, betaaldatum, _rij "
        "from bron.bijdragen order by _rij"
    ) == [
        (2024, "ENS", "vaste_bijdrage", Decimal("10000.00"), date(2024, 2, 1), date(2024, 3, 1), 2),
        (2024, "HEN", "vaste_bijdrage", Decimal("10000.00"), date(2024, 2, 1), None, 3),
        (
            2024,
            "HVT",
            "vervangende_bijdrage",
            Decimal("1250.50"),
            date(2024, 12, 1),
            date(2024, 12, 20),
            4,
        ),
        (2024, "HVT", "vervangende_bijdrage", Decimal("2500.25"), None, None, 5),
        (2024, "ENS", "variabele_bijdrage", Decimal("-150.00"), None, None, 6),
    ]
    assert _rows("select rij, kolom, waarde, reden from audit.quarantaine order by rij") == [
        (
            7,
            "bedrag",
            "-99",
            "negatief bedrag mag alleen bij een creditnota (vermeld 'creditnota' in omschrijving)",
        ),
        (8, "deelnemer", None, "verplicht veld is leeg"),
    ]


def test_presentie_rules(data_dir):
    load_paths([fixture("presentie_pho.csv")])
    assert _rows(
        "select _rij, gremium, deelnemer, status, vertegenwoordigd_door from bron.presentie "
        "order by _rij"
    ) == [
        (2, "pho", "ENS", "aanwezig", None),
        (3, "pho", "HEN", "vertegenwoordigd", "ENS"),
        (4, "pho", "WVS", "afgemeld", None),
        (7, "pho", "ENS", "afwezig", None),
        (8, "pho", "ENS", "aanwezig", None),
    ]
    assert _rows("select rij, kolom, waarde from audit.quarantaine order by rij") == [
        (5, "deelnemer", "ODT"),
        (6, "vertegenwoordigd_door", None),
        (9, "status", "ziek"),
    ]


def test_odt_zaken_case_rules_and_keyed_upsert(data_dir):
    first, second = load_paths([fixture("odt_zaken_a.csv"), fixture("odt_zaken_b.csv")])
    assert (first.rijen_gelezen, first.rijen_geladen, first.rijen_quarantaine) == (7, 3, 4)
    # Z2 from file a is replaced by file b's version (reclassified to handhaving).
    assert _rows(
        "select zaak_id, controle_type, status, overtreding, strafrechtelijk, lhso_categorie, "
        "uren, _bron from bron.odt_zaken order by zaak_id"
    ) == [
        ("Z1", "periodiek", "afgerond", True, False, "B2", 3.5, "odt_zaken_a.csv"),
        ("Z2", "handhaving", "afgerond", True, True, "D4", 5.0, "odt_zaken_b.csv"),
        ("Z3", "klacht", "afgerond", None, None, None, 2.0, "odt_zaken_a.csv"),
        ("Z7", "ketentoezicht", "open", False, False, None, 2.5, "odt_zaken_b.csv"),
    ]
    assert _rows(
        "select rij, kolom, reden from audit.quarantaine where bron = 'odt_zaken_a.csv' "
        "order by rij, kolom"
    ) == [
        (5, "einddatum", "einddatum ligt voor startdatum"),
        (6, "lhso_categorie", "geen geldige LHSO-categorie (A1 t/m D4)"),
        (6, "overtreding", "geen geldige ja/nee-waarde"),
        (7, "zaak_id", "zaak_id komt meer dan eens voor in dit bestand"),
        (8, "zaak_id", "zaak_id komt meer dan eens voor in dit bestand"),
    ]


def test_agenda_keeps_every_version_as_history(data_dir):
    load_paths([fixture("agenda_v1.csv"), fixture("agenda_v2.csv")])
    assert _rows(
        "select id, pijler, status, afgerond_op, _bron from bron.agenda order by id, _lading_id"
    ) == [
        ("A1", "g", "afgerond", date(2023, 12, 15), "agenda_v1.csv"),
        ("A2", "b", "lopend", None, "agenda_v1.csv"),  # pillar given by name: Ondermijning
        ("A2", "b", "afgerond", date(2024, 6, 30), "agenda_v2.csv"),
    ]
    assert _rows("select rij, kolom, reden from audit.quarantaine") == [
        (4, "afgerond_op", "verplicht bij status afgerond"),
    ]


def test_production_headers_with_spaces_and_integer_rule(data_dir):
    [outcome] = load_paths([fixture("odt_productie_koppen.csv")])
    assert (outcome.rijen_geladen, outcome.rijen_quarantaine) == (1, 2)
    assert _rows(
        "select jaar, maand, aantal_gepland, aantal_gerealiseerd, uren_gepland, "
        "uren_gerealiseerd from bron.odt_productie"
    ) == [(2025, 1, 10, 8, 100.0, 90.5)]
    assert _rows("select rij, kolom, waarde, reden from audit.quarantaine order by rij") == [
        (3, "aantal_gerealiseerd", "3,5", "geen geheel getal"),
        (4, "maand", "13", "waarde mag maximaal 12 zijn"),
    ]


def test_same_bytes_unchanged_same_name_new_content_replaces(data_dir, tmp_path):
    delivery = tmp_path / "inzet_levering.csv"
    shutil.copy(fixture("inzet_tab.csv"), delivery)
    assert load_paths([delivery])[0].resultaat == "geladen"
    assert load_paths([delivery])[0].resultaat == "ongewijzigd"
    # the same bytes under another file name are not loaded twice either
    copy = tmp_path / "kopie.csv"
    shutil.copy(delivery, copy)
    assert load_paths([copy])[0].resultaat == "ongewijzigd"
    delivery.write_text("Datum\tDeelnemer\tGremium\tUren\n03-02-2024\tWierden\tkerngroep\t4\n")
    replaced = load_paths([delivery])[0]
    assert (replaced.resultaat, replaced.rijen_geladen) == ("vervangen", 1)
    assert _rows("select datum, uren, _bron from bron.inzet") == [
        (date(2024, 2, 3), 4.0, "inzet_levering.csv"),
    ]
    assert _rows(
        "select bron, soort, resultaat, rijen_gelezen, rijen_geladen, rijen_quarantaine "
        "from audit.ladingen order by lading_id"
    ) == [
        ("inzet_levering.csv", "inzet", "geladen", 2, 2, 0),
        ("inzet_levering.csv", "inzet", "ongewijzigd", 0, 0, 0),
        ("kopie.csv", "inzet", "ongewijzigd", 0, 0, 0),
        ("inzet_levering.csv", "inzet", "vervangen", 1, 1, 0),
    ]


def test_every_delivered_file_is_archived_byte_for_byte_with_its_sha256(data_dir):
    source = fixture("bijdragen_excel.xlsx")
    load_paths([source])
    raw = source.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    # the archive names the file itself (sha256 + extension); the delivered name is in the audit
    kept = f"archief/{sha}/{sha}.xlsx"
    assert _rows("select bron, sha256, archief from audit.ladingen") == [
        ("bijdragen_excel.xlsx", sha, kept)
    ]
    assert (data_dir / kept).read_bytes() == raw
    assert sorted(p.name for p in (data_dir / "archief").rglob("*") if p.is_file()) == [
        f"{sha}.xlsx"
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("geen_kop.csv", "geen herkenbare kopregel"),
        ("leeg.csv", "het bestand is leeg"),
        ("kapot.xlsx", "geen leesbaar Excel-bestand"),
        ("notulen.pdf", "bestandstype '.pdf' wordt niet ondersteund"),
    ],
)
def test_unreadable_file_exits_non_zero_with_one_line_and_changes_no_rows(
    data_dir, capsys, name, reason
):
    load_paths([fixture("inzet_tab.csv")])
    code = ingest_main([str(fixture(name))])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith(f"{name}: NIET GELADEN – {reason}")
    assert _rows("select count(*) from bron.inzet") == [(2,)]
    assert _rows("select resultaat from audit.ladingen order by lading_id") == [
        ("geladen",),
        ("mislukt",),
    ]
    sha = hashlib.sha256(fixture(name).read_bytes()).hexdigest()
    assert (data_dir / "archief" / sha / (sha + Path(name).suffix)).exists()


def test_folder_loads_supported_files_and_prints_a_summary(data_dir, tmp_path, capsys):
    folder = tmp_path / "levering"
    folder.mkdir()
    for name in ("inzet_tab.csv", "presentie_pho.csv"):
        shutil.copy(fixture(name), folder / name)
    (folder / "leesmij.md").write_text("geen levering")
    assert ingest_main([str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "inzet_tab.csv: soort inzet, 2 rijen gelezen, 2 geladen, 0 in quarantaine (geladen)",
        "presentie_pho.csv: soort presentie, 8 rijen gelezen, 5 geladen, 3 in quarantaine "
        "(geladen)",
    ]


def test_forced_kind_must_fit_the_header(data_dir, capsys):
    assert ingest_main(["--soort", "agenda", str(fixture("inzet_tab.csv"))]) == 1
    assert "verplichte kolom(men) ontbreken voor soort agenda" in capsys.readouterr().err


def test_a_second_load_waits_for_the_lock_then_fails_clearly(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("VTH_LOCK_WAIT", "0.3")
    with lock.exclusive("een build (test)"):
        assert ingest_main([str(fixture("inzet_tab.csv"))]) == 3
    assert "De datamap is bezet door een build (test)" in capsys.readouterr().err
    assert not Path(paths.landing_path()).exists()


def test_column_order_and_extra_columns_do_not_matter(data_dir, tmp_path):
    delivery = tmp_path / "uren.csv"
    delivery.write_text(
        "Uren;Opmerking;Deelnemer;Gremium;Datum\n2,5;x;Losser;Kerngroep;01-06-2024\n"
    )
    [outcome] = load_paths([delivery])
    assert outcome.melding == "kolommen genegeerd: Opmerking"
    assert _rows("select deelnemer, uren, datum from bron.inzet") == [
        ("LOS", 2.5, date(2024, 6, 1))
    ]


@pytest.mark.parametrize(
    ("header", "line", "kolom", "reden"),
    [
        (
            "jaar;deelnemer;soort;bedrag",
            "2024;ENS;vast;tienduizend",
            "bedrag",
            "geen geldig bedrag",
        ),
        (
            "jaar;deelnemer;soort;bedrag",
            "2018;ENS;vast;10",
            "jaar",
            "waarde moet minimaal 2019 zijn",
        ),
        (
            "jaar;maand;deelnemer;taakveld;product;uren_gepland",
            "2025;1;ENS;toezicht;Controle;-2,5",
            "uren_gepland",
            "waarde moet minimaal 0 zijn",
        ),
    ],
)
def test_remaining_value_reasons(data_dir, tmp_path, header, line, kolom, reden):
    delivery = tmp_path / "levering.csv"
    delivery.write_text(f"{header}\n{line}\n")
    [outcome] = load_paths([delivery])
    assert (outcome.rijen_geladen, outcome.rijen_quarantaine) == (0, 1)
    assert _rows("select rij, kolom, reden from audit.quarantaine") == [(2, kolom, reden)]
