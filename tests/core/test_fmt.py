"""Dutch formatting: every expected string written out by hand."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from core import fmt


@pytest.mark.parametrize(
    ("x", "decimalen", "verwacht"),
    [
        (1234.5, 1, "1.234,5"),
        (87.5, 1, "87,5"),
        (0, 1, "0,0"),
        (1234567.891, 2, "1.234.567,89"),
        (999.95, 1, "1.000,0"),  # rounding carries into the thousands
        (2.25, 1, "2,3"),  # halves round up, as in Excel (not banker's rounding to 2,2)
        (-2.25, 1, "-2,3"),  # ... and away from zero
        (-1234.5, 0, "-1.235"),
        (-0.04, 1, "0,0"),  # no negative zero
        (10, 0, "10"),
        (1250, 0, "1.250"),
        (Decimal("10000.005"), 2, "10.000,01"),
    ],
)
def test_getal(x: float, decimalen: int, verwacht: str) -> None:
    assert fmt.number(x, decimalen) == verwacht


def test_getal_default_has_one_decimal() -> None:
    assert fmt.number(3) == "3,0"


@pytest.mark.parametrize("leeg", [None, float("nan"), float("inf")])
def test_missing_values_are_an_en_dash(leeg: float | None) -> None:
    for functie in (fmt.number, fmt.procent, fmt.euro, fmt.uren, fmt.aantal):
        assert functie(leeg) == "–"
    assert fmt.waarde(leeg, "procent") == "–"


def test_procent() -> None:
    assert fmt.procent(87.5) == "87,5%"
    assert fmt.procent(100) == "100,0%"
    assert fmt.procent(0.49, 2) == "0,49%"


def test_euro() -> None:
    assert fmt.euro(10000) == "€ 10.000,00"
    assert fmt.euro(1250.5) == "€ 1.250,50"
    assert fmt.euro(-250) == "€ -250,00"  # credit note


def test_uren_en_aantal() -> None:
    assert fmt.uren(130) == "130,0 uur"
    assert fmt.uren(1234.56) == "1.234,6 uur"
    assert fmt.aantal(4.0) == "4"
    assert fmt.aantal(12000) == "12.000"
    assert fmt.aantal(4.5) == "4,5"


def test_datum_en_datumtijd() -> None:
    assert fmt.date(date(2026, 11, 22)) == "22-11-2026"
    assert fmt.date(date(2026, 1, 5)) == "05-01-2026"
    assert fmt.date(datetime(2026, 11, 22, 14, 5)) == "22-11-2026"
    assert fmt.date_time(datetime(2026, 11, 22, 14, 5, 59)) == "22-11-2026 14:05"
    assert fmt.date_time(date(2026, 11, 22)) == "22-11-2026"
    assert fmt.date(None) == "–"
    assert fmt.date_time(None) == "–"


@pytest.mark.parametrize(
    ("eenheid", "verwacht"),
    [
        ("procent", "87,5%"),
        ("uren", "87,5 uur"),
        ("euro", "€ 87,50"),
        ("aantal", "87,5"),
        (None, "87,5"),
    ],
)
def test_waarde_follows_catalogue_unit(eenheid: str | None, verwacht: str) -> None:
    assert fmt.waarde(87.5, eenheid) == verwacht


def test_status_is_text_and_symbol() -> None:
    assert fmt.status("groen") == "● groen"
    assert fmt.status("oranje") == "▲ oranje"
    assert fmt.status("rood") == "■ rood"
    assert fmt.status(None) == "– geen norm"
    assert fmt.status("onbekend") == "onbekend"  # shown as delivered, never hidden
    assert fmt.status_legend() == (
        "● groen: voldoet aan de norm · ▲ oranje: aandacht nodig · ■ rood: voldoet niet · "
        "– geen norm: er geldt geen norm"
    )
