-- One row per reporting year: from the first year with data up to the year of peildatum.
-- The running year is measured up to peildatum; a pro-rated norm is norm x dagen_verstreken /
-- dagen_in_jaar, where dagen_verstreken is the day of the year of peildatum (1 January = 1)
-- (evaluatiekader.md, conventions). Closed years count every day.
with inzet as (select min(jaar) as jaar from {{ ref('stg_landing__inzet') }}),
presentie as (select min(jaar) as jaar from {{ ref('stg_landing__presentie') }}),
bijdragen as (select min(jaar) as jaar from {{ ref('stg_landing__bijdragen') }}),
productie as (select min(jaar) as jaar from {{ ref('stg_landing__odt_productie') }}),
zaken as (select min(jaar) as jaar from {{ ref('stg_landing__odt_zaken') }}),
agenda as (
    select cast(min(extract(year from deadline)) as integer) as jaar
    from {{ ref('stg_landing__agenda_versies') }}
),

bounds as (
    select
        least(
            coalesce((select jaar from inzet), 9999),
            coalesce((select jaar from presentie), 9999),
            coalesce((select jaar from bijdragen), 9999),
            coalesce((select jaar from productie), 9999),
            coalesce((select jaar from zaken), 9999),
            coalesce((select jaar from agenda), 9999),
            cast(extract(year from {{ peildatum() }}) as integer)
        ) as eerste_jaar,
        cast(extract(year from {{ peildatum() }}) as integer) as laatste_jaar
),

jaren as (
    select cast(jaar as integer) as jaar
    from bounds, generate_series(eerste_jaar, laatste_jaar) as s(jaar)
),

dagen as (
    select
        jaar,
        {{ date_from_parts('jaar', 1, 1) }} as jaar_begin,
        {{ date_from_parts('jaar', 12, 31) }} as jaar_einde,
        jaar = extract(year from {{ peildatum() }}) as is_lopend_jaar,
        cast({{ dbt.datediff(date_from_parts('jaar', 1, 1), date_from_parts('jaar + 1', 1, 1), 'day') }}
            as integer) as dagen_in_jaar
    from jaren
),

final as (
    select
        jaar,
        jaar_begin,
        jaar_einde,
        least(jaar_einde, {{ peildatum() }}) as gemeten_tot,
        is_lopend_jaar,
        case
            when is_lopend_jaar
                then cast({{ dbt.datediff('jaar_begin', peildatum(), 'day') }} + 1 as integer)
            else dagen_in_jaar
        end as dagen_verstreken,
        dagen_in_jaar,
        case
            when is_lopend_jaar
                then ({{ dbt.datediff('jaar_begin', peildatum(), 'day') }} + 1)
                    / cast(dagen_in_jaar as {{ type_double() }})
            else 1.0
        end as fractie_verstreken
    from dagen
)

select * from final
