"""Review: each party confirms its figures of a closed year (issue 16 point 5).

The kerngroep (and beheerder) opens and closes the round of a year and sees the state per
party; a deelnemer marks its own organisation's figures "akkoord" or "niet akkoord" with a
comment. A mark is bound to the snapshot of the published warehouse the party looked at
(warehouse/reviews.py); if the warehouse was published again while the page was open, the mark
is refused and the party is asked to look again. Every change is in the Logboek.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, data
from dashboard import kerngroep_data as kd
from warehouse import reviews
from warehouse.snapshot import SnapshotError, create_snapshot

rol = access.vereis("review")
st.title("Review")

STATUS = {"open": "nog niet beoordeeld", "akkoord": "akkoord", "niet_akkoord": "niet akkoord",
          "opnieuw_bekijken": "opnieuw bekijken (cijfers gewijzigd)"}
versie = data.warehouse_version()
gebruiker = st.session_state.get("gebruiker", "demo")
peiljaar = data.publicatie(versie)["peildatum"][0].year
jaren = sorted({*[r.jaar for r in reviews.rondes()], *range(2024, peiljaar)}, reverse=True)
if not jaren:
    st.info("Er is nog geen afgesloten jaar.")
    st.stop()
jaar = st.selectbox("Jaar", jaren, key="review_jaar")
ronde = reviews.ronde(jaar)


def _fout(actie) -> None:
    try:
        actie()
    except (reviews.ReviewFout, SnapshotError) as exc:
        st.error(str(exc), icon=":material/block:")
        return
    st.rerun()


if access.mag("reviewronde"):
    if ronde is None or ronde.status == "gesloten":
        tekst = "Reviewronde openen" if ronde is None else "Reviewronde heropenen"
        if st.button(tekst, key="review_open", icon=":material/play_arrow:"):
            _fout(lambda: reviews.open_ronde(jaar, gebruiker, rol))
    elif st.button("Reviewronde sluiten", key="review_sluit", icon=":material/stop:"):
        _fout(lambda: reviews.sluit_ronde(jaar, gebruiker, rol))

if ronde is None:
    st.info(f"Er is (nog) geen reviewronde over {jaar}.")
    st.stop()

telling = ronde.telling()
st.caption(f"Reviewronde {jaar}: {'open' if ronde.status == 'open' else 'gesloten'}; "
           f"{telling['akkoord']} akkoord, {telling['niet_akkoord']} niet akkoord, "
           f"{telling['opnieuw_bekijken']} opnieuw te bekijken, {telling['open']} open.")

if rol == "deelnemer":
    code = access.gebonden_deelnemer()
    partij = ronde.partijen.get(code or "")
    if code is None or partij is None:
        st.error("Je account hoort bij geen partij van deze reviewronde.", icon=":material/block:")
        st.stop()
    st.subheader(f"Jouw cijfers over {jaar}")
    st.markdown(f"Status: **{STATUS[partij.status]}**"
                + (f" (momentopname {partij.snapshot_id})" if partij.snapshot_id else ""))
    indicatoren = kd.eigen_indicatoren(versie, jaar, code)
    st.dataframe(
        pl.DataFrame({
            "Indicator": indicatoren["naam"].fill_null(indicatoren["indicator_id"]),
            "Waarde": [fmt.waarde(w, e) for w, e in zip(indicatoren["waarde"],
                                                        indicatoren["eenheid"], strict=True)],
            "Status": [fmt.status(s) for s in indicatoren["status"]],
        }),
        hide_index=True, width="stretch",
    )
    afrekening = kd.eigen_afrekening(versie, jaar, code)
    if afrekening.height:
        a = afrekening.row(0, named=True)
        st.markdown(f"Afrekening: tekort {fmt.number(a['uren_tekort'], 1)} uur, vervangende "
                    f"bijdrage {fmt.euro(a['vervangende_bijdrage_verschuldigd'])}, saldo "
                    f"{fmt.euro(a['saldo'])}.")
    # the figures on screen belong to this published warehouse; a mark binds to its snapshot
    st.session_state.setdefault("review_gezien", versie)
    if ronde.status == "open":
        with st.form("review_form"):
            oordeel = st.radio("Oordeel", ["akkoord", "niet_akkoord"],
                               format_func=lambda o: STATUS[o], key="review_oordeel")
            opmerking = st.text_area("Opmerking (verplicht bij niet akkoord)",
                                     key="review_opmerking", max_chars=reviews.MAX_OPMERKING)
            if st.form_submit_button("Oordeel opslaan", key="review_opslaan"):
                if data.warehouse_version() != st.session_state.pop("review_gezien"):
                    st.warning("De cijfers zijn intussen opnieuw gepubliceerd; bekijk ze opnieuw "
                               "en geef dan je oordeel.")
                else:
                    _fout(lambda: reviews.beoordeel(jaar, code, oordeel, create_snapshot().id,
                                                    gebruiker, rol, opmerking))
else:
    st.subheader("Stand per partij")
    namen = dict(zip(*kd.partijen(versie).get_columns(), strict=True))
    st.dataframe(
        pl.DataFrame({
            "Partij": [namen.get(c, c) for c in ronde.partijen],
            "Status": [STATUS[p.status] for p in ronde.partijen.values()],
            "Opmerking": [p.opmerking for p in ronde.partijen.values()],
            "Door": [p.door or "" for p in ronde.partijen.values()],
            "Op": [fmt.date_time(datetime.fromisoformat(p.op)) if p.op else ""
                   for p in ronde.partijen.values()],
            "Momentopname": [p.snapshot_id or "" for p in ronde.partijen.values()],
        }).sort("Partij"),
        hide_index=True, width="stretch",
        column_config={"Partij": st.column_config.TextColumn(pinned=True)},
    )
