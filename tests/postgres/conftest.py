"""A throw-away PostgreSQL server for the session, a fresh database per test.

Nothing is skipped: when the server cannot be started the test fails with the reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.postgres.cluster import ClusterError, create_database, throwaway_cluster

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[dict[str, str]]:
    try:
        with throwaway_cluster(database="beheer") as settings:
            yield settings
    except ClusterError as exc:
        pytest.fail(f"PostgreSQL voor de test niet gestart: {exc}", pytrace=False)


@pytest.fixture
def pg_env(postgres_server, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """PG* variables of a new, empty database on the session's server (set in os.environ)."""
    database = f"vth_test_{next(_numbers)}"
    create_database(postgres_server, database)
    settings = {**postgres_server, "PGDATABASE": database}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return settings
