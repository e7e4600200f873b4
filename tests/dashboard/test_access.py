"""Access control: the role table, login (local accounts and OIDC), lock-out, first-run set-up,
role-keyed cache, and the README's copy of the table. AppTest against the fixture warehouse."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access, auth, data, users

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
VIEWS = REPO / "dashboard" / "views"
WACHTWOORD = "correct-paard-batterij"
# page key -> view file, as the router registers them
VIEW = {pagina: f"views/{bestand}" for _, pagina, bestand, _, _ in
        __import__("dashboard.app", fromlist=["PAGINAS"]).PAGINAS}


def _logboek(data_dir: Path) -> list[dict]:
    path = data_dir / "logboek" / "logboek.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _knop(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _inloggen(at: AppTest, naam: str, wachtwoord: str) -> AppTest:
    at.text_input(key="login_naam").input(naam)
    at.text_input(key="login_wachtwoord").input(wachtwoord)
    return _knop(at, "Inloggen").click().run()


@pytest.fixture
def productie(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture warehouse outside demo mode (login required)."""
    monkeypatch.delenv("VTH_DEMO", raising=False)
    return warehouse.parent


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30)


# --- the role table ----------------------------------------------------------------------------


def _geregistreerd(at: AppTest, pagina: str) -> bool:
    try:
        at.switch_page(VIEW[pagina])
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("rol", list(access.ROLLEN))
def test_router_lists_exactly_the_pages_of_the_role_row(warehouse: Path, rol: str) -> None:
    at = _app().run()
    at.sidebar.selectbox(key="rol").select(rol).run()
    zichtbaar = {p for p in access.PAGINAS if _geregistreerd(at, p)}
    assert zichtbaar == {p for p, rollen in access.PAGINAS.items() if rol in rollen}


@pytest.mark.parametrize("pagina", list(access.PAGINAS))
@pytest.mark.parametrize("rol", list(access.ROLLEN))
def test_every_view_guards_itself(warehouse: Path, pagina: str, rol: str) -> None:
    """Opened directly (as a URL would, bypassing the router), a view refuses a role outside
    its row before it reads anything, and lets a role in its row through."""
    at = AppTest.from_file(str(VIEWS / Path(VIEW[pagina]).name), default_timeout=30)
    at.session_state["rol"] = rol
    at.session_state["gebruiker"] = f"test-{rol}"
    at.run()
    weigering = access.GEEN_TOEGANG.format(rol=access.ROLLEN[rol])
    fouten = [e.value for e in at.error]
    if rol in access.PAGINAS[pagina]:
        assert weigering not in fouten
    else:
        assert fouten == [weigering]
        assert not at.dataframe and not at.metric and not at.text_area and not at.file_uploader


@pytest.mark.parametrize("actie", list(access.ACTIES))
@pytest.mark.parametrize("rol", list(access.ROLLEN))
def test_actions_follow_the_table(actie: str, rol: str) -> None:
    assert access.mag(actie, rol) == (rol in access.ACTIES[actie])


def test_readme_has_the_same_table() -> None:
    tekst = (REPO / "README.md").read_text(encoding="utf-8")
    sectie = tekst.split("## Rollen en rechten", 1)[1].split("\n## ", 1)[0]
    rijen = [r for r in sectie.splitlines() if r.startswith("| `")]
    kop = next(r for r in sectie.splitlines() if r.startswith("| pagina of actie"))
    rollen = [c.strip() for c in kop.strip("|").split("|")][1:]
    assert rollen == list(access.ROLLEN)
    gevonden: dict[str, frozenset[str]] = {}
    for rij in rijen:
        cellen = [c.strip() for c in rij.strip("|").split("|")]
        naam = re.sub(r"`|\s*\(.*\)", "", cellen[0])
        gevonden[naam] = frozenset(r for r, c in zip(rollen, cellen[1:], strict=True) if c == "✓")
    verwacht = {
        **access.PAGINAS,
        **{f"actie: {a}": r for a, r in access.ACTIES.items()},
        **{f"detail: {t}": r for t, r in access.DETAIL.items()},
    }
    assert gevonden == verwacht


