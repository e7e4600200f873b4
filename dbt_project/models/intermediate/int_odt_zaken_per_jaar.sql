-- One row per jaar (of startdatum), deelnemer, taakveld and controle_type: ODT case counts
-- (001 "Naleefgedrag", "Strafrechtelijke handhaving"); cases up to peildatum.
with zaken as (select * from {{ ref('int_odt_zaken') }}),

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
        cast(sum(uren) as decimal(18, 4)) as uren
    from zaken
    group by jaar, deelnemer_code, taakveld, coalesce(controle_type, 'geen')
)

select * from final
