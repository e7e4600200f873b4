-- One row per deelnemer, jaar, maand and gremium: contributed hours (no names: the
-- employee column stays in staging).
with inzet as (select * from {{ ref('stg_landing__inzet') }}),

final as (
    select
        deelnemer_code,
        jaar,
        cast(extract(month from datum) as integer) as maand,
        gremium,
        -- rounded: sums of doubles must compare exactly against norms such as 130 h
        round(sum(uren), 4) as uren,
        count(*) as aantal_registraties
    from inzet
    where datum <= {{ peildatum() }}
    group by all
)

select * from final
