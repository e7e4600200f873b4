"""Shared test fixtures: every test gets its own data directory under tmp_path."""

from __future__ import annotations

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
