"""The six delivery kinds of the data contract (v2), declared once as data.

The reader, the validator, the landing tables, the demo generator and the tests all read these
declarations; a rule changes here and nowhere else. Column order is the landing table's order.
The words a column accepts (gremia, agenda statuses, pillars, organisations) and the kinds
themselves are the dbt seeds', read through ``core.vocabulary``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import vocabulary

ROW = "_rij"  # the row number a spreadsheet user sees (header = row 1)

# Organisation sets a column may refer to (data contract, "Input files"; seed_organisaties).
PARTIJ = "partij"  # the 15 parties of 003 Art. 1a
PHO_LID = "pho_lid"  # presentie: who sits in the PHO, the parties and Waterschap Vechtstromen
ORGANISATIE = "organisatie"  # any organisation in the seed

GREMIUM = vocabulary.GREMIA.enum()
TAAKVELD = {"values": ("vergunningverlening", "toezicht", "handhaving", "advies", "overig")}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # date | decimal | amount | integer | text | org | enum | bool | lhso
    required: bool = False
    minimum: float | None = None
    minimum_exclusive: bool = False
    maximum: float | None = None
    enum: dict | None = None  # {"values": (...), "aliases": {...}}
    orgs: str | None = None  # PARTIJ, PHO_LID or ORGANISATIE for type "org"
    personal: bool = False  # personal data (names): never shown to roles without the right
    percent: bool = False  # the unit is a percentage: "60%", "60 %" and a 60 % cell count as 60

    @property
    def duckdb_type(self) -> str:
        return {
            "date": "DATE",
            # Hours are exact decimals from landing to marts (evaluatiekader v2 decision 9):
            # 4 decimals keep any hour value a person types (0,25 h; 7,8 h) exact.
            "decimal": "DECIMAL(18,4)",
            "amount": "DECIMAL(14,2)",
            "integer": "INTEGER",
            "bool": "BOOLEAN",
        }.get(self.type, "VARCHAR")


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    key: str | None = None  # keyed kinds: a later load of the same key replaces the earlier one
    keep_history: bool = False  # agenda: earlier versions of a key stay as status history
    filename_hints: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def pseudonym_columns(self) -> tuple[tuple[str, str], ...]:
        """(personal column, its pseudonym column): the landing keeps both, dbt selects only
        the pseudonym (ingest/pseudoniem.py)."""
        return tuple((c.name, f"{c.name}_id") for c in self.columns if c.personal)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "inzet",
            (
                Column("datum", "date", required=True),
                Column("deelnemer", "org", required=True, orgs=PARTIJ),
                Column("medewerker", "text", personal=True),
                Column("gremium", "enum", required=True, enum=GREMIUM),
                Column("project", "text"),
                Column(
                    "uren", "decimal", required=True, minimum=0, minimum_exclusive=True, maximum=24
                ),
                Column("omschrijving", "text"),
            ),
            filename_hints=("inzet", "uren", "tijdschrijven"),
        ),
        Kind(
            "bijdragen",
            (
                Column("jaar", "integer", required=True, minimum=2019, maximum=2100),
                Column("deelnemer", "org", required=True, orgs=PARTIJ),
                Column(
                    "soort",
                    "enum",
                    required=True,
                    enum={
                        "values": ("vaste_bijdrage", "vervangende_bijdrage", "variabele_bijdrage"),
                        "aliases": {
                            "vast": "vaste_bijdrage",
                            "vervangend": "vervangende_bijdrage",
                            "variabel": "variabele_bijdrage",
                        },
                    },
                ),
                Column("bedrag", "amount", required=True),
                Column("factuurdatum", "date"),
                Column("betaaldatum", "date"),
                Column("omschrijving", "text"),
            ),
            filename_hints=("bijdrage", "factu", "betaling"),
        ),
        Kind(
            "presentie",
            (
                Column("gremium", "enum", required=True, enum=GREMIUM),
                Column("datum", "date", required=True),
                Column("project", "text"),
                Column("deelnemer", "org", required=True, orgs=PHO_LID),
                Column("naam", "text", personal=True),
                Column("rol", "text"),
                Column(
                    "status",
                    "enum",
                    required=True,
                    enum={
                        "values": ("aanwezig", "afwezig", "afgemeld", "vertegenwoordigd"),
                        "aliases": {
                            "present": "aanwezig",
                            "verhinderd": "afgemeld",
                            "afmelding": "afgemeld",
                            "niet aanwezig": "afwezig",
                        },
                    },
                ),
                Column("vertegenwoordigd_door", "org", orgs=PHO_LID),
            ),
            filename_hints=("presentie", "aanwezig", "deelnemerslijst"),
        ),
        Kind(
            "odt_productie",
            (
                Column("jaar", "integer", required=True, minimum=2019, maximum=2100),
                Column("maand", "integer", required=True, minimum=1, maximum=12),
                Column("deelnemer", "org", required=True, orgs=ORGANISATIE),
                Column("taakveld", "enum", required=True, enum=TAAKVELD),
                Column("product", "text", required=True),
                Column("aantal_gepland", "integer", minimum=0),
                Column("aantal_gerealiseerd", "integer", minimum=0),
                Column("uren_gepland", "decimal", minimum=0),
                Column("uren_gerealiseerd", "decimal", minimum=0),
            ),
            filename_hints=("productie", "odt_prod", "realisatie"),
        ),
        Kind(
            "odt_zaken",
            (
                Column("zaak_id", "text", required=True),
                Column("deelnemer", "org", required=True, orgs=ORGANISATIE),
                Column("taakveld", "enum", required=True, enum=TAAKVELD),
                Column("product", "text", required=True),
                Column(
                    "controle_type",
                    "enum",
                    enum={
                        "values": (
                            "periodiek",
                            "hercontrole",
                            "handhaving",
                            "ketentoezicht",
                            "klacht",
                        )
                    },
                ),
                Column("startdatum", "date", required=True),
                Column("einddatum", "date"),
                Column("status", "enum", required=True, enum={"values": ("open", "afgerond")}),
                Column("uren", "decimal", minimum=0),
                Column("overtreding", "bool"),
                Column("lhso_categorie", "lhso"),
                Column("strafrechtelijk", "bool"),
                Column(
                    "klacht_aard",
                    "enum",
                    enum={"values": ("geur", "geluid", "licht", "stof", "overig")},
                ),
            ),
            key="zaak_id",
            filename_hints=("zaken", "zaak"),
        ),
        Kind(
            "agenda",
            (
                Column("id", "text", required=True),
                Column(
                    "type",
                    "enum",
                    required=True,
                    enum={"values": ("bestuursopdracht", "opgave", "project")},
                ),
                Column(
                    "pijler",
                    "enum",
                    required=True,
                    # 003 Art. 2.1 a-g: the letter or the pillar's name, also its short name
                    # (data contract v2, agenda; evaluatiekader v2 decision 7): seed_pijlers.
                    enum=vocabulary.PIJLERS.enum(),
                ),
                Column("titel", "text", required=True),
                Column("trekker", "org", orgs=ORGANISATIE),
                Column("startdatum", "date"),
                Column("deadline", "date"),
                Column("status", "enum", required=True, enum=vocabulary.AGENDA_STATUSSEN.enum()),
                Column("afgerond_op", "date"),
                Column("voortgang", "integer", minimum=0, maximum=100, percent=True),
            ),
            key="id",
            keep_history=True,
            filename_hints=("agenda", "opdracht", "opgave"),
        ),
    )
}

if tuple(KINDS) != vocabulary.SOORTEN.codes:  # the kinds are seed_soorten's, in its order
    raise RuntimeError(
        f"ingest/schema.py declareert {tuple(KINDS)}, seed_soorten {vocabulary.SOORTEN.codes}"
    )

# Landing tables carry provenance next to the delivered values.
PROVENANCE_COLUMNS = (
    ("_lading_id", "INTEGER"),
    ("_bron", "VARCHAR"),
    ("_rij", "INTEGER"),
)
