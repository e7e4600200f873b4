"""Where a report reads its figures: the published warehouse or a citable snapshot, read-only.

The connection is hardened after opening (no file, network or extension access, configuration
locked): a report runs the warehouse's own ``marts.herkomst`` SQL text (``vergelijking.py``),
and that text must never be able to read a file, even from a tampered snapshot.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from core import fmt
from core.clock import TIMEZONE
from core.paths import warehouse_path


class BronFout(RuntimeError):
    """No warehouse or snapshot to read; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Publicatie:
    """The build a report reads (audit.publicatie), and the snapshot when it is one."""

    gebouwd_op: datetime | None
    peildatum: date
    data_tot: datetime | None
    snapshot_id: str | None = None

    @property
    def versie(self) -> str:
        """The version line of every footer: which data, citable."""
        if self.snapshot_id:
            return f"momentopname {self.snapshot_id}"
        if self.gebouwd_op is None:
            return "warehouse (bouwtijd onbekend)"
        return f"warehouse van {fmt.date_time(self.gebouwd_op)}"

    @property
    def bronvermelding(self) -> str:
        """The citation line of the title page."""
        if self.snapshot_id:
            from warehouse import snapshot  # (its imports cost 0,3 s; only a snapshot needs it)

            return snapshot.citation(self.snapshot_id, self.peildatum)
        return f"VTH-monitor Twente, {self.versie}, peildatum {fmt.date(self.peildatum)}"

    @property
    def tijdstempel(self) -> datetime:
        """The PDF's fixed creation date: the build's time (else the peildatum), so two runs on
        the same data give the same bytes."""
        moment = self.gebouwd_op or datetime.combine(self.peildatum, datetime.min.time())
        if moment.tzinfo is None:  # audit.publicatie holds local (Amsterdam) wall-clock time
            moment = moment.replace(tzinfo=TIMEZONE)
        return moment.astimezone(UTC)


def _harden(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("set enable_external_access = false")
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    con.execute("set lock_configuration = true")


def _publicatie(con: duckdb.DuckDBPyConnection, snapshot_id: str | None) -> Publicatie:
    rij = con.execute(
        "select gebouwd_op, peildatum, data_tot from audit.publicatie limit 1"
    ).fetchone()
    if rij is None or rij[1] is None:
        raise BronFout("Het warehouse zegt niet op welke peildatum het gebouwd is.")
    return Publicatie(rij[0], rij[1], rij[2], snapshot_id)


@contextlib.contextmanager
def open_bron(
    snapshot_id: str | None = None,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, Publicatie]]:
    """A hardened read-only connection whose ``marts.*``/``audit.*`` are the published
    warehouse's, or (``snapshot_id``) the snapshot's after its hashes were checked."""
    if snapshot_id:
        from warehouse import snapshot

        try:
            con = snapshot.open_snapshot(snapshot_id, materialise=True, verify=True)
        except snapshot.SnapshotError as exc:
            raise BronFout(str(exc)) from exc
    else:
        pad = warehouse_path()
        if not pad.is_file():
            raise BronFout(
                "Er is nog geen gepubliceerd warehouse: bouw het eerst met "
                "'python -m warehouse build'."
            )
        con = duckdb.connect(str(pad), read_only=True)
    try:
        _harden(con)
        yield con, _publicatie(con, snapshot_id)
    finally:
        con.close()
