-- One row per expected delivery (int_leverschema_perioden: supplier, kind, gremium, jaar,
-- period) with what arrived: a period counts as delivered when the landing holds data of that
-- kind (of that party, for inzet; of that gremium, for presentie) up to a month on or after
-- the period's first month ("delivered up to", int_leveringen_dekking). aangeleverd_op: the
-- first load that brought data reaching the period. Status at peildatum: geleverd;
-- te_laat when nothing reaches the period and its due date (vervaldatum) lies before
-- peildatum (dagen_te_laat = peildatum - vervaldatum); nog_niet_verschuldigd when nothing
-- reaches it yet but it is not yet due.
with perioden as (select * from {{ ref('int_leverschema_perioden') }}),
dekking as (select * from {{ ref('int_leveringen_dekking') }}),

aangekomen as (
    select
        perioden.leverancier_code,
        perioden.soort,
        perioden.gremium,
        perioden.jaar,
        perioden.periode,
        min(dekking.geladen_op) as aangeleverd_op
    from perioden
    inner join dekking
        on dekking.soort = perioden.soort
        and dekking.gremium is not distinct from perioden.gremium
        and (not perioden.per_partij or dekking.deelnemer_code = perioden.leverancier_code)
        and dekking.tot_maand_index >= perioden.begin_maand_index
    group by
        perioden.leverancier_code, perioden.soort, perioden.gremium, perioden.jaar,
        perioden.periode
),

final as (
    select
        perioden.leverancier_code,
        perioden.soort,
        perioden.gremium,
        perioden.jaar,
        perioden.periode,
        perioden.periode_label,
        perioden.frequentie,
        perioden.periode_begin,
        perioden.periode_einde,
        perioden.vervaldatum,
        aangekomen.aangeleverd_op is not null as geleverd,
        aangekomen.aangeleverd_op,
        case
            when aangekomen.aangeleverd_op is not null then 'geleverd'
            when perioden.vervaldatum < {{ peildatum() }} then 'te_laat'
            else 'nog_niet_verschuldigd'
        end as status,
        cast(case
            when aangekomen.aangeleverd_op is null and perioden.vervaldatum < {{ peildatum() }}
                then {{ dbt.datediff('perioden.vervaldatum', peildatum(), 'day') }}
        end as integer) as dagen_te_laat
    from perioden
    left join aangekomen
        on aangekomen.leverancier_code = perioden.leverancier_code
        and aangekomen.soort = perioden.soort
        and aangekomen.gremium is not distinct from perioden.gremium
        and aangekomen.jaar = perioden.jaar
        and aangekomen.periode = perioden.periode
)

select * from final
