"""The settlement statement of one party and year (003 Art. 7.3) that the host sends with the
invoice: the same lines as text on the Afrekening page and as an Excel sheet (issue 16 point 4).
Streamlit-free; the figures are the row of marts.afrekening as the page read it."""

from __future__ import annotations

from typing import Any

import polars as pl

from core import fmt
from dashboard import export

BRON = "003_2a0ddb46bb1a03c6.txt Art. 7.3 (vervangende bijdrage, deels of geheel, naar rato)"


def regels(jaar: int, rij: dict[str, Any]) -> list[tuple[str, str]]:
    """(omschrijving, waarde) lines, Dutch formats."""
    return [
        ("Partij", f"{rij['naam']} ({rij['deelnemer_code']})"),
        ("Jaar", str(jaar)),
        ("Uren geleverd", fmt.number(rij["uren_geleverd"], 2)),
        ("Urennorm (x vertegenwoordigingsfactor "
         f"{fmt.number(rij['vertegenwoordigingsfactor'], 0)})", fmt.number(rij["urennorm"], 2)),
        ("Tekort (uren)", fmt.number(rij["uren_tekort"], 2)),
        ("Maatstaf", f"{fmt.euro(rij['bedrag_per_partij'])} per "
                     f"{fmt.number(rij['uren_per_partij'], 0)} uur"),
        ("Vervangende bijdrage verschuldigd", fmt.euro(rij["vervangende_bijdrage_verschuldigd"])),
        ("Al betaald", fmt.euro(rij["vervangende_bijdrage_betaald"])),
        ("Saldo (positief: nog te betalen)", fmt.euro(rij["saldo"])),
        ("Grondslag", BRON),
    ]


def tekst(jaar: int, rij: dict[str, Any]) -> str:
    """Markdown for the page."""
    return "\n".join(f"- **{o}**: {w}" for o, w in regels(jaar, rij))


def excel(jaar: int, rij: dict[str, Any]) -> bytes:
    """One sheet "afrekening" with the lines of ``regels``."""
    r = regels(jaar, rij)
    frame = pl.DataFrame({"Omschrijving": [o for o, _ in r], "Waarde": [w for _, w in r]})
    return export.als_excel(frame, blad=f"afrekening {jaar}")
