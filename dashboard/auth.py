"""Login: who is the user, and which role do they have. Called by app.py before navigation.

Three ways, chosen on the server (never by the browser):

1. Demo mode (``VTH_DEMO=1``, what ``make run`` uses): no login; app.py shows a role picker and
   the demo banner, but only after ``demo_weigering()`` found nothing real in the data
   directory: no accounts, no OIDC roles or configuration, and only demo deliveries in the
   published warehouse (the sha256 that ``python -m ingest.demo`` recorded).
2. OIDC (production), when ``.streamlit/secrets.toml`` has an ``[auth]`` section: Streamlit's
   ``st.login()`` / ``st.user``. The role comes from the user's e-mail address in
   ``$VTH_DATA_DIR/rollen.toml``; an address that is not there, or that the provider did not
   mark as verified, gets no access.
3. Local accounts (the default): ``$VTH_DATA_DIR/gebruikers.json`` (dashboard/users.py). With
   no accounts file yet, the first-run set-up creates the first beheerder account; it asks for
   the installation code that only the server's operator can read.

Until a user is logged in with a known role, ``aanmelden()`` stops the script: no page, no
data. The role is checked again on every run (a removed account or changed role takes effect at
the next click), and a local session ends after ``SESSIE_DUUR`` from the login. A local login
survives a reload and a new tab through the signed session cookie of dashboard/sessie.py; a
logout ends it everywhere.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import tomllib
from datetime import datetime
from pathlib import Path

import streamlit as st

from core import paths, vocabulary
from core.paths import data_dir
from dashboard import access, data, logboek, sessie, users

SESSIE_DUUR = sessie.SESSIE_DUUR
_LOG = logging.getLogger(__name__)

# session_state keys owned by this module (besides "gebruiker" and "rol")
_WIJZE = "_aanmeldwijze"  # "lokaal" | "oidc"
_SINDS = "_aangemeld_sinds"
_GELOGD = "_aanmelding_gelogd"
_TOKEN = "_sessietoken"  # the signed token this session keeps in the browser's cookie
_GENERATIE = "_sessiegeneratie"  # the account's session generation at login
_COOKIE_WISSEN = "_sessiecookie_wissen"  # remove a refused or logged-out cookie
EIGEN_DEELNEMER = "eigen_deelnemer"  # the account's organisation code (or None)


# --- configuration ----------------------------------------------------------------------------


def oidc_ingericht() -> bool:
    """True when ``.streamlit/secrets.toml`` configures Streamlit's OIDC login ([auth])."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _oidc_provider() -> str | None:
    """The named provider ([auth.NAAM]) when there is exactly one, else None ([auth] itself)."""
    try:
        sectie = st.secrets["auth"]
    except Exception:
        return None
    namen = [k for k, v in sectie.items() if hasattr(v, "items")]
    return namen[0] if len(namen) == 1 else None


def _waar(waarde: object) -> bool:
    # Providers send the claim as a JSON boolean, some as the string "true".
    return waarde is True or (isinstance(waarde, str) and waarde.strip().lower() == "true")


def email_bevestigd(claims: dict) -> bool:
    """Did the identity provider verify the e-mail address the role hangs on? A missing claim
    is unverified. Microsoft Entra ID never sends ``email_verified`` for work accounts; its
    optional claim ``xms_edov`` (the e-mail's domain owner is verified) counts instead, only
    when ``email_verified`` is absent."""
    if "email_verified" in claims:
        return _waar(claims["email_verified"])
    return _waar(claims.get("xms_edov"))


def rollen_pad() -> Path:
    return data_dir() / "rollen.toml"


def _per_adres(tabel: str, email: str) -> object:
    """The value for ``email`` in table ``tabel`` of rollen.toml (addresses case-insensitive);
    None without file, table or address."""
    pad = rollen_pad()
    if not email or not pad.is_file():
        return None
    try:
        waarden = tomllib.loads(pad.read_text(encoding="utf-8")).get(tabel, {})
    except (tomllib.TOMLDecodeError, OSError):
        _LOG.error("rollen.toml is niet leesbaar: %s", pad)
        return None
    return {str(k).strip().lower(): v for k, v in waarden.items()}.get(email.strip().lower())


