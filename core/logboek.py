"""The Logboek dataverwerkingen: who did what when, append-only, under $VTH_DATA_DIR/logboek/.

One JSON object per line (tijd, gebruiker, rol, actie, details), written by the dashboard and by
every command-line tool that changes or shows personal data (issue 15's notes too). Never
passwords or tokens: callers pass only what ``ACTIES`` names, and details whose key looks like a
secret (wachtwoord, token, sleutel, ...) are dropped before writing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from core.clock import now
from core.paths import data_dir

if TYPE_CHECKING:
    import polars as pl

ACTIES = ("inloggen", "inloggen_mislukt", "uitloggen", "pagina_persoonsgegevens", "upload",
          "herbouwen", "query", "export", "toelichting_toegevoegd", "toelichting_verwijderd",
          # written outside a page: warehouse/reviews.py, warehouse/jaarafsluiting.py (issue 16)
          "review", "jaarafsluiting")

_SECRET = ("wachtwoord", "password", "token", "secret", "geheim", "sleutel", "cookie", "code")
COLUMNS = ("tijd", "gebruiker", "rol", "actie", "details")


def path() -> Path:
    folder = data_dir() / "logboek"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "logboek.jsonl"


def _without_secrets(details: dict) -> dict:
    return {k: v for k, v in details.items() if not any(g in str(k).lower() for g in _SECRET)}


def write(actie: str, details: dict | None, gebruiker: str, rol: str | None) -> None:
    """Append one line (Dutch local time, to the second)."""
    assert actie in ACTIES, actie
    line = {
        "tijd": now().isoformat(timespec="seconds"),
        "gebruiker": gebruiker,
        "rol": rol,
        "actie": actie,
        "details": _without_secrets(details or {}),
    }
    # backslashreplace: a value that is not valid UTF-8 (a lone surrogate) is logged escaped
    # rather than losing the whole line.
    with open(path(), "a", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")


def read() -> pl.DataFrame:
    """The whole log, newest first; ``details`` as JSON text. A damaged line is skipped."""
    import polars as pl

    lines = []
    log = path()
    if log.is_file():
        with open(log, encoding="utf-8") as handle:
            for text in handle:
                try:
                    item = json.loads(text)
                except ValueError:
                    continue
                lines.append(
                    {
                        "tijd": str(item.get("tijd") or ""),
                        "gebruiker": str(item.get("gebruiker") or ""),
                        "rol": str(item.get("rol") or ""),
                        "actie": str(item.get("actie") or ""),
                        "details": json.dumps(item.get("details") or {}, ensure_ascii=False),
                    }
                )
    frame = pl.DataFrame(lines, schema=dict.fromkeys(COLUMNS, pl.Utf8))
    return (
        frame.with_columns(pl.col("tijd").str.to_datetime("%Y-%m-%dT%H:%M:%S", strict=False))
        .with_row_index("_volgorde")
        .sort(["tijd", "_volgorde"], descending=True, nulls_last=True)
        .drop("_volgorde")
    )