# --- local accounts: login, lock-out, logout ----------------------------------------------------


def test_pho_login_cannot_open_kerngroep_detail_by_url(productie: Path) -> None:
    users.voeg_toe("bestuurder", "pho", WACHTWOORD)
    at = _inloggen(_app().run(), "bestuurder", WACHTWOORD)
    assert not at.exception, at.exception
    assert at.session_state["rol"] == "pho" and at.session_state["gebruiker"] == "bestuurder"
    assert "Ingelogd als **bestuurder** (PHO (bestuur))" in [c.value for c in at.sidebar.caption]
    # Not in the PHO navigation ...
    for pagina in ("bijdragen", "vergaderingen", "gegevens", "query", "logboek"):
        assert not _geregistreerd(at, pagina)
    # ... and the view itself refuses the PHO session when opened directly.
    for pagina in ("bijdragen", "vergaderingen"):
        direct = AppTest.from_file(str(VIEWS / f"{pagina}.py"), default_timeout=30)
        direct.session_state["rol"] = "pho"
        direct.session_state["gebruiker"] = "bestuurder"
        direct.run()
        assert [e.value for e in direct.error] == [
            "Je rol (PHO (bestuur)) heeft geen toegang tot deze pagina."
        ]
        assert not direct.dataframe and not direct.metric
    assert [r["actie"] for r in _logboek(productie)] == ["inloggen"]


def test_five_wrong_passwords_lock_the_account(productie: Path) -> None:
    users.voeg_toe("kees", "kerngroep", WACHTWOORD)
    at = _app().run()
    for poging in range(1, 6):
        _inloggen(at, "kees", f"fout-wachtwoord-{poging}")
        # one message for every failure, also the one that locks (issue 12)
        assert [e.value for e in at.error] == [users.ONJUIST]
    assert "gebruiker" not in at.session_state

    # Locked in the file, so a new session (or a restart) is locked too, even with the right
    # password; nothing of the warehouse is shown.
    opnieuw = _inloggen(_app().run(), "kees", WACHTWOORD)
    assert [e.value for e in opnieuw.error] == [users.ONJUIST]
    assert not opnieuw.dataframe and not opnieuw.metric and "rol" not in opnieuw.session_state
    assert users.lees()["kees"]["geblokkeerd_tot"] is not None

    regels = _logboek(productie)
    assert [r["actie"] for r in regels] == ["inloggen_mislukt"] * 6
    assert [r["details"]["reden"] for r in regels] == ["onjuist"] * 4 + ["geblokkeerd"] * 2
    tekst = (productie / "logboek" / "logboek.jsonl").read_text(encoding="utf-8")
    assert "fout-wachtwoord" not in tekst and WACHTWOORD not in tekst  # never a password

    users.ontgrendel("kees")
    assert _inloggen(_app().run(), "kees", WACHTWOORD).session_state["rol"] == "kerngroep"


def test_users_lockout_window(data_dir: Path) -> None:
    from datetime import datetime, timedelta

    users.voeg_toe("anna", "evaluator", WACHTWOORD)
    t0 = datetime(2026, 11, 23, 12, 0)
    for i in range(4):
        assert users.controleer("anna", "fout", nu=t0 + timedelta(seconds=i)).melding == \
            users.ONJUIST
    vijfde = users.controleer("anna", "fout", nu=t0 + timedelta(seconds=5))
    assert vijfde.geblokkeerd and not vijfde.ok
    assert not users.controleer("anna", WACHTWOORD, nu=t0 + timedelta(minutes=14)).ok
    assert users.controleer("anna", WACHTWOORD, nu=t0 + timedelta(minutes=16)).ok
    # a success resets the counter: four more failures do not lock
    for i in range(4):
        users.controleer("anna", "fout", nu=t0 + timedelta(minutes=17, seconds=i))
    assert users.controleer("anna", WACHTWOORD, nu=t0 + timedelta(minutes=18)).ok
    # unknown names get the same message and lock nothing
    assert users.controleer("niemand", "x").melding == users.ONJUIST


