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
    status varchar
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
        con.executemany(
            "insert into marts.indicatoren values (?, ?, ?, ?, ?, ?)",
            indicatoren,
        )
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
    return tmp_path


@pytest.fixture
def warehouse(data_dir: Path) -> Path:
    """The fixture warehouse published as ``$VTH_DATA_DIR/vth.duckdb``, in demo mode."""
    return write_warehouse(data_dir / "vth.duckdb")


@pytest.fixture
def publish() -> Callable[..., Path]:
    """Publish another version of the fixture warehouse: ``publish(path, waarden)``."""
    return write_warehouse
