"""Toelichtingen (notes on figures) in the dashboard (issue 15, item 2): shown beside the figure on
Overzicht and Indicatoren, written and removed by the roles ``access.ACTIES["toelichting"]``
allows (kerngroep, beheerder).

Storage, validation and the Logboek lines are ``report.toelichting``'s, the same functions the
command line calls (``python -m report toelichting``); this module passes the session's user
and role and shows the Dutch refusal it raises. A note is shown as text, never as Markdown.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from core import fmt
from dashboard import access
from report import toelichting

_MELDING = "_toelichting_melding"  # the result of the last change, shown after the rerun


def platte_tekst(tekst: str) -> str:
    """Text for st.markdown shown as written: Markdown's special characters escaped, line
    breaks kept (a note or a sentence is never markup)."""
    for teken in "\\`*_{}[]<>()#+!|~$":
        tekst = tekst.replace(teken, "\\" + teken)
    return tekst.replace("\n", "  \n")


def regel(note: toelichting.Toelichting, namen: dict[str, str] | None = None) -> str:
    """``"Vertraagd door de verhuizing (kim, 20-11-2026; regio; nr. 3)"``."""
    tijd = fmt.date(datetime.fromisoformat(note.tijd))
    wie = (namen or {}).get(note.deelnemer_code, note.deelnemer_code) if note.deelnemer_code \
        else "regio"
    return f"{note.tekst} ({note.door}, {tijd}; {wie}; nr. {note.nummer})"


def per_indicator(
    jaar: int, deelnemer: str | None, namen: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """indicator_id -> the note lines that belong beside the figures of ``jaar`` for
    ``deelnemer`` (the region's notes, plus the participant's own)."""
    found: dict[str, list[str]] = {}
    for note in toelichting.list_notes(jaar):
        if note.deelnemer_code in (None, deelnemer):
            found.setdefault(note.indicator_id, []).append(regel(note, namen))
    return found


def toon(indicator_id: str, jaar: int | None, deelnemer: str | None,
         namen: dict[str, str] | None = None) -> None:
    """The notes beside one figure (Indicatoren)."""
    if jaar is None:
        return
    for note in toelichting.for_indicator(indicator_id, jaar, deelnemer):
        st.info(f"**Toelichting {jaar}:** {platte_tekst(regel(note, namen))}",
                icon=":material/notes:")


def mag_schrijven(rol: str | None = None) -> bool:
    return access.mag("toelichting", rol)


def editor(
    indicatoren: dict[str, tuple[str, bool]],
    jaar: int | None,
    deelnemer: str | None,
    deelnemer_naam: str | None,
    sleutel: str,
    standaard: str | None = None,
) -> None:
    """Add or remove notes for ``jaar``; only for a role that may. ``indicatoren``: id ->
    (name, measured per participant). ``sleutel`` keeps the widgets of two pages apart."""
    if jaar is None or not mag_schrijven():
        return
    gebruiker = st.session_state.get("gebruiker") or "demo"
    rol = access.huidige_rol()
    with st.expander(f"Toelichtingen {jaar} schrijven of verwijderen", icon=":material/edit_note:"):
        melding = st.session_state.pop(_MELDING, None)
        if melding:
            st.success(melding, icon=":material/check:")
        opties = list(indicatoren)
        with st.form(f"{sleutel}_toelichting_nieuw", clear_on_submit=True, border=False):
            indicator = st.selectbox(
                "Indicator", opties, format_func=lambda i: indicatoren[i][0],
                index=opties.index(standaard) if standaard in opties else 0,
                key=f"{sleutel}_toelichting_indicator",
            )
            voor_opties = ["regio"] + ([deelnemer] if deelnemer else [])
            voor = st.radio(
                "Geldt voor", voor_opties, horizontal=True,
                format_func=lambda v: "de regio (in elk rapport)" if v == "regio"
                else f"alleen {deelnemer_naam or v}",
                key=f"{sleutel}_toelichting_voor",
                help="Een toelichting voor één deelnemer kan alleen bij een indicator die per "
                "deelnemer gemeten wordt.",
            )
            tekst = st.text_area("Toelichting", max_chars=toelichting.MAX_TEKST,
                                 key=f"{sleutel}_toelichting_tekst")
            if st.form_submit_button("Toelichting opslaan", icon=":material/save:"):
                try:
                    note = toelichting.add(
                        indicator, jaar, tekst, door=gebruiker, rol=rol,
                        deelnemer_code=None if voor == "regio" else voor,
                    )
                except toelichting.ToelichtingFout as exc:
                    st.error(str(exc), icon=":material/error:")
                else:
                    st.session_state[_MELDING] = (
                        f"Toelichting {note.nummer} opgeslagen bij {indicatoren[indicator][0]} "
                        f"{jaar}."
                    )
                    st.rerun()
        notes = [n for n in toelichting.list_notes(jaar)
                 if n.deelnemer_code in (None, deelnemer)]
        if notes:
            st.markdown(f"**Toelichtingen {jaar}**")
        for note in notes:
            rij = st.columns([5, 1], vertical_alignment="center")
            naam = indicatoren.get(note.indicator_id, (note.indicator_id, False))[0]
            rij[0].markdown(f"{platte_tekst(naam)}: {platte_tekst(regel(note))}")
            if rij[1].button("Verwijderen", key=f"{sleutel}_toelichting_weg_{note.nummer}",
                             help=f"Toelichting {note.nummer} verwijderen"):
                try:
                    toelichting.remove(note.nummer, door=gebruiker, rol=rol)
                except toelichting.ToelichtingFout as exc:
                    st.error(str(exc), icon=":material/error:")
                else:
                    st.session_state[_MELDING] = f"Toelichting {note.nummer} verwijderd."
                    st.rerun()
