"""Toelichtingen: the kerngroep's and beheerder's notes on a figure (data contract v2, "notes on
figures"): one indicator, one year, optionally one participant.

- **Stored outside the warehouse**, in ``$VTH_DATA_DIR/toelichtingen/toelichtingen.jsonl``
  (declared state in ``core/state.py``: every backup keeps it, a rebuild never touches it).
  Append-only: a note is added by an ``toegevoegd`` line and removed by a ``verwijderd`` line
  with the same number, so the file is also the note's own history. Numbers are never reused.
  Writers take an exclusive lock on the file, so two at once cannot give the same number.
- **Logged**: every change also goes to the Logboek with who and when (``_logboek``).
- **Validated**: the indicator exists in the catalogue (the seed the warehouse is built from),
  the year is sane, the participant code exists and the indicator is measured per participant,
  the text is 1..1000 characters, without control characters, and printable by the report's
  font (a PDF/A file cannot show a missing glyph; the note is refused rather than mangled).
- **Shown as text, never as markup**: the report passes a note to typst as JSON data
  (``document.py``), so ``#import "x"``, ``]`` or ``*`` in a note are printed as written.

Python API for the dashboard: ``add``, ``list_notes``, ``remove``, ``for_indicator``.
"""

from __future__ import annotations

import csv
import fcntl
import functools
import json
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from core import logboek, vocabulary
from core.clock import now
from core.paths import SEEDS_DIR, data_dir
from report import document

MAX_TEKST = 1000
MAX_NAAM = 100
EERSTE_JAAR = 2019
_KADER_SEED = SEEDS_DIR / "seed_evaluatiekader.csv"


class ToelichtingFout(ValueError):
    """A note was refused or not found; the message is one Dutch line."""


@dataclass(frozen=True)
class Toelichting:
    nummer: int
    indicator_id: str
    jaar: int
    deelnemer_code: str | None  # None: a note on the region's figure, in every report
    tekst: str
    door: str
    rol: str | None
    tijd: str  # ISO local time (Europe/Amsterdam), seconds


def pad() -> Path:
    return data_dir() / "toelichtingen" / "toelichtingen.jsonl"


def _nu() -> str:
    return now().isoformat(timespec="seconds")


# --- the Logboek ------------------------------------------------------------------------------


def _logboek(actie: str, details: dict[str, Any], gebruiker: str, rol: str | None) -> None:
    """One line in the Logboek dataverwerkingen (core/logboek.py, the writer the dashboard
    uses too)."""
    logboek.write(actie, details, gebruiker, rol)


# --- validation -------------------------------------------------------------------------------


@functools.cache
def _kader() -> dict[str, str]:
    """indicator_id -> niveau ("P", "R", "P,R") from the catalogue seed."""
    with open(_KADER_SEED, encoding="utf-8", newline="") as handle:
        return {r["indicator_id"]: r["niveau"] for r in csv.DictReader(handle)}


def _organisaties() -> frozenset[str]:
    return frozenset(vocabulary.ORGANISATIES)


