"""The summary in Dutch sentences and the discussion points (bespreekpunten), made by rules from
the published figures: no language model, every number traceable to ``marts.indicatoren``.

The rules answer the PHO's question (domain.md, "Users": "is the cooperation delivering, and is
my municipality doing its share?"):

1. the participant's own statuses: how many norms met (groen), how many need attention;
2. the participant against the region, per indicator with a norm rule: as good or better;
   and the hours against the parties' mean;
3. how many parties meet the contribution norm ("2 van de 15", from the parties' published
   ``bijdrage_vervulling``: a party counts when its value is at least 100; parties without a
   value, such as a represented one, are not counted: the catalogue's bijdrage_norm_gehaald);
4. PHO meetings held against the norm, and the participant's attendance;
5. overdue agenda items on the peildatum, and which the participant leads;
6. ODT's realisation of hours and products.

Bespreekpunten: what turned red since last year (last year's published status was groen or
oranje), what else is red, and the overdue items; each with the notes on that figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import catalogus, fmt
from report.gegevens import Cijfers
from report.stoplicht import Rij, gemiddelde

NORMREGELS = catalogus.NORMREGELS


@dataclass(frozen=True)
class Bespreekpunt:
    tekst: str
    indicator_id: str | None = None  # the figure it is about (its notes go with it)
    toelichtingen: tuple[str, ...] = field(default_factory=tuple)


def _waarde(rij: Rij | None, x: float | None) -> str:
    return fmt.waarde(x, rij.indicator.eenheid if rij else None)


def _telwoord(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def _wie(c: Cijfers) -> str:
    return c.deelnemer_naam or "de regio"


def _wanneer(c: Cijfers) -> str:
    return f"In {c.jaar} (t/m {fmt.date(c.peildatum)})" if c.lopend_jaar else f"In {c.jaar}"


def zin_normen(c: Cijfers, rijen: list[Rij]) -> str | None:
    """Rule 1: the statuses of the values the report is judged on."""
    eigen = [r for r in rijen if r.status and r.basis_is_regio == (c.deelnemer is None)]
    if not eigen:
        return None
    groen = sum(r.status == "groen" for r in eigen)
    oranje = sum(r.status == "oranje" for r in eigen)
    rood = sum(r.status == "rood" for r in eigen)
    wie = _wie(c)
    cijfers = "de eigen cijfers" if c.deelnemer else "de regionale cijfers"
    normen = "norm" if len(eigen) == 1 else "normen"
    if c.lopend_jaar:
        kop = (f"{_wanneer(c)} ligt {wie} bij {groen} van de {len(eigen)} {normen} voor "
               f"{cijfers} op koers (groen)")
    else:
        aantal = (f"alle {groen}" if groen == len(eigen) > 1
                  else f"{groen} van de {len(eigen)}")
        kop = f"{_wanneer(c)} voldeed {wie} aan {aantal} {normen} voor {cijfers} (groen)"
    rest = []
    if oranje:
        rest.append(f"{oranje} {'vraagt' if oranje == 1 else 'vragen'} aandacht (oranje)")
    if rood:
        rest.append(f"{rood} {'haalt' if rood == 1 else 'halen'} de norm niet (rood)")
    return kop + ("; " + _opsomming(rest) if rest else "") + "."


def _beter_of_gelijk(rij: Rij) -> bool | None:
    eigen = rij.eigen.waarde if rij.eigen else None
    if eigen is None or rij.regio is None:
        return None
    regel = rij.indicator.status_regel
    if regel == "minimum":
        return round(eigen, 2) >= round(rij.regio, 2)
    if regel == "maximum":
        return round(eigen, 2) <= round(rij.regio, 2)
    norm = rij.eigen.norm_peildatum if rij.eigen else None
    if regel == "afwijking" and norm is not None:
        return abs(round(eigen, 2) - norm) <= abs(round(rij.regio, 2) - norm)
    return None


def zin_regio(c: Cijfers, rijen: list[Rij]) -> str | None:
    """Rule 2: own against the region (participant reports only)."""
    if not c.deelnemer:
        return None
    vergeleken = [
        uitkomst for r in rijen
        if not r.basis_is_regio and r.indicator.status_regel in NORMREGELS
        and (uitkomst := _beter_of_gelijk(r)) is not None
    ]
    zinnen = []
    if vergeleken:
        zinnen.append(
            f"Vergeleken met de regio doet {c.deelnemer_naam} het op {sum(vergeleken)} van de "
            f"{len(vergeleken)} {'indicator' if len(vergeleken) == 1 else 'indicatoren'} met "
            "een norm even goed of beter."
        )
    uren = next((r for r in rijen if r.indicator.id == "inzet_uren"), None)
    if uren and uren.eigen and uren.eigen.waarde is not None:
        gemiddeld = _gemiddelde_partijen(c, "inzet_uren")
        norm = fmt.norm(uren.eigen.norm, uren.eigen.norm_peildatum, "uren")
        zin = f"{c.deelnemer_naam} zette {fmt.uren(uren.eigen.waarde)} in ({norm})"
        if gemiddeld is not None:
            zin += f"; een partij zette gemiddeld {fmt.uren(gemiddeld)} in"
        zinnen.append(zin + ".")
    return " ".join(zinnen) or None


def _gemiddelde_partijen(c: Cijfers, indicator_id: str) -> float | None:
    return gemiddelde(list(c.partijwaarden(indicator_id, c.jaar).values()))


def bijdrage_telling(c: Cijfers) -> tuple[int, int]:
    """(parties with bijdrage_vervulling >= 100, parties with a value) in the report's year."""
    waarden = [w for w in c.partijwaarden("bijdrage_vervulling", c.jaar).values() if w is not None]
    return sum(round(w, 2) >= 100 for w in waarden), len(waarden)


