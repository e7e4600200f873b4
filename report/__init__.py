"""Printable documents from the published warehouse: the board report (bestuursrapportage) and
the kerngroep's notes on figures (toelichtingen). A stage after ``warehouse/``: it reads the
published warehouse read-only (or a citable snapshot) and never writes it.

Layout, so that a second document type (the per-party settlement statement) reuses the pieces:

| module | what |
|---|---|
| ``bron.py`` | open the warehouse or a snapshot read-only, hardened; the publication (version) |
| ``document.py`` | compile a typst template with data to PDF/A-2b: fonts, fixed timestamp |
| ``grafiek.py`` | Vega-Lite charts to SVG with Dutch numbers, in the report's font |
| ``templates/basis.typ`` | page, fonts, footer (page x of y, version), status badge, tables |
| ``templates/bestuursrapportage.typ`` | the board report's pages |
| ``gegevens.py`` | the figures of one report (indicators, region, agenda) as plain data |
| ``vergelijking.py`` | the running year's comparison: last year up to the same day |
| ``samenvatting.py`` | the summary sentences and discussion points, by rules |
| ``bestuursrapportage.py`` | puts it together: ``build_report(jaar, deelnemer, snapshot)`` |
| ``toelichting.py`` | notes on figures: add, list, remove, for an indicator; logged |

User text (notes, titles of agenda items) reaches typst only as JSON data, never as markup.
"""
