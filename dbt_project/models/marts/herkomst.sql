-- One row per row of marts.indicatoren (same key): where its value comes from, in a form a
-- machine can re-run (data contract v2, marts.herkomst):
--   select round(<aggregatie_sql>, 2) from marts.<bron_mart> where <filter_sql>
-- returns waarde. Made from the same definition the value is computed with (macro
-- indicator_waarden), in int_indicatoren.
with indicatoren as (select * from {{ ref('int_indicatoren') }}),

final as (
    select indicator_id, jaar, deelnemer_code, bron_mart, filter_sql, aggregatie_sql
    from indicatoren
)

select * from final
