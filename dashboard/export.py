"""Downloads for every table: CSV and Excel for everyone, Parquet for the evaluator.

- Headers are Dutch (pass ``kolommen``: column -> header); Excel gets real number and date
  cells with Dutch number formats; CSV uses `;` and a decimal comma, as Dutch Excel expects.
- Text cells that start with ``=``, ``+``, ``-`` or ``@`` (or a tab/CR) are neutralised with a
  leading apostrophe in CSV and Excel, so a delivered value can never run as a formula.
- Every download is written to the logboek, when its file is built.
- A click on a download does not rerun the page (``on_click="ignore"``): the file is built when
  the browser asks for it, by the callable registered with the button. A rerun on click would
  register new callables and drop the clicked one when it ends, racing the browser's request
  for it; under load the download then failed (the flaky browser test of issue 12).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl
import streamlit as st
import xlsxwriter

from dashboard import access, logboek

FORMULE_START = ("=", "+", "-", "@", "\t", "\r")
# Dutch number and date formats of every workbook's cells (one place for all downloads).
EXCEL_FORMATS = {
    pl.Date: "dd-mm-yyyy",
    pl.Datetime: "dd-mm-yyyy hh:mm",
    pl.Float64: "#,##0.0##",
    pl.Int64: "#,##0",
    pl.Int32: "#,##0",
}


def neutraliseer(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that a spreadsheet would read as a formula with an apostrophe."""
    patroon = "^[" + re.escape("".join(FORMULE_START)) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(patroon))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c, dtype in frame.schema.items()
        if dtype == pl.Utf8
    )


def _met_koppen(frame: pl.DataFrame, kolommen: dict[str, str] | None) -> pl.DataFrame:
    if not kolommen:
        return frame
    return frame.select(c for c in kolommen if c in frame.columns).rename(
        {c: h for c, h in kolommen.items() if c in frame.columns}
    )


def als_csv(frame: pl.DataFrame, kolommen: dict[str, str] | None = None) -> bytes:
    tabel = neutraliseer(_met_koppen(frame, kolommen))
    return tabel.write_csv(separator=";", decimal_comma=True, date_format="%d-%m-%Y",
                           datetime_format="%d-%m-%Y %H:%M").encode("utf-8-sig")


def als_excel(
    frame: pl.DataFrame, kolommen: dict[str, str] | None = None, blad: str = "gegevens"
) -> bytes:
    tabel = neutraliseer(_met_koppen(frame, kolommen))
    # Years, months and row numbers are labels, not quantities: no thousands separator (2025).
    labels = {
        c: "0" for c, dtype in tabel.schema.items()
        if dtype.is_integer() and re.search(r"(jaar|maand|rij|_id|nummer)", c.lower())
    }
    buffer = io.BytesIO()
    tabel.write_excel(
        buffer,
        worksheet=blad[:31],
        dtype_formats=EXCEL_FORMATS,
        column_formats=labels or None,
        autofit=True,
        autofilter=True,
        freeze_panes=(1, 0),
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class Sheet:
    """One sheet of a multi-sheet workbook (a page's report)."""

    name: str
    frame: pl.DataFrame  # with its Dutch headers already
    column_formats: dict[str, str] | None = None  # e.g. years without thousands separator
    autofilter: bool = True
    freeze_header: bool = True


def workbook(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of several sheets, each neutralised and with the Dutch cell formats."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        for sheet in sheets:
            neutraliseer(sheet.frame).write_excel(
                workbook=book,
                worksheet=sheet.name[:31],
                dtype_formats=EXCEL_FORMATS,
                column_formats=sheet.column_formats or None,
                autofit=True,
                autofilter=sheet.autofilter,
                freeze_panes=(1, 0) if sheet.freeze_header else None,
            )
    return buffer.getvalue()


def als_parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def knoppen(
    frame: pl.DataFrame,
    naam: str,
    kolommen: dict[str, str] | None = None,
    sleutel: str | None = None,
) -> None:
    """CSV, Excel (and Parquet for evaluator/beheerder) download buttons for one table."""
    sleutel = sleutel or naam
    kolom = st.columns(3)
    # Who gets the file, taken now: the file is built later, outside this script run.
    gebruiker, rol = st.session_state.get("gebruiker", "demo"), st.session_state.get("rol")

    def bestand(formaat: str, maak: Callable[[], bytes]) -> Callable[[], bytes]:
        def gebouwd() -> bytes:
            inhoud = maak()
            logboek.write("export", {"tabel": naam, "formaat": formaat,
                                       "rijen": frame.height}, gebruiker=gebruiker, rol=rol)
            return inhoud

        return gebouwd

    # Files are built when the browser asks for them (a callable), not on every rerun, and a
    # click does not rerun the page (see the module docstring).
    kolom[0].download_button(
        "CSV", bestand("csv", lambda: als_csv(frame, kolommen)), file_name=f"{naam}.csv",
        mime="text/csv", icon=":material/download:", key=f"csv_{sleutel}", on_click="ignore",
    )
    kolom[1].download_button(
        "Excel", bestand("xlsx", lambda: als_excel(frame, kolommen, naam)),
        file_name=f"{naam}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", key=f"xlsx_{sleutel}", on_click="ignore",
    )
    if access.mag("parquet"):
        kolom[2].download_button(
            "Parquet", bestand("parquet", lambda: als_parquet(frame)),
            file_name=f"{naam}.parquet", mime="application/vnd.apache.parquet",
            icon=":material/download:", key=f"parquet_{sleutel}", on_click="ignore",
        )
