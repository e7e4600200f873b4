"""Uploads on the Gegevens page: checked on the server, then loaded and published.

``verwerk(naam, inhoud)`` is the whole path, without Streamlit so it can be tested directly:

1. Checks on the bytes, before anything is stored: size (``MAX_BYTES``, the same 50 MB as
   ``server.maxUploadSize``), extension .csv or .xlsx, and the type *by content*: an .xlsx must
   start with the zip signature ``PK\\x03\\x04``, have a readable zip directory with a workbook
   part and declare a sane unpacked size; a .csv must be text (no NUL bytes). Nothing here
   parses the workbook: no delivery is ever parsed inside the dashboard server's process.
2. The file is saved under its sanitised original name in a fresh temporary folder under
   ``$VTH_DATA_DIR/upload/`` and ``ingest.load.load_paths`` loads it like the command line does:
   read, validated and loaded in a worker process under the read budget (a file over it, or one
   that cannot be read, is ``mislukt`` with a Dutch reason), archived and audited. The
   temporary folder is removed afterwards in every case, and a folder left by a server that
   died mid-upload is removed at the next upload: nothing stays in ``upload/`` but the audit
   row.

``LockBusy`` (a load or build is running) is passed on; the page turns it into a message.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core import vocabulary
from core.paths import data_dir
from ingest.load import Outcome, load_paths

MAX_BYTES = 50 * 1024**2
MAX_UITGEPAKT = 500 * 1024**2  # an xlsx of 50 MB unpacks to far less than this
MAX_ZIP_DELEN = 10_000
VERWEESD_NA = 3600.0  # seconds: an upload folder this old was left by a server that died
ALLOWED_SUFFIXES = vocabulary.CONTRACT_SUFFIXES  # the contract's formats (core/vocabulary.py)
ZIP_SIGNATUUR = b"PK\x03\x04"
LOCK_WACHT = 5.0  # seconds a user waits for a running load or build before the busy message


class UploadGeweigerd(Exception):
    """The file is refused before anything is stored; the message is Dutch, one line."""


@dataclass
class Verwerking:
    bestand: str  # the sanitised name under which it was loaded
    soort: str | None  # None when the file could not be read (uitkomst.resultaat "mislukt")
    uitkomst: Outcome


def veilige_naam(naam: str) -> str:
    """The original file name without folders or odd characters, extension kept."""
    naam = unicodedata.normalize("NFKC", Path(naam.replace("\\", "/")).name)
    stam, punt, ext = naam.rpartition(".")
    if not punt:
        stam, ext = naam, ""
    stam = re.sub(r"[^\w.() -]+", "_", stam, flags=re.ASCII).strip(" ._") or "levering"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())
    return f"{stam[:100]}.{ext}" if ext else stam[:100]


def controleer(naam: str, inhoud: bytes) -> str:
    """Check name, size and content type; returns the sanitised name or raises UploadGeweigerd."""
    schoon = veilige_naam(naam)
    extensie = Path(schoon).suffix.lower()
    if extensie not in ALLOWED_SUFFIXES:
        raise UploadGeweigerd(
            f"{naam}: bestandstype '{extensie or '(geen)'}' wordt niet geaccepteerd; lever "
            f"{vocabulary.formats_text()} aan."
        )
    if not inhoud:
        raise UploadGeweigerd(f"{naam}: het bestand is leeg.")
    if len(inhoud) > MAX_BYTES:
        raise UploadGeweigerd(f"{naam}: het bestand is groter dan {MAX_BYTES // 1024**2} MB.")
    if extensie in vocabulary.WORKBOOK_SUFFIXES:
        _controleer_xlsx(naam, inhoud)
    else:
        _controleer_csv(naam, inhoud)
    return schoon


def _controleer_xlsx(naam: str, inhoud: bytes) -> None:
    if not inhoud.startswith(ZIP_SIGNATUUR):
        raise UploadGeweigerd(f"{naam}: dit is geen Excel-werkmap (.xlsx), ook al heet het zo.")
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except zipfile.BadZipFile:
        raise UploadGeweigerd(f"{naam}: de Excel-werkmap is beschadigd.") from None
    if len(delen) > MAX_ZIP_DELEN or sum(d.file_size for d in delen) > MAX_UITGEPAKT:
        raise UploadGeweigerd(f"{naam}: de Excel-werkmap pakt uit tot een onredelijke grootte.")
    # Only the directory is looked at here; the parts are read (and their real unpacked size
    # counted) in the ingest worker, never in this process.
    if not any(d.filename.lstrip("/") in ("xl/workbook.xml", "_rels/.rels") for d in delen):
        raise UploadGeweigerd(f"{naam}: de Excel-werkmap is niet leesbaar.")


def _controleer_csv(naam: str, inhoud: bytes) -> None:
    # The encoding (UTF-8, Windows-1252, or both line by line) is the reader's business.
    if b"\x00" in inhoud:
        raise UploadGeweigerd(f"{naam}: dit is geen tekstbestand (binaire inhoud).")


def _ruim_verweesd_op(basis: Path) -> None:
    """Remove upload folders a server that died mid-upload left behind (personal data)."""
    grens = time.time() - VERWEESD_NA
    for map_ in basis.glob("upload-*"):
        try:
            if map_.stat().st_mtime < grens:
                shutil.rmtree(map_, ignore_errors=True)
        except OSError:
            pass


def verwerk(naam: str, inhoud: bytes, lock_wait: float | None = None) -> Verwerking:
    """Check, save in a temporary folder, read and load one uploaded file."""
    lock_wait = LOCK_WACHT if lock_wait is None else lock_wait
    schoon = controleer(naam, inhoud)
    basis = data_dir() / "upload"
    basis.mkdir(mode=0o700, exist_ok=True)
    _ruim_verweesd_op(basis)
    map_ = Path(tempfile.mkdtemp(prefix="upload-", dir=basis))
    try:
        pad = map_ / schoon
        with open(pad, "xb") as handle:
            handle.write(inhoud)
        (uitkomst,) = load_paths([pad], lock_wait=lock_wait, with_quarantine=True)
        return Verwerking(schoon, uitkomst.soort, uitkomst)
    finally:
        shutil.rmtree(map_, ignore_errors=True)
