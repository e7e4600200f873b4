"""The build's dbt process ends with the build (issue 12): the out-of-memory killer kills only
the build's Python parent; dbt must not live on holding the landing database. A landing held by
another process is "bezet" (exit 3) for a build as it is for a load, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fixture

REPO = Path(__file__).resolve().parents[2]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "VTH_DATA_DIR": str(data_dir), "VTH_DOCS": "0", **extra}


def _leeft(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its reaper counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _kinderen(pid: int) -> list[int]:
    gevonden = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                gevonden.append(int(proc.name))
    return gevonden


def _houdt_open(pid: int, bestand: Path) -> bool:
    try:
        return any(os.readlink(fd) == str(bestand) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


@pytest.fixture
def geladen(data_dir: Path) -> Iterator[Path]:
    subprocess.run([sys.executable, "-m", "ingest", str(fixture("inzet_tab.csv"))],
                   cwd=REPO, env=_env(data_dir), check=True, capture_output=True)
    yield data_dir


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_dbt_ends_with_its_parent_and_the_next_load_works(geladen: Path) -> None:
    landing = geladen / "landing.duckdb"
    build = subprocess.Popen([sys.executable, "-m", "warehouse", "build"], cwd=REPO,
                             env=_env(geladen), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    dbt = None
    try:
        deadline = time.monotonic() + 120
        while dbt is None and time.monotonic() < deadline and build.poll() is None:
            dbt = next((p for p in _kinderen(build.pid) if _houdt_open(p, landing)), None)
            time.sleep(0.05)
        assert dbt is not None, "dbt never opened the landing database"

        os.kill(build.pid, signal.SIGKILL)  # what the OOM killer does: the parent only
        build.wait()
        deadline = time.monotonic() + 5
        while _leeft(dbt) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _leeft(dbt), "dbt outlived the build that started it"

        volgende = subprocess.run(
            [sys.executable, "-m", "ingest", str(fixture("presentie_pho.csv"))],
            cwd=REPO, env=_env(geladen), capture_output=True, text=True,
        )
        assert volgende.returncode == 0, volgende.stderr
        assert "Traceback" not in volgende.stderr
    finally:
        if build.poll() is None:
            build.kill()
        if dbt is not None and _leeft(dbt):
            os.kill(dbt, signal.SIGKILL)


def test_build_says_bezet_while_another_process_holds_the_landing(geladen: Path) -> None:
    houder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read()", str(geladen / "landing.duckdb")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert houder.stdout.readline().strip() == "open"
        completed = subprocess.run(
            [sys.executable, "-m", "warehouse", "build"], cwd=REPO, capture_output=True,
            text=True, env=_env(geladen, VTH_LOCK_WAIT="0.5"),
        )
    finally:
        houder.stdin.close()
        houder.wait(timeout=20)
    assert completed.returncode == 3, completed.stderr
    assert "Traceback" not in completed.stderr
    regels = completed.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("Fout: De landingsdatabase is bezet door")
    assert not (geladen / "vth.duckdb").exists()
