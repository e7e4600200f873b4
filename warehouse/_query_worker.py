"""The query runner's worker process: runs ONE already-checked query and exits.

Started by ``warehouse.query.run_query`` as ``python -m warehouse._query_worker``; reads a JSON
request on stdin, writes one JSON header line on stdout and, when the query ran, the result as
an Arrow IPC stream after it. A separate process because DuckDB's memory limit does not cover
everything a query can allocate (a ``repeat('x', 1e9)`` string, a huge result being converted):
here an address-space limit stops the worker, never the dashboard server. Imports are kept to
duckdb and polars so the worker starts in about 0.3 s.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import threading

# Applied at connect: no extension install/load, no community or unsigned extensions, memory
# and thread limits, no spilling to a temp directory. External access is switched off after the
# warehouse is attached, then the configuration is locked (last).
CONNECT_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "memory_limit": "1GB",
    "threads": 2,
    "temp_directory": "",
}
ADDRESS_SPACE_BYTES = 3 * 1024**3


def _limit_resources(cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # the worker writes no file at all
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def guarded_connection(path: str):
    """A new in-memory DuckDB instance (never the process-wide instance cache, so its settings
    cannot clash with or leak into other connections) with the warehouse attached read-only."""
    import duckdb

    con = duckdb.connect(":memory:", config=dict(CONNECT_CONFIG))
    quoted = path.replace("'", "''")
    con.sql(f"attach '{quoted}' as vth (read_only)")
    con.sql("use vth")
    con.sql("set enable_external_access = false")  # no file, network or extension access
    con.sql("set lock_configuration = true")  # last: nothing after this can loosen the guard
    return con


def _answer(header: dict, body: bytes = b"") -> None:
    sys.stdout.buffer.write(json.dumps(header).encode("utf-8") + b"\n" + body)
    sys.stdout.buffer.flush()


def main() -> int:
    request = json.loads(sys.stdin.read())
    timeout = float(request["timeout"])
    _limit_resources(int(timeout * 2) + 5)  # 2 threads; the parent kills long before this
    try:
        con = guarded_connection(request["path"])
    except Exception as exc:  # noqa: BLE001 - reported as a refusal
        _answer({"ok": False, "soort": type(exc).__name__, "melding": str(exc)})
        return 0
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        # The relation is lazy: limit() adds the row cap to the plan, so DuckDB stops after
        # max_rows + 1 rows (the extra row only says "there was more").
        frame = con.sql(request["sql"]).limit(int(request["max_rows"]) + 1).pl()
    except BaseException as exc:  # noqa: BLE001 - MemoryError included
        _answer({"ok": False, "soort": type(exc).__name__, "melding": str(exc)})
        return 0
    finally:
        timer.cancel()
        con.close()
    if frame.estimated_size() > int(request["max_bytes"]):
        _answer({"ok": False, "soort": "ResultTooLarge", "melding": str(frame.estimated_size())})
        return 0
    buffer = io.BytesIO()
    frame.write_ipc_stream(buffer)
    _answer({"ok": True}, buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
