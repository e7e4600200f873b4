"""Indicatoren (Evaluator): the evaluatiekader's catalogue with definitions and source clauses;
for one indicator its full time series per participant and the region with the norm, the
before/after comparison around both turning points, and a drill-down from a value to the mart
rows behind it; and the complete indicator set of a year as one Excel report ("rapportage").

Values, norms, statuses and the before/after means are the marts' (marts.indicatoren,
marts.indicatoren_voor_na); the drill-down runs the catalogue's own herkomst predicate with
bound parameters (data.herkomst)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from core import catalogus as kader_tekst
from core import fmt
from dashboard import access, charts, data, export, filters, logboek

access.vereis("indicatoren")
st.title("Indicatoren")

REGIO = "Twente (regio)"
MARKERING = "★ "  # the chosen participant in a list: a symbol, not only a colour
# Marker per status in the time series: the same shapes as the symbols in fmt.STATUS_LABELS.
STATUS_SYMBOOL = {"groen": "circle", "oranje": "triangle-up", "rood": "square", None: "x-thin"}
STATUS_WOORD = {"groen": "groen", "oranje": "oranje", "rood": "rood", None: "geen norm"}
NIVEAU = {"R": "regio", "P": "per deelnemer", "P,R": "per deelnemer en regio"}
VERGELIJKING = {
    "nieuwe_stijl": "Samenwerking nieuwe stijl (000)",
    "overeenkomst": "Samenwerkingsovereenkomst (003 Art. 3.3)",
}

keuze = filters.huidige()
versie = data.warehouse_version()
publicatie = data.publicatie(versie)
peildatum = publicatie["peildatum"][0] if publicatie.height else None


def met_regio(frame: pl.DataFrame) -> pl.DataFrame:
    """Name the region rows (deelnemer_code NULL) REGIO."""
    return frame.with_columns(
        naam=pl.when(pl.col("deelnemer_code").is_null()).then(pl.lit(REGIO))
        .otherwise(pl.col("naam"))
    )


def statusregel(r: dict) -> str:
    """The catalogue's status rule in words (core/catalogus.py, as the board report)."""
    return kader_tekst.statusregel(r["status_regel"], r["grens_basis"], r["eenheid"],
                                 r["grens_groen"], r["grens_oranje"], r["grens_oranje_exclusief"])


def verschil(x: float | None, eenheid: str | None) -> str:
    if x is None:
        return fmt.EMPTY
    teken = "+" if x > 0 else ("−" if x < 0 else "±")
    if eenheid == "procent":
        return f"{teken}{fmt.number(abs(x))} procentpunt"
    return f"{teken}{fmt.waarde(abs(x), eenheid)}"


def jaren(eerste: int | None, laatste: int | None, aantal: int | None) -> str:
    if not aantal:
        return fmt.EMPTY
    bereik = str(eerste) if eerste == laatste else f"{eerste}–{laatste}"
    return f"{bereik} ({aantal} jaar)"


def catalogus_tabel(versie: data.Version) -> pl.DataFrame:
    """The catalogue with its level and status rule in words."""
    frame = data.catalogus_herkomst(versie)
    return frame.with_columns(
        niveau_tekst=pl.col("niveau").replace_strict(NIVEAU, default=pl.col("niveau")),
        statusregel=pl.Series([statusregel(r) for r in frame.to_dicts()], dtype=pl.String),
        bron=pl.Series(
            [f"{kader_tekst.bron(d)}, {kader_tekst.bron(c)}" for d, c in zip(frame["bron_document"],
                                                     frame["bron_clausule"], strict=True)],
            dtype=pl.String,
        ),
    )


catalogus = catalogus_tabel(versie)
if catalogus.height == 0:
    st.info("Het evaluatiekader is leeg.")
    st.stop()
kader = {r["indicator_id"]: r for r in catalogus.to_dicts()}
CATALOGUS_KOLOMMEN = {
    "naam": "Indicator",
    "indicator_id": "Id",
    "definitie": "Definitie",
    "eenheid": "Eenheid",
    "niveau_tekst": "Niveau",
    "statusregel": "Statusregel",
    "bron": "Bron",
    "bron_document": "Bestand (seeds)",
    "herkomst_mart": "Berekend uit",
}


