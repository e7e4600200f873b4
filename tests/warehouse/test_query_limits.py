"""The query runner under hostile input and load (issue 12): a query that is not valid UTF-8
is refused in Dutch (exit 2) and logged; at most two console queries run at once per server,
across processes, the rest wait briefly and then get a Dutch message. No dbt build needed: a
tiny DuckDB file stands in for the warehouse."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse import query
from warehouse.query import QueryRefused, run_query

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def klein(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "vth.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create table marts.t as select 42 as antwoord")
    con.close()
    return path


def _log(data_dir: Path) -> list[dict]:
    return [json.loads(r) for r in
            (data_dir / "logboek" / "queries.jsonl").read_text(encoding="utf-8").splitlines()]


def test_invalid_utf8_query_is_refused_in_dutch_and_logged(klein: Path) -> None:
    data_dir = klein.parent
    completed = subprocess.run(
        [sys.executable, "-m", "warehouse", "query", b"select '\xff'"],
        cwd=REPO, capture_output=True, env={**os.environ, "VTH_DATA_DIR": str(data_dir)},
    )
    stderr = completed.stderr.decode("utf-8")
    assert completed.returncode == 2, stderr
    assert stderr == "Geweigerd: De query bevat tekens die geen geldige UTF-8 zijn.\n"
    regel = _log(data_dir)[-1]
    assert regel["resultaat"] == "geweigerd" and regel["sql"] == "select '\\xff'"

    # The same through the function (a lone surrogate is what Python makes of such bytes)
    with pytest.raises(QueryRefused, match="geen geldige UTF-8"):
        run_query("select '\udcff'")
    assert _log(data_dir)[-1]["sql"] == "select '\\xff'"


def _bezet(data_dir: Path, aantal: int) -> list:
    """Hold ``aantal`` of the server's query slots, as other queries (or processes) would."""
    handles = []
    for i in range(aantal):
        handle = open(data_dir / f".query.{i}.lock", "a")  # noqa: SIM115
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handles.append(handle)
    return handles


def test_at_most_two_queries_at_once_then_a_dutch_message(klein: Path, monkeypatch) -> None:
    monkeypatch.setattr(query, "SLOT_WAIT_SECONDS", 0.3, raising=False)
    data_dir = klein.parent
    handles = _bezet(data_dir, 2)
    try:
        with pytest.raises(QueryRefused, match="Er lopen al twee query's"):
            run_query("select * from marts.t")
        assert _log(data_dir)[-1]["resultaat"] == "geweigerd"
        handles.pop().close()  # one finishes: the next query runs
        assert run_query("select * from marts.t").frame["antwoord"].to_list() == [42]
    finally:
        for handle in handles:
            handle.close()


def test_a_waiting_query_runs_when_a_slot_frees_in_time(klein: Path, monkeypatch) -> None:
    import threading

    monkeypatch.setattr(query, "SLOT_WAIT_SECONDS", 5.0, raising=False)
    handles = _bezet(klein.parent, 2)
    threading.Timer(0.5, handles[0].close).start()
    try:
        assert run_query("select * from marts.t").frame.height == 1
    finally:
        handles[1].close()


def test_cli_says_busy_with_exit_2(klein: Path) -> None:
    handles = _bezet(klein.parent, 2)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "warehouse", "query", "select 1"],
            cwd=REPO, capture_output=True, text=True,
            env={**os.environ, "VTH_DATA_DIR": str(klein.parent), "VTH_QUERY_WACHT": "0.2"},
        )
    finally:
        for handle in handles:
            handle.close()
    assert completed.returncode == 2
    assert completed.stderr.startswith("Geweigerd: Er lopen al twee query's")
