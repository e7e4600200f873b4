with source as (select * from {{ source('landing', 'presentie') }}),

final as (
    select
        cast(extract(year from datum) as integer) as jaar,
        gremium,
        datum,
        project,
        deelnemer as deelnemer_code,
        naam_id,
        rol,
        status,
        vertegenwoordigd_door as vertegenwoordigd_door_code,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
