select
    deelnemer,
    sum(bedrag) as bedrag,           -- DuckDB DECIMAL(38,2), PostgreSQL numeric
    avg(bedrag) as gemiddeld,        -- DuckDB DOUBLE, PostgreSQL numeric (20 decimals)
    min(factuurdatum) as eerste_factuur
from {{ source('landing', 'bijdragen') }}
group by deelnemer
