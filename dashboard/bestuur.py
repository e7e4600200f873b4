"""The PHO's first screen (issue 15, item 3): the summary sentences, tiles with the own value, the
region's and last year's with a trend arrow, and the board report as PDF.

Nothing here computes a figure or words a sentence: the figures are the board report's
(``report.gegevens.laad``), the rows its traffic-light table (``report.stoplicht``) and the
sentences its summary rules (``report.samenvatting``). So the screen and the PDF say the same,
and a running year's trend compares with last year up to the same day on both.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core import fmt
from dashboard import access, data, logboek
from dashboard.toelichtingen import platte_tekst
from report import samenvatting, stoplicht
from report.bron import BronFout, open_bron
from report.gegevens import Cijfers, GegevensFout, laad

# Counts of parties are shown as "2 van 15", not as a percentage of an unnamed whole (issue 15:
# "Partijen die hun bijdrage leveren 6,7 %" meant 1 of 15).
TELLING_PARTIJEN = {"bijdrage_norm_gehaald", "kerngroep_leden"}

# Theme (stoplicht.thema) -> the detail page a tile opens, when the role may open it.
DETAILPAGINA = {
    "Bestuur en overleg": ("vergaderingen", "vergaderingen.py"),
    "Bijdragen": ("bijdragen", "bijdragen.py"),
    "Uitvoering door ODT": ("odt", "odt.py"),
    "Samenwerkingsagenda": ("agenda", "agenda.py"),
}
STANDAARD_DETAIL = ("indicatoren", "indicatoren.py")


@dataclass(frozen=True)
class Scherm:
    """The figures behind the first screen."""

    cijfers: Cijfers
    rijen: list[stoplicht.Rij]
    melding: str | None  # why the screen shows the region instead of the chosen participant


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _laad(versie: data.Version, jaar: int, deelnemer: str | None) -> Cijfers:
    # ``versie`` keys the cache: a new publication is read anew.
    with open_bron() as (con, publicatie):
        return laad(con, publicatie, jaar, deelnemer)


def scherm(versie: data.Version, jaar: int, deelnemer: str | None) -> Scherm | None:
    """The report's figures for ``jaar`` and ``deelnemer``; the region's when that participant
    has no own figures that year (with a message saying so). None when there is nothing."""
    melding = None
    try:
        cijfers = _laad(versie, jaar, deelnemer)
    except GegevensFout as exc:
        if deelnemer is None:
            st.info(str(exc))
            return None
        melding = f"{exc} Getoond wordt de regio."
        try:
            cijfers = _laad(versie, jaar, None)
        except GegevensFout as exc2:
            st.info(str(exc2))
            return None
    except BronFout as exc:
        st.info(str(exc))
        return None
    return Scherm(cijfers, stoplicht.rijen(cijfers), melding)


def zinnen(s: Scherm) -> list[str]:
    """The summary sentences, exactly as on the report's summary page."""
    return samenvatting.samenvatting(s.cijfers, s.rijen)


def toon_samenvatting(s: Scherm) -> None:
    if s.melding:
        st.info(s.melding, icon=":material/info:")
    st.subheader("Samenvatting")
    # A list of sentences as one Markdown block: a screen reader reads it as a list.
    st.markdown("\n".join(f"- {platte_tekst(z)}" for z in zinnen(s)))


def vorig_label(c: Cijfers) -> str:
    """What "last year" is: the whole year, or in the running year up to the same day."""
    if c.lopend_jaar:
        return f"{c.jaar - 1} t/m {fmt.date(c.vergelijkingsdag)[:5]}"
    return str(c.jaar - 1)


def _waarde(r: stoplicht.Rij, x: float | None) -> str:
    return fmt.waarde(x, r.indicator.eenheid)


def tegel(s: Scherm, r: stoplicht.Rij) -> dict[str, str]:
    """The texts of one tile: status, name, the value it is judged on, region, last year with
    the trend, and the norm. Pure (no Streamlit), so the tests read the strings."""
    c = s.cijfers
    eigen_naam = c.deelnemer_naam
    iid = r.indicator.id
    if iid == "bijdrage_norm_gehaald":
        gehaald, totaal = samenvatting.bijdrage_telling(c)
        hoofd = f"{gehaald} van {totaal} partijen" if totaal else fmt.EMPTY
    elif iid in TELLING_PARTIJEN and r.basis and r.basis.waarde is not None:
        hoofd = f"{fmt.aantal(r.basis.waarde)} van {len(c.partijen)} partijen"
    else:
        hoofd = _waarde(r, r.basis.waarde if r.basis else None)
    if r.basis_is_regio:
        wie = "regio"
        regio = ""
    else:
        wie = eigen_naam or "regio"
        label = "gem. partijen" if r.regio_is_gemiddelde else "regio"
        regio = f"{label}: {_waarde(r, r.regio)}"
    vorig = f"{vorig_label(c)}: {_waarde(r, r.vorig)}"
    if r.vorig_heel_jaar:
        vorig = f"{c.jaar - 1} (heel jaar): {_waarde(r, r.vorig)}"
    if r.trend:
        vorig += f" {r.trend.pijl} {r.trend.woord}"
    basis = r.basis
    geen_voor = c.eerste_normjaar if c.eerste_normjaar and c.jaar < c.eerste_normjaar else None
    norm = (fmt.norm(basis.norm, basis.norm_peildatum, r.indicator.eenheid, geen_voor)
            if basis else "geen norm")
    status = fmt.status(r.status)
    if r.status and c.lopend_jaar:
        status += f" · {fmt.op_koers(c.peildatum)}"  # the running year: on track, not met
    return {
        "status": status,
        "naam": r.indicator.naam,
        "wie": wie,
        "waarde": hoofd,
        "regio": regio,
        "vorig": vorig,
        "norm": norm,
    }


