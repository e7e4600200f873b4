"""The demo's story, read from the files beside this module (data, not code).

- ``verhaal.toml``: years, who falls short, who pays late, meetings, attendance, projects, the
  way suppliers spell things, names, the deliberately broken rows;
- ``agenda.csv`` and ``agenda_update_2026-06.csv``: the samenwerkingsagenda and its June 2026
  re-delivery;
- ``producten.csv``: ODT products per taakveld with norm hours and their share of the cases;
- the norms (130 hours, EUR 10,000 a party) and the kerngroep members come from the dbt seeds,
  the organisations and who sits in the PHO from ``core.vocabulary``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from pathlib import Path

import numpy as np

from core.paths import SEEDS_DIR

HERE = Path(__file__).resolve().parent
_STORY = tomllib.loads((HERE / "verhaal.toml").read_text(encoding="utf-8"))


def _per_jaar(table: dict) -> dict:
    """TOML keys are text: {"2024": [...]} -> {2024: (...)}."""
    return {int(k): tuple(v) if isinstance(v, list) else v for k, v in table.items()}


def _norm(sleutel: str, jaar: int) -> float:
    """A norm of seed_normen as it holds in ``jaar`` (the row with the latest geldig_vanaf_jaar
    on or before it)."""
    with open(SEEDS_DIR / "seed_normen.csv", newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["norm_sleutel"] == sleutel and int(r["geldig_vanaf_jaar"]) <= jaar]
    return float(max(rows, key=lambda r: int(r["geldig_vanaf_jaar"]))["waarde"])


JAREN: tuple[int, ...] = tuple(_STORY["jaren"])
LEVERDATUM: dt.date = _STORY["leverdatum"]
NIEUWE_STIJL: int = _STORY["nieuwe_stijl"]
UREN_NORM = _norm("uren_per_partij", NIEUWE_STIJL)  # 0.1 fte = 130 h (003 Art. 7.3)
VASTE_BIJDRAGE = _norm("bedrag_per_partij", NIEUWE_STIJL)  # 003 Art. 7.1
OUDE_BIJDRAGE: float = _STORY["oude_bijdrage"]
GASTHEER: str = _STORY["gastheer"]

OUDE_STIJL_INZET = tuple(_STORY["uren"]["oude_stijl"])
NIETS_BETALER: str = _STORY["uren"]["niets_betaler"]
UREN_TEKORT = _per_jaar(_STORY["uren"]["tekort"])
VOORSCHOT_2026 = tuple(_STORY["uren"]["voorschot_2026"])
VOORSCHOT_UREN_2026: float = _STORY["uren"]["voorschot_uren_2026"]
KERNGROEP_SEED = SEEDS_DIR / "seed_kerngroep_leden.csv"
KERNGROEP_LEDEN = _per_jaar(_STORY["kerngroep"]["leden"])

_MEETINGS = _STORY["vergaderingen"]
PHO_MAANDEN = _per_jaar(_MEETINGS["pho_maanden"])
KERNGROEP_MAANDEN = _per_jaar(_MEETINGS["kerngroep_maanden"])
TWENTEBREED_MAANDEN = _per_jaar(_MEETINGS["twentebreed_maanden"])
PHO_OPKOMST: dict[str, float] = _MEETINGS["pho_opkomst"]
PHO_OPKOMST_STANDAARD: float = _MEETINGS["pho_opkomst_standaard"]
VERTEGENWOORDIGER: dict[str, str] = _MEETINGS["vertegenwoordiger"]

LATE_BETALING = {
    (r["jaar"], r["deelnemer"]): r["betaaldatum"] for r in _STORY["bijdragen"]["late_betaling"]
}
OPEN_2026 = tuple(_STORY["bijdragen"]["open_2026"])

ONDER_REALISATIE = tuple(_STORY["odt"]["onder_realisatie"])
OMVANG: dict[str, float] = _STORY["odt"]["omvang"]
ZAKEN_PER_JAAR = _per_jaar(_STORY["odt"]["zaken_per_jaar"])
CONTROLE_KANS = np.array(_STORY["odt"]["controle_kans"])
PROJECTEN = {int(jaar): {p: tuple(leden) for p, leden in groepen.items()}
             for jaar, groepen in _STORY["projecten"].items()}

GREMIUM_LABELS = tuple(tuple(r) for r in _STORY["schrijfwijzen"]["gremia"])
OMSCHRIJVINGEN = tuple(tuple(r) for r in _STORY["schrijfwijzen"]["omschrijvingen"])
VOORLETTERS = tuple(_STORY["namen"]["voorletters"])
ACHTERNAMEN = tuple(_STORY["namen"]["achternamen"])
BROKEN_ROWS = tuple(tuple(r) for r in _STORY["kapot"]["rijen"])


def _csv(name: str) -> list[list[str]]:
    with open(HERE / name, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def _value(text: str) -> object:
    """A cell of a story CSV: empty -> None, yyyy-mm-dd -> date, a whole number -> int."""
    if text == "":
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


# ODT products per taakveld: (product, norm hours, share of the yearly cases); 001: norm hours
# x counts = plan.
PRODUCTEN: dict[str, tuple[tuple[str, float, float], ...]] = {}
for _taakveld, _product, _norm_uren, _aandeel in _csv("producten.csv"):
    PRODUCTEN[_taakveld] = (*PRODUCTEN.get(_taakveld, ()),
                            (_product, float(_norm_uren), float(_aandeel)))

# id, type, pijler, titel, trekker, startdatum, deadline, status, afgerond_op, voortgang
AGENDA = tuple(tuple(_value(cell) for cell in row) for row in _csv("agenda.csv"))
# the re-delivery of June 2026: the same ids with a newer status (kept as history)
AGENDA_UPDATE = {row[0]: (row[1], _value(row[2]), _value(row[3]))
                 for row in _csv("agenda_update_2026-06.csv")}