def test_accounts_file_holds_only_argon2_hashes(data_dir: Path) -> None:
    users.voeg_toe("Beheer.Een", "beheerder", WACHTWOORD)
    inhoud = (data_dir / "gebruikers.json").read_text(encoding="utf-8")
    assert WACHTWOORD not in inhoud
    assert users.lees()["beheer.een"]["hash"].startswith("$argon2id$")
    assert stat.S_IMODE((data_dir / "gebruikers.json").stat().st_mode) == 0o600
    with pytest.raises(users.GebruikersFout, match="Onbekende rol"):
        users.voeg_toe("x1", "admin", WACHTWOORD)
    with pytest.raises(users.GebruikersFout, match="minstens 12 tekens"):
        users.voeg_toe("x1", "pho", "kort")


def test_logout_ends_the_session(productie: Path) -> None:
    users.voeg_toe("eva", "evaluator", WACHTWOORD)
    at = _inloggen(_app().run(), "eva", WACHTWOORD)
    assert at.session_state["rol"] == "evaluator"
    at.sidebar.button(key="uitloggen").click().run()
    assert "rol" not in at.session_state and "gebruiker" not in at.session_state
    assert at.text_input(key="login_naam") is not None
    assert not at.dataframe and not at.metric
    assert [r["actie"] for r in _logboek(productie)] == ["inloggen", "uitloggen"]
    assert _logboek(productie)[-1]["gebruiker"] == "eva"


def test_removed_account_or_changed_role_counts_at_the_next_click(productie: Path) -> None:
    users.voeg_toe("bert", "beheerder", WACHTWOORD)
    at = _inloggen(_app().run(), "bert", WACHTWOORD)
    assert _geregistreerd(at, "logboek")
    users.voeg_toe("bert", "pho", WACHTWOORD)  # role changed by the beheerder
    at.run()
    assert at.session_state["rol"] == "pho" and not _geregistreerd(at, "logboek")
    users.verwijder("bert")
    at.run()
    assert "rol" not in at.session_state
    assert "log opnieuw in" in at.warning[0].value


# --- first-run set-up ---------------------------------------------------------------------------


def test_first_run_setup_needs_the_installation_code(productie: Path) -> None:
    at = _app().run()
    assert [h.value for h in at.subheader] == ["Eerste installatie"]
    assert not at.dataframe and not at.metric
    code_pad = productie / "geheim" / "installatiecode"
    assert stat.S_IMODE(code_pad.stat().st_mode) == 0o600

    def invullen(code: str) -> AppTest:
        at.text_input(key="setup_naam").input("beheer")
        at.text_input(key="setup_wachtwoord").input(WACHTWOORD)
        at.text_input(key="setup_herhaald").input(WACHTWOORD)
        at.text_input(key="setup_code").input(code)
        return _knop(at, "Beheerdersaccount aanmaken").click().run()

    invullen("geraden")
    assert [e.value for e in at.error] == ["De installatiecode klopt niet."]
    assert not (productie / "gebruikers.json").exists()

    invullen(code_pad.read_text().strip())
    assert not at.exception, at.exception
    assert at.session_state["rol"] == "beheerder" and at.session_state["gebruiker"] == "beheer"
    assert users.lees()["beheer"]["rol"] == "beheerder"
    assert not code_pad.exists()  # one-time
    assert _logboek(productie)[-1]["details"] == {"via": "eerste installatie"}

    # From now on a new visitor gets the login form, never the set-up again.
    nieuw = _app().run()
    assert [h.value for h in nieuw.subheader] == ["Inloggen"]
    with pytest.raises(users.GebruikersFout, match="al accounts"):
        users.eerste_beheerder("indringer", WACHTWOORD)


