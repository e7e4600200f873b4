"""Dutch formatting of numbers, amounts, dates and statuses, decided once for the whole product.

The users are Dutch civil servants and administrators (domain brief, "Users"): decimal comma,
thousands point (``1.234,5``), dates as ``22-11-2026``. Halves round away from zero, as Excel
does, so a figure on screen matches the one a user computes in a spreadsheet. A missing value
(None, NaN) is shown as an en dash. The pages, the command lines' messages and the reports all
format here.

Names: ``procent``, ``euro``, ``uren``, ``aantal`` format a value in that catalogue unit
(``eenheid``), ``waarde``/``norm``/``status`` an indicator's parts (domain words, Dutch); the
generic formats are English (``number``, ``date``, ``date_time``).

Pure functions without Streamlit, so they are unit tested directly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

EMPTY = "–"

# Status as text and symbol, never colour alone (a colour-blind reader, a black-and-white print).
STATUS_LABELS: dict[str | None, str] = {
    "groen": "● groen",
    "oranje": "▲ oranje",
    "rood": "■ rood",
    None: "– geen norm",
}
STATUS_EXPLANATION: dict[str | None, str] = {
    "groen": "voldoet aan de norm",
    "oranje": "aandacht nodig",
    "rood": "voldoet niet",
    None: "er geldt geen norm",
}


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def number(x: float | Decimal | None, decimals: int = 1) -> str:
    """``1234.5`` -> ``"1.234,5"``; ``decimals`` fixes the number of decimals."""
    if _missing(x):
        return EMPTY
    # repr() gives the shortest decimal that round-trips, so 2.25 rounds to 2,3 (not 2,2).
    exact = Decimal(repr(x) if isinstance(x, float) else str(x))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0,0"
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def procent(x: float | None, decimals: int = 1) -> str:
    """A percentage on the 0..100 scale the warehouse uses: ``87.5`` -> ``"87,5%"``."""
    if _missing(x):
        return EMPTY
    return f"{number(x, decimals)}%"


def euro(x: float | Decimal | None) -> str:
    """``10000`` -> ``"€ 10.000,00"``; a credit note reads ``"€ -250,00"``."""
    if _missing(x):
        return EMPTY
    return f"€ {number(x, 2)}"


def uren(x: float | None, decimals: int = 1) -> str:
    """``130`` -> ``"130,0 uur"``."""
    if _missing(x):
        return EMPTY
    return f"{number(x, decimals)} uur"


def aantal(x: float | None) -> str:
    """A count: whole numbers without decimals (``4.0`` -> ``"4"``), others with one."""
    if _missing(x):
        return EMPTY
    return number(x, 0 if float(x).is_integer() else 1)


def date(d: dt.date | dt.datetime | None) -> str:
    """``date(2026, 11, 22)`` -> ``"22-11-2026"``."""
    if d is None:
        return EMPTY
    return d.strftime("%d-%m-%Y")


def date_time(d: dt.datetime | dt.date | None) -> str:
    """``datetime(2026, 11, 22, 14, 5)`` -> ``"22-11-2026 14:05"``; a bare date gets no time."""
    if d is None:
        return EMPTY
    if not isinstance(d, dt.datetime):
        return date(d)
    return d.strftime("%d-%m-%Y %H:%M")


def waarde(x: float | None, eenheid: str | None) -> str:
    """An indicator value or norm in its catalogue unit: aantal, procent, uren or euro."""
    if eenheid == "procent":
        return procent(x)
    if eenheid == "euro":
        return euro(x)
    if eenheid == "uren":
        return uren(x)
    if eenheid == "aantal":
        return aantal(x)
    return number(x)


def status_legend() -> str:
    """One line that explains every status, for under a table."""
    return " · ".join(f"{STATUS_LABELS[s]}: {text}" for s, text in STATUS_EXPLANATION.items())


def status(s: str | None) -> str:
    """``"rood"`` -> ``"■ rood"``; no status (no norm applies) -> ``"– geen norm"``."""
    return STATUS_LABELS[s] if s in STATUS_LABELS else str(s)


def short(x: float | Decimal | None, eenheid: str | None = None) -> str:
    """A norm the short way: whole numbers without decimals, others with one, plus the unit:
    ``130`` -> ``"130 uur"``, ``117.18`` -> ``"117,2"`` (no unit: see ``norm``)."""
    if _missing(x):
        return EMPTY
    text = aantal(x)
    if eenheid == "uren":
        return f"{text} uur"
    if eenheid == "procent":
        return f"{text}%"
    if eenheid == "euro":
        return f"€ {number(x, 2)}"
    return text


def norm(
    waarde_norm: float | Decimal | None,
    norm_peildatum: float | Decimal | None,
    eenheid: str | None,
    first_norm_year: int | None = None,
    prefix: bool = True,
) -> str:
    """The norm as the tiles show it (evaluatiekader v2 decision 1): ``"norm 130 uur"``, and
    where the status is held against another (pro-rata) norm ``"norm 130 uur; tot peildatum
    117,2"``. ``first_norm_year`` (the first year a norm holds) gives ``"geen norm vóór 2024"``
    for an indicator that has a norm in later years but none in this one. Without
    ``prefix`` (in a column headed "Norm"): ``"130 uur; tot peildatum 117,2"``."""
    if _missing(waarde_norm):
        return f"geen norm vóór {first_norm_year}" if first_norm_year else "geen norm"
    text = f"{'norm ' if prefix else ''}{short(waarde_norm, eenheid)}"
    if not _missing(norm_peildatum) and float(norm_peildatum) != float(waarde_norm):
        text += f"; tot peildatum {aantal(norm_peildatum)}"
    return text


def op_koers(peildatum: dt.date | None) -> str:
    """The label of the running year's status: measured "on track" up to the peildatum."""
    return f"op koers (t/m {date(peildatum)})"


def lopend_jaar(jaar: int, peildatum: dt.date | None) -> str:
    """A year label in a time series; the running year is marked partial: ``"2026 (t/m
    30-06-2026)"``."""
    if peildatum is not None and jaar == peildatum.year:
        return f"{jaar} (t/m {date(peildatum)})"
    return str(jaar)


def texts(values: Iterable[Any], formatter: Callable[[Any], str]) -> list[str]:
    """Every value of a column formatted: ``texts(frame["datum"], fmt.date)``."""
    return [formatter(x) for x in values]


def megabytes(size: int, decimals: int = 0, mb: int = 1024**2) -> str:
    """A size in bytes for a message: ``"200 MB"`` (``mb``: 1024² or 10⁶ bytes a megabyte)."""
    return f"{number(size / mb, decimals)} MB"


def seconds(x: float) -> str:
    """A duration for a message: ``"12,3"`` (the caller adds "s")."""
    return number(x, 1)