def zin_bijdragen(c: Cijfers) -> str | None:
    """Rule 3: "2 van de 15 partijen leverden hun volledige bijdrage"."""
    gehaald, totaal = bijdrage_telling(c)
    if not totaal:
        return None
    if c.lopend_jaar:
        zin = (f"{gehaald} van de {totaal} partijen liggen met hun bijdrage op koers "
               f"(vervulling t/m {fmt.date(c.peildatum)} ten minste 100%)")
    else:
        zin = (f"{gehaald} van de {totaal} partijen leverden in {c.jaar} hun volledige bijdrage "
               "(vervulling ten minste 100%)")
    eigen = c.meting("bijdrage_vervulling", c.jaar, c.deelnemer) if c.deelnemer else None
    if eigen is not None and eigen.waarde is not None:
        wel = round(eigen.waarde, 2) >= 100
        zin += f"; {c.deelnemer_naam} {'wel' if wel else 'niet'}, met {fmt.procent(eigen.waarde)}"
    return zin + "."


def zin_pho(c: Cijfers) -> str | None:
    """Rule 4: PHO meetings against the norm, and attendance."""
    vergaderingen = c.meting("pho_vergaderingen", c.jaar, None)
    if vergaderingen is None or vergaderingen.waarde is None:
        return None
    aantal = int(vergaderingen.waarde)
    keer = "keer"
    wanneer = f" t/m {fmt.date(c.peildatum)}" if c.lopend_jaar else f" in {c.jaar}"
    zin = f"Het PHO vergaderde{wanneer} {aantal} {keer}"
    if vergaderingen.norm is not None:
        zin += f" ({fmt.norm(vergaderingen.norm, vergaderingen.norm_peildatum, 'aantal')})"
    presentie_eigen = c.meting("pho_presentie", c.jaar, c.deelnemer) if c.deelnemer else None
    presentie_regio = c.meting("pho_presentie", c.jaar, None)
    if presentie_eigen is not None and presentie_eigen.waarde is not None:
        zin += (f"; {c.deelnemer_naam} was bij {fmt.procent(presentie_eigen.waarde)} daarvan "
                "aanwezig of vertegenwoordigd")
        if presentie_regio is not None and presentie_regio.waarde is not None:
            zin += f" (gemiddelde van de partijen: {fmt.procent(presentie_regio.waarde)})"
    elif presentie_regio is not None and presentie_regio.waarde is not None:
        zin += (f"; de partijen waren gemiddeld bij {fmt.procent(presentie_regio.waarde)} "
                "aanwezig of vertegenwoordigd")
    return zin + "."


def zin_agenda(c: Cijfers) -> str:
    """Rule 5: overdue items on the peildatum, and which the participant leads."""
    op = f"Op de peildatum {fmt.date(c.peildatum)}"
    n = len(c.achterstallig)
    if not n:
        return f"{op} is geen agenda-item over zijn deadline."
    zin = (f"{op} {'is' if n == 1 else 'zijn'} {_telwoord(n, 'agenda-item', 'agenda-items')} "
           "over de deadline en niet afgerond")
    if c.deelnemer:
        eigen = [a for a in c.achterstallig if a.trekker_code == c.deelnemer]
        if eigen:
            titels = _opsomming([f"‘{a.titel}’" for a in eigen])
            zin += (f"; {c.deelnemer_naam} is trekker van {len(eigen)} daarvan: "
                    f"{titels}")
        else:
            zin += f"; {c.deelnemer_naam} is van geen daarvan trekker"
    return zin + "."