def test_empty_accounts_file_refuses_with_a_dutch_message(productie: Path) -> None:
    (productie / "gebruikers.json").write_text('{"versie": 1, "gebruikers": {}}')
    at = _app().run()
    assert "Er zijn geen accounts" in at.error[0].value
    assert not at.text_input and not at.dataframe


# --- OIDC ---------------------------------------------------------------------------------------

OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "vth",
        "client_secret": "geheim",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
}


def _oidc_app(user: dict) -> AppTest:
    at = _app()
    at.secrets = json.loads(json.dumps(OIDC))
    at.user = user
    return at.run()


def test_oidc_not_logged_in_shows_only_the_login_button(productie: Path) -> None:
    at = _oidc_app({"is_logged_in": False})
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Inloggen"]
    assert not at.dataframe and not at.metric and not at.text_input  # no local form


def test_oidc_role_comes_from_the_mapping_file(productie: Path) -> None:
    (productie / "rollen.toml").write_text(
        '[rollen]\n"E.Valuator@Bureau.nl" = "evaluator"\n"x@y.nl" = "superuser"\n'
    )
    at = _oidc_app({"is_logged_in": True, "email": "e.valuator@bureau.nl",
                    "email_verified": True})
    assert not at.exception, at.exception
    assert at.session_state["rol"] == "evaluator"
    assert at.session_state["gebruiker"] == "e.valuator@bureau.nl"
    assert _geregistreerd(at, "query") and not _geregistreerd(at, "logboek")
    assert _logboek(productie)[-1]["actie"] == "inloggen"

    onbekend = _oidc_app({"is_logged_in": True, "email": "iemand@elders.nl",
                          "email_verified": True})
    assert "heeft geen rol in de VTH-monitor" in onbekend.error[0].value
    assert "rol" not in onbekend.session_state and not onbekend.dataframe
    fout = _oidc_app({"is_logged_in": True, "email": "x@y.nl", "email_verified": True})
    # (an invalid role in the file)
    assert "rol" not in fout.session_state
    niet_bevestigd = _oidc_app(
        {"is_logged_in": True, "email": "e.valuator@bureau.nl", "email_verified": False}
    )
    assert "rol" not in niet_bevestigd.session_state


def test_rol_voor_email_without_file(data_dir: Path) -> None:
    assert auth.rol_voor_email("a@b.nl") is None


# --- demo mode ---------------------------------------------------------------------------------


def test_demo_mode_keeps_role_picker_and_banner(warehouse: Path) -> None:
    at = _app().run()
    assert at.warning[0].value == "Demoversie – fictieve gegevens, geen inlog"
    assert at.sidebar.selectbox(key="rol").value == "pho"
    assert at.session_state["gebruiker"] == "demo"
    assert not [b for b in at.sidebar.button if b.label == "Uitloggen"]


# --- cache per role -----------------------------------------------------------------------------


def test_cached_results_are_never_shared_across_roles(warehouse: Path, monkeypatch) -> None:
    calls: list[str] = []
    echte_query = data._query

    def geteld(sql, params=None):
        calls.append(sql)
        return echte_query(sql, params)

    monkeypatch.setattr(data, "_query", geteld)
    versies = {}
    for rol in ("evaluator", "pho", "evaluator"):
        monkeypatch.setattr(access, "huidige_rol", lambda rol=rol: rol)
        versies[rol] = data.warehouse_version()
        data.jaren(versies[rol])
    assert versies["evaluator"][-1] == "evaluator" and versies["pho"][-1] == "pho"
    assert versies["evaluator"][:3] == versies["pho"][:3]
    assert len(calls) == 2  # evaluator, pho; the second evaluator call came from the cache
