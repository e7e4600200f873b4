"""A real warehouse, built by dbt from the fixture deliveries (once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import load_paths
from tests.conftest import FIXTURE_DELIVERIES, PEILDATUM, fixture, kopie_van
from warehouse.build import build

__all__ = ["FIXTURE_DELIVERIES", "PEILDATUM"]  # imported from here by the test modules


@pytest.fixture(scope="module")
def warehouse(gebouwde_datamap: Path, tmp_path_factory) -> Path:
    """The fixture deliveries loaded and built at 30-06-2025 (tests/conftest.py PEILDATUM):
    this module's own copy of the session's build, so dbt runs once per session."""
    return kopie_van(gebouwde_datamap, tmp_path_factory.mktemp("warehouse") / "data")


def build_warehouse(data: Path, deliveries: list[str]) -> Path:
    """Load other fixture deliveries into a new data directory and build it at PEILDATUM (for a
    test that needs more than the session's build)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        load_paths([fixture(name) for name in deliveries])
        result = build(PEILDATUM)
        assert result.ok, result.message
    return data
