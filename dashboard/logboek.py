"""Logboek dataverwerkingen: who did what when, append-only, under $VTH_DATA_DIR/logboek/.

One JSON object per line (tijd, gebruiker, rol, actie, details). Never passwords or tokens:
callers pass only what the table below names, and details whose key looks like a secret
(wachtwoord, token, sleutel, ...) are dropped before writing.
"""

from __future__ import annotations

import json

import polars as pl
import streamlit as st

from ingest import logboek as _schrijver

# review (warehouse/reviews.py) and jaarafsluiting (warehouse/jaarafsluiting.py) are written
# outside a page, through ingest/logboek.py; listed here so the Logboek page can filter on them.
ACTIES = ("inloggen", "inloggen_mislukt", "uitloggen", "pagina_persoonsgegevens", "upload",
          "herbouwen", "query", "export", "toelichting_toegevoegd", "toelichting_verwijderd",
          "review", "jaarafsluiting")


def pad():
    return _schrijver.pad()


_UIT_SESSIE = object()


def schrijf(
    actie: str,
    details: dict | None = None,
    gebruiker: str | None = None,
    rol: str | None | object = _UIT_SESSIE,
) -> None:
    """Append one line. ``gebruiker`` and ``rol`` default to the session's; pass both when
    writing outside a script run (a download built when the browser asks for it)."""
    assert actie in ACTIES, actie
    _schrijver.schrijf(
        actie,
        details,
        gebruiker or st.session_state.get("gebruiker", "demo"),
        st.session_state.get("rol") if rol is _UIT_SESSIE else rol,  # type: ignore[arg-type]
    )


def persoonsgegevens_getoond(pagina: str, details: dict | None = None) -> None:
    """Log that a page showed personal data (pseudonymous too): once per session and page, so
    a rerun after every click does not flood the log."""
    vlag = f"_logboek_persoonsgegevens_{pagina}"
    if st.session_state.get(vlag):
        return
    schrijf("pagina_persoonsgegevens", {"pagina": pagina, **(details or {})})
    st.session_state[vlag] = True


KOLOMMEN = {"tijd": pl.Utf8, "gebruiker": pl.Utf8, "rol": pl.Utf8, "actie": pl.Utf8,
            "details": pl.Utf8}


def lees() -> pl.DataFrame:
    """The whole log, newest first; ``details`` as JSON text. A damaged line is skipped."""
    regels = []
    path = pad()
    if path.is_file():
        with open(path, encoding="utf-8") as handle:
            for regel in handle:
                try:
                    item = json.loads(regel)
                except ValueError:
                    continue
                regels.append(
                    {
                        "tijd": str(item.get("tijd") or ""),
                        "gebruiker": str(item.get("gebruiker") or ""),
                        "rol": str(item.get("rol") or ""),
                        "actie": str(item.get("actie") or ""),
                        "details": json.dumps(item.get("details") or {}, ensure_ascii=False),
                    }
                )
    frame = pl.DataFrame(regels, schema=KOLOMMEN)
    return (
        frame.with_columns(pl.col("tijd").str.to_datetime("%Y-%m-%dT%H:%M:%S", strict=False))
        .with_row_index("_volgorde")
        .sort(["tijd", "_volgorde"], descending=True, nulls_last=True)
        .drop("_volgorde")
    )
