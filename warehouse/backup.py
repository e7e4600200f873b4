"""Backup and restore of everything under ``$VTH_DATA_DIR`` that a rebuild cannot recreate.

What counts as state is declared once, in ``core/state.py``. A backup is a folder:

- the state files under their own relative paths (mode 0600, folders 0700), and
- ``manifest.json``: format, when, the peildatum of the published warehouse at that moment (a
  rebuild with the same peildatum gives the same ``marts.*``), and per file its path, size
  and SHA-256.

Consistent while the dashboard runs: the copy is made under the data directory's lock (no load,
upload or build can change the landing, the archive or its audit rows meanwhile); a DuckDB file
with a write-ahead log is checkpointed first, so the copied file is the whole database; an
append-only ``.jsonl`` log is copied up to its last complete line; ``gebruikers.json`` is
replaced atomically by its writer, so one read gives one version. The backup is written into a
hidden sibling folder and renamed into place only when complete.

A restore only goes into an EMPTY data directory, and only after every file of the backup has
been checked against the manifest (nothing is written when one differs, is missing, is extra,
or is a link); each file is checked again while it is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

import duckdb

from core import fmt, lock, paths, state
from core.clock import now

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupFout(RuntimeError):
    """A refused or failed backup or restore; the message is one Dutch line."""


@dataclass
class Resultaat:
    map: Path
    bestanden: int
    bytes: int
    seconden: float
    peildatum: str | None = None
    waarschuwingen: list[str] = field(default_factory=list)

    def omvang(self) -> str:
        return fmt.megabytes(self.bytes, 1)


# --- copying ---------------------------------------------------------------------------------


def _mkdirs(root: Path, relative: PurePosixPath) -> None:
    """Create the parent folders of ``relative`` under ``root`` with mode 0700."""
    folder = root
    for part in relative.parent.parts:
        folder = folder / part
        if not folder.is_dir():
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


def _copy(source: Path, target: Path, whole_lines: bool = False) -> tuple[str, int]:
    """Copy ``source`` to a new file ``target`` (mode 0600, fsynced); return sha256 and size.

    ``whole_lines``: stop after the last newline, so a line being appended right now is left
    out instead of copied half.
    """
    digest = hashlib.sha256()
    size = 0
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    src = os.open(source, flags)
    try:
        dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(dst, 0o600)
            pending = b""
            while chunk := os.read(src, CHUNK):
                if whole_lines:
                    chunk = pending + chunk
                    cut = chunk.rfind(b"\n") + 1
                    chunk, pending = chunk[:cut], chunk[cut:]
                digest.update(chunk)
                size += len(chunk)
                os.write(dst, chunk)
            os.fsync(dst)
        finally:
            os.close(dst)
    finally:
        os.close(src)
    return digest.hexdigest(), size


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest(), size


def _checkpoint(database: Path) -> None:
    """Fold a write-ahead log into its DuckDB file, so copying the file copies everything."""
    if not database.with_name(database.name + ".wal").exists():
        return
    try:
        con = duckdb.connect(str(database))
    except duckdb.IOException as exc:
        raise lock.LockBusy(
            f"{database.name} is in gebruik door een ander proces; probeer het later opnieuw."
        ) from exc
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def _check_duckdb(copy: Path) -> None:
    try:
        con = duckdb.connect(str(copy), read_only=True)
        try:
            con.execute("select count(*) from duckdb_tables()").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise BackupFout(f"De kopie van {copy.name} is geen leesbare DuckDB-database.") from exc


def _publication() -> tuple[str | None, str | None]:
    """Peildatum and build time of the published warehouse, if there is one."""
    path = paths.warehouse_path()
    if not path.exists():
        return None, None
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            rows = con.execute("select peildatum, gebouwd_op from audit.publicatie").fetchall()
        finally:
            con.close()
    except duckdb.Error:
        return None, None
    if not rows:
        return None, None
    peildatum, gebouwd_op = rows[0]
    return (str(peildatum) if peildatum else None), (str(gebouwd_op) if gebouwd_op else None)


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# --- backup ----------------------------------------------------------------------------------


def backup(target: Path, lock_wait: float | None = None) -> Resultaat:
    """Copy the state of the data directory into the new folder ``target``."""
    started = time.perf_counter()
    root = paths.data_dir()
    target = Path(os.path.abspath(target))
    if _inside(target.resolve(), root):
        raise BackupFout(f"De backupmap {target} ligt in de datamap {root}; kies een map "
                         "daarbuiten (liefst op een andere schijf).")
    if target.exists() and not _is_empty_dir(target):
        raise BackupFout(f"De backupmap {target} bestaat al en is niet leeg; kies een nieuwe "
                         "map, zodat een eerdere backup nooit wordt overschreven.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.onvolledig-{os.getpid()}"
    staging.mkdir(mode=0o700)
    os.chmod(staging, 0o700)
    waarschuwingen: list[str] = []
    entries: list[dict] = []
    try:
        with lock.exclusive("een backup (python -m warehouse backup)", lock_wait):
            for rel in state.walk(root):
                entry = state.classify(rel)
                if (entry is None or entry.state) and rel.endswith(".duckdb"):
                    _checkpoint(root / rel)
            for rel in state.walk(root):
                entry = state.classify(rel)
                if entry is not None and not entry.state:
                    continue
                source = root / rel
                if source.is_symlink():
                    waarschuwingen.append(f"{rel}: een symbolische koppeling, niet meegenomen.")
                    continue
                if entry is None:
                    waarschuwingen.append(
                        f"{rel}: niet in de inventaris (core/state.py), toch meegenomen."
                    )
                _mkdirs(staging, PurePosixPath(rel))
                sha, size = _copy(source, staging / rel, whole_lines=rel.endswith(".jsonl"))
                if rel.endswith(".duckdb"):
                    _check_duckdb(staging / rel)
                entries.append({"pad": rel, "bytes": size, "sha256": sha})
            peildatum, gebouwd_op = _publication()
        if os.environ.get("VTH_PSEUDONIEM_SLEUTEL", "").strip():
            waarschuwingen.append(
                "De pseudoniemsleutel komt uit VTH_PSEUDONIEM_SLEUTEL en zit dus niet in de "
                "backup: bewaar die apart."
            )
        manifest = {
            "formaat": FORMAT,
            "product": "VTH-monitor Twente",
            "gemaakt_op": now().isoformat(sep=" "),
            "datamap": str(root),
            "peildatum": peildatum,
            "warehouse_gebouwd_op": gebouwd_op,
            "bestanden": entries,
        }
        fd = os.open(staging / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            target.rmdir()
        os.rename(staging, target)
        _fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Resultaat(target, len(entries), sum(e["bytes"] for e in entries),
                     time.perf_counter() - started, peildatum, waarschuwingen)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- verify and restore ----------------------------------------------------------------------


def _valid_path(text: object) -> PurePosixPath:
    """A manifest path that stays inside the data directory and may be restored."""
    if not isinstance(text, str) or not text or "\\" in text or "\x00" in text:
        raise BackupFout(f"Ongeldig pad in {MANIFEST}: {text!r}.")
    path = PurePosixPath(text)
    if path.is_absolute() or path.as_posix() != text or any(
        part in ("", ".", "..") for part in text.split("/")
    ):
        raise BackupFout(f"Ongeldig pad in {MANIFEST}: {text!r}.")
    entry = state.classify(path)
    if text == MANIFEST or (entry is not None and not entry.state):
        raise BackupFout(f"{text} hoort niet in een backup (wordt opnieuw gemaakt); de backup "
                         "is niet door python -m warehouse backup gemaakt.")
    return path


def _read_manifest(source: Path) -> dict:
    file = source / MANIFEST
    if not source.is_dir():
        raise BackupFout(f"De backupmap {source} bestaat niet.")
    if not file.is_file() or file.is_symlink():
        raise BackupFout(f"Geen {MANIFEST} in {source}: dit is geen backup van de VTH-monitor.")
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
        files = manifest["bestanden"]
        if manifest.get("formaat") != FORMAT or not isinstance(files, list):
            raise ValueError
        for item in files:
            if not (isinstance(item, dict) and isinstance(item.get("sha256"), str)
                    and isinstance(item.get("bytes"), int)):
                raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupFout(f"{MANIFEST} in {source} is onleesbaar of heeft een onbekend "
                         "formaat.") from None
    return manifest


def verify(source: Path) -> dict:
    """Check every file of the backup in ``source`` against its manifest; return the manifest.

    Fails, naming the file, on a file that differs, is missing, is not in the manifest, or is
    a link or something other than a regular file.
    """
    source = Path(os.path.abspath(source))
    manifest = _read_manifest(source)
    listed: dict[str, dict] = {}
    for item in manifest["bestanden"]:
        rel = _valid_path(item.get("pad")).as_posix()
        if rel in listed:
            raise BackupFout(f"{rel} staat twee keer in {MANIFEST}.")
        listed[rel] = item
    present = set()
    for rel in state.walk(source):
        path = source / rel
        if path.is_symlink() or not path.is_file():
            raise BackupFout(f"Backup afgekeurd: {rel} is geen gewoon bestand.")
        if rel != MANIFEST:
            present.add(rel)
    extra, missing = sorted(present - listed.keys()), sorted(listed.keys() - present)
    if extra:
        raise BackupFout(f"Backup afgekeurd: {extra[0]} staat niet in {MANIFEST}.")
    if missing:
        raise BackupFout(f"Backup afgekeurd: {missing[0]} ontbreekt (staat wel in {MANIFEST}).")
    for rel, item in sorted(listed.items()):
        sha, size = _sha256(source / rel)
        if sha != item["sha256"] or size != item["bytes"]:
            raise BackupFout(f"Backup afgekeurd: {rel} wijkt af van {MANIFEST} (sha256 of "
                             "grootte klopt niet); er is niets hersteld.")
    return manifest


def _occupied(root: Path) -> bool:
    """True when the data directory holds anything but the (empty) lock file."""
    return any(child.name != ".vth.lock" for child in root.iterdir())


def restore(source: Path, check_only: bool = False) -> Resultaat:
    """Restore the backup in ``source`` into the (empty) data directory."""
    started = time.perf_counter()
    source = Path(os.path.abspath(source))
    root = paths.data_dir()
    if not check_only and _occupied(root):
        raise BackupFout(f"De datamap {root} is niet leeg; herstellen kan alleen in een lege "
                         "datamap (verplaats de huidige inhoud eerst).")
    if not check_only:
        os.chmod(root, 0o700)  # empty, so ours: personal data goes in
    manifest = verify(source)
    files = manifest["bestanden"]
    result = Resultaat(root, len(files), sum(f["bytes"] for f in files), 0.0,
                       manifest.get("peildatum"))
    if check_only:
        result.map = source
        result.seconden = time.perf_counter() - started
        return result
    try:
        with lock.exclusive("een herstel (python -m warehouse restore)", 0):
            if _occupied(root):
                raise BackupFout(f"De datamap {root} is niet leeg; herstellen kan alleen in "
                                 "een lege datamap.")
            for item in files:
                rel = PurePosixPath(item["pad"])
                _mkdirs(root, rel)
                sha, size = _copy(source / rel, root / rel)
                if sha != item["sha256"] or size != item["bytes"]:
                    raise BackupFout(f"Herstel afgebroken: {rel} veranderde tijdens het "
                                     "kopiëren; de datamap is weer leeg gemaakt.")
    except BaseException:
        # The folder was empty before (checked under the lock): leave it empty again.
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        raise
    _fsync_dir(root)
    result.seconden = time.perf_counter() - started
    return result


def describe(when: str | None) -> str:
    """A Dutch date (dd-mm-jjjj) for a peildatum from the manifest."""
    if not when:
        return ""
    return fmt.date(date.fromisoformat(when[:10]))
