with source as (select * from {{ source('landing_audit', 'bestanden') }}),

final as (
    select bron, soort, sha256, lading_id
    from source
)

select * from final
