"""The running year and the years before the norms, as the pages show them (evaluatiekader v2,
decisions 1, 2 and 4; issue 11 point 6), on the hand-made warehouse plus rows for 2026 (the
running year: peildatum 22-11-2026 is day 326 of 365) and 2023 (before the norms hold).

Hand-computed: the hour norm pro rata 130 x 326 / 365 = 116,11 (oranje from 75 % = 87,08, so
100 h is oranje); PHO meetings 4 x 326 / 365 = 3,57 (3 meetings: oranje, from 2,57).
"""

from __future__ import annotations

import json
from pathlib import Path

import conftest
import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from test_bestuur import tegels

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

LOPEND = [
    ("inzet_uren", 2026, "ENS", 100.0, 130.0, 116.11, "oranje"),
    ("inzet_uren", 2026, None, 1500.0, 1950.0, 1741.64, "oranje"),
    ("pho_presentie", 2026, "ENS", 100.0, 90.0, 90.0, "groen"),
    ("pho_presentie", 2026, None, 80.0, 90.0, 90.0, "oranje"),
    ("pho_vergaderingen", 2026, None, 3.0, 4.0, 3.57, "oranje"),
    ("bijdrage_vervulling", 2026, "ENS", 86.13, 100.0, 100.0, "oranje"),  # 100 / 116,11
    # 2023: values, no norm, no status
    ("inzet_uren", 2023, "ENS", 50.0, None, None, None),
    ("inzet_uren", 2023, None, 600.0, None, None, None),
    ("pho_presentie", 2023, "ENS", 60.0, None, None, None),
    ("pho_vergaderingen", 2023, None, 2.0, None, None, None),
]
BIJDRAGEN_2026 = [
    ("ENS", 2026, 1, 100.0, 30.0, 20.0, 50.0, 0.0, 0.0, 130.0, 20.8, 23.4, 94.9, 10000.0, 0.0,
     10000.0, 10000.0, 0.0, 86.13),
]
OP_KOERS = "op koers (t/m 22-11-2026)"


@pytest.fixture
def lopend(warehouse: Path) -> Path:
    con = duckdb.connect(str(warehouse))
    try:
        conftest.write_indicatoren(con, LOPEND)
        conftest.write_bijdragen(con, BIJDRAGEN_2026)
        # the running year: the hour norm up to peildatum is its pro-rata part
        con.execute(
            "update marts.bijdragen_per_deelnemer set urennorm_peildatum = 116.11, "
            "urenmaatstaf = 116.11 where jaar = 2026"
        )
        con.execute(
            "insert into marts.vergaderingen values ('pho|2026-03-12|', 'pho', '2026-03-12', "
            "null, 2026, 2, 2)"
        )
    finally:
        con.close()
    return warehouse


