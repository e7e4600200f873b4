"""Issue 14: the Indicatoren view in the URL (indicator, herkomst year and participant) and the
bar chart whose bars carry the key of the value they draw (the click itself is tested in a real
browser: tests/browser/test_doorklik.py).

Hand-computed from the fixture warehouse (conftest.py): Presentie PHO 2025 is 87,5% for the
region (oranje), 100,0% for Enschede (groen), 50,0% for Hengelo (rood); Hengelo was expected at
the 4 PHO meetings of 2025, so 4 rows of marts.presentie lie behind its value, 8 behind the
region's (Enschede's 4 and Hengelo's 4).
"""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import doorklik

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def _open(params: dict[str, str], rol: str = "evaluator") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS", **params})
    at.session_state["rol"] = rol
    at.switch_page("views/indicatoren.py").run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest) -> tuple[str, str, str]:
    m = at.metric[0]
    return m.label, m.value, m.proto.delta


def _staaf(at: AppTest):
    """The drill-through chart's proto (spec, selection modes, widget id)."""
    for el in at.get("plotly_chart"):
        if "klik op een staaf" in json.loads(el.proto.spec)["layout"]["title"]["text"]:
            return el.proto
    raise AssertionError("geen staafgrafiek")


def test_a_shared_link_opens_indicator_year_and_participant(warehouse: Path) -> None:
    at = _open({"indicator": "pho_presentie", "herkomst_jaar": "2025", "herkomst": "HEN"})
    assert at.selectbox(key="ind_indicator").value == "pho_presentie"
    assert at.selectbox(key="ind_herkomst_jaar").value == 2025
    assert at.selectbox(key="ind_herkomst_wie").value == "HEN"
    assert _metric(at) == ("Presentie PHO, Hengelo, 2025", "50,0%",
                           "■ rood · 4 rijen in marts.presentie")
    assert len(at.warning) == 1  # the demo banner only: every value was an option
    # The URL keeps saying what is shown; the region is the word "regio".
    at.selectbox(key="ind_herkomst_wie").select_index(0).run()
    assert _metric(at)[2] == "▲ oranje · 8 rijen in marts.presentie"
    assert at.query_params["herkomst"] == "regio"
    assert {k: at.query_params[k] for k in ("indicator", "herkomst_jaar", "jaar")} == {
        "indicator": "pho_presentie", "herkomst_jaar": "2025", "jaar": "2025"}

    # A new session from that URL opens the region again.
    opnieuw = _open(dict(at.query_params))
    assert opnieuw.selectbox(key="ind_herkomst_wie").value == ""
    assert _metric(opnieuw)[0] == "Presentie PHO, Twente (regio), 2025"


def test_an_unknown_indicator_in_the_link_is_named(warehouse: Path) -> None:
    at = _open({"indicator": "<script>x</script>", "herkomst_jaar": "1999"})
    assert [w.value for w in at.warning][1:] == [
        "De link vraagt indicator scriptxscript, maar die is er niet; getoond wordt "
        "Presentie PHO.",
        "De link vraagt jaar 1999, maar die is er niet; getoond wordt 2025.",
    ]
    assert at.query_params["indicator"] == "pho_presentie"


def test_the_bars_carry_the_key_of_their_value(warehouse: Path) -> None:
    at = _open({"indicator": "pho_presentie", "herkomst_jaar": "2025"})
    proto = _staaf(at)
    balk = json.loads(proto.spec)["data"][0]
    assert balk["type"] == "bar"
    assert balk["x"] == ["Twente (regio)", "Enschede", "Hengelo"]
    assert balk["customdata"] == [[""], ["ENS"], ["HEN"]]
    assert balk["text"] == ["87,5% · ▲ oranje", "100,0% · ● groen", "50,0% · ■ rood"]
    # a selecting chart (a widget with an id): a click on one point reruns the page
    assert list(proto.selection_mode) == [0] and proto.id  # POINTS only


def test_a_selection_gives_the_clicked_code() -> None:
    assert doorklik.gekozen_code({"selection": {"points": [{"customdata": ["HEN"]}]}}) == "HEN"
    assert doorklik.gekozen_code({"selection": {"points": [{"customdata": [""]}]}}) == ""
    assert doorklik.gekozen_code({"selection": {"points": []}}) is None
    assert doorklik.gekozen_code(None) is None


def test_dutch_column_labels() -> None:
    assert doorklik.kolomlabels(["jaar", "deelnemer_code", "uren_gerealiseerd", "lhso_categorie"]
                                ) == {"jaar": "Jaar", "deelnemer_code": "Deelnemer (code)",
                                      "uren_gerealiseerd": "Uren gerealiseerd",
                                      "lhso_categorie": "LHSO-categorie"}
