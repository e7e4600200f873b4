"""Value rules of data contract v1: numbers, dates, organisations, header matching."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from ingest.normalise import org_key, organisations, parse_date, parse_number
from ingest.read import header_key


def _numbers(values: list[str], thousands_dot: bool) -> list[float | None]:
    frame = pl.DataFrame({"x": values})
    return frame.select(parse_number(pl.col("x"), thousands_dot)).to_series().to_list()


def test_decimal_comma_point_thousands_and_euro_in_amounts():
    raw = [
        "€ 10.000,00",
        "1.250,5",
        "1250.5",
        "1,250.50",
        "10.000",
        "-150,00",
        "€10000",
        "1 250,00",
        "2.500.000",
        "abc",
        "1,2,3",
        "12,",
    ]
    assert _numbers(raw, thousands_dot=True) == [
        10000.0,
        1250.5,
        1250.5,
        1250.5,
        10000.0,
        -150.0,
        10000.0,
        1250.0,
        2500000.0,
        None,
        None,
        None,
    ]


def test_a_lone_dot_with_three_decimals_is_a_decimal_point_in_hours():
    # "1.250" in an hours column means one and a quarter hour; in an amount it is 1250 euro.
    assert _numbers(["1.250", "3,5", "7.5", "24"], thousands_dot=False) == [1.25, 3.5, 7.5, 24.0]


def test_all_listed_date_forms():
    raw = [
        "05-03-2024",
        "5-3-2024",
        "2024-03-05",
        "05/03/2024",
        "2024-03-05 00:00:00",
        "31-02-2024",
        "2024-13-01",
        "maart 2024",
        "05-03-24",
    ]
    parsed = pl.DataFrame({"x": raw}).select(parse_date(pl.col("x"))).to_series().to_list()
    march_fifth = date(2024, 3, 5)
    assert parsed == [march_fifth] * 5 + [None] * 4


@pytest.mark.parametrize(
    "text",
    ["Gemeente Hof van Twente", "hof van twente", "HVT", "  gemeente   Hof van  Twente ", "HvT"],
)
def test_hof_van_twente_in_every_form(text):
    keys, _, _ = organisations()
    assert keys[org_key(text)] == "HVT"


def test_prefixes_and_punctuation_ignored():
    keys, parties, codes = organisations()
    assert keys[org_key("Provincie Overijssel")] == "PRO"
    assert keys[org_key("gem. Rijssen-Holten")] == "RIH"
    assert keys[org_key("Waterschap Vechtstromen")] == "WVS"
    assert len(parties) == 15 and "WVS" not in parties and "WVS" in codes


def test_header_matching_ignores_case_spaces_underscores_and_dashes():
    assert {
        header_key(h)
        for h in ["Aantal gerealiseerd", " aantal_gerealiseerd ", "AANTAL-GEREALISEERD"]
    } == {"aantal_gerealiseerd"}
