-- Amounts as exact decimals (cents). omschrijving is free text and is not published (issue 12).
with source as (select * from {{ source('landing', 'bijdragen') }}),

final as (
    select
        jaar,
        deelnemer as deelnemer_code,
        soort,
        cast(bedrag as decimal(14, 2)) as bedrag,
        factuurdatum,
        betaaldatum,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