VOOR_NA_UITLEG = (
    "Twee omslagpunten: de samenwerking 'nieuwe stijl' vanaf 1 januari 2024 (Uitvoeringsplan "
    "2023, 000) en de samenwerkingsovereenkomst vanaf 1 november 2024 (003 Art. 3.3 en 11). "
    "Per omslagpunt staat het gemiddelde van de jaarwaarden vóór en ná. Een jaar telt als 'na' "
    "als het omslagpunt op of vóór 1 juli van dat jaar ligt: 2024 telt dus als 'na' voor de "
    "nieuwe stijl, maar als 'voor' de overeenkomst (die gold in 2024 maar 2 van de 12 maanden). "
    "Het lopende jaar telt niet mee: het is maar tot de peildatum gemeten, zodat aantallen en "
    "uren nog onvolledig zijn. Verschil = na − voor (bij percentages in procentpunten)."
)


# --- Rapportage ---------------------------------------------------------------------------------
@st.cache_data(ttl=600, show_spinner=False)
def rapportage(versie: data.Version, jaar: int) -> bytes:
    """One workbook: every indicator value of the year, the catalogue, the before/after table
    and a sheet that explains them. Real number and date cells, Dutch headers, status as text."""
    waarden = met_regio(data.rapportage_waarden(versie, jaar)).with_columns(
        status=pl.col("status").fill_null("geen norm"),
    )
    voor_na = met_regio(data.voor_na(versie)).with_columns(
        vergelijking=pl.col("vergelijking").replace_strict(
            VERGELIJKING, default=pl.col("vergelijking")
        ),
    )
    publicatie = data.publicatie(versie)
    pub = publicatie.row(0, named=True) if publicatie.height else {}
    toelichting = pl.DataFrame(
        {
            "Onderwerp": [
                "Jaar", "Peildatum", "Gegevens tot en met", "Gebouwd op", "Status",
                "Lopend jaar", "Voor en na",
            ],
            "Toelichting": [
                str(jaar),
                fmt.date(pub.get("peildatum")),
                fmt.date_time(pub.get("data_tot")),
                fmt.date_time(pub.get("gebouwd_op")),
                "groen = voldoet aan de norm, oranje = aandacht nodig, rood = voldoet niet, "
                "geen norm = informatief (statusregel per indicator in het blad Catalogus).",
                "Het jaar van de peildatum is gemeten tot en met de peildatum; een uren- of "
                "vergadernorm geldt dan naar rato: de kolom Norm toont de jaarnorm, de kolom "
                "Norm tot peildatum de norm waartegen de status is bepaald (op koers). Vóór "
                "2024 golden de normen nog niet: waarde zonder norm en status.",
                VOOR_NA_UITLEG,
            ],
        }
    )
    bladen = [
        (
            f"Indicatoren {jaar}",
            waarden,
            {
                "indicator": "Indicator", "indicator_id": "Id", "jaar": "Jaar",
                "naam": "Deelnemer", "deelnemer_code": "Code", "eenheid": "Eenheid",
                "waarde": "Waarde", "norm": "Norm", "norm_peildatum": "Norm tot peildatum",
                "status": "Status",
            },
        ),
        ("Catalogus", catalogus_tabel(versie), CATALOGUS_KOLOMMEN),
        (
            "Voor en na",
            voor_na,
            {
                "indicator": "Indicator", "indicator_id": "Id", "naam": "Deelnemer",
                "deelnemer_code": "Code", "eenheid": "Eenheid", "vergelijking": "Omslagpunt",
                "grensdatum": "Vanaf", "waarde_voor": "Gemiddelde voor",
                "jaren_voor": "Jaren voor", "eerste_jaar_voor": "Eerste jaar voor",
                "laatste_jaar_voor": "Laatste jaar voor", "waarde_na": "Gemiddelde na",
                "jaren_na": "Jaren na", "eerste_jaar_na": "Eerste jaar na",
                "laatste_jaar_na": "Laatste jaar na", "verschil": "Verschil (na − voor)",
            },
        ),
        ("Toelichting", toelichting, None),
    ]
    sheets = []
    for blad, frame, kolommen in bladen:
        tabel = frame.select(list(kolommen)).rename(kolommen) if kolommen else frame
        jaartallen = [k for k in tabel.columns if k.lower().startswith(("jaar", "eerste jaar",
                                                                         "laatste jaar"))]
        sheets.append(export.Sheet(
            blad, tabel,
            column_formats=dict.fromkeys(jaartallen, "0"),  # 2025, not 2.025
            autofilter=blad != "Toelichting",
        ))
    return export.workbook(sheets)


