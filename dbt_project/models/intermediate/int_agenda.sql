-- One row per samenwerkingsagenda item: its latest loaded version (a later load replaces the
-- item; the earlier versions stay in int_agenda_historie), judged at peildatum (000 Opgave 5;
-- 003 Art. 1d). An item completed after peildatum is not completed at peildatum (evaluatiekader
-- v2 decision 10): `afgerond` is the status at peildatum, op_tijd_afgerond / te_laat_afgerond /
-- achterstallig / dagen_na_deadline follow from it.
with versies as (select * from {{ ref('stg_landing__agenda_versies') }}),

gerangschikt as (
    select
        *,
        row_number() over (partition by agenda_id order by lading_id desc, rij desc) as volgorde
    from versies
),

actueel as (
    select
        agenda_id, type, pijler, titel, trekker_code, startdatum, deadline, status,
        afgerond_op, voortgang, lading_id, bron,
        coalesce(status = 'afgerond' and afgerond_op <= {{ peildatum() }}, false) as afgerond
    from gerangschikt
    where volgorde = 1
),

final as (
    select
        agenda_id,
        type,
        pijler,
        titel,
        trekker_code,
        startdatum,
        deadline,
        status,
        afgerond_op,
        voortgang,
        cast(extract(year from deadline) as integer) as deadline_jaar,
        afgerond,
        afgerond and afgerond_op <= deadline as op_tijd_afgerond,
        afgerond and afgerond_op > deadline as te_laat_afgerond,
        deadline < {{ peildatum() }} and not afgerond and status <> 'gestopt' as achterstallig,
        cast(case
            when afgerond then {{ dbt.datediff('deadline', 'afgerond_op', 'day') }}
            when status <> 'gestopt' and deadline < {{ peildatum() }}
                then {{ dbt.datediff('deadline', peildatum(), 'day') }}
        end as integer) as dagen_na_deadline,
        lading_id,
        bron
    from actueel
)

select * from final
