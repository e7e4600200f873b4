-- One row per ODT case (latest version: ingest keeps one row per zaak_id) that started on or
-- before peildatum (evaluatiekader v2 decision 10: a case counts by its startdatum), with the
-- year of its startdatum. The contract's columns without free text (product stays in the
-- landing). Ephemeral: at national volume a copy costs seconds per build; its consumers
-- (marts.odt_zaken and the aggregates) each read it straight from the landing table.
{{ config(materialized='ephemeral') }}

with zaken as (select * from {{ ref('stg_landing__odt_zaken') }}),

final as (
    select
        zaak_id,
        jaar,
        deelnemer_code,
        taakveld,
        controle_type,
        startdatum,
        einddatum,
        status,
        uren,
        overtreding,
        lhso_categorie,
        strafrechtelijk,
        klacht_aard
    from zaken
    where startdatum <= {{ peildatum() }}
)

select * from final
