-- How many items sit at each workflow stage per session x kind (x lead unit), as of a date.
-- Params (named): as_of, session_id (null = all), kind (null = both).
select session_id, kind, lead_unit as unit, stage, count(*) as n
from items_stage_as_of($as_of)
where ($session_id is null or session_id = $session_id) and ($kind is null or kind = $kind)
group by session_id, kind, lead_unit, stage;
