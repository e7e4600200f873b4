"""Gegevens (Beheer): how recent the published data are, every load attempt, and the rows that
were rejected (quarantine), so the data steward knows what to chase."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from dashboard import access, data, fmt

access.vereis("gegevens")
st.title("Gegevens")

versie = data.warehouse_version()
publicatie = data.publicatie(versie)
ladingen = data.ladingen(versie)
quarantaine = data.quarantaine(versie)

pub = publicatie.row(0, named=True) if publicatie.height else {}
vakken = st.columns(5)
vakken[0].metric("Gegevens tot en met", fmt.datumtijd(pub.get("data_tot")))
vakken[1].metric("Gebouwd op", fmt.datumtijd(pub.get("gebouwd_op")))
vakken[2].metric("Peildatum", fmt.datum(pub.get("peildatum")))
vakken[3].metric("Ladingen", fmt.getal(ladingen.height, 0))
vakken[4].metric("Rijen in quarantaine", fmt.getal(quarantaine.height, 0))


def _tekst(kolom: pl.Series, opmaak: Callable[[Any], str]) -> pl.Series:
    return pl.Series(kolom.name, [opmaak(x) for x in kolom.to_list()], dtype=pl.String)


st.subheader("Ladingen")
st.caption("Elke poging om een bestand te laden, nieuwste eerst.")
st.dataframe(
    ladingen.select(
        pl.col("lading_id").alias("Lading"),
        pl.col("bron").alias("Bestand"),
        pl.col("soort").alias("Soort"),
        _tekst(ladingen["geladen_op"], fmt.datumtijd).alias("Geladen op"),
        _tekst(ladingen["rijen_gelezen"], lambda x: fmt.getal(x, 0)).alias("Rijen gelezen"),
        _tekst(ladingen["rijen_geladen"], lambda x: fmt.getal(x, 0)).alias("Rijen geladen"),
        _tekst(ladingen["rijen_quarantaine"], lambda x: fmt.getal(x, 0)).alias(
            "Rijen in quarantaine"
        ),
        pl.col("resultaat").alias("Resultaat"),
        pl.col("melding").fill_null("").alias("Melding"),
        pl.col("sha256").alias("SHA-256"),
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Quarantaine")
st.caption(
    "Rijen die een regel van het datacontract breken. Ze zijn niet geladen; het bestand zelf "
    "is bewaard. Rij is het regelnummer zoals een spreadsheet het toont (kopregel = 1)."
)
bronnen = quarantaine["bron"].unique().sort().to_list()
gekozen = st.multiselect("Bron", bronnen, placeholder="Alle bronnen", key="gegevens_bron")
getoond = quarantaine.filter(pl.col("bron").is_in(gekozen)) if gekozen else quarantaine
if gekozen:
    aantal, totaal = fmt.getal(getoond.height, 0), fmt.getal(quarantaine.height, 0)
    st.caption(f"{aantal} van {totaal} rijen in quarantaine.")
st.dataframe(
    getoond.select(
        pl.col("bron").alias("Bron"),
        pl.col("soort").alias("Soort"),
        pl.col("rij").alias("Rij"),
        pl.col("kolom").fill_null("(hele rij)").alias("Kolom"),
        pl.col("waarde").alias("Waarde"),
        pl.col("reden").alias("Reden"),
    ),
    hide_index=True,
    width="stretch",
)
