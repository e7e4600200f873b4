"""Shared test fixtures: every test gets its own data directory under tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
# The demo warehouse of the test session is built at a mid-year peildatum while the demo
# deliveries run to 31-10-2026, so the cut-off of evaluatiekader v2 decision 10 is exercised.
DEMO_PEILDATUM = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _no_docs_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # `dbt docs generate` adds ~6 s per build; one test turns it on explicitly.
    monkeypatch.setenv("VTH_DOCS", "0")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("VTH_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one demo build of the test session: what `make demo` does (demo deliveries at scale
    1, ingest, build; with the dbt docs, for the browser test's Documentatie page), through
    the same command-line entry points, at DEMO_PEILDATUM. Shared by the browser test and the
    warehouse tests on demo data; nobody writes to it but the dashboard's own logs."""
    data = tmp_path_factory.mktemp("demo") / "data"
    leveringen = data.parent / "leveringen"
    env = {**os.environ, "VTH_DATA_DIR": str(data), "VTH_DOCS": "1"}
    for command in (
        [sys.executable, "-m", "ingest.demo", "--out", str(leveringen)],
        [sys.executable, "-m", "ingest", str(leveringen)],
        [sys.executable, "-m", "warehouse", "build", "--peildatum", DEMO_PEILDATUM.isoformat()],
    ):
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
    return data


def fixture(name: str) -> Path:
    return FIXTURES / name
