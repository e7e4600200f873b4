"""Charts for printed documents: Vega-Lite specs rendered to SVG by vl-convert (no browser),
with Dutch number formats (d3 locale nl-NL: 1.234,5) and the report's own font, so the text in
a chart matches the text around it. Another document (the settlement statement) uses the same
``svg`` function with its own spec; the builders below are the board report's.

Colours are the dashboard's colour-blind-safe palette (Okabe-Ito, dashboard/charts.py); the
participant's own bar or line is also marked in text, never by colour alone.
"""

from __future__ import annotations

import functools
from typing import Any

import vl_convert

from core import fmt
from report.document import FONT_DIR, FONT_FAMILY

BLAUW = "#0072B2"
LICHTBLAUW = "#9CC7E4"
GRIJS = "#666666"
ORANJEROOD = "#D55E00"
BREEDTE = 440  # points: the text width of an A4 page with the report's margins


@functools.cache
def _fonts_registered() -> bool:
    # vl-convert measures label widths with its own font database: give it the PDF's font.
    vl_convert.register_font_directory(str(FONT_DIR))
    return True


def _config() -> dict[str, Any]:
    return {
        "font": FONT_FAMILY,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 9, "titleFontSize": 9, "titleFontWeight": "normal",
                 "labelColor": "#222222", "titleColor": "#222222", "gridColor": "#E4E4E4"},
        "legend": {"labelFontSize": 9, "titleFontSize": 9, "orient": "bottom"},
        "title": {"fontSize": 11, "fontWeight": 600, "anchor": "start", "color": "#111111"},
        "text": {"fontSize": 9},
    }


def svg(spec: dict[str, Any]) -> str:
    """Render one Vega-Lite spec (without data URLs: only inline values) to SVG text."""
    _fonts_registered()
    volledig = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                "config": _config(), "background": "white", **spec}
    return vl_convert.vegalite_to_svg(
        volledig, format_locale="nl-NL", time_format_locale="nl-NL", allowed_base_urls=[]
    )


def _getal_expr(decimalen: int, achter: str = "") -> str:
    return f"format(datum.value, ',.{decimalen}f') + '{achter}'"


def partijen_staaf(
    titel: str,
    waarden: list[tuple[str, float | None]],
    eigen: str | None,
    norm: float | None,
    eenheid_achter: str = "%",
) -> str:
    """Horizontal bars, one per party (highest first), the norm as a vertical line; the own
    party dark blue and its name marked "◀ eigen"."""
    rijen = [
        {"naam": naam + ("  ◀ eigen" if naam == eigen else ""), "waarde": waarde,
         "eigen": naam == eigen}
        for naam, waarde in sorted(waarden, key=lambda x: (-(x[1] or 0), x[0]))
        if waarde is not None
    ]
    y = {"field": "naam", "type": "nominal", "sort": None, "title": None,
         "axis": {"labelLimit": 160}}
    x = {"field": "waarde", "type": "quantitative", "title": None,
         "axis": {"labelExpr": _getal_expr(0, eenheid_achter), "tickCount": 5}}
    lagen: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {
                "y": y, "x": x,
                "color": {"field": "eigen", "type": "nominal", "legend": None,
                          "scale": {"domain": [False, True], "range": [LICHTBLAUW, BLAUW]}},
            },
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 8.5},
            "encoding": {"y": y, "x": x,
                         "text": {"field": "waarde", "type": "quantitative", "format": ",.1f"}},
        },
    ]
    if norm is not None:
        lagen[:0] = [
            {"data": {"values": [{"norm": norm}]},
             "mark": {"type": "rule", "color": ORANJEROOD, "strokeDash": [4, 3],
                      "strokeWidth": 1.5},
             "encoding": {"x": {"field": "norm", "type": "quantitative", "title": None}}},
            {"data": {"values": [{"norm": norm,
                                  "tekst": f"norm {fmt.aantal(norm)}{eenheid_achter}"}]},
             "mark": {"type": "text", "color": ORANJEROOD, "align": "center",
                      "baseline": "bottom", "y": 0, "dy": -2, "fontSize": 8.5},
             "encoding": {"x": {"field": "norm", "type": "quantitative", "title": None},
                          "text": {"field": "tekst"}}},
        ]
    return svg({
        "title": titel,
        "width": BREEDTE - 150,
        "height": {"step": 13},
        "data": {"values": rijen},
        "layer": lagen,
    })


def jaarreeks(
    titel: str,
    punten: list[dict[str, Any]],
    eenheid_achter: str = "",
    decimalen: int = 0,
    gelabeld: str | None = None,
) -> str:
    """Lines over the years, one per series (``reeks``), with a legend; the points of series
    ``gelabeld`` carry their value. A year label may say it is partial ("2026 (t/m 30-06)").
    ``punten``: dicts with ``jaar`` (label), ``reeks`` and ``waarde``; a series whose name
    contains "norm" is drawn dashed."""
    jaren = list(dict.fromkeys(p["jaar"] for p in punten))
    reeksen = list(dict.fromkeys(p["reeks"] for p in punten))
    kleuren = [BLAUW, GRIJS, ORANJEROOD, "#009E73"][: len(reeksen)]
    streep = [[1, 0] if "norm" not in r.lower() else [4, 3] for r in reeksen]
    x = {"field": "jaar", "type": "ordinal", "sort": jaren, "title": None,
         "axis": {"labelAngle": 0}}
    y = {"field": "waarde", "type": "quantitative", "title": None,
         "axis": {"labelExpr": _getal_expr(0, eenheid_achter), "tickCount": 4}}
    lagen: list[dict[str, Any]] = [{
        "mark": {"type": "line", "point": {"filled": True, "size": 30}},
        "encoding": {
            "x": x, "y": y,
            "color": {"field": "reeks", "type": "nominal", "title": None,
                      "scale": {"domain": reeksen, "range": kleuren}},
            "strokeDash": {"field": "reeks", "type": "nominal", "title": None,
                           "scale": {"domain": reeksen, "range": streep}},
        },
    }]
    if gelabeld is not None:
        lagen.append({
            "transform": [{"filter": {"field": "reeks", "equal": gelabeld}}],
            "mark": {"type": "text", "dy": -9, "fontSize": 8, "color": BLAUW},
            "encoding": {"x": x, "y": y, "text": {"field": "waarde", "type": "quantitative",
                                                  "format": f",.{decimalen}f"}},
        })
    return svg({
        "title": titel,
        "width": BREEDTE - 60,
        "height": 110,
        "data": {"values": [p for p in punten if p["waarde"] is not None]},
        "layer": lagen,
    })
