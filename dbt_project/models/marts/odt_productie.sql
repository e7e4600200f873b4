-- One row per jaar, maand, deelnemer, taakveld and product: ODT plan and realisation for the
-- months up to peildatum (int_odt_productie).
with source as (select * from {{ ref('int_odt_productie') }}),

final as (
    select
        jaar, maand, deelnemer_code, taakveld, product, aantal_gepland, aantal_gerealiseerd,
        uren_gepland, uren_gerealiseerd
    from source
)

select * from final
