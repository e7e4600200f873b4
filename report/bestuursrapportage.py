"""The board report (bestuursrapportage, data contract v2 "board report"): an A4 PDF per year and
participant. ``build_report`` reads the figures, makes the sentences, the table and the charts,
and hands one JSON document to ``templates/bestuursrapportage.typ``.

Every number is formatted here, the Dutch way (core/fmt.py): the template only places text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import catalogus, fmt, vocabulary
from report import document, grafiek, samenvatting, stoplicht, toelichting, vergelijking
from report.bron import Publicatie, open_bron
from report.gegevens import Cijfers, Indicator, laad

TEMPLATE = "bestuursrapportage.typ"

EENHEID = {"procent": "procent (0–100)", "uren": "uren", "euro": "euro", "aantal": "aantal"}
NIVEAU = {frozenset({"R"}): "regio", frozenset({"P"}): "per deelnemer",
          frozenset({"P", "R"}): "per deelnemer en regio"}


@dataclass(frozen=True)
class Rapport:
    pdf: bytes
    voet: str  # the footer line: title and version, for the caller's log
    publicatie: Publicatie


def statusregel(i: Indicator) -> str:
    """The catalogue's status rule in words (core/catalogus.py, as the Indicatoren page)."""
    return catalogus.statusregel(i.status_regel, i.grens_basis, i.eenheid, i.grens_groen,
                                 i.grens_oranje, i.grens_oranje_exclusief)


def _tekst(x: str | None) -> str:
    """Delivered or user text for the PDF: only characters the font can print."""
    return document.printbaar(x or "")


def _w(rij: stoplicht.Rij, x: float | None) -> str:
    return fmt.waarde(x, rij.indicator.eenheid)


def _norm(rij: stoplicht.Rij, c: Cijfers) -> str:
    basis = rij.basis
    geen_voor = c.eerste_normjaar if c.eerste_normjaar and c.jaar < c.eerste_normjaar else None
    if basis is None or (basis.norm is None and rij.indicator.status_regel not in
                         samenvatting.NORMREGELS):
        return "geen norm"
    return fmt.norm(basis.norm, basis.norm_peildatum, rij.indicator.eenheid, geen_voor,
                    prefix=False)


def _status_woord(r: stoplicht.Rij) -> str:
    if r.status:
        return r.status
    if r.basis is None or r.basis.waarde is None:
        return "geen waarde"
    if r.basis.norm is not None:
        return "informatief"  # a sub-norm without a status rule (evaluatiekader: informative)
    return "geen norm"


def _toelichtingen(c: Cijfers) -> dict[str, list[str]]:
    """indicator_id -> the texts of the notes that belong to this report's figures, with who
    wrote them and for whom."""
    found: dict[str, list[str]] = {}
    for note in toelichting.list_notes(c.jaar):
        if note.deelnemer_code not in (None, c.deelnemer):
            continue
        wie = c.organisaties.get(note.deelnemer_code, "") if note.deelnemer_code else "regio"
        found.setdefault(note.indicator_id, []).append(
            f"{_tekst(note.tekst)} ({_tekst(note.door)}, {note.tijd[8:10]}-{note.tijd[5:7]}-"
            f"{note.tijd[:4]}; {wie}; nr. {note.nummer})"
        )
    return found


