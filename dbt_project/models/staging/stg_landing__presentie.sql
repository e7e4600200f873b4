-- The attendee's name stays in the landing (naam_id is its pseudonym). rol is free text in the
-- delivery: only the roles the data contract lists are kept (anything else becomes 'anders'),
-- so a name typed in rol never reaches the warehouse; project is masked (issue 12).
with source as (select * from {{ source('landing', 'presentie') }}),
namen as (select * from {{ ref('stg_landing__namen') }}),

final as (
    select
        cast(extract(year from datum) as integer) as jaar,
        gremium,
        datum,
        {{ verberg_namen('project', 'namen') }} as project,
        deelnemer as deelnemer_code,
        naam_id,
        case
            when rol is null or trim(rol) = '' then null
            when lower(trim(rol)) in (
                'bestuurder', 'vervanger', 'ambtenaar', 'voorzitter', 'secretaris', 'gast'
            ) then lower(trim(rol))
            else 'anders'
        end as rol,
        status,
        vertegenwoordigd_door as vertegenwoordigd_door_code,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
