-- One row per organisation of the seed (codes, names, aliases, party / WVS / chain partner,
-- civil-service organisation: 000 Opgave 1 counts Dinkelland and Tubbergen as one, NOA).
with source as (select * from {{ ref('seed_organisaties') }}),

final as (
    select code, naam, soort, partij, ambtelijke_organisatie, aliassen
    from source
)

select * from final
