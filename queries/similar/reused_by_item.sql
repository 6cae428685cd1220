-- The replies an item's reply was started from, newest first.
-- Params: item_id.
select reused_id, reused_by, reused_at
from reply_reuse
where item_id = ?
order by reused_at desc;