if keuze.jaar is not None:
    kolom = st.columns([2, 3])
    kolom[0].download_button(
        f"Rapportage {keuze.jaar} (Excel)",
        rapportage(versie, keuze.jaar),
        file_name=f"vth_rapportage_{keuze.jaar}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        type="primary",
        key="rapportage",
        on_click=lambda: logboek.write(
            "export", {"tabel": f"rapportage_{keuze.jaar}", "formaat": "xlsx"}
        ),
    )
    kolom[1].caption(
        f"Eén werkmap met alle indicatorwaarden van {keuze.jaar} (regio en deelnemers), de "
        "catalogus met definities en bronnen, de voor-en-na-vergelijking en een toelichting."
    )

# --- Catalogus ----------------------------------------------------------------------------------
st.header("Catalogus (evaluatiekader)")
st.caption(
    "Het evaluatiekader van 000 Opgave 7: elke indicator met definitie, statusregel en het "
    "artikel of de opgave waar hij vandaan komt. Brondocumenten: 000 Uitvoeringsplan 2023, "
    "001 zelfevaluatie ODT, 003 samenwerkingsovereenkomst."
)
st.dataframe(
    catalogus.select(list(CATALOGUS_KOLOMMEN)).rename(CATALOGUS_KOLOMMEN),
    hide_index=True,
    width="stretch",
    key="ind_tabel_catalogus",
)
export.knoppen(catalogus, "evaluatiekader", CATALOGUS_KOLOMMEN)

# --- Eén indicator ------------------------------------------------------------------------------
st.header("Eén indicator door de tijd")
indicator = st.selectbox(
    "Indicator", list(kader), format_func=lambda i: kader[i]["naam"], key="ind_indicator"
)
info = kader[indicator]
eenheid = info["eenheid"]
st.markdown(f"**{info['naam']}** · {info['definitie']}")
st.caption(
    f"Bron: {info['bron']} · niveau: "
    f"{NIVEAU.get(info['niveau'], info['niveau'])} · {statusregel(info)}"
)

reeks = met_regio(data.indicator_reeks(versie, indicator))
if reeks.height == 0:
    st.info("Voor deze indicator zijn (nog) geen waarden berekend.")
    st.stop()

codes = reeks.filter(pl.col("deelnemer_code").is_not_null())["deelnemer_code"].unique(
    maintain_order=True
).to_list()
namen = dict(
    reeks.select("deelnemer_code", "naam").unique(maintain_order=True).iter_rows()
)
standaard = [keuze.deelnemer_code] if keuze.deelnemer_code in codes else []
getoond = st.multiselect(
    "Deelnemers in de grafiek (naast de regio)",
    codes,
    default=standaard,
    format_func=namen.__getitem__,
    key="ind_deelnemers",
) if codes else []

lijnen = [None, *getoond] if reeks["deelnemer_code"].is_null().any() else getoond
eerste_normjaar = data.eerste_normjaar(versie)


def norm_tekst(norm: float | None, norm_peildatum: float | None, jaar: int) -> str:
    voor = eerste_normjaar if eerste_normjaar is not None and jaar < eerste_normjaar else None
    return fmt.norm(norm, norm_peildatum, eenheid, voor if info["status_regel"] != "geen" else None)


