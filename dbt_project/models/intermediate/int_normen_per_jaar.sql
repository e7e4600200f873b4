-- One row per jaar and norm_sleutel: the norm value in force that year (the seed row with the
-- latest geldig_vanaf_jaar on or before the year), so a region can index norms per year.
with jaren as (select * from {{ ref('int_jaren') }}),
normen as (select * from {{ ref('seed_normen') }}),

geldig as (
    select
        jaren.jaar,
        normen.norm_sleutel,
        normen.waarde,
        normen.bron,
        row_number() over (
            partition by jaren.jaar, normen.norm_sleutel order by normen.geldig_vanaf_jaar desc
        ) as volgorde
    from jaren
    inner join normen on normen.geldig_vanaf_jaar <= jaren.jaar
),

final as (
    select jaar, norm_sleutel, waarde, bron
    from geldig
    where volgorde = 1
)

select * from final
