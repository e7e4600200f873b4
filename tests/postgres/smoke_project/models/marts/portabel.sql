-- The product's portable macros (dbt_project/macros/portable.sql) and dbt's datediff on
-- landing rows: compared row for row between a DuckDB and a PostgreSQL build by tests/postgres,
-- with hand values there.
select
    _lading_id,
    _rij,
    {{ date_iso('datum') }} as datum_tekst,
    {{ dbt.datediff('datum', peildatum(), 'day') }} as dagen_tot_peildatum,
    {{ date_from_parts('extract(year from datum)', 1, 1) }} as jaar_begin,
    cast(extract(year from datum) as integer) as jaar,
    -- a ratio: decimal / integer, nine decimals, rounded once (DuckDB divides in double,
    -- PostgreSQL in numeric)
    cast(round(cast(uren / 3 as decimal(38, 9)), 2) as {{ type_double() }}) as derde_uren,
    -- 2.675 is 2.67499999... as a double: through nine decimals both engines give 2.68
    round(cast(cast(2.675 as {{ type_double() }}) as decimal(38, 9)), 2) as afgerond,
    -- PostgreSQL's \s would also match the vertical tab; [ \t\n\f\r] means the same on both
    {{ regex_full_match("'1' || chr(11) || '5'", "'[0-9]+([ \\t\\n\\f\\r][0-9]+)*'") }} as vt_getal,
    {{ regex_full_match("'1' || chr(9) || '5'", "'[0-9]+([ \\t\\n\\f\\r][0-9]+)*'") }} as tab_getal,
    -- case by Unicode on both (the database's LC_CTYPE is checked by the build)
    lower('ÖZDEMİR') as kleine_letters,
    cast(uren as {{ type_double() }}) as uren
from {{ source('landing', 'inzet') }}
