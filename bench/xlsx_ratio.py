"""Per-cell .xlsx reading against fastexcel's own read of the same 100,000-row workbook.

The workbook has the 13 odt_zaken columns: shared strings, number cells, date cells with a text
date in every third row, boolean cells (written by xlsxwriter, deterministic). Both readers run
in this process after imports, alternating, best of N: fastexcel's ``load_sheet().to_polars()``
(one type per column, guessed) and ``ingest.read.read_delivery`` (per cell, header search,
merged ranges, budget; the frame a load validates). Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import fastexcel
import xlsxwriter

from ingest.read import read_delivery

COLUMNS = ["zaak_id", "deelnemer", "taakveld", "product", "controle_type", "startdatum",
           "einddatum", "status", "uren", "overtreding", "lhso_categorie", "strafrechtelijk",
           "klacht_aard"]


def workbook(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("odt_zaken")
    datum = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, COLUMNS)
    start = dt.datetime(2025, 1, 1)
    for i in range(1, rows + 1):
        sheet.write_string(i, 0, f"Z2025-{i:07d}")
        sheet.write_string(i, 1, ("Enschede", "Hengelo", "ALM", "Borne")[i % 4])
        sheet.write_string(i, 2, "toezicht")
        sheet.write_string(i, 3, "Periodieke controle")
        sheet.write_string(i, 4, "periodiek")
        sheet.write_datetime(i, 5, start + dt.timedelta(days=i % 300), datum)
        if i % 3:
            sheet.write_datetime(i, 6, start + dt.timedelta(days=i % 300 + 5), datum)
        else:
            sheet.write_string(i, 6, "15-12-2025")
        sheet.write_string(i, 7, "afgerond")
        sheet.write_number(i, 8, (i % 17) / 4)
        sheet.write_boolean(i, 9, bool(i % 2))
        sheet.write_string(i, 10, "B2")
        sheet.write_string(i, 11, "nee")
        if i % 10 == 0:
            sheet.write_string(i, 12, "geur")
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--herhaal", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vth-xlsx-") as work:
        path = Path(work) / "odt_zaken_100k.xlsx"
        workbook(path, args.rijen)
        raw = path.read_bytes()
        fast, ours, rows = [], [], 0
        for _ in range(args.herhaal):
            t = time.perf_counter()
            fastexcel.read_excel(str(path)).load_sheet(0).to_polars()
            fast.append(time.perf_counter() - t)
            t = time.perf_counter()
            rows = read_delivery(path, raw).frame.height
            ours.append(time.perf_counter() - t)
    print(json.dumps({
        "rijen": rows,
        "fastexcel_s": min(fast),
        "per_cel_s": min(ours),
        "ratio": min(ours) / min(fast),
    }))


if __name__ == "__main__":
    main()
