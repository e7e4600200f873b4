"""Pseudonyms for names: keyed hash at ingest, key outside every DuckDB file."""

from __future__ import annotations

import stat

import duckdb
import polars as pl
import pytest

from core.paths import landing_path
from ingest import pseudoniem
from ingest.load import connect_landing, load_paths
from tests.conftest import fixture


def _rows(sql: str) -> list[tuple]:
    con = duckdb.connect(str(landing_path()), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def test_key_file_is_created_private_once(data_dir, monkeypatch):
    monkeypatch.delenv(pseudoniem.ENV_SLEUTEL, raising=False)
    key = pseudoniem.sleutel()
    pad = data_dir / "geheim" / "pseudoniem.sleutel"
    assert pad.is_file() and len(key) == 64
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600
    assert stat.S_IMODE(pad.parent.stat().st_mode) == 0o700
    assert pseudoniem.sleutel() == key  # reused, not replaced


def test_env_key_wins_and_no_file_is_written(data_dir, monkeypatch):
    monkeypatch.setenv(pseudoniem.ENV_SLEUTEL, "x" * 40)
    assert pseudoniem.sleutel() == b"x" * 40
    assert not (data_dir / "geheim" / "pseudoniem.sleutel").exists()
    monkeypatch.setenv(pseudoniem.ENV_SLEUTEL, "kort")
    with pytest.raises(ValueError, match="te kort"):
        pseudoniem.sleutel()


def test_pseudonyms_are_keyed_normalised_and_vectorised():
    key_a, key_b = b"a" * 32, b"b" * 32
    namen = pl.Series(["J. de Vries", "  j.  DE vries ", None, "A. Jansen", "J. de Vries"])
    ids = pseudoniem.pseudoniemen(namen, key_a).to_list()
    assert ids[0] == ids[1] == ids[4] and ids[2] is None and ids[3] != ids[0]
    assert ids[0].startswith("p-") and len(ids[0]) == 2 + pseudoniem.HEX_CHARS
    assert "vries" not in ids[0].lower()
    assert pseudoniem.pseudoniemen(namen, key_b)[0] != ids[0]  # another key, another pseudonym


def test_landing_keeps_name_and_adds_pseudonym(data_dir, monkeypatch):
    monkeypatch.delenv(pseudoniem.ENV_SLEUTEL, raising=False)
    load_paths([fixture("inzet_puntkomma_utf8bom.csv"), fixture("presentie_pho.csv")])
    key = pseudoniem.sleutel()
    inzet = _rows("select medewerker, medewerker_id from bron.inzet where medewerker is not null")
    assert inzet and all(pid == pseudoniem.pseudoniem(naam, key) for naam, pid in inzet)
    assert _rows("select count(*) from bron.inzet where medewerker is null and medewerker_id "
                 "is not null") == [(0,)]
    presentie = _rows("select naam, naam_id from bron.presentie where naam is not null")
    assert presentie == [("P. Bakker", pseudoniem.pseudoniem("P. Bakker", key))]
    # the key is in its own file, never inside the landing database
    assert key not in landing_path().read_bytes()


def test_landing_from_before_pseudonyms_is_migrated(data_dir, monkeypatch):
    monkeypatch.setenv(pseudoniem.ENV_SLEUTEL, "k" * 32)
    con = duckdb.connect(str(landing_path()))
    con.sql("create schema bron")
    con.sql(
        "create table bron.inzet (datum date, deelnemer varchar, medewerker varchar, "
        "gremium varchar, project varchar, uren double, omschrijving varchar, "
        "_lading_id integer, _bron varchar, _rij integer)"
    )
    con.sql("insert into bron.inzet values ('2024-01-02', 'ENS', 'A. Jansen', 'kerngroep', "
            "null, 2, null, 1, 'oud.csv', 2)")
    con.close()

    connect_landing().close()
    assert _rows("select medewerker_id from bron.inzet") == [
        (pseudoniem.pseudoniem("A. Jansen", b"k" * 32),)
    ]
    # a new load still inserts by column name into the migrated table
    load_paths([fixture("inzet_tab.csv")])
    assert _rows("select count(*) from bron.inzet where medewerker is not null "
                 "and medewerker_id is null") == [(0,)]


def test_an_accent_written_either_way_is_one_person(data_dir):
    key = b"k" * 32
    composed, decomposed = "R. M\u00fcller", "R. Mu\u0308ller"
    assert composed != decomposed
    assert pseudoniem.pseudoniem(composed, key) == pseudoniem.pseudoniem(decomposed, key)
