-- waarde as the contract lets it be published (macro publiceerbare_waarde): the raw value
-- stays in the landing database.
with source as (select * from {{ source('landing_audit', 'quarantaine') }}),

final as (
    select lading_id, bron, soort, rij, kolom, {{ publiceerbare_waarde('waarde') }} as waarde, reden
    from source
)

select * from final
