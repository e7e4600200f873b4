with source as (select * from {{ source('landing', 'agenda') }}),
namen as (select * from {{ ref('stg_landing__namen') }}),

final as (
    select
        id as agenda_id,
        type,
        pijler,
        {{ verberg_namen('titel', 'namen') }} as titel,
        trekker as trekker_code,
        startdatum,
        deadline,
        status,
        afgerond_op,
        voortgang,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
