-- One row per jaar (of startdatum), deelnemer, taakveld and controle_type: ODT case counts
-- behind the compliance indicators (001 "Naleefgedrag", "Strafrechtelijke handhaving").
with zaken as (select * from {{ ref('stg_landing__odt_zaken') }}),

final as (
    select
        jaar,
        deelnemer_code,
        taakveld,
        coalesce(controle_type, 'geen') as controle_type,
        count(*) as aantal_zaken,
        count(*) filter (where status = 'open') as aantal_open,
        count(*) filter (where overtreding) as aantal_met_overtreding,
        count(overtreding) as aantal_overtreding_bekend,
        count(*) filter (where strafrechtelijk) as aantal_strafrechtelijk,
        sum(uren) as uren
    from zaken
    where startdatum <= {{ peildatum() }}
    group by all
)

select * from final
