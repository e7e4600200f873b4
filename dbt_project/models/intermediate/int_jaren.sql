-- One row per reporting year: from the first year with data up to the year of peildatum.
-- The running year is measured up to peildatum; `fractie_verstreken` is the elapsed share of
-- the year used to hold count norms pro rata (evaluatiekader.md, conventions).
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

final as (
    select
        jaar,
        make_date(jaar, 1, 1) as jaar_begin,
        make_date(jaar, 12, 31) as jaar_einde,
        least(make_date(jaar, 12, 31), {{ peildatum() }}) as gemeten_tot,
        jaar = extract(year from {{ peildatum() }}) as is_lopend_jaar,
        case
            when jaar < extract(year from {{ peildatum() }}) then 1.0
            else (date_diff('day', make_date(jaar, 1, 1), {{ peildatum() }}) + 1)
                / (date_diff('day', make_date(jaar, 1, 1), make_date(jaar + 1, 1, 1)))::double
        end as fractie_verstreken
    from jaren
)

select * from final
