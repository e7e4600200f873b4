-- One row per deelnemer, jaar, maand and gremium: contributed hours (exact decimals) registered
-- on or before peildatum (evaluatiekader v2 decision 10: inzet counts by its datum). No names:
-- the employee's pseudonym stays in staging.
with inzet as (select * from {{ ref('stg_landing__inzet') }}),

final as (
    select
        deelnemer_code,
        jaar,
        cast(extract(month from datum) as integer) as maand,
        gremium,
        cast(sum(uren) as decimal(18, 4)) as uren,
        cast(count(*) as integer) as aantal_registraties
    from inzet
    where datum <= {{ peildatum() }}
    group by deelnemer_code, jaar, cast(extract(month from datum) as integer), gremium
)

select * from final
