"""The production deployment in deploy/, tested for real.

nginx (Debian's, installed by scripts/install-nginx.sh) runs on loopback with a config made
from deploy/nginx-vth-monitor.conf itself (only ports, certificate and upstream swapped for a
throw-away set-up), in front of the real dashboard started with the ExecStart of
deploy/vth-monitor.service, on a built warehouse with a real local account. The tests check
every header over real HTTPS, that Streamlit's internals are closed, the HTTP redirect,
lang="nl", and then log in and open pages through nginx in headless chromium.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from playwright.sync_api import expect, sync_playwright

from tests.browser.test_browser import CHROMIUM_ARGS
from tests.conftest import BEHEERDER, BEHEERDER_WACHTWOORD, kopie_van

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "deploy" / "nginx-vth-monitor.conf"
UNIT = REPO / "deploy" / "vth-monitor.service"
INSTALL_DIR = "/opt/vth-monitor"  # where deploy/ expects the checkout
STREAMLIT_PORT = 8501  # the unit's --server.port and the site's upstream

HEADERS = {
    "strict-transport-security": "max-age=31536000",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
# What the CSP must say (each directive exactly); tested against Streamlit in chromium below.
CSP = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    assert found, "Debian nginx is missing: make test installs it (scripts/install-nginx.sh)"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for 127.0.0.1 (valid one day)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return cert_file, key_file


def render_site(http_port: int, https_port: int, cert: Path, key: Path, upstream: int) -> str:
    """deploy/nginx-vth-monitor.conf with loopback ports, the test certificate and the test
    upstream. Every replaced line must occur exactly once, so a change to the site cannot
    silently make this test check something else."""
    text = SITE.read_text(encoding="utf-8")
    swaps = {
        "    listen 80;\n": f"    listen 127.0.0.1:{http_port};\n",
        "    listen [::]:80;\n": "",
        "    listen 443 ssl http2;\n": f"    listen 127.0.0.1:{https_port} ssl http2;\n",
        "    listen [::]:443 ssl http2;\n": "",
        "/etc/ssl/vth-monitor/fullchain.pem;": f"{cert};",
        "/etc/ssl/vth-monitor/privkey.pem;": f"{key};",
        f"server 127.0.0.1:{STREAMLIT_PORT};": f"server 127.0.0.1:{upstream};",
    }
    for old, new in swaps.items():
        assert text.count(old) == 1, f"{SITE.name}: expected {old!r} exactly once"
        text = text.replace(old, new)
    return text


def _nginx_conf(prefix: Path, site: Path) -> str:
    """The minimal main config around the site (the part /etc/nginx/nginx.conf plays)."""
    # As root, nginx's workers default to user nobody, who cannot enter pytest's 0700 temp
    # folders for proxy buffering; let them run as the current user instead.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\ndaemon off;\npid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events { worker_connections 128; }\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {prefix}/access.log;\n"
        + "".join(f"  {kind}_temp_path {prefix}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  include {site};\n}}\n"
    )


def unit_settings() -> dict[str, list[str]]:
    """Key -> values of deploy/vth-monitor.service (keys may repeat, as in systemd)."""
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        found.setdefault(key.strip(), []).append(value.strip())
    return found


def _streamlit_command(port: int) -> list[str]:
    """The unit's ExecStart, with this interpreter's streamlit and a free port."""
    (exec_start,) = unit_settings()["ExecStart"]
    words = shlex.split(exec_start)
    assert words[0] == f"{INSTALL_DIR}/.venv/bin/streamlit", words[0]
    words[words.index("--server.port") + 1] = str(port)
    return [sys.executable, "-m", "streamlit", *words[1:]]


def _wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{what} did not start within {seconds:.0f} s")


def _get(port: int, path: str, tls: ssl.SSLContext | None, method: str = "GET"):
    if tls is None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    else:
        con = http.client.HTTPSConnection("127.0.0.1", port, timeout=20, context=tls)
    try:
        con.request(method, path, headers={"Accept-Encoding": "identity"})
        response = con.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        con.close()


@pytest.fixture(scope="module")
def stack(gebouwde_datamap: Path, tmp_path_factory: pytest.TempPathFactory):
    nginx = _nginx()
    work = tmp_path_factory.mktemp("deploy")
    data = kopie_van(gebouwde_datamap, work / "data")
    cert, key = _certificate(work)
    upstream, http_port, https_port = _free_port(), _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k != "VTH_DEMO"}
    env["VTH_DATA_DIR"] = str(data)
    app = subprocess.Popen(_streamlit_command(upstream), env=env, cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=(work / "streamlit.log").open("w"))
    prefix = work / "nginx"
    prefix.mkdir()
    site = prefix / "vth-monitor.conf"
    site.write_text(render_site(http_port, https_port, cert, key, upstream))
    conf = prefix / "nginx.conf"
    conf.write_text(_nginx_conf(prefix, site))
    base = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
    proxy = subprocess.Popen(base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tls = ssl.create_default_context(cafile=str(cert))  # verify against the test certificate
    try:
        _wait_for(lambda: _get(upstream, "/_stcore/health", None)[2] == b"ok", "streamlit")
        _wait_for(lambda: _get(https_port, "/_stcore/health", tls)[0] == 200, "nginx")
        yield {"https": https_port, "http": http_port, "upstream": upstream, "tls": tls,
               "prefix": prefix, "data": data}
    finally:
        proxy.send_signal(signal.SIGTERM)
        app.terminate()
        proxy.wait(timeout=20)
        app.wait(timeout=20)


def _csp(value: str) -> dict[str, str]:
    directives = (part.strip().split(None, 1) for part in value.split(";") if part.strip())
    return {d[0]: (d[1] if len(d) > 1 else "") for d in directives}


@pytest.mark.parametrize("path", ["/", "/overzicht?jaar=2025", "/_stcore/metrics"])
def test_every_answer_has_the_security_headers(stack, path: str) -> None:
    status, headers, _ = _get(stack["https"], path, stack["tls"])
    assert status == (404 if "metrics" in path else 200)
    for name, value in HEADERS.items():
        assert headers.get(name) == value, name
    csp = _csp(headers["content-security-policy"])
    for directive, value in CSP.items():
        assert csp.get(directive) == value, directive
    assert headers["server"] == "nginx"  # no version, no uvicorn


def test_the_page_says_it_is_dutch(stack) -> None:
    _, headers, body = _get(stack["https"], "/agenda", stack["tls"])
    assert headers["content-type"].startswith("text/html")
    assert re.findall(rb"<html[^>]*>", body) == [b'<html lang="nl">']
    # Streamlit itself says "en": the rewrite is what makes the difference.
    _, _, direct = _get(stack["upstream"], "/agenda", None)
    assert re.findall(rb"<html[^>]*>", direct) == [b'<html lang="en">']


@pytest.mark.parametrize(
    "path",
    ["/_stcore/metrics", "//_stcore/metrics", "/_stcore//metrics", "/_stcore/%6detrics",
     "/_stcore/metrics/", "/x/../_stcore/metrics", "/_stcore/agent/openapi.json",
     "/_stcore/agent/interact"],
)
def test_streamlit_internals_are_closed(stack, path: str) -> None:
    assert _get(stack["https"], path, stack["tls"])[0] == 404


def test_metrics_are_public_without_nginx(stack) -> None:
    # Streamlit's default, and the reason for the location above: the upstream answers.
    status, _, body = _get(stack["upstream"], "/_stcore/metrics", None)
    assert status == 200 and b"session_events" in body


def test_plain_http_only_redirects(stack) -> None:
    status, headers, _ = _get(stack["http"], "/overzicht?jaar=2025", None)
    assert status == 301
    assert headers["location"] == "https://127.0.0.1/overzicht?jaar=2025"


def test_login_and_pages_in_chromium_through_nginx(stack) -> None:
    chromium = shutil.which("chromium")
    assert chromium, "Debian chromium is missing: make test installs it"
    url = f"https://127.0.0.1:{stack['https']}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(ignore_https_errors=True,
                                      viewport={"width": 1400, "height": 1000})
        # Every Content-Security-Policy violation the page reports, to fail on below.
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', e => "
            "window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page = context.new_page()
        page.set_default_timeout(60_000)  # a loaded 2-core CI machine renders slowly
        page.goto(url)
        page.get_by_label("Gebruikersnaam").fill(BEHEERDER)
        page.get_by_label("Wachtwoord").fill(BEHEERDER_WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "nl"
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Bijdragen").click()
        expect(page.get_by_role("heading", name="Bijdragen", level=1)).to_be_visible()
        page.wait_for_timeout(1000)  # let tables and charts finish rendering
        assert page.get_by_test_id("stException").count() == 0
        assert page.evaluate("window.__csp") == []

        # Another site cannot frame the app (X-Frame-Options / frame-ancestors).
        other = context.new_page()
        other.set_content(f'<iframe src="{url}/" width="400" height="300"></iframe>')
        (frame,) = other.main_frame.child_frames
        for _ in range(100):  # until the frame has navigated somewhere (or was refused)
            if frame.url not in ("", "about:blank"):
                break
            other.wait_for_timeout(100)
        assert frame.url == "chrome-error://chromewebdata/", frame.url  # refused, not the app
        browser.close()
    # The app's websocket went through nginx (101 Switching Protocols).
    log = (stack["prefix"] / "access.log").read_text()
    assert re.search(r'"GET /_stcore/stream HTTP/1\.1" 101 ', log)


def test_systemd_unit_is_valid_and_hardened(tmp_path: Path) -> None:
    settings = unit_settings()
    single = {k: v[-1] for k, v in settings.items()}
    assert single["User"] == single["Group"] == "vth"
    assert "VTH_DATA_DIR=/var/lib/vth-monitor" in settings["Environment"]
    assert single["StateDirectory"] == "vth-monitor" and single["StateDirectoryMode"] == "0700"
    assert single["WorkingDirectory"] == INSTALL_DIR
    assert single["UMask"] == "0077"
    assert single["Restart"] == "on-failure"
    for hardening in ("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices",
                      "RestrictSUIDSGID", "LockPersonality"):
        assert single[hardening] == "yes", hardening
    assert single["ProtectSystem"] == "strict"
    assert single["CapabilityBoundingSet"] == ""
    words = shlex.split(single["ExecStart"])
    assert words[1:3] == ["run", "dashboard/app.py"]
    flags = dict(zip(words[3::2], words[4::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1"
    assert flags["--server.port"] == str(STREAMLIT_PORT)
    assert flags["--server.enableAgentApi"] == "false"
    assert f"server 127.0.0.1:{STREAMLIT_PORT};" in SITE.read_text()  # nginx points at it

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return  # the assertions above are the check on a machine without systemd
    # verify checks that ExecStart exists: point the unit at this checkout.
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace(INSTALL_DIR, str(REPO)))
    verified = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True,
                              cwd=tmp_path)
    assert verified.returncode == 0 and verified.stderr.strip() == "", verified.stderr
