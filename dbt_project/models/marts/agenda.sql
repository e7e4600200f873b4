-- One row per samenwerkingsagenda item (latest version) judged at peildatum (int_agenda).
with source as (select * from {{ ref('int_agenda') }}),

final as (
    select
        agenda_id, type, pijler, titel, trekker_code, startdatum, deadline, status, afgerond_op,
        voortgang, deadline_jaar, afgerond, op_tijd_afgerond, te_laat_afgerond, achterstallig,
        dagen_na_deadline, lading_id, bron
    from source
)

select * from final
