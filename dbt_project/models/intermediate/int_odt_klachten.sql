-- One row per jaar, deelnemer and klacht_aard: complaints (controle_type klacht) by nature
-- (001 "Klachtenafhandeling"); cases up to peildatum.
with zaken as (select * from {{ ref('int_odt_zaken') }}),

final as (
    select
        jaar,
        deelnemer_code,
        coalesce(klacht_aard, 'onbekend') as klacht_aard,
        count(*) as aantal_klachten,
        count(*) filter (where status = 'open') as aantal_open
    from zaken
    where controle_type = 'klacht'
    group by jaar, deelnemer_code, coalesce(klacht_aard, 'onbekend')
)

select * from final