def rol_voor_email(email: str) -> str | None:
    """The role of an e-mail address in rollen.toml (``[rollen]`` "adres" = "rol")."""
    rol = _per_adres("rollen", email)
    if rol is not None and rol not in access.ROLLEN:
        _LOG.error("rollen.toml: onbekende rol %r voor %s", rol, email)
        return None
    return rol  # type: ignore[return-value]


def deelnemer_voor_email(email: str) -> str | None:
    """The organisation of an e-mail address in rollen.toml (``[deelnemers]`` "adres" =
    "ENS"), like its role; None when the file names none or names an unknown one. A
    deelnemer's organisation must be a party of the cooperation (issue 16)."""
    code = _per_adres("deelnemers", email)
    code = code.strip().upper() if isinstance(code, str) and code.strip() else None
    if code is None:
        return None
    bekend = users.partijen() if rol_voor_email(email) == "deelnemer" else vocabulary.ORGANISATIES
    if code not in bekend:
        _LOG.error("rollen.toml: onbekende deelnemer %r voor %s", code, email)
        return None
    return code


DEMO_GEWEIGERD = (
    "Demomodus geweigerd: {redenen} De demo (VTH_DEMO=1, zonder inlog) draait alleen op "
    "demogegevens. Start het dashboard zonder VTH_DEMO=1 (met inlog), of maak de demo in een "
    "eigen, lege datamap (VTH_DATA_DIR=… make demo)."
)


def demo_weigering() -> str | None:
    """Why demo mode may not run on this data directory (Dutch, one line), or None.

    Demo mode gives every visitor every role without a login, so it refuses a directory that
    shows signs of real use: local accounts, OIDC roles or configuration, or a published
    warehouse with deliveries that are not the demo generator's files. Checked on every run,
    so a real delivery uploaded or built meanwhile stops the demo at the next click."""
    redenen = []
    if users.bestaat():
        redenen.append("deze datamap heeft accounts (gebruikers.json).")
    if rollen_pad().exists():
        redenen.append("deze datamap heeft OIDC-rollen (rollen.toml).")
    if oidc_ingericht():
        redenen.append("de server is ingericht voor inloggen met OIDC ([auth] in secrets.toml).")
    if data.warehouse_exists():
        aantal = data.niet_demo_leveringen(data.warehouse_version(), paths.demo_sha256s())
        if aantal:
            wat = ("levering die geen demolevering is" if aantal == 1
                   else "leveringen die geen demoleveringen zijn")
            redenen.append(
                f"het gepubliceerde warehouse bevat {aantal} {wat} (niet gemaakt door "
                "python -m ingest.demo)."
            )
    if not redenen:
        return None
    _LOG.error("demomodus geweigerd: %s", " ".join(redenen))
    return DEMO_GEWEIGERD.format(redenen=" ".join(redenen))


def installatiecode_pad() -> Path:
    return data_dir() / "geheim" / "installatiecode"


def installatiecode() -> str:
    """The one-time code the first-run set-up asks for (mode 0600, removed after the set-up)."""
    pad = installatiecode_pad()
    pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return pad.read_text(encoding="utf-8").strip()
    code = secrets.token_urlsafe(12)
    with os.fdopen(fd, "w") as handle:
        handle.write(code + "\n")
    _LOG.warning("Eerste installatie: de installatiecode staat in %s", pad)
    return code


# --- session ------------------------------------------------------------------------------------


def _wis_sessie() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]


def _aangemeld(gebruiker: str, rol: str, wijze: str, sinds: datetime | None = None) -> None:
    st.session_state["gebruiker"] = gebruiker
    st.session_state["rol"] = rol
    # The organisation the account belongs to: the default participant (filters.py, issue 15)
    # and, for the role deelnemer, the one party whose detail it may read (access.py, issue 16)
    eigen = (users.deelnemer_van(gebruiker) if wijze == "lokaal"
             else deelnemer_voor_email(gebruiker))
    st.session_state[EIGEN_DEELNEMER] = eigen
    st.session_state["deelnemer"] = eigen
    st.session_state[_WIJZE] = wijze
    st.session_state[_SINDS] = sinds or datetime.now()
    if wijze == "lokaal":
        st.session_state[_GENERATIE] = users.sessie_generatie(gebruiker)


