"""Citable snapshots (data contract v2): same data -> same id, --verify, --list, the read path,
the Frictionless package; and the inhabitants seed (issue 14 item 6) it freezes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from frictionless import Package, Resource, Schema

from tests.conftest import PEILDATUM
from warehouse import snapshot
from warehouse.__main__ import main
from warehouse.build import build


def _published(path: Path) -> list[str]:
    """The published tables by the README's rule, read straight from the warehouse file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [
            f"{s}.{t}"
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema in ('marts', 'audit') order by all"
            ).fetchall()
        ]
    finally:
        con.close()


@pytest.fixture(scope="module")
def frozen(warehouse):
    """The module warehouse frozen once: (data dir, first result)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VTH_DATA_DIR", str(warehouse))
        result = snapshot.create_snapshot()
    return warehouse, result


@pytest.fixture
def at(monkeypatch):
    """Point VTH_DATA_DIR somewhere for one test."""

    def point(path: Path) -> Path:
        monkeypatch.setenv("VTH_DATA_DIR", str(path))
        return path

    return point


@pytest.fixture
def copy(frozen, tmp_path, at):
    """A data directory holding a private copy of the snapshot (safe to damage)."""
    data, result = frozen
    target = tmp_path / "data" / "snapshots" / result.id
    shutil.copytree(result.path, target)
    at(tmp_path / "data")
    return result.id, target


def test_snapshot_holds_every_published_table_and_its_build(frozen):
    data, result = frozen
    assert result.new and result.peildatum == PEILDATUM
    published = _published(data / "vth.duckdb")
    assert "marts.indicatoren" in published and "marts.inwoners" in published
    files = sorted(
        p.relative_to(result.path).as_posix() for p in result.path.rglob("*") if p.is_file()
    )
    assert files == sorted(
        ["SHA256SUMS", "datapackage.json", "manifest.json", "run_results.json"]
        + [f"data/{name}.parquet" for name in published]
    )  # no staging, intermediate or seeds table
    # the dbt artifacts of the build that published this warehouse, byte for byte
    for name in ("manifest.json", "run_results.json"):
        assert (result.path / name).read_bytes() == (data / f"vth.{name}").read_bytes()
    # SHA256SUMS lists every other file in `sha256sum -c` format
    lines = (result.path / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in lines] == [f for f in files if f != "SHA256SUMS"]
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((result.path / name).read_bytes()).hexdigest() == digest
    # id = first 12 hex of sha256 over the data/ lines (`grep '  data/' SHA256SUMS | sha256sum`)
    data_lines = "".join(line + "\n" for line in lines if "  data/" in line)
    assert result.id == hashlib.sha256(data_lines.encode()).hexdigest()[:12]
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o700
    for path in result.path.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    assert not list(result.path.parent.glob(".tmp-*"))


def test_the_same_warehouse_twice_gives_the_same_id_and_says_it_exists(frozen, at, capsys):
    data, first = frozen
    at(data)
    before = {p: p.stat().st_mtime_ns for p in first.path.rglob("*")}
    assert main(["snapshot"]) == 0
    out = capsys.readouterr().out
    assert f"Momentopname {first.id} bestaat al (zelfde gegevens)" in out
    assert f"Citeer als: VTH-monitor Twente, momentopname {first.id}, peildatum 30-06-2025" in out
    assert {p: p.stat().st_mtime_ns for p in first.path.rglob("*")} == before  # untouched


def test_rows_are_in_a_fixed_order_nulls_first(frozen):
    _, result = frozen
    con = duckdb.connect()
    rows = con.execute(
        f"select * from read_parquet('{result.path}/data/marts.indicatoren.parquet')"
    ).fetchall()
    # (indicator_id, jaar, deelnemer_code, ...): the region row (NULL) comes before ALM
    assert rows == sorted(rows, key=lambda r: [(v is not None, v) for v in r])
    region = [r for r in rows if r[0] == "inzet_uren" and r[1] == 2024]
    assert region[0][2] is None and region[1][2] == "ALM"


def test_two_builds_of_the_same_deliveries_give_the_same_id(frozen, tmp_path, at, monkeypatch):
    """gebouwd_op is the build's clock, not data: it differs, the id does not."""
    data, first = frozen
    other = tmp_path / "data"
    shutil.copytree(data, other, ignore=shutil.ignore_patterns("snapshots", "build"))
    at(other)
    monkeypatch.setenv("VTH_DOCS", "0")
    assert build(PEILDATUM).ok
    # DuckDB files of identical builds differ (measured in issue 14) ...
    assert (other / "vth.duckdb").read_bytes() != (data / "vth.duckdb").read_bytes()
    second = snapshot.create_snapshot()
    assert second.new  # a new folder in the other data dir ...
    assert second.id == first.id  # ... with the same id
    for parquet in sorted((first.path / "data").iterdir()):
        assert (second.path / "data" / parquet.name).read_bytes() == parquet.read_bytes()
    built = [
        json.loads((s.path / "datapackage.json").read_text())["gebouwd_op"] for s in (first, second)
    ]
    assert built[0] != built[1]  # the build time differs and is kept in datapackage.json


