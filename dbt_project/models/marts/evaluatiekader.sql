-- One row per indicator of the evaluatiekader (../shared/docs/evaluatiekader.md; 000 Opgave 7).
with source as (select * from {{ ref('seed_evaluatiekader') }}),

final as (
    select
        indicator_id, volgorde, naam, definitie, eenheid, niveau, norm_sleutel, norm_schaal,
        pro_rata, status_regel, grens_basis, grens_groen, grens_oranje, grens_oranje_exclusief,
        bron_document, bron_clausule
    from source
)

select * from final
