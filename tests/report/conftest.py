"""The report's figures read from the session's fixture warehouse (tests/conftest.py,
``gebouwde_datamap``: the fixture deliveries built at PEILDATUM 30-06-2025), read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from report.bron import open_bron
from report.gegevens import Cijfers, laad


@pytest.fixture
def cijfers_van(
    gebouwde_datamap: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[int, str | None], Cijfers]:
    """``cijfers_van(jaar, deelnemer)``: the figures of one report on the fixture warehouse
    (only read: the session's build is shared)."""
    monkeypatch.setenv("VTH_DATA_DIR", str(gebouwde_datamap))

    def lees(jaar: int, deelnemer: str | None) -> Cijfers:
        with open_bron() as (con, publicatie):
            return laad(con, publicatie, jaar, deelnemer)

    return lees
