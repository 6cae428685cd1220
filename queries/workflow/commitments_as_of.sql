-- "Being resolved" replies counted as of a date, with their committed date and the day they were done (if by then).
-- Params (named): as_of, session_id (null = all), kind (null = both).
select
    i.id, i.session_id, i.kind, i.lead_unit as unit, i.committed_on,
    (select min(on_date) from item_milestones as m
        where m.item_id = i.id and m.kind = 'commitment_done' and m.on_date <= $as_of) as done_on
from items_as_of($as_of) as i
where i.status in ('replied_on_time', 'replied_late') and i.result = 'being_resolved'
    and ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind);
