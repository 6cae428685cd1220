-- Per lead unit, its open items overdue or due by a day as of a date (what its công văn đôn đốc would list).
-- Params: as_of (three times), until.
select i.lead_unit, count(*) as n
from items as i
where i.lead_unit is not null
    and i.archived_at is null
    and i.received_on <= ?
    and (i.responded_on is null or i.responded_on > ?)
    and (i.transferred_on is null or i.transferred_on > ?)
    and i.due_on <= ?
group by i.lead_unit
order by i.lead_unit;
