-- An item's milestones in the order they were recorded.
-- Params: item_id.
select id, kind, unit, on_date, due_on, body, document_no, file_sha256, actor, occurred_at
from item_milestones where item_id = ? order by id;
