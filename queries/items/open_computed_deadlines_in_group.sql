-- The open items with a computed deadline in one group of open_computed_deadline_groups.
-- Params: received_on, due_on, period (digits as text).
select id, due_on, version
from items
where due_override_reason = '' and responded_on is null and transferred_on is null and archived_at is null
    and received_on = ? and due_on = ?
    and coalesce(json_extract_string(due_facts, '$.days'), regexp_extract(due_basis, '\+ (\d{1,3}) ', 1)) = ?;
