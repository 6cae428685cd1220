-- Append one event to an item's history.
-- Params: item_id, actor, action, changes (JSON text), reason.
insert into item_events (item_id, actor, action, changes, reason) values (?, ?, ?, ?, ?);
