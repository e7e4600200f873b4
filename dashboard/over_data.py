"""Queries of the "Over deze indicator" page (issue 14), through the data layer's connection
(``data._query``: the live warehouse or the chosen snapshot) and its cache key."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import data


@st.cache_data(ttl=600, show_spinner=False)
def normhistorie(version: data.Version, norm_sleutel: str | None) -> pl.DataFrame:
    """The norm of one norm key per year (marts.normen), oldest first."""
    return data._query(
        """
        select jaar, norm_sleutel, norm, maatstaf, bron
        from marts.normen
        where norm_sleutel = $sleutel
        order by jaar
        """,
        {"sleutel": norm_sleutel},
    )


@st.cache_data(ttl=600, show_spinner=False)
def herkomst_voorbeeld(version: data.Version, indicator_id: str) -> pl.DataFrame:
    """One marts.herkomst row of the indicator as its formula: the newest year, the region's
    row where there is one."""
    return data._query(
        """
        select jaar, deelnemer_code, bron_mart, filter_sql, aggregatie_sql
        from marts.herkomst
        where indicator_id = $indicator
        order by jaar desc, deelnemer_code nulls first
        limit 1
        """,
        {"indicator": indicator_id},
    )


def toelichtingen(indicator_id: str) -> list:
    """The notes on the indicator's figures (report/toelichting.py), every year, by number."""
    from report import toelichting  # the notes' own store, outside the warehouse

    return [n for n in toelichting.list_notes() if n.indicator_id == indicator_id]
