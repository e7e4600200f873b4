-- One row per meeting: a (gremium, datum, project) with at least one attendance row dated on or
-- before peildatum (data contract, presentie: "one meeting = one (gremium, datum, project)";
-- evaluatiekader v2 decision 10). aantal_aanwezig counts the participants that attended; the
-- cooperation's officers (int_presentie) count for none.
with presentie as (select * from {{ ref('stg_landing__presentie') }}),

rijen as (
    select
        *,
        gremium || '|' || {{ date_iso('datum') }} || '|' || coalesce(project, '')
            as vergadering_id,
        {{ is_functionaris('rol', 'gremium') }} as is_functionaris
    from presentie
    where datum <= {{ peildatum() }}
),

final as (
    select
        vergadering_id,
        gremium,
        datum,
        project,
        jaar,
        count(distinct case
            when status in ('aanwezig', 'vertegenwoordigd') and not is_functionaris
                then deelnemer_code
        end) as aantal_aanwezig,
        count(*) as aantal_registraties
    from rijen
    group by vergadering_id, gremium, datum, project, jaar
)

select * from final
