"""Bijdragen (placeholder: built in its own issue)."""

from __future__ import annotations

import streamlit as st

from dashboard import access

access.vereis("bijdragen")
st.title("Bijdragen")
st.info("Deze pagina wordt nog gebouwd.")
