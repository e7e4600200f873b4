-- One row per loaded version of an agenda item: its status history (int_agenda_historie).
with source as (select * from {{ ref('int_agenda_historie') }}),

final as (
    select agenda_id, geladen_op, status, voortgang, deadline, afgerond_op, lading_id, bron, rij
    from source
)

select * from final
