"""python -m report on the suite's one demo build (tests/conftest.py ``demo_data_dir``, peildatum
30-06-2026), read through Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm; installed by
scripts/install-poppler.sh from `make test`). The pages are kept as PNG in tests/artifacts/report/
next to the browser screenshots, to be looked at.

Issue 15, "Done when": the PDF's text holds the participant, year, peildatum, the summary
sentences, every reported indicator's Dutch name and a note added with `toelichting add`; two
runs give identical bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report import samenvatting, stoplicht
from report.bestuursrapportage import build_report
from report.bron import open_bron
from report.gegevens import laad
from tests.conftest import kopie_van

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts" / "report"
# A note that would be markup if it were pasted into typst source: it must print as written.
NOTITIE = 'Uren Q4 volgen in januari; #import "x" ] *vet* $x$ <l> @r'


def _run(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VTH_DATA_DIR": str(data)}
    env.pop("VTH_DEMO", None)
    return subprocess.run([sys.executable, "-m", "report", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def _tekst(pdf: Path) -> str:
    uit = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return " ".join(uit.split())  # sentences wrap over lines: compare with single spaces


def _pngs(pdf: Path, naam: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for oud in ARTIFACTS.glob(f"{naam}-*.png"):
        oud.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(ARTIFACTS / naam)], check=True)
    return sorted(ARTIFACTS.glob(f"{naam}-*.png"))


@pytest.fixture(scope="module")
def demo(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose warehouse is the demo build's (linked, read-only), so the notes
    this module writes never reach the shared demo directory."""
    data = tmp_path_factory.mktemp("rapport") / "data"
    data.mkdir()
    (data / "vth.duckdb").symlink_to(demo_data_dir / "vth.duckdb")
    return data


