"""The per-cell reader on XML shapes other writers produce: a namespace prefix, pretty-printed
markup, cells without a reference, rich and phonetic inline text, text after the sheet data."""

from __future__ import annotations

import io
import zipfile

from ingest.budget import ReadBudget
from ingest.xlsx import _format_kind, dutch_number, read_workbook
from tests.ingest.vijandig import _CONTENT_TYPES, _RELS, _WORKBOOK_RELS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _book(sheet: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr(
            "xl/workbook.xml",
            f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{REL}"><x:sheets><x:sheet name="inzet" '
            'sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        )
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>Enschede'
                                           "</x:t></x:si></x:sst>")
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    buffer.seek(0)
    return buffer


def test_prefixed_pretty_printed_xml_rich_and_phonetic_text():
    sheet = f"""<?xml version="1.0"?>
<x:worksheet xmlns:x="{MAIN}">
  <x:sheetData>
    <x:row r="2">
      <x:c t="s">
        <x:v>0</x:v>
      </x:c>
      <x:c t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Kern</x:t></x:r><x:r><x:t
        xml:space="preserve">groep</x:t></x:r><x:rPh sb="0" eb="1"><x:t>KANA</x:t></x:rPh></x:is>
      </x:c>
      <x:c><x:v>2.5</x:v></x:c>
      <x:c t="str"><x:f>A1&amp;""</x:f><x:v>a &amp; b</x:v></x:c>
      <x:c t="b"><x:v>0</x:v></x:c>
    </x:row>
  </x:sheetData>
  <x:headerFooter><x:oddHeader>&amp;C12</x:oddHeader></x:headerFooter>
</x:worksheet>"""
    result = read_workbook(_book(sheet), ReadBudget())
    assert result.name == "inzet"
    assert list(zip(result.rows, result.cols, [v.strip() for v in result.values],
                    strict=True)) == [
        (2, 1, "Enschede"),
        (2, 2, "Kerngroep"),
        (2, 3, "2,5"),
        (2, 4, "a & b"),
        (2, 5, "ONWAAR"),
    ]


def test_number_formats_and_dutch_numbers():
    assert [_format_kind(c) for c in ("dd-mm-yyyy", "0%", "hh:mm", "General",
                                      '"TRUE";"TRUE";"FALSE"', "[$-413]d mmmm yyyy")] == [
        1, 3, 2, 0, 4, 1]
    assert [dutch_number(x) for x in (1250.5, 10000.0, -150.0, 0.1 + 0.2, 1e-7)] == [
        "1250,5", "10000", "-150", "0,3", "0,0000001"]
