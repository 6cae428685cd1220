-- How many items sit at each workflow stage, and how many of those are past the legal deadline,
-- per session x kind, as of a date (the progress page's pipeline chart). Params (named): as_of, session_id (null = all), kind (null = both).
select session_id, kind, stage, count(*) as n, count(*) filter (where status = 'overdue') as overdue
from items_stage_as_of($as_of)
where ($session_id is null or session_id = $session_id) and ($kind is null or kind = $kind)
group by session_id, kind, stage;
