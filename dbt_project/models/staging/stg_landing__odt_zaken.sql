-- Ephemeral (see _staging.yml): never written to the warehouse, so product (free text) stays
-- in the landing; marts.odt_zaken publishes the contract's columns without it.
with source as (select * from {{ source('landing', 'odt_zaken') }}),

final as (
    select
        zaak_id,
        cast(extract(year from startdatum) as integer) as jaar,
        deelnemer as deelnemer_code,
        taakveld,
        product,
        controle_type,
        startdatum,
        einddatum,
        status,
        cast(uren as decimal(18, 4)) as uren,
        overtreding,
        lhso_categorie,
        strafrechtelijk,
        klacht_aard,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
