"""Review rounds (warehouse/reviews.py): open, mark, reset by a publish that changes figures.

On a copy of the session's fixture build (peildatum 30-06-2025, so 2024 is a closed year). The
publish that changes figures is a real load and build: tests/fixtures/voorbeeld/
inzet_hvt_extra.csv adds 5 projectgroep hours of Hof van Twente on 01-05-2024 (8 -> 13 h), which
changes Hof van Twente's 2024 figures and no other party's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.load import load_paths
from tests.conftest import PEILDATUM, fixture, kopie_van
from warehouse import reviews
from warehouse.build import build
from warehouse.reviews import ReviewFout
from warehouse.snapshot import create_snapshot


@pytest.fixture
def datamap(gebouwde_datamap: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = kopie_van(gebouwde_datamap, tmp_path / "data")
    monkeypatch.setenv("VTH_DATA_DIR", str(data))
    monkeypatch.setenv("VTH_DOCS", "0")
    return data


def _logregels(data: Path) -> list[tuple]:
    path = data / "logboek" / "logboek.jsonl"
    regels = [json.loads(r) for r in path.read_text().splitlines()]
    return [(r["gebruiker"], r["details"]) for r in regels if r["actie"] == "review"]


def test_a_publish_that_changes_a_partys_figures_resets_its_mark(datamap):
    gezien = create_snapshot().id
    with pytest.raises(ReviewFout, match="2025 is nog niet afgesloten"):
        reviews.open_ronde(2025, "secretaris", "kerngroep")
    ronde = reviews.open_ronde(2024, "secretaris", "kerngroep")
    assert ronde.telling() == {"open": 15, "akkoord": 0, "niet_akkoord": 0,
                               "opnieuw_bekijken": 0}
    assert "WVS" not in ronde.partijen  # Waterschap Vechtstromen is no party (003 Art. 1f)
    with pytest.raises(ReviewFout, match="al geopend"):
        reviews.open_ronde(2024, "secretaris", "kerngroep")

    reviews.beoordeel(2024, "HVT", "akkoord", gezien, "contact-hvt", "deelnemer")
    reviews.beoordeel(2024, "PRO", "akkoord", gezien, "contact-pro", "deelnemer")
    reviews.beoordeel(2024, "ENS", "niet_akkoord", gezien, "contact-ens", "deelnemer",
                      opmerking="De uren van april ontbreken")

    load_paths([fixture("voorbeeld/inzet_hvt_extra.csv")])
    result = build(PEILDATUM)
    assert result.ok, result.message
    assert "opnieuw te bekijken door gewijzigde cijfers: HVT 2024" in result.message

    na = reviews.ronde(2024)
    assert na is not None
    assert (na.partijen["HVT"].status, na.partijen["PRO"].status, na.partijen["ENS"].status) == (
        "opnieuw_bekijken", "akkoord", "niet_akkoord")
    # Hof van Twente's hours, its fulfilment and its settlement changed; nothing else of it
    assert na.partijen["HVT"].historie[-1]["gewijzigd"] == [
        "afrekening", "bijdrage_vervulling", "inzet_uren", "inzet_uren_projectgroep"]
    assert na.partijen["HVT"].historie[-1]["snapshot_id"] == gezien
    assert na.telling() == {"open": 12, "akkoord": 1, "niet_akkoord": 1, "opnieuw_bekijken": 1}
    assert _logregels(datamap) == [
        ("secretaris", {"jaar": 2024, "actie": "ronde geopend"}),
        ("contact-hvt", {"jaar": 2024, "deelnemer": "HVT", "oordeel": "akkoord",
                         "snapshot": gezien, "opmerking": ""}),
        ("contact-pro", {"jaar": 2024, "deelnemer": "PRO", "oordeel": "akkoord",
                         "snapshot": gezien, "opmerking": ""}),
        ("contact-ens", {"jaar": 2024, "deelnemer": "ENS", "oordeel": "niet_akkoord",
                         "snapshot": gezien, "opmerking": "De uren van april ontbreken"}),
        ("systeem", {"jaar": 2024, "deelnemer": "HVT", "oordeel": "opnieuw_bekijken",
                     "gewijzigd": ["afrekening", "bijdrage_vervulling", "inzet_uren",
                                   "inzet_uren_projectgroep"]}),
    ]
    # the store is state under reviews/ (backed up, untouched by a rebuild), private
    assert (datamap / "reviews").stat().st_mode & 0o777 == 0o700
    assert (datamap / "reviews" / "ronde-2024.json").stat().st_mode & 0o777 == 0o600

    # marking again binds to the newer snapshot the party now looks at
    nieuw = create_snapshot().id
    assert nieuw != gezien
    reviews.beoordeel(2024, "HVT", "akkoord", nieuw, "contact-hvt", "deelnemer")
    assert reviews.na_publicatie() == []  # the published figures are the ones it saw


def test_refusals_and_a_closed_round(datamap):
    gezien = create_snapshot().id
    with pytest.raises(ReviewFout, match="geen open reviewronde 2024"):
        reviews.beoordeel(2024, "HVT", "akkoord", gezien, "contact-hvt", "deelnemer")
    reviews.open_ronde(2024, "secretaris", "kerngroep")
    with pytest.raises(ReviewFout, match="welke cijfers niet kloppen"):
        reviews.beoordeel(2024, "HVT", "niet_akkoord", gezien, "c", "deelnemer", opmerking=" ")
    with pytest.raises(ReviewFout, match="Onbekende momentopname"):
        reviews.beoordeel(2024, "HVT", "akkoord", "0123456789ab", "c", "deelnemer")
    with pytest.raises(ReviewFout, match="Onbekende momentopname"):
        reviews.beoordeel(2024, "HVT", "akkoord", "../../etc", "c", "deelnemer")
    with pytest.raises(ReviewFout, match="WVS is geen partij"):
        reviews.beoordeel(2024, "WVS", "akkoord", gezien, "c", "deelnemer")
    with pytest.raises(ReviewFout, match="Onbekend oordeel"):
        reviews.beoordeel(2024, "HVT", "misschien", gezien, "c", "deelnemer")
    with pytest.raises(ReviewFout, match="langer dan 2000"):
        reviews.beoordeel(2024, "HVT", "niet_akkoord", gezien, "c", "deelnemer", "x" * 2001)

    reviews.beoordeel(2024, "HVT", "akkoord", gezien, "contact-hvt", "deelnemer")
    gesloten = reviews.sluit_ronde(2024, "voorzitter", "kerngroep")
    assert (gesloten.status, gesloten.gesloten_door) == ("gesloten", "voorzitter")
    with pytest.raises(ReviewFout, match="geen open reviewronde 2024"):
        reviews.beoordeel(2024, "PRO", "akkoord", gezien, "c", "deelnemer")
    heropend = reviews.open_ronde(2024, "secretaris", "kerngroep")
    assert heropend.status == "open" and heropend.partijen["HVT"].status == "akkoord"
    assert [r.jaar for r in reviews.rondes()] == [2024]