def sessie_cookie() -> str | None:
    """The session token the browser sent when this session opened (None without one)."""
    waarde = st.context.cookies.get(sessie.COOKIE)
    return waarde if isinstance(waarde, str) else None  # (AppTest's context is a mock)


def aanmelden() -> tuple[str, str]:
    """Return (gebruiker, rol) of the logged-in user; otherwise show the login (or first-run
    set-up) and stop the script. Sets ``st.session_state["gebruiker"]`` and ``["rol"]``."""
    if oidc_ingericht():
        return _oidc()
    return _lokaal()


def uitloggen() -> None:
    logboek.write("uitloggen")
    wijze, gebruiker = st.session_state.get(_WIJZE), st.session_state.get("gebruiker")
    if wijze == "lokaal" and gebruiker:
        users.beeindig_sessies(gebruiker)  # voids this login's cookie, in every tab and device
    _wis_sessie()
    if wijze == "oidc":
        st.logout()
    st.session_state[_COOKIE_WISSEN] = True
    st.rerun()


def toon_gebruiker() -> None:
    """Sidebar: who is logged in, with which role, and the logout button; for a local login
    also the script that keeps the session token in the browser's cookie."""
    ss = st.session_state
    gebruiker, rol = ss.get("gebruiker"), access.huidige_rol()
    st.sidebar.caption(f"Ingelogd als **{gebruiker}** ({access.ROLLEN.get(rol or '', '')})")
    if ss.get(_TOKEN) and ss.get(_WIJZE) == "lokaal":
        st.sidebar.html(
            sessie.zet_script(ss[_TOKEN], sessie.resterend(ss[_SINDS])),
            unsafe_allow_javascript=True,
        )
    if st.sidebar.button("Uitloggen", key="uitloggen", icon=":material/logout:"):
        uitloggen()


# --- local accounts -----------------------------------------------------------------------------


def _lokaal() -> tuple[str, str]:
    ss = st.session_state
    gebruiker = ss.get("gebruiker")
    if gebruiker and ss.get(_WIJZE) == "lokaal":
        account = users.lees().get(gebruiker)
        verlopen = datetime.now() - ss.get(_SINDS, datetime.min) > SESSIE_DUUR
        if (account is not None and not verlopen
                and int(account.get("sessies", 0)) == ss.get(_GENERATIE)):
            ss["rol"] = account["rol"]  # a changed role counts from the next click on
            ss["deelnemer"] = account.get("deelnemer") if account["rol"] == "deelnemer" else None
            return gebruiker, account["rol"]
        # removed, expired, logged out elsewhere or a new password: this session ends too
        _wis_sessie()
        ss[_COOKIE_WISSEN] = True
        st.warning(
            "Je sessie is verlopen of je account is gewijzigd; log opnieuw in.",
            icon=":material/schedule:",
        )
    elif not gebruiker:
        # A reload or a new tab: a valid signed session cookie logs in without the form.
        token = sessie_cookie()
        geldig = sessie.controleer(token)
        rol = users.rol_van(geldig[0]) if geldig else None
        if geldig and rol is not None:
            _aangemeld(geldig[0], rol, "lokaal", sinds=geldig[1])
            ss[_TOKEN] = token
            logboek.write("inloggen", {"via": "sessiecookie"})
            return geldig[0], rol
        if token:
            ss[_COOKIE_WISSEN] = True  # refused: do not send it again

    st.title("VTH-monitor Twente")
    if ss.pop(_COOKIE_WISSEN, False):
        st.html(sessie.wis_script(), unsafe_allow_javascript=True)
    if not users.bestaat():
        _eerste_installatie()
    else:
        _inlogformulier()
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def _inlogformulier() -> None:
    if not users.lees():
        st.error(
            "Er zijn geen accounts. Een beheerder maakt ze aan op de server met "
            "`python -m dashboard.users add NAAM --rol ROL`.",
            icon=":material/lock:",
        )
        return
    with st.form("inloggen", clear_on_submit=True):
        st.subheader("Inloggen")
        naam = st.text_input("Gebruikersnaam", key="login_naam", autocomplete="username")
        wachtwoord = st.text_input(
            "Wachtwoord", type="password", key="login_wachtwoord",
            autocomplete="current-password",
        )
        verstuurd = st.form_submit_button("Inloggen", icon=":material/login:")
    if not verstuurd:
        return
    resultaat = users.controleer(naam, wachtwoord)
    del wachtwoord
    if not resultaat.ok:
        logboek.write(
            "inloggen_mislukt",
            {"reden": "geblokkeerd" if resultaat.geblokkeerd else "onjuist"},
            gebruiker=(naam or "").strip().lower()[:64] or "(leeg)",
        )
        st.error(resultaat.melding, icon=":material/block:")
        return
    _aangemeld(resultaat.gebruiker, resultaat.rol, "lokaal")
    st.session_state[_TOKEN] = sessie.maak(resultaat.gebruiker)
    logboek.write("inloggen", {"via": "lokaal account"})
    st.rerun()


