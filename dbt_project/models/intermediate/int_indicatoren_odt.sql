-- ODT indicators per jaar, per party and for the region (evaluatiekader: odt_*; source 001).
with jaren as (select * from {{ ref('int_jaren') }}),
partijen as (select * from {{ ref('int_deelnemers_per_jaar') }} where is_partij),
productie as (select * from {{ ref('odt_productie') }}),
zaken as (select * from {{ ref('odt_zaken_per_jaar') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }} where norm_sleutel = 'odt_realisatie'),

productie_p as (
    select
        jaar,
        deelnemer_code,
        round(sum(uren_gerealiseerd), 4) as uren_gerealiseerd,
        round(sum(uren_gepland), 4) as uren_gepland,
        sum(aantal_gerealiseerd) as aantal_gerealiseerd,
        sum(aantal_gepland) as aantal_gepland
    from productie
    group by jaar, deelnemer_code
),

zaken_p as (
    select
        jaar,
        deelnemer_code,
        sum(aantal_zaken) filter (where controle_type in ('hercontrole', 'handhaving'))
            as handhaving,
        sum(aantal_zaken) filter (where controle_type = 'periodiek') as periodiek,
        sum(aantal_met_overtreding) filter (
            where controle_type in ('periodiek', 'hercontrole', 'handhaving', 'ketentoezicht')
        ) as met_overtreding,
        sum(aantal_overtreding_bekend) filter (
            where controle_type in ('periodiek', 'hercontrole', 'handhaving', 'ketentoezicht')
        ) as overtreding_bekend,
        sum(aantal_strafrechtelijk) as strafrechtelijk,
        sum(aantal_zaken) filter (where controle_type = 'klacht') as klachten
    from zaken
    group by jaar, deelnemer_code
),

-- Participants: every party every year (no rows -> NULL ratios, 0 counts); the region is
-- the sum over all organisations ODT reports for (grouping sets keep one definition).
basis as (
    select partijen.jaar, partijen.deelnemer_code from partijen
    union
    select jaar, deelnemer_code from productie_p
    union
    select jaar, deelnemer_code from zaken_p
),

samen as (
    select
        basis.jaar,
        basis.deelnemer_code,
        productie_p.uren_gerealiseerd,
        productie_p.uren_gepland,
        productie_p.aantal_gerealiseerd,
        productie_p.aantal_gepland,
        zaken_p.handhaving,
        zaken_p.periodiek,
        zaken_p.met_overtreding,
        zaken_p.overtreding_bekend,
        zaken_p.strafrechtelijk,
        zaken_p.klachten
    from basis
    inner join jaren using (jaar)
    left join productie_p using (jaar, deelnemer_code)
    left join zaken_p using (jaar, deelnemer_code)
),

opgeteld as (
    select
        jaar,
        case when grouping(deelnemer_code) = 0 then deelnemer_code end as deelnemer_code,
        grouping(deelnemer_code) = 1 as is_regio,
        round(sum(uren_gerealiseerd), 4) as uren_gerealiseerd,
        round(sum(uren_gepland), 4) as uren_gepland,
        sum(aantal_gerealiseerd) as aantal_gerealiseerd,
        sum(aantal_gepland) as aantal_gepland,
        coalesce(sum(handhaving), 0) as handhaving,
        coalesce(sum(periodiek), 0) as periodiek,
        coalesce(sum(met_overtreding), 0) as met_overtreding,
        coalesce(sum(overtreding_bekend), 0) as overtreding_bekend,
        coalesce(sum(strafrechtelijk), 0) as strafrechtelijk,
        coalesce(sum(klachten), 0) as klachten
    from samen
    group by grouping sets ((jaar, deelnemer_code), (jaar))
),

gefilterd as (
    -- per-participant rows for parties only; the region counts everything ODT reports
    select * from opgeteld
    where is_regio or deelnemer_code in (select deelnemer_code from partijen)
),

waarden as (
    select g.jaar, g.deelnemer_code, i.indicator_id, i.waarde
    from gefilterd as g
    cross join lateral (
        values
            ('odt_uren_realisatie', 100.0 * g.uren_gerealiseerd / nullif(g.uren_gepland, 0)),
            ('odt_producten_realisatie',
                100.0 * g.aantal_gerealiseerd / nullif(g.aantal_gepland, 0)),
            ('odt_handhavingsratio', 100.0 * g.handhaving / nullif(g.periodiek, 0)),
            ('odt_overtredingen_pct', 100.0 * g.met_overtreding / nullif(g.overtreding_bekend, 0)),
            ('odt_strafrechtelijk', cast(g.strafrechtelijk as double)),
            ('odt_klachten', cast(g.klachten as double))
    ) as i(indicator_id, waarde)
),

final as (
    select
        waarden.indicator_id,
        waarden.jaar,
        waarden.deelnemer_code,
        cast(waarden.waarde as double) as waarde,
        case
            when waarden.indicator_id in ('odt_uren_realisatie', 'odt_producten_realisatie')
                then normen.waarde
        end as norm
    from waarden
    left join normen using (jaar)
)

select * from final
