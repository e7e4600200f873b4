-- One row per delivery kind (and gremium for presentie; party for inzet) and load whose rows
-- are in the landing now: up to which month the load's data reaches (tot_maand_index =
-- jaar x 12 + maand - 1) and when it was loaded. "Delivered up to" (marts.leveringen): a
-- supplier that delivered data for a month has delivered every month before it, so a month
-- without hours or without a meeting is a zero, not a gap.
-- Which date counts is the marts' own (evaluatiekader v2 decision 10): inzet.datum, the
-- meeting's datum, a bijdragen row's jaar when it counts at peildatum (int_bijdragen), an
-- odt_productie month whose first day is on or before peildatum, an odt_zaken case's
-- startdatum; rows dated after peildatum do not count. The agenda carries no date that says
-- which quarter it reports on: every agenda load that did not fail counts for the month it
-- was loaded in (also a load after peildatum: the load history is published whole).
with inzet as (select * from {{ ref('stg_landing__inzet') }}),
bijdragen as (select * from {{ ref('int_bijdragen') }}),
presentie as (select * from {{ ref('stg_landing__presentie') }}),
productie as (select * from {{ ref('stg_landing__odt_productie') }}),
zaken as (select * from {{ ref('stg_landing__odt_zaken') }}),
ladingen as (select * from {{ ref('stg_landing__ladingen') }}),

peil as (
    select
        cast(extract(year from {{ peildatum() }}) as integer) * 12
        + cast(extract(month from {{ peildatum() }}) as integer) - 1 as maand_index
),

gedekt as (
    select
        'inzet' as soort,
        cast(null as varchar) as gremium,
        deelnemer_code,
        lading_id,
        max(jaar * 12 + cast(extract(month from datum) as integer) - 1) as tot_maand_index
    from inzet
    where datum <= {{ peildatum() }}
    group by deelnemer_code, lading_id
    union all
    select 'bijdragen', cast(null as varchar), cast(null as varchar), lading_id, max(jaar * 12)
    from bijdragen
    group by lading_id
    union all
    select
        'presentie',
        gremium,
        cast(null as varchar),
        lading_id,
        max(jaar * 12 + cast(extract(month from datum) as integer) - 1)
    from presentie
    where datum <= {{ peildatum() }}
    group by gremium, lading_id
    union all
    select
        'odt_productie', cast(null as varchar), cast(null as varchar), lading_id,
        max(jaar * 12 + maand - 1)
    from productie
    where jaar * 12 + maand - 1 <= (select maand_index from peil)
    group by lading_id
    union all
    select
        'odt_zaken',
        cast(null as varchar),
        cast(null as varchar),
        lading_id,
        max(jaar * 12 + cast(extract(month from startdatum) as integer) - 1)
    from zaken
    where startdatum <= {{ peildatum() }}
    group by lading_id
    union all
    select
        'agenda',
        cast(null as varchar),
        cast(null as varchar),
        lading_id,
        cast(extract(year from geladen_op) as integer) * 12
        + cast(extract(month from geladen_op) as integer) - 1
    from ladingen
    where soort = 'agenda' and resultaat <> 'mislukt'
),

final as (
    select
        gedekt.soort,
        gedekt.gremium,
        gedekt.deelnemer_code,
        cast(gedekt.lading_id as integer) as lading_id,
        cast(gedekt.tot_maand_index as integer) as tot_maand_index,
        ladingen.geladen_op
    from gedekt
    inner join ladingen on ladingen.lading_id = gedekt.lading_id
)

select * from final
