"""Compile a typst template with data into a PDF: the one place that knows the PDF stack.

- **typst** (pip ``typst``, the compiler bundled): no browser, no TeX. The output is PDF/A-2b
  (archivable; fonts embedded) and tagged (a screen reader gets headings, tables, reading
  order).
- **Same data, same bytes**: the creation date is fixed by the caller (the warehouse's build
  time), system fonts are ignored and only the fonts in ``report/fonts/`` are used (Source Sans
  Pro, SIL Open Font License, ``LICENSE-OFL.txt``). The templates import no typst package, so
  nothing is downloaded at compile time (``package_cache_path`` points at an empty folder of
  the repository that does not exist: an ``#import "@preview/..."`` fails instead of fetching).
- **Data, not markup**: the template reads everything from one JSON document passed through
  ``sys.inputs``; user text (a note, an agenda title) is a JSON string that typst shows as
  text, so ``#import "x"`` or ``]`` in a note is printed as written and never evaluated.
  Images (chart SVGs) travel the same way, as strings.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import typst
from fontTools.ttLib import TTFont

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
FONT_DIR = PACKAGE_DIR / "fonts"
FONT_FAMILY = "Source Sans Pro"
_NO_PACKAGES = PACKAGE_DIR / "templates" / ".geen-pakketten"


VERVANGING = "?"


@functools.cache
def tekenset() -> frozenset[int]:
    """The code points every shipped font face can draw. PDF/A forbids a missing glyph, so a
    character outside this set would stop the whole PDF."""
    sets = [set(TTFont(str(pad), lazy=True).getBestCmap())
            for pad in sorted(FONT_DIR.glob("*.ttf"))]
    return frozenset(set.intersection(*sets)) | {ord("\n")}


def onprintbaar(tekst: str) -> list[str]:
    """The characters of ``tekst`` the report's font cannot print, each once, in order."""
    tekens = tekenset()
    return list(dict.fromkeys(ch for ch in tekst if ord(ch) not in tekens))


def printbaar(tekst: str) -> str:
    """``tekst`` with every character the font cannot print replaced by a question mark (for
    delivered text such as an agenda title; a note is refused instead: toelichting.py)."""
    tekens = tekenset()
    return "".join(ch if ord(ch) in tekens else VERVANGING for ch in tekst)


class DocumentFout(RuntimeError):
    """The PDF could not be made; the message names typst's error."""


def render_pdf(template: str, data: dict[str, Any], timestamp: datetime) -> bytes:
    """Compile ``templates/<template>`` with ``data`` (JSON-serialisable) to PDF/A-2b bytes.
    ``timestamp`` (timezone-aware) is the document's creation date."""
    bron = TEMPLATE_DIR / template
    try:
        pdf = typst.compile(
            str(bron),
            root=str(TEMPLATE_DIR),
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True)},
            pdf_standards=["a-2b"],
            timestamp=timestamp,
            package_path=str(_NO_PACKAGES),
            package_cache_path=str(_NO_PACKAGES),
        )
    except typst.TypstError as exc:  # a template defect, never user input: say which
        raise DocumentFout(f"De PDF kon niet worden gemaakt: {exc.message}") from exc
    if not isinstance(pdf, bytes):
        raise DocumentFout("De PDF kon niet worden gemaakt: typst gaf geen document terug.")
    return pdf


def pagina_aantal(pdf: bytes) -> int | None:
    """The page count from the page tree's root as typst writes it (``/Type/Pages/Count N``);
    None when it is not found. Informative only (the command's summary line, the benchmark)."""
    gevonden = re.search(rb"/Type\s*/Pages\s*/Count\s+(\d+)", pdf)
    return int(gevonden.group(1)) if gevonden else None
