-- One row per delivered contribution (bijdragen) that counts at peildatum (evaluatiekader v2
-- decision 10): a row counts for its jaar when its factuurdatum, else its betaaldatum, is on or
-- before peildatum; a row with neither date counts by its jaar (up to the year of peildatum).
-- `betaald`: paid on or before peildatum (a payment counts as paid only then).
-- No free text: omschrijving stays in the landing (issue 12).
with bijdragen as (select * from {{ ref('stg_landing__bijdragen') }}),

final as (
    select
        jaar,
        deelnemer_code,
        soort,
        bedrag,
        factuurdatum,
        betaaldatum,
        coalesce(betaaldatum <= {{ peildatum() }}, false) as betaald,
        lading_id,
        bron,
        rij
    from bijdragen
    where
        coalesce(factuurdatum, betaaldatum) <= {{ peildatum() }}
        or (
            factuurdatum is null and betaaldatum is null
            and jaar <= extract(year from {{ peildatum() }})
        )
)

select * from final
