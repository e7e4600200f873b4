-- SQL both engines run. Result types differ where noted; the publish converts them to the
-- DuckDB build's types and refuses when a value would change.
select
    inzet.deelnemer,
    extract(year from inzet.datum) as jaar,  -- DuckDB BIGINT, PostgreSQL numeric
    count(*) as regels,                      -- BIGINT on both
    sum(inzet.uren) as uren,                 -- DOUBLE on both
    sum(inzet._rij) as rijsom,               -- DuckDB HUGEINT, PostgreSQL bigint
    max(seed.naam) as naam
from {{ source('landing', 'inzet') }} as inzet
left join {{ ref('seed_smoke') }} as seed on seed.code = inzet.deelnemer
group by inzet.deelnemer, extract(year from inzet.datum)
