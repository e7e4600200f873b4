-- One row per agenda item: its latest loaded version (a later load replaces the item; the
-- earlier versions stay in marts.agenda_historie).
with versies as (select * from {{ ref('stg_landing__agenda_versies') }}),

gerangschikt as (
    select
        *,
        row_number() over (partition by agenda_id order by lading_id desc, rij desc) as volgorde
    from versies
),

final as (
    select * exclude (volgorde)
    from gerangschikt
    where volgorde = 1
)

select * from final