def _tekst(tekst: object) -> str:
    if not isinstance(tekst, str):
        raise ToelichtingFout("De toelichting moet tekst zijn.")
    tekst = unicodedata.normalize("NFC", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    tekst = "\n".join(regel.rstrip() for regel in tekst.strip().split("\n"))
    if not tekst:
        raise ToelichtingFout("De toelichting is leeg.")
    if len(tekst) > MAX_TEKST:
        raise ToelichtingFout(
            f"De toelichting is {len(tekst)} tekens; het maximum is {MAX_TEKST}."
        )
    stuur = [ch for ch in tekst
             if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")]
    if stuur:
        raise ToelichtingFout(
            f"De toelichting bevat een onzichtbaar stuurteken (U+{ord(stuur[0]):04X})."
        )
    onprintbaar = document.onprintbaar(tekst)
    if onprintbaar:
        tekens = " ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in onprintbaar[:3])
        raise ToelichtingFout(
            f"De toelichting bevat tekens die de rapportage niet kan afdrukken: {tekens}."
        )
    return tekst


def _valideer(
    indicator_id: object, jaar: object, deelnemer_code: object
) -> tuple[str, int, str | None]:
    kader = _kader()
    if not isinstance(indicator_id, str) or indicator_id not in kader:
        raise ToelichtingFout(
            f"Onbekende indicator '{str(indicator_id)[:60]}': kies een id uit het "
            "evaluatiekader, bijv. inzet_uren."
        )
    huidig = now().year
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not EERSTE_JAAR <= jaar <= huidig:
        raise ToelichtingFout(f"Jaar {jaar} valt buiten {EERSTE_JAAR}–{huidig}.")
    if deelnemer_code is None or deelnemer_code == "":
        return indicator_id, jaar, None
    if not isinstance(deelnemer_code, str):
        raise ToelichtingFout("De deelnemer moet een code zijn, bijv. ENS.")
    code = deelnemer_code.strip().upper()
    if code not in _organisaties():
        raise ToelichtingFout(f"Onbekende deelnemer '{code[:20]}': gebruik een code als ENS.")
    if "P" not in kader[indicator_id]:
        raise ToelichtingFout(
            f"{indicator_id} is een regionale indicator: een toelichting per deelnemer kan "
            "daar niet; laat de deelnemer weg."
        )
    return indicator_id, jaar, code


def _wie(door: object) -> str:
    if not isinstance(door, str) or not door.strip():
        raise ToelichtingFout("Zeg wie de wijziging doet (de naam van de gebruiker).")
    naam = " ".join(door.split())
    if len(naam) > MAX_NAAM:
        raise ToelichtingFout(f"De naam is langer dan {MAX_NAAM} tekens.")
    return naam


# --- storage ----------------------------------------------------------------------------------


@contextmanager
def _vergrendeld() -> Iterator[IO[str]]:
    """The notes file opened for reading and appending, under an exclusive lock."""
    bestand = pad()
    bestand.parent.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(bestand, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _regels(tekst: str) -> list[dict[str, Any]]:
    regels = []
    for regel in tekst.splitlines():
        try:
            item = json.loads(regel)
        except ValueError:
            continue  # a half-written last line after a crash: ignored, never fatal
        if isinstance(item, dict) and isinstance(item.get("nummer"), int):
            regels.append(item)
    return regels


def _actief(regels: list[dict[str, Any]]) -> dict[int, Toelichting]:
    notes: dict[int, Toelichting] = {}
    for item in regels:
        if item.get("handeling") == "toegevoegd":
            try:
                notes[item["nummer"]] = Toelichting(**{
                    k: item[k] for k in Toelichting.__dataclass_fields__
                })
            except (KeyError, TypeError):
                continue
        elif item.get("handeling") == "verwijderd":
            notes.pop(item["nummer"], None)
    return notes


def _lees() -> list[dict[str, Any]]:
    try:
        return _regels(pad().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []


def _schrijf(handle: IO[str], item: dict[str, Any]) -> None:
    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    handle.flush()
    os.fsync(handle.fileno())


# --- the API ----------------------------------------------------------------------------------


def add(
    indicator_id: str,
    jaar: int,
    tekst: str,
    *,
    door: str,
    deelnemer_code: str | None = None,
    rol: str | None = None,
) -> Toelichting:
    """Add a note; returns it with its number. Raises ToelichtingFout (Dutch) when refused."""
    indicator_id, jaar, code = _valideer(indicator_id, jaar, deelnemer_code)
    tekst = _tekst(tekst)
    wie = _wie(door)
    with _vergrendeld() as handle:
        handle.seek(0)
        bestaand = _regels(handle.read())
        nummer = max((item["nummer"] for item in bestaand), default=0) + 1
        note = Toelichting(nummer, indicator_id, jaar, code, tekst, wie, rol, _nu())
        _schrijf(handle, {"handeling": "toegevoegd", **asdict(note)})
    _logboek(
        "toelichting_toegevoegd",
        {"nummer": nummer, "indicator_id": indicator_id, "jaar": jaar, "deelnemer": code},
        wie, rol,
    )
    return note


def remove(nummer: int, *, door: str, rol: str | None = None) -> Toelichting:
    """Remove note ``nummer``; returns the removed note. ToelichtingFout when there is none."""
    wie = _wie(door)
    if isinstance(nummer, bool) or not isinstance(nummer, int):
        raise ToelichtingFout("Geef het nummer van de toelichting (zie 'toelichting list').")
    with _vergrendeld() as handle:
        handle.seek(0)
        note = _actief(_regels(handle.read())).get(nummer)
        if note is None:
            raise ToelichtingFout(f"Er is geen toelichting met nummer {nummer}.")
        _schrijf(handle, {"handeling": "verwijderd", "nummer": nummer, "door": wie,
                          "rol": rol, "tijd": _nu()})
    _logboek(
        "toelichting_verwijderd",
        {"nummer": nummer, "indicator_id": note.indicator_id, "jaar": note.jaar,
         "deelnemer": note.deelnemer_code},
        wie, rol,
    )
    return note


def list_notes(jaar: int | None = None) -> list[Toelichting]:
    """The notes in force (not removed), by number; only those of ``jaar`` when given."""
    notes = sorted(_actief(_lees()).values(), key=lambda n: n.nummer)
    return [n for n in notes if jaar is None or n.jaar == jaar]


def for_indicator(
    indicator_id: str, jaar: int, deelnemer_code: str | None = None
) -> list[Toelichting]:
    """The notes that belong next to one figure: the region's notes on the indicator and year,
    plus the participant's own when ``deelnemer_code`` is given."""
    return [
        n for n in list_notes(jaar)
        if n.indicator_id == indicator_id
        and (n.deelnemer_code is None or n.deelnemer_code == deelnemer_code)
    ]
