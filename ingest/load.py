"""Loading deliveries into the landing database: archived, idempotent, replaceable, audited.

Landing layout (``$VTH_DATA_DIR/landing.duckdb``), read by dbt as the source ``landing``:
- ``bron.<kind>``: the delivered rows, typed, with ``_lading_id``, ``_bron`` and ``_rij``.
- ``audit.ladingen``: one row per load attempt (data contract, "Published warehouse").
- ``audit.quarantaine``: one row per rejected value, tied to its load.
- ``audit.bestanden``: the version of each file name whose rows are in ``bron`` now.

Results (data contract, "Loads"): same bytes as what is loaded -> ``ongewijzigd`` (no change);
a known file name with new bytes -> ``vervangen`` (that file's earlier rows go); a new file ->
``geladen``; an unreadable file -> ``mislukt`` (recorded and archived, no rows change).

Every file is read, validated and written by its own worker process (``ingest/_worker.py``)
under a memory budget, so a hostile or broken file can only end that worker: the batch goes on
with the next file, the failure is recorded as ``mislukt`` with a Dutch reason, and the
dashboard server that asked for the load keeps serving (data contract v2, "Bounded reading").

Archive (``archief/<sha256>/<sha256><ext>``): the product chooses the name, the delivered name
lives only in the audit row. The bytes are first staged in ``archief/.nieuw/`` and moved into
place only after the audit row is committed; a crash in between is repaired at the next load
(a staged file with an audit row is moved into place, one without is removed), so an archived
file always has its audit row.
Keyed kinds: ``odt_zaken`` keeps one row per zaak_id (the latest load wins); ``agenda`` keeps
every loaded version as status history and dbt picks the latest.

Personal data: a kind's personal columns (names) get a pseudonym column next to them
(``medewerker_id``, ``naam_id``; keyed hash, ingest/pseudoniem.py). The landing keeps the names,
it is never published; dbt selects only the pseudonyms.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core import fmt, lock, paths
from core.clock import now
from core.lock import LockBusy
from core.vocabulary import READABLE_SUFFIXES
from ingest.budget import ReadBudget
from ingest.schema import KINDS, PROVENANCE_COLUMNS, ROW

if TYPE_CHECKING:
    import duckdb
    import polars as pl

    from ingest.normalise import Result
    from ingest.read import Delivery

# duckdb, polars and the readers are imported where they are used: the process that runs a
# batch only starts workers (which do the reading) and records, and starts in a tenth of the
# time (ingest of one large file is measured against DuckDB's own read, bench/ingest_ratio.py).

_LOG = logging.getLogger(__name__)
STAGING = ".nieuw"


@dataclass
class Outcome:
    bron: str
    soort: str | None
    resultaat: str  # geladen | ongewijzigd | vervangen | mislukt
    rijen_gelezen: int = 0
    rijen_geladen: int = 0
    rijen_quarantaine: int = 0
    melding: str = ""
    lading_id: int | None = None
    # the rejected values of this load (_rij, kolom, waarde, reden); empty when none
    # (filled only when asked for: load_paths(with_quarantine=True), as the upload page does)
    quarantaine: pl.DataFrame | None = field(default=None, repr=False)

    def as_dict(self) -> dict:
        """What the worker sends back (the quarantine is read from the landing)."""
        return {
            "bron": self.bron,
            "soort": self.soort,
            "resultaat": self.resultaat,
            "rijen_gelezen": self.rijen_gelezen,
            "rijen_geladen": self.rijen_geladen,
            "rijen_quarantaine": self.rijen_quarantaine,
            "melding": self.melding,
            "lading_id": self.lading_id,
        }

    def line(self) -> str:
        if self.resultaat == "mislukt":
            return f"{self.bron}: NIET GELADEN – {self.melding}"
        text = (
            f"{self.bron}: soort {self.soort}, {fmt.number(self.rijen_gelezen, 0)} rijen gelezen, "
            f"{fmt.number(self.rijen_geladen, 0)} geladen, "
            f"{fmt.number(self.rijen_quarantaine, 0)} in quarantaine "
            f"({self.resultaat})"
        )
        return text + (f" – {self.melding}" if self.melding else "")


def _polars():
    import polars

    return polars


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.sql("create schema if not exists bron")
    con.sql("create schema if not exists audit")
    con.sql("create sequence if not exists audit.lading_seq start 1")
    con.sql(
        """create table if not exists audit.ladingen (
            lading_id integer primary key, bron varchar not null, soort varchar,
            sha256 varchar not null, geladen_op timestamp not null,
            rijen_gelezen integer not null, rijen_geladen integer not null,
            rijen_quarantaine integer not null, resultaat varchar not null, melding varchar,
            archief varchar)"""
    )
    con.sql(
        """create table if not exists audit.quarantaine (
            lading_id integer not null, bron varchar not null, soort varchar not null,
            rij integer not null, kolom varchar, waarde varchar, reden varchar not null)"""
    )
    con.sql(
        """create table if not exists audit.bestanden (
            bron varchar primary key, soort varchar not null, sha256 varchar not null,
            lading_id integer not null)"""
    )
    for kind in KINDS.values():
        columns = [f"{c.name} {c.duckdb_type}" for c in kind.columns]
        columns += [f"{pseudonym} VARCHAR" for _, pseudonym in kind.pseudonym_columns]
        columns += [f"{name} {dtype}" for name, dtype in PROVENANCE_COLUMNS]
        con.sql(f"create table if not exists bron.{kind.name} ({', '.join(columns)})")
        for name, pseudonym in kind.pseudonym_columns:
            # A landing from before pseudonyms: add the column and fill it for the old rows.
            con.sql(f"alter table bron.{kind.name} add column if not exists {pseudonym} varchar")
            _backfill_pseudonyms(con, kind.name, name, pseudonym)


def _backfill_pseudonyms(con, table: str, name: str, pseudonym: str) -> None:
    from ingest.pseudoniem import pseudoniemen

    missing = con.sql(
        f"select distinct {name} from bron.{table} where {name} is not null and {pseudonym} is null"
    ).pl()
    if missing.is_empty():
        return
    mapping = missing.with_columns(pseudoniemen(missing[name]).alias(pseudonym))
    con.register("pseudoniemen", mapping)
    try:
        con.sql(
            f"update bron.{table} set {pseudonym} = pseudoniemen.{pseudonym} from pseudoniemen "
            f"where bron.{table}.{name} = pseudoniemen.{name} and bron.{table}.{pseudonym} is null"
        )
    finally:
        con.unregister("pseudoniemen")


def connect_landing(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The landing database (created with its schema on first use). DuckDB raises IOException
    when another process holds the file; ``open_landing`` turns that into "bezet"."""
    import duckdb

    con = duckdb.connect(str(path or paths.landing_path()))
    ensure_schema(con)
    return con


