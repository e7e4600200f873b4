"""The guarded query runner (the full refusal list belongs to the access-control issue)."""

from __future__ import annotations

import pytest

from warehouse.__main__ import main as warehouse_main
from warehouse.query import QueryRefused, run_query


def test_select_runs_and_is_capped(warehouse, monkeypatch):
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    result = run_query("select * from range(25) t(n)", max_rows=10)
    assert result.truncated and result.frame.get_column("n").to_list() == list(range(10))


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("select * from read_text('/etc/passwd')", "bestanden, netwerk en extensies zijn uit"),
        ("select 1; drop table marts.indicatoren", "Precies één statement toegestaan"),
        ("attach 'x.duckdb' as x", "Alleen een query"),
        ("set enable_external_access = true", "Alleen een query"),
    ],
)
def test_refusals(warehouse, monkeypatch, sql, reason):
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    with pytest.raises(QueryRefused, match=reason):
        run_query(sql)


def test_cli_prints_csv_and_refuses_with_exit_code(warehouse, monkeypatch, capsys):
    monkeypatch.setenv("VTH_DATA_DIR", str(warehouse))
    assert warehouse_main(["query", "select 1 as een, 'a' as b", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "een,b\n1,a\n"
    assert warehouse_main(["query", "copy (select 1) to '/tmp/x.csv'"]) == 2
    assert capsys.readouterr().err.startswith("Geweigerd: Alleen een query")
