-- An item's history, oldest first.
-- Params: item_id.
select id, occurred_at, actor, action, changes, reason, reason_key, reason_params
from item_events
where item_id = ?
order by occurred_at, id;
