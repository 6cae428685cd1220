-- The items overdue longest as of a date (the weekly digest), oldest deadline first.
-- Params: as_of, limit.
select id, kind, ref_no, summary, lead_unit, due_on
from items_as_of(?)
where status = 'overdue'
order by due_on, id
limit ?;
