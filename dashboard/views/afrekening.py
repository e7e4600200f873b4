"""Afrekening (Kerngroep): the year settlement of 003 Art. 7.3 ("deels of geheel") for a closed
year: per party the hours delivered against the representation-adjusted norm, the shortfall,
the substitute contribution it corresponds to pro rata (EUR 10,000 per 130 h), what was paid,
the balance (marts.afrekening, issue 16 point 4); a statement per party to send with the
invoice (Excel)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, afrekeningsbrief, data, export
from dashboard import kerngroep_data as kd

access.vereis("afrekening")
st.title("Afrekening")

versie = data.warehouse_version()
jaren = kd.afrekeningsjaren(versie)
if not jaren:
    st.info("Er is nog geen afgesloten jaar om af te rekenen (een jaar is afgesloten als het "
            "voor het jaar van de peildatum ligt, of als de kerngroep het afsluit).")
    st.stop()
jaar = st.selectbox("Jaar", jaren, key="afrekening_jaar")
rijen = kd.afrekening(versie, jaar)
if rijen.height and rijen["afsluiting"][0] == "kerngroep":
    st.info(f"{jaar} is door de kerngroep afgesloten.")

kpi = st.columns(3)
kpi[0].metric("Partijen met een tekort", fmt.number(rijen.filter(pl.col("uren_tekort") > 0)
                                                    .height, 0))
kpi[1].metric("Vervangende bijdrage", fmt.euro(rijen["vervangende_bijdrage_verschuldigd"].sum()))
kpi[2].metric("Nog te betalen", fmt.euro(rijen.filter(pl.col("saldo") > 0)["saldo"].sum()))

st.dataframe(
    pl.DataFrame({
        "Partij": rijen["naam"],
        "Uren geleverd": [fmt.number(v, 1) for v in rijen["uren_geleverd"]],
        "Urennorm": [fmt.number(v, 1) for v in rijen["urennorm"]],
        "Vertegenwoordiging": [fmt.number(v, 0) for v in rijen["vertegenwoordigingsfactor"]],
        "Tekort (uren)": [fmt.number(v, 1) for v in rijen["uren_tekort"]],
        "Vervangende bijdrage": [fmt.euro(v) for v in rijen["vervangende_bijdrage_verschuldigd"]],
        "Betaald": [fmt.euro(v) for v in rijen["vervangende_bijdrage_betaald"]],
        "Saldo": [fmt.euro(v) for v in rijen["saldo"]],
    }),
    hide_index=True, width="stretch",
    column_config={"Partij": st.column_config.TextColumn(pinned=True)},
)
st.caption("003 Art. 7.3: wie minder uren inzet dan de norm betaalt deels of geheel een "
           "vervangende bijdrage, naar rato: EUR 10.000 per 130 uur (maal de "
           "vertegenwoordigingsfactor). Saldo = verschuldigd − betaald; positief is nog te "
           "betalen.")
export.knoppen(rijen, f"afrekening_{jaar}", sleutel="afrekening")

st.subheader("Afrekening per partij")
namen = dict(zip(rijen["naam"], rijen["deelnemer_code"], strict=True))
naam = st.selectbox("Partij", list(namen), key="afrekening_partij")
if naam:
    rij = rijen.filter(pl.col("deelnemer_code") == namen[naam]).row(0, named=True)
    st.markdown(afrekeningsbrief.tekst(jaar, rij))
    st.download_button(
        "Afrekening (Excel)", afrekeningsbrief.excel(jaar, rij),
        file_name=f"afrekening_{jaar}_{namen[naam]}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", key="afrekening_brief", on_click="ignore",
    )