def start(pagina: str | None, jaar: int, rol: str = "kerngroep") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": str(jaar), "deelnemer": "ENS"})
    at.session_state["rol"] = rol
    if pagina:
        at.switch_page(f"views/{pagina}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def figuren(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_tiles_show_both_norms_and_on_track_in_the_running_year(lopend: Path) -> None:
    at = start(None, 2026)
    t = tegels(at)  # the tiles of issue 15 (tests/dashboard/test_bestuur.py)
    assert t["inzet_uren"][:2] == [f"**▲ oranje · {OP_KOERS}** · Enschede",
                                   "Ingezette uren  \n**100,0 uur**"]
    assert t["inzet_uren"][2].endswith("norm 130 uur; tot peildatum 116,1")
    assert t["pho_vergaderingen"][2].endswith("norm 4; tot peildatum 3,6")
    tabel = at.dataframe[0].value.set_index("Indicator")
    assert tabel.loc["Ingezette uren", "Norm"] == "130 uur; tot peildatum 116,1"
    assert tabel.loc["Presentie PHO", "Norm"] == "90%"  # not pro-rated: one norm
    assert tabel.loc["Ingezette uren", "Status"] == f"▲ oranje · {OP_KOERS}"


def test_years_before_the_norms_say_so(lopend: Path) -> None:
    at = start(None, 2023)
    t = tegels(at)
    assert t["inzet_uren"][:2] == ["**– geen norm** · Enschede", "Ingezette uren  \n**50,0 uur**"]
    assert t["inzet_uren"][2].endswith("geen norm vóór 2024")
    tabel = at.dataframe[0].value.set_index("Indicator")
    assert tabel.loc["Ingezette uren", "Norm"] == "geen norm vóór 2024"
    assert tabel.loc["Aantal PHO-vergaderingen", "Regio"] == "2"  # the value is still there


def test_every_time_series_draws_the_running_year_as_partial(lopend: Path) -> None:
    # Indicatoren: one indicator through the years
    at = start("indicatoren", 2026, "evaluator")
    at.selectbox(key="ind_indicator").select("inzet_uren").run()
    grafiek = next(f for f in figuren(at) if f["layout"]["title"]["text"].startswith(
        "Ingezette uren per jaar"))
    assert grafiek["layout"]["xaxis"]["ticktext"] == [
        "2023", "2024", "2025", "2026 (t/m 22-11-2026)"
    ]
    deels = [t for t in grafiek["data"] if t["name"].endswith("(t/m 22-11-2026)")]
    # the region, Enschede and their norms each end in a dotted segment into 2026
    assert [t["name"] for t in deels] == [
        "Twente (regio) (t/m 22-11-2026)", "Enschede (t/m 22-11-2026)",
        "Norm Twente (regio) (t/m 22-11-2026)", "Norm Enschede (t/m 22-11-2026)",
    ]
    assert {t["line"]["dash"] for t in deels} == {"dot"}
    assert deels[3]["y"] == [130.0, 116.11]  # Enschede's norm: full year, then to peildatum
    assert all(2026 not in t["x"] for t in grafiek["data"] if t not in deels)
    assert grafiek["layout"]["shapes"][0]["x0"] == 2025.5  # the hatched band behind 2026
    matrix = next(df.value for df in at.dataframe if "Deelnemer" in df.value.columns
                  and "2026 (t/m 22-11-2026)" in df.value.columns)
    assert matrix.set_index("Deelnemer").loc["★ Enschede", "2026 (t/m 22-11-2026)"] == (
        "100,0 uur ▲"
    )

    # Bijdragen: the trend over the years
    at = start("bijdragen", 2026)
    at.radio(key="bijdragen_maat").set_value("uren").run()
    verloop = next(f for f in figuren(at) if f["layout"]["title"]["text"].startswith(
        "Uren per partij per jaar"))
    assert "2026 (t/m 22-11-2026)" in verloop["layout"]["xaxis"]["ticktext"]
    assert any(t["name"] == "▶ Enschede (t/m 22-11-2026)" and t["line"]["dash"] == "dot"
               for t in verloop["data"])
    rang = next(df.value for df in at.dataframe if "Uren / norm" in df.value.columns)
    assert rang.set_index("Partij").loc["▶ Enschede", "Uren / norm"] == (
        "100,0 / 116,1 (jaarnorm 130,0)"
    )
    assert rang.set_index("Partij").loc["▶ Enschede", "Status"] == f"▲ oranje · {OP_KOERS}"

    # Vergaderingen: meetings per year and gremium (bars)
    at = start("vergaderingen", 2026)
    balken = next(f for f in figuren(at) if f["layout"]["title"]["text"].startswith(
        "Vergaderingen per jaar en gremium"))
    pho = balken["data"][0]
    assert pho["x"][-1] == "2026 (t/m 22-11-2026)"
    assert pho["marker"]["pattern"]["shape"][-1] == "/"  # hatched: a partial year
    assert f"norm 4; tot peildatum 3,6 · ▲ oranje · {OP_KOERS}" in [c.value for c in at.caption]
