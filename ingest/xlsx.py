"""Reading an .xlsx workbook cell by cell, as the user sees it, within a budget.

Why not a column reader (fastexcel): it guesses one type per column from the first rows, so a
date column with date cells and typed dates, or text below row 1000 in a "numeric" column,
loses values; and it exposes neither merged ranges nor number formats (a percentage cell is a
plain fraction there). This reader streams the workbook's XML with the standard library's expat
parser and decides each cell on its own (data contract v2, "Spreadsheets as people make them"):

- a number cell whose format is a date (built-in or custom, 1900 or 1904 date system) is that
  date; a date-time cell counts with its date part;
- a percentage cell is shown as "60%" (its unit rule lives in ``normalise``);
- any other number is written as a Dutch user sees it ("1250,5"), so the same value rules apply
  to number cells and numbers typed as text;
- booleans are WAAR/ONWAAR, formulas count with their stored (cached) result, an error cell
  (``#N/A``) is reported as an error, not as a value;
- merged ranges give their value to every row they cover.

Bounded reading: the zip's declared sizes are checked first, every part is decompressed as a
stream while the bytes that really come out are counted (``zipfile`` also stops at the declared
size and checks the CRC, so a zip that lies about its size fails), and the filled cells and
their characters (a shared string counted again for every cell that shows it) are counted while
parsing: a file over ``ReadBudget`` is refused before it is expanded. A DTD (entity tricks) is
refused outright; expat never fetches external entities.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from xml.parsers import expat

from core import fmt
from ingest.budget import ReadBudget

CHUNK = 1 << 20
MAX_PARTS = 10_000
MAX_SMALL_PART = 50 * 1024**2  # workbook.xml, rels, styles: far smaller in any real workbook
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"

ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
# Built-in number formats (ECMA-376 18.8.30) that show a date, a time, or a percentage.
_BUILTIN_DATE = frozenset({14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53,
                           54, 57, 58})
_BUILTIN_TIME = frozenset({18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56})
_BUILTIN_PERCENT = frozenset({9, 10})
NUMBER, DATE, TIME, PERCENT, BOOLEAN = 0, 1, 2, 3, 4

_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class WorkbookError(Exception):
    """The workbook cannot be read; the message is one Dutch line (without the file name)."""


class OverBudget(WorkbookError):
    """The workbook would expand beyond the read budget."""


@dataclass
class Sheet:
    """The filled cells of one worksheet in long form (sheet row and column numbers, 1-based)."""

    name: str
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, "#N/A")
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    text_chars: int = 0


# --- zip parts, streamed and counted ---------------------------------------------------------


class _Parts:
    def __init__(self, archive: zipfile.ZipFile, budget: ReadBudget):
        self.archive = archive
        self.budget = budget
        self.unpacked = 0
        self.names = {info.filename.lstrip("/"): info for info in archive.infolist()}
        if len(self.names) > MAX_PARTS:
            raise OverBudget(
                f"de werkmap bestaat uit meer dan {fmt.number(MAX_PARTS, 0)} onderdelen"
            )
        declared = sum(info.file_size for info in archive.infolist())
        if declared > budget.xml:
            raise OverBudget(
                f"de werkmap pakt uit tot meer dan {fmt.megabytes(budget.xml)} (leesbudget); "
                "lever een kleiner bestand aan"
            )

    def exists(self, name: str) -> bool:
        return name in self.names

    def chunks(self, name: str, limit: int | None = None) -> Iterator[bytes]:
        """The part's bytes in chunks; what really comes out is counted against the budget."""
        info = self.names[name]
        if info.flag_bits & 0x1:
            raise WorkbookError("de werkmap is met een wachtwoord beveiligd")
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    self.unpacked += len(chunk)
                    if self.unpacked > self.budget.xml:
                        raise OverBudget(
                            f"de werkmap pakt uit tot meer dan {fmt.megabytes(self.budget.xml)} "
                            "(leesbudget); lever een kleiner bestand aan"
                        )
                    if limit is not None and info.file_size > limit:
                        raise OverBudget(f"onderdeel {name} van de werkmap is onredelijk groot")
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise WorkbookError(
                "de werkmap is beschadigd of misleidend (een onderdeel pakt anders uit dan "
                f"opgegeven: {type(exc).__name__})"
            ) from None

    def parse(self, name: str, parser: expat.XMLParserType, limit: int | None = None) -> None:
        try:
            for chunk in self.chunks(name, limit):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise WorkbookError(
                f"de werkmap is beschadigd (onderdeel {name}: {expat.errors.messages[exc.code]})"
            ) from None


