"""ODT-uitvoering (Bestuur): what Omgevingsdienst Twente planned and realised for each
participant in the chosen year (001: hours and products budgeted and settled per participant),
by taakveld, product and month, the compliance indicators (001 "Naleefgedrag",
"Strafrechtelijke handhaving") and complaints by nature (001 "Klachtenafhandeling").

Every figure is read from the marts through ``data``; the realisation % and its status per
participant and for the region are the evaluatiekader's (marts.indicatoren)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, charts, data, export, filters

access.vereis("odt")
st.title("ODT-uitvoering")

REGIO = "Twente (regio)"
MARKERING = "★ "  # the chosen participant in a list: a symbol, not only a colour

keuze = filters.huidige()
versie = data.warehouse_version()

publicatie = data.publicatie(versie)
if publicatie.height:
    st.caption(
        f"Peildatum {fmt.date(publicatie['peildatum'][0])}: het lopende jaar telt tot en met "
        "de peildatum. Bron: ODT-productie en ODT-zaken (001, zelfevaluatie ODT)."
    )

if keuze.jaar is None:
    st.info("Het warehouse bevat nog geen gegevens.")
    st.stop()

jaar = keuze.jaar


def namen(frame: pl.DataFrame) -> list[str]:
    """Display names: the region as REGIO, the chosen participant marked."""
    return [
        REGIO if code is None else (MARKERING + naam if code == keuze.deelnemer_code else naam)
        for code, naam in zip(frame["deelnemer_code"], frame["naam"], strict=True)
    ]


def zonder_markering(frame: pl.DataFrame) -> pl.DataFrame:
    """For downloads: names without the on-screen marker."""
    return frame.with_columns(pl.col("naam").str.strip_prefix(MARKERING))


# --- Plan en realisatie per deelnemer ------------------------------------------------------------
st.header(f"Plan en realisatie {jaar}")
per_deelnemer = data.odt_realisatie_deelnemers(versie, jaar)
if per_deelnemer.height == 0:
    st.info(f"Er is geen ODT-productie voor {jaar}.")
else:
    regio = per_deelnemer.row(0, named=True)
    eigen = per_deelnemer.filter(pl.col("deelnemer_code") == keuze.deelnemer_code)
    kaarten = [(REGIO, regio)]
    if eigen.height:
        kaarten.append((keuze.deelnemer_naam, eigen.row(0, named=True)))
    vakken = st.columns(4)
    for i, (label, rij) in enumerate(kaarten):
        # The status as text in the delta line, grey and without arrow: never colour alone.
        for vak, soort, sleutel in [
            (vakken[2 * i], "uren", "uren"),
            (vakken[2 * i + 1], "producten", "producten"),
        ]:
            vak.metric(
                f"Realisatie {soort}, {label}",
                fmt.procent(rij[f"{sleutel}_realisatie"]),
                fmt.status(rij[f"{sleutel}_status"]),
                delta_color="off",
                delta_arrow="off",
            )

    st.dataframe(
        pl.DataFrame(
            {
                "Deelnemer": namen(per_deelnemer),
                "Uren gepland": fmt.texts(per_deelnemer["uren_gepland"], fmt.number),
                "Uren gerealiseerd": fmt.texts(per_deelnemer["uren_gerealiseerd"], fmt.number),
                "Realisatie uren": fmt.texts(per_deelnemer["uren_realisatie"], fmt.procent),
                "Status uren": fmt.texts(per_deelnemer["uren_status"], fmt.status),
                "Producten gepland": fmt.texts(per_deelnemer["aantal_gepland"], fmt.aantal),
                "Producten gerealiseerd":
                    fmt.texts(per_deelnemer["aantal_gerealiseerd"], fmt.aantal),
                "Realisatie producten":
                    fmt.texts(per_deelnemer["producten_realisatie"], fmt.procent),
                "Status producten": fmt.texts(per_deelnemer["producten_status"], fmt.status),
            }
        ),
        hide_index=True,
        width="stretch",
        key="odt_tabel_deelnemers",
    )
    st.caption(
        f"{MARKERING.strip()} = gekozen deelnemer. Realisatie en status zijn de indicatoren "
        "Realisatie ODT-uren en -producten van het evaluatiekader (norm en grenzen: pagina "
        f"Indicatoren). {fmt.status_legend()}"
    )
    deelnemer_kolommen = {
        "deelnemer_code": "Code",
        "naam": "Deelnemer",
        "uren_gepland": "Uren gepland",
        "uren_gerealiseerd": "Uren gerealiseerd",
        "uren_realisatie": "Realisatie uren (%)",
        "uren_status": "Status uren",
        "aantal_gepland": "Producten gepland",
        "aantal_gerealiseerd": "Producten gerealiseerd",
        "producten_realisatie": "Realisatie producten (%)",
        "producten_status": "Status producten",
    }
    export.knoppen(
        zonder_markering(per_deelnemer.with_columns(naam=pl.Series(namen(per_deelnemer)))),
        f"odt_realisatie_{jaar}",
        deelnemer_kolommen,
    )

    deelnemers = per_deelnemer.filter(pl.col("deelnemer_code").is_not_null())
    fig = go.Figure(
        [
            go.Bar(
                name="Gepland",
                x=deelnemers["naam"].to_list(),
                y=deelnemers["uren_gepland"].to_list(),
                marker_color=charts.PALET[0],
                hovertemplate="%{x}<br>gepland: %{y:,.1f} uur<extra></extra>",
            ),
            go.Bar(
                name="Gerealiseerd",
                x=deelnemers["naam"].to_list(),
                y=deelnemers["uren_gerealiseerd"].to_list(),
                marker_color=charts.PALET[1],
                marker_pattern_shape="/",
                text=fmt.texts(deelnemers["uren_realisatie"], fmt.procent),
                textposition="outside",
                hovertemplate="%{x}<br>gerealiseerd: %{y:,.1f} uur (%{text})<extra></extra>",
            ),
        ]
    )
    fig.update_layout(barmode="group")
    charts.opmaak(fig, f"ODT-uren gepland en gerealiseerd per deelnemer, {jaar}", "uren")
    fig.update_yaxes(tickformat=",.0f")
    charts.toon(fig, deelnemers, f"odt_uren_per_deelnemer_{jaar}", deelnemer_kolommen)

# --- Uitsplitsing: taakveld, product, maand ------------------------------------------------------
heeft_eigen = (
    keuze.deelnemer_code is not None
    and per_deelnemer.filter(pl.col("deelnemer_code") == keuze.deelnemer_code).height > 0
)
opties = ["deelnemer", "regio"] if heeft_eigen else ["regio"]
schaal = st.radio(
    "Uitsplitsing voor",
    opties,
    format_func={"deelnemer": keuze.deelnemer_naam or "", "regio": REGIO}.__getitem__,
    horizontal=True,
    key="odt_schaal",
)
code = keuze.deelnemer_code if schaal == "deelnemer" else None
wie = keuze.deelnemer_naam if code else REGIO
if not heeft_eigen and keuze.deelnemer_naam:
    st.caption(f"Voor {keuze.deelnemer_naam} is er geen ODT-productie in {jaar}.")

UITSPLITSING_KOLOMMEN = {
    "taakveld": "Taakveld",
    "product": "Product",
    "uren_gepland": "Uren gepland",
    "uren_gerealiseerd": "Uren gerealiseerd",
    "uren_realisatie": "Realisatie uren (%)",
    "aantal_gepland": "Producten gepland",
    "aantal_gerealiseerd": "Producten gerealiseerd",
    "aantal_realisatie": "Realisatie producten (%)",
}


def uitsplitsing_tabel(frame: pl.DataFrame, sleutels: list[str], naam: str) -> None:
    st.dataframe(
        pl.DataFrame(
            {UITSPLITSING_KOLOMMEN[k]: frame[k] for k in sleutels}
            | {
                "Uren gepland": fmt.texts(frame["uren_gepland"], fmt.number),
                "Uren gerealiseerd": fmt.texts(frame["uren_gerealiseerd"], fmt.number),
                "Realisatie uren": fmt.texts(frame["uren_realisatie"], fmt.procent),
                "Producten gepland": fmt.texts(frame["aantal_gepland"], fmt.aantal),
                "Producten gerealiseerd": fmt.texts(frame["aantal_gerealiseerd"], fmt.aantal),
                "Realisatie producten": fmt.texts(frame["aantal_realisatie"], fmt.procent),
            }
        ),
        hide_index=True,
        width="stretch",
        key=f"odt_tabel_{naam}",
    )
    export.knoppen(frame, naam, UITSPLITSING_KOLOMMEN)


st.header(f"Per taakveld en product: {wie}")
per_taakveld = data.odt_realisatie_per(versie, jaar, code, "taakveld")
if per_taakveld.height == 0:
    st.info(f"Geen ODT-productie voor {wie} in {jaar}.")
else:
    st.subheader("Per taakveld")
    uitsplitsing_tabel(per_taakveld, ["taakveld"], f"odt_taakveld_{code or 'regio'}_{jaar}")
    st.subheader("Per product")
    per_product = data.odt_realisatie_per(versie, jaar, code, "product")
    uitsplitsing_tabel(
        per_product, ["taakveld", "product"], f"odt_product_{code or 'regio'}_{jaar}"
    )

    st.subheader("Verloop over de maanden")
    per_maand = data.odt_realisatie_per_maand(versie, jaar, code).with_columns(
        maandnaam=pl.col("maand").map_elements(
            lambda m: charts.MAANDEN_VOLUIT[m - 1], return_dtype=pl.String
        )
    )
    maanden = [charts.MAANDEN[m - 1] for m in per_maand["maand"].to_list()]
    fig = go.Figure(
        [
            go.Scatter(
                name="Gepland",
                x=maanden,
                y=per_maand["uren_gepland"].to_list(),
                mode="lines+markers",
                line={"color": charts.PALET[0], "dash": "dash"},
                marker_symbol="circle-open",
                hovertemplate="%{x}: gepland %{y:,.1f} uur<extra></extra>",
            ),
            go.Scatter(
                name="Gerealiseerd",
                x=maanden,
                y=per_maand["uren_gerealiseerd"].to_list(),
                mode="lines+markers",
                line={"color": charts.PALET[1]},
                customdata=fmt.texts(per_maand["uren_realisatie"], fmt.procent),
                hovertemplate="%{x}: gerealiseerd %{y:,.1f} uur (%{customdata})<extra></extra>",
            ),
        ]
    )
    fig.update_xaxes(categoryorder="array", categoryarray=charts.MAANDEN)
    charts.opmaak(fig, f"ODT-uren per maand, {wie}, {jaar}", "uren")
    fig.update_yaxes(tickformat=",.0f")
    charts.toon(
        fig,
        per_maand,
        f"odt_per_maand_{code or 'regio'}_{jaar}",
        {"maandnaam": "Maand"} | UITSPLITSING_KOLOMMEN,
    )
    if per_maand.height < 12:
        st.caption("Maanden na de peildatum staan (nog) niet in de ODT-productie.")

# --- Naleving ---------------------------------------------------------------------------------
st.header(f"Naleving en handhaving {jaar}")
st.caption(
    "Handhavingsratio: hercontroles en handhavingszaken per 100 periodieke controles. "
    "Overtredingen: % van de controles (waarvan bekend is of er een overtreding was) met een "
    "overtreding. Strafrechtelijk: aantal zaken met strafrechtelijke handhaving. Geen norm: "
    "informatief (evaluatiekader; 001 Naleefgedrag)."
)
naleving = data.odt_naleving(versie, jaar)
if naleving.height == 0:
    st.info(f"Geen nalevingsindicatoren voor {jaar}.")
else:
    naleving = naleving.with_columns(naam=pl.Series(namen(naleving)))
    st.dataframe(
        pl.DataFrame(
            {
                "Deelnemer": naleving["naam"],
                "Handhavingsratio": fmt.texts(naleving["handhavingsratio"], fmt.procent),
                "Controles met overtreding": fmt.texts(naleving["overtredingen_pct"], fmt.procent),
                "Strafrechtelijke zaken": fmt.texts(naleving["strafrechtelijk"], fmt.aantal),
                "Klachten": fmt.texts(naleving["klachten"], fmt.aantal),
            }
        ),
        hide_index=True,
        width="stretch",
        key="odt_tabel_naleving",
    )
    naleving_kolommen = {
        "deelnemer_code": "Code",
        "naam": "Deelnemer",
        "handhavingsratio": "Handhavingsratio (%)",
        "overtredingen_pct": "Controles met overtreding (%)",
        "strafrechtelijk": "Strafrechtelijke zaken",
        "klachten": "Klachten",
    }
    schoon = zonder_markering(naleving)
    export.knoppen(schoon, f"odt_naleving_{jaar}", naleving_kolommen)
    fig = go.Figure(
        [
            go.Bar(
                name="Handhavingsratio",
                x=naleving["naam"].to_list(),
                y=naleving["handhavingsratio"].to_list(),
                marker_color=charts.PALET[0],
                hovertemplate="%{x}<br>handhavingsratio %{y:,.1f}%<extra></extra>",
            ),
            go.Bar(
                name="Controles met overtreding",
                x=naleving["naam"].to_list(),
                y=naleving["overtredingen_pct"].to_list(),
                marker_color=charts.PALET[2],
                marker_pattern_shape=".",
                hovertemplate="%{x}<br>met overtreding %{y:,.1f}%<extra></extra>",
            ),
        ]
    )
    fig.update_layout(barmode="group")
    charts.opmaak(fig, f"Handhavingsratio en overtredingen per deelnemer, {jaar}", "%")
    fig.update_yaxes(ticksuffix="%")
    charts.toon(fig, schoon, f"odt_naleving_grafiek_{jaar}", naleving_kolommen)

# --- Klachten ---------------------------------------------------------------------------------
st.header(f"Klachten {jaar}")
klachten = data.odt_klachten(versie, jaar)
if klachten.height == 0:
    st.info(f"Geen klachten geregistreerd in {jaar}.")
else:
    klachten = klachten.with_columns(
        naam=pl.Series(namen(klachten)), aard=pl.col("klacht_aard").fill_null("Totaal")
    )
    aarden = klachten.filter(pl.col("klacht_aard").is_not_null())["klacht_aard"].unique(
        maintain_order=True
    ).to_list()
    matrix = klachten.pivot(
        "aard", index="naam", values="aantal_klachten", maintain_order=True
    ).select("naam", *aarden, "Totaal")
    st.dataframe(
        matrix.select(
            pl.col("naam").alias("Deelnemer"),
            *[
                pl.Series(kolom, fmt.texts(matrix[kolom], fmt.aantal)).alias(kolom)
                for kolom in [*aarden, "Totaal"]
            ],
        ),
        hide_index=True,
        width="stretch",
        key="odt_tabel_klachten",
    )
    st.caption("Aantal klachten naar aard (geur, geluid, licht …) per deelnemer; regio bovenaan.")
    export.knoppen(
        zonder_markering(klachten),
        f"odt_klachten_{jaar}",
        {
            "deelnemer_code": "Code",
            "naam": "Deelnemer",
            "aard": "Aard",
            "aantal_klachten": "Klachten",
            "aantal_open": "Waarvan open",
        },
    )
    detail = klachten.filter(~pl.col("regio"), pl.col("klacht_aard").is_not_null())
    patronen = ["", "/", ".", "x", "-", "+", "\\", "|"]
    fig = go.Figure(
        [
            go.Bar(
                name=aard,
                x=rijen["naam"].to_list(),
                y=rijen["aantal_klachten"].to_list(),
                marker_color=charts.PALET[i % len(charts.PALET)],
                marker_pattern_shape=patronen[i % len(patronen)],
                hovertemplate=f"%{{x}}<br>{aard}: %{{y:,.0f}}<extra></extra>",
            )
            for i, aard in enumerate(aarden)
            for rijen in [detail.filter(pl.col("klacht_aard") == aard)]
        ]
    )
    fig.update_layout(barmode="stack")
    charts.opmaak(fig, f"Klachten naar aard per deelnemer, {jaar}", "klachten")
    fig.update_yaxes(tickformat=",.0f")
    charts.toon(
        fig,
        zonder_markering(detail),
        f"odt_klachten_grafiek_{jaar}",
        {"naam": "Deelnemer", "aard": "Aard", "aantal_klachten": "Klachten",
         "aantal_open": "Waarvan open"},
    )
