"""Issue 14: a snapshot opened in the dashboard shows what the warehouse it froze showed, says
so in a banner, and every download carries the citation line.

The snapshot is made by ``warehouse.snapshot.create_snapshot`` from the hand-made warehouse of
conftest.py, with the two dbt artifacts a build publishes next to it written by hand (the
snapshot checks they belong to the build: ``gebouwd_op`` of audit.publicatie). Then a new
warehouse is published with another value, so live and snapshot differ by one hand-picked
figure: Presentie PHO 2025, region, 87,5% frozen and 60,0% live.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import fastexcel
import pandas as pd
import polars as pl
import pytest
import streamlit as st
from conftest import PUBLICATIE
from streamlit.testing.v1 import AppTest

from dashboard import export
from warehouse import snapshot


@pytest.fixture(autouse=True)
def _geen_open_momentopnamen():
    # The server keeps an opened snapshot in memory (st.cache_resource); every test its own.
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
PEILDATUM = "22-11-2026"  # PUBLICATIE's peildatum, Dutch


def _artefacten(data_dir: Path) -> None:
    """The dbt artifacts a build publishes next to vth.duckdb, as the snapshot checks them."""
    (data_dir / "vth.manifest.json").write_text(json.dumps({"metadata": {"dbt_version": "1.11"}}))
    (data_dir / "vth.run_results.json").write_text(
        json.dumps({"metadata": {"env": {"VTH_GEBOUWD_OP": PUBLICATIE[0]}}})
    )


@pytest.fixture
def bevroren(warehouse: Path, publish: Callable[..., Path]) -> str:
    """A snapshot of the fixture warehouse; then a new publish changes one value."""
    _artefacten(warehouse.parent)
    gemaakt = snapshot.create_snapshot()
    assert gemaakt.new
    publish(warehouse, {("pho_presentie", 2025, None): 60.0})
    return gemaakt.id


def _start(rol: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS", **(params or {})})
    at.session_state["rol"] = rol
    at.run()
    assert not at.exception, at.exception
    return at


def _overzicht(at: AppTest) -> pd.DataFrame:
    assert not at.exception, at.exception
    return at.dataframe[0].value.set_index("Indicator")


def test_a_snapshot_shows_the_overzicht_of_the_warehouse_it_froze(
    warehouse: Path, publish: Callable[..., Path]
) -> None:
    voor = _overzicht(_start("evaluator"))  # the live warehouse before the snapshot
    assert voor.loc["Presentie PHO", "Regio"] == "87,5%"
    _artefacten(warehouse.parent)
    snapshot_id = snapshot.create_snapshot().id
    publish(warehouse, {("pho_presentie", 2025, None): 60.0})

    at = _start("evaluator", {"momentopname": snapshot_id})
    assert at.sidebar.selectbox(key="momentopname_keuze").value == snapshot_id
    # Every cell of the overview table equals the frozen warehouse's, although live changed.
    pd.testing.assert_frame_equal(_overzicht(at), voor)
    banner = at.info[0].value
    assert f"**Momentopname {snapshot_id}**" in banner
    assert f"peildatum {PEILDATUM}" in banner
    assert (f"Citeer als: VTH-monitor Twente, momentopname {snapshot_id}, peildatum {PEILDATUM}"
            in banner)
    assert at.query_params["momentopname"] == snapshot_id  # a shared link keeps it

    # Back to live: the new value, no banner, no snapshot in the URL.
    at.sidebar.selectbox(key="momentopname_keuze").select("").run()
    assert _overzicht(at).loc["Presentie PHO", "Regio"] == "60,0%"
    assert not any("Momentopname" in i.value for i in at.info)
    assert "momentopname" not in at.query_params


def test_a_role_without_snapshots_reads_live_and_is_told(bevroren: str) -> None:
    at = _start("pho", {"momentopname": bevroren})
    assert _overzicht(at).loc["Presentie PHO", "Regio"] == "60,0%"
    assert not at.sidebar.selectbox.values or all(
        s.key != "momentopname_keuze" for s in at.sidebar.selectbox
    )
    assert at.warning[1].value == (
        f"De link vraagt momentopname {bevroren}, maar je rol (PHO (bestuur)) kiest geen "
        "momentopnamen; getoond wordt het live warehouse."
    )


def test_an_unknown_or_hostile_snapshot_in_the_link_is_named(bevroren: str) -> None:
    at = _start("evaluator", {"momentopname": "../../etc/passwd"})
    assert at.warning[1].value == (
        "De link vraagt momentopname etcpasswd, maar die bestaat niet; getoond wordt het live "
        "warehouse."
    )
    assert _overzicht(at).loc["Presentie PHO", "Regio"] == "60,0%"


def test_a_changed_snapshot_file_is_refused_naming_the_file(bevroren: str, warehouse: Path
                                                            ) -> None:
    parquet = snapshot.snapshot_path(bevroren) / "data" / "marts.indicatoren.parquet"
    inhoud = bytearray(parquet.read_bytes())
    inhoud[100] ^= 0xFF
    parquet.write_bytes(bytes(inhoud))
    at = _start("evaluator", {"momentopname": bevroren})
    assert "data/marts.indicatoren.parquet: gewijzigd" in at.error[0].value
    assert not at.dataframe  # nothing of the changed snapshot is shown


@pytest.fixture
def bestanden(monkeypatch: pytest.MonkeyPatch) -> Callable[[object], tuple[str, bytes]]:
    """(file name, bytes) of a download button, built as the browser's request builds it."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.media_file_manager import MediaFileManager

    managers: list[MediaFileManager] = []

    class Beheer(MediaFileManager):
        def __init__(self, storage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Beheer)

    def bestand(knop) -> tuple[str, bytes]:
        file_id = knop.proto.deferred_file_id
        uitgesteld = next(m for m in managers if file_id in m._deferred_callables
                          )._deferred_callables[file_id]
        return uitgesteld["filename"], uitgesteld["callable"]()

    return bestand


