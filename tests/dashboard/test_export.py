"""Downloads: formula cells are neutralised in CSV and Excel; numbers and dates stay typed."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import fastexcel
import polars as pl

from dashboard import export

GEVAARLIJK = ["=HYPERLINK(\"http://x\",\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\ry"]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "tekst": [*GEVAARLIJK, "gewoon", None],
            "getal": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
            "datum": [date(2025, 1, i + 1) for i in range(8)],
        }
    )


def test_neutraliseer_prefixes_every_formula_start_and_nothing_else() -> None:
    uit = export.neutraliseer(_frame())
    assert uit["tekst"].to_list() == [*("'" + w for w in GEVAARLIJK), "gewoon", None]
    assert uit["getal"].to_list() == _frame()["getal"].to_list()  # numbers are not text
    assert uit["datum"].dtype == pl.Date


def test_csv_export_cell_starting_with_is_neutralised() -> None:
    frame = pl.DataFrame({"omschrijving": ["=1+1", "=cmd|' /C calc'!A0", "ok"]})
    tekst = export.als_csv(frame, {"omschrijving": "Omschrijving"}).decode("utf-8-sig")
    regels = tekst.splitlines()
    assert regels[0] == "Omschrijving"
    assert regels[1] == "'=1+1"
    assert not any(r.startswith(("=", "+", "-", "@")) for r in regels)


def test_excel_export_cell_starting_with_is_text_not_formula() -> None:
    frame = pl.DataFrame({"omschrijving": ["=1+1", "@A1", "ok"], "uren": [-1.5, 2.0, 3.0]})
    inhoud = export.als_excel(frame, blad="test")
    blad = fastexcel.read_excel(inhoud).load_sheet("test").to_polars()
    assert blad["omschrijving"].to_list() == ["'=1+1", "'@A1", "ok"]
    assert blad["uren"].to_list() == [-1.5, 2.0, 3.0]  # a negative number stays a number
    # no formula element in the sheet XML at all
    with zipfile.ZipFile(io.BytesIO(inhoud)) as xlsx:
        sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


# --- downloads in the browser (issue 12, finding 9) ----------------------------------------------


def test_download_builds_its_file_without_a_rerun_and_logs_who_got_it(warehouse, monkeypatch):
    """A click on a download must not rerun the page: the rerun registered new file ids and
    dropped the clicked one, racing the browser's request for it (the flaky browser test). The
    file is built when the browser asks for it, outside the script run, so the logboek line is
    written then, with the user and role of the page that offered it."""
    import json

    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest

    managers: list[MediaFileManager] = []

    class Beheer(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Beheer)
    app = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    at = AppTest.from_file(app, default_timeout=30).run()

    def download(knop) -> dict:
        """Build the file as the browser's request does; the logboek line it wrote."""
        file_id = knop.proto.deferred_file_id
        assert next(m for m in managers if file_id in m._deferred_callables
                    ).execute_deferred(file_id)
        return json.loads((warehouse.parent / "logboek" / "logboek.jsonl").read_text(
            encoding="utf-8").splitlines()[-1])

    # The PHO's board workbook on Overzicht
    werkboek = at.download_button(key="overzicht_excel")
    assert werkboek.proto.ignore_rerun
    regel = download(werkboek)
    assert regel["details"] == {"tabel": "overzicht", "formaat": "xlsx", "jaar": 2025}
    assert regel["rol"] == "pho"

    at.sidebar.selectbox(key="rol").select("kerngroep").run()
    at.switch_page("views/bijdragen.py").run()
    assert not at.exception, at.exception
    knoppen = at.download_button
    assert knoppen and all(k.proto.ignore_rerun for k in knoppen)
    regel = download(next(k for k in knoppen if k.label == "Excel"))
    assert regel["actie"] == "export" and regel["details"]["formaat"] == "xlsx"
    assert regel["gebruiker"] == "demo" and regel["rol"] == "kerngroep"
