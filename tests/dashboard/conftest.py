"""A tiny hand-made published warehouse for the dashboard tests.

The values are chosen so every expected string in the tests can be computed by hand:
Presentie PHO 2025 is 87.5 for the region ("87,5%") and 80.0 in 2024 ("80,0%").
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
import streamlit as st

REPO_ROOT = Path(__file__).resolve().parents[2]
# The repo is not an installed package: make `dashboard` (and `ingest`) importable.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SCHEMA = """
create schema marts;
create schema audit;
create table marts.indicatoren (
    indicator_id varchar, jaar integer, deelnemer_code varchar, waarde double, norm double,
    norm_peildatum double, status varchar
);
create table marts.herkomst (
    indicator_id varchar, jaar integer, deelnemer_code varchar, bron_mart varchar,
    filter_sql varchar, aggregatie_sql varchar
);
create table marts.normen (
    jaar integer, norm_sleutel varchar, norm decimal(18,4), maatstaf decimal(18,4), bron varchar
);
create table marts.evaluatiekader (
    indicator_id varchar, naam varchar, definitie varchar, eenheid varchar, niveau varchar,
    norm_sleutel varchar, pro_rata boolean, status_regel varchar, grens_basis varchar,
    grens_groen double, grens_oranje double, grens_oranje_exclusief boolean,
    bron_document varchar, bron_clausule varchar
);
create table marts.organisaties (
    code varchar, naam varchar, soort varchar, partij boolean, ambtelijke_organisatie varchar,
    aliassen varchar
);
create table audit.ladingen (
    lading_id integer, bron varchar, soort varchar, sha256 varchar, geladen_op timestamp,
    rijen_gelezen integer, rijen_geladen integer, rijen_quarantaine integer, resultaat varchar,
    melding varchar
);
create table audit.quarantaine (
    lading_id integer, bron varchar, soort varchar, rij integer, kolom varchar, waarde varchar,
    reden varchar
);
create table audit.publicatie (gebouwd_op timestamp, peildatum date, data_tot timestamp);
"""

EVALUATIEKADER = [
    (
        "pho_presentie",
        "Presentie PHO",
        "procent",
        "P,R",
        "presentie",
        False,
        "minimum",
        "absoluut",
        90.0,
        75.0,
        False,
        "003_2a0ddb46bb1a03c6.txt",
        "Art. 5.1",
    ),
    (
        "inzet_uren",
        "Ingezette uren",
        "uren",
        "P,R",
        "inzet_uren",
        True,
        "minimum",
        "fractie_norm",
        1.0,
        0.75,
        False,
        "003_2a0ddb46bb1a03c6.txt",
        "Art. 7.3",
    ),
    (
        "pho_vergaderingen",
        "Aantal PHO-vergaderingen",
        "aantal",
        "R",
        "pho_vergaderingen",
        True,
        "minimum",
        "verschil_norm",
        0.0,
        -1.0,
        False,
        "003_2a0ddb46bb1a03c6.txt",
        "Art. 5.4",
    ),
]

# (indicator_id, jaar, deelnemer_code, waarde, norm, status); deelnemer_code None = region.
# 2024 and 2025 are closed years (peildatum 22-11-2026): norm_peildatum = norm (write_indicatoren).
INDICATOREN = [
    ("pho_presentie", 2025, None, 87.5, 90.0, "oranje"),
    ("pho_presentie", 2025, "ENS", 100.0, 90.0, "groen"),
    ("pho_presentie", 2025, "HEN", 50.0, 90.0, "rood"),
    ("inzet_uren", 2025, None, 1234.5, 1950.0, "rood"),
    ("inzet_uren", 2025, "ENS", 140.0, 130.0, "groen"),
    ("pho_vergaderingen", 2025, None, 4.0, 4.0, "groen"),
    ("pho_presentie", 2024, None, 80.0, 90.0, "oranje"),
    ("pho_presentie", 2024, "ENS", 75.0, 90.0, "oranje"),
    ("inzet_uren", 2024, None, 1000.0, None, None),
    ("pho_vergaderingen", 2024, None, 3.0, 4.0, "oranje"),
]

ORGANISATIES = [
    ("ENS", "Enschede", "gemeente", True, "ENS", None),
    ("HEN", "Hengelo", "gemeente", True, "HEN", None),
    ("ODT", "Omgevingsdienst Twente", "ketenpartner", False, None, "Omgevingsdienst"),
]

LADINGEN = [
    (1, "inzet_2025.csv", "inzet", "a" * 64, "2026-11-19 09:15:00", 10, 9, 1, "geladen", None),
    (
        2,
        "presentie_2025.xlsx",
        "presentie",
        "b" * 64,
        "2026-11-20 16:30:00",
        1250,
        1249,
        1,
        "geladen",
        None,
    ),
]

QUARANTAINE = [
    (
        1,
        "inzet_2025.csv",
        "inzet",
        4,
        "uren",
        "25",
        "uren moet groter dan 0 en ten hoogste 24 zijn",
    ),
    (
        2,
        "presentie_2025.xlsx",
        "presentie",
        7,
        "deelnemer",
        "Gemeente Nergenshuizen",
        "onbekende deelnemer",
    ),
]


PUBLICATIE = ("2026-11-22 14:05:00", "2026-11-22", "2026-11-20 16:30:00")

# marts.normen: the norms hold from 2024 (evaluatiekader v2 decision 4)
NORMEN = [
    (2023, "uren_per_partij", None, 130), (2024, "uren_per_partij", 130, 130),
    (2025, "uren_per_partij", 130, 130), (2026, "uren_per_partij", 130, 130),
]

# Where a value comes from (marts.herkomst): indicator -> (bron_mart, filter on the year); a
# participant's row adds its code. Others: marts.indicatoren itself.
HERKOMST = {
    "pho_presentie": ("presentie", "gremium = 'pho' and verwacht and jaar = {jaar}"),
    "inzet_uren": ("inzet_per_maand", "jaar = {jaar}"),
    "pho_vergaderingen": ("vergaderingen", "gremium = 'pho' and jaar = {jaar}"),
    "odt_uren_realisatie": ("odt_productie", "jaar = {jaar}"),
    "odt_producten_realisatie": ("odt_productie", "jaar = {jaar}"),
    "vervangende_bijdrage": ("bijdragen_per_deelnemer", "jaar = {jaar}"),
}


def write_indicatoren(con: duckdb.DuckDBPyConnection, rijen: list[tuple]) -> None:
    """Insert indicator rows (indicator_id, jaar, deelnemer_code, waarde, norm, status), or with
    norm_peildatum before status (7 values), with their marts.herkomst rows. Without a
    norm_peildatum it equals norm (a closed year)."""
    volledig = [r if len(r) == 7 else (*r[:5], r[4], r[5]) for r in rijen]
    con.executemany("insert into marts.indicatoren values (?, ?, ?, ?, ?, ?, ?)", volledig)
    herkomst = []
    for indicator, jaar, code, *_ in volledig:
        bron, filter_sql = HERKOMST.get(
            indicator, ("indicatoren", f"indicator_id = '{indicator}' and jaar = {{jaar}}")
        )
        filter_sql = filter_sql.format(jaar=jaar)
        if code is not None:
            filter_sql += f" and deelnemer_code = '{code}'"
        herkomst.append((indicator, jaar, code, bron, filter_sql, "count(*)"))
    con.executemany("insert into marts.herkomst values (?, ?, ?, ?, ?, ?)", herkomst)


# --- ODT-uitvoering, Agenda, Indicatoren (evaluator) -------------------------------------------
# New marts with hand-made rows (peildatum 22-11-2026, see PUBLICATIE), and the catalogue's
# order and herkomst columns. Hand-computed: ODT 2025 Enschede 230 of 240 hours = 95,8%, the
# region 270 of 290 = 93,1%; agenda: 2 items achterstallig (BO-B1, BO-E1), 1 te laat afgerond;
# voor/na Presentie PHO regio: 80,0 (2024) -> 87,5 (2025) = +7,5 procentpunt.
EVALUATOR_SCHEMA = """
alter table marts.evaluatiekader add column volgorde integer;
create table marts.odt_productie (
    jaar integer, maand integer, deelnemer_code varchar, taakveld varchar, product varchar,
    aantal_gepland bigint, aantal_gerealiseerd bigint, uren_gepland double,
    uren_gerealiseerd double
);
create table marts.odt_klachten (
    jaar integer, deelnemer_code varchar, klacht_aard varchar, aantal_klachten bigint,
    aantal_open bigint
);
create table marts.agenda (
    agenda_id varchar, type varchar, pijler varchar, titel varchar, trekker_code varchar,
    startdatum date, deadline date, status varchar, afgerond_op date, voortgang integer,
    deadline_jaar integer, op_tijd_afgerond boolean, te_laat_afgerond boolean,
    achterstallig boolean, dagen_na_deadline bigint, lading_id integer, bron varchar
);
create table marts.agenda_historie (
    agenda_id varchar, geladen_op timestamp, status varchar, voortgang integer, deadline date,
    afgerond_op date, lading_id integer, bron varchar, rij integer
);
create table marts.indicatoren_voor_na (
    indicator_id varchar, deelnemer_code varchar, vergelijking varchar, grensdatum date,
    waarde_voor double, waarde_na double, verschil double, jaren_voor integer,
    jaren_na integer, eerste_jaar_voor integer, laatste_jaar_voor integer,
    eerste_jaar_na integer, laatste_jaar_na integer
);
"""

# indicator_id -> volgorde, as in seed_evaluatiekader.csv.
VOLGORDE = {"pho_presentie": 1, "inzet_uren": 2, "pho_vergaderingen": 3}

# (jaar, maand, deelnemer, taakveld, product, aantal gepland, aantal gerealiseerd,
#  uren gepland, uren gerealiseerd)
ODT_PRODUCTIE = [
    (2025, 1, "ENS", "toezicht", "Periodieke controle", 10, 8, 100.0, 90.0),
    (2025, 2, "ENS", "toezicht", "Periodieke controle", 10, 12, 100.0, 110.0),
    (2025, 1, "ENS", "vergunningverlening", "Omgevingsvergunning milieu", 4, 2, 40.0, 30.0),
    (2025, 1, "HEN", "toezicht", "Periodieke controle", 5, 5, 50.0, 40.0),
    (2024, 1, "ENS", "toezicht", "Periodieke controle", 10, 10, 100.0, 100.0),
]

ODT_KLACHTEN = [
    (2025, "ENS", "geluid", 3, 1),
    (2025, "ENS", "geur", 1, 0),
    (2025, "HEN", "geur", 2, 0),
    (2024, "ENS", "licht", 5, 0),
]

# (id, type, pijler, titel, trekker, start, deadline, status, afgerond_op, voortgang,
#  deadline_jaar, op_tijd, te_laat, achterstallig, dagen_na_deadline, lading_id, bron)
AGENDA = [
    ("BO-A1", "bestuursopdracht", "a", "Uniforme beleidscyclus", "ODT", "2025-01-01",
     "2025-06-30", "afgerond", "2025-06-15", 100, 2025, True, False, False, -15, 3,
     "agenda_2026-06.xlsx"),
    ("BO-B1", "bestuursopdracht", "b", "Bibob-beleid harmoniseren", "ENS", "2025-03-01",
     "2026-09-30", "vertraagd", None, 55, 2026, False, False, True, 53, 4, "agenda_2026-11.csv"),
    ("BO-E1", "bestuursopdracht", "e", "Beleidsregels handhaving", "HEN", "2025-06-01",
     "2026-03-31", "lopend", None, 75, 2026, False, False, True, 236, 3, "agenda_2026-06.xlsx"),
    ("PR-G1", "project", "g", "Communicatieplan", "HEN", "2024-10-01", "2025-12-31",
     "afgerond", "2026-02-04", 100, 2025, False, True, False, 35, 3, "agenda_2026-06.xlsx"),
    ("BO-C1", "bestuursopdracht", "c", "Energiebesparing bedrijven", "ENS", "2026-01-15",
     "2027-06-30", "lopend", None, 20, 2027, False, False, False, None, 3,
     "agenda_2026-06.xlsx"),
    ("UP-F1", "opgave", "f", "Wkb-monitoring", None, None, "2025-12-31", "gestopt", None, 30,
     2025, False, False, False, None, 3, "agenda_2026-06.xlsx"),
]

AGENDA_HISTORIE = [
    ("BO-A1", "2026-06-01 10:00:00", "afgerond", 100, "2025-06-30", "2025-06-15", 3,
     "agenda_2026-06.xlsx", 2),
    ("BO-B1", "2026-06-01 10:00:00", "lopend", 40, "2026-09-30", None, 3,
     "agenda_2026-06.xlsx", 3),
    ("BO-B1", "2026-11-20 16:00:00", "vertraagd", 55, "2026-09-30", None, 4,
     "agenda_2026-11.csv", 2),
]

# Means of the complete years 2024 and 2025 in INDICATOREN around 1-1-2024 and 1-11-2024.
VOOR_NA = [
    ("pho_presentie", None, "nieuwe_stijl", "2024-01-01", None, 83.75, None, 0, 2, None, None,
     2024, 2025),
    ("pho_presentie", None, "overeenkomst", "2024-11-01", 80.0, 87.5, 7.5, 1, 1, 2024, 2024,
     2025, 2025),
    ("pho_presentie", "ENS", "nieuwe_stijl", "2024-01-01", None, 87.5, None, 0, 2, None, None,
     2024, 2025),
    ("pho_presentie", "ENS", "overeenkomst", "2024-11-01", 75.0, 100.0, 25.0, 1, 1, 2024, 2024,
     2025, 2025),
    ("inzet_uren", None, "overeenkomst", "2024-11-01", 1000.0, 1234.5, 234.5, 1, 1, 2024, 2024,
     2025, 2025),
    ("pho_vergaderingen", None, "overeenkomst", "2024-11-01", 3.0, 4.0, 1.0, 1, 1, 2024, 2024,
     2025, 2025),
]


def _write_evaluator_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EVALUATOR_SCHEMA)
    con.executemany(
        "update marts.evaluatiekader set volgorde = ? where indicator_id = ?",
        [(volgorde, indicator) for indicator, volgorde in VOLGORDE.items()],
    )
    con.executemany("insert into marts.odt_productie values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ODT_PRODUCTIE)
    con.executemany("insert into marts.odt_klachten values (?, ?, ?, ?, ?)", ODT_KLACHTEN)
    con.executemany(f"insert into marts.agenda values ({', '.join(['?'] * 17)})", AGENDA)
    con.executemany("insert into marts.agenda_historie values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    AGENDA_HISTORIE)
    con.executemany(
        f"insert into marts.indicatoren_voor_na values ({', '.join(['?'] * 13)})", VOOR_NA
    )


# --- Bijdragen, Vergaderingen (kerngroep) ------------------------------------------------------
# Hand-made rows for Enschede and Hengelo, consistent with INDICATOREN (inzet_uren ENS 2025 =
# 140, pho_vergaderingen 2025 = 4, pho_presentie 2025 ENS 100 / HEN 50). Hand-computed:
# vervulling 2025 ENS 100 × 140/130 = 107,7%; HEN 100 × (91/130 + 2.000/10.000) = 90,0%;
# 2024 ENS 100,0%, HEN 80,0%. PHO 2025: ENS ✓✓✓✓, HEN ✓ A – V (2 of 4 = 50%).
KERNGROEP_SCHEMA = """
create table if not exists marts.bijdragen_per_deelnemer (
    deelnemer_code varchar, jaar integer, vertegenwoordigingsfactor integer,
    uren_totaal decimal(18,4), uren_kerngroep decimal(18,4), uren_twentebreed decimal(18,4),
    uren_projectgroep decimal(18,4), uren_pho decimal(18,4), uren_overig decimal(18,4),
    urennorm decimal(18,2), urennorm_peildatum decimal(18,2), urennorm_kerngroep decimal(18,2),
    urennorm_kerngroep_peildatum decimal(18,2), urennorm_twentebreed decimal(18,2),
    urennorm_twentebreed_peildatum decimal(18,2), urennorm_projectgroep decimal(18,2),
    urennorm_projectgroep_peildatum decimal(18,2), urenmaatstaf decimal(18,2),
    bedragmaatstaf decimal(14,2), vervangende_bijdrage decimal(14,2),
    vaste_bijdrage_gefactureerd decimal(14,2), vaste_bijdrage_betaald decimal(14,2),
    variabele_bijdrage decimal(14,2), vervulling_pct double
);
create table if not exists marts.inzet_per_maand (
    deelnemer_code varchar, jaar integer, maand integer, gremium varchar, uren decimal(18,4),
    aantal_registraties integer
);
create table if not exists marts.vergaderingen (
    vergadering_id varchar, gremium varchar, datum date, project varchar, jaar integer,
    aantal_aanwezig bigint, aantal_registraties bigint
);
create table if not exists marts.presentie (
    vergadering_id varchar, gremium varchar, datum date, project varchar, jaar integer,
    deelnemer_code varchar, verwacht boolean, aanwezig boolean, status varchar,
    vertegenwoordigd_door_code varchar
);
"""

BIJDRAGEN_KOLOMMEN = (
    "deelnemer_code, jaar, vertegenwoordigingsfactor, uren_totaal, uren_kerngroep, "
    "uren_twentebreed, uren_projectgroep, uren_pho, uren_overig, urennorm, urennorm_kerngroep, "
    "urennorm_twentebreed, urennorm_projectgroep, bedragmaatstaf, vervangende_bijdrage, "
    "vaste_bijdrage_gefactureerd, vaste_bijdrage_betaald, variabele_bijdrage, vervulling_pct"
)
_NORMEN = (130.0, 20.8, 23.4, 94.9, 10000.0)  # urennorm, kerngroep, twentebreed, project, bedrag
# (code, jaar, factor, uren totaal, kerngroep, twentebreed, projectgroep, pho, overig, *normen,
#  vervangend, vast gefactureerd, vast betaald, variabel, vervulling)
BIJDRAGEN = [
    ("ENS", 2025, 1, 140.0, 30.0, 20.0, 85.0, 0.0, 5.0, *_NORMEN, 0.0, 10000.0, 10000.0, 400.0,
     100 * 140 / 130),
    ("HEN", 2025, 1, 91.0, 10.0, 11.0, 70.0, 0.0, 0.0, *_NORMEN, 2000.0, 10000.0, 0.0, 400.0,
     90.0),
    ("ENS", 2024, 1, 130.0, 20.0, 20.0, 90.0, 0.0, 0.0, *_NORMEN, 0.0, 10000.0, 10000.0, 400.0,
     100.0),
    ("HEN", 2024, 1, 104.0, 4.0, 20.0, 80.0, 0.0, 0.0, *_NORMEN, 0.0, 10000.0, 10000.0, 400.0,
     80.0),
]

# (code, jaar, maand, gremium, uren, registraties): ENS 2025 adds up to the 140 hours above.
INZET_PER_MAAND = [
    ("ENS", 2025, 1, "kerngroep", 10.0, 2),
    ("ENS", 2025, 1, "projectgroep", 40.0, 5),
    ("ENS", 2025, 3, "twentebreed", 20.0, 4),
    ("ENS", 2025, 6, "kerngroep", 20.0, 3),
    ("ENS", 2025, 9, "projectgroep", 45.0, 6),
    ("ENS", 2025, 11, "overig", 5.0, 1),
    ("HEN", 2025, 2, "kerngroep", 10.0, 2),
    ("HEN", 2025, 4, "twentebreed", 11.0, 2),
    ("HEN", 2025, 5, "projectgroep", 70.0, 9),
]

# (gremium, datum, project, jaar, {deelnemer: (verwacht, status, vertegenwoordigd door)})
VERGADERINGEN = [
    ("pho", "2025-03-13", None, 2025, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "aanwezig", None)}),
    ("pho", "2025-06-12", None, 2025, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "afgemeld", None)}),
    ("pho", "2025-09-11", None, 2025, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "afwezig", None)}),
    ("pho", "2025-12-11", None, 2025, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "vertegenwoordigd", "ENS")}),
    ("kerngroep", "2025-01-14", None, 2025, {"ENS": (True, "aanwezig", None),
                                             "HEN": (True, "niet geregistreerd", None)}),
    ("projectgroep", "2025-02-05", "Bodemkwaliteit", 2025, {"ENS": (False, "aanwezig", None)}),
    ("pho", "2024-03-14", None, 2024, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "aanwezig", None)}),
    ("pho", "2024-06-13", None, 2024, {"ENS": (True, "aanwezig", None),
                                       "HEN": (True, "aanwezig", None)}),
    ("pho", "2024-09-12", None, 2024, {"ENS": (True, "afgemeld", None),
                                       "HEN": (True, "aanwezig", None)}),
]


def write_bijdragen(con: duckdb.DuckDBPyConnection, rijen: list[tuple]) -> None:
    """Insert bijdragen_per_deelnemer rows (BIJDRAGEN_KOLOMMEN); closed years: the norms up to
    peildatum equal the full-year norms, and the hour norm is the yardstick of vervulling."""
    con.executemany(
        f"insert into marts.bijdragen_per_deelnemer ({BIJDRAGEN_KOLOMMEN}) "
        f"values ({', '.join(['?'] * 19)})",
        rijen,
    )
    con.execute(
        "update marts.bijdragen_per_deelnemer set urennorm_peildatum = urennorm, "
        "urennorm_kerngroep_peildatum = urennorm_kerngroep, "
        "urennorm_twentebreed_peildatum = urennorm_twentebreed, "
        "urennorm_projectgroep_peildatum = urennorm_projectgroep, urenmaatstaf = urennorm "
        "where urenmaatstaf is null"
    )


def _write_kerngroep_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(KERNGROEP_SCHEMA)
    write_bijdragen(con, BIJDRAGEN)
    con.executemany(
        "insert into marts.inzet_per_maand (deelnemer_code, jaar, maand, gremium, uren, "
        "aantal_registraties) values (?, ?, ?, ?, ?, ?)",
        INZET_PER_MAAND,
    )
    for gremium, datum, project, jaar, rijen in VERGADERINGEN:
        vergadering_id = f"{gremium}|{datum}|{project or ''}"
        aanwezig = {c: s in ("aanwezig", "vertegenwoordigd") for c, (_, s, _) in rijen.items()}
        con.execute(
            "insert into marts.vergaderingen (vergadering_id, gremium, datum, project, jaar, "
            "aantal_aanwezig, aantal_registraties) values (?, ?, ?, ?, ?, ?, ?)",
            [vergadering_id, gremium, datum, project, jaar, sum(aanwezig.values()),
             sum(s != "niet geregistreerd" for _, s, _ in rijen.values())],
        )
        con.executemany(
            "insert into marts.presentie (vergadering_id, gremium, datum, project, jaar, "
            "deelnemer_code, verwacht, aanwezig, status, vertegenwoordigd_door_code) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (vergadering_id, gremium, datum, project, jaar, code, verwacht, aanwezig[code],
                 status, door)
                for code, (verwacht, status, door) in rijen.items()
            ],
        )


def write_warehouse(
    path: Path, waarden: dict[tuple[str, int, str | None], float] | None = None
) -> Path:
    """Write the fixture warehouse to ``path`` the way a build publishes it: a new file, then an
    atomic rename over the old one. ``waarden`` overrides values by (indicator, jaar, deelnemer)."""
    waarden = waarden or {}
    indicatoren = [(*r[:3], waarden.get(r[:3], r[3]), *r[4:]) for r in INDICATOREN]
    tmp = path.with_name(path.name + ".nieuw")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute(SCHEMA)
        write_indicatoren(con, indicatoren)
        con.executemany(
            "insert into marts.evaluatiekader values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r[0], r[1], f"Definitie van {r[1]}.", *r[2:]) for r in EVALUATIEKADER],
        )
        con.executemany("insert into marts.organisaties values (?, ?, ?, ?, ?, ?)", ORGANISATIES)
        con.executemany(
            "insert into audit.ladingen values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", LADINGEN
        )
        con.executemany("insert into audit.quarantaine values (?, ?, ?, ?, ?, ?, ?)", QUARANTAINE)
        con.execute("insert into audit.publicatie values (?, ?, ?)", PUBLICATIE)
        con.executemany(
            "insert into marts.normen values (?, ?, ?, ?, 'seed_normen')", NORMEN
        )
        _write_evaluator_tables(con)
        _write_kerngroep_tables(con)
    finally:
        con.close()
    os.replace(tmp, path)
    return path


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Cached query results outlive an AppTest; never let one test see another's warehouse.
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory in demo mode."""
    monkeypatch.setenv("VTH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("VTH_DEMO", "1")
    # The fixture's loads count as demo deliveries (demo mode refuses anything else).
    from core import paths

    paths.mark_demo(r[3] for r in LADINGEN)
    return tmp_path


@pytest.fixture
def warehouse(data_dir: Path) -> Path:
    """The fixture warehouse published as ``$VTH_DATA_DIR/vth.duckdb``, in demo mode."""
    return write_warehouse(data_dir / "vth.duckdb")


@pytest.fixture
def publish() -> Callable[..., Path]:
    """Publish another version of the fixture warehouse: ``publish(path, waarden)``."""
    return write_warehouse
