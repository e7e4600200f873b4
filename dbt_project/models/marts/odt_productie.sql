-- One row per jaar, maand, deelnemer, taakveld and product: ODT plan and realisation
-- (001: hours and products budgeted and settled per participant).
with productie as (select * from {{ ref('stg_landing__odt_productie') }}),

final as (
    select
        jaar,
        maand,
        deelnemer_code,
        taakveld,
        product,
        sum(aantal_gepland) as aantal_gepland,
        sum(aantal_gerealiseerd) as aantal_gerealiseerd,
        round(sum(uren_gepland), 4) as uren_gepland,
        round(sum(uren_gerealiseerd), 4) as uren_gerealiseerd
    from productie
    where make_date(jaar, maand, 1) <= {{ peildatum() }}
    group by all
)

select * from final
