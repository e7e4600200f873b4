-- The year settlement of 003 Art. 7.3 ("deels of geheel"): one row per closed year (before the
-- year of peildatum, or closed by the kerngroep) and party, from the year the norms hold
-- (int_afrekening).
with source as (select * from {{ ref('int_afrekening') }}),

final as (
    select
        jaar, deelnemer_code, afsluiting, vertegenwoordigingsfactor, uren_geleverd, urennorm,
        uren_tekort, uren_per_partij, bedrag_per_partij, vervangende_bijdrage_verschuldigd,
        vervangende_bijdrage_gefactureerd, vervangende_bijdrage_betaald, saldo
    from source
    where is_afgesloten and urennorm is not null
)

select * from final
