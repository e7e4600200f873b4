-- Meeting indicators per jaar (evaluatiekader: *_vergaderingen, *_presentie, kerngroep_leden).
-- Every expected participant gets a row, also when it is absent from every list (0 %).
with jaren as (select * from {{ ref('int_jaren') }}),
vergaderingen as (select * from {{ ref('vergaderingen') }}),
presentie as (select * from {{ ref('presentie') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

gremia as (
    select * from (values
        ('pho', 'pho_vergaderingen', 'pho_presentie'),
        ('kerngroep', 'kerngroep_vergaderingen', 'kerngroep_presentie'),
        ('twentebreed', 'twentebreed_vergaderingen', 'twentebreed_presentie')
    ) as g(gremium, aantal_id, presentie_id)
),

aantal as (
    select
        gremia.gremium,
        gremia.aantal_id,
        jaren.jaar,
        count(vergaderingen.vergadering_id) as aantal
    from jaren
    cross join gremia
    left join vergaderingen
        on vergaderingen.jaar = jaren.jaar and vergaderingen.gremium = gremia.gremium
    group by all
),

verwacht as (
    select gremia.gremium, gremia.presentie_id, deelnemers.jaar, deelnemers.deelnemer_code
    from deelnemers
    inner join gremia
        on (gremia.gremium = 'pho' and deelnemers.is_pho_lid)
        or (gremia.gremium = 'kerngroep' and deelnemers.is_kerngroeplid)
        or (gremia.gremium = 'twentebreed' and deelnemers.is_partij)
),

bijgewoond as (
    select gremium, jaar, deelnemer_code, count(*) filter (where aanwezig) as bijgewoond
    from presentie
    group by all
),

presentie_p as (
    select
        verwacht.presentie_id as indicator_id,
        verwacht.jaar,
        verwacht.deelnemer_code,
        case
            when aantal.aantal > 0
                then 100.0 * coalesce(bijgewoond.bijgewoond, 0) / aantal.aantal
        end as waarde
    from verwacht
    inner join aantal on aantal.gremium = verwacht.gremium and aantal.jaar = verwacht.jaar
    left join bijgewoond
        on bijgewoond.gremium = verwacht.gremium
        and bijgewoond.jaar = verwacht.jaar
        and bijgewoond.deelnemer_code = verwacht.deelnemer_code
),

presentie_r as (
    -- Region = mean of the participants' values (evaluatiekader: pho_presentie).
    select indicator_id, jaar, null::varchar as deelnemer_code, avg(waarde) as waarde
    from presentie_p
    group by indicator_id, jaar
),

kerngroep_leden as (
    select
        'kerngroep_leden' as indicator_id,
        jaren.jaar,
        null::varchar as deelnemer_code,
        cast(count(distinct presentie.deelnemer_code) as double) as waarde
    from jaren
    left join presentie
        on presentie.jaar = jaren.jaar
        and presentie.gremium = 'kerngroep'
        and presentie.aanwezig
        and presentie.deelnemer_code in (select deelnemer_code from deelnemers where is_partij)
    group by jaren.jaar
),

waarden as (
    select aantal_id as indicator_id, jaar, null::varchar as deelnemer_code,
        cast(aantal as double) as waarde
    from aantal
    union all select * from presentie_p
    union all select * from presentie_r
    union all select * from kerngroep_leden
),

final as (
    select
        waarden.indicator_id,
        waarden.jaar,
        waarden.deelnemer_code,
        waarden.waarde,
        normen.waarde as norm
    from waarden
    left join normen
        on normen.jaar = waarden.jaar
        and normen.norm_sleutel = case
            when waarden.indicator_id like '%_presentie' then 'presentie'
            else waarden.indicator_id
        end
)

select * from final
