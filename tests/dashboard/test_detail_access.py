"""Per-party detail is refused by the data layer itself, not only by the pages.

The role table for detail (``access.DETAIL``: published table -> roles) is enforced in every
function of ``dashboard/data.py`` that reads such a table, with the role of the session, so a
page that asks for detail for the wrong role (or passes a version tuple naming another role)
gets a refusal and no rows. Issue 12, finding 1: PHO saw monthly hours per party and attendance
per meeting on Indicatoren -> Herkomst.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access, data

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"

# Every data function that reads per-party detail, with the arguments after the version.
DETAIL_AANROEPEN = {
    "inzet_per_maand": (2025, "ENS"),
    "presentie": (2025, "pho"),
    "bijdragen": (2025,),
    "bijdragen_reeks": (),
    "ladingen": (),
    "quarantaine": (),
}


# Reads a detail table without a role on purpose, returning nothing of its rows.
ZONDER_ROL = {"niet_demo_leveringen"}  # a count, for the demo check before any role exists


def _rol(monkeypatch: pytest.MonkeyPatch, rol: str) -> None:
    monkeypatch.setattr(access, "huidige_rol", lambda: rol)


@pytest.mark.parametrize("functie", list(DETAIL_AANROEPEN))
def test_pho_gets_no_per_party_detail_whatever_the_page_asks(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, functie: str
) -> None:
    _rol(monkeypatch, "pho")
    # A version tuple that claims another role (the cache key) changes nothing: the session's
    # role decides.
    versie = (*data.warehouse_version()[:3], "beheerder")
    with pytest.raises(PermissionError, match="detail per partij"):
        getattr(data, functie)(versie, *DETAIL_AANROEPEN[functie])


def test_roles_in_the_detail_table_get_the_rows(warehouse: Path, monkeypatch) -> None:
    _rol(monkeypatch, "kerngroep")
    versie = data.warehouse_version()
    # INZET_PER_MAAND in conftest: six rows for Enschede in 2025, 140 hours in total
    maanden = data.inzet_per_maand(versie, 2025, "ENS")
    assert maanden.height == 6 and maanden["uren"].sum() == 140.0
    assert data.quarantaine(versie)["rij"].to_list() == [7, 4]
    _rol(monkeypatch, "evaluator")
    # 4 PHO meetings in 2025 x 2 parties
    assert data.presentie(data.warehouse_version(), 2025, "pho").height == 8
    with pytest.raises(PermissionError):
        data.quarantaine(data.warehouse_version())  # Gegevens: kerngroep and beheerder only


def test_herkomst_refuses_detail_marts_to_pho(warehouse: Path, monkeypatch) -> None:
    _rol(monkeypatch, "pho")
    versie = data.warehouse_version()
    # pho_presentie comes from marts.presentie (attendance per meeting), inzet_uren from
    # marts.inzet_per_maand (hours per party and month): detail, also for the region's value.
    for indicator, wie in [("pho_presentie", None), ("pho_presentie", "ENS"),
                           ("inzet_uren", None), ("inzet_uren", "ENS")]:
        with pytest.raises(PermissionError, match="detail per partij"):
            data.herkomst(versie, indicator, 2025, wie)
    # marts.vergaderingen holds meetings, not parties: PHO may see its 4 rows of 2025.
    assert data.herkomst(versie, "pho_vergaderingen", 2025).height == 4

    _rol(monkeypatch, "evaluator")
    assert data.herkomst(data.warehouse_version(), "pho_presentie", 2025).height == 8


def test_every_function_that_reads_a_detail_table_is_guarded() -> None:
    """Reads data.py itself: a function whose SQL names a table of access.DETAIL must be
    decorated with ``_detail(<that table>)`` (herkomst checks its catalogue mart itself)."""
    bron = Path(data.__file__).read_text(encoding="utf-8")
    boom = ast.parse(bron)
    constanten = {
        n.targets[0].id: n.value.value
        for n in boom.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
        and isinstance(n.value.value, str) and isinstance(n.targets[0], ast.Name)
    }
    gevonden = {}
    for functie in (n for n in boom.body if isinstance(n, ast.FunctionDef)):
        if functie.name in ZONDER_ROL:
            continue
        tekst = " ".join(
            [c.value for c in ast.walk(functie)
             if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            + [constanten[c.id] for c in ast.walk(functie)
               if isinstance(c, ast.Name) and c.id in constanten]
        )
        gelezen = {t for t in access.DETAIL if re.search(rf"\b{re.escape(t)}\b(?!_)", tekst)}
        bewaakt = {
            a.value
            for d in functie.decorator_list
            if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "_detail"
            for a in d.args
            if isinstance(a, ast.Constant)
        }
        assert gelezen <= bewaakt, f"data.{functie.name} leest {gelezen - bewaakt} onbewaakt"
        if gelezen:
            gevonden[functie.name] = gelezen
    assert set(gevonden) == set(DETAIL_AANROEPEN)


def _indicatoren(rol: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"jaar": "2025", "deelnemer": "ENS"})
    at.session_state["rol"] = rol
    at.switch_page("views/indicatoren.py").run()
    assert not at.exception, at.exception
    return at


def test_pho_sees_no_herkomst_rows_or_downloads_on_indicatoren(warehouse: Path) -> None:
    at = _indicatoren("pho")
    assert at.selectbox(key="ind_indicator").value == "pho_presentie"
    herkomst_knoppen = [b for b in at.download_button if b.key.endswith("_herkomst")]
    assert not herkomst_knoppen
    assert not [d for d in at.dataframe if "Vergadering (id)" in d.value.columns]
    assert any("detail per partij" in i.value for i in at.info)

    evaluator = _indicatoren("evaluator")
    assert len([b for b in evaluator.download_button if b.key.endswith("_herkomst")]) >= 2
    assert [d for d in evaluator.dataframe if "Vergadering (id)" in d.value.columns]
