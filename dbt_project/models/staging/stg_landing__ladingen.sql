with source as (select * from {{ source('landing_audit', 'ladingen') }}),

final as (
    select
        lading_id, bron, soort, sha256, geladen_op, rijen_gelezen, rijen_geladen,
        rijen_quarantaine, resultaat, melding, archief
    from source
)

select * from final
