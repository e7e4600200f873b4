-- One row per loaded version of an agenda item: its status history in load order.
with versies as (select * from {{ ref('stg_landing__agenda_versies') }}),
ladingen as (select * from {{ ref('stg_landing__ladingen') }}),

final as (
    select
        versies.agenda_id,
        ladingen.geladen_op,
        versies.status,
        versies.voortgang,
        versies.deadline,
        versies.afgerond_op,
        versies.lading_id,
        versies.bron,
        versies.rij
    from versies
    inner join ladingen on ladingen.lading_id = versies.lading_id
)

select * from final
