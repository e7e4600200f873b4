"""The guarded query runner: one read-only query against the published warehouse.

Used by ``python -m warehouse query`` and the dashboard's query page, so both refuse the same
things. Safe by construction, not by filtering text:

- The query runs in a worker process (``warehouse/_query_worker.py``) with an address-space
  limit, so no query can take the memory of the dashboard server; the worker opens a NEW
  in-memory DuckDB instance (not the process-wide instance cache, whose settings other
  connections share), attaches the warehouse read-only, switches off every file, network and
  extension access (``enable_external_access=false``, no extension auto-install/auto-load, no
  community or unsigned extensions), limits memory (1 GB, no spilling) and threads (2), and
  then sets ``lock_configuration=true`` last, so the query cannot undo any of it.
- Before that: exactly one statement, and only a query (SELECT, WITH … SELECT, FROM, VALUES,
  DESCRIBE, SUMMARIZE, SHOW). Not a guard on its own (the locked connection is), but a clear
  Dutch refusal instead of a DuckDB error.
- A time limit that interrupts the query (``con.interrupt``) and, should DuckDB not stop in
  time, kills the worker; a row cap in the query plan; a size cap on the result.
- At most ``MAX_PARALLEL`` (2) queries run at once per server, across processes (CLI and
  every dashboard session): a worker runs only while its process holds one of the lock files
  ``$VTH_DATA_DIR/.query.<n>.lock`` (fcntl, released by the kernel when the process ends);
  a query that finds both taken waits ``SLOT_WAIT_SECONDS`` and is then refused in Dutch.
- Every query, run or refused, is logged to ``$VTH_DATA_DIR/logboek/queries.jsonl``; a query
  that is not valid UTF-8 is refused and logged with its bytes escaped (``\\xff``).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from core import fmt, paths
from core.clock import now

MAX_ROWS = 10_000
TIMEOUT_SECONDS = 10.0
MAX_SQL_CHARS = 20_000
MAX_RESULT_BYTES = 50 * 1024**2
# The worker needs ~0.3 s to start; past timeout + this, a worker that did not stop is killed.
KILL_GRACE_SECONDS = 3.0
# Each worker may take 1 GB (DuckDB) and 3 GB of address space: at most this many at once per
# server; a query that finds them all taken waits this long (env VTH_QUERY_WACHT) for one.
MAX_PARALLEL = 2
SLOT_WAIT_SECONDS = 5.0
BEZET = (
    "Er lopen al twee query's tegelijk op deze server; probeer het over een paar seconden "
    "opnieuw."
)
ONGELDIGE_TEKENS = "De query bevat tekens die geen geldige UTF-8 zijn."

_LOG = logging.getLogger(__name__)

# Statement kinds that are not a query, in words a user understands.
_SOORTEN = {
    "COPY": "COPY (bestanden lezen of schrijven)",
    "EXPORT": "EXPORT (bestanden schrijven)",
    "ATTACH": "ATTACH (een andere database koppelen)",
    "DETACH": "DETACH",
    "LOAD": "INSTALL/LOAD (extensies)",
    "EXTENSION": "INSTALL/LOAD (extensies)",
    "SET": "SET/RESET/USE (instellingen wijzigen)",
    "VARIABLE_SET": "SET VARIABLE (instellingen wijzigen)",
    "PRAGMA": "PRAGMA",
    "CALL": "CALL",
    "EXPLAIN": "EXPLAIN",
    "INSERT": "INSERT (gegevens wijzigen)",
    "UPDATE": "UPDATE (gegevens wijzigen)",
    "DELETE": "DELETE (gegevens wijzigen)",
    "CREATE": "CREATE (objecten maken)",
    "DROP": "DROP (objecten verwijderen)",
    "ALTER": "ALTER (objecten wijzigen)",
    "MULTI": "PIVOT als los statement (gebruik SELECT * FROM (PIVOT …))",
}


class QueryRefused(Exception):
    """A query the guard does not run, or that it stopped; the message is Dutch, one line."""


@dataclass
class QueryResult:
    frame: pl.DataFrame
    truncated: bool
    seconds: float


def _log(entry: dict) -> None:
    folder = paths.data_dir() / "logboek"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "queries.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def _printable(text: str) -> str:
    """``text`` as valid UTF-8 for the log: bytes that were not UTF-8 (which Python keeps as
    lone surrogates, e.g. a command-line argument b"\\xff") become the escape ``\\xff``."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from undecodable bytes
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _slot_wait() -> float:
    return float(os.environ.get("VTH_QUERY_WACHT") or SLOT_WAIT_SECONDS)


