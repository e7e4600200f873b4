{#
  Proposed portable macros for the product's models (issue 18, item 2), proven here on both
  engines by tests/postgres (the smoke model marts/portabel.sql). Move this file to
  dbt_project/macros/ when the models are made portable. Use dbt's own cross-database macros
  where they exist and agree on both engines: dbt.datediff(a, b, 'day'), dbt.concat,
  dbt.type_numeric(). Not dbt.type_float(): it renders `float`, which is a 4-byte REAL on DuckDB.
#}

{# An ISO date text 'YYYY-MM-DD' (DuckDB strftime; PostgreSQL to_char, independent of the
   server's DateStyle). #}
{% macro date_iso(expr) -%}
    {{ return(adapter.dispatch('date_iso')(expr)) }}
{%- endmacro %}
{% macro default__date_iso(expr) -%}to_char({{ expr }}, 'YYYY-MM-DD'){%- endmacro %}
{% macro duckdb__date_iso(expr) -%}strftime({{ expr }}, '%Y-%m-%d'){%- endmacro %}

{# A date from year, month, day. PostgreSQL's make_date takes integers only (extract gives
   numeric there, sums give bigint). #}
{% macro date_from_parts(year, month, day) -%}
    {{ return(adapter.dispatch('date_from_parts')(year, month, day)) }}
{%- endmacro %}
{% macro default__date_from_parts(year, month, day) -%}
    make_date(cast({{ year }} as integer), cast({{ month }} as integer), cast({{ day }} as integer))
{%- endmacro %}
{% macro duckdb__date_from_parts(year, month, day) -%}
    make_date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{# The year as an integer: extract() is bigint on DuckDB and numeric on PostgreSQL. #}
{% macro year_of(expr) -%}cast(extract(year from {{ expr }}) as integer){%- endmacro %}

{# 8-byte float on both engines (`double` is no type in PostgreSQL; `float` is 4 bytes in
   DuckDB). #}
{% macro type_double() -%}double precision{%- endmacro %}

{# Round half away from zero to n decimals in exact decimal arithmetic on both engines.
   PostgreSQL has no round(double precision, int); DuckDB rounds a double via its binary value
   (round(2.675, 2) on a double gives 2.67) while PostgreSQL's numeric gives 2.68. Going through
   decimal(38,10) first makes both give 2.68. Result: decimal (cast to type_double() where the
   published column is a double). #}
{% macro round_decimal(expr, decimals) -%}
    round(cast({{ expr }} as decimal(38, 10)), {{ decimals }})
{%- endmacro %}
