{#
  SQL that DuckDB and PostgreSQL run with the same values (issue 18; data contract v2,
  "server-class warehouse": `python -m warehouse build --target postgres` runs this project on
  PostgreSQL and publishes the same vth.duckdb). Only where the two dialects differ; dbt's own
  cross-database macros where they exist and agree: dbt.datediff(a, b, 'day') (DuckDB
  date_diff, PostgreSQL date subtraction: whole days on both).
  Compared row for row on both engines by tests/postgres (the fixture deliveries, and the smoke
  model smoke_project/models/marts/portabel.sql for these macros by hand).

  Rules the models follow besides these macros (docs/performance.md, "PostgreSQL"):
  - never divide an integer by an integer (PostgreSQL truncates, DuckDB does not): one side is
    a decimal (100.0 * ..., a decimal column) and the ratio is cast to decimal(38, 9) before it
    is rounded (DuckDB divides decimals in double precision, PostgreSQL in numeric: nine
    decimals are exact on both);
  - round() only on decimals (PostgreSQL has no round(double precision, int));
  - the year of a date as cast(extract(year from x) as integer) (extract is numeric on
    PostgreSQL, bigint on DuckDB);
  - no QUALIFY, `* exclude`, `union all by name`, `group by all`, list or struct functions.
#}

{# 8-byte float on both engines: `double` is no type name in PostgreSQL, and dbt.type_float()
   renders `float`, a 4-byte REAL on DuckDB. #}
{% macro type_double() -%}double precision{%- endmacro %}

{# A date as ISO text 'YYYY-MM-DD': DuckDB strftime; PostgreSQL to_char (a cast to text would
   follow the server's DateStyle). #}
{% macro date_iso(expr) -%}
    {{ return(adapter.dispatch('date_iso')(expr)) }}
{%- endmacro %}
{% macro default__date_iso(expr) -%}to_char({{ expr }}, 'YYYY-MM-DD'){%- endmacro %}
{% macro duckdb__date_iso(expr) -%}strftime({{ expr }}, '%Y-%m-%d'){%- endmacro %}

{# A date from year, month and day. PostgreSQL's make_date takes integers only (a sum is
   bigint there, extract numeric); DuckDB widens the integers itself. #}
{% macro date_from_parts(year, month, day) -%}
    make_date(cast({{ year }} as integer), cast({{ month }} as integer), cast({{ day }} as integer))
{%- endmacro %}

{#
  True when the whole text matches `pattern`, a quoted SQL string literal with a regular
  expression in the syntax both engines share (DuckDB RE2, PostgreSQL ARE): literals, [...],
  ( | ), ?, *, +, {m,n}, \. \? and the escapes \t \n \f \r. Not \s, \d or \w: their meaning
  differs (PostgreSQL's \s also matches a vertical tab and, with a UTF-8 LC_CTYPE, Unicode
  spaces; RE2's does not): write [ \t\n\f\r] and [0-9].
#}
{% macro regex_full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match')(expr, pattern)) }}
{%- endmacro %}
{% macro default__regex_full_match(expr, pattern) -%}
    ({{ expr }} ~ '^(?:{{ pattern.strip()[1:-1] }})$')
{%- endmacro %}
{% macro duckdb__regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, {{ pattern }})
{%- endmacro %}
