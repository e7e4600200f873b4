"""The figures of one report, read once from the warehouse (or a snapshot) as plain data.

Everything a report shows is published: ``marts.indicatoren`` (values, norms, statuses),
``marts.evaluatiekader`` (names, units, rules, source clauses), ``marts.organisaties`` and
``marts.agenda``. The only figures computed here are the running year's comparison with last
year up to the same day (``vergelijking.py``) and the mean of the parties' published values
where the catalogue defines no region value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from report import vergelijking
from report.bron import Publicatie

# Sane bounds for a report year (the contract's `jaar` rule for deliveries is 2019..2100).
EERSTE_JAAR = 2019


class GegevensFout(ValueError):
    """The report cannot be made for this year or participant; Dutch, one line."""


@dataclass(frozen=True)
class Indicator:
    """One row of the catalogue (marts.evaluatiekader)."""

    id: str
    volgorde: int
    naam: str
    definitie: str
    eenheid: str
    niveaus: frozenset[str]  # {"P"}, {"R"} or both
    status_regel: str  # minimum, maximum, afwijking or geen
    grens_basis: str | None
    grens_groen: float | None
    grens_oranje: float | None
    grens_oranje_exclusief: bool
    bron_document: str
    bron_clausule: str

    @property
    def per_deelnemer(self) -> bool:
        return "P" in self.niveaus

    @property
    def regionaal(self) -> bool:
        return "R" in self.niveaus


@dataclass(frozen=True)
class Meting:
    """One row of marts.indicatoren."""

    waarde: float | None
    norm: float | None = None
    norm_peildatum: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    agenda_id: str
    type: str | None
    pijler: str | None
    titel: str
    trekker_code: str | None
    trekker: str | None
    deadline: date | None
    status: str
    voortgang: int | None
    dagen_na_deadline: int | None


Sleutel = tuple[str, int, str | None]  # (indicator_id, jaar, deelnemer_code or None = regio)


@dataclass
class Cijfers:
    """Everything one report is made of."""

    publicatie: Publicatie
    jaar: int
    deelnemer: str | None
    organisaties: dict[str, str]  # code -> name
    partijen: list[str]  # the 15 parties' codes (003), in name order
    kader: list[Indicator]
    waarden: dict[Sleutel, Meting]
    eerste_normjaar: int | None
    achterstallig: list[AgendaItem]
    # Running year only: last year's value up to the same day, per (indicator_id, code|None);
    # None where the source mart cannot be cut at a day (see vergelijking.py).
    tot_zelfde_dag: dict[tuple[str, str | None], float | None] = field(default_factory=dict)

    @property
    def peildatum(self) -> date:
        return self.publicatie.peildatum

    @property
    def lopend_jaar(self) -> bool:
        """Is the report's year the year of peildatum (measured up to peildatum)?"""
        return self.jaar == self.peildatum.year

    @property
    def vergelijkingsdag(self) -> date:
        """The day last year that the running year is compared with."""
        return vergelijking.zelfde_dag_vorig_jaar(self.peildatum)

    @property
    def deelnemer_naam(self) -> str | None:
        return self.organisaties.get(self.deelnemer) if self.deelnemer else None

    def meting(self, indicator_id: str, jaar: int, code: str | None) -> Meting | None:
        return self.waarden.get((indicator_id, jaar, code))

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.kader if i.id == indicator_id)

    def partijwaarden(self, indicator_id: str, jaar: int) -> dict[str, float | None]:
        """The parties' published values of one indicator and year (a party without a row is
        left out)."""
        found = {}
        for code in self.partijen:
            meting = self.meting(indicator_id, jaar, code)
            if meting is not None:
                found[code] = meting.waarde
        return found


