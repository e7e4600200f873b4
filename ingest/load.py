"""Loading deliveries into the landing database: archived, idempotent, replaceable, audited.

Landing layout (``$VTH_DATA_DIR/landing.duckdb``), read by dbt as the source ``landing``:
- ``bron.<kind>``: the delivered rows, typed, with ``_lading_id``, ``_bron`` and ``_rij``.
- ``audit.ladingen``: one row per load attempt (data contract, "Published warehouse").
- ``audit.quarantaine``: one row per rejected value, tied to its load.
- ``audit.bestanden``: the version of each file name whose rows are in ``bron`` now.

Results (data contract, "Loads"): same bytes as what is loaded -> ``ongewijzigd`` (no change);
a known file name with new bytes -> ``vervangen`` (that file's earlier rows go); a new file ->
``geladen``; an unreadable file -> ``mislukt`` (recorded and archived, no rows change).
Keyed kinds: ``odt_zaken`` keeps one row per zaak_id (the latest load wins); ``agenda`` keeps
every loaded version as status history and dbt picks the latest.

Personal data: a kind's personal columns (names) get a pseudonym column next to them
(``medewerker_id``, ``naam_id``; keyed hash, ingest/pseudoniem.py). The landing keeps the names,
it is never published; dbt selects only the pseudonyms.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import polars as pl

from ingest import settings
from ingest.normalise import validate
from ingest.pseudoniem import pseudoniemen
from ingest.read import ROW, SUPPORTED_SUFFIXES, Unreadable, read_delivery
from ingest.schema import KINDS, PROVENANCE_COLUMNS

TIMEZONE = ZoneInfo("Europe/Amsterdam")


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
    # the rejected values of this load (rij, kolom, waarde, reden); empty when none
    quarantaine: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)

    def line(self) -> str:
        if self.resultaat == "mislukt":
            return f"{self.bron}: NIET GELADEN – {self.melding}"
        text = (
            f"{self.bron}: soort {self.soort}, {_n(self.rijen_gelezen)} rijen gelezen, "
            f"{_n(self.rijen_geladen)} geladen, {_n(self.rijen_quarantaine)} in quarantaine "
            f"({self.resultaat})"
        )
        return text + (f" – {self.melding}" if self.melding else "")


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")  # Dutch thousands separator


def now() -> datetime:
    """Local Dutch time without zone: what the kerngroep reads in the load history."""
    return datetime.now(TIMEZONE).replace(tzinfo=None, microsecond=0)


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
    con = duckdb.connect(str(path or settings.landing_path()))
    ensure_schema(con)
    return con


def archive(raw: bytes, sha: str, name: str) -> Path:
    """Keep the delivered bytes under archief/<sha256>/<file name>; never overwritten."""
    folder = settings.archive_dir() / sha
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(raw)
        tmp.replace(target)
    return target


def _record(con, lading_id: int, outcome: Outcome, sha: str, when: datetime, kept: Path) -> None:
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
            str(kept.relative_to(settings.data_dir())),
        ],
    )


def _first(rows: list[tuple]) -> tuple | None:
    # DuckDB 2 refuses new work on a connection with an unfetched result: always fetchall().
    return rows[0] if rows else None


def load_file(
    con: duckdb.DuckDBPyConnection, path: Path, forced_kind: str | None = None
) -> Outcome:
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    kept = archive(raw, sha, path.name)
    when = now()
    lading_id = con.sql("select nextval('audit.lading_seq')").fetchall()[0][0]

    current = _first(
        con.execute(
            "select soort, sha256 from audit.bestanden where bron = ?", [path.name]
        ).fetchall()
    )
    if current and current[1] == sha:
        outcome = Outcome(path.name, current[0], "ongewijzigd", melding="zelfde inhoud al geladen")
        _record(con, lading_id, outcome, sha, when, kept)
        return outcome
    same_bytes = _first(
        con.execute("select bron, soort from audit.bestanden where sha256 = ?", [sha]).fetchall()
    )
    if same_bytes:
        outcome = Outcome(
            path.name,
            same_bytes[1],
            "ongewijzigd",
            melding=f"zelfde inhoud al geladen als {same_bytes[0]}",
        )
        _record(con, lading_id, outcome, sha, when, kept)
        return outcome

    try:
        delivery = read_delivery(path, raw, forced_kind)
        result = validate(delivery)
    except Unreadable as exc:
        outcome = Outcome(path.name, forced_kind, "mislukt", melding=str(exc))
        _record(con, lading_id, outcome, sha, when, kept)
        return outcome

    kind = delivery.kind
    outcome = Outcome(
        path.name,
        kind.name,
        "vervangen" if current else "geladen",
        rijen_gelezen=result.rows_read,
        rijen_geladen=result.rows.height,
        rijen_quarantaine=result.rows_quarantined,
        lading_id=lading_id,
        quarantaine=result.quarantine,
    )
    if delivery.ignored_columns:
        outcome.melding = "kolommen genegeerd: " + ", ".join(delivery.ignored_columns)

    pseudonyms = [pseudoniemen(result.rows[name]).alias(p) for name, p in kind.pseudonym_columns]
    rows = result.rows.with_columns(
        *pseudonyms,
        pl.lit(lading_id, pl.Int32).alias("_lading_id"),
        pl.lit(path.name).alias("_bron"),
    ).select(*kind.column_names, *(s.name for s in pseudonyms), "_lading_id", "_bron", ROW)
    quarantine = result.quarantine.select(
        pl.lit(lading_id, pl.Int32).alias("lading_id"),
        pl.lit(path.name).alias("bron"),
        pl.lit(kind.name).alias("soort"),
        pl.col(ROW).alias("rij"),
        "kolom",
        "waarde",
        "reden",
    )
    con.sql("begin transaction")
    try:
        if current:
            con.execute(f"delete from bron.{current[0]} where _bron = ?", [path.name])
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
            [path.name, kind.name, sha, lading_id],
        )
        _record(con, lading_id, outcome, sha, when, kept)
        con.sql("commit")
    except Exception:
        con.sql("rollback")
        raise
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
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            files.append(path)
    return files


def load_paths(
    paths: list[Path], forced_kind: str | None = None, lock_wait: float | None = None
) -> list[Outcome]:
    """Load files under the data directory's lock; one outcome per file. ``lock_wait``: seconds
    to wait for a running load or build (default env VTH_LOCK_WAIT, 120) before LockBusy."""
    outcomes: list[Outcome] = []
    with settings.exclusive("een lading (python -m ingest)", lock_wait):
        con = connect_landing()
        try:
            for path in expand(paths):
                if not path.is_file():
                    outcomes.append(
                        Outcome(
                            path.name,
                            forced_kind,
                            "mislukt",
                            melding=f"bestand niet gevonden: {path}",
                        )
                    )
                    continue
                outcomes.append(load_file(con, path, forced_kind))
        finally:
            con.close()
    return outcomes
