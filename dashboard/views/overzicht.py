"""Overzicht (Bestuur): the catalogue's indicators for one year, the chosen participant against
the region, each with its norm and status (as text and symbol, never colour alone)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import access, data, filters, fmt

access.vereis("overzicht")
st.title("Overzicht")

keuze = filters.huidige()
versie = data.warehouse_version()

publicatie = data.publicatie(versie)
if publicatie.height:
    pub = publicatie.row(0, named=True)
    st.caption(
        f"Gegevens tot en met {fmt.datumtijd(pub['data_tot'])} · "
        f"gebouwd {fmt.datumtijd(pub['gebouwd_op'])} · peildatum {fmt.datum(pub['peildatum'])}"
    )

if keuze.jaar is None:
    st.info("Het warehouse bevat nog geen indicatoren.")
    st.stop()

deelnemer = keuze.deelnemer_naam or "Deelnemer"
st.subheader(f"{keuze.jaar}: {deelnemer} en de regio")

waarden = data.indicatoren(versie, keuze.jaar)
kolommen = ["indicator_id", "waarde", "norm", "status"]
regio = waarden.filter(pl.col("deelnemer_code").is_null()).select(kolommen)
eigen = (
    waarden.filter(pl.col("deelnemer_code") == keuze.deelnemer_code)
    .select(kolommen)
    .with_columns(heeft_eigen=pl.lit(True))
)
tabel = (
    data.catalogus(versie)
    .select("indicator_id", "naam", "eenheid")
    .join(regio, on="indicator_id", how="left", maintain_order="left")
    .join(eigen, on="indicator_id", how="left", suffix="_eigen", maintain_order="left")
)

rijen = tabel.to_dicts()
# Norm and status belong to the participant's own value where it has one (the board member's
# question: "is my municipality doing its share?"), otherwise to the region's.
norm_status = [
    (r["norm_eigen"], r["status_eigen"]) if r["heeft_eigen"] else (r["norm"], r["status"])
    for r in rijen
]
overzicht = pl.DataFrame(
    {
        "Indicator": [r["naam"] for r in rijen],
        "Regio": [fmt.waarde(r["waarde"], r["eenheid"]) for r in rijen],
        deelnemer: [fmt.waarde(r["waarde_eigen"], r["eenheid"]) for r in rijen],
        "Norm": [fmt.waarde(n, r["eenheid"]) for r, (n, _) in zip(rijen, norm_status, strict=True)],
        "Status": [fmt.status(s) for _, s in norm_status],
    },
    schema={k: pl.String for k in ["Indicator", "Regio", deelnemer, "Norm", "Status"]},
)

st.dataframe(overzicht, hide_index=True, width="stretch")
st.caption(
    f"Norm en status gelden voor {deelnemer} waar die een eigen waarde heeft, anders voor de "
    f"regio. {fmt.status_legenda()}"
)
