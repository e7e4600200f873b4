-- One row per load attempt (data contract, audit.ladingen), newest last.
with source as (select * from {{ ref('stg_landing__ladingen') }}),

final as (
    select
        cast(lading_id as integer) as lading_id,
        cast(bron as varchar) as bron,
        cast(soort as varchar) as soort,
        cast(sha256 as varchar) as sha256,
        cast(geladen_op as timestamp) as geladen_op,
        cast(rijen_gelezen as integer) as rijen_gelezen,
        cast(rijen_geladen as integer) as rijen_geladen,
        cast(rijen_quarantaine as integer) as rijen_quarantaine,
        cast(resultaat as varchar) as resultaat,
        cast(melding as varchar) as melding
    from source
)

select * from final
