"""Agenda (Bestuur): the samenwerkingsagenda's items (bestuursopdrachten, opgaven, projecten) by
pillar (003 Art. 2.1 a–g) and status, the late and overdue ones against peildatum, a timeline
from start to deadline, and the status history of one item (000 Opgave 5; 003 Art. 1d).

Lateness (achterstallig, te laat afgerond, days past the deadline) is the mart's
(marts.agenda); this page only labels it. Status is always written out, never colour alone."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import fmt, vocabulary
from dashboard import access, charts, data, export, filters

access.vereis("agenda")
st.title("Agenda")

# 003 Art. 2.1: the pillars of the cooperation; the statuses in their order (seeds).
PIJLERS = vocabulary.PIJLERS
STATUSSEN = vocabulary.AGENDA_STATUSSEN.ordered()
STATUS_KLEUR = {s: charts.agenda_status_style(s)[0] for s in STATUSSEN}
STATUS_PATROON = {s: charts.agenda_status_style(s)[1] for s in STATUSSEN}
TYPES = {"bestuursopdracht": "Bestuursopdracht", "opgave": "Opgave", "project": "Project"}


def pijler_label(p: str | None) -> str:
    return f"{p}. {PIJLERS.label(p)}" if p in PIJLERS else (p or fmt.EMPTY)


def signaal(rij: dict) -> str:
    """The item's lateness in words (flags and day counts from marts.agenda)."""
    if rij["achterstallig"]:
        return f"⚠ achterstallig ({fmt.aantal(rij['dagen_na_deadline'])} dagen na deadline)"
    if rij["te_laat_afgerond"]:
        return f"te laat afgerond ({fmt.aantal(rij['dagen_na_deadline'])} dagen)"
    if rij["op_tijd_afgerond"]:
        return "op tijd afgerond"
    return ""


keuze = filters.huidige()
versie = data.warehouse_version()

publicatie = data.publicatie(versie)
peildatum = publicatie["peildatum"][0] if publicatie.height else None
st.caption(
    f"Peildatum {fmt.date(peildatum)}: een item is achterstallig als de deadline vóór de "
    "peildatum ligt en het niet afgerond of gestopt is (000 Opgave 5)."
)

items = data.agenda(versie)
if items.height == 0:
    st.info("Er zijn nog geen agenda-items geladen.")
    st.stop()

# --- Kerncijfers ----------------------------------------------------------------------------------
telling = data.agenda_per_pijler(versie)
totaal = telling.filter(pl.col("pijler").is_null()).row(0, named=True)
vakken = st.columns(4)
vakken[0].metric("Items", fmt.aantal(totaal["aantal"]))
vakken[1].metric(
    "Afgerond", fmt.aantal(totaal["afgerond"]),
    f"waarvan te laat: {fmt.aantal(totaal['te_laat_afgerond'])}", delta_color="off",
    delta_arrow="off",
)
vakken[2].metric(
    "Achterstallig",
    fmt.aantal(totaal["achterstallig"]),
    help="Deadline voor de peildatum, niet afgerond en niet gestopt.",
)
if keuze.jaar is not None:
    op_tijd = data.indicatoren(versie, keuze.jaar).filter(
        pl.col("indicator_id") == "agenda_op_tijd", pl.col("deelnemer_code").is_null()
    )
    if op_tijd.height:
        rij = op_tijd.row(0, named=True)
        vakken[3].metric(
            f"Op tijd afgerond {keuze.jaar}",
            fmt.procent(rij["waarde"]),
            fmt.status(rij["status"]),
            delta_color="off",
            delta_arrow="off",
            help="Items met deadline in het jaar (tot de peildatum) die op tijd zijn afgerond.",
        )

# --- Per pijler en status ---------------------------------------------------------------------
st.header("Per pijler en status")
per_pijler = (
    pl.DataFrame({"pijler": list(PIJLERS)})
    .join(telling.filter(pl.col("pijler").is_not_null()), on="pijler", how="full",
          coalesce=True, maintain_order="left")
    .fill_null(0)
    .with_columns(pijlernaam=pl.col("pijler").map_elements(pijler_label, return_dtype=pl.String))
)
PIJLER_KOLOMMEN = {
    "pijlernaam": "Pijler",
    "aantal": "Items",
    **{s: vocabulary.AGENDA_STATUSSEN.label(s) for s in STATUSSEN},
    "achterstallig": "Achterstallig",
    "te_laat_afgerond": "Te laat afgerond",
}
st.dataframe(
    pl.DataFrame(
        {kop: fmt.texts(per_pijler[k], fmt.aantal) if k != "pijlernaam" else per_pijler[k]
         for k, kop in PIJLER_KOLOMMEN.items()}
    ),
    hide_index=True,
    width="stretch",
    key="agenda_tabel_pijlers",
)
st.caption("Pijlers volgens de samenwerkingsovereenkomst (003 Art. 2.1).")
export.knoppen(per_pijler, "agenda_per_pijler", PIJLER_KOLOMMEN)

