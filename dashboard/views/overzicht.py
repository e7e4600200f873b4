"""Overzicht (Bestuur): the state of the cooperation in one year on one screen, for a board
member's question "Is the cooperation delivering, and is my municipality doing its share?".

- the catalogue's indicators as traffic lights (tiles with status text and symbol, never colour
  alone) and as a table: the chosen participant's own value where it has one, else the region's;
- the chosen participant against the region and every other party, for a per-participant
  indicator of choice (default: bijdrage_vervulling);
- agenda progress (items per status, overdue) and the next deadlines after peildatum;
- ODT realisation (hours and products) for the region and the participant;
- one Excel workbook with everything shown, for the board meeting; the page prints without the
  sidebar and buttons.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import fmt, vocabulary
from dashboard import access, charts, data, export, filters, logboek

access.vereis("overzicht")
st.title("Overzicht")

keuze = filters.huidige()
versie = data.warehouse_version()

publicatie = data.publicatie(versie)
pub = publicatie.row(0, named=True) if publicatie.height else {}
if pub:
    st.caption(
        f"Gegevens tot en met {fmt.date_time(pub['data_tot'])} · "
        f"gebouwd {fmt.date_time(pub['gebouwd_op'])} · peildatum {fmt.date(pub['peildatum'])}"
    )

if keuze.jaar is None:
    st.info("Het warehouse bevat nog geen indicatoren.")
    st.stop()

jaar = keuze.jaar
deelnemer = keuze.deelnemer_naam or "Deelnemer"
GEKOZEN = "▶ "  # marks the chosen participant in labels: text, not colour alone
ANDEREN = "#B0B0B0"

# Printing (Ctrl+P) for the board meeting: no sidebar, toolbar or buttons on paper.
st.html(
    "<style>@media print {"
    "[data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'],"
    "[data-testid='stDownloadButton'], [data-testid='stExpander'],"
    "[data-testid='stElementToolbar'] {display: none !important;}"
    "}</style>"
)

st.subheader(f"{jaar}: {deelnemer} en de regio")
excelknop = st.container()  # filled at the end, when everything on the page is known


def _tekst(waarden: list[Any], opmaak: Callable[[Any], str]) -> list[str]:
    return [opmaak(x) for x in waarden]


# --- Indicators: traffic lights and table -------------------------------------------------------
catalogus = data.catalogus(versie)
waarden = data.indicatoren(versie, jaar)
kolommen = ["indicator_id", "waarde", "norm", "norm_peildatum", "status"]
peildatum = pub.get("peildatum")
# The running year is measured up to peildatum: its status says "on track" (evaluatiekader v2
# decision 2); before the first norm year there are values but no norms (decision 4).
lopend = peildatum is not None and jaar == peildatum.year
eerste_normjaar = data.eerste_normjaar(versie)
voor_normen = eerste_normjaar is not None and jaar < eerste_normjaar
regio = waarden.filter(pl.col("deelnemer_code").is_null()).select(kolommen)
eigen = (
    waarden.filter(pl.col("deelnemer_code") == keuze.deelnemer_code)
    .select(kolommen)
    .with_columns(heeft_eigen=pl.lit(True))
)
tabel = (
    catalogus.select("indicator_id", "naam", "eenheid", "status_regel", "norm_sleutel")
    .join(regio, on="indicator_id", how="left", maintain_order="left")
    .join(eigen, on="indicator_id", how="left", suffix="_eigen", maintain_order="left")
)
rijen = tabel.to_dicts()
# Norm and status belong to the participant's own value where it has one (the board member's
# question: "is my municipality doing its share?"), otherwise to the region's.
for r in rijen:
    bron = "_eigen" if r["heeft_eigen"] else ""
    r["toon_norm"], r["toon_status"] = r[f"norm{bron}"], r[f"status{bron}"]
    r["toon_norm_peildatum"] = r[f"norm_peildatum{bron}"]
    r["toon_waarde"] = r[f"waarde{bron}"]
    r["geldt_voor"] = deelnemer if r["heeft_eigen"] else "regio"
    # an indicator with a status rule that has no norm only because the year is too early
    r["normloos_jaar"] = voor_normen and r["status_regel"] != "geen" and bool(r["norm_sleutel"])
    r["norm_tekst"] = fmt.norm(
        r["toon_norm"], r["toon_norm_peildatum"], r["eenheid"],
        eerste_normjaar if r["normloos_jaar"] else None,
    )
    r["norm_kolom"] = fmt.norm(
        r["toon_norm"], r["toon_norm_peildatum"], r["eenheid"],
        eerste_normjaar if r["normloos_jaar"] else None, prefix=False,
    )
    r["status_tekst"] = fmt.status(r["toon_status"]) + (
        f" · {fmt.op_koers(peildatum)}" if lopend and r["toon_status"] else ""
    )


def _tegel(r: dict[str, Any]) -> str:
    status = r["toon_status"]
    return (
        f'<div class="vth-tegel" style="border-left-color:{charts.STATUS_KLEUR[status]}">'
        f'<div class="vth-status">{html.escape(r["status_tekst"])}</div>'
        f'<div class="vth-naam">{html.escape(r["naam"])}</div>'
        f'<div class="vth-waarde">{html.escape(fmt.waarde(r["toon_waarde"], r["eenheid"]))}</div>'
        f'<div class="vth-norm">{html.escape(r["norm_tekst"])}'
        f" · {html.escape(r['geldt_voor'])}</div></div>"
    )


stoplichten = [r for r in rijen if r["toon_status"] is not None or r["normloos_jaar"]]
if stoplichten:
    telling = {s: sum(r["toon_status"] == s for r in stoplichten) for s in ("rood", "oranje",
                                                                           "groen")}
    st.markdown(
        " · ".join(f"**{aantal}** × {fmt.status(s)}" for s, aantal in telling.items())
    )
    st.html(
        "<style>"
        ".vth-tegels{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));"
        "gap:.5rem;}"
        ".vth-tegel{border:1px solid #ddd;border-left:10px solid;border-radius:4px;"
        "padding:.4rem .6rem;break-inside:avoid;}"
        ".vth-status{font-weight:600;font-size:.85rem;}"
        ".vth-naam{font-size:.9rem;line-height:1.2;min-height:2.2em;}"
        ".vth-waarde{font-size:1.4rem;font-weight:600;}"
        ".vth-norm{font-size:.8rem;color:#555;}"
        "</style>"
        f'<div class="vth-tegels">{"".join(_tegel(r) for r in stoplichten)}</div>'
    )

overzicht = pl.DataFrame(
    {
        "Indicator": [r["naam"] for r in rijen],
        "Regio": [fmt.waarde(r["waarde"], r["eenheid"]) for r in rijen],
        deelnemer: [fmt.waarde(r["waarde_eigen"], r["eenheid"]) for r in rijen],
        "Norm": [r["norm_kolom"] for r in rijen],
        "Status": [r["status_tekst"] for r in rijen],
    },
    schema={k: pl.String for k in ["Indicator", "Regio", deelnemer, "Norm", "Status"]},
)
indicatoren_export = pl.DataFrame(
    {
        "Indicator": [r["naam"] for r in rijen],
        "Eenheid": [r["eenheid"] for r in rijen],
        "Regio": [r["waarde"] for r in rijen],
        deelnemer: [r["waarde_eigen"] for r in rijen],
        "Norm": [r["toon_norm"] for r in rijen],
        "Norm tot peildatum": [r["toon_norm_peildatum"] for r in rijen],
        "Norm geldt voor": [r["geldt_voor"] for r in rijen],
        "Status": [r["status_tekst"] for r in rijen],
    },
    schema={"Indicator": pl.String, "Eenheid": pl.String, "Regio": pl.Float64,
            deelnemer: pl.Float64, "Norm": pl.Float64, "Norm tot peildatum": pl.Float64,
            "Norm geldt voor": pl.String, "Status": pl.String},
)

st.dataframe(overzicht, hide_index=True, width="stretch", height=35 * (overzicht.height + 1) + 3)
lopend_tekst = (
    f"{jaar} is het lopende jaar, gemeten tot en met de peildatum ({fmt.date(peildatum)}): "
    "een urennorm en een vergadernorm gelden dan naar rato ('tot peildatum') en de status zegt "
    "of de deelnemer op koers is. " if lopend else ""
)
normloos_tekst = (
    f"Vóór {eerste_normjaar} golden de normen van de samenwerking nog niet: de waarden staan "
    "er ter vergelijking, zonder norm en status. " if voor_normen else ""
)
st.caption(
    f"Norm en status gelden voor {deelnemer} waar die een eigen waarde heeft, anders voor de "
    f"regio. {lopend_tekst}{normloos_tekst}{fmt.status_legend()}"
)
export.knoppen(indicatoren_export, f"overzicht_indicatoren_{jaar}")

# --- The participant against the region and the other parties -----------------------------------
st.subheader(f"{deelnemer} naast de andere deelnemers")
per_deelnemer = catalogus.filter(
    pl.col("niveau").str.contains("P"), pl.col("status_regel") != "geen"
)
namen = dict(zip(per_deelnemer["indicator_id"], per_deelnemer["naam"], strict=True))
eenheden = dict(zip(per_deelnemer["indicator_id"], per_deelnemer["eenheid"], strict=True))
vergelijking = pl.DataFrame()
gekozen_indicator = None
if namen:
    opties = list(namen)
    gekozen_indicator = st.selectbox(
        "Indicator",
        opties,
        index=opties.index("bijdrage_vervulling") if "bijdrage_vervulling" in opties else 0,
        format_func=namen.__getitem__,
        key="overzicht_vergelijk",
    )
    eenheid = eenheden[gekozen_indicator]
    vergelijking = data.vergelijking(versie, jaar, gekozen_indicator)
    regiorij = regio.filter(pl.col("indicator_id") == gekozen_indicator)
    regiowaarde = regiorij["waarde"][0] if regiorij.height else None

    if vergelijking.height:
        rij = vergelijking.to_dicts()
        labels = [(GEKOZEN if r["deelnemer_code"] == keuze.deelnemer_code else "") + r["naam"]
                  for r in rij]
        fig = go.Figure(
            go.Bar(
                x=[r["waarde"] for r in rij],
                y=labels,
                orientation="h",
                marker_color=[charts.PALET[0] if r["deelnemer_code"] == keuze.deelnemer_code
                              else ANDEREN for r in rij],
                text=[f"{fmt.status(r['status']).split(' ')[0]} {fmt.waarde(r['waarde'], eenheid)}"
                      for r in rij],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
                name=namen[gekozen_indicator],
            )
        )
        # the line is what the status is held against: in the running year the pro-rata norm
        normen = {r["norm_peildatum"] for r in rij if r["norm_peildatum"] is not None}
        if len(normen) == 1:
            norm = next(iter(normen))
            voorbeeld = next(r for r in rij if r["norm_peildatum"] is not None)
            fig.add_vline(x=norm, line_dash="dash", line_color="#000000",
                          annotation_text=fmt.norm(voorbeeld["norm"], norm, eenheid),
                          annotation_position="top")
        elif normen:
            fig.add_trace(go.Scatter(
                x=[r["norm_peildatum"] for r in rij], y=labels, mode="markers", name="norm",
                marker={"symbol": "line-ns-open", "size": 18, "color": "#000000"},
            ))
        if regiowaarde is not None:
            fig.add_vline(x=regiowaarde, line_dash="dot", line_color=charts.PALET[5],
                          annotation_text=f"regio {fmt.waarde(regiowaarde, eenheid)}",
                          annotation_position="bottom right")
        fig.update_yaxes(autorange="reversed", title_text=None)
        hoogste = max([r["waarde"] or 0 for r in rij] + [regiowaarde or 0, *normen, 0])
        fig.update_xaxes(range=[0, hoogste * 1.18 or 1], title_text=namen[gekozen_indicator]
                         + {"procent": " (%)", "uren": " (uur)", "euro": " (€)"}.get(eenheid, ""))
        fig.update_layout(height=max(260, 28 * len(rij) + 110), showlegend=False)
        charts.opmaak(fig, f"{namen[gekozen_indicator]} per deelnemer, {jaar} (laagste boven)",
                      None)
        cijfers = pl.DataFrame(
            {
                "Deelnemer": labels,
                "Waarde": _tekst([r["waarde"] for r in rij], lambda x: fmt.waarde(x, eenheid)),
                "Norm": [fmt.norm(r["norm"], r["norm_peildatum"], eenheid, prefix=False)
                         for r in rij],
                "Status": _tekst([r["status"] for r in rij], fmt.status),
            }
        )
        charts.toon(fig, cijfers, f"overzicht_vergelijking_{gekozen_indicator}_{jaar}")
        regiotekst = (f"Gestippeld: de regio ({fmt.waarde(regiowaarde, eenheid)}). "
                      if regiowaarde is not None else "")
        st.caption(
            f"{GEKOZEN}{deelnemer} is donkerblauw, de andere deelnemers grijs. {regiotekst}"
            "Gestreept: de norm. Het symbool voor de waarde is de status (● groen, ▲ oranje, "
            "■ rood)."
        )
    else:
        st.info(f"Geen waarden per deelnemer voor {namen[gekozen_indicator]} in {jaar}.")

# --- Agenda -----------------------------------------------------------------------------------
st.subheader("Samenwerkingsagenda")
stand = data.agenda_stand(versie, jaar)
deadlines = data.agenda_deadlines(versie, 5)
vakken = st.columns(stand.height + 1) if stand.height else []
for vak, r in zip(vakken, stand.iter_rows(named=True), strict=False):
    vak.metric(vocabulary.AGENDA_STATUSSEN.label(r["status"]), fmt.aantal(r["aantal"]),
               help=f"waarvan {fmt.aantal(r['deadline_in_jaar'])} met de deadline in {jaar}",
               border=True)
if vakken:
    vakken[-1].metric(
        "Achterstallig", fmt.aantal(stand["achterstallig"].sum()),
        help=f"Deadline voor de peildatum ({fmt.date(peildatum)}) verstreken, niet afgerond "
        "of gestopt.", border=True,
    )
st.caption(f"Alle agendapunten (laatste versie) per status; de hulptekst geeft het aantal met "
           f"de deadline in {jaar}.")

st.markdown(f"**Volgende deadlines** (vanaf peildatum {fmt.date(peildatum)})")
if deadlines.height:
    st.dataframe(
        pl.DataFrame(
            {
                "Deadline": _tekst(deadlines["deadline"].to_list(), fmt.date),
                "Agendapunt": deadlines["agenda_id"],
                "Titel": deadlines["titel"],
                "Trekker": deadlines["trekker"].fill_null("–"),
                "Status": deadlines["status"],
                "Voortgang": _tekst(deadlines["voortgang"].to_list(), lambda x: fmt.procent(x, 0)),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    export.knoppen(
        deadlines, "overzicht_deadlines",
        {"deadline": "Deadline", "agenda_id": "Agendapunt", "type": "Soort", "pijler": "Pijler",
         "titel": "Titel", "trekker": "Trekker", "status": "Status", "voortgang": "Voortgang (%)"},
    )
else:
    st.info("Er staan geen open agendapunten met een deadline na de peildatum.")

# --- ODT --------------------------------------------------------------------------------------
st.subheader("ODT-realisatie")
odt = data.odt_realisatie(versie, jaar, keuze.deelnemer_code)
if odt.height:
    st.dataframe(
        pl.DataFrame(
            {
                "Niveau": odt["naam"],
                "Uren gepland": _tekst(odt["uren_gepland"].to_list(), lambda x: fmt.number(x, 0)),
                "Uren gerealiseerd": _tekst(odt["uren_gerealiseerd"].to_list(),
                                            lambda x: fmt.number(x, 0)),
                "Realisatie uren": _tekst(odt["uren_pct"].to_list(), fmt.procent),
                "Status uren": _tekst(odt["uren_status"].to_list(), fmt.status),
                "Producten gepland": _tekst(odt["aantal_gepland"].to_list(), fmt.aantal),
                "Producten gerealiseerd": _tekst(odt["aantal_gerealiseerd"].to_list(),
                                                 fmt.aantal),
                "Realisatie producten": _tekst(odt["producten_pct"].to_list(), fmt.procent),
                "Status producten": _tekst(odt["producten_status"].to_list(), fmt.status),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption("Realisatie = gerealiseerd / gepland × 100; groen binnen ±5%, oranje binnen "
               "±10% van de planning (evaluatiekader).")
    odt_kolommen = {
        "naam": "Niveau", "uren_gepland": "Uren gepland", "uren_gerealiseerd": "Uren gerealiseerd",
        "uren_pct": "Realisatie uren (%)", "uren_status": "Status uren",
        "aantal_gepland": "Producten gepland", "aantal_gerealiseerd": "Producten gerealiseerd",
        "producten_pct": "Realisatie producten (%)", "producten_status": "Status producten",
    }
    export.knoppen(odt, f"overzicht_odt_{jaar}", odt_kolommen)
else:
    st.info(f"Geen ODT-productiegegevens voor {jaar}.")


# --- One workbook for the board meeting ---------------------------------------------------------
def _werkboek() -> bytes:
    """Everything on this screen in one Excel file, one sheet per part."""

    toelichting = pl.DataFrame(
        {
            "Onderdeel": ["Titel", "Jaar", "Deelnemer", "Peildatum", "Gebouwd op",
                          "Gegevens tot en met", "Status"],
            "Waarde": ["VTH-monitor Twente – overzicht", str(jaar), deelnemer,
                       fmt.date(pub.get("peildatum")), fmt.date_time(pub.get("gebouwd_op")),
                       fmt.date_time(pub.get("data_tot")), fmt.status_legend()],
        }
    )
    bladen: list[tuple[str, pl.DataFrame]] = [
        ("Toelichting", toelichting),
        ("Indicatoren", indicatoren_export),
    ]
    if vergelijking.height and gekozen_indicator:
        bladen.append(("Vergelijking", vergelijking.select(
            pl.col("naam").alias("Deelnemer"), pl.col("waarde").alias(namen[gekozen_indicator]),
            pl.col("norm").alias("Norm"),
            pl.col("status").map_elements(fmt.status, return_dtype=pl.String).alias("Status"),
        )))
    bladen.append(("Agenda", stand.rename({"status": "Status", "aantal": "Aantal",
                                           "deadline_in_jaar": f"Deadline in {jaar}",
                                           "achterstallig": "Achterstallig"})))
    bladen.append(("Volgende deadlines", deadlines.rename(
        {"deadline": "Deadline", "agenda_id": "Agendapunt", "type": "Soort", "pijler": "Pijler",
         "titel": "Titel", "trekker": "Trekker", "status": "Status",
         "voortgang": "Voortgang (%)"})))
    if odt.height:
        bladen.append(("ODT", odt.select(list(odt_kolommen)).rename(odt_kolommen)))

    return export.workbook(
        export.Sheet(blad, frame, autofilter=False, freeze_header=False) for blad, frame in bladen
    )


_wie = (st.session_state.get("gebruiker", "demo"), st.session_state.get("rol"))


def _werkboek_gelogd() -> bytes:
    """The workbook, logged when it is built: the browser asks for it outside this script run,
    and the click does not rerun the page (a rerun would drop this callable; see export.py)."""
    inhoud = _werkboek()
    logboek.write("export", {"tabel": "overzicht", "formaat": "xlsx", "jaar": jaar},
                    gebruiker=_wie[0], rol=_wie[1])
    return inhoud


excelknop.download_button(
    "Overzicht als Excel (voor de PHO-vergadering)",
    _werkboek_gelogd,  # built only when clicked
    file_name=f"vth_overzicht_{jaar}_{keuze.deelnemer_code or 'regio'}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="overzicht_excel",
    help="Alles op dit scherm in één werkmap; afdrukken kan met Ctrl+P (zonder zijbalk en "
    "knoppen).",
    on_click="ignore",
)
