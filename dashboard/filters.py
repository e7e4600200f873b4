"""The filters every page shares: year and participant, in the sidebar and in the URL.

The router (``app.py``) draws them once per run; pages read the choice with ``huidige()``.
Both are mirrored in the URL query parameters ``jaar`` and ``deelnemer`` (a participant's code,
e.g. ``?jaar=2025&deelnemer=ENS``), so a link to a page opens with the same selection.
The URL is read when a session starts and rewritten on every run, so it always shows the
current choice, also after switching pages. A value in the URL that is not an option (a year
without data, an unknown code) gets a Dutch message naming the parameter and the value, and
what is shown instead: never a silent default.
"""

from __future__ import annotations

import re
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


# What the message says was asked for, per parameter, when it is not an option.
ONBEKEND = {
    PARAM_JAAR: "De link vraagt jaar {waarde}, maar daarvoor zijn geen gegevens; getoond wordt "
    "{getoond}.",
    PARAM_DEELNEMER: "De link vraagt deelnemer {waarde}, maar die deelnemer is onbekend; getoond "
    "wordt {getoond}.",
}
_TOONBAAR = re.compile(r"[^0-9A-Za-z._\- ]")


def _toonbaar(waarde: str) -> str:
    """The asked value as plain text for the message: a link is typed or sent by anyone, so only
    letters, digits and . _ - survive (no Markdown link or image), at most 30 characters."""
    schoon = _TOONBAAR.sub("", waarde).strip()
    return (schoon[:30] + "…" if len(schoon) > 30 else schoon) or "(leeg of onleesbaar)"


def _uit_url(param: str, opties: Sequence[T], standaard: int) -> tuple[int, str | None]:
    """Index of the option named in the URL, else ``standaard``; and the value the URL asked
    for when it is not an option (None when it asked nothing or something valid)."""
    gevraagd = st.query_params.get(param)
    labels = [str(o) for o in opties]
    if gevraagd is None or gevraagd in labels:
        return (labels.index(gevraagd) if gevraagd is not None else standaard), None
    return standaard, gevraagd


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
    index, ongeldig = _uit_url(param, opties, standaard)
    # The key keeps the widget's identity across reruns and pages; `index` only seeds it.
    keuze = st.sidebar.selectbox(
        label,
        opties,
        index=index,
        format_func=format_func,
        key=f"filter_{param}",
    )
    if ongeldig is not None:
        # Never a silent default: say what the link asked and what is shown instead. The URL is
        # rewritten below, so the message shows once, when the link is opened.
        st.warning(
            ONBEKEND[param].format(waarde=_toonbaar(ongeldig), getoond=format_func(keuze)),
            icon=":material/link_off:",
        )
    st.query_params[param] = str(keuze)
    return keuze


def toon_in_sidebar(version: data.Version) -> Filters:
    """Draw the shared filters in the sidebar and remember the choice for the pages."""
    jaren = data.jaren(version)["jaar"].to_list()
    jaar = _kies("Jaar", PARAM_JAAR, jaren)  # newest year first, so the default is the latest

    orgs = data.deelnemers(version)
    namen = dict(zip(orgs["code"].to_list(), orgs["naam"].to_list(), strict=True))
    # A link's choice first, else the account's own organisation (issue 15), else the first.
    eigen = st.session_state.get("eigen_deelnemer")
    standaard = list(namen).index(eigen) if eigen in namen else 0
    code = _kies("Deelnemer", PARAM_DEELNEMER, list(namen), format_func=namen.__getitem__,
                 standaard=standaard)

    gekozen = Filters(jaar=jaar, deelnemer_code=code, deelnemer_naam=namen.get(code))
    st.session_state[_STATE_KEY] = gekozen
    return gekozen


def huidige() -> Filters:
    """The filters the router drew in this run."""
    return st.session_state.get(_STATE_KEY, Filters(None, None, None))
