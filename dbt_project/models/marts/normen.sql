-- One row per jaar and norm: the norm in force that year (NULL before it holds) and the
-- yardstick values are measured with (int_normen_per_jaar).
with source as (select * from {{ ref('int_normen_per_jaar') }}),

final as (select jaar, norm_sleutel, norm, maatstaf, bron from source)

select * from final
