"""Gegevens (Beheer): how recent the published data are, every load attempt, and the rows that
were rejected (quarantine), so the data steward knows what to chase.

Kerngroep and beheerder upload deliveries here: first a check of what a load would do, then
"Publiceren" loads, rebuilds and publishes (dashboard/uploadscherm.py, dashboard/publiceren.py);
the beheerder can also rebuild on its own with another peildatum. Both are written to the logboek.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
import streamlit as st

from core import fmt
from core.paths import REPO_ROOT
from dashboard import access, data, logboek, upload, uploadscherm

_LOG = logging.getLogger(__name__)

access.vereis("gegevens")
st.title("Gegevens")



def _toon_quarantaine(frame: pl.DataFrame) -> None:
    """Quarantined rows with Dutch headers; bron/soort only when the frame has them."""
    kolommen = [pl.col(c).alias(c.capitalize()) for c in ("bron", "soort") if c in frame.columns]
    st.dataframe(
        frame.select(
            *kolommen,
            pl.col("rij").alias("Rij"),
            pl.col("kolom").fill_null("(hele rij)").alias("Kolom"),
            pl.col("waarde").alias("Waarde"),
            pl.col("reden").alias("Reden"),
        ),
        hide_index=True,
        width="stretch",
    )

def _refresh(peildatum: date | None) -> dict:
    """Rebuild and publish in a separate process (``python -m warehouse refresh --json``): the
    server never imports the pipeline. Returns the command's JSON (``bouw``, ``bezet``)."""
    command = [sys.executable, "-m", "warehouse", "refresh", "--json",
               "--wacht", str(upload.LOCK_WACHT)]
    if peildatum is not None:
        command += ["--peildatum", peildatum.isoformat()]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    try:
        return json.loads(done.stdout)
    except ValueError:
        _LOG.error("python -m warehouse refresh gaf geen uitkomst: %s", done.stderr[-2000:])
        return {"bouw": None, "bezet": None}


def _bouw(peildatum: date | None, aanleiding: str) -> dict:
    """Rebuild and publish; returns the feedback to show (and logs it)."""
    with st.spinner("Het warehouse wordt opnieuw gebouwd en gepubliceerd…"):
        uitkomst = _refresh(peildatum)
    if uitkomst.get("bezet"):
        logboek.write("herbouwen", {"aanleiding": aanleiding, "resultaat": "bezet"})
        return {"soort": "warning", "tekst": uitkomst["bezet"]}
    bouw = uitkomst.get("bouw") or {"ok": False, "peildatum": None, "seconden": 0.0,
                                    "melding": "geen uitkomst", "fouten": []}
    logboek.write(
        "herbouwen",
        {
            "aanleiding": aanleiding,
            "peildatum": bouw["peildatum"],
            "resultaat": "gepubliceerd" if bouw["ok"] else "mislukt",
            "seconden": round(bouw["seconden"], 1),
        },
    )
    if bouw["ok"]:
        return {
            "soort": "success",
            "tekst": f"Het nieuwe warehouse is gepubliceerd (peildatum "
            f"{fmt.date(date.fromisoformat(bouw['peildatum']))}, "
            f"{fmt.number(bouw['seconden'], 1)} s). Alle pagina's tonen nu de nieuwe gegevens.",
        }
    _LOG.error("build vanuit het dashboard mislukt: %s", bouw["melding"])
    redenen = "; ".join(bouw["fouten"][:3]) or "zie het buildlogboek op de server"
    return {
        "soort": "error",
        "tekst": f"De build is mislukt; het vorige warehouse blijft gepubliceerd. ({redenen})",
    }


def _toon_bouw(bouw: dict | None) -> None:
    if bouw:
        getattr(st, bouw["soort"])(bouw["tekst"])


if access.mag("uploaden"):
    uploadscherm.toon()  # check first, then publish (issue 16)

if access.mag("herbouwen"):
    with st.expander("Opnieuw bouwen", icon=":material/refresh:"):
        st.caption(
            "Bouw het warehouse opnieuw uit de geladen gegevens, bijvoorbeeld met een andere "
            "peildatum (de datum waarop 'tot nu toe' en 'te laat' worden bepaald)."
        )
        peildatum = st.date_input(
            "Peildatum", value=date.today(), format="DD-MM-YYYY", key="herbouw_peildatum"
        )
        if st.button("Opnieuw bouwen", key="herbouwen", icon=":material/build:"):
            st.session_state["herbouw_verslag"] = _bouw(peildatum, "beheerder")
        _toon_bouw(st.session_state.get("herbouw_verslag"))

versie = data.warehouse_version()
publicatie = data.publicatie(versie)
ladingen = data.ladingen(versie)
quarantaine = data.quarantaine(versie)

pub = publicatie.row(0, named=True) if publicatie.height else {}
vakken = st.columns(5)
vakken[0].metric("Gegevens tot en met", fmt.date_time(pub.get("data_tot")))
vakken[1].metric("Gebouwd op", fmt.date_time(pub.get("gebouwd_op")))
vakken[2].metric("Peildatum", fmt.date(pub.get("peildatum")))
vakken[3].metric("Ladingen", fmt.number(ladingen.height, 0))
vakken[4].metric("Rijen in quarantaine", fmt.number(quarantaine.height, 0))


def _tekst(kolom: pl.Series, opmaak: Callable[[Any], str]) -> pl.Series:
    return pl.Series(kolom.name, [opmaak(x) for x in kolom.to_list()], dtype=pl.String)


st.subheader("Ladingen")
st.caption("Elke poging om een bestand te laden, nieuwste eerst.")
st.dataframe(
    ladingen.select(
        pl.col("lading_id").alias("Lading"),
        pl.col("bron").alias("Bestand"),
        pl.col("soort").alias("Soort"),
        _tekst(ladingen["geladen_op"], fmt.date_time).alias("Geladen op"),
        _tekst(ladingen["rijen_gelezen"], lambda x: fmt.number(x, 0)).alias("Rijen gelezen"),
        _tekst(ladingen["rijen_geladen"], lambda x: fmt.number(x, 0)).alias("Rijen geladen"),
        _tekst(ladingen["rijen_quarantaine"], lambda x: fmt.number(x, 0)).alias(
            "Rijen in quarantaine"
        ),
        pl.col("resultaat").alias("Resultaat"),
        pl.col("melding").fill_null("").alias("Melding"),
        pl.col("sha256").alias("SHA-256"),
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Quarantaine")
st.caption(
    "Rijen die een regel van het datacontract breken. Ze zijn niet geladen; het bestand zelf "
    "is bewaard. Rij is het regelnummer zoals een spreadsheet het toont (kopregel = 1)."
)
bronnen = quarantaine["bron"].unique().sort().to_list()
gekozen = st.multiselect("Bron", bronnen, placeholder="Alle bronnen", key="gegevens_bron")
getoond = quarantaine.filter(pl.col("bron").is_in(gekozen)) if gekozen else quarantaine
if gekozen:
    aantal, totaal = fmt.number(getoond.height, 0), fmt.number(quarantaine.height, 0)
    st.caption(f"{aantal} van {totaal} rijen in quarantaine.")
_toon_quarantaine(getoond)
