-- One row per samenwerkingsagenda item (latest version) with its lateness against peildatum
-- (000 Opgave 5; 003 Art. 1d).
with items as (select * from {{ ref('int_agenda_actueel') }}),

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
        status = 'afgerond' and afgerond_op <= deadline as op_tijd_afgerond,
        status = 'afgerond' and afgerond_op > deadline as te_laat_afgerond,
        deadline < {{ peildatum() }} and status not in ('afgerond', 'gestopt') as achterstallig,
        case
            when status = 'afgerond' then date_diff('day', deadline, afgerond_op)
            when status <> 'gestopt' and deadline < {{ peildatum() }}
                then date_diff('day', deadline, {{ peildatum() }})
        end as dagen_na_deadline,
        lading_id,
        bron
    from items
)

select * from final
