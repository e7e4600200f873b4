"""Issue 16 in the dashboard: the kerngroep's pages, the deelnemer role bound to one party, the
review round end to end, all with local accounts (no demo mode) on a copy of the session's
fixture build (tests/conftest.py, peildatum 30-06-2025; 2024 is a closed year).

Hand-computed from the fixture deliveries: Hof van Twente (HVT) put in 8 h in 2024 (6 h
projectgroep, 2 h twentebreed, all in March) against a norm of 130 h: a shortfall of 122 h, so a
substitute of 122 x 10.000 / 130 = 9.384,62; it paid 1.250,50, balance 8.134,12. Enschede's
fixed contribution 2025 (invoiced, unpaid) is 117 days overdue at peildatum.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import access, users
from dashboard.app import PAGINAS
from ingest.load import load_paths
from tests.conftest import PEILDATUM, fixture, kopie_van
from warehouse import reviews
from warehouse.build import build

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
WACHTWOORD = "Twentse-kanaal-proef-2026"


@pytest.fixture
def datamap(gebouwde_datamap: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = kopie_van(gebouwde_datamap, tmp_path / "data")
    monkeypatch.setenv("VTH_DATA_DIR", str(data))
    monkeypatch.delenv("VTH_DEMO", raising=False)
    users.voeg_toe("secretaris", "kerngroep", WACHTWOORD)
    users.voeg_toe("contact-hvt", "deelnemer", WACHTWOORD, deelnemer="HVT")
    st.cache_data.clear()
    return data


def _login(naam: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="login_naam").input(naam)
    at.text_input(key="login_wachtwoord").input(WACHTWOORD)
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert not at.exception, at.exception
    return at


def _pagina(at: AppTest, pagina: str) -> AppTest:
    at.switch_page(f"views/{pagina}.py").run()
    assert not at.exception, (pagina, at.exception)
    return at


def _tekst(at: AppTest) -> str:
    delen = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    delen += [str(d.value.to_dict("records")) for d in at.dataframe]
    return "\n".join(delen)


def test_users_command_binds_a_deelnemer_to_a_party(datamap: Path, capsys, monkeypatch):
    assert users.deelnemer_van("contact-hvt") == "HVT"
    assert users.deelnemer_van("secretaris") is None
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(WACHTWOORD + "\n"))
    assert users.main(["add", "ens", "--rol", "deelnemer", "--wachtwoord-stdin"]) == 2
    assert "Rol deelnemer hoort bij een partij: --deelnemer CODE" in capsys.readouterr().err
    assert users.main(["add", "wvs", "--rol", "deelnemer", "--deelnemer", "WVS"]) == 2  # no party
    assert users.main(["add", "k", "--rol", "kerngroep", "--deelnemer", "XYZ"]) == 2  # unknown
    assert users.main(["list"]) == 0
    assert "contact-hvt\tdeelnemer\tHVT\tactief" in capsys.readouterr().out


def test_a_deelnemer_sees_its_own_detail_and_no_other_partys_on_every_page(datamap: Path):
    at = _login("contact-hvt")
    assert at.session_state["rol"] == "deelnemer" and at.session_state["deelnemer"] == "HVT"
    for _, pagina, bestand, titel, _ in PAGINAS:
        if not access.mag_pagina(pagina, "deelnemer"):
            # not in its navigation, and opened directly (as by URL) refused before any data
            # is read: the page shows nothing but the refusal
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(f"views/{bestand}")
            direct = AppTest.from_file(str(Path(APP).parent / "views" / bestand),
                                       default_timeout=60)
            direct.session_state["rol"], direct.session_state["deelnemer"] = "deelnemer", "HVT"
            direct.session_state["gebruiker"] = "contact-hvt"
            direct.run()
            assert [e.value for e in direct.error] == [
                access.GEEN_TOEGANG.format(rol="Deelnemer (eigen organisatie)")], pagina
            assert not direct.dataframe, pagina
            continue
        at.switch_page(f"views/{bestand}").run()
        assert not at.exception, (pagina, at.exception)
        fouten = [e.value for e in at.error]
        assert at.title[0].value == titel and not fouten, (pagina, fouten)
        tekst = _tekst(at)
        # detail of another party never appears: the other parties' own hours and money
        for ander in ("Enschede", "Provincie Overijssel", "Rijssen-Holten"):
            if pagina in ("eigen", "review"):
                assert ander not in tekst, (pagina, ander)
    # Eigen cijfers: only Hof van Twente, no party to choose; March 2024: 6 + 2 h
    _pagina(at, "eigen")
    assert not [s for s in at.selectbox if s.label == "Partij"]
    at.selectbox(key="eigen_jaar").select(2024).run()
    assert at.subheader[0].value == "Hof van Twente – 2024"
    uren = at.dataframe[1].value.to_dict("records")
    assert uren == [{"Maand": "mrt", "projectgroep": "6,00", "twentebreed": "2,00"}]
    assert "tekort 122,0 uur; vervangende bijdrage € 9.384,62" in _tekst(at)


def test_the_data_layer_refuses_another_partys_rows(datamap: Path):
    from dashboard import data
    from dashboard import kerngroep_data as kd

    at = _login("contact-hvt")  # the session the guard reads
    assert at.session_state["deelnemer"] == "HVT"
    # outside a script run the guard reads streamlit's session state: put the login there
    st.session_state["rol"], st.session_state["deelnemer"] = "deelnemer", "HVT"
    try:
        versie = data.warehouse_version()
        assert kd.eigen_uren(versie, 2024, "HVT").height == 2
        for functie in (kd.eigen_uren, kd.eigen_presentie, kd.eigen_betalingen,
                        kd.eigen_afrekening, kd.eigen_indicatoren):
            with pytest.raises(access.GeenToegang, match="niet van ENS"):
                functie(versie, 2024, "ENS")
        for functie in (kd.leveringen, kd.achterstanden, kd.afrekening):
            with pytest.raises(access.GeenToegang):
                functie(versie, 2024)
        with pytest.raises(access.GeenToegang):
            data.inzet_per_maand(versie, 2024, "HVT")  # the whole table: detail roles only
        st.session_state["deelnemer"] = None  # a deelnemer bound to nothing sees nothing
        with pytest.raises(access.GeenToegang):
            kd.eigen_uren(versie, 2024, "HVT")
    finally:
        for key in ("rol", "deelnemer"):
            st.session_state.pop(key, None)


def test_kerngroep_pages_show_the_figures(datamap: Path):
    at = _login("secretaris")
    _pagina(at, "afrekening")
    at.selectbox(key="afrekening_jaar").select(2024).run()
    rijen = {r["Partij"]: r for r in at.dataframe[0].value.to_dict("records")}
    assert (rijen["Hof van Twente"]["Tekort (uren)"], rijen["Hof van Twente"][
        "Vervangende bijdrage"], rijen["Hof van Twente"]["Betaald"],
        rijen["Hof van Twente"]["Saldo"]) == ("122,0", "€ 9.384,62", "€ 1.250,50", "€ 8.134,12")
    at.selectbox(key="afrekening_partij").select("Hof van Twente").run()
    assert "**Saldo (positief: nog te betalen)**: € 8.134,12" in _tekst(at)
    assert [d.label for d in at.get("download_button")][-1] == "Afrekening (Excel)"

    _pagina(at, "achterstanden")
    at.selectbox(key="achterstanden_jaar").select(2025).run()
    ens = next(r for r in at.dataframe[0].value.to_dict("records") if r["Partij"] == "Enschede")
    assert (ens["Vaste bijdrage"], ens["Dagen te laat"]) == ("te laat", "117")
    assert any("de vaste bijdrage 2025 nog niet betaald" in w.value and "Enschede" in w.value
               for w in at.warning)

    _pagina(at, "leveringen")
    at.selectbox(key="leveringen_jaar").select(2024).run()
    laat = at.dataframe[0].value
    assert laat.iloc[0]["Leverancier"] == "Dinkelland" and laat.iloc[0]["Dagen te laat"] == "486"
    matrix = {r["Partij"]: r for r in at.dataframe[1].value.to_dict("records")}
    assert (matrix["Enschede"]["apr"], matrix["Enschede"]["mei"]) == ("✓", "✗")


def _logregels(data: Path) -> list[dict]:
    regels = (data / "logboek" / "logboek.jsonl").read_text().splitlines()
    return [json.loads(r) for r in regels if json.loads(r)["actie"] == "review"]


def test_review_round_end_to_end(datamap: Path):
    kerngroep = _pagina(_login("secretaris"), "review")
    kerngroep.selectbox(key="review_jaar").select(2024).run()
    kerngroep.button(key="review_open").click().run()
    assert not kerngroep.exception, kerngroep.exception
    assert reviews.ronde(2024).status == "open"

    hvt = _pagina(_login("contact-hvt"), "review")
    hvt.selectbox(key="review_jaar").select(2024).run()
    assert "Status: **nog niet beoordeeld**" in _tekst(hvt)
    hvt.radio(key="review_oordeel").set_value("niet_akkoord")
    hvt.button(key="review_opslaan").click().run()
    assert "Zeg bij 'niet akkoord' welke cijfers niet kloppen." in [e.value for e in hvt.error]
    hvt.radio(key="review_oordeel").set_value("akkoord")
    hvt.button(key="review_opslaan").click().run()
    assert not hvt.exception, hvt.exception
    assert "Status: **akkoord**" in _tekst(hvt)
    assert not [b for b in hvt.button if b.key in ("review_open", "review_sluit")]

    kerngroep.run()
    stand = {r["Partij"]: r for r in kerngroep.dataframe[0].value.to_dict("records")}
    assert (stand["Hof van Twente"]["Status"], stand["Hof van Twente"]["Door"]) == (
        "akkoord", "contact-hvt")
    assert stand["Enschede"]["Status"] == "nog niet beoordeeld"

    # a publish that changes Hof van Twente's 2024 figures puts it back to "opnieuw bekijken"
    load_paths([fixture("voorbeeld/inzet_hvt_extra.csv")])
    assert build(PEILDATUM).ok
    st.cache_data.clear()
    kerngroep.run()
    stand = {r["Partij"]: r for r in kerngroep.dataframe[0].value.to_dict("records")}
    assert stand["Hof van Twente"]["Status"] == "opnieuw bekijken (cijfers gewijzigd)"
    assert [(r["gebruiker"], r["details"].get("actie") or r["details"]["oordeel"])
            for r in _logregels(datamap)] == [
        ("secretaris", "ronde geopend"), ("contact-hvt", "akkoord"),
        ("systeem", "opnieuw_bekijken")]


def test_oidc_roles_file_binds_a_deelnemer(data_dir: Path):
    from dashboard import auth

    (data_dir / "rollen.toml").write_text(
        '[rollen]\n"c@hvt.nl" = "deelnemer"\n"k@ens.nl" = "kerngroep"\n"x@wvs.nl" = "deelnemer"\n'
        '[deelnemers]\n"C@hvt.nl" = "HVT"\n"k@ens.nl" = "ENS"\n"x@wvs.nl" = "WVS"\n')
    assert auth.rol_voor_email("c@hvt.nl") == "deelnemer"
    assert auth.deelnemer_voor_email("c@HVT.nl") == "HVT"
    # not a deelnemer: the organisation is only its default participant (issue 15), and the
    # data layer binds only the role deelnemer (access.gebonden_deelnemer)
    assert auth.deelnemer_voor_email("k@ens.nl") == "ENS"
    assert auth.deelnemer_voor_email("x@wvs.nl") is None  # Vechtstromen is no party
