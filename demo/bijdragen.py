"""bijdragen: the money the host receives, one workbook for all years (amounts and dates partly
typed as text, as people do)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core import fmt
from demo.files import Sheet, header, rng_for, spelling_odds, typed_amount
from demo.story import (
    JAREN,
    LATE_BETALING,
    LEVERDATUM,
    NIETS_BETALER,
    NIEUWE_STIJL,
    OPEN_2026,
    OUDE_BIJDRAGE,
    UREN_NORM,
    UREN_TEKORT,
    VASTE_BIJDRAGE,
    VOORSCHOT_2026,
    VOORSCHOT_UREN_2026,
)
from ingest.schema import KINDS


def write(out: Path, orgs, uren_totaal: dict, seed: int) -> list[tuple[Path, int]]:
    rng = rng_for(seed, "bijdragen")
    partijen = [c for c, o in orgs.items() if o.partij]
    rows: list[dict] = []

    def betaald(factuur: dt.date, code: str, jaar: int, vast: bool = False) -> dt.date | None:
        if code == NIETS_BETALER:
            return None
        if vast and (jaar, code) in LATE_BETALING:
            return LATE_BETALING[(jaar, code)]
        d = factuur + dt.timedelta(days=int(rng.integers(20, 95)))
        return d if d <= LEVERDATUM else None

    for jaar in JAREN:
        for code in partijen:
            factuur = dt.date(jaar, 2, 1) + dt.timedelta(days=int(rng.integers(0, 20)))
            bedrag = VASTE_BIJDRAGE if jaar >= NIEUWE_STIJL else OUDE_BIJDRAGE
            omschr = (
                "Vaste bijdrage VTH-samenwerking (Art. 7.1)"
                if jaar >= NIEUWE_STIJL
                else "Bijdrage secretariaat Twentebreed (oude stijl)"
            )
            paid = (
                None
                if (jaar == 2026 and code in OPEN_2026)
                else betaald(factuur, code, jaar, vast=True)
            )
            rows.append(
                {
                    "jaar": jaar,
                    "deelnemer": code,
                    "soort": "vaste_bijdrage",
                    "bedrag": bedrag,
                    "factuurdatum": factuur,
                    "betaaldatum": paid,
                    "omschrijving": f"{omschr} {jaar}",
                }
            )
        if jaar < NIEUWE_STIJL:
            continue
        # Art. 7.3: pro rata of the hours short, invoiced after the year (2026: an advance)
        for code in UREN_TEKORT.get(jaar, ()):
            if jaar == 2026 and code not in VOORSCHOT_2026:
                continue
            if jaar == 2026:
                tekort = UREN_NORM - VOORSCHOT_UREN_2026
                factuur = dt.date(2026, 7, 1)
            else:
                tekort = round(UREN_NORM - uren_totaal.get((jaar, code), 0.0), 1)
                factuur = dt.date(jaar + 1, 1, 15) + dt.timedelta(days=int(rng.integers(0, 20)))
            rows.append(
                {
                    "jaar": jaar,
                    "deelnemer": code,
                    "soort": "vervangend" if rng.random() < 0.5 else "vervangende_bijdrage",
                    "bedrag": round(tekort / UREN_NORM * VASTE_BIJDRAGE, 2),
                    "factuurdatum": factuur,
                    "betaaldatum": betaald(factuur, code, jaar),
                    "omschrijving": f"Vervangende bijdrage {jaar}: {tekort:g} uur tekort".replace(
                        ".", ","
                    ),
                }
            )
        # Art. 7.4: employer costs split equally, charged afterwards (so none yet for 2026)
        if jaar < 2026:
            deel = round(float(rng.uniform(300, 480)), 2)
            for code in partijen:
                factuur = dt.date(jaar + 1, 3, 10)
                rows.append(
                    {
                        "jaar": jaar,
                        "deelnemer": code,
                        "soort": "variabel",
                        "bedrag": deel,
                        "factuurdatum": factuur,
                        "betaaldatum": betaald(factuur, code, jaar),
                        "omschrijving": f"Variabele bijdrage {jaar} (Art. 7.4)",
                    }
                )
    rows.append(
        {
            "jaar": 2024,
            "deelnemer": "PRO",
            "soort": "variabele_bijdrage",
            "bedrag": -120.0,
            "factuurdatum": dt.date(2025, 4, 2),
            "betaaldatum": dt.date(2025, 4, 2),
            "omschrijving": "creditnota",
        }
    )
    rows.append(
        {
            "jaar": 2025,
            "deelnemer": "",
            "soort": "vast",
            "bedrag": VASTE_BIJDRAGE,
            "factuurdatum": dt.date(2025, 2, 12),
            "betaaldatum": None,
            "omschrijving": "Vaste bijdrage 2025 (deelnemer onbekend)",
        }
    )
    rows.sort(key=lambda r: (r["jaar"], r["factuurdatum"], r["deelnemer"], r["soort"]))

    path = out / "bijdragen_2022-2026.xlsx"
    sheet = Sheet(path, "bijdragen")
    names = KINDS["bijdragen"].column_names
    sheet.header(header("bijdragen", "snake"))
    for r, row in enumerate(rows, start=1):
        vorm = rng.choice(5, p=spelling_odds(row["deelnemer"] or "X"))
        if row["deelnemer"]:
            row = {**row, "deelnemer": orgs[row["deelnemer"]].label(int(vorm))}
        for c, name in enumerate(names):
            value = row[name]
            if name == "bedrag" and rng.random() < 0.3:
                value = typed_amount(value)  # typed by hand: "€ 10.000,00"
            elif name in ("factuurdatum", "betaaldatum") and value and rng.random() < 0.35:
                value = fmt.date(value)
            sheet.cell(r, c, value, sheet.euro if name == "bedrag" else None)
    sheet.close()
    return [(path, len(rows))]