# One message for one situation, from a load and from a build alike.
LANDING_BEZET = "De landingsdatabase is bezet door {houder}; probeer het later opnieuw."
# DuckDB's message when another process holds the file (IOException), and who holds it.
DUCKDB_LOCK = "Could not set lock on file"


def landing_busy(message: str) -> LockBusy:
    """DuckDB's lock error (its text names the holder's pid) as the Dutch "bezet" message."""
    pid = re.search(r"\(PID (\d+)\)", message)
    houder = f"een ander proces (pid {pid.group(1)})" if pid else "een ander proces"
    return LockBusy(LANDING_BEZET.format(houder=houder))


def open_landing(wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """``connect_landing``, waiting up to ``wait_seconds`` while another process (a dbt that
    outlived its build, a backup, a tool) holds the file; then LockBusy, never a traceback."""
    import duckdb

    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return connect_landing()
        except duckdb.IOException as exc:
            if DUCKDB_LOCK not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise landing_busy(str(exc)) from None
            time.sleep(0.2)


def archive_name(sha: str, name: str) -> str:
    """The archive's own name for a delivery: its sha256 and, when it is a plain one, the
    original extension (so the file still opens in the right program)."""
    suffix = Path(name).suffix.lower()
    return sha + (suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else "")


def archive_path(sha: str, name: str) -> Path:
    return paths.archive_dir() / sha / archive_name(sha, name)


def _staged(sha: str, name: str) -> Path:
    return paths.archive_dir() / STAGING / archive_name(sha, name)


def stage(raw: bytes, sha: str, name: str) -> Path:
    """Write the delivered bytes to the archive's staging folder (0600, atomically)."""
    folder = paths.archive_dir() / STAGING
    folder.mkdir(mode=0o700, exist_ok=True)
    target = _staged(sha, name)
    if not target.exists():
        tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        tmp.replace(target)
    return target


def finish_archive(sha: str, name: str) -> Path:
    """Move a staged delivery into ``archief/<sha256>/``, after its audit row was committed."""
    staged, final = _staged(sha, name), archive_path(sha, name)
    final.parent.mkdir(mode=0o700, exist_ok=True)
    if final.exists():
        staged.unlink(missing_ok=True)
    elif staged.exists():
        staged.replace(final)
    return final


def recover_archive(wait_seconds: float = 0.0) -> None:
    """Finish what a crash left in the staging folder: a staged file whose sha256 has an audit
    row is moved into place; one without was never recorded and is removed. (The landing is
    opened only when there is something to finish: the batch process stays light.)"""
    folder = paths.archive_dir() / STAGING
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    con = open_landing(wait_seconds)
    try:
        _recover(con, folder)
    finally:
        con.close()


def _recover(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    for staged in folder.iterdir():
        sha = staged.name.split(".", 1)[0]
        if staged.name.endswith(".tmp") or not re.fullmatch(r"[0-9a-f]{64}", sha):
            staged.unlink(missing_ok=True)
            continue
        known = con.execute("select 1 from audit.ladingen where sha256 = ? limit 1", [sha])
        if known.fetchall():
            final = paths.archive_dir() / sha / staged.name
            final.parent.mkdir(mode=0o700, exist_ok=True)
            staged.replace(final)
        else:
            staged.unlink(missing_ok=True)


def _record(con, lading_id: int, outcome: Outcome, sha: str, when: datetime, kept: str) -> None:
    outcome.lading_id = lading_id
    con.execute(
        "insert into audit.ladingen values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            lading_id,
            outcome.bron,
            outcome.soort,
            sha,
            when,
            outcome.rijen_gelezen,
            outcome.rijen_geladen,
            outcome.rijen_quarantaine,
            outcome.resultaat,
            outcome.melding or None,
            kept,
        ],
    )


def _first(rows: list[tuple]) -> tuple | None:
    # DuckDB 2 refuses new work on a connection with an unfetched result: always fetchall().
    return rows[0] if rows else None


@dataclass
class Prepared:
    """A delivery read and validated against the landing as it is now, before anything is
    written: what ``load_file`` writes and what ``python -m ingest --controle`` reports come
    from this one step, so a check says exactly what a load would do."""

    outcome: Outcome  # resultaat as a load would record it; lading_id not yet set
    delivery: Delivery | None = None  # None when the load stops early (ongewijzigd, mislukt)
    result: Result | None = None
    current: tuple | None = None  # (soort, sha256) of the earlier version of this file name

    @property
    def early(self) -> bool:
        return self.delivery is None


def prepare(
    con: duckdb.DuckDBPyConnection | None,
    raw: bytes,
    bron: str,
    sha: str,
    forced_kind: str | None = None,
    budget: ReadBudget | None = None,
) -> Prepared:
    """Read and validate one delivery and decide what a load does with it; writes nothing.
    ``con`` is the landing (read-only is enough), or None when there is no landing yet."""
    # imported here: the parent process never parses a delivery
    from ingest.normalise import validate
    from ingest.read import Unreadable, read_delivery

    current = same_bytes = None
    if con is not None:
        current = _first(
            con.execute(
                "select soort, sha256 from audit.bestanden where bron = ?", [bron]
            ).fetchall()
        )
        if not (current and current[1] == sha):
            same_bytes = _first(
                con.execute(
                    "select bron, soort from audit.bestanden where sha256 = ?", [sha]
                ).fetchall()
            )
    if current and current[1] == sha:
        return Prepared(
            Outcome(bron, current[0], "ongewijzigd", melding="zelfde inhoud al geladen")
        )
    if same_bytes:
        return Prepared(
            Outcome(
                bron,
                same_bytes[1],
                "ongewijzigd",
                melding=f"zelfde inhoud al geladen als {same_bytes[0]}",
            )
        )
    try:
        delivery = read_delivery(Path(bron), raw, forced_kind, budget)
        result = validate(delivery)
    except Unreadable as exc:
        return Prepared(Outcome(bron, forced_kind, "mislukt", melding=str(exc)))

    outcome = Outcome(
        bron,
        delivery.kind.name,
        "vervangen" if current else "geladen",
        rijen_gelezen=result.rows_read,
        rijen_geladen=result.rows.height,
        rijen_quarantaine=result.rows_quarantined,
    )
    notes = list(delivery.notes)
    if delivery.ignored_columns:
        notes.append("kolommen genegeerd: " + ", ".join(delivery.ignored_columns))
    outcome.melding = "; ".join(notes)
    return Prepared(outcome, delivery, result, current)


def load_file(
    con: duckdb.DuckDBPyConnection,
    source: Path,
    bron: str,
    sha: str,
    forced_kind: str | None = None,
    budget: ReadBudget | None = None,
) -> Outcome:
    """Read, validate and load one delivery (``source`` holds its bytes, ``bron`` is the
    delivered file name). Runs in the worker process (ingest/_worker.py)."""
    # imported here: the parent process never parses a delivery
    import polars as pl

    from ingest.pseudoniem import pseudoniemen

    raw = source.read_bytes()
    kept = str(archive_path(sha, bron).relative_to(paths.data_dir()))
    when = now()
    lading_id = con.sql("select nextval('audit.lading_seq')").fetchall()[0][0]

    prepared = prepare(con, raw, bron, sha, forced_kind, budget)
    del raw
    outcome = prepared.outcome
    if prepared.early:
        _record(con, lading_id, outcome, sha, when, kept)
        return outcome
    assert prepared.delivery is not None and prepared.result is not None
    kind, result, current = prepared.delivery.kind, prepared.result, prepared.current
    outcome.lading_id = lading_id

    pseudonyms = [pseudoniemen(result.rows[name]).alias(p) for name, p in kind.pseudonym_columns]
    rows = result.rows.with_columns(
        *pseudonyms,
        pl.lit(lading_id, pl.Int32).alias("_lading_id"),
        pl.lit(bron).alias("_bron"),
    ).select(*kind.column_names, *(s.name for s in pseudonyms), "_lading_id", "_bron", ROW)
    quarantine = result.quarantine.select(
        pl.lit(lading_id, pl.Int32).alias("lading_id"),
        pl.lit(bron).alias("bron"),
        pl.lit(kind.name).alias("soort"),
        pl.col(ROW).alias("rij"),
        "kolom",
        "waarde",
        "reden",
    )
    con.sql("begin transaction")
    try:
        if current:
            con.execute(f"delete from bron.{current[0]} where _bron = ?", [bron])
        con.register("nieuwe_rijen", rows.to_arrow())  # converted once, scanned twice
        if kind.key and not kind.keep_history:
            con.sql(
                f"delete from bron.{kind.name} where {kind.key} in "
                f"(select {kind.key} from nieuwe_rijen)"
            )
        # by name: a landing that got its pseudonym columns later has them at the end
        con.sql(f"insert into bron.{kind.name} by name select * from nieuwe_rijen")
        con.unregister("nieuwe_rijen")
        con.register("nieuwe_quarantaine", quarantine)
        con.sql("insert into audit.quarantaine select * from nieuwe_quarantaine")
        con.unregister("nieuwe_quarantaine")
        con.execute(
            "insert or replace into audit.bestanden values (?, ?, ?, ?)",
            [bron, kind.name, sha, lading_id],
        )
        _record(con, lading_id, outcome, sha, when, kept)
        con.sql("commit")
    except Exception:
        con.sql("rollback")
        raise
    return outcome


# --- the worker, seen from the parent ---------------------------------------------------------

WORKER_POLL_SECONDS = 0.05
# The worker's hard address-space cap, as a multiple of the memory budget: the allocators of
# polars and DuckDB reserve far more address space than they touch (the 2-million-row demo file
# peaks at about 1.5 GB resident and 3.3 GB of address space), so the budget itself is held
# against the resident memory, measured while the worker runs; this cap is the backstop.
ADDRESS_SPACE_FACTOR = 4


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def over_memory_reason(budget: ReadBudget) -> str:
    """Why a file over the memory budget was not loaded (from the worker and from its parent)."""
    return (
        f"het lezen van dit bestand had meer dan {fmt.short(budget.memory / 1024**3)} GB "
        "geheugen nodig (leesbudget); lever een kleiner bestand aan"
    )


def _worker_reason(code: int, over_memory: bool, budget: ReadBudget) -> str:
    if over_memory or code in (-6, -9):  # killed by us, or the allocator gave up (abort)
        return over_memory_reason(budget)
    return "het verwerken van dit bestand is onverwacht afgebroken (zie het serverlogboek)"


def _start_worker(budget: ReadBudget) -> subprocess.Popen:
    """Start a worker; it imports while the parent hashes and stages the file. Output goes to
    unnamed temporary files, not pipes: a worker that writes a lot to stderr can then never
    block while the parent is polling its memory."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "ingest._worker", str(int(budget.memory * ADDRESS_SPACE_FACTOR))],
        stdin=subprocess.PIPE,
        stdout=out,
        stderr=err,
        cwd=paths.REPO_ROOT,
    )
    process.vth_output = (out, err)  # type: ignore[attr-defined]
    return process


def _stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for handle in process.vth_output:  # type: ignore[attr-defined]
        handle.close()


def _run_worker(
    staged: Path,
    bron: str,
    sha: str,
    forced_kind: str | None,
    budget: ReadBudget,
    process: subprocess.Popen | None = None,
    wait_seconds: float = 0.0,
    controle: bool = False,
) -> dict:
    """Load one staged delivery in a worker process under the memory budget; the worker's
    answer (an Outcome as a dict), or {"mislukt": reason} / {"bezet": message}. With
    ``controle`` the worker only checks the file (ingest/controle.py: a Controle as a dict)."""
    process = process or _start_worker(budget)
    request = {
        "bron": bron,
        "bestand": str(staged),
        "sha256": sha,
        "soort": forced_kind,
        "budget": asdict(budget),
        "wacht": wait_seconds,  # for a landing database another process still holds
        "controle": controle,
    }
    out, err = process.vth_output  # type: ignore[attr-defined]
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps(request).encode("utf-8"))
            process.stdin.close()
        except BrokenPipeError:
            pass
        over_memory = False
        peak = 0
        while process.poll() is None:
            rss = _rss(process.pid)
            peak = max(peak, rss)
            if rss > budget.memory:
                over_memory = True
                process.kill()
                process.wait()
                break
            time.sleep(WORKER_POLL_SECONDS)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()[-4000:]
    finally:
        _stop_worker(process)
    line = stdout.decode("utf-8", "replace").strip().splitlines()
    if process.returncode == 0 and line:
        try:
            return json.loads(line[-1])
        except ValueError:
            pass
    _LOG.error(
        "ingest worker for %s stopped (exit %s, peak %d MB): %s",
        bron,
        process.returncode,
        peak // 1024**2,
        stderr.decode("utf-8", "replace")[-2000:],
    )
    return {"mislukt": _worker_reason(process.returncode, over_memory, budget)}


def _record_failure(bron: str, sha: str, forced_kind: str | None, reason: str) -> Outcome:
    """A file the worker could not finish: recorded as mislukt (no rows change)."""
    outcome = Outcome(bron, forced_kind, "mislukt", melding=reason)
    con = open_landing()
    try:
        lading_id = con.sql("select nextval('audit.lading_seq')").fetchall()[0][0]
        kept = str(archive_path(sha, bron).relative_to(paths.data_dir()))
        _record(con, lading_id, outcome, sha, now(), kept)
    finally:
        con.close()
    return outcome


def _quarantine_of(lading_id: int) -> pl.DataFrame:
    con = open_landing()
    try:
        return con.sql(
            f"select rij as {ROW}, kolom, waarde, reden from audit.quarantaine "
            "where lading_id = $id order by rij, kolom nulls first",
            params={"id": lading_id},
        ).pl()
    finally:
        con.close()


def _load_one(
    path: Path, forced_kind: str | None, budget: ReadBudget, with_quarantine: bool,
    wait_seconds: float = 0.0,
) -> Outcome:
    process = _start_worker(budget)
    try:
        raw = path.read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        staged = stage(raw, sha, path.name)
    except BaseException as exc:
        _stop_worker(process)
        if isinstance(exc, OSError):
            return Outcome(path.name, forced_kind, "mislukt",
                           melding=f"bestand niet leesbaar ({exc.strerror or type(exc).__name__})")
        raise
    del raw
    try:
        answer = _run_worker(staged, path.name, sha, forced_kind, budget, process, wait_seconds)
        if "bezet" in answer:
            raise LockBusy(answer["bezet"])
        if "mislukt" in answer:
            outcome = _record_failure(path.name, sha, forced_kind, answer["mislukt"])
        else:
            outcome = Outcome(**answer)
        if with_quarantine:
            outcome.quarantaine = (
                _quarantine_of(outcome.lading_id)
                if outcome.rijen_quarantaine and outcome.lading_id is not None
                else _polars().DataFrame()
            )
    except LockBusy:
        _staged(sha, path.name).unlink(missing_ok=True)  # nothing was recorded
        raise
    finally:
        _stop_worker(process)  # whatever happened above, no worker is left waiting
    finish_archive(sha, path.name)
    return outcome


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for all supported files in it (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
                )
            )
        else:
            files.append(path)
    return files


def load_paths(
    paths_: list[Path],
    forced_kind: str | None = None,
    lock_wait: float | None = None,
    budget: ReadBudget | None = None,
    with_quarantine: bool = False,
) -> list[Outcome]:
    """Load files under the data directory's lock; one outcome per file. ``lock_wait``: seconds
    to wait for a running load or build (default env VTH_LOCK_WAIT, 120) before LockBusy;
    ``with_quarantine``: fill each outcome's ``quarantaine`` (the upload page shows it)."""
    with lock.exclusive("een lading (python -m ingest)", lock_wait):
        return load_files(paths_, forced_kind, lock_wait, budget, with_quarantine)


def load_files(
    paths_: list[Path],
    forced_kind: str | None = None,
    lock_wait: float | None = None,
    budget: ReadBudget | None = None,
    with_quarantine: bool = False,
) -> list[Outcome]:
    """``load_paths`` for a caller that holds the data directory's lock already (a refresh:
    warehouse/refresh.py).

    One bad file never stops the batch: whatever goes wrong while handling it (a worker that
    dies, an unexpected error here) is recorded as ``mislukt`` with a Dutch reason and the next
    file loads. Only a busy data directory (LockBusy) stops the batch.
    """
    budget = budget or ReadBudget.from_env()
    outcomes: list[Outcome] = []
    # A landing database still held by another process is waited for as the data directory's
    # lock is (here or in the worker), then "bezet".
    wait = lock.wait_seconds(lock_wait)
    recover_archive(wait)
    for path in expand(paths_):
        if not path.is_file():
            outcomes.append(
                Outcome(path.name, forced_kind, "mislukt", melding=f"bestand niet gevonden: {path}")
            )
            continue
        try:
            outcomes.append(_load_one(path, forced_kind, budget, with_quarantine, wait))
        except LockBusy:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
            _LOG.exception("ingest of %s failed", path.name)
            reason = f"onverwachte fout bij het verwerken ({type(exc).__name__})"
            try:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                outcomes.append(_record_failure(path.name, sha, forced_kind, reason))
                finish_archive(sha, path.name)
            except Exception:  # noqa: BLE001 - still report it, and go on
                _LOG.exception("recording the failure of %s failed", path.name)
                outcomes.append(Outcome(path.name, forced_kind, "mislukt", melding=reason))
    return outcomes
