"""The Logboek from a page: core.logboek with the session's user and role.

The writer itself (and the reader of the Logboek page) is ``core/logboek.py``, shared with the
command-line tools.
"""

from __future__ import annotations

import streamlit as st

from core import logboek

_FROM_SESSION = object()


def write(
    actie: str,
    details: dict | None = None,
    gebruiker: str | None = None,
    rol: str | None | object = _FROM_SESSION,
) -> None:
    """Append one line. ``gebruiker`` and ``rol`` default to the session's; pass both when
    writing outside a script run (a download built when the browser asks for it)."""
    logboek.write(
        actie,
        details,
        gebruiker=gebruiker or st.session_state.get("gebruiker", "demo"),
        rol=st.session_state.get("rol") if rol is _FROM_SESSION else rol,  # type: ignore[arg-type]
    )

