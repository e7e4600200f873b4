-- One row per party per jaar: the settlement of the staff contribution (003 Art. 7.3: hours,
-- or EUR 10,000 instead, "deels of geheel"; 000 Opgave 3). The shortfall is the hour norm
-- (130 h x representation factor, seed_normen uren_per_partij and seed_vertegenwoordiging)
-- minus the hours delivered, never below 0; the substitute it corresponds to is pro rata:
-- shortfall x bedrag_per_partij / uren_per_partij (EUR 10,000 per 130 h), computed exactly
-- (decimal, 9 places) and rounded once to the cent, half away from zero. The balance (saldo)
-- is that amount minus the substitute already paid (a vervangende_bijdrage row for the year
-- that counts at peildatum with a betaaldatum on or before it, int_bijdragen); positive = the
-- party still owes, negative = it paid more.
-- A year is closed (is_afgesloten) when it lies before the year of peildatum, or when the
-- kerngroep closed it (dbt var afgesloten_jaren: $VTH_DATA_DIR/afgesloten-jaren.json, passed by
-- the build; warehouse/jaarafsluiting.py). A closed year is settled against its full norm; the
-- running year, until closed, against the norm pro rata up to peildatum (what the party would
-- owe if the shortfall so far were not made up). Before the norms hold (2024) there is no
-- norm, so no shortfall and no amount (NULL).
{% set afgesloten = var('afgesloten_jaren', []) %}
with bijdragen_per_deelnemer as (select * from {{ ref('int_bijdragen_per_deelnemer') }}),
bijdragen as (select * from {{ ref('int_bijdragen') }}),
jaren as (select * from {{ ref('int_jaren') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),

norm as (
    select
        jaar,
        max(case when norm_sleutel = 'uren_per_partij' then norm end) as uren_per_partij,
        max(case when norm_sleutel = 'bedrag_per_partij' then norm end) as bedrag_per_partij
    from normen
    group by jaar
),

vervangend as (
    select
        deelnemer_code,
        jaar,
        sum(bedrag) as gefactureerd,
        sum(case when betaald then bedrag else 0 end) as betaald
    from bijdragen
    where soort = 'vervangende_bijdrage'
    group by deelnemer_code, jaar
),

afsluiting as (
    select
        jaar,
        case
            when not is_lopend_jaar then 'jaar_voorbij'
            {%- if afgesloten %}
            when jaar in ({% for j in afgesloten %}{{ j | int }}{{ ', ' if not loop.last }}{% endfor %})
                then 'kerngroep'
            {%- endif %}
        end as afsluiting
    from jaren
),

basis as (
    select
        b.deelnemer_code,
        b.jaar,
        afsluiting.afsluiting,
        afsluiting.afsluiting is not null as is_afgesloten,
        b.vertegenwoordigingsfactor,
        b.uren_totaal as uren_geleverd,
        b.urennorm,
        case when afsluiting.afsluiting is not null then b.urennorm else b.urennorm_peildatum end
            as urennorm_afrekening,
        cast(norm.uren_per_partij as decimal(18, 2)) as uren_per_partij,
        cast(norm.bedrag_per_partij as decimal(14, 2)) as bedrag_per_partij,
        cast(coalesce(vervangend.gefactureerd, 0) as decimal(14, 2))
            as vervangende_bijdrage_gefactureerd,
        cast(coalesce(vervangend.betaald, 0) as decimal(14, 2)) as vervangende_bijdrage_betaald
    from bijdragen_per_deelnemer as b
    inner join afsluiting on afsluiting.jaar = b.jaar
    inner join norm on norm.jaar = b.jaar
    left join vervangend
        on vervangend.deelnemer_code = b.deelnemer_code and vervangend.jaar = b.jaar
),

tekort as (
    select
        *,
        cast(case
            when urennorm_afrekening is null then null
            when urennorm_afrekening > uren_geleverd then urennorm_afrekening - uren_geleverd
            else 0
        end as decimal(18, 4)) as uren_tekort
    from basis
),

bedrag as (
    select
        *,
        cast(round(
            cast(uren_tekort * bedrag_per_partij / nullif(uren_per_partij, 0) as decimal(38, 9)),
            2
        ) as decimal(14, 2)) as vervangende_bijdrage_verschuldigd
    from tekort
),

final as (
    select
        deelnemer_code,
        jaar,
        is_afgesloten,
        afsluiting,
        vertegenwoordigingsfactor,
        uren_geleverd,
        urennorm,
        cast(urennorm_afrekening as decimal(18, 2)) as urennorm_afrekening,
        uren_tekort,
        uren_per_partij,
        bedrag_per_partij,
        vervangende_bijdrage_verschuldigd,
        vervangende_bijdrage_gefactureerd,
        vervangende_bijdrage_betaald,
        cast(vervangende_bijdrage_verschuldigd - vervangende_bijdrage_betaald as decimal(14, 2))
            as saldo
    from bedrag
)

select * from final
