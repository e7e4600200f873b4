-- Agenda indicators (evaluatiekader: agenda_op_tijd per jaar of the deadline,
-- agenda_achterstallig for the year of peildatum only; 000 Opgave 5), each with its herkomst
-- (macro indicator_waarden). The peildatum is written into the filter as a date literal, so
-- the herkomst query needs nothing else.
with jaren as (select * from {{ ref('int_jaren') }}),
agenda as (select * from {{ ref('int_agenda') }}),

regio as (select jaar, cast(null as varchar) as deelnemer_code from jaren),
lopend_jaar as (select jaar, cast(null as varchar) as deelnemer_code from jaren where is_lopend_jaar),

final as (
    select * from {{ indicator_waarden(
        'agenda', 'agenda', 'regio',
        [['agenda_op_tijd',
            'cast(100.0 * count(*) filter (where op_tijd_afgerond) / nullif(count(*), 0) as decimal(38, 9))']],
        filter="deadline <= date '" ~ var('peildatum') ~ "' and status <> 'gestopt'",
        jaar_kolom='deadline_jaar', per_deelnemer=false) }} as a
    union all
    select * from {{ indicator_waarden(
        'agenda', 'agenda', 'lopend_jaar', [['agenda_achterstallig', 'count(*)']],
        filter='achterstallig', jaar_kolom=none, per_deelnemer=false) }} as b
)

select * from final
