-- Open items with a computed deadline (not set by a person or a file), grouped by what decides it: receipt date, period in days (the stored facts' days; in older rows, the basis "+ N ngày"), stored deadline.
-- Params: none. A few thousand groups at most, however many items: cheap enough for every start.
select received_on, due_on, coalesce(json_extract_string(due_facts, '$.days'), regexp_extract(due_basis, '\+ (\d{1,3}) ', 1)) as period
from items
where due_override_reason = '' and responded_on is null and transferred_on is null and archived_at is null
group by all;
