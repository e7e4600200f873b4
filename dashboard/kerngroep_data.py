"""Data access for the kerngroep's monitoring cycle (issue 16): deliveries, arrears, the year
settlement, one party's own detail and the review rounds.

The same rules as ``dashboard/data.py`` (read-only, cached per warehouse version and role, no SQL
on the pages). Guards, in the data layer, whatever a page asks:
- whole tables of per-party detail (``marts.leveringen``, ``marts.achterstanden``,
  ``marts.afrekening``): ``_detail`` (access.DETAIL);
- one party's own detail (``eigen_*``): ``access.vereis_eigen``: the detail roles may ask for
  any party, a ``deelnemer`` only for the organisation its session is bound to. The check runs
  on every call, outside the cache.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import polars as pl
import streamlit as st

from dashboard import access
from dashboard.data import _TTL_SECONDS, Version, _detail, _query

F = TypeVar("F", bound=Callable[..., Any])


def _eigen(tabel: str) -> Callable[[F], F]:
    """Refuse unless the session may read ``tabel``'s rows of the party in argument
    ``deelnemer`` (the third positional argument or the keyword)."""

    def decorator(functie: F) -> F:
        @functools.wraps(functie)
        def bewaakt(version: Version, jaar: int, deelnemer: str, *args: Any, **kw: Any) -> Any:
            access.vereis_eigen(tabel, deelnemer)
            return functie(version, jaar, deelnemer, *args, **kw)

        return bewaakt  # type: ignore[return-value]

    return decorator


@_detail("marts.leveringen")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def leveringen(version: Version, jaar: int) -> pl.DataFrame:
    """Every expected delivery of one year, with the supplier's name."""
    return _query(
        """
        select l.leverancier_code, coalesce(o.naam, l.leverancier_code) as leverancier,
               l.soort, l.gremium, l.periode, l.periode_label, l.frequentie, l.periode_begin,
               l.vervaldatum, l.geleverd, l.aangeleverd_op, l.status, l.dagen_te_laat
        from marts.leveringen as l
        left join marts.organisaties as o on o.code = l.leverancier_code
        where l.jaar = $jaar
        order by leverancier, l.soort, l.gremium nulls first, l.periode_begin
        """,
        {"jaar": int(jaar)},
    )


def _years(table: str) -> list[int]:
    """The years of a published mart, newest first; ``table`` is one of this module's own
    constants, never user input."""
    return _query(f"select distinct jaar from {table} order by jaar desc")["jaar"].to_list()


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def leveringsjaren(version: Version) -> list[int]:
    """Years of the delivery schedule, newest first (no party detail)."""
    return _years("marts.leveringen")


@_detail("marts.achterstanden")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def achterstanden(version: Version, jaar: int) -> pl.DataFrame:
    """Per party in one year: contribution status and since when, the fixed contribution, the
    substitute owed, the last delivery; worst first."""
    return _query(
        """
        select a.deelnemer_code, o.naam, a.vervulling_pct, a.vervulling_status,
               a.onder_norm_sinds_jaar, a.jaren_onder_norm, a.vaste_bijdrage_gefactureerd,
               a.vaste_bijdrage_betaald, a.vaste_bijdrage_open, a.vaste_bijdrage_factuurdatum,
               a.vaste_bijdrage_vervaldatum, a.vaste_bijdrage_dagen_te_laat,
               a.vaste_bijdrage_status, a.vervangende_bijdrage_verschuldigd,
               a.vervangende_bijdrage_betaald, a.vervangende_bijdrage_saldo,
               a.laatste_levering, a.leveringen_te_laat
        from marts.achterstanden as a
        inner join marts.organisaties as o on o.code = a.deelnemer_code
        where a.jaar = $jaar
        order by a.vaste_bijdrage_status = 'betaald', a.vaste_bijdrage_dagen_te_laat desc
                 nulls last, a.vervulling_pct nulls first, o.naam
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def achterstandsjaren(version: Version) -> list[int]:
    """Years with arrears figures, newest first (no party detail)."""
    return _years("marts.achterstanden")


@_detail("marts.afrekening")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def afrekening(version: Version, jaar: int) -> pl.DataFrame:
    """The settlement of a closed year per party (003 Art. 7.3), the largest balance first."""
    return _query(
        """
        select a.deelnemer_code, o.naam, a.afsluiting, a.vertegenwoordigingsfactor,
               a.uren_geleverd, a.urennorm, a.uren_tekort, a.uren_per_partij,
               a.bedrag_per_partij, a.vervangende_bijdrage_verschuldigd,
               a.vervangende_bijdrage_gefactureerd, a.vervangende_bijdrage_betaald, a.saldo
        from marts.afrekening as a
        inner join marts.organisaties as o on o.code = a.deelnemer_code
        where a.jaar = $jaar
        order by a.saldo desc, o.naam
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def afrekeningsjaren(version: Version) -> list[int]:
    """Closed years with a settlement, newest first (no party detail)."""
    return _years("marts.afrekening")


# --- one party's own detail ---------------------------------------------------------------------


@_eigen("marts.inzet_per_maand")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def eigen_uren(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """The party's hours per month and gremium."""
    return _query(
        """
        select maand, gremium, uren
        from marts.inzet_per_maand
        where jaar = $jaar and deelnemer_code = $deelnemer
        order by maand, gremium
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@_eigen("marts.presentie")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def eigen_presentie(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """The party's attendance per meeting it was expected at or attended."""
    return _query(
        """
        select datum, gremium, project, verwacht, status, vertegenwoordigd_door_code
        from marts.presentie
        where jaar = $jaar and deelnemer_code = $deelnemer
        order by datum, gremium
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@_eigen("marts.bijdragen")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def eigen_betalingen(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """The party's invoices and payments of the year."""
    return _query(
        """
        select soort, bedrag, factuurdatum, betaaldatum
        from marts.bijdragen
        where jaar = $jaar and deelnemer_code = $deelnemer
        order by factuurdatum, soort
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@_eigen("marts.afrekening")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def eigen_afrekening(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """The party's settlement row of a closed year (empty when the year is not closed)."""
    return _query(
        """
        select uren_geleverd, urennorm, uren_tekort, vervangende_bijdrage_verschuldigd,
               vervangende_bijdrage_betaald, saldo
        from marts.afrekening
        where jaar = $jaar and deelnemer_code = $deelnemer
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@_eigen("marts.indicatoren")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def eigen_indicatoren(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """The party's indicator values of the year (what a review is about)."""
    return _query(
        """
        select i.indicator_id, k.naam, k.eenheid, i.waarde, i.norm, i.status
        from marts.indicatoren as i
        left join marts.evaluatiekader as k using (indicator_id)
        where i.jaar = $jaar and i.deelnemer_code = $deelnemer
        order by i.indicator_id
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def partijen(version: Version) -> pl.DataFrame:
    """The parties (code, naam), by name (no detail)."""
    return _query("select code, naam from marts.organisaties where partij order by naam")
