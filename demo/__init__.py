"""Demo deliveries: realistic, deterministic delivery files of every kind for 2022-2026.

``python -m ingest.demo --out DIR [--schaal N] [--seed S]`` (data contract, "demo deliveries"; the
same as ``python -m demo``). A tool beside the stages: it writes files in the contract's format
(``ingest/schema.py``) and never touches the landing or the warehouse.

The files look like what the suppliers send: csv with ``;`` or ``,``, Windows-1252 or UTF-8
(with or without BOM), decimal commas, Dutch dates, xlsx with a mix of real date cells and text,
header spellings that differ per file, organisations as code or name. The same arguments always
give byte-identical files: every random draw comes from ``numpy.random.default_rng`` seeded with
``(seed, kind)``, nothing depends on today's date, and the delivery moment is fixed at LEVERDATUM.

The story the indicators and the dashboard rely on (data in ``verhaal.toml``, ``agenda.csv``
and ``producten.csv``, read by ``demo/story.py``):
- New-style cooperation from 1 Jan 2024 (000 Opgave 1/3): every party owes 130 h a year and
  EUR 10,000 fixed contribution. In 2022-2023 only OUDE_STIJL_INZET register hours, and fewer.
- From 2024 most parties put in 115-160 h; UREN_TEKORT fall short (40-80 h) and pay a
  vervangende bijdrage pro rata of the shortfall (Art. 7.3); NIETS_BETALER puts in almost no
  hours and pays nothing (invoices stay unpaid, no vervangende bijdrage).
- PHO meetings per year: PHO_MAANDEN (3, 4, 5, 4, 3); kerngroep members from the seed
  seed_kerngroep_leden.csv (2022-2023 ALM BOR ENS HEN HEL OLD WIE, from 2024 ENS HEN ALM PRO).
- ODT realisation scatters around plan; ONDER_REALISATIE stay systematically near 80 %.
- Money (bijdragen): 2022-2023 an old-style EUR 2,500 per party; from 2024 EUR 10,000 invoiced
  in February, paid within 1-3 months except LATE_BETALING; 2026 still open for OPEN_2026 and
  NIETS_BETALER. Variabele bijdrage (Art. 7.4) settled in March of the next year (none for 2026
  yet); one credit note (PRO 2024, -120).
- A few deliberately broken rows (BROKEN_ROWS) exercise the quarantine.

Modules: ``story`` (the story files), ``files`` (organisations as suppliers write them, random
streams, CSV/xlsx writers), one module per kind (``inzet``, ``bijdragen``, ``presentie``, ``odt``,
``agenda``) and ``__main__`` (``generate`` and the command line).
"""
