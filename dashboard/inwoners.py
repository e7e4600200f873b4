"""Per 10.000 inwoners (issue 14 item 6): ODT count indicators (strafrechtelijke zaken,
klachten) relative to a municipality's size, so Tubbergen (21.393) and Enschede (161.303) can
be compared. Only for ODT counts: contributions are equal regardless of size by design (000
Spoor 1).

The denominator is ``marts.inwoners`` (seed_inwoners: one row per municipality with its own
date and source, ``voorlopig`` until the CBS table 70072ned is loaded). The region's figure is
the region's count per 10.000 inhabitants of all municipalities in that table. A participant
without a row (the province, the water board) gets no figure ("–"), never a guess.
"""

from __future__ import annotations

import duckdb
import polars as pl
import streamlit as st

from dashboard import data

PER = 10_000
KOLOMMEN = ("strafrechtelijk", "klachten")


@st.cache_data(ttl=600, show_spinner=False)
def inwoners(version: data.Version) -> pl.DataFrame:
    """marts.inwoners (deelnemer_code, inwoners, peildatum, bron, status); empty on a warehouse
    built before the table existed."""
    try:
        return data._query(
            "select deelnemer_code, inwoners, peildatum, bron, status from marts.inwoners "
            "order by deelnemer_code"
        )
    except duckdb.CatalogException:
        return pl.DataFrame(schema={"deelnemer_code": pl.String, "inwoners": pl.Int32,
                                    "peildatum": pl.Date, "bron": pl.String,
                                    "status": pl.String})


def per_inwoners(naleving: pl.DataFrame, tabel: pl.DataFrame) -> pl.DataFrame:
    """``naleving`` (one row per participant, the region with deelnemer_code NULL) with
    ``KOLOMMEN`` replaced by their value per ``PER`` inhabitants, and ``inwoners``."""
    totaal = tabel["inwoners"].sum() if tabel.height else None
    met = naleving.join(tabel.select("deelnemer_code", "inwoners"), on="deelnemer_code",
                        how="left", maintain_order="left")
    noemer = (pl.when(pl.col("deelnemer_code").is_null()).then(pl.lit(totaal))
              .otherwise(pl.col("inwoners")))
    return met.with_columns(inwoners=noemer).with_columns(
        (pl.col(k) / pl.col("inwoners") * PER).alias(k) for k in KOLOMMEN
    )
