"""Chart building blocks: one place decides palette, Dutch number format and accessibility.

- Okabe-Ito palette (colour-blind safe); status is never shown by colour alone: charts that
  show status also carry the status text or symbol.
- Dutch separators (1.234,5) via ``separators``; month names from ``MAANDEN``.
- ``toon`` draws a figure with a PNG export button and puts the numbers behind it in a table
  underneath (the text alternative), with downloads.
- Time series mark the running year as partial (``jaar_as``, ``lijn``): it is measured up to
  the peildatum, so it is never drawn as if it were a full year.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import fmt, vocabulary
from dashboard import export

PALET = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_KLEUR = {"groen": "#009E73", "oranje": "#E69F00", "rood": "#D55E00", None: "#999999"}
# Colour and fill pattern of the agenda statuses, in their order (seed_agenda_statussen.volgorde:
# gepland, lopend, vertraagd, afgerond, gestopt); the status is also written on every bar.
_AGENDA_STIJLEN = (
    (PALET[4], "."), (PALET[0], ""), (PALET[5], "x"), (PALET[2], "/"), ("#999999", "-")
)
MAANDEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MAANDEN_VOLUIT = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"]


def agenda_status_style(status: str) -> tuple[str, str]:
    """(colour, pattern) of an agenda status."""
    volgorde = vocabulary.AGENDA_STATUSSEN.ordered()
    return _AGENDA_STIJLEN[volgorde.index(status)] if status in volgorde else ("#999999", "")


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


def jaar_as(fig: go.Figure, jaren: list[int], peildatum: date | None, **kwargs) -> None:
    """A year axis on which the running year (the year of ``peildatum``) reads as partial: its
    tick says "2026 (t/m 30-06-2026)" and a hatched band lies behind it (evaluatiekader v2: the
    running year is measured up to peildatum, never drawn as if it were a full year)."""
    jaren = sorted(set(jaren))
    fig.update_xaxes(
        tickvals=jaren, ticktext=[fmt.lopend_jaar(j, peildatum) for j in jaren],
        title_text="jaar", **kwargs,
    )
    if peildatum is not None and peildatum.year in jaren:
        fig.add_vrect(
            x0=peildatum.year - 0.5, x1=peildatum.year + 0.5, fillcolor="#DDDDDD",
            opacity=0.35, line_width=0, layer="below",
            annotation_text=f"t/m {fmt.date(peildatum)}", annotation_position="top left",
        )


def lijn(
    fig: go.Figure, jaren: list[int], waarden: list, peildatum: date | None, **trace
) -> None:
    """A yearly line whose last segment into the running year is dotted and whose running-year
    point is hollow: a partial year, not a full one. ``trace`` goes to ``go.Scatter`` (name,
    line, marker, hovertemplate, customdata, ...)."""
    lopend = peildatum.year if peildatum is not None else None
    punten = list(zip(jaren, waarden, strict=True))
    vol = [(j, w) for j, w in punten if j != lopend]
    deel = [(j, w) for j, w in punten if j == lopend]
    groep = trace.pop("legendgroup", trace.get("name"))
    customdata = trace.pop("customdata", None)
    data_van = dict(zip(jaren, customdata, strict=True)) if customdata is not None else None
    marker = dict(trace.pop("marker", {}) or {})
    symbolen = marker.pop("symbol", None)
    symbool_van = (
        dict(zip(jaren, symbolen, strict=True)) if isinstance(symbolen, list) else None
    )

    def markers(punten_: list[tuple], open_: bool) -> dict:
        m = dict(marker)
        if symbool_van is not None:
            m["symbol"] = [
                (symbool_van[j] or "circle") + ("-open" if open_ else "") for j, _ in punten_
            ]
        elif symbolen is not None:
            m["symbol"] = symbolen + ("-open" if open_ else "")
        elif open_:
            m["symbol"] = "circle-open"
        return m

    def extra(punten_: list[tuple]) -> dict:
        return {"customdata": [data_van[j] for j, _ in punten_]} if data_van else {}

    fig.add_trace(go.Scatter(
        x=[j for j, _ in vol], y=[w for _, w in vol], mode="lines+markers", legendgroup=groep,
        marker=markers(vol, False), **extra(vol), **trace,
    ))
    if deel:
        # the running year: a dotted segment from the last full year, a hollow point
        aanloop = vol[-1:] + deel
        stippel = {**trace, "line": {**(trace.get("line") or {}), "dash": "dot"}}
        stippel.pop("name", None)
        # the segment starts at the last full year's point, drawn already by the solid trace
        open_punt = {**markers(aanloop, True), "opacity": [0] * len(vol[-1:]) + [1]}
        fig.add_trace(go.Scatter(
            x=[j for j, _ in aanloop], y=[w for _, w in aanloop], mode="lines+markers",
            legendgroup=groep, showlegend=False, marker=open_punt,
            name=f"{trace.get('name', '')} (t/m {fmt.date(peildatum)})",
            **extra(aanloop), **{k: v for k, v in stippel.items() if k != "showlegend"},
        ))
