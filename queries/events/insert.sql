-- Append one event to an item's history, with the item version it produced.
-- Params: item_id, actor, action, changes (JSON text), reason, version, reason_key (or null), reason_params (JSON text or null).
insert into item_events (item_id, actor, action, changes, reason, version, reason_key, reason_params) values (?, ?, ?, ?, ?, ?, ?, ?);
