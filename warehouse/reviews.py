"""Review rounds: each party confirms or contests its figures of a year (wederhoor).

The kerngroep opens a review round for a closed year; each party marks its figures "akkoord"
or "niet akkoord" with a comment (domain brief: the party contact "deelnemer"). A mark is bound
to the citable snapshot the party looked at (warehouse/snapshot.py): the party saw those
figures, not whatever is published later. After every publish (``warehouse.build.build`` calls
``na_publicatie``) a mark whose party's figures of that year changed goes back to
``opnieuw_bekijken``.

"That party's figures of that year" are, in the snapshot and in the newly published warehouse:
its rows of ``marts.indicatoren`` for that year (indicator, waarde, norm, norm_peildatum,
status) and its row of ``marts.afrekening`` for that year (the settlement it is asked to
confirm), compared column for column where both have the table. Region rows and other parties'
rows do not count, nor tables that change with every peildatum (marts.achterstanden). A
"niet akkoord" is reset as well: the correction it asked for may be in the new figures.

Which years: a round is opened for a year before the year of the published peildatum, or a
year the kerngroep closed (warehouse/jaarafsluiting.py); the running year's figures change
with every day's peildatum, so every mark would be reset by the next rebuild.

Storage: ``$VTH_DATA_DIR/reviews/ronde-<jaar>.json`` (reserved as backed-up state in
ingest/state.py; reviews survive every rebuild), one file per round, replaced atomically under
a lock (``.reviews.lock``), with the full history of every party. Every change is written to the
Logboek (actie ``review``) through ``core.logboek.write``. Who may do what (the kerngroep
opens and closes, a deelnemer marks only its own organisation) is the dashboard's to enforce
(dashboard/access.py); this store records who did it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from core import logboek
from core import paths as settings
from warehouse import jaarafsluiting, snapshot

_LOG = logging.getLogger(__name__)
OORDELEN = ("akkoord", "niet_akkoord")
STATUSSEN = ("open", "akkoord", "niet_akkoord", "opnieuw_bekijken")
MAX_OPMERKING = 2000
# A party's figures of a year: table, the columns that identify its rows.
CIJFERS = (("indicatoren", "indicator_id"), ("afrekening", "deelnemer_code"))
_CODE = re.compile(r"^[A-Z]{2,5}$")


class ReviewFout(ValueError):
    """A review action is refused; the message is Dutch and says why."""


@dataclass
class PartijReview:
    deelnemer_code: str
    status: str = "open"
    snapshot_id: str | None = None
    opmerking: str = ""
    door: str | None = None
    rol: str | None = None
    op: str | None = None
    historie: list[dict] = field(default_factory=list)


@dataclass
class Ronde:
    jaar: int
    status: str  # open | gesloten
    geopend_door: str
    geopend_op: str
    partijen: dict[str, PartijReview]
    gesloten_door: str | None = None
    gesloten_op: str | None = None

    def telling(self) -> dict[str, int]:
        """How many parties per status (all four statuses, also when 0)."""
        tel = dict.fromkeys(STATUSSEN, 0)
        for partij in self.partijen.values():
            tel[partij.status] += 1
        return tel

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Ronde:
        partijen = {c: PartijReview(**p) for c, p in data.get("partijen", {}).items()}
        return cls(**{**data, "partijen": partijen})


def _nu() -> str:
    return datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None).isoformat(
        timespec="seconds"
    )


def map_() -> Path:
    return settings.data_dir_path() / "reviews"


def _pad(jaar: int) -> Path:
    return map_() / f"ronde-{int(jaar)}.json"


def ronde(jaar: int) -> Ronde | None:
    """The round of ``jaar``, or None."""
    path = _pad(jaar)
    if not path.is_file():
        return None
    return Ronde.from_dict(json.loads(path.read_text(encoding="utf-8")))


def rondes() -> list[Ronde]:
    """Every round, newest year first."""
    if not map_().is_dir():
        return []
    gevonden = []
    for path in map_().glob("ronde-*.json"):
        match = re.fullmatch(r"ronde-(\d{4})\.json", path.name)
        if match:
            found = ronde(int(match.group(1)))
            if found:
                gevonden.append(found)
    return sorted(gevonden, key=lambda r: -r.jaar)


@contextlib.contextmanager
def _vergrendeld() -> Iterator[None]:
    folder = settings.data_dir()
    (folder / "reviews").mkdir(mode=0o700, exist_ok=True)
    with open(folder / ".reviews.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _bewaar(r: Ronde) -> None:
    path = _pad(r.jaar)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(r.as_dict(), handle, indent=1, ensure_ascii=False)
    os.replace(tmp, path)


def _log(details: dict, door: str, rol: str | None) -> None:
    """Every change of a review, in the Logboek (the one writer every stage uses)."""
    logboek.write("review", details, door, rol)


def _gepubliceerd() -> tuple[int, list[str]]:
    """(year of the published peildatum, the party codes) from the published warehouse."""
    path = settings.data_dir_path() / "vth.duckdb"
    if not path.is_file():
        raise ReviewFout("Er is nog geen gepubliceerd warehouse.")
    con = duckdb.connect(str(path), read_only=True)
    try:
        [(peildatum,)] = con.sql("select peildatum from audit.publicatie").fetchall()
        codes = [c for (c,) in con.sql(
            "select code from marts.organisaties where partij order by code").fetchall()]
    finally:
        con.close()
    return peildatum.year, codes


def open_ronde(jaar: int, door: str, rol: str | None = None) -> Ronde:
    """Open the review round of ``jaar`` (every party ``open``); a closed round is reopened with
    the marks it had."""
    peiljaar, codes = _gepubliceerd()
    if not (jaar < peiljaar or jaar in jaarafsluiting.afgesloten_jaren()):
        raise ReviewFout(
            f"{jaar} is nog niet afgesloten: een reviewronde kan alleen over een afgesloten jaar "
            "(vóór het jaar van de peildatum, of door de kerngroep afgesloten)."
        )
    with _vergrendeld():
        bestaand = ronde(jaar)
        if bestaand and bestaand.status == "open":
            raise ReviewFout(f"De reviewronde {jaar} is al geopend.")
        if bestaand:
            r = bestaand
            r.status, r.gesloten_door, r.gesloten_op = "open", None, None
            actie = "ronde heropend"
        else:
            r = Ronde(jaar, "open", door, _nu(), {c: PartijReview(c) for c in codes})
            actie = "ronde geopend"
        _bewaar(r)
    _log({"jaar": jaar, "actie": actie}, door, rol)
    return r


def sluit_ronde(jaar: int, door: str, rol: str | None = None) -> Ronde:
    """Close the round: the marks stay as they are, no new marks."""
    with _vergrendeld():
        r = ronde(jaar)
        if r is None or r.status != "open":
            raise ReviewFout(f"Er is geen open reviewronde {jaar}.")
        r.status, r.gesloten_door, r.gesloten_op = "gesloten", door, _nu()
        _bewaar(r)
    _log({"jaar": jaar, "actie": "ronde gesloten", "telling": r.telling()}, door, rol)
    return r


def beoordeel(
    jaar: int,
    deelnemer: str,
    oordeel: str,
    snapshot_id: str,
    door: str,
    rol: str | None = None,
    opmerking: str = "",
) -> PartijReview:
    """Mark ``deelnemer``'s figures of ``jaar`` as ``akkoord`` or ``niet_akkoord``, bound to the
    snapshot the party saw. "niet akkoord" needs a comment (what is wrong)."""
    opmerking = (opmerking or "").strip()
    if oordeel not in OORDELEN:
        raise ReviewFout(f"Onbekend oordeel '{oordeel}'; kies akkoord of niet_akkoord.")
    if oordeel == "niet_akkoord" and not opmerking:
        raise ReviewFout("Zeg bij 'niet akkoord' welke cijfers niet kloppen.")
    if len(opmerking) > MAX_OPMERKING:
        raise ReviewFout(f"De opmerking is langer dan {MAX_OPMERKING} tekens.")
    try:
        snapshot.snapshot_path(snapshot_id)  # checks the id's form, then that it exists
    except snapshot.SnapshotError:
        raise ReviewFout(f"Onbekende momentopname '{snapshot_id}'.") from None
    with _vergrendeld():
        r = ronde(jaar)
        if r is None or r.status != "open":
            raise ReviewFout(f"Er is geen open reviewronde {jaar}.")
        if deelnemer not in r.partijen:
            raise ReviewFout(f"{deelnemer} is geen partij in de reviewronde {jaar}.")
        partij = r.partijen[deelnemer]
        op = _nu()
        partij.status, partij.snapshot_id, partij.opmerking = oordeel, snapshot_id, opmerking
        partij.door, partij.rol, partij.op = door, rol, op
        partij.historie.append({"status": oordeel, "snapshot_id": snapshot_id,
                                "opmerking": opmerking, "door": door, "rol": rol, "op": op})
        _bewaar(r)
    _log({"jaar": jaar, "deelnemer": deelnemer, "oordeel": oordeel, "snapshot": snapshot_id,
          "opmerking": opmerking}, door, rol)
    return partij


# --- after a publish ---------------------------------------------------------------------------


def gewijzigde_cijfers(snapshot_id: str, jaar: int, deelnemer: str,
                       warehouse: Path | None = None) -> list[str]:
    """What changed in ``deelnemer``'s figures of ``jaar`` between the snapshot and the
    published warehouse: indicator ids (and ``afrekening``), sorted; [] when nothing did."""
    if not _CODE.match(deelnemer):
        raise ReviewFout(f"Ongeldige deelnemercode '{deelnemer}'.")
    warehouse = warehouse or settings.data_dir_path() / "vth.duckdb"
    con = snapshot.open_snapshot(snapshot_id)
    try:
        con.execute(f"attach '{warehouse}' as nu (read_only)")
        gewijzigd: set[str] = set()
        for tabel, sleutel in CIJFERS:
            kolommen = _gedeelde_kolommen(con, tabel)
            if not kolommen:
                continue  # a snapshot from before the table existed
            cols = ", ".join(f'"{k}"' for k in kolommen)
            waar = f"jaar = {int(jaar)} and deelnemer_code = '{deelnemer}'"
            rows = con.sql(
                f"""
                (select {sleutel} from (select {cols} from marts.{tabel} where {waar}
                  except select {cols} from nu.marts.{tabel} where {waar}))
                union
                (select {sleutel} from (select {cols} from nu.marts.{tabel} where {waar}
                  except select {cols} from marts.{tabel} where {waar}))
                """
            ).fetchall()
            gewijzigd |= {tabel if tabel == "afrekening" else str(r[0]) for r in rows}
    finally:
        con.close()
    return sorted(gewijzigd)


def _gedeelde_kolommen(con: duckdb.DuckDBPyConnection, tabel: str) -> list[str]:
    def kolommen(catalogus: str) -> list[str]:
        return [k for (k,) in con.execute(
            "select column_name from information_schema.columns where table_catalog = ? "
            "and table_schema = 'marts' and table_name = ? order by ordinal_position",
            [catalogus, tabel]).fetchall()]

    [(hier,)] = con.sql("select current_database()").fetchall()
    in_snapshot, nu = kolommen(hier), kolommen("nu")
    return [k for k in in_snapshot if k in nu]


def na_publicatie(warehouse: Path | None = None) -> list[tuple[int, str, list[str]]]:
    """After a publish: every mark (akkoord or niet akkoord) of an open round whose party's
    figures of that year differ from the snapshot it was given on goes to
    ``opnieuw_bekijken``. Returns (jaar, deelnemer, what changed) per reset."""
    if not map_().is_dir():
        return []
    teruggezet: list[tuple[int, str, list[str]]] = []
    with _vergrendeld():
        for r in rondes():
            if r.status != "open":
                continue
            veranderd = False
            for code, partij in r.partijen.items():
                if partij.status not in OORDELEN or not partij.snapshot_id:
                    continue
                wat = gewijzigde_cijfers(partij.snapshot_id, r.jaar, code, warehouse)
                if not wat:
                    continue
                op = _nu()
                partij.status, partij.op, partij.door, partij.rol = (
                    "opnieuw_bekijken", op, "systeem", None)
                partij.historie.append({"status": "opnieuw_bekijken", "op": op,
                                        "reden": "cijfers gewijzigd na publicatie",
                                        "gewijzigd": wat, "snapshot_id": partij.snapshot_id})
                teruggezet.append((r.jaar, code, wat))
                veranderd = True
            if veranderd:
                _bewaar(r)
    for jaar, code, wat in teruggezet:
        _log({"jaar": jaar, "deelnemer": code, "oordeel": "opnieuw_bekijken",
              "gewijzigd": wat}, "systeem", None)
    return teruggezet
