"""Vergaderingen (Kerngroep): do the gremia meet as often as agreed, and who attends?

- the number of meetings per gremium and year against the norm (PHO at least 4, kerngroep 12,
  Twentebreed 6 a year; project groups have no count norm), with the status of the catalogue;
- attendance % per participant for PHO, kerngroep and Twentebreed (indicators ``*_presentie``);
- the attendance matrix of one gremium and year: participants × meetings, one symbol a cell.
All figures come from the marts (vergaderingen, presentie, indicatoren).
"""

from __future__ import annotations

import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from core import fmt, vocabulary
from dashboard import access, charts, data, export, filters

access.vereis("vergaderingen")
st.title("Vergaderingen")

keuze = filters.huidige()
versie = data.warehouse_version()
if keuze.jaar is None:
    st.info("Het warehouse bevat nog geen indicatoren.")
    st.stop()

jaar = keuze.jaar
publicatie = data.publicatie(versie)
peildatum = publicatie["peildatum"][0] if publicatie.height else None
eerste_normjaar = data.eerste_normjaar(versie)
GEKOZEN = "▶ "  # marks the chosen participant: text, not colour alone
# Attendance as a symbol (text), never colour alone; blank = nothing registered.
SYMBOLEN = {
    "aanwezig": "✓",
    "vertegenwoordigd": "V",
    "afgemeld": "A",
    "afwezig": "–",
    "niet geregistreerd": "",
}
LEGENDA = "✓ aanwezig · V vertegenwoordigd · A afgemeld · – afwezig · leeg: niet geregistreerd"


def _gremium(g: str) -> str:
    return vocabulary.GREMIA.label(g)


def _label(code: str | None, naam: str | None) -> str:
    if code is None:
        return "Regio (gemiddelde)"
    return (GEKOZEN if code == keuze.deelnemer_code else "") + (naam or code)


# --- Number of meetings against the norm -----------------------------------------------------
st.subheader("Aantal vergaderingen")
per_gremium = data.vergaderingen_per_gremium(versie)
dit_jaar = per_gremium.filter(pl.col("jaar") == jaar)
if dit_jaar.height:
    vakken = st.columns(dit_jaar.height)
    for vak, r in zip(vakken, dit_jaar.iter_rows(named=True), strict=True):
        vak.metric(f"{_gremium(r['gremium'])} {jaar}", fmt.aantal(r["aantal"]), border=True)
        if r["norm"] is not None:
            op_koers = (f" · {fmt.op_koers(peildatum)}"
                        if peildatum is not None and jaar == peildatum.year else "")
            vak.caption(f"{fmt.norm(r['norm'], r['norm_peildatum'], 'aantal')} · "
                        f"{fmt.status(r['status'])}{op_koers}")
        elif (eerste_normjaar is not None and jaar < eerste_normjaar
              and r["gremium"] in vocabulary.GREMIA_MET_VERGADERNORM):
            vak.caption(f"geen norm vóór {eerste_normjaar}")
        else:
            vak.caption("geen norm voor het aantal")

