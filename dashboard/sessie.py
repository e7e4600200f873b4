"""The signed session cookie of a local-account login: it survives a reload and a new tab.

Streamlit keeps a login in the server's session, which lives as long as one browser connection;
a reload or a new tab starts a new session. So after a login with the form the page stores a
signed token in the browser cookie ``vth_sessie``, and a new session that brings a valid token
(``st.context.cookies``, the cookies of the request that opened it) is logged in without the form.

What protects the token (README, "Inloggen"):

- It is signed, not secret: ``itsdangerous`` (HMAC-SHA256) with a 32-byte random key in
  ``$VTH_DATA_DIR/geheim/sessie.sleutel`` (mode 0600, folder 0700, made at first use), so it
  cannot be made or altered without that key. It holds the account name, the login time and the
  account's session generation; never a password or a role (the role is read from
  gebruikers.json on every click).
- It is valid for ``SESSIE_DUUR`` (12 hours) from the login, not renewed by use, and only while
  the account's session generation is unchanged: logout, a new password and removal of the
  account change it, which voids every token issued before, on every device.
- The cookie is ``SameSite=Strict`` (never sent with a request another site starts), ``Secure``
  when the page is served over HTTPS (the production set-up), ``Path=/`` and expires with the
  token (``Max-Age``).
- It is not ``HttpOnly``: Streamlit 1.67 offers a script no way to set a cookie from the server
  (its own OIDC cookie is set by its auth routes), so the page sets it with JavaScript, and a
  script injected into the page could read it. Delivered text is never rendered as HTML, and
  the only other JavaScript is the dbt documentation generated from the project.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

from core.paths import data_dir
from dashboard import users

COOKIE = "vth_sessie"
SESSIE_DUUR = timedelta(hours=12)
_ZOUT = "vth-monitor sessie"
_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{20,400}$")  # itsdangerous' URL-safe alphabet


def nu() -> float:
    """The clock of the tokens (seconds since the epoch); a function so a test can move it."""
    return time.time()


class _Ondertekening(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(nu())


def sleutel_pad() -> Path:
    return data_dir() / "geheim" / "sessie.sleutel"


def sleutel() -> bytes:
    """The signing key: 32 random bytes, created once (mode 0600) by whoever comes first."""
    pad = sleutel_pad()
    pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(pad.parent, 0o700)
    try:
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return pad.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(os.urandom(32))
    return pad.read_bytes()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        sleutel(), salt=_ZOUT, signer=_Ondertekening,
        signer_kwargs={"digest_method": hashlib.sha256},
    )


def maak(naam: str) -> str:
    """A token for an account that just logged in with its password."""
    generatie = users.sessie_generatie(naam)
    if generatie is None:
        raise ValueError(f"onbekend account: {naam}")
    return _serializer().dumps({"n": naam, "g": generatie})


def controleer(token: str | None) -> tuple[str, datetime] | None:
    """(account, login time) of a valid token; None for anything else: no token, a bad
    signature, older than SESSIE_DUUR, or an account that was removed, logged out or got a new
    password since."""
    if not token or not _TOKEN.match(token):
        return None
    try:
        inhoud, uitgegeven = _serializer().loads(
            token, max_age=int(SESSIE_DUUR.total_seconds()), return_timestamp=True
        )
    except BadData:
        return None
    if not isinstance(inhoud, dict):
        return None
    naam, generatie = inhoud.get("n"), inhoud.get("g")
    if not isinstance(naam, str) or users.sessie_generatie(naam) != generatie:
        return None
    return naam, datetime.fromtimestamp(uitgegeven.timestamp())


def resterend(sinds: datetime) -> int:
    """Seconds the token of a login at ``sinds`` is still valid (the cookie's Max-Age)."""
    over = SESSIE_DUUR - (datetime.fromtimestamp(nu()) - sinds)
    return max(0, int(over.total_seconds()))


def zet_script(token: str, max_age: int) -> str:
    """The page script that stores the token in the browser."""
    if not _TOKEN.match(token):
        raise ValueError("ongeldig sessietoken")
    return (
        "<script>document.cookie = "
        f'"{COOKIE}={token}; Path=/; Max-Age={int(max_age)}; SameSite=Strict"'
        ' + (location.protocol === "https:" ? "; Secure" : "");</script>'
    )


def wis_script() -> str:
    """The page script that removes the cookie (after logout or when it was refused)."""
    return (
        f'<script>document.cookie = "{COOKIE}=; Path=/; Max-Age=0; SameSite=Strict"'
        ' + (location.protocol === "https:" ? "; Secure" : "");</script>'
    )
