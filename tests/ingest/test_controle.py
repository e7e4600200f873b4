"""python -m ingest --controle: what a load would do, and not one byte written (data contract v2).

Fixtures by hand (tests/fixtures/controle): v1/inzet_2024.csv has 12 Enschede rows (1-12 March
2024, kerngroep, 2 h) and one Hof van Twente row (13-03-2024, twentebreed, 3 h). The corrected
v2/inzet_2024.csv (same name, other bytes) holds three rows: 01-03-2024 ENS kerngroep 2 (equal to
a v1 row), 02-03-2024 ENS kerngroep 30 (over 24 h: quarantine, sheet row 3) and 14-01-2025 HVT
projectgroep 4 (new). A load of v2 removes the 13 rows of v1 and puts back 2.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingest.controle import Controle, Reden, controleer
from ingest.load import load_paths
from tests.conftest import REPO, fixture

V1 = fixture("controle/v1/inzet_2024.csv")
V2 = fixture("controle/v2/inzet_2024.csv")


def boom(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (and root itself): type, mode, mtime (ns), size and, for a
    file, the sha256 of its bytes."""
    entries: dict[str, tuple] = {}
    for path in [root, *sorted(root.rglob("*"))]:
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        entries[str(path.relative_to(root))] = (
            stat.st_mode, stat.st_mtime_ns, stat.st_size, digest,
        )
    return entries


def _controle(*paden: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", "--controle", *map(str, paden)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, **(env or {})},
    )


@pytest.fixture
def geladen(data_dir: Path) -> Path:
    """v1 of inzet_2024.csv, odt_zaken_a.csv (Z1, Z2, Z3 load; Z4-Z6 quarantined) and
    agenda_v1.csv loaded; the loads also made the pseudonym key and the lock file."""
    load_paths([V1, fixture("odt_zaken_a.csv"), fixture("agenda_v1.csv")])
    assert (data_dir / "geheim" / "pseudoniem.sleutel").is_file()
    return data_dir


def _geladen_op(data_dir: Path, bron: str) -> str:
    con = duckdb.connect(str(data_dir / "landing.duckdb"), read_only=True)
    try:
        [(moment,)] = con.execute(
            "select l.geladen_op from audit.bestanden b join audit.ladingen l using (lading_id) "
            "where b.bron = ?", [bron]
        ).fetchall()
    finally:
        con.close()
    return moment.strftime("%d-%m-%Y %H:%M")


def test_controle_prints_what_a_load_would_do_and_changes_no_byte(geladen):
    voor = boom(geladen)
    result = _controle(V2, fixture("odt_zaken_b.csv"), fixture("odt_zaken_a.csv"),
                       fixture("agenda_v2.csv"), fixture("kapot.xlsx"))
    assert boom(geladen) == voor  # every byte, mode and mtime under $VTH_DATA_DIR
    assert result.returncode == 1  # as a load: one file could not be read
    assert result.stdout.splitlines() == [
        # 3 rows read: 2 valid, 1 quarantined; same name -> both replace the earlier version
        "inzet_2024.csv: soort inzet, 3 rijen gelezen; een lading zou 0 toevoegen, 2 vervangen "
        "en 1 in quarantaine zetten (vervangen)",
        "  vervangt de eerdere levering met deze naam "
        f"(geladen {_geladen_op(geladen, 'inzet_2024.csv')})",
        # the 13 rows of v1 go; 01-03-2024 ENS kerngroep 2 comes back unchanged
        "  eerdere rijen die vervallen: 13; ongewijzigd: 1",
        # 2 < 13 / 2 and 13 - 2 >= 10
        "  WAARSCHUWING: vervangt 13 rijen door 2",
        "  quarantaine: uren: waarde mag maximaal 24 zijn – 1 rij (rij 3)",
        # 11 ENS rows of 2024 go, the HVT 2024 row goes, a HVT 2025 row comes
        "  raakt de cijfers van deelnemers ENS, HVT; jaren 2024, 2025",
        # Z2 is loaded (a new version replaces it), Z7 is new
        "odt_zaken_b.csv: soort odt_zaken, 2 rijen gelezen; een lading zou 1 toevoegen, "
        "1 vervangen en 0 in quarantaine zetten (geladen)",
        "  1 zaak_id al geladen: de nieuwe versie vervangt de eerdere (Z2)",
        "  eerdere rijen die vervallen: 1; ongewijzigd: 0",
        "  raakt de cijfers van deelnemers ALM, ENS; jaar 2025",
        "odt_zaken_a.csv: soort odt_zaken, ongewijzigd – zelfde inhoud al geladen; een lading "
        "verandert niets",
        # agenda keeps the earlier version of A2 as history: nothing is removed
        "agenda_v2.csv: soort agenda, 1 rij gelezen; een lading zou 0 toevoegen, 1 vervangen en "
        "0 in quarantaine zetten (geladen)",
        "  1 id al geladen: de nieuwe versie geldt, de eerdere blijft als historie (A2)",
        "  raakt de cijfers van jaar 2024",
    ]
    assert result.stderr.strip().splitlines()[-1] == (
        "kapot.xlsx: een lading zou mislukken – geen leesbaar Excel-bestand (geen geldige zip)"
    )


