"""The dashboard's one data-access module: every query a page needs, and nothing else.

- Reads only the published warehouse (``warehouse_path()``, data contract "Published warehouse"),
  through short-lived read-only DuckDB connections that are always closed, so a build can swap
  the file at any moment.
- One function per question a page asks, returning a polars DataFrame. Pages hold no SQL.
- Every query function is cached with ``st.cache_data`` and takes the warehouse version (see
  ``warehouse_version``) as its first argument: a new publish changes the version, so the next
  run misses the cache and reads the new file without a restart.
- Per-party detail (``access.DETAIL``) is refused here as well as on the pages: a function that
  reads such a table is decorated with ``_detail(<table>)``, which checks the session's role on
  every call (outside the cache), whatever the page passes; the Herkomst drill-down checks the
  mart its catalogue row names. tests/dashboard/test_detail_access.py reads this file to make
  sure no function reads a detail table unguarded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb
import polars as pl
import streamlit as st

from core import vocabulary
from core.paths import docs_path, warehouse_path
from dashboard import access

# (st_mtime_ns, st_size, st_ino, rol): the published file's identity plus the user's role. A
# build publishes by atomic rename, so every publish gives a new inode (and usually a new mtime
# and size); the role is part of the key so cached results are never shared across roles.
Version = tuple[int, int, int, str]

F = TypeVar("F", bound=Callable[..., Any])

# The version already keys the cache; the TTL only bounds memory and the short window in which
# a publish lands between reading the version and opening the file.
_TTL_SECONDS = 600


def _identifiers(words: tuple[str, ...]) -> tuple[str, ...]:
    """Seed words that become column names in SQL: plain identifiers only."""
    assert all(w.isidentifier() and w.isascii() for w in words), words
    return words


def _afgesloten() -> list[str]:
    """The agenda statuses of a finished item (seed_agenda_statussen.afgesloten)."""
    return [t.code for t in vocabulary.AGENDA_STATUSSEN.terms if t.afgesloten]


def warehouse_exists() -> bool:
    return warehouse_path().is_file()


def warehouse_version() -> Version:
    stat = warehouse_path().stat()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, access.huidige_rol() or "")


def _detail(*tabellen: str) -> Callable[[F], F]:
    """Refuse the call (access.GeenToegang) unless the session's role may read the per-party
    detail in ``tabellen``. Wraps the cached function, so a cache hit is checked too."""

    def decorator(functie: F) -> F:
        @functools.wraps(functie)
        def bewaakt(*args: Any, **kwargs: Any) -> Any:
            for tabel in tabellen:
                access.vereis_detail(tabel)
            return functie(*args, **kwargs)

        return bewaakt  # type: ignore[return-value]

    return decorator


def _query(sql: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    con = duckdb.connect(str(warehouse_path()), read_only=True)
    try:
        # In DuckDB 2.0 a reading `con.sql` is lazy: materialise it before the connection closes.
        frame = con.sql(sql, params=params).pl()
    finally:
        con.close()
    # Hours and amounts are exact DECIMALs in the warehouse (evaluatiekader v2 decision 9); the
    # pages only show them (rounded) and chart them, so they get floats.
    return frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64))


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
        select indicator_id, jaar, deelnemer_code, waarde, norm, norm_peildatum, status
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
def eerste_normjaar(version: Version) -> int | None:
    """The first year in which the norms hold (marts.normen; 2024 by default: evaluatiekader v2
    decision 4), or None when no norm holds in any reporting year."""
    return _query("select min(jaar) as jaar from marts.normen where norm is not null")["jaar"][0]


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


@_detail("audit.ladingen")
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


@_detail("audit.quarantaine")
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
def niet_demo_leveringen(version: Version, demo: frozenset[str]) -> int:
    """How many published loads are not demo files (sha256 not in ``demo``): the demo mode's
    check, before any role exists, so it returns a count and nothing of the loads."""
    return _query(
        "select count(*) as n from audit.ladingen where not list_contains($demo, sha256)",
        {"demo": sorted(demo)},
    )["n"][0]


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

# Below the norm = status oranje or rood of bijdrage_vervulling (the catalogue's judgement; NULL
# = no norm, e.g. a represented party, counts as not behind). A run of such years is found with
# "gaps and islands": consecutive years share ``jaar - row_number()``; a year that meets the norm
# or has no row breaks the run.
_ACHTERSTAND = """
    vervulling as (
        select deelnemer_code, jaar, status
        from marts.indicatoren
        where indicator_id = 'bijdrage_vervulling' and deelnemer_code is not null
    ),
    reeksen as (
        select
            deelnemer_code,
            jaar,
            jaar - row_number() over (partition by deelnemer_code order by jaar) as reeks
        from vervulling
        where status in ('oranje', 'rood') and jaar <= $jaar
    ),
    achterstand as (
        select deelnemer_code, min(jaar) as achterstand_sinds, count(*) as jaren_onder_norm
        from reeksen
        group by deelnemer_code, reeks
        having max(jaar) = $jaar
    )
