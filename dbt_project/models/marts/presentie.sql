-- One row per meeting and participant expected or registered: the attendance matrix
-- (int_presentie; the cooperation's officers count for no participant).
with source as (select * from {{ ref('int_presentie') }}),

final as (
    select
        vergadering_id, gremium, datum, project, jaar, deelnemer_code, verwacht, aanwezig,
        status, vertegenwoordigd_door_code
    from source
)

select * from final
