"""Issue 12, the ingest side: archive names, a batch that never stops, private files, a held
landing database, and uploads that leave nothing behind but their audit row."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from core import paths
from dashboard import upload
from ingest import load
from ingest.__main__ import main as ingest_main
from ingest.load import load_paths
from tests.conftest import fixture

REPO = Path(__file__).resolve().parents[2]


def _rows(data_dir: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "landing.duckdb"), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def test_a_252_byte_file_name_loads_and_the_archive_names_the_file_itself(data_dir, tmp_path):
    long_name = "inzet_" + "x" * 242 + ".csv"
    assert len(long_name.encode()) == 252
    delivery = tmp_path / long_name
    delivery.write_bytes(fixture("inzet_tab.csv").read_bytes().replace(b"2,0", b"2,5"))
    first, second = load_paths([delivery, fixture("presentie_pho.csv")])
    assert (first.resultaat, second.resultaat) == ("geladen", "geladen")
    sha = hashlib.sha256(delivery.read_bytes()).hexdigest()
    assert _rows(data_dir, "select bron, archief from audit.ladingen order by lading_id")[0] == (
        long_name,
        f"archief/{sha}/{sha}.csv",
    )
    assert (data_dir / "archief" / sha / f"{sha}.csv").read_bytes() == delivery.read_bytes()


def test_any_error_while_handling_a_file_is_mislukt_and_the_next_file_loads(
    data_dir, monkeypatch, capsys
):
    real = load._run_worker

    def broken_for_presentie(staged, bron, *args):
        if bron == "presentie_pho.csv":
            raise RuntimeError("boom")
        return real(staged, bron, *args)

    monkeypatch.setattr(load, "_run_worker", broken_for_presentie)
    code = ingest_main([str(fixture("presentie_pho.csv")), str(fixture("inzet_tab.csv"))])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        "presentie_pho.csv: NIET GELADEN – onverwachte fout bij het verwerken (RuntimeError)"
    ]
    assert "inzet_tab.csv: soort inzet, 2 rijen gelezen, 2 geladen" in out
    audit = _rows(data_dir, "select bron, resultaat, archief from audit.ladingen order by 1")
    assert [(b, r) for b, r, _ in audit] == [
        ("inzet_tab.csv", "geladen"),
        ("presentie_pho.csv", "mislukt"),
    ]
    for _, _, kept in audit:  # every archived file has its audit row, and the other way round
        assert (data_dir / kept).is_file()
    archived = {p.name for p in (data_dir / "archief").rglob("*") if p.is_file()}
    assert archived == {Path(kept).name for _, _, kept in audit}


def test_a_worker_that_dies_is_mislukt_and_the_next_file_loads(data_dir, monkeypatch):
    monkeypatch.setattr(load, "ADDRESS_SPACE_FACTOR", 0.01)  # the worker cannot even start
    [outcome] = load_paths([fixture("inzet_tab.csv")])
    assert outcome.resultaat == "mislukt"
    assert outcome.melding.startswith("het lezen van dit bestand had meer dan") or (
        outcome.melding == "het verwerken van dit bestand is onverwacht afgebroken (zie het "
        "serverlogboek)"
    )
    monkeypatch.setattr(load, "ADDRESS_SPACE_FACTOR", 4)
    [again] = load_paths([fixture("inzet_tab.csv")])
    assert again.resultaat == "geladen"


def test_a_crash_between_archive_and_audit_leaves_no_archived_file_without_audit(data_dir):
    load_paths([fixture("inzet_tab.csv")])
    known = hashlib.sha256(fixture("inzet_tab.csv").read_bytes()).hexdigest()
    staging = data_dir / "archief" / ".nieuw"
    # what a crash leaves: a staged file with an audit row (crash after the commit) and one
    # without (crash before it); moving the first into place is the commit's last step
    (data_dir / "archief" / known / f"{known}.csv").unlink()
    staging.mkdir(exist_ok=True)
    (staging / f"{known}.csv").write_bytes(fixture("inzet_tab.csv").read_bytes())
    orphan = "0" * 64
    (staging / f"{orphan}.csv").write_bytes(b"nooit geregistreerd")
    load_paths([fixture("presentie_pho.csv")])
    assert (data_dir / "archief" / known / f"{known}.csv").is_file()
    assert not any(staging.iterdir())
    shas = {row[0] for row in _rows(data_dir, "select sha256 from audit.ladingen")}
    folders = {p.name for p in (data_dir / "archief").iterdir() if p.is_dir()} - {".nieuw"}
    assert folders <= shas


def test_data_dir_is_0700_and_every_file_0600_whatever_the_umask(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "VTH_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    script = (
        "import os, sys; os.umask(0o022); from ingest.__main__ import main;"
        "code = main(sys.argv[1:]);"
        "from warehouse.query import _log; _log({'test': 1});"
        "open(os.environ['VTH_DATA_DIR'] + '/later.txt', 'w').write('x'); sys.exit(code)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(fixture("inzet_tab.csv")), str(fixture("leeg.csv"))],
        env=env, capture_output=True, text=True, cwd=REPO,
    )
    assert completed.returncode == 1, completed.stderr  # leeg.csv is mislukt, on purpose
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    paths = list(data.rglob("*"))
    assert {p.name for p in paths} >= {"landing.duckdb", ".vth.lock", "queries.jsonl",
                                       "pseudoniem.sleutel", "later.txt"}
    for path in paths:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_an_existing_world_readable_data_dir_is_made_private(data_dir):
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    paths.data_dir()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_a_landing_database_held_by_another_process_is_bezet_exit_3(
    data_dir, capsys, monkeypatch
):
    monkeypatch.setenv("VTH_LOCK_WAIT", "0.5")  # waits as for the data directory's lock
    load_paths([fixture("inzet_tab.csv")])  # the landing exists
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ok', flush=True);"
         " time.sleep(60)", str(data_dir / "landing.duckdb")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        code = ingest_main([str(fixture("presentie_pho.csv"))])
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code == 3
    assert err == (
        f"Fout: De landingsdatabase is bezet door een ander proces (pid {holder.pid}); probeer "
        "het later opnieuw.\n"
    )


@pytest.mark.parametrize("fout", ["onleesbaar", "crash"])
def test_a_failed_or_crashed_upload_leaves_nothing_but_its_audit_row(data_dir, monkeypatch, fout):
    if fout == "crash":
        def crash(*_args, **_kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(load, "_run_worker", crash)
        inhoud = fixture("inzet_tab.csv").read_bytes()
    else:
        inhoud = fixture("geen_kop.csv").read_bytes()
    verwerking = upload.verwerk("levering.csv", inhoud)
    assert verwerking.uitkomst.resultaat == "mislukt"
    assert not any((data_dir / "upload").iterdir())
    sha = hashlib.sha256(inhoud).hexdigest()
    assert _rows(data_dir, "select bron, resultaat, sha256, archief from audit.ladingen") == [
        ("levering.csv", "mislukt", sha, f"archief/{sha}/{sha}.csv")
    ]
    assert (data_dir / "archief" / sha / f"{sha}.csv").read_bytes() == inhoud


def test_an_upload_folder_left_by_a_dead_server_is_removed(data_dir):
    left = data_dir / "upload" / "upload-oud"
    left.mkdir(parents=True)
    (left / "inzet.csv").write_text("persoonsgegevens")
    old = time.time() - 2 * upload.VERWEESD_NA
    os.utime(left, (old, old))
    upload.verwerk("inzet.csv", fixture("inzet_tab.csv").read_bytes())
    assert not any((data_dir / "upload").iterdir())
