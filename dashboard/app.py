"""VTH-monitor Twente: the dashboard's entry point (``streamlit run dashboard/app.py``).

A router only: page set-up, the access gate, the shared sidebar filters, then the page the user
asked for. Pages live in ``dashboard/views/``, one file per page, grouped by user group.

Why ``views/`` and not ``pages/``: Streamlit treats a folder named ``pages`` next to the entry
point as "multipage v1" until the first ``st.navigation`` call of the server process. Until then
a URL such as ``/gegevens`` would run that page file directly, skipping this router and its
access gate (checked with Streamlit 1.67).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import duckdb
import streamlit as st

# `streamlit run dashboard/app.py` puts only this folder on sys.path; the repo root is needed for
# `dashboard.*` and for `core` (where the warehouse path is defined). That is also why
# `dashboard` is imported inside main(), after this fix.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

VIEWS = Path(__file__).resolve().parent / "views"

DEMO_BANNER = "Demoversie – fictieve gegevens, geen inlog"
FOUT_ALGEMEEN = (
    "Er ging iets mis bij het tonen van deze pagina. De details staan in het serverlogboek; "
    "meld het tijdstip aan de beheerder."
)
GEEN_WAREHOUSE = (
    "Er is nog geen gepubliceerd warehouse. Draai `make demo` of laad leveringen en bouw met "
    "`python -m warehouse build`."
)

# (section, page key of access.PAGINAS, view file, title, icon). The router lists only what the
# role may open; every view also checks access itself (access.vereis), the real guard.
PAGINAS = [
    ("Bestuur (PHO)", "overzicht", "overzicht.py", "Overzicht", ":material/traffic:"),
    ("Bestuur (PHO)", "odt", "odt.py", "ODT-uitvoering", ":material/factory:"),
    ("Bestuur (PHO)", "agenda", "agenda.py", "Agenda", ":material/event_note:"),
    ("Kerngroep", "bijdragen", "bijdragen.py", "Bijdragen", ":material/handshake:"),
    ("Kerngroep", "vergaderingen", "vergaderingen.py", "Vergaderingen", ":material/groups:"),
    ("Kerngroep", "leveringen", "leveringen.py", "Leveringen", ":material/local_shipping:"),
    ("Kerngroep", "achterstanden", "achterstanden.py", "Achterstanden", ":material/warning:"),
    ("Kerngroep", "afrekening", "afrekening.py", "Afrekening", ":material/receipt_long:"),
    ("Deelnemer", "eigen", "eigen.py", "Eigen cijfers", ":material/person:"),
    ("Deelnemer", "review", "review.py", "Review", ":material/fact_check:"),
    ("Verantwoording", "indicatoren", "indicatoren.py", "Indicatoren", ":material/monitoring:"),
    ("Verantwoording", "query", "query.py", "Query", ":material/terminal:"),
    ("Verantwoording", "documentatie", "documentatie.py", "Documentatie", ":material/menu_book:"),
    ("Verantwoording", "over_indicator", "over_indicator.py", "Over deze indicator",
     ":material/info:"),
    ("Beheer", "gegevens", "gegevens.py", "Gegevens", ":material/database:"),
    ("Beheer", "logboek", "logboek.py", "Logboek", ":material/history:"),
]


def demo_mode() -> bool:
    return os.environ.get("VTH_DEMO") == "1"


def navigatie(rol: str):
    from dashboard import access

    secties: dict[str, list] = {}
    for sectie, pagina, bestand, titel, icoon in PAGINAS:
        if access.mag_pagina(pagina, rol):
            secties.setdefault(sectie, []).append(
                st.Page(VIEWS / bestand, title=titel, icon=icoon, url_path=pagina,
                        default=pagina == "overzicht")
            )
    return st.navigation(secties)


def main() -> None:
    from dashboard import access, auth, data, filters, koppeling, momentopname, toegankelijkheid

    # page_icon: without one, Streamlit shows each page's Material icon as the favicon and
    # fetches it from fonts.gstatic.com (every user's address to Google; blocked by the CSP of
    # deploy/nginx-vth-monitor.conf). An emoji favicon is an inline data: URL.
    st.set_page_config(page_title="VTH-monitor Twente", page_icon="📊", layout="wide")
    # Streamlit's index.html says lang="en"; every page is Dutch (WCAG 3.1.1, level A). The
    # nginx site rewrites the served HTML; this covers a server reached without it (make run).
    st.html("<script>document.documentElement.lang = 'nl';</script>",
            unsafe_allow_javascript=True)
    toegankelijkheid.verbeter()  # contrast, focus ring, the sidebar's list (issue 15)

    # Safe by default: outside demo mode nothing is read or shown until the user is logged in
    # (auth.aanmelden shows the login or the first-run set-up and stops the script until then).
    if demo_mode():
        # No login in demo mode: only on a data directory with nothing real in it.
        weigering = auth.demo_weigering()
        if weigering:
            st.title("VTH-monitor Twente")
            st.error(weigering, icon=":material/block:")
            st.stop()
        st.warning(DEMO_BANNER, icon=":material/science:")
    else:
        koppeling.onthoud_link()  # the link's page and selection, for after the login form
        auth.aanmelden()

    if not data.warehouse_exists():
        st.title("VTH-monitor Twente")
        st.info(GEEN_WAREHOUSE, icon=":material/database:")
        st.stop()

    if demo_mode():
        rol = st.sidebar.selectbox(
            "Rol (demo)",
            list(access.ROLLEN),
            format_func=access.ROLLEN.__getitem__,
            key="rol",
            help="Alleen in de demoversie: kies welke gebruiker je bent.",
        )
        st.session_state["gebruiker"] = "demo"
        if rol == "deelnemer":  # a deelnemer is bound to one organisation (issue 16)
            from dashboard import users

            st.sidebar.selectbox("Organisatie (demo)", sorted(users.partijen()), key="deelnemer")
    else:
        rol = access.huidige_rol()
        auth.toon_gebruiker()
    pg = navigatie(rol)
    # After a login: on to the page and selection of the link the session was opened with.
    koppeling.volg_link({p: f"views/{b}" for _, p, b, _, _ in PAGINAS
                         if access.mag_pagina(p, rol)})

    try:
        if (snapshot_id := momentopname.kies_in_sidebar(rol)) is not None:
            momentopname.banner(snapshot_id)
        filters.toon_in_sidebar(data.warehouse_version())
    except momentopname.snapshot.SnapshotError as exc:
        # A changed or unreadable snapshot: its Dutch message names the file; show nothing of it.
        st.error(str(exc), icon=":material/gpp_bad:")
        st.stop()
    except (duckdb.Error, OSError) as exc:
        logging.getLogger("dashboard").error("warehouse niet leesbaar: %s", exc)
        st.error("Het gepubliceerde warehouse kan niet worden gelezen. De details staan in het "
                 "serverlogboek.")
        st.stop()

    try:
        pg.run()
    except access.GeenToegang as exc:
        # The data layer refused per-party detail this role may not read: say so, show nothing.
        st.error(str(exc), icon=":material/block:")
    except Exception:
        # A generic Dutch message; Streamlit logs the details on the server and, with
        # client.showErrorDetails = "none", shows the browser only its redacted notice.
        st.error(FOUT_ALGEMEEN, icon=":material/error:")
        raise


if __name__ == "__main__":  # streamlit runs this file as __main__; importing it only defines
    main()
