"""Issue 14: "Over deze indicator", one page per indicator, opened by link. Hand-computed from
the fixture warehouse (conftest.py) plus two norm rows for Presentie PHO (90% in 2024, 2025)."""

from __future__ import annotations

from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def test_over_deze_indicator_by_link(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("insert into marts.normen values (2024, 'presentie', 90, null, 'seed_normen'), "
                "(2025, 'presentie', 90, null, 'seed_normen')")
    con.close()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"indicator": "pho_presentie"})
    at.session_state["rol"] = "pho"  # every role may read it
    at.switch_page("views/over_indicator.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Over deze indicator"
    assert at.header[0].value == "Presentie PHO"
    tekst = "\n".join(m.value for m in at.markdown)
    assert "**Definitie.** Definitie van Presentie PHO." in tekst
    assert "**Statusregel (drempels).** groen ≥ 90,0%, oranje ≥ 75,0%, anders rood" in tekst
    assert "**Bron.** 003 Samenwerkingsovereenkomst, Art. 5.1" in tekst
    # the formula: the region's herkomst query of the newest year
    assert at.code[0].value == (
        "select round(count(*), 2)\nfrom marts.presentie\n"
        "where gremium = 'pho' and verwacht and jaar = 2025"
    )
    normen = at.dataframe[0].value
    assert normen.to_dict("list") == {"Jaar": ["2024", "2025"], "Norm": ["90%", "90%"],
                                      "Bron": ["seed_normen", "seed_normen"]}
    assert at.query_params["indicator"] == "pho_presentie"

    at.selectbox(key="over_indicator").select("pho_vergaderingen").run()
    assert at.header[0].value == "Aantal PHO-vergaderingen"
    assert at.info[0].value == "Voor deze indicator geldt geen norm (informatief)."
    assert at.query_params["indicator"] == "pho_vergaderingen"
