"""Bounded reading (data contract v2): hostile files are refused with one Dutch line, in a worker
process, and nothing else stops: not the batch, not the process that asked for the load."""

from __future__ import annotations

import resource
from pathlib import Path

import duckdb
import pytest

from dashboard import upload
from ingest import load
from ingest.__main__ import main as ingest_main
from ingest.load import load_paths
from tests.conftest import fixture
from tests.ingest import vijandig


def _audit(data_dir: Path) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "landing.duckdb"), read_only=True)
    try:
        return con.sql(
            "select bron, resultaat, melding from audit.ladingen order by lading_id"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "bom.xlsx",
            vijandig.shared_strings_bomb,
            "de cellen van de werkmap bevatten meer dan 200 MB tekst (leesbudget); lever een "
            "kleiner bestand aan",
        ),
        (
            "liegt.xlsx",
            vijandig.lying_zip,
            "de werkmap is beschadigd of misleidend (een onderdeel pakt anders uit dan "
            "opgegeven: BadZipFile)",
        ),
        (
            "lang_veld.csv",
            vijandig.huge_field_csv,
            "rij 2: een veld is langer dan 32.767 tekens (leesbudget); zo'n waarde komt niet "
            "uit een spreadsheet",
        ),
    ],
)
def test_hostile_file_is_refused_with_one_dutch_line_and_the_batch_goes_on(
    data_dir, tmp_path, capsys, name, content, reason
):
    hostile = tmp_path / name
    hostile.write_bytes(content())
    code = ingest_main([str(hostile), str(fixture("inzet_tab.csv"))])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [f"{name}: NIET GELADEN – {reason}"]
    assert out.splitlines() == [
        "inzet_tab.csv: soort inzet, 2 rijen gelezen, 2 geladen, 0 in quarantaine (geladen)"
    ]
    assert _audit(data_dir) == [(name, "mislukt", reason), ("inzet_tab.csv", "geladen", None)]


def test_a_zip_that_declares_more_than_the_budget_is_refused_before_unpacking(
    data_dir, tmp_path, monkeypatch
):
    monkeypatch.setenv("VTH_LEES_XML_MB", "1")
    book = tmp_path / "groot.xlsx"
    book.write_bytes(vijandig.lying_zip(real_bytes=2 << 20, claimed=2 << 20))
    [outcome] = load_paths([book])
    assert outcome.melding == (
        "de werkmap pakt uit tot meer dan 1 MB (leesbudget); lever een kleiner bestand aan"
    )


def test_a_worker_over_the_memory_budget_is_stopped_and_the_batch_goes_on(
    data_dir, monkeypatch
):
    """The parent holds the worker's resident memory to the budget: reported here as over it
    for the first file (a real kill of the real worker), the second file loads."""
    calls = {"n": 0}

    def rss(pid: int) -> int:
        calls["n"] += 1
        return 10 * 1024**3 if calls["n"] == 1 else 0

    monkeypatch.setattr(load, "_rss", rss)
    first, second = load_paths([fixture("presentie_pho.csv"), fixture("inzet_tab.csv")])
    assert (first.resultaat, first.melding) == (
        "mislukt",
        "het lezen van dit bestand had meer dan 2 GB geheugen nodig (leesbudget); lever een "
        "kleiner bestand aan",
    )
    assert (second.resultaat, second.rijen_geladen) == ("geladen", 2)


def test_the_dashboard_upload_parses_nothing_in_the_server_and_keeps_serving(
    data_dir, monkeypatch
):
    """A bomb uploaded on the Gegevens page ends only its worker; the next user's upload loads.
    Reading is impossible in this (the server's) process: the readers are switched off here."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a delivery was parsed in the server process")

    monkeypatch.setattr("ingest.read.read_delivery", refuse)
    monkeypatch.setattr("ingest.xlsx.read_workbook", refuse)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    bom = upload.verwerk("bom.xlsx", vijandig.shared_strings_bomb())
    assert (bom.soort, bom.uitkomst.resultaat) == (None, "mislukt")
    assert bom.uitkomst.line().startswith("bom.xlsx: NIET GELADEN – de cellen van de werkmap")
    volgende = upload.verwerk("inzet.csv", fixture("inzet_tab.csv").read_bytes())
    assert (volgende.soort, volgende.uitkomst.resultaat) == ("inzet", "geladen")
    # the server process did not grow by the bomb (it expands to 10 GB)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
    assert not any((data_dir / "upload").iterdir())
