-- One row per jaar and organisation that is a participant that year, with the roles that
-- decide which indicators it gets: party (003 Art. 1a), PHO member (seed_organisaties.pho_lid:
-- the parties and Waterschap Vechtstromen, 003 Art. 1f), configured kerngroep member
-- (seed_kerngroep_leden, 000 Opgave 2) and the representation factor for the hour norm
-- (seed_vertegenwoordiging, 000 Opgave 3).
with jaren as (select * from {{ ref('int_jaren') }}),
organisaties as (select * from {{ ref('seed_organisaties') }}),
kerngroep_seed as (select * from {{ ref('seed_kerngroep_leden') }}),
vertegenwoordiging as (select * from {{ ref('seed_vertegenwoordiging') }}),

kerngroep_versie as (
    select jaren.jaar, max(kerngroep_seed.geldig_vanaf_jaar) as geldig_vanaf_jaar
    from jaren
    inner join kerngroep_seed on kerngroep_seed.geldig_vanaf_jaar <= jaren.jaar
    group by jaren.jaar
),

kerngroep as (
    select kerngroep_versie.jaar, kerngroep_seed.deelnemer_code
    from kerngroep_versie
    inner join kerngroep_seed using (geldig_vanaf_jaar)
),

vertegenwoordigt as (
    select jaar, vertegenwoordigd_door as deelnemer_code, count(*) as aantal
    from vertegenwoordiging
    group by jaar, vertegenwoordigd_door
),

vertegenwoordigd as (
    select distinct jaar, deelnemer_code from vertegenwoordiging
),

final as (
    select
        jaren.jaar,
        organisaties.code as deelnemer_code,
        organisaties.partij as is_partij,
        organisaties.pho_lid as is_pho_lid,
        kerngroep.deelnemer_code is not null as is_kerngroeplid,
        cast(case
            when vertegenwoordigd.deelnemer_code is not null then 0
            else 1 + coalesce(vertegenwoordigt.aantal, 0)
        end as integer) as vertegenwoordigingsfactor
    from jaren
    cross join organisaties
    left join kerngroep
        on kerngroep.jaar = jaren.jaar and kerngroep.deelnemer_code = organisaties.code
    left join vertegenwoordigt
        on vertegenwoordigt.jaar = jaren.jaar and vertegenwoordigt.deelnemer_code = organisaties.code
    left join vertegenwoordigd
        on vertegenwoordigd.jaar = jaren.jaar and vertegenwoordigd.deelnemer_code = organisaties.code
    where organisaties.partij or organisaties.pho_lid
)

select * from final