def _tabel(c: Cijfers, rijen: list[stoplicht.Rij], notes: dict[str, list[str]]) -> dict[str, Any]:
    groepen: list[dict[str, Any]] = []
    for r in rijen:
        naam = stoplicht.thema(r.indicator.id)
        if not groepen or groepen[-1]["naam"] != naam:
            groepen.append({"naam": naam, "rijen": []})
        eigen = (_w(r, r.eigen.waarde) if r.eigen else fmt.EMPTY) if c.deelnemer else None
        if c.deelnemer and not r.indicator.per_deelnemer:
            eigen = "regio →"
        regio = _w(r, r.regio)
        if r.regio_is_gemiddelde and r.regio is not None:
            regio = f"gem. {regio}"
        vorig = _w(r, r.vorig)
        if r.vorig_heel_jaar:
            vorig += " *"
        groepen[-1]["rijen"].append({
            "naam": r.indicator.naam,
            "eigen": eigen,
            "regio": regio,
            "vorig": vorig,
            "trend": {"pijl": r.trend.pijl, "woord": r.trend.woord} if r.trend else None,
            # "130 uur; tot peildatum 64,5" on two lines: the table keeps its width
            "norm": _norm(r, c).split("; "),
            "status": r.status,
            "status_woord": _status_woord(r),
            "toelichtingen": notes.get(r.indicator.id, []),
        })
    voetnoten = [
        "Status, norm en trend gelden voor de eigen waarde; bij een regionale indicator "
        "(‘regio →’) voor de regio." if c.deelnemer else
        "Status, norm en trend gelden voor de regionale waarde.",
        "‘gem.’: het gemiddelde van de gepubliceerde waarden van de partijen (het "
        "evaluatiekader kent voor deze indicator geen regionale waarde).",
    ]
    if c.lopend_jaar:
        dag = c.vergelijkingsdag
        voetnoten.append(
            f"{c.jaar} is het lopende jaar, gemeten t/m {fmt.date(c.peildatum)}. ‘Vorig jaar’ "
            f"is {dag.year} t/m {fmt.date(dag)}, uit dezelfde gegevens herberekend; de trend "
            "vergelijkt die twee."
        )
        if not vergelijking.maandgrens_exact(dag):
            voetnoten.append(
                "Uren (inzet) en ODT-productie zijn per maand geleverd: vorig jaar telt daarvoor "
                f"de hele maand {dag.month:02d}-{dag.year}."
            )
        voetnoten.append(
            f"* {dag.year} als heel jaar: voor deze indicator (jaartotalen per partij) is geen "
            "waarde tot dezelfde dag te herleiden; daarom geen trend."
        )
    return {"groepen": groepen, "voetnoten": voetnoten,
            "vorig_kop": (f"{c.jaar - 1} t/m {fmt.date(c.vergelijkingsdag)[:5]}"
                          if c.lopend_jaar else str(c.jaar - 1))}


def _jaarlabel(c: Cijfers, jaar: int) -> str:
    if jaar == c.peildatum.year:
        return f"{jaar} (t/m {fmt.date(c.peildatum)[:5]})"
    return str(jaar)


def _grafieken(c: Cijfers) -> list[dict[str, str]]:
    grafieken = []
    eigen_naam = c.deelnemer_naam
    vervulling = [(c.organisaties[code], w)
                  for code, w in c.partijwaarden("bijdrage_vervulling", c.jaar).items()]
    if any(w is not None for _, w in vervulling):
        gehaald, totaal = samenvatting.bijdrage_telling(c)
        titel = f"Vervulling bijdrage per partij, {_jaarlabel(c, c.jaar)}"
        grafieken.append({
            "svg": grafiek.partijen_staaf(titel, vervulling, eigen_naam, 100.0),
            "alt": (f"Staafdiagram: vervulling van de bijdrage per partij in {c.jaar}; "
                    f"{gehaald} van de {totaal} partijen halen 100%."),
        })
    jaren = sorted({j for (_, j, _) in c.waarden if j <= c.jaar})[-5:]
    code = c.deelnemer if c.deelnemer and c.deelnemer in c.partijen else None
    punten = []
    for jaar in jaren:
        label = _jaarlabel(c, jaar)
        eigen = c.meting("inzet_uren", jaar, code) if code else None
        gem = stoplicht.gemiddelde(list(c.partijwaarden("inzet_uren", jaar).values()))
        norm = eigen  # the own norm (representation counts); a region report draws none
        if eigen is not None:
            punten.append({"jaar": label, "reeks": eigen_naam, "waarde": eigen.waarde})
        punten.append({"jaar": label, "reeks": "gemiddelde partij", "waarde": gem})
        if norm is not None and norm.norm_peildatum is not None:
            punten.append({"jaar": label, "reeks": "eigen norm (t/m peildatum)",
                           "waarde": norm.norm_peildatum})
    if any(p["waarde"] is not None for p in punten):
        grafieken.append({
            "svg": grafiek.jaarreeks("Ingezette uren per jaar", punten, " uur",
                                     gelabeld=eigen_naam if code else "gemiddelde partij"),
            "alt": "Lijndiagram: ingezette uren per jaar"
                   + (f" van {eigen_naam}" if code else "")
                   + ", het gemiddelde van de partijen en de norm.",
        })
    punten = []
    for jaar in jaren:
        label = _jaarlabel(c, jaar)
        eigen = c.meting("pho_presentie", jaar, c.deelnemer) if c.deelnemer else None
        regio = c.meting("pho_presentie", jaar, None)
        if eigen is not None:
            punten.append({"jaar": label, "reeks": eigen_naam, "waarde": eigen.waarde})
        if regio is not None:
            punten.append({"jaar": label, "reeks": "gemiddelde partijen", "waarde": regio.waarde})
    if any(p["waarde"] is not None for p in punten):
        grafieken.append({
            "svg": grafiek.jaarreeks("Presentie PHO per jaar", punten, "%",
                                     gelabeld=eigen_naam if c.deelnemer else "gemiddelde partijen"),
            "alt": "Lijndiagram: presentie in het PHO per jaar"
                   + (f" van {eigen_naam}" if c.deelnemer else "")
                   + " en het gemiddelde van de partijen.",
        })
    return grafieken


