with source as (select * from {{ source('landing', 'odt_productie') }}),
namen as (select * from {{ ref('stg_landing__namen') }}),

final as (
    select
        jaar,
        maand,
        deelnemer as deelnemer_code,
        taakveld,
        {{ verberg_namen('product', 'namen') }} as product,
        aantal_gepland,
        aantal_gerealiseerd,
        cast(uren_gepland as decimal(18, 4)) as uren_gepland,
        cast(uren_gerealiseerd as decimal(18, 4)) as uren_gerealiseerd,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
