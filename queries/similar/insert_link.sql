-- A confirmed link between two items. Returns its id.
-- Params: kind, item_id, earlier_id, score, created_by, sources_before.
insert into item_links (kind, item_id, earlier_id, score, created_by, sources_before)
values (?, ?, ?, ?, ?, ?)
returning id;
