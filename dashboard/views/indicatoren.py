"""Indicatoren (placeholder: built in its own issue)."""

from __future__ import annotations

import streamlit as st

from dashboard import access

access.vereis("indicatoren")
st.title("Indicatoren")
st.info("Deze pagina wordt nog gebouwd.")
