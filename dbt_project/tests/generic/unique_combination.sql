{# A combination of columns is unique (NULLs compare equal, as for a region-wide row). #}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as aantal
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