gremia = per_gremium["gremium"].unique(maintain_order=True).to_list()
if gremia:
    fig = make_subplots(rows=1, cols=len(gremia), shared_yaxes=True,
                        subplot_titles=[_gremium(g) for g in gremia])
    norm_in_legenda = False
    for i, gremium in enumerate(gremia, start=1):
        deel = per_gremium.filter(pl.col("gremium") == gremium)
        # the running year counts up to peildatum: labelled and hatched as a partial year
        jaren = [fmt.lopend_jaar(j, peildatum) for j in deel["jaar"]]
        deels = [peildatum is not None and j == peildatum.year for j in deel["jaar"]]
        fig.add_bar(
            x=jaren, y=deel["aantal"], row=1, col=i, name=_gremium(gremium), showlegend=False,
            marker_color=[charts.PALET[0] if j == jaar else charts.PALET[4] for j in deel["jaar"]],
            marker_pattern_shape=["/" if d else "" for d in deels],
            text=[f"{fmt.aantal(a)} {fmt.status(s).split(' ')[0] if s else ''}".strip()
                  for a, s in zip(deel["aantal"], deel["status"], strict=True)],
            textposition="outside", cliponaxis=False,
            hovertemplate=f"{_gremium(gremium)} %{{x}}: %{{y}} vergaderingen<extra></extra>",
        )
        if deel["norm"].is_not_null().any():
            # the norm the status is held against: pro rata in the running year
            fig.add_scatter(
                x=jaren, y=deel["norm_peildatum"], row=1, col=i, mode="lines+markers",
                name="norm (lopend jaar: tot peildatum)",
                line={"color": "#000000", "dash": "dash"}, marker={"symbol": "line-ew-open",
                                                                    "size": 14},
                showlegend=not norm_in_legenda,
            )
            norm_in_legenda = True
    hoogste = max(per_gremium["aantal"].max() or 0, per_gremium["norm"].max() or 0)
    fig.update_yaxes(range=[0, hoogste * 1.2 + 1])
    fig.update_xaxes(type="category")
    charts.opmaak(fig, f"Vergaderingen per jaar en gremium ({jaar} donkerblauw; norm gestreept"
                  + (f"; {peildatum.year} t/m {fmt.date(peildatum)}, gearceerd)"
                     if peildatum is not None else ")"))
    fig.update_yaxes(title_text="aantal vergaderingen", row=1, col=1)
    fig.update_layout(margin={"t": 80})
    charts.toon(
        fig,
        per_gremium.select(
            pl.col("jaar").alias("Jaar"),
            pl.col("gremium").map_elements(_gremium, return_dtype=pl.String).alias("Gremium"),
            pl.col("aantal").alias("Aantal vergaderingen"),
            pl.col("norm").map_elements(fmt.aantal, return_dtype=pl.String).fill_null(fmt.EMPTY)
            .alias("Norm per jaar"),
            pl.col("norm_peildatum").map_elements(fmt.aantal, return_dtype=pl.String)
            .fill_null(fmt.EMPTY).alias("Norm tot peildatum"),
            pl.col("status").map_elements(fmt.status, return_dtype=pl.String)
            .fill_null(fmt.status(None)).alias("Status"),
        ),
        "vergaderingen_per_gremium",
    )
st.caption(
    "Eén vergadering = een gremium, datum en project met ten minste één presentieregel. Normen: "
    "PHO ten minste 4 per jaar (003 Art. 5.4), kerngroep een dag per maand en Twentebreed een "
    f"dagdeel per twee maanden (000 Opgave 3), vanaf {eerste_normjaar}. Het lopende jaar telt "
    "tot en met de peildatum; de norm geldt dan naar rato (tot peildatum) en de status zegt of "
    f"het gremium op koers is. {fmt.status_legend()}"
)

# --- Attendance % per participant ------------------------------------------------------------
st.subheader(f"Presentie per deelnemer in {jaar}")
presentie_pct = data.presentie_per_deelnemer(versie, jaar)
if presentie_pct.height:
    rijen = presentie_pct.to_dicts()
    kolommen = [(g, _gremium(g)) for g in vocabulary.GREMIA_MET_PRESENTIE]
    st.dataframe(
        pl.DataFrame(
            {
                "Deelnemer": [_label(r["deelnemer_code"], r["naam"]) for r in rijen],
                **{
                    titel: [
                        f"{fmt.procent(r[k])} {fmt.status(r[f'{k}_status'])}"
                        if r[k] is not None else fmt.EMPTY
                        for r in rijen
                    ]
                    for k, titel in kolommen
                },
            }
        ),
        hide_index=True,
        width="stretch",
        height=35 * (len(rijen) + 1) + 3,
        key="vergaderingen_presentie_pct",
    )
    st.caption(
        "Aandeel van de vergaderingen van het jaar waarbij de deelnemer aanwezig of "
        "vertegenwoordigd was; – = de deelnemer hoort niet bij dat gremium. Verwacht: PHO alle "
        "partijen en Waterschap Vechtstromen, kerngroep de leden van dat jaar, Twentebreed alle "
        "partijen. Norm 100%; ● groen vanaf 90%, ▲ oranje vanaf 75%, ■ rood daaronder."
    )
    export.knoppen(
        presentie_pct.with_columns(
            naam=pl.when(pl.col("deelnemer_code").is_null()).then(pl.lit("Regio (gemiddelde)"))
            .otherwise(pl.col("naam"))
        ),
        f"presentie_per_deelnemer_{jaar}",
        {"deelnemer_code": "Code", "naam": "Deelnemer"}
        | {k: v for g, titel in kolommen
           for k, v in ((g, f"Presentie {titel} (%)"), (f"{g}_status", f"Status {titel}"))},
    )
