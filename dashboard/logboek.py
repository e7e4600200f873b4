"""Logboek dataverwerkingen: who did what when, append-only, under $VTH_DATA_DIR/logboek/.

One JSON object per line (tijd, gebruiker, rol, actie, details). Never passwords or tokens:
callers pass only what the table below names.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from ingest.settings import data_dir

ACTIES = ("inloggen", "inloggen_mislukt", "uitloggen", "pagina_persoonsgegevens", "upload",
          "herbouwen", "query", "export")


def pad():
    folder = data_dir() / "logboek"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "logboek.jsonl"


def schrijf(actie: str, details: dict | None = None, gebruiker: str | None = None) -> None:
    assert actie in ACTIES, actie
    regel = {
        "tijd": datetime.now(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None).isoformat(
            timespec="seconds"
        ),
        "gebruiker": gebruiker or st.session_state.get("gebruiker", "demo"),
        "rol": st.session_state.get("rol"),
        "actie": actie,
        "details": details or {},
    }
    with open(pad(), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(regel, ensure_ascii=False, default=str) + "\n")
