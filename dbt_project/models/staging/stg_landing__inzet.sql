-- Hours as exact decimals (evaluatiekader v2 decision 9). The employee's name stays in the
-- landing (medewerker_id is its pseudonym); free text that may hold a name is not published:
-- omschrijving is left out, project is masked (issue 12).
with source as (select * from {{ source('landing', 'inzet') }}),
namen as (select * from {{ ref('stg_landing__namen') }}),

final as (
    select
        cast(extract(year from datum) as integer) as jaar,
        datum,
        deelnemer as deelnemer_code,
        medewerker_id,
        gremium,
        {{ verberg_namen('project', 'namen') }} as project,
        cast(uren as decimal(18, 4)) as uren,
        _lading_id as lading_id,
        _bron as bron,
        _rij as rij
    from source
)

select * from final