def _no_dtd(*_args) -> None:
    raise WorkbookError("de werkmap bevat een DTD; dat doet geen kantoorpakket (geweigerd)")


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _small_tree(parts: _Parts, name: str) -> list[tuple[str, dict[str, str]]]:
    """(local element name, attributes) of a small part, in document order."""
    elements: list[tuple[str, dict[str, str]]] = []
    parser = _parser()
    parser.StartElementHandler = lambda tag, attrs: elements.append((_local(tag), attrs))
    parts.parse(name, parser, limit=MAX_SMALL_PART)
    return elements


# --- workbook structure ----------------------------------------------------------------------


def _rel_target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    folder = PurePosixPath(base).parent
    parts: list[str] = []
    for piece in (folder / target).parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _workbook_part(parts: _Parts) -> str:
    for element, attrs in _small_tree(parts, "_rels/.rels") if parts.exists("_rels/.rels") else []:
        if element == "Relationship" and attrs.get("Type", "").endswith("/officeDocument"):
            return _rel_target("", attrs.get("Target", ""))
    if parts.exists("xl/workbook.xml"):
        return "xl/workbook.xml"
    raise WorkbookError("geen Excel-werkmap (workbook.xml ontbreekt)")


def _rels_of(parts: _Parts, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) for one part."""
    path = PurePosixPath(part)
    rels = str(path.parent / "_rels" / (path.name + ".rels"))
    if not parts.exists(rels):
        return {}
    return {
        attrs.get("Id", ""): (attrs.get("Type", ""), _rel_target(part, attrs.get("Target", "")))
        for element, attrs in _small_tree(parts, rels)
        if element == "Relationship"
    }


@dataclass
class _Book:
    sheets: list[tuple[str, str]]  # (sheet name, part)
    date1904: bool
    shared_strings: str | None
    styles: str | None


def _book(parts: _Parts) -> _Book:
    workbook = _workbook_part(parts)
    if not parts.exists(workbook):
        raise WorkbookError("geen Excel-werkmap (workbook.xml ontbreekt)")
    rels = _rels_of(parts, workbook)
    sheets: list[tuple[str, str]] = []
    date1904 = False
    for element, attrs in _small_tree(parts, workbook):
        if element == "workbookPr":
            date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif element == "sheet":
            rid = attrs.get(f"{{{REL_NS}}}id") or attrs.get("r:id")
            if rid is None:  # a prefix other than r: (namespaces are not expanded here)
                rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            kind, target = rels.get(rid, ("", ""))
            if kind.endswith("/worksheet") and parts.exists(target):
                sheets.append((attrs.get("name", ""), target))
    by_type = {kind.rpartition("/")[2]: target for kind, target in rels.values()}
    shared = by_type.get("sharedStrings")
    styles = by_type.get("styles")
    return _Book(
        sheets,
        date1904,
        shared if shared and parts.exists(shared) else None,
        styles if styles and parts.exists(styles) else None,
    )


def _format_kind(code: str) -> int:
    """NUMBER, DATE, TIME, PERCENT or BOOLEAN for a custom number format code."""
    if re.fullmatch(r'(?i)"(true|waar)";"(true|waar)";"(false|onwaar)"', code.strip()):
        return BOOLEAN  # how Calc writes a boolean cell: a number shown as TRUE/FALSE
    text = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)  # literal text, escapes, padding
    section = text.split(";")[0].lower()
    section = re.sub(r"\[(?![hms]+\])[^\]]*\]", "", section)  # [Red], [$-413]; not [h]
    if "%" in section:
        return PERCENT
    if "y" in section or "d" in section:
        return DATE
    if "h" in section or "s" in section:
        return TIME
    if "m" in section:
        return DATE  # "mmm yy" without h/s: month, not minutes
    return NUMBER


def _styles(parts: _Parts, name: str | None) -> list[int]:
    """The display kind of every cell format (``s`` attribute index)."""
    if name is None:
        return []
    custom: dict[int, int] = {}
    kinds: list[int] = []
    in_cell_xfs = False
    parser = _parser()

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal in_cell_xfs
        tag = _local(tag)
        if tag == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", "-1"))] = _format_kind(attrs.get("formatCode", ""))
            except ValueError:
                pass
        elif tag == "cellXfs":
            in_cell_xfs = True
        elif tag == "xf" and in_cell_xfs:
            try:
                number_format = int(attrs.get("numFmtId", "0"))
            except ValueError:
                number_format = 0
            if number_format in custom:
                kinds.append(custom[number_format])
            elif number_format in _BUILTIN_DATE:
                kinds.append(DATE)
            elif number_format in _BUILTIN_TIME:
                kinds.append(TIME)
            elif number_format in _BUILTIN_PERCENT:
                kinds.append(PERCENT)
            else:
                kinds.append(NUMBER)

    def end(tag: str) -> None:
        nonlocal in_cell_xfs
        if _local(tag) == "cellXfs":
            in_cell_xfs = False

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parts.parse(name, parser, limit=MAX_SMALL_PART)
    return kinds


def _unescape(text: str) -> str:
    """OOXML's own escape for characters XML cannot hold (``_x000D_``)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _shared_strings(parts: _Parts, name: str | None, budget: ReadBudget) -> list[str]:
    if name is None:
        return []
    strings: list[str] = []
    pieces: list[str] = []
    total = 0
    state = {"text": False, "phonetic": False}

    def start(tag: str, _attrs) -> None:
        tag = _local(tag)
        if tag == "si":
            pieces.clear()
        elif tag == "t":
            state["text"] = not state["phonetic"]
        elif tag == "rPh":
            state["phonetic"] = True

    def end(tag: str) -> None:
        nonlocal total
        tag = _local(tag)
        if tag == "t":
            state["text"] = False
        elif tag == "rPh":
            state["phonetic"] = False
        elif tag == "si":
            value = _unescape("".join(pieces))
            total += len(value)
            if total > budget.text:
                raise OverBudget(
                    f"de werkmap bevat meer dan {fmt.megabytes(budget.text)} tekst (leesbudget); "
                    "lever een "
                    "kleiner bestand aan"
                )
            if len(strings) >= budget.cells:
                raise OverBudget(
                    f"de werkmap bevat meer dan {fmt.number(budget.cells, 0)} teksten (leesbudget)"
                )
            strings.append(value)

    def text(data: str) -> None:
        if state["text"]:
            pieces.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parts.parse(name, parser)
    return strings


