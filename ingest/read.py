"""Reading a delivered file into a frame of text columns named after the contract.

What this module decides: encoding (UTF-8 with or without BOM, Windows-1252, or line by line
when a file mixes both), separator (`;`, `,` or tab), the sheet of a workbook, the header row
(the first of the first 20 rows that holds a kind's required columns), header matching, the
kind, and which rows are no record at all (empty rows) or a row problem of their own (a totals
row, a CSV row with the wrong number of fields). Every cell arrives as the text a user sees
(``ingest.xlsx``); ``normalise`` applies the value rules. A file that cannot be read at all
raises ``Unreadable`` with a one-line Dutch reason; a file over the read budget raises
``OverBudget`` (also ``Unreadable``) before it is expanded.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from core import fmt, vocabulary
from core.vocabulary import FALLBACK_ENCODING, READABLE_SUFFIXES
from ingest import xlsx
from ingest.budget import ReadBudget
from ingest.schema import KINDS, ROW, Kind

_FALLBACK_NAME = vocabulary.ENCODING_NAMES[FALLBACK_ENCODING]

__all__ = ["ROW", "READABLE_SUFFIXES", "Delivery", "OverBudget", "Unreadable", "read_delivery"]
HEADER_ROWS = 20  # the header is searched among this many first rows
TOTALS = r"(?i)^\s*(sub[\s-]?)?tot(aa|a)l\b"
ROW_PROBLEM_SCHEMA = {ROW: pl.Int32, "kolom": pl.Utf8, "waarde": pl.Utf8, "reden": pl.Utf8}
CELL_ERROR_SCHEMA = {ROW: pl.Int32, "kolom": pl.Utf8, "waarde": pl.Utf8}
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


class Unreadable(Exception):
    """The file cannot be read at all; the message is the one-line Dutch reason."""


class OverBudget(Unreadable):
    """The file would take more than the read budget; refused before it is expanded."""


@dataclass
class Delivery:
    name: str
    kind: Kind
    frame: pl.DataFrame  # Utf8 columns named after the kind's columns, plus ROW
    ignored_columns: list[str] = field(default_factory=list)
    # error cells (#N/A ...): their row fails, with the error as the raw value
    cell_errors: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(
        schema=CELL_ERROR_SCHEMA))
    # rows that are quarantined as a whole before any value rule (totaalrij, field count)
    row_problems: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(
        schema=ROW_PROBLEM_SCHEMA))
    notes: list[str] = field(default_factory=list)  # for the audit row's melding


def header_key(name: str) -> str:
    """Header matching: case-insensitive, surrounding spaces ignored, `_`/space/`-` equal, and a
    trailing unit in brackets ignored ("Uren gepland (uren)" = uren_gepland)."""
    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", str(name).strip())
    return re.sub(r"[\s_\-]+", "_", text.strip().lower()).strip("_")


def _kinds_for(keys: set[str], forced: Kind | None) -> list[Kind]:
    kinds = [forced] if forced else list(KINDS.values())
    return [k for k in kinds if set(k.required_names) <= keys]


def _choose_kind(headers: list[str], filename: str, forced: Kind | None) -> Kind:
    keys = {header_key(h) for h in headers}
    candidates = _kinds_for(keys, forced)
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


def _forced(name: str | None) -> Kind | None:
    if not name:
        return None
    if name not in KINDS:
        raise Unreadable(f"onbekende soort '{name}'; kies uit {', '.join(KINDS)}")
    return KINDS[name]


def find_header(
    rows: Sequence[tuple[int, list[str | None]]], filename: str, forced: Kind | None
) -> tuple[int, Kind]:
    """(position in ``rows`` of the header row, kind): the first of the first HEADER_ROWS rows
    whose cells hold the required columns of a kind (of the forced kind, when given)."""
    for position, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        headers = [c for c in cells if c]
        if _kinds_for({header_key(h) for h in headers}, forced):
            return position, _choose_kind(headers, filename, forced)
    if forced:
        first = next((cells for _, cells in rows[:HEADER_ROWS] if any(cells)), [])
        keys = {header_key(c) for c in first if c}
        missing = [c for c in forced.required_names if c not in keys]
        raise Unreadable(
            f"verplichte kolom(men) ontbreken voor soort {forced.name}: {', '.join(missing)}"
        )
    raise Unreadable(
        f"geen herkenbare kopregel: geen van de eerste {HEADER_ROWS} rijen bevat de verplichte "
        "kolommen van een van de soorten " + ", ".join(KINDS)
    )


def _ranges(numbers: list[int], limit: int = 20) -> str:
    """'3, 5-7, 12' (at most ``limit`` ranges, then '…')."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:limit])
    return text + (", …" if len(spans) > limit else "")


