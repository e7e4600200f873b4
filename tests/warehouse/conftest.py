"""A real warehouse, built once per module by dbt from the fixture deliveries."""

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
]
PEILDATUM = date(2025, 6, 30)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("warehouse") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        load_paths([fixture(name) for name in FIXTURE_DELIVERIES])
        result = build(PEILDATUM)
        assert result.ok, result.message
    return data