# --- values as the user sees them ------------------------------------------------------------


def dutch_number(x: float) -> str:
    """A number as a Dutch spreadsheet shows it in "Standaard" format: at most 15 significant
    digits (what Excel and Calc display), decimal comma, no thousands separator."""
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.15g}"
    if "e" in text:
        text = f"{x:.15f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _serial_date(serial: float, date1904: bool) -> dt.date | None:
    """The date of a spreadsheet serial number (date part of a date-time); None outside range."""
    day = math.floor(serial)
    if date1904:
        base = dt.date(1904, 1, 1)
    elif day >= 61:
        base = dt.date(1899, 12, 30)
    elif 1 <= day <= 59:
        base = dt.date(1899, 12, 31)
    else:
        return None  # 0, negative, and Excel's non-existent 29-02-1900
    try:
        return base + dt.timedelta(days=day)
    except OverflowError:
        return None


def _shown(text: str, kind: int, date1904: bool) -> str:
    try:
        x = float(text)
    except ValueError:
        return text
    if kind == DATE:
        day = _serial_date(x, date1904)
        return day.strftime("%d-%m-%Y") if day else dutch_number(x)
    if kind == TIME:
        seconds = round((x - math.floor(x)) * 86400)
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    if kind == PERCENT:
        return dutch_number(round(x * 100, 10)) + "%"
    if kind == BOOLEAN:
        return "ONWAAR" if x == 0 else "WAAR"
    return dutch_number(x)


