-- One row per expected delivery: supplier, kind, gremium (presentie), jaar and period of the
-- delivery schedule (seed_leverschema), with what arrived and when, and what is late at
-- peildatum (int_leveringen).
with source as (select * from {{ ref('int_leveringen') }}),

final as (
    select
        leverancier_code, soort, gremium, jaar, periode, periode_label, frequentie,
        periode_begin, periode_einde, vervaldatum, geleverd, aangeleverd_op, status,
        dagen_te_laat
    from source
)

select * from final
