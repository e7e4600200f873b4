"""Check, then publish: the upload of the Gegevens page without Streamlit (issue 16, point 1).

1. ``controleer_bestanden(bestanden)``: every uploaded file passes the byte checks of
   ``dashboard/upload.py`` (size, extension, type by content) and then ``ingest.controle``
   (data contract v2, "check a delivery, change nothing"): what a load would do per file. The
   files are written to a private temporary folder OUTSIDE ``$VTH_DATA_DIR`` (a check writes
   nothing there) and removed right after.
2. ``publiceer(bestanden)``: only after the user confirmed: every file is loaded
   (``upload.verwerk``: archived, audited) and, when a load changed anything, the warehouse is
   rebuilt and published (``warehouse.build.build``). The caller logs.
3. ``terugmelding(controles)``: the quarantined rows of the check as an Excel workbook for the
   supplier: per row the file, the sheet row, the column, the value as delivered and the reason,
   Dutch headers; text that a spreadsheet would run as a formula is neutralised
   (``dashboard.export.als_excel``).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from core import paths as settings
from core.lock import LockBusy
from dashboard import export, upload
from ingest.controle import Controle, controleer
from ingest.load import Outcome
from warehouse.build import BuildResult, build

TERUGMELDING_KOLOMMEN = {
    "bestand": "Bestand",
    "rij": "Rij in het blad",
    "kolom": "Kolom",
    "waarde": "Waarde zoals geleverd",
    "reden": "Reden",
}


@dataclass
class Gecontroleerd:
    """One uploaded file after the check: the refusal of the byte checks, or the check."""

    naam: str
    fout: str | None = None
    controle: Controle | None = None


@dataclass
class Publicatie:
    """What ``publiceer`` did: per file the load outcome or the refusal, and the build."""

    geladen: list[tuple[str, Outcome | None, str | None]] = field(default_factory=list)
    bouw: BuildResult | None = None
    bezet: str | None = None

    @property
    def gewijzigd(self) -> bool:
        return any(u is not None and u.resultaat in ("geladen", "vervangen")
                   for _, u, _ in self.geladen)


def _privemap() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="vth-upload-controle-")).resolve()
    if folder.is_relative_to(settings.data_dir_path()):
        shutil.rmtree(folder, ignore_errors=True)
        raise upload.UploadGeweigerd(
            "De tijdelijke map ligt in de datamap; zet TMPDIR op een andere plek.")
    return folder  # mkdtemp makes it 0700


def controleer_bestanden(
    bestanden: list[tuple[str, bytes]], lock_wait: float | None = None
) -> list[Gecontroleerd]:
    """What a load of these files would do, one result per file; writes nothing under
    ``$VTH_DATA_DIR``. ``LockBusy`` passes on (a load holds the landing database)."""
    lock_wait = upload.LOCK_WACHT if lock_wait is None else lock_wait
    uitkomst: list[Gecontroleerd] = []
    folder = _privemap()
    try:
        paden: list[tuple[int, Path]] = []
        for naam, inhoud in bestanden:
            try:
                schoon = upload.controleer(naam, inhoud)
            except upload.UploadGeweigerd as exc:
                uitkomst.append(Gecontroleerd(naam, fout=str(exc)))
                continue
            # one subfolder per file: two uploads with the same name stay apart
            sub = folder / str(len(uitkomst))
            sub.mkdir()
            pad = sub / schoon
            pad.write_bytes(inhoud)
            uitkomst.append(Gecontroleerd(schoon))
            paden.append((len(uitkomst) - 1, pad))
        for index, pad in paden:
            [controle] = controleer([pad], lock_wait=lock_wait)
            uitkomst[index].controle = controle
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return uitkomst


def terugmelding_frame(gecontroleerd: list[Gecontroleerd]) -> pl.DataFrame:
    """Every quarantined row of the check: bestand, rij, kolom, waarde, reden."""
    rijen = [
        {"bestand": g.controle.bron, "rij": q["rij"], "kolom": q["kolom"] or "(hele rij)",
         "waarde": q["waarde"], "reden": q["reden"]}
        for g in gecontroleerd if g.controle is not None
        for q in g.controle.quarantaine
    ]
    schema = {"bestand": pl.String, "rij": pl.Int64, "kolom": pl.String, "waarde": pl.String,
              "reden": pl.String}
    return pl.DataFrame(rijen, schema=schema, orient="row")


def terugmelding(gecontroleerd: list[Gecontroleerd]) -> bytes:
    """The terugmelding workbook for the supplier (sheet "terugmelding")."""
    return export.als_excel(terugmelding_frame(gecontroleerd), TERUGMELDING_KOLOMMEN,
                            "terugmelding")


def publiceer(
    bestanden: list[tuple[str, bytes]],
    peildatum: date | None = None,
    lock_wait: float | None = None,
) -> Publicatie:
    """Load the files, then rebuild and publish when a load changed anything (the
    Streamlit-free load-and-build of the upload page)."""
    resultaat = Publicatie()
    for naam, inhoud in bestanden:
        try:
            verwerking = upload.verwerk(naam, inhoud, lock_wait=lock_wait)
        except upload.UploadGeweigerd as exc:
            resultaat.geladen.append((naam, None, str(exc)))
            continue
        except LockBusy as exc:
            resultaat.bezet = str(exc)
            break
        resultaat.geladen.append((verwerking.bestand, verwerking.uitkomst, None))
    if resultaat.gewijzigd:
        try:
            resultaat.bouw = build(peildatum, lock_wait=upload.LOCK_WACHT
                                   if lock_wait is None else lock_wait)
        except LockBusy as exc:
            resultaat.bezet = str(exc)
    return resultaat


def indicator_effect(bestanden: list[tuple[str, bytes]]):
    """How the published indicators would change (``warehouse.voorbeeld``: a load and a build
    on a scratch copy outside ``$VTH_DATA_DIR``; takes about as long as a build)."""
    from warehouse.voorbeeld import indicator_voorbeeld

    folder = _privemap()
    try:
        paden = []
        for index, (naam, inhoud) in enumerate(bestanden):
            sub = folder / str(index)
            sub.mkdir()
            pad = sub / upload.veilige_naam(naam)
            pad.write_bytes(inhoud)
            paden.append(pad)
        return indicator_voorbeeld(paden)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
