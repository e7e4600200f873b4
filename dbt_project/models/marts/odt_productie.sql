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
        sum(uren_gepland) as uren_gepland,
        sum(uren_gerealiseerd) as uren_gerealiseerd
    from productie
    where make_date(jaar, maand, 1) <= {{ peildatum() }}
    group by all
)

select * from final
