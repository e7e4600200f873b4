-- One row per municipality: inhabitants on a date, with the source of the figure and whether
-- it is provisional (seed_inwoners; issue 14 item 6). Denominator of the "per 10.000
-- inwoners" view of the ODT count indicators; every row keeps its own date.
with source as (select * from {{ ref('seed_inwoners') }}),

final as (
    select
        cast(deelnemer_code as varchar) as deelnemer_code,
        cast(inwoners as integer) as inwoners,
        cast(peildatum as date) as peildatum,
        cast(bron as varchar) as bron,
        cast(status as varchar) as status
    from source
)

select * from final
