"""Login hardening (issue 12): demo mode only on demo data, one message for every failed login
without a timing oracle, weak passwords refused, OIDC e-mail verification required, and a local
login that survives a reload or a new tab through a signed session cookie.

The cookie itself is set and sent by the browser (tests/browser/test_browser.py checks reload and
new tab in chromium); AppTest cannot send cookies, so these tests hand the token to the app
through ``auth.sessie_cookie``, the one function that reads it.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from test_access import OIDC  # this folder's module (pytest puts the folder on sys.path)

from core import paths
from dashboard import auth, users

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
WACHTWOORD = "correct-paard-batterij"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30)


def _tekst(at: AppTest) -> str:
    delen = [str(e.value) for soort in ("title", "subheader", "markdown", "caption", "error",
                                        "info", "warning") for e in getattr(at, soort)]
    return "\n".join(delen + [df.value.to_csv() for df in at.dataframe])


# --- demo mode only on a demo data directory --------------------------------------------------


def _demo_geweigerd(at: AppTest, reden: str) -> None:
    assert not at.exception, at.exception
    fouten = [e.value for e in at.error]
    assert len(fouten) == 1 and fouten[0].startswith("Demomodus geweigerd:"), fouten
    assert reden in fouten[0]
    assert not at.dataframe and not at.metric and not at.sidebar.selectbox
    assert "rol" not in at.session_state
    assert "87,5" not in _tekst(at)


def test_demo_mode_refuses_a_data_directory_with_accounts(warehouse: Path) -> None:
    users.voeg_toe("beheer", "beheerder", WACHTWOORD)
    _demo_geweigerd(_app().run(), "gebruikers.json")


def test_demo_mode_refuses_a_data_directory_with_oidc_roles(warehouse: Path) -> None:
    (warehouse.parent / "rollen.toml").write_text('[rollen]\n"a@b.nl" = "beheerder"\n')
    _demo_geweigerd(_app().run(), "rollen.toml")


def test_demo_mode_refuses_a_warehouse_with_real_deliveries(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("update audit.ladingen set sha256 = ? where lading_id = 2", ["c" * 64])
    con.close()
    at = _app().run()
    # a count, never a delivered file's name: the visitor is not logged in
    _demo_geweigerd(at, "bevat 1 levering die geen demolevering is")
    assert "presentie_2025" not in at.error[0].value


def test_demo_mode_refuses_a_warehouse_without_demo_marker(warehouse: Path) -> None:
    paths.demo_marker_path().unlink()
    _demo_geweigerd(_app().run(), "geen demoleveringen")


def test_demo_generator_marks_its_files_as_demo(data_dir: Path, tmp_path: Path,
                                                monkeypatch) -> None:
    from demo import odt, story
    from demo.__main__ import main

    monkeypatch.setattr(odt, "ZAKEN_PER_JAAR", dict.fromkeys(story.JAREN, 200))
    paths.demo_marker_path().unlink()
    assert main(["--out", str(tmp_path / "uit")]) == 0
    geschreven = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "uit").iterdir()}
    assert len(geschreven) == 21 and paths.demo_sha256s() == geschreven
    assert stat.S_IMODE(paths.demo_marker_path().stat().st_mode) == 0o600


# --- one message for every failed login, no timing oracle -------------------------------------


def test_one_message_for_every_failed_login(data_dir: Path) -> None:
    users.voeg_toe("anna", "evaluator", WACHTWOORD)
    meldingen = {users.controleer("niemand", "fout-wachtwoord").melding,
                 users.controleer("anna", "fout-wachtwoord").melding}
    for _ in range(5):
        users.controleer("anna", "fout-wachtwoord")
    geblokkeerd = users.controleer("anna", WACHTWOORD)  # the right password, but locked
    assert not geblokkeerd.ok and geblokkeerd.geblokkeerd
    meldingen.add(geblokkeerd.melding)
    assert meldingen == {users.ONJUIST}
    assert "anna" not in users.ONJUIST and "geblokkeerd na" not in users.ONJUIST


def test_every_failed_login_verifies_one_hash(data_dir: Path, monkeypatch) -> None:
    """Unknown name, wrong password and locked account all cost one Argon2 verification, so
    the response time does not tell which names exist."""
    users.voeg_toe("anna", "evaluator", WACHTWOORD)
    echte = users._HASHER
    tellingen: list[str] = []

    class Teller:
        def verify(self, hash_: str, wachtwoord: str) -> bool:
            tellingen.append(hash_)
            return echte.verify(hash_, wachtwoord)

        def __getattr__(self, naam: str):
            return getattr(echte, naam)

    monkeypatch.setattr(users, "_HASHER", Teller())
    per_soort = {}
    for soort, naam, wachtwoord in [("onbekend", "niemand", "x" * 12),
                                    ("onjuist", "anna", "x" * 12)]:
        tellingen.clear()
        users.controleer(naam, wachtwoord)
        per_soort[soort] = len(tellingen)
    for _ in range(5):
        users.controleer("anna", "x" * 12)
    tellingen.clear()
    users.controleer("anna", WACHTWOORD)
    per_soort["geblokkeerd"] = len(tellingen)
    assert per_soort == {"onbekend": 1, "onjuist": 1, "geblokkeerd": 1}


def test_locked_account_gets_the_same_message_on_the_login_page(warehouse: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.delenv("VTH_DEMO")
    users.voeg_toe("kees", "kerngroep", WACHTWOORD)
    for _ in range(5):
        users.controleer("kees", "fout-wachtwoord")
    at = _app().run()
    at.text_input(key="login_naam").input("kees")
    at.text_input(key="login_wachtwoord").input(WACHTWOORD)
    at.button[0].click().run()
    assert [e.value for e in at.error] == [users.ONJUIST]


# --- weak passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wachtwoord",
    [
        " " * 12,
        "\t \u00a0" * 4,
        "wachtwoord123",
        "Welkom123456!",
        "Password1234",
        "123456789012",
        "qwertyuiop123",
        "aaaaaaaaaaaa",
        "W@chtw00rd2026",
        "voorjaar2026!",
        "ik-ben-jan-de-vries",  # contains the account name
    ],
)
def test_weak_passwords_are_refused(data_dir: Path, wachtwoord: str) -> None:
    with pytest.raises(users.GebruikersFout):
        users.voeg_toe("jan-de-vries" if "jan" in wachtwoord else "piet", "pho", wachtwoord)
    assert not users.lees()


def test_a_passphrase_is_accepted(data_dir: Path) -> None:
    with pytest.raises(users.GebruikersFout, match="veelgebruikt"):
        users.eerste_beheerder("beheer", "Wachtwoord2026!")
    assert not users.bestaat()
    assert users.voeg_toe("piet", "pho", WACHTWOORD) == "piet"


# --- OIDC: missing email_verified is unverified ------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "rol"),
    [
        ({}, None),
        ({"email_verified": False}, None),
        ({"email_verified": "false"}, None),
        ({"email_verified": True}, "evaluator"),
        ({"email_verified": "true"}, "evaluator"),
        # Microsoft Entra ID: no email_verified, its optional claim xms_edov instead
        ({"xms_edov": True}, "evaluator"),
        ({"xms_edov": False}, None),
        ({"email_verified": False, "xms_edov": True}, None),
    ],
)
def test_oidc_email_must_be_verified(warehouse: Path, monkeypatch, claims: dict,
                                     rol: str | None) -> None:
    monkeypatch.delenv("VTH_DEMO")
    (warehouse.parent / "rollen.toml").write_text('[rollen]\n"e@bureau.nl" = "evaluator"\n')
    at = _app()
    at.secrets = json.loads(json.dumps(OIDC))
    at.user = {"is_logged_in": True, "email": "e@bureau.nl", **claims}
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["rol"] == rol if rol else "rol" not in at.session_state


# --- a local login survives a reload and a new tab --------------------------------------------


@pytest.fixture
def productie(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("VTH_DEMO")
    users.voeg_toe("eva", "evaluator", WACHTWOORD)
    return warehouse.parent


def _ingelogd(cookie: str | None, monkeypatch) -> AppTest:
    """A new browser session (reload or new tab) that sends ``cookie`` with its request."""
    monkeypatch.setattr(auth, "sessie_cookie", lambda: cookie)
    at = _app().run()
    assert not at.exception, at.exception
    return at


def _token_na_inloggen(monkeypatch) -> tuple[AppTest, str]:
    at = _ingelogd(None, monkeypatch)
    at.text_input(key="login_naam").input("eva")
    at.text_input(key="login_wachtwoord").input(WACHTWOORD)
    at.button[0].click().run()
    assert at.session_state["rol"] == "evaluator"
    scripts = [h.proto.body for h in at.get("html")]
    gezet = [s for s in scripts if "document.cookie" in s and "vth_sessie=" in s]
    assert gezet, scripts
    assert "SameSite=Strict" in gezet[0] and "Path=/" in gezet[0]
    assert 43_190 <= int(re.search(r"Max-Age=(\d+)", gezet[0]).group(1)) <= 43_200  # 12 h
    return at, re.search(r"vth_sessie=([A-Za-z0-9_.\-]+)", gezet[0]).group(1)


def test_login_survives_a_reload_until_logout(productie: Path, monkeypatch) -> None:
    at, token = _token_na_inloggen(monkeypatch)
    assert "eva" not in token.split(".")[-1]  # the signature is not the name

    herladen = _ingelogd(token, monkeypatch)
    assert herladen.session_state["rol"] == "evaluator"
    assert herladen.session_state["gebruiker"] == "eva"
    assert not [t for t in herladen.text_input if t.key == "login_naam"]
    assert herladen.dataframe  # the Overzicht is shown

    # Logout ends this token everywhere (another tab, a copied cookie).
    monkeypatch.setattr(auth, "sessie_cookie", lambda: token)
    herladen.sidebar.button(key="uitloggen").click().run()
    assert "rol" not in herladen.session_state
    na_uitloggen = _ingelogd(token, monkeypatch)
    assert "rol" not in na_uitloggen.session_state
    assert na_uitloggen.text_input(key="login_naam") is not None
    assert not na_uitloggen.dataframe
    acties = [json.loads(r)["actie"] for r in
              (productie / "logboek" / "logboek.jsonl").read_text().splitlines()]
    assert acties == ["inloggen", "inloggen", "uitloggen"]  # form, cookie, logout


@pytest.mark.parametrize("wijziging", ["wachtwoord", "verwijderd", "vervalst", "verlopen"])
def test_session_token_is_refused_after(productie: Path, monkeypatch, wijziging: str) -> None:
    _, token = _token_na_inloggen(monkeypatch)
    if wijziging == "wachtwoord":
        users.voeg_toe("eva", "evaluator", "een-ander-lang-wachtwoord")
    elif wijziging == "verwijderd":
        users.verwijder("eva")
    elif wijziging == "vervalst":
        inhoud, _, handtekening = token.rpartition(".")
        token = f"{inhoud}.{handtekening[::-1]}"
    else:
        from dashboard import sessie

        monkeypatch.setattr(sessie, "nu", lambda: time.time() + 12 * 3600 + 5)
    at = _ingelogd(token, monkeypatch)
    assert "rol" not in at.session_state and not at.dataframe


def test_session_key_is_private(productie: Path, monkeypatch) -> None:
    _token_na_inloggen(monkeypatch)
    sleutel = productie / "geheim" / "sessie.sleutel"
    assert stat.S_IMODE(sleutel.stat().st_mode) == 0o600
    assert stat.S_IMODE(sleutel.parent.stat().st_mode) == 0o700
    assert len(sleutel.read_bytes()) >= 32
