-- One row per party per jaar: hours by gremium against the hour norm, substitute and fixed
-- contributions, and the fulfilment of the 0.1 fte duty (003 Art. 7.1-7.3; 000 Opgave 3).
-- The running year counts hours up to peildatum and payments made on or before it.
with deelnemers as (
    select * from {{ ref('int_deelnemers_per_jaar') }} where is_partij
),
inzet as (select * from {{ ref('inzet_per_maand') }}),
bijdragen as (select * from {{ ref('stg_landing__bijdragen') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

norm as (
    select
        jaar,
        max(waarde) filter (where norm_sleutel = 'uren_per_partij') as uren_per_partij,
        max(waarde) filter (where norm_sleutel = 'bedrag_per_partij') as bedrag_per_partij,
        max(waarde) filter (where norm_sleutel = 'uren_per_fte') as uren_per_fte,
        max(waarde) filter (where norm_sleutel = 'fte_kerngroep') as fte_kerngroep,
        max(waarde) filter (where norm_sleutel = 'fte_twentebreed') as fte_twentebreed,
        max(waarde) filter (where norm_sleutel = 'fte_projectgroep') as fte_projectgroep
    from normen
    group by jaar
),

uren as (
    select
        deelnemer_code,
        jaar,
        round(sum(uren), 4) as uren_totaal,
        coalesce(round(sum(uren) filter (where gremium = 'kerngroep'), 4), 0) as uren_kerngroep,
        coalesce(round(sum(uren) filter (where gremium = 'twentebreed'), 4), 0) as uren_twentebreed,
        coalesce(round(sum(uren) filter (where gremium = 'projectgroep'), 4), 0) as uren_projectgroep,
        coalesce(round(sum(uren) filter (where gremium = 'pho'), 4), 0) as uren_pho,
        coalesce(round(sum(uren) filter (where gremium = 'overig'), 4), 0) as uren_overig
    from inzet
    group by deelnemer_code, jaar
),

geld as (
    select
        deelnemer_code,
        jaar,
        sum(bedrag) filter (where soort = 'vervangende_bijdrage') as vervangende_bijdrage,
        sum(bedrag) filter (where soort = 'vaste_bijdrage') as vaste_bijdrage_gefactureerd,
        sum(bedrag) filter (
            where soort = 'vaste_bijdrage' and betaaldatum <= {{ peildatum() }}
        ) as vaste_bijdrage_betaald,
        sum(bedrag) filter (where soort = 'variabele_bijdrage') as variabele_bijdrage
    from bijdragen
    group by deelnemer_code, jaar
),

samen as (
    select
        deelnemers.deelnemer_code,
        deelnemers.jaar,
        deelnemers.vertegenwoordigingsfactor,
        coalesce(uren.uren_totaal, 0) as uren_totaal,
        coalesce(uren.uren_kerngroep, 0) as uren_kerngroep,
        coalesce(uren.uren_twentebreed, 0) as uren_twentebreed,
        coalesce(uren.uren_projectgroep, 0) as uren_projectgroep,
        coalesce(uren.uren_pho, 0) as uren_pho,
        coalesce(uren.uren_overig, 0) as uren_overig,
        norm.uren_per_partij * deelnemers.vertegenwoordigingsfactor as urennorm,
        round(norm.fte_kerngroep * norm.uren_per_fte * deelnemers.vertegenwoordigingsfactor, 1)
            as urennorm_kerngroep,
        round(norm.fte_twentebreed * norm.uren_per_fte * deelnemers.vertegenwoordigingsfactor, 1)
            as urennorm_twentebreed,
        round(norm.fte_projectgroep * norm.uren_per_fte * deelnemers.vertegenwoordigingsfactor, 1)
            as urennorm_projectgroep,
        norm.bedrag_per_partij,
        cast(coalesce(geld.vervangende_bijdrage, 0) as double) as vervangende_bijdrage,
        cast(coalesce(geld.vaste_bijdrage_gefactureerd, 0) as double) as vaste_bijdrage_gefactureerd,
        cast(coalesce(geld.vaste_bijdrage_betaald, 0) as double) as vaste_bijdrage_betaald,
        cast(coalesce(geld.variabele_bijdrage, 0) as double) as variabele_bijdrage
    from deelnemers
    inner join norm on norm.jaar = deelnemers.jaar
    left join uren on uren.deelnemer_code = deelnemers.deelnemer_code and uren.jaar = deelnemers.jaar
    left join geld on geld.deelnemer_code = deelnemers.deelnemer_code and geld.jaar = deelnemers.jaar
),

final as (
    select
        *,
        -- 003 Art. 7.3: hours, or EUR 10,000 instead, "deels of geheel". A represented party
        -- has norm 0: its share is NULL (zero denominator), its representative carries it.
        case
            when urennorm > 0
                then round(
                    100 * (uren_totaal / urennorm + vervangende_bijdrage / bedrag_per_partij), 9
                )
        end as vervulling_pct
    from samen
)

select * from final
