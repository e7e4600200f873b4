"""agenda: the samenwerkingsagenda as a workbook (story: agenda.csv) and its June 2026
re-delivery as a CSV (agenda_update_2026-06.csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from core import fmt
from demo.files import Sheet, header, rng_for, write_csv
from demo.story import AGENDA, AGENDA_UPDATE
from ingest.schema import KINDS


def write(out: Path, orgs, seed: int) -> list[tuple[Path, int]]:
    rng = rng_for(seed, "agenda")
    names = KINDS["agenda"].column_names
    path = out / "samenwerkingsagenda.xlsx"
    sheet = Sheet(path, "agenda")
    sheet.header(header("agenda", "title"))
    for r, item in enumerate(AGENDA, start=1):
        trekker = orgs[item[4]].label(int(rng.integers(0, 3))) if item[4] in orgs else item[4]
        for c, value in enumerate(item):
            if c == 4:
                value = trekker
            elif isinstance(value, dt.date) and rng.random() < 0.3:
                value = fmt.date(value)
            sheet.cell(r, c, value)
    sheet.close()
    written = [(path, len(AGENDA))]

    rows = []
    for item in AGENDA:
        if item[0] in AGENDA_UPDATE:
            status, klaar, voortgang = AGENDA_UPDATE[item[0]]
            rows.append([*item[:7], status, klaar, voortgang])
    df = pl.DataFrame(
        rows,
        schema={
            n: (
                pl.Date
                if n in ("startdatum", "deadline", "afgerond_op")
                else pl.Int64
                if n == "voortgang"
                else pl.String
            )
            for n in names
        },
        orient="row",
    )
    path = out / "samenwerkingsagenda_update_2026-06.csv"
    write_csv(df, path, date_format="%d-%m-%Y")
    written.append((path, df.height))
    return written
