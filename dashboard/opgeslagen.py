"""Saved queries of the Query page (issue 14): named SQL an evaluator can open again by URL.

Kept in ``$VTH_DATA_DIR/opgeslagen-queries/<naam>.json`` (folder 0700, files 0600), outside the
warehouse, so no rebuild touches them and every backup keeps them (core/state.py). A name is
a short slug (``a-z``, ``0-9``, ``-``), so it is a safe file name and reads well in a link
(``/query?opgeslagen=<naam>``). A saved query is never overwritten: a taken name gets a Dutch
message. Opening one only fills in the SQL; it runs through the same guard as any other query
when the user clicks Uitvoeren.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core.paths import data_dir
from warehouse.query import MAX_SQL_CHARS

MAP = "opgeslagen-queries"
NAAM = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
ONGELDIGE_NAAM = (
    "Een naam bestaat uit 1 tot 60 kleine letters, cijfers en streepjes, en begint met een "
    "letter of cijfer (bijvoorbeeld presentie-pho-2025)."
)


class OpslagFout(ValueError):
    """A query that cannot be saved or opened; the message is Dutch."""


@dataclass(frozen=True)
class Opgeslagen:
    naam: str
    sql: str
    door: str
    op: str  # ISO time, Europe/Amsterdam


def map_pad(maak: bool = False) -> Path:
    pad = data_dir() / MAP
    if maak:
        pad.mkdir(mode=0o700, exist_ok=True)
        os.chmod(pad, 0o700)
    return pad


def _bestand(naam: str) -> Path:
    if not isinstance(naam, str) or not NAAM.match(naam):
        raise OpslagFout(ONGELDIGE_NAAM)
    return map_pad() / f"{naam}.json"


def bewaar(naam: str, sql: str, door: str) -> Opgeslagen:
    """Save a new named query; OpslagFout for a bad name, empty or too long SQL, a taken name."""
    naam = (naam or "").strip().lower()
    pad = _bestand(naam)
    if not (sql or "").strip():
        raise OpslagFout("Er is geen SQL om op te slaan.")
    if len(sql) > MAX_SQL_CHARS:
        raise OpslagFout(f"De SQL is langer dan {MAX_SQL_CHARS:,} tekens.".replace(",", "."))
    item = Opgeslagen(naam, sql, door, datetime.now(ZoneInfo("Europe/Amsterdam"))
                      .replace(tzinfo=None).isoformat(timespec="seconds"))
    map_pad(maak=True)
    try:
        # O_EXCL: a name is never overwritten, also not by two users saving at the same moment
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OpslagFout(f"Er is al een opgeslagen query met de naam {naam}; kies een andere "
                         "naam.") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(item.__dict__, handle, ensure_ascii=False, indent=1)
    return item


def lees(naam: str) -> Opgeslagen:
    pad = _bestand(naam)
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
        return Opgeslagen(str(inhoud["naam"]), str(inhoud["sql"]), str(inhoud["door"]),
                          str(inhoud["op"]))
    except FileNotFoundError:
        raise OpslagFout(f"Er is geen opgeslagen query met de naam {naam}.") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise OpslagFout(f"De opgeslagen query {naam} is onleesbaar.") from None


def lijst() -> list[Opgeslagen]:
    """Every readable saved query, by name."""
    map_ = map_pad()
    uit = []
    for pad in sorted(map_.glob("*.json")) if map_.is_dir() else ():
        try:
            uit.append(lees(pad.stem))
        except OpslagFout:
            continue
    return uit
