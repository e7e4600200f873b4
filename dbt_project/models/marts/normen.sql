-- One row per jaar and norm: the norm in force that year (seed normen, indexable per year).
with source as (select * from {{ ref('int_normen_per_jaar') }}),

final as (select jaar, norm_sleutel, waarde, bron from source)

select * from final
