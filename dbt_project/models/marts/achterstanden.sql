-- One row per year and party: contribution status and since when, the fixed contribution
-- invoiced / paid / overdue, the substitute owed, the last delivery (int_achterstanden).
with source as (select * from {{ ref('int_achterstanden') }}),

final as (
    select
        jaar, deelnemer_code, vervulling_pct, vervulling_status, onder_norm_sinds_jaar,
        jaren_onder_norm, vaste_bijdrage_gefactureerd, vaste_bijdrage_betaald,
        vaste_bijdrage_open, vaste_bijdrage_factuurdatum, vaste_bijdrage_vervaldatum,
        vaste_bijdrage_dagen_te_laat, vaste_bijdrage_status, vervangende_bijdrage_verschuldigd,
        vervangende_bijdrage_betaald, vervangende_bijdrage_saldo, laatste_levering,
        uren_tot_en_met, leveringen_te_laat
    from source
)

select * from final