def test_what_the_check_says_is_what_the_load_does(geladen):
    [check] = controleer([V2])
    [outcome] = load_paths([V2])
    assert (check.soort, check.resultaat, check.rijen_gelezen, check.rijen_geladen,
            check.rijen_quarantaine) == (outcome.soort, outcome.resultaat, outcome.rijen_gelezen,
                                         outcome.rijen_geladen, outcome.rijen_quarantaine)
    con = duckdb.connect(str(geladen / "landing.duckdb"), read_only=True)
    try:
        assert con.sql("select count(*) from bron.inzet").fetchall() == [(2,)]  # 13 gone, 2 in
    finally:
        con.close()


def test_structured_result_for_the_upload_page(geladen):
    [check] = controleer([V2])
    assert check.redenen == [Reden("uren", "waarde mag maximaal 24 zijn", 1, [3])]
    assert check.quarantaine == [
        {"rij": 3, "kolom": "uren", "waarde": "30", "reden": "waarde mag maximaal 24 zijn"}
    ]
    assert (check.eerdere_rijen, check.rijen_ongewijzigd, check.rijen_toegevoegd,
            check.rijen_vervangen) == (13, 1, 0, 2)
    assert (check.deelnemers, check.jaren) == (["ENS", "HVT"], [2024, 2025])
    assert check.waarschuwing == "vervangt 13 rijen door 2"
    assert datetime.fromisoformat(check.eerdere_geladen_op or "")  # when v1 was loaded
    assert Controle.from_dict(check.as_dict()) == check


def test_without_a_data_directory_everything_is_new_and_nothing_is_created(tmp_path):
    data = tmp_path / "nog-niet"
    result = _controle(V1, env={"VTH_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "inzet_2024.csv: soort inzet, 13 rijen gelezen; een lading zou 13 toevoegen, "
        "0 vervangen en 0 in quarantaine zetten (geladen)",
        "  raakt de cijfers van deelnemers ENS, HVT; jaar 2024",
    ]
    assert not data.exists()


def test_the_mode_of_the_data_directory_is_left_alone(data_dir):
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)  # a load would make it 0700; a check changes nothing
    assert _controle(V1).returncode == 0
    assert data_dir.stat().st_mode & 0o777 == 0o755
    assert list(data_dir.iterdir()) == []


def test_a_landing_held_by_a_load_is_busy_exit_3(geladen):
    writer = duckdb.connect(str(geladen / "landing.duckdb"))  # as a running load holds it
    try:
        result = _controle(V2, env={"VTH_LOCK_WAIT": "0"})
    finally:
        writer.close()
    assert result.returncode == 3
    assert "De landingsdatabase is bezet door" in result.stderr


@pytest.mark.parametrize(
    ("eerder", "nieuw", "waarschuwing"),
    [
        (502, 1, "vervangt 502 rijen door 1"),
        (20, 9, "vervangt 20 rijen door 9"),  # fewer than half, 11 fewer
        (12, 5, None),  # fewer than half but only 7 fewer: a small correction
        (20, 10, None),  # exactly half
        (4, 0, "vervangt 4 rijen door 0"),  # emptied
        (1, 0, "vervangt 1 rij door 0"),
        (0, 0, None),  # replaces nothing
    ],
)
def test_warning_rule(eerder, nieuw, waarschuwing):
    check = Controle("x.csv", "inzet", "vervangen", rijen_geladen=nieuw, eerdere_rijen=eerder)
    assert check.waarschuwing == waarschuwing