"""


@_detail("marts.bijdragen_per_deelnemer")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def bijdragen(version: Version, jaar: int) -> pl.DataFrame:
    """Every party's contribution in one year (marts.bijdragen_per_deelnemer), ranked with the
    lowest fulfilment first (``positie``), with the status of ``bijdrage_vervulling`` and
    ``vaste_bijdrage_betaald`` and ``achterstand_sinds``: the first year of the unbroken run of
    years up to ``jaar`` in which the party was below its norm (NULL when it meets it in
    ``jaar``), ``jaren_onder_norm`` the length of that run."""
    return _query(
        f"""
        with {_ACHTERSTAND},
        vaste as (
            select deelnemer_code, status
            from marts.indicatoren
            where indicator_id = 'vaste_bijdrage_betaald' and jaar = $jaar
        )
        select
            cast(row_number() over (
                order by b.vervulling_pct asc nulls last, o.naam
            ) as integer) as positie,
            b.deelnemer_code,
            o.naam,
            v.status,
            b.vervulling_pct,
            b.uren_totaal,
            b.urennorm,
            b.urennorm_peildatum,
            b.uren_kerngroep,
            b.urennorm_kerngroep,
            b.urennorm_kerngroep_peildatum,
            b.uren_twentebreed,
            b.urennorm_twentebreed,
            b.urennorm_twentebreed_peildatum,
            b.uren_projectgroep,
            b.urennorm_projectgroep,
            b.urennorm_projectgroep_peildatum,
            b.uren_pho,
            b.uren_overig,
            cast(b.vertegenwoordigingsfactor as integer) as vertegenwoordigingsfactor,
            b.vervangende_bijdrage,
            b.urenmaatstaf,
            b.bedragmaatstaf as bedrag_per_partij,
            b.vaste_bijdrage_gefactureerd,
            b.vaste_bijdrage_betaald,
            vaste.status as vaste_bijdrage_status,
            b.variabele_bijdrage,
            cast(a.achterstand_sinds as integer) as achterstand_sinds,
            cast(a.jaren_onder_norm as integer) as jaren_onder_norm
        from marts.bijdragen_per_deelnemer as b
        inner join marts.organisaties as o on o.code = b.deelnemer_code
        left join vervulling as v on v.deelnemer_code = b.deelnemer_code and v.jaar = b.jaar
        left join vaste on vaste.deelnemer_code = b.deelnemer_code
        left join achterstand as a on a.deelnemer_code = b.deelnemer_code
        where b.jaar = $jaar
        order by positie
        """,
        {"jaar": int(jaar)},
    )


@_detail("marts.bijdragen_per_deelnemer")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def bijdragen_reeks(version: Version) -> pl.DataFrame:
    """Every party's hours and fulfilment over all years, with the status, by name and year."""
    return _query(
        """
        select
            b.jaar,
            b.deelnemer_code,
            o.naam,
            b.uren_totaal,
            b.urennorm,
            b.urennorm_peildatum,
            b.vervangende_bijdrage,
            b.vervulling_pct,
            i.norm as vervulling_norm,
            i.status
        from marts.bijdragen_per_deelnemer as b
        inner join marts.organisaties as o on o.code = b.deelnemer_code
        left join marts.indicatoren as i
            on i.indicator_id = 'bijdrage_vervulling'
            and i.deelnemer_code = b.deelnemer_code
            and i.jaar = b.jaar
        order by o.naam, b.jaar
        """
    )


