"""Check deliveries without loading them: ``python -m ingest --controle PATH [PATH ...]``.

Data contract v2, "check a delivery, change nothing": every file is read and validated exactly as
a load would (the same worker process, ``ingest/_worker.py``, under the same reading budget, and
the same preparation step, ``ingest.load.prepare``), and the result says what a load would do:
kind, rows read, rows that would be added / replaced / quarantined (reasons grouped, with their
first rows), and where the file replaces earlier rows (same file name with other bytes; for the
keyed kinds the same key) how many, with a warning in words when many earlier rows would be
replaced by few.

Nothing is written under ``$VTH_DATA_DIR``: the data directory is not created and its mode is
not touched (``settings.data_dir_path``), no file is staged in the archive, no audit row, no
lock file (the data directory's lock is a file, so it is not taken: the landing database is
opened read-only, which waits while a load holds it, exactly as a load's worker would), no
pseudonym key (a check needs no pseudonyms), and DuckDB's spill folder is a temporary folder
outside it. Without a landing database every row is new.

What the counts mean (the load's rules, ``ingest/load.py``):

- ``rijen_geladen``: rows that pass validation and would be loaded (the load's "geladen").
- Kinds without a key (inzet, bijdragen, presentie, odt_productie): a new file name adds its
  rows (``rijen_toegevoegd``); a known file name with other bytes replaces that file's earlier
  rows as a whole, so every loaded row counts as ``rijen_vervangen`` and ``eerdere_rijen`` says
  how many earlier rows go.
- Keyed kinds (odt_zaken: zaak_id; agenda: id): a row whose key is already in the landing
  replaces it (``rijen_vervangen``; agenda keeps the earlier version as history, so only the
  rows of an earlier version of the same file go), other rows are added.
- ``rijen_ongewijzigd``: loaded rows identical (every contract column) to a row they replace.
- ``deelnemers`` and ``jaren``: the participants and years whose rows change: rows that are new
  or different, and earlier rows that would go without an identical replacement.

Warning rule (``WAARSCHUWING_*``): a file that removes earlier rows and puts back fewer than
half as many, at least 10 fewer, or none at all, gets "vervangt 502 rijen door 1". A corrected
file of about the same size does not warn; a small file emptied by mistake does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import fmt
from core import paths as settings
from core.lock import LockBusy
from ingest.budget import ReadBudget
from ingest.load import Outcome, _run_worker, expand
from ingest.schema import ROW

if TYPE_CHECKING:
    import duckdb

# How many first rows a reason lists, how many keys are named, how many rejected values the
# structured result carries (for the dashboard's terugmelding; the command line prints none).
EERSTE_RIJEN = 5
EERSTE_SLEUTELS = 5
MAX_QUARANTAINE = 10_000
# "vervangt 502 rijen door 1": fewer than half as many back and at least this many fewer
WAARSCHUWING_VERSCHIL = 10

# The year a row counts for, per kind (as the marts count it: evaluatiekader v2 decision 10).
JAAR_VAN = {
    "inzet": "cast(extract(year from datum) as integer)",
    "bijdragen": "jaar",
    "presentie": "cast(extract(year from datum) as integer)",
    "odt_productie": "jaar",
    "odt_zaken": "cast(extract(year from startdatum) as integer)",
    "agenda": "cast(extract(year from deadline) as integer)",
}

LANDING_BEZET = "De landingsdatabase is bezet door {houder}; probeer het later opnieuw."


@dataclass
class Reden:
    """One quarantine reason of a file: how many rows and the first of them."""

    kolom: str | None
    reden: str
    aantal: int
    eerste_rijen: list[int]

    def regel(self) -> str:
        rijen = ", ".join(str(r) for r in self.eerste_rijen)
        if self.aantal > len(self.eerste_rijen):
            rijen += ", …"
        kolom = f"{self.kolom}: " if self.kolom else ""
        woord = "rij" if self.aantal == 1 else "rijen"
        return f"{kolom}{self.reden} – {_n(self.aantal)} {woord} ({woord} {rijen})"


@dataclass
class Controle:
    """What a load of one file would do (the structured result of ``controleer``)."""

    bron: str
    soort: str | None
    resultaat: str  # what the load would record: geladen | vervangen | ongewijzigd | mislukt
    rijen_gelezen: int = 0
    rijen_geladen: int = 0
    rijen_toegevoegd: int = 0
    rijen_vervangen: int = 0
    rijen_quarantaine: int = 0
    redenen: list[Reden] = field(default_factory=list)
    eerdere_rijen: int = 0  # landing rows the load would remove
    eerdere_geladen_op: str | None = None  # when the earlier version of this file name loaded
    rijen_ongewijzigd: int = 0
    sleutel: str | None = None  # keyed kinds: the key column
    historie: bool = False  # agenda: an earlier version of a key stays as history
    sleutels_vervangen: int = 0
    eerste_sleutels: list[str] = field(default_factory=list)
    deelnemers: list[str] = field(default_factory=list)
    jaren: list[int] = field(default_factory=list)
    melding: str = ""
    # the rejected values (rij, kolom, waarde as delivered, reden), at most MAX_QUARANTAINE:
    # personal data (a name in the wrong column); for the terugmelding, never printed
    quarantaine: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def waarschuwing(self) -> str | None:
        """"vervangt 502 rijen door 1" when many earlier rows would be replaced by few."""
        weg, terug = self.eerdere_rijen, self.rijen_geladen
        if weg == 0:
            return None
        if terug == 0 or (2 * terug < weg and weg - terug >= WAARSCHUWING_VERSCHIL):
            return f"vervangt {_rijen(weg)} door {_n(terug)}"
        return None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Controle:
        data = dict(data)
        data["redenen"] = [Reden(**r) for r in data.get("redenen", [])]
        return cls(**data)

    def regels(self) -> list[str]:
        """The Dutch lines ``python -m ingest --controle`` prints for this file."""
        if self.resultaat == "mislukt":
            return [f"{self.bron}: een lading zou mislukken – {self.melding}"]
        if self.resultaat == "ongewijzigd":
            return [f"{self.bron}: soort {self.soort}, ongewijzigd – {self.melding}; een lading "
                    "verandert niets"]
        lines = [
            f"{self.bron}: soort {self.soort}, {_rijen(self.rijen_gelezen)} gelezen; een lading "
            f"zou {_n(self.rijen_toegevoegd)} toevoegen, {_n(self.rijen_vervangen)} vervangen "
            f"en {_n(self.rijen_quarantaine)} in quarantaine zetten ({self.resultaat})"
        ]
        if self.resultaat == "vervangen":
            op = _nl_moment(self.eerdere_geladen_op)
            lines.append(
                f"  vervangt de eerdere levering met deze naam{f' (geladen {op})' if op else ''}"
            )
        if self.sleutels_vervangen:
            namen = ", ".join(self.eerste_sleutels)
            if self.sleutels_vervangen > len(self.eerste_sleutels):
                namen += ", …"
            wat = ("de nieuwe versie geldt, de eerdere blijft als historie" if self.historie
                   else "de nieuwe versie vervangt de eerdere")
            aantal = _n(self.sleutels_vervangen)
            lines.append(f"  {aantal} {self.sleutel} al geladen: {wat} ({namen})")
        if self.eerdere_rijen or self.rijen_ongewijzigd:
            lines.append(
                f"  eerdere rijen die vervallen: {_n(self.eerdere_rijen)}; "
                f"ongewijzigd: {_n(self.rijen_ongewijzigd)}"
            )
        if self.waarschuwing:
            lines.append(f"  WAARSCHUWING: {self.waarschuwing}")
        for reden in self.redenen:
            lines.append(f"  quarantaine: {reden.regel()}")
        if self.deelnemers or self.jaren:
            delen = []
            if self.deelnemers:
                delen.append("deelnemers " + ", ".join(self.deelnemers))
            if self.jaren:
                delen.append(("jaar " if len(self.jaren) == 1 else "jaren ")
                             + ", ".join(str(j) for j in self.jaren))
            lines.append("  raakt de cijfers van " + "; ".join(delen))
        if self.melding:
            lines.append(f"  melding: {self.melding}")
        return lines


def _n(count: int) -> str:
    return fmt.number(count, 0)


def _rijen(count: int) -> str:
    return f"{_n(count)} {'rij' if count == 1 else 'rijen'}"


def _nl_moment(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).strftime("%d-%m-%Y %H:%M")


# --- in the worker -----------------------------------------------------------------------------


def open_landing_read_only(wait_seconds: float, spill: Path) -> duckdb.DuckDBPyConnection:
    """The landing database opened read-only (nothing in the file changes), waiting up to
    ``wait_seconds`` while a load holds it; without a landing an empty one in memory. DuckDB
    spills to ``spill`` (outside the data directory)."""
    import duckdb

    from ingest.load import ensure_schema

    path = settings.data_dir_path() / "landing.duckdb"
    config = {"temp_directory": str(spill)}
    if not path.is_file():
        con = duckdb.connect(":memory:", config=config)
        ensure_schema(con)  # empty tables in memory: every row is new
        return con
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=True, config=config)
        except duckdb.IOException as exc:
            if "Could not set lock on file" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                import re

                pid = re.search(r"\(PID (\d+)\)", str(exc))
                houder = f"een ander proces (pid {pid.group(1)})" if pid else "een ander proces"
                raise LockBusy(LANDING_BEZET.format(houder=houder)) from None
            time.sleep(0.2)


def check_file(
    con: duckdb.DuckDBPyConnection,
    source: Path,
    bron: str,
    sha: str,
    forced_kind: str | None = None,
    budget: ReadBudget | None = None,
) -> Controle:
    """What loading ``source`` (delivered as ``bron``) into the landing behind ``con`` would
    do. Runs in the worker process; reads only."""
    from ingest.load import prepare

    prepared = prepare(con, source.read_bytes(), bron, sha, forced_kind, budget)
    outcome: Outcome = prepared.outcome
    check = Controle(outcome.bron, outcome.soort, outcome.resultaat, melding=outcome.melding)
    if prepared.early:
        return check
    assert prepared.delivery is not None and prepared.result is not None
    kind, result, current = prepared.delivery.kind, prepared.result, prepared.current
    check.rijen_gelezen = outcome.rijen_gelezen
    check.rijen_geladen = outcome.rijen_geladen
    check.rijen_quarantaine = outcome.rijen_quarantaine
    check.redenen = _reasons(result.quarantine)
    check.quarantaine = (
        result.quarantine.head(MAX_QUARANTAINE)
        .rename({ROW: "rij"})
        .select("rij", "kolom", "waarde", "reden")
        .to_dicts()
    )

    columns = ", ".join(kind.column_names)
    typed = ", ".join(f"cast({c.name} as {c.duckdb_type}) as {c.name}" for c in kind.columns)
    con.register("controle_rijen", result.rows.select(kind.column_names).to_arrow())
    con.sql(f"create or replace temp view controle_nieuw as select {typed} from controle_rijen")
    try:
        if current:
            check.eerdere_geladen_op = _scalar(
                con,
                "select cast(l.geladen_op as varchar) from audit.bestanden b "
                "join audit.ladingen l using (lading_id) where b.bron = ?",
                [bron],
            )
        # The rows the load deletes: the earlier version of this file name and, for a keyed
        # kind without history, every row with a key of this file.
        removed = []
        if current and current[0] == kind.name:
            removed.append(f"_bron = {_literal(bron)}")
        if kind.key and not kind.keep_history:
            removed.append(f"{kind.key} in (select {kind.key} from controle_nieuw)")
        weg = " or ".join(removed) or "false"
        con.sql(
            f"create or replace temp view controle_weg as select {columns} "
            f"from bron.{kind.name} where {weg}"
        )
        check.eerdere_rijen = int(_scalar(con, "select count(*) from controle_weg"))
        if current and current[0] != kind.name:  # the same name delivered as another kind
            check.eerdere_rijen += int(
                _scalar(con, f"select count(*) from bron.{current[0]} where _bron = ?", [bron])
            )
        # What the loaded rows are compared with: the deleted rows and, for a keyed kind, every
        # version already loaded under one of its keys (agenda keeps them as history).
        vergelijk = weg
        if kind.key:
            vergelijk += f" or {kind.key} in (select {kind.key} from controle_nieuw)"
        con.sql(
            f"create or replace temp view controle_eerder as select {columns} "
            f"from bron.{kind.name} where {vergelijk}"
        )
        check.rijen_ongewijzigd = int(_scalar(
            con,
            f"select count(*) from (select {columns} from controle_nieuw "
            f"intersect all select {columns} from controle_eerder)",
        ))
        if kind.key:
            check.sleutel, check.historie = kind.key, kind.keep_history
            bestaand = (
                f"select distinct {kind.key} from controle_nieuw where {kind.key} in "
                f"(select {kind.key} from bron.{kind.name})"
            )
            check.rijen_vervangen = int(_scalar(
                con,
                f"select count(*) from controle_nieuw where {kind.key} in ({bestaand})",
            ))
            check.sleutels_vervangen = int(_scalar(con, f"select count(*) from ({bestaand})"))
            check.eerste_sleutels = [
                str(r[0]) for r in con.sql(
                    f"{bestaand} order by {kind.key} limit {EERSTE_SLEUTELS}"
                ).fetchall()
            ]
        elif current:
            check.rijen_vervangen = check.rijen_geladen
        check.rijen_toegevoegd = check.rijen_geladen - check.rijen_vervangen
        # Participants and years whose rows change.
        jaar = JAAR_VAN[kind.name]
        wie = "deelnemer" if "deelnemer" in kind.column_names else "cast(null as varchar)"
        changed = con.sql(
            f"""
            with veranderd as (
                (select {columns} from controle_nieuw
                 except all select {columns} from controle_eerder)
                union all
                (select {columns} from controle_weg except all select {columns} from controle_nieuw)
            )
            select distinct {wie} as deelnemer, {jaar} as jaar from veranderd
            """
        ).pl()
    finally:
        con.sql("drop view if exists controle_eerder")
        con.sql("drop view if exists controle_weg")
        con.sql("drop view if exists controle_nieuw")
        con.unregister("controle_rijen")
    check.deelnemers = sorted(x for x in changed["deelnemer"].drop_nulls().unique().to_list())
    check.jaren = sorted(int(x) for x in changed["jaar"].drop_nulls().unique().to_list())
    return check


def _literal(text: str) -> str:
    """A SQL string literal (a file name may hold a quote; DuckDB does not prepare a view)."""
    return "'" + text.replace("'", "''") + "'"


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def _reasons(quarantine) -> list[Reden]:
    """Quarantine rows grouped by column and reason, in order of their first row."""
    import polars as pl

    if quarantine.is_empty():
        return []
    groups = (
        quarantine.group_by("kolom", "reden", maintain_order=True)
        .agg(pl.col(ROW).unique().sort().alias("rijen"))
        .with_columns(pl.col("rijen").list.first().alias("eerste"))
        .sort("eerste", "kolom", nulls_last=False)
    )
    return [
        Reden(kolom, reden, len(rijen), [int(r) for r in rijen[:EERSTE_RIJEN]])
        for kolom, reden, rijen, _ in groups.iter_rows()
    ]


# --- the command and the API, seen from the parent ---------------------------------------------


def controleer(
    paths: list[Path],
    forced_kind: str | None = None,
    lock_wait: float | None = None,
    budget: ReadBudget | None = None,
) -> list[Controle]:
    """What ``python -m ingest`` would do with these files, one result per file, writing
    nothing under ``$VTH_DATA_DIR``. ``lock_wait``: seconds to wait while a load holds the
    landing database (default env VTH_LOCK_WAIT, 120) before LockBusy. A file that cannot be
    read is a result with resultaat ``mislukt`` (the batch goes on), as in a load."""
    budget = budget or ReadBudget.from_env()
    wait = float(os.environ.get("VTH_LOCK_WAIT", "120")) if lock_wait is None else lock_wait
    results: list[Controle] = []
    for path in expand(paths):
        if not path.is_file():
            melding = f"bestand niet gevonden: {path}"
            results.append(Controle(path.name, forced_kind, "mislukt", melding=melding))
            continue
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            results.append(Controle(path.name, forced_kind, "mislukt",
                                    melding=f"bestand niet leesbaar ({exc.strerror or exc})"))
            continue
        try:
            answer = _run_worker(path, path.name, sha, forced_kind, budget,
                                 wait_seconds=wait, controle=True)
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
            answer = {"mislukt": f"onverwachte fout bij het controleren ({type(exc).__name__})"}
        if "bezet" in answer:
            raise LockBusy(answer["bezet"])
        if "mislukt" in answer:
            results.append(Controle(path.name, forced_kind, "mislukt", melding=answer["mislukt"]))
        else:
            results.append(Controle.from_dict(answer))
    return results


def spill_folder() -> Path:
    """A temporary folder for DuckDB's spill files, outside the data directory."""
    return Path(tempfile.mkdtemp(prefix="vth-controle-"))


def remove_spill_folder(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
