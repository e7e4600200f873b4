-- ODT indicators per jaar, per party and for the region (evaluatiekader: odt_*; source 001),
-- each with its herkomst (macro indicator_waarden). Per-participant rows for the parties (also
-- without any ODT rows: 0 for counts, NULL for ratios); the region counts everything ODT
-- reports, any organisation. The case indicators trace down to marts.odt_zaken, one row per
-- case (evaluatiekader v2 decision 8).
{% set productie = [
    ['odt_uren_realisatie',
        'cast(100 * sum(uren_gerealiseerd) / nullif(sum(uren_gepland), 0) as decimal(38, 9))'],
    ['odt_producten_realisatie',
        'cast(100.0 * sum(aantal_gerealiseerd) / nullif(sum(aantal_gepland), 0) as decimal(38, 9))'],
] %}
{% set zaken = [
    ['odt_handhavingsratio',
        "cast(100.0 * count(*) filter (where controle_type in ('hercontrole', 'handhaving')) / nullif(count(*) filter (where controle_type = 'periodiek'), 0) as decimal(38, 9))"],
    ['odt_overtredingen_pct',
        "cast(100.0 * count(*) filter (where overtreding and controle_type in ('periodiek', 'hercontrole', 'handhaving', 'ketentoezicht')) / nullif(count(*) filter (where overtreding is not null and controle_type in ('periodiek', 'hercontrole', 'handhaving', 'ketentoezicht')), 0) as decimal(38, 9))"],
    ['odt_strafrechtelijk', 'count(*) filter (where strafrechtelijk)'],
    ['odt_klachten', "count(*) filter (where controle_type = 'klacht')"],
] %}

with jaren as (select * from {{ ref('int_jaren') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),
odt_productie as (select * from {{ ref('int_odt_productie') }}),
odt_zaken as (select * from {{ ref('int_odt_zaken') }}),

regio as (select jaar, cast(null as varchar) as deelnemer_code from jaren),
partijen as (select jaar, deelnemer_code from deelnemers where is_partij),

final as (
    select * from {{ indicator_waarden('odt_productie', 'odt_productie', 'partijen', productie) }} as a
    union all
    select * from {{ indicator_waarden(
        'odt_productie', 'odt_productie', 'regio', productie, per_deelnemer=false) }} as b
    union all
    select * from {{ indicator_waarden('odt_zaken', 'odt_zaken', 'partijen', zaken) }} as c
    union all
    select * from {{ indicator_waarden(
        'odt_zaken', 'odt_zaken', 'regio', zaken, per_deelnemer=false) }} as d
)

select * from final