fig = go.Figure()
normen: dict[tuple, list[str]] = {}
for i, code in enumerate(lijnen):
    deel = reeks.filter(pl.col("deelnemer_code").is_null() if code is None
                        else pl.col("deelnemer_code") == code)
    naam = namen[code]
    # the running year (measured up to peildatum) is drawn as partial: dotted, hollow point
    charts.lijn(
        fig,
        deel["jaar"].to_list(),
        deel["waarde"].to_list(),
        peildatum,
        name=naam,
        line={"color": charts.PALET[i % len(charts.PALET)], "width": 3 if code is None else 2},
        marker={"size": 11, "symbol": [STATUS_SYMBOOL.get(s) for s in deel["status"]]},
        customdata=list(
            zip(
                fmt.texts(deel["waarde"], lambda w: fmt.waarde(w, eenheid)),
                fmt.texts(deel["status"], fmt.status),
                [norm_tekst(n, p, j) for n, p, j in
                 zip(deel["norm"], deel["norm_peildatum"], deel["jaar"], strict=True)],
                strict=True,
            )
        ),
        hovertemplate=(
            f"{naam}, %{{x}}: %{{customdata[0]}}<br>%{{customdata[2]}} · "
            "%{customdata[1]}<extra></extra>"
        ),
    )
    if deel["norm_peildatum"].is_not_null().any():
        normen.setdefault(
            tuple(zip(deel["jaar"], deel["norm_peildatum"], strict=True)), []
        ).append(naam)
for i, (punten, wie) in enumerate(normen.items()):
    # the norm the status is held against: the full-year norm, in the running year pro rata
    charts.lijn(
        fig,
        [j for j, _ in punten],
        [n for _, n in punten],
        peildatum,
        name="Norm" if len(normen) == 1 else f"Norm {', '.join(wie)}",
        line={"color": "#000000", "dash": ["dash", "dot", "dashdot"][i % 3], "width": 1.5},
        marker={"size": 4},
        hovertemplate="norm %{x}: %{y:,.1f}<extra></extra>",
    )
charts.jaar_as(fig, reeks["jaar"].to_list(), peildatum, tickformat="d")
if eenheid == "procent":
    fig.update_yaxes(ticksuffix="%")
charts.opmaak(fig, f"{info['naam']} per jaar", {"procent": "%"}.get(eenheid, eenheid))
REEKS_KOLOMMEN = {
    "jaar": "Jaar",
    "naam": "Deelnemer",
    "deelnemer_code": "Code",
    "waarde": "Waarde",
    "norm": "Norm",
    "norm_peildatum": "Norm tot peildatum",
    "status": "Status",
}
if lijnen:
    charts.toon(
        fig,
        reeks.filter(
            pl.col("deelnemer_code").is_null() | pl.col("deelnemer_code").is_in(getoond)
        ),
        f"indicator_{indicator}_grafiek",
        REEKS_KOLOMMEN,
    )
else:
    st.info("Deze indicator heeft alleen waarden per deelnemer: kies er een of meer.")
if peildatum is not None:
    st.caption(
        f"Symbolen: {fmt.status_legend()}. Het jaar {peildatum.year} is gemeten tot en met "
        f"de peildatum {fmt.date(peildatum)} (gestippeld, open symbool, grijs vlak): een "
        "uren- of vergadernorm geldt dan naar rato en de status zegt of de waarde op koers is; "
        "de normlijn toont in dat jaar de norm tot de peildatum."
        + (f" Vóór {eerste_normjaar} golden de normen nog niet: waarden zonder norm en status."
           if eerste_normjaar is not None and min(reeks["jaar"]) < eerste_normjaar else "")
    )

st.subheader("Alle deelnemers en jaren")
jaartallen = sorted(reeks["jaar"].unique().to_list())
cellen = reeks.with_columns(
    cel=pl.Series(
        [
            f"{fmt.waarde(w, eenheid)} {fmt.STATUS_LABELS.get(s, '').split(' ')[0]}".rstrip()
            if s else fmt.waarde(w, eenheid)
            for w, s in zip(reeks["waarde"], reeks["status"], strict=True)
        ],
        dtype=pl.String,
    ),
    toon_naam=pl.Series(
        [
            MARKERING + n if c is not None and c == keuze.deelnemer_code else n
            for c, n in zip(reeks["deelnemer_code"], reeks["naam"], strict=True)
        ],
        dtype=pl.String,
    ),
    jaar_tekst=pl.Series(
        [fmt.lopend_jaar(j, peildatum) for j in reeks["jaar"]], dtype=pl.String
    ),
)
matrix = (
    cellen.pivot("jaar_tekst", index="toon_naam", values="cel", maintain_order=True)
    .rename({"toon_naam": "Deelnemer"})
    .fill_null(fmt.EMPTY)
)
st.dataframe(
    matrix.select(
        "Deelnemer",
        *[fmt.lopend_jaar(j, peildatum) for j in jaartallen
          if fmt.lopend_jaar(j, peildatum) in matrix.columns],
    ),
    hide_index=True,
    width="stretch",
    key="ind_tabel_reeks",
)
st.caption(f"{MARKERING.strip()} = gekozen deelnemer. {fmt.status_legend()}")
export.knoppen(reeks, f"indicator_{indicator}_reeks", REEKS_KOLOMMEN)

