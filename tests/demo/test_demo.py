"""The demo generator: deterministic, every kind, the volumes and the story the marts rely on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from demo import files, odt, story
from demo.__main__ import generate, main
from ingest.schema import KINDS

SOORT_VAN_BESTAND = {
    "inzet_": "inzet",
    "bijdragen_": "bijdragen",
    "presentie_": "presentie",
    "odt_productie_": "odt_productie",
    "odt_zaken_": "odt_zaken",
    "samenwerkingsagenda": "agenda",
}


@pytest.fixture(scope="module")
def leveringen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("demo")
    paths = generate(out)  # scale 1, seed 2024: what `make demo` delivers
    return {p.name: p for p in paths}


def _kolommen(namen: list[str]) -> list[str]:
    """Header normalisation as the contract describes it (case, spaces, "_" = " ")."""
    return [n.strip().lower().replace(" ", "_").replace("-", "_") for n in namen]


def _lees_csv(path: Path, **kwargs) -> pl.DataFrame:
    df = pl.read_csv(path, infer_schema=False, **kwargs)
    return df.rename(dict(zip(df.columns, _kolommen(df.columns), strict=True)))


def _lees_xlsx(path: Path) -> pl.DataFrame:
    df = pl.read_excel(path, infer_schema_length=0)
    return df.rename(dict(zip(df.columns, _kolommen(df.columns), strict=True)))


def test_same_seed_gives_byte_identical_files(leveringen, tmp_path):
    tweede = {p.name: p for p in generate(tmp_path)}
    assert sorted(tweede) == sorted(leveringen)
    for name, path in leveringen.items():
        assert path.read_bytes() == tweede[name].read_bytes(), name


def test_every_kind_is_delivered_with_its_contract_header(leveringen):
    soorten = set()
    for name, path in leveringen.items():
        soort = next(s for prefix, s in SOORT_VAN_BESTAND.items() if name.startswith(prefix))
        soorten.add(soort)
        if path.suffix == ".xlsx":
            header = _lees_xlsx(path).columns
        else:
            encoding = "windows-1252" if name in ("inzet_2022.csv", "inzet_2023.csv") else "utf8"
            separator = "," if name == "presentie_overleggen.csv" else ";"
            header = _lees_csv(path, separator=separator, encoding=encoding).columns
        assert header == list(KINDS[soort].column_names), name
    assert soorten == set(KINDS)
    expected = (
        {f"inzet_{j}.csv" for j in story.JAREN}
        | {f"odt_zaken_{j}.csv" for j in story.JAREN}
        | {f"odt_productie_{j}.xlsx" for j in story.JAREN}
        | {
            "bijdragen_2022-2026.xlsx",
            "presentie_pho.xlsx",
            "presentie_overleggen.csv",
            "odt_zaken_2025_correctie.csv",
            "samenwerkingsagenda.xlsx",
            "samenwerkingsagenda_update_2026-06.csv",
        }
    )
    assert set(leveringen) == expected


def test_supplier_encodings(leveringen):
    oud = leveringen["inzet_2022.csv"].read_bytes()
    nieuw = leveringen["inzet_2024.csv"].read_bytes()
    assert not oud.startswith(b"\xef\xbb\xbf") and b"\r\n" in oud
    assert "Coördinatie".encode("cp1252") in oud  # Windows-1252, not UTF-8
    assert nieuw.startswith(b"\xef\xbb\xbf")
    assert nieuw.decode("utf-8-sig").splitlines()[0] == ";".join(KINDS["inzet"].column_names)
    zaken = leveringen["odt_zaken_2024.csv"].read_bytes()
    assert not zaken.startswith(b"\xef\xbb\xbf")
    # dd-mm-yyyy and a decimal comma
    eerste = zaken.split(b"\n")[1].split(b";")
    assert eerste[5] == b"02-01-2024"  # the first working day (1 January is a holiday)
    assert b"," in eerste[8] and b"." not in eerste[8]


@pytest.mark.parametrize("jaar", story.JAREN)
def test_odt_zaken_volume_and_keys(leveringen, jaar):
    df = _lees_csv(leveringen[f"odt_zaken_{jaar}.csv"], separator=";")
    low, high = (75_000, 95_000) if jaar == 2026 else (90_000, 110_000)  # 2026: Jan-Oct
    assert low <= df.height <= high
    assert df["zaak_id"].n_unique() == df.height
    assert df["zaak_id"][0] == f"Z{jaar}-000001"
    start = df["startdatum"].str.to_date("%d-%m-%Y")
    assert start.dt.year().unique().to_list() == [jaar]
    assert start.max() <= story.LEVERDATUM
    insp = df.filter(pl.col("controle_type").is_not_null())
    aandeel = insp["controle_type"].value_counts(normalize=True)
    herc = aandeel.filter(pl.col("controle_type") == "hercontrole")["proportion"][0]
    assert 0.12 < herc < 0.18
    ja = (insp["overtreding"] == "ja").sum() / insp["overtreding"].is_not_null().sum()
    assert 0.2 <= ja <= 0.3
    # klacht_aard only on complaints, lhso only on violations
    assert df.filter(pl.col("klacht_aard").is_not_null())["controle_type"].unique().to_list() == [
        "klacht"
    ]
    assert df.filter(pl.col("lhso_categorie").is_not_null())["overtreding"].unique().to_list() == [
        "ja"
    ]
    # open cases have no einddatum
    assert (
        df.filter(pl.col("status") == "open")["einddatum"].null_count()
        == df.filter(pl.col("status") == "open").height
    )


def test_zaken_correction_redelivers_known_cases_with_a_change(leveringen):
    origineel = _lees_csv(leveringen["odt_zaken_2025.csv"], separator=";")
    correctie = _lees_csv(leveringen["odt_zaken_2025_correctie.csv"], separator=";")
    assert correctie.height == 50
    beide = correctie.join(origineel, on="zaak_id", suffix="_oud")
    assert beide.height == 50
    veranderd = (pl.col("status") != pl.col("status_oud")) | (
        pl.col("controle_type") != pl.col("controle_type_oud")
    )
    assert beide.filter(veranderd).height == 50
    herzien = (pl.col("controle_type_oud") == "periodiek") & (
        pl.col("controle_type") == "hercontrole"
    )
    assert beide.filter(herzien).height == 35
    assert (beide["status_oud"] == "open").sum() == 15


def test_pho_meetings_per_year(leveringen):
    pho = _lees_xlsx(leveringen["presentie_pho.xlsx"])
    datum = pho["datum"].str.slice(0, 10)
    jaar = (
        pl.when(datum.str.contains(r"^\d{4}"))
        .then(datum.str.slice(0, 4))
        .otherwise(datum.str.slice(6, 4))
    )
    per_jaar = (
        pho.with_columns(jaar=jaar.cast(pl.Int32), d=datum)
        .group_by("jaar")
        .agg(pl.col("d").n_unique())
        .sort("jaar")
    )
    assert dict(per_jaar.iter_rows()) == {2022: 3, 2023: 4, 2024: 5, 2025: 4, 2026: 3}
    assert pho.height == 19 * 16  # 15 parties plus Waterschap Vechtstromen per meeting
    assert set(pho["gremium"]) == {"Portefeuillehoudersoverleg", "PHO", "pho"}
    vertegenwoordigd = pho.filter(pl.col("status") == "vertegenwoordigd")
    assert vertegenwoordigd["vertegenwoordigd_door"].null_count() == 1  # the broken row


def test_kerngroep_and_twentebreed_meetings(leveringen):
    df = _lees_csv(leveringen["presentie_overleggen.csv"], separator=",")
    df = df.with_columns(
        jaar=pl.col("datum").str.slice(0, 4).cast(pl.Int32), g=pl.col("gremium").str.to_lowercase()
    )
    kern = df.filter(pl.col("g").str.starts_with("kerngroep"))
    tellen = kern.group_by("jaar").agg(pl.col("datum").n_unique()).sort("jaar")
    assert dict(tellen.iter_rows()) == {2022: 11, 2023: 12, 2024: 12, 2025: 11, 2026: 9}
    leden_2025 = set(
        kern.filter((pl.col("jaar") == 2025) & (pl.col("rol") == "ambtenaar"))["deelnemer"]
    )
    assert leden_2025 == {"ENS", "HEN", "ALM", "PRO"}
    twente = df.filter(pl.col("g").str.starts_with("twentebreed"))
    tellen = twente.group_by("jaar").agg(pl.col("datum").n_unique()).sort("jaar")
    assert dict(tellen.iter_rows()) == {2022: 5, 2023: 6, 2024: 6, 2025: 6, 2026: 5}
    assert df.filter(pl.col("g").is_in(["projectgroep", "werkgroep"]))["project"].null_count() == 0


def _inzet_uren(leveringen) -> dict[tuple[int, str], float]:
    """Hours per (year, party code) from the inzet files, broken rows left out."""
    orgs = files.read_orgs()
    label = {}
    for code, org in orgs.items():
        for vorm in range(5):
            label[org.label(vorm)] = code
    frames = []
    for jaar in story.JAREN:
        enc = "windows-1252" if jaar < 2024 else "utf8"
        df = _lees_csv(leveringen[f"inzet_{jaar}.csv"], separator=";", encoding=enc)
        frames.append(df.with_columns(jaar=pl.lit(jaar)))
    df = (
        pl.concat(frames)
        .with_columns(
            code=pl.col("deelnemer").replace_strict(label, default=None),
            uren=pl.col("uren").str.replace(",", ".").cast(pl.Float64, strict=False),
        )
        .filter(
            pl.col("code").is_not_null() & (pl.col("uren") <= 24) & (pl.col("gremium") != "bestuur")
        )
    )
    totaal = df.group_by("jaar", "code").agg(pl.col("uren").sum())
    return {(j, c): u for j, c, u in totaal.iter_rows()}


def test_inzet_story(leveringen):
    uren = _inzet_uren(leveringen)
    partijen = [c for c, o in files.read_orgs().items() if o.partij]
    assert len(partijen) == 15
    for jaar in (2024, 2025):
        for code in partijen:
            if code == story.NIETS_BETALER:
                assert uren[(jaar, code)] < 12
            elif code in story.UREN_TEKORT[jaar]:
                assert 30 <= uren[(jaar, code)] <= 80
            else:
                assert 107 <= uren[(jaar, code)] <= 160
    # old style: only the old kerngroep parties register hours, and fewer
    assert {c for (j, c) in uren if j == 2022} == set(story.OUDE_STIJL_INZET)
    assert max(u for (j, _), u in uren.items() if j < 2024) < 100


def test_bijdragen_story(leveringen):
    df = _lees_xlsx(leveringen["bijdragen_2022-2026.xlsx"])
    orgs = files.read_orgs()
    label = {org.label(v): code for code, org in orgs.items() for v in range(5)}
    tekst = pl.col("bedrag").str.starts_with("€")  # "€ 10.000,00" typed by hand
    df = df.with_columns(
        code=pl.col("deelnemer").replace_strict(label, default=None),
        bedrag=pl.when(tekst)
        .then(pl.col("bedrag").str.replace_all(r"[€ .]", "").str.replace(",", "."))
        .otherwise(pl.col("bedrag"))
        .cast(pl.Float64),
    )
    twr = df.filter(pl.col("code") == story.NIETS_BETALER)
    assert twr.height > 0 and twr["betaaldatum"].null_count() == twr.height  # never paid
    vervangend = df.filter(pl.col("soort").str.starts_with("vervangend"))
    assert story.NIETS_BETALER not in set(vervangend["code"])
    assert set(vervangend.filter(pl.col("jaar") == "2024")["code"]) == {"DIN", "LOS", "TUB"}
    assert set(vervangend.filter(pl.col("jaar") == "2025")["code"]) == {"DIN", "HAA", "LOS", "TUB"}
    # 2026 advance: 70 h short of 130 -> 70 / 130 x 10,000
    voorschot = vervangend.filter(pl.col("jaar") == "2026")
    assert set(voorschot["code"]) == {"DIN", "TUB"}
    assert voorschot["bedrag"].to_list() == [5384.62, 5384.62]
    # Art. 7.3 pro rata: the 2024 amount follows the hours actually put in
    uren = _inzet_uren(leveringen)
    for code, bedrag in (
        vervangend.filter(pl.col("jaar") == "2024").select("code", "bedrag").iter_rows()
    ):
        assert bedrag == pytest.approx((130 - uren[(2024, code)]) / 130 * 10_000, abs=0.01)
    vast = df.filter((pl.col("soort") == "vaste_bijdrage") & (pl.col("jaar") == "2026"))
    assert set(vast.filter(pl.col("betaaldatum").is_null())["code"]) == {"OLD", "TWR"}
    assert df.filter(pl.col("omschrijving") == "creditnota")["bedrag"].to_list() == [-120.0]
    assert df["deelnemer"].null_count() == 1  # the broken row
    # a mix of real Excel dates and typed text, of numbers and "€ 10.000,00"
    ruw = pl.read_excel(leveringen["bijdragen_2022-2026.xlsx"], infer_schema_length=0)
    assert ruw["bedrag"].str.starts_with("€").any()
    assert ruw["factuurdatum"].str.contains(r"^\d{2}-\d{2}-\d{4}$").any()
    assert ruw["factuurdatum"].str.contains(r"^\d{4}-\d{2}-\d{2}").any()


def test_productie_and_agenda(leveringen):
    p2026 = _lees_xlsx(leveringen["odt_productie_2026.xlsx"])
    assert p2026["maand"].cast(pl.Float64).max() == 10
    assert p2026["deelnemer"].n_unique() == 15
    agenda = _lees_xlsx(leveringen["samenwerkingsagenda.xlsx"])
    assert agenda.height == 30 and agenda["id"].n_unique() == 30
    assert (agenda["status"] == "gestopt").sum() == 1
    update = _lees_csv(leveringen["samenwerkingsagenda_update_2026-06.csv"], separator=";")
    assert set(update["id"]) <= set(agenda["id"])
    oud = dict(agenda.select("id", "status").iter_rows())
    assert all(
        oud[i] != s or i in ("BO-C1", "PR-05") for i, s in update.select("id", "status").iter_rows()
    )


def test_broken_rows_are_there_once(leveringen):
    def telt(name: str, needle: str, encoding: str = "utf-8-sig") -> int:
        return leveringen[name].read_bytes().decode(encoding).count(needle)

    assert telt("inzet_2023.csv", ";abc;", "cp1252") == 1
    assert telt("inzet_2025.csv", "31-02-2025") == 1
    assert telt("inzet_2025.csv", "Gemeente Amsterdam") == 1
    assert telt("inzet_2024.csv", ";bestuur;") == 1
    assert telt("odt_zaken_2025.csv", ";E9;") == 1
    assert telt("odt_zaken_2023.csv", ";-2,5;") == 1
    zaken = _lees_csv(leveringen["odt_zaken_2024.csv"], separator=";").with_columns(
        pl.col("startdatum", "einddatum").str.to_date("%d-%m-%Y")
    )
    assert zaken.filter(pl.col("einddatum") < pl.col("startdatum")).height == 1


def test_cli_prints_a_dutch_line_per_file(tmp_path, monkeypatch, capsys, data_dir):
    # data_dir: the generator marks its files as demo deliveries in $VTH_DATA_DIR
    monkeypatch.setattr(odt, "ZAKEN_PER_JAAR", dict.fromkeys(story.JAREN, 3_000))
    assert main(["--out", str(tmp_path / "uit"), "--seed", "7", "--schaal", "2"]) == 0
    regels = capsys.readouterr().out.strip().splitlines()
    assert len(regels) == 22  # 21 files and a total
    assert all(r.endswith("rijen") for r in regels[:-1])
    zaken = next(r for r in regels if r.startswith("odt_zaken_2024.csv"))
    n = int(zaken.split()[1].replace(".", ""))
    assert 5_700 <= n <= 6_300  # 3,000 x schaal 2
    gegenereerd = (tmp_path / "uit" / "odt_zaken_2024.csv").read_bytes().count(b"\n") - 1
    assert gegenereerd == n
    assert dt.date(2026, 10, 31) == story.LEVERDATUM
