"""Reading a delivered file into a frame of text columns named after the contract.

What this module decides: encoding (UTF-8 with or without BOM, else Windows-1252), separator
(`;`, `,` or tab, from the header line), the sheet of a workbook, header matching and the kind.
What it leaves to ``normalise``: every value rule. A file that cannot be read at all raises
``Unreadable`` with a one-line Dutch reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl

from ingest.schema import KINDS, Kind

SUPPORTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
ROW = "_rij"  # the row number a spreadsheet user sees (header = row 1)


class Unreadable(Exception):
    """The file cannot be read at all; the message is the one-line Dutch reason."""


@dataclass
class Delivery:
    name: str
    kind: Kind
    frame: pl.DataFrame  # Utf8 columns named after the kind's columns, plus ROW
    numeric_columns: set[str] = field(default_factory=set)  # came from numeric Excel cells
    ignored_columns: list[str] = field(default_factory=list)


def header_key(name: str) -> str:
    """Header matching: case-insensitive, surrounding spaces ignored, `_`/space/`-` equal."""
    return re.sub(r"[\s_\-]+", "_", str(name).strip().lower()).strip("_")


def detect_kind(headers: list[str], filename: str, forced: str | None) -> Kind:
    keys = {header_key(h) for h in headers}
    if forced:
        if forced not in KINDS:
            raise Unreadable(f"onbekende soort '{forced}'; kies uit {', '.join(KINDS)}")
        kind = KINDS[forced]
        missing = [c for c in kind.required_names if c not in keys]
        if missing:
            raise Unreadable(
                f"verplichte kolom(men) ontbreken voor soort {forced}: {', '.join(missing)}"
            )
        return kind
    candidates = [k for k in KINDS.values() if set(k.required_names) <= keys]
    if not candidates:
        raise Unreadable(
            "geen herkenbare kopregel: de eerste rij bevat niet de verplichte kolommen van een "
            "van de soorten " + ", ".join(KINDS)
        )
    best = max(len(keys & set(k.column_names)) for k in candidates)
    candidates = [k for k in candidates if len(keys & set(k.column_names)) == best]
    if len(candidates) > 1:
        lowered = filename.lower()
        hinted = [k for k in candidates if any(h in lowered for h in k.filename_hints)]
        if len(hinted) == 1:
            return hinted[0]
        raise Unreadable(
            "soort niet eenduidig uit de kopregel af te leiden "
            f"({', '.join(k.name for k in candidates)}); gebruik --soort"
        )
    return candidates[0]


def _decode(raw: bytes) -> bytes:
    """Return UTF-8 bytes without BOM; Windows-1252 input is converted."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:]
    if b"\x00" in raw[:4096]:
        raise Unreadable("geen tekstbestand (binaire inhoud); lever .csv of .xlsx aan")
    try:
        raw.decode("utf-8")
        return raw
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:
            raise Unreadable("onbekende tekencodering; lever UTF-8 of Windows-1252 aan") from None


def _sniff_separator(text: bytes) -> str:
    first_line = text.split(b"\n", 1)[0]
    counts = {sep: first_line.count(sep.encode()) for sep in (";", "\t", ",")}
    sep, count = max(counts.items(), key=lambda item: item[1])
    if count == 0:
        raise Unreadable(
            "geen herkenbare kopregel: geen scheidingsteken (; , of tab) in de eerste regel"
        )
    return sep


def _read_csv(raw: bytes) -> tuple[pl.DataFrame, set[str]]:
    text = _decode(raw)
    if not text.strip():
        raise Unreadable("het bestand is leeg")
    separator = _sniff_separator(text)
    try:
        frame = pl.read_csv(
            text,
            separator=separator,
            infer_schema=False,
            has_header=True,
            raise_if_empty=True,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Unreadable(
            f"het bestand is geen leesbaar scheidingsteken-bestand ({first})"
        ) from None
    return frame, set()


def _read_xlsx(path: Path) -> tuple[pl.DataFrame, set[str], str | None]:
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # fastexcel raises its own error types for non-workbooks
        raise Unreadable(f"geen leesbaar Excel-bestand ({type(exc).__name__})") from None
    names = reader.sheet_names
    by_kind = {n.strip().lower(): n for n in names if n.strip().lower() in KINDS}
    sheet = next(iter(by_kind.values()), names[0] if names else None)
    if sheet is None:
        raise Unreadable("het Excel-bestand heeft geen werkbladen")
    try:
        frame = reader.load_sheet(sheet).to_polars()
    except Exception as exc:
        raise Unreadable(f"werkblad '{sheet}' is niet leesbaar ({type(exc).__name__})") from None
    numeric: set[str] = set()
    converted = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype in (pl.Date, pl.Datetime) or isinstance(dtype, pl.Datetime):
            converted.append(column.cast(pl.Date).cast(pl.Utf8))
        elif dtype.is_numeric():
            numeric.add(name)
            # Whole numbers without ".0" so integers and codes read as written.
            converted.append(
                pl.when(column == column.round(0))
                .then(column.cast(pl.Int64, strict=False).cast(pl.Utf8))
                .otherwise(column.cast(pl.Utf8))
            )
        elif dtype == pl.Boolean:
            converted.append(column.cast(pl.Utf8))
        else:
            converted.append(column.cast(pl.Utf8))
    frame = frame.select(converted)
    kind_hint = sheet.strip().lower() if sheet.strip().lower() in KINDS else None
    return frame, numeric, kind_hint


def read_delivery(path: Path, raw: bytes, forced_kind: str | None = None) -> Delivery:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise Unreadable(
            f"bestandstype '{suffix or '(geen)'}' wordt niet ondersteund; lever .csv of .xlsx aan"
        )
    sheet_kind = None
    if suffix == ".xlsx":
        frame, numeric, sheet_kind = _read_xlsx(path)
    else:
        frame, numeric = _read_csv(raw)

    headers = [str(c) for c in frame.columns]
    kind = detect_kind(headers, path.name, forced_kind or sheet_kind)

    wanted = set(kind.column_names)
    rename: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        key = header_key(header)
        if key in wanted and key not in rename.values():
            rename[header] = key
        else:
            ignored.append(header)
    frame = frame.select(
        pl.col(original).cast(pl.Utf8).alias(target) for original, target in rename.items()
    )
    numeric = {rename[c] for c in numeric if c in rename}
    missing = [c for c in kind.column_names if c not in frame.columns]
    frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(c) for c in missing)
    frame = frame.select(kind.column_names).with_row_index(ROW, offset=2)
    frame = frame.with_columns(pl.col(ROW).cast(pl.Int32))
    # Whitespace-only cells are empty cells; a row with no value at all is not a record.
    # Text columns are trimmed here; typed columns are trimmed per distinct value in normalise.
    frame = frame.with_columns(
        pl.col(c.name).str.strip_chars().replace("", None) for c in kind.columns if c.type == "text"
    )
    frame = frame.filter(~pl.all_horizontal(pl.col(c).is_null() for c in kind.column_names))
    return Delivery(path.name, kind, frame, numeric, ignored)
