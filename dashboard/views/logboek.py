"""Logboek dataverwerkingen (beheerder): who did what and when, newest first.

Read from ``$VTH_DATA_DIR/logboek/logboek.jsonl`` (append-only, written by core/logboek.py):
logins, failed logins, logouts, pages with personal data, uploads, rebuilds, queries, exports.
The page only reads it; nothing in the dashboard can change or delete a line.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import streamlit as st

from core import fmt, logboek
from dashboard import access, export

access.vereis("logboek")
st.title("Logboek dataverwerkingen")
st.caption(
    "Wie wat wanneer deed: inloggen (ook mislukte pogingen), uitloggen, pagina's met "
    "persoonsgegevens, uploads, herbouwen, queries en exports. Nieuwste eerst. Wachtwoorden "
    "en tokens worden nooit gelogd."
)

ACTIE_NAMEN = {
    "inloggen": "Inloggen",
    "inloggen_mislukt": "Inloggen mislukt",
    "uitloggen": "Uitloggen",
    "pagina_persoonsgegevens": "Persoonsgegevens bekeken",
    "upload": "Upload",
    "herbouwen": "Herbouwen",
    "query": "Query",
    "export": "Export",
}

log = logboek.read()

kolom = st.columns([2, 2, 2, 3])
acties = kolom[0].multiselect(
    "Actie", list(logboek.ACTIES), format_func=lambda a: ACTIE_NAMEN.get(a, a),
    placeholder="Alle acties", key="logboek_actie",
)
gebruikers = kolom[1].multiselect(
    "Gebruiker", sorted(log["gebruiker"].unique().to_list()), placeholder="Iedereen",
    key="logboek_gebruiker",
)
vandaag = date.today()
periode = kolom[2].date_input(
    "Periode", value=(vandaag - timedelta(days=30), vandaag), format="DD-MM-YYYY",
    key="logboek_periode",
)
zoek = kolom[3].text_input("Zoek in details", key="logboek_zoek", placeholder="bijv. een tabel")

getoond = log
if acties:
    getoond = getoond.filter(pl.col("actie").is_in(acties))
if gebruikers:
    getoond = getoond.filter(pl.col("gebruiker").is_in(gebruikers))
if isinstance(periode, tuple | list) and len(periode) == 2:
    van, tot = periode
    getoond = getoond.filter(
        pl.col("tijd").dt.date().is_between(van, tot, closed="both")
    )
if zoek.strip():
    getoond = getoond.filter(
        pl.col("details").str.to_lowercase().str.contains(zoek.strip().lower(), literal=True)
    )

st.caption(f"{fmt.number(getoond.height, 0)} van {fmt.number(log.height, 0)} regels.")
tabel = getoond.select(
    pl.col("tijd").dt.strftime("%d-%m-%Y %H:%M:%S").fill_null("").alias("Tijd"),
    pl.col("gebruiker").alias("Gebruiker"),
    pl.col("rol").replace_strict(access.ROLLEN, default=pl.col("rol")).alias("Rol"),
    pl.col("actie").replace_strict(ACTIE_NAMEN, default=pl.col("actie")).alias("Actie"),
    pl.col("details").alias("Details"),
)
st.dataframe(tabel, hide_index=True, width="stretch")
export.knoppen(tabel, "logboek", sleutel="logboek")
