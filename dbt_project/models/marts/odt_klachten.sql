-- One row per jaar, deelnemer and klacht_aard: complaints (controle_type klacht) by nature
-- (001 "Klachtenafhandeling").
with zaken as (select * from {{ ref('stg_landing__odt_zaken') }}),

final as (
    select
        jaar,
        deelnemer_code,
        coalesce(klacht_aard, 'onbekend') as klacht_aard,
        count(*) as aantal_klachten,
        count(*) filter (where status = 'open') as aantal_open
    from zaken
    where controle_type = 'klacht' and startdatum <= {{ peildatum() }}
    group by all
)

select * from final
