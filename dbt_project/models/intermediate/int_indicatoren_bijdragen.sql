-- Contribution indicators per party and jaar (evaluatiekader: inzet_uren*, vervangende_bijdrage,
-- bijdrage_vervulling, vaste_bijdrage_betaald) and the region's inzet_uren (a sum over the
-- parties' rows), each with its herkomst (macro indicator_waarden). bijdrage_norm_gehaald and
-- bijdrage_spreiding are defined over the published vervulling: int_indicatoren_regio.
{% set organisaties = {'marts.organisaties': ref('seed_organisaties')} %}
{% set som_uren = 'coalesce(sum(uren), 0)' %}

with jaren as (select * from {{ ref('int_jaren') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
inzet_per_maand as (select * from {{ ref('int_inzet_per_maand') }}),
bijdragen as (select * from {{ ref('int_bijdragen') }}),
bijdragen_per_deelnemer as (select * from {{ ref('int_bijdragen_per_deelnemer') }}),

regio as (select jaar, cast(null as varchar) as deelnemer_code from jaren),
partijen as (select jaar, deelnemer_code from deelnemers where is_partij),

final as (
    select * from {{ indicator_waarden(
        'inzet_per_maand', 'inzet_per_maand', 'partijen', [['inzet_uren', som_uren]]) }} as a
    union all
    select * from {{ indicator_waarden(
        'inzet_per_maand', 'inzet_per_maand', 'regio', [['inzet_uren', som_uren]],
        filter='deelnemer_code in (select code from marts.organisaties where partij)',
        per_deelnemer=false, vervang=organisaties) }} as b
    union all
    select * from {{ indicator_waarden(
        'inzet_per_maand', 'inzet_per_maand', 'partijen', [['inzet_uren_kerngroep', som_uren]],
        filter="gremium = 'kerngroep'") }} as c
    union all
    select * from {{ indicator_waarden(
        'inzet_per_maand', 'inzet_per_maand', 'partijen', [['inzet_uren_twentebreed', som_uren]],
        filter="gremium = 'twentebreed'") }} as d
    union all
    select * from {{ indicator_waarden(
        'inzet_per_maand', 'inzet_per_maand', 'partijen', [['inzet_uren_projectgroep', som_uren]],
        filter="gremium = 'projectgroep'") }} as e
    union all
    select * from {{ indicator_waarden(
        'bijdragen', 'bijdragen', 'partijen', [['vervangende_bijdrage', 'coalesce(sum(bedrag), 0)']],
        filter="soort = 'vervangende_bijdrage'") }} as f
    union all
    select * from {{ indicator_waarden(
        'bijdragen_per_deelnemer', 'bijdragen_per_deelnemer', 'partijen', [
            ['bijdrage_vervulling', vervulling(
                'sum(uren_totaal)', 'sum(urenmaatstaf)',
                'sum(vervangende_bijdrage)', 'sum(bedragmaatstaf)')],
            ['vaste_bijdrage_betaald',
                'cast(100 * sum(vaste_bijdrage_betaald) / nullif(sum(bedragmaatstaf), 0) as decimal(38, 9))'],
        ]) }} as g
)

select * from final
