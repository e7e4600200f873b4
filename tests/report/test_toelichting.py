"""Toelichtingen (notes on figures): the Python API, its checks, its storage outside the
warehouse, the Logboek, and the command line (data contract v2, "notes on figures")."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core import state
from report import toelichting
from report.toelichting import ToelichtingFout

REPO = Path(__file__).resolve().parents[2]


def _logboek(data: Path) -> list[dict]:
    return [json.loads(r) for r in (data / "logboek" / "logboek.jsonl").read_text().splitlines()]


def test_add_list_remove_and_for_indicator(data_dir: Path) -> None:
    een = toelichting.add("inzet_uren", 2025, "  Uren Q4 volgen in januari. ", door="a.jansen",
                          deelnemer_code="ens", rol="kerngroep")
    twee = toelichting.add("agenda_op_tijd", 2025, "Door de Omgevingswet.", door="beheer")
    drie = toelichting.add("inzet_uren", 2024, "Vorig jaar.", door="beheer")
    assert (een.nummer, twee.nummer, drie.nummer) == (1, 2, 3)
    assert (een.tekst, een.deelnemer_code, een.door, een.rol) == (
        "Uren Q4 volgen in januari.", "ENS", "a.jansen", "kerngroep")
    assert [n.nummer for n in toelichting.list_notes()] == [1, 2, 3]
    assert [n.nummer for n in toelichting.list_notes(2025)] == [1, 2]
    # Next to a figure: the participant's own note and the region's, not another's.
    vier = toelichting.add("inzet_uren", 2025, "Regio.", door="beheer")
    assert [n.nummer for n in toelichting.for_indicator("inzet_uren", 2025, "ENS")] == [1, 4]
    assert [n.nummer for n in toelichting.for_indicator("inzet_uren", 2025, "HEN")] == [4]
    assert [n.nummer for n in toelichting.for_indicator("inzet_uren", 2025)] == [4]

    assert toelichting.remove(1, door="beheer").nummer == 1
    assert [n.nummer for n in toelichting.list_notes()] == [2, 3, 4]
    with pytest.raises(ToelichtingFout, match="geen toelichting met nummer 1"):
        toelichting.remove(1, door="beheer")
    # A number is never given twice, also not after a removal.
    assert toelichting.add("inzet_uren", 2025, "Nieuw.", door="beheer").nummer == 5
    assert vier.nummer == 4

    # Every change in the Logboek, with who and when.
    log = _logboek(data_dir)
    assert [(r["actie"], r["gebruiker"], r["details"]["nummer"]) for r in log] == [
        ("toelichting_toegevoegd", "a.jansen", 1), ("toelichting_toegevoegd", "beheer", 2),
        ("toelichting_toegevoegd", "beheer", 3), ("toelichting_toegevoegd", "beheer", 4),
        ("toelichting_verwijderd", "beheer", 1), ("toelichting_toegevoegd", "beheer", 5),
    ]
    assert log[0]["rol"] == "kerngroep" and log[0]["details"]["deelnemer"] == "ENS"
    assert all(len(r["tijd"]) == 19 for r in log)  # 2026-11-25T16:44:17


def test_notes_live_outside_the_warehouse_as_backed_up_state(data_dir: Path) -> None:
    toelichting.add("inzet_uren", 2025, "Blijft bestaan.", door="beheer")
    pad = data_dir / "toelichtingen" / "toelichtingen.jsonl"
    assert toelichting.pad() == pad and pad.is_file()
    # Owner only; in state (kept by every backup, never touched by a build).
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    assert stat.S_IMODE(pad.parent.stat().st_mode) == 0o700
    assert state.classify("toelichtingen/toelichtingen.jsonl").state is True
    # A half-written last line (a crash while writing) loses nothing that was complete.
    with open(pad, "a", encoding="utf-8") as handle:
        handle.write('{"handeling": "toegevoegd", "nummer": 9, "tek')
    assert [n.tekst for n in toelichting.list_notes()] == ["Blijft bestaan."]


@pytest.mark.parametrize(
    ("kwargs", "melding"),
    [
        ({"indicator_id": "bestaat_niet"}, "Onbekende indicator 'bestaat_niet'"),
        ({"jaar": 2018}, "Jaar 2018 valt buiten 2019"),
        ({"jaar": 3000}, "Jaar 3000 valt buiten"),
        ({"deelnemer_code": "AMS"}, "Onbekende deelnemer 'AMS'"),
        ({"indicator_id": "pho_vergaderingen", "deelnemer_code": "ENS"},
         "pho_vergaderingen is een regionale indicator"),
        ({"tekst": "   \n "}, "De toelichting is leeg."),
        ({"tekst": "x" * 1001}, "De toelichting is 1001 tekens; het maximum is 1000."),
        ({"tekst": "a\x00b"}, "onzichtbaar stuurteken \\(U\\+0000\\)"),
        ({"tekst": "rechts\u202eom"}, "onzichtbaar stuurteken \\(U\\+202E\\)"),
        ({"tekst": "goed 😀"}, "niet kan afdrukken: '😀' \\(U\\+1F600\\)"),
        ({"door": " "}, "Zeg wie de wijziging doet"),
    ],
)
def test_a_bad_note_is_refused_with_a_dutch_reason(data_dir: Path, kwargs: dict, melding: str
                                                   ) -> None:
    args = {"indicator_id": "inzet_uren", "jaar": 2025, "tekst": "Uitleg.", "door": "beheer",
            "deelnemer_code": None, **kwargs}
    with pytest.raises(ToelichtingFout, match=melding):
        toelichting.add(args.pop("indicator_id"), args.pop("jaar"), args.pop("tekst"), **args)
    assert toelichting.list_notes() == []


def test_markup_is_kept_as_text(data_dir: Path) -> None:
    tekst = '#import "x"\n] *vet* $x$ <label> @ref \\ `code` = kop'
    assert toelichting.add("inzet_uren", 2025, tekst, door="beheer").tekst == tekst


def test_simultaneous_writers_get_distinct_numbers(data_dir: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        nummers = list(pool.map(
            lambda n: toelichting.add("inzet_uren", 2025, f"nr {n}", door="beheer").nummer,
            range(16)))
    assert sorted(nummers) == list(range(1, 17))


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "VTH_DATA_DIR": str(data), "SUDO_USER": "a.jansen"}
    return subprocess.run([sys.executable, "-m", "report", "toelichting", *args], env=env,
                          cwd=REPO, capture_output=True, text=True)


def test_command_line(data_dir: Path) -> None:
    toegevoegd = _cli(data_dir, "add", "--indicator", "inzet_uren", "--jaar", "2025",
                      "--deelnemer", "ENS", "--tekst", "Uren volgen.")
    assert toegevoegd.returncode == 0, toegevoegd.stderr
    assert toegevoegd.stdout.strip() == "Toelichting 1 toegevoegd bij inzet_uren 2025 (ENS)."
    lijst = _cli(data_dir, "list", "--jaar", "2025")
    assert lijst.returncode == 0 and "inzet_uren  2025  ENS  a.jansen" in lijst.stdout
    assert "Uren volgen." in lijst.stdout
    fout = _cli(data_dir, "add", "--indicator", "x", "--jaar", "2025", "--tekst", "t")
    assert fout.returncode == 2 and fout.stderr.startswith("Fout: Onbekende indicator 'x'")
    assert _cli(data_dir, "remove", "1").returncode == 0
    assert _cli(data_dir, "remove", "1").returncode == 2
    assert _cli(data_dir, "list").stdout.strip() == "Geen toelichtingen."
    # The person behind `sudo -u vth` is who the Logboek names.
    assert [r["gebruiker"] for r in _logboek(data_dir)] == ["a.jansen", "a.jansen"]
