-- Region values the catalogue defines over the participants' values, computed from the
-- published (rounded) participant values (evaluatiekader v2 decision 3): the mean
-- *_presentie of the 15 parties (WVS shown, not averaged in), the share of parties whose
-- vervulling is >= 100 (bijdrage_norm_gehaald) and the spread of vervulling
-- (bijdrage_spreiding). Their herkomst takes marts.indicatoren itself as source (decision 8).
{% set organisaties = {'marts.organisaties': ref('seed_organisaties')} %}
{% set partijen = 'deelnemer_code in (select code from marts.organisaties where partij)' %}

with jaren as (select * from {{ ref('int_jaren') }}),
-- the participant values exactly as marts.indicatoren publishes them
indicatoren as (
    select indicator_id, jaar, deelnemer_code, cast(waarde as {{ type_double() }}) as waarde
    from {{ ref('int_indicatoren_vergaderingen') }}
    where deelnemer_code is not null
    union all
    select indicator_id, jaar, deelnemer_code, cast(waarde as {{ type_double() }}) as waarde
    from {{ ref('int_indicatoren_bijdragen') }}
    where deelnemer_code is not null
),

regio as (select jaar, cast(null as varchar) as deelnemer_code from jaren),

final as (
    {% for indicator in ['pho_presentie', 'kerngroep_presentie', 'twentebreed_presentie'] %}
    select * from {{ indicator_waarden(
        'indicatoren', 'indicatoren', 'regio',
        [[indicator, 'cast(avg(waarde) as decimal(38, 9))']],
        filter="indicator_id = '" ~ indicator ~ "' and " ~ partijen,
        per_deelnemer=false, vervang=organisaties) }} as p{{ loop.index }}
    union all
    {% endfor %}
    select * from {{ indicator_waarden(
        'indicatoren', 'indicatoren', 'regio',
        [['bijdrage_norm_gehaald',
            'cast(100.0 * count(*) filter (where waarde >= 100) / nullif(count(waarde), 0) as decimal(38, 9))']],
        filter="indicator_id = 'bijdrage_vervulling' and " ~ partijen,
        per_deelnemer=false, vervang=organisaties) }} as a
    union all
    select * from {{ indicator_waarden(
        'indicatoren', 'indicatoren', 'regio',
        [['bijdrage_spreiding',
            'cast(100 * stddev_pop(waarde) / nullif(avg(waarde), 0) as decimal(38, 9))']],
        filter="indicator_id = 'bijdrage_vervulling' and " ~ partijen,
        per_deelnemer=false, vervang=organisaties) }} as b
)

select * from final
