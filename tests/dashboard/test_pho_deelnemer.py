"""A PHO account belongs to an organisation (issue 15, item 3): ``python -m dashboard.users add
... --deelnemer HEN`` or ``[deelnemers]`` in rollen.toml; that is the default participant, and a
link's ``?deelnemer=`` still wins (the last choice is kept in the URL).

Hand-computed from conftest.INDICATOREN: Hengelo 2025 has one own value with a norm,
Presentie PHO 50,0% (rood), so its summary starts "aan 0 van de 1 norm".
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from test_access import OIDC, WACHTWOORD, _app, _inloggen, _oidc_app
from test_bestuur import samenvatting

from dashboard import users


@pytest.fixture
def productie(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture warehouse outside demo mode (login required), as in test_access.py."""
    monkeypatch.delenv("VTH_DEMO", raising=False)
    return warehouse.parent


HENGELO = ("In 2025 voldeed Hengelo aan 0 van de 1 norm voor de eigen cijfers (groen); 1 haalt "
           "de norm niet (rood).")


def test_users_command_binds_an_account_to_an_organisation(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert users.main(["add", "wethouder", "--rol", "pho", "--deelnemer", " hen ",
                       "--wachtwoord-stdin"]) == 0
    assert "Account 'wethouder' (pho, HEN) opgeslagen" in capsys.readouterr().out
    assert users.deelnemer_van("wethouder") == "HEN"
    assert users.main(["list"]) == 0
    assert capsys.readouterr().out == "wethouder\tpho\tHEN\tactief\n"

    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert users.main(["add", "piet", "--rol", "pho", "--deelnemer", "XYZ",
                       "--wachtwoord-stdin"]) == 2
    assert capsys.readouterr().err == (
        "Fout: Onbekende deelnemer 'XYZ': gebruik een code als ENS.\n")
    assert "piet" not in users.lees()


def test_the_accounts_organisation_is_the_default_participant(productie: Path) -> None:
    users.voeg_toe("wethouder", "pho", WACHTWOORD, deelnemer="HEN")
    at = _inloggen(_app().run(), "wethouder", WACHTWOORD)
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "HEN"
    assert at.query_params["deelnemer"] == "HEN"  # the URL remembers the choice
    assert samenvatting(at)[0] == HENGELO

    # a link that names another participant wins over the account's own
    link = _app()
    link.query_params["deelnemer"] = "ENS"
    link = _inloggen(link.run(), "wethouder", WACHTWOORD)
    assert link.sidebar.selectbox(key="filter_deelnemer").value == "ENS"

    # an account without an organisation: the first participant, as before
    users.voeg_toe("bestuurder", "pho", WACHTWOORD)
    zonder = _inloggen(_app().run(), "bestuurder", WACHTWOORD)
    assert zonder.sidebar.selectbox(key="filter_deelnemer").value == "ENS"


def test_oidc_roles_file_names_the_organisation_too(productie: Path) -> None:
    (productie / "rollen.toml").write_text(
        '[rollen]\n"W.Houder@Hengelo.nl" = "pho"\n\n[deelnemers]\n"w.houder@hengelo.nl" = "hen"\n'
    )
    at = _oidc_app({"is_logged_in": True, "email": "w.houder@hengelo.nl",
                    "email_verified": True})
    assert not at.exception, at.exception
    assert at.session_state["rol"] == "pho"
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "HEN"
    assert samenvatting(at)[0] == HENGELO
    assert OIDC  # the same OIDC configuration as tests/dashboard/test_access.py
