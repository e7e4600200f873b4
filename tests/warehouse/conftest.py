"""A real warehouse, built once per test session by dbt from the fixture deliveries.

The deliveries run past PEILDATUM (30-06-2025): the na_peildatum_* files hold rows dated on
and after it, so every build of this warehouse is "a build with an earlier peildatum on data
that runs past it" (evaluatiekader v2 decision 10).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.load import load_paths
from tests.conftest import fixture
from warehouse.build import build

FIXTURE_DELIVERIES = [
    "inzet_puntkomma_utf8bom.csv",
    "inzet_komma_cp1252.csv",
    "inzet_tab.csv",
    "inzet_fouten.csv",
    "bijdragen_excel.xlsx",
    "presentie_pho.csv",
    "odt_zaken_a.csv",
    "odt_zaken_b.csv",
    "agenda_v1.csv",
    "agenda_v2.csv",
    "odt_productie_koppen.csv",
    "presentie_overleggen.csv",
    # rows dated after PEILDATUM (and on it): the cut-off of evaluatiekader v2 decision 10
    "na_peildatum_inzet.csv",
    "na_peildatum_presentie.csv",
    "na_peildatum_bijdragen.csv",
    "na_peildatum_odt_productie.csv",
    "na_peildatum_odt_zaken.csv",
    "na_peildatum_agenda.csv",
]
PEILDATUM = date(2025, 6, 30)


def build_warehouse(data: Path, deliveries: list[str]) -> Path:
    """Load the fixture deliveries into a new data directory and build it at PEILDATUM."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        load_paths([fixture(name) for name in deliveries])
        result = build(PEILDATUM)
        assert result.ok, result.message
    return data


# One build for the whole session: the modules that use it only read the warehouse (the query
# tests add their log under the data directory). test_privacy builds its own.
@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("warehouse") / "data", FIXTURE_DELIVERIES)
