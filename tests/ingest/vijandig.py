"""Hostile deliveries, built on the fly (nothing this size belongs in the repository).

Also a command line for measuring: ``python -m tests.ingest.vijandig bom DIR`` writes them.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlform'
    'ats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlform'
    'ats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _book(sheet: bytes, shared: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _sheet(rows: list[bytes]) -> bytes:
    header = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>datum</t></is></c><c r="B1" t="inlineStr">'
        b'<is><t>deelnemer</t></is></c><c r="C1" t="inlineStr"><is><t>gremium</t></is></c>'
        b'<c r="D1" t="inlineStr"><is><t>uren</t></is></c><c r="E1" t="inlineStr"><is><t>'
        b"omschrijving</t></is></c></row>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
        + header
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


def shared_strings_bomb(string_bytes: int = 1 << 20, cells: int = 10_000) -> bytes:
    """One shared string of 1 MB shown in 10,000 cells: ~70 KB that expands to 10 GB of text."""
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="1" uniqueCount="1">'
        "<si><t>"
    ).encode() + b"x" * string_bytes + b"</t></si></sst>"
    rows = [
        f'<row r="{n}"><c r="E{n}" t="s"><v>0</v></c></row>'.encode()
        for n in range(2, cells + 2)
    ]
    return _book(_sheet(rows), shared)


def lying_zip(real_bytes: int = 50 << 20, claimed: int = 1000) -> bytes:
    """A workbook whose sheet part says it unpacks to ``claimed`` bytes but unpacks to 50 MB."""
    filler = b"<row/>" * (real_bytes // 6)
    raw = bytearray(_book(_sheet([filler]), f'<sst xmlns="{_MAIN}"/>'.encode()))
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # local file header: uncompressed size at offset 22; central directory entry: offset 24
    struct.pack_into("<I", raw, info.header_offset + 22, claimed)
    central = raw.find(b"xl/worksheets/sheet1.xml", raw.find(b"PK\x01\x02")) - 46
    assert raw[central : central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", raw, central + 24, claimed)
    return bytes(raw)


def huge_field_csv(chars: int = 40_000) -> bytes:
    return (
        "datum;deelnemer;gremium;uren;omschrijving\n01-04-2024;ENS;kerngroep;2;" + "x" * chars
        + "\n02-04-2024;ENS;kerngroep;3;kort\n"
    ).encode()


if __name__ == "__main__":
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bom.xlsx").write_bytes(shared_strings_bomb())
    (out / "liegt.xlsx").write_bytes(lying_zip())
    (out / "lang_veld.csv").write_bytes(huge_field_csv())
    print(out)
