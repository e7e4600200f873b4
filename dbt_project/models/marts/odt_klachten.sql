-- One row per jaar, deelnemer and klacht_aard: complaints by nature (int_odt_klachten).
with source as (select * from {{ ref('int_odt_klachten') }}),

final as (
    select jaar, deelnemer_code, klacht_aard, aantal_klachten, aantal_open
    from source
)

select * from final
