-- One row per deelnemer, jaar, maand and gremium: contributed hours up to peildatum (no names).
with source as (select * from {{ ref('int_inzet_per_maand') }}),

final as (
    select deelnemer_code, jaar, maand, gremium, uren, aantal_registraties
    from source
)

select * from final
