-- One row per jaar and norm_sleutel (every key of seed_normen, every reporting year).
-- `norm`: the value in force that year, the seed row with the latest geldig_vanaf_jaar on or
-- before it, NULL before the first such row (evaluatiekader v2 decision 4: the norms of 000 and
-- 003 hold from 2024, so 2022 and 2023 have none).
-- `maatstaf`: the yardstick a value is measured with where its definition divides by a norm
-- amount (bijdrage_vervulling: 130 h and EUR 10,000; vaste_bijdrage_betaald): the norm in
-- force, and before the first norm year the first norm, so the before/after comparison compares
-- like with like while the years before carry no norm and no status.
with jaren as (select * from {{ ref('int_jaren') }}),
normen as (select * from {{ ref('seed_normen') }}),

sleutels as (
    select norm_sleutel, min(geldig_vanaf_jaar) as eerste_jaar
    from normen
    group by norm_sleutel
),

geldig as (
    select
        jaren.jaar,
        sleutels.norm_sleutel,
        max(normen.geldig_vanaf_jaar) as geldig_vanaf_jaar
    from jaren
    cross join sleutels
    left join normen
        on normen.norm_sleutel = sleutels.norm_sleutel
        and normen.geldig_vanaf_jaar <= jaren.jaar
    group by jaren.jaar, sleutels.norm_sleutel
),

final as (
    select
        geldig.jaar,
        geldig.norm_sleutel,
        cast(in_kracht.waarde as decimal(18, 4)) as norm,
        cast(coalesce(in_kracht.waarde, eerste.waarde) as decimal(18, 4)) as maatstaf,
        coalesce(in_kracht.bron, eerste.bron) as bron
    from geldig
    inner join sleutels on sleutels.norm_sleutel = geldig.norm_sleutel
    left join normen as in_kracht
        on in_kracht.norm_sleutel = geldig.norm_sleutel
        and in_kracht.geldig_vanaf_jaar = geldig.geldig_vanaf_jaar
    left join normen as eerste
        on eerste.norm_sleutel = geldig.norm_sleutel
        and eerste.geldig_vanaf_jaar = sleutels.eerste_jaar
)

select * from final
