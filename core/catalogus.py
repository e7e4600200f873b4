"""The evaluatiekader's catalogue in words, for every reader (dashboard pages, board report).

``bron`` names a seed document (../shared/seeds) by its number; ``statusregel`` writes a
catalogue row's status rule (evaluatiekader.md, column "status thresholds") as a sentence.
"""

from __future__ import annotations

import re

from core import fmt

# The seed documents (../shared/seeds) by their number, for readable source references.
BRONNEN = {
    "000": "000 Uitvoeringsplan 2023",
    "001": "001 Zelfevaluatie ODT",
    "002": "002 VNG-ledenbrief IBP VTH",
    "003": "003 Samenwerkingsovereenkomst",
    "004": "004 Slotpublicatie IBP VTH",
}
# The status rules that compare a value with a norm (seed_evaluatiekader.status_regel); any
# other rule (informatief) has no thresholds.
NORMREGELS = ("minimum", "maximum", "afwijking")
_DOCUMENT = re.compile(r"\b(\d{3})_[0-9a-f]+\.txt")


def bron(tekst: str | None) -> str:
    """``003_2a0d….txt`` -> ``003 Samenwerkingsovereenkomst``, also inside a clause text."""
    return _DOCUMENT.sub(lambda m: BRONNEN.get(m.group(1), m.group(0)), tekst or "")


def statusregel(
    regel: str | None,
    basis: str | None,
    eenheid: str | None,
    groen: float | None,
    oranje: float | None,
    oranje_exclusief: bool | None,
) -> str:
    """The status rule of one catalogue row in words (evaluatiekader.md, "status thresholds")."""
    if regel not in NORMREGELS or groen is None or oranje is None:
        return "geen norm (informatief)"

    def grens(g: float) -> str:
        if basis == "fractie_norm":
            return f"{fmt.number(100 * g, 0)}% van de norm"
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
    teken = ">" if oranje_exclusief else "≥"
    return f"groen ≥ {grens(groen)}, oranje {teken} {grens(oranje)}, anders rood"
