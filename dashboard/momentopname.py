"""Momentopname: the dashboard reads a citable snapshot instead of the live warehouse (issue 14).

The evaluator and the beheerder (``access.ACTIES["momentopname"]``) choose in the sidebar
between the live warehouse and a snapshot made by ``python -m warehouse snapshot``. While a
snapshot is chosen:

- every query of ``dashboard/data.py`` reads the snapshot (``verbinding``): an in-memory DuckDB
  with ``marts.*``/``audit.*`` loaded from the snapshot's Parquet files, the same names,
  columns and types as the warehouse it froze (``warehouse.snapshot.open_snapshot``). Its
  hashes are checked when this server process first opens it: a changed file is refused,
  naming the file;
- the cache key (``data.warehouse_version``) is the snapshot id, so cached results of the live
  warehouse and of each snapshot are never mixed;
- a banner says that the page shows frozen data, with the id, the moment it was made and its
  peildatum; every download carries the citation line (``citatie``);
- the URL holds ``momentopname=<id>``, so a shared link opens the same snapshot.

Other roles never see the picker and always read the live warehouse; a link that asks them for
a snapshot gets a Dutch message saying so (never a silent default).
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import streamlit as st

from core import fmt
from dashboard import access
from warehouse import snapshot

PARAM = "momentopname"
_STATE_KEY = "_vth_momentopname"
_WIDGET_KEY = "momentopname_keuze"
LIVE = ""  # the picker's option for the live warehouse (a string: see filters on None)
LIVE_LABEL = "Live warehouse (actueel)"
TITEL = "VTH-monitor Twente"

_LOG = logging.getLogger("dashboard")


def gekozen() -> str | None:
    """The id of the snapshot this session reads, None for the live warehouse."""
    waarde = st.session_state.get(_STATE_KEY)
    return waarde if isinstance(waarde, str) and snapshot.ID_PATTERN.match(waarde) else None


def _label(info: snapshot.SnapshotInfo) -> str:
    gemaakt = fmt.date_time(info.created.replace(tzinfo=None)) if info.created else "?"
    return f"{info.id} · peildatum {fmt.date(info.peildatum)} · gemaakt {gemaakt}"


def _toonbaar(waarde: str) -> str:
    schoon = "".join(t for t in waarde if t.isalnum())[:20]
    return schoon or "(leeg of onleesbaar)"


def kies_in_sidebar(rol: str | None) -> str | None:
    """Draw the picker for a role that may choose, remember the choice, mirror it in the URL.
    Returns the chosen snapshot id (None = live)."""
    gevraagd = st.query_params.get(PARAM)
    if not access.mag("momentopname", rol):
        st.session_state.pop(_STATE_KEY, None)
        if gevraagd is not None:
            st.warning(
                f"De link vraagt momentopname {_toonbaar(gevraagd)}, maar je rol "
                f"({access.ROLLEN.get(rol or '', 'geen')}) kiest geen momentopnamen; getoond "
                "wordt het live warehouse.",
                icon=":material/link_off:",
            )
            st.query_params.pop(PARAM, None)
        return None
    infos = {i.id: i for i in snapshot.list_snapshots()}
    opties = [LIVE, *infos]
    if _WIDGET_KEY not in st.session_state:
        # The link seeds the widget once per session; afterwards the widget is the truth.
        if gevraagd is not None and gevraagd not in infos:
            st.warning(
                f"De link vraagt momentopname {_toonbaar(gevraagd)}, maar die bestaat niet; "
                "getoond wordt het live warehouse.",
                icon=":material/link_off:",
            )
        st.session_state[_WIDGET_KEY] = gevraagd if gevraagd in infos else LIVE
    elif st.session_state[_WIDGET_KEY] not in opties:
        st.session_state[_WIDGET_KEY] = LIVE  # removed from disk meanwhile
    keuze = st.sidebar.selectbox(
        "Momentopname",
        opties,
        format_func=lambda i: LIVE_LABEL if i == LIVE else _label(infos[i]),
        key=_WIDGET_KEY,
        help="Een momentopname is een bevroren, citeerbare kopie van het warehouse "
        "(python -m warehouse snapshot). Kies er een om cijfers te tonen zoals ze toen waren.",
    )
    if keuze:
        st.session_state[_STATE_KEY] = keuze
        st.query_params[PARAM] = keuze
        return keuze
    st.session_state.pop(_STATE_KEY, None)
    st.query_params.pop(PARAM, None)
    return None


def banner(snapshot_id: str) -> None:
    """Say, on every page, that the page shows a frozen snapshot: id, made, peildatum."""
    pakket = snapshot.snapshot_package(snapshot_id)
    peildatum = date.fromisoformat(pakket["peildatum"])
    try:
        gemaakt = fmt.date_time(datetime.fromisoformat(pakket["created"]).replace(tzinfo=None))
    except (KeyError, ValueError, TypeError):
        gemaakt = fmt.EMPTY
    st.info(
        f"**Momentopname {snapshot_id}** · gemaakt {gemaakt} · peildatum "
        f"{fmt.date(peildatum)}. Je kijkt naar een bevroren momentopname, niet naar het live "
        f"warehouse. Citeer als: {snapshot.citation(snapshot_id, peildatum)}",
        icon=":material/photo_camera:",
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _database(map: str, snapshot_id: str) -> duckdb.DuckDBPyConnection:
    """One in-memory database per snapshot folder and server process. Its hashes are checked
    and its tables loaded into memory at once (``materialise``), so what the pages show is what
    was verified, even if a file changes later. ``map`` (the folder) is part of the key: the
    same id in another data directory is another snapshot."""
    return snapshot.open_snapshot(snapshot_id, verify=True, materialise=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def _duckdb_bestand(map: str, snapshot_id: str) -> str:
    """The verified snapshot as a DuckDB file, for the guarded query worker (it opens a file,
    read-only, without file access). Written once per server process into a private temporary
    folder (mode 0700), never into the snapshot's own folder (``--verify`` would count it)."""
    doel = Path(tempfile.mkdtemp(prefix="vth-momentopname-")) / f"{snapshot_id}.duckdb"
    con = _database(map, snapshot_id).cursor()
    try:
        naam = con.execute("select current_database()").fetchone()[0]
        con.execute(f"attach '{doel}' as bestand")
        con.execute(f"copy from database {naam} to bestand")
        con.execute("detach bestand")
    finally:
        con.close()
    return str(doel)


