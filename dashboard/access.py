"""Who may see and do what: one table, enforced on the server by every page and action.

Pages call ``vereis(<pagina>)`` as their first line: a role without the right sees a Dutch
refusal and nothing of the page's data, also when it opens the page by URL. The router only
lists the pages a role may open (``mag_pagina``), but that is convenience, not the guard.
The same table is in the README ("Rollen en rechten").
"""

from __future__ import annotations

import streamlit as st

ROLLEN = {
    "pho": "PHO (bestuur)",
    "kerngroep": "Kerngroep",
    "evaluator": "Evaluator",
    "beheerder": "Beheerder",
}
ALLE = frozenset(ROLLEN)

# page -> roles that may open it. PHO sees aggregates per organisation only: no per-party
# detail (monthly hours, attendance per meeting), no upload, no queries.
PAGINAS: dict[str, frozenset[str]] = {
    "overzicht": ALLE,
    "odt": ALLE,
    "agenda": ALLE,
    "indicatoren": ALLE,
    "documentatie": ALLE,
    "bijdragen": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "vergaderingen": frozenset({"kerngroep", "evaluator", "beheerder"}),
    "gegevens": frozenset({"kerngroep", "beheerder"}),
    "query": frozenset({"evaluator", "beheerder"}),
    "logboek": frozenset({"beheerder"}),
}

# action -> roles that may do it
ACTIES: dict[str, frozenset[str]] = {
    "uploaden": frozenset({"kerngroep", "beheerder"}),  # an upload also rebuilds and publishes
    "herbouwen": frozenset({"beheerder"}),  # a rebuild on its own, e.g. with another peildatum
    "query": frozenset({"evaluator", "beheerder"}),
    "parquet": frozenset({"evaluator", "beheerder"}),
    "logboek": frozenset({"beheerder"}),
}

GEEN_TOEGANG = "Je rol ({rol}) heeft geen toegang tot deze pagina."


def huidige_rol() -> str | None:
    rol = st.session_state.get("rol")
    return rol if rol in ROLLEN else None


def mag_pagina(pagina: str, rol: str | None = None) -> bool:
    rol = rol or huidige_rol()
    return rol is not None and rol in PAGINAS.get(pagina, frozenset())


def mag(actie: str, rol: str | None = None) -> bool:
    rol = rol or huidige_rol()
    return rol is not None and rol in ACTIES.get(actie, frozenset())


def vereis(pagina: str) -> str:
    """Stop the page unless the current role may open it; returns the role."""
    rol = huidige_rol()
    if not mag_pagina(pagina, rol):
        st.error(GEEN_TOEGANG.format(rol=ROLLEN.get(rol or "", "geen")), icon=":material/block:")
        st.stop()
    return rol
