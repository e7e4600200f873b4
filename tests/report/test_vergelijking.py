"""Last year up to the same day, from the published herkomst SQL with one date cut
(report/vergelijking.py), on the session's fixture warehouse (peildatum 30-06-2025)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from report import vergelijking
from report.bron import open_bron


@pytest.fixture
def con(gebouwde_datamap: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VTH_DATA_DIR", str(gebouwde_datamap))
    with open_bron() as (verbinding, _):
        yield verbinding


def test_a_cut_at_the_years_end_gives_every_published_value(con) -> None:
    # Cut at 31-12-2024 nothing of 2024 is left out, so every value that can be cut must be the
    # published one: the cut predicates only remove rows, and every source column they name
    # exists in its mart.
    gesneden = vergelijking.tot_zelfde_dag(con, 2024, date(2024, 12, 31), "ENS")
    gepubliceerd = {
        (i, d): w for i, d, w in con.execute(
            "select indicator_id, deelnemer_code, waarde from marts.indicatoren where jaar = 2024"
        ).fetchall()
    }
    assert len(gesneden) >= 40  # region rows, ENS's rows and the parties' rows for the means
    assert {k: gepubliceerd[k] for k in gesneden} == gesneden
    # bijdragen_per_deelnemer's yearly totals cannot be cut: no same-day value.
    assert ("bijdrage_vervulling", "ENS") not in gesneden
    assert ("vaste_bijdrage_betaald", "ENS") not in gesneden
    # ... nor the region values derived from them.
    assert ("bijdrage_norm_gehaald", None) not in gesneden


def test_a_cut_mid_year_leaves_out_what_came_later(con) -> None:
    # PHO meetings of 2024 on 01-02 and 01-05: two up to 30-06, one up to 31-03.
    maart = vergelijking.tot_zelfde_dag(con, 2024, date(2024, 3, 31))
    assert maart[("pho_vergaderingen", None)] == 1
    # ENS hours 2024: 3,5 (05-03), then 2 (01-04) and 1 (08-04): by months, March counts up to
    # 31-03 and April from 01-04 (a month counts when its first day is on or before the day).
    assert vergelijking.tot_zelfde_dag(con, 2024, date(2024, 3, 31), "ENS")[
        ("inzet_uren", "ENS")] == 3.5
    assert vergelijking.tot_zelfde_dag(con, 2024, date(2024, 4, 1), "ENS")[
        ("inzet_uren", "ENS")] == 6.5
    # The PHO attendance mean over the parties, recomputed from the cut values: up to 31-03 only
    # the 01-02 meeting: ENS present, HEN represented, the rest absent: 200 / 15 = 13,33.
    assert maart[("pho_presentie", None)] == 13.33


def test_the_report_connection_reads_no_files(con) -> None:
    # The herkomst SQL comes from the warehouse; even a tampered one cannot read a file.
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute("select * from read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("set enable_external_access = true")
