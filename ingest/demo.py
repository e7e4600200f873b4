"""Demo deliveries: realistic, deterministic delivery files of every kind for 2022-2026.

``python -m ingest.demo --out DIR [--schaal N] [--seed S]`` (data contract, "demo deliveries").
The files look like what the suppliers send: csv with ``;`` or ``,``, Windows-1252 or UTF-8
(with or without BOM), decimal commas, Dutch dates, xlsx with a mix of real date cells and text,
header spellings that differ per file, organisations as code or name. The same arguments always
give byte-identical files: every random draw comes from ``numpy.random.default_rng`` seeded with
``(seed, kind)``, nothing depends on today's date, and the delivery moment is fixed at LEVERDATUM.

The story the indicators and the dashboard rely on (the constants below):
- New-style cooperation from 1 Jan 2024 (000 Opgave 1/3): every party owes 130 h a year and
  EUR 10,000 fixed contribution. In 2022-2023 only OUDE_STIJL_INZET register hours, and fewer.
- From 2024 most parties put in 115-160 h; UREN_TEKORT fall short (40-80 h) and pay a
  vervangende bijdrage pro rata of the shortfall (Art. 7.3); NIETS_BETALER puts in almost no
  hours and pays nothing (invoices stay unpaid, no vervangende bijdrage).
- PHO meetings per year: PHO_MAANDEN (3, 4, 5, 4, 3); kerngroep members from the seed
  seed_kerngroep_leden.csv (2022-2023 ALM BOR ENS HEN HEL OLD WIE, from 2024 ENS HEN ALM PRO).
- ODT realisation scatters around plan; ONDER_REALISATIE stay systematically near 80 %.
- Money (bijdragen): 2022-2023 an old-style EUR 2,500 per party; from 2024 EUR 10,000 invoiced
  in February, paid within 1-3 months except LATE_BETALING; 2026 still open for OPEN_2026 and
  NIETS_BETALER. Variabele bijdrage (Art. 7.4) settled in March of the next year (none for 2026
  yet); one credit note (PRO 2024, -120).
- A few deliberately broken rows (BROKEN_ROWS) exercise the quarantine.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from core import paths
from core.paths import DBT_PROJECT_DIR, ORGANISATIES_SEED
from ingest.schema import KINDS

JAREN = (2022, 2023, 2024, 2025, 2026)
LEVERDATUM = dt.date(2026, 10, 31)  # delivery moment: no data after this day
NIEUWE_STIJL = 2024  # 000: the cooperation "new style" starts 1 Jan 2024
UREN_NORM = 130.0  # 0.1 fte = 130 h (003 Art. 7.3; 000 Opgave 3)
VASTE_BIJDRAGE = 10_000.0  # 003 Art. 7.1
OUDE_BIJDRAGE = 2_500.0  # old-style contribution to the secretariat, 2022-2023

# --- the story -------------------------------------------------------------------------------
NIETS_BETALER = "TWR"
UREN_TEKORT = {
    2024: ("DIN", "LOS", "TUB"),
    2025: ("DIN", "HAA", "LOS", "TUB"),
    2026: ("DIN", "LOS", "TUB"),
}
# 2026: parties that pay a vervangende bijdrage in advance, for the hours they plan to put in
# (the others settle after the year)
VOORSCHOT_2026 = ("DIN", "TUB")
VOORSCHOT_UREN_2026 = 60.0
OUDE_STIJL_INZET = ("ALM", "BOR", "ENS", "HEN", "HEL", "OLD", "WIE")
# kerngroep members per year: read from the seed the marts use; this is the fallback
KERNGROEP_SEED = DBT_PROJECT_DIR / "seeds" / "seed_kerngroep_leden.csv"
KERNGROEP_LEDEN = {2019: OUDE_STIJL_INZET, 2024: ("ENS", "HEN", "ALM", "PRO")}
GASTHEER = "ENS"  # employs the chair and the secretary (domain brief)
WATERSCHAP = "WVS"
PHO_MAANDEN = {
    2022: (3, 6, 11),
    2023: (2, 5, 9, 12),
    2024: (2, 4, 6, 10, 12),
    2025: (3, 6, 9, 12),
    2026: (3, 6, 10),
}
KERNGROEP_MAANDEN = {
    2022: (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12),
    2023: tuple(range(1, 13)),
    2024: tuple(range(1, 13)),
    2025: (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12),
    2026: (1, 2, 3, 4, 5, 6, 7, 9, 10),
}
TWENTEBREED_MAANDEN = {
    2022: (1, 3, 5, 9, 11),
    2023: (1, 3, 5, 7, 9, 11),
    2024: (1, 3, 5, 7, 9, 11),
    2025: (1, 3, 5, 7, 9, 11),
    2026: (1, 3, 5, 7, 9),
}
# PHO attendance probability (default PHO_OPKOMST_STANDAARD)
PHO_OPKOMST = {
    "ENS": 0.97,
    "HEN": 0.95,
    "PRO": 0.95,
    "ALM": 0.93,
    "HAA": 0.75,
    "LOS": 0.65,
    "TWR": 0.55,
    "WVS": 0.6,
}
PHO_OPKOMST_STANDAARD = 0.85
# who stands in for whom when a party is "vertegenwoordigd"
VERTEGENWOORDIGER = {
    "DIN": "TUB",
    "TUB": "DIN",
    "LOS": "OLD",
    "OLD": "LOS",
    "BOR": "HEN",
    "HVT": "HEN",
    "RIH": "WIE",
    "WIE": "RIH",
    "HEL": "RIH",
    "HAA": "ENS",
    "TWR": "ALM",
}
# vaste bijdrage paid late (else 1-3 months after the February invoice); 2026 still open
LATE_BETALING = {(2024, "HAA"): dt.date(2024, 10, 8), (2025, "LOS"): dt.date(2025, 9, 22)}
OPEN_2026 = ("OLD",)
ONDER_REALISATIE = ("HEL", "RIH")
# relative size of a party's ODT workload (companies, permits)
OMVANG = {
    "ENS": 3.0,
    "HEN": 2.2,
    "ALM": 2.0,
    "PRO": 1.8,
    "HVT": 1.3,
    "RIH": 1.2,
    "HEL": 1.1,
    "TWR": 1.0,
    "WIE": 0.9,
    "OLD": 0.9,
    "HAA": 0.9,
    "DIN": 0.9,
    "TUB": 0.8,
    "LOS": 0.7,
    "BOR": 0.7,
}
ZAKEN_PER_JAAR = {2022: 96_000, 2023: 98_500, 2024: 100_000, 2025: 102_000, 2026: 104_000}
PROJECTEN = {
    2022: {
        "Energiebesparing bedrijven": ("ENS", "HEN", "ALM", "WIE"),
        "Omgevingswet VTH-beleid": ("ENS", "BOR", "HEL", "OLD"),
    },
    2023: {
        "Omgevingswet VTH-beleid": ("ENS", "BOR", "HEL", "OLD"),
        "Uitvoeringsplan VTH-samenwerking": ("ALM", "ENS", "HEN", "OLD", "WIE"),
    },
    2024: {
        "Ondermijning": ("ENS", "ALM", "HEN", "OLD", "LOS"),
        "Energie en duurzaamheid": ("HEN", "BOR", "HVT", "RIH", "PRO"),
        "Bodem en ondergrond": ("PRO", "HAA", "HEL", "WIE", "DIN"),
        "Wkb": ("ALM", "TUB", "RIH", "LOS", "TWR"),
        "Evaluatiekader": ("ENS", "HEN", "PRO", "OLD"),
    },
    2025: {
        "Ondermijning": ("ENS", "ALM", "HEN", "OLD", "LOS"),
        "Energie en duurzaamheid": ("HEN", "BOR", "HVT", "RIH", "PRO"),
        "Bodem en ondergrond": ("PRO", "HAA", "HEL", "WIE", "DIN"),
        "Wkb": ("ALM", "TUB", "RIH", "LOS", "TWR"),
    },
    2026: {
        "Ondermijning": ("ENS", "ALM", "HEN", "OLD", "LOS"),
        "Energie en duurzaamheid": ("HEN", "BOR", "HVT", "RIH", "PRO"),
        "Bodem en ondergrond": ("PRO", "HAA", "HEL", "WIE", "DIN"),
        "Evaluatie 2026": ("ENS", "HEN", "PRO", "WIE"),
    },
}

# Deliberately broken rows, one line each (file, what); the quarantine must catch every one.
BROKEN_ROWS = (
    ("inzet_2023.csv", "uren 'abc'"),
    ("inzet_2024.csv", "uren 30 (> 24)"),
    ("inzet_2024.csv", "onbekend gremium 'bestuur'"),
    ("inzet_2025.csv", "onbekende deelnemer 'Gemeente Amsterdam'"),
    ("inzet_2025.csv", "datum '31-02-2025'"),
    ("bijdragen_2022-2026.xlsx", "lege deelnemer"),
    ("presentie_pho.xlsx", "status vertegenwoordigd zonder vertegenwoordigd_door"),
    ("presentie_overleggen.csv", "onbekende deelnemer 'Gemeente Zwolle'"),
    ("odt_productie_2023.xlsx", "totaalregel zonder maand/deelnemer"),
    ("odt_productie_2025.xlsx", "aantal_gerealiseerd -3"),
    ("odt_zaken_2023.csv", "uren -2,5"),
    ("odt_zaken_2024.csv", "einddatum voor startdatum"),
    ("odt_zaken_2025.csv", "lhso_categorie 'E9'"),
    ("samenwerkingsagenda.xlsx", "status afgerond zonder afgerond_op"),
)

# ODT products per taakveld with norm hours per product (001: norm hours x counts = plan)
PRODUCTEN: dict[str, tuple[tuple[str, float, float], ...]] = {
    # (product, norm hours, share of the yearly cases)
    "toezicht": (
        ("Periodieke controle", 6.0, 0.42),
        ("Hercontrole", 2.5, 0.093),
        ("Ketentoezicht", 4.0, 0.031),
        ("Klachtafhandeling", 3.0, 0.031),
    ),
    "handhaving": (("Handhavingstraject", 16.0, 0.030), ("Handhavingsverzoek", 12.0, 0.013)),
    "vergunningverlening": (
        ("Omgevingsvergunning milieu", 24.0, 0.06),
        ("Melding activiteitenbesluit", 3.0, 0.15),
        ("Maatwerkvoorschrift", 10.0, 0.03),
    ),
    "advies": (("Advies ruimtelijke plannen", 8.0, 0.06), ("Advies bodem", 5.0, 0.03)),
    "overig": (("Informatieverzoek", 2.0, 0.05),),
}
CONTROLE_TYPES = ("periodiek", "hercontrole", "handhaving", "ketentoezicht", "klacht")
CONTROLE_KANS = np.array([0.68, 0.15, 0.07, 0.05, 0.05])
KLACHT_AARD = ("geur", "geluid", "licht", "stof", "overig")

VOORLETTERS = tuple("ABCDEFGHJKLMNPRSTW")
ACHTERNAMEN = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Haverkamp",
    "Nijhuis",
    "Oude Vrielink",
    "Brünink",
    "Lammerink",
    "Wolters",
    "ter Horst",
    "Kamphuis",
    "Scholten",
    "Rouwenhorst",
    "Bruggink",
    "Nijenhuis",
    "Kleinsman",
    "Pierik",
    "Groothuis",
    "Eshuis",
    "Veldhuis",
    "Olde Bijvank",
    "Stökker",
    "Wessels",
    "Hofste",
)
KIND_NR = {
    "namen": 0,
    "inzet": 1,
    "bijdragen": 2,
    "presentie": 3,
    "odt_productie": 4,
    "odt_zaken": 5,
    "agenda": 6,
}
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


def read_orgs(path: Path = ORGANISATIES_SEED) -> dict[str, Org]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {
            row["code"]: Org(
                row["code"],
                row["naam"],
                row["soort"],
                row["partij"].strip().lower() == "true",
                tuple(a for a in (row.get("aliassen") or "").split("|") if a),
            )
            for row in csv.DictReader(handle)
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
def _rng(seed: int, kind: str, *extra: int) -> np.random.Generator:
    return np.random.default_rng([seed, KIND_NR[kind], *extra])


def _header(kind: str, stijl: str) -> list[str]:
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


def _jaar_einde(jaar: int) -> dt.date:
    return min(dt.date(jaar, 12, 31), LEVERDATUM)


def _feestdagen(jaar: int) -> list[str]:
    return [f"{jaar}-01-01", f"{jaar}-04-27", f"{jaar}-12-25", f"{jaar}-12-26"]


def _werkdagen(jaar: int, tot: dt.date | None = None) -> np.ndarray:
    """Working days of the year up to ``tot`` (default: the year's end or LEVERDATUM)."""
    days = np.arange(
        np.datetime64(f"{jaar}-01-01"),
        np.datetime64(tot or _jaar_einde(jaar)) + 1,
        dtype="datetime64[D]",
    )
    return days[np.is_busday(days, holidays=_feestdagen(jaar))]


def _dagnr(days: np.ndarray) -> np.ndarray:
    return (days - np.datetime64(DAG0)).astype(np.int64)


def _weekdag_in_maand(jaar: int, maand: int, weekdag: int, nummer: int = 2) -> dt.date:
    first = dt.date(jaar, maand, 1)
    offset = (weekdag - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nummer - 1))


