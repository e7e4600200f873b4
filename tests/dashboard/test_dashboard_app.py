"""AppTest tests of the dashboard shell against the hand-made warehouse in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

# Absolute: AppTest resolves a relative path against the calling file, not the working directory.
APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
GEGEVENS = "views/gegevens.py"  # relative to dashboard/app.py, as AppTest.switch_page wants


def start(query_params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if query_params:
        at.query_params.update(query_params)
    return at.run()


def overzicht(at: AppTest) -> pd.DataFrame:
    """The overview table, indexed by indicator name."""
    assert not at.exception, at.exception
    assert at.dataframe  # the indicator table is the first table on the page
    return at.dataframe[0].value.set_index("Indicator")


def all_text(at: AppTest) -> str:
    """Every text the app wrote, including table cells (to assert something is *not* shown)."""
    parts = [
        str(e.value)
        for kind in ("title", "subheader", "markdown", "caption", "error", "info", "warning")
        for e in getattr(at, kind)
    ]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(parts)


def test_overzicht_shows_region_and_participant_in_dutch_format(warehouse: Path) -> None:
    at = start()
    assert at.warning[0].value == "Demoversie – fictieve gegevens, geen inlog"

    # Defaults: the newest year, the first participant by name (Enschede < Hengelo).
    assert at.sidebar.selectbox(key="filter_jaar").value == 2025
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "ENS"
    assert at.query_params == {"jaar": "2025", "deelnemer": "ENS"}

    tabel = overzicht(at)
    assert list(tabel.columns) == ["Regio", "Enschede", "Norm", "Status"]
    # Catalogue order, every catalogue indicator listed.
    assert list(tabel.index) == ["Presentie PHO", "Ingezette uren", "Aantal PHO-vergaderingen"]
    # 87.5 -> "87,5%"; norm and status are Enschede's own (100.0 against 90 -> groen).
    assert tabel.loc["Presentie PHO"].to_dict() == {
        "Regio": "87,5%",
        "Enschede": "100,0%",
        "Norm": "90%",
        "Status": "● groen",
    }
    # 1234.5 hours -> thousands point and decimal comma.
    assert tabel.loc["Ingezette uren", "Regio"] == "1.234,5 uur"
    assert tabel.loc["Ingezette uren", "Norm"] == "130 uur"
    # A region-only indicator: no own value, so norm and status are the region's.
    assert tabel.loc["Aantal PHO-vergaderingen"].to_dict() == {
        "Regio": "4",
        "Enschede": "–",
        "Norm": "4",
        "Status": "● groen",
    }
    assert (
        "Gegevens tot en met 20-11-2026 16:30 · gebouwd 22-11-2026 14:05 · peildatum 22-11-2026"
        in [c.value for c in at.caption]
    )


def test_changing_jaar_changes_overview_and_url(warehouse: Path) -> None:
    at = start()
    assert overzicht(at).loc["Presentie PHO", "Regio"] == "87,5%"

    at.sidebar.selectbox(key="filter_jaar").select(2024).run()

    tabel = overzicht(at)
    assert tabel.loc["Presentie PHO"].to_dict() == {
        "Regio": "80,0%",
        "Enschede": "75,0%",
        "Norm": "90%",
        "Status": "▲ oranje",
    }
    assert tabel.loc["Ingezette uren", "Status"] == "– geen norm"  # 2024 region: no norm
    assert "87,5%" not in all_text(at)
    assert at.query_params["jaar"] == "2024"


def test_changing_deelnemer_changes_column_and_status(warehouse: Path) -> None:
    at = start()
    at.sidebar.selectbox(key="filter_deelnemer").select("HEN").run()

    tabel = overzicht(at)
    assert "Hengelo" in tabel.columns and "Enschede" not in tabel.columns
    assert tabel.loc["Presentie PHO", "Hengelo"] == "50,0%"
    assert tabel.loc["Presentie PHO", "Status"] == "■ rood"
    assert at.query_params["deelnemer"] == "HEN"


def test_shared_link_opens_with_its_selection(warehouse: Path) -> None:
    at = start({"jaar": "2024", "deelnemer": "HEN"})
    assert at.sidebar.selectbox(key="filter_jaar").value == 2024
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "HEN"
    assert overzicht(at).loc["Presentie PHO", "Regio"] == "80,0%"


def test_unknown_values_in_link_fall_back_to_defaults(warehouse: Path) -> None:
    # ODT is an organisation without values of its own, so it is not offered.
    at = start({"jaar": "1999", "deelnemer": "ODT"})
    assert at.sidebar.selectbox(key="filter_jaar").value == 2025
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "ENS"
    assert at.query_params == {"jaar": "2025", "deelnemer": "ENS"}


def test_gegevens_shows_loads_and_quarantine(warehouse: Path) -> None:
    at = start()
    at.sidebar.selectbox(key="rol").select("kerngroep").run()  # PHO may not open Gegevens
    at.sidebar.selectbox(key="filter_jaar").select(2024).run()
    at.switch_page(GEGEVENS).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Gegevens"
    # The shared filter keeps its value on another page, and stays in the URL.
    assert at.sidebar.selectbox(key="filter_jaar").value == 2024
    assert at.query_params["jaar"] == "2024"

    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Gegevens tot en met": "20-11-2026 16:30",
        "Gebouwd op": "22-11-2026 14:05",
        "Peildatum": "22-11-2026",
        "Ladingen": "2",
        "Rijen in quarantaine": "2",
    }

    ladingen, quarantaine = (df.value for df in at.dataframe)
    assert list(ladingen["Bestand"]) == ["presentie_2025.xlsx", "inzet_2025.csv"]  # newest first
    assert ladingen.iloc[0]["Geladen op"] == "20-11-2026 16:30"
    assert ladingen.iloc[0]["Rijen gelezen"] == "1.250"
    assert list(quarantaine.columns) == ["Bron", "Soort", "Rij", "Kolom", "Waarde", "Reden"]
    assert list(quarantaine["Reden"]) == [
        "onbekende deelnemer",
        "uren moet groter dan 0 en ten hoogste 24 zijn",
    ]

    at.multiselect(key="gegevens_bron").select("inzet_2025.csv").run()
    gefilterd = at.dataframe[1].value
    assert gefilterd.to_dict("records") == [
        {
            "Bron": "inzet_2025.csv",
            "Soort": "inzet",
            "Rij": 4,
            "Kolom": "uren",
            "Waarde": "25",
            "Reden": "uren moet groter dan 0 en ten hoogste 24 zijn",
        }
    ]
    assert "1 van 2 rijen in quarantaine." in [c.value for c in at.caption]


@pytest.mark.parametrize("demo", [None, "0"])
def test_without_demo_mode_login_message_and_no_data(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, demo: str | None
) -> None:
    if demo is None:
        monkeypatch.delenv("VTH_DEMO")
    else:
        monkeypatch.setenv("VTH_DEMO", demo)

    at = start({"jaar": "2025"})
    assert not at.exception
    # No accounts yet: the first-run set-up (tests/dashboard/test_access.py tests the login).
    assert [h.value for h in at.subheader] == ["Eerste installatie"]
    assert not at.warning  # no demo banner
    assert not at.dataframe and not at.metric and not at.sidebar.selectbox
    assert "rol" not in at.session_state

    # A direct URL to a page is stopped by the same gate.
    at.switch_page(GEGEVENS).run()
    assert [h.value for h in at.subheader] == ["Eerste installatie"]
    text = all_text(at)
    assert "87,5" not in text and "quarantaine" not in text.lower()


def test_missing_warehouse_shows_dutch_message(data_dir: Path) -> None:
    at = start()
    assert not at.exception
    assert at.info[0].value == (
        "Er is nog geen gepubliceerd warehouse. Draai `make demo` of laad leveringen en bouw "
        "met `python -m warehouse build`."
    )
    assert not at.dataframe and not at.sidebar.selectbox


def test_pho_cannot_open_gegevens_even_by_url(warehouse: Path) -> None:
    at = start()
    assert at.session_state["rol"] == "pho"
    # Not in PHO's navigation, so no registered page; the view's own guard refuses as well.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(GEGEVENS)
    from streamlit.testing.v1 import AppTest

    direct = AppTest.from_file(str(Path(__file__).parents[2] / "dashboard/views/gegevens.py"))
    direct.session_state["rol"] = "pho"
    direct.run()
    assert [e.value for e in direct.error] == [
        "Je rol (PHO (bestuur)) heeft geen toegang tot deze pagina."
    ]
    assert not direct.dataframe and not direct.metric


def test_demo_role_picker_stores_role(warehouse: Path) -> None:
    at = start()
    assert at.session_state["rol"] == "pho"
    at.sidebar.selectbox(key="rol").select("beheerder").run()
    assert at.session_state["rol"] == "beheerder"


def test_new_publish_is_seen_without_restart(warehouse: Path, publish: Callable[..., Path]) -> None:
    at = start()
    assert overzicht(at).loc["Presentie PHO", "Regio"] == "87,5%"

    publish(warehouse, {("pho_presentie", 2025, None): 91.25})
    at.run()

    assert overzicht(at).loc["Presentie PHO", "Regio"] == "91,3%"  # 91.25 rounds half up


def test_warehouse_without_indicators_shows_message(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("delete from marts.indicatoren")
    con.close()

    at = start({"jaar": "2025"})
    assert not at.exception, at.exception
    assert at.info[0].value == "Het warehouse bevat nog geen indicatoren."
    assert at.sidebar.selectbox(key="filter_jaar").value is None
    assert "jaar" not in at.query_params
