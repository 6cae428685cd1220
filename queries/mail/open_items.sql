-- The open items with a lead unit as of a date: received by then, not replied or transferred by then, not archived.
-- Params: as_of (three times). Reminders and the công văn đôn đốc are computed from these.
select i.id, i.kind, i.ref_no, i.summary, i.lead_unit, i.due_on, i.received_on, i.session_id
from items as i
where i.lead_unit is not null
    and i.archived_at is null
    and i.received_on <= ?
    and (i.responded_on is null or i.responded_on > ?)
    and (i.transferred_on is null or i.transferred_on > ?)
order by i.lead_unit, i.due_on, i.id;
