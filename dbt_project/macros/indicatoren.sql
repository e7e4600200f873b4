{#
  Indicator values and their herkomst from ONE definition (evaluatiekader v2 decisions 3 and 8).

  indicator_waarden(bron, bron_mart, sleutels, definities, filter, jaar_kolom, per_deelnemer,
                    vervang)
  returns a subquery with one row per key of `sleutels` and per definition:
    indicator_id, jaar, deelnemer_code, waarde (decimal, rounded to 2 decimals),
    bron_mart, filter_sql, aggregatie_sql
  such that `select round(<aggregatie_sql>, 2) from marts.<bron_mart> where <filter_sql>`
  returns waarde (data contract v2, marts.herkomst). The build computes the value with the very
  same aggregate and filter text over `bron`, the intermediate model that marts.<bron_mart>
  publishes unchanged, so value and herkomst cannot drift apart.

  - bron: the relation the build reads (an int_ model with the columns of marts.<bron_mart>).
  - bron_mart: the published table named in marts.herkomst.
  - sleutels: a relation with (jaar, deelnemer_code): the rows to publish. A key without source
    rows gets the aggregate over no rows (0 for a count, NULL for a ratio), as the herkomst
    query gives it.
  - definities: list of [indicator_id, aggregatie_sql]; all share bron, filter and keys, so
    they are computed in one pass over the source.
  - filter: a predicate on the source rows besides year and participant ('' = none). It may
    name other marts (marts.organisaties); `vervang` maps such names to the relation the build
    reads instead.
  - jaar_kolom: the source column that holds the year (none: the value is for the year of
    peildatum only and the filter does not name a year).
  - per_deelnemer: true = one value per participant (the filter names it), false = region.
#}
{% macro indicator_waarden(
    bron, bron_mart, sleutels, definities, filter='', jaar_kolom='jaar', per_deelnemer=true,
    vervang={}
) -%}
{%- set ns = namespace(filter_model=filter) -%}
{%- for naam, relatie in vervang.items() -%}
    {%- set ns.filter_model = ns.filter_model | replace(naam, relatie | string) -%}
{%- endfor -%}
{%- set delen = [] -%}
{%- if filter -%}{%- do delen.append("'" ~ (filter | replace("'", "''")) ~ "'") -%}{%- endif -%}
{%- if jaar_kolom -%}
    {%- do delen.append("'" ~ jaar_kolom ~ " = ' || cast(samen.jaar as varchar)") -%}
{%- endif -%}
{%- if per_deelnemer -%}
    {%- do delen.append("'deelnemer_code = ''' || samen.deelnemer_code || ''''") -%}
{%- endif -%}
{%- set filter_sql = (delen | join(" || ' and ' || ")) if delen else "'true'" -%}
(
    with groep as (
        select
            {{ jaar_kolom if jaar_kolom else 'cast(null as integer)' }} as jaar,
            {{ 'deelnemer_code' if per_deelnemer else 'cast(null as varchar)' }} as deelnemer_code,
            true as gevonden,
            {%- for definitie in definities %}
            cast(round({{ definitie[1] }}, 2) as decimal(38, 2)) as w{{ loop.index }}
            {{- ',' if not loop.last }}
            {%- endfor %}
        from {{ bron }}
        {% if filter %}where {{ ns.filter_model }}{% endif %}
        {% if jaar_kolom or per_deelnemer -%}
        group by
            {{- ' ' ~ jaar_kolom if jaar_kolom }}
            {{- ',' if jaar_kolom and per_deelnemer }}
            {{- ' deelnemer_code' if per_deelnemer }}
        {%- endif %}
    ),

    leeg as (
        select
            {%- for definitie in definities %}
            cast(round({{ definitie[1] }}, 2) as decimal(38, 2)) as w{{ loop.index }}
            {{- ',' if not loop.last }}
            {%- endfor %}
        from {{ bron }}
        where 1 = 0
    ),

    samen as (
        select
            sleutels.jaar,
            sleutels.deelnemer_code,
            {%- for definitie in definities %}
            case when groep.gevonden then groep.w{{ loop.index }} else leeg.w{{ loop.index }} end
                as w{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ sleutels }} as sleutels
        cross join leeg
        left join groep
            on {{ 'groep.jaar = sleutels.jaar' if jaar_kolom else 'true' }}
            {%- if per_deelnemer %} and groep.deelnemer_code = sleutels.deelnemer_code{% endif %}
    )

    {% for definitie in definities -%}
    select
        cast('{{ definitie[0] }}' as varchar) as indicator_id,
        samen.jaar,
        samen.deelnemer_code,
        samen.w{{ loop.index }} as waarde,
        cast('{{ bron_mart }}' as varchar) as bron_mart,
        cast({{ filter_sql }} as varchar) as filter_sql,
        cast('{{ definitie[1] | replace("'", "''") }}' as varchar) as aggregatie_sql
    from samen
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)
{%- endmacro %}

{#
  bijdrage_vervulling (003 Art. 7.3): 100 x (hours / hour norm + substitute payment / EUR 10,000),
  hours "or" money, "deels of geheel". A zero hour norm (a represented party) gives NULL. One
  expression for the per-party column of marts.bijdragen_per_deelnemer and the indicator.
#}
{% macro vervulling(uren, urennorm, bedrag, bedragnorm) -%}
    cast(100 * ({{ uren }} / nullif({{ urennorm }}, 0) + {{ bedrag }} / nullif({{ bedragnorm }}, 0)) as decimal(38, 9))
{%- endmacro %}

{#
  The cooperation's officers (data contract v2, presentie; evaluatiekader v2 decision 5): a row
  with rol secretaris, or rol voorzitter outside the PHO, is the independent chair or the
  coordinating secretary (employed by the host) and counts for no participant's attendance.
  The PHO's chair is a party's administrator and counts for that party.
#}
{% macro is_functionaris(rol, gremium) -%}
    coalesce({{ rol }} = 'secretaris' or ({{ rol }} = 'voorzitter' and {{ gremium }} <> 'pho'), false)
{%- endmacro %}