def test_verify_passes_on_an_intact_snapshot(copy, capsys):
    snapshot_id, _ = copy
    assert main(["snapshot", "--verify", snapshot_id]) == 0
    assert f"Momentopname {snapshot_id} is intact" in capsys.readouterr().out


def test_verify_names_the_parquet_file_with_one_flipped_byte(copy, capsys):
    snapshot_id, folder = copy
    target = folder / "data" / "marts.indicatoren.parquet"
    content = bytearray(target.read_bytes())
    content[len(content) // 2] ^= 0x01
    target.write_bytes(bytes(content))
    assert main(["snapshot", "--verify", snapshot_id]) == 1
    err = capsys.readouterr().err
    assert "Afwijking: data/marts.indicatoren.parquet: gewijzigd (sha256 klopt niet meer)" in err
    assert err.count("Afwijking:") == 1  # only that file
    assert f"Momentopname {snapshot_id} is NIET intact." in err


def test_verify_names_a_missing_and_an_extra_file(copy, capsys):
    snapshot_id, folder = copy
    (folder / "run_results.json").unlink()
    (folder / "data" / "marts.extra.parquet").write_bytes(b"PAR1")
    assert main(["snapshot", "--verify", snapshot_id]) == 1
    err = capsys.readouterr().err
    assert "run_results.json: ontbreekt" in err
    assert "data/marts.extra.parquet: extra bestand, niet in SHA256SUMS" in err


def test_verify_catches_a_rewritten_sums_file(copy, capsys):
    """Changing a Parquet file AND its line in SHA256SUMS no longer matches the id."""
    snapshot_id, folder = copy
    target = folder / "data" / "audit.publicatie.parquet"
    target.write_bytes(target.read_bytes() + b"\0")
    sums = folder / "SHA256SUMS"
    lines = sums.read_text().splitlines()
    new_digest = hashlib.sha256(target.read_bytes()).hexdigest()
    sums.write_text(
        "".join(
            (f"{new_digest}  data/audit.publicatie.parquet" if "publicatie" in x else x) + "\n"
            for x in lines
        )
    )
    assert main(["snapshot", "--verify", snapshot_id]) == 1
    err = capsys.readouterr().err
    assert f"SHA256SUMS: de data-regels passen niet bij id {snapshot_id}" in err
    assert "datapackage.json: sha256 van data/audit.publicatie.parquet wijkt af" in err


@pytest.mark.parametrize("bad", ["../../etc", "ABCDEF123456", "0123456789ab"])
def test_verify_refuses_a_malformed_or_unknown_id(copy, capsys, bad):
    assert main(["snapshot", "--verify", bad]) == 2
    err = capsys.readouterr().err
    assert ("geen geldige momentopname-id" in err) or ("bestaat niet" in err)


def test_list_shows_id_created_peildatum_size_and_tables_in_dutch(frozen, at, capsys):
    data, result = frozen
    at(data)
    assert main(["snapshot", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "gemaakt", "peildatum", "grootte", "tabellen"]
    row = next(line for line in lines if line.startswith(result.id))
    tables = len(_published(data / "vth.duckdb"))
    assert re.fullmatch(
        rf"{result.id}  \d\d-\d\d-20\d\d \d\d:\d\d  30-06-2025 +(\d+,\d MB|\d+ kB)  {tables}", row
    ), row
    megabytes = sum(p.stat().st_size for p in result.path.rglob("*") if p.is_file()) / 1e6
    assert f"{megabytes:.1f}".replace(".", ",") in row


def test_the_same_sql_reads_the_snapshot_exactly_as_the_warehouse(frozen, at):
    data, result = at(frozen[0]), frozen[1]
    warehouse = duckdb.connect(str(data / "vth.duckdb"), read_only=True)
    frozen_con = snapshot.open_snapshot(result.id, verify=True)
    try:
        for table in _published(data / "vth.duckdb"):
            query = f"select * from {table} order by all"
            described = [
                [row[:2] for row in con.execute(f"describe {table}").fetchall()]
                for con in (warehouse, frozen_con)
            ]
            assert described[0] == described[1], table  # names, order and types
            assert warehouse.execute(query).fetchall() == frozen_con.execute(query).fetchall()
        # the build time is back as a column, in its place
        assert frozen_con.execute("select * from audit.publicatie").fetchall() == (
            warehouse.execute("select * from audit.publicatie").fetchall()
        )
    finally:
        warehouse.close()
        frozen_con.close()


def test_a_materialised_snapshot_works_without_file_access(frozen, at):
    """For the guarded query console: tables in memory, then file access off."""
    at(frozen[0])
    result = frozen[1]
    con = snapshot.open_snapshot(result.id, materialise=True)
    con.execute("set enable_external_access = false")
    assert con.execute("select count(*) from marts.inwoners").fetchall() == [(14,)]
    con.close()


def test_the_datapackage_validates_with_frictionless(frozen):
    data, result = frozen
    package = json.loads((result.path / "datapackage.json").read_text())
    assert Package.validate_descriptor(package).valid  # the Data Package profile
    manifest = json.loads((data / "vth.manifest.json").read_text())
    assert package["dbt_version"] == manifest["metadata"]["dbt_version"] == "1.11.16"
    assert package["peildatum"] == "2025-06-30" and package["project_version"] == "1.0.0"
    assert datetime.fromisoformat(package["created"]).tzinfo is not None
    assert (
        package["citation"] == f"VTH-monitor Twente, momentopname {result.id}, peildatum 30-06-2025"
    )
    con = duckdb.connect()
    for entry in package["resources"]:
        path = result.path / entry["path"]
        assert entry["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
        # frictionless reads Parquet through pandas (NULL integers become NaN and no byte
        # count), so the rows are read by DuckDB and checked against the schema by frictionless
        relation = con.execute(f"select * from read_parquet('{path}')")
        header = [column[0] for column in relation.description]
        rows = [list(row) for row in relation.fetchall()]
        assert header == [field["name"] for field in entry["schema"]["fields"]]
        report = Resource(
            data=[header, *rows], schema=Schema.from_descriptor(entry["schema"])
        ).validate()
        assert report.valid, (entry["name"], report.flatten(["type", "note"])[:3])
        assert report.tasks[0].stats["rows"] == entry["rows"] == len(rows)
    # ... and the check can fail: a text column declared as a number does not validate
    entry = next(r for r in package["resources"] if r["name"] == "marts.inwoners")
    wrong = {
        "fields": [
            dict(f, type="number") if f["name"] == "bron" else f for f in entry["schema"]["fields"]
        ]
    }
    rows = con.execute(f"select * from read_parquet('{result.path / entry['path']}')").fetchall()
    names = [f["name"] for f in entry["schema"]["fields"]]
    assert (
        not Resource(data=[names, *map(list, rows)], schema=Schema.from_descriptor(wrong))
        .validate()
        .valid
    )


def test_a_snapshot_refuses_dbt_artifacts_of_another_build(frozen, tmp_path, at):
    data, _ = frozen
    other = at(tmp_path / "data")
    other.mkdir()
    for name in ("vth.duckdb", "vth.manifest.json"):
        shutil.copyfile(data / name, other / name)
    results = json.loads((data / "vth.run_results.json").read_text())
    results["metadata"]["env"]["VTH_GEBOUWD_OP"] = "2020-01-01 00:00:00"
    (other / "vth.run_results.json").write_text(json.dumps(results))
    with pytest.raises(snapshot.SnapshotError, match="horen bij een andere build"):
        snapshot.create_snapshot()
    assert not [p for p in (other / "snapshots").iterdir()]  # the temp folder is gone


def test_no_warehouse_no_snapshot(tmp_path, at, capsys):
    at(tmp_path / "leeg")
    assert main(["snapshot"]) == 1
    assert "nog geen gepubliceerd warehouse" in capsys.readouterr().err


def test_inhabitants_seed_is_published_as_marts_inwoners(frozen):
    """Issue 14 item 6: the 14 municipalities exactly as listed, each with its own date;
    the province is left out."""
    data, _ = frozen
    con = duckdb.connect(str(data / "vth.duckdb"), read_only=True)
    rows = con.execute(
        "select deelnemer_code, inwoners, peildatum, status from marts.inwoners order by 1"
    ).fetchall()
    bronnen = con.execute("select distinct bron from marts.inwoners").fetchall()
    con.close()
    jan_2024 = date(2024, 1, 1)
    assert rows == [
        ("ALM", 74355, jan_2024, "voorlopig"),
        ("BOR", 24632, jan_2024, "voorlopig"),
        ("DIN", 26741, jan_2024, "voorlopig"),
        ("ENS", 161303, date(2023, 1, 1), "voorlopig"),
        ("HAA", 24360, jan_2024, "voorlopig"),
        ("HEL", 36271, jan_2024, "voorlopig"),
        ("HEN", 83051, jan_2024, "voorlopig"),
        ("HVT", 35438, jan_2024, "voorlopig"),
        ("LOS", 23380, jan_2024, "voorlopig"),
        ("OLD", 31794, jan_2024, "voorlopig"),
        ("RIH", 38676, jan_2024, "voorlopig"),
        ("TUB", 21393, jan_2024, "voorlopig"),
        ("TWR", 34071, jan_2024, "voorlopig"),
        ("WIE", 24637, date(2022, 1, 1), "voorlopig"),
    ]
    assert len(bronnen) == 1 and "CBS StatLine 70072ned" in bronnen[0][0]
    assert sum(r[1] for r in rows) == 640_102  # Twente's 14 municipalities, mixed dates


def test_reading_never_creates_the_snapshots_folder(tmp_path, at, capsys):
    data = at(tmp_path / "leeg")
    assert main(["snapshot", "--list"]) == 0
    assert capsys.readouterr().out == "Nog geen momentopnamen.\n"
    assert main(["snapshot", "--verify", "0123456789ab"]) == 2
    assert "Momentopname 0123456789ab bestaat niet." in capsys.readouterr().err
    assert not (data / "snapshots").exists()
