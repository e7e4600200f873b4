"""The writer of the Logboek dataverwerkingen, without Streamlit (logboek/logboek.jsonl).

One JSON object per line: tijd (Dutch local time), gebruiker, rol, actie, details. The dashboard
(dashboard/logboek.py) fills in the session's user and role and calls this; the modules that
change state outside a page (warehouse/reviews.py, warehouse/jaarafsluiting.py) call it
directly with the user and role they were given. Details whose key looks like a secret
(wachtwoord, token, sleutel, ...) are dropped before writing: the log never holds one.

It lives in ``ingest/`` next to ``settings.py`` for the same reason as ``state.py``: every stage
may write the log, and no stage imports a later one.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ingest.settings import data_dir

_GEHEIM = ("wachtwoord", "password", "token", "secret", "geheim", "sleutel", "cookie", "code")


def pad() -> Path:
    folder = data_dir() / "logboek"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "logboek.jsonl"


def zonder_geheimen(details: dict) -> dict:
    return {k: v for k, v in details.items() if not any(g in str(k).lower() for g in _GEHEIM)}


def schrijf(actie: str, details: dict | None, gebruiker: str, rol: str | None) -> None:
    """Append one line to the Logboek."""
    regel = {
        "tijd": datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None).isoformat(
            timespec="seconds"
        ),
        "gebruiker": gebruiker,
        "rol": rol,
        "actie": actie,
        "details": zonder_geheimen(details or {}),
    }
    # backslashreplace: a value that is not valid UTF-8 (a lone surrogate) is logged escaped
    # rather than losing the whole line.
    with open(pad(), "a", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(json.dumps(regel, ensure_ascii=False, default=str) + "\n")
