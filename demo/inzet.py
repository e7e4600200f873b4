"""inzet: the hours each party puts in, one CSV a year (Windows-1252 and CRLF before 2024)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

from core import vocabulary
from demo.files import Org, header, rng_for, spelling_odds, working_days, write_csv
from demo.story import (
    GREMIUM_LABELS,
    JAREN,
    NIETS_BETALER,
    NIEUWE_STIJL,
    OMSCHRIJVINGEN,
    OUDE_STIJL_INZET,
    PROJECTEN,
    UREN_TEKORT,
)


def _doelen(orgs: dict[str, Org], rng: np.random.Generator) -> dict[tuple[int, str], float]:
    """Hours each party puts in per year (full year; 2026 is cut at LEVERDATUM later)."""
    doelen = {}
    for jaar in JAREN:
        for code, org in orgs.items():
            if not org.partij:
                continue
            if jaar < NIEUWE_STIJL:
                doel = rng.uniform(35, 95) if code in OUDE_STIJL_INZET else 0.0
            elif code == NIETS_BETALER:
                doel = rng.uniform(4, 10)
            elif code in UREN_TEKORT.get(jaar, ()):
                doel = rng.uniform(40, 80)
            else:
                doel = rng.uniform(115, 160)
            doelen[(jaar, code)] = float(doel)
    return doelen


def _jaar(jaar: int, orgs: dict[str, Org], doelen, personen, leden, rng) -> pl.DataFrame:
    werkdagen = working_days(jaar)
    fractie = len(werkdagen) / len(working_days(jaar, dt.date(jaar, 12, 31)))
    stappen = np.arange(1.0, 8.5, 0.5)
    kans = np.exp(-0.5 * ((stappen - 3.0) / 1.6) ** 2)
    kans /= kans.sum()
    kern = leden[jaar]
    projecten = PROJECTEN[jaar]
    frames = []
    for code, org in orgs.items():
        doel = doelen.get((jaar, code), 0.0) * fractie
        if doel <= 0:
            continue
        uren = rng.choice(stappen, size=int(doel) + 8, p=kans)
        uren = uren[np.cumsum(uren) <= doel]
        n = len(uren)
        if code in kern:
            split = [0.42, 0.12, 0.44, 0.02]
        else:
            split = [0.05, 0.19, 0.74, 0.02]
        gremium = rng.choice(4, size=n, p=split)
        eigen = [p for p, leden_p in projecten.items() if code in leden_p] or list(projecten)
        project = np.array(eigen, dtype=object)[rng.integers(0, len(eigen), n)]
        project[gremium != 2] = None
        label = np.array(GREMIUM_LABELS, dtype=object)[gremium, rng.integers(0, 3, n)]
        omschr = np.array(OMSCHRIJVINGEN, dtype=object)[gremium, rng.integers(0, 3, n)]
        # each party exports its own way: mostly one spelling, sometimes another
        vormen = rng.choice(5, size=n, p=spelling_odds(code))
        labels = np.array([org.label(v) for v in range(5)], dtype=object)
        staf = personen[code]["staf"]
        medewerker = np.array(staf, dtype=object)[rng.integers(0, len(staf), n)]
        medewerker[gremium == 0] = staf[0]  # the party's kerngroep member
        frames.append(
            pl.DataFrame(
                {
                    "datum": werkdagen[rng.integers(0, len(werkdagen), n)],
                    "deelnemer": labels[vormen].tolist(),
                    "medewerker": medewerker.tolist(),
                    "gremium": label.tolist(),
                    "project": project.tolist(),
                    "uren": uren,
                    "omschrijving": omschr.tolist(),
                    "_code": [code] * n,
                },
                schema_overrides={"project": pl.String},
            )
        )
    df = pl.concat(frames).sort(["datum", "_code", "medewerker"], maintain_order=True)
    return df


def write(out: Path, orgs, personen, leden, seed: int) -> tuple[list[tuple[Path, int]], dict]:
    rng = rng_for(seed, "inzet")
    doelen = _doelen(orgs, rng)
    written, totalen = [], {}
    stijlen = {2022: "title", 2023: "title", 2024: "snake", 2025: "title", 2026: "padded"}
    for jaar in JAREN:
        df = _jaar(jaar, orgs, doelen, personen, leden, rng)
        per_partij = df.group_by("_code").agg(pl.col("uren").sum())
        totalen.update({(jaar, code): uren for code, uren in per_partij.iter_rows()})
        df = df.with_columns(
            pl.col("datum").dt.strftime("%d-%m-%Y"),
            pl.col("uren")
            .cast(pl.String)
            .str.replace(r"\.0$", "")
            .str.replace(".", ",", literal=True),
        ).drop("_code")
        df = _kapot(jaar, df)
        df.columns = header("inzet", stijlen[jaar])
        path = out / f"inzet_{jaar}.csv"
        old = jaar < NIEUWE_STIJL
        encoding = vocabulary.FALLBACK_ENCODING if old else vocabulary.ENCODING
        write_csv(df, path, encoding=encoding, bom=not old, crlf=old)
        written.append((path, df.height))
    return written, totalen


def _kapot(jaar: int, df: pl.DataFrame) -> pl.DataFrame:
    """Insert the broken inzet rows (extra rows, so the valid hours keep telling the story)."""

    def rij(datum, deelnemer, gremium, uren, omschrijving="Projectoverleg"):
        return {
            "datum": datum,
            "deelnemer": deelnemer,
            "medewerker": "P. Pietersen",
            "gremium": gremium,
            "project": None,
            "uren": uren,
            "omschrijving": omschrijving,
        }

    extra = {
        2023: [(40, rij("14-03-2023", "Gemeente Almelo", "werkgroep", "abc"))],
        2024: [
            (55, rij("06-02-2024", "HEN", "projectgroep", "30")),
            (310, rij("19-09-2024", "Oldenzaal", "bestuur", "2", "Bestuurlijk overleg")),
        ],
        2025: [
            (120, rij("17-04-2025", "Gemeente Amsterdam", "Twentebreed overleg", "3")),
            (75, rij("31-02-2025", "ENS", "Kerngroep VTH", "4")),
        ],
    }.get(jaar, [])
    for positie, row in sorted(extra, reverse=True):
        positie = min(positie, df.height)
        df = pl.concat([df.head(positie), pl.DataFrame([row], schema=df.schema), df.slice(positie)])
    return df
