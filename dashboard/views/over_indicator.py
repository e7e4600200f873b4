"""Over deze indicator (issue 14): everything an evaluator needs to cite and check one indicator,
in Dutch, on one page: definition, formula (the herkomst query), norm history per year,
thresholds, source document and clause, the notes on its figures (toelichtingen), and links to
its values. Opened from the Indicatoren page ("Over deze indicator") or by link
(``/over_indicator?indicator=<id>``). Every role may read it: it holds no per-party rows.

Not shown yet: the source clause's quoted text from the seed documents and the evaluatiekader v2
decisions per indicator (neither is published in the warehouse; see the closing note)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import catalogus as kader_tekst
from core import fmt
from dashboard import access, data, export, koppeling, over_data

access.vereis("over_indicator")
st.title("Over deze indicator")

versie = data.warehouse_version()
catalogus = data.catalogus_herkomst(versie)
if catalogus.height == 0:
    st.info("Het evaluatiekader is leeg.")
    st.stop()
kader = {r["indicator_id"]: r for r in catalogus.to_dicts()}
koppeling.widget_uit_url("indicator", "over_indicator", list(kader), "indicator",
                         lambda i: kader[i]["naam"])
indicator = st.selectbox("Indicator", list(kader), format_func=lambda i: kader[i]["naam"],
                         key="over_indicator")
koppeling.naar_url("indicator", indicator)
info = kader[indicator]

st.header(info["naam"])
st.markdown(f"**Definitie.** {info['definitie']}")
st.markdown(
    f"**Eenheid:** {info['eenheid']} · **id:** `{indicator}` · **berekend uit:** "
    f"{info['herkomst_mart'] or fmt.EMPTY}"
)
regel = kader_tekst.statusregel(info["status_regel"], info["grens_basis"], info["eenheid"],
                                info["grens_groen"], info["grens_oranje"],
                                info["grens_oranje_exclusief"])
st.markdown(f"**Statusregel (drempels).** {regel}")
st.markdown(f"**Bron.** {kader_tekst.bron(info['bron_document'])}, "
            f"{kader_tekst.bron(info['bron_clausule'])}")

st.subheader("Formule (marts.herkomst)")
voorbeeld = over_data.herkomst_voorbeeld(versie, indicator)
if voorbeeld.height:
    r = voorbeeld.row(0, named=True)
    wie = r["deelnemer_code"] or "de regio"
    st.caption(f"De query die de waarde van {wie} in {r['jaar']} narekent; voor andere jaren "
               "en deelnemers verschilt alleen de where-regel.")
    st.code(f"select round({r['aggregatie_sql']}, 2)\nfrom marts.{r['bron_mart']}\n"
            f"where {r['filter_sql']}", language="sql")
else:
    st.info("Voor deze indicator is (nog) geen herkomst gepubliceerd.")

st.subheader("Normhistorie per jaar")
normen = over_data.normhistorie(versie, info["norm_sleutel"])
if info["norm_sleutel"] is None or normen.height == 0:
    st.info("Voor deze indicator geldt geen norm (informatief).")
else:
    st.dataframe(
        pl.DataFrame({
            "Jaar": [str(j) for j in normen["jaar"]],
            "Norm": [fmt.short(n, info["eenheid"]) if n is not None else "geen norm"
                     for n in normen["norm"]],
            "Bron": normen["bron"].fill_null(fmt.EMPTY),
        }),
        hide_index=True, width="stretch", key="over_normen",
    )
    export.knoppen(normen, f"normhistorie_{indicator}",
                   {"jaar": "Jaar", "norm_sleutel": "Normsleutel", "norm": "Norm",
                    "maatstaf": "Maatstaf", "bron": "Bron"}, indicator=indicator)

st.subheader("Toelichtingen")
notities = over_data.toelichtingen(indicator)
if notities:
    for n in notities:
        st.markdown(f"- **{n.jaar}**, {n.deelnemer_code or 'regio'}: {n.tekst} "
                    f"_({n.door}, {n.tijd[:10]})_")
else:
    st.caption("Geen toelichtingen bij deze indicator.")

st.page_link("views/indicatoren.py", label="Waarden en herkomst op de pagina Indicatoren",
             icon=":material/monitoring:", query_params={"indicator": indicator})
