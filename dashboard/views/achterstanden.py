"""Achterstanden (Kerngroep): per party, one year: the contribution status and since when, the
fixed contribution invoiced / paid / days overdue (term: seed value, 30 days after the
factuurdatum), the substitute owed, the last delivery (marts.achterstanden, issue 16 point 3).
The party column stays in view when the table scrolls sideways (pinned)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, data, export
from dashboard import kerngroep_data as kd

access.vereis("achterstanden")
st.title("Achterstanden")

versie = data.warehouse_version()
jaren = kd.achterstandsjaren(versie)
if not jaren:
    st.info("Er zijn nog geen jaren met normen.")
    st.stop()
jaar = st.selectbox("Jaar", jaren, key="achterstanden_jaar")
rijen = kd.achterstanden(versie, jaar)

onbetaald = rijen.filter(pl.col("vaste_bijdrage_status").is_in(["open", "te_laat"]))
te_laat = rijen.filter(pl.col("vaste_bijdrage_status") == "te_laat")
onder = rijen.filter(pl.col("vervulling_status") == "rood")
schuld = rijen.filter(pl.col("vervangende_bijdrage_saldo") > 0)


def _partijen(n: int) -> str:
    return f"{fmt.number(n, 0)} {'partij heeft' if n == 1 else 'partijen hebben'}"


kpi = st.columns(3)
kpi[0].metric("Vaste bijdrage niet betaald", fmt.number(onbetaald.height, 0),
              help="Gefactureerd en (nog) niet betaald.")
kpi[1].metric("Onder de norm (rood)", fmt.number(onder.height, 0))
kpi[2].metric("Vervangende bijdrage open", fmt.euro(schuld["vervangende_bijdrage_saldo"].sum()))
if onbetaald.height:
    st.warning(
        f"{_partijen(onbetaald.height)} de vaste bijdrage {jaar} nog niet betaald"
        + (f"; {fmt.number(te_laat.height, 0)} daarvan na de betaaltermijn" if te_laat.height
           else "") + ": " + ", ".join(onbetaald["naam"]) + ".",
        icon=":material/payments:",
    )

STATUS_VAST = {"betaald": "betaald", "open": "open (binnen termijn)", "te_laat": "te laat",
               "niet_gefactureerd": "niet gefactureerd"}
tabel = pl.DataFrame({
    "Partij": rijen["naam"],
    "Status bijdrage": [fmt.status(s) for s in rijen["vervulling_status"]],
    "Vervulling": [fmt.procent(v) for v in rijen["vervulling_pct"]],
    "Onder norm sinds": [str(j) if j is not None else "" for j in rijen["onder_norm_sinds_jaar"]],
    "Vaste bijdrage": [STATUS_VAST.get(s, s) for s in rijen["vaste_bijdrage_status"]],
    "Gefactureerd": [fmt.euro(v) for v in rijen["vaste_bijdrage_gefactureerd"]],
    "Betaald": [fmt.euro(v) for v in rijen["vaste_bijdrage_betaald"]],
    "Factuurdatum": [fmt.date(d) for d in rijen["vaste_bijdrage_factuurdatum"]],
    "Uiterlijk": [fmt.date(d) for d in rijen["vaste_bijdrage_vervaldatum"]],
    "Dagen te laat": [fmt.number(d, 0) if d else "" for d in rijen["vaste_bijdrage_dagen_te_laat"]],
    "Vervangende bijdrage verschuldigd": [
        fmt.euro(v) for v in rijen["vervangende_bijdrage_verschuldigd"]],
    "Vervangende bijdrage open": [fmt.euro(v) for v in rijen["vervangende_bijdrage_saldo"]],
    "Laatste levering": [fmt.date(d) for d in rijen["laatste_levering"]],
    "Leveringen te laat": [fmt.number(n, 0) for n in rijen["leveringen_te_laat"]],
})
st.dataframe(tabel, hide_index=True, width="stretch",
             column_config={"Partij": st.column_config.TextColumn(pinned=True)})
st.caption("Betaaltermijn van de vaste bijdrage: zie het leverschema/de normen (standaard 30 dagen "
           "na de factuurdatum). Vervangende bijdrage: 003 Art. 7.3, pro rata EUR 10.000 per "
           "130 uur tekort.")
export.knoppen(rijen, f"achterstanden_{jaar}", sleutel="achterstanden")
