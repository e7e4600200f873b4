"""Logboek (placeholder: built in its own issue)."""

from __future__ import annotations

import streamlit as st

from dashboard import access

access.vereis("logboek")
st.title("Logboek")
st.info("Deze pagina wordt nog gebouwd.")
