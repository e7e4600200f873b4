"""Eigen cijfers: one party's own detail (issue 16 point 5): its indicators, hours per month,
attendance, payments and, for a closed year, its settlement.

A ``deelnemer`` sees only the organisation its session is bound to (no choice); the kerngroep
and the beheerder choose a party. The data layer (dashboard/kerngroep_data.py,
``access.vereis_eigen``) refuses another party's rows whatever this page asks.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, data, logboek
from dashboard import kerngroep_data as kd
from dashboard.charts import MAANDEN

rol = access.vereis("eigen")
st.title("Eigen cijfers")

versie = data.warehouse_version()
partijen = kd.partijen(versie)
namen = dict(zip(partijen["code"], partijen["naam"], strict=True))
if rol == "deelnemer":
    code = access.gebonden_deelnemer()
    if code is None:
        st.error("Je account hoort bij geen organisatie; vraag de beheerder dit in te stellen.",
                 icon=":material/block:")
        st.stop()
else:
    code = st.selectbox("Partij", list(namen), format_func=lambda c: namen.get(c, c),
                        key="eigen_partij")
jaren = data.jaren(versie)["jaar"].to_list()
jaar = st.selectbox("Jaar", jaren, key="eigen_jaar")
st.subheader(f"{namen.get(code, code)} – {jaar}")
if not st.session_state.get(f"_gelogd_eigen_{code}"):  # once per session and party
    logboek.write("pagina_persoonsgegevens", {"pagina": "eigen", "deelnemer": code})
    st.session_state[f"_gelogd_eigen_{code}"] = True

indicatoren = kd.eigen_indicatoren(versie, jaar, code)
st.markdown("**Indicatoren**")
st.dataframe(
    pl.DataFrame({
        "Indicator": indicatoren["naam"].fill_null(indicatoren["indicator_id"]),
        "Waarde": [fmt.waarde(w, e) for w, e in zip(indicatoren["waarde"],
                                                    indicatoren["eenheid"], strict=True)],
        "Norm": [fmt.waarde(w, e) for w, e in zip(indicatoren["norm"], indicatoren["eenheid"],
                                                  strict=True)],
        "Status": [fmt.status(s) for s in indicatoren["status"]],
    }),
    hide_index=True, width="stretch",
)

uren = kd.eigen_uren(versie, jaar, code)
st.markdown("**Uren per maand**")
if uren.is_empty():
    st.info("Geen uren in dit jaar.")
else:
    per_maand = uren.pivot(on="gremium", index="maand", values="uren",
                           aggregate_function="sum").sort("maand")
    gremia = [c for c in per_maand.columns if c != "maand"]
    st.dataframe(
        per_maand.select(
            pl.col("maand").map_elements(lambda m: MAANDEN[m - 1], return_dtype=pl.String)
            .alias("Maand"),
            *(pl.col(c).fill_null(0.0).map_elements(lambda x: fmt.number(x, 2),
                                                    return_dtype=pl.String) for c in gremia),
        ),
        hide_index=True, width="stretch",
    )

presentie = kd.eigen_presentie(versie, jaar, code)
st.markdown("**Presentie**")
st.dataframe(
    pl.DataFrame({
        "Datum": [fmt.date(d) for d in presentie["datum"]],
        "Gremium": presentie["gremium"],
        "Verwacht": ["ja" if v else "nee" for v in presentie["verwacht"]],
        "Status": presentie["status"],
    }),
    hide_index=True, width="stretch",
)

betalingen = kd.eigen_betalingen(versie, jaar, code)
st.markdown("**Facturen en betalingen**")
st.dataframe(
    pl.DataFrame({
        "Soort": betalingen["soort"],
        "Bedrag": [fmt.euro(b) for b in betalingen["bedrag"]],
        "Factuurdatum": [fmt.date(d) for d in betalingen["factuurdatum"]],
        "Betaaldatum": [fmt.date(d) if d else "nog niet betaald"
                        for d in betalingen["betaaldatum"]],
    }),
    hide_index=True, width="stretch",
)

afrekening = kd.eigen_afrekening(versie, jaar, code)
if afrekening.height:
    a = afrekening.row(0, named=True)
    st.markdown("**Afrekening (003 Art. 7.3)**")
    st.markdown(
        f"Geleverd {fmt.number(a['uren_geleverd'], 1)} uur van de norm "
        f"{fmt.number(a['urennorm'], 1)}; tekort {fmt.number(a['uren_tekort'], 1)} uur; "
        f"vervangende bijdrage {fmt.euro(a['vervangende_bijdrage_verschuldigd'])}, betaald "
        f"{fmt.euro(a['vervangende_bijdrage_betaald'])}, saldo {fmt.euro(a['saldo'])}."
    )
