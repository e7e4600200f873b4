"""Leveringen (Kerngroep): which party delivered what for which period, and what is late
(marts.leveringen; the schedule is the seed seed_leverschema, issue 16 point 2).

Late deliveries first, then the party × month matrix of the monthly hour registrations, so
"behind" (te laat: past its due date) is told apart from "not yet due".
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, data
from dashboard import kerngroep_data as kd
from dashboard.charts import MAANDEN

access.vereis("leveringen")
st.title("Leveringen")

versie = data.warehouse_version()
jaren = kd.leveringsjaren(versie)
if not jaren:
    st.info("Er is nog geen leverschema met perioden.")
    st.stop()
jaar = st.selectbox("Jaar", jaren, key="leveringen_jaar")
rijen = kd.leveringen(versie, jaar)
laat = rijen.filter(pl.col("status") == "te_laat").sort("dagen_te_laat", descending=True)

kpi = st.columns(3)
kpi[0].metric("Te laat", fmt.number(laat.height, 0))
kpi[1].metric("Geleverd", fmt.number(rijen.filter(pl.col("status") == "geleverd").height, 0))
kpi[2].metric("Nog niet verschuldigd",
              fmt.number(rijen.filter(pl.col("status") == "nog_niet_verschuldigd").height, 0))

def _wat(soort: str, gremium: str | None) -> str:
    """The delivery kind (seed_soorten) and, for attendance, the gremium."""
    return soort + (f" ({gremium})" if gremium else "")


st.subheader("Te laat")
if laat.is_empty():
    st.success(f"Geen leveringen van {jaar} te laat.")
else:
    st.dataframe(
        pl.DataFrame({
            "Leverancier": laat["leverancier"],
            "Levering": [_wat(s, g) for s, g in zip(laat["soort"], laat["gremium"], strict=True)],
            "Periode": laat["periode_label"],
            "Uiterlijk": [fmt.date(d) for d in laat["vervaldatum"]],
            "Dagen te laat": [fmt.number(d, 0) for d in laat["dagen_te_laat"]],
        }),
        hide_index=True, width="stretch",
        column_config={"Leverancier": st.column_config.TextColumn(pinned=True)},
    )

st.subheader("Uren per partij en maand")
st.caption("✓ geleverd · ✗ te laat · – nog niet verschuldigd. Een maand is te laat als de uren "
           "er na de termijn van het leverschema nog niet zijn.")
TEKEN = {"geleverd": "✓", "te_laat": "✗", "nog_niet_verschuldigd": "–"}
uren = rijen.filter(pl.col("soort") == "inzet")
if uren.is_empty():
    st.info("Geen urenleveringen in dit jaar.")
else:
    matrix = (
        uren.with_columns(pl.col("status").replace_strict(TEKEN, default="?").alias("teken"),
                          pl.col("periode_begin").dt.month().alias("maand"))
        .pivot(on="maand", index="leverancier", values="teken", sort_columns=True)
    )
    laatst = (uren.group_by("leverancier")
              .agg((pl.col("status") == "te_laat").sum().alias("te_laat")))
    matrix = (matrix.join(laatst, on="leverancier")
              .sort(["te_laat", "leverancier"], descending=[True, False]))
    namen = dict(zip(map(str, range(1, 13)), MAANDEN, strict=True))
    st.dataframe(
        matrix.rename({"leverancier": "Partij", "te_laat": "Te laat",
                       **{k: v for k, v in namen.items() if k in matrix.columns}}),
        hide_index=True, width="stretch",
        column_config={"Partij": st.column_config.TextColumn(pinned=True)},
    )

anders = rijen.filter(pl.col("soort") != "inzet")
if not anders.is_empty():
    st.subheader("Andere leveringen")
    st.dataframe(
        pl.DataFrame({
            "Leverancier": anders["leverancier"],
            "Levering": [_wat(s, g) for s, g in zip(anders["soort"], anders["gremium"],
                                                     strict=True)],
            "Periode": anders["periode_label"],
            "Uiterlijk": [fmt.date(d) for d in anders["vervaldatum"]],
            "Aangeleverd": [fmt.date(d) for d in anders["aangeleverd_op"]],
            "Status": [{"geleverd": "geleverd", "te_laat": "te laat",
                        "nog_niet_verschuldigd": "nog niet verschuldigd"}.get(s, s)
                       for s in anders["status"]],
        }),
        hide_index=True, width="stretch",
        column_config={"Leverancier": st.column_config.TextColumn(pinned=True)},
    )