def test_every_download_carries_the_citation_line(bevroren: str, bestanden) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS", "momentopname": bevroren})
    at.session_state["rol"] = "evaluator"
    at.switch_page("views/indicatoren.py").run()
    assert not at.exception, at.exception
    regel = f"VTH-monitor Twente, momentopname {bevroren}, peildatum {PEILDATUM}"
    knoppen = [k for k in at.download_button if k.label in ("CSV", "Excel", "Parquet")]
    assert len(knoppen) >= 9  # catalogue, series, before/after, herkomst, chart numbers
    for knop in knoppen:
        naam, inhoud = bestanden(knop)
        assert f"_momentopname_{bevroren}." in naam, naam
        if knop.label == "CSV":
            eerste = inhoud.decode("utf-8-sig").splitlines()[0]
        elif knop.label == "Excel":
            eerste = fastexcel.read_excel(inhoud).load_sheet(0, header_row=None, n_rows=1
                                                              ).to_polars().item(0, 0)
        else:
            eerste = pl.read_parquet_metadata(io.BytesIO(inhoud))[export.CITATIE_METADATA]
        # The indicator's own tables name it: "<regel>, indicator pho_presentie".
        assert eerste.strip('"') in (regel, f"{regel}, indicator pho_presentie"), (naam, eerste)
    # The indicator's time series cites the indicator.
    reeks = next(k for k in knoppen if k.label == "CSV" and
                 bestanden(k)[0].startswith("indicator_pho_presentie_reeks"))
    assert bestanden(reeks)[1].decode("utf-8-sig").splitlines()[0] == (
        f'"{regel}, indicator pho_presentie"'
    )


def test_citation_line_in_csv_excel_and_parquet_keeps_the_data_typed() -> None:
    regel = "VTH-monitor Twente, momentopname 0123456789ab, peildatum 22-11-2026"
    frame = pl.DataFrame({"waarde": [87.5, 1234.5]})
    csv = export.als_csv(frame, {"waarde": "Waarde"}, regel).decode("utf-8-sig").splitlines()
    assert csv == [f'"{regel}"', "Waarde", "87,5", "1234,5"]
    xlsx = fastexcel.read_excel(export.als_excel(frame, {"waarde": "Waarde"}, "blad", regel))
    assert xlsx.load_sheet(0, header_row=None, n_rows=1).to_polars().item(0, 0) == regel
    assert xlsx.load_sheet(0, header_row=2).to_polars()["Waarde"].to_list() == [87.5, 1234.5]
    parquet = export.als_parquet(frame, regel)
    assert pl.read_parquet_metadata(io.BytesIO(parquet))[export.CITATIE_METADATA] == regel
    assert pl.read_parquet(io.BytesIO(parquet))["waarde"].to_list() == [87.5, 1234.5]


def test_live_downloads_say_they_are_not_citable(warehouse: Path, bestanden) -> None:
    at = _start("evaluator")
    knop = next(k for k in at.download_button if k.label == "CSV")
    naam, inhoud = bestanden(knop)
    assert "momentopname" not in naam
    assert inhoud.decode("utf-8-sig").splitlines()[0] == (
        f'"VTH-monitor Twente, live warehouse (geen momentopname, niet citeerbaar), peildatum '
        f'{PEILDATUM}"'
    )


def test_the_query_page_reads_the_chosen_snapshot(bevroren: str) -> None:
    sql = ("select waarde from marts.indicatoren where indicator_id = 'pho_presentie' "
           "and jaar = 2025 and deelnemer_code is null")

    def uitvoeren(params: dict[str, str]) -> str:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(params)
        at.session_state["rol"] = "evaluator"
        at.switch_page("views/query.py").run()
        at.text_area(key="query_sql").input(sql)
        at.button(key="query_uitvoeren").click().run()
        assert not at.exception, at.exception
        return at.dataframe[-1].value["waarde"].to_list()

    assert uitvoeren({"momentopname": bevroren}) == ["87,5"]  # frozen
    assert uitvoeren({}) == ["60"]  # live, after the new publish
    # the snapshot's own folder is untouched: still intact
    assert snapshot.verify_snapshot(bevroren) == []