# --- CSV -------------------------------------------------------------------------------------


def decode_text(raw: bytes) -> tuple[bytes, list[int] | None]:
    """UTF-8 bytes (a BOM left in place: it is on the first line, which is never data) and the
    line numbers read as Windows-1252 (None: none).

    Data contract v2, "encodings": UTF-8 (with or without BOM); a file with no valid UTF-8
    multi-byte sequence that fails UTF-8 is Windows-1252; a file that mixes both is read line by
    line, each line in the encoding it is valid in, so "Müller" never becomes "MÃ¼ller".
    A UTF-8 file is checked in slices and returned as it is (no copy of a 200 MB delivery).
    """
    if b"\x00" in raw[:4096]:
        raise Unreadable(
            f"geen tekstbestand (binaire inhoud); lever {vocabulary.formats_text()} aan"
        )
    if raw.isascii():  # the usual machine export: nothing to decode at all
        return raw, None
    decoder = codecs.getincrementaldecoder(vocabulary.ENCODING)()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), 16 << 20):
            decoder.decode(view[start : start + (16 << 20)], final=False)
        decoder.decode(b"", final=True)
        return raw, None
    except UnicodeDecodeError:
        pass
    finally:
        view.release()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    lines = raw.split(b"\n")
    if not _UTF8_MULTIBYTE.search(raw):
        try:
            return raw.decode(FALLBACK_ENCODING).encode("utf-8"), list(range(1, len(lines) + 1))
        except UnicodeDecodeError:
            pass  # a byte Windows-1252 does not define: find the line below
    out: list[bytes] = []
    cp1252: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
            out.append(line)
        except UnicodeDecodeError:
            try:
                out.append(line.decode(FALLBACK_ENCODING).encode("utf-8"))
            except UnicodeDecodeError:
                raise Unreadable(
                    f"regel {number}: onbekende tekencodering; lever "
                    f"{vocabulary.encodings_text()} aan"
                ) from None
            cp1252.append(number)
    return b"\n".join(out), cp1252


def _first_lines(text: bytes, count: int) -> list[bytes]:
    lines: list[bytes] = []
    position = 0
    while len(lines) < count and position < len(text):
        end = text.find(b"\n", position)
        if end == -1:
            end = len(text)
        lines.append(text[position:end])
        position = end + 1
    return lines


def _parse_lines(lines: list[bytes], separator: str) -> list[list[str]]:
    text = b"\n".join(lines).decode("utf-8", "replace").removeprefix("\ufeff")
    decoded = io.StringIO(text)
    return [[c.strip() for c in row] for row in csv.reader(decoded, delimiter=separator)]


def _csv_header(
    text: bytes, filename: str, forced: Kind | None
) -> tuple[str, int, Kind, list[str]]:
    """(separator, header line index, kind, header fields)."""
    lines = _first_lines(text, HEADER_ROWS + 1)
    if not any(line.strip() for line in lines):
        raise Unreadable("het bestand is leeg")
    found = None
    first_error: Unreadable | None = None
    for separator in (";", "\t", ","):
        if not any(separator.encode() in line for line in lines):
            continue
        rows = _parse_lines(lines, separator)
        try:
            position, kind = find_header(list(enumerate(rows, start=1)), filename, forced)
        except Unreadable as exc:
            first_error = first_error or exc
            continue
        width = len(rows[position])
        if found is None or width > len(found[3]):
            found = (separator, position, kind, rows[position])
    if found:
        return found
    if first_error:
        raise first_error
    raise Unreadable(
        "geen herkenbare kopregel: geen scheidingsteken (; , of tab) in de eerste regels"
    )


