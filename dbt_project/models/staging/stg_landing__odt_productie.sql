with source as (select * from {{ source('landing', 'odt_productie') }}),

final as (
    select
        jaar,
        maand,
        deelnemer as deelnemer_code,
        taakveld,
        product,
        aantal_gepland,
        aantal_gerealiseerd,
        uren_gepland,
        uren_gerealiseerd,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
