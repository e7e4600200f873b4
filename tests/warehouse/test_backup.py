"""Backup and restore (python -m warehouse backup / restore) and the data directory inventory.

The main tests run on a data directory after a realistic day: deliveries loaded (one
unreadable, one again through the dashboard's upload), an account made on the command line, a
warehouse built, a failed and a successful dashboard login, and a query; all of it logged.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core import lock, paths, state
from dashboard import upload
from ingest.load import load_paths
from report import toelichting
from tests.conftest import (
    BEHEERDER,
    BEHEERDER_WACHTWOORD,
    PEILDATUM,
    fixture,
    kopie_van,
)
from warehouse import backup, jaarafsluiting, reviews
from warehouse.build import build
from warehouse.query import run_query
from warehouse.snapshot import create_snapshot

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "dashboard" / "app.py")


def _cli(data: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "VTH_DATA_DIR": str(data), **env}
    environment.pop("VTH_DEMO", None)
    return subprocess.run([sys.executable, "-m", "warehouse", *map(str, args)],
                          env=environment, cwd=REPO, capture_output=True, text=True)


def _inloggen(at: AppTest, naam: str, wachtwoord: str) -> AppTest:
    at.text_input(key="login_naam").input(naam)
    at.text_input(key="login_wachtwoord").input(wachtwoord)
    return next(b for b in at.button if b.label == "Inloggen").click().run()


@pytest.fixture(scope="module")
def in_gebruik(gebouwde_datamap: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's built data directory after a day of use: an unreadable delivery (archived
    as `mislukt`), a re-upload through the dashboard, a wrong and a right login, a query, a
    note on a figure (python -m report toelichting).
    None of it changes the marts, so the session's warehouse is the "before" of a restore."""
    data = kopie_van(gebouwde_datamap, tmp_path_factory.mktemp("in-gebruik") / "data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(data))
        mp.delenv("VTH_DEMO", raising=False)
        (kapot,) = load_paths([fixture("kapot.xlsx")])
        assert kapot.resultaat == "mislukt"
        herhaald = upload.verwerk("inzet_fouten.csv", fixture("inzet_fouten.csv").read_bytes())
        assert herhaald.uitkomst.resultaat == "ongewijzigd"
        at = AppTest.from_file(APP, default_timeout=30).run()
        _inloggen(at, BEHEERDER, "geen-goed-wachtwoord")
        _inloggen(at, BEHEERDER, BEHEERDER_WACHTWOORD)
        assert at.session_state["rol"] == "beheerder" and not at.exception
        assert run_query("select count(*) as n from marts.indicatoren").frame.height == 1
        # the kerngroep closes and reopens 2025 (no rebuild: the marts stay as they are) and
        # opens the review round of 2024, in which Hof van Twente confirms a snapshot
        jaarafsluiting.sluit_jaar(2025, BEHEERDER, "beheerder")
        jaarafsluiting.heropen_jaar(2025, BEHEERDER, "beheerder")
        reviews.open_ronde(2024, BEHEERDER, "beheerder")
        reviews.beoordeel(2024, "HVT", "akkoord", create_snapshot().id, "contact-hvt", "deelnemer")
        toelichting.add("inzet_uren", 2025, "Uren volgen in juli.", door=BEHEERDER,
                        deelnemer_code="ENS", rol="beheerder")
    return data


def _marts(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by 1").fetchall()]
        return {t: con.execute(f'select * from marts."{t}" order by all').fetchall()
                for t in tables}
    finally:
        con.close()


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            found[path.relative_to(root).as_posix()] = stat.S_IMODE(path.lstat().st_mode)
    return found


# --- the realistic run -----------------------------------------------------------------------


def test_restore_then_build_gives_the_same_marts_row_for_row(in_gebruik: Path,
                                                            tmp_path: Path) -> None:
    kopie = tmp_path / "backup"
    made = _cli(in_gebruik, "backup", kopie)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Backup gemaakt: {kopie} (")

    hersteld = tmp_path / "hersteld"
    restored = _cli(hersteld, "restore", kopie)
    assert restored.returncode == 0, restored.stderr
    assert "python -m warehouse build --peildatum 2025-06-30" in restored.stdout
    assert "(de peildatum van de backup: 30-06-2025)" in restored.stdout

    # Every state file came back byte for byte, as 0600 in 0700 folders.
    manifest = json.loads((kopie / "manifest.json").read_text())
    paden = [item["pad"] for item in manifest["bestanden"]]
    for pad in paden:
        assert (hersteld / pad).read_bytes() == (in_gebruik / pad).read_bytes(), pad
    modes = _modes(hersteld)
    assert modes["."] == 0o700
    for pad, mode in modes.items():
        if pad in paden:
            assert mode == 0o600, pad
        elif (hersteld / pad).is_dir():
            assert mode == 0o700, pad

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(hersteld))
        built = build(PEILDATUM)  # what `python -m warehouse build --peildatum ...` runs
        assert built.ok, built.message
        # The kerngroep's note came back with the backup and survived the rebuild.
        assert [n.tekst for n in toelichting.list_notes(2025)] == ["Uren volgen in juli."]
    voor, na = _marts(in_gebruik / "vth.duckdb"), _marts(hersteld / "vth.duckdb")
    assert len(voor) >= 14 and voor.keys() == na.keys()
    assert len(voor["indicatoren"]) > 100  # not an empty comparison
    for tabel, rijen in voor.items():
        assert na[tabel] == rijen, tabel


def test_every_file_is_in_the_backup_or_declared_rebuildable(in_gebruik: Path,
                                                            tmp_path: Path) -> None:
    files = list(state.walk(in_gebruik))
    # The run really produced the state a backup must carry (and the rebuildable rest).
    for expected in ("landing.duckdb", "gebruikers.json", "geheim/pseudoniem.sleutel",
                     "logboek/logboek.jsonl", "logboek/queries.jsonl", "vth.duckdb",
                     "build/dbt-build.log", ".vth.lock", "afgesloten-jaren.json",
                     ".afgesloten-jaren.lock", "reviews/ronde-2024.json", ".reviews.lock",
                     "toelichtingen/toelichtingen.jsonl"):
        assert expected in files, expected
    assert sum(f.startswith("archief/") for f in files) == 19  # 18 loaded + the unreadable one
    logboek = (in_gebruik / "logboek" / "logboek.jsonl").read_text()
    assert '"inloggen_mislukt"' in logboek and '"inloggen"' in logboek

    assert state.unknown(in_gebruik) == []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(in_gebruik))
        made = backup.backup(tmp_path / "backup")
    assert made.waarschuwingen == []
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    in_backup = {item["pad"] for item in manifest["bestanden"]}
    assert in_backup == {f for f in files if state.classify(f).state}
    assert manifest["peildatum"] == "2025-06-30"


def test_an_undeclared_file_is_found_and_still_backed_up(data_dir: Path,
                                                        tmp_path: Path) -> None:
    load_paths([fixture("agenda_v1.csv")])
    (data_dir / "notities.txt").write_text("van de beheerder\n")
    (data_dir / "toelichtingen").mkdir()
    (data_dir / "toelichtingen" / "1.json").write_text('{"tekst": "uitleg"}\n')
    assert state.unknown(data_dir) == ["notities.txt"]  # the realistic-run test fails on this

    result = backup.backup(tmp_path / "backup")
    assert result.waarschuwingen == [
        "notities.txt: niet in de inventaris (core/state.py), toch meegenomen."
    ]
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    paden = {item["pad"] for item in manifest["bestanden"]}
    assert {"notities.txt", "toelichtingen/1.json", "landing.duckdb"} <= paden


def test_inventory_classifies_by_first_match() -> None:
    assert state.classify("geheim/installatiecode").state is False
    assert state.classify("geheim/sessie.sleutel").state is True  # a future secret is kept
    assert state.classify("archief/ab/cd/x.csv").state is True
    assert state.classify("logboek/logboek.jsonl").state is True
    assert state.classify("logboek/sub/x.jsonl") is None
    assert state.classify("build/dbt-target/manifest.json").state is False
    assert state.classify("archief") is None  # a folder name alone is not a file in it
    for reserved in ("toelichtingen", "reviews", "opgeslagen-queries", "snapshots"):
        assert state.classify(f"{reserved}/x/y.parquet").state is True


# --- consistency while the product runs -------------------------------------------------------


def test_backup_folds_the_write_ahead_log_and_leaves_out_a_half_line(data_dir: Path,
                                                                     tmp_path: Path) -> None:
    landing = paths.landing_path()
    # A writer that dies before its checkpoint leaves its last rows only in the WAL.
    subprocess.run([sys.executable, "-c", (
        "import duckdb, os, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute(\"set wal_autocheckpoint = '1GB'\")\n"
        "con.execute('pragma disable_checkpoint_on_shutdown')\n"
        "con.execute('create table t as select range as i from range(1000)')\n"
        "os._exit(0)\n"), str(landing)], check=True)
    assert landing.with_name("landing.duckdb.wal").exists()
    logboek = data_dir / "logboek"
    logboek.mkdir()
    (logboek / "logboek.jsonl").write_text('{"actie": "inloggen"}\n{"actie": "uitlo')

    backup.backup(tmp_path / "backup")
    kopie = tmp_path / "backup"
    con = duckdb.connect(str(kopie / "landing.duckdb"), read_only=True)
    assert con.execute("select count(*), sum(i) from t").fetchall() == [(1000, 499500)]
    con.close()
    assert not (kopie / "landing.duckdb.wal").exists()
    assert (kopie / "logboek" / "logboek.jsonl").read_text() == '{"actie": "inloggen"}\n'
    assert _modes(kopie) == {".": 0o700, "landing.duckdb": 0o600, "logboek": 0o700,
                             "logboek/logboek.jsonl": 0o600, "manifest.json": 0o600}


def test_backup_waits_for_a_load_or_build_and_then_says_busy(data_dir: Path,
                                                            tmp_path: Path) -> None:
    load_paths([fixture("agenda_v1.csv")])
    with lock.exclusive("een build (test)"):
        busy = _cli(data_dir, "backup", tmp_path / "backup", VTH_LOCK_WAIT="0.3")
    assert busy.returncode == 3
    assert busy.stderr.strip() == (
        "Fout: De datamap is bezet door een build (test) (pid "
        f"{os.getpid()}); probeer het later opnieuw."
    )
    assert not (tmp_path / "backup").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # no half backup left behind


def test_backup_refuses_a_used_folder_and_one_inside_the_data_dir(data_dir: Path,
                                                                 tmp_path: Path) -> None:
    load_paths([fixture("agenda_v1.csv")])
    (tmp_path / "oud").mkdir()
    (tmp_path / "oud" / "manifest.json").write_text("{}")
    used = _cli(data_dir, "backup", tmp_path / "oud")
    assert used.returncode == 1
    assert used.stderr.strip() == (
        f"Fout: De backupmap {tmp_path / 'oud'} bestaat al en is niet leeg; kies een nieuwe "
        "map, zodat een eerdere backup nooit wordt overschreven."
    )
    assert [p.name for p in (tmp_path / "oud").iterdir()] == ["manifest.json"]
    with pytest.raises(backup.BackupFout, match="ligt in de datamap"):
        backup.backup(data_dir / "backup")
    assert not (data_dir / "backup").exists()


# --- restore refuses --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kleine_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("klein")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(root / "data"))
        load_paths([fixture("agenda_v1.csv"), fixture("presentie_pho.csv")])
        backup.backup(root / "backup")
    return root / "backup"


def test_restore_refuses_a_non_empty_data_directory(kleine_backup: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "vth.duckdb").write_bytes(b"in gebruik")
    refused = _cli(data, "restore", kleine_backup)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"Fout: De datamap {data} is niet leeg; herstellen kan alleen in een lege datamap "
        "(verplaats de huidige inhoud eerst)."
    )
    assert [p.name for p in data.iterdir()] == ["vth.duckdb"]


