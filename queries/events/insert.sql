-- Append one event to an item's history, with the item version it produced.
-- Params: item_id, actor, action, changes (JSON text), reason, version.
insert into item_events (item_id, actor, action, changes, reason, version) values (?, ?, ?, ?, ?, ?);
