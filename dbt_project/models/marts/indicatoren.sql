-- One row per indicator, jaar and participant (deelnemer_code NULL = region): the published
-- evaluatiekader values (data contract v2, marts.indicatoren). Computed in int_indicatoren.
with indicatoren as (select * from {{ ref('int_indicatoren') }}),

final as (
    select indicator_id, jaar, deelnemer_code, waarde, norm, norm_peildatum, status
    from indicatoren
)

select * from final