def _archived(backup_dir: Path) -> str:
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    return next(i["pad"] for i in manifest["bestanden"] if i["pad"].startswith("archief/"))


def _flip_byte(b: Path) -> str:
    pad = _archived(b)
    inhoud = bytearray((b / pad).read_bytes())
    inhoud[0] ^= 1
    (b / pad).write_bytes(bytes(inhoud))
    return f"Backup afgekeurd: {pad} wijkt af van manifest.json"


def _remove(b: Path) -> str:
    pad = _archived(b)
    (b / pad).unlink()
    return f"Backup afgekeurd: {pad} ontbreekt"


def _extra(b: Path) -> str:
    (b / "geheim").mkdir(exist_ok=True)
    (b / "geheim" / "extra.sleutel").write_text("untrusted")
    return "Backup afgekeurd: geheim/extra.sleutel staat niet in manifest.json"


def _symlink(b: Path) -> str:
    pad = _archived(b)
    (b / pad).unlink()
    (b / pad).symlink_to("/etc/passwd")
    return f"Backup afgekeurd: {pad} is geen gewoon bestand"


def _escape(b: Path) -> str:
    manifest = json.loads((b / "manifest.json").read_text())
    manifest["bestanden"][0]["pad"] = "../buiten.txt"
    (b / "manifest.json").write_text(json.dumps(manifest))
    return "Ongeldig pad in manifest.json: '../buiten.txt'"


