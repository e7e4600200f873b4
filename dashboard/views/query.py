"""Query (evaluator, beheerder): one read-only SQL query against the published warehouse.

The query goes through the same guard as ``python -m warehouse query`` (warehouse/query.py): a
locked-down read-only connection in a worker process, one SELECT only, 10 seconds and 10.000
rows at most. A refusal is shown in Dutch; every query is written to the logboek, and a result
counts as personal data viewed (it may hold pseudonymised person ids).
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from core import fmt
from dashboard import access, data, export, logboek
from warehouse.query import MAX_ROWS, MAX_SQL_CHARS, TIMEOUT_SECONDS, QueryRefused, run_query

VOORBEELD = (
    "select jaar, deelnemer_code, waarde, status\n"
    "from marts.indicatoren\n"
    "where indicator_id = 'pho_presentie'\n"
    "order by jaar, deelnemer_code"
)

rol = access.vereis("query")
st.title("Query")
st.caption(
    "Eén SQL-query (SELECT of WITH … SELECT) op het gepubliceerde warehouse, alleen-lezen. "
    f"Maximaal {fmt.number(TIMEOUT_SECONDS, 0)} seconden en {fmt.number(MAX_ROWS, 0)} rijen; "
    "bestanden, netwerk en extensies zijn uitgeschakeld. Elke query komt in het logboek."
)

versie = data.warehouse_version()

with st.expander("Beschikbare tabellen en kolommen", icon=":material/table_chart:"):
    tabellen = data.tabellen(versie).with_columns(
        (pl.col("schema") + "." + pl.col("tabel")).alias("naam")
    )
    namen = tabellen["naam"].unique(maintain_order=True).to_list()
    st.caption(
        f"{fmt.number(len(namen), 0)} tabellen. `marts` bevat de gegevens van het dashboard, "
        "`audit` de ladingen, de quarantaine en de publicatie. De betekenis van elke kolom staat "
        "op de pagina Documentatie."
    )
    gekozen = st.selectbox("Tabel", namen, key="query_tabel", index=0 if namen else None)
    if gekozen:
        st.dataframe(
            tabellen.filter(pl.col("naam") == gekozen).select(
                pl.col("kolom").alias("Kolom"),
                pl.col("type").alias("Type"),
                pl.col("omschrijving").fill_null("").alias("Omschrijving"),
            ),
            hide_index=True,
            width="stretch",
        )
        st.code(f"select * from {gekozen} limit 100", language="sql")

sql = st.text_area(
    "SQL",
    key="query_sql",
    height=180,
    max_chars=MAX_SQL_CHARS,
    placeholder=VOORBEELD,
)
if st.button("Uitvoeren", key="query_uitvoeren", type="primary", icon=":material/play_arrow:"):
    if not access.mag("query"):  # the page guard already stopped other roles; belt and braces
        st.error(access.GEEN_TOEGANG.format(rol=access.ROLLEN.get(rol, rol)))
        st.stop()
    gebruiker = st.session_state.get("gebruiker", "demo")
    with st.spinner("De query wordt uitgevoerd…"):
        try:
            uitkomst = run_query(sql, user=f"dashboard:{gebruiker}")
        except QueryRefused as exc:
            st.session_state["query_resultaat"] = {"rol": rol, "sql": sql, "fout": str(exc)}
            logboek.write("query", {"sql": sql, "resultaat": "geweigerd", "reden": str(exc)})
        else:
            st.session_state["query_resultaat"] = {
                "rol": rol,
                "sql": sql,
                "frame": uitkomst.frame,
                "afgekapt": uitkomst.truncated,
                "seconden": uitkomst.seconds,
            }
            logboek.write(
                "query",
                {
                    "sql": sql,
                    "resultaat": "uitgevoerd",
                    "rijen": uitkomst.frame.height,
                    "afgekapt": uitkomst.truncated,
                },
            )
            if uitkomst.frame.height:
                logboek.write(
                    "pagina_persoonsgegevens",
                    {"pagina": "query", "rijen": uitkomst.frame.height,
                     "kolommen": uitkomst.frame.columns},
                )

resultaat = st.session_state.get("query_resultaat")
if resultaat and resultaat.get("rol") == rol:  # a result is never shown to another role
    if "fout" in resultaat:
        st.error(resultaat["fout"], icon=":material/block:")
    else:
        frame: pl.DataFrame = resultaat["frame"]
        seconden = fmt.number(resultaat["seconden"], 1)
        st.caption(f"{fmt.number(frame.height, 0)} rijen in {seconden} s.")
        if resultaat["afgekapt"]:
            st.warning(
                f"Het resultaat is afgekapt op {fmt.number(MAX_ROWS, 0)} rijen. Verfijn de query "
                "(WHERE, GROUP BY of LIMIT) voor een volledig antwoord.",
                icon=":material/content_cut:",
            )
        st.dataframe(frame, hide_index=True, width="stretch")
        if frame.width:
            export.knoppen(frame, "query_resultaat", sleutel="query")
