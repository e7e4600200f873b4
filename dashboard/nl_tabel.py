"""Dutch numbers in a result table on screen (issue 14: query results showed "67.6923").

``opgemaakt`` turns a frame into text cells the way a Dutch reader expects: decimal comma and
thousands point (``1.234,5``; ``67,6923``), dates ``22-11-2026``, booleans ja/nee. Decimals are
kept up to ``MAX_DECIMALEN`` (then rounded half up, as ``fmt.number`` does) and trailing zeros
dropped, so nothing is silently rounded to one decimal. Whole numbers that are labels (years,
months, ids, row numbers) get no thousands point (2025, not 2.025). Only for the screen: the
downloads keep the typed values at full precision (CSV with a decimal comma).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import polars as pl

from core import fmt

MAX_DECIMALEN = 6
_LABEL = re.compile(r"(^|_)(jaar|maand|rij|id|nummer|code)($|_)")


def getal(x: float | int | Decimal | None, label: bool = False) -> str:
    """``67.6923`` -> ``67,6923``; ``1234.5`` -> ``1.234,5``; a label ``2025`` -> ``2025``."""
    if x is None or (isinstance(x, float) and x != x):
        return fmt.EMPTY
    if isinstance(x, bool):
        return "ja" if x else "nee"
    if isinstance(x, int):
        return str(x) if label else fmt.number(x, 0)
    tekst = fmt.number(x, MAX_DECIMALEN)
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


def cel(x: object, label: bool = False) -> str:
    if x is None:
        return fmt.EMPTY
    if isinstance(x, bool):
        return "ja" if x else "nee"
    if isinstance(x, int | float | Decimal):
        return getal(x, label)
    if isinstance(x, datetime | date):
        return fmt.date_time(x)
    return str(x)


def opgemaakt(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column as Dutch text (numbers, dates, booleans); text columns stay as they are."""
    kolommen = {}
    for naam, dtype in frame.schema.items():
        if dtype == pl.String:
            kolommen[naam] = frame[naam]
            continue
        label = bool(_LABEL.search(naam.lower()))
        kolommen[naam] = pl.Series(naam, [cel(x, label) for x in frame[naam].to_list()],
                                   dtype=pl.String)
    return pl.DataFrame(kolommen, schema={k: pl.String if frame.schema[k] != pl.String
                                          else frame.schema[k] for k in frame.columns})
