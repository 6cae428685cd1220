-- "Being resolved" replies whose committed date passed before a date with no completion on or before it (the unit's to chase).
-- Params: as_of (three times). Same rule as tracker.usecases.workflow_commitments.commitment_as_of (overdue).
select i.id, i.kind, i.ref_no, i.summary, i.lead_unit, i.due_on, i.committed_on
from items as i
where i.lead_unit is not null
    and i.archived_at is null
    and i.result = 'being_resolved'
    and i.responded_on is not null and i.responded_on <= ?
    and i.committed_on is not null and i.committed_on < ?
    and not exists (
        select 1 from item_milestones as m
        where m.item_id = i.id and m.kind = 'commitment_done' and m.on_date <= ?
    )
order by i.lead_unit, i.committed_on, i.id;
