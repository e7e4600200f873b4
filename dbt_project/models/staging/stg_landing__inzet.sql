with source as (select * from {{ source('landing', 'inzet') }}),

final as (
    select
        cast(extract(year from datum) as integer) as jaar,
        datum,
        deelnemer as deelnemer_code,
        medewerker_id,
        gremium,
        project,
        uren,
        omschrijving,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