fig = go.Figure(
    [
        go.Bar(
            name=status,
            y=per_pijler["pijlernaam"].to_list(),
            x=per_pijler[status].to_list(),
            orientation="h",
            marker_color=STATUS_KLEUR[status],
            marker_pattern_shape=STATUS_PATROON[status],
            text=[status if n else "" for n in per_pijler[status].to_list()],
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate=f"%{{y}}<br>{status}: %{{x}}<extra></extra>",
        )
        for status in STATUSSEN
    ]
)
fig.update_layout(barmode="stack", height=420)
fig.update_yaxes(autorange="reversed")
fig.update_xaxes(title_text="aantal items", dtick=1)
charts.opmaak(fig, "Agenda-items per pijler en status")
charts.toon(fig, per_pijler, "agenda_pijlers_grafiek", PIJLER_KOLOMMEN)

# --- Selectie voor de lijsten -------------------------------------------------------------------
st.header("Items")
kolom = st.columns([3, 2])
pijlers = kolom[0].multiselect(
    "Pijler", list(PIJLERS), format_func=pijler_label, placeholder="Alle pijlers",
    key="agenda_pijlers",
)
alleen_jaar = keuze.jaar is not None and kolom[1].toggle(
    f"Alleen items met deadline in {keuze.jaar}", key="agenda_alleen_jaar"
)
getoond = items
if pijlers:
    getoond = getoond.filter(pl.col("pijler").is_in(pijlers))
if alleen_jaar:
    getoond = getoond.filter(pl.col("deadline_jaar") == keuze.jaar)
getoond = getoond.with_columns(
    signaal=pl.Series([signaal(r) for r in getoond.to_dicts()], dtype=pl.String),
    pijlernaam=pl.col("pijler").map_elements(pijler_label, return_dtype=pl.String),
    typenaam=pl.col("type").replace_strict(TYPES, default=pl.col("type")),
)
st.caption(f"{fmt.aantal(getoond.height)} van {fmt.aantal(items.height)} items.")

ITEM_KOLOMMEN = {
    "agenda_id": "Id",
    "typenaam": "Soort",
    "pijlernaam": "Pijler",
    "titel": "Titel",
    "trekker": "Trekker",
    "startdatum": "Start",
    "deadline": "Deadline",
    "status": "Status",
    "voortgang": "Voortgang (%)",
    "afgerond_op": "Afgerond op",
    "dagen_na_deadline": "Dagen na deadline",
    "signaal": "Signaal",
}


def item_tabel(frame: pl.DataFrame, sleutel: str) -> None:
    st.dataframe(
        pl.DataFrame(
            {
                "Id": frame["agenda_id"],
                "Soort": frame["typenaam"],
                "Pijler": frame["pijlernaam"],
                "Titel": frame["titel"],
                "Trekker": frame["trekker"].fill_null(fmt.EMPTY),
                "Start": fmt.texts(frame["startdatum"], fmt.date),
                "Deadline": fmt.texts(frame["deadline"], fmt.date),
                "Status": frame["status"],
                "Voortgang": fmt.texts(frame["voortgang"], lambda v: fmt.procent(v, 0)),
                "Afgerond op": fmt.texts(frame["afgerond_op"], fmt.date),
                "Signaal": frame["signaal"],
            },
            schema_overrides={"Trekker": pl.String},
        ),
        hide_index=True,
        width="stretch",
        key=f"agenda_tabel_{sleutel}",
    )
    export.knoppen(frame, f"agenda_{sleutel}", ITEM_KOLOMMEN)


st.subheader("Achterstallig en te laat afgerond")
laat = getoond.filter(pl.col("achterstallig") | pl.col("te_laat_afgerond")).sort(
    "achterstallig", "dagen_na_deadline", descending=True
)
if laat.height == 0:
    st.success("Geen achterstallige of te laat afgeronde items in deze selectie.")
else:
    n_achter = laat.filter(pl.col("achterstallig")).height
    st.caption(
        f"{fmt.aantal(n_achter)} achterstallig, {fmt.aantal(laat.height - n_achter)} te laat "
        "afgerond; de langst achterstallige eerst."
    )
    item_tabel(laat, "laat")

