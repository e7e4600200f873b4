-- The proposed portable macros (macros/portable.sql) on landing rows: compared row for row
-- between a DuckDB and a PostgreSQL build by tests/postgres.
select
    _lading_id,
    _rij,
    {{ date_iso('datum') }} as datum_tekst,
    {{ dbt.datediff('datum', peildatum(), 'day') }} as dagen_tot_peildatum,
    {{ date_from_parts(year_of('datum'), 1, 1) }} as jaar_begin,
    {{ year_of('datum') }} as jaar,
    cast({{ round_decimal('uren / 3', 2) }} as {{ type_double() }}) as derde_uren,
    {{ round_decimal('cast(2.675 as ' ~ type_double() ~ ')', 2) }} as afgerond,
    cast(uren as {{ type_double() }}) as uren
from {{ source('landing', 'inzet') }}
