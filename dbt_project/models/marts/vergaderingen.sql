-- One row per meeting: a (gremium, datum, project) with at least one attendance row
-- (data contract, presentie: "one meeting = one (gremium, datum, project)").
with presentie as (select * from {{ ref('stg_landing__presentie') }}),

final as (
    select
        gremium || '|' || strftime(datum, '%Y-%m-%d') || '|' || coalesce(project, '')
            as vergadering_id,
        gremium,
        datum,
        project,
        jaar,
        count(distinct deelnemer_code) filter (
            where status in ('aanwezig', 'vertegenwoordigd')
        ) as aantal_aanwezig,
        count(*) as aantal_registraties
    from presentie
    where datum <= {{ peildatum() }}
    group by gremium, datum, project, jaar
)

select * from final
