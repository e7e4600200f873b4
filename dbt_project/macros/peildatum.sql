{# The reference date as a DATE literal (var peildatum, set by python -m warehouse build). #}
{% macro peildatum() -%}
    cast('{{ var("peildatum") }}' as date)
{%- endmacro %}

{#
  A norm pro rata up to peildatum, rounded to the cent/hundredth as published
  (evaluatiekader v2 decisions 1 and 3): norm x dagen_verstreken / dagen_in_jaar. The columns
  come from int_jaren (closed years: all days, so the full norm). The division happens in the
  engine's arithmetic; the cast to 9 decimals before the final rounding removes binary noise so
  the half-cent rounds as decimal arithmetic would.
#}
{% macro naar_rato(norm, jaren='jaren') -%}
    round(
        cast(
            {{ norm }} * {{ jaren }}.dagen_verstreken / cast({{ jaren }}.dagen_in_jaar as decimal(18, 4))
            as decimal(38, 9)
        ),
        2
    )
{%- endmacro %}
