-- One row per supplier, delivery kind, gremium (presentie only), jaar and period that the
-- delivery schedule (seed_leverschema) expects, from the year the schedule row holds
-- (geldig_vanaf_jaar; a later row for the same kind, supplier and gremium takes over) up to
-- the period in which peildatum falls. `partijen` as supplier stands for every party that puts
-- in hours itself that year (a represented party, vertegenwoordigingsfactor 0, delivers
-- through its representative and is not expected). A period runs over whole months
-- (maand 1, tweemaanden 2, kwartaal 3, halfjaar 6, jaar 12); it is due termijn_dagen after its
-- last day. maand_index (jaar x 12 + maand - 1) numbers the months, to compare periods with
-- the delivered rows without building dates (int_leveringen_dekking).
{% set nummers = range(1, 13) %}
with schema as (select * from {{ ref('seed_leverschema') }}),
jaren as (select * from {{ ref('int_jaren') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
nummers as (
    select n from (values {% for n in nummers %}({{ n }}){{ ',' if not loop.last }}{% endfor %}) as t (n)
),

regels as (
    select
        soort,
        leverancier,
        gremium,
        frequentie,
        termijn_dagen,
        geldig_vanaf_jaar,
        case frequentie
            when 'maand' then 1 when 'tweemaanden' then 2 when 'kwartaal' then 3
            when 'halfjaar' then 6 when 'jaar' then 12
        end as maanden_per_periode
    from schema
),

geldig as (
    select
        jaren.jaar,
        regels.soort,
        regels.leverancier,
        regels.gremium,
        max(regels.geldig_vanaf_jaar) as geldig_vanaf_jaar
    from jaren
    inner join regels on regels.geldig_vanaf_jaar <= jaren.jaar
    group by jaren.jaar, regels.soort, regels.leverancier, regels.gremium
),

per_jaar as (
    select
        geldig.jaar,
        regels.soort,
        regels.leverancier,
        regels.gremium,
        regels.frequentie,
        regels.termijn_dagen,
        regels.maanden_per_periode
    from geldig
    inner join regels
        on regels.soort = geldig.soort
        and regels.leverancier = geldig.leverancier
        and regels.gremium is not distinct from geldig.gremium
        and regels.geldig_vanaf_jaar = geldig.geldig_vanaf_jaar
),

leveranciers as (
    select
        per_jaar.*,
        per_jaar.leverancier = 'partijen' as per_partij,
        case
            when per_jaar.leverancier = 'partijen' then deelnemers.deelnemer_code
            else per_jaar.leverancier
        end as leverancier_code
    from per_jaar
    left join deelnemers
        on per_jaar.leverancier = 'partijen'
        and deelnemers.jaar = per_jaar.jaar
        and deelnemers.is_partij
        and deelnemers.vertegenwoordigingsfactor > 0
),

perioden as (
    select
        leveranciers.*,
        nummers.n as periode,
        (nummers.n - 1) * leveranciers.maanden_per_periode + 1 as begin_maand
    from leveranciers
    inner join nummers on nummers.n * leveranciers.maanden_per_periode <= 12
    where leveranciers.leverancier_code is not null
),

datums as (
    select
        *,
        cast(
            cast(jaar as varchar) || '-' || lpad(cast(begin_maand as varchar), 2, '0') || '-01'
            as date
        ) as periode_begin,
        jaar * 12 + begin_maand - 1 as begin_maand_index
    from perioden
),

final as (
    select
        leverancier_code,
        soort,
        gremium,
        jaar,
        cast(periode as integer) as periode,
        case frequentie
            when 'maand' then cast(jaar as varchar) || '-' || lpad(cast(begin_maand as varchar), 2, '0')
            when 'tweemaanden' then
                cast(jaar as varchar) || '-' || lpad(cast(begin_maand as varchar), 2, '0')
                || '/' || lpad(cast(begin_maand + 1 as varchar), 2, '0')
            when 'kwartaal' then cast(jaar as varchar) || '-K' || cast(periode as varchar)
            when 'halfjaar' then cast(jaar as varchar) || '-H' || cast(periode as varchar)
            else cast(jaar as varchar)
        end as periode_label,
        frequentie,
        per_partij,
        periode_begin,
        cast({{ dbt.dateadd('day', '-1', dbt.dateadd('month', 'maanden_per_periode', 'periode_begin')) }}
            as date) as periode_einde,
        cast({{ dbt.dateadd(
            'day', 'termijn_dagen - 1',
            dbt.dateadd('month', 'maanden_per_periode', 'periode_begin')) }} as date) as vervaldatum,
        cast(begin_maand_index as integer) as begin_maand_index
    from datums
    where periode_begin <= {{ peildatum() }}
)

select * from final
