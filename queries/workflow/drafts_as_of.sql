-- Per item counted as of a date: its legal and internal deadlines and the day of its first draft
-- (the draft-on-time measure; the internal default is applied in Python, tracker/stage.py).
-- Params (named): as_of, session_id (null = all), kind (null = both).
select
    i.id, i.session_id, i.kind, i.lead_unit as unit, i.due_on, i.internal_due_on, i.status,
    (select min(on_date) from item_milestones as m
        where m.item_id = i.id and m.kind = 'draft_submitted' and m.on_date <= $as_of) as drafted_on
from items_as_of($as_of) as i
where ($session_id is null or i.session_id = $session_id) and ($kind is null or i.kind = $kind)
    and i.status <> 'transferred';
