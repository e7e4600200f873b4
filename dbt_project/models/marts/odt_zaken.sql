-- One row per ODT case (latest version) started on or before peildatum: the rows behind every
-- odt_* indicator (data contract v2, marts.odt_zaken), the contract's columns without free
-- text. Detail, not an aggregate: for the evaluator and beheerder roles.
with source as (select * from {{ ref('int_odt_zaken') }}),

final as (
    select
        zaak_id, jaar, deelnemer_code, taakveld, controle_type, startdatum, einddatum, status,
        uren, overtreding, lhso_categorie, strafrechtelijk, klacht_aard
    from source
)

select * from final
