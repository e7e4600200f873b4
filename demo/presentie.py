"""presentie: attendance lists, the PHO as a workbook and the other meetings as one CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from core import fmt, vocabulary
from demo.files import Sheet, header, rng_for, spelling_odds, weekday_in_month, write_csv
from demo.story import (
    GASTHEER,
    JAREN,
    KERNGROEP_MAANDEN,
    NIETS_BETALER,
    NIEUWE_STIJL,
    OUDE_STIJL_INZET,
    PHO_MAANDEN,
    PHO_OPKOMST,
    PHO_OPKOMST_STANDAARD,
    PROJECTEN,
    TWENTEBREED_MAANDEN,
    UREN_TEKORT,
    VERTEGENWOORDIGER,
)
from ingest.schema import KINDS


def _afwezig(rng, code: str, aanwezig: set[str]) -> tuple[str, str | None]:
    """Why a participant missed a meeting: excused, absent, or represented by a party that
    was there (VERTEGENWOORDIGER)."""
    u = rng.random()
    door = VERTEGENWOORDIGER.get(code)
    if u < 0.3 and door in aanwezig:
        return "vertegenwoordigd", door
    return ("afgemeld", None) if u < 0.7 else ("afwezig", None)


def _status(rng, kans: float, code: str) -> str:
    return "aanwezig" if rng.random() < kans else _afwezig(rng, code, set())[0]


def write(out: Path, orgs, personen, leden, seed: int) -> list[tuple[Path, int]]:
    rng = rng_for(seed, "presentie")
    partijen = [c for c, o in orgs.items() if o.partij]
    written = []

    # PHO: one row per party plus the water board per meeting
    pho_rows = []
    for jaar in JAREN:
        for maand in PHO_MAANDEN[jaar]:
            datum = weekday_in_month(jaar, maand, 3)
            gremium = (
                "Portefeuillehoudersoverleg"
                if jaar < NIEUWE_STIJL
                else ("PHO" if maand % 2 else "pho")
            )
            codes = [c for c in orgs if c in vocabulary.PHO_LEDEN]
            aanwezig = {
                c for c in codes if rng.random() < PHO_OPKOMST.get(c, PHO_OPKOMST_STANDAARD)
            }
            for code in codes:
                status, door = (
                    ("aanwezig", None) if code in aanwezig else _afwezig(rng, code, aanwezig)
                )
                bestuur = personen[code]["bestuur"]
                naam, rol = bestuur[0] if datum < dt.date(2026, 4, 1) else bestuur[1], "bestuurder"
                if status == "aanwezig" and rng.random() < 0.1:
                    naam, rol = bestuur[2], "vervanger"
                if code == GASTHEER and status == "aanwezig":
                    rol = "voorzitter"
                pho_rows.append(
                    [
                        gremium,
                        datum,
                        None,
                        orgs[code].label(int(rng.choice(5, p=spelling_odds(code)))),
                        naam,
                        rol,
                        status,
                        orgs[door].label(int(rng.integers(0, 3))) if door else None,
                    ]
                )
    # broken: represented, but by whom is missing (first such row of 2025)
    for row in pho_rows:
        if row[1].year == 2025 and row[6] == "vertegenwoordigd":
            row[7] = None
            break
    path = out / "presentie_pho.xlsx"
    sheet = Sheet(path, "presentie")
    sheet.header(header("presentie", "title"))
    for r, row in enumerate(pho_rows, start=1):
        for c, value in enumerate(row):
            if c == 1 and row[1].year == 2022:
                value = fmt.date(value)  # the 2022 list was typed as text
            sheet.cell(r, c, value)
    sheet.close()
    written.append((path, len(pho_rows)))

    # kerngroep, Twentebreed and project groups: one csv with "," and ISO dates
    rows = []
    for jaar in JAREN:
        for maand in KERNGROEP_MAANDEN[jaar]:
            datum = weekday_in_month(jaar, maand, 1)
            label = "Kerngroep VTH" if jaar < NIEUWE_STIJL else "kerngroep"
            if jaar >= NIEUWE_STIJL:  # independent chair and secretary, employed by the host
                rows.append(
                    [
                        label,
                        datum,
                        None,
                        GASTHEER,
                        "R. Oude Luttikhuis",
                        "voorzitter",
                        "aanwezig",
                        None,
                    ]
                )
                rows.append(
                    [label, datum, None, GASTHEER, "S. Kroeze", "secretaris", "aanwezig", None]
                )
            for code in leden[jaar]:
                status = _status(rng, 0.9, code)
                rows.append(
                    [label, datum, None, code, personen[code]["staf"][0], "ambtenaar", status, None]
                )
        for maand in TWENTEBREED_MAANDEN[jaar]:
            datum = weekday_in_month(jaar, maand, 2)
            label = "Twentebreed overleg" if maand < 6 else "twentebreed"
            for code in partijen:
                if jaar < NIEUWE_STIJL:
                    kans = 0.85 if code in OUDE_STIJL_INZET else 0.45
                elif code == NIETS_BETALER:
                    kans = 0.25
                elif code in UREN_TEKORT.get(jaar, ()):
                    kans = 0.7
                else:
                    kans = 0.9
                status = _status(rng, kans, code)
                rows.append(
                    [
                        label,
                        datum,
                        None,
                        orgs[code].label(int(rng.integers(0, 2))),
                        personen[code]["staf"][1],
                        "ambtenaar",
                        status,
                        None,
                    ]
                )
        for project, projectleden in PROJECTEN[jaar].items():
            maanden = (2, 5, 9) if jaar == 2026 else (2, 5, 9, 11)
            for maand in maanden:
                datum = weekday_in_month(jaar, maand, int(rng.integers(0, 5)), 3)
                label = "werkgroep" if project == "Wkb" else "projectgroep"
                for code in projectleden:
                    status = _status(rng, 0.85, code)
                    rows.append(
                        [
                            label,
                            datum,
                            project,
                            code,
                            personen[code]["staf"][2],
                            "ambtenaar",
                            status,
                            None,
                        ]
                    )
    rows.append(
        [
            "twentebreed",
            dt.date(2025, 7, 9),
            None,
            "Gemeente Zwolle",
            "Z. Gast",
            "gast",
            "aanwezig",
            None,
        ]
    )  # broken: not a party
    rows.sort(key=lambda r: (r[1], r[0], r[2] or ""))
    names = KINDS["presentie"].column_names
    df = pl.DataFrame(
        rows, schema={n: (pl.Date if n == "datum" else pl.String) for n in names}, orient="row"
    )
    path = out / "presentie_overleggen.csv"
    write_csv(df, path, separator=",")
    written.append((path, df.height))
    return written
