"""Turn a delivery's text columns into typed values, and every broken value into a quarantine row.

Each column type has one parser (a polars expression: vectorised, no row loops) and each
column's rules come from ``ingest.schema``. A row with any failure is kept out of the landing
table and appears in the quarantine once per failing column, with the raw value and a Dutch
reason (data contract: "A row that breaks a rule is never silently dropped or guessed").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import polars as pl

from core import vocabulary
from ingest.budget import ReadBudget
from ingest.read import ROW, Delivery, OverBudget
from ingest.schema import ORGANISATIE, PARTIJ, PHO_LID, Column, Kind

QUARANTINE_SCHEMA = {ROW: pl.Int32, "kolom": pl.Utf8, "waarde": pl.Utf8, "reden": pl.Utf8}

TRUE_WORDS = ("ja", "j", "true", "waar", "1", "yes", "y", "x")
FALSE_WORDS = ("nee", "n", "false", "onwaar", "0", "no")


@dataclass
class Result:
    rows: pl.DataFrame  # typed landing rows (kind's columns + ROW)
    quarantine: pl.DataFrame  # QUARANTINE_SCHEMA
    rows_read: int

    @property
    def rows_quarantined(self) -> int:
        return self.quarantine.get_column(ROW).n_unique()


# --- organisations ---------------------------------------------------------------------------


def org_key(value: str) -> str:
    """The matching key of an organisation text; the same rule as ``_org_key_expr``."""
    text = value.strip().lower()
    text = re.sub(r"^(gemeente|gem\.?|provincie|prov\.?)\s+", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _org_key_expr(expr: pl.Expr) -> pl.Expr:
    return (
        expr.str.to_lowercase()
        .str.strip_chars()
        .str.replace(r"^(gemeente|gem\.?|provincie|prov\.?)\s+", "")
        .str.replace_all(r"[^\w\s]", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


@functools.cache
def organisations() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(matching key -> code, party codes, all codes) from the organisation seed."""
    keys: dict[str, str] = {}
    for code, org in vocabulary.ORGANISATIES.items():
        for name in (code, org.naam, *org.aliassen):
            keys[org_key(name)] = code
    return keys, vocabulary.PARTIJEN, frozenset(vocabulary.ORGANISATIES)


def _allowed_codes(scope: str) -> tuple[frozenset[str], str]:
    _, parties, codes = organisations()
    if scope == PARTIJ:
        return parties, "organisatie is geen partij van de samenwerking (003 Art. 1a)"
    if scope == PHO_LID:
        # the PHO: the parties and who else the seed seats there (Waterschap Vechtstromen)
        others = [vocabulary.ORGANISATIES[c].naam for c in sorted(vocabulary.PHO_LEDEN - parties)]
        return vocabulary.PHO_LEDEN, f"organisatie is geen partij en niet {' of '.join(others)}"
    assert scope == ORGANISATIE
    return codes, ""


# --- value parsers: (raw text expr) -> typed expr, null where invalid ------------------------


def _enum_key(expr: pl.Expr) -> pl.Expr:
    return expr.str.to_lowercase().str.replace_all(r"[\s_\-]+", " ").str.strip_chars()


def _enum_mapping(spec: dict) -> dict[str, str]:
    mapping = {_py_enum_key(v): v for v in spec["values"]}
    mapping.update({_py_enum_key(k): v for k, v in spec.get("aliases", {}).items()})
    return mapping


def _py_enum_key(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.lower()).strip()


