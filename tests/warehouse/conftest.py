"""A real warehouse, built by dbt from the fixture deliveries (once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURE_DELIVERIES, kopie_van

__all__ = ["FIXTURE_DELIVERIES"]  # imported from here by the test modules


@pytest.fixture(scope="module")
def warehouse(gebouwde_datamap: Path, tmp_path_factory) -> Path:
    """The fixture deliveries loaded and built at 30-06-2025 (tests/conftest.py PEILDATUM):
    this module's own copy of the session's build, so dbt runs once per session."""
    return kopie_van(gebouwde_datamap, tmp_path_factory.mktemp("warehouse") / "data")
