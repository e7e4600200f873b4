"""The dashboard's one data-access module: every query a page needs, and nothing else.

- Reads only the published warehouse (``warehouse_path()``, data contract "Published warehouse"),
  through short-lived read-only DuckDB connections that are always closed, so a build can swap
  the file at any moment.
- One function per question a page asks, returning a polars DataFrame. Pages hold no SQL.
- Every query function is cached with ``st.cache_data`` and takes the warehouse version (see
  ``warehouse_version``) as its first argument: a new publish changes the version, so the next
  run misses the cache and reads the new file without a restart.
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboard import access
from ingest.settings import docs_path, warehouse_path

# (st_mtime_ns, st_size, st_ino, rol): the published file's identity plus the user's role. A
# build publishes by atomic rename, so every publish gives a new inode (and usually a new mtime
# and size); the role is part of the key so cached results are never shared across roles.
Version = tuple[int, int, int, str]

# The version already keys the cache; the TTL only bounds memory and the short window in which
# a publish lands between reading the version and opening the file.
_TTL_SECONDS = 600


def warehouse_exists() -> bool:
    return warehouse_path().is_file()


def warehouse_version() -> Version:
    stat = warehouse_path().stat()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, access.huidige_rol() or "")


def _query(sql: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    con = duckdb.connect(str(warehouse_path()), read_only=True)
    try:
        # In DuckDB 2.0 a reading `con.sql` is lazy: materialise it before the connection closes.
        return con.sql(sql, params=params).pl()
    finally:
        con.close()


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def jaren(version: Version) -> pl.DataFrame:
    """Years with indicator values, newest first (column ``jaar``)."""
    return _query("select distinct jaar from marts.indicatoren order by jaar desc")


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def indicatoren(version: Version, jaar: int) -> pl.DataFrame:
    """All indicator values of one year: the region (``deelnemer_code`` NULL) and every
    participant."""
    return _query(
        """
        select indicator_id, jaar, deelnemer_code, waarde, norm, status
        from marts.indicatoren
        where jaar = $jaar
        order by indicator_id, deelnemer_code nulls first
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def catalogus(version: Version) -> pl.DataFrame:
    """The indicator catalogue (evaluatiekader), in the catalogue's own order."""
    return _query(
        """
        select indicator_id, naam, definitie, eenheid, niveau, norm_sleutel, pro_rata,
               status_regel, grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief,
               bron_document, bron_clausule
        from marts.evaluatiekader
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def organisaties(version: Version) -> pl.DataFrame:
    """All organisations of the seed, by name."""
    return _query(
        """
        select code, naam, soort, partij, ambtelijke_organisatie
        from marts.organisaties
        order by naam
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def deelnemers(version: Version) -> pl.DataFrame:
    """Organisations a user can compare with the region: the parties plus any other
    organisation that has values of its own (Waterschap Vechtstromen's attendance), by name."""
    return _query(
        """
        select code, naam
        from marts.organisaties
        where partij
           or code in (
               select deelnemer_code from marts.indicatoren where deelnemer_code is not null
           )
        order by naam
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def ladingen(version: Version) -> pl.DataFrame:
    """The load history (audit.ladingen), newest first."""
    return _query(
        """
        select lading_id, bron, soort, sha256, geladen_op, rijen_gelezen, rijen_geladen,
               rijen_quarantaine, resultaat, melding
        from audit.ladingen
        order by geladen_op desc, lading_id desc
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def quarantaine(version: Version) -> pl.DataFrame:
    """Rejected rows (audit.quarantaine), newest load first, then by file and row."""
    return _query(
        """
        select lading_id, bron, soort, rij, kolom, waarde, reden
        from audit.quarantaine
        order by lading_id desc, bron, rij, kolom
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def publicatie(version: Version) -> pl.DataFrame:
    """When the warehouse was built, its reference date and how recent its data are (one row)."""
    return _query("select gebouwd_op, peildatum, data_tot from audit.publicatie limit 1")


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def documentatie(stamp: tuple[int, int]) -> str | None:
    """The dbt docs page (self-contained HTML) or None when no build has made it yet.
    ``stamp`` is (mtime_ns, size) of the file, so a rebuilt page is read again."""
    path = docs_path()
    return path.read_text(encoding="utf-8") if path.is_file() else None


def documentatie_stamp() -> tuple[int, int]:
    path = docs_path()
    if not path.is_file():
        return (0, 0)
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


# --- Bijdragen, Vergaderingen, Overzicht ------------------------------------------------------
# (end of section: bijdragen)


# --- ODT-uitvoering, Agenda, Indicatoren ------------------------------------------------------
# (end of section: odt)


# --- Gegevens (upload), Query, Logboek --------------------------------------------------------
# (end of section: beheer)
