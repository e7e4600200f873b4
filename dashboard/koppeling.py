"""A view in the URL (issue 14): a link opens the same page with the same selection, also
after the login it has to pass first.

- ``widget_uit_url`` seeds a page widget (indicator, herkomst selection, query text, ...) from
  its URL parameter the first time the page is drawn in a session; ``naar_url`` writes the
  widget's value back on every run, so the address bar always shows the current view. A value
  that is not an option gets a Dutch message naming the parameter (never a silent default),
  shown as plain text (a link is typed or sent by anyone).
- ``onthoud_link`` keeps the page and parameters a session was opened with, before the login
  form replaces them; ``volg_link`` brings the user there once logged in (the role must be
  allowed to open that page; a page the role may not open keeps its own refusal).

The shared sidebar filters (jaar, deelnemer) have their own code in ``filters.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlparse

import streamlit as st

_GEZAAID = "_vth_url_gezaaid"
_LINK = "_vth_link"
_TOONBAAR = re.compile(r"[^0-9A-Za-z._\- ]")


def toonbaar(waarde: str) -> str:
    """A URL value as plain text: letters, digits and . _ - only, at most 30 characters."""
    schoon = _TOONBAAR.sub("", waarde).strip()
    return (schoon[:30] + "…" if len(schoon) > 30 else schoon) or "(leeg of onleesbaar)"


def widget_uit_url(
    param: str,
    key: str,
    opties: Sequence[Any],
    omschrijving: str,
    format_func: Callable[[Any], str] = str,
) -> None:
    """Before the widget ``key`` is drawn: the first time in this session, give it the option
    the URL names in ``param`` (options compared as text). Later runs leave it alone."""
    gezaaid: set[str] = st.session_state.setdefault(_GEZAAID, set())
    if key in gezaaid:
        return
    gezaaid.add(key)
    gevraagd = st.query_params.get(param)
    if gevraagd is None:
        return
    labels = {str(o): o for o in opties}
    if gevraagd in labels:
        st.session_state[key] = labels[gevraagd]
        return
    getoond = st.session_state.get(key, opties[0] if opties else None)
    st.warning(
        f"De link vraagt {omschrijving} {toonbaar(gevraagd)}, maar die is er niet; getoond wordt "
        f"{format_func(getoond) if getoond is not None else 'niets'}.",
        icon=":material/link_off:",
    )


def tekst_uit_url(param: str, key: str, max_tekens: int) -> None:
    """Like ``widget_uit_url`` for free text (the query's SQL): at most ``max_tekens``."""
    gezaaid: set[str] = st.session_state.setdefault(_GEZAAID, set())
    if key in gezaaid:
        return
    gezaaid.add(key)
    gevraagd = st.query_params.get(param)
    if gevraagd is not None:
        st.session_state[key] = gevraagd[:max_tekens]


def naar_url(param: str, waarde: Any) -> None:
    """Mirror a widget's value in the URL (None or "" removes the parameter)."""
    if waarde is None or waarde == "":
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != str(waarde):
        st.query_params[param] = str(waarde)


def _pad(url: str | None) -> str:
    """The page part of the browser's URL: ``http://h/indicatoren`` -> ``indicatoren``."""
    return urlparse(url or "").path.strip("/").rsplit("/", 1)[-1]


def onthoud_link() -> None:
    """Before the login: remember the page and parameters this session was opened with."""
    if _LINK not in st.session_state and not st.session_state.get("gebruiker"):
        st.session_state[_LINK] = {
            "pagina": _pad(st.context.url),
            "params": {k: st.query_params.get_all(k) for k in st.query_params},
        }


def volg_link(paginas: dict[str, Any]) -> None:
    """Once logged in: open the remembered page with its parameters (once). ``paginas`` maps
    url_path -> st.Page of the pages this role may open."""
    link = st.session_state.pop(_LINK, None)
    if not link:
        return
    params = {k: v for k, v in link["params"].items() if k not in st.query_params}
    for k, v in params.items():
        st.query_params[k] = v
    pagina = paginas.get(link["pagina"])
    if pagina is not None and _pad(st.context.url) != link["pagina"]:
        st.switch_page(pagina, query_params={k: st.query_params.get_all(k)
                                             for k in st.query_params})