# --- Voor en na ---------------------------------------------------------------------------------
st.header("Voor en na")
st.markdown(VOOR_NA_UITLEG)
vergelijking = met_regio(data.voor_na(versie, indicator))
VOOR_NA_KOLOMMEN = {
    "naam": "Deelnemer",
    "deelnemer_code": "Code",
    "vergelijking": "Omslagpunt",
    "grensdatum": "Vanaf",
    "waarde_voor": "Gemiddelde voor",
    "jaren_voor": "Jaren voor",
    "waarde_na": "Gemiddelde na",
    "jaren_na": "Jaren na",
    "verschil": "Verschil (na − voor)",
}


def voor_na_tabel(frame: pl.DataFrame, sleutel: str) -> None:
    rijen = frame.to_dicts()
    st.dataframe(
        pl.DataFrame(
            {
                "Deelnemer": [r["naam"] for r in rijen],
                "Omslagpunt": [
                    f"{VERGELIJKING.get(r['vergelijking'], r['vergelijking'])}, vanaf "
                    f"{fmt.date(r['grensdatum'])}"
                    for r in rijen
                ],
                "Voor": [fmt.waarde(r["waarde_voor"], eenheid) for r in rijen],
                "Jaren voor": [
                    jaren(r["eerste_jaar_voor"], r["laatste_jaar_voor"], r["jaren_voor"])
                    for r in rijen
                ],
                "Na": [fmt.waarde(r["waarde_na"], eenheid) for r in rijen],
                "Jaren na": [
                    jaren(r["eerste_jaar_na"], r["laatste_jaar_na"], r["jaren_na"]) for r in rijen
                ],
                "Verschil": [verschil(r["verschil"], eenheid) for r in rijen],
            },
            schema={k: pl.String for k in
                    ["Deelnemer", "Omslagpunt", "Voor", "Jaren voor", "Na", "Jaren na",
                     "Verschil"]},
        ),
        hide_index=True,
        width="stretch",
        key=f"ind_tabel_{sleutel}",
    )


if vergelijking.height == 0:
    st.info("Nog geen volledige jaren om te vergelijken.")
else:
    kern = vergelijking.filter(
        pl.col("deelnemer_code").is_null()
        | pl.col("deelnemer_code").eq_missing(pl.lit(keuze.deelnemer_code, pl.Utf8))
    )
    voor_na_tabel(kern if kern.height else vergelijking, "voor_na")
    export.knoppen(vergelijking, f"indicator_{indicator}_voor_na", VOOR_NA_KOLOMMEN)
    if kern.height and kern.height < vergelijking.height:
        with st.expander("Alle deelnemers", icon=":material/table:"):
            voor_na_tabel(vergelijking, "voor_na_alle")

# --- Herkomst -----------------------------------------------------------------------------------
st.header("Herkomst van een waarde")
st.caption(
    "Kies een jaar en de regio of een deelnemer: hieronder staan de rijen uit de mart waaruit "
    "die waarde is berekend, met de query die haar narekent (marts.herkomst)."
)
kolom = st.columns(2)
jaar_opties = sorted(reeks["jaar"].unique().to_list(), reverse=True)
herkomst_jaar = kolom[0].selectbox(
    "Jaar",
    jaar_opties,
    index=jaar_opties.index(keuze.jaar) if keuze.jaar in jaar_opties else 0,
    key="ind_herkomst_jaar",
)
van_jaar = reeks.filter(pl.col("jaar") == herkomst_jaar)
# The region as "" rather than None: a kept None would count as "nothing chosen" and survive a
# switch to an indicator without a region value; an unknown string is reset by Streamlit.
wie_opties = [c or "" for c in van_jaar["deelnemer_code"].to_list()]  # the region first
herkomst_wie = kolom[1].selectbox(
    "Regio of deelnemer",
    wie_opties,
    index=wie_opties.index(keuze.deelnemer_code) if keuze.deelnemer_code in wie_opties else 0,
    format_func=lambda c: namen.get(c or None, c),
    key="ind_herkomst_wie",
) or None
gekozen = van_jaar.filter(
    pl.col("deelnemer_code").is_null() if herkomst_wie is None
    else pl.col("deelnemer_code") == herkomst_wie
).row(0, named=True)

