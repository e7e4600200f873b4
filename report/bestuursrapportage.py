"""The board report (bestuursrapportage, data contract v2 "board report"): an A4 PDF per year and
participant. ``build_report`` reads the figures, makes the sentences, the table and the charts,
and hands one JSON document to ``templates/bestuursrapportage.typ``.

Every number is formatted here, the Dutch way (dashboard/fmt.py): the template only places text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dashboard import fmt
from report import document, grafiek, samenvatting, stoplicht, toelichting, vergelijking
from report.bron import Publicatie, open_bron
from report.gegevens import Cijfers, Indicator, laad

TEMPLATE = "bestuursrapportage.typ"

# The seed documents (../shared/seeds) by their number, for readable source references.
BRONNEN = {
    "000": "000 Uitvoeringsplan 2023",
    "001": "001 Zelfevaluatie ODT",
    "002": "002 VNG-ledenbrief IBP VTH",
    "003": "003 Samenwerkingsovereenkomst",
    "004": "004 Slotpublicatie IBP VTH",
}
# 003 Art. 2.1: the pillars' short names (data contract v2, agenda).
PIJLERS = {
    "a": "Beleidscyclus", "b": "Ondermijning", "c": "Energie", "d": "Bodem",
    "e": "Omgevingsrecht", "f": "Wkb", "g": "Constructieve kennis",
}
AGENDA_STATUS = {"gepland": "gepland", "lopend": "lopend", "vertraagd": "vertraagd",
                 "afgerond": "afgerond", "gestopt": "gestopt"}
EENHEID = {"procent": "procent (0–100)", "uren": "uren", "euro": "euro", "aantal": "aantal"}
NIVEAU = {frozenset({"R"}): "regio", frozenset({"P"}): "per deelnemer",
          frozenset({"P", "R"}): "per deelnemer en regio"}


@dataclass(frozen=True)
class Rapport:
    pdf: bytes
    voet: str  # the footer line: title and version, for the caller's log
    publicatie: Publicatie


def bron(tekst: str | None) -> str:
    """``003_2a0d….txt`` -> ``003 Samenwerkingsovereenkomst``, also inside a clause text."""
    return re.sub(r"\b(\d{3})_[0-9a-f]+\.txt", lambda m: BRONNEN.get(m.group(1), m.group(0)),
                  tekst or "")


def statusregel(i: Indicator) -> str:
    """The catalogue's status rule in words (evaluatiekader.md, "status thresholds")."""
    groen, oranje = i.grens_groen, i.grens_oranje
    if i.status_regel not in samenvatting.NORMREGELS or groen is None or oranje is None:
        return "geen norm (informatief)"

    def grens(g: float) -> str:
        if i.grens_basis == "fractie_norm":
            return f"{fmt.getal(100 * g, 0)}% van de norm"
        if i.grens_basis == "verschil_norm":
            return "de norm" if g == 0 else f"de norm {'+' if g > 0 else '−'} {fmt.aantal(abs(g))}"
        return fmt.waarde(g, i.eenheid)

    if i.status_regel == "afwijking":
        eenh = " procentpunt" if i.eenheid == "procent" else ""
        return (f"groen binnen ±{fmt.aantal(groen)}{eenh} van de norm, oranje binnen "
                f"±{fmt.aantal(oranje)}{eenh}, anders rood")
    if i.status_regel == "maximum":
        return f"groen ≤ {grens(groen)}, oranje ≤ {grens(oranje)}, anders rood"
    teken = ">" if i.grens_oranje_exclusief else "≥"
    return f"groen ≥ {grens(groen)}, oranje {teken} {grens(oranje)}, anders rood"


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
                    voorvoegsel=False)


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
        eigen = (_w(r, r.eigen.waarde) if r.eigen else fmt.LEEG) if c.deelnemer else None
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
            f"{c.jaar} is het lopende jaar, gemeten t/m {fmt.datum(c.peildatum)}. ‘Vorig jaar’ "
            f"is {dag.year} t/m {fmt.datum(dag)}, uit dezelfde gegevens herberekend; de trend "
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
            "vorig_kop": (f"{c.jaar - 1} t/m {fmt.datum(c.vergelijkingsdag)[:5]}"
                          if c.lopend_jaar else str(c.jaar - 1))}


def _jaarlabel(c: Cijfers, jaar: int) -> str:
    if jaar == c.peildatum.year:
        return f"{jaar} (t/m {fmt.datum(c.peildatum)[:5]})"
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
            "deadline": fmt.datum(a.deadline),
            "titel": _tekst(a.titel),
            "pijler": PIJLERS.get(a.pijler or "", a.pijler or fmt.LEEG),
            "trekker": _tekst(a.trekker) or fmt.LEEG,
            "eigen": bool(c.deelnemer and a.trekker_code == c.deelnemer),
            "status": AGENDA_STATUS.get(a.status, a.status),
            "dagen": fmt.aantal(a.dagen_na_deadline),
            "voortgang": fmt.procent(a.voortgang, 0) if a.voortgang is not None else fmt.LEEG,
        }
        for a in c.achterstallig
    ]


def _definities(c: Cijfers) -> list[dict[str, str]]:
    return [
        {
            "naam": i.naam, "id": i.id, "definitie": i.definitie,
            "eenheid": EENHEID.get(i.eenheid, i.eenheid), "niveau": NIVEAU.get(i.niveaus, ""),
            "regel": statusregel(i), "bron": bron(i.bron_document) + ", " + bron(i.bron_clausule),
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
    jaar_tekst = (f"{c.jaar} (lopend jaar, gemeten t/m {fmt.datum(pub.peildatum)})"
                  if c.lopend_jaar else str(c.jaar))
    return {
        "titel": titel,
        "jaar": str(c.jaar),
        "wie": wie,
        "voet": f"VTH-monitor Twente · {titel} · {pub.versie}",
        "titelpagina": [
            ["Jaar", jaar_tekst],
            ["Deelnemer", f"{wie} ({c.deelnemer})" if c.deelnemer else wie],
            ["Peildatum", fmt.datum(pub.peildatum)],
            ["Gegevens t/m", fmt.datumtijd(pub.data_tot)],
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
        "peildatum": fmt.datum(pub.peildatum),
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
