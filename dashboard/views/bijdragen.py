"""Bijdragen (Kerngroep): "who is behind on hours or money, and since when?".

- every party in the chosen year, lowest fulfilment first: hours by gremium against the hour
  norm and its sub-norms, substitute payment, fixed contribution invoiced and paid, fulfilment
  with status, and since which year it has been below its norm without a break;
- hours by gremium per party in a chart, against each party's norm;
- the trend over the years per party (fulfilment or hours), the chosen party highlighted;
- the chosen party in detail, down to its hours per month and gremium.
All figures come from the marts (bijdragen_per_deelnemer, inzet_per_maand, indicatoren).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import fmt, vocabulary
from dashboard import access, charts, data, export, filters

access.vereis("bijdragen")
st.title("Bijdragen")

keuze = filters.huidige()
versie = data.warehouse_version()
if keuze.jaar is None:
    st.info("Het warehouse bevat nog geen indicatoren.")
    st.stop()

jaar = keuze.jaar
publicatie = data.publicatie(versie)
peildatum = publicatie["peildatum"][0] if publicatie.height else None
# The running year is measured up to peildatum ("on track": hour norms pro rata); before the
# first norm year there are values but no norms (evaluatiekader v2 decisions 2 and 4).
lopend = peildatum is not None and jaar == peildatum.year
eerste_normjaar = data.eerste_normjaar(versie)
voor_normen = eerste_normjaar is not None and jaar < eerste_normjaar
OP_KOERS = f" · {fmt.op_koers(peildatum)}" if lopend else ""
GEKOZEN = "▶ "  # marks the chosen party in tables and chart labels: text, not colour alone
ANDEREN = "#B0B0B0"
GREMIA = vocabulary.GREMIA.labels  # the contract's order: the gremia with an hour norm first
GREMIUM_KLEUR = dict(zip(GREMIA, charts.PALET, strict=False))


def _tekst(waarden: list[Any], opmaak: Callable[[Any], str]) -> list[str]:
    return [opmaak(x) for x in waarden]


def _label(code: str, naam: str) -> str:
    return (GEKOZEN if code == keuze.deelnemer_code else "") + naam


def _uren_norm(uren: float | None, norm: float | None, norm_peildatum: float | None) -> str:
    """Hours against the norm the status is held against; the full-year norm beside it where
    the running year holds a pro-rata part."""
    tekst = f"{fmt.number(uren)} / {fmt.number(norm_peildatum)}"
    if norm is not None and norm_peildatum is not None and norm != norm_peildatum:
        tekst += f" (jaarnorm {fmt.number(norm)})"
    return tekst


def _status(status: str | None) -> str:
    return fmt.status(status) + (OP_KOERS if status else "")


def _achterstand(sinds: int | None, jaren: int | None) -> str:
    if sinds is None:
        return fmt.EMPTY
    return f"{sinds} ({jaren} {'jaar' if jaren == 1 else 'jaren'})"


# --- Region ----------------------------------------------------------------------------------
regio = {
    r["indicator_id"]: r
    for r in data.indicatoren(versie, jaar)
    .filter(pl.col("deelnemer_code").is_null())
    .iter_rows(named=True)
}
vakken = st.columns(3)
for vak, indicator, label, eenheid in [
    (vakken[0], "bijdrage_norm_gehaald", "Partijen die de norm halen", "procent"),
    (vakken[1], "inzet_uren", "Uren alle partijen samen", "uren"),
    (vakken[2], "bijdrage_spreiding", "Spreiding vervulling (variatiecoëfficiënt)", "procent"),
]:
    r = regio.get(indicator, {})
    status = r.get("status")
    norm_tekst = fmt.norm(r.get("norm"), r.get("norm_peildatum"), eenheid,
                          eerste_normjaar if voor_normen else None)
    vak.metric(
        label,
        fmt.waarde(r.get("waarde"), eenheid),
        help=(f"{norm_tekst.capitalize()} · {_status(status)}"
              if r.get("norm") is not None or voor_normen
              else "Er geldt geen norm; lager is gelijker."),
        border=True,
    )
    if status:
        vak.caption(f"{_status(status)} ({norm_tekst})")
    elif voor_normen and indicator != "bijdrage_spreiding":
        vak.caption(norm_tekst)

# --- Ranked table ----------------------------------------------------------------------------
st.subheader(f"Bijdrage per partij in {jaar}")
bijdragen = data.bijdragen(versie, jaar)
if not bijdragen.height:
    st.info(f"Geen bijdragen voor {jaar}.")
    st.stop()

rij = bijdragen.to_dicts()
# The norms of a party that represents only itself, for the explanation (seed values per year).
n = next((r for r in rij if r["vertegenwoordigingsfactor"] == 1), rij[0])
if voor_normen:
    st.caption(
        f"Vóór {eerste_normjaar} gold de bijdrageplicht van de overeenkomst nog niet: er is geen "
        "norm en geen status. De vervulling is ter vergelijking gemeten met dezelfde maatstaf "
        f"als vanaf {eerste_normjaar}: 100 × (uren / {fmt.uren(n['urenmaatstaf'])} + "
        f"vervangende bijdrage / {fmt.euro(n['bedrag_per_partij'])})."
    )
else:
    st.caption(
        f"Elke partij levert {fmt.short(n['urennorm'], 'uren')} per jaar in kerngroep "
        f"({fmt.uren(n['urennorm_kerngroep'])}), Twentebreed overleg "
        f"({fmt.uren(n['urennorm_twentebreed'])}) en projectgroepen "
        f"({fmt.uren(n['urennorm_projectgroep'])}), of betaalt daarvoor in de plaats "
        f"{fmt.euro(n['bedrag_per_partij'])}, deels of geheel (003 Art. 7.3; 000 Opgave 3). "
        "Vervulling = 100 × (uren / urennorm + vervangende bijdrage / "
        f"{fmt.euro(n['bedrag_per_partij'])}). Daarnaast betaalt elke partij een vaste bijdrage "
        "(003 Art. 7.1–7.2). Wie andere partijen vertegenwoordigt, heeft een evenredig hogere norm."
        + (f" {jaar} is het lopende jaar, gemeten tot en met de peildatum "
           f"({fmt.date(peildatum)}): de urennorm geldt naar rato "
           f"({fmt.norm(n['urennorm'], n['urennorm_peildatum'], 'uren')}); het bedrag niet, dat is "
           "een jaarbetaling. De vervulling zegt of een partij op koers is." if lopend else "")
    )
tabel = pl.DataFrame(
    {
        "Positie": [r["positie"] for r in rij],
        "Partij": [_label(r["deelnemer_code"], r["naam"]) for r in rij],
        "Status": [_status(r["status"]) for r in rij],
        "Vervulling": [fmt.procent(r["vervulling_pct"]) for r in rij],
        "Onder de norm sinds": [_achterstand(r["achterstand_sinds"], r["jaren_onder_norm"])
                                for r in rij],
        "Uren / norm": [_uren_norm(r["uren_totaal"], r["urennorm"], r["urennorm_peildatum"])
                        for r in rij],
        "Kerngroep / norm": [_uren_norm(r["uren_kerngroep"], r["urennorm_kerngroep"],
                                        r["urennorm_kerngroep_peildatum"]) for r in rij],
        "Twentebreed / norm": [_uren_norm(r["uren_twentebreed"], r["urennorm_twentebreed"],
                                          r["urennorm_twentebreed_peildatum"]) for r in rij],
        "Projectgroepen / norm": [_uren_norm(r["uren_projectgroep"], r["urennorm_projectgroep"],
                                             r["urennorm_projectgroep_peildatum"])
                                  for r in rij],
        "PHO": [fmt.number(r["uren_pho"]) for r in rij],
        "Overig": [fmt.number(r["uren_overig"]) for r in rij],
        "Vervangende bijdrage": [fmt.euro(r["vervangende_bijdrage"]) for r in rij],
        "Vaste bijdrage gefactureerd": [fmt.euro(r["vaste_bijdrage_gefactureerd"]) for r in rij],
        "Vaste bijdrage betaald": [fmt.euro(r["vaste_bijdrage_betaald"]) for r in rij],
        "Status vaste bijdrage": [_status(r["vaste_bijdrage_status"]) for r in rij],
    }
)
st.dataframe(tabel, hide_index=True, width="stretch", height=35 * (tabel.height + 1) + 3,
             key="bijdragen_tabel")
st.caption(
    "Laagste vervulling bovenaan. Uren in uren per jaar (het lopende jaar tot de peildatum). "
    "'Onder de norm sinds': het eerste jaar van de ononderbroken reeks jaren tot en met "
    f"{jaar} waarin de vervulling de status oranje of rood had; de reeks begint op zijn "
    f"vroegst in het eerste jaar met gegevens. {GEKOZEN}= gekozen deelnemer. "
    f"{fmt.status_legend()}"
)
export.knoppen(
    bijdragen,
    f"bijdragen_{jaar}",
    {
        "positie": "Positie", "deelnemer_code": "Code", "naam": "Partij", "status": "Status",
        "vervulling_pct": "Vervulling (%)", "achterstand_sinds": "Onder de norm sinds",
        "jaren_onder_norm": "Jaren onder de norm", "uren_totaal": "Uren totaal",
        "urennorm": "Urennorm", "urennorm_peildatum": "Urennorm tot peildatum",
        "uren_kerngroep": "Uren kerngroep",
        "urennorm_kerngroep": "Norm kerngroep", "uren_twentebreed": "Uren Twentebreed",
        "urennorm_twentebreed": "Norm Twentebreed", "uren_projectgroep": "Uren projectgroepen",
        "urennorm_projectgroep": "Norm projectgroepen", "uren_pho": "Uren PHO",
        "uren_overig": "Uren overig", "vertegenwoordigingsfactor": "Vertegenwoordigingsfactor",
        "vervangende_bijdrage": "Vervangende bijdrage (€)",
        "vaste_bijdrage_gefactureerd": "Vaste bijdrage gefactureerd (€)",
        "vaste_bijdrage_betaald": "Vaste bijdrage betaald (€)",
        "vaste_bijdrage_status": "Status vaste bijdrage",
        "variabele_bijdrage": "Variabele bijdrage (€)",
    },
)

# --- Hours by gremium per party ----------------------------------------------------------------
labels = [_label(r["deelnemer_code"], r["naam"]) for r in rij]
fig = go.Figure()
for gremium, naam in GREMIA.items():
    fig.add_trace(go.Bar(
        y=labels, x=[r[f"uren_{gremium}"] for r in rij], name=naam, orientation="h",
        marker_color=GREMIUM_KLEUR[gremium],
        hovertemplate=f"%{{y}} · {naam}: %{{x:,.1f}} uur<extra></extra>",
    ))
fig.add_trace(go.Scatter(
    y=labels, x=[r["urennorm_peildatum"] for r in rij],
    name="urennorm tot peildatum" if lopend else "urennorm", mode="markers",
    marker={"symbol": "line-ns-open", "size": 20, "color": "#000000", "line": {"width": 3}},
    hovertemplate="%{y} · norm: %{x:,.1f} uur<extra></extra>",
))
fig.update_layout(barmode="stack", height=max(300, 28 * len(rij) + 140))
fig.update_yaxes(autorange="reversed")
fig.update_xaxes(title_text="uren")
charts.opmaak(fig, f"Uren per gremium en partij, {jaar} (zwart streepje = urennorm"
              + (f" tot peildatum {fmt.date(peildatum)})" if lopend else ")"))
charts.toon(
    fig,
    pl.DataFrame(
        {
            "Partij": labels,
            **{naam: [fmt.number(r[f"uren_{g}"]) for r in rij] for g, naam in GREMIA.items()},
            "Totaal": [fmt.number(r["uren_totaal"]) for r in rij],
            "Urennorm": [fmt.number(r["urennorm"]) for r in rij],
            "Urennorm tot peildatum": [fmt.number(r["urennorm_peildatum"]) for r in rij],
        }
    ),
    f"bijdragen_uren_per_gremium_{jaar}",
)

# --- Trend over the years ------------------------------------------------------------------------
st.subheader("Verloop over de jaren")
reeks = data.bijdragen_reeks(versie)
maat = st.radio(
    "Maat", ["vervulling", "uren"], horizontal=True, key="bijdragen_maat",
    format_func={"vervulling": "Vervulling (%)", "uren": "Uren"}.__getitem__,
)
kolom = "vervulling_pct" if maat == "vervulling" else "uren_totaal"
eenheid = "procent" if maat == "vervulling" else "uren"
fig = go.Figure()
partijen = reeks.select("deelnemer_code", "naam").unique(maintain_order=True).rows()
# The chosen party last, so its line is drawn on top.
for code, naam in sorted(partijen, key=lambda p: p[0] == keuze.deelnemer_code):
    deel = reeks.filter(pl.col("deelnemer_code") == code)
    gekozen = code == keuze.deelnemer_code
    charts.lijn(
        fig, deel["jaar"].to_list(), deel[kolom].to_list(), peildatum, name=_label(code, naam),
        line={"color": charts.PALET[0] if gekozen else ANDEREN, "width": 4 if gekozen else 1.5},
        marker={"size": 9 if gekozen else 5, "symbol": "diamond" if gekozen else "circle"},
        hovertemplate=f"{naam} %{{x}}: %{{y:,.1f}}<extra></extra>",
        showlegend=gekozen,
    )
# the norm the status is held against: in the running year the hour norm pro rata
normkolom = "vervulling_norm" if maat == "vervulling" else "urennorm_peildatum"
eigen = reeks.filter(pl.col("deelnemer_code") == keuze.deelnemer_code)
normbron = eigen if eigen.height else reeks
normen = normbron.group_by("jaar", maintain_order=True).agg(pl.col(normkolom).max()).sort("jaar")
charts.lijn(
    fig, normen["jaar"].to_list(), normen[normkolom].to_list(), peildatum, name="norm",
    line={"color": "#000000", "dash": "dash", "width": 2}, marker={"size": 1},
)
charts.jaar_as(fig, reeks["jaar"].to_list(), peildatum)
charts.opmaak(
    fig,
    f"{'Vervulling' if maat == 'vervulling' else 'Uren'} per partij per jaar "
    f"({GEKOZEN}{keuze.deelnemer_naam or ''} blauw, andere partijen grijs, norm gestreept)",
    "vervulling (%)" if maat == "vervulling" else "uren",
)
pivot = (
    reeks.with_columns(
        pl.col(kolom).map_elements(lambda x: fmt.waarde(x, eenheid), return_dtype=pl.String),
        pl.col("jaar").cast(pl.String),
        naam=pl.struct("deelnemer_code", "naam").map_elements(
            lambda s: _label(s["deelnemer_code"], s["naam"]), return_dtype=pl.String
        ),
    )
    .pivot(on="jaar", index="naam", values=kolom)
    .rename({"naam": "Partij"})
)
charts.toon(fig, pivot, f"bijdragen_verloop_{maat}")

# --- Detail of the chosen party ------------------------------------------------------------------
st.subheader(f"Detail: {keuze.deelnemer_naam or 'geen deelnemer gekozen'}, {jaar}")
detail = bijdragen.filter(pl.col("deelnemer_code") == keuze.deelnemer_code)
if not detail.height:
    st.info(f"{keuze.deelnemer_naam or 'Deze deelnemer'} is geen partij met een bijdrageplicht "
            f"in {jaar}. Kies een partij in de zijbalk.")
    st.stop()

d = detail.row(0, named=True)
vakken = st.columns(5)
vakken[0].metric("Vervulling", fmt.procent(d["vervulling_pct"]), border=True,
                 help=f"Positie {d['positie']} van {bijdragen.height} (laagste = 1)")
vakken[0].caption(_status(d["status"]))
vakken[1].metric("Uren", fmt.uren(d["uren_totaal"]), border=True)
vakken[1].caption(fmt.norm(d["urennorm"], d["urennorm_peildatum"], "uren",
                           eerste_normjaar if voor_normen else None))
vakken[2].metric("Vervangende bijdrage", fmt.euro(d["vervangende_bijdrage"]), border=True)
vakken[3].metric("Vaste bijdrage betaald", fmt.euro(d["vaste_bijdrage_betaald"]), border=True)
vakken[3].caption(f"gefactureerd {fmt.euro(d['vaste_bijdrage_gefactureerd'])} · "
                  f"{_status(d['vaste_bijdrage_status'])}")
vakken[4].metric("Onder de norm sinds", str(d["achterstand_sinds"] or fmt.EMPTY), border=True)
if d["jaren_onder_norm"]:
    vakken[4].caption(_achterstand(d["achterstand_sinds"], d["jaren_onder_norm"]))
elif d["status"] == "groen":
    vakken[4].caption(f"voldoet in {jaar} aan de norm")
elif voor_normen:
    vakken[4].caption(f"geen norm vóór {eerste_normjaar}")
else:
    vakken[4].caption(f"geen norm in {jaar}")

maanden = data.inzet_per_maand(versie, jaar, keuze.deelnemer_code)
fig = go.Figure()
for gremium, naam in GREMIA.items():
    deel = maanden.filter(pl.col("gremium") == gremium)
    if deel.height:
        fig.add_trace(go.Bar(
            x=[charts.MAANDEN[m - 1] for m in deel["maand"]], y=deel["uren"], name=naam,
            marker_color=GREMIUM_KLEUR[gremium],
            hovertemplate=f"%{{x}} · {naam}: %{{y:,.1f}} uur<extra></extra>",
        ))
fig.update_layout(barmode="stack", showlegend=True)
fig.update_xaxes(categoryorder="array", categoryarray=charts.MAANDEN, range=[-0.5, 11.5])
charts.opmaak(fig, f"Uren per maand en gremium: {d['naam']}, {jaar}", "uren")
gremia_aanwezig = [g for g in GREMIA if g in set(maanden["gremium"])]
per_maand = pl.DataFrame({"Maand": charts.MAANDEN_VOLUIT})
if maanden.height:
    per_maand = per_maand.join(
        maanden.with_columns(Maand=pl.col("maand").map_elements(
            lambda m: charts.MAANDEN_VOLUIT[m - 1], return_dtype=pl.String))
        .pivot(on="gremium", index="Maand", values="uren"),
        on="Maand", how="left", maintain_order="left",
    )
per_maand = per_maand.select(
    "Maand",
    *[pl.col(g).map_elements(fmt.number, return_dtype=pl.String).fill_null(fmt.EMPTY)
      .alias(GREMIA[g]) for g in gremia_aanwezig],
)
charts.toon(fig, per_maand, f"bijdragen_uren_per_maand_{keuze.deelnemer_code}_{jaar}")
if not maanden.height:
    st.info(f"Geen uren geregistreerd voor {d['naam']} in {jaar}.")
st.caption(
    (f"Urennorm per gremium voor {d['naam']}: kerngroep {fmt.uren(d['urennorm_kerngroep'])}, "
    f"Twentebreed {fmt.uren(d['urennorm_twentebreed'])}, projectgroepen "
    f"{fmt.uren(d['urennorm_projectgroep'])}; " if d["urennorm"] is not None
     else f"Geen urennorm vóór {eerste_normjaar}; ")
    + "geregistreerd: kerngroep "
    f"{fmt.uren(d['uren_kerngroep'])}, Twentebreed {fmt.uren(d['uren_twentebreed'])}, "
    f"projectgroepen {fmt.uren(d['uren_projectgroep'])}."
)