def zin_odt(c: Cijfers) -> str | None:
    """Rule 6: ODT's realisation of planned hours and products."""
    def w(indicator_id: str, code: str | None) -> float | None:
        m = c.meting(indicator_id, c.jaar, code)
        return m.waarde if m else None

    regio = (w("odt_uren_realisatie", None), w("odt_producten_realisatie", None))
    eigen = ((w("odt_uren_realisatie", c.deelnemer), w("odt_producten_realisatie", c.deelnemer))
             if c.deelnemer else (None, None))
    wanneer = f"t/m {fmt.date(c.peildatum)}" if c.lopend_jaar else f"in {c.jaar}"
    if eigen[0] is not None and eigen[1] is not None:
        zin = (f"ODT realiseerde {wanneer} voor {c.deelnemer_naam} {fmt.procent(eigen[0])} van "
               f"de geplande uren en {fmt.procent(eigen[1])} van de geplande producten")
        if regio[0] is not None and regio[1] is not None:
            zin += f" (regio: {fmt.procent(regio[0])} en {fmt.procent(regio[1])})"
        return zin + "."
    if regio[0] is not None and regio[1] is not None:
        return (f"ODT realiseerde {wanneer} in de regio {fmt.procent(regio[0])} van de geplande "
                f"uren en {fmt.procent(regio[1])} van de geplande producten.")
    return None


def samenvatting(c: Cijfers, rijen: list[Rij]) -> list[str]:
    """The summary: one sentence (or two) per rule, in the order of the module docstring."""
    zinnen = [
        zin_normen(c, rijen), zin_regio(c, rijen), zin_bijdragen(c), zin_pho(c), zin_agenda(c),
        zin_odt(c),
    ]
    return [z for z in zinnen if z]


def _met_norm(r: Rij) -> str:
    """``"0,0 uur (norm 130 uur; tot peildatum 64,5)"``, with "regio" for a region value."""
    basis = r.basis
    if basis is None:
        return fmt.EMPTY
    tekst = _waarde(r, basis.waarde)
    if r.basis_is_regio and r.indicator.per_deelnemer:
        tekst += " in de regio"
    return f"{tekst} ({fmt.norm(basis.norm, basis.norm_peildatum, r.indicator.eenheid)})"


def bespreekpunten(
    c: Cijfers, rijen: list[Rij], toelichtingen: dict[str, list[str]]
) -> list[Bespreekpunt]:
    """Turned red since last year, red, overdue items; ``toelichtingen``: indicator_id -> the
    note texts that belong to the report's figure of that indicator."""
    punten = []
    vorig = c.jaar - 1
    # The overdue items get their own point below (with the list): not twice.
    apart = {"agenda_achterstallig"} if c.achterstallig else set()
    rood_alle = [r for r in rijen if r.status == "rood" and r.indicator.id not in apart]
    rood_geworden = [r for r in rood_alle if r.vorig_status in ("groen", "oranje")]
    rood = [r for r in rood_alle if r not in rood_geworden]
    for r in rood_geworden:
        punten.append(Bespreekpunt(
            f"{r.indicator.naam} is rood geworden: {_met_norm(r)}; in {vorig} {r.vorig_status}.",
            r.indicator.id, tuple(toelichtingen.get(r.indicator.id, ())),
        ))
    for r in rood:
        punten.append(Bespreekpunt(
            f"{r.indicator.naam} is rood: {_met_norm(r)}.",
            r.indicator.id, tuple(toelichtingen.get(r.indicator.id, ())),
        ))
    if c.achterstallig:
        n = len(c.achterstallig)
        tekst = f"{_telwoord(n, 'agenda-item is', 'agenda-items zijn')} over de deadline"
        status = next((r.status for r in rijen if r.indicator.id == "agenda_achterstallig"), None)
        if status:
            tekst = f"Achterstallige agenda-items ({status}): " + tekst
        if c.deelnemer:
            eigen = sum(a.trekker_code == c.deelnemer for a in c.achterstallig)
            tekst += f", waarvan {eigen} met {c.deelnemer_naam} als trekker"
        punten.append(Bespreekpunt(
            tekst + " (zie ‘Achterstallige agenda-items’).", "agenda_achterstallig",
            tuple(toelichtingen.get("agenda_achterstallig", ())),
        ))
    # Notes on figures that are not red: the kerngroep wrote them to be discussed too.
    besproken = {p.indicator_id for p in punten}
    for r in rijen:
        teksten = toelichtingen.get(r.indicator.id)
        if teksten and r.indicator.id not in besproken:
            punten.append(Bespreekpunt(
                f"{r.indicator.naam}: toelichting van de kerngroep.", r.indicator.id,
                tuple(teksten),
            ))
    return punten
