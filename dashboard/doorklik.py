"""Drill-through (issue 14): click a bar and see the records behind that value.

A chart built here carries in every point's ``customdata`` the key of the value it draws (the
participant's code, ``""`` for the region), and is drawn with ``on_select="rerun"``
(Streamlit 1.67: a click on a bar selects that point and reruns the page; the selection is in
the chart's return value). ``gekozen_code`` turns that selection into the key, so the page
shows the rows of ``marts.herkomst`` behind the clicked value: the same rows as choosing it in
the "Regio of deelnemer" list. Whether a role may see those rows is decided by the role table
(``access.DETAIL``) where they are read, never here.

Column labels of the detail rows are Dutch words for the published column names
(``kolomlabel``); the downloads keep the typed values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl

from core import fmt
from dashboard import charts

# Column name -> label where the plain rule (underscores to spaces) reads badly.
LABELS = {
    "deelnemer_code": "Deelnemer (code)",
    "trekker_code": "Trekker (code)",
    "vertegenwoordigd_door_code": "Vertegenwoordigd door (code)",
    "indicator_id": "Indicator (id)",
    "agenda_id": "Agendapunt (id)",
    "zaak_id": "Zaak (id)",
    "vergadering_id": "Vergadering (id)",
    "lading_id": "Lading (id)",
    "vervulling_pct": "Vervulling (%)",
    "aantal_registraties": "Aantal registraties",
    "uren": "Uren",
    "rij": "Rij (in levering)",
    "bron": "Bronbestand",
    "lhso_categorie": "LHSO-categorie",
    "odt": "ODT",
    "pho": "PHO",
}


def kolomlabel(kolom: str) -> str:
    """``uren_gerealiseerd`` -> ``Uren gerealiseerd``; known names from ``LABELS``."""
    if kolom in LABELS:
        return LABELS[kolom]
    woorden = [LABELS.get(w, w) for w in kolom.split("_")]
    tekst = " ".join(woorden)
    return tekst[:1].upper() + tekst[1:]


def kolomlabels(kolommen: Sequence[str]) -> dict[str, str]:
    """Column -> Dutch label for a table's columns (labels made unique)."""
    uit: dict[str, str] = {}
    for kolom in kolommen:
        label = kolomlabel(kolom)
        while label in uit.values():
            label += " "
        uit[kolom] = label
    return uit


def staaf_figuur(
    jaarwaarden: pl.DataFrame, eenheid: str | None, titel: str, regio: str
) -> go.Figure:
    """One bar per participant (and the region) for one indicator in one year, in the order of
    ``jaarwaarden`` (columns deelnemer_code, naam, waarde, status). The bar's text is its value
    and status word (never colour alone); ``customdata`` is the code ("" for the region)."""
    rijen = jaarwaarden.to_dicts()
    fig = go.Figure(
        go.Bar(
            x=[r["naam"] or regio for r in rijen],
            y=[r["waarde"] for r in rijen],
            customdata=[[r["deelnemer_code"] or ""] for r in rijen],
            marker={"color": [charts.STATUS_KLEUR.get(r["status"], "#999999") for r in rijen]},
            text=[
                f"{fmt.waarde(r['waarde'], eenheid)} · {fmt.status(r['status'])}" for r in rijen
            ],
            textposition="outside",
            hovertemplate="%{x}: %{text}<br>klik voor de rijen erachter<extra></extra>",
        )
    )
    charts.opmaak(fig, titel, {"procent": "%"}.get(eenheid or "", eenheid))
    fig.update_layout(clickmode="event+select", dragmode=False, showlegend=False)
    if eenheid == "procent":
        fig.update_yaxes(ticksuffix="%")
    return fig


def gekozen_code(selectie: Any) -> str | None:
    """The code of the clicked bar ("" = the region), None when nothing is selected."""
    try:
        punten = selectie["selection"]["points"]
    except (KeyError, TypeError):
        return None
    if not punten:
        return None
    data = punten[0].get("customdata")
    if isinstance(data, list):
        data = data[0] if data else None
    return data if isinstance(data, str) else None
