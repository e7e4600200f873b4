-- One row per delivered contribution that counts at peildatum (int_bijdragen), without free text.
with source as (select * from {{ ref('int_bijdragen') }}),

final as (
    select jaar, deelnemer_code, soort, bedrag, factuurdatum, betaaldatum, betaald, lading_id, bron, rij
    from source
)

select * from final
