"""The data-access module against the hand-made warehouse in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from dashboard import access, data

DASHBOARD = Path(data.__file__).resolve().parent


def test_queries_return_polars_frames(warehouse: Path, monkeypatch) -> None:
    # The loads and the quarantine are detail for the Gegevens roles (access.DETAIL).
    monkeypatch.setattr(access, "huidige_rol", lambda: "beheerder")
    versie = data.warehouse_version()

    assert data.jaren(versie)["jaar"].to_list() == [2025, 2024]

    ind = data.indicatoren(versie, 2025)
    assert isinstance(ind, pl.DataFrame)
    assert ind.height == 6 and set(ind["jaar"]) == {2025}
    regio = ind.filter(pl.col("deelnemer_code").is_null(), pl.col("indicator_id") == "inzet_uren")
    assert regio.select("waarde", "norm", "status").row(0) == (1234.5, 1950.0, "rood")

    assert data.catalogus(versie)["indicator_id"].to_list() == [
        "pho_presentie",
        "inzet_uren",
        "pho_vergaderingen",
    ]
    assert data.organisaties(versie)["code"].to_list() == ["ENS", "HEN", "ODT"]
    # ODT is no party and has no values of its own: nothing to compare.
    assert data.deelnemers(versie).rows() == [("ENS", "Enschede"), ("HEN", "Hengelo")]
    assert data.ladingen(versie)["lading_id"].to_list() == [2, 1]
    assert data.quarantaine(versie)["rij"].to_list() == [7, 4]
    assert data.publicatie(versie).row(0) == (
        datetime(2026, 11, 22, 14, 5),
        date(2026, 11, 22),
        datetime(2026, 11, 20, 16, 30),
    )


def test_connections_are_closed(warehouse: Path) -> None:
    data.indicatoren(data.warehouse_version(), 2025)
    # DuckDB refuses a read-write connection while this process still holds a read-only one.
    duckdb.connect(str(warehouse)).close()


def _regio_presentie(versie: data.Version) -> float:
    ind = data.indicatoren(versie, 2025)
    rij = ind.filter(pl.col("indicator_id") == "pho_presentie", pl.col("deelnemer_code").is_null())
    return rij["waarde"].item()


def test_version_changes_on_publish(warehouse: Path, publish: Callable[..., Path]) -> None:
    voor = data.warehouse_version()
    assert _regio_presentie(voor) == 87.5

    publish(warehouse, {("pho_presentie", 2025, None): 91.25})
    na = data.warehouse_version()

    assert na != voor
    assert _regio_presentie(voor) == 87.5  # still the cached answer for the old version
    assert _regio_presentie(na) == 91.25  # the new version misses the cache and reads the file


def test_no_pages_folder_next_to_app() -> None:
    # A folder named `pages` beside app.py switches Streamlit to multipage v1 until the first
    # st.navigation call, so /gegevens would run without the router's gate (see app.py).
    assert not (DASHBOARD / "pages").exists()
