"""What every demo delivery needs: organisations as suppliers write them, random draws that
never change, working days, and writers for CSV and xlsx with fixed bytes."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from core import fmt, vocabulary
from demo.story import ACHTERNAMEN, JAREN, KERNGROEP_LEDEN, KERNGROEP_SEED, LEVERDATUM, VOORLETTERS
from ingest.schema import KINDS

# Every kind draws from its own random stream (seed, number), so one kind's change never moves
# another's numbers; "namen" (people's names, shared by inzet and presentie) is number 0.
KIND_NR = {"namen": 0, **{soort: nr for nr, soort in enumerate(vocabulary.SOORTEN, start=1)}}
AANGEMAAKT = dt.datetime(2026, 10, 31, 12, 0, 0)  # xlsx "created" property: fixed, not now()
DAG0 = dt.date(2021, 1, 1)


# --- organisations ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Org:
    code: str
    naam: str
    soort: str
    partij: bool
    aliassen: tuple[str, ...]

    def label(self, vorm: int) -> str:
        """The organisation as a supplier writes it: 0 code, 1 name, 2 "Gemeente X",
        3 lower case, 4 an alias or "Gem. X"."""
        if vorm == 0:
            return self.code
        if vorm == 1:
            return self.naam
        if vorm == 2:
            return f"Gemeente {self.naam}" if self.soort == "gemeente" else self.naam
        if vorm == 3:
            return self.naam.lower()
        if self.aliassen:
            return self.aliassen[0]
        return f"Gem. {self.naam}" if self.soort == "gemeente" else self.naam


def read_orgs() -> dict[str, Org]:
    """The organisations of the seed (core.vocabulary), in the seed's order."""
    return {
        code: Org(o.code, o.naam, o.soort, o.partij, o.aliassen)
        for code, o in vocabulary.ORGANISATIES.items()
    }


def read_kerngroep_leden(path: Path = KERNGROEP_SEED) -> dict[int, tuple[str, ...]]:
    """Kerngroep members per demo year (seed rows: geldig_vanaf_jaar, deelnemer_code)."""
    vanaf: dict[int, tuple[str, ...]] = dict(KERNGROEP_LEDEN)
    if path.exists():
        vanaf = {}
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                jaar = int(row["geldig_vanaf_jaar"])
                vanaf[jaar] = (*vanaf.get(jaar, ()), row["deelnemer_code"].strip())
    return {jaar: vanaf[max((j for j in vanaf if j <= jaar), default=min(vanaf))] for jaar in JAREN}


# --- small helpers ---------------------------------------------------------------------------
def rng_for(seed: int, kind: str, *extra: int) -> np.random.Generator:
    return np.random.default_rng([seed, KIND_NR[kind], *extra])


def header(kind: str, stijl: str) -> list[str]:
    """Header spellings the contract accepts: snake, "Aantal gerealiseerd", "AANTAL GEPLAND"."""
    names = KINDS[kind].column_names
    if stijl == "snake":
        return list(names)
    spaced = [n.replace("_", " ") for n in names]
    if stijl == "upper":
        return [s.upper() for s in spaced]
    if stijl == "padded":
        return [f" {s.capitalize()} " for s in spaced]
    return [s.capitalize() for s in spaced]


def year_end(jaar: int) -> dt.date:
    return min(dt.date(jaar, 12, 31), LEVERDATUM)


def holidays(jaar: int) -> list[str]:
    return [f"{jaar}-01-01", f"{jaar}-04-27", f"{jaar}-12-25", f"{jaar}-12-26"]


def working_days(jaar: int, tot: dt.date | None = None) -> np.ndarray:
    """Working days of the year up to ``tot`` (default: the year's end or LEVERDATUM)."""
    days = np.arange(
        np.datetime64(f"{jaar}-01-01"),
        np.datetime64(tot or year_end(jaar)) + 1,
        dtype="datetime64[D]",
    )
    return days[np.is_busday(days, holidays=holidays(jaar))]


def day_numbers(days: np.ndarray) -> np.ndarray:
    return (days - np.datetime64(DAG0)).astype(np.int64)


def weekday_in_month(jaar: int, maand: int, weekdag: int, nummer: int = 2) -> dt.date:
    first = dt.date(jaar, maand, 1)
    offset = (weekdag - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nummer - 1))


def typed_amount(x: float) -> str:
    """An amount as people type it in a sheet: "€ 10.000,00", a credit note "-€ 120,00"."""
    return f"{'-' if x < 0 else ''}€ {fmt.number(abs(x), 2)}"


def names(rng: np.random.Generator, n: int) -> list[str]:
    ini = rng.integers(0, len(VOORLETTERS), n)
    ach = rng.integers(0, len(ACHTERNAMEN), n)
    return [f"{VOORLETTERS[i]}. {ACHTERNAMEN[a]}" for i, a in zip(ini, ach, strict=True)]


def write_csv(
    df: pl.DataFrame,
    path: Path,
    *,
    separator: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    crlf: bool = False,
    **kwargs,
) -> None:
    terminator = "\r\n" if crlf else "\n"
    if encoding == "utf-8" and not bom:
        df.write_csv(path, separator=separator, line_terminator=terminator, **kwargs)
        return
    text = df.write_csv(separator=separator, line_terminator=terminator, **kwargs)
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode(encoding))


class Sheet:
    """One xlsx workbook with one sheet; deterministic bytes (fixed created date, in memory)."""

    def __init__(self, path: Path, sheet: str):
        self.book = xlsxwriter.Workbook(str(path), {"in_memory": True})
        self.book.set_properties({"created": AANGEMAAKT, "author": "VTH-monitor demo"})
        self.ws = self.book.add_worksheet(sheet)
        self.datum = self.book.add_format({"num_format": "dd-mm-yyyy"})
        self.euro = self.book.add_format({"num_format": "#,##0.00"})
        self.kop = self.book.add_format({"bold": True})

    def header(self, names: Sequence[str]) -> None:
        self.ws.write_row(0, 0, names, self.kop)
        self.ws.freeze_panes(1, 0)

    def cell(self, row: int, col: int, value, style=None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, dt.date):
            self.ws.write_datetime(row, col, value, style or self.datum)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            self.ws.write_number(row, col, float(value), style)
        else:
            self.ws.write_string(row, col, str(value))

    def close(self) -> None:
        self.book.close()


def spelling_odds(code: str) -> list[float]:
    voorkeur = sum(map(ord, code)) % 4  # a fixed habit per party, not random
    kans = [0.08] * 5
    kans[voorkeur] = 0.68
    return kans


# --- names of people, shared by inzet and presentie ------------------------------------------
def people(orgs: dict[str, Org], seed: int) -> dict[str, dict[str, list[str]]]:
    rng = rng_for(seed, "namen")
    out = {}
    for code in orgs:
        staff = names(rng, 3)
        bestuur = names(rng, 3)  # wethouder until the 2026 elections, after, a substitute
        out[code] = {"staf": staff, "bestuur": bestuur}
    return out
