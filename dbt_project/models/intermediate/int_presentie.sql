-- One row per meeting and participant expected there or registered: the attendance matrix.
-- Expected: PHO = parties + Waterschap Vechtstromen (003 Art. 1f); kerngroep = the configured
-- members of that year (000 Opgave 2); Twentebreed = all parties (003 Art. 1h); project and
-- other groups = whoever is registered. A participant attended when any of its rows says
-- aanwezig or vertegenwoordigd (data contract). Rows of the cooperation's officers (secretaris;
-- voorzitter outside the PHO) count for no participant (evaluatiekader v2 decision 5): they
-- are left out here, so an officer's organisation is neither registered nor present by them.
with vergaderingen as (select * from {{ ref('int_vergaderingen') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
presentie as (
    select
        *,
        gremium || '|' || {{ date_iso('datum') }} || '|' || coalesce(project, '')
            as vergadering_id
    from {{ ref('stg_landing__presentie') }}
    where not {{ is_functionaris('rol', 'gremium') }}
),

verwacht as (
    select vergaderingen.vergadering_id, deelnemers.deelnemer_code
    from vergaderingen
    inner join deelnemers on deelnemers.jaar = vergaderingen.jaar
    where (vergaderingen.gremium = 'pho' and deelnemers.is_pho_lid)
        or (vergaderingen.gremium = 'kerngroep' and deelnemers.is_kerngroeplid)
        or (vergaderingen.gremium = 'twentebreed' and deelnemers.is_partij)
),

geregistreerd as (
    select
        vergadering_id,
        deelnemer_code,
        bool_or(status in ('aanwezig', 'vertegenwoordigd')) as aanwezig,
        -- the most telling status when a participant has several rows
        case max(case status when 'aanwezig' then 4 when 'vertegenwoordigd' then 3
                             when 'afgemeld' then 2 when 'afwezig' then 1 end)
            when 4 then 'aanwezig' when 3 then 'vertegenwoordigd'
            when 2 then 'afgemeld' when 1 then 'afwezig'
        end as status,
        max(vertegenwoordigd_door_code) as vertegenwoordigd_door_code
    from presentie
    group by vergadering_id, deelnemer_code
),

alle as (
    select vergadering_id, deelnemer_code from verwacht
    union
    select vergadering_id, deelnemer_code from geregistreerd
),

final as (
    select
        alle.vergadering_id,
        vergaderingen.gremium,
        vergaderingen.datum,
        vergaderingen.project,
        vergaderingen.jaar,
        alle.deelnemer_code,
        verwacht.deelnemer_code is not null as verwacht,
        coalesce(geregistreerd.aanwezig, false) as aanwezig,
        coalesce(geregistreerd.status, 'niet geregistreerd') as status,
        geregistreerd.vertegenwoordigd_door_code
    from alle
    inner join vergaderingen on vergaderingen.vergadering_id = alle.vergadering_id
    left join verwacht
        on verwacht.vergadering_id = alle.vergadering_id
        and verwacht.deelnemer_code = alle.deelnemer_code
    left join geregistreerd
        on geregistreerd.vergadering_id = alle.vergadering_id
        and geregistreerd.deelnemer_code = alle.deelnemer_code
)

select * from final
