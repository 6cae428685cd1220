-- The four buckets and result categories per session x kind x lead unit, as of a date.
-- Params (named): as_of, session_id (null = all), kind (null = both), unit (null = all).
-- (Like stats/by_session: a bare aggregate; Tracker.stats_by_unit names and orders the rows.)
select
    session_id, kind, lead_unit as unit,
    count(*) filter (where status <> 'transferred') as total,
    count(*) filter (where status in ('replied_on_time', 'replied_late')) as replied,
    count(*) filter (where status = 'replied_on_time') as replied_on_time,
    count(*) filter (where status = 'replied_late') as replied_late,
    count(*) filter (where status = 'open_not_due') as open_not_due,
    count(*) filter (where status = 'overdue') as overdue,
    count(*) filter (where status = 'transferred') as transferred,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'resolved') as resolved,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'being_resolved') as being_resolved,
    count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'explained') as explained
from items_as_of($as_of)
where ($session_id is null or session_id = $session_id)
    and ($kind is null or kind = $kind)
    and ($unit is null or lead_unit = $unit)
group by session_id, kind, lead_unit;
