"""Check-then-publish without Streamlit (dashboard/publiceren.py): the check writes nothing
under $VTH_DATA_DIR, the terugmelding holds every rejected value as delivered, neutralised."""

from __future__ import annotations

from pathlib import Path

import fastexcel

from dashboard import publiceren
from tests.conftest import fixture
from tests.ingest.test_controle import boom

VIJANDIG = (
    b"datum;deelnemer;gremium;uren\n"
    b"01-04-2024;ENS;kerngroep;2\n"
    b'02-04-2024;=HYPERLINK("http://x.invalid","klik");kerngroep;2\n'
    b"03-04-2024;ENS;kerngroep;30\n"
)


def test_check_writes_nothing_and_the_terugmelding_is_the_rejected_rows(data_dir: Path,
                                                                         tmp_path: Path):
    voor = boom(data_dir)
    [gecontroleerd, geweigerd] = publiceren.controleer_bestanden(
        [("inzet;april.csv", VIJANDIG), ("leeg.csv", b"")])
    assert boom(data_dir) == voor  # not even the data directory's mode or a lock file
    assert geweigerd.fout == "leeg.csv: het bestand is leeg."
    c = gecontroleerd.controle
    assert (gecontroleerd.naam, c.soort, c.rijen_geladen, c.rijen_quarantaine) == (
        "inzet_april.csv", "inzet", 1, 2)

    werkmap = tmp_path / "terugmelding.xlsx"
    werkmap.write_bytes(publiceren.terugmelding([gecontroleerd, geweigerd]))
    blad = fastexcel.read_excel(str(werkmap)).load_sheet("terugmelding").to_polars()
    assert blad.columns == ["Bestand", "Rij in het blad", "Kolom", "Waarde zoals geleverd",
                            "Reden"]
    assert blad.rows() == [
        ("inzet_april.csv", 3.0, "deelnemer", "'=HYPERLINK(\"http://x.invalid\",\"klik\")",
         "onbekende organisatie (code, naam of alias uit de organisatielijst)"),
        ("inzet_april.csv", 4.0, "uren", "30", "waarde mag maximaal 24 zijn"),
    ]


def test_publish_loads_and_builds_only_when_something_changed(data_dir: Path):
    inhoud = fixture("inzet_tab.csv").read_bytes()
    eerste = publiceren.publiceer([("inzet.csv", inhoud)])
    assert eerste.gewijzigd and eerste.bouw is not None and eerste.bouw.ok
    assert (data_dir / "vth.duckdb").is_file()
    tweede = publiceren.publiceer([("inzet.csv", inhoud)])  # same bytes: nothing to publish
    assert not tweede.gewijzigd and tweede.bouw is None
    assert tweede.geladen[0][1].resultaat == "ongewijzigd"
