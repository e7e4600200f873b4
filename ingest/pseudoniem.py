"""Pseudonyms for personal data: a keyed hash (HMAC-SHA256) of a delivered name.

Names (``inzet.medewerker``, ``presentie.naam``) stay in the landing database, which is never
published; the landing tables also get ``medewerker_id`` / ``naam_id``, and dbt selects only
those, so no name reaches the published warehouse.

The key is read from env ``VTH_PSEUDONIEM_SLEUTEL`` or else from
``$VTH_DATA_DIR/geheim/pseudoniem.sleutel``, which is created (32 random bytes, hex, mode 0600)
on first use. It never goes into a DuckDB file: without the key a pseudonym cannot be turned
back into a name by trying names. Keep the key: a new key gives every person a new pseudonym,
so counts per person across old and new loads no longer line up (the backfill below only fills
rows that have no pseudonym yet).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from pathlib import Path

import polars as pl

from core import paths

ENV_SLEUTEL = "VTH_PSEUDONIEM_SLEUTEL"
PREFIX = "p-"
HEX_CHARS = 16  # 64 bits: no collision to expect among the few thousand people of a region


def sleutel_pad() -> Path:
    return paths.data_dir() / "geheim" / "pseudoniem.sleutel"


def sleutel() -> bytes:
    """The pseudonymisation key; created with mode 0600 on first use when no env key is set."""
    uit_env = os.environ.get(ENV_SLEUTEL, "").strip()
    if uit_env:
        if len(uit_env) < 32:
            raise ValueError(f"{ENV_SLEUTEL} is te kort: gebruik minstens 32 tekens.")
        return uit_env.encode("utf-8")
    pad = sleutel_pad()
    pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    waarde = pad.read_text(encoding="utf-8").strip()
    if len(waarde) < 32:
        raise ValueError(f"De pseudoniemsleutel in {pad} is leeg of te kort.")
    return waarde.encode("utf-8")


def normaliseer(naam: str) -> str:
    """One person, one pseudonym: case, surrounding and repeated spaces, and how an accent is
    encoded (one composed "ü" or "u" plus a combining diaeresis, as macOS writes it) do not
    matter."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", naam)).strip().casefold()


def pseudoniem(naam: str, key: bytes) -> str:
    digest = hmac.new(key, normaliseer(naam).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:HEX_CHARS]


def pseudoniemen(namen: pl.Series, key: bytes | None = None) -> pl.Series:
    """The pseudonym of every name in ``namen`` (null stays null), hashing each distinct name
    once and mapping the column in one vectorised replace."""
    key = key or sleutel()
    uniek = namen.drop_nulls().unique().to_list()
    mapping = {naam: pseudoniem(naam, key) for naam in uniek if naam.strip()}
    return namen.replace_strict(mapping, default=None, return_dtype=pl.Utf8)
