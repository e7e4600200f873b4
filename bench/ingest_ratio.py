"""Ingest of one odt_zaken file against DuckDB's read_csv of the same file into a table.

Both run in this process after imports, alternating, best of N, each into a fresh database, so
the ratio compares the work and not interpreter start-up. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from ingest.load import load_paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bestand", type=Path)
    parser.add_argument("--herhaal", type=int, default=3)
    args = parser.parse_args()
    ingest_times, duckdb_times, rows = [], [], 0
    for _ in range(args.herhaal):
        work = Path(tempfile.mkdtemp(prefix="vth-ratio-"))
        try:
            import os

            os.environ["VTH_DATA_DIR"] = str(work / "data")
            t = time.perf_counter()
            [outcome] = load_paths([args.bestand])
            ingest_times.append(time.perf_counter() - t)
            rows = outcome.rijen_geladen
            con = duckdb.connect(str(work / "bare.duckdb"))
            t = time.perf_counter()
            con.sql(f"create table zaken as select * from read_csv('{args.bestand}')")
            duckdb_times.append(time.perf_counter() - t)
            con.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    best_ingest, best_duckdb = min(ingest_times), min(duckdb_times)
    print(json.dumps({
        "bestand": args.bestand.name,
        "rijen": rows,
        "ingest_s": best_ingest,
        "duckdb_s": best_duckdb,
        "ratio": best_ingest / best_duckdb,
    }))


if __name__ == "__main__":
    main()
