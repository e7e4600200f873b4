"""Chart building blocks: one place decides palette, Dutch number format and accessibility.

- Okabe-Ito palette (colour-blind safe); status is never shown by colour alone: charts that
  show status also carry the status text or symbol.
- Dutch separators (1.234,5) via ``separators``; month names from ``MAANDEN``.
- ``toon`` draws a figure with a PNG export button and puts the numbers behind it in a table
  underneath (the text alternative), with downloads.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import export

PALET = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_KLEUR = {"groen": "#009E73", "oranje": "#E69F00", "rood": "#D55E00", None: "#999999"}
MAANDEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MAANDEN_VOLUIT = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"]


def opmaak(fig: go.Figure, titel: str, y_titel: str | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": titel, "x": 0},
        separators=",.",
        colorway=PALET,
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        template="plotly_white",
    )
    if y_titel:
        fig.update_yaxes(title_text=y_titel)
    return fig


def config(bestandsnaam: str) -> dict:
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": bestandsnaam, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def toon(
    fig: go.Figure,
    cijfers: pl.DataFrame,
    naam: str,
    kolommen: dict[str, str] | None = None,
) -> None:
    """The chart (PNG via its camera button) and the numbers behind it, with downloads."""
    st.plotly_chart(fig, config=config(naam), key=f"grafiek_{naam}")
    with st.expander("Cijfers bij deze grafiek", icon=":material/table:"):
        tabel = cijfers
        if kolommen:
            tabel = cijfers.select(c for c in kolommen if c in cijfers.columns).rename(
                {c: h for c, h in kolommen.items() if c in cijfers.columns}
            )
        st.dataframe(tabel, hide_index=True, width="stretch")
        export.knoppen(cijfers, naam, kolommen, sleutel=f"grafiek_{naam}")
