-- One row per party per jaar: hours by gremium against the hour norm, the substitute and fixed
-- contributions and the fulfilment of the 0.1 fte duty (003 Art. 7.1-7.3; 000 Opgave 3).
-- Norms (evaluatiekader v2): `urennorm*` is the full-year norm x the representation factor,
-- NULL before the norms hold (2024); `*_peildatum` is its pro-rata part up to peildatum in the
-- running year (decision 2: "on track"), the full norm in closed years. bijdrage_vervulling is
-- measured against `urenmaatstaf` (= urennorm_peildatum; before 2024 the first norm, so the
-- value is still computed) and `bedragmaatstaf` (EUR 10,000, never pro-rated: a yearly payment).
-- Hours up to peildatum, contributions that count at peildatum (int_bijdragen).
with deelnemers as (
    select * from {{ ref('int_deelnemers_per_jaar') }} where is_partij
),
jaren as (select * from {{ ref('int_jaren') }}),
inzet as (select * from {{ ref('int_inzet_per_maand') }}),
bijdragen as (select * from {{ ref('int_bijdragen') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

norm as (
    select
        jaar,
        max(case when norm_sleutel = 'uren_per_partij' then norm end) as uren,
        max(case when norm_sleutel = 'uren_per_partij' then maatstaf end) as uren_maatstaf,
        max(case when norm_sleutel = 'uren_kerngroep' then norm end) as uren_kerngroep,
        max(case when norm_sleutel = 'uren_twentebreed' then norm end) as uren_twentebreed,
        max(case when norm_sleutel = 'uren_projectgroep' then norm end) as uren_projectgroep,
        max(case when norm_sleutel = 'bedrag_per_partij' then maatstaf end) as bedrag_maatstaf
    from normen
    group by jaar
),

uren as (
    select
        deelnemer_code,
        jaar,
        sum(uren) as uren_totaal,
        sum(case when gremium = 'kerngroep' then uren else 0 end) as uren_kerngroep,
        sum(case when gremium = 'twentebreed' then uren else 0 end) as uren_twentebreed,
        sum(case when gremium = 'projectgroep' then uren else 0 end) as uren_projectgroep,
        sum(case when gremium = 'pho' then uren else 0 end) as uren_pho,
        sum(case when gremium = 'overig' then uren else 0 end) as uren_overig
    from inzet
    group by deelnemer_code, jaar
),

geld as (
    select
        deelnemer_code,
        jaar,
        sum(case when soort = 'vervangende_bijdrage' then bedrag else 0 end)
            as vervangende_bijdrage,
        sum(case when soort = 'vaste_bijdrage' then bedrag else 0 end)
            as vaste_bijdrage_gefactureerd,
        sum(case when soort = 'vaste_bijdrage' and betaald then bedrag else 0 end)
            as vaste_bijdrage_betaald,
        sum(case when soort = 'variabele_bijdrage' then bedrag else 0 end) as variabele_bijdrage
    from bijdragen
    group by deelnemer_code, jaar
),

samen as (
    select
        deelnemers.deelnemer_code,
        deelnemers.jaar,
        deelnemers.vertegenwoordigingsfactor,
        cast(coalesce(uren.uren_totaal, 0) as decimal(18, 4)) as uren_totaal,
        cast(coalesce(uren.uren_kerngroep, 0) as decimal(18, 4)) as uren_kerngroep,
        cast(coalesce(uren.uren_twentebreed, 0) as decimal(18, 4)) as uren_twentebreed,
        cast(coalesce(uren.uren_projectgroep, 0) as decimal(18, 4)) as uren_projectgroep,
        cast(coalesce(uren.uren_pho, 0) as decimal(18, 4)) as uren_pho,
        cast(coalesce(uren.uren_overig, 0) as decimal(18, 4)) as uren_overig,
        cast(norm.uren * deelnemers.vertegenwoordigingsfactor as decimal(18, 2)) as urennorm,
        cast({{ naar_rato('norm.uren * deelnemers.vertegenwoordigingsfactor') }} as decimal(18, 2))
            as urennorm_peildatum,
        cast(norm.uren_kerngroep * deelnemers.vertegenwoordigingsfactor as decimal(18, 2))
            as urennorm_kerngroep,
        cast({{ naar_rato('norm.uren_kerngroep * deelnemers.vertegenwoordigingsfactor') }}
            as decimal(18, 2)) as urennorm_kerngroep_peildatum,
        cast(norm.uren_twentebreed * deelnemers.vertegenwoordigingsfactor as decimal(18, 2))
            as urennorm_twentebreed,
        cast({{ naar_rato('norm.uren_twentebreed * deelnemers.vertegenwoordigingsfactor') }}
            as decimal(18, 2)) as urennorm_twentebreed_peildatum,
        cast(norm.uren_projectgroep * deelnemers.vertegenwoordigingsfactor as decimal(18, 2))
            as urennorm_projectgroep,
        cast({{ naar_rato('norm.uren_projectgroep * deelnemers.vertegenwoordigingsfactor') }}
            as decimal(18, 2)) as urennorm_projectgroep_peildatum,
        cast({{ naar_rato('norm.uren_maatstaf * deelnemers.vertegenwoordigingsfactor') }}
            as decimal(18, 2)) as urenmaatstaf,
        cast(norm.bedrag_maatstaf as decimal(14, 2)) as bedragmaatstaf,
        cast(coalesce(geld.vervangende_bijdrage, 0) as decimal(14, 2)) as vervangende_bijdrage,
        cast(coalesce(geld.vaste_bijdrage_gefactureerd, 0) as decimal(14, 2))
            as vaste_bijdrage_gefactureerd,
        cast(coalesce(geld.vaste_bijdrage_betaald, 0) as decimal(14, 2)) as vaste_bijdrage_betaald,
        cast(coalesce(geld.variabele_bijdrage, 0) as decimal(14, 2)) as variabele_bijdrage
    from deelnemers
    inner join jaren on jaren.jaar = deelnemers.jaar
    inner join norm on norm.jaar = deelnemers.jaar
    left join uren
        on uren.deelnemer_code = deelnemers.deelnemer_code and uren.jaar = deelnemers.jaar
    left join geld
        on geld.deelnemer_code = deelnemers.deelnemer_code and geld.jaar = deelnemers.jaar
),

final as (
    select
        *,
        -- 003 Art. 7.3: hours, or EUR 10,000 instead, "deels of geheel". A represented party
        -- has norm 0: its share is NULL (zero denominator), its representative carries it.
        -- The same expression as the indicator bijdrage_vervulling (macro vervulling).
        cast(round({{ vervulling('uren_totaal', 'urenmaatstaf', 'vervangende_bijdrage', 'bedragmaatstaf') }}, 2)
            as {{ type_double() }}) as vervulling_pct
    from samen
)

select * from final