def test_board_report_of_enschede_2025_on_demo_data(demo: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext ontbreekt: bash scripts/install-poppler.sh (make test doet dat)")
    toegevoegd = _run(demo, "toelichting", "add", "--indicator", "inzet_uren", "--jaar", "2025",
                      "--deelnemer", "ENS", "--tekst", NOTITIE)
    assert toegevoegd.returncode == 0, toegevoegd.stderr

    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for pdf in (a, b):
        gemaakt = _run(demo, "--jaar", "2025", "--deelnemer", "ENS", "--out", str(pdf))
        assert gemaakt.returncode == 0, gemaakt.stderr
        assert gemaakt.stdout.startswith(f"Bestuursrapportage geschreven: {pdf} (")
    assert a.read_bytes() == b.read_bytes()  # same data, same bytes

    tekst = _tekst(a)
    for verwacht in ("Bestuursrapportage 2025", "Enschede (ENS)", "Peildatum 30-06-2026",
                     "Samenvatting", "Bespreekpunten", "Stoplichttabel",
                     "Achterstallige agenda-items", "Bijlage: definities en bronnen",
                     "003 Samenwerkingsovereenkomst, Art. 5.4"):
        assert verwacht in tekst, verwacht
    # The note, literally (also its typst-looking characters), next to its figure and in the
    # discussion points.
    assert tekst.count(NOTITIE) == 2

    # The summary sentences the rules make from these figures (their values are checked by hand
    # on the fixture warehouse in test_samenvatting.py) are all in the PDF.
    monkeypatch.setenv("VTH_DATA_DIR", str(demo))
    with open_bron() as (con, publicatie):
        cijfers = laad(con, publicatie, 2025, "ENS")
        namen = [n for (n,) in con.execute("select naam from marts.evaluatiekader").fetchall()]
    zinnen = samenvatting.samenvatting(cijfers, stoplicht.rijen(cijfers))
    assert len(zinnen) == 6
    for zin in zinnen:
        assert zin in tekst, zin
    assert len(namen) == 24
    for naam in namen:
        assert naam in tekst, naam
    # Dutch numbers only, before the appendix (whose seed texts cite "0,016 fte", "Art. 5.4"):
    # no "77,083" (English thousands or unrounded), no "77.08" (English decimals).
    cijfers_tekst = tekst[:tekst.rindex("Bijlage: definities en bronnen")]
    assert not re.search(r"\d,\d{3}(?!\d)", cijfers_tekst)
    assert not re.search(r"\d\.\d{1,2}(?!\d)", cijfers_tekst)
    assert re.search(r"\d\.\d{3},\d uur", cijfers_tekst)  # e.g. the region's hours, 1.625,5 uur

    info = subprocess.run(["pdfinfo", str(a)], capture_output=True, text=True).stdout
    pagina_s = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert re.search(r"Tagged:\s+yes", info)  # a tagged PDF (headings, tables, reading order)
    assert re.search(r"Page size:\s+595.276 x 841.89 pts \(A4\)", info)
    assert b"<pdfaid:part>2</pdfaid:part>" in a.read_bytes()  # PDF/A-2b
    # Every page's footer: the version and "pagina x van y".
    for n in range(1, pagina_s + 1):
        assert f"pagina {n} van {pagina_s}" in tekst
    assert f"({pagina_s} pagina's, " in gemaakt.stdout
    assert tekst.count("warehouse van ") >= pagina_s
    assert len(_pngs(a, "bestuursrapportage-2025-ENS")) == pagina_s


def test_running_year_report_on_demo_data(demo: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VTH_DATA_DIR", str(demo))
    rapport = build_report(2026, "ENS")
    pdf = tmp_path / "lopend.pdf"
    pdf.write_bytes(rapport.pdf)
    tekst = _tekst(pdf)
    assert "In 2026 (t/m 30-06-2026) ligt Enschede bij" in tekst
    # The comparison column is last year up to the same day, and says so.
    assert "2025 t/m 30-06" in tekst
    assert "‘Vorig jaar’ is 2025 t/m 30-06-2025, uit dezelfde gegevens herberekend" in tekst
    _pngs(pdf, "bestuursrapportage-2026-ENS")
    regio = build_report(2026)
    (tmp_path / "regio.pdf").write_bytes(regio.pdf)
    assert "ligt de regio bij" in _tekst(tmp_path / "regio.pdf")
    _pngs(tmp_path / "regio.pdf", "bestuursrapportage-2026-regio")


def test_refusals_are_one_dutch_line(demo: Path, tmp_path: Path) -> None:
    onbekend = _run(demo, "--jaar", "2025", "--deelnemer", "XYZ", "--out", str(tmp_path / "x.pdf"))
    assert onbekend.returncode == 2
    assert onbekend.stderr.strip() == "Fout: Onbekende deelnemer 'XYZ': gebruik een code als ENS."
    toekomst = _run(demo, "--jaar", "2030", "--out", str(tmp_path / "x.pdf"))
    assert toekomst.returncode == 2 and "Jaar 2030 valt buiten 2019–2026" in toekomst.stderr
    leeg = tmp_path / "leeg"
    geen = _run(leeg, "--jaar", "2025", "--out", str(tmp_path / "x.pdf"))
    assert geen.returncode == 2 and "nog geen gepubliceerd warehouse" in geen.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_report_from_a_snapshot_names_it(gebouwde_datamap: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from warehouse.snapshot import create_snapshot

    data = kopie_van(gebouwde_datamap, tmp_path / "data")
    monkeypatch.setenv("VTH_DATA_DIR", str(data))
    momentopname = create_snapshot()
    uit_warehouse = build_report(2024, "ENS")
    uit_snapshot = build_report(2024, "ENS", momentopname.id)
    (tmp_path / "w.pdf").write_bytes(uit_warehouse.pdf)
    (tmp_path / "s.pdf").write_bytes(uit_snapshot.pdf)
    w, s = _tekst(tmp_path / "w.pdf"), _tekst(tmp_path / "s.pdf")
    assert f"momentopname {momentopname.id}" in s and "momentopname" not in w
    assert (f"VTH-monitor Twente, momentopname {momentopname.id}, peildatum 30-06-2025") in s
    # Same figures: the same summary.
    begin = w.index("Samenvatting In 2024")
    assert s[s.index("Samenvatting In 2024"):][:600] == w[begin:][:600]
    # A damaged snapshot is refused, naming what changed.
    parquet = next((momentopname.path / "data").glob("marts.indicatoren.parquet"))
    parquet.chmod(0o600)
    with open(parquet, "ab") as handle:
        handle.write(b"x")
    from report.bron import BronFout

    with pytest.raises(BronFout, match="is gewijzigd"):
        build_report(2024, "ENS", momentopname.id)
