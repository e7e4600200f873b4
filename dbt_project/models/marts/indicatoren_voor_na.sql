-- One row per indicator, participant (NULL = region) and comparison: the mean yearly value
-- before and after a turning point, so the evaluator can show change (evaluatiekader.md, last
-- paragraph). Two turning points: the cooperation "new style" from 1 Jan 2024 (000 Opgave 7)
-- and the agreement from 1 Nov 2024 (003 Art. 11). Years are the grain: 2024 counts as
-- "before" the agreement (it was in force for 2 of its 12 months). Only complete years count:
-- the running year (measured up to peildatum) would understate counts and hours.
with indicatoren as (select * from {{ ref('int_indicatoren') }}),
jaren as (select * from {{ ref('int_jaren') }}),

vergelijkingen as (
    select * from (values
        ('nieuwe_stijl', cast('{{ var("start_nieuwe_stijl") }}' as date)),
        ('overeenkomst', cast('{{ var("start_overeenkomst") }}' as date))
    ) as v(vergelijking, grensdatum)
),

ingedeeld as (
    select
        indicatoren.indicator_id,
        indicatoren.deelnemer_code,
        indicatoren.jaar,
        indicatoren.waarde,
        vergelijkingen.vergelijking,
        vergelijkingen.grensdatum,
        -- a year is "after" when it starts on or after the turning point's year start and
        -- the turning point lies in or before it for the larger part of the year
        case
            when {{ date_from_parts('indicatoren.jaar', 12, 31) }} < vergelijkingen.grensdatum then 'voor'
            when {{ date_from_parts('indicatoren.jaar', 1, 1) }} >= vergelijkingen.grensdatum then 'na'
            when {{ date_from_parts('indicatoren.jaar', 7, 1) }} >= vergelijkingen.grensdatum then 'na'
            else 'voor'
        end as periode
    from indicatoren
    inner join jaren on jaren.jaar = indicatoren.jaar and not jaren.is_lopend_jaar
    cross join vergelijkingen
),

-- The means in exact decimal arithmetic over the published 2-decimal values, to 9 decimals,
-- then as double (the contract's type): the same value on DuckDB and PostgreSQL (a mean of
-- doubles depends on the order of addition, which differs between the engines).
gemiddeld as (
    select
        indicator_id,
        deelnemer_code,
        vergelijking,
        grensdatum,
        cast(avg(cast(waarde as decimal(38, 2))) filter (where periode = 'voor')
            as decimal(38, 9)) as waarde_voor,
        cast(avg(cast(waarde as decimal(38, 2))) filter (where periode = 'na')
            as decimal(38, 9)) as waarde_na,
        cast(count(waarde) filter (where periode = 'voor') as integer) as jaren_voor,
        cast(count(waarde) filter (where periode = 'na') as integer) as jaren_na,
        min(jaar) filter (where periode = 'voor') as eerste_jaar_voor,
        max(jaar) filter (where periode = 'voor') as laatste_jaar_voor,
        min(jaar) filter (where periode = 'na') as eerste_jaar_na,
        max(jaar) filter (where periode = 'na') as laatste_jaar_na
    from ingedeeld
    group by indicator_id, deelnemer_code, vergelijking, grensdatum
),

final as (
    select
        indicator_id,
        deelnemer_code,
        vergelijking,
        grensdatum,
        cast(waarde_voor as {{ type_double() }}) as waarde_voor,
        cast(waarde_na as {{ type_double() }}) as waarde_na,
        cast(waarde_na - waarde_voor as {{ type_double() }}) as verschil,
        jaren_voor,
        jaren_na,
        eerste_jaar_voor,
        laatste_jaar_voor,
        eerste_jaar_na,
        laatste_jaar_na
    from gemiddeld
)

select * from final
