-- Every municipality of the organisation seed has exactly one inhabitants figure, and nothing
-- else has one (issue 14 item 6: the per-inhabitant view compares municipalities only).
with gemeenten as (
    select code from {{ ref('seed_organisaties') }} where soort = 'gemeente'
),

inwoners as (select deelnemer_code from {{ ref('inwoners') }})

select coalesce(g.code, i.deelnemer_code) as deelnemer_code,
       case when i.deelnemer_code is null then 'geen inwonertal' else 'geen gemeente' end as fout
from gemeenten as g
full outer join inwoners as i on i.deelnemer_code = g.code
where g.code is null or i.deelnemer_code is null