# Where the value comes from (marts.herkomst): the query text is shown to every role; the rows
# behind it only to a role that may read that mart's detail (the data layer refuses them too).
herkomst = data.herkomst_query(versie, indicator, herkomst_jaar, herkomst_wie)
bron_mart, filter_sql, aggregatie_sql = herkomst.row(0) if herkomst.height else (None, None, None)
rijen = None
if bron_mart is None:
    st.error("Voor deze waarde is geen herkomst gepubliceerd.")
elif not access.mag_detail(f"marts.{bron_mart}"):
    # PHO sees aggregates only: the value and its query, not the per-party rows behind it.
    st.info(
        access.GEEN_DETAIL.format(
            tabel=f"marts.{bron_mart}", rol=access.ROLLEN.get(access.huidige_rol() or "", "")
        ),
        icon=":material/lock:",
    )
else:
    try:
        rijen = data.herkomst(versie, indicator, herkomst_jaar, herkomst_wie)
    except (duckdb.Error, ValueError, access.GeenToegang) as fout:
        st.error(f"De rijen achter deze waarde konden niet worden opgevraagd: {fout}")
if bron_mart is not None:
    if rijen is not None:
        meer = rijen.height > data.HERKOMST_MAX_RIJEN
        aantal = (f"meer dan {fmt.aantal(data.HERKOMST_MAX_RIJEN)}" if meer
                  else fmt.aantal(rijen.height))
        rijtekst = f" · {aantal} {'rij' if aantal == '1' else 'rijen'} in marts.{bron_mart}"
    else:
        rijtekst = f" · uit marts.{bron_mart}"
    st.metric(
        f"{info['naam']}, {namen.get(herkomst_wie, REGIO)}, {herkomst_jaar}",
        fmt.waarde(gekozen["waarde"], eenheid),
        f"{fmt.status(gekozen['status'])}{rijtekst}",
        delta_color="off",
        delta_arrow="off",
    )
    with st.expander("Query die de waarde narekent (marts.herkomst)",
                     icon=":material/filter_alt:"):
        st.code(
            f"select round({aggregatie_sql}, 2)\nfrom marts.{bron_mart}\nwhere {filter_sql}",
            language="sql",
        )
        st.caption(
            "Elke gepubliceerde waarde heeft zo'n query in marts.herkomst; de tabel hieronder "
            "toont de rijen die de where-regel selecteert."
        )
if rijen is not None:
    rijen = rijen.head(data.HERKOMST_MAX_RIJEN)

    def cel(x: object, kolom: str) -> str:
        if x is None:
            return fmt.EMPTY
        if isinstance(x, bool):
            return "ja" if x else "nee"
        if isinstance(x, datetime | date):
            return fmt.date_time(x)
        if isinstance(x, float):
            return fmt.number(x, 2).rstrip("0").rstrip(",")
        if isinstance(x, int) and not (kolom in ("jaar", "maand", "rij") or kolom.endswith(
            ("_jaar", "_id")
        )):
            return fmt.number(x, 0)
        return str(x)

    # Dutch formats for the screen; the downloads keep the typed values.
    st.dataframe(
        pl.DataFrame(
            {
                k: pl.Series(k, [cel(x, k) for x in rijen[k].to_list()], dtype=pl.String)
                for k in rijen.columns
            }
        ),
        hide_index=True,
        width="stretch",
        key="ind_tabel_herkomst",
    )
    export.knoppen(
        rijen,
        f"herkomst_{indicator}_{herkomst_jaar}_{herkomst_wie or 'regio'}",
        sleutel="herkomst",
    )
