-- The names delivered in a name column (inzet.medewerker, presentie.naam), lower-cased and
-- trimmed: only to recognise a name typed in another column (issue 12; macro verberg_namen).
-- Ephemeral on purpose: it is inlined into the models that use it and never written to the
-- warehouse file, so no name reaches the published warehouse.
{{ config(materialized='ephemeral') }}

with inzet as (select medewerker as naam from {{ source('landing', 'inzet') }}),
presentie as (select naam from {{ source('landing', 'presentie') }}),

alle as (
    select naam from inzet
    union
    select naam from presentie
),

final as (
    select distinct lower(trim(naam)) as naam
    from alle
    where naam is not null and trim(naam) <> ''
)

select * from final