def _iso_date(text: str) -> str:
    """A ``t="d"`` cell (ISO 8601 in the file): the date part, Dutch order."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text.strip())
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else text


# --- the worksheet ---------------------------------------------------------------------------


def _column_number(letters: str, cache: dict[str, int]) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    cache[letters] = number
    return number


def _ref(ref: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", ref.strip())
    if not match:
        return None
    return int(match.group(2)), _column_number(match.group(1).upper(), {})


class _StyleKinds(dict):
    """Style attribute -> display kind; an unknown or broken index is a plain number."""

    def __init__(self, styles: list[int]):
        super().__init__()
        self.styles = styles

    def __missing__(self, key: str) -> int:
        try:
            kind = self.styles[int(key)] if int(key) >= 0 else NUMBER
        except (ValueError, IndexError):
            kind = NUMBER
        self[key] = kind
        return kind


class _Caches(dict):
    def __missing__(self, key: str) -> dict[str, str]:
        self[key] = cache = {}
        return cache


def _parse_sheet(
    parts: _Parts,
    name: str,
    sheet_name: str,
    strings: list[str],
    styles: list[int],
    date1904: bool,
    budget: ReadBudget,
) -> Sheet:
    """The sheet's cells. Speed matters here (a million cells is a normal export), so a cell is
    finished when the next one (or row) starts instead of on its end tag: expat then calls
    Python about three times per cell instead of five."""
    sheet = Sheet(sheet_name)
    errors = sheet.errors
    append_row, append_col, append_value = sheet.rows.append, sheet.cols.append, sheet.values.append
    col_cache: dict[str, int] = {}
    # per style attribute ("3"): its display kind, and the shown text of each raw number (a
    # column of dates or amounts has few distinct values, so most cells are a dict lookup)
    kinds_by_style: dict[str, int] = _StyleKinds(styles)
    shown_by_kind: dict[str, dict[str, str]] = _Caches()
    max_cells, max_text = budget.cells, budget.text
    text: list[str] = []
    # state of the cell being read (closure variables: faster than attributes here)
    row = col = cells = chars = 0
    ctype = style = ""
    pending = collecting = phonetic = row_numbered = False
    tags = {"c": "c", "v": "v", "f": "f", "t": "t", "row": "row", "rPh": "rPh", "r": "r",
            "mergeCell": "mergeCell"}
    C, V, F, T, ROW_, RPH, RUN, MERGE = tags.values()

    def finish() -> None:
        nonlocal pending, cells, chars
        pending = False
        raw = text[0] if len(text) == 1 else "".join(text)
        if ctype == "n":
            cache = shown_by_kind[style]
            value = cache.get(raw)
            if value is None:
                stripped = raw.strip()
                if not stripped:
                    return  # a formatting-only cell
                value = cache[raw] = _shown(stripped, kinds_by_style[style], date1904)
        elif ctype == "s":
            try:
                index = int(raw)
                if index < 0:
                    raise IndexError
                value = strings[index]
            except (ValueError, IndexError):
                if not raw.strip():
                    return
                raise WorkbookError(
                    f"de werkmap is beschadigd (cel verwijst naar een ontbrekende tekst, rij {row})"
                ) from None
        elif ctype == "str" or ctype == "inlineStr":
            value = _unescape(raw)
        elif ctype == "b":
            if not raw.strip():
                return
            value = "WAAR" if raw.strip() in ("1", "true") else "ONWAAR"
        elif ctype == "e":
            if raw.strip():
                errors.append((row, col, raw.strip()))
                cells += 1
            return
        elif ctype == "d":
            value = _iso_date(raw)
        else:
            value = raw
        if not value:
            return  # a formula that shows an empty text is an empty cell
        cells += 1
        chars += len(value)
        if cells > max_cells:
            raise OverBudget(
                f"de werkmap heeft meer dan {fmt.number(max_cells, 0)} gevulde cellen "
                "(leesbudget); "
                "lever een kleiner bestand aan"
            )
        if chars > max_text:
            raise OverBudget(
                f"de cellen van de werkmap bevatten meer dan {fmt.megabytes(max_text)} tekst "
                "(leesbudget); "
                "lever een kleiner bestand aan"
            )
        append_row(row)
        append_col(col)
        append_value(value)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, ctype, style, pending, collecting, phonetic, row_numbered
        if tag == C:
            if pending:
                finish()
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = col_cache.get(letters) or _column_number(letters.lstrip("$"), col_cache)
                if not row_numbered and len(letters) < len(ref):
                    row = int(ref[len(letters):])  # only when <row> has no number of its own
            else:
                col += 1
            ctype = attrs.get("t", "n")
            style = attrs.get("s", "0")
            text.clear()
            pending = True
            collecting = phonetic = False
        elif tag == V:
            collecting = True
        elif tag == T:
            collecting = not phonetic
        elif tag == F:
            collecting = False
        elif tag == ROW_:
            if pending:
                finish()
            collecting = False
            r = attrs.get("r")
            row_numbered = bool(r)
            row = int(r) if r else row + 1
            col = 0
        elif tag == RPH:
            phonetic = True
            collecting = False
        elif tag == RUN:
            phonetic = False
        elif tag == MERGE:
            if pending:
                finish()
            collecting = False
            first, _, last = attrs.get("ref", "").partition(":")
            a, b = _ref(first), _ref(last or first)
            if a and b:
                sheet.merges.append((a[0], a[1], b[0], b[1]))
        else:  # any other element (<is>, <rPr>, <headerFooter>...) ends a value's text
            collecting = False

    def characters(data: str) -> None:
        if collecting:
            text.append(data)

    def root(tag: str, attrs: dict[str, str]) -> None:
        # the root's prefix (none, or e.g. "x:" from some generators) is every element's
        nonlocal C, V, F, T, ROW_, RPH, RUN, MERGE
        prefix = tag[: len(tag) - len(_local(tag))]
        C, V, F, T, ROW_, RPH, RUN, MERGE = (prefix + name for name in tags)
        parser.StartElementHandler = start

    parser = _parser()
    parser.StartElementHandler = root
    parser.CharacterDataHandler = characters
    parts.parse(name, parser)
    if pending:
        finish()
    sheet.text_chars = chars
    return sheet


def read_workbook(
    source: Path | BinaryIO,
    budget: ReadBudget,
    choose: Callable[[list[str]], int] = lambda names: 0,
) -> Sheet:
    """The chosen worksheet's filled cells. ``choose`` picks a sheet index from the names."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise WorkbookError("geen leesbaar Excel-bestand (geen geldige zip)") from None
    with archive:
        parts = _Parts(archive, budget)
        book = _book(parts)
        if not book.sheets:
            raise WorkbookError("het Excel-bestand heeft geen werkbladen")
        index = choose([name for name, _ in book.sheets])
        sheet_name, part = book.sheets[index]
        styles = _styles(parts, book.styles)
        strings = _shared_strings(parts, book.shared_strings, budget)
        return _parse_sheet(parts, part, sheet_name, strings, styles, book.date1904, budget)
