-- One row per rejected value of the file versions whose rows are loaded now (data contract,
-- audit.quarantaine): what the kerngroep has to chase. A replaced version's rejects are gone
-- with its rows; they stay in the landing database's own audit trail.
with quarantaine as (select * from {{ ref('stg_landing__quarantaine') }}),
bestanden as (select * from {{ ref('stg_landing__bestanden') }}),

final as (
    select
        cast(quarantaine.lading_id as integer) as lading_id,
        cast(quarantaine.bron as varchar) as bron,
        cast(quarantaine.soort as varchar) as soort,
        cast(quarantaine.rij as integer) as rij,
        cast(quarantaine.kolom as varchar) as kolom,
        cast(quarantaine.waarde as varchar) as waarde,
        cast(quarantaine.reden as varchar) as reden
    from quarantaine
    inner join bestanden using (lading_id)
)

select * from final
