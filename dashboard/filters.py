"""The filters every page shares: year and participant, in the sidebar and in the URL.

The router (``app.py``) draws them once per run; pages read the choice with ``huidige()``.
Both are mirrored in the URL query parameters ``jaar`` and ``deelnemer`` (a participant's code,
e.g. ``?jaar=2025&deelnemer=ENS``), so a link to a page opens with the same selection.
The URL is read when a session starts and rewritten on every run, so it always shows the
current choice, also after switching pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from dashboard import data

T = TypeVar("T")

PARAM_JAAR = "jaar"
PARAM_DEELNEMER = "deelnemer"
_STATE_KEY = "_vth_filters"


@dataclass(frozen=True)
class Filters:
    jaar: int | None
    deelnemer_code: str | None
    deelnemer_naam: str | None


def _uit_url(param: str, opties: Sequence[T], standaard: int) -> int:
    """Index of the option named in the URL, else ``standaard``."""
    gevraagd = st.query_params.get(param)
    labels = [str(o) for o in opties]
    return labels.index(gevraagd) if gevraagd in labels else standaard


def _kies(
    label: str,
    param: str,
    opties: Sequence[T],
    format_func: Callable[[T], str] = str,
    standaard: int = 0,
) -> T | None:
    if not opties:
        st.sidebar.selectbox(
            label, [], index=None, disabled=True, placeholder="Geen gegevens", key=f"filter_{param}"
        )
        st.query_params.pop(param, None)
        return None
    # The key keeps the widget's identity across reruns and pages; `index` only seeds it.
    keuze = st.sidebar.selectbox(
        label,
        opties,
        index=_uit_url(param, opties, standaard),
        format_func=format_func,
        key=f"filter_{param}",
    )
    st.query_params[param] = str(keuze)
    return keuze


def toon_in_sidebar(version: data.Version) -> Filters:
    """Draw the shared filters in the sidebar and remember the choice for the pages."""
    jaren = data.jaren(version)["jaar"].to_list()
    jaar = _kies("Jaar", PARAM_JAAR, jaren)  # newest year first, so the default is the latest

    orgs = data.deelnemers(version)
    namen = dict(zip(orgs["code"].to_list(), orgs["naam"].to_list(), strict=True))
    code = _kies("Deelnemer", PARAM_DEELNEMER, list(namen), format_func=namen.__getitem__)

    gekozen = Filters(jaar=jaar, deelnemer_code=code, deelnemer_naam=namen.get(code))
    st.session_state[_STATE_KEY] = gekozen
    return gekozen


def huidige() -> Filters:
    """The filters the router drew in this run."""
    return st.session_state.get(_STATE_KEY, Filters(None, None, None))
