"""Cold and warm render time of every dashboard page (AppTest), with the SQL each page ran.

Cold: caches cleared, then the page is opened. Warm: the same page run again (cached queries).
SQL: the time spent inside the data-access module's queries during the cold run, i.e. the
page's own queries run bare. Role beheerder, so every page is reachable. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import data

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
SQL_SECONDS = [0.0]
_original_query = data._query


def _timed_query(sql, params=None):
    t = time.perf_counter()
    try:
        return _original_query(sql, params)
    finally:
        SQL_SECONDS[0] += time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhaal", type=int, default=3)
    args = parser.parse_args()
    data._query = _timed_query
    from dashboard.app import PAGINAS  # noqa: F401  (imports the router module's page list)

    results = {}
    for _, key, bestand, _, _ in PAGINAS:
        colds, warms, sqls = [], [], []
        for _ in range(args.herhaal):
            at = AppTest.from_file(str(APP), default_timeout=120)
            at.session_state["rol"] = "beheerder"
            at.run()
            st.cache_data.clear()
            SQL_SECONDS[0] = 0.0
            t = time.perf_counter()
            at.switch_page(f"views/{bestand}").run()
            colds.append(time.perf_counter() - t)
            sqls.append(SQL_SECONDS[0])
            if at.exception:
                raise SystemExit(f"{key}: {at.exception[0].message}")
            t = time.perf_counter()
            at.run()
            warms.append(time.perf_counter() - t)
        results[key] = {"cold_s": min(colds), "warm_s": min(warms), "sql_s": min(sqls)}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
