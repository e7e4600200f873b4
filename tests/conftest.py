"""Shared test fixtures: every test gets its own data directory under tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_docs_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # `dbt docs generate` adds ~6 s per build; one test turns it on explicitly.
    monkeypatch.setenv("VTH_DOCS", "0")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("VTH_DATA_DIR", str(path))
    return path


def fixture(name: str) -> Path:
    return FIXTURES / name


# --- one built data directory per session, shared by every test that needs dbt's warehouse ----

# The fixture deliveries every built test warehouse loads.
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
BEHEERDER = "beheer"
BEHEERDER_WACHTWOORD = "Twentse-kanaal-proef-2026"


@pytest.fixture(scope="session")
def gebouwde_datamap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the fixture deliveries loaded, a beheerder account made with
    ``python -m dashboard.users add ... --wachtwoord-stdin``, and a warehouse built by dbt at
    PEILDATUM. Built once per session (one dbt build, the slow part of every such test);
    never change it: take a copy with ``kopie_van``."""
    from ingest.load import load_paths
    from warehouse.build import build

    data = tmp_path_factory.mktemp("gebouwd") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.setenv("VTH_DOCS", "0")
        mp.delenv("VTH_DEMO", raising=False)
        load_paths([fixture(name) for name in FIXTURE_DELIVERIES])
        subprocess.run(
            [sys.executable, "-m", "dashboard.users", "add", BEHEERDER, "--rol", "beheerder",
             "--wachtwoord-stdin"],
            input=BEHEERDER_WACHTWOORD + "\n", text=True, env={**os.environ},
            cwd=FIXTURES.parents[1], check=True, capture_output=True,
        )
        result = build(PEILDATUM)
        assert result.ok, result.message
    return data


def kopie_van(bron: Path, doel: Path) -> Path:
    """A copy of a data directory (modes kept) that a test may change."""
    shutil.copytree(bron, doel, symlinks=True)
    return doel
