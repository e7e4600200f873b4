-- One row per party per jaar: hours by gremium against the hour norm, substitute and fixed
-- contributions, fulfilment (int_bijdragen_per_deelnemer).
with source as (select * from {{ ref('int_bijdragen_per_deelnemer') }}),

final as (
    select
        deelnemer_code, jaar, vertegenwoordigingsfactor,
        uren_totaal, uren_kerngroep, uren_twentebreed, uren_projectgroep, uren_pho, uren_overig,
        urennorm, urennorm_peildatum,
        urennorm_kerngroep, urennorm_kerngroep_peildatum,
        urennorm_twentebreed, urennorm_twentebreed_peildatum,
        urennorm_projectgroep, urennorm_projectgroep_peildatum,
        urenmaatstaf, bedragmaatstaf,
        vervangende_bijdrage, vaste_bijdrage_gefactureerd, vaste_bijdrage_betaald,
        variabele_bijdrage, vervulling_pct
    from source
)

select * from final