def parse_date(raw: pl.Expr) -> pl.Expr:
    text = raw.str.replace_all("/", "-")
    dmy = text.str.extract_groups(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
    ymd = text.str.extract_groups(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")

    def iso(groups: pl.Expr, y: str, m: str, d: str) -> pl.Expr:
        return pl.concat_str(
            [
                groups.struct.field(y),
                groups.struct.field(m).str.zfill(2),
                groups.struct.field(d).str.zfill(2),
            ],
            separator="-",
        )

    return pl.coalesce(iso(ymd, "1", "2", "3"), iso(dmy, "3", "2", "1")).str.to_date(
        "%Y-%m-%d", strict=False
    )


def parse_number(raw: pl.Expr, thousands_dot: bool) -> pl.Expr:
    """Decimal comma or point, Dutch thousands dots, optional leading €, spaces.

    "1.250,5" = 1250.5 and "1,250.5" = 1250.5 (the last separator is the decimal one).
    A lone dot with exactly three digits behind it is ambiguous: for amounts (``thousands_dot``)
    "€ 10.000" is ten thousand, the Dutch way of writing money; for hours "1.250" is 1.25.
    """
    t = raw.str.replace_all(r"[€\s\u00a0]", "")
    sign = r"^[+-]?"
    plain = t.str.contains(sign + r"\d+(\.\d+)?$")
    comma_decimal = t.str.contains(sign + r"\d+,\d+$")
    dutch = t.str.contains(sign + r"\d{1,3}(\.\d{3})+(,\d+)?$")
    english = t.str.contains(sign + r"\d{1,3}(,\d{3})+(\.\d+)?$")
    single_dot_three = t.str.contains(sign + r"\d{1,3}\.\d{3}$")
    normalised = (
        pl.when(single_dot_three)
        .then(t.str.replace(".", "", literal=True) if thousands_dot else t)
        .when(plain)
        .then(t)
        .when(comma_decimal)
        .then(t.str.replace(",", ".", literal=True))
        .when(dutch)
        .then(t.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .when(english)
        .then(t.str.replace_all(",", "", literal=True))
        .otherwise(None)
    )
    return normalised.cast(pl.Float64, strict=False)


def _typed(column: Column, raw: pl.Expr) -> tuple[pl.Expr, str]:
    """(typed expression, Dutch reason when a non-empty raw value gives null).

    Spreadsheet cells arrive as the text a Dutch user sees (ingest/xlsx.py: a number cell is
    "1250,5", a date cell "01-02-2024", a boolean cell WAAR/ONWAAR, a percentage cell "60%"), so
    one rule serves number cells and numbers typed as text alike.
    """
    kind = column.type
    if kind == "date":
        return parse_date(raw), "geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
    if kind in ("decimal", "amount", "integer"):
        if column.percent:  # data contract v2: "60%", "60 %" and a 60 % cell count as 60
            raw = raw.str.replace(r"\s*%$", "")
        number = parse_number(raw, thousands_dot=kind == "amount")
        if kind == "integer":
            whole = pl.when(number == number.round(0)).then(number.cast(pl.Int64, strict=False))
            return whole.cast(pl.Int32, strict=False), "geen geheel getal"
        if kind == "amount":
            return number.round(2), "geen geldig bedrag"
        return number, "geen geldig getal"
    if kind == "bool":
        low = raw.str.to_lowercase()
        return (
            pl.when(low.is_in(TRUE_WORDS)).then(True).when(low.is_in(FALSE_WORDS)).then(False)
        ), "geen geldige ja/nee-waarde"
    if kind == "lhso":
        up = raw.str.to_uppercase()
        return pl.when(up.str.contains(r"^[A-D][1-4]$")).then(
            up
        ), "geen geldige LHSO-categorie (A1 t/m D4)"
    if kind == "enum":
        mapping = _enum_mapping(column.enum)
        allowed = ", ".join(column.enum["values"])
        return (
            _enum_key(raw).replace_strict(mapping, default=None, return_dtype=pl.Utf8),
            f"onbekende waarde; toegestaan: {allowed}",
        )
    if kind == "org":
        keys, _, _ = organisations()
        return (
            _org_key_expr(raw).replace_strict(keys, default=None, return_dtype=pl.Utf8),
            "onbekende organisatie (code, naam of alias uit de organisatielijst)",
        )
    assert kind == "text", kind
    return raw, ""


def _bound_reason(column: Column) -> tuple[pl.Expr | None, str]:
    value = pl.col(column.name)
    checks: list[tuple[pl.Expr, str]] = []
    if column.minimum is not None:
        if column.minimum_exclusive:
            checks.append(
                (value <= column.minimum, f"waarde moet groter zijn dan {column.minimum:g}")
            )
        else:
            checks.append((value < column.minimum, f"waarde moet minimaal {column.minimum:g} zijn"))
    if column.maximum is not None:
        checks.append((value > column.maximum, f"waarde mag maximaal {column.maximum:g} zijn"))
    if column.type == "org" and column.orgs != ORGANISATIE:
        allowed, reason = _allowed_codes(column.orgs)
        checks.append((~value.is_in(sorted(allowed)), reason))
    if not checks:
        return None, ""
    expr = pl.when(checks[0][0]).then(pl.lit(checks[0][1]))
    for condition, reason in checks[1:]:
        expr = expr.when(condition).then(pl.lit(reason))
    return expr, ""


def _row_rules(kind: Kind) -> list[tuple[str, pl.Expr, str]]:
    """Rules over more than one column: (column blamed, failing condition, reason)."""
    c = pl.col
    rules: list[tuple[str, pl.Expr, str]] = []
    if kind.key:
        rules.append(
            (
                kind.key,
                c(kind.key).is_not_null() & c(kind.key).is_duplicated(),
                f"{kind.key} komt meer dan eens voor in dit bestand",
            )
        )
    if kind.name == "bijdragen":
        credit = c("omschrijving").str.to_lowercase().str.contains("credit").fill_null(False)
        rules.append(
            (
                "bedrag",
                (c("bedrag") < 0) & ~credit,
                "negatief bedrag mag alleen bij een creditnota "
                "(vermeld 'creditnota' in omschrijving)",
            )
        )
    if kind.name == "presentie":
        rules.append(
            (
                "vertegenwoordigd_door",
                (c("status") == "vertegenwoordigd") & c("vertegenwoordigd_door").is_null(),
                "verplicht bij status vertegenwoordigd",
            )
        )
    if kind.name == "odt_zaken":
        rules.append(
            ("einddatum", c("einddatum") < c("startdatum"), "einddatum ligt voor startdatum")
        )
    if kind.name == "agenda":
        rules.append(
            (
                "afgerond_op",
                (c("status") == "afgerond") & c("afgerond_op").is_null(),
                "verplicht bij status afgerond",
            )
        )
    return rules


def _value_map(column: Column, values: pl.Series) -> pl.DataFrame:
    """Typed value and failure reason for each DISTINCT raw value of one column.

    Trimming, parsing and per-value rules (format, bounds, allowed organisations) run on the
    distinct values only: a 2-million-row ODT export has a few hundred distinct dates and
    amounts, so the regular expressions run on hundreds of values, not millions.
    """
    distinct = pl.DataFrame({"_raw": values}).unique().drop_nulls()
    trimmed = pl.col("_raw").str.strip_chars()
    blank = trimmed == ""
    typed, parse_reason = _typed(column, trimmed)
    mapped = distinct.with_columns(pl.when(blank).then(None).otherwise(typed).alias(column.name))
    bound, _ = _bound_reason(column)
    reason = pl.lit(None, pl.Utf8) if bound is None else bound
    if parse_reason:
        reason = pl.when(pl.col(column.name).is_null()).then(pl.lit(parse_reason)).otherwise(reason)
    empty = pl.lit("verplicht veld is leeg") if column.required else pl.lit(None, pl.Utf8)
    reason = pl.when(blank.fill_null(False)).then(empty).otherwise(reason)
    return mapped.with_columns(reason.cast(pl.Utf8).alias("_reden"))


def _refuse_long_values(raw: pl.DataFrame, columns: list[str], limit: int) -> None:
    """No cell may be longer than Excel allows (32.767 characters): such a value is no hand-made
    delivery, and it is refused before regular expressions run on it (data contract v2,
    "Bounded reading"). Measured in bytes first (cheap; a character is at least one byte).
    Typed columns are checked on their distinct values (see validate)."""
    if not columns:
        return
    longest = raw.select(pl.col(c).str.len_bytes().max() for c in columns).row(0)
    for column, size in zip(columns, longest, strict=True):
        if size is None or size <= limit:
            continue
        rows = raw.filter(pl.col(column).str.len_chars() > limit).get_column(ROW)
        if rows.len():
            raise OverBudget(
                f"rij {rows.min()}: een veld is langer dan {limit:,} tekens (leesbudget); zo'n "
                "waarde komt niet uit een spreadsheet".replace(",", ".")
            )


def validate(delivery: Delivery) -> Result:
    kind = delivery.kind
    raw = delivery.frame
    limit = ReadBudget.cell_chars
    _refuse_long_values(raw, [c.name for c in kind.columns if c.type == "text"], limit)
    typed_exprs: list[pl.Expr] = []
    failing_exprs: list[pl.Expr] = []  # cheap per-row flags over all rows
    reason_exprs: list[pl.Expr] = []  # Dutch reasons, evaluated on the failing rows only
    for column in kind.columns:
        source = pl.col(column.name)
        required = pl.lit("verplicht veld is leeg") if column.required else pl.lit(None, pl.Utf8)
        if column.required:
            failing_exprs.append(source.is_null())
        if column.type == "text":
            typed_exprs.append(source)
            reason_exprs.append(pl.when(source.is_null()).then(required).alias(column.name))
            continue
        mapping = _value_map(column, raw.get_column(column.name))
        long_values = mapping.filter(pl.col("_raw").str.len_chars() > limit)
        if long_values.height:
            _refuse_long_values(
                raw.filter(source.is_in(long_values["_raw"].implode())), [column.name], limit
            )
        typed_exprs.append(
            source.replace_strict(
                mapping["_raw"],
                mapping[column.name],
                default=None,
                return_dtype=mapping.schema[column.name],
            ).alias(column.name)
        )
        rejected = mapping.filter(pl.col("_reden").is_not_null())
        if rejected.height:
            failing_exprs.append(source.is_in(rejected["_raw"].implode()).fill_null(False))
        reason_exprs.append(
            pl.when(source.is_null())
            .then(required)
            .otherwise(
                source.replace_strict(
                    rejected["_raw"], rejected["_reden"], default=None, return_dtype=pl.Utf8
                )
            )
            .alias(column.name)
        )
    typed = raw.select(pl.col(ROW), *typed_exprs)

    # Rules over more than one column run on the typed values; a value that failed earlier is
    # null there and keeps its own reason (the per-value reason is listed first).
    rules = _row_rules(kind)
    rule_flags = typed.select(
        pl.col(ROW),
        *(
            condition.fill_null(False).alias(f"{blamed}#{i}")
            for i, (blamed, condition, _) in enumerate(rules)
        ),
    )
    flags = [pl.col(c) for c in rule_flags.columns if c != ROW]
    errors = delivery.cell_errors
    if not errors.is_empty():
        failing_exprs.append(pl.col(ROW).is_in(errors.get_column(ROW).implode()))
    failing = raw.select(
        pl.any_horizontal(pl.lit(False), *failing_exprs).fill_null(False)
    ).to_series()
    if flags:
        failing = failing | rule_flags.select(pl.any_horizontal(*flags)).to_series()

    # Only the failing rows (usually a handful) get reasons and are reshaped to one row per
    # (row, column) for the quarantine.
    failing_raw = raw.filter(failing)
    reasons = failing_raw.select(pl.col(ROW), *reason_exprs)
    if flags:
        texts = rule_flags.filter(failing).select(
            pl.when(pl.col(f"{blamed}#{i}")).then(pl.lit(text)).alias(f"{blamed}#{i}")
            for i, (blamed, _, text) in enumerate(rules)
        )
        reasons = pl.concat([reasons, texts], how="horizontal")
    # An error cell (#N/A ...) is quarantined with the error as the raw value and a reason
    # that names it (data contract v2); it replaces what the empty cell would have said.
    error_problems = errors.select(
        pl.col(ROW).cast(pl.Int32),
        "kolom",
        pl.col("waarde"),
        pl.concat_str(pl.lit("foutwaarde "), "waarde", pl.lit(" in de cel")).alias("reden"),
    )
    problems = (
        reasons.unpivot(index=ROW, variable_name="kolom", value_name="reden")
        .filter(pl.col("reden").is_not_null())
        .with_columns(pl.col("kolom").str.replace(r"#\d+$", ""))
        .join(error_problems.select(ROW, "kolom"), on=[ROW, "kolom"], how="anti")
        .unique(subset=[ROW, "kolom"], keep="first", maintain_order=True)
    )
    raw_long = failing_raw.unpivot(index=ROW, variable_name="kolom", value_name="waarde")
    quarantine = pl.concat(
        [
            problems.join(raw_long, on=[ROW, "kolom"], how="left").select(
                pl.col(ROW).cast(pl.Int32), "kolom", "waarde", "reden"
            ),
            error_problems,
            delivery.row_problems.select(pl.col(ROW).cast(pl.Int32), "kolom", "waarde", "reden"),
        ]
    ).sort(ROW, "kolom", nulls_last=False)
    return Result(
        rows=typed.filter(~failing) if failing.any() else typed,
        quarantine=quarantine,
        rows_read=raw.height + delivery.row_problems.get_column(ROW).n_unique(),
    )
