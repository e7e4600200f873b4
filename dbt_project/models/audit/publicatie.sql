-- One row: when this warehouse was built, against which peildatum, and up to which load the
-- data reaches ("data as of", shown on the dashboard).
with ladingen as (select * from {{ ref('stg_landing__ladingen') }}),

final as (
    select
        cast('{{ env_var("DBT_ENV_CUSTOM_ENV_VTH_GEBOUWD_OP", "1970-01-01 00:00:00") }}' as timestamp) as gebouwd_op,
        {{ peildatum() }} as peildatum,
        cast(max(geladen_op) as timestamp) as data_tot,
        cast(count(*) as integer) as aantal_ladingen
    from ladingen
)

select * from final
