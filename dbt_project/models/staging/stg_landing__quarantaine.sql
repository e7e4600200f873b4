with source as (select * from {{ source('landing_audit', 'quarantaine') }}),

final as (
    select lading_id, bron, soort, rij, kolom, waarde, reden
    from source
)

select * from final
