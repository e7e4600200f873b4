"""The indicator preview (warehouse/voorbeeld.py): before -> after, nothing under $VTH_DATA_DIR.

On a copy of the session's fixture build (peildatum 30-06-2025). tests/fixtures/voorbeeld/
inzet_hvt_extra.csv adds 5 projectgroep hours of Hof van Twente on 01-05-2024: its 2024 hours go
from 8 (2 + 4,25 + 1,75) to 13, projectgroep from 6 to 11, and bijdrage_vervulling from
100 x (8 / 130 + 3.750,75 / 10.000) = 43,66 to 100 x (13 / 130 + 0,375075) = 47,51.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fixture, kopie_van
from tests.ingest.test_controle import boom
from warehouse.voorbeeld import Verschil, indicator_voorbeeld


def test_preview_of_the_indicators_changes_nothing(gebouwde_datamap: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    data = kopie_van(gebouwde_datamap, tmp_path / "data")
    monkeypatch.setenv("VTH_DATA_DIR", str(data))
    voor = boom(data)
    result = indicator_voorbeeld([fixture("voorbeeld/inzet_hvt_extra.csv")])
    assert boom(data) == voor
    assert str(result.peildatum) == "2025-06-30" and not result.landing_nieuwer
    assert result.voor_deelnemers(["HVT"], [2024]) == [
        Verschil("bijdrage_vervulling", 2024, "HVT", 43.66, 47.51, "rood", "rood"),
        Verschil("inzet_uren", 2024, "HVT", 8.0, 13.0, "rood", "rood"),
        Verschil("inzet_uren_projectgroep", 2024, "HVT", 6.0, 11.0, None, None),
    ]
    # other parties' rows do not change; the region's sum does (+5 h)
    assert {v.deelnemer_code for v in result.verschillen} <= {"HVT", None}
    [regio] = [v for v in result.verschillen
               if v.indicator_id == "inzet_uren" and v.deelnemer_code is None]
    assert (regio.jaar, regio.waarde_na - regio.waarde_voor) == (2024, 5.0)
    assert set(result.seconden) == {"kopie", "lading", "build", "vergelijking"}
