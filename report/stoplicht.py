"""The traffic-light table: per indicator the own value, the region, last year, the trend, the
norm and the status. Pure functions of ``gegevens.Cijfers``.

Which value a row is judged on (status, norm, trend): the participant's own value for an
indicator measured per participant (P), the region's for a region indicator (R), and the
region's for every indicator in a report without a participant. "Regio" is the published
region value (``deelnemer_code`` NULL); where the catalogue defines none (P only, such as
``bijdrage_vervulling``) it is the mean of the parties' published values, marked "gem.".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from report.gegevens import Cijfers, Indicator, Meting

# Themes of the catalogue, in its order (evaluatiekader.md; the id's prefix says the theme).
THEMAS = (
    ("Bestuur en overleg", ("pho_", "kerngroep_", "twentebreed_")),
    ("Bijdragen", ("inzet_", "vervangende_", "bijdrage_", "vaste_")),
    ("Uitvoering door ODT", ("odt_",)),
    ("Samenwerkingsagenda", ("agenda_",)),
)


@dataclass(frozen=True)
class Trend:
    pijl: str  # ↑ ↓ →
    woord: str  # beter, slechter, gelijk; hoger, lager where no norm says which is better


@dataclass(frozen=True)
class Rij:
    indicator: Indicator
    eigen: Meting | None  # the participant's own row (None: no participant, or R only)
    regio: float | None  # the region value shown
    regio_is_gemiddelde: bool  # mean of the parties (the catalogue defines no region value)
    basis: Meting | None  # what status, norm and trend are of
    basis_is_regio: bool
    vorig: float | None  # last year (running year: up to the same day where it can be cut)
    vorig_heel_jaar: bool  # running year, but last year's whole-year value (no same-day cut)
    vorig_status: str | None  # last year's published status (whole year)
    trend: Trend | None

    @property
    def status(self) -> str | None:
        return self.basis.status if self.basis else None


def thema(indicator_id: str) -> str:
    for naam, voorvoegsels in THEMAS:
        if indicator_id.startswith(voorvoegsels):
            return naam
    return "Overig"


def gemiddelde(waarden: list[float | None]) -> float | None:
    """The mean of the values that exist, rounded once to 2 decimals as the warehouse rounds a
    region value computed from published values (evaluatiekader v2 decision 3)."""
    bekend = [w for w in waarden if w is not None]
    return round(sum(bekend) / len(bekend), 2) if bekend else None


# Decimals the report shows per unit (core/fmt.py): a trend compares what the reader sees,
# so 101,72% against 101,70% is "gelijk", not "slechter".
DECIMALEN = {"procent": 1, "uren": 1, "euro": 2, "aantal": 1}


def trend(
    nu: float | None, vorig: float | None, regel: str, norm: float | None, eenheid: str = ""
) -> Trend | None:
    """The direction from ``vorig`` to ``nu`` and whether that is better, by the indicator's
    status rule: minimum (higher is better), maximum (lower is better), afwijking (closer to
    the norm is better); without a rule only higher or lower. Values that look the same in
    the report (``eenheid``'s decimals) are "gelijk"."""
    if nu is None or vorig is None:
        return None
    decimalen = DECIMALEN.get(eenheid, 2)
    nu, vorig = _afgerond(nu, decimalen), _afgerond(vorig, decimalen)
    if nu == vorig:
        return Trend("→", "gelijk")
    pijl = "↑" if nu > vorig else "↓"
    if regel == "minimum":
        return Trend(pijl, "beter" if nu > vorig else "slechter")
    if regel == "maximum":
        return Trend(pijl, "beter" if nu < vorig else "slechter")
    if regel == "afwijking" and norm is not None:
        afstand_nu, afstand_vorig = abs(nu - norm), abs(vorig - norm)
        if afstand_nu == afstand_vorig:
            return Trend(pijl, "even ver van de norm")
        return Trend(pijl, "beter" if afstand_nu < afstand_vorig else "slechter")
    return Trend(pijl, "hoger" if nu > vorig else "lager")


def _afgerond(x: float, decimalen: int) -> float:
    # Half away from zero, as fmt shows it (Python's round() would round half to even).
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimalen), ROUND_HALF_UP))


def rij(c: Cijfers, indicator: Indicator) -> Rij:
    jaar, p = c.jaar, c.deelnemer
    iid = indicator.id
    eigen = c.meting(iid, jaar, p) if p and indicator.per_deelnemer else None
    regio_meting = c.meting(iid, jaar, None)
    if regio_meting is not None:
        regio, gem = regio_meting.waarde, False
    elif indicator.per_deelnemer:
        regio, gem = gemiddelde(list(c.partijwaarden(iid, jaar).values())), True
    else:
        regio, gem = None, False

    basis_is_regio = not (p and indicator.per_deelnemer)
    if not basis_is_regio:
        basis = eigen
    elif regio_meting is not None:
        basis = regio_meting
    else:
        basis = Meting(regio) if regio is not None else None  # a mean: no norm, no status
    code = None if basis_is_regio else p

    vorig_meting = c.meting(iid, jaar - 1, code)
    vorig_status = vorig_meting.status if vorig_meting else None
    heel_jaar = False
    if not c.lopend_jaar:
        vorig = _vorig_heel_jaar(c, iid, jaar - 1, code, gem and basis_is_regio)
    else:
        vorig = _vorig_zelfde_dag(c, iid, code, gem and basis_is_regio)
        if vorig is _GEEN:
            vorig = _vorig_heel_jaar(c, iid, jaar - 1, code, gem and basis_is_regio)
            heel_jaar = vorig is not None
    assert vorig is not _GEEN
    norm = basis.norm_peildatum if basis else None
    richting = None if heel_jaar else trend(
        basis.waarde if basis else None, vorig, indicator.status_regel, norm,  # type: ignore[arg-type]
        indicator.eenheid,
    )
    return Rij(
        indicator=indicator, eigen=eigen, regio=regio, regio_is_gemiddelde=gem, basis=basis,
        basis_is_regio=basis_is_regio, vorig=vorig, vorig_heel_jaar=heel_jaar,  # type: ignore[arg-type]
        vorig_status=vorig_status, trend=richting,
    )


_GEEN = object()  # no same-day value can be computed


def _vorig_heel_jaar(c: Cijfers, iid: str, jaar: int, code: str | None, gem: bool) -> float | None:
    if gem:
        return gemiddelde(list(c.partijwaarden(iid, jaar).values()))
    meting = c.meting(iid, jaar, code)
    return meting.waarde if meting else None


def _vorig_zelfde_dag(c: Cijfers, iid: str, code: str | None, gem: bool) -> object:
    if gem:
        waarden = [c.tot_zelfde_dag.get((iid, p), _GEEN) for p in c.partijwaarden(iid, c.jaar - 1)]
        if not waarden or any(w is _GEEN for w in waarden):
            return _GEEN
        return gemiddelde(waarden)  # type: ignore[arg-type]
    return c.tot_zelfde_dag.get((iid, code), _GEEN)


def rijen(c: Cijfers) -> list[Rij]:
    """One row per catalogue indicator, in the catalogue's order."""
    return [rij(c, indicator) for indicator in c.kader]