def _agenda(c: Cijfers) -> list[dict[str, str]]:
    return [
        {
            "deadline": fmt.date(a.deadline),
            "titel": _tekst(a.titel),
            "pijler": vocabulary.PIJLERS.short_label(a.pijler) or fmt.EMPTY,
            "trekker": _tekst(a.trekker) or fmt.EMPTY,
            "eigen": bool(c.deelnemer and a.trekker_code == c.deelnemer),
            "status": a.status,  # the code, lower case as in the sentences
            "dagen": fmt.aantal(a.dagen_na_deadline),
            "voortgang": fmt.procent(a.voortgang, 0) if a.voortgang is not None else fmt.EMPTY,
        }
        for a in c.achterstallig
    ]


def _definities(c: Cijfers) -> list[dict[str, str]]:
    return [
        {
            "naam": i.naam, "id": i.id, "definitie": i.definitie,
            "eenheid": EENHEID.get(i.eenheid, i.eenheid), "niveau": NIVEAU.get(i.niveaus, ""),
            "regel": statusregel(i),
            "bron": catalogus.bron(i.bron_document) + ", " + catalogus.bron(i.bron_clausule),
        }
        for i in c.kader
    ]


def gegevens(c: Cijfers) -> dict[str, Any]:
    """The JSON document the template renders."""
    rijen = stoplicht.rijen(c)
    notes = _toelichtingen(c)
    wie = c.deelnemer_naam or "Twente (regio)"
    pub = c.publicatie
    titel = f"Bestuursrapportage {c.jaar} · {wie}"
    jaar_tekst = (f"{c.jaar} (lopend jaar, gemeten t/m {fmt.date(pub.peildatum)})"
                  if c.lopend_jaar else str(c.jaar))
    return {
        "titel": titel,
        "jaar": str(c.jaar),
        "wie": wie,
        "voet": f"VTH-monitor Twente · {titel} · {pub.versie}",
        "titelpagina": [
            ["Jaar", jaar_tekst],
            ["Deelnemer", f"{wie} ({c.deelnemer})" if c.deelnemer else wie],
            ["Peildatum", fmt.date(pub.peildatum)],
            ["Gegevens t/m", fmt.date_time(pub.data_tot)],
            ["Versie", pub.versie],
            ["Bronvermelding", pub.bronvermelding],
        ],
        "samenvatting": samenvatting.samenvatting(c, rijen),
        "bespreekpunten": [
            {"tekst": p.tekst, "toelichtingen": list(p.toelichtingen)}
            for p in samenvatting.bespreekpunten(c, rijen, notes)
        ],
        "tabel": _tabel(c, rijen, notes),
        "eigen_kolom": bool(c.deelnemer),
        "grafieken": _grafieken(c),
        "agenda": _agenda(c),
        "peildatum": fmt.date(pub.peildatum),
        "definities": _definities(c),
    }


def build_report(
    jaar: int, deelnemer: str | None = None, snapshot_id: str | None = None
) -> Rapport:
    """The board report as PDF bytes. Raises bron.BronFout / gegevens.GegevensFout (Dutch)."""
    with open_bron(snapshot_id) as (con, publicatie):
        cijfers = laad(con, publicatie, jaar, deelnemer)
    data = gegevens(cijfers)
    pdf = document.render_pdf(TEMPLATE, data, publicatie.tijdstempel)
    return Rapport(pdf, data["voet"], publicatie)