@_detail("marts.inzet_per_maand")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def inzet_per_maand(version: Version, jaar: int, deelnemer: str) -> pl.DataFrame:
    """One participant's hours per month and gremium in one year (marts.inzet_per_maand)."""
    return _query(
        """
        select maand, gremium, uren, aantal_registraties
        from marts.inzet_per_maand
        where jaar = $jaar and deelnemer_code = $deelnemer
        order by maand, gremium
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def vergaderingen_per_gremium(version: Version) -> pl.DataFrame:
    """Number of meetings per year and gremium (marts.vergaderingen), with the full-year norm
    and status of the ``<gremium>_vergaderingen`` indicator where the catalogue has one. Every
    year with indicators gets a row for every gremium, also without meetings."""
    return _query(
        """
        with jaren as (select distinct jaar from marts.indicatoren),
        gremia as (
            select gremium from marts.vergaderingen
            union
            select replace(indicator_id, '_vergaderingen', '')
            from marts.indicatoren
            where indicator_id like '%\\_vergaderingen' escape '\\'
        ),
        aantallen as (
            select jaar, gremium, count(*) as aantal, sum(aantal_aanwezig) as aanwezigen
            from marts.vergaderingen
            group by jaar, gremium
        )
        select
            jaren.jaar,
            gremia.gremium,
            cast(coalesce(aantallen.aantal, 0) as integer) as aantal,
            cast(coalesce(aantallen.aanwezigen, 0) as integer) as aanwezigen,
            i.norm,
            i.norm_peildatum,
            i.status
        from jaren
        cross join gremia
        left join aantallen on aantallen.jaar = jaren.jaar and aantallen.gremium = gremia.gremium
        left join marts.indicatoren as i
            on i.indicator_id = gremia.gremium || '_vergaderingen'
            and i.jaar = jaren.jaar
            and i.deelnemer_code is null
        order by jaren.jaar, coalesce(list_position($volgorde, gremia.gremium), 99), gremia.gremium
        """,
        {"volgorde": list(vocabulary.GREMIA.ordered())},
    )


@_detail("marts.presentie")
@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def presentie(version: Version, jaar: int, gremium: str) -> pl.DataFrame:
    """The attendance rows of one gremium and year (marts.presentie): one per meeting and
    participant expected or registered, with names, by date."""
    return _query(
        """
        select
            p.vergadering_id,
            p.datum,
            p.project,
            p.deelnemer_code,
            coalesce(o.naam, p.deelnemer_code) as naam,
            p.verwacht,
            p.status,
            p.vertegenwoordigd_door_code,
            d.naam as vertegenwoordigd_door
        from marts.presentie as p
        left join marts.organisaties as o on o.code = p.deelnemer_code
        left join marts.organisaties as d on d.code = p.vertegenwoordigd_door_code
        where p.jaar = $jaar and p.gremium = $gremium
        order by p.datum, p.project nulls first, naam
        """,
        {"jaar": int(jaar), "gremium": gremium},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def presentie_per_deelnemer(version: Version, jaar: int) -> pl.DataFrame:
    """Attendance % and status per participant for PHO, kerngroep and Twentebreed (indicators
    ``*_presentie``); the region (``deelnemer_code`` NULL, the mean) first, then by name."""
    # one value and one status column per gremium with an attendance indicator (<gremium>
    # and <gremium>_status); the names come from the seeds, never from the user
    kolommen = ",\n".join(
        f"max(i.waarde) filter (where i.indicator_id = '{g}_presentie') as {g},\n"
        f"max(i.status) filter (where i.indicator_id = '{g}_presentie') as {g}_status"
        for g in _identifiers(vocabulary.GREMIA_MET_PRESENTIE)
    )
    return _query(
        f"""
        select i.deelnemer_code, o.naam, {kolommen}
        from marts.indicatoren as i
        left join marts.organisaties as o on o.code = i.deelnemer_code
        where i.jaar = $jaar and list_contains($indicatoren, i.indicator_id)
        group by i.deelnemer_code, o.naam
        order by i.deelnemer_code is not null, o.naam
        """,
        {"jaar": int(jaar),
         "indicatoren": [f"{g}_presentie" for g in vocabulary.GREMIA_MET_PRESENTIE]},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def vergelijking(version: Version, jaar: int, indicator_id: str) -> pl.DataFrame:
    """One per-participant indicator for every participant in one year, lowest value first."""
    return _query(
        """
        select i.deelnemer_code, o.naam, i.waarde, i.norm, i.norm_peildatum, i.status
        from marts.indicatoren as i
        inner join marts.organisaties as o on o.code = i.deelnemer_code
        where i.jaar = $jaar and i.indicator_id = $indicator
        order by i.waarde asc nulls first, o.naam
        """,
        {"jaar": int(jaar), "indicator": indicator_id},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def agenda_stand(version: Version, jaar: int) -> pl.DataFrame:
    """Agenda items (latest version) per status: all items, those with their deadline in
    ``jaar`` and those overdue at peildatum (marts.agenda.achterstallig)."""
    return _query(
        """
        with statussen as (
            select unnest($statussen) as status, unnest(range(1, len($statussen) + 1)) as volgorde
            union
            select distinct status, 99 from marts.agenda where not list_contains($statussen, status)
        )
        select
            s.status,
            cast(count(a.agenda_id) as integer) as aantal,
            cast(count(a.agenda_id) filter (where a.deadline_jaar = $jaar) as integer)
                as deadline_in_jaar,
            cast(count(a.agenda_id) filter (where a.achterstallig) as integer) as achterstallig
        from statussen as s
        left join marts.agenda as a on a.status = s.status
        group by s.status, s.volgorde
        order by s.volgorde, s.status
        """,
        {"jaar": int(jaar), "statussen": list(vocabulary.AGENDA_STATUSSEN.ordered())},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def agenda_deadlines(version: Version, aantal: int = 5) -> pl.DataFrame:
    """The next ``aantal`` deadlines on or after peildatum of items still open."""
    return _query(
        """
        select a.agenda_id, a.type, a.pijler, a.titel, o.naam as trekker, a.deadline, a.status,
               a.voortgang
        from marts.agenda as a
        left join marts.organisaties as o on o.code = a.trekker_code
        where a.deadline >= (select peildatum from audit.publicatie limit 1)
            and not list_contains($afgesloten, a.status)
        order by a.deadline, a.agenda_id
        limit $aantal
        """,
        {"aantal": int(aantal), "afgesloten": _afgesloten()},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_realisatie(version: Version, jaar: int, deelnemer: str | None) -> pl.DataFrame:
    """ODT hours and products planned and realised in one year (marts.odt_productie) for the
    region (``deelnemer_code`` NULL, first) and one participant, with the realisation
    indicators (value and status)."""
    return _query(
        """
        with sommen as (
            select
                null::varchar as deelnemer_code,
                sum(uren_gepland) as uren_gepland,
                sum(uren_gerealiseerd) as uren_gerealiseerd,
                cast(sum(aantal_gepland) as double) as aantal_gepland,
                cast(sum(aantal_gerealiseerd) as double) as aantal_gerealiseerd
            from marts.odt_productie
            where jaar = $jaar
            union all
            select
                deelnemer_code,
                sum(uren_gepland),
                sum(uren_gerealiseerd),
                cast(sum(aantal_gepland) as double),
                cast(sum(aantal_gerealiseerd) as double)
            from marts.odt_productie
            where jaar = $jaar and deelnemer_code = $deelnemer
            group by deelnemer_code
        ),
        ind as (
            select
                deelnemer_code,
                max(waarde) filter (where indicator_id = 'odt_uren_realisatie') as uren_pct,
                max(status) filter (where indicator_id = 'odt_uren_realisatie') as uren_status,
                max(waarde) filter (where indicator_id = 'odt_producten_realisatie')
                    as producten_pct,
                max(status) filter (where indicator_id = 'odt_producten_realisatie')
                    as producten_status
            from marts.indicatoren
            where jaar = $jaar
                and indicator_id in ('odt_uren_realisatie', 'odt_producten_realisatie')
                and (deelnemer_code is null or deelnemer_code = $deelnemer)
            group by deelnemer_code
        )
        select
            s.deelnemer_code,
            coalesce(o.naam, 'Regio') as naam,
            round(s.uren_gepland, 4) as uren_gepland,
            round(s.uren_gerealiseerd, 4) as uren_gerealiseerd,
            ind.uren_pct,
            ind.uren_status,
            s.aantal_gepland,
            s.aantal_gerealiseerd,
            ind.producten_pct,
            ind.producten_status
        from sommen as s
        left join ind on ind.deelnemer_code is not distinct from s.deelnemer_code
        left join marts.organisaties as o on o.code = s.deelnemer_code
        where s.uren_gepland is not null or s.aantal_gepland is not null
            or ind.uren_pct is not null
        order by s.deelnemer_code nulls first
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer},
    )


