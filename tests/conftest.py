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
REPO = Path(__file__).resolve().parent.parent


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
    # rows dated on and after PEILDATUM: every build of these deliveries is "a build with an
    # earlier peildatum on data that runs past it" (evaluatiekader v2 decision 10)
    "na_peildatum_inzet.csv",
    "na_peildatum_presentie.csv",
    "na_peildatum_bijdragen.csv",
    "na_peildatum_odt_productie.csv",
    "na_peildatum_odt_zaken.csv",
    "na_peildatum_agenda.csv",
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


# --- the one demo build of the test session ----------------------------------------------------

# Built at a mid-year peildatum while the demo deliveries run to 31-10-2026, so the cut-off of
# evaluatiekader v2 decision 10 is exercised on demo data too.
DEMO_PEILDATUM = date(2026, 6, 30)


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make demo` does (demo deliveries at scale 1, ingest, build; with the dbt docs, for
    the browser test's Documentatie page), through the same command-line entry points, at
    DEMO_PEILDATUM, once per session. Shared by the browser tests and the warehouse tests on
    demo data: never change it (the dashboard only adds its logs); copy it with ``kopie_van``."""
    data = tmp_path_factory.mktemp("demo") / "data"
    leveringen = data.parent / "leveringen"
    env = {**os.environ, "VTH_DATA_DIR": str(data), "VTH_DOCS": "1"}
    env.pop("VTH_DEMO", None)
    for command in (
        [sys.executable, "-m", "ingest.demo", "--out", str(leveringen)],
        [sys.executable, "-m", "ingest", str(leveringen)],
        [sys.executable, "-m", "warehouse", "build", "--peildatum", DEMO_PEILDATUM.isoformat()],
    ):
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
    return data
