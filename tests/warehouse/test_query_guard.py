"""The query console cannot be abused: every refusal of the issue, against a real dbt-built
warehouse, each with its Dutch message, no data returned, and logged."""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pytest

from warehouse import query as guard
from warehouse.query import QueryRefused, run_query

GEWEIGERD_BESTAND = "De query-console leest alleen de tabellen van het warehouse"


@pytest.fixture
def wh(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    return warehouse


def _log_lines(wh: Path) -> list[dict]:
    path = wh / "logboek" / "queries.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("select * from read_text('/etc/passwd')", GEWEIGERD_BESTAND),
        ("""select * from "read_csv"('/etc/passwd')""", GEWEIGERD_BESTAND),
        ("select * from read_blob('/etc/hostname')", GEWEIGERD_BESTAND),
        ("select * from glob('/*')", GEWEIGERD_BESTAND),
        ("copy (select * from marts.indicatoren) to '/tmp/uit.csv'",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen COPY (bestanden lezen"),
        ("attach '/tmp/ander.duckdb' as ander",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen ATTACH"),
        ("install httpfs",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen INSTALL/LOAD"),
        ("load httpfs",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen INSTALL/LOAD"),
        ("set enable_external_access = true",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen SET/RESET/USE"),
        ("select 1; drop table marts.indicatoren", "Precies één statement toegestaan; dit zijn "
                                                   "er 2."),
        ("select * from query('attach ''/tmp/x.duckdb'' as x')", "De query bevat een fout"),
        ("update marts.indicatoren set waarde = 0",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen UPDATE (gegevens"),
        ("pragma database_list",
         "Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen PRAGMA."),
        ("", "De query is leeg."),
        ("selec 1", "De query is geen geldige SQL"),
    ],
)
def test_refused_with_dutch_message_and_logged(wh: Path, sql: str, message: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        run_query(sql, user="tester")
    assert str(refused.value).startswith(message), str(refused.value)
    last = _log_lines(wh)[-1]
    assert last["resultaat"] == "geweigerd" and last["sql"] == sql
    assert last["gebruiker"] == "tester" and last["reden"] == str(refused.value)


def test_from_a_file_path_is_refused(wh: Path, tmp_path: Path) -> None:
    csv = tmp_path / "geheim.csv"
    csv.write_text("wachtwoord\nhunter2\n")
    for sql in (f"from '{csv}'", f"select * from '{csv}'", f"select * from read_csv('{csv}')"):
        with pytest.raises(QueryRefused, match=GEWEIGERD_BESTAND):
            run_query(sql)


def test_the_connection_is_locked_down(wh: Path) -> None:
    # Settings are readable (a query may ask), not changeable.
    result = run_query(
        "select current_setting('enable_external_access') as extern, "
        "current_setting('lock_configuration') as slot, "
        "current_setting('autoinstall_known_extensions') as auto_install, "
        "current_setting('autoload_known_extensions') as auto_load, "
        "current_setting('allow_community_extensions') as community, "
        "current_setting('allow_unsigned_extensions') as unsigned, "
        "current_setting('threads') as threads"
    )
    assert result.frame.row(0, named=True) == {
        "extern": False,
        "slot": True,
        "auto_install": False,
        "auto_load": False,
        "community": False,
        "unsigned": False,
        "threads": 2,
    }


def test_a_long_query_is_interrupted_promptly(wh: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryRefused, match="De query is afgebroken: hij duurde langer dan 1 "
                                           "seconde."):
        run_query("select count(*) from range(100000000) a, range(100000000) b", timeout=1.0)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0 + guard.KILL_GRACE_SECONDS, elapsed
    assert _log_lines(wh)[-1]["resultaat"] == "geweigerd"


def test_a_query_that_ignores_the_interrupt_is_killed(wh: Path) -> None:
    # Building one 1 GB string does not look at the interrupt flag; the worker is killed.
    started = time.perf_counter()
    with pytest.raises(QueryRefused, match="De query is (afgebroken|gestopt)"):
        run_query("select length(repeat('x', 1000000000))", timeout=0.5)
    assert time.perf_counter() - started < 0.5 + guard.KILL_GRACE_SECONDS + 1


def test_result_over_the_row_cap_is_capped_and_says_so(wh: Path) -> None:
    result = run_query("select * from range(1000000000) t(n)", max_rows=10_000)
    assert result.truncated and result.frame.height == 10_000
    assert result.frame["n"].to_list()[:3] == [0, 1, 2]
    last = _log_lines(wh)[-1]
    assert last["resultaat"] == "uitgevoerd" and last["afgekapt"] and last["rijen"] == 10_000


def test_memory_hungry_query_is_stopped_not_the_server(wh: Path) -> None:
    with pytest.raises(QueryRefused, match="De query is gestopt|Het resultaat is groter"):
        run_query("select repeat('x', 100000000) as s from range(10000)", timeout=20)


def test_allowed_query_returns_typed_rows(wh: Path) -> None:
    result = run_query(
        "select indicator_id, jaar, waarde from marts.indicatoren "
        "where deelnemer_code is null order by jaar, indicator_id"
    )
    assert not result.truncated and result.frame.height > 0
    assert result.frame.columns == ["indicator_id", "jaar", "waarde"]
    con = duckdb.connect(str(wh / "vth.duckdb"), read_only=True)
    expected = con.sql(
        "select count(*) from marts.indicatoren where deelnemer_code is null"
    ).fetchall()[0][0]
    con.close()
    assert result.frame.height == expected


def test_query_runs_while_the_dashboard_holds_the_file_open(wh: Path) -> None:
    # A reader with default settings in this process (as the dashboard's data.py) and the guard
    # side by side: the guard never shares or clashes with that instance's configuration.
    con = duckdb.connect(str(wh / "vth.duckdb"), read_only=True)
    try:
        assert run_query("select 42 as x").frame["x"].to_list() == [42]
        assert con.sql("select current_setting('enable_external_access')").fetchall() == [(True,)]
    finally:
        con.close()
