"""The guarded query runner: one read-only query against the published warehouse.

Used by ``python -m warehouse query`` and the dashboard's query page, so both refuse the same
things. Safe by construction, not by filtering text: a separate read-only connection with no
file or network access (``enable_external_access=false``), no extension installing or loading,
memory and thread limits, then ``lock_configuration=true`` so the query cannot undo any of it.
On top: exactly one statement, and only a SELECT; a time limit that interrupts the query; a row
cap enforced on the fetch. Every query is logged.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from ingest import settings
from ingest.load import now

MAX_ROWS = 10_000
TIMEOUT_SECONDS = 10.0
GUARD_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "memory_limit": "1GB",
    "threads": 2,
}


class QueryRefused(Exception):
    """A query the guard does not run, or that it stopped; the message is Dutch, one line."""


@dataclass
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    seconds: float


def _log(entry: dict) -> None:
    folder = settings.data_dir() / "logboek"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "queries.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def _single_select(sql: str) -> str:
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise QueryRefused(f"De query is geen geldige SQL: {first}") from None
    if len(statements) != 1:
        raise QueryRefused(f"Precies één statement toegestaan; dit zijn er {len(statements)}.")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        raise QueryRefused(
            f"Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen {statement.type.name}."
        )
    return statement.query


def guarded_connection(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=True, config=dict(GUARD_CONFIG))
    con.sql("set lock_configuration = true")  # last: nothing after this can loosen the guard
    return con


def run_query(
    sql: str,
    *,
    max_rows: int = MAX_ROWS,
    timeout: float = TIMEOUT_SECONDS,
    user: str = "cli",
    path: Path | None = None,
) -> QueryResult:
    path = path or settings.warehouse_path()
    entry = {"tijd": now(), "gebruiker": user, "sql": sql}
    started = time.perf_counter()
    try:
        query = _single_select(sql)
        if not path.exists():
            raise QueryRefused("Er is nog geen gepubliceerd warehouse.")
        con = guarded_connection(path)
        timer = threading.Timer(timeout, con.interrupt)
        timer.start()
        try:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchmany(max_rows + 1)
        except duckdb.InterruptException:
            raise QueryRefused(
                f"De query is afgebroken: hij duurde langer dan {timeout:g} seconden."
            ) from None
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0]
            raise QueryRefused(f"De query is geweigerd of mislukt: {first}") from None
        finally:
            timer.cancel()
            con.close()
    except QueryRefused as exc:
        _log(
            {
                **entry,
                "resultaat": "geweigerd",
                "reden": str(exc),
                "seconden": round(time.perf_counter() - started, 3),
            }
        )
        raise
    truncated = len(rows) > max_rows
    rows = rows[:max_rows]
    frame = (
        pl.DataFrame(
            {name: [row[i] for row in rows] for i, name in enumerate(columns)}, strict=False
        )
        if rows
        else pl.DataFrame({name: [] for name in columns})
    )
    seconds = time.perf_counter() - started
    _log(
        {
            **entry,
            "resultaat": "uitgevoerd",
            "rijen": len(rows),
            "afgekapt": truncated,
            "seconden": round(seconds, 3),
        }
    )
    return QueryResult(frame, truncated, seconds)