def _detail(r: stoplicht.Rij, rol: str | None) -> tuple[str, str]:
    pagina, bestand = DETAILPAGINA.get(stoplicht.thema(r.indicator.id), STANDAARD_DETAIL)
    if not access.mag_pagina(pagina, rol):
        return STANDAARD_DETAIL
    return pagina, bestand


def getoonde_rijen(s: Scherm) -> list[stoplicht.Rij]:
    """The tiles: indicators with a status rule and a value, judged rows first by urgency
    (rood, oranje, groen), then informative ones; in the catalogue's order within each."""
    volgorde = {"rood": 0, "oranje": 1, "groen": 2, None: 3}
    rijen = [r for r in s.rijen if r.basis is not None and r.basis.waarde is not None
             and (r.indicator.status_regel in samenvatting.NORMREGELS
                  or r.indicator.id in TELLING_PARTIJEN)]
    return sorted(rijen, key=lambda r: volgorde.get(r.status, 3))


def toon_tegels(s: Scherm, toelichtingen: dict[str, list[str]] | None = None) -> None:
    """One bordered tile per indicator (wrapping: 3-4 in a row on a desktop, 1 on a phone),
    each with a link to its detail page under the same filters."""
    c = s.cijfers
    rol = access.huidige_rol()
    rijen = getoonde_rijen(s)
    telling = {x: sum(r.status == x for r in rijen) for x in ("rood", "oranje", "groen")}
    st.subheader("Indicatoren in één oogopslag")
    st.markdown(" · ".join(f"**{n}** × {fmt.status(x)}" for x, n in telling.items()))
    parameters = {"jaar": str(c.jaar)}
    if c.deelnemer:
        parameters["deelnemer"] = c.deelnemer
    with st.container(horizontal=True, gap="small"):
        for r in rijen:
            t = tegel(s, r)
            with st.container(border=True, width=250, key=f"tegel_{r.indicator.id}"):
                st.markdown(f"**{platte_tekst(t['status'])}** · {platte_tekst(t['wie'])}")
                st.markdown(f"{platte_tekst(t['naam'])}  \n**{platte_tekst(t['waarde'])}**")
                regels = [x for x in (t["regio"], t["vorig"], t["norm"]) if x]
                st.caption("  \n".join(platte_tekst(x) for x in regels))
                for notitie in (toelichtingen or {}).get(r.indicator.id, []):
                    st.caption(f"Toelichting: {platte_tekst(notitie)}")
                pagina, bestand = _detail(r, rol)
                st.page_link(f"views/{bestand}", label="Details", icon=":material/arrow_forward:",
                             query_params=parameters, help=f"{t['naam']}: details")
    st.caption(
        f"Vorig jaar: {vorig_label(c)}"
        + (" (het lopende jaar vergeleken met vorig jaar tot dezelfde dag)" if c.lopend_jaar
           else "")
        + f". Pijl: de richting; het woord zegt of dat beter is volgens de norm. "
        f"{fmt.status_legend()}"
    )


# --- the board report as PDF -------------------------------------------------------------------


def rapport_pdf(jaar: int, deelnemer: str | None, gebruiker: str, rol: str | None) -> bytes:
    """The board report's bytes, the same function as ``python -m report``, logged as an export.
    Called by the download button when the browser asks for the file (outside a script run:
    who and which role are passed in)."""
    from report.bestuursrapportage import build_report  # typst and vl-convert load here

    pdf = build_report(jaar, deelnemer).pdf
    logboek.write("export", {"tabel": "bestuursrapportage", "formaat": "pdf", "jaar": jaar,
                               "deelnemer": deelnemer or "regio"},
                    gebruiker=gebruiker, rol=rol)
    return pdf


def rapport_knop(s: Scherm, plek=None) -> None:
    """"Bestuursrapportage (PDF)": built only when clicked (typst, about 2 s)."""
    c = s.cijfers
    wie = (st.session_state.get("gebruiker", "demo"), access.huidige_rol())
    jaar, deelnemer = c.jaar, c.deelnemer
    (plek or st).download_button(
        "Bestuursrapportage (PDF)",
        lambda: rapport_pdf(jaar, deelnemer, wie[0], wie[1]),
        file_name=f"bestuursrapportage_{jaar}_{deelnemer or 'regio'}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="bestuursrapportage_pdf",
        help="A4-rapport voor de PHO-vergadering: samenvatting, bespreekpunten, stoplichttabel, "
        "grafieken, achterstallige agenda-items en definities (zelfde bestand als "
        "'python -m report').",
        on_click="ignore",  # a rerun would drop the callable before the browser asks for it
    )
