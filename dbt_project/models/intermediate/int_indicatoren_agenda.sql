-- Agenda indicators (evaluatiekader: agenda_op_tijd per jaar, agenda_achterstallig for the
-- year of peildatum only; 000 Opgave 5).
with jaren as (select * from {{ ref('int_jaren') }}),
agenda as (select * from {{ ref('agenda') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

op_tijd as (
    select
        'agenda_op_tijd' as indicator_id,
        jaren.jaar,
        100.0 * count(*) filter (where agenda.op_tijd_afgerond)
            / nullif(count(agenda.agenda_id), 0) as waarde
    from jaren
    left join agenda
        on agenda.deadline_jaar = jaren.jaar
        and agenda.deadline <= {{ peildatum() }}
        and agenda.status <> 'gestopt'
    group by jaren.jaar
),

achterstallig as (
    select
        'agenda_achterstallig' as indicator_id,
        jaren.jaar,
        cast(count(agenda.agenda_id) as double) as waarde
    from jaren
    left join agenda on agenda.achterstallig
    where jaren.is_lopend_jaar
    group by jaren.jaar
),

waarden as (
    select * from op_tijd
    union all
    select * from achterstallig
),

final as (
    select
        waarden.indicator_id,
        waarden.jaar,
        null::varchar as deelnemer_code,
        cast(waarden.waarde as double) as waarde,
        normen.waarde as norm
    from waarden
    left join normen on normen.jaar = waarden.jaar and normen.norm_sleutel = waarden.indicator_id
)

select * from final
