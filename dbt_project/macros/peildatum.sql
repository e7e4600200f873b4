{# The reference date as a DATE literal (var peildatum, set by python -m warehouse build). #}
{% macro peildatum() -%}
    cast('{{ var("peildatum") }}' as date)
{%- endmacro %}