def duckdb_bestand(snapshot_id: str) -> Path:
    """Path of a DuckDB file holding the snapshot's tables (see ``_duckdb_bestand``)."""
    return Path(_duckdb_bestand(str(snapshot.snapshot_path(snapshot_id)), snapshot_id))


def verbinding(snapshot_id: str) -> duckdb.DuckDBPyConnection:
    """A connection whose ``marts.*``/``audit.*`` are the snapshot's tables; close it after use.
    A cursor is its own connection to the same database (safe across the server's threads)."""
    return _database(str(snapshot.snapshot_path(snapshot_id)), snapshot_id).cursor()


def versie_id(snapshot_id: str) -> int:
    """The snapshot id as a number for the cache key (12 hex digits fit in 48 bits)."""
    return int(snapshot_id, 16)


def citatie(peildatum: date | None, indicator: str | None = None) -> str:
    """The citation line of what this session shows: "VTH-monitor Twente, momentopname <id>,
    peildatum <d>" (data contract v2), with the indicator when the figure belongs to one. On
    the live warehouse it says so: live figures change with every upload, so they are not
    citable (choose or make a snapshot for that)."""
    snapshot_id = gekozen()
    if snapshot_id is not None and peildatum is not None:
        regel = snapshot.citation(snapshot_id, peildatum)
    else:
        regel = f"{TITEL}, live warehouse (geen momentopname, niet citeerbaar), peildatum " + (
            fmt.date(peildatum)
        )
    return f"{regel}, indicator {indicator}" if indicator else regel