st.subheader("Tijdlijn")
lijn = getoond.filter(pl.col("startdatum").is_not_null(), pl.col("deadline").is_not_null()).sort(
    "pijler", "startdatum", "agenda_id"
)
zonder = getoond.height - lijn.height
if lijn.height:
    labels = [
        f"{i} {t[:38]}{'…' if len(t) > 38 else ''}"
        for i, t in zip(lijn["agenda_id"], lijn["titel"], strict=True)
    ]
    fig = go.Figure()
    for status in STATUSSEN:
        deel = [i for i, s in enumerate(lijn["status"].to_list()) if s == status]
        if not deel:
            continue
        rijen = lijn[deel]
        fig.add_trace(
            go.Bar(
                name=status,
                orientation="h",
                y=[labels[i] for i in deel],
                base=[d.isoformat() for d in rijen["startdatum"].to_list()],
                # bar length in milliseconds: plotly's unit for a date axis
                x=[
                    (e - s).days * 86_400_000
                    for s, e in zip(rijen["startdatum"], rijen["deadline"], strict=True)
                ],
                marker_color=STATUS_KLEUR[status],
                marker_pattern_shape=STATUS_PATROON[status],
                text=[
                    f"{status} · achterstallig" if a else status
                    for a in rijen["achterstallig"].to_list()
                ],
                textposition="auto",  # outside a bar too short for its status
                insidetextanchor="start",
                constraintext="none",
                customdata=list(
                    zip(
                        rijen["titel"].to_list(),
                        fmt.texts(rijen["startdatum"], fmt.date),
                        fmt.texts(rijen["deadline"], fmt.date),
                        rijen["trekker"].fill_null(fmt.EMPTY).to_list(),
                        fmt.texts(rijen["voortgang"], lambda v: fmt.procent(v, 0)),
                        [signaal(r) or status for r in rijen.to_dicts()],
                        strict=True,
                    )
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]} tot %{customdata[2]}<br>"
                    f"status: {status} · voortgang %{{customdata[4]}}<br>"
                    "trekker: %{customdata[3]}<br>%{customdata[5]}<extra></extra>"
                ),
            )
        )
    if peildatum is not None:
        fig.add_shape(
            type="line", x0=peildatum.isoformat(), x1=peildatum.isoformat(), yref="paper",
            y0=0, y1=1, line={"color": "#000000", "dash": "dash", "width": 2},
        )
        fig.add_annotation(
            x=peildatum.isoformat(), yref="paper", y=1.0, yanchor="bottom",
            text=f"peildatum {fmt.date(peildatum)}", showarrow=False,
        )
    hoogte = max(320, 28 * lijn.height + 140)
    fig.update_layout(barmode="overlay", height=hoogte)
    fig.update_xaxes(type="date", tickformat="%m-%Y")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    charts.opmaak(fig, "Tijdlijn: van start tot deadline")
    fig.update_layout(legend={"y": -40 / hoogte, "yanchor": "top"})  # just under the axis
    charts.toon(fig, lijn, "agenda_tijdlijn", ITEM_KOLOMMEN)
if zonder:
    st.caption(f"{fmt.aantal(zonder)} item(s) zonder start of deadline staan niet op de tijdlijn.")

st.subheader("Alle items in de selectie")
item_tabel(getoond, "items")

# --- Statushistorie --------------------------------------------------------------------------
st.header("Statushistorie van een item")
titels = dict(zip(items["agenda_id"].to_list(), items["titel"].to_list(), strict=True))
gekozen = st.selectbox(
    "Item", list(titels), format_func=lambda i: f"{i} – {titels[i]}", key="agenda_item"
)
historie = data.agenda_historie(versie, gekozen)
st.caption(
    f"{fmt.aantal(historie.height)} geladen versie(s) van {gekozen}, oudste eerst: elke levering "
    "van de agenda legt de status van dat moment vast."
)
HISTORIE_KOLOMMEN = {
    "geladen_op": "Geladen op",
    "status": "Status",
    "voortgang": "Voortgang (%)",
    "deadline": "Deadline",
    "afgerond_op": "Afgerond op",
    "lading_id": "Lading",
    "bron": "Bestand",
    "rij": "Rij",
}
st.dataframe(
    pl.DataFrame(
        {
            "Geladen op": fmt.texts(historie["geladen_op"], fmt.date_time),
            "Status": historie["status"],
            "Voortgang": fmt.texts(historie["voortgang"], lambda v: fmt.procent(v, 0)),
            "Deadline": fmt.texts(historie["deadline"], fmt.date),
            "Afgerond op": fmt.texts(historie["afgerond_op"], fmt.date),
            "Lading": historie["lading_id"],
            "Bestand": historie["bron"],
            "Rij": historie["rij"],
        }
    ),
    hide_index=True,
    width="stretch",
    key="agenda_tabel_historie",
)
export.knoppen(historie, f"agenda_historie_{gekozen}", HISTORIE_KOLOMMEN)
