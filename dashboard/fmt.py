"""Dutch formatting of numbers, amounts, dates and statuses, decided once for every page.

The users are Dutch civil servants and administrators (domain brief, "Users"): decimal comma,
thousands point (``1.234,5``), dates as ``22-11-2026``. Halves round away from zero, as Excel
does, so a figure on screen matches the one a user computes in a spreadsheet. A missing value
(None, NaN) is shown as an en dash.

Pure functions without Streamlit, so they are unit tested directly.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

LEEG = "–"

# Status as text and symbol, never colour alone (a colour-blind reader, a black-and-white print).
STATUS_LABELS: dict[str | None, str] = {
    "groen": "● groen",
    "oranje": "▲ oranje",
    "rood": "■ rood",
    None: "– geen norm",
}
STATUS_UITLEG: dict[str | None, str] = {
    "groen": "voldoet aan de norm",
    "oranje": "aandacht nodig",
    "rood": "voldoet niet",
    None: "er geldt geen norm",
}


def _ontbreekt(x: object) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def getal(x: float | Decimal | None, decimalen: int = 1) -> str:
    """``1234.5`` -> ``"1.234,5"``; ``decimalen`` fixes the number of decimals."""
    if _ontbreekt(x):
        return LEEG
    # repr() gives the shortest decimal that round-trips, so 2.25 rounds to 2,3 (not 2,2).
    waarde = Decimal(repr(x) if isinstance(x, float) else str(x))
    afgerond = waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    if afgerond == 0:
        afgerond = abs(afgerond)  # no "-0,0"
    tekst = f"{afgerond:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def procent(x: float | None, decimalen: int = 1) -> str:
    """A percentage on the 0..100 scale the warehouse uses: ``87.5`` -> ``"87,5%"``."""
    if _ontbreekt(x):
        return LEEG
    return f"{getal(x, decimalen)}%"


def euro(x: float | Decimal | None) -> str:
    """``10000`` -> ``"€ 10.000,00"``; a credit note reads ``"€ -250,00"``."""
    if _ontbreekt(x):
        return LEEG
    return f"€ {getal(x, 2)}"


def uren(x: float | None, decimalen: int = 1) -> str:
    """``130`` -> ``"130,0 uur"``."""
    if _ontbreekt(x):
        return LEEG
    return f"{getal(x, decimalen)} uur"


def aantal(x: float | None) -> str:
    """A count: whole numbers without decimals (``4.0`` -> ``"4"``), others with one."""
    if _ontbreekt(x):
        return LEEG
    return getal(x, 0 if float(x).is_integer() else 1)


def datum(d: date | datetime | None) -> str:
    """``date(2026, 11, 22)`` -> ``"22-11-2026"``."""
    if d is None:
        return LEEG
    return d.strftime("%d-%m-%Y")


def datumtijd(d: datetime | date | None) -> str:
    """``datetime(2026, 11, 22, 14, 5)`` -> ``"22-11-2026 14:05"``; a bare date gets no time."""
    if d is None:
        return LEEG
    if not isinstance(d, datetime):
        return datum(d)
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
    return getal(x)


def status_legenda() -> str:
    """One line that explains every status, for under a table."""
    return " · ".join(f"{STATUS_LABELS[s]}: {uitleg}" for s, uitleg in STATUS_UITLEG.items())


def status(s: str | None) -> str:
    """``"rood"`` -> ``"■ rood"``; no status (no norm applies) -> ``"– geen norm"``."""
    return STATUS_LABELS[s] if s in STATUS_LABELS else str(s)


def kort(x: float | Decimal | None, eenheid: str | None = None) -> str:
    """A norm the short way: whole numbers without decimals, others with one, plus the unit:
    ``130`` -> ``"130 uur"``, ``117.18`` -> ``"117,2"`` (no unit: see ``norm``)."""
    if _ontbreekt(x):
        return LEEG
    tekst = aantal(x)
    if eenheid == "uren":
        return f"{tekst} uur"
    if eenheid == "procent":
        return f"{tekst}%"
    if eenheid == "euro":
        return f"€ {getal(x, 2)}"
    return tekst


def norm(
    waarde_norm: float | Decimal | None,
    norm_peildatum: float | Decimal | None,
    eenheid: str | None,
    geen_norm_voor: int | None = None,
    voorvoegsel: bool = True,
) -> str:
    """The norm as the tiles show it (evaluatiekader v2 decision 1): ``"norm 130 uur"``, and
    where the status is held against another (pro-rata) norm ``"norm 130 uur; tot peildatum
    117,2"``. ``geen_norm_voor`` (the first year a norm holds) gives ``"geen norm vóór 2024"``
    for an indicator that has a norm in later years but none in this one. Without
    ``voorvoegsel`` (in a column headed "Norm"): ``"130 uur; tot peildatum 117,2"``."""
    if _ontbreekt(waarde_norm):
        return f"geen norm vóór {geen_norm_voor}" if geen_norm_voor else "geen norm"
    tekst = f"{'norm ' if voorvoegsel else ''}{kort(waarde_norm, eenheid)}"
    if not _ontbreekt(norm_peildatum) and float(norm_peildatum) != float(waarde_norm):
        tekst += f"; tot peildatum {aantal(norm_peildatum)}"
    return tekst


def op_koers(peildatum: date | None) -> str:
    """The label of the running year's status: measured "on track" up to the peildatum."""
    return f"op koers (t/m {datum(peildatum)})"


def lopend_jaar(jaar: int, peildatum: date | None) -> str:
    """A year label in a time series; the running year is marked partial: ``"2026 (t/m
    30-06-2026)"``."""
    if peildatum is not None and jaar == peildatum.year:
        return f"{jaar} (t/m {datum(peildatum)})"
    return str(jaar)
