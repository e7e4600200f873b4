{#
  Privacy masks (issue 12; data contract v2, audit.quarantaine): no delivered name reaches the
  published warehouse, whatever column it was typed in.
#}

{# A free-text value that equals a name seen in a name column is replaced by ‹verborgen›. #}
{% macro verberg_namen(kolom, namen) -%}
    case
        when lower(trim({{ kolom }})) in (select naam from {{ namen }}) then '‹verborgen›'
        else {{ kolom }}
    end
{%- endmacro %}

{#
  audit.quarantaine.waarde as the contract allows it to be published: the raw value only when it
  is empty, a number (also "€ 10.000,00", "60 %", "-2,5"), a date as delivered (also an
  impossible one such as "31-02-2025") or a spreadsheet error value (#N/A, #DIV/0!, ...); any
  other text may be a person's name in the wrong column and is published as ‹verborgen›. The
  raw value stays in the landing database.
#}
{% macro publiceerbare_waarde(kolom) -%}
    {#- Whitespace is [ \t\n\f\r], not \s (the same on DuckDB and PostgreSQL: regex_full_match). -#}
    {%- set getal -%}
        '[+-]?[ \t\n\f\r]*€?[ \t\n\f\r]*[+-]?[0-9]+([., \t\n\f\r][0-9]+)*([eE][+-]?[0-9]+)?[ \t\n\f\r]*%?'
    {%- endset -%}
    {%- set datum -%}
        '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?'
    {%- endset -%}
    {%- set foutwaarde -%}
        '#(N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA|EXTERNAL!|PYTHON!)'
    {%- endset -%}
    case
        when {{ kolom }} is null or trim({{ kolom }}) = '' then {{ kolom }}
        when {{ regex_full_match('trim(' ~ kolom ~ ')', getal) }} then {{ kolom }}
        when {{ regex_full_match('trim(' ~ kolom ~ ')', datum) }} then {{ kolom }}
        when {{ regex_full_match('upper(trim(' ~ kolom ~ '))', foutwaarde) }} then {{ kolom }}
        else '‹verborgen›'
    end
{%- endmacro %}
