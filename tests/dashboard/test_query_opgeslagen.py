"""Issue 14 on the Query page: Dutch numbers in the result, the SQL in the link, saved queries
(kept under opgeslagen-queries/ in the data directory) opened by name or by link."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import nl_tabel, opgeslagen

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
SQL = "select indicator_id, waarde from marts.indicatoren where jaar = 2025 order by all"


def _query_pagina(params: dict[str, str] | None = None, rol: str = "evaluator") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params or {})
    at.session_state["rol"] = rol
    at.switch_page("views/query.py").run()
    assert not at.exception, at.exception
    return at


def test_query_result_in_dutch_numbers_full_precision_in_the_download(warehouse: Path) -> None:
    at = _query_pagina()
    at.text_area(key="query_sql").input(
        "select 67.6923::double as waarde, 1234.5::double as som, 2025 as jaar, 12345 as aantal, "
        "date '2026-11-22' as datum, true as groen, 0.1234567::double as fijn"
    )
    at.button(key="query_uitvoeren").click().run()
    assert not at.exception, at.exception
    assert at.dataframe[-1].value.to_dict("records") == [{
        "waarde": "67,6923", "som": "1.234,5", "jaar": "2025", "aantal": "12.345",
        "datum": "22-11-2026", "groen": "ja", "fijn": "0,123457",
    }]
    # the URL holds the SQL, so the view can be sent
    assert at.query_params["sql"].startswith("select 67.6923::double")


def test_nl_tabel_rounds_half_up_and_keeps_labels_plain() -> None:
    assert nl_tabel.getal(2.0000005) == "2,000001"
    assert nl_tabel.getal(-0.5) == "-0,5"
    assert nl_tabel.getal(2025, label=True) == "2025"
    assert nl_tabel.getal(None) == "–"


def test_a_saved_query_opens_by_link(warehouse: Path) -> None:
    at = _query_pagina({"sql": SQL})
    assert at.text_area(key="query_sql").value == SQL  # the link's SQL is filled in
    at.text_input(key="query_naam").input("waarden-2025")
    at.button(key="query_opslaan").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Opgeslagen als waarden-2025")
    bestand = warehouse.parent / "opgeslagen-queries" / "waarden-2025.json"
    assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    assert stat.S_IMODE(bestand.parent.stat().st_mode) == 0o700
    inhoud = json.loads(bestand.read_text(encoding="utf-8"))
    assert (inhoud["naam"], inhoud["sql"], inhoud["door"]) == ("waarden-2025", SQL, "demo")

    # A colleague opens the link: the saved SQL is filled in, nothing runs until Uitvoeren.
    collega = _query_pagina({"opgeslagen": "waarden-2025"})
    assert collega.selectbox(key="query_opgeslagen").value == "waarden-2025"
    assert collega.text_area(key="query_sql").value == SQL
    assert len(collega.dataframe) == 1  # the help's column list only: no result yet
    collega.button(key="query_uitvoeren").click().run()
    assert collega.dataframe[-1].value["waarde"].to_list() == [
        "140", "1.234,5", "50", "87,5", "100", "4"]  # inzet_uren, pho_presentie, vergaderingen


@pytest.mark.parametrize(
    ("naam", "melding"),
    [
        ("../../etc/passwd", opgeslagen.ONGELDIGE_NAAM),
        ("Hoofdletters", None),  # lower-cased: accepted
        ("", opgeslagen.ONGELDIGE_NAAM),
    ],
)
def test_a_name_is_a_safe_slug(data_dir: Path, naam: str, melding: str | None) -> None:
    if melding is None:
        assert opgeslagen.bewaar(naam, "select 1", "eva").naam == "hoofdletters"
        return
    with pytest.raises(opgeslagen.OpslagFout, match="kleine letters"):
        opgeslagen.bewaar(naam, "select 1", "eva")
    assert not (data_dir / "opgeslagen-queries").exists() or not any(
        (data_dir / "opgeslagen-queries").iterdir())


def test_a_saved_query_is_never_overwritten(data_dir: Path) -> None:
    opgeslagen.bewaar("presentie", "select 1", "eva")
    with pytest.raises(opgeslagen.OpslagFout, match="al een opgeslagen query"):
        opgeslagen.bewaar("presentie", "select 2", "piet")
    assert opgeslagen.lees("presentie").sql == "select 1"
    assert [q.naam for q in opgeslagen.lijst()] == ["presentie"]


def test_an_unknown_saved_query_in_the_link_is_named(warehouse: Path) -> None:
    at = _query_pagina({"opgeslagen": "bestaat-niet"})
    assert at.warning[1].value == (
        "De link vraagt opgeslagen query bestaat-niet, maar die is er niet; getoond wordt niets."
    )
