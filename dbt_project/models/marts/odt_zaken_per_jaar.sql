-- One row per jaar, deelnemer, taakveld and controle_type: ODT case counts (int_odt_zaken_per_jaar).
with source as (select * from {{ ref('int_odt_zaken_per_jaar') }}),

final as (
    select
        jaar, deelnemer_code, taakveld, controle_type, aantal_zaken, aantal_open,
        aantal_met_overtreding, aantal_overtreding_bekend, aantal_strafrechtelijk, uren
    from source
)

select * from final
