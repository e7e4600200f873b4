"""The product's vocabulary, read from the dbt seeds: one place per list of words.

The seeds in ``dbt_project/seeds/`` are the source; dbt reads them as tables (relationships
tests, joins), and every Python consumer reads them through this module: ingest (the accepted
values and aliases of ``ingest/schema.py``), the demo, the pages (labels and order). Nothing
else spells out these lists; ``tests/test_vocabulary.py`` greps the tree to keep it that way.

- gremia (``seed_gremia``): code, label, order in meeting overviews (PHO first), aliases; the
  seed's row order is the contract's.
- agenda statuses (``seed_agenda_statussen``): code, label, order, closed or not, aliases.
- pillars (``seed_pijlers``, 003 Art. 2.1 a-g): letter, name, short name, aliases.
- organisations (``seed_organisaties``), with who sits in the PHO (``pho_lid``: the parties and
  Waterschap Vechtstromen, 003 Art. 1f).
- delivery kinds (``seed_soorten``); their columns and rules are ``ingest/schema.py``.
- the file formats and encodings a delivery may have (data contract, "Input files"): no seed,
  because dbt never sees a file; they are defined here, once.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.paths import ORGANISATIES_SEED, SEEDS_DIR


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary: its code, Dutch label, display order and accepted spellings."""

    code: str
    naam: str
    volgorde: int
    aliassen: tuple[str, ...] = ()
    korte_naam: str | None = None
    afgesloten: bool = False  # agenda statuses: the item is finished (no longer open)


@dataclass(frozen=True)
class Vocabulary:
    """The terms of one seed, in the seed's row order (the data contract's order)."""

    seed: str
    terms: tuple[Term, ...]
    _by_code: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {t.code: t for t in self.terms})

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def ordered(self) -> tuple[str, ...]:
        """The codes in display order (``volgorde``)."""
        return tuple(t.code for t in sorted(self.terms, key=lambda t: t.volgorde))

    def label(self, code: str | None) -> str:
        """The Dutch label of a code; an unknown code as it is (never hidden)."""
        term = self._by_code.get(code or "")
        return term.naam if term else (code or "")

    def short_label(self, code: str | None) -> str:
        """The short name (pillars: ``korte_naam``), else the label; an unknown code as it is."""
        term = self._by_code.get(code or "")
        return (term.korte_naam or term.naam) if term else (code or "")

    @property
    def labels(self) -> dict[str, str]:
        return {t.code: t.naam for t in self.terms}

    def spellings(self) -> dict[str, str]:
        """Every accepted spelling other than the code -> the code (ingest matches them
        case-insensitively, with ``_``, ``-`` and spaces equal)."""
        found: dict[str, str] = {}
        for t in self.terms:
            for spelling in (t.naam, t.korte_naam, *t.aliassen):
                if spelling and spelling.lower() != t.code:
                    found[spelling.lower()] = t.code
        return found

    def enum(self) -> dict:
        """The ``enum`` of an ``ingest.schema.Column``: values and aliases."""
        return {"values": self.codes, "aliases": self.spellings()}


def _rows(name: str) -> list[dict[str, str]]:
    with open(SEEDS_DIR / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (text or "").split("|") if a.strip())


def _true(text: str | None) -> bool:
    return (text or "").strip().lower() == "true"


def _vocabulary(seed: str, code_column: str) -> Vocabulary:
    terms = []
    for i, row in enumerate(_rows(seed), start=1):
        terms.append(Term(
            code=row[code_column].strip(),
            naam=(row.get("naam") or row[code_column]).strip(),
            volgorde=int(row.get("volgorde") or i),
            aliassen=_split(row.get("aliassen")),
            korte_naam=(row.get("korte_naam") or "").strip() or None,
            afgesloten=_true(row.get("afgesloten")),
        ))
    return Vocabulary(seed, tuple(terms))


GREMIA = _vocabulary("seed_gremia", "gremium")
AGENDA_STATUSSEN = _vocabulary("seed_agenda_statussen", "status")
PIJLERS = _vocabulary("seed_pijlers", "pijler")
SOORTEN = _vocabulary("seed_soorten", "soort")

# The gremia whose meetings are counted against a norm (a `<gremium>_vergaderingen` row in
# seed_normen: 003 Art. 5.4, 000 Opgave 3) and whose attendance is an indicator (a
# `<gremium>_presentie` row in seed_evaluatiekader), in meeting order.
GREMIA_MET_VERGADERNORM = tuple(
    g for g in GREMIA.ordered()
    if any(r["norm_sleutel"] == f"{g}_vergaderingen" for r in _rows("seed_normen"))
)
GREMIA_MET_PRESENTIE = tuple(
    g for g in GREMIA.ordered()
    if any(r["indicator_id"] == f"{g}_presentie" for r in _rows("seed_evaluatiekader"))
)


@dataclass(frozen=True)
class Organisatie:
    code: str
    naam: str
    soort: str  # gemeente, provincie, waterschap, ketenpartner
    partij: bool  # a party of the agreement (003 Art. 1a)
    pho_lid: bool  # sits in the PHO: the parties and Waterschap Vechtstromen (003 Art. 1f)
    aliassen: tuple[str, ...]


def _organisaties(path: Path = ORGANISATIES_SEED) -> dict[str, Organisatie]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {
            row["code"].strip(): Organisatie(
                row["code"].strip(), row["naam"].strip(), row["soort"].strip(),
                _true(row["partij"]), _true(row["pho_lid"]), _split(row.get("aliassen")),
            )
            for row in csv.DictReader(handle)
        }


ORGANISATIES = _organisaties()
PARTIJEN = frozenset(c for c, o in ORGANISATIES.items() if o.partij)
PHO_LEDEN = frozenset(c for c, o in ORGANISATIES.items() if o.pho_lid)


# --- delivery files (data contract, "Input files") --------------------------------------------
# The contract's formats: what a user may upload, and what the messages ask for.
CONTRACT_SUFFIXES = (".csv", ".xlsx")
# What a load reads: the contract's formats plus delimited text under another name (an export
# saved as .txt or .tsv is read as CSV; a folder's other files are passed over).
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx",)
READABLE_SUFFIXES = TEXT_SUFFIXES + WORKBOOK_SUFFIXES
# The encodings a text delivery may have: UTF-8 (with or without BOM), and for what is not valid
# UTF-8 the one office software on Windows writes; with their names for the messages.
ENCODING = "utf-8"
FALLBACK_ENCODING = "cp1252"
ENCODING_NAMES = {ENCODING: "UTF-8", FALLBACK_ENCODING: "Windows-1252"}


def formats_text() -> str:
    """The contract's formats as a message asks for them: ``".csv of .xlsx"``."""
    return " of ".join(CONTRACT_SUFFIXES)


def encodings_text() -> str:
    """``"UTF-8 of Windows-1252"``."""
    return " of ".join(ENCODING_NAMES.values())
