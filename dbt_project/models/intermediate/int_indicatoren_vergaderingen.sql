-- Meeting indicators per jaar (evaluatiekader: *_vergaderingen, *_presentie per participant,
-- kerngroep_leden), each with its herkomst (macro indicator_waarden). Every expected
-- participant gets a row, also when it is absent from every list (0 %); a year without
-- meetings of the gremium gives NULL. The region's *_presentie (a mean of the published
-- participant values) is in int_indicatoren_regio.
{% set organisaties = {'marts.organisaties': ref('seed_organisaties')} %}
{% set presentie_pct = 'cast(100.0 * count(*) filter (where aanwezig) / nullif(count(*), 0) as decimal(38, 9))' %}

with jaren as (select * from {{ ref('int_jaren') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
vergaderingen as (select * from {{ ref('int_vergaderingen') }}),
presentie as (select * from {{ ref('int_presentie') }}),

regio as (select jaar, cast(null as varchar) as deelnemer_code from jaren),
pho_leden as (select jaar, deelnemer_code from deelnemers where is_pho_lid),
kerngroep_leden as (select jaar, deelnemer_code from deelnemers where is_kerngroeplid),
partijen as (select jaar, deelnemer_code from deelnemers where is_partij),

final as (
    select * from {{ indicator_waarden(
        'vergaderingen', 'vergaderingen', 'regio', [['pho_vergaderingen', 'count(*)']],
        filter="gremium = 'pho'", per_deelnemer=false) }} as a
    union all
    select * from {{ indicator_waarden(
        'vergaderingen', 'vergaderingen', 'regio', [['kerngroep_vergaderingen', 'count(*)']],
        filter="gremium = 'kerngroep'", per_deelnemer=false) }} as b
    union all
    select * from {{ indicator_waarden(
        'vergaderingen', 'vergaderingen', 'regio', [['twentebreed_vergaderingen', 'count(*)']],
        filter="gremium = 'twentebreed'", per_deelnemer=false) }} as c
    union all
    select * from {{ indicator_waarden(
        'presentie', 'presentie', 'pho_leden', [['pho_presentie', presentie_pct]],
        filter="gremium = 'pho' and verwacht") }} as d
    union all
    select * from {{ indicator_waarden(
        'presentie', 'presentie', 'kerngroep_leden', [['kerngroep_presentie', presentie_pct]],
        filter="gremium = 'kerngroep' and verwacht") }} as e
    union all
    select * from {{ indicator_waarden(
        'presentie', 'presentie', 'partijen', [['twentebreed_presentie', presentie_pct]],
        filter="gremium = 'twentebreed' and verwacht") }} as f
    union all
    -- 003 Art. 1g "deelnemende partijen": parties only (not WVS, not ODT or a guest)
    select * from {{ indicator_waarden(
        'presentie', 'presentie', 'regio', [['kerngroep_leden', 'count(distinct deelnemer_code)']],
        filter="gremium = 'kerngroep' and aanwezig and deelnemer_code in (select code from marts.organisaties where partij)",
        per_deelnemer=false, vervang=organisaties) }} as g
)

select * from final
