-- One row per indicator, jaar and participant (deelnemer_code NULL = region): the published
-- evaluatiekader values (data contract, marts.indicatoren). Status from the catalogue's
-- thresholds; in the running year a count norm is held against its pro-rata part
-- (norm x elapsed share of the year; evaluatiekader.md, conventions).
with waarden as (
    select * from {{ ref('int_indicatoren_vergaderingen') }}
    union all by name select * from {{ ref('int_indicatoren_bijdragen') }}
    union all by name select * from {{ ref('int_indicatoren_odt') }}
    union all by name select * from {{ ref('int_indicatoren_agenda') }}
),
catalogus as (select * from {{ ref('seed_evaluatiekader') }}),
jaren as (select * from {{ ref('int_jaren') }}),

met_grenzen as (
    select
        waarden.*,
        catalogus.status_regel,
        catalogus.grens_oranje_exclusief,
        case when catalogus.pro_rata then waarden.norm * jaren.fractie_verstreken
            else waarden.norm end as norm_status,
        catalogus.grens_basis,
        catalogus.grens_groen,
        catalogus.grens_oranje
    from waarden
    inner join catalogus using (indicator_id)
    inner join jaren using (jaar)
),

grenzen as (
    select
        *,
        case grens_basis
            when 'verschil_norm' then norm_status + grens_groen
            when 'fractie_norm' then norm_status * grens_groen
            else grens_groen
        end as groen_grens,
        case grens_basis
            when 'verschil_norm' then norm_status + grens_oranje
            when 'fractie_norm' then norm_status * grens_oranje
            else grens_oranje
        end as oranje_grens
    from met_grenzen
),

-- Status compares values and thresholds rounded to 2 decimals: a sum of doubles such as
-- 16 x 7,8 h + 5,2 h is 129.99999999999997, and a substitute payment rounded to the cent
-- (60/130 x 10.000 = 4.615,38) gives 99,99995 %: a party that meets its norm to the cent is
-- groen. (0,01 percentage point = EUR 1 of the EUR 10.000 norm.)
afgerond as (
    select
        * exclude (waarde, norm_status, groen_grens, oranje_grens),
        waarde,
        round(waarde, 2) as w,
        round(norm, 2) as n,
        round(groen_grens, 2) as groen_grens,
        round(oranje_grens, 2) as oranje_grens
    from grenzen
),

final as (
    select
        cast(indicator_id as varchar) as indicator_id,
        cast(jaar as integer) as jaar,
        cast(deelnemer_code as varchar) as deelnemer_code,
        cast(waarde as double) as waarde,
        cast(norm as double) as norm,
        cast(case
            when status_regel = 'geen' or n is null or w is null then null
            when status_regel = 'minimum' then case
                when w >= groen_grens then 'groen'
                when grens_oranje_exclusief and w > oranje_grens then 'oranje'
                when not grens_oranje_exclusief and w >= oranje_grens then 'oranje'
                else 'rood' end
            when status_regel = 'maximum' then case
                when w <= groen_grens then 'groen'
                when w <= oranje_grens then 'oranje'
                else 'rood' end
            when status_regel = 'afwijking' then case
                when round(abs(w - n), 2) <= groen_grens then 'groen'
                when round(abs(w - n), 2) <= oranje_grens then 'oranje'
                else 'rood' end
        end as varchar) as status
    from afgerond
)

select * from final
