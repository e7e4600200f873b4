-- Data contract v2, marts.herkomst: one row per row of marts.indicatoren (same key), and none
-- without one. (That each herkomst query returns its row's waarde is checked by running them:
-- tests/warehouse/test_herkomst.py.)
with indicatoren as (select * from {{ ref('indicatoren') }}),
herkomst as (select * from {{ ref('herkomst') }})

select coalesce(i.indicator_id, h.indicator_id) as indicator_id,
    coalesce(i.jaar, h.jaar) as jaar,
    coalesce(i.deelnemer_code, h.deelnemer_code) as deelnemer_code
from indicatoren as i
full outer join herkomst as h
    on h.indicator_id = i.indicator_id
    and h.jaar = i.jaar
    and h.deelnemer_code is not distinct from i.deelnemer_code
where i.indicator_id is null or h.indicator_id is null
