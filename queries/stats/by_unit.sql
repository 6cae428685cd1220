-- The four buckets and result categories per session x kind x lead unit, as of a date.
-- Params (named): as_of, session_id (null = all), kind (null = both), unit (null = all).
-- (Like stats/by_session: a bare aggregate; Tracker.stats_by_unit names and orders the rows.)
select session_id, kind, lead_unit as unit, unnest(status_counts(status, result))
from items_as_of($as_of)
where ($session_id is null or session_id = $session_id)
    and ($kind is null or kind = $kind)
    and ($unit is null or lead_unit = $unit)
group by session_id, kind, lead_unit;
