-- Record that an item's reply was started from another item's reply.
-- Params: item_id, reused_id, reused_by.
insert into reply_reuse (item_id, reused_id, reused_by)
values (?, ?, ?);