def _line_stats(body: bytes, separator: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Per line of ``body``: number of fields and length in bytes; and the number of separators.
    In chunks, so a 200 MB file does not need gigabytes of index arrays."""
    fields: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    separators = 0
    start = 0
    size = len(body)
    view = np.frombuffer(body, dtype=np.uint8)
    while start < size:
        end = body.find(b"\n", min(start + (32 << 20), size - 1))
        end = size if end == -1 else end + 1
        chunk = view[start:end]
        newlines = np.flatnonzero(chunk == 10)
        line_ends = newlines if chunk[-1] == 10 else np.append(newlines, len(chunk))
        line_starts = np.concatenate(([0], newlines + 1))[: len(line_ends)]
        seps = np.flatnonzero(chunk == separator)
        separators += len(seps)
        fields.append(np.searchsorted(seps, line_ends) - np.searchsorted(seps, line_starts) + 1)
        lengths.append(line_ends - line_starts)
        start = end
    if not fields:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    return np.concatenate(fields), np.concatenate(lengths), separators


def _ragged_reason(found: int, expected: int) -> str:
    return f"aantal velden klopt niet: {found} in plaats van {expected}"


def _too_long(row: int, budget: ReadBudget) -> OverBudget:
    return OverBudget(
        f"rij {row}: een veld is langer dan {fmt.number(budget.cell_chars, 0)} tekens "
        "(leesbudget); zo'n "
        "waarde komt niet uit een spreadsheet"
    )


def _csv_fast(
    text: bytes, cut: int, separator: str, width: int, first_row: int, budget: ReadBudget
) -> tuple[pl.DataFrame, list[tuple[int, str, str]]] | None:
    """Without quote characters a line is a record, and polars reads the file as it is
    (``text`` from offset ``cut``, the line after the header; counted in place, not copied).

    Ragged lines are found without looking at every line in Python: polars refuses a line with
    too many fields, and when the separators add up to exactly (width - 1) per non-empty line
    while none has too many, none has too few either. Only when that does not hold are the
    lines counted one by one (vectorised) and the ragged ones blanked, which keeps the row
    numbers. None when the file has quotes (the csv module then reads it).
    """
    if text.find(b'"', cut) != -1:
        return None
    schema = {f"c{i}": pl.Utf8 for i in range(width)}
    size = len(text) - cut
    if size == 0 or (size < 65536 and not text[cut:].strip()):
        return pl.DataFrame(schema=schema), []
    sep = separator.encode()
    separators = text.count(sep, cut)
    if size - separators > budget.text:  # line ends counted as text: a bound that errs safe
        raise OverBudget(
            f"het bestand bevat meer dan {fmt.megabytes(budget.text)} tekst (leesbudget); lever "
            "het in "
            "delen aan"
        )
    options = {"separator": separator, "has_header": False, "schema": schema,
               "quote_char": None}
    problems: list[tuple[int, str, str]] = []
    try:
        frame = pl.read_csv(text, skip_lines=text.count(b"\n", 0, cut), **options)
    except pl.exceptions.ComputeError:
        frame = None  # a line with too many fields
    # polars reads one row per line (an empty line is a row of nulls): with exactly
    # (width - 1) separators per row and none with too many, none has too few either
    if frame is None or separators != (width - 1) * frame.height:
        body, problems = _blank_ragged(text[cut:], separator, width, first_row)
        frame = pl.read_csv(body, **options)
    return frame, problems


def _blank_ragged(
    body: bytes, separator: str, width: int, first_row: int
) -> tuple[bytes, list[tuple[int, str, str]]]:
    """Lines with another number of fields than the header, as row problems; in the returned
    body they are empty lines, so every other line keeps its row number."""
    counts, lengths, _ = _line_stats(body, ord(separator))
    problems: list[tuple[int, str, str]] = []
    blank: list[int] = []
    offsets = np.concatenate(([0], np.cumsum(lengths + 1)))
    for index in np.flatnonzero(counts != width).tolist():
        line = body[offsets[index] : offsets[index] + lengths[index]].decode("utf-8")
        text = line.rstrip("\r")
        if not text.strip().strip(separator).strip():
            continue  # an empty line (or only separators): no record
        problems.append((first_row + index, text, _ragged_reason(int(counts[index]), width)))
        blank.append(index)
    pieces, last = [], 0
    for index in blank:
        pieces.append(body[last : offsets[index]])
        last = int(offsets[index] + lengths[index])
    pieces.append(body[last:])
    return b"".join(pieces), problems


def _csv_slow(
    body: bytes, separator: str, width: int, first_row: int, budget: ReadBudget
) -> tuple[pl.DataFrame, list[tuple[int, str, str]]]:
    """The csv module: quotes, separators inside quotes, line breaks inside a field."""
    columns: list[list[str | None]] = [[] for _ in range(width)]
    problems: list[tuple[int, str, str]] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(budget.cell_chars)
    chars = 0
    try:
        reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""), delimiter=separator)
        index = -1
        for index, fields in enumerate(reader):
            if len(fields) != width and any(f.strip() for f in fields):
                problems.append(
                    (first_row + index, separator.join(fields), _ragged_reason(len(fields), width))
                )
                fields = []
            if len(fields) != width:
                fields = [""] * width
            for column, value in zip(columns, fields, strict=True):
                chars += len(value)
                column.append(value or None)
            if chars > budget.text:
                raise OverBudget(
                    f"het bestand bevat meer dan {fmt.megabytes(budget.text)} tekst (leesbudget); "
                    "lever "
                    "het in delen aan"
                )
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _too_long(first_row + index + 1, budget) from None
        raise Unreadable(f"het bestand is geen leesbaar CSV-bestand ({exc})") from None
    finally:
        csv.field_size_limit(limit)
    frame = pl.DataFrame({f"c{i}": col for i, col in enumerate(columns)}, schema={
        f"c{i}": pl.Utf8 for i in range(width)})
    return frame, problems


def _read_csv(raw: bytes, filename: str, forced: Kind | None, budget: ReadBudget):
    text, cp1252 = decode_text(raw)
    if not text or text.isspace() or text == b"\xef\xbb\xbf":
        raise Unreadable("het bestand is leeg")
    separator, header_index, kind, headers = _csv_header(text, filename, forced)
    # the body starts after the header line (no line breaks inside the first lines' quotes)
    cut = 0
    for _ in range(header_index + 1):
        cut = text.find(b"\n", cut) + 1
        if cut == 0:
            cut = len(text)
            break
    width = len(headers)
    first_row = header_index + 2
    result = _csv_fast(text, cut, separator, width, first_row, budget)
    if result is None:
        result = _csv_slow(text[cut:], separator, width, first_row, budget)
    frame, problems = result
    notes = []
    if cp1252:
        total = text.count(b"\n") + (0 if text.endswith(b"\n") else 1)
        notes.append(
            f"gelezen als {_FALLBACK_NAME}"
            if len(cp1252) >= total
            else f"regels gelezen als {_FALLBACK_NAME}: {_ranges(cp1252)}"
        )
    return kind, headers, frame, first_row, problems, notes


# --- xlsx ------------------------------------------------------------------------------------


def _sheet_choice(names: list[str]) -> int:
    """A sheet named after a kind wins over the first sheet (data contract, "Input files")."""
    for index, name in enumerate(names):
        if name.strip().lower() in KINDS:
            return index
    return 0


def _read_xlsx(raw: bytes, filename: str, forced: Kind | None, budget: ReadBudget):
    try:
        sheet = xlsx.read_workbook(io.BytesIO(raw), budget, _sheet_choice)
    except xlsx.OverBudget as exc:
        raise OverBudget(str(exc)) from None
    except xlsx.WorkbookError as exc:
        raise Unreadable(str(exc)) from None
    sheet_kind = sheet.name.strip().lower()
    if forced is None and sheet_kind in KINDS:
        forced = KINDS[sheet_kind]
    cells = pl.DataFrame(
        {
            "r": pl.Series(sheet.rows + [r for r, _, _ in sheet.errors], dtype=pl.Int32),
            "c": pl.Series(sheet.cols + [c for _, c, _ in sheet.errors], dtype=pl.Int32),
            "v": pl.Series(sheet.values + [e for _, _, e in sheet.errors], dtype=pl.Utf8),
            "e": pl.Series([False] * len(sheet.rows) + [True] * len(sheet.errors)),
        }
    )
    cells = _fill_merges(cells, sheet.merges, budget)
    head = cells.filter(pl.col("r") <= HEADER_ROWS + 1).sort("r", "c")
    by_row: dict[int, dict[int, str]] = {}
    for r, c, v, e in head.iter_rows():
        if not e:
            by_row.setdefault(r, {})[c] = v
    width = max((max(row) for row in by_row.values()), default=0)
    rows = [
        (r, [by_row.get(r, {}).get(c) for c in range(1, width + 1)])
        for r in range(1, HEADER_ROWS + 1)
    ]
    position, kind = find_header(rows, filename, forced)
    header_row, header_cells = rows[position]
    # one column per header cell, in sheet order; columns without a header are reported
    headers = [c or "" for c in header_cells]
    data = cells.filter(pl.col("r") > header_row)
    unnamed = (
        data.filter(~pl.col("c").is_in([i + 1 for i, h in enumerate(headers) if h.strip()]))
        .get_column("c")
        .unique()
        .sort()
        .to_list()
    )
    return kind, headers, data, header_row + 1, unnamed


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _fill_merges(
    cells: pl.DataFrame, merges: list[tuple[int, int, int, int]], budget: ReadBudget
) -> pl.DataFrame:
    """A merged range shows its first cell's value; that value applies to every row the range
    covers (in the range's first column). Values hidden under the range are not shown, so they
    do not count."""
    merges = [m for m in merges if (m[2], m[3]) != (m[0], m[1])]
    if not merges or cells.is_empty():
        return cells
    last_row = cells.get_column("r").max()
    ranges = pl.DataFrame(
        merges, schema={"r1": pl.Int32, "c1": pl.Int32, "r2": pl.Int32, "c2": pl.Int32},
        orient="row",
    ).with_columns(pl.min_horizontal("r2", pl.lit(last_row, pl.Int32)).alias("r2"))
    extra = int(ranges.select((pl.col("r2") - pl.col("r1")).clip(0).sum()).item() or 0)
    if cells.height + extra > budget.cells:
        raise OverBudget(
            f"de werkmap heeft meer dan {fmt.number(budget.cells, 0)} gevulde cellen (leesbudget); "
            "lever een kleiner bestand aan"
        )
    covered = cells.join(ranges, how="cross").filter(
        pl.col("r").is_between(pl.col("r1"), pl.col("r2"))
        & pl.col("c").is_between(pl.col("c1"), pl.col("c2"))
        & ~((pl.col("r") == pl.col("r1")) & (pl.col("c") == pl.col("c1")))
    ) if cells.height * len(merges) <= 50_000_000 else None
    if covered is None:  # many cells and many ranges: one range at a time
        hidden = pl.concat([
            cells.filter(
                pl.col("r").is_between(r1, r2) & pl.col("c").is_between(c1, c2)
                & ~((pl.col("r") == r1) & (pl.col("c") == c1))
            ).select("r", "c")
            for r1, c1, r2, c2 in ranges.iter_rows()
        ])
    else:
        hidden = covered.select("r", "c")
    cells = cells.join(hidden, on=["r", "c"], how="anti")
    firsts = ranges.join(cells, left_on=["r1", "c1"], right_on=["r", "c"], how="inner")
    fill = (
        firsts.with_columns(pl.int_ranges(pl.col("r1") + 1, pl.col("r2") + 1).alias("r"))
        .explode("r")
        .drop_nulls("r")
        .select(pl.col("r").cast(pl.Int32), pl.col("c1").alias("c"), "v", "e")
    )
    return pl.concat([cells, fill])


def _xlsx_frame(data: pl.DataFrame, width: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Long cells -> one Utf8 column per sheet column (c0..), ROW; and the error cells."""
    errors = data.filter(pl.col("e")).select("r", "c", "v")
    values = data.with_columns(pl.when(pl.col("e")).then(None).otherwise(pl.col("v")).alias("v"))
    values = values.filter(pl.col("c") <= width)
    wide = (
        values.pivot(on="c", index="r", values="v", aggregate_function="first")
        if not values.is_empty()
        else pl.DataFrame(schema={"r": pl.Int32})
    )
    wide = wide.rename({c: f"c{int(c) - 1}" for c in wide.columns if c != "r"})
    missing = [f"c{i}" for i in range(width) if f"c{i}" not in wide.columns]
    wide = wide.with_columns(pl.lit(None, pl.Utf8).alias(c) for c in missing)
    wide = wide.select(pl.col("r").alias(ROW), *(pl.col(f"c{i}") for i in range(width)))
    return wide.sort(ROW), errors


# --- both ------------------------------------------------------------------------------------


def read_delivery(
    path: Path, raw: bytes, forced_kind: str | None = None, budget: ReadBudget | None = None
) -> Delivery:
    budget = budget or ReadBudget.from_env()
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise Unreadable(
            f"bestandstype '{suffix or '(geen)'}' wordt niet ondersteund; "
            f"lever {vocabulary.formats_text()} aan"
        )
    forced = _forced(forced_kind)
    notes: list[str] = []
    problems: list[tuple[int, str | None, str | None, str]] = []
    errors = pl.DataFrame(schema={"r": pl.Int32, "c": pl.Int32, "v": pl.Utf8})
    if suffix == ".xlsx":
        kind, headers, data, _, unnamed = _read_xlsx(raw, path.name, forced, budget)
        frame, errors = _xlsx_frame(data, len(headers))
        ignored_unnamed = [f"(kolom {_column_letters(c)} zonder kop)" for c in unnamed]
    else:
        kind, headers, body, first_row, ragged, notes = _read_csv(raw, path.name, forced, budget)
        frame = body.with_row_index(ROW, offset=first_row).with_columns(
            pl.col(ROW).cast(pl.Int32)
        )
        problems.extend((row, None, line, reason) for row, line, reason in ragged)
        ignored_unnamed = []

    positional = [f"c{i}" for i in range(len(headers))]
    if not errors.is_empty():  # a row with only an error cell is still a row
        frame = pl.concat([
            frame,
            errors.select(pl.col("r").alias(ROW)).unique().join(frame, on=ROW, how="anti")
            .with_columns(pl.lit(None, pl.Utf8).alias(c) for c in positional),
        ]).sort(ROW)

    # Totals rows: "Totaal", "Subtotaal", "Total" in the row's first non-empty cell. Only rows
    # whose first cell is empty or starts like a total are looked at closely (cheap on millions).
    first_cell = pl.coalesce(*(pl.col(c) for c in positional)) if positional else pl.lit(None)
    totals = (
        frame.filter(pl.col("c0").is_null() | pl.col("c0").str.contains(TOTALS))
        .filter(first_cell.str.contains(TOTALS).fill_null(False))
        if positional
        else frame.clear()
    )
    if not totals.is_empty():
        problems.extend(
            (row, None, value, "totaalrij")
            for row, value in totals.select(ROW, first_cell).iter_rows()
        )
        frame = frame.join(totals.select(ROW), on=ROW, how="anti")
        errors = errors.join(totals.select(pl.col(ROW).alias("r")), on="r", how="anti")

    wanted = set(kind.column_names)
    rename: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        key = header_key(header)
        if key in wanted and key not in rename.values():
            rename[f"c{position}"] = key
        elif header.strip():
            ignored.append(header.strip())
    ignored += ignored_unnamed
    cell_errors = (
        errors.filter(pl.col("c").is_in([int(c[1:]) + 1 for c in rename]))
        .select(
            pl.col("r").cast(pl.Int32).alias(ROW),
            pl.col("c").map_elements(lambda c: rename[f"c{c - 1}"], return_dtype=pl.Utf8)
            .alias("kolom"),
            pl.col("v").alias("waarde"),
        )
        if not errors.is_empty()
        else pl.DataFrame(schema=CELL_ERROR_SCHEMA)
    )
    frame = frame.select(
        pl.col(ROW), *(pl.col(original).alias(target) for original, target in rename.items())
    )
    missing = [c for c in kind.column_names if c not in frame.columns]
    frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(c) for c in missing)
    frame = frame.select(*kind.column_names, ROW)
    # Whitespace-only cells are empty cells; a row with no value at all is not a record (also
    # one whose only values are in ignored columns). Text columns are trimmed here; typed
    # columns are trimmed per distinct value in normalise (cheaper on millions of rows).
    text_columns = [c.name for c in kind.columns if c.type == "text"]
    padded = frame.select(
        pl.col(c).str.contains(r"^\s|\s$").any().alias(c) for c in text_columns
    ).row(0) if text_columns else ()
    # only columns that need it: a rewrite of a 2-million-row text column costs hundreds of MB
    frame = frame.with_columns(
        pl.col(c).str.strip_chars().replace("", None)
        for c, needed in zip(text_columns, padded, strict=True)
        if needed
    )
    keep = frame.select(
        ~pl.all_horizontal(pl.col(c).is_null() for c in kind.column_names)
        | pl.col(ROW).is_in(cell_errors.get_column(ROW).implode())
    ).to_series()
    if not keep.all():  # a filter copies every column: only when there is something to drop
        frame = frame.filter(keep)
    row_problems = pl.DataFrame(problems, schema=ROW_PROBLEM_SCHEMA, orient="row").sort(ROW)
    return Delivery(path.name, kind, frame, ignored, cell_errors, row_problems, notes)