@contextlib.contextmanager
def _slot() -> Iterator[int]:
    """Hold one of the server's MAX_PARALLEL query slots (an fcntl lock on a file in the data
    directory, so it counts across processes); yields the lock's file descriptor, which the
    worker inherits, so a slot stays taken while a worker of a crashed parent still runs."""
    folder = paths.data_dir()
    deadline = time.monotonic() + _slot_wait()
    while True:
        for n in range(MAX_PARALLEL):
            fd = os.open(folder / f".query.{n}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield fd
            finally:
                os.close(fd)  # releases the lock (the worker's copy is gone by now)
            return
        if time.monotonic() >= deadline:
            raise QueryRefused(BEZET)
        time.sleep(0.1)


def _first_line(text: str) -> str:
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


def _single_select(sql: str) -> str:
    if not sql.strip():
        raise QueryRefused("De query is leeg.")
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"De query is te lang: maximaal {MAX_SQL_CHARS:,} tekens.".replace(
            ",", "."))
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"De query is geen geldige SQL: {_first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryRefused(f"Precies één statement toegestaan; dit zijn er {len(statements)}.")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        soort = _SOORTEN.get(statement.type.name, statement.type.name)
        raise QueryRefused(
            f"Alleen een query (SELECT of WITH … SELECT) is toegestaan, geen {soort}."
        )
    return statement.query


def _te_lang(timeout: float) -> str:
    seconden = fmt.short(timeout)
    eenheid = "seconde" if timeout == 1 else "seconden"
    return f"De query is afgebroken: hij duurde langer dan {seconden} {eenheid}."


def _reason(soort: str, melding: str, timeout: float) -> str:
    """The Dutch refusal for an error the worker reported (DuckDB's own line kept as detail)."""
    detail = _first_line(melding)
    if soort == "InterruptException":
        return _te_lang(timeout)
    if soort == "PermissionException":
        return (
            "De query-console leest alleen de tabellen van het warehouse; bestanden, netwerk en "
            f"extensies zijn uitgeschakeld. (DuckDB: {detail})"
        )
    if soort == "InvalidInputException" and "configuration has been locked" in detail:
        return "De instellingen van de query-console kunnen niet worden gewijzigd."
    if soort in ("OutOfMemoryException", "MemoryError"):
        return (
            "De query is gestopt: hij had meer dan 1 GB geheugen nodig. Filter of aggregeer "
            "eerder in de query."
        )
    if soort == "ResultTooLarge":
        mb = MAX_RESULT_BYTES // 1024**2
        return (
            f"Het resultaat is groter dan {mb} MB; kies minder kolommen of rijen "
            "(of aggregeer)."
        )
    if soort in ("CatalogException", "BinderException", "ParserException"):
        return f"De query bevat een fout: {detail}"
    return f"De query is mislukt: {detail}"


def _run_in_worker(path: Path, query: str, max_rows: int, timeout: float) -> pl.DataFrame:
    request = {
        "path": str(path),
        "sql": query,
        "max_rows": max_rows,
        "timeout": timeout,
        "max_bytes": MAX_RESULT_BYTES,
    }
    try:
        with _slot() as slot:
            completed = subprocess.run(
                [sys.executable, "-m", "warehouse._query_worker"],
                input=json.dumps(request).encode("utf-8"),
                capture_output=True,
                timeout=timeout + KILL_GRACE_SECONDS,
                cwd=paths.REPO_ROOT,
                pass_fds=(slot,),
            )
    except subprocess.TimeoutExpired:
        raise QueryRefused(_te_lang(timeout)) from None
    header, _, body = completed.stdout.partition(b"\n")
    try:
        answer = json.loads(header)
    except ValueError:
        _LOG.error(
            "query worker stopped (exit %s): %s",
            completed.returncode,
            completed.stderr.decode("utf-8", "replace")[-2000:],
        )
        raise QueryRefused(
            "De query is gestopt: hij gebruikte te veel geheugen of tijd."
        ) from None
    if not answer.get("ok"):
        raise QueryRefused(_reason(answer.get("soort", ""), answer.get("melding", ""), timeout))
    return pl.read_ipc_stream(io.BytesIO(body))


def run_query(
    sql: str,
    *,
    max_rows: int = MAX_ROWS,
    timeout: float = TIMEOUT_SECONDS,
    user: str = "cli",
    path: Path | None = None,
) -> QueryResult:
    """Run one guarded query; raises QueryRefused (Dutch, one line) for anything refused or
    stopped. At most ``max_rows`` rows come back; ``truncated`` says there were more."""
    path = path or paths.warehouse_path()
    entry = {"tijd": now(), "gebruiker": user, "sql": _printable(sql)}
    started = time.perf_counter()
    try:
        if _printable(sql) != sql:
            raise QueryRefused(ONGELDIGE_TEKENS)
        query = _single_select(sql)
        if not path.exists():
            raise QueryRefused("Er is nog geen gepubliceerd warehouse.")
        frame = _run_in_worker(path, query, max_rows, timeout)
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
    truncated = frame.height > max_rows
    frame = frame.head(max_rows)
    seconds = time.perf_counter() - started
    _log(
        {
            **entry,
            "resultaat": "uitgevoerd",
            "rijen": frame.height,
            "afgekapt": truncated,
            "seconden": round(seconds, 3),
        }
    )
    return QueryResult(frame, truncated, seconds)
