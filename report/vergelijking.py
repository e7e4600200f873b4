"""The running year compared with last year UP TO THE SAME DAY (issue 15: a running-year trend
compares like with like, not half a year with a whole one).

How: every published value has a ``marts.herkomst`` row whose SQL recomputes it (data contract
v2): ``select round(<aggregatie_sql>, 2) from marts.<bron_mart> where <filter_sql>``. For last
year's rows we run that same SQL with ONE extra predicate that cuts the source rows at the same
day a year earlier, using the date the evaluatiekader counts each source by (v2 decision 10):

- presentie, vergaderingen: ``datum`` on or before the day (exact);
- odt_zaken: ``startdatum`` on or before the day (exact);
- bijdragen: ``factuurdatum`` (else ``betaaldatum``) on or before the day, a row with neither
  date by its ``jaar`` (exact);
- agenda: ``deadline`` on or before the day; an on-time completion then lies before that day
  too (exact, except for an item stopped after that day, which today's status leaves out);
- odt_productie: a month counts when its first day is on or before the day, the rule the
  running year is measured by (exact);
- inzet_per_maand: the same month rule, because the mart holds months, not days: exact when
  the day is a month's last day (the demo's peildatum, quarter ends); otherwise last year's
  whole month counts, and the report says so under the table;
- bijdragen_per_deelnemer: no cut (yearly per-party totals against yearly norms): no
  same-day value, so no trend for bijdrage_vervulling and vaste_bijdrage_betaald;
- indicatoren (region values over the parties' published values): recomputed with the same
  aggregate over the parties' cut values, when every party's value can be cut.

So one definition per indicator stays the only one: nothing here knows how an indicator is
computed, only which date column its source rows carry. An indicator without a cut gets no
same-day value, and the report then shows last year's whole-year value marked as such and no
trend arrow, rather than a misleading one.
"""

from __future__ import annotations

import calendar
from datetime import date

import duckdb

DAGGRENS: dict[str, str | None] = {
    "presentie": "datum <= {dag}",
    "vergaderingen": "datum <= {dag}",
    "odt_zaken": "startdatum <= {dag}",
    "bijdragen": "coalesce(factuurdatum, betaaldatum, make_date(jaar, 1, 1)) <= {dag}",
    "agenda": "deadline <= {dag}",
    "odt_productie": "make_date(jaar, maand, 1) <= {dag}",
    "inzet_per_maand": "make_date(jaar, maand, 1) <= {dag}",
    "bijdragen_per_deelnemer": None,
}
# Sources whose rows are months: the cut is exact only at a month's end.
PER_MAAND = frozenset({"inzet_per_maand", "odt_productie"})
AFGELEID = "indicatoren"  # region values defined over the parties' published values


def zelfde_dag_vorig_jaar(peildatum: date) -> date:
    """The same day a year earlier; 29 February becomes 28 February."""
    jaar = peildatum.year - 1
    dag = min(peildatum.day, calendar.monthrange(jaar, peildatum.month)[1])
    return date(jaar, peildatum.month, dag)


def maandgrens_exact(dag: date) -> bool:
    """Is ``dag`` the last day of its month (so a month-level cut is exact)?"""
    return dag.day == calendar.monthrange(dag.year, dag.month)[1]


def _identifier(naam: str) -> str:
    if not (naam.isidentifier() and naam.isascii()):
        raise ValueError(f"ongeldige herkomst-mart: {naam!r}")
    return naam


def tot_zelfde_dag(
    con: duckdb.DuckDBPyConnection, jaar: int, dag: date, deelnemer: str | None = None
) -> dict[tuple[str, str | None], float | None]:
    """Last year's (``jaar``) values up to ``dag``, per (indicator_id, deelnemer_code or None)
    for the region, for ``deelnemer`` and, where the report needs a mean over the parties, for
    every party: each row whose source can be cut (see the table above). A key that is missing
    has no same-day value."""
    literal = f"date '{dag.isoformat()}'"  # from a date object: no text reaches the SQL
    rijen = con.execute(
        "select indicator_id, deelnemer_code, bron_mart, filter_sql, aggregatie_sql "
        "from marts.herkomst where jaar = ? order by indicator_id, deelnemer_code nulls first",
        [jaar],
    ).fetchall()
    regio = {i: mart for i, code, mart, _, _ in rijen if code is None}
    # Every party's value is needed for a region value derived from them, and for the mean
    # the report shows where the catalogue has no region value.
    alle_partijen = {
        _bron_indicator(f) for i, code, mart, f, _ in rijen if code is None and mart == AFGELEID
    } | {i for i, code, _, _, _ in rijen if code is not None and i not in regio}
    niet_te_snijden = {
        i for i, code, mart, _, _ in rijen
        if code is not None and mart != AFGELEID and not DAGGRENS.get(mart)
    }

    waarden: dict[tuple[str, str | None], float | None] = {}
    # Separate small queries: DuckDB plans one statement with hundreds of scalar subqueries
    # far slower than it runs them one by one.
    for indicator_id, code, mart, filter_sql, aggregatie_sql in rijen:
        grens = DAGGRENS.get(mart)
        if mart == AFGELEID or not grens:
            continue
        if code is not None and code != deelnemer and indicator_id not in alle_partijen:
            continue
        (waarde,) = con.execute(
            f"select round({aggregatie_sql}, 2) from marts.{_identifier(mart)} "
            f"where ({filter_sql}) and ({grens.format(dag=literal)})"
        ).fetchone() or (None,)
        waarden[(indicator_id, code)] = None if waarde is None else float(waarde)

    for indicator_id, code, mart, filter_sql, aggregatie_sql in rijen:
        if mart != AFGELEID:
            continue
        bron_id = _bron_indicator(filter_sql)
        if bron_id is None or bron_id in niet_te_snijden:
            continue
        deel = [(i, c, w) for (i, c), w in waarden.items() if i == bron_id and c is not None]
        if not deel:
            continue
        values = ", ".join("(?, ?, ?, cast(? as double))" for _ in deel)
        params: list[object] = []
        for i, c, w in deel:
            params += [i, jaar, c, w]
        (waarde,) = con.execute(
            f"with indicatoren as (select * from (values {values}) "
            f"as t(indicator_id, jaar, deelnemer_code, waarde)) "
            f"select round({aggregatie_sql}, 2) from indicatoren where ({filter_sql})",
            params,
        ).fetchone() or (None,)
        waarden[(indicator_id, code)] = None if waarde is None else float(waarde)
    return waarden


def _bron_indicator(filter_sql: str) -> str | None:
    """The indicator a derived region row is computed from: ``indicator_id = 'x' and ...``."""
    begin = "indicator_id = '"
    if not filter_sql.startswith(begin):
        return None
    rest = filter_sql[len(begin):]
    return rest.split("'", 1)[0] or None