# (end of section: bijdragen)


# --- ODT-uitvoering, Agenda, Indicatoren ------------------------------------------------------
# Region rows carry deelnemer_code NULL; pages label them. Sums and shares per taakveld, product
# or month are read-side aggregations of marts.odt_productie; the participant and region
# realisation % and its status come from marts.indicatoren (odt_uren_/odt_producten_realisatie).
_ODT_SOMMEN = """
    sum(uren_gepland) as uren_gepland,
    sum(uren_gerealiseerd) as uren_gerealiseerd,
    100 * sum(uren_gerealiseerd) / nullif(sum(uren_gepland), 0) as uren_realisatie,
    cast(sum(aantal_gepland) as bigint) as aantal_gepland,
    cast(sum(aantal_gerealiseerd) as bigint) as aantal_gerealiseerd,
    100 * sum(aantal_gerealiseerd) / nullif(sum(aantal_gepland), 0) as aantal_realisatie
"""

# per -> group-by columns of odt_realisatie_per (a fixed list: nothing from the user in SQL).
ODT_UITSPLITSING = {"taakveld": ("taakveld",), "product": ("taakveld", "product")}


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_realisatie_deelnemers(version: Version, jaar: int) -> pl.DataFrame:
    """ODT plan and realisation of one year per participant, plus the region (first row,
    ``deelnemer_code`` NULL): hours and products planned/realised, and the realisation %
    with its status from marts.indicatoren."""
    return _query(
        f"""
        with sommen as (
            select deelnemer_code, {_ODT_SOMMEN}
            from marts.odt_productie
            where jaar = $jaar
            group by grouping sets ((deelnemer_code), ())
        ),
        waarden as (
            select indicator_id, deelnemer_code, waarde, status
            from marts.indicatoren
            where jaar = $jaar
              and indicator_id in ('odt_uren_realisatie', 'odt_producten_realisatie')
        )
        select
            sommen.deelnemer_code,
            organisaties.naam,
            sommen.uren_gepland,
            sommen.uren_gerealiseerd,
            uren.waarde as uren_realisatie,
            uren.status as uren_status,
            sommen.aantal_gepland,
            sommen.aantal_gerealiseerd,
            producten.waarde as producten_realisatie,
            producten.status as producten_status
        from sommen
        left join marts.organisaties as organisaties on organisaties.code = sommen.deelnemer_code
        left join waarden as uren
            on uren.indicator_id = 'odt_uren_realisatie'
           and uren.deelnemer_code is not distinct from sommen.deelnemer_code
        left join waarden as producten
            on producten.indicator_id = 'odt_producten_realisatie'
           and producten.deelnemer_code is not distinct from sommen.deelnemer_code
        order by sommen.deelnemer_code is not null, organisaties.naam
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_realisatie_per(
    version: Version, jaar: int, deelnemer_code: str | None, per: str
) -> pl.DataFrame:
    """ODT plan and realisation of one year per taakveld (``per="taakveld"``) or per taakveld
    and product (``per="product"``), for one participant or, with ``deelnemer_code`` None, the
    region."""
    groep = ", ".join(ODT_UITSPLITSING[per])
    return _query(
        f"""
        select {groep}, {_ODT_SOMMEN}
        from marts.odt_productie
        where jaar = $jaar and ($deelnemer is null or deelnemer_code = $deelnemer)
        group by {groep}
        order by {groep}
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer_code},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_realisatie_per_maand(
    version: Version, jaar: int, deelnemer_code: str | None
) -> pl.DataFrame:
    """ODT plan and realisation per month (1..12) of one year, for one participant or the
    region (``deelnemer_code`` None). Months after peildatum are not in the mart."""
    return _query(
        f"""
        select maand, {_ODT_SOMMEN}
        from marts.odt_productie
        where jaar = $jaar and ($deelnemer is null or deelnemer_code = $deelnemer)
        group by maand
        order by maand
        """,
        {"jaar": int(jaar), "deelnemer": deelnemer_code},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_naleving(version: Version, jaar: int) -> pl.DataFrame:
    """ODT compliance indicators of one year (marts.indicatoren): handhavingsratio,
    overtredingen %, strafrechtelijke zaken and klachten, per participant and the region
    (first row, ``deelnemer_code`` NULL)."""
    return _query(
        """
        select
            indicatoren.deelnemer_code,
            organisaties.naam,
            max(waarde) filter (where indicator_id = 'odt_handhavingsratio') as handhavingsratio,
            max(waarde) filter (where indicator_id = 'odt_overtredingen_pct')
                as overtredingen_pct,
            max(waarde) filter (where indicator_id = 'odt_strafrechtelijk') as strafrechtelijk,
            max(waarde) filter (where indicator_id = 'odt_klachten') as klachten
        from marts.indicatoren as indicatoren
        left join marts.organisaties as organisaties
            on organisaties.code = indicatoren.deelnemer_code
        where jaar = $jaar
          and indicator_id in (
              'odt_handhavingsratio', 'odt_overtredingen_pct', 'odt_strafrechtelijk',
              'odt_klachten'
          )
        group by indicatoren.deelnemer_code, organisaties.naam
        order by indicatoren.deelnemer_code is not null, organisaties.naam
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def odt_klachten(version: Version, jaar: int) -> pl.DataFrame:
    """Complaints of one year by participant and nature (marts.odt_klachten), with totals:
    ``regio`` marks the region rows (all participants), ``klacht_aard`` NULL a total over
    natures."""
    return _query(
        """
        select
            grouping(deelnemer_code) = 1 as regio,
            deelnemer_code,
            organisaties.naam,
            klacht_aard,
            cast(sum(aantal_klachten) as bigint) as aantal_klachten,
            cast(sum(aantal_open) as bigint) as aantal_open
        from marts.odt_klachten as klachten
        left join marts.organisaties as organisaties on organisaties.code = klachten.deelnemer_code
        where jaar = $jaar
        group by grouping sets (
            (deelnemer_code, organisaties.naam, klacht_aard),
            (deelnemer_code, organisaties.naam),
            (klacht_aard),
            ()
        )
        order by regio desc, organisaties.naam, klacht_aard nulls last
        """,
        {"jaar": int(jaar)},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def agenda(version: Version) -> pl.DataFrame:
    """Every samenwerkingsagenda item (latest version, marts.agenda) with its lateness flags
    against peildatum and the trekker's name, by pijler and deadline."""
    return _query(
        """
        select
            agenda_id, type, pijler, titel, trekker_code, organisaties.naam as trekker,
            startdatum, deadline, status, afgerond_op, voortgang, deadline_jaar,
            op_tijd_afgerond, te_laat_afgerond, achterstallig, dagen_na_deadline
        from marts.agenda as agenda
        left join marts.organisaties as organisaties on organisaties.code = agenda.trekker_code
        order by pijler, deadline nulls last, agenda_id
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def agenda_per_pijler(version: Version) -> pl.DataFrame:
    """Agenda items counted per pijler (``pijler`` NULL = all pillars): in total, per status,
    overdue (achterstallig) and finished late."""
    per_status = ", ".join(
        f"count(*) filter (where status = '{s}') as {s}"
        for s in _identifiers(vocabulary.AGENDA_STATUSSEN.ordered())
    )
    return _query(
        f"""
        select
            pijler,
            count(*) as aantal,
            {per_status},
            count(*) filter (where achterstallig) as achterstallig,
            count(*) filter (where te_laat_afgerond) as te_laat_afgerond
        from marts.agenda
        group by grouping sets ((pijler), ())
        order by pijler nulls last
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def agenda_historie(version: Version, agenda_id: str) -> pl.DataFrame:
    """The status history of one agenda item: every loaded version, oldest first."""
    return _query(
        """
        select geladen_op, status, voortgang, deadline, afgerond_op, lading_id, bron, rij
        from marts.agenda_historie
        where agenda_id = $agenda_id
        order by geladen_op, lading_id, rij
        """,
        {"agenda_id": agenda_id},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def catalogus_herkomst(version: Version) -> pl.DataFrame:
    """The indicator catalogue with the marts its values are computed from (``herkomst_mart``,
    from marts.herkomst), in the catalogue's own order."""
    return _query(
        """
        with bronnen as (
            select indicator_id, string_agg(distinct 'marts.' || bron_mart, ', ') as herkomst_mart
            from marts.herkomst
            group by indicator_id
        )
        select kader.indicator_id, naam, definitie, eenheid, niveau, norm_sleutel, pro_rata,
               status_regel, grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief,
               bron_document, bron_clausule, bronnen.herkomst_mart
        from marts.evaluatiekader as kader
        left join bronnen on bronnen.indicator_id = kader.indicator_id
        order by kader.volgorde
        """
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def indicator_reeks(version: Version, indicator_id: str) -> pl.DataFrame:
    """One indicator's full time series: every year, the region (``deelnemer_code`` NULL,
    first) and every participant, with norm and status."""
    return _query(
        """
        select jaar, deelnemer_code, organisaties.naam, waarde, norm, norm_peildatum, status
        from marts.indicatoren as indicatoren
        left join marts.organisaties as organisaties
            on organisaties.code = indicatoren.deelnemer_code
        where indicator_id = $indicator_id
        order by deelnemer_code is not null, organisaties.naam, jaar
        """,
        {"indicator_id": indicator_id},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def voor_na(version: Version, indicator_id: str | None = None) -> pl.DataFrame:
    """The before/after comparison (marts.indicatoren_voor_na) for one indicator, or for all
    with ``indicator_id`` None; region rows first, then participants by name."""
    return _query(
        """
        select
            voor_na.indicator_id, kader.naam as indicator, kader.eenheid,
            voor_na.deelnemer_code, organisaties.naam, vergelijking, grensdatum,
            waarde_voor, waarde_na, verschil, jaren_voor, jaren_na,
            eerste_jaar_voor, laatste_jaar_voor, eerste_jaar_na, laatste_jaar_na
        from marts.indicatoren_voor_na as voor_na
        inner join marts.evaluatiekader as kader using (indicator_id)
        left join marts.organisaties as organisaties
            on organisaties.code = voor_na.deelnemer_code
        where $indicator_id is null or voor_na.indicator_id = $indicator_id
        order by kader.volgorde, voor_na.deelnemer_code is not null, organisaties.naam,
                 grensdatum
        """,
        {"indicator_id": indicator_id},
    )


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def rapportage_waarden(version: Version, jaar: int) -> pl.DataFrame:
    """Every indicator value of one year with the catalogue's name and unit, in catalogue
    order, the region first: the value sheet of the evaluator's report."""
    return _query(
        """
        select
            kader.naam as indicator, indicatoren.indicator_id, indicatoren.jaar,
            indicatoren.deelnemer_code, organisaties.naam, kader.eenheid,
            indicatoren.waarde, indicatoren.norm, indicatoren.norm_peildatum, indicatoren.status
        from marts.indicatoren as indicatoren
        inner join marts.evaluatiekader as kader using (indicator_id)
        left join marts.organisaties as organisaties
            on organisaties.code = indicatoren.deelnemer_code
        where indicatoren.jaar = $jaar
        order by kader.volgorde, indicatoren.deelnemer_code is not null, organisaties.naam
        """,
        {"jaar": int(jaar)},
    )


HERKOMST_MAX_RIJEN = 10_000


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def herkomst_query(
    version: Version, indicator_id: str, jaar: int, deelnemer_code: str | None = None
) -> pl.DataFrame:
    """Where one indicator value comes from (marts.herkomst, data contract v2): ``bron_mart``,
    ``filter_sql`` and ``aggregatie_sql``; ``select round(<aggregatie_sql>, 2) from
    marts.<bron_mart> where <filter_sql>`` recomputes the value. No row for an unknown key.
    (The query text, not the rows: every role may read it.)"""
    return _query(
        """
        select bron_mart, filter_sql, aggregatie_sql
        from marts.herkomst
        where indicator_id = $indicator_id and jaar = $jaar
          and deelnemer_code is not distinct from $deelnemer
        """,
        {"indicator_id": indicator_id, "jaar": int(jaar), "deelnemer": deelnemer_code},
    )


def herkomst(
    version: Version, indicator_id: str, jaar: int, deelnemer_code: str | None = None
) -> pl.DataFrame:
    """The mart rows behind one indicator value (marts.herkomst): the region's value with
    ``deelnemer_code`` None, else one participant's. At most ``HERKOMST_MAX_RIJEN`` + 1 rows,
    so a caller can tell that there are more. Raises access.GeenToegang when that mart is
    per-party detail the session's role may not read (the mart checked is the one the rows
    were read from)."""
    mart, rijen = _herkomst(version, indicator_id, jaar, deelnemer_code)
    access.vereis_detail(mart)
    return rijen


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def _herkomst(
    version: Version, indicator_id: str, jaar: int, deelnemer_code: str | None
) -> tuple[str, pl.DataFrame]:
    """(mart, rows) for ``herkomst``.

    The filter is the warehouse's own (written by the build from the project's indicator
    definitions, never from user input); the mart name is checked to be a plain identifier."""
    bron = herkomst_query(version, indicator_id, jaar, deelnemer_code)
    if bron.height != 1:
        raise ValueError(f"geen herkomst voor {indicator_id} {jaar} {deelnemer_code or 'regio'}")
    tabel, filter_sql, _ = bron.row(0)
    if not (tabel.isidentifier() and tabel.isascii()):
        raise ValueError(f"ongeldige herkomst-mart: {tabel!r}")
    mart = f"marts.{tabel}"
    return mart, _query(f"select * from {mart} where ({filter_sql}) limit {HERKOMST_MAX_RIJEN + 1}")


# (end of section: odt)


# --- Gegevens (upload), Query, Logboek --------------------------------------------------------


@st.cache_data(ttl=_TTL_SECONDS, show_spinner=False)
def tabellen(version: Version) -> pl.DataFrame:
    """Every table of the published warehouse with its columns, for the query page's help:
    ``schema``, ``tabel``, ``kolom``, ``type``, ``omschrijving`` (the dbt description, when the
    build persisted it), in schema, table and column order."""
    return _query(
        """
        select c.table_schema as schema, c.table_name as tabel, c.column_name as kolom,
               c.data_type as type, d.comment as omschrijving
        from information_schema.columns c
        left join duckdb_columns() d
            on d.schema_name = c.table_schema and d.table_name = c.table_name
           and d.column_name = c.column_name and d.database_name = c.table_catalog
        where c.table_catalog = current_database()
          and c.table_schema not in ('information_schema', 'pg_catalog')
        order by case c.table_schema when 'marts' then 0 when 'audit' then 1 else 2 end,
                 c.table_schema, c.table_name, c.ordinal_position
        """
    )


# (end of section: beheer)
