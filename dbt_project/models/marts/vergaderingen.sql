-- One row per meeting (gremium, datum, project) up to peildatum (int_vergaderingen).
with source as (select * from {{ ref('int_vergaderingen') }}),

final as (
    select vergadering_id, gremium, datum, project, jaar, aantal_aanwezig, aantal_registraties
    from source
)

select * from final
