-- Contribution indicators per jaar (evaluatiekader: inzet_uren*, vervangende_bijdrage,
-- bijdrage_vervulling, bijdrage_norm_gehaald, bijdrage_spreiding, vaste_bijdrage_betaald).
with bijdragen as (select * from {{ ref('bijdragen_per_deelnemer') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

norm as (
    select
        jaar,
        max(waarde) filter (where norm_sleutel = 'uren_per_partij') as uren_per_partij,
        max(waarde) filter (where norm_sleutel = 'bijdrage_vervulling') as vervulling,
        max(waarde) filter (where norm_sleutel = 'bijdrage_norm_gehaald') as norm_gehaald,
        max(waarde) filter (where norm_sleutel = 'vaste_bijdrage_betaald') as vast_betaald
    from normen
    group by jaar
),

per_deelnemer as (
    select b.jaar, b.deelnemer_code, i.indicator_id, i.waarde, i.norm
    from bijdragen as b
    inner join norm using (jaar)
    cross join lateral (
        values
            ('inzet_uren', b.uren_totaal, b.urennorm),
            ('inzet_uren_kerngroep', b.uren_kerngroep, b.urennorm_kerngroep),
            ('inzet_uren_twentebreed', b.uren_twentebreed, b.urennorm_twentebreed),
            ('inzet_uren_projectgroep', b.uren_projectgroep, b.urennorm_projectgroep),
            ('vervangende_bijdrage', b.vervangende_bijdrage, null),
            ('bijdrage_vervulling', b.vervulling_pct, norm.vervulling),
            ('vaste_bijdrage_betaald', 100 * b.vaste_bijdrage_betaald / b.bedrag_per_partij,
                norm.vast_betaald)
    ) as i(indicator_id, waarde, norm)
),

regio as (
    select
        b.jaar,
        sum(b.uren_totaal) as uren,
        -- Region hour norm = 130 h x the number of parties (evaluatiekader: inzet_uren R).
        max(norm.uren_per_partij) * count(*) as urennorm,
        -- same 2-decimal rule as the status in marts.indicatoren (a party at 99,99995 % is in)
        100.0 * count(*) filter (where round(b.vervulling_pct, 2) >= 100)
            / nullif(count(b.vervulling_pct), 0) as norm_gehaald,
        -- coefficient of variation over parties: population stdev / mean x 100
        100 * stddev_pop(b.vervulling_pct) / nullif(avg(b.vervulling_pct), 0) as spreiding,
        max(norm.norm_gehaald) as norm_norm_gehaald
    from bijdragen as b
    inner join norm using (jaar)
    group by b.jaar
),

per_regio as (
    select jaar, null::varchar as deelnemer_code, i.indicator_id, i.waarde, i.norm
    from regio
    cross join lateral (
        values
            ('inzet_uren', uren, urennorm),
            ('bijdrage_norm_gehaald', norm_gehaald, norm_norm_gehaald),
            ('bijdrage_spreiding', spreiding, null)
    ) as i(indicator_id, waarde, norm)
),

final as (
    select indicator_id, jaar, deelnemer_code, cast(waarde as double) as waarde,
        cast(norm as double) as norm
    from per_deelnemer
    union all
    select indicator_id, jaar, deelnemer_code, cast(waarde as double), cast(norm as double)
    from per_regio
)

select * from final
