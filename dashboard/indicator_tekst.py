"""Indicator texts shared by Indicatoren and Over deze indicator: the status rule in words and
readable source references (moved from views/indicatoren.py for the second page)."""

from __future__ import annotations

import re

from dashboard import fmt

NIVEAU = {"R": "regio", "P": "per deelnemer", "P,R": "per deelnemer en regio"}
# The seed documents (../shared/seeds) by their number, for readable source references.
BRONNEN = {
    "000": "000 Uitvoeringsplan 2023",
    "001": "001 Zelfevaluatie ODT",
    "002": "002 VNG-ledenbrief IBP VTH",
    "003": "003 Samenwerkingsovereenkomst",
    "004": "004 Slotpublicatie IBP VTH",
}


def statusregel(r: dict) -> str:
    """The catalogue's status rule in words (evaluatiekader.md, column "status thresholds")."""
    regel, basis, eenheid = r["status_regel"], r["grens_basis"], r["eenheid"]
    groen, oranje = r["grens_groen"], r["grens_oranje"]
    if regel not in ("minimum", "maximum", "afwijking") or groen is None:
        return "geen norm (informatief)"

    def grens(g: float) -> str:
        if basis == "fractie_norm":
            return f"{fmt.getal(100 * g, 0)}% van de norm"
        if basis == "verschil_norm":
            return "de norm" if g == 0 else f"de norm {'+' if g > 0 else '−'} {fmt.aantal(abs(g))}"
        return fmt.waarde(g, eenheid)

    if regel == "afwijking":
        eenh = " procentpunt" if eenheid == "procent" else ""
        return (
            f"groen binnen ±{fmt.aantal(groen)}{eenh} van de norm, oranje binnen "
            f"±{fmt.aantal(oranje)}{eenh}, anders rood"
        )
    if regel == "maximum":
        return f"groen ≤ {grens(groen)}, oranje ≤ {grens(oranje)}, anders rood"
    teken = ">" if r["grens_oranje_exclusief"] else "≥"
    return f"groen ≥ {grens(groen)}, oranje {teken} {grens(oranje)}, anders rood"


def bron(tekst: str | None) -> str:
    """``003_2a0d….txt`` -> ``003 Samenwerkingsovereenkomst``, also inside a clause text."""
    return re.sub(
        r"\b(\d{3})_[0-9a-f]+\.txt",
        lambda m: BRONNEN.get(m.group(1), m.group(0)),
        tekst or "",
    )
