-- One row per indicator, jaar and participant (deelnemer_code NULL = region) with its norm,
-- status and herkomst: what marts.indicatoren and marts.herkomst publish (evaluatiekader v2).
-- - norm: the seed norm in force that year (int_normen_per_jaar, joined once through the
--   catalogue's norm_sleutel), times the representation factor for hour norms (norm_schaal
--   'vertegenwoordiging': a participant's factor, the region the sum over the parties); NULL
--   before the norms hold (decision 4).
-- - norm_peildatum: what the status is held against: for a pro-rated indicator in the running
--   year the pro-rata part (rounded to 2 decimals as published), else the norm (decision 1).
-- - status: from the published (rounded) value, norm_peildatum and the catalogue's thresholds,
--   in exact decimal arithmetic (decisions 1, 3 and 6); NULL without norm or value.
with waarden as (
    select * from {{ ref('int_indicatoren_vergaderingen') }}
    union all
    select * from {{ ref('int_indicatoren_bijdragen') }}
    union all
    select * from {{ ref('int_indicatoren_odt') }}
    union all
    select * from {{ ref('int_indicatoren_agenda') }}
    union all
    select * from {{ ref('int_indicatoren_regio') }}
),
catalogus as (select * from {{ ref('seed_evaluatiekader') }}),
jaren as (select * from {{ ref('int_jaren') }}),
normen as (select * from {{ ref('int_normen_per_jaar') }}),
deelnemers as (select * from {{ ref('int_deelnemers_per_jaar') }}),

schaal_regio as (
    select jaar, sum(vertegenwoordigingsfactor) as factor
    from deelnemers
    where is_partij
    group by jaar
),

met_norm as (
    select
        waarden.*,
        catalogus.status_regel,
        catalogus.grens_basis,
        cast(catalogus.grens_groen as decimal(18, 4)) as grens_groen,
        cast(catalogus.grens_oranje as decimal(18, 4)) as grens_oranje,
        catalogus.grens_oranje_exclusief,
        catalogus.pro_rata,
        cast(
            normen.norm * case
                when catalogus.norm_schaal <> 'vertegenwoordiging' then 1
                when waarden.deelnemer_code is null then schaal_regio.factor
                else deelnemers.vertegenwoordigingsfactor
            end
            as decimal(18, 2)
        ) as norm,
        jaren.is_lopend_jaar,
        jaren.dagen_verstreken,
        jaren.dagen_in_jaar
    from waarden
    inner join catalogus on catalogus.indicator_id = waarden.indicator_id
    inner join jaren on jaren.jaar = waarden.jaar
    left join normen
        on normen.jaar = waarden.jaar and normen.norm_sleutel = catalogus.norm_sleutel
    left join deelnemers
        on deelnemers.jaar = waarden.jaar and deelnemers.deelnemer_code = waarden.deelnemer_code
    left join schaal_regio on schaal_regio.jaar = waarden.jaar
),

norm_peildatum as (
    select
        *,
        cast(case
            when pro_rata and is_lopend_jaar then {{ naar_rato('norm', jaren='met_norm') }}
            else norm
        end as decimal(18, 2)) as norm_peildatum
    from met_norm
),

grenzen as (
    select
        *,
        case grens_basis
            when 'verschil_norm' then norm_peildatum + grens_groen
            when 'fractie_norm' then norm_peildatum * grens_groen
            else grens_groen
        end as groen_vanaf,
        case grens_basis
            when 'verschil_norm' then norm_peildatum + grens_oranje
            when 'fractie_norm' then norm_peildatum * grens_oranje
            else grens_oranje
        end as oranje_vanaf
    from norm_peildatum
),

final as (
    select
        indicator_id,
        jaar,
        deelnemer_code,
        cast(waarde as {{ type_double() }}) as waarde,
        cast(norm as {{ type_double() }}) as norm,
        cast(norm_peildatum as {{ type_double() }}) as norm_peildatum,
        case
            when status_regel = 'geen' or norm_peildatum is null or waarde is null then null
            when status_regel = 'minimum' then case
                when waarde >= groen_vanaf then 'groen'
                when grens_oranje_exclusief and waarde > oranje_vanaf then 'oranje'
                when not grens_oranje_exclusief and waarde >= oranje_vanaf then 'oranje'
                else 'rood' end
            when status_regel = 'maximum' then case
                when waarde <= groen_vanaf then 'groen'
                when waarde <= oranje_vanaf then 'oranje'
                else 'rood' end
            when status_regel = 'afwijking' then case
                when abs(waarde - norm_peildatum) <= grens_groen then 'groen'
                when abs(waarde - norm_peildatum) <= grens_oranje then 'oranje'
                else 'rood' end
        end as status,
        bron_mart,
        filter_sql,
        aggregatie_sql
    from grenzen
)

select * from final
