-- Evaluatiekader v2 decision 1: every status in marts.indicatoren is re-derivable from the
-- row's own published waarde and norm_peildatum and the thresholds in marts.evaluatiekader.
-- Written as an outsider would, from the two published tables only (exact decimal arithmetic
-- on the published 2-decimal values). Returns every row whose status differs; also rows that
-- break the publication rules the derivation relies on: waarde rounded to 2 decimals (counts
-- whole), norm_peildatum equal to norm outside the running year or for an indicator that is not
-- pro-rated, no norm_peildatum without a norm.
with indicatoren as (select * from {{ ref('indicatoren') }}),
kader as (select * from {{ ref('evaluatiekader') }}),
publicatie as (select * from {{ ref('publicatie') }}),

rij as (
    select
        i.indicator_id,
        i.jaar,
        i.deelnemer_code,
        i.waarde,
        i.norm,
        i.norm_peildatum,
        i.status,
        k.eenheid,
        k.pro_rata,
        k.status_regel,
        k.grens_basis,
        k.grens_oranje_exclusief,
        cast(i.waarde as decimal(38, 2)) as w,
        cast(i.norm_peildatum as decimal(38, 2)) as n,
        cast(k.grens_groen as decimal(18, 4)) as g,
        cast(k.grens_oranje as decimal(18, 4)) as o,
        i.jaar = (select extract(year from peildatum) from publicatie) as lopend_jaar
    from indicatoren as i
    inner join kader as k on k.indicator_id = i.indicator_id
),

drempels as (
    select
        *,
        case grens_basis when 'absoluut' then g when 'verschil_norm' then n + g
            when 'fractie_norm' then n * g end as groen,
        case grens_basis when 'absoluut' then o when 'verschil_norm' then n + o
            when 'fractie_norm' then n * o end as oranje
    from rij
),

herleid as (
    select
        *,
        case
            when status_regel = 'geen' or w is null or n is null then null
            when status_regel = 'minimum' and w >= groen then 'groen'
            when status_regel = 'minimum' and grens_oranje_exclusief and w > oranje then 'oranje'
            when status_regel = 'minimum' and not grens_oranje_exclusief and w >= oranje
                then 'oranje'
            when status_regel = 'minimum' then 'rood'
            when status_regel = 'maximum' and w <= groen then 'groen'
            when status_regel = 'maximum' and w <= oranje then 'oranje'
            when status_regel = 'maximum' then 'rood'
            when status_regel = 'afwijking' and abs(w - n) <= g then 'groen'
            when status_regel = 'afwijking' and abs(w - n) <= o then 'oranje'
            when status_regel = 'afwijking' then 'rood'
        end as status_herleid
    from drempels
)

select
    indicator_id, jaar, deelnemer_code, waarde, norm, norm_peildatum, status, status_herleid
from herleid
where status_herleid is distinct from status
    or waarde <> cast(w as {{ type_double() }})
    or (eenheid = 'aantal' and waarde <> round(waarde))
    or ((not pro_rata or not lopend_jaar) and norm_peildatum is distinct from norm)
    or (norm is null and norm_peildatum is not null)