else:
    st.info(f"Geen presentiecijfers voor {jaar}.")

# --- Attendance matrix -------------------------------------------------------------------------
st.subheader(f"Presentiematrix {jaar}")
met_vergaderingen = dit_jaar.filter(pl.col("aantal") > 0)["gremium"].to_list()
if not met_vergaderingen:
    st.info(f"Geen vergaderingen geregistreerd in {jaar}.")
    st.stop()
gremium = st.selectbox("Gremium", met_vergaderingen, format_func=_gremium,
                       key="vergaderingen_gremium")
rijen = data.presentie(versie, jaar, gremium)
matrix = (
    rijen.with_columns(
        kolom=pl.struct("datum", "project").map_elements(
            lambda v: fmt.date(v["datum"]) + (f" {v['project']}" if v["project"] else ""),
            return_dtype=pl.String,
        ),
        symbool=pl.col("status").replace_strict(SYMBOLEN, default="?", return_dtype=pl.String),
        Deelnemer=pl.struct("deelnemer_code", "naam").map_elements(
            lambda v: _label(v["deelnemer_code"], v["naam"]), return_dtype=pl.String
        ),
    )
    .pivot(on="kolom", index="Deelnemer", values="symbool", aggregate_function="first")
    .sort(pl.col("Deelnemer").str.strip_prefix(GEKOZEN))
    .fill_null("")
)
if gremium in vocabulary.GREMIA_MET_PRESENTIE and presentie_pct.height:
    pct = presentie_pct.filter(pl.col("deelnemer_code").is_not_null()).select(
        Deelnemer=pl.struct("deelnemer_code", "naam").map_elements(
            lambda v: _label(v["deelnemer_code"], v["naam"]), return_dtype=pl.String
        ),
        Presentie=pl.col(gremium).map_elements(fmt.procent, return_dtype=pl.String),
    )
    matrix = matrix.join(pct, on="Deelnemer", how="left", maintain_order="left").with_columns(
        pl.col("Presentie").fill_null(fmt.EMPTY)
    )
st.dataframe(matrix, hide_index=True, width="stretch", height=35 * (matrix.height + 1) + 3,
             key="vergaderingen_matrix")
st.caption(
    f"{LEGENDA}. Kolommen: de vergaderingen van {_gremium(gremium)} in {jaar} op datum"
    + (" en project" if gremium == "projectgroep" else "")
    + ". Rijen: wie verwacht werd of zich registreerde. "
    + f"{GEKOZEN}= gekozen deelnemer."
)
vertegenwoordigd = rijen.filter(pl.col("status") == "vertegenwoordigd")
if vertegenwoordigd.height:
    st.caption(
        "Vertegenwoordigd: "
        + "; ".join(
            f"{r['naam']} op {fmt.date(r['datum'])}"
            + (f" door {r['vertegenwoordigd_door'] or r['vertegenwoordigd_door_code']}"
               if r["vertegenwoordigd_door_code"] else "")
            for r in vertegenwoordigd.iter_rows(named=True)
        )
        + "."
    )
export.knoppen(matrix, f"presentiematrix_{gremium}_{jaar}")
