"""The Query, Logboek and Gegevens (upload, rebuild) pages and the accounts command."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import lock
from dashboard import logboek, upload, users
from tests.conftest import fixture

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def _als(rol: str, pagina: str, timeout: float = 30) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout).run()
    at.sidebar.selectbox(key="rol").select(rol).run()
    at.switch_page(f"views/{pagina}.py").run()
    assert not at.exception, at.exception
    return at


def _logboek(data_dir: Path) -> list[dict]:
    path = data_dir / "logboek" / "logboek.jsonl"
    return [json.loads(r) for r in path.read_text(encoding="utf-8").splitlines()]


# --- Query -------------------------------------------------------------------------------------


def _query(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="query_sql").input(sql)
    return at.button(key="query_uitvoeren").click().run()


def test_query_page_runs_a_query_and_offers_downloads(warehouse: Path) -> None:
    at = _als("evaluator", "query")
    assert at.title[0].value == "Query"
    assert "marts.indicatoren" in at.selectbox(key="query_tabel").options

    _query(at, "select jaar, waarde from marts.indicatoren where deelnemer_code is null "
               "and indicator_id = 'pho_presentie' order by jaar")
    assert not at.exception, at.exception
    resultaat = at.dataframe[-1].value
    assert resultaat.to_dict("records") == [  # Dutch numbers on screen (issue 14)
        {"jaar": "2024", "waarde": "80"},
        {"jaar": "2025", "waarde": "87,5"},
    ]
    assert "2 rijen in" in " ".join(c.value for c in at.caption)
    # CSV, Excel and (evaluator) Parquet downloads
    assert at.get("download_button")
    regels = _logboek(warehouse.parent)
    assert [r["actie"] for r in regels][-2:] == ["query", "pagina_persoonsgegevens"]
    assert regels[-2]["details"]["resultaat"] == "uitgevoerd"
    assert regels[-2]["gebruiker"] == "demo" and regels[-2]["rol"] == "evaluator"


@pytest.mark.parametrize(
    ("sql", "melding"),
    [
        ("select * from read_text('/etc/passwd')", "De query-console leest alleen de tabellen"),
        ("copy (select 1) to '/tmp/x.csv'", "Alleen een query (SELECT of WITH … SELECT) is "
                                           "toegestaan, geen COPY"),
        ("select 1; drop table marts.indicatoren", "Precies één statement toegestaan"),
    ],
)
def test_query_page_shows_the_dutch_refusal(warehouse: Path, sql: str, melding: str) -> None:
    at = _query(_als("beheerder", "query"), sql)
    assert not at.exception, at.exception
    assert at.error[0].value.startswith(melding)
    assert len(at.dataframe) == 1  # only the help's column list, no result table
    laatste = _logboek(warehouse.parent)[-1]
    assert laatste["actie"] == "query" and laatste["details"]["resultaat"] == "geweigerd"


def test_query_page_says_when_the_row_cap_was_hit(warehouse: Path) -> None:
    at = _query(_als("evaluator", "query"), "select * from range(25000) t(n)")
    assert at.warning[-1].value.startswith("Het resultaat is afgekapt op 10.000 rijen.")
    assert len(at.dataframe[-1].value) == 10_000


def test_query_result_is_not_shown_to_another_role(warehouse: Path) -> None:
    at = _query(_als("evaluator", "query"), "select 42 as antwoord")
    assert at.dataframe[-1].value["antwoord"].tolist() == ["42"]  # Dutch text on screen
    at.sidebar.selectbox(key="rol").select("beheerder").run()
    assert not [d for d in at.dataframe if "antwoord" in d.value.columns]


# --- Logboek -------------------------------------------------------------------------------------


def test_logboek_page_newest_first_with_filters(warehouse: Path) -> None:
    pad = warehouse.parent / "logboek"
    pad.mkdir(exist_ok=True)
    regels = [
        {"tijd": "2026-11-20T09:00:00", "gebruiker": "kees", "rol": "kerngroep",
         "actie": "upload", "details": {"bestand": "inzet.csv"}},
        {"tijd": "2026-11-21T10:00:00", "gebruiker": "eva", "rol": "evaluator",
         "actie": "query", "details": {"sql": "select 1"}},
        {"tijd": "2026-11-22T11:00:00", "gebruiker": "kees", "rol": None,
         "actie": "inloggen_mislukt", "details": {"reden": "onjuist"}},
    ]
    (pad / "logboek.jsonl").write_text("".join(json.dumps(r) + "\n" for r in regels) + "kapot\n")
    at = _als("beheerder", "logboek")
    at.date_input(key="logboek_periode").set_value(None).run()
    tabel = at.dataframe[0].value
    assert list(tabel["Tijd"]) == ["22-11-2026 11:00:00", "21-11-2026 10:00:00",
                                   "20-11-2026 09:00:00"]
    assert list(tabel["Actie"]) == ["Inloggen mislukt", "Query", "Upload"]
    assert tabel.iloc[1]["Rol"] == "Evaluator"

    at.multiselect(key="logboek_gebruiker").select("kees").run()
    assert list(at.dataframe[0].value["Actie"]) == ["Inloggen mislukt", "Upload"]
    at.text_input(key="logboek_zoek").input("inzet").run()
    assert list(at.dataframe[0].value["Actie"]) == ["Upload"]


def test_logboek_never_writes_secret_details(data_dir: Path) -> None:
    logboek.write("inloggen", {"via": "x", "wachtwoord": "geheim1234", "id_token": "abc"},
                    gebruiker="jan")
    regel = _logboek(data_dir)[-1]
    assert regel["details"] == {"via": "x"} and regel["gebruiker"] == "jan"


# --- Gegevens: upload and rebuild ---------------------------------------------------------------


def test_upload_checks_before_anything_is_stored(data_dir: Path) -> None:
    with pytest.raises(upload.UploadGeweigerd, match="geen Excel-werkmap"):
        upload.verwerk("inzet.xlsx", b"datum;deelnemer\n")
    with pytest.raises(upload.UploadGeweigerd, match="geen Excel-werkmap"):
        upload.verwerk("kapot.xlsx", fixture("kapot.xlsx").read_bytes())  # text, named .xlsx
    with pytest.raises(upload.UploadGeweigerd, match="beschadigd"):
        upload.verwerk("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    geen_werkmap = io.BytesIO()
    with zipfile.ZipFile(geen_werkmap, "w") as archief:
        archief.writestr("readme.txt", "geen werkmap")
    with pytest.raises(upload.UploadGeweigerd, match="niet leesbaar"):
        upload.verwerk("zip.xlsx", geen_werkmap.getvalue())
    with pytest.raises(upload.UploadGeweigerd, match="geen tekstbestand"):
        upload.verwerk("inzet.csv", b"PK\x03\x04\x00\x00binary")
    with pytest.raises(upload.UploadGeweigerd, match="wordt niet geaccepteerd"):
        upload.verwerk("notulen.pdf", fixture("notulen.pdf").read_bytes())
    with pytest.raises(upload.UploadGeweigerd, match="groter dan 50 MB"):
        upload.verwerk("groot.csv", b"a;b\n" + b"1;2\n" * (13 * 1024**2))
    # (a file that passes these checks but cannot be read is loaded as "mislukt", archived and
    # audited like on the command line: tests/ingest/test_hardening.py)
    # nothing archived, nothing loaded, no temp folder left behind
    assert not (data_dir / "archief").exists() or not any((data_dir / "archief").iterdir())
    assert not (data_dir / "landing.duckdb").exists()
    assert not (data_dir / "upload").exists() or not any((data_dir / "upload").iterdir())


def test_zip_bomb_is_refused(data_dir: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bom:
        bom.writestr("xl/worksheets/sheet1.xml", b"0" * (600 * 1024**2))
    with pytest.raises(upload.UploadGeweigerd, match="onredelijke grootte"):
        upload.verwerk("bom.xlsx", buffer.getvalue())


def test_upload_keeps_a_sanitised_name_and_loads(data_dir: Path) -> None:
    verwerking = upload.verwerk("../../etc/inzet;x.csv",
                                fixture("inzet_fouten.csv").read_bytes())
    assert verwerking.bestand == "inzet_x.csv" and verwerking.soort == "inzet"
    u = verwerking.uitkomst
    assert u.resultaat == "geladen" and u.rijen_quarantaine > 0
    assert set(u.quarantaine.columns) >= {"_rij", "kolom", "waarde", "reden"}
    assert (data_dir / "archief").is_dir()
    assert not any((data_dir / "upload").iterdir())


def test_upload_while_busy_says_so(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(upload, "LOCK_WACHT", 0.2)
    with lock.exclusive("een build (test)"):
        with pytest.raises(lock.LockBusy, match="De datamap is bezet door een build"):
            upload.verwerk("inzet.csv", fixture("inzet_tab.csv").read_bytes())


def test_kerngroep_checks_then_publishes_and_the_upload_box_empties(
    warehouse: Path, monkeypatch
) -> None:
    # with a login, not demo mode: the published warehouse holds a real delivery afterwards
    data = warehouse.parent
    monkeypatch.delenv("VTH_DEMO")
    users.voeg_toe("secretaris", "kerngroep", "Twentse-kanaal-proef-2026")
    at = AppTest.from_file(APP, default_timeout=240).run()
    at.text_input(key="login_naam").input("secretaris")
    at.text_input(key="login_wachtwoord").input("Twentse-kanaal-proef-2026")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    at.switch_page("views/gegevens.py").run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.label == "Opnieuw bouwen"]  # beheerder only
    oud = warehouse.stat().st_ino
    at.file_uploader(key="upload_bestanden_0").set_value(
        [
            ("inzet_fouten.csv", fixture("inzet_fouten.csv").read_bytes(), "text/csv"),
            ("nep.xlsx", b"dit is geen werkmap", "application/octet-stream"),
        ]
    )
    at.run()
    at.button(key="upload_controleren").click().run()
    assert not at.exception, at.exception
    # the check: what python -m ingest --controle says; nothing loaded, nothing published
    controle = [w.value for w in at.warning if "inzet_fouten" in w.value]
    assert controle[0].startswith(
        "**inzet_fouten.csv: soort inzet, 10 rijen gelezen; een lading zou 2 toevoegen, 0 "
        "vervangen en 8 in quarantaine zetten (geladen)**")
    assert "- quarantaine: uren: waarde mag maximaal 24 zijn – 1 rij (rij 8)" in controle[0]
    assert "nep.xlsx: dit is geen Excel-werkmap (.xlsx), ook al heet het zo." in [
        e.value for e in at.error]
    assert not (data / "landing.duckdb").exists() and warehouse.stat().st_ino == oud
    terug = at.dataframe[0].value
    assert list(terug.columns) == ["Bestand", "Rij in het blad", "Kolom",
                                   "Waarde zoals geleverd", "Reden"]
    assert terug.shape[0] == 9  # 8 rows, row 11 twice (datum and uren empty)
    assert terug.iloc[1].tolist() == ["inzet_fouten.csv", 4, "deelnemer", "Gemeente Amsterdam",
                                      "onbekende organisatie (code, naam of alias uit de "
                                      "organisatielijst)"]
    assert [d.label for d in at.get("download_button")] == ["Terugmelding (Excel)"]

    at.button(key="upload_publiceren").click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Geladen en gepubliceerd") for s in at.success)
    assert warehouse.stat().st_ino != oud  # published by atomic rename
    # the upload box is a new, empty one: the files cannot be loaded again by a second click
    assert at.file_uploader(key="upload_bestanden_1").value in (None, [])
    assert not [b for b in at.button if b.key == "upload_publiceren"]
    regels = _logboek(data)
    stappen = [(r["actie"], r["details"].get("stap")) for r in regels
               if r["actie"] in ("upload", "herbouwen")]
    assert stappen == [("upload", "controle"), ("upload", "publiceren"), ("herbouwen", None)]
    assert regels[-1]["details"]["resultaat"] == "gepubliceerd"
    assert [r["actie"] for r in regels].count("pagina_persoonsgegevens") == 1


def test_beheerder_rebuilds_with_a_peildatum_and_busy_lock_is_explained(
    warehouse: Path, monkeypatch
) -> None:
    monkeypatch.setattr(upload, "LOCK_WACHT", 0.2)
    at = _als("beheerder", "gegevens")
    with lock.exclusive("een lading (test)"):
        at.button(key="herbouwen").click().run()
    assert not at.exception, at.exception
    assert any("De datamap is bezet door een lading (test)" in w.value for w in at.warning)
    assert _logboek(warehouse.parent)[-1]["details"]["resultaat"] == "bezet"


# --- accounts command ---------------------------------------------------------------------------


def test_users_command(data_dir: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert users.main(["add", "Jan", "--rol", "kerngroep", "--wachtwoord-stdin"]) == 0
    assert "Account 'jan' (kerngroep) opgeslagen" in capsys.readouterr().out
    assert users.main(["add", "piet", "--rol", "admin", "--wachtwoord-stdin"]) == 2
    assert "Onbekende rol 'admin'" in capsys.readouterr().err
    assert users.main(["list"]) == 0
    assert capsys.readouterr().out == "jan\tkerngroep\t–\tactief\n"
    assert users.main(["remove", "jan"]) == 0
    assert users.main(["remove", "jan"]) == 2
    assert "bestaat niet" in capsys.readouterr().err
