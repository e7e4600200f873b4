-- One row per jaar, maand, deelnemer, taakveld and product: ODT plan and realisation (001:
-- hours and products budgeted and settled per participant). A month counts when its first day
-- is on or before peildatum (evaluatiekader v2 decision 10). Hours are exact decimals.
with productie as (select * from {{ ref('stg_landing__odt_productie') }}),

final as (
    select
        jaar,
        maand,
        deelnemer_code,
        taakveld,
        product,
        cast(sum(aantal_gepland) as bigint) as aantal_gepland,
        cast(sum(aantal_gerealiseerd) as bigint) as aantal_gerealiseerd,
        cast(sum(uren_gepland) as decimal(18, 4)) as uren_gepland,
        cast(sum(uren_gerealiseerd) as decimal(18, 4)) as uren_gerealiseerd
    from productie
    where {{ date_from_parts('jaar', 'maand', 1) }} <= {{ peildatum() }}
    group by jaar, maand, deelnemer_code, taakveld, product
)

select * from final
