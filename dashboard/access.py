"""Who may see and do what: one table, enforced on the server by every page and action.

Pages call ``vereis(<pagina>)`` as their first line: a role without the right sees a Dutch
refusal and nothing of the page's data, also when it opens the page by URL. The router only
lists the pages a role may open (``mag_pagina``), but that is convenience, not the guard.
Per-party detail is guarded once more where it is read: every function of ``dashboard/data.py``
that reads a table of ``DETAIL`` calls ``vereis_detail`` with the session's role, so a page that
asks for detail for the wrong role gets a refusal, not rows.
The same tables are in the README ("Rollen en rechten").
"""

from __future__ import annotations

import streamlit as st

ROLLEN = {
    "pho": "PHO (bestuur)",
    "kerngroep": "Kerngroep",
    "evaluator": "Evaluator",
    "beheerder": "Beheerder",
    # a party's contact, bound to one organisation (issue 16): the PHO's pages plus its own
    # organisation's detail; the organisation is the session's "deelnemer" (dashboard/eigen.py)
    "deelnemer": "Deelnemer (eigen organisatie)",
}
ALLE = frozenset(ROLLEN)

# page -> roles that may open it. PHO sees aggregates per organisation only: no per-party
# detail (monthly hours, attendance per meeting), no upload, no queries.
PAGINAS: dict[str, frozenset[str]] = {
    "overzicht": ALLE,
    "odt": ALLE,
    "agenda": ALLE,
    "indicatoren": ALLE,
    # dbt's generated site is English and technical: not in the PHO's or a party's navigation
    # (issue 15); the Dutch "Over deze indicator" page explains each figure to them instead.
    "documentatie": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "over_indicator": ALLE,  # definitions, formula and norms of one indicator (no detail rows)
    "bijdragen": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "vergaderingen": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "gegevens": frozenset({"kerngroep", "beheerder"}),
    "query": frozenset({"evaluator", "beheerder"}),
    "logboek": frozenset({"beheerder"}),
    # the kerngroep's monitoring cycle (issue 16)
    "leveringen": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "achterstanden": frozenset({"kerngroep", "beheerder"}),
    "afrekening": frozenset({"kerngroep", "beheerder"}),
    "eigen": frozenset({"deelnemer", "kerngroep", "beheerder"}),  # one party's own detail
    "review": frozenset({"deelnemer", "kerngroep", "beheerder"}),
}

# action -> roles that may do it
ACTIES: dict[str, frozenset[str]] = {
    "uploaden": frozenset({"kerngroep", "beheerder"}),  # an upload also rebuilds and publishes
    "herbouwen": frozenset({"beheerder"}),  # a rebuild on its own, e.g. with another peildatum
    "query": frozenset({"evaluator", "beheerder"}),
    "parquet": frozenset({"evaluator", "beheerder"}),
    "logboek": frozenset({"beheerder"}),
    "momentopname": frozenset({"evaluator", "beheerder"}),  # read a snapshot (issue 14)
    "toelichting": frozenset({"kerngroep", "beheerder"}),  # notes on figures (issue 15)
    "reviewronde": frozenset({"kerngroep", "beheerder"}),  # open / close a review round
}

# Per-party detail: published table -> roles that may read its rows (the data layer enforces
# this, whatever a page asks). Tables not listed hold aggregates per organisation or facts that
# are not about a party's own effort (indicators, meetings, ODT output, the agenda): every role.
_DETAILROLLEN = frozenset({"kerngroep", "evaluator", "beheerder"})
DETAIL: dict[str, frozenset[str]] = {
    "marts.inzet_per_maand": _DETAILROLLEN,  # hours per party, month and gremium
    "marts.presentie": _DETAILROLLEN,  # attendance per meeting and party
    "marts.bijdragen_per_deelnemer": _DETAILROLLEN,  # hours, invoices, payments per party
    "marts.bijdragen": _DETAILROLLEN,  # every invoice and payment per party
    "marts.odt_zaken": frozenset({"evaluator", "beheerder"}),  # ODT, one row per case
    "audit.ladingen": PAGINAS["gegevens"],  # delivered files
    "audit.quarantaine": PAGINAS["gegevens"],  # rejected rows with their delivered values
    "marts.leveringen": PAGINAS["leveringen"],  # who delivered what, when, what is late
    "marts.achterstanden": PAGINAS["achterstanden"],  # per party: unpaid, overdue, owed
    "marts.afrekening": PAGINAS["afrekening"],  # the year settlement per party
}

GEEN_TOEGANG = "Je rol ({rol}) heeft geen toegang tot deze pagina."
GEEN_DETAIL = (
    "De rijen van {tabel} zijn detail per partij of per levering; je rol ({rol}) ziet alleen "
    "de geaggregeerde waarden."
)


class GeenToegang(PermissionError):
    """Refused by the data layer: the session's role may not read this detail (Dutch)."""


def huidige_rol() -> str | None:
    rol = st.session_state.get("rol")
    return rol if rol in ROLLEN else None


def mag_pagina(pagina: str, rol: str | None = None) -> bool:
    rol = rol or huidige_rol()
    return rol is not None and rol in PAGINAS.get(pagina, frozenset())


def mag(actie: str, rol: str | None = None) -> bool:
    rol = rol or huidige_rol()
    return rol is not None and rol in ACTIES.get(actie, frozenset())


def mag_detail(tabel: str, rol: str | None = None) -> bool:
    """May the role read the rows of a published table? Always for tables outside DETAIL."""
    toegestaan = DETAIL.get(tabel)
    if toegestaan is None:
        return True
    rol = rol or huidige_rol()
    return rol is not None and rol in toegestaan


def vereis_detail(tabel: str) -> None:
    """Raise GeenToegang unless the session's role may read ``tabel`` (data layer guard).

    The role comes from the session on the server, never from an argument a page passes."""
    rol = huidige_rol()
    if not mag_detail(tabel, rol):
        raise GeenToegang(GEEN_DETAIL.format(tabel=tabel, rol=ROLLEN.get(rol or "", "geen")))


def vereis(pagina: str) -> str:
    """Stop the page unless the current role may open it; returns the role."""
    rol = huidige_rol()
    if not mag_pagina(pagina, rol):
        st.error(GEEN_TOEGANG.format(rol=ROLLEN.get(rol or "", "geen")), icon=":material/block:")
        st.stop()
    return rol


GEEN_EIGEN = (
    "Je rol ({rol}) ziet alleen het detail van je eigen organisatie ({eigen}), niet van {code}."
)


def gebonden_deelnemer() -> str | None:
    """The organisation a deelnemer session is bound to (set at login from the account or the
    OIDC roles file, dashboard/auth.py; in demo mode chosen in the sidebar). None otherwise."""
    if huidige_rol() != "deelnemer":
        return None
    code = st.session_state.get("deelnemer")
    return code if isinstance(code, str) and code else None


def vereis_eigen(tabel: str, deelnemer: str | None) -> None:
    """Data-layer guard for one party's detail: roles that may read ``tabel`` whole pass; a
    deelnemer passes only for the organisation its session is bound to (never from what a page
    passes alone). Raises GeenToegang otherwise."""
    rol = huidige_rol()
    if rol != "deelnemer" and mag_detail(tabel, rol):
        return
    eigen = gebonden_deelnemer()
    if rol == "deelnemer" and eigen is not None and deelnemer == eigen:
        return
    raise GeenToegang(GEEN_EIGEN.format(rol=ROLLEN.get(rol or "", "geen"),
                                        eigen=eigen or "geen", code=deelnemer or "alle partijen"))