def _eerste_installatie() -> None:
    code = installatiecode()
    st.subheader("Eerste installatie")
    st.info(
        "Er zijn nog geen accounts. Maak hier het eerste account aan; het krijgt de rol "
        "Beheerder en kan daarna in het Logboek meekijken. Daarvoor is de installatiecode "
        "nodig: die staat op de server in `geheim/installatiecode` in de datamap "
        "(`$VTH_DATA_DIR`). Een account kan ook op de server worden aangemaakt met "
        "`python -m dashboard.users add NAAM --rol beheerder`.",
        icon=":material/admin_panel_settings:",
    )
    with st.form("eerste_installatie", clear_on_submit=True):
        naam = st.text_input("Gebruikersnaam", key="setup_naam", autocomplete="username")
        wachtwoord = st.text_input(
            f"Wachtwoord (minstens {users.MIN_LENGTE} tekens)", type="password",
            key="setup_wachtwoord", autocomplete="new-password",
        )
        herhaald = st.text_input(
            "Wachtwoord nogmaals", type="password", key="setup_herhaald",
            autocomplete="new-password",
        )
        gegeven = st.text_input("Installatiecode", type="password", key="setup_code")
        verstuurd = st.form_submit_button("Beheerdersaccount aanmaken")
    if not verstuurd:
        return
    if not hmac.compare_digest((gegeven or "").strip().encode(), code.encode()):
        st.error("De installatiecode klopt niet.", icon=":material/block:")
        return
    if wachtwoord != herhaald:
        st.error("De wachtwoorden zijn niet gelijk.", icon=":material/block:")
        return
    try:
        naam = users.eerste_beheerder(naam, wachtwoord)
    except users.GebruikersFout as exc:
        st.error(str(exc), icon=":material/block:")
        return
    installatiecode_pad().unlink(missing_ok=True)
    _aangemeld(naam, "beheerder", "lokaal")
    st.session_state[_TOKEN] = sessie.maak(naam)
    logboek.write("inloggen", {"via": "eerste installatie"})
    st.rerun()


# --- OIDC ---------------------------------------------------------------------------------------


def _oidc() -> tuple[str, str]:
    if not st.user.is_logged_in:
        st.title("VTH-monitor Twente")
        st.info("Log in met je organisatieaccount.", icon=":material/lock:")
        if st.button("Inloggen", icon=":material/login:", key="oidc_inloggen"):
            st.login(_oidc_provider())
        st.stop()

    email = str(st.user.get("email") or "").strip().lower()
    rol = rol_voor_email(email) if email_bevestigd(st.user.to_dict()) else None
    if rol is None:
        if not st.session_state.get(_GELOGD + "_mislukt"):
            logboek.write("inloggen_mislukt", {"via": "oidc", "reden": "geen rol"},
                            gebruiker=email or "(geen e-mail)")
            st.session_state[_GELOGD + "_mislukt"] = True
        st.title("VTH-monitor Twente")
        st.error(
            f"Je account ({email or 'zonder e-mailadres'}) heeft geen rol in de VTH-monitor. "
            "Vraag de beheerder om je toe te voegen.",
            icon=":material/block:",
        )
        if st.button("Uitloggen", key="oidc_uitloggen"):
            _wis_sessie()
            st.logout()
        st.stop()

    _aangemeld(email, rol, "oidc")
    if not st.session_state.get(_GELOGD):
        logboek.write("inloggen", {"via": "oidc"})
        st.session_state[_GELOGD] = True
    return email, rol
