"""A throw-away PostgreSQL server for the tests: initdb in a temp directory, loopback only.

The server is a real PostgreSQL (Debian's package, installed by scripts/install-postgres.sh),
started by the test itself as the browser test starts chromium. ``initdb`` refuses to run as
root, so under root the cluster belongs to the ``postgres`` system user; pytest's temp
directories are 0700 (root only), so the cluster lives in its own ``mkdtemp`` under the system
temp directory, handed to that user. Password authentication (scram) on 127.0.0.1, nothing on
other interfaces; the Unix socket sits inside the cluster directory.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2

INSTALL_HINT = "installeer PostgreSQL met `bash scripts/install-postgres.sh` (make test doet dat)"


class ClusterError(RuntimeError):
    """The throw-away server could not be set up; the message says why."""


def server_bindir() -> Path:
    """The directory with initdb, pg_ctl and postgres: PATH, then pg_config, then Debian's."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = []
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        if result.returncode == 0:
            candidates.append(Path(result.stdout.strip()))
    # Debian keeps the server binaries off PATH, one directory per major version.
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted((Path(p) for p in debian), key=lambda p: int(p.parent.name), reverse=True)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise ClusterError(f"initdb/pg_ctl niet gevonden; {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _owner() -> tuple[int, int] | None:
    """(uid, gid) of the user that runs the server: `postgres` under root, else ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterError(
            f"als root draait initdb alleen als gebruiker 'postgres', die bestaat niet; "
            f"{INSTALL_HINT}"
        ) from None
    return entry.pw_uid, entry.pw_gid


def _run(command: list[str], owner: tuple[int, int] | None, cwd: Path, timeout: float) -> str:
    extra = {}
    if owner is not None:
        extra = {"user": owner[0], "group": owner[1], "extra_groups": []}
    try:
        completed = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"}, **extra,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ClusterError(f"{Path(command[0]).name} mislukt: {exc}") from exc
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip().splitlines()
        raise ClusterError(f"{Path(command[0]).name} mislukt: {' | '.join(output[-5:])}")
    return completed.stdout


def create_database(settings: dict[str, str], name: str, options: str = "") -> None:
    """``create database name options`` on the server of ``settings`` (as its superuser)."""
    admin = psycopg2.connect(
        host=settings["PGHOST"], port=settings["PGPORT"], user=settings["PGUSER"],
        password=settings["PGPASSWORD"], dbname="postgres",
    )
    try:
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'create database "{name}" {options}')
    finally:
        admin.close()


@contextlib.contextmanager
def throwaway_cluster(database: str = "vth") -> Iterator[dict[str, str]]:
    """Start a fresh server, create ``database``; yield the PG* settings; stop and remove all.

    The cluster is removed also when the body fails. Server settings favour speed over
    durability (fsync off): the data is thrown away anyway.
    """
    bindir = server_bindir()
    owner = _owner()
    root = Path(tempfile.mkdtemp(prefix="vth-pg-"))
    data = root / "data"
    password = secrets.token_urlsafe(18)
    user = "vth"
    started = False
    try:
        if owner is not None:
            os.chown(root, *owner)
        pwfile = root / "pw"
        pwfile.write_text(password + "\n")
        pwfile.chmod(0o600)
        if owner is not None:
            os.chown(pwfile, *owner)
        # Text sorts by bytes (collation C) and changes case by Unicode (LC_CTYPE C.UTF-8), as
        # DuckDB does (README, "PostgreSQL"; warehouse/postgres.py refuses anything else).
        _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", user, f"--pwfile={pwfile}",
             "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--locale=C",
             "--lc-ctype=C.UTF-8", "-E", "UTF8", "--no-sync"],
            owner, root, timeout=120,
        )
        pwfile.unlink()
        for attempt in range(3):
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{root}' "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c shared_buffers=64MB -c max_connections=30"
            )
            try:
                _run(
                    [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                     "-w", "-t", "60", "-o", options, "start"],
                    owner, root, timeout=90,
                )
                started = True
                break
            except ClusterError:
                # Another process may have taken the port between probe and start.
                if attempt == 2:
                    log = root / "server.log"
                    tail = log.read_text().strip().splitlines()[-3:] if log.exists() else []
                    raise ClusterError(
                        f"PostgreSQL start niet op 127.0.0.1: {' | '.join(tail)}"
                    ) from None
        settings = {
            "PGHOST": "127.0.0.1",
            "PGPORT": str(port),
            "PGUSER": user,
            "PGPASSWORD": password,
            "PGDATABASE": database,
        }
        create_database(settings, database)
        yield settings
    finally:
        if started:
            with contextlib.suppress(ClusterError):
                _run(
                    [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                     "-t", "30", "stop"],
                    owner, root, timeout=60,
                )
            # pg_ctl -w returns once the postmaster is gone; give the OS a moment anyway.
            time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)