def _nl_datum(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def _nl_bedrag(x: float) -> str:
    whole, cents = f"{abs(x):,.2f}".split(".")
    sign = "-" if x < 0 else ""
    return f"{sign}€ {whole.replace(',', '.')},{cents}"


def _namen(rng: np.random.Generator, n: int) -> list[str]:
    ini = rng.integers(0, len(VOORLETTERS), n)
    ach = rng.integers(0, len(ACHTERNAMEN), n)
    return [f"{VOORLETTERS[i]}. {ACHTERNAMEN[a]}" for i, a in zip(ini, ach, strict=True)]


def _write_csv(
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


class _Sheet:
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

    def cell(self, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, dt.date):
            self.ws.write_datetime(row, col, value, fmt or self.datum)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            self.ws.write_number(row, col, float(value), fmt)
        else:
            self.ws.write_string(row, col, str(value))

    def close(self) -> None:
        self.book.close()


# --- names of people, shared by inzet and presentie ------------------------------------------
def _personen(orgs: dict[str, Org], seed: int) -> dict[str, dict[str, list[str]]]:
    rng = _rng(seed, "namen")
    out = {}
    for code in orgs:
        staff = _namen(rng, 3)
        bestuur = _namen(rng, 3)  # wethouder until the 2026 elections, after, a substitute
        out[code] = {"staf": staff, "bestuur": bestuur}
    return out


# --- inzet -----------------------------------------------------------------------------------
GREMIUM_LABELS = (
    ("Kerngroep VTH", "kerngroep", "Kerngroep VTH"),
    ("Twentebreed overleg", "Twentebreed beleidsoverleg", "twentebreed"),
    ("projectgroep", "werkgroep", "Projectgroep"),
    ("overig", "Overig", "overig"),
)
OMSCHRIJVINGEN = (
    ("Vergadering kerngroep", "Voorbereiding kerngroep", "Coördinatie samenwerkingsagenda"),
    ("Twentebreed overleg", "Voorbereiding Twentebreed", "Terugkoppeling Twentebreed"),
    ("Projectoverleg", "Uitwerking notitie", "Concept beleidsregel"),
    ("Regionale kennisdag", "Afstemming VNG", "Overleg één loket"),
)


def _inzet_doelen(orgs: dict[str, Org], rng: np.random.Generator) -> dict[tuple[int, str], float]:
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


def _inzet_jaar(jaar: int, orgs: dict[str, Org], doelen, personen, leden, rng) -> pl.DataFrame:
    werkdagen = _werkdagen(jaar)
    fractie = len(werkdagen) / len(_werkdagen(jaar, dt.date(jaar, 12, 31)))
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
        vormen = rng.choice(5, size=n, p=_vorm_kans(code))
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


def _vorm_kans(code: str) -> list[float]:
    voorkeur = sum(map(ord, code)) % 4  # a fixed habit per party, not random
    kans = [0.08] * 5
    kans[voorkeur] = 0.68
    return kans


def _inzet(out: Path, orgs, personen, leden, seed: int) -> tuple[list[tuple[Path, int]], dict]:
    rng = _rng(seed, "inzet")
    doelen = _inzet_doelen(orgs, rng)
    written, totalen = [], {}
    stijlen = {2022: "title", 2023: "title", 2024: "snake", 2025: "title", 2026: "padded"}
    for jaar in JAREN:
        df = _inzet_jaar(jaar, orgs, doelen, personen, leden, rng)
        per_partij = df.group_by("_code").agg(pl.col("uren").sum())
        totalen.update({(jaar, code): uren for code, uren in per_partij.iter_rows()})
        df = df.with_columns(
            pl.col("datum").dt.strftime("%d-%m-%Y"),
            pl.col("uren")
            .cast(pl.String)
            .str.replace(r"\.0$", "")
            .str.replace(".", ",", literal=True),
        ).drop("_code")
        df = _inzet_kapot(jaar, df)
        df.columns = _header("inzet", stijlen[jaar])
        path = out / f"inzet_{jaar}.csv"
        old = jaar < NIEUWE_STIJL
        _write_csv(df, path, encoding="cp1252" if old else "utf-8", bom=not old, crlf=old)
        written.append((path, df.height))
    return written, totalen


def _inzet_kapot(jaar: int, df: pl.DataFrame) -> pl.DataFrame:
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


# --- bijdragen -------------------------------------------------------------------------------
def _bijdragen(out: Path, orgs, uren_totaal: dict, seed: int) -> list[tuple[Path, int]]:
    rng = _rng(seed, "bijdragen")
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
    sheet = _Sheet(path, "bijdragen")
    names = KINDS["bijdragen"].column_names
    sheet.header(_header("bijdragen", "snake"))
    for r, row in enumerate(rows, start=1):
        vorm = rng.choice(5, p=_vorm_kans(row["deelnemer"] or "X"))
        if row["deelnemer"]:
            row = {**row, "deelnemer": orgs[row["deelnemer"]].label(int(vorm))}
        for c, name in enumerate(names):
            value = row[name]
            if name == "bedrag" and rng.random() < 0.3:
                value = _nl_bedrag(value)  # typed by hand: "€ 10.000,00"
            elif name in ("factuurdatum", "betaaldatum") and value and rng.random() < 0.35:
                value = _nl_datum(value)
            sheet.cell(r, c, value, sheet.euro if name == "bedrag" else None)
    sheet.close()
    return [(path, len(rows))]


# --- presentie -------------------------------------------------------------------------------
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


def _presentie(out: Path, orgs, personen, leden, seed: int) -> list[tuple[Path, int]]:
    rng = _rng(seed, "presentie")
    partijen = [c for c, o in orgs.items() if o.partij]
    written = []

    # PHO: one row per party plus the water board per meeting
    pho_rows = []
    for jaar in JAREN:
        for maand in PHO_MAANDEN[jaar]:
            datum = _weekdag_in_maand(jaar, maand, 3)
            gremium = (
                "Portefeuillehoudersoverleg"
                if jaar < NIEUWE_STIJL
                else ("PHO" if maand % 2 else "pho")
            )
            codes = [*partijen, WATERSCHAP]
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
                        orgs[code].label(int(rng.choice(5, p=_vorm_kans(code)))),
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
    sheet = _Sheet(path, "presentie")
    sheet.header(_header("presentie", "title"))
    for r, row in enumerate(pho_rows, start=1):
        for c, value in enumerate(row):
            if c == 1 and row[1].year == 2022:
                value = _nl_datum(value)  # the 2022 list was typed as text
            sheet.cell(r, c, value)
    sheet.close()
    written.append((path, len(pho_rows)))

    # kerngroep, Twentebreed and project groups: one csv with "," and ISO dates
    rows = []
    for jaar in JAREN:
        for maand in KERNGROEP_MAANDEN[jaar]:
            datum = _weekdag_in_maand(jaar, maand, 1)
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
            datum = _weekdag_in_maand(jaar, maand, 2)
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
                datum = _weekdag_in_maand(jaar, maand, int(rng.integers(0, 5)), 3)
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
    _write_csv(df, path, separator=",")
    written.append((path, df.height))
    return written


# --- odt_productie ---------------------------------------------------------------------------
def _productie(out: Path, orgs, seed: int, schaal: int) -> list[tuple[Path, int]]:
    rng = _rng(seed, "odt_productie")
    partijen = [c for c, o in orgs.items() if o.partij]
    omvang = np.array([OMVANG.get(c, 1.0) for c in partijen])
    omvang = omvang / omvang.sum()
    varianten = max(1, round(schaal**0.5))  # larger regions report finer product lines
    producten = []  # (taakveld, product, norm hours, share)
    for taakveld, lijst in PRODUCTEN.items():
        for naam, norm, aandeel in lijst:
            for v in range(varianten):
                label = naam if varianten == 1 else f"{naam} (cat. {v + 1})"
                producten.append((taakveld, label, norm, aandeel / varianten))
    aandeel = np.array([p[3] for p in producten])
    norm = np.array([p[2] for p in producten])
    written = []
    stijlen = {2022: "snake", 2023: "title", 2024: "title", 2025: "upper", 2026: "title"}
    for jaar in JAREN:
        maanden = np.arange(1, _jaar_einde(jaar).month + 1)
        p_i, m_i, q_i = (
            a.ravel()
            for a in np.meshgrid(
                np.arange(len(partijen)), maanden, np.arange(len(producten)), indexing="ij"
            )
        )
        seizoen = 1.0 + 0.15 * np.cos((m_i - 4) / 12 * 2 * np.pi) - 0.35 * (m_i == 8)
        verwacht = ZAKEN_PER_JAAR[jaar] * schaal / 12 * omvang[p_i] * aandeel[q_i] * seizoen
        gepland = np.round(verwacht).astype(np.int64)
        basis = np.array(
            [0.8 if c in ONDER_REALISATIE else rng.normal(1.0, 0.04) for c in partijen]
        )
        factor = np.clip(basis[p_i] + rng.normal(0, 0.08, len(p_i)), 0.55, 1.4)
        gerealiseerd = rng.poisson(np.maximum(gepland * factor, 0))
        uren_gepland = np.round(gepland * norm[q_i], 1)
        uren_ger = np.round(gerealiseerd * norm[q_i] * rng.normal(1.0, 0.07, len(p_i)), 1)
        uren_ger = np.maximum(uren_ger, 0.0)
        vorm = 1 if jaar >= NIEUWE_STIJL else 0
        deelnemer = np.array([orgs[c].label(vorm) for c in partijen], dtype=object)
        taakveld = np.array(
            [p[0].capitalize() if jaar == 2024 else p[0] for p in producten], dtype=object
        )
        product = np.array([p[1] for p in producten], dtype=object)
        kolommen = [
            [jaar] * len(p_i),
            m_i.tolist(),
            deelnemer[p_i].tolist(),
            taakveld[q_i].tolist(),
            product[q_i].tolist(),
            gepland.tolist(),
            gerealiseerd.tolist(),
            uren_gepland.tolist(),
            uren_ger.tolist(),
        ]
        if jaar == 2025:  # broken: a negative realisation
            kolommen[6][37] = -3
        if jaar == 2023:  # broken: the supplier's total row at the bottom
            totalen = [round(float(np.sum(kolommen[k])), 1) for k in range(5, 9)]
            for k, value in enumerate([None, None, "Totaal", None, None, *totalen]):
                kolommen[k].append(value)
        path = out / f"odt_productie_{jaar}.xlsx"
        sheet = _Sheet(path, "productie")
        sheet.header(_header("odt_productie", stijlen[jaar]))
        for c, values in enumerate(kolommen):
            _write_column(sheet, c, values)
        sheet.close()
        written.append((path, len(kolommen[0])))
    return written


def _write_column(sheet: _Sheet, col: int, values: list) -> None:
    if all(v is not None for v in values):
        sheet.ws.write_column(1, col, values)
        return
    for r, v in enumerate(values, start=1):
        sheet.cell(r, col, v)


# --- odt_zaken -------------------------------------------------------------------------------
def _zaken_jaar(jaar: int, orgs, seed: int, schaal: int) -> tuple[pl.DataFrame, dict]:
    rng = _rng(seed, "odt_zaken", jaar)
    partijen = [c for c, o in orgs.items() if o.partij]
    omvang = np.array([OMVANG.get(c, 1.0) for c in partijen])
    werkdagen = _werkdagen(jaar)
    fractie = len(werkdagen) / len(_werkdagen(jaar, dt.date(jaar, 12, 31)))
    n = round(ZAKEN_PER_JAAR[jaar] * schaal * fractie * float(rng.normal(1.0, 0.01)))

    # per party habits: share of re-inspections, complaints, violations
    k = len(partijen)
    kans = np.tile(CONTROLE_KANS, (k, 1))
    kans[:, 1] *= rng.uniform(0.7, 1.3, k)
    kans[:, 2] *= rng.uniform(0.7, 1.3, k)
    kans[:, 4] *= rng.uniform(0.6, 1.6, k)
    kans[:, 0] = 1.0 - kans[:, 1:].sum(axis=1)
    grenzen = np.cumsum(kans, axis=1)[:, :-1]
    overtreding_kans = rng.uniform(0.15, 0.28, k)

    partij = rng.choice(k, size=n, p=omvang / omvang.sum())
    start = np.sort(rng.integers(0, len(werkdagen), n))
    start_dag = _dagnr(werkdagen)[start]

    # product table: inspection products first (index = controle type), then the rest
    insp_producten = [
        "Periodieke controle",
        "Hercontrole",
        "Handhavingstraject",
        "Ketentoezicht",
        "Klachtafhandeling",
        "Handhavingsverzoek",
    ]
    overige = [
        (tv, naam, norm)
        for tv, lijst in PRODUCTEN.items()
        for naam, norm, _ in lijst
        if tv in ("vergunningverlening", "advies", "overig")
    ]
    overig_aandeel = np.array(
        [
            a
            for tv, lijst in PRODUCTEN.items()
            for _, _, a in lijst
            if tv in ("vergunningverlening", "advies", "overig")
        ]
    )
    product_namen = insp_producten + [o[1] for o in overige]
    product_norm = np.array([6.0, 2.5, 16.0, 4.0, 3.0, 12.0] + [o[2] for o in overige])
    taakvelden = list(KINDS["odt_zaken"].columns[2].enum["values"])
    product_taakveld = np.array(
        [
            taakvelden.index(t)
            for t in ("toezicht", "toezicht", "handhaving", "toezicht", "toezicht", "handhaving")
        ]
        + [taakvelden.index(o[0]) for o in overige]
    )

    inspectie = rng.random(n) < 0.62
    ctype = (rng.random(n)[:, None] > grenzen[partij]).sum(axis=1)  # 0..4
    ctype = np.where(inspectie, ctype, -1)
    product = np.where(inspectie, ctype, 0)
    product = np.where(inspectie & (ctype == 2) & (rng.random(n) < 0.3), 5, product)
    anders = rng.choice(len(overige), size=n, p=overig_aandeel / overig_aandeel.sum()) + 6
    product = np.where(inspectie, product, anders)
    taakveld = product_taakveld[product]

    # lead time in days, by kind of work
    mediaan = np.select(
        [ctype == 2, ctype == 4, inspectie, taakveld == taakvelden.index("vergunningverlening")],
        [90.0, 10.0, 14.0, 56.0],
        default=21.0,
    )
    duur = np.maximum(1, np.round(mediaan * rng.lognormal(0.0, 0.7, n))).astype(np.int64)
    eind_dag = start_dag + duur
    lever = (np.datetime64(LEVERDATUM) - np.datetime64(DAG0)).astype(np.int64)
    # a backlog of stale cases, larger for recent years
    blijft_open = {2022: 0.002, 2023: 0.004, 2024: 0.008, 2025: 0.02}.get(jaar, 0.0)
    open_ = (eind_dag > lever) | (rng.random(n) < blijft_open)
    uren = product_norm[product] * rng.lognormal(0.0, 0.45, n)
    uren = np.round(np.where(open_, uren * rng.uniform(0.2, 0.9, n), uren), 1)

    p_overtreding = overtreding_kans[partij] * np.select(
        [ctype == 1, ctype == 2, ctype == 4], [1.5, 3.7, 1.2], default=1.0
    )
    overtreding = np.where(inspectie & ~open_, np.where(rng.random(n) < p_overtreding, 1, 0), -1)
    letter = rng.choice(4, size=n, p=[0.35, 0.35, 0.2, 0.1])
    cijfer = rng.choice(4, size=n, p=[0.3, 0.35, 0.25, 0.1])
    lhso = np.where(overtreding == 1, 1 + letter * 4 + cijfer, 0)
    straf = np.where(
        overtreding == -1, -1, np.where((overtreding == 1) & (rng.random(n) < 0.018), 1, 0)
    )
    aard = np.where(ctype == 4, 1 + rng.choice(5, size=n, p=[0.35, 0.35, 0.08, 0.1, 0.12]), 0)

    df = pl.DataFrame(
        {
            "partij": partij.astype(np.uint32),
            "taakveld": taakveld.astype(np.uint32),
            "product": product.astype(np.uint32),
            "ctype": (ctype + 1).astype(np.uint32),
            "start": start_dag,
            "eind": eind_dag,
            "open": open_,
            "uren": uren,
            "overtreding": overtreding.astype(np.int8),
            "lhso": lhso.astype(np.uint32),
            "straf": straf.astype(np.int8),
            "aard": aard.astype(np.uint32),
        }
    )
    breed = max(6, len(str(n)))
    ja_nee = {1: "ja", 0: "nee"}
    dag0 = pl.lit(DAG0)
    lhso_tabel = [None] + [f"{a}{c}" for a in "ABCD" for c in range(1, 5)]
    zaken = df.select(
        zaak_id=pl.format(
            f"Z{jaar}-{{}}", (pl.int_range(1, n + 1).cast(pl.String).str.zfill(breed))
        ),
        deelnemer=_lookup("partij", partijen),
        taakveld=_lookup("taakveld", taakvelden),
        product=_lookup("product", product_namen),
        controle_type=_lookup("ctype", [None, *CONTROLE_TYPES]),
        startdatum=dag0 + pl.duration(days=pl.col("start")),
        einddatum=pl.when(~pl.col("open")).then(dag0 + pl.duration(days=pl.col("eind"))),
        status=pl.when(pl.col("open")).then(pl.lit("open")).otherwise(pl.lit("afgerond")),
        uren=pl.col("uren"),
        overtreding=pl.col("overtreding").replace_strict(
            ja_nee, default=None, return_dtype=pl.String
        ),
        lhso_categorie=_lookup("lhso", lhso_tabel),
        strafrechtelijk=pl.col("straf").replace_strict(
            ja_nee, default=None, return_dtype=pl.String
        ),
        klacht_aard=_lookup("aard", [None, *KLACHT_AARD]),
    )
    info = {"inspectie": inspectie, "ctype": ctype, "open": open_, "overtreding": overtreding}
    return zaken, info


def _lookup(col: str, tabel: list) -> pl.Expr:
    return pl.lit(pl.Series(tabel, dtype=pl.String)).gather(pl.col(col))


def _zaken(out: Path, orgs, seed: int, schaal: int) -> list[tuple[Path, int]]:
    written = []
    for jaar in JAREN:
        zaken, info = _zaken_jaar(jaar, orgs, seed, schaal)
        n = zaken.height
        kapot = None
        if jaar == 2023:  # broken: negative hours
            kapot = n // 3
            zaken = _set(zaken, kapot, uren=-2.5)
        elif jaar == 2024:  # broken: einddatum before startdatum
            kapot = n // 3 + int(np.argmax(~info["open"][n // 3 :]))
            start = zaken["startdatum"][kapot]
            zaken = _set(zaken, kapot, einddatum=start - dt.timedelta(days=5))
        elif jaar == 2025:  # broken: no such LHSO category
            kapot = n // 3 + int(np.argmax(info["overtreding"][n // 3 :] == 1))
            zaken = _set(zaken, kapot, lhso_categorie="E9")
            written.append(_zaken_correctie(out, zaken, info, kapot, seed))
        path = out / f"odt_zaken_{jaar}.csv"
        _write_csv(zaken, path, date_format="%d-%m-%Y", decimal_comma=True)
        written.append((path, n))
    written.sort(key=lambda item: item[0].name)
    return written


def _set(df: pl.DataFrame, row: int, **values) -> pl.DataFrame:
    idx = pl.int_range(0, pl.len()) == row
    return df.with_columns(
        pl.when(idx).then(pl.lit(v, dtype=df.schema[k])).otherwise(pl.col(k)).alias(k)
        for k, v in values.items()
    )


def _zaken_correctie(out: Path, zaken: pl.DataFrame, info: dict, kapot: int, seed: int):
    """A re-delivery of 50 cases of 2025: 35 periodic inspections that were really
    re-inspections, 15 open cases that have since been closed (keyed upsert)."""
    rng = _rng(seed, "odt_zaken", 9999)
    idx = np.arange(zaken.height)
    herzien = idx[(info["ctype"] == 0) & ~info["open"] & (idx != kapot)]
    gesloten = idx[info["open"] & info["inspectie"] & (idx != kapot)]
    herzien = np.sort(rng.choice(herzien, size=min(35, len(herzien)), replace=False))
    gesloten = np.sort(rng.choice(gesloten, size=min(15, len(gesloten)), replace=False))
    a = zaken[herzien].with_columns(
        controle_type=pl.lit("hercontrole"), product=pl.lit("Hercontrole")
    )
    eind = [
        dt.date(2026, 10, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, len(gesloten))
    ]
    b = zaken[gesloten].with_columns(
        einddatum=pl.Series(eind, dtype=pl.Date),
        status=pl.lit("afgerond"),
        overtreding=pl.Series(np.where(rng.random(len(gesloten)) < 0.25, "ja", "nee")),
        strafrechtelijk=pl.lit("nee"),
    )
    b = b.with_columns(
        lhso_categorie=pl.when(pl.col("overtreding") == "ja").then(pl.lit("B2")).otherwise(None)
    )
    df = pl.concat([a, b]).sort("zaak_id")
    path = out / "odt_zaken_2025_correctie.csv"
    _write_csv(df, path, date_format="%d-%m-%Y", decimal_comma=True)
    return path, df.height


# --- samenwerkingsagenda ---------------------------------------------------------------------
D = dt.date
# id, type, pijler, titel, trekker, start, deadline, status, afgerond_op, voortgang
AGENDA = (
    (
        "UP23-01",
        "opgave",
        "g",
        "Slagkracht VTH-kerngroep vergroten",
        "ENS",
        D(2023, 6, 1),
        D(2024, 3, 31),
        "afgerond",
        D(2024, 2, 15),
        100,
    ),
    (
        "UP23-02",
        "opgave",
        "g",
        "Samenstelling VTH-kerngroep en Twentebreed overleg",
        "HEN",
        D(2023, 9, 1),
        D(2024, 3, 31),
        "afgerond",
        D(2024, 4, 22),
        100,
    ),
    (
        "UP23-03",
        "opgave",
        "g",
        "Borgen bijdrage aan ambtelijke VTH-samenwerking",
        "ENS",
        D(2023, 6, 1),
        D(2023, 12, 31),
        "gereed",
        D(2023, 12, 14),
        100,
    ),
    (
        "UP23-04",
        "opgave",
        "g",
        "Uitwerken VTH-samenwerkingsafspraken",
        "ALM",
        D(2023, 10, 1),
        D(2024, 6, 30),
        "afgerond",
        D(2024, 10, 1),
        100,
    ),
    (
        "UP23-05",
        "opgave",
        "a",
        "VTH-samenwerkingsagenda 2024",
        "ENS",
        D(2024, 1, 8),
        D(2024, 9, 30),
        "afgerond",
        D(2024, 9, 26),
        100,
    ),
    (
        "UP23-06",
        "opgave",
        "g",
        "Communicatie Twentse VTH-samenwerking",
        "Gemeente Hengelo",
        D(2024, 3, 1),
        D(2024, 9, 30),
        "vertraagd",
        None,
        60,
    ),
    (
        "UP23-07",
        "opgave",
        "a",
        "Evaluatiekader VTH-samenwerking",
        "ENS",
        D(2024, 2, 1),
        D(2024, 12, 31),
        "afgerond",
        D(2024, 12, 12),
        100,
    ),
    (
        "UP23-08",
        "opgave",
        "g",
        "Uitwerken van samenwerkingsrelaties",
        "PRO",
        D(2024, 1, 15),
        D(2024, 6, 30),
        "afgerond",
        D(2024, 11, 15),
        100,
    ),
    (
        "UP23-09",
        "opgave",
        "Beleidscyclus",
        "Verbinden van beleidscyclus",
        "ODT",
        D(2024, 1, 15),
        D(2024, 12, 31),
        "in uitvoering",
        None,
        70,
    ),
    (
        "BO-A1",
        "bestuursopdracht",
        "a",
        "Uniforme beleidscyclus ODT-taken",
        "Omgevingsdienst",
        D(2024, 11, 1),
        D(2025, 6, 30),
        "afgerond",
        D(2025, 6, 19),
        100,
    ),
    (
        "BO-A2",
        "bestuursopdracht",
        "a",
        "Gezamenlijk uitvoeringsprogramma 2026",
        "ODT",
        D(2025, 3, 1),
        D(2025, 12, 15),
        "afgerond",
        D(2026, 1, 20),
        100,
    ),
    (
        "BO-B1",
        "bestuursopdracht",
        "Ondermijning",
        "Regionale aanpak ondermijning buitengebied",
        "ALM",
        D(2024, 11, 1),
        D(2025, 9, 30),
        "afgerond",
        D(2025, 9, 11),
        100,
    ),
    (
        "BO-B2",
        "bestuursopdracht",
        "b",
        "Bibob-beleid harmoniseren",
        "ENS",
        D(2025, 4, 1),
        D(2026, 9, 30),
        "lopend",
        None,
        55,
    ),
    (
        "BO-C1",
        "bestuursopdracht",
        "Energie en duurzaamheid",
        "Toezicht energiebesparingsplicht bedrijven",
        "HEN",
        D(2025, 1, 15),
        D(2026, 12, 31),
        "lopend",
        None,
        40,
    ),
    (
        "BO-C2",
        "bestuursopdracht",
        "c",
        "Handreiking zonnepanelen op bedrijfsdaken",
        "BOR",
        D(2027, 1, 1),
        D(2027, 9, 30),
        "gepland",
        None,
        0,
    ),
    (
        "BO-D1",
        "bestuursopdracht",
        "Bodem en ondergrond",
        "Regionale bodemkwaliteitskaart actualiseren",
        "Provincie Overijssel",
        D(2024, 11, 1),
        D(2025, 12, 31),
        "afgerond",
        D(2025, 12, 4),
        100,
    ),
    (
        "BO-D2",
        "bestuursopdracht",
        "d",
        "Regionaal PFAS-beleid",
        "PRO",
        D(2025, 9, 1),
        D(2027, 6, 30),
        "lopend",
        None,
        25,
    ),
    (
        "BO-E1",
        "bestuursopdracht",
        "Omgevingsrecht",
        "Implementatie Omgevingswet VTH-beleid",
        "OLD",
        D(2024, 1, 15),
        D(2025, 3, 31),
        "afgerond",
        D(2025, 3, 27),
        100,
    ),
    (
        "BO-E2",
        "bestuursopdracht",
        "e",
        "Beleidsregels handhaving Omgevingswet",
        "Gemeente Losser",
        D(2025, 6, 1),
        D(2026, 3, 31),
        "lopend",
        None,
        75,
    ),
    (
        "BO-F1",
        "bestuursopdracht",
        "Wkb",
        "Wkb gevolgklasse 1: rol bevoegd gezag",
        "RIH",
        D(2024, 11, 1),
        D(2025, 6, 30),
        "afgerond",
        D(2025, 8, 29),
        100,
    ),
    (
        "BO-F2",
        "bestuursopdracht",
        "f",
        "Wkb-monitoring bouwtoezicht",
        "TUB",
        D(2025, 1, 15),
        D(2025, 12, 31),
        "gestopt",
        None,
        30,
    ),
    (
        "BO-G1",
        "bestuursopdracht",
        "Constructieve kennis",
        "Kennisnetwerk constructieve veiligheid",
        "WIE",
        D(2025, 9, 1),
        D(2026, 12, 31),
        "gepland",
        None,
        0,
    ),
    (
        "BO-G2",
        "bestuursopdracht",
        "g",
        "Regionale VTH-opleidingsdag",
        "HVT",
        D(2027, 1, 1),
        D(2027, 4, 30),
        "gepland",
        None,
        0,
    ),
    (
        "PR-01",
        "project",
        "a",
        "Samenwerkingsagenda 2025",
        "ENS",
        D(2024, 9, 1),
        D(2024, 12, 31),
        "afgerond",
        D(2024, 12, 19),
        100,
    ),
    (
        "PR-02",
        "project",
        "a",
        "Samenwerkingsagenda 2026",
        "ENS",
        D(2025, 9, 1),
        D(2025, 12, 31),
        "afgerond",
        D(2025, 12, 18),
        100,
    ),
    (
        "PR-03",
        "project",
        "a",
        "Samenwerkingsagenda 2027",
        "ENS",
        D(2026, 9, 1),
        D(2026, 12, 31),
        "gepland",
        None,
        0,
    ),
    (
        "PR-04",
        "project",
        "g",
        "Communicatieplan uitvoeren",
        "HEN",
        D(2024, 10, 1),
        D(2025, 12, 31),
        "vertraagd",
        None,
        50,
    ),
    (
        "PR-05",
        "project",
        "a",
        "Formele evaluatie samenwerking 2026",
        "ENS",
        D(2026, 1, 15),
        D(2026, 12, 31),
        "lopend",
        None,
        45,
    ),
    (
        "PR-06",
        "project",
        "a",
        "VTH-monitor dashboard",
        "ENS",
        D(2025, 10, 1),
        D(2026, 6, 30),
        "afgerond",
        None,
        100,
    ),  # broken: no afgerond_op
    (
        "PR-07",
        "project",
        "Ondermijning",
        "Integrale controles buitengebied 2026",
        "DIN",
        D(2026, 3, 1),
        D(2026, 10, 31),
        "vertraagd",
        None,
        60,
    ),
)
# re-delivery of June 2026: the same ids with a newer status (kept as history)
AGENDA_UPDATE = {
    "UP23-06": ("afgerond", D(2026, 5, 28), 100),
    "BO-B2": ("vertraagd", None, 55),
    "BO-C1": ("lopend", None, 55),
    "BO-G1": ("lopend", None, 15),
    "PR-05": ("lopend", None, 60),
}


def _agenda(out: Path, orgs, seed: int) -> list[tuple[Path, int]]:
    rng = _rng(seed, "agenda")
    names = KINDS["agenda"].column_names
    path = out / "samenwerkingsagenda.xlsx"
    sheet = _Sheet(path, "agenda")
    sheet.header(_header("agenda", "title"))
    for r, item in enumerate(AGENDA, start=1):
        trekker = orgs[item[4]].label(int(rng.integers(0, 3))) if item[4] in orgs else item[4]
        for c, value in enumerate(item):
            if c == 4:
                value = trekker
            elif isinstance(value, dt.date) and rng.random() < 0.3:
                value = _nl_datum(value)
            sheet.cell(r, c, value)
    sheet.close()
    written = [(path, len(AGENDA))]

    rows = []
    for item in AGENDA:
        if item[0] in AGENDA_UPDATE:
            status, klaar, voortgang = AGENDA_UPDATE[item[0]]
            rows.append([*item[:7], status, klaar, voortgang])
    df = pl.DataFrame(
        rows,
        schema={
            n: (
                pl.Date
                if n in ("startdatum", "deadline", "afgerond_op")
                else pl.Int64
                if n == "voortgang"
                else pl.String
            )
            for n in names
        },
        orient="row",
    )
    path = out / "samenwerkingsagenda_update_2026-06.csv"
    _write_csv(df, path, date_format="%d-%m-%Y")
    written.append((path, df.height))
    return written


# --- entry points ----------------------------------------------------------------------------
def generate_counted(out: Path, schaal: int = 1, seed: int = 2024) -> list[tuple[Path, int]]:
    """Write all demo deliveries into ``out``; returns (path, data rows) per file."""
    if schaal < 1:
        raise ValueError("schaal moet 1 of groter zijn")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    orgs = read_orgs()
    personen = _personen(orgs, seed)
    leden = read_kerngroep_leden()
    written, uren_totaal = _inzet(out, orgs, personen, leden, seed)
    written += _bijdragen(out, orgs, uren_totaal, seed)
    written += _presentie(out, orgs, personen, leden, seed)
    written += _productie(out, orgs, seed, schaal)
    written += _zaken(out, orgs, seed, schaal)
    written += _agenda(out, orgs, seed)
    return written


def generate(out: Path, schaal: int = 1, seed: int = 2024) -> list[Path]:
    """Write all demo deliveries into ``out`` and return their paths."""
    return [path for path, _ in generate_counted(out, schaal, seed)]


def _nl_getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.demo",
        description="Schrijft realistische, reproduceerbare demoleveringen (2022-2026) van "
        "alle soorten in een map.",
    )
    parser.add_argument("--out", required=True, type=Path, help="map waarin de bestanden komen")
    parser.add_argument(
        "--schaal",
        type=int,
        default=1,
        help="vermenigvuldigt het volume (1 = één regio, ca. 100.000 "
        "odt_zaken per jaar; standaard 1)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2024,
        help="startwaarde van de toevalsgenerator (standaard 2024)",
    )
    args = parser.parse_args(argv)
    if args.schaal < 1:
        parser.error("--schaal moet 1 of groter zijn")
    begin = time.perf_counter()
    written = generate_counted(args.out, args.schaal, args.seed)
    # Mark these files as demo deliveries for $VTH_DATA_DIR: the dashboard runs without login
    # (VTH_DEMO=1) only on a data directory whose deliveries are all demo files.
    paths.mark_demo(hashlib.sha256(path.read_bytes()).hexdigest() for path, _ in written)
    duur = time.perf_counter() - begin
    breedte = max(len(p.name) for p, _ in written)
    for path, rijen in written:
        print(f"{path.name:<{breedte}}  {_nl_getal(rijen):>10} rijen")
    totaal = sum(r for _, r in written)
    seconden = f"{duur:.1f}".replace(".", ",")
    print(f"{len(written)} bestanden, {_nl_getal(totaal)} rijen in {args.out} ({seconden} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
