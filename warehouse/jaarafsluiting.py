"""Years the kerngroep closed early: ``$VTH_DATA_DIR/afgesloten-jaren.json``.

003 Art. 7.3 is settled per closed year (marts.afrekening). A year closes by itself when the
year of peildatum has moved past it; the kerngroep can also close the running year (for
instance in December, to send the settlement with the invoice) and reopen it. Which years it
closed is state, not configuration (the kerngroep decides it, not a developer), so it lives in
the data directory, is kept by a backup (ingest/state.py) and reaches dbt as the var
``afgesloten_jaren`` at every build (warehouse/build.py). Every change is logged in the Logboek
(actie ``jaarafsluiting``).

File: ``{"jaren": [2026], "historie": [{"jaar": 2026, "actie": "gesloten", "door": ..., "rol":
..., "op": ...}]}`` (mode 0600, replaced atomically under a lock).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core import logboek
from core import paths as settings

BESTAND = "afgesloten-jaren.json"
EERSTE_JAAR, LAATSTE_JAAR = 2019, 2100  # the years a bijdragen row may have (data contract)


class JaarafsluitingFout(ValueError):
    """A year cannot be closed or reopened; the message is Dutch."""


def pad() -> Path:
    return settings.data_dir_path() / BESTAND


def _lees(path: Path) -> dict:
    try:
        inhoud = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"jaren": [], "historie": []}
    except (OSError, ValueError) as exc:
        raise JaarafsluitingFout(f"{path} is onleesbaar: {exc}") from None
    jaren = inhoud.get("jaren", [])
    if not isinstance(jaren, list) or not all(
        isinstance(j, int) and EERSTE_JAAR <= j <= LAATSTE_JAAR for j in jaren
    ):
        raise JaarafsluitingFout(f"{path}: 'jaren' moet een lijst jaartallen zijn")
    return {"jaren": sorted(set(jaren)), "historie": list(inhoud.get("historie", []))}


def afgesloten_jaren() -> list[int]:
    """The years the kerngroep closed (sorted); [] without the file. Read by every build."""
    return _lees(pad())["jaren"]


@contextlib.contextmanager
def _vergrendeld() -> Iterator[Path]:
    folder = settings.data_dir()
    with open(folder / ".afgesloten-jaren.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield folder / BESTAND
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _wijzig(jaar: int, sluiten: bool, door: str, rol: str | None) -> list[int]:
    if not isinstance(jaar, int) or not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        raise JaarafsluitingFout(f"ongeldig jaar: {jaar}")
    with _vergrendeld() as path:
        inhoud = _lees(path)
        jaren = set(inhoud["jaren"])
        if sluiten and jaar in jaren:
            raise JaarafsluitingFout(f"{jaar} is al afgesloten.")
        if not sluiten and jaar not in jaren:
            raise JaarafsluitingFout(f"{jaar} is niet door de kerngroep afgesloten.")
        (jaren.add if sluiten else jaren.discard)(jaar)
        actie = "gesloten" if sluiten else "heropend"
        op = datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
        inhoud["jaren"] = sorted(jaren)
        inhoud["historie"].append(
            {"jaar": jaar, "actie": actie, "door": door, "rol": rol,
             "op": op.isoformat(timespec="seconds")}
        )
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(inhoud, handle, indent=1)
        os.replace(tmp, path)
    logboek.write("jaarafsluiting", {"jaar": jaar, "actie": actie}, door, rol)
    return inhoud["jaren"]


def sluit_jaar(jaar: int, door: str, rol: str | None = None) -> list[int]:
    """Close ``jaar`` (the next build settles it against the full norm); the closed years."""
    return _wijzig(jaar, True, door, rol)


def heropen_jaar(jaar: int, door: str, rol: str | None = None) -> list[int]:
    """Reopen a year the kerngroep closed; the closed years. (A year before the year of
    peildatum stays closed: that follows from the date, not from this file.)"""
    return _wijzig(jaar, False, door, rol)