def _rebuildable(b: Path) -> str:
    manifest = json.loads((b / "manifest.json").read_text())
    manifest["bestanden"][0]["pad"] = "vth.duckdb"
    (b / "manifest.json").write_text(json.dumps(manifest))
    return "vth.duckdb hoort niet in een backup"


@pytest.mark.parametrize("beschadig", [_flip_byte, _remove, _extra, _symlink, _escape,
                                       _rebuildable])
def test_restore_checks_everything_first_and_names_the_file(kleine_backup: Path, data_dir: Path,
                                                            tmp_path: Path, beschadig) -> None:
    kopie = tmp_path / "backup"
    kopie_van(kleine_backup, kopie)
    backup.verify(kopie)  # intact before the damage
    melding = beschadig(kopie)
    with pytest.raises(backup.BackupFout) as refused:
        backup.restore(kopie)
    assert str(refused.value).startswith(melding), refused.value
    assert list(data_dir.iterdir()) == []  # nothing restored
    assert not (tmp_path / "buiten.txt").exists()


def test_restore_check_only_writes_nothing(kleine_backup: Path, tmp_path: Path) -> None:
    checked = _cli(tmp_path / "data", "restore", "--controle", kleine_backup)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"Backup in orde: {kleine_backup} (")
    assert list((tmp_path / "data").iterdir()) == []
