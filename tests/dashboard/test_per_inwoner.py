"""Issue 14 item 6: ODT counts per 10.000 inwoners. Hand-computed from the fixture warehouse
plus: strafrechtelijke zaken 2025 region 3, Enschede 2, Hengelo 1; klachten region 6; inhabitants
Enschede 200.000 and Hengelo 50.000 (250.000 together). Per 10.000: Enschede 2/20 = 0,10,
Hengelo 1/5 = 0,20, region 3/25 = 0,12 and 6/25 = 0,24."""

from __future__ import annotations

from pathlib import Path

import duckdb
from conftest import write_indicatoren
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def test_odt_counts_per_10000_inhabitants(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse))
    write_indicatoren(con, [
        ("odt_strafrechtelijk", 2025, None, 3.0, None, None),
        ("odt_strafrechtelijk", 2025, "ENS", 2.0, None, None),
        ("odt_strafrechtelijk", 2025, "HEN", 1.0, None, None),
        ("odt_klachten", 2025, None, 6.0, None, None),
    ])
    con.execute("create table marts.inwoners (deelnemer_code varchar, inwoners integer, "
                "peildatum date, bron varchar, status varchar)")
    con.execute("insert into marts.inwoners values "
                "('ENS', 200000, '2023-01-01', 'CBS via encyclopedie', 'voorlopig'), "
                "('HEN', 50000, '2024-01-01', 'CBS via encyclopedie', 'voorlopig')")
    con.close()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS"})
    at.switch_page("views/odt.py").run()
    assert not at.exception, at.exception

    def naleving() -> dict:
        df = next(d.value for d in at.dataframe if "Handhavingsratio" in d.value.columns)
        return df.set_index("Deelnemer").iloc[:, 2:].to_dict("index")

    assert naleving()["Twente (regio)"] == {"Strafrechtelijke zaken": "3", "Klachten": "6"}
    at.toggle(key="odt_per_inwoner").set_value(True).run()
    per = naleving()
    k1, k2 = "Strafrechtelijke zaken per 10.000 inwoners", "Klachten per 10.000 inwoners"
    assert per["Twente (regio)"] == {k1: "0,12", k2: "0,24"}
    assert per["★ Enschede"] == {k1: "0,10", k2: "–"}  # ★ = the chosen participant
    assert per["Hengelo"] == {k1: "0,20", k2: "–"}
    assert "peildata 01-01-2023, 01-01-2024; voorlopig" in " ".join(c.value for c in at.caption)
