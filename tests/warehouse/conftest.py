"""A real warehouse, built once per module by dbt from the fixture deliveries."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import load_paths
from tests.conftest import FIXTURE_DELIVERIES, PEILDATUM, fixture
from warehouse.build import build


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