def _float(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def laad(
    con: duckdb.DuckDBPyConnection, publicatie: Publicatie, jaar: int, deelnemer: str | None
) -> Cijfers:
    """Read the figures for ``jaar`` and ``deelnemer`` (a code, or None for the region)."""
    organisaties = dict(
        con.execute("select code, naam from marts.organisaties order by naam").fetchall()
    )
    partijen = [
        code for (code,) in con.execute(
            "select code from marts.organisaties where partij order by naam"
        ).fetchall()
    ]
    jaren = [j for (j,) in con.execute(
        "select distinct jaar from marts.indicatoren order by jaar").fetchall()]
    if not EERSTE_JAAR <= jaar <= publicatie.peildatum.year:
        raise GegevensFout(
            f"Jaar {jaar} valt buiten {EERSTE_JAAR}–{publicatie.peildatum.year} (het jaar van "
            f"de peildatum {publicatie.peildatum:%d-%m-%Y})."
        )
    if jaar not in jaren:
        beschikbaar = ", ".join(map(str, jaren)) or "geen"
        raise GegevensFout(
            f"Het warehouse heeft geen cijfers over {jaar} (wel over: {beschikbaar})."
        )
    if deelnemer is not None:
        deelnemer = deelnemer.strip().upper()
        if deelnemer not in organisaties:
            raise GegevensFout(f"Onbekende deelnemer '{deelnemer}': gebruik een code als ENS.")
        heeft = con.execute(
            "select count(*) from marts.indicatoren where jaar = ? and deelnemer_code = ?",
            [jaar, deelnemer],
        ).fetchone()
        if not heeft or not heeft[0]:
            raise GegevensFout(
                f"{organisaties[deelnemer]} ({deelnemer}) heeft geen eigen cijfers over {jaar}."
            )

    kader = [
        Indicator(
            id=r[0], volgorde=int(r[1]), naam=r[2], definitie=r[3] or "", eenheid=r[4] or "",
            niveaus=frozenset(x.strip() for x in (r[5] or "").split(",") if x.strip()),
            status_regel=r[6] or "geen", grens_basis=r[7], grens_groen=_float(r[8]),
            grens_oranje=_float(r[9]), grens_oranje_exclusief=bool(r[10]),
            bron_document=r[11] or "", bron_clausule=r[12] or "",
        )
        for r in con.execute(
            """
            select indicator_id, volgorde, naam, definitie, eenheid, niveau, status_regel,
                   grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief,
                   bron_document, bron_clausule
            from marts.evaluatiekader
            order by volgorde, indicator_id
            """
        ).fetchall()
    ]
    waarden = {
        (r[0], int(r[1]), r[2]): Meting(_float(r[3]), _float(r[4]), _float(r[5]), r[6])
        for r in con.execute(
            "select indicator_id, jaar, deelnemer_code, waarde, norm, norm_peildatum, status "
            "from marts.indicatoren"
        ).fetchall()
    }
    (eerste_normjaar,) = con.execute(
        "select min(jaar) from marts.normen where norm is not null"
    ).fetchone() or (None,)
    achterstallig = [
        AgendaItem(*r)
        for r in con.execute(
            """
            select a.agenda_id, a.type, a.pijler, a.titel, a.trekker_code, o.naam, a.deadline,
                   a.status, a.voortgang, a.dagen_na_deadline
            from marts.agenda as a
            left join marts.organisaties as o on o.code = a.trekker_code
            where a.achterstallig
            order by a.deadline, a.agenda_id
            """
        ).fetchall()
    ]
    cijfers = Cijfers(
        publicatie=publicatie, jaar=jaar, deelnemer=deelnemer, organisaties=organisaties,
        partijen=partijen, kader=kader, waarden=waarden,
        eerste_normjaar=int(eerste_normjaar) if eerste_normjaar is not None else None,
        achterstallig=achterstallig,
    )
    if cijfers.lopend_jaar and (jaar - 1) in jaren:
        cijfers.tot_zelfde_dag = vergelijking.tot_zelfde_dag(
            con, jaar - 1, cijfers.vergelijkingsdag, deelnemer
        )
    return cijfers
